#line 569 "chapters/companion/04-layers.nw"
/* test-gemm.c: both products against a double reference. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "check.h"
#include "gemm.h"
#include "rng.h"

#line 598 "chapters/companion/04-layers.nw"
static void reference(int ta, int tb, int m, int n, int k,
                      const float *a, const float *b, const float *c0,
                      int acc, double *ref, double *bound)
{
    double u = FLT_EPSILON / 2, gk = k * u / (1 - k * u);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double s = 0, mag = 0;
            for (int p = 0; p < k; p++) {
                double t = (double)(ta ? a[p * m + i] : a[i * k + p])
                         * (tb ? b[j * k + p] : b[p * n + j]);
                s += t; mag += fabs(t);
            }
            double c = acc ? c0[i * n + j] : 0.0;
            ref[i * n + j] = c + s;
            bound[i * n + j] = gk * (mag + fabs(c))
                               + u * (fabs(c) + mag);
        }
}
#line 620 "chapters/companion/04-layers.nw"
static void check_shape(check_t *c, rng_t *r, int m, int n, int k,
                        int ta, int tb, int acc)
{
    size_t mn = (size_t)m * n;
    float *a = malloc((size_t)m * k * sizeof *a);
    float *b = malloc((size_t)k * n * sizeof *b);
    float *c0 = malloc(mn * sizeof *c0), *cn = malloc(mn * sizeof *cn);
    float *cb = malloc(mn * sizeof *cb);
    double *ref = malloc(mn * sizeof *ref);
    double *bd = malloc(mn * sizeof *bd);
    if (!check_true(c, a && b && c0 && cn && cb && ref && bd, "memory"))
        goto done;
    for (size_t i = 0; i < (size_t)m * k; i++)
        a[i] = (float)rng_normal(r);
    for (size_t i = 0; i < (size_t)k * n; i++)
        b[i] = (float)rng_normal(r);
    for (size_t i = 0; i < mn; i++)
        c0[i] = cn[i] = cb[i] = (float)rng_normal(r);
    reference(ta, tb, m, n, k, a, b, c0, acc, ref, bd);
    gemm_naive(ta, tb, m, n, k, a, b, cn, acc);
    gemm_blocked(ta, tb, m, n, k, a, b, cb, acc);
    double wn = 0, wb = 0, wnb = 0;
    for (size_t i = 0; i < mn; i++) {
        wn = fmax(wn, fabs(cn[i] - ref[i]) / bd[i]);
        wb = fmax(wb, fabs(cb[i] - ref[i]) / bd[i]);
        wnb = fmax(wnb, fabs(cb[i] - (double)cn[i]) / (2 * bd[i]));
    }
    check_true(c, wn <= 1 && wb <= 1 && wnb <= 1,
               "%dx%dx%d ta=%d tb=%d acc=%d: within the bound "
               "(plain %.2g, blocked %.2g, apart %.2g)",
               m, n, k, ta, tb, acc, wn, wb, wnb);
done:
    free(a); free(b); free(c0); free(cn); free(cb); free(ref); free(bd);
}

#line 580 "chapters/companion/04-layers.nw"
int main(void)
{
    check_t c = {"gemm", 0, 0};
    static const int shapes[][3] = {
        {1, 1, 1}, {5, 3, 129}, {37, 300, 70}, {17, 513, 65},
        {64, 64, 64}};
    rng_t r;
    rng_seed(&r, 3);
    for (int s = 0; s < 5; s++)
        for (int flags = 0; flags < 8; flags++)
            check_shape(&c, &r, shapes[s][0], shapes[s][1],
                        shapes[s][2], flags & 1, (flags >> 1) & 1,
                        (flags >> 2) & 1);
    return check_finish(&c);
}
