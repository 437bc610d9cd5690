#line 283 "chapters/92-lab.nw"
/* ex-softmax-fl-check.c: the checker of the softmax focal loss. */
#include <stdlib.h>
#include "ex-check.h"
#include "ex-softmax-fl.h"
#include "loss.h"
#include "rng.h"

enum { KMAX = 12 };
static const double gammas[] = {0, 0.5, 1, 2, 3.5};
enum { NG = sizeof gammas / sizeof gammas[0] };
#line 310 "chapters/92-lab.nw"
static void draw(rng_t *r, double *z, int *k, int *c, double spread)
{
    *k = 2 + (int)rng_below(r, 9);
    *c = (int)rng_below(r, (uint32_t)*k);
    for (int j = 0; j < *k; j++)
        z[j] = spread * (2 * rng_uniform(r) - 1);
}

static double cross_entropy(const double *z, int k, int c)
{
    double m = z[0], s = 0;
    for (int j = 1; j < k; j++) m = fmax(m, z[j]);
    for (int j = 0; j < k; j++) s += exp(z[j] - m);
    return m + log(s) - z[c];
}

static int all_finite(const double *v, int n)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
}
#line 351 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    double z[2] = {0, 0}, g[2];
    double v = softmax_focal_loss(z, 2, 0, 2, g);
    return isfinite(v) ? 1 : lab_fail(l, "z = (0, 0), c = 0, gamma = 2"
                                      " gives %g", v);
}

static int invalid(lab_t *l)
{
    static const struct { int k, c; double gamma, z0; } t[] = {
        {1, 0, 2, 0}, {0, 0, 2, 0}, {3, -1, 2, 0}, {3, 3, 2, 0},
        {3, 0, -1, 0}, {3, 0, NAN, 0}, {3, 0, INFINITY, 0},
        {3, 0, 2, NAN}, {3, 0, 2, INFINITY}, {3, 1, 2, -INFINITY}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        double z[3] = {t[i].z0, 1, 2}, g[3] = {7, 7, 7};
        double v = softmax_focal_loss(z, t[i].k, t[i].c, t[i].gamma, g);
        if (!isnan(v) || g[0] != 7 || g[1] != 7 || g[2] != 7)
            return lab_fail(l, "K = %d, c = %d, gamma = %g, z[0] = %g"
                            " gives %g%s", t[i].k, t[i].c, t[i].gamma,
                            t[i].z0, v, isnan(v) ? " but writes GRAD"
                            : "");
    }
    return 1;
}
#line 382 "chapters/92-lab.nw"
static int gamma_zero(lab_t *l)
{
    rng_t r; rng_seed(&r, 1);
    for (int n = 0; n < 200; n++) {
        double z[KMAX], g[KMAX]; char zs[300]; int k, c;
        draw(&r, z, &k, &c, 6);
        double v = softmax_focal_loss(z, k, c, 0, g);
        double ce = cross_entropy(z, k, c);
        if (!lab_close(v, ce, 1e-12, 1e-15))
            return lab_fail(l, "the loss at z = %s, c = %d is %.17g",
                            lab_vec(zs, sizeof zs, z, k), c, v);
        for (int j = 0; j < k; j++) {
            double p = exp(z[j] - z[c] - ce);   /* z_j - LSE */
            if (!lab_close(g[j], p - (j == c), 1e-10, 1e-15))
                return lab_fail(l, "d loss / d z[%d] at z = %s, c = %d"
                                " is %.17g", j, lab_vec(zs, sizeof zs,
                                z, k), c, g[j]);
        }
    }
    return 1;
}

static int two(lab_t *l)
{
    for (int i = 0; i < NG; i++)
        for (double x = -12; x <= 12; x += 0.75) {
            loss_spec s = {LOSS_FOCAL, gammas[i], LOSS_ALPHA_OFF, 0};
            double z[2] = {0.25 * x, -0.75 * x}, g[2], d;
            double want = loss_eval(&s, x, 1, &d);
            double v = softmax_focal_loss(z, 2, 0, gammas[i], g);
            if (!lab_close(v, want, 1e-9, 1e-15)
                || !lab_close(g[0], d, 1e-9, 1e-15)
                || !lab_close(g[1], -d, 1e-9, 1e-15))
                return lab_fail(l, "z = (%g, %g), c = 0, gamma = %g"
                                " gives loss %.17g, gradient (%.17g,"
                                " %.17g)", z[0], z[1], gammas[i], v,
                                g[0], g[1]);
        }
    return 1;
}
#line 428 "chapters/92-lab.nw"
static int differences(lab_t *l)
{
    rng_t r; rng_seed(&r, 2);
    for (int n = 0; n < 100; n++)
        for (int i = 0; i < NG; i++) {
            double z[KMAX], g[KMAX], h = 1e-5; char zs[300];
            int k, c;
            draw(&r, z, &k, &c, 4);
            softmax_focal_loss(z, k, c, gammas[i], g);
            for (int j = 0; j < k; j++) {
                double zj = z[j], up, down, gm = gammas[i];
                z[j] = zj + h; up = softmax_focal_loss(z, k, c, gm, 0);
                z[j] = zj - h;
                down = softmax_focal_loss(z, k, c, gm, 0);
                z[j] = zj;
                double fd = (up - down) / (2 * h);
                if (!(fabs(g[j] - fd) <= 1e-6 * (1 + fabs(fd))))
                    return lab_fail(l, "d loss / d z[%d] at z = %s,"
                                    " c = %d, gamma = %g disagrees"
                                    " with central differences by"
                                    " %.2g", j, lab_vec(zs, sizeof zs,
                                    z, k), c, gammas[i],
                                    fabs(g[j] - fd));
            }
        }
    return 1;
}

