#line 671 "chapters/92-lab.nw"
/* ex-easy-share-check.c: the checker of the easy negatives' share. */
#include <stdlib.h>
#include "ex-check.h"
#include "ex-easy-share.h"
#include "loss.h"
#include "rng.h"

enum { NMAX = 1100 };
#line 697 "chapters/92-lab.nw"
static int hand_set(double *x, int *y)
{
    x[0] = 0; y[0] = 1;
    for (int i = 1; i <= 1000; i++) x[i] = -log(99.0), y[i] = 0;
    return 1001;
}

static int draw(rng_t *r, double *x, int *y)
{
    int n = 1 + (int)rng_below(r, 40);
    for (int i = 0; i < n; i++) {
        x[i] = 16 * rng_uniform(r) - 8;
        uint32_t k = rng_below(r, 10);
        y[i] = k < 2 ? -1 : k < 5 ? 1 : 0;
    }
    return n;
}

static double by_loss_eval(const double *x, const int *y, int n,
                           double gamma, double alpha, double p_easy)
{
    loss_spec s = {LOSS_FOCAL, gamma, alpha, 0};
    double easy = 0, all = 0;
    for (int i = 0; i < n; i++) {
        if (y[i] < 0) continue;
        double v = loss_eval(&s, x[i], y[i], NULL);
        all += v;
        if (y[i] == 0 && loss_sigmoid(x[i]) < p_easy) easy += v;
    }
    return all > 0 ? easy / all : 0;
}
#line 745 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    double x[2] = {0, -log(99.0)}; int y[2] = {1, 0};
    double v = easy_negative_share(x, y, 2, 2, 0.25, 0.5);
    return isfinite(v) ? 1 : lab_fail(l, "logits (0, -log 99), labels"
                                      " (1, 0), gamma = 2, alpha ="
                                      " 0.25, p_easy = 0.5 give %g", v);
}

static int invalid(lab_t *l)
{
    static const struct { int n, y1; double x1, g, a, pe; } t[] = {
        {-1, 0, 0, 2, .25, .5}, {2, 2, 0, 2, .25, .5},
        {2, -2, 0, 2, .25, .5}, {2, 0, NAN, 2, .25, .5},
        {2, 1, INFINITY, 2, .25, .5}, {2, 0, -INFINITY, 2, .25, .5},
        {2, 0, 0, -1, .25, .5}, {2, 0, 0, NAN, .25, .5},
        {2, 0, 0, INFINITY, .25, .5}, {2, 0, 0, 2, -.1, .5},
        {2, 0, 0, 2, 1.1, .5}, {2, 0, 0, 2, NAN, .5},
        {2, 0, 0, 2, .25, -.1}, {2, 0, 0, 2, .25, 1.5},
        {2, 0, 0, 2, .25, NAN}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        double x[2] = {1, t[i].x1}; int y[2] = {1, t[i].y1};
        double v = easy_negative_share(x, y, t[i].n, t[i].g, t[i].a,
                                       t[i].pe);
        if (!isnan(v))
            return lab_fail(l, "n = %d, logits (1, %g), labels (1, %d),"
                            " gamma = %g, alpha = %g, p_easy = %g"
                            " gives %g", t[i].n, t[i].x1, t[i].y1,
                            t[i].g, t[i].a, t[i].pe, v);
    }
    double x[1] = {0}; int y[1] = {0};
    double a = easy_negative_share(NULL, y, 1, 2, .25, .5);
    double b = easy_negative_share(x, NULL, 1, 2, .25, .5);
    if (!isnan(a) || !isnan(b))
        return lab_fail(l, "a NULL logit or label array with n = 1"
                        " gives %g, %g", a, b);
    return 1;
}
#line 789 "chapters/92-lab.nw"
static int no_loss(lab_t *l)
{
    static const struct { int y; double x, a; const char *what; } t[]
        = {{-1, -3, .25, "only ignored anchors"},
           {0, -3, 1, "only negatives with alpha = 1"},
           {1, 2, 0, "only positives with alpha = 0"}};
    double x0 = 0; int y0 = 0;
    double v = easy_negative_share(&x0, &y0, 0, 2, .25, .5);
    if (v != 0) return lab_fail(l, "n = 0 gives %g", v);
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        double x[5]; int y[5];
        for (int j = 0; j < 5; j++) x[j] = t[i].x, y[j] = t[i].y;
        v = easy_negative_share(x, y, 5, 2, t[i].a, .5);
        if (v != 0)
            return lab_fail(l, "%s (five, logit %g, gamma = 2,"
                            " alpha = %g, p_easy = 0.5) gives %g",
                            t[i].what, t[i].x, t[i].a, v);
    }
    return 1;
}
#line 821 "chapters/92-lab.nw"
/* One positive at p = 1/2 (logit 0), 1000 negatives at p = 1/100
   (logit -log 99): P = 2^-gamma log 2, E = 1000 100^-gamma
   log(100/99), share = (1 - alpha) E / ((1 - alpha) E + alpha P).
   gamma 0, alpha 1/2: 10.0503 / 10.7435 = 0.93548;
   gamma 2, alpha 1/2: 0.00100503 / 0.174292 = 0.0057664;
   gamma 2, alpha 1/4: 0.000753775 / 0.0440755 = 0.017102. */
