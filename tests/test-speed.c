#line 3675 "chapters/companion/12-speed.nw"
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

#line 3709 "chapters/companion/12-speed.nw"
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
#line 3728 "chapters/companion/12-speed.nw"
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
        
#line 3750 "chapters/companion/12-speed.nw"
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
#line 3743 "chapters/companion/12-speed.nw"
    }
    free(a); free(b); free(c0); free(c1); free(c2);
    return ok;
}
#line 3766 "chapters/companion/12-speed.nw"
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
#line 3794 "chapters/companion/12-speed.nw"
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
#line 3824 "chapters/companion/12-speed.nw"
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
                
#line 3845 "chapters/companion/12-speed.nw"
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
#line 3836 "chapters/companion/12-speed.nw"
        pool_free(pool);
    }
    check_true(c, runs == 48 && bad == 0, "%d products at 2 and 3 "
               "threads equal one thread's bit for bit (%d differ)",
               runs, bad);
}
#line 3870 "chapters/companion/12-speed.nw"
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
#line 3893 "chapters/companion/12-speed.nw"
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
    
#line 3917 "chapters/companion/12-speed.nw"
for (int l = 0; l < NET_LEVELS; l++) {
    size_t nc = shape_count(net_cls_shape(&net, l, 2));
    nout += nc;
    g[l] = random_floats(&r, nc);
    g[NET_LEVELS + l] =
        random_floats(&r, shape_count(net_box_shape(&net, l, 2)));
    ok = ok && g[l] && g[NET_LEVELS + l];
}
#line 3906 "chapters/companion/12-speed.nw"
    float *img = random_floats(&r, (size_t)2 * 3 * cfg.height
                                   * cfg.width);
    float *out[3], *grad[3];
    
#line 3928 "chapters/companion/12-speed.nw"
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
#line 3910 "chapters/companion/12-speed.nw"
    for (int j = 0; j < 2 * NET_LEVELS; j++) free(g[j]);
    free(img);
    net_free(&net);
}
#line 3961 "chapters/companion/12-speed.nw"
enum { NRUN = 4 };
static const int run_hw[NRUN][2] = {{64, 2}, {32, 3}, {8, 2}, {1, 2}};

typedef struct { float *y[NRUN], *dx[NRUN], *g; } conv_result_t;

static int result_alloc(conv_result_t *res, const conv_t *l,
                        const shape_t in[NRUN], size_t ng)
{
    int ok = (res->g = calloc(ng, sizeof(float))) != NULL;
    for (int q = 0; q < NRUN; q++) {
        size_t ny = shape_count(conv_out_shape(l, in[q]));
        res->y[q] = calloc(ny, sizeof(float));
        res->dx[q] = calloc(shape_count(in[q]), sizeof(float));
        ok = ok && res->y[q] && res->dx[q];
    }
    return ok;
}

static void result_free(conv_result_t *res)
{
    for (int q = 0; q < NRUN; q++) {
        free(res->y[q]);
        free(res->dx[q]);
    }
    free(res->g);
}
#line 3990 "chapters/companion/12-speed.nw"
/* Forward and backward, by Chapter 4's functions run by run
   (batched == 0) or by the batched ones, into res. */
