#line 2224 "chapters/92-lab.nw"
/* ex-giou-check.c: the checker of the GIoU loss. */
#include "anchors.h"
#include "ex-check.h"
#include "ex-giou.h"
#include "rng.h"

#line 2249 "chapters/92-lab.nw"
static void draw_pair(rng_t *r, double *p, double *t, double gap)
{
    for (;;) {
        for (int i = 0; i < 2; i++) {
            double *b = i ? t : p, x = 10 * rng_uniform(r);
            double y = 10 * rng_uniform(r);
            b[0] = x; b[1] = y;
            b[2] = x + 0.5 + 5 * rng_uniform(r);
            b[3] = y + 0.5 + 5 * rng_uniform(r);
        }
        int ok = 1;
        for (int i = 0; i < 4; i++)
            for (int j = i % 2; j < 4; j += 2)
                ok &= fabs(p[i] - t[j]) > gap;
        if (ok) return;
    }
}

static const char *pair(char *buf, size_t size, const double *p,
                        const double *t)
{
    char a[120], b[120];
    snprintf(buf, size, "P = %s, T = %s", lab_vec(a, sizeof a, p, 4),
             lab_vec(b, sizeof b, t, 4));
    return buf;
}
#line 2293 "chapters/92-lab.nw"
static int implemented(lab_t *l)
{
    double p[4] = {0, 0, 2, 2}, t[4] = {1, 1, 3, 3}, g[4];
    double v = giou_loss(p, t, g);
    return isfinite(v) ? 1 : lab_fail(l, "P = (0, 0, 2, 2), T = (1, 1,"
                                      " 3, 3) gives %g", v);
}

static int bad_boxes(lab_t *l)
{
    static const double bad[][4] = {{0, 0, 0, 1}, {0, 0, 1, 0},
        {2, 0, 1, 1}, {0, 2, 1, 1}, {NAN, 0, 1, 1}, {0, 0, INFINITY, 1},
        {0, -INFINITY, 1, 1}};
    const double ok[4] = {0, 0, 1, 1};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        for (int side = 0; side < 2; side++) {
            double g[4] = {7, 7, 7, 7}; char s[300];
            const double *p = side ? ok : bad[i];
            const double *t = side ? bad[i] : ok;
            double v = giou_loss(p, t, g);
            if (!isnan(v) || g[0] != 7 || g[1] != 7 || g[2] != 7
                || g[3] != 7)
                return lab_fail(l, "%s gives %g%s", pair(s, sizeof s, p,
                                t), v, isnan(v) ? " but writes GRAD"
                                : "");
        }
    return 1;
}

static int identical(lab_t *l)
{
    rng_t r; rng_seed(&r, 31);
    for (int n = 0; n < 100; n++) {
        double p[4], t[4]; char s[300];
        draw_pair(&r, p, t, 0);
        double v = giou_loss(p, p, NULL);
        if (!(fabs(v) <= 1e-15))
            return lab_fail(l, "%s gives %.17g",
                            pair(s, sizeof s, p, p), v);
    }
    return 1;
}
#line 2340 "chapters/92-lab.nw"
static int nested(lab_t *l)
{
    rng_t r; rng_seed(&r, 32);
    for (int n = 0; n < 200; n++) {
        double t[4], p[4]; char s[300];
        for (int i = 0; i < 2; i++) {
            t[i] = rng_below(&r, 160) / 16.0;
            t[i + 2] = t[i] + (16 + rng_below(&r, 160)) / 16.0;
            p[i] = t[i] + rng_below(&r, 8) / 16.0;
            p[i + 2] = t[i + 2] - rng_below(&r, 8) / 16.0;
        }
        if (n % 2) for (int i = 0; i < 4; i++) {   /* P outside T */
            double x = p[i]; p[i] = t[i]; t[i] = x;
        }
        box_t a = {(float)p[0], (float)p[1], (float)p[2], (float)p[3]};
        box_t b = {(float)t[0], (float)t[1], (float)t[2], (float)t[3]};
        double v = giou_loss(p, t, NULL);
        if (!lab_close(v, 1 - box_iou(&a, &b), 1e-12, 1e-15))
            return lab_fail(l, "%s gives %.17g",
                            pair(s, sizeof s, p, t), v);
    }
    return 1;
}

