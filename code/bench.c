#line 2282 "chapters/companion/12-speed.nw"
/* bench.c: timing the product and R-tiny, medians of repetitions. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include "pool.h"
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "bench.h"
#include "detect.h"
#include "detloss.h"
#include "gemm-fast.h"
#include "layers.h"
#include "net.h"
#include "sgd.h"

#line 67 "chapters/12-speed.nw"
double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

double bench_max_rss_mib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;   /* Linux: KiB */
}
#line 2313 "chapters/companion/12-speed.nw"
typedef struct { double seconds, rate[64]; } peak_task_t;

static void peak_task(void *arg, int part, int nparts)
{
    peak_task_t *t = arg;
    (void)nparts;
    t->rate[part] = gemm_peak_gflops(gemm_kernel_current(), t->seconds);
}

double bench_peak(int nthreads, double seconds)
{
    peak_task_t t = {seconds, {0}};
    pool_t *pool = pool_create(nthreads < 64 ? nthreads : 64);
    double sum = 0.0;
    if (pool == NULL)
        return 0.0;
    pool_run(pool, peak_task, &t);
    for (int i = 0; i < pool_threads(pool); i++) sum += t.rate[i];
    pool_free(pool);
    return sum;
}
#line 2337 "chapters/companion/12-speed.nw"
double bench_gemm(gemm_fn *f, int nthreads, int n, int reps)
{
    size_t nn = (size_t)n * n;
    float *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b);
    float *c = malloc(nn * sizeof *c);
    double t[64], result = -1.0;
    pool_t *pool = f ? NULL : pool_create(nthreads);
    reps = reps < 1 ? 1 : reps > 64 ? 64 : reps;
    if (a && b && c && (f || pool)) {
        for (size_t i = 0; i < nn; i++)
            a[i] = b[i] = (float)(i % 7) * 0.25f - 0.75f;
        for (int r = reps > 1 ? -1 : 0; r < reps; r++) {   /* warm-up */
            double t0 = bench_now();
            if (f) f(0, 0, n, n, n, a, b, c, 0);
            else gemm_packed_pool(pool, 0, 0, n, n, n, a, b, c, 0);
            if (r >= 0) t[r] = bench_now() - t0;
        }
        result = median(t, reps);
    }
    pool_free(pool);
    free(a); free(b); free(c);
    return result;
}
#line 2373 "chapters/companion/12-speed.nw"
typedef struct {
    anchor_grid_t grid;
    anchor_targets_t t;            /* of the three objects */
    anchor_targets_t *per_image;   /* [batch], each a copy of t */
    detloss_spec_t spec;
} bench_loss_t;

static int loss_setup(bench_loss_t *f, const net_config_t *cfg,
                      int batch)
{
    static const object_t obj[3] = {{10, 12, 50, 60, 0},
        {60, 30, 120, 100, 1}, {20, 80, 44, 110, 2}};
    memset(f, 0, sizeof *f);
    f->spec = detloss_spec_default();
    if (anchor_grid_create(&f->grid, NULL, cfg->width, cfg->height) != 0
        || anchor_targets_alloc(&f->t, f->grid.count) != 0
        || anchor_assign(&f->grid.cfg, f->grid.box, f->grid.count, obj,
                         3, &f->t)
        || !(f->per_image = malloc((size_t)batch * sizeof f->t)))
        return -1;
    for (int b = 0; b < batch; b++) f->per_image[b] = f->t;
    return 0;
}

