#line 2242 "chapters/12-speed.nw"
/* test-speed.c: the packed product, the pool, and bit-identical
   results at any number of threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "gemm-fast.h"
#include "layers.h"
#include "net.h"
#include "rng.h"

#line 2271 "chapters/12-speed.nw"
static const int shapes[][3] = {   /* m, n, k */
    {1, 1, 1}, {7, 13, 5}, {8, 32, 256}, {6, 16, 257}, {17, 33, 300},
    {97, 35, 513}, {33, 1030, 9}, {5, 3, 0}, {130, 70, 64}};
enum { NSHAPES = sizeof shapes / sizeof shapes[0] };

static float *random_floats(rng_t *r, size_t n)
{
    float *x = malloc((n ? n : 1) * sizeof *x);
    for (size_t i = 0; x && i < n; i++)
        x[i] = (float)rng_normal(r);
    return x;
}
#line 2290 "chapters/12-speed.nw"
static int compare(int ta, int tb, int m, int n, int k, int acc,
                   rng_t *r)
{
    float *a = random_floats(r, (size_t)m * k);
    float *b = random_floats(r, (size_t)k * n);
    float *c0 = random_floats(r, (size_t)m * n);
    float *c1 = malloc((size_t)m * n * sizeof *c1);
    float *c2 = malloc((size_t)m * n * sizeof *c2);
    int ok = a && b && c0 && c1 && c2;
    if (ok) {
        memcpy(c1, c0, (size_t)m * n * sizeof *c1);
        memcpy(c2, c0, (size_t)m * n * sizeof *c2);
        gemm_naive(ta, tb, m, n, k, a, b, c1, acc);
        gemm_packed(ta, tb, m, n, k, a, b, c2, acc);
        
#line 2312 "chapters/12-speed.nw"
double u = ldexp(1.0, -24);
for (int i = 0; ok && i < m; i++)
    for (int j = 0; ok && j < n; j++) {
        double mag = acc ? fabs(c0[(size_t)i * n + j]) : 0.0;
        for (int p = 0; p < k; p++) {
            size_t ai = ta ? (size_t)p * m + i : (size_t)i * k + p;
            size_t bi = tb ? (size_t)j * k + p : (size_t)p * n + j;
            mag += fabs(a[ai]) * fabs(b[bi]);
        }
        double d = fabs((double)c1[(size_t)i * n + j]
                        - c2[(size_t)i * n + j]);
        ok = d <= 2.0 * (k + 2) * u * mag;
    }
#line 2305 "chapters/12-speed.nw"
    }
    free(a); free(b); free(c0); free(c1); free(c2);
    return ok;
}
#line 2328 "chapters/12-speed.nw"
static void check_products(check_t *c)
{
    rng_t r;
    rng_seed(&r, 1212);
    for (int kind = 0; kind < GEMM_NKERNELS; kind++) {
        if (gemm_kernel_select((gemm_kernel_t)kind) != 0) {
            printf("# kernel %s: not supported here\n",
                   gemm_kernel_name((gemm_kernel_t)kind));
            continue;
        }
        int bad = 0;
        for (int s = 0; s < NSHAPES; s++)
            for (int f = 0; f < 8; f++)
                bad += !compare(f & 1, f >> 1 & 1, shapes[s][0],
                                shapes[s][1], shapes[s][2], f >> 2, &r);
        check_true(c, bad == 0, "kernel %s: %d shapes x 8 flag sets "
                   "agree with gemm_naive (%d differ)",
                   gemm_kernel_name((gemm_kernel_t)kind), NSHAPES, bad);
    }
    for (int kind = GEMM_NKERNELS - 1; kind >= 0; kind--)
        if (gemm_kernel_select((gemm_kernel_t)kind) == 0) break;
}
#line 2356 "chapters/12-speed.nw"
typedef struct { int hits[4], count_ok; } pool_probe_t;

static void probe(void *arg, int part, int nparts)
{
    pool_probe_t *p = arg;
    p->hits[part] += part + 1;
    if (nparts != 3) p->count_ok = 0;
}