static int by_hand(lab_t *l)
{
    static const struct { double p[4], t[4], want; } c[] = {
        {{0, 0, 1, 1}, {1, 0, 2, 1}, 1},            /* touching */
        {{0, 0, 1, 1}, {2, 0, 3, 1}, 4.0 / 3},      /* gap 1 */
        {{0, 0, 1, 1}, {3, 0, 4, 1}, 1.5},          /* gap 2 */
        {{0, 0, 1, 1}, {2, 2, 3, 3}, 16.0 / 9},     /* diagonal */
        {{0, 0, 2, 1}, {1, 0, 3, 1}, 2.0 / 3},      /* half */
        {{0, 0, 2, 2}, {1, 1, 3, 3}, 2 - 1.0 / 7 - 7.0 / 9}};
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        char s[300];
        double v = giou_loss(c[i].p, c[i].t, NULL);
        if (!lab_close(v, c[i].want, 1e-14, 0))
            return lab_fail(l, "%s gives %.17g", pair(s, sizeof s,
                            c[i].p, c[i].t), v);
    }
    return 1;
}
#line 2385 "chapters/92-lab.nw"
static int far_apart(lab_t *l)
{
    double p[4] = {0, 0, 1, 1}, last = 0;
    for (double d = 1; d <= 1e6; d *= 10) {
        double t[4] = {d, d, d + 1, d + 1}, g[4]; char s[300];
        double v = giou_loss(p, t, g);
        if (!(v > last && v < 2))
            return lab_fail(l, "%s gives %.17g after %.17g for the"
                            " previous, ten times closer", pair(s,
                            sizeof s, p, t), v, last);
        last = v;
    }
    return 1;
}

static int symmetric(lab_t *l)
{
    rng_t r; rng_seed(&r, 33);
    for (int n = 0; n < 300; n++) {
        double p[4], t[4]; char s[300];
        draw_pair(&r, p, t, 0);
        double a = giou_loss(p, t, NULL), b = giou_loss(t, p, NULL);
        if (!lab_close(a, b, 1e-13, 1e-15))
            return lab_fail(l, "%s gives %.17g, swapped %.17g",
                            pair(s, sizeof s, p, t), a, b);
    }
    return 1;
}
#line 2419 "chapters/92-lab.nw"
static int invariance(lab_t *l)
{
    static const double move[][3] = {{1024, -512, 1}, {0, 0, 4},
                                     {-8, 16, 0.125}, {3, 5, 1}};
    rng_t r; rng_seed(&r, 34);
    for (int n = 0; n < 200; n++) {
        double p[4], t[4], q[4], u[4], g[4], h[4]; char s[300];
        const double *m = move[n % 4];
        draw_pair(&r, p, t, 0);
        for (int i = 0; i < 4; i++) {
            q[i] = m[2] * p[i] + m[i % 2];
            u[i] = m[2] * t[i] + m[i % 2];
        }
        double a = giou_loss(p, t, g), b = giou_loss(q, u, h);
        int ok = lab_close(a, b, 1e-12, 1e-14);
        for (int i = 0; i < 4; i++)
            ok &= lab_close(h[i] * m[2], g[i], 1e-9, 1e-12);
        if (!ok)
            return lab_fail(l, "%s: scaling by %g and shifting by (%g,"
                            " %g) changes the loss from %.17g to %.17g"
                            " or the gradient by more than the scale",
                            pair(s, sizeof s, p, t), m[2], m[0], m[1],
                            a, b);
    }
    return 1;
}
#line 2448 "chapters/92-lab.nw"
static int differences(lab_t *l)
{
    rng_t r; rng_seed(&r, 35);
    for (int n = 0; n < 1000; n++) {
        double p[4], t[4], g[4], h = 1e-6; char s[300];
        draw_pair(&r, p, t, 1e-3);
        giou_loss(p, t, g);
        for (int i = 0; i < 4; i++) {
            double pi = p[i], up, down;
            p[i] = pi + h; up = giou_loss(p, t, NULL);
            p[i] = pi - h; down = giou_loss(p, t, NULL);
            p[i] = pi;
            double fd = (up - down) / (2 * h);
            if (!(fabs(g[i] - fd) <= 1e-6 * (1 + fabs(fd))))
                return lab_fail(l, "d loss / d P[%d] at %s disagrees"
                                " with central differences by %.2g", i,
                                pair(s, sizeof s, p, t),
                                fabs(g[i] - fd));
        }
    }
    return 1;
}

