#line 314 "chapters/12-speed.nw"
/* gemm-fast.c: packing, micro-kernels and the blocked driver. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gemm-fast.h"
#line 341 "chapters/12-speed.nw"
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define GEMM_X86 1
#include <immintrin.h>
#define TARGET(isa) __attribute__((target(isa)))
#else
#define GEMM_X86 0
#endif
#ifdef __GNUC__
#define UNROLL _Pragma("GCC unroll 32")
#else
#define UNROLL
#endif

#line 322 "chapters/12-speed.nw"
enum { GEMM_MC = 96, GEMM_KC = 256, GEMM_NC = 1024 };

#line 361 "chapters/12-speed.nw"
typedef void kernel_fn(int kc, const float *a, const float *b,
                       float *c, size_t ldc, int add);

static void kernel_portable(int kc, const float *a, const float *b,
                            float *c, size_t ldc, int add)
{
    float t[4][16] = {{0}};
    for (int p = 0; p < kc; p++, a += 4, b += 16)
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 16; j++)
                t[i][j] += a[i] * b[j];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 16; j++)
            c[i * ldc + j] = add ? c[i * ldc + j] + t[i][j] : t[i][j];
}
#line 53 "chapters/companion/12-speed.nw"
#if GEMM_X86
TARGET("avx2,fma")
static void kernel_avx2(int kc, const float *a, const float *b,
                        float *c, size_t ldc, int add)
{
    __m256 t0[6], t1[6];
    UNROLL for (int i = 0; i < 6; i++)
        t0[i] = t1[i] = _mm256_setzero_ps();
    for (int p = 0; p < kc; p++, a += 6, b += 16) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        UNROLL for (int i = 0; i < 6; i++) {
            __m256 ai = _mm256_broadcast_ss(a + i);
            t0[i] = _mm256_fmadd_ps(ai, b0, t0[i]);
            t1[i] = _mm256_fmadd_ps(ai, b1, t1[i]);
        }
    }
    UNROLL for (int i = 0; i < 6; i++) {
        float *ci = c + i * ldc;
        if (add) {
            t0[i] = _mm256_add_ps(_mm256_loadu_ps(ci), t0[i]);
            t1[i] = _mm256_add_ps(_mm256_loadu_ps(ci + 8), t1[i]);
        }
        _mm256_storeu_ps(ci, t0[i]);
        _mm256_storeu_ps(ci + 8, t1[i]);
    }
}
#endif
#line 85 "chapters/companion/12-speed.nw"
#if GEMM_X86
TARGET("avx512f")
static void kernel_avx512(int kc, const float *a, const float *b,
                          float *c, size_t ldc, int add)
{
    __m512 t0[8], t1[8];
    UNROLL for (int i = 0; i < 8; i++)
        t0[i] = t1[i] = _mm512_setzero_ps();
    for (int p = 0; p < kc; p++, a += 8, b += 32) {
        __m512 b0 = _mm512_load_ps(b), b1 = _mm512_load_ps(b + 16);
        UNROLL for (int i = 0; i < 8; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            t0[i] = _mm512_fmadd_ps(ai, b0, t0[i]);
            t1[i] = _mm512_fmadd_ps(ai, b1, t1[i]);
        }
    }
    UNROLL for (int i = 0; i < 8; i++) {
        float *ci = c + i * ldc;
        if (add) {
            t0[i] = _mm512_add_ps(_mm512_loadu_ps(ci), t0[i]);
            t1[i] = _mm512_add_ps(_mm512_loadu_ps(ci + 16), t1[i]);
        }
        _mm512_storeu_ps(ci, t0[i]);
        _mm512_storeu_ps(ci + 16, t1[i]);
    }
}
#endif
#line 119 "chapters/companion/12-speed.nw"
typedef struct {
    const char *name;
    int mr, nr, lanes;
    kernel_fn *fn;
} kernel_t;

static const kernel_t kernels[GEMM_NKERNELS] = {
    {"portable", 4, 16, 1, kernel_portable},
#if GEMM_X86
    {"avx2", 6, 16, 8, kernel_avx2},
    {"avx512", 8, 32, 16, kernel_avx512},
#else
    {"avx2", 6, 16, 8, NULL}, {"avx512", 8, 32, 16, NULL},
#endif
};
static int chosen = -1;
#line 138 "chapters/companion/12-speed.nw"
int gemm_kernel_supported(gemm_kernel_t kind)
{
    switch (kind) {
    case GEMM_PORTABLE: return 1;
#if GEMM_X86
    case GEMM_AVX2:
        return __builtin_cpu_supports("avx2")
               && __builtin_cpu_supports("fma");
    case GEMM_AVX512: return __builtin_cpu_supports("avx512f");
#endif
    default: return 0;
    }
}

int gemm_kernel_select(gemm_kernel_t kind)
{
    if (kind < 0 || kind >= GEMM_NKERNELS
        || !gemm_kernel_supported(kind))
        return -1;
    chosen = (int)kind;
    return 0;
}
#line 163 "chapters/companion/12-speed.nw"
gemm_kernel_t gemm_kernel_current(void)
{
    if (chosen < 0) {
        int k = GEMM_NKERNELS - 1;
        while (!gemm_kernel_supported((gemm_kernel_t)k))
            k--;
        chosen = k;
    }
    return (gemm_kernel_t)chosen;
}

const char *gemm_kernel_name(gemm_kernel_t kind)
{
    return kind >= 0 && kind < GEMM_NKERNELS ? kernels[kind].name
                                             : "unknown";
}

int gemm_kernel_lanes(gemm_kernel_t kind)
{
    return kind >= 0 && kind < GEMM_NKERNELS ? kernels[kind].lanes : 0;
}
#line 204 "chapters/companion/12-speed.nw"
#if GEMM_X86
TARGET("avx2")
static void transpose8(const float *s, size_t ss, float *d, size_t ds)
{
    __m256 r[8], t[8], u[8];
    UNROLL for (int i = 0; i < 8; i++)
        r[i] = _mm256_loadu_ps(s + i * ss);
    UNROLL for (int i = 0; i < 8; i += 2) {         /* pairs of rows */
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    UNROLL for (int i = 0; i < 8; i += 4)         /* pairs of pairs */
        UNROLL for (int k = 0; k < 2; k++) {
            u[i + 2 * k] = _mm256_shuffle_ps(t[i + k], t[i + k + 2],
                                             0x44);
            u[i + 2 * k + 1] = _mm256_shuffle_ps(t[i + k],
                                                 t[i + k + 2], 0xee);
        }
    UNROLL for (int j = 0; j < 4; j++) {            /* 128-bit halves */
        _mm256_storeu_ps(d + j * ds,
                         _mm256_permute2f128_ps(u[j], u[j + 4], 0x20));
        _mm256_storeu_ps(d + (j + 4) * ds,
                         _mm256_permute2f128_ps(u[j], u[j + 4], 0x31));
    }
}
#endif

