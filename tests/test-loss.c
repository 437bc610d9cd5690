#line 16 "chapters/companion/03-focal-loss.nw"
/* test-loss.c: the losses against values the code did not make. */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include "check.h"
#include "loss.h"

#line 1047 "chapters/companion/03-focal-loss.nw"
/* |dFL/dx| / |dCE/dx| at P_T, without alpha, from loss_eval. */
static double grad_ratio(double gamma, double p_t)
{
    loss_spec fl = {LOSS_FOCAL, gamma, LOSS_ALPHA_OFF, 0};
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    double x = log(p_t) - log1p(-p_t), g_fl, g_ce;
    loss_eval(&fl, x, 1, &g_fl);
    loss_eval(&ce, x, 1, &g_ce);
    return g_fl / g_ce;
}

typedef struct { double ratio, p_t, one; } grad_peak;
#line 1062 "chapters/companion/03-focal-loss.nw"
/* The peak of grad_ratio over p_t, where it is, and the p_t above
   the peak at which the ratio is 1 again. */
static grad_peak grad_ratio_peak(double gamma)
{
    const double phi = 0.6180339887498949;
    double a = 1e-9, b = 0.9;
    double c = b - phi * (b - a), d = a + phi * (b - a);
    for (int i = 0; i < 200; i++) {
        if (grad_ratio(gamma, c) > grad_ratio(gamma, d)) b = d;
        else a = c;
        c = b - phi * (b - a);
        d = a + phi * (b - a);
    }
    grad_peak r = {grad_ratio(gamma, (a + b) / 2), (a + b) / 2, 0};
    double lo = r.p_t, hi = 1 - 1e-9;          /* ratio > 1 at lo */
    for (int i = 0; i < 200; i++) {
        double m = (lo + hi) / 2;
        if (grad_ratio(gamma, m) > 1) lo = m; else hi = m;
    }
    r.one = (lo + hi) / 2;
    return r;
}

