#line 1866 "chapters/92-lab.nw"
/* ex-soft-nms-check.c: the checker of soft-NMS. */
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "ex-check.h"
#include "ex-soft-nms.h"
#include "rng.h"

enum { NMAX = 400 };
#line 1893 "chapters/92-lab.nw"
static void draw_boxes(rng_t *r, box_t *b, double *s, int n)
{
    for (int i = 0; i < n; i++) {
        float x = (float)rng_below(r, 100);
        float y = (float)rng_below(r, 100);
        b[i] = (box_t){x, y, x + 4 + (float)rng_below(r, 37),
                       y + 4 + (float)rng_below(r, 37)};
        s[i] = (1023 - i) / 1024.0;
    }
    for (int i = n - 1; i > 0; i--) {      /* shuffle the scores */
        int j = (int)rng_below(r, (uint32_t)i + 1);
        double t = s[i]; s[i] = s[j]; s[j] = t;
    }
}

static int run(lab_t *l, const char *what, const box_t *b,
               const double *s, int n, soft_nms_decay d, double p,
               double floor_, int *keep, double *ks)
{
    int m = soft_nms(b, s, n, d, p, floor_, keep, ks);
    if (m < 0 || m > n)
        return lab_fail(l, "%s: %d boxes, %s decay %g, floor %g:"
                        " returns %d", what, n, d ? "Gaussian"
                        : "linear", p, floor_, m) - 1;
    return m;
}
#line 1983 "chapters/92-lab.nw"
static int expect(lab_t *l, const char *what, const box_t *b,
                  const double *s, int n, soft_nms_decay d, double p,
                  const int *want, const double *want_s, int nw)
{
    int keep[8]; double ks[8];
    int m = run(l, what, b, s, n, d, p, 0.001, keep, ks);
    if (m < 0) return 0;
    int ok = m == nw;
    for (int i = 0; ok && i < m; i++)
        ok = keep[i] == want[i]
             && lab_close(ks[i], want_s[i], 1e-12, 0);
    if (!ok) {
        char got[200] = ""; size_t u = 0;
        for (int i = 0; i < m && u < 150; i++)
            u += (size_t)snprintf(got + u, sizeof got - u, " %c %.9g",
                                  'A' + keep[i], ks[i]);
        return lab_fail(l, "%s: %s decay %g gives%s", what,
                        d ? "Gaussian" : "linear", p, got);
    }
    return 1;
}
#line 1935 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    box_t b = {0, 0, 10, 10};
    double s = 0.5, ks = -1;
    int keep = -1;
    int m = soft_nms(&b, &s, 1, SOFT_NMS_GAUSSIAN, 0.5, 0.001, &keep,
                     &ks);
    return m == 1 && keep == 0 && ks == 0.5 ? 1
        : lab_fail(l, "returns %d, keep[0] = %d, score %g", m, keep,
                   ks);
}

static int bad_arguments(lab_t *l)
{
    static const struct { int n, d; double p, fl, s0; } t[] = {
        {-1, 0, 0.5, 0.01, 0.5}, {2, 0, -0.1, 0.01, 0.5},
        {2, 0, 1.1, 0.01, 0.5}, {2, 0, NAN, 0.01, 0.5},
        {2, 1, 0, 0.01, 0.5}, {2, 1, -1, 0.01, 0.5},
        {2, 1, NAN, 0.01, 0.5}, {2, 1, 0.5, -0.01, 0.5},
        {2, 1, 0.5, NAN, 0.5}, {2, 1, 0.5, INFINITY, 0.5},
        {2, 1, 0.5, 0.01, 1.5}, {2, 1, 0.5, 0.01, -0.5},
        {2, 1, 0.5, 0.01, NAN}, {2, 7, 0.5, 0.01, 0.5}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        box_t b[2] = {{0, 0, 10, 10}, {2, 2, 12, 12}};
        double s[2] = {t[i].s0, 0.25}, ks[2];
        int keep[2];
        int m = soft_nms(b, s, t[i].n, (soft_nms_decay)t[i].d, t[i].p,
                         t[i].fl, keep, ks);
        if (m != -1)
            return lab_fail(l, "n = %d, decay %d, param %g, floor %g,"
                            " scores (%g, 0.25) returns %d", t[i].n,
                            t[i].d, t[i].p, t[i].fl, t[i].s0, m);
    }
    return 1;
}

