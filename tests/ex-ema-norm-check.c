#line 1483 "chapters/92-lab.nw"
/* ex-ema-norm-check.c: the checker of the moving normaliser. */
#include <string.h>
#include "ex-check.h"
#include "ex-ema-norm.h"
#include "rng.h"

#line 1506 "chapters/92-lab.nw"
static double at_least_one(long n) { return n > 1 ? (double)n : 1; }

/* v_t of the definitions, from the counts n[0 .. t). */
static double by_definition(const long *n, int t, double initial,
                            double m)
{
    double num = 0, den = 0, w = 1;
    for (int s = t - 1; s >= 0; s--, w *= m) {
        num += w * at_least_one(n[s]);
        den += w;
    }
    if (initial > 0)       /* Detectron2: m^t v_0 + (1 - m) sum */
        return w * initial + (1 - m) * num;
    return num / den;
}

static void draw_counts(rng_t *r, long *n, int t)
{
    for (int s = 0; s < t; s++)
        n[s] = rng_below(r, 4) == 0 ? 0 : (long)rng_below(r, 300);
}
#line 1549 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    ema_norm_t e;
    int st = ema_norm_init(&e, 100, 0.9);
    double v = st == 0 ? ema_norm_update(&e, 5) : NAN;
    return st == 0 && isfinite(v) ? 1
        : lab_fail(l, "init(100, 0.9) returns %d, update(5) %g", st, v);
}

static int bad_settings(lab_t *l)
{
    static const double t[][2] = {{100, -0.1}, {100, 1}, {100, 1.5},
        {100, NAN}, {-1, 0.9}, {INFINITY, 0.9}, {NAN, 0.9}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        ema_norm_t e, keep;
        memset(&e, 0x5a, sizeof e); keep = e;
        if (ema_norm_init(&e, t[i][0], t[i][1]) != -1
            || memcmp(&e, &keep, sizeof e) != 0)
            return lab_fail(l, "initial %g, momentum %g is accepted or"
                            " changes the state", t[i][0], t[i][1]);
    }
    static const double good[][2] = {{100, 0.9}, {0, 0.9}, {100, 0},
                                     {0.5, 0.999}};
    for (unsigned i = 0; i < 4; i++) {
        ema_norm_t e;
        if (ema_norm_init(&e, good[i][0], good[i][1]) != 0)
            return lab_fail(l, "initial %g, momentum %g is refused",
                            good[i][0], good[i][1]);
    }
    return 1;
}

static int negative(lab_t *l)
{
    for (int mode = 0; mode < 2; mode++) {
        ema_norm_t a, b;
        ema_norm_init(&a, mode ? 100 : 0, 0.9);
        ema_norm_init(&b, mode ? 100 : 0, 0.9);
        ema_norm_update(&a, 7); ema_norm_update(&b, 7);
        double v = ema_norm_update(&a, -3);
        double x = ema_norm_update(&a, 20), y = ema_norm_update(&b, 20);
        if (!isnan(v) || x != y)
            return lab_fail(l, "initial %d: update(-3) returns %g; the"
                            " next update gives %.17g instead of %.17g"
                            " as without it", mode ? 100 : 0, v, x, y);
    }
    return 1;
}
#line 1600 "chapters/92-lab.nw"
static int momentum_zero(lab_t *l)
{
    static const long n[] = {0, 1, 5, 1000, 0, 3, 1000000};
    for (int mode = 0; mode < 2; mode++) {
        ema_norm_t e;
        ema_norm_init(&e, mode ? 100 : 0, 0);
        for (int s = 0; s < 7; s++) {
            double v = ema_norm_update(&e, n[s]);
            if (v != at_least_one(n[s]))
                return lab_fail(l, "initial %d, momentum 0: batch %d"
                                " with %ld foreground anchors gives"
                                " %.17g", mode ? 100 : 0, s + 1, n[s],
                                v);
        }
    }
    return 1;
}

static int zero_is_one(lab_t *l)
{
    for (int mode = 0; mode < 2; mode++) {
        ema_norm_t a, b;
        ema_norm_init(&a, mode ? 100 : 0, 0.9);
        ema_norm_init(&b, mode ? 100 : 0, 0.9);
        for (int s = 0; s < 30; s++) {
            double x = ema_norm_update(&a, 0);
            double y = ema_norm_update(&b, 1);
            if (!lab_close(x, y, 1e-15, 0) || !(x > 0))
                return lab_fail(l, "initial %d: after %d batches"
                                " without foreground %.17g, with one"
                                " anchor each %.17g", mode ? 100 : 0,
                                s + 1, x, y);
        }
    }
    return 1;
}