static void conv_way(layer_ctx_t *ctx, conv_t *l, int batched,
                     int relu, const shape_t in[NRUN],
                     float *const x[NRUN], float *const dy[NRUN],
                     conv_result_t *res)
{
    conv_run_t run[NRUN];
    l->dw = res->g;
    l->db = res->g + (size_t)l->cout * l->cin * l->kh * l->kw;
    for (int q = 0; q < NRUN; q++) {
        run[q] = (conv_run_t){in[q], x[q], res->y[q], dy[q],
                              res->dx[q]};
        if (!batched) {
            conv_forward(ctx, l, in[q], x[q], res->y[q]);
            conv_backward(ctx, l, in[q], x[q], dy[q], res->dx[q]);
        }
    }
    if (batched) {
        conv_forward_runs(ctx, l, NRUN, run, relu);
        conv_backward_runs(ctx, l, NRUN, run, relu);
    }
}
#line 4016 "chapters/companion/12-speed.nw"
static int same(const float *a, const float *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

static void conv_case(conv_t *l, rng_t *r, int bad[3])
{
    shape_t in[NRUN];
    float *x[NRUN], *dy[NRUN], *ax[NRUN], *ady[NRUN];
    size_t nw = (size_t)l->cout * l->cin * l->kh * l->kw;
    size_t ng = nw + (size_t)l->cout;
    float *wb = random_floats(r, ng);
    conv_result_t res[6];     /* plain, batched at 1 and 2 threads,
                                 magnitudes, batched with the ReLU,
                                 plain with the ReLU's mask */
    layer_ctx_t c1, c2;
    int ok = wb != NULL;
    
#line 4046 "chapters/companion/12-speed.nw"
for (int q = 0; q < NRUN; q++) {
    in[q] = (shape_t){run_hw[q][1], l->cin, run_hw[q][0],
                      run_hw[q][0]};
    size_t nx = shape_count(in[q]);
    size_t ny = shape_count(conv_out_shape(l, in[q]));
    x[q] = random_floats(r, nx);
    dy[q] = random_floats(r, ny);
    ax[q] = malloc(nx * sizeof(float));
    ady[q] = malloc(ny * sizeof(float));
    ok = ok && x[q] && dy[q] && ax[q] && ady[q];
    for (size_t i = 0; ok && i < nx; i++) ax[q][i] = fabsf(x[q][i]);
    for (size_t i = 0; ok && i < ny; i++) ady[q][i] = fabsf(dy[q][i]);
}
for (int i = 0; i < 6; i++)
    ok = result_alloc(&res[i], l, in, ng) && ok;
size_t need = conv_runs_scratch(l, NRUN, in);
ok = layer_ctx_init(&c1, need) == 0 && ok;
ok = layer_ctx_init(&c2, need) == 0 && ok
     && layer_ctx_set_threads(&c2, 2) == 0;
c1.direct = c2.direct = 1;          /* Winograd's has its own check */
#line 4034 "chapters/companion/12-speed.nw"
    
#line 4069 "chapters/companion/12-speed.nw"
if (ok) {
    l->w = wb;
    l->b = wb + nw;
    conv_way(&c1, l, 0, 0, in, x, dy, &res[0]);
    conv_way(&c1, l, 1, 0, in, x, dy, &res[1]);
    conv_way(&c2, l, 1, 0, in, x, dy, &res[2]);
    conv_way(&c1, l, 0, 0, in, ax, ady, &res[3]);
    conv_way(&c1, l, 1, 1, in, x, dy, &res[4]);
    for (int q = 0; q < NRUN; q++) {       /* dy masked: into ady */
        size_t ny = shape_count(conv_out_shape(l, in[q]));
        for (size_t i = 0; i < ny; i++)
            ady[q][i] = res[4].y[q][i] > 0.0f ? dy[q][i] : 0.0f;
    }
    conv_way(&c1, l, 0, 0, in, x, ady, &res[5]);
    
#line 4090 "chapters/companion/12-speed.nw"
double u = ldexp(1.0, -24), terms = 0;
for (int q = 0; q < NRUN; q++) {
    shape_t o = conv_out_shape(l, in[q]);
    size_t nx = shape_count(in[q]), ny = shape_count(o);
    terms += (double)o.n * o.h * o.w;
    bad[0] += !same(res[1].y[q], res[0].y[q], ny);
    for (size_t i = 0; i < ny; i++)
        bad[0] += res[4].y[q][i] != fmaxf(res[0].y[q][i], 0.0f);
    bad[1] += !same(res[1].dx[q], res[0].dx[q], nx)
              + !same(res[4].dx[q], res[5].dx[q], nx);
    bad[2] += !same(res[2].y[q], res[1].y[q], ny)
              || !same(res[2].dx[q], res[1].dx[q], nx);
}
for (size_t i = 0; i < ng; i++)
    bad[1] += (fabs((double)res[1].g[i] - res[0].g[i])
               > 2.0 * (terms + 2) * u * res[3].g[i])
              + (fabs((double)res[4].g[i] - res[5].g[i])
                 > 2.0 * (terms + 2) * u * res[3].g[i]);
bad[2] += !same(res[2].g, res[1].g, ng);
#line 4084 "chapters/companion/12-speed.nw"
} else {
    bad[0] = bad[1] = bad[2] = 1000;
}
#line 4035 "chapters/companion/12-speed.nw"
    for (int q = 0; q < NRUN; q++) {
        free(x[q]); free(dy[q]); free(ax[q]); free(ady[q]);
    }
    for (int i = 0; i < 6; i++) result_free(&res[i]);
    layer_ctx_free(&c1);
    layer_ctx_free(&c2);
    free(wb);
}
#line 4114 "chapters/companion/12-speed.nw"
static int unroll_differs(const conv_t *l, int hw, rng_t *r)
{
    shape_t o = conv_out_shape(l, (shape_t){1, l->cin, hw, hw});
    size_t nx = (size_t)l->cin * hw * hw;
    size_t nc = (size_t)l->cin * l->kh * l->kw * o.h * o.w;
    float *x = random_floats(r, nx), *m = random_floats(r, nc);
    float *c1 = malloc(nc * sizeof *c1), *c2 = malloc(nc * sizeof *c2);
    float *x2 = malloc(nx * sizeof *x2);
    int bad = !(x && m && c1 && c2 && x2);
    if (!bad) {
        im2col(l, hw, hw, x, c1);
        im2col_fast(l, hw, hw, x, c2);
        memcpy(x2, x, nx * sizeof *x2);
        col2im(l, hw, hw, m, x);
        col2im_fast(l, hw, hw, m, x2);
        bad = !same(c1, c2, nc) || !same(x, x2, nx);
    }
    free(x); free(m); free(c1); free(c2); free(x2);
    return bad;
}
#line 4137 "chapters/companion/12-speed.nw"
static void check_conv_runs(check_t *c)
{
    static const int geom[3][3] = {{3, 1, 1}, {3, 2, 1}, {1, 1, 0}};
    rng_t r;
    rng_seed(&r, 31);
    for (int i = 0; i < 3; i++) {
        conv_t l = {3, 5, geom[i][0], geom[i][0], geom[i][1],
                    geom[i][2], NULL, NULL, NULL, NULL};
        int bad[3] = {0, 0, 0}, unr = 0;
        for (int q = 0; q < NRUN; q++)
            unr += unroll_differs(&l, run_hw[q][0], &r);
        check_true(c, unr == 0, "%dx%d stride %d: im2col_fast and "
                   "col2im_fast equal im2col and col2im", geom[i][0],
                   geom[i][0], geom[i][1]);
        conv_case(&l, &r, bad);
        check_true(c, bad[0] == 0 && bad[1] == 0, "%dx%d stride %d, "
                   "4 runs in groups: forward and input gradient "
                   "bit-identical to conv_forward/backward, parameter "
                   "gradients within the bound", geom[i][0],
                   geom[i][0], geom[i][1]);
        check_true(c, bad[2] == 0, "%dx%d stride %d: the same at 2 "
                   "threads, bit for bit", geom[i][0], geom[i][0],
                   geom[i][1]);
    }
}
#line 4190 "chapters/companion/12-speed.nw"
/* set 0: even sides; 1: multiples of 4; 2: the same, few pixels */
static void check_winograd(check_t *c, int set)
{
    static const int shapes[3][NRUN][3] = {      /* n, h, w */
        {{2, 8, 22}, {3, 4, 4}, {1, 2, 2}, {2, 16, 16}},
        {{2, 8, 44}, {3, 4, 4}, {1, 4, 8}, {2, 16, 16}},
        {{1, 4, 8}, {2, 4, 4}, {1, 8, 8}, {1, 4, 4}}};
    static const char *name[3] = {"2x2 tiles", "4x4 tiles",
                                  "a small call"};
    const int (*shp)[3] = shapes[set];
    int k = set == 1 ? 4 : 2;
    conv_t l = {5, 7, 3, 3, 1, 1, NULL, NULL, NULL, NULL};
    size_t nw = (size_t)l.cout * l.cin * 9, ng = nw + (size_t)l.cout;
    shape_t in[NRUN];
    float *x[NRUN], *dy[NRUN], *ax[NRUN], *ady[NRUN], *mdy[NRUN];
    conv_result_t res[9];    /* direct, Winograd at 1 and 2 threads,
                                magnitudes, Winograd with the ReLU,
                                Winograd fed the masked dy, plain
                                transforms without and with ReLU,
                                2 x 2 tiles */
    layer_ctx_t c1, c2, cd, cp, cs;
    rng_t r;
    rng_seed(&r, 47);
    float *wb = random_floats(&r, ng), *awb = malloc(ng * sizeof *awb);
    int ok = wb && awb, differs = 0, same_as_small = 1;
    double terms = 0, worst = 0;
    
#line 4244 "chapters/companion/12-speed.nw"
for (size_t i = 0; ok && i < ng; i++) awb[i] = fabsf(wb[i]);
for (int q = 0; q < NRUN; q++) {
    in[q] = (shape_t){shp[q][0], l.cin, shp[q][1], shp[q][2]};
    size_t nx = shape_count(in[q]), ny = shape_count(in[q]) / l.cin
                                         * l.cout;
    x[q] = random_floats(&r, nx);
    dy[q] = random_floats(&r, ny);
    ax[q] = malloc(nx * sizeof(float));
    ady[q] = malloc(ny * sizeof(float));
    mdy[q] = malloc(ny * sizeof(float));
    ok = ok && x[q] && dy[q] && ax[q] && ady[q] && mdy[q];
    for (size_t i = 0; ok && i < nx; i++) ax[q][i] = fabsf(x[q][i]);
    for (size_t i = 0; ok && i < ny; i++) ady[q][i] = fabsf(dy[q][i]);
    terms += (double)in[q].n * in[q].h * in[q].w;
}
for (int i = 0; i < 9; i++)
    ok = result_alloc(&res[i], &l, in, ng) && ok;
size_t need = conv_runs_scratch(&l, NRUN, in);
ok = layer_ctx_init(&c1, need) == 0 && ok;
ok = layer_ctx_init(&c2, need) == 0 && ok
     && layer_ctx_set_threads(&c2, 2) == 0;
ok = layer_ctx_init(&cd, need) == 0 && ok;
cd.direct = 1;
ok = layer_ctx_init(&cp, need) == 0 && ok;
cp.plain = 1;
ok = layer_ctx_init(&cs, need) == 0 && ok;
cs.small_tiles = 1;
#line 4217 "chapters/companion/12-speed.nw"
    if (ok) {
        
#line 4274 "chapters/companion/12-speed.nw"
l.w = wb;
l.b = wb + nw;
conv_way(&cd, &l, 1, 0, in, x, dy, &res[0]);
conv_way(&c1, &l, 1, 0, in, x, dy, &res[1]);
conv_way(&c2, &l, 1, 0, in, x, dy, &res[2]);
conv_way(&c1, &l, 1, 1, in, x, dy, &res[4]);
conv_way(&cp, &l, 1, 0, in, x, dy, &res[6]);
conv_way(&cp, &l, 1, 1, in, x, dy, &res[7]);
conv_way(&cs, &l, 1, 0, in, x, dy, &res[8]);
for (int q = 0; q < NRUN; q++) {
    size_t ny = shape_count(in[q]) / l.cin * l.cout;
    for (size_t i = 0; i < ny; i++)
        mdy[q][i] = res[4].y[q][i] > 0.0f ? dy[q][i] : 0.0f;
}
conv_way(&c1, &l, 1, 0, in, x, mdy, &res[5]);
l.w = awb;
l.b = awb + nw;
conv_way(&cd, &l, 1, 0, in, ax, ady, &res[3]);
#line 4219 "chapters/companion/12-speed.nw"
        
#line 4295 "chapters/companion/12-speed.nw"
double u = ldexp(1.0, -24);
double kf = 9.0 * l.cin, kb = 9.0 * l.cout;
for (int q = 0; q < NRUN; q++) {
    size_t nx = shape_count(in[q]), ny = nx / l.cin * l.cout;
    for (size_t i = 0; i < ny; i++) {
        double e = fabs((double)res[1].y[q][i] - res[0].y[q][i]);
        worst = fmax(worst, e / (32 * (kf + 8) * u * res[3].y[q][i]));
        differs |= res[1].y[q][i] != res[0].y[q][i]
                   && (k == 2 || res[1].y[q][i] != res[8].y[q][i]);
        same_as_small &= res[1].y[q][i] == res[8].y[q][i];
    }
    for (size_t i = 0; i < nx; i++) {
        double e = fabs((double)res[1].dx[q][i] - res[0].dx[q][i]);
        worst = fmax(worst, e / (32 * (kb + 8) * u * res[3].dx[q][i]));
        same_as_small &= res[1].dx[q][i] == res[8].dx[q][i];
    }
}
for (size_t i = 0; i < ng; i++) {
    double e = fabs((double)res[1].g[i] - res[0].g[i]);
    worst = fmax(worst, e / (32 * (terms + 8) * u * res[3].g[i]));
}
#line 4220 "chapters/companion/12-speed.nw"
    }
    check_true(c, ok && worst <= 1.0, "Winograd, %s: forward and "
               "gradients within the bound of the direct convolution "
               "(worst %.2g of it)", name[set], worst);
    check_true(c, ok && differs, "Winograd, %s: the method ran (the "
               "bits differ from the direct convolution's%s)",
               name[set], k == 4 ? " and from 2x2 tiles'" : "");
    if (set == 2)
        check_true(c, ok && same_as_small, "Winograd, %s: fewer than "
                   "WINO_MIN4 tiles of 4x4 take the 2x2 tiles (their "
                   "bits)", name[set]);
    
#line 4319 "chapters/companion/12-speed.nw"
int bad = !ok, relu_bad = !ok;
for (int q = 0; ok && q < NRUN; q++) {
    size_t nx = shape_count(in[q]), ny = nx / l.cin * l.cout;
    bad += !same(res[2].y[q], res[1].y[q], ny)
           || !same(res[2].dx[q], res[1].dx[q], nx);
    for (size_t i = 0; i < ny; i++)
        relu_bad += res[4].y[q][i] != fmaxf(res[1].y[q][i], 0.0f);
    relu_bad += !same(res[4].dx[q], res[5].dx[q], nx);
}
bad += ok && !same(res[2].g, res[1].g, ng);
relu_bad += ok && !same(res[4].g, res[5].g, ng);
check_true(c, bad == 0, "Winograd, %s: 2 threads give 1 thread's "
           "bits", name[set]);
check_true(c, relu_bad == 0, "Winograd, %s: the fused ReLU, forward "
           "and backward, bit for bit", name[set]);
int vec_bad = !ok;
for (int q = 0; ok && q < NRUN; q++) {
    size_t nx = shape_count(in[q]), ny = nx / l.cin * l.cout;
    for (int k = 0; k < 2; k++)
        vec_bad += !same(res[6 + k].y[q], res[k ? 4 : 1].y[q], ny)
                   || !same(res[6 + k].dx[q], res[k ? 4 : 1].dx[q], nx);
}
vec_bad += ok && (!same(res[6].g, res[1].g, ng)
                  || !same(res[7].g, res[4].g, ng));
check_true(c, vec_bad == 0, "Winograd, %s: the transforms with "
           "vectors give the plain transforms' bits, with and without "
           "the ReLU", name[set]);
#line 4232 "chapters/companion/12-speed.nw"
    for (int q = 0; q < NRUN; q++) {
        free(x[q]); free(dy[q]); free(ax[q]); free(ady[q]);
        free(mdy[q]);
    }
    for (int i = 0; i < 9; i++) result_free(&res[i]);
    layer_ctx_free(&c1); layer_ctx_free(&c2); layer_ctx_free(&cd);
    layer_ctx_free(&cp); layer_ctx_free(&cs);
    free(wb); free(awb);
}

#line 3694 "chapters/companion/12-speed.nw"
int main(void)
{
    check_t c = {"speed", 0, 0};
    check_products(&c);
    check_pool(&c);
    check_thread_products(&c);
    check_thread_network(&c);
    check_conv_runs(&c);
    for (int set = 0; set < 3; set++)
        check_winograd(&c, set);
    return check_finish(&c);
}