static int no_boxes(lab_t *l)
{
    int m = soft_nms(NULL, NULL, 0, SOFT_NMS_LINEAR, 0.3, 0.001, NULL,
                     NULL);
    return m == 0 ? 1 : lab_fail(l, "n = 0 returns %d", m);
}
#line 2007 "chapters/92-lab.nw"
static int three(lab_t *l)
{
    const box_t b[3] = {{0, 0, 10, 10}, {0, 0, 10, 5}, {20, 0, 30, 10}};
    const double s[3] = {0.9, 0.8, 0.7};
    const char *w = "A [0,10]^2 0.9, B [0,10]x[0,5] 0.8,"
                    " C [20,30]x[0,10] 0.7";
    static const int acb[3] = {0, 2, 1}, abc[3] = {0, 1, 2};
    const double g[3] = {0.9, 0.7, 0.8 * exp(-0.25 / 0.5)};
    const double lin[3] = {0.9, 0.7, 0.8 * 0.5};
    const double none[3] = {0.9, 0.8, 0.7};
    return expect(l, w, b, s, 3, SOFT_NMS_GAUSSIAN, 0.5, acb, g, 3)
        && expect(l, w, b, s, 3, SOFT_NMS_LINEAR, 0.3, acb, lin, 3)
        && expect(l, w, b, s, 3, SOFT_NMS_LINEAR, 0.5, abc, none, 3);
}

static int chain(lab_t *l)
{
    const box_t b[3] = {{0, 0, 10, 10}, {5, 0, 15, 10},
                        {10, 0, 20, 10}};
    const double s[3] = {0.9, 0.8, 0.7};
    const char *w = "A [0,10]^2 0.9, B [5,15]x[0,10] 0.8,"
                    " C [10,20]x[0,10] 0.7";
    static const int acb[3] = {0, 2, 1};
    const double u2 = 1.0 / 9;                 /* IoU 1/3, squared */
    const double g[3] = {0.9, 0.7, 0.8 * exp(-2 * u2 / 0.5)};
    const double lin[3] = {0.9, 0.7, 0.8 * (2.0 / 3) * (2.0 / 3)};
    return expect(l, w, b, s, 3, SOFT_NMS_GAUSSIAN, 0.5, acb, g, 3)
        && expect(l, w, b, s, 3, SOFT_NMS_LINEAR, 0.3, acb, lin, 3);
}
#line 2039 "chapters/92-lab.nw"
static int disjoint(lab_t *l)
{
    box_t b[50]; double s[50], ks[50]; int keep[50];
    rng_t r; rng_seed(&r, 21);
    for (int i = 0; i < 50; i++) {
        b[i] = (box_t){(float)(20 * i), 0, (float)(20 * i + 10), 10};
        s[i] = rng_uniform(&r);
    }
    int m = run(l, "50 disjoint boxes", b, s, 50, SOFT_NMS_LINEAR, 0,
                0.3, keep, ks);
    if (m < 0) return 0;
    int above = 0;
    for (int i = 0; i < 50; i++) above += s[i] >= 0.3;
    int ok = m == above;
    for (int i = 0; ok && i < m; i++)
        ok = ks[i] == s[keep[i]] && (i == 0 || ks[i] <= ks[i - 1]);
    return ok ? 1 : lab_fail(l, "50 disjoint boxes [20i, 20i+10]x[0,10]"
                             " with random scores, linear N_t = 0,"
                             " floor 0.3: %d kept, %d at least 0.3", m,
                             above);
}