static int geometric(lab_t *l)
{
    static const double ms[] = {0.9, 0.5, 0.99};
    static const long ns[] = {0, 7, 250};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            ema_norm_t e;
            ema_norm_init(&e, 100, ms[i]);
            double w = 1, nj = at_least_one(ns[j]);
            for (int t = 1; t <= 60; t++) {
                double v = ema_norm_update(&e, ns[j]);
                w *= ms[i];
                if (!lab_close(v - nj, w * (100 - nj), 1e-9, 1e-12))
                    return lab_fail(l, "start 100, momentum %g, %ld"
                                    " foreground anchors in every"
                                    " batch: update %d returns %.17g",
                                    ms[i], ns[j], t, v);
            }
        }
    return 1;
}
#line 1664 "chapters/92-lab.nw"
static int compare(lab_t *l, double initial, double m, int t,
                   unsigned seed)
{
    long n[200];
    rng_t r; rng_seed(&r, seed);
    draw_counts(&r, n, t);
    ema_norm_t e;
    ema_norm_init(&e, initial, m);
    for (int s = 0; s < t; s++) {
        double v = ema_norm_update(&e, n[s]);
        double want = by_definition(n, s + 1, initial, m);
        if (!lab_close(v, want, 1e-10, 0))
            return lab_fail(l, "start %g, momentum %g, counts %ld %ld"
                            " %ld ...: update %d returns %.17g",
                            initial, m, n[0], n[1], n[2], s + 1, v);
    }
    return 1;
}

static int detectron(lab_t *l)
{
    return compare(l, 100, 0.9, 200, 7) && compare(l, 3, 0.5, 50, 8);
}

static int weighted_mean(lab_t *l)
{
    return compare(l, 0, 0.9, 200, 9) && compare(l, 0, 0.99, 200, 10)
        && compare(l, 0, 0.3, 50, 11);
}

static int first_count(lab_t *l)
{
    static const long n[] = {0, 1, 3, 64, 1000000};
    for (int i = 0; i < 5; i++) {
        ema_norm_t e;
        ema_norm_init(&e, 0, 0.9);
        double v = ema_norm_update(&e, n[i]);
        if (!lab_close(v, at_least_one(n[i]), 1e-14, 0))
            return lab_fail(l, "the first batch has %ld foreground"
                            " anchors; the normaliser is %.17g", n[i],
                            v);
    }
    return 1;
}

static int constant(lab_t *l)
{
    ema_norm_t e;
    ema_norm_init(&e, 0, 0.9);
    for (int t = 1; t <= 1000; t++) {
        double v = ema_norm_update(&e, 37);
        if (!lab_close(v, 37, 1e-12, 0))
            return lab_fail(l, "37 foreground anchors in every batch:"
                            " update %d returns %.17g", t, v);
    }
    return 1;
}
#line 1724 "chapters/92-lab.nw"
static int towards(lab_t *l)
{
    rng_t r; rng_seed(&r, 12);
    long n[300];
    draw_counts(&r, n, 300);
    for (int mode = 0; mode < 2; mode++) {
        ema_norm_t e;
        ema_norm_init(&e, mode ? 100 : 0, 0.9);
        double last = mode ? 100 : at_least_one(n[0]);
        for (int s = 0; s < 300; s++) {
            double v = ema_norm_update(&e, n[s]);
            double x = at_least_one(n[s]);
            double lo = fmin(last, x), hi = fmax(last, x);
            if (!(v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)))
                return lab_fail(l, "initial %d: from %.17g, a batch of"
                                " %ld gives %.17g", mode ? 100 : 0,
                                last, n[s], v);
            last = v;
        }
    }
    return 1;
}

static int long_run(lab_t *l)
{
    for (int mode = 0; mode < 2; mode++) {
        ema_norm_t e;
        double v = 0;
        ema_norm_init(&e, mode ? 100 : 0, 0.9);
        for (long t = 0; t < 1000000; t++)
            v = ema_norm_update(&e, 37);
        if (!lab_close(v, 37, 1e-9, 0))
            return lab_fail(l, "initial %d: after a million batches of"
                            " 37 the normaliser is %.17g",
                            mode ? 100 : 0, v);
    }
    return 1;
}

static int independent(lab_t *l)
{
    ema_norm_t a, b, c;
    ema_norm_init(&a, 100, 0.9); ema_norm_init(&b, 0, 0.8);
    ema_norm_init(&c, 100, 0.9);
    for (int s = 0; s < 20; s++) {
        double x = ema_norm_update(&a, 10 * s);
        ema_norm_update(&b, 500 - 3 * s);
        double y = ema_norm_update(&c, 10 * s);
        if (x != y)
            return lab_fail(l, "two averages updated in turn: batch %d"
                            " gives %.17g, alone %.17g", s + 1, x, y);
    }
    return 1;
}

#line 1492 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 1530 "chapters/92-lab.nw"
{"init and update work (implemented?)", implemented},
{"bad settings are refused and leave the state alone", bad_settings},
{"a negative count is refused and changes nothing", negative},
{"momentum 0 gives max(1, N) of the batch", momentum_zero},
{"a batch without foreground counts as one", zero_is_one},
{"from its start, the average approaches a constant count"
 " geometrically", geometric},
{"Detectron2's rule on a random sequence", detectron},
{"bias-corrected: the first normaliser is the first count",
 first_count},
{"bias-corrected: a constant count gives that constant", constant},
{"bias-corrected: the weighted mean of the counts so far",
 weighted_mean},
{"each update moves towards the new count, never past it", towards},
{"a million updates stay accurate", long_run},
{"two averages do not disturb each other", independent},
#line 1496 "chapters/92-lab.nw"
    };
    return lab_run("ema-norm", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