/* d[j * ds + i] = s[i * ss + j] for i < rows, j < cols */
static void transpose_copy(const kernel_t *kern, const float *s,
                           size_t ss, int rows, int cols, float *d,
                           size_t ds)
{
    int vec = GEMM_X86 && kern->lanes >= 8;
    for (int j0 = 0; j0 < cols; j0 += 8)
        for (int i0 = 0; i0 < rows; i0 += 8) {
            const float *sb = s + (size_t)i0 * ss + j0;
            float *db = d + (size_t)j0 * ds + i0;
#if GEMM_X86
            if (vec && i0 + 8 <= rows && j0 + 8 <= cols) {
                transpose8(sb, ss, db, ds);
                continue;
            }
#endif
            for (int j = 0; j < 8 && j0 + j < cols; j++)
                for (int i = 0; i < 8 && i0 + i < rows; i++)
                    db[(size_t)j * ds + i] = sb[(size_t)i * ss + j];
        }
    (void)vec;
}
#line 399 "chapters/12-speed.nw"
typedef struct {
    int m, n, k, accumulate;
    const float *a, *b;
    float *c;
    size_t ars, aps, brs, bcs;   /* strides of op(A) and op(B) */
    const kernel_t *kern;
} problem_t;

/* Rows [i0, i0 + mc) of op(A), columns [p0, p0 + kc), into slivers
   of mr rows, each kc x mr, zero-padded to a whole sliver. */