static void loss_free(bench_loss_t *f)
{
    free(f->per_image);
    anchor_targets_free(&f->t);
    anchor_grid_free(&f->grid);
}
#line 2409 "chapters/companion/12-speed.nw"
static int run_step(layer_ctx_t *ctx, net_t *net, const float *img,
                    int n, int train, float *g[2 * NET_LEVELS],
                    float *velocity, const bench_loss_t *f)
{
    detloss_result_t res;
    net_forward(ctx, net, img, n);
    if (!train)
        return 0;
    if (detloss_eval_pool(ctx->pool, &f->spec, &f->grid,
                          net->cfg.num_classes, n, net->cls, net->box,
                          f->per_image, g, g + NET_LEVELS, &res) != 0)
        return -1;
    net_zero_grad(net);
    net_backward(ctx, net, img, n, (const float *const *)g,
                 (const float *const *)(g + NET_LEVELS));
    sgd_update(net_params(net), net_grads(net), velocity,
               net_num_params(net), 0.01, 0.9, 1e-4);
    return 0;
}
#line 2434 "chapters/companion/12-speed.nw"
double bench_rtiny(gemm_fn *f, int nthreads, int batch, int train,
                   int mode, int reps)
{
    net_config_t cfg = net_rtiny_config();
    net_t net;
    if (net_create(&net, &cfg, batch) != 0)
        return -1.0;
    layer_ctx_t ctx;
    float *g[2 * NET_LEVELS] = {NULL};
    size_t npix = (size_t)batch * cfg.in_channels * cfg.height
                  * cfg.width;
    float *img = malloc(npix * sizeof *img);
    float *vel = calloc(net_num_params(&net), sizeof *vel);
    bench_loss_t loss;
    int ok = layer_ctx_init(&ctx, net_scratch_size(&net)) == 0;
    ok = loss_setup(&loss, &cfg, batch) == 0 && ok;
    ok = ok && layer_ctx_set_threads(&ctx, nthreads) == 0;
    if (f) ctx.gemm = f;
    ctx.per_image = (mode & BENCH_PER_IMAGE) != 0;
    ctx.direct = (mode & BENCH_DIRECT) != 0;
    ctx.plain = (mode & BENCH_PLAIN) != 0;
    ctx.small_tiles = (mode & BENCH_SMALL) != 0;
    
#line 2467 "chapters/companion/12-speed.nw"
double t[64], result = -1.0;
for (int l = 0; l < NET_LEVELS; l++) {
    g[l] = malloc(shape_count(net_cls_shape(&net, l, batch))
                  * sizeof(float));
    g[NET_LEVELS + l] = malloc(shape_count(net_box_shape(&net, l,
                               batch)) * sizeof(float));
    ok = ok && g[l] && g[NET_LEVELS + l];
}
reps = reps < 1 ? 1 : reps > 64 ? 64 : reps;
if (ok && img && vel) {
    rng_t r;
    rng_seed(&r, 12);
    net_init_weights(&net, &r, 0.01);
    for (size_t i = 0; i < npix; i++) img[i] = (float)rng_uniform(&r);
    for (int i = reps > 1 ? -1 : 0; i < reps; i++) {
        double t0 = bench_now();
        ok = ok && run_step(&ctx, &net, img, batch, train, g, vel,
                            &loss) == 0;
        if (i >= 0) t[i] = bench_now() - t0;
    }
    result = ok ? median(t, reps) : -1.0;
}
#line 2457 "chapters/companion/12-speed.nw"
    for (int j = 0; j < 2 * NET_LEVELS; j++) free(g[j]);
    free(img); free(vel);
    loss_free(&loss);
    layer_ctx_free(&ctx);
    net_free(&net);
    return result;
}
#line 2497 "chapters/companion/12-speed.nw"
double bench_rtiny_flop(int train)
{
    net_config_t cfg = net_rtiny_config();
    net_t net;
    if (net_create(&net, &cfg, 1) != 0)
        return 0.0;
    double f = 2.0 * net_macs(&net) * (train ? 3.0 : 1.0);
    net_free(&net);
    return f;
}
#line 2516 "chapters/companion/12-speed.nw"
double bench_decode(int reps)
{
    enum { K = 3 };
    anchor_grid_t g;
    float *cls[ANCHOR_LEVELS] = {NULL}, *box[ANCHOR_LEVELS] = {NULL};
    detection_list_t out = {0};
    detect_source_t src = {0, 0, 0};
    detect_params_t p = detect_params_default();
    double t[64], result = -1.0;
    rng_t r;
    memset(&g, 0, sizeof g);
    int ok = anchor_grid_create(&g, NULL, 128, 128) == 0;
    rng_seed(&r, 1);
    reps = reps < 1 ? 1 : reps > 64 ? 64 : reps;
    
#line 2546 "chapters/companion/12-speed.nw"
for (int l = 0; ok && l < ANCHOR_LEVELS; l++) {
    size_t n = (size_t)g.num_anchors * g.rows[l] * g.cols[l];
    cls[l] = malloc(n * K * sizeof(float));
    box[l] = malloc(n * 4 * sizeof(float));
    ok = cls[l] && box[l];
    for (size_t j = 0; ok && j < n * K; j++)
        cls[l][j] = (float)(6 * rng_uniform(&r) - 2);
    for (size_t j = 0; ok && j < n * 4; j++)
        box[l][j] = 0.3f * (float)rng_normal(&r);
}
#line 2531 "chapters/companion/12-speed.nw"
    for (int i = reps > 1 ? -1 : 0; ok && i < reps; i++) {
        double t0 = bench_now();
        out.count = 0;
        ok = detect_batch(&p, &g, K, (const float *const *)cls,
                          (const float *const *)box, 1, &src,
                          &out) == 0;
        if (i >= 0) t[i] = bench_now() - t0;
    }
    if (ok) result = median(t, reps);
    
#line 2559 "chapters/companion/12-speed.nw"
for (int l = 0; l < ANCHOR_LEVELS; l++) {
    free(cls[l]);
    free(box[l]);
}
detection_list_free(&out);
anchor_grid_free(&g);
#line 2541 "chapters/companion/12-speed.nw"
    return result;
}