static int hard(lab_t *l)
{
    rng_t r; rng_seed(&r, 22);
    for (int n = 1; n <= 120; n += 17) {
        box_t b[NMAX]; double s[NMAX], ks[NMAX];
        int keep[NMAX];
        detection_t d[NMAX];
        draw_boxes(&r, b, s, n);
        for (int i = 0; i < n; i++)
            d[i] = (detection_t){i, 0, (float)s[i], b[i].x1, b[i].y1,
                                 b[i].x2, b[i].y2};
        int h = detect_nms(d, n, 0.0, n);
        int m = run(l, "random boxes", b, s, n, SOFT_NMS_GAUSSIAN,
                    1e-9, 0.001, keep, ks);
        if (m < 0) return 0;
        int ok = m == h;
        for (int i = 0; ok && i < m; i++)
            ok = keep[i] == d[i].image_id && ks[i] == s[keep[i]];
        if (!ok)
            return lab_fail(l, "%d random boxes (seed 22): %d kept,"
                            " hard NMS at IoU 0 keeps %d", n, m, h);
    }
    return 1;
}
#line 2088 "chapters/92-lab.nw"
static int order(lab_t *l)
{
    rng_t r; rng_seed(&r, 23);
    for (int k = 0; k < 8; k++) {
        box_t b[NMAX]; double s[NMAX], ks[NMAX];
        int keep[NMAX], seen[NMAX] = {0}, n = 50 * (k + 1);
        soft_nms_decay d = k % 2 ? SOFT_NMS_GAUSSIAN : SOFT_NMS_LINEAR;
        double p = k % 2 ? 0.5 : 0.3, fl = k < 4 ? 0.001 : 0.2;
        draw_boxes(&r, b, s, n);
        int m = run(l, "random boxes", b, s, n, d, p, fl, keep, ks);
        if (m < 0) return 0;
        for (int i = 0; i < m; i++) {
            int bad = keep[i] < 0 || keep[i] >= n || seen[keep[i]]++
                   || ks[i] > s[keep[i]] || ks[i] < fl
                   || (i > 0 && ks[i] > ks[i - 1]);
            if (bad)
                return lab_fail(l, "%d random boxes (seed 23), %s %g,"
                                " floor %g: entry %d is box %d with"
                                " score %.9g", n, k % 2 ? "Gaussian"
                                : "linear", p, fl, i, keep[i], ks[i]);
        }
    }
    return 1;
}

static int floor_zero(lab_t *l)
{
    rng_t r; rng_seed(&r, 24);
    box_t b[NMAX]; double s[NMAX], ks[NMAX]; int keep[NMAX];
    draw_boxes(&r, b, s, 200);
    b[1] = b[0];                        /* a copy: decayed to 0 */
    int m = run(l, "200 random boxes", b, s, 200, SOFT_NMS_LINEAR, 0.3,
                0, keep, ks);
    return m == 200 ? 1 : m < 0 ? 0
        : lab_fail(l, "200 random boxes (seed 24), one an exact copy of"
                   " another, linear 0.3, floor 0: %d kept", m);
}
#line 2128 "chapters/92-lab.nw"
static int permutation(lab_t *l)
{
    rng_t r; rng_seed(&r, 25);
    box_t b[NMAX], pb[NMAX];
    double s[NMAX], ps[NMAX], ks[NMAX], pks[NMAX];
    int keep[NMAX], pkeep[NMAX], perm[NMAX], n = 150;
    draw_boxes(&r, b, s, n);
    for (int i = 0; i < n; i++) perm[i] = n - 1 - i;
    for (int i = 0; i < n; i++) pb[i] = b[perm[i]], ps[i] = s[perm[i]];
    for (int d = 0; d < 2; d++) {
        int m = run(l, "150 random boxes", b, s, n, d, 0.4, 0.01, keep,
                    ks);
        int pm = run(l, "the same reversed", pb, ps, n, d, 0.4, 0.01,
                     pkeep, pks);
        if (m < 0 || pm < 0) return 0;
        int ok = m == pm;
        for (int i = 0; ok && i < m; i++)
            ok = perm[pkeep[i]] == keep[i]
                 && lab_close(pks[i], ks[i], 1e-12, 0);
        if (!ok)
            return lab_fail(l, "150 random boxes (seed 25), %s 0.4,"
                            " floor 0.01: reversing the input changes"
                            " the result (%d kept, reversed %d)",
                            d ? "Gaussian" : "linear", m, pm);
    }
    return 1;
}

#line 1878 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 1922 "chapters/92-lab.nw"
{"one box is kept with its score (implemented?)", implemented},
{"bad arguments give -1", bad_arguments},
{"no boxes give 0", no_boxes},
{"three boxes by hand: A, B half of A, C apart", three},
{"a chain: the decays of two picks multiply", chain},
{"disjoint boxes come out best first with their scores", disjoint},
{"a Gaussian with tiny sigma is hard NMS at IoU 0", hard},
{"kept scores fall down the list, within input and floor", order},
{"with floor 0 every box is kept", floor_zero},
{"the order of the input does not matter", permutation},
#line 1882 "chapters/92-lab.nw"
    };
    return lab_run("soft-nms", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
