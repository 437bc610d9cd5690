#line 1133 "chapters/92-lab.nw"
/* ex-alpha-pair-check.c: the checker of the balancing alpha. */
#include "ex-check.h"
#include "ex-alpha-pair.h"

#line 1161 "chapters/92-lab.nw"
static double by_log_odds(double gamma, double r, double p_fg,
                          double p_bg)
{
    double z = log(r) + gamma * (log(p_bg) - log1p(-p_fg))
             + log(-log1p(-p_bg)) - log(-log(p_fg));
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}
#line 1256 "chapters/92-lab.nw"
static const double grid_gamma[] = {0, 0.5, 1, 2, 3, 5};
static const double grid_r[] = {0.25, 1, 3, 100, 1000, 1e5};
static const double grid_p[] = {1e-3, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9,
                                0.99, 0.999};
enum { NGG = 6, NGR = 6, NGP = 9 };
#line 1184 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    double v = balanced_alpha(2, 1000, 0.5, 0.01);
    return isfinite(v) ? 1 : lab_fail(l, "gamma = 2, r = 1000, p_fg ="
                                      " 0.5, p_bg = 0.01 gives %g", v);
}

static int invalid(lab_t *l)
{
    static const double t[][4] = {
        {-1, 1, .5, .5}, {NAN, 1, .5, .5}, {INFINITY, 1, .5, .5},
        {2, 0, .5, .5}, {2, -3, .5, .5}, {2, NAN, .5, .5},
        {2, INFINITY, .5, .5}, {2, 1, 0, .5}, {2, 1, 1, .5},
        {2, 1, -.5, .5}, {2, 1, 1.5, .5}, {2, 1, NAN, .5},
        {2, 1, .5, 0}, {2, 1, .5, 1}, {2, 1, .5, -.5},
        {2, 1, .5, 2}, {2, 1, .5, NAN}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        double v = balanced_alpha(t[i][0], t[i][1], t[i][2], t[i][3]);
        if (!isnan(v))
            return lab_fail(l, "gamma = %g, r = %g, p_fg = %g, p_bg ="
                            " %g gives %g", t[i][0], t[i][1], t[i][2],
                            t[i][3], v);
    }
    return 1;
}
#line 1225 "chapters/92-lab.nw"
/* P = (1 - p_fg)^gamma (-log p_fg), N = r p_bg^gamma
   (-log(1 - p_bg)), alpha = N / (P + N).  r = 1000, p_fg = 1/2,
   p_bg = 1/100: gamma 0: P = log 2 = 0.693147, N = 10.0503,
   alpha = 0.93548; gamma 2: P = 0.173287, N = 0.00100503,
   alpha = 0.0057664 (odds 2500 times smaller). */
static int by_hand(lab_t *l)
{
    double n0 = 1000 * log(100.0 / 99), n2 = 0.1 * log(100.0 / 99);
    const struct { double g, r, fg, bg, a; } c[] = {
        {0, 1, .5, .5, 0.5},
        {0, 1000, .5, .01, n0 / (n0 + log(2.0))},   /* 0.93548 */
        {2, 1000, .5, .01, n2 / (n2 + log(2.0) / 4)},   /* 0.0057664 */
        {1, 10, .9, .1, 10.0 / 11}};
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        double v = balanced_alpha(c[i].g, c[i].r, c[i].fg, c[i].bg);
        if (!lab_close(v, c[i].a, 1e-12, 0))
            return lab_fail(l, "gamma = %g, r = %g, p_fg = %g, p_bg ="
                            " %g gives %.17g", c[i].g, c[i].r, c[i].fg,
                            c[i].bg, v);
    }
    return 1;
}
#line 1264 "chapters/92-lab.nw"
static int closed_form(lab_t *l)
{
    for (int g = 0; g < NGG; g++) for (int k = 0; k < NGR; k++)
    for (int i = 0; i < NGP; i++) for (int j = 0; j < NGP; j++) {
        double gm = grid_gamma[g], r = grid_r[k];
        double fg = grid_p[i], bg = grid_p[j];
        double v = balanced_alpha(gm, r, fg, bg);
        if (!lab_close(v, by_log_odds(gm, r, fg, bg), 1e-11, 1e-300))
            return lab_fail(l, "gamma = %g, r = %g, p_fg = %g, p_bg ="
                            " %g gives %.17g", gm, r, fg, bg, v);
    }
    return 1;
}