static int sums_to_zero(lab_t *l)
{
    rng_t r; rng_seed(&r, 3);
    for (int n = 0; n < 200; n++) {
        double z[KMAX], g[KMAX], s = 0, a = 0; char zs[300];
        int k, c;
        draw(&r, z, &k, &c, 8);
        softmax_focal_loss(z, k, c, gammas[n % NG], g);
        for (int j = 0; j < k; j++) s += g[j], a += fabs(g[j]);
        if (!(fabs(s) <= 1e-12 * (1 + a)))
            return lab_fail(l, "at z = %s, c = %d, gamma = %g the"
                            " gradient sums to %.3g",
                            lab_vec(zs, sizeof zs, z, k), c,
                            gammas[n % NG], s);
    }
    return 1;
}
#line 479 "chapters/92-lab.nw"
static int shift(lab_t *l)
{
    static const double by[] = {1000, -1000, 300.5, -40};
    rng_t r; rng_seed(&r, 4);
    for (int n = 0; n < 40; n++) {
        double z[KMAX], y[KMAX], g[KMAX], gy[KMAX]; char zs[300];
        int k, c;
        draw(&r, z, &k, &c, 5);
        double gamma = gammas[n % NG], b = by[n % 4];
        double v = softmax_focal_loss(z, k, c, gamma, g);
        for (int j = 0; j < k; j++) y[j] = z[j] + b;
        double w = softmax_focal_loss(y, k, c, gamma, gy);
        int ok = lab_close(v, w, 1e-9, 1e-9);
        for (int j = 0; j < k; j++)
            ok &= lab_close(g[j], gy[j], 1e-9, 1e-9);
        if (!ok)
            return lab_fail(l, "z = %s, c = %d, gamma = %g: adding %g"
                            " changes the loss from %.17g to %.17g or"
                            " the gradient", lab_vec(zs, sizeof zs, z,
                            k), c, gamma, b, v, w);
    }
    return 1;
}
#line 511 "chapters/92-lab.nw"
static int extreme(lab_t *l)
{
    static const double zc[] = {40, 800, 1e6, -800, -1e6, 0};
    for (int i = 0; i < 6; i++)
        for (int n = 0; n < NG; n++) {
            double z[3] = {zc[i], 0, i == 5 ? -1e300 : -3}, g[3];
            char zs[80];
            double v = softmax_focal_loss(z, 3, 0, gammas[n], g);
            if (!isfinite(v) || v < 0 || !all_finite(g, 3))
                return lab_fail(l, "z = %s, c = 0, gamma = %g gives"
                                " loss %g, gradient (%g, %g, %g)",
                                lab_vec(zs, sizeof zs, z, 3),
                                gammas[n], v, g[0], g[1], g[2]);
        }
    return 1;
}

static int confident_wrong(lab_t *l)
{
    for (int n = 0; n < NG; n++) {
        double z[3] = {-1000, 0, 0}, g[3];
        double v = softmax_focal_loss(z, 3, 0, gammas[n], g);
        if (!lab_close(v, 1000 + log(2), 1e-12, 0)
            || !lab_close(g[0], -1, 1e-9, 0)
            || !lab_close(g[1] + g[2], 1, 1e-9, 0))
            return lab_fail(l, "z = (-1000, 0, 0), c = 0, gamma = %g"
                            " gives loss %.17g, gradient (%g, %g, %g)",
                            gammas[n], v, g[0], g[1], g[2]);
    }
    return 1;
}

static int falls_with_gamma(lab_t *l)
{
    rng_t r; rng_seed(&r, 5);
    for (int n = 0; n < 200; n++) {
        double z[KMAX], last = INFINITY; char zs[300]; int k, c;
        draw(&r, z, &k, &c, 5);
        for (double gamma = 0; gamma <= 6; gamma += 0.5) {
            double v = softmax_focal_loss(z, k, c, gamma, NULL);
            if (!(v <= last * (1 + 1e-15)) || !(v >= 0))
                return lab_fail(l, "z = %s, c = %d: the loss at gamma"
                                " = %g is %.17g, at gamma - 0.5 %.17g",
                                lab_vec(zs, sizeof zs, z, k), c, gamma,
                                v, last);
            last = v;
        }
    }
    return 1;
}

static int null_grad(lab_t *l)
{
    double z[4] = {0.5, -1, 2, 0}, g[4];
    double a = softmax_focal_loss(z, 4, 1, 2, g);
    double b = softmax_focal_loss(z, 4, 1, 2, NULL);
    return a == b ? 1 : lab_fail(l, "z = (0.5, -1, 2, 0), c = 1,"
                                 " gamma = 2: %.17g with a gradient,"
                                 " %.17g without", a, b);
}

#line 296 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 335 "chapters/92-lab.nw"
{"a valid input gives a finite loss (implemented?)", implemented},
{"invalid arguments give NaN and leave the gradient alone", invalid},
{"gamma = 0 gives the softmax cross entropy and its gradient",
 gamma_zero},
{"K = 2 is the sigmoid focal loss of the logit difference", two},
{"every partial derivative agrees with central differences",
 differences},
{"the gradient sums to zero", sums_to_zero},
{"adding a constant to every logit changes nothing", shift},
{"extreme logits give finite losses and gradients", extreme},
{"a confident wrong answer costs its margin", confident_wrong},
{"the loss falls as gamma rises", falls_with_gamma},
{"a NULL gradient pointer is allowed", null_grad},
#line 300 "chapters/92-lab.nw"
    };
    return lab_run("softmax-fl", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
