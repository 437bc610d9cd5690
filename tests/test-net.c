#line 16 "chapters/companion/07-network.nw"
/* test-net.c: shapes, counts, layout, prior, sharing and gradient. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"

#line 39 "chapters/companion/07-network.nw"
typedef struct { net_t net; layer_ctx_t ctx; float *img; int n; } fix_t;

static int fix_open(fix_t *f, net_config_t cfg, int n, uint64_t seed)
{
    rng_t r;
    rng_seed(&r, seed);
    memset(f, 0, sizeof *f);
    f->n = n;
    if (net_create(&f->net, &cfg, n) != 0
        || layer_ctx_init(&f->ctx, net_scratch_size(&f->net)) != 0)
        return -1;
    size_t count = (size_t)n * cfg.in_channels * cfg.height * cfg.width;
    if ((f->img = malloc(count * sizeof *f->img)) == NULL)
        return -1;
    net_init_weights(&f->net, &r, 0.01);
    for (size_t i = 0; i < count; i++)
        f->img[i] = (float)rng_uniform(&r);
    return net_forward(&f->ctx, &f->net, f->img, n);
}

static void fix_close(fix_t *f)
{
    net_free(&f->net);
    layer_ctx_free(&f->ctx);
    free(f->img);
}
#line 71 "chapters/companion/07-network.nw"
static const char *spoil(net_config_t *g, int i)
{
    switch (i) {
    case 0: g->in_channels = 0; return "in_channels";
    case 1: g->height = 100; return "multiples of 32";
    case 2: g->width = 16; return "width";
    case 3: g->stem_width = 0; return "stem_width";
    case 4: g->widths[2] = 0; return "stage's width";
    case 5: g->blocks[1] = NET_MAX_BLOCKS + 1; return "blocks";
    case 6: g->fpn_width = -1; return "fpn_width";
    case 7: g->head_width = 0; return "head_width";
    case 8: g->head_depth = NET_MAX_DEPTH + 1; return "head_depth";
    case 9: g->num_classes = 0; return "num_classes";
    case 10: g->num_anchors = 65; return "num_anchors";
    default: return NULL;
    }
}

static void check_config(check_t *c)
{
    char msg[160];
    net_config_t g = net_rtiny_config();
    net_t net;
    check_true(c, net_config_check(&g, msg, sizeof msg) == NULL,
               "R-tiny is a valid configuration");
    const char *word;
    for (int i = 0; (word = spoil(&g, i)) != NULL; i++) {
        const char *m = net_config_check(&g, msg, sizeof msg);
        check_true(c, m && strstr(m, word) && net_create(&net, &g, 1)
                   == -1, "refuses bad %s (%s)", word, m ? m : "ok");
        g = net_rtiny_config();
    }
    check_true(c, net_create(&net, &g, 0) == -1, "refuses max_batch 0");
}
#line 113 "chapters/companion/07-network.nw"
static void check_layout(check_t *c)
{
    enum { N = 2, A = 3, K = 4, H = 5, W = 6 };
    shape_t sc = {N, A * K, H, W}, sb = {N, A * 4, H, W};
    static char seen_c[N * A * K * H * W], seen_b[N * A * 4 * H * W];
    int formula = 1, channel = 1, box = 1, once = 1;
    for (int n = 0; n < N; n++) for (int a = 0; a < A; a++)
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
        for (int k = 0; k < K; k++) {
            size_t i = net_cls_at(sc, K, n, a, k, y, x);
            size_t ch = i / (H * W) % (A * K);
            formula &= i == (((size_t)n * A * K + a * K + k) * H + y)
                            * W + x;
            channel &= (int)ch / K == a && (int)ch % K == k;
            once &= seen_c[i]++ == 0;
        }
        for (int j = 0; j < 4; j++) {
            size_t i = net_box_at(sb, n, a, j, y, x);
            box &= i == (((size_t)n * A * 4 + a * 4 + j) * H + y)
                            * W + x
                   && (int)(i / (H * W) % (A * 4)) == 4 * a + j;
            once &= seen_b[i]++ == 0;
        }
    }
    check_true(c, formula, "class index = ((nAK + aK + k)H + y)W + x");
    check_true(c, channel, "class channel c: anchor c/K, class c%%K");
    check_true(c, box, "box index and channel 4a + j");
    check_true(c, once, "every index is used exactly once");
}
#line 152 "chapters/companion/07-network.nw"
/* Parameters of R-tiny, by hand from the reference's layer list:
   stem 16*(27+1) = 448; downs 32*(144+1) = 4640, 64*(288+1) = 18496,
   96*(576+1) = 55392, 128*(864+1) = 110720; blocks, two convs each:
   2*9248 + 2*36928 + 2*83040 + 2*147584 = 553600; backbone 743296.
   FPN: laterals 64*(64+1) + 64*(96+1) + 64*(128+1) = 18624, outputs
   3*36928 = 110784.  Heads: 8 towers 8*36928 = 295424, class
   27*(576+1) = 15579, box 36*(576+1) = 20772.  Total 1204479. */