static double hand_share(double gamma, double alpha)
{
    double pos = alpha * pow(0.5, gamma) * log(2.0);
    double neg = (1 - alpha) * 1000 * pow(0.01, gamma)
               * log(100.0 / 99);
    return neg / (neg + pos);
}

static int hand_gamma_zero(lab_t *l)
{
    double x[NMAX]; int y[NMAX], n = hand_set(x, y);
    double v = easy_negative_share(x, y, n, 0, 0.5, 0.5);
    return lab_close(v, hand_share(0, 0.5), 1e-12, 0) ? 1
        : lab_fail(l, "one positive at logit 0, 1000 negatives at"
                   " -log 99, gamma = 0, alpha = 0.5, p_easy = 0.5:"
                   " %.17g", v);
}

static int hand_gamma_two(lab_t *l)
{
    static const double gammas[] = {0, 0.5, 1, 2, 5};
    double x[NMAX], last = 2; int y[NMAX], n = hand_set(x, y);
    for (int i = 0; i < 5; i++) {
        double v = easy_negative_share(x, y, n, gammas[i], 0.5, 0.5);
        if (!lab_close(v, hand_share(gammas[i], 0.5), 1e-12, 0)
            || !(v < last))
            return lab_fail(l, "one positive at logit 0, 1000"
                            " negatives at -log 99, gamma = %g, alpha"
                            " = 0.5, p_easy = 0.5: %.17g (at the"
                            " previous gamma: %.17g)", gammas[i], v,
                            last);
        last = v;
    }
    return 1;
}
#line 870 "chapters/92-lab.nw"
static int hand_alpha(lab_t *l)
{
    static const double c[][2] = {{2, .25}, {0, .25}, {2, .75},
                                  {1, .9}};
    double x[NMAX]; int y[NMAX], n = hand_set(x, y);
    for (int i = 0; i < 4; i++) {
        double v = easy_negative_share(x, y, n, c[i][0], c[i][1], .5);
        if (!lab_close(v, hand_share(c[i][0], c[i][1]), 1e-12, 0))
            return lab_fail(l, "one positive at logit 0, 1000"
                            " negatives at -log 99, gamma = %g, alpha"
                            " = %g, p_easy = 0.5: %.17g", c[i][0],
                            c[i][1], v);
    }
    return 1;
}
#line 894 "chapters/92-lab.nw"
static int threshold(lab_t *l)
{
    double x[3] = {0, 0, -log(99.0)}; int y[3] = {1, 0, 0};
    double hard = log(2.0) / 8, easy = 0.5e-4 * log(100.0 / 99);
    double a = easy_negative_share(x, y, 3, 2, .5, .5);
    double b = easy_negative_share(x, y, 3, 2, .5, .6);
    double c = easy_negative_share(x, y, 3, 2, .5, 0);
    double d = easy_negative_share(x, y, 3, 2, .5, 0.005);
    if (!lab_close(a, easy / (2 * hard + easy), 1e-12, 0)
        || !lab_close(b, (hard + easy) / (2 * hard + easy), 1e-12, 0)
        || c != 0 || d != 0)
        return lab_fail(l, "logits (0, 0, -log 99), labels (1, 0, 0),"
                        " gamma = 2, alpha = 0.5: p_easy = 0.5 gives"
                        " %.17g, 0.6 gives %.17g, 0 gives %g, 0.005"
                        " gives %g", a, b, c, d);
    return 1;
}
#line 914 "chapters/92-lab.nw"
static int random_sets(lab_t *l)
{
    static const double gammas[] = {0, 0.5, 1, 2, 3.5};
    rng_t r; rng_seed(&r, 41);
    for (int k = 0; k < 500; k++) {
        double x[NMAX]; int y[NMAX], n = draw(&r, x, y);
        double g = gammas[k % 5], a = rng_uniform(&r);
        double pe = rng_uniform(&r), last = -1;
        double v = easy_negative_share(x, y, n, g, a, pe);
        double w = by_loss_eval(x, y, n, g, a, pe);
        if (!lab_close(v, w, 1e-10, 1e-15) || !(v >= 0 && v <= 1))
            return lab_fail(l, "a random set of %d anchors (seed 41,"
                            " set %d), gamma = %g, alpha = %.17g,"
                            " p_easy = %.17g gives %.17g", n, k, g, a,
                            pe, v);
        for (double q = 0; q <= 1; q += 0.125) {
            double u = easy_negative_share(x, y, n, g, a, q);
            if (!(u >= last) || (q == 0 && u != 0))
                return lab_fail(l, "a random set of %d anchors (seed"
                                " 41, set %d), gamma = %g, alpha ="
                                " %.17g: p_easy = %g gives %.17g,"
                                " %g less %.17g", n, k, g, a, q, u,
                                0.125, last);
            last = u;
        }
    }
    return 1;
}
#line 948 "chapters/92-lab.nw"
static int ignored(lab_t *l)
{
    static const double junk[] = {-6, 0, 9, -40, NAN, INFINITY};
    rng_t r; rng_seed(&r, 42);
    for (int k = 0; k < 300; k++) {
        double x[NMAX], x2[2 * NMAX]; int y[NMAX], y2[2 * NMAX], m = 0;
        int n = draw(&r, x, y);
        for (int i = 0; i < n; i++) {
            x2[m] = x[i]; y2[m++] = y[i];
            if (rng_below(&r, 2))
                x2[m] = junk[rng_below(&r, 6)], y2[m++] = -1;
        }
        double v = easy_negative_share(x, y, n, 2, .25, .3);
        double w = easy_negative_share(x2, y2, m, 2, .25, .3);
        if (!(v == w))
            return lab_fail(l, "a random set of %d anchors (seed 42,"
                            " set %d) gives %.17g, with %d ignored"
                            " anchors added %.17g", n, k, v, m - n, w);
    }
    return 1;
}
#line 979 "chapters/92-lab.nw"
static int odds(lab_t *l)
{
    static const double alphas[] = {0.1, 0.25, 0.75, 0.9};
    rng_t r; rng_seed(&r, 43);
    for (int k = 0; k < 200; k++) {
        double x[NMAX]; int y[NMAX], n = draw(&r, x, y);
        if (n < 2) x[1] = -1, n = 2;
        y[0] = 1; y[1] = 0;       /* one of each, at least */
        double s = easy_negative_share(x, y, n, 2, 0.5, 1);
        for (int i = 0; i < 4; i++) {
            double a = alphas[i];
            double v = easy_negative_share(x, y, n, 2, a, 1);
            double at_a = (1 - a) * s / ((1 - a) * s + a * (1 - s));
            if (!lab_close(v, at_a, 1e-9, 1e-13))
                return lab_fail(l, "a random set of %d anchors (seed"
                                " 43, set %d), gamma = 2, p_easy = 1:"
                                " alpha = 0.5 gives %.17g, alpha = %g"
                                " gives %.17g", n, k, s, a, v);
        }
    }
    return 1;
}
#line 1016 "chapters/92-lab.nw"
static int extreme(lab_t *l)
{
    static const double gammas[] = {0, 0.5, 2, 5};
    static const double alphas[] = {0.25, 0.5, 0.9};
    double x[3] = {-50, 50, 0}; int y[3] = {0, 1, 0};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 3; j++) {
            double v = easy_negative_share(x, y, 2, gammas[i],
                                           alphas[j], 0.5);
            if (!lab_close(v, 1 - alphas[j], 1e-12, 0))
                return lab_fail(l, "a negative at logit -50, a"
                                " positive at +50, gamma = %g, alpha"
                                " = %g, p_easy = 0.5: %.17g",
                                gammas[i], alphas[j], v);
        }
    x[0] = 50; x[1] = -50;
    for (int i = 0; i < 4; i++) {
        double e = 0.75 * pow(0.5, gammas[i]) * log(2.0);
        double v = easy_negative_share(x, y, 3, gammas[i], .25, .6);
        if (!lab_close(v, e / (50 + e), 1e-12, 0))
            return lab_fail(l, "a negative at logit +50, a positive at"
                            " -50, a negative at 0, gamma = %g, alpha"
                            " = 0.25, p_easy = 0.6: %.17g", gammas[i],
                            v);
    }
    return 1;
}

#line 682 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 731 "chapters/92-lab.nw"
{"a valid set gives a number (implemented?)", implemented},
{"invalid arguments give NaN", invalid},
{"no loss at all gives 0", no_loss},
{"gamma = 0: the hand-worked set's share", hand_gamma_zero},
{"gamma = 2: the hand-worked set's share collapses", hand_gamma_two},
{"alpha weights the negatives by 1 - alpha", hand_alpha},
{"only negatives below p_easy count as easy", threshold},
{"random sets agree with the sum of loss_eval's losses", random_sets},
{"ignored anchors change nothing, whatever their logits", ignored},
{"the odds of the share scale with (1 - alpha) / alpha", odds},
{"logits of -50 and +50 give the closed form, not NaN", extreme},
#line 686 "chapters/92-lab.nw"
    };
    return lab_run("easy-share", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