#line 25 "chapters/companion/03-focal-loss.nw"
int main(void)
{
    check_t c = {"loss", 0, 0};
    
#line 48 "chapters/companion/03-focal-loss.nw"
{
    static const struct {
        loss_kind kind; double gamma, beta, x; int t;
        double loss, grad, tol;
    } ref[] = {
        {LOSS_CE, 0, 0, 0.0, 1, 0.693147, -0.5, 5e-7},
        {LOSS_CE, 0, 0, 2.0, 0, 2.126928, 0.880797, 5e-7},
        {LOSS_FOCAL, 2, 0, 0.0, 1, 0.173287, -0.298287, 5e-7},
        {LOSS_FOCAL, 2, 0, 2.0, 1, 0.00180356, -0.00487094, 5e-9},
        {LOSS_FOCAL, 2, 0, 1.5, 0, 1.137272, 0.961425, 5e-7},
        {LOSS_FOCAL, 0.5, 0, 0.7, 1, 0.232248, -0.268727, 5e-7},
        {LOSS_FOCAL_STAR, 2, 1, 0.0, 1, 0.156631, -0.268941, 5e-7},
        {LOSS_FOCAL_STAR, 4, 0, 1.0, 0, 1.004537, 0.982014, 5e-7},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        loss_spec s = {ref[i].kind, ref[i].gamma, LOSS_ALPHA_OFF,
                       ref[i].beta};
        double g, l = loss_eval(&s, ref[i].x, ref[i].t, &g);
        check_near(&c, l, ref[i].loss, ref[i].tol,
                   "reference row %zu: loss", i + 1);
        check_near(&c, g, ref[i].grad, ref[i].tol,
                   "reference row %zu: gradient", i + 1);
    }
}
#line 29 "chapters/companion/03-focal-loss.nw"
    
#line 80 "chapters/companion/03-focal-loss.nw"
{
    loss_spec fl = {LOSS_FOCAL, 2, LOSS_ALPHA_OFF, 0};
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    double pt[] = {0.5, 0.9, 1 - sqrt(0.001)};
    static const double want[] = {0.25, 0.01, 0.001};
    check_rel(&c, loss_eval(&fl, 0, 1, NULL), log(2) / 4, 1e-15,
              "FL(x = 0) = log 2 / 4 at gamma 2");
    for (int i = 0; i < 3; i++) {
        double p = pt[i], x = log(p) - log1p(-p);
        check_rel(&c, loss_eval(&fl, x, 1, NULL)
                      / loss_eval(&ce, x, 1, NULL), want[i], 1e-12,
                  "FL / CE = %g at p_t = %.6f", want[i], p);
    }
}
#line 30 "chapters/companion/03-focal-loss.nw"
    
#line 104 "chapters/companion/03-focal-loss.nw"
{
    loss_spec k[2] = {{LOSS_FOCAL, 0, LOSS_ALPHA_OFF, 0},
                      {LOSS_CE, 2, LOSS_ALPHA_OFF, 0}};
    double worst = 0;
    for (int j = 0; j < 2; j++)
        for (int i = -80; i <= 80; i++)
            for (int t = 0; t <= 1; t++) {
                double x = i / 2.0, g, l = loss_eval(&k[j], x, t, &g);
                double want = fmax(x, 0) - x * t + log1p(exp(-fabs(x)));
                double dwant = t ? -1 / (1 + exp(x))
                                 : 1 / (1 + exp(-x));
                worst = fmax(worst, fabs(l - want) / want);
                worst = fmax(worst, fabs(g - dwant) / fabs(dwant));
            }
    check_true(&c, worst < 1e-14, "gamma 0 and CE are binary cross"
               " entropy, |x| <= 40 (worst relative error %.2g)",
               worst);
}
#line 31 "chapters/companion/03-focal-loss.nw"
    
#line 130 "chapters/companion/03-focal-loss.nw"
{
    static const double gs[] = {0.5, 1, 2, 4};
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    double worst = 0, worst_ce = 0;
    for (int j = 0; j < 4; j++)
        for (int i = -60; i <= 60; i++)
            for (int t = 0; t <= 1; t++) {
                loss_spec s = {LOSS_FOCAL_STAR, gs[j],
                               LOSS_ALPHA_OFF, 0};
                double x = i / 2.0, y = t ? 1 : -1, g;
                double l = loss_eval(&s, x, t, &g);
                double want = log1p(exp(-gs[j] * y * x)) / gs[j];
                double dwant = -y / (1 + exp(gs[j] * y * x));
                worst = fmax(worst, fabs(l - want) / want);
                worst = fmax(worst, fabs(g - dwant) / fabs(dwant));
                if (gs[j] == 1)
                    worst_ce = fmax(worst_ce, fabs(l - loss_eval(&ce,
                                    x, t, NULL)) / l);
            }
    check_true(&c, worst < 1e-13, "FL* with beta 0 is -log sigmoid"
               "(gamma x_t) / gamma (worst relative error %.2g)",
               worst);
    check_true(&c, worst_ce < 1e-14, "FL* with gamma 1, beta 0 is CE");
}
#line 32 "chapters/companion/03-focal-loss.nw"
    
#line 164 "chapters/companion/03-focal-loss.nw"
{
    int ok = 1;
    for (int i = -1000; i <= 1000; i += 5) {
        double z = i;
        ok &= fabs(loss_softplus(z) - loss_softplus(-z) - z)
              <= 1e-15 * fmax(1, fabs(z));
        ok &= fabs(loss_sigmoid(z) + loss_sigmoid(-z) - 1)
              <= DBL_EPSILON;
    }
    check_true(&c, ok, "softplus(z) - softplus(-z) = z and sigmoid(z)"
               " + sigmoid(-z) = 1 for |z| <= 1000");
    
#line 180 "chapters/companion/03-focal-loss.nw"
for (int k = LOSS_CE; k <= LOSS_FOCAL_STAR; k++) {
    loss_spec on = {(loss_kind)k, 2, 0.3, 0.5}, off = on;
    off.alpha = LOSS_ALPHA_OFF;
    int lin = 1;
    for (int i = -12; i <= 12; i++)
        for (int t = 0; t <= 1; t++) {
            double a_t = t ? 0.3 : 0.7, g1, g0;
            double l1 = loss_eval(&on, i / 2.0, t, &g1);
            double l0 = loss_eval(&off, i / 2.0, t, &g0);
            lin &= fabs(l1 - a_t * l0) <= 1e-15 * l1
                   && fabs(g1 - a_t * g0) <= 1e-15 * fabs(g1);
        }
    check_true(&c, lin, "kind %d: alpha weights positives, 1 - alpha"
               " negatives, linearly", k);
}
#line 176 "chapters/companion/03-focal-loss.nw"
}
#line 33 "chapters/companion/03-focal-loss.nw"
    
#line 252 "chapters/companion/03-focal-loss.nw"
{
    loss_fd_report r = loss_worst_gradient_error();
    check_true(&c, r.worst < 1e-6, "gradient = central difference in"
               " %ld cases (worst relative error %.2g at kind %d, "
               "gamma %g, alpha %g, x %g, t %d)", r.cases, r.worst,
               r.kind, r.gamma, r.alpha, r.x, r.t);
}
#line 34 "chapters/companion/03-focal-loss.nw"
    
#line 269 "chapters/companion/03-focal-loss.nw"
{
    static const double ends[] = {-DBL_MAX, -1e308, 1e308, DBL_MAX};
    long n = 0, bad = 0, uphill = 0;
    for (int k = LOSS_CE; k <= LOSS_FOCAL_STAR; k++)
        for (int j = 0; j <= 100; j++)
            for (int a = 0; a < 2; a++)
                for (int i = -1400; i <= 1404; i++) {
                    loss_spec s = {(loss_kind)k, j * 0.05,
                                   a ? 0.25 : LOSS_ALPHA_OFF, 1.0};
                    if (loss_spec_check(&s) != NULL)
                        continue;
                    double x = i <= 1400 ? i / 2.0 : ends[i - 1401];
                    for (int t = 0; t <= 1; t++) {
                        double g, l = loss_eval(&s, x, t, &g);
                        n++;
                        bad += !isfinite(l) || !isfinite(g) || l < 0;
                        uphill += (t ? g : -g) > 0;
                    }
                }
    check_true(&c, bad == 0, "finite, non-negative loss and gradient"
               " in %ld cases, gamma 0..5, |x| <= 700 and extremes", n);
    check_true(&c, uphill == 0, "d loss / d x_t <= 0 in all cases");
}
#line 35 "chapters/companion/03-focal-loss.nw"
    
#line 297 "chapters/companion/03-focal-loss.nw"
{
    loss_spec d = loss_spec_default(), s;
    check_true(&c, loss_spec_check(&d) == NULL, "the default is valid");
#define SPEC(field, value, valid) (s = d, s.field = (value), \
    check_true(&c, (loss_spec_check(&s) == NULL) == (valid), \
               "%s = %s is %s", #field, #value, \
               (valid) ? "valid" : "refused"))
    SPEC(gamma, 0.0, 1); SPEC(gamma, 20.0, 1); SPEC(gamma, 20.001, 0);
    SPEC(gamma, -0.001, 0); SPEC(gamma, NAN, 0);
    SPEC(alpha, 0.0, 1); SPEC(alpha, 1.0, 1); SPEC(alpha, 1.001, 0);
    SPEC(alpha, LOSS_ALPHA_OFF, 1); SPEC(alpha, -0.5, 0);
    SPEC(alpha, NAN, 0); SPEC(beta, 100.0, 1); SPEC(beta, -101.0, 0);
    SPEC(beta, NAN, 0); SPEC(kind, (loss_kind)7, 0);
    d.kind = LOSS_FOCAL_STAR;
    SPEC(gamma, 0.01, 1); SPEC(gamma, 0.0, 0);
#undef SPEC
}
#line 36 "chapters/companion/03-focal-loss.nw"
    
