#line 277 "chapters/04-layers.nw"
/* gemm.c: the plain and the cache-aware matrix products. */
#include <stddef.h>
#include "gemm.h"

#define OP_A(i, p) (trans_a ? a[(size_t)(p) * m + (i)] \
                            : a[(size_t)(i) * k + (p)])
#define OP_B(p, j) (trans_b ? b[(size_t)(j) * k + (p)] \
                            : b[(size_t)(p) * n + (j)])

#line 291 "chapters/04-layers.nw"
void gemm_naive(int trans_a, int trans_b, int m, int n, int k,
                const float *a, const float *b, float *c,
                int accumulate)
{
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            float sum = 0.0f;
            for (int p = 0; p < k; p++)
                sum += OP_A(i, p) * OP_B(p, j);
            c[(size_t)i * n + j] = accumulate
                ? c[(size_t)i * n + j] + sum : sum;
        }
}
#line 347 "chapters/04-layers.nw"
enum { GEMM_KC = 64, GEMM_NC = 256 };   /* the block of B: 64 KiB */

#line 404 "chapters/04-layers.nw"
static void add_block(int m, int kc, int nc, const float *a,
                      size_t ars, size_t aps, const float *bb,
                      size_t ldb, float *c, size_t ldc)
{
    int i = 0;
    for (; i + 4 <= m; i += 4) {
        
#line 425 "chapters/04-layers.nw"
float *restrict c0 = c + (size_t)i * ldc;
float *restrict c1 = c + (size_t)(i + 1) * ldc;
float *restrict c2 = c + (size_t)(i + 2) * ldc;
float *restrict c3 = c + (size_t)(i + 3) * ldc;
const float *ai = a + i * ars;
for (int p = 0; p < kc; p++) {
    float a0 = ai[p * aps], a1 = ai[ars + p * aps];
    float a2 = ai[2 * ars + p * aps], a3 = ai[3 * ars + p * aps];
    const float *restrict bp = bb + (size_t)p * ldb;
    int j = 0;
    for (; j + 8 <= nc; j += 8)       /* a fixed 8: one vector or two */
        for (int u = j; u < j + 8; u++) {
            float bj = bp[u];
            c0[u] += a0 * bj; c1[u] += a1 * bj;
            c2[u] += a2 * bj; c3[u] += a3 * bj;
        }
    for (; j < nc; j++) {
        float bj = bp[j];
        c0[j] += a0 * bj; c1[j] += a1 * bj;
        c2[j] += a2 * bj; c3[j] += a3 * bj;
    }
}
#line 411 "chapters/04-layers.nw"
    }
    for (; i < m; i++) {
        float *restrict ci = c + (size_t)i * ldc;
        for (int p = 0; p < kc; p++) {
            const float aip = a[i * ars + p * aps];
            const float *restrict bp = bb + (size_t)p * ldb;
            for (int j = 0; j < nc; j++)
                ci[j] += aip * bp[j];
        }
    }
}

#line 351 "chapters/04-layers.nw"
void gemm_blocked(int trans_a, int trans_b, int m, int n, int k,
                  const float *a, const float *b, float *c,
                  int accumulate)
{
    float packed[GEMM_KC * GEMM_NC];
    if (!accumulate)
        for (size_t i = 0; i < (size_t)m * n; i++)
            c[i] = 0.0f;
    /* op(A)[i][p] is at a[i * ars + p * aps] */
    size_t ars = trans_a ? 1 : (size_t)k, aps = trans_a ? (size_t)m : 1;
    for (int p0 = 0; p0 < k; p0 += GEMM_KC) {
        int kc = k - p0 < GEMM_KC ? k - p0 : GEMM_KC;
        for (int j0 = 0; j0 < n; j0 += GEMM_NC) {
            int nc = n - j0 < GEMM_NC ? n - j0 : GEMM_NC;
            
#line 377 "chapters/04-layers.nw"
const float *bb;
size_t ldb;
if (trans_b) {
    for (int p = 0; p < kc; p++)
        for (int j = 0; j < nc; j++)
            packed[(size_t)p * nc + j] =
                b[(size_t)(j0 + j) * k + (p0 + p)];
    bb = packed;
    ldb = (size_t)nc;
} else {
    bb = b + (size_t)p0 * n + j0;
    ldb = (size_t)n;
}
#line 366 "chapters/04-layers.nw"
            add_block(m, kc, nc, a + p0 * aps, ars, aps, bb, ldb,
                      c + j0, (size_t)n);
        }
    }
}