static int pulls(lab_t *l)
{
    rng_t r; rng_seed(&r, 36);
    for (int n = 0; n < 300; n++) {
        double p[4], t[4], g[4]; char s[300];
        draw_pair(&r, p, t, 0);
        double dx = 20 + 10 * rng_uniform(&r);
        double dy = 10 * rng_uniform(&r);
        t[0] += dx; t[2] += dx; t[1] += dy; t[3] += dy;
        giou_loss(p, t, g);
        double cx = (t[0] + t[2] - p[0] - p[2]) / 2;
        double cy = (t[1] + t[3] - p[1] - p[3]) / 2;
        double slope = (g[0] + g[2]) * cx + (g[1] + g[3]) * cy;
        if (!(slope < 0))
            return lab_fail(l, "%s: moving P towards T changes the loss"
                            " at the rate %.3g (it should fall)",
                            pair(s, sizeof s, p, t), slope);
    }
    return 1;
}

static int extreme(lab_t *l)
{
    static const double c[][8] = {
        {0, 0, 1e-6, 1e-6, 0, 0, 1e6, 1e6},
        {0, 0, 1e6, 1e6, 5e5, 5e5, 5e5 + 1e-6, 5e5 + 1e-6},
        {-1e9, -1e9, 1e9, 1e9, 0, 0, 1, 1},
        {0, 0, 1, 1, 1, 1, 2, 2},              /* touching corners */
        {0, 0, 1, 1e-9, 1e8, 0, 1e8 + 1, 1e-9}};
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        double g[4]; char s[300], gs[120];
        double v = giou_loss(c[i], c[i] + 4, g);
        int ok = v >= 0 && v <= 2;
        for (int j = 0; j < 4; j++) ok &= isfinite(g[j]);
        if (!ok)
            return lab_fail(l, "%s gives %g, gradient %s", pair(s,
                            sizeof s, c[i], c[i] + 4), v,
                            lab_vec(gs, sizeof gs, g, 4));
    }
    return 1;
}

#line 2233 "chapters/92-lab.nw"
int main(void)
{
    static const lab_case_t cases[] = {
        
#line 2278 "chapters/92-lab.nw"
{"a valid pair gives a finite loss (implemented?)", implemented},
{"bad boxes give NaN and leave the gradient alone", bad_boxes},
{"identical boxes lose nothing", identical},
{"for nested boxes GIoU is the IoU", nested},
{"hand-built pairs have the values of the definition", by_hand},
{"far apart boxes approach 2 and never reach it", far_apart},
{"the loss is symmetric in the two boxes", symmetric},
{"shifting or scaling both boxes changes nothing", invariance},
{"every partial derivative agrees with central differences",
 differences},
{"for disjoint boxes the gradient pulls towards the target", pulls},
{"extreme sizes and positions stay finite", extreme},
#line 2237 "chapters/92-lab.nw"
    };
    return lab_run("giou", cases,
                   (int)(sizeof cases / sizeof cases[0]));
}