#line 322 "chapters/companion/03-focal-loss.nw"
{
    double b = loss_prior_bias(0.01);
    check_near(&c, b, -4.595120, 5e-7, "prior bias for pi = .01");
    check_rel(&c, b, -log(99.0), 1e-15, "prior bias = -log 99");
    check_rel(&c, loss_sigmoid(b), 0.01, 1e-15, "sigmoid(b) = .01");
    check_true(&c, isnan(loss_prior_bias(0))
                   && isnan(loss_prior_bias(1)),
               "no prior bias for pi = 0 or 1");
    loss_spec fl = loss_spec_default();
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    check_near(&c, loss_eval(&fl, b, 0, NULL), 7.54e-7, 5e-10,
               "initial FL of a negative");
    check_near(&c, loss_eval(&fl, b, 1, NULL), 1.1284, 5e-5,
               "initial FL of a positive");
    check_near(&c, loss_eval(&ce, b, 0, NULL), 0.01005, 5e-6,
               "initial CE of a negative");
    check_near(&c, loss_eval(&ce, b, 1, NULL), 4.6052, 5e-5,
               "initial CE of a positive");
}
#line 37 "chapters/companion/03-focal-loss.nw"
    
#line 351 "chapters/companion/03-focal-loss.nw"
{
    static const double gammas[4] = {0.5, 1, 2, 5};
    for (int j = 0; j < 4; j++) {
        double g = gammas[j], best = 0, at = 0;
        for (int i = 1; i < 1000000; i++) {
            double p = i * 1e-6;
            double r = pow(1 - p, g - 1) * (1 - p - g * p * log(p));
            if (r > best) { best = r; at = p; }
        }
        grad_peak pk = grad_ratio_peak(g);
        check_rel(&c, pk.ratio, best, 1e-9,
                  "gamma %g: peak gradient ratio on a grid", g);
        check_near(&c, pk.p_t, at, 2e-5,
                   "gamma %g: where the peak is", g);
        double q = pk.one;
        check_rel(&c, pow(1 - q, g - 1) * (1 - q - g * q * log(q)), 1.0,
                  1e-9, "gamma %g: the ratio is 1 at the crossing", g);
    }
}
#line 38 "chapters/companion/03-focal-loss.nw"
    return check_finish(&c);
}