static void pack_a(const problem_t *g, int i0, int mc, int p0, int kc,
                   float *ap)
{
    int mr = g->kern->mr;
    for (int s = 0; s < mc; s += mr, ap += (size_t)mr * kc) {
        int live = mc - s < mr ? mc - s : mr;
        const float *src = g->a + (size_t)(i0 + s) * g->ars
                           + (size_t)p0 * g->aps;
        if (live < mr)
            memset(ap, 0, (size_t)mr * kc * sizeof *ap);
        if (g->aps == 1)          /* rows of op(A) are contiguous */
            transpose_copy(g->kern, src, g->ars, live, kc, ap,
                           (size_t)mr);
        else                      /* columns are */
            for (int p = 0; p < kc; p++)
                for (int i = 0; i < live; i++)
                    ap[(size_t)p * mr + i] = src[p * g->aps + i];
    }
}
#line 433 "chapters/12-speed.nw"
static void pack_b(const problem_t *g, int p0, int kc, int j0, int nc,
                   float *bp)
{
    int nr = g->kern->nr;
    for (int s = 0; s < nc; s += nr, bp += (size_t)nr * kc) {
        int live = nc - s < nr ? nc - s : nr;
        const float *src = g->b + (size_t)p0 * g->brs
                           + (size_t)(j0 + s) * g->bcs;
        if (live < nr)
            memset(bp, 0, (size_t)nr * kc * sizeof *bp);
        if (g->bcs == 1)          /* rows of op(B) are contiguous */
            for (int p = 0; p < kc; p++)
                memcpy(bp + (size_t)p * nr, src + p * g->brs,
                       (size_t)live * sizeof *bp);
        else                      /* columns are: transpose */
            transpose_copy(g->kern, src, g->bcs, live, kc, bp,
                           (size_t)nr);
    }
}
#line 470 "chapters/12-speed.nw"
static void tiles(const problem_t *g, const float *ap,
                  const float *bp, int ic, int mc, int jc, int nc,
                  int kc, int add)
{
    int mr = g->kern->mr, nr = g->kern->nr;
    _Alignas(64) float tile[8 * 32];
    for (int jr = 0; jr < nc; jr += nr)
        for (int ir = 0; ir < mc; ir += mr) {
            const float *as = ap + (size_t)ir * kc;
            const float *bs = bp + (size_t)jr * kc;
            float *c = g->c + (size_t)(ic + ir) * g->n + jc + jr;
            if (ir + mr <= mc && jr + nr <= nc) {
                g->kern->fn(kc, as, bs, c, (size_t)g->n, add);
                continue;
            }
            g->kern->fn(kc, as, bs, tile, (size_t)nr, 0);
            for (int i = 0; i < mr && ir + i < mc; i++)
                for (int j = 0; j < nr && jr + j < nc; j++) {
                    float *cij = c + (size_t)i * g->n + j;
                    *cij = add ? *cij + tile[i * nr + j]
                               : tile[i * nr + j];
                }
        }
}
#line 497 "chapters/12-speed.nw"
static void by_definition(const problem_t *g, int i0, int i1, int j0,
                          int j1)
{
    for (int i = i0; i < i1; i++)
        for (int j = j0; j < j1; j++) {
            float sum = 0.0f, *cij = g->c + (size_t)i * g->n + j;
            for (int p = 0; p < g->k; p++)
                sum += g->a[i * g->ars + p * g->aps]
                       * g->b[p * g->brs + j * g->bcs];
            *cij = g->accumulate ? *cij + sum : sum;
        }
}
#line 516 "chapters/12-speed.nw"
static void gemm_block(const problem_t *g, int i0, int i1, int j0,
                       int j1)
{
    int mr = g->kern->mr, nr = g->kern->nr;
    int mcap = i1 - i0 < GEMM_MC ? i1 - i0 : GEMM_MC;
    int ncap = j1 - j0 < GEMM_NC ? j1 - j0 : GEMM_NC;
    int kcap = g->k < GEMM_KC ? g->k : GEMM_KC;
    size_t asz = (size_t)(mcap + mr - 1) / mr * mr * kcap;
    size_t bsz = (size_t)(ncap + nr - 1) / nr * nr * kcap;
    float *ap = aligned_alloc(64, (asz / 16 + 1) * 64);
    float *bp = aligned_alloc(64, (bsz / 16 + 1) * 64);
    if (ap == NULL || bp == NULL || g->k == 0)
        by_definition(g, i0, i1, j0, j1);
    else
        
#line 537 "chapters/12-speed.nw"
for (int jc = j0; jc < j1; jc += GEMM_NC) {
    int nc = j1 - jc < GEMM_NC ? j1 - jc : GEMM_NC;
    for (int pc = 0; pc < g->k; pc += GEMM_KC) {
        int kc = g->k - pc < GEMM_KC ? g->k - pc : GEMM_KC;
        int add = g->accumulate || pc > 0;
        pack_b(g, pc, kc, jc, nc, bp);
        for (int ic = i0; ic < i1; ic += GEMM_MC) {
            int mc = i1 - ic < GEMM_MC ? i1 - ic : GEMM_MC;
            pack_a(g, ic, mc, pc, kc, ap);
            tiles(g, ap, bp, ic, mc, jc, nc, kc, add);
        }
    }
}
#line 531 "chapters/12-speed.nw"
    free(ap);
    free(bp);
}
#line 557 "chapters/12-speed.nw"
static problem_t describe(int ta, int tb, int m, int n, int k,
                          const float *a, const float *b, float *c,
                          int accumulate)
{
    problem_t g = {m, n, k, accumulate, a, b, c,
                   ta ? 1 : (size_t)k, ta ? (size_t)m : 1,
                   tb ? 1 : (size_t)n, tb ? (size_t)k : 1,
                   &kernels[gemm_kernel_current()]};
    return g;
}