static const double rtiny_params = 1204479;
/* Multiply-adds: backbone 69599232, FPN 1572864 + 12386304, heads
   8*12386304 + 5225472 + 6967296 = 111283200: total 194841600. */
static const double rtiny_macs = 194841600;
#line 166 "chapters/companion/07-network.nw"
static void check_shapes(check_t *c, const net_t *net)
{
    int ok = 1;
    for (int l = 0; l < NET_LEVELS; l++) {
        shape_t s = net_cls_shape(net, l, 2);
        shape_t b = net_box_shape(net, l, 2);
        int side = 16 >> l;
        ok &= s.n == 2 && s.c == 27 && s.h == side && s.w == side;
        ok &= b.n == 2 && b.c == 36 && b.h == side && b.w == side;
    }
    check_true(c, ok, "levels 16x16, 8x8, 4x4; 27 and 36 channels");
    check_true(c, net_anchors_per_image(net) == 3024, "3024 anchors");
    check_near(c, (double)net_num_params(net), rtiny_params, 0,
               "parameters, by hand");
    check_near(c, net_macs(net), rtiny_macs, 0, "multiply-adds");
    check_near(c, net_macs(net) / 1e9, 0.195, 0.0005,
               "multiply-adds: the reference's 0.195 G");
}
#line 195 "chapters/companion/07-network.nw"
static void check_prior(check_t *c, const net_t *net, int n)
{
    double b = prior_bias(0.01), worst = 0, bound = 0, sum = 0;
    long count = 0;
    for (int i = 0; i < net->nop; i++) {
        const net_op_t *o = &net->op[i];
        if (o->kind != NET_CONV || o->conv != net->cls_last)
            continue;
        const conv_t *l = &net->conv[o->conv].conv;
        shape_t si = net->a[o->in].shape, so = net->a[o->out].shape;
        double umax = 0, fan = (double)l->cin * l->kh * l->kw;
        for (size_t j = 0; j < (size_t)n * shape_count(si); j++)
            umax = fmax(umax, fabs(net->a[o->in].x[j]));
        bound = fmax(bound, 6 * 0.01 * sqrt(fan) * umax);
        for (size_t j = 0; j < (size_t)n * shape_count(so); j++) {
            double z = net->a[o->out].x[j];
            worst = fmax(worst, fabs(z - b));
            sum += 1 / (1 + exp(-z));
            count++;
        }
    }
    check_true(c, count > 0 && worst <= bound,
               "logits within 6 sigma of the prior bias (%.2g <= %.2g)",
               worst, bound);
    check_near(c, sum / count, 0.01, 0.01 * (exp(bound) - 1),
               "mean class probability at init is pi");
}
#line 232 "chapters/companion/07-network.nw"
static int all_finite(const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static int same_outputs(const fix_t *f, const fix_t *g)
{
    int same = 1;
    for (int l = 0; l < NET_LEVELS; l++) {
        size_t nc = shape_count(net_cls_shape(&f->net, l, f->n));
        size_t nb = shape_count(net_box_shape(&f->net, l, f->n));
        same &= memcmp(f->net.cls[l], g->net.cls[l], nc * 4) == 0;
        same &= memcmp(f->net.box[l], g->net.box[l], nb * 4) == 0;
    }
    return same;
}
#line 254 "chapters/companion/07-network.nw"
static void check_run(check_t *c, fix_t *f)
{
    const float *dc[NET_LEVELS], *db[NET_LEVELS];
    int fin = 1;
    for (int l = 0; l < NET_LEVELS; l++) {
        dc[l] = f->net.cls[l];     /* any finite arrays will do */
        db[l] = f->net.box[l];
        fin &= all_finite(f->net.cls[l],
                          shape_count(net_cls_shape(&f->net, l, 2)));
    }
    net_zero_grad(&f->net);
    int st = net_backward(&f->ctx, &f->net, f->img, 2, dc, db);
    const float *g = net_grads(&f->net);
    double stem = 0;
    for (int i = 0; i < 16 * 27; i++)
        stem += fabs(g[i]);
    check_true(c, fin && st == 0, "forward and backward of 2 images");
    check_true(c, all_finite(g, net_num_params(&f->net)) && stem > 0,
               "gradients finite, and reach the stem");
    check_true(c, net_forward(&f->ctx, &f->net, f->img, 3) == -1,
               "refuses a batch above max_batch");
    f->ctx.scratch_size--;
    check_true(c, net_forward(&f->ctx, &f->net, f->img, 1) == -1,
               "refuses a scratch too small");
    f->ctx.scratch_size++;
}
#line 283 "chapters/companion/07-network.nw"
static void check_rtiny(check_t *c)
{
    fix_t f, g, h;
    int ok = fix_open(&f, net_rtiny_config(), 2, 7) == 0
             && fix_open(&g, net_rtiny_config(), 2, 7) == 0
             && fix_open(&h, net_rtiny_config(), 2, 8) == 0;
    if (check_true(c, ok, "R-tiny: create and run")) {
        check_shapes(c, &f.net);
        check_prior(c, &f.net, 2);
        check_true(c, same_outputs(&f, &g), "same seed: same bits");
        check_true(c, !same_outputs(&f, &h), "other seed: other bits");
        check_run(c, &f);
    }
    fix_close(&f); fix_close(&g); fix_close(&h);
}
#line 307 "chapters/companion/07-network.nw"
static void check_sharing(check_t *c)
{
    fix_t f;
    float *all = NULL, *dv = NULL;
    size_t np = 0, head = 0, nout = 0;
    int ok = fix_open(&f, net_check_config(), 2, 11) == 0;
    if (ok) {
        np = net_num_params(&f.net);
        head = (size_t)(f.net.conv[f.net.first_head].conv.w
                        - net_params(&f.net));
        for (int l = 0; l < NET_LEVELS; l++)
            nout += shape_count(net_cls_shape(&f.net, l, 2))
                    + shape_count(net_box_shape(&f.net, l, 2));
        ok = (all = malloc(np * sizeof *all)) != NULL
             && (dv = malloc(nout * sizeof *dv)) != NULL;
    }
    if (check_true(c, ok, "sharing: set up")) {
        
#line 332 "chapters/companion/07-network.nw"
const float *dc[NET_LEVELS], *db[NET_LEVELS], *none[NET_LEVELS] = {0};
const float *g = net_grads(&f.net);
float *p = dv;
rng_t r;
rng_seed(&r, 12);
for (size_t i = 0; i < nout; i++)
    dv[i] = (float)rng_normal(&r);
for (int l = 0; l < NET_LEVELS; l++) {
    dc[l] = p; p += shape_count(net_cls_shape(&f.net, l, 2));
    db[l] = p; p += shape_count(net_box_shape(&f.net, l, 2));
}
net_zero_grad(&f.net);
net_backward(&f.ctx, &f.net, f.img, 2, dc, db);
memcpy(all, g, np * sizeof *all);
net_zero_grad(&f.net);
int reach = 1;
for (int l = 0; l < NET_LEVELS; l++) {
    
#line 362 "chapters/companion/07-network.nw"
const float *ci[NET_LEVELS], *bi[NET_LEVELS];
memcpy(ci, none, sizeof ci);
memcpy(bi, none, sizeof bi);
ci[l] = dc[l];
bi[l] = db[l];
double before = 0, after = 0;
for (size_t i = head; i < np; i++)
    before += fabs(g[i]);
net_backward(&f.ctx, &f.net, f.img, 2, ci, bi);
for (size_t i = head; i < np; i++)
    after += fabs(g[i]);
reach &= after != before;
#line 350 "chapters/companion/07-network.nw"
}
double diff = 0, size = 0;
for (size_t i = 0; i < np; i++) {
    diff = fmax(diff, fabs(g[i] - all[i]));
    size = fmax(size, fabs(all[i]));
}
check_true(c, reach, "each level alone reaches the shared heads");
check_true(c, diff <= 1e-5 * size, "all levels = sum of single levels"
           " (%.2g of %.2g)", diff, size);
#line 325 "chapters/companion/07-network.nw"
    }
    free(all); free(dv);
    fix_close(&f);
}
#line 394 "chapters/companion/07-network.nw"
static void check_gradient(check_t *c)
{
    for (int norm = 0; norm < 2; norm++) {
        net_config_t g = net_check_config();
        if (norm) {
            g.norm_groups = 2;
            g.head_width = 6;
            g.height = g.width = 64;
        }
        net_gc_result_t r;
        int st = net_gradcheck(&g, NET_GC_SEED, &r);
        const char *how = norm ? "with group norm" : "plain";
        check_true(c, st == 0, "gradient check %s: memory", how);
        check_true(c, st == 0 && r.direction <= NET_GC_TOL_DIR,
                   "%s: gradient along a random direction (error "
                   "%.2g)", how, r.direction);
        check_true(c, st == 0 && r.worst <= (norm ? NET_GC_TOL_NORM
                                                  : NET_GC_TOL),
                   "%s: gradient of %d single parameters (worst %.2g)",
                   how, r.samples, r.worst);
    }
}

#line 26 "chapters/companion/07-network.nw"
int main(void)
{
    check_t c = {"net", 0, 0};
    check_config(&c);
    check_layout(&c);
    check_rtiny(&c);
    check_sharing(&c);
    check_gradient(&c);
    return check_finish(&c);
}