static void check_pool(check_t *c)
{
    pool_t *pool = pool_create(3);
    pool_probe_t p = {{0, 0, 0, 0}, 1};
    if (!check_true(c, pool != NULL, "a pool of 3 threads starts"))
        return;
    for (int i = 0; i < 1000; i++)
        pool_run(pool, probe, &p);
    check_true(c, p.hits[0] == 1000 && p.hits[1] == 2000
               && p.hits[2] == 3000 && p.hits[3] == 0 && p.count_ok,
               "1000 tasks ran each of their 3 parts once");
    check_true(c, pool_create(0) == NULL, "a pool of 0 is refused");
    pool_free(pool);
}
#line 2386 "chapters/12-speed.nw"
static void check_thread_products(check_t *c)
{
    static const int big[][3] = {{301, 77, 129}, {45, 1001, 70},
                                 {129, 130, 600}};
    rng_t r;
    rng_seed(&r, 77);
    int bad = 0, runs = 0;
    for (int t = 2; t <= 3; t++) {
        pool_t *pool = pool_create(t);
        for (int s = 0; pool && s < 3; s++)
            for (int f = 0; f < 8; f++, runs++)
                
#line 2407 "chapters/12-speed.nw"
{
    int m = big[s][0], n = big[s][1], k = big[s][2];
    size_t mn = (size_t)m * n;
    float *a = random_floats(&r, (size_t)m * k);
    float *b = random_floats(&r, (size_t)k * n);
    float *c1 = random_floats(&r, mn), *c2 = malloc(mn * sizeof *c2);
    if (a && b && c1 && c2) {
        memcpy(c2, c1, mn * sizeof *c2);
        gemm_packed(f & 1, f >> 1 & 1, m, n, k, a, b, c1, f >> 2);
        gemm_packed_pool(pool, f & 1, f >> 1 & 1, m, n, k, a, b, c2,
                         f >> 2);
        bad += memcmp(c1, c2, mn * sizeof *c1) != 0;
    } else {
        bad++;
    }
    free(a); free(b); free(c1); free(c2);
}
#line 2398 "chapters/12-speed.nw"
        pool_free(pool);
    }
    check_true(c, runs == 48 && bad == 0, "%d products at 2 and 3 "
               "threads equal one thread's bit for bit (%d differ)",
               runs, bad);
}
#line 2432 "chapters/12-speed.nw"
static int run_net(net_t *net, int threads, const float *img,
                   float *const g[2 * NET_LEVELS], float *out)
{
    layer_ctx_t ctx;
    int ok = layer_ctx_init(&ctx, net_scratch_size(net)) == 0
             && layer_ctx_set_threads(&ctx, threads) == 0
             && net_forward(&ctx, net, img, 2) == 0;
    size_t off = 0;
    for (int l = 0; ok && l < NET_LEVELS; l++) {
        size_t nc = shape_count(net_cls_shape(net, l, 2));
        memcpy(out + off, net->cls[l], nc * sizeof *out);
        off += nc;
    }
    net_zero_grad(net);
    const float *const *gc = (const float *const *)g;
    ok = ok && net_backward(&ctx, net, img, 2, gc,
                            gc + NET_LEVELS) == 0;
    layer_ctx_free(&ctx);
    return ok;
}
#line 2455 "chapters/12-speed.nw"
static void check_thread_network(check_t *c)
{
    net_config_t cfg = net_rtiny_config();
    net_t net;
    if (!check_true(c, net_create(&net, &cfg, 2) == 0, "R-tiny"))
        return;
    rng_t r;
    rng_seed(&r, 5);
    net_init_weights(&net, &r, 0.01);
    size_t np = net_num_params(&net), nout = 0;
    float *g[2 * NET_LEVELS];
    int ok = 1;
    
#line 2479 "chapters/12-speed.nw"
for (int l = 0; l < NET_LEVELS; l++) {
    size_t nc = shape_count(net_cls_shape(&net, l, 2));
    nout += nc;
    g[l] = random_floats(&r, nc);
    g[NET_LEVELS + l] =
        random_floats(&r, shape_count(net_box_shape(&net, l, 2)));
    ok = ok && g[l] && g[NET_LEVELS + l];
}
#line 2468 "chapters/12-speed.nw"
    float *img = random_floats(&r, (size_t)2 * 3 * cfg.height
                                   * cfg.width);
    float *out[3], *grad[3];
    
#line 2490 "chapters/12-speed.nw"
int same = 1, nonzero = 0;
for (int t = 0; t < 3; t++) {
    out[t] = malloc(nout * sizeof(float));
    grad[t] = malloc(np * sizeof(float));
    ok = ok && img && out[t] && grad[t]
         && run_net(&net, t + 1, img, g, out[t]);
    if (ok) memcpy(grad[t], net_grads(&net), np * sizeof(float));
    if (ok && t > 0)
        same = same && !memcmp(out[0], out[t], nout * sizeof(float))
               && !memcmp(grad[0], grad[t], np * sizeof(float));
}
for (size_t i = 0; ok && i < np; i++) nonzero += grad[0][i] != 0.0f;
check_true(c, ok && same && nonzero > (int)(np / 2), "R-tiny forward"
           " and backward: bit-identical at 1, 2 and 3 threads");
for (int t = 0; t < 3; t++) { free(out[t]); free(grad[t]); }
#line 2472 "chapters/12-speed.nw"
    for (int j = 0; j < 2 * NET_LEVELS; j++) free(g[j]);
    free(img);
    net_free(&net);
}

#line 2259 "chapters/12-speed.nw"
int main(void)
{
    check_t c = {"speed", 0, 0};
    check_products(&c);
    check_pool(&c);
    check_thread_products(&c);
    check_thread_network(&c);
    return check_finish(&c);
}