static int balances(lab_t *l)
{
    for (int g = 0; g < NGG; g++) for (int k = 0; k < NGR; k++)
    for (int i = 0; i < NGP; i++) for (int j = 0; j < NGP; j++) {
        double gm = grid_gamma[g], r = grid_r[k];
        double fg = grid_p[i], bg = grid_p[j];
        double a = balanced_alpha(gm, r, fg, bg);
        double pos = a * pow(1 - fg, gm) * -log(fg);
        double neg = (1 - a) * r * pow(bg, gm) * -log1p(-bg);
        if (a > 1e-6 && 1 - a > 1e-6 && !lab_close(pos, neg, 1e-9, 0))
            return lab_fail(l, "gamma = %g, r = %g, p_fg = %g, p_bg ="
                            " %g: alpha = %.17g weighs the positive"
                            " %.6g and the negatives %.6g", gm, r, fg,
                            bg, a, pos, neg);
    }
    return 1;
}
#line 1301 "chapters/92-lab.nw"
static int same_pt(lab_t *l)
{
    for (int g = 0; g < NGG; g++)
        for (int i = 0; i < NGP; i++) {
            double p = grid_p[i];
            double v = balanced_alpha(grid_gamma[g], 1, p, 1 - p);
            if (!lab_close(v, 0.5, 1e-12, 0))
                return lab_fail(l, "gamma = %g, r = 1, p_fg = %g, p_bg"
                                " = 1 - p_fg gives %.17g",
                                grid_gamma[g], p, v);
        }
    return 1;
}

static int proportional(lab_t *l)
{
    for (int g = 0; g < NGG; g++)
        for (int i = 0; i < NGP; i++) {
            double gm = grid_gamma[g], fg = grid_p[i];
            double bg = grid_p[NGP - 1 - i] * 0.5;
            double a = balanced_alpha(gm, 3, fg, bg);
            double b = balanced_alpha(gm, 6, fg, bg);
            double oa = a / (1 - a), ob = b / (1 - b);
            if (!lab_close(ob, 2 * oa, 1e-9, 0))
                return lab_fail(l, "gamma = %g, p_fg = %g, p_bg = %g:"
                                " the odds are %.17g for r = 3 and"
                                " %.17g for r = 6", gm, fg, bg, oa, ob);
        }
    return 1;
}
#line 1339 "chapters/92-lab.nw"
static int with_gamma(lab_t *l)
{
    static const double c[][3] = {{0.5, 0.01, -1}, {0.1, 0.5, -1},
        {0.9, 0.05, -1}, {0.5, 0.9, 1}, {0.99, 0.2, 1},
        {0.75, 0.25, 0}};
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        double last = balanced_alpha(0, 1000, c[i][0], c[i][1]);
        for (double gm = 0.25; gm <= 5; gm += 0.25) {
            double v = balanced_alpha(gm, 1000, c[i][0], c[i][1]);
            int ok = c[i][2] < 0 ? v < last : c[i][2] > 0 ? v > last
                   : lab_close(v, last, 1e-12, 0);
            if (!ok)
                return lab_fail(l, "r = 1000, p_fg = %g, p_bg = %g:"
                                " gamma = %g gives %.17g, gamma - 0.25"
                                " %.17g", c[i][0], c[i][1], gm, v,
                                last);
            last = v;
        }
    }
    return 1;
}
#line 1368 "chapters/92-lab.nw"
static int tiny(lab_t *l)
{
    static const double bg[] = {1e-6, 1e-9, 1e-12, 1e-15};
    for (int i = 0; i < 4; i++) {
        double v = balanced_alpha(0, 1, 0.5, bg[i]);
        if (!lab_close(v, by_log_odds(0, 1, 0.5, bg[i]), 1e-12, 0))
            return lab_fail(l, "gamma = 0, r = 1, p_fg = 0.5, p_bg ="
                            " %g gives %.17g: digits lost in"
                            " log(1 - p_bg)?", bg[i], v);
    }
    return 1;
}

static int extreme(lab_t *l)
{
    static const double c[][4] = {
        {20, 1e6, 0.5, 1e-300}, {20, 1, 1e-300, 0.5},
        {0, 1e300, 0.5, 0.5}, {0, 1e-300, 0.5, 0.5},
        {5, 1, 1 - 1e-16, 1e-16}, {0, 1, 1e-300, 1 - 1e-16}};
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        double v = balanced_alpha(c[i][0], c[i][1], c[i][2], c[i][3]);
        if (!(v >= 0 && v <= 1))
            return lab_fail(l, "gamma = %g, r = %g, p_fg = %.17g, p_bg"
                            " = %.17g gives %g", c[i][0], c[i][1],
                            c[i][2], c[i][3], v);
    }
    return 1;
}

#line 1140 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 1171 "chapters/92-lab.nw"
{"a valid case gives a number (implemented?)", implemented},
{"invalid arguments give NaN", invalid},
{"hand-worked cases have the values of the definition", by_hand},
{"a grid agrees with the closed form as log-odds", closed_form},
{"the weighted losses balance", balances},
{"the same p_t on both sides balances at 1/2", same_pt},
{"the odds are proportional to r", proportional},
{"alpha falls with gamma when p_fg + p_bg < 1", with_gamma},
{"tiny probabilities keep their digits", tiny},
{"extreme arguments give a number in [0, 1]", extreme},
#line 1144 "chapters/92-lab.nw"
    };
    return lab_run("alpha-pair", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