void gemm_packed(int trans_a, int trans_b, int m, int n, int k,
                 const float *a, const float *b, float *c,
                 int accumulate)
{
    problem_t g = describe(trans_a, trans_b, m, n, k, a, b, c,
                           accumulate);
    gemm_block(&g, 0, m, 0, n);
}
#line 613 "chapters/12-speed.nw"
enum { GEMM_MIN_PARALLEL = 1 << 20 };   /* multiply-adds */

static void gemm_task(void *arg, int part, int nparts)
{
    const problem_t *g = arg;
    int mr = g->kern->mr, nr = g->kern->nr;
    int mt = (g->m + mr - 1) / mr, nt = (g->n + nr - 1) / nr;
    int cols = nt >= mt, units = cols ? nt : mt;
    int u0 = (int)((long)units * part / nparts);
    int u1 = (int)((long)units * (part + 1) / nparts);
    if (u0 == u1)
        return;
    int e0 = u0 * (cols ? nr : mr), e1 = u1 * (cols ? nr : mr);
    if (cols)
        gemm_block(g, 0, g->m, e0, e1 < g->n ? e1 : g->n);
    else
        gemm_block(g, e0, e1 < g->m ? e1 : g->m, 0, g->n);
}
#line 634 "chapters/12-speed.nw"
void gemm_packed_pool(pool_t *pool, int trans_a, int trans_b, int m,
                      int n, int k, const float *a, const float *b,
                      float *c, int accumulate)
{
    problem_t g = describe(trans_a, trans_b, m, n, k, a, b, c,
                           accumulate);
    if (pool == NULL || pool_threads(pool) == 1
        || (double)m * n * k < GEMM_MIN_PARALLEL)
        gemm_block(&g, 0, m, 0, n);
    else
        pool_run(pool, gemm_task, &g);
}
#line 3572 "chapters/companion/12-speed.nw"
#if GEMM_X86
TARGET("avx512f")
static float fma_loop_512(long iters)
{
    __m512 t[12], x = _mm512_set1_ps(0.999f), y = _mm512_set1_ps(1e-3f);
    UNROLL for (int i = 0; i < 12; i++) t[i] = _mm512_set1_ps((float)i);
    for (long it = 0; it < iters; it++)
        UNROLL for (int i = 0; i < 12; i++)
            t[i] = _mm512_fmadd_ps(t[i], x, y);
    float s = 0.0f;
    UNROLL for (int i = 0; i < 12; i++) s += _mm512_reduce_add_ps(t[i]);
    return s;
}
#line 3588 "chapters/companion/12-speed.nw"
TARGET("avx2,fma")
static float fma_loop_256(long iters)
{
    __m256 t[12], x = _mm256_set1_ps(0.999f), y = _mm256_set1_ps(1e-3f);
    UNROLL for (int i = 0; i < 12; i++) t[i] = _mm256_set1_ps((float)i);
    for (long it = 0; it < iters; it++)
        UNROLL for (int i = 0; i < 12; i++)
            t[i] = _mm256_fmadd_ps(t[i], x, y);
    float s[8];
    UNROLL for (int i = 1; i < 12; i++)
        t[0] = _mm256_add_ps(t[0], t[i]);
    _mm256_storeu_ps(s, t[0]);
    return s[0] + s[7];
}
#endif
#line 3611 "chapters/companion/12-speed.nw"
static float fma_loop_scalar(long iters)
{
    volatile float seed = 0.999f;
    float t[12], x = seed, s = 0.0f;
    for (int i = 0; i < 12; i++) t[i] = (float)i;
    for (long it = 0; it < iters; it++)
        for (int i = 0; i < 12; i++) t[i] = t[i] * x + 1e-3f;
    for (int i = 0; i < 12; i++) s += t[i];
    return s;
}

static float fma_loop(gemm_kernel_t kind, long iters)
{
#if GEMM_X86
    if (kind == GEMM_AVX512) return fma_loop_512(iters);
    if (kind == GEMM_AVX2) return fma_loop_256(iters);
#endif
    (void)kind;
    return fma_loop_scalar(iters);
}
#line 3634 "chapters/companion/12-speed.nw"
static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

double gemm_peak_gflops(gemm_kernel_t kind, double seconds)
{
    if (!gemm_kernel_supported(kind))
        return 0.0;
    volatile float sink = 0.0f;
    long iters = 1000;
    double best = 1e30, t0, dt, end;
    for (;;) {
        t0 = seconds_now();
        sink += fma_loop(kind, iters);
        if ((dt = seconds_now() - t0) > 0.1 * seconds) break;
        iters *= 2;
    }
    for (end = t0 + seconds, best = dt; seconds_now() < end;) {
        t0 = seconds_now();
        sink += fma_loop(kind, iters);
        dt = seconds_now() - t0;
        if (dt < best) best = dt;
    }
    (void)sink;
    return 24.0 * gemm_kernel_lanes(kind) * iters / best / 1e9;
}
