#line 639 "chapters/companion/08-anchors.nw"
/* test-detloss.c: the detection loss, its parts and gradients. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "detloss.h"
#include "check.h"
#include "net.h"
#include "pool.h"
#include "rng.h"
#include "scene.h"

enum { K = 3, N = 2, SIDE = 32 };

#line 678 "chapters/companion/08-anchors.nw"
typedef struct {
    anchor_grid_t g;
    anchor_targets_t t[N];
    float *x[2][ANCHOR_LEVELS], *dx[2][ANCHOR_LEVELS];  /* cls, box */
    size_t size[2][ANCHOR_LEVELS];
} fixture_t;

static int fixture_make(fixture_t *f)
{
    static const object_t obj[3] = {{2, 3, 14, 12, 0},
                                    {10, 8, 30, 30, 2},
                                    {0, 17, 9, 31, 1}};
    if (anchor_grid_create(&f->g, NULL, SIDE, SIDE)) return -1;
    for (int b = 0; b < N; b++)
        if (anchor_targets_alloc(&f->t[b], f->g.count)
            || anchor_assign(&f->g.cfg, f->g.box, f->g.count, obj,
                             b ? 0 : 3, &f->t[b]))
            return -1;
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) {
            f->size[w][l] = (size_t)N * f->g.num_anchors * (w ? 4 : K)
                            * f->g.rows[l] * f->g.cols[l];
            f->x[w][l] = calloc(f->size[w][l], sizeof(float));
            f->dx[w][l] = calloc(f->size[w][l], sizeof(float));
            if (!f->x[w][l] || !f->dx[w][l]) return -1;
        }
    return 0;
}

static void fixture_free(fixture_t *f)
{
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) {
            free(f->x[w][l]); free(f->dx[w][l]);
        }
    for (int b = 0; b < N; b++) anchor_targets_free(&f->t[b]);
    anchor_grid_free(&f->g);
}

static pool_t *fixture_pool;   /* NULL but in check_threads */

/* The loss of the fixture's outputs; gradients into f->dx if asked. */
static double fixture_loss(fixture_t *f, const detloss_spec_t *s,
                           int grads, detloss_result_t *r)
{
    const float *cls[ANCHOR_LEVELS], *box[ANCHOR_LEVELS];
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        cls[l] = f->x[0][l]; box[l] = f->x[1][l];
    }
    if (detloss_eval_pool(fixture_pool, s, &f->g, K, N, cls, box, f->t,
                     grads ? f->dx[0] : NULL,
                     grads ? f->dx[1] : NULL, r))
        return NAN;
    return r->cls + r->box;
}

static void fixture_fill(fixture_t *f, int w, double v)
{
    for (int l = 0; l < ANCHOR_LEVELS; l++)
        for (size_t j = 0; j < f->size[w][l]; j++)
            f->x[w][l][j] = (float)v;
}
#line 749 "chapters/companion/08-anchors.nw"
static double smooth_l1(double u, double beta)
{
    return fabs(u) < beta ? u * u / (2 * beta) : fabs(u) - beta / 2;
}

static void check_smooth_l1(check_t *c)
{
    static const double row[][4] = {   /* u, beta, h, h' */
        {1.0 / 18, 1.0 / 9, 1.0 / 72, 0.5}, {1, 1.0 / 9, 17.0 / 18, 1},
        {-2, 1.0 / 9, 35.0 / 18, -1}, {0.3, 0, 0.3, 1}, {0, 0, 0, 0}};
    for (int k = 0; k < 5; k++) {
        double d, v = detloss_smooth_l1(row[k][0], row[k][1], &d);
        check_true(c, fabs(v - row[k][2]) < 1e-15 && d == row[k][3],
                   "h(%g) with beta %g", row[k][0], row[k][1]);
    }
}

static void check_prior(check_t *c, fixture_t *f)
{
    detloss_spec_t s = detloss_spec_default();
    detloss_result_t r;
    double b = (float)-log(99.0), p = 1 / (1 + exp(-b));
    double pos = -0.25 * (1 - p) * (1 - p) * log(p);
    double neg = -0.75 * p * p * log1p(-p), box = 0;
    fixture_fill(f, 0, b);
    fixture_fill(f, 1, 0);
    fixture_loss(f, &s, 0, &r);
    for (int i = 0; i < f->g.count; i++)
        if (f->t[0].label[i] > 0)
            for (int k = 0; k < 4; k++)
                box += smooth_l1(-f->t[0].delta[i][k], s.beta);
    double fg = f->t[0].num_fg, bg = f->t[0].num_bg;
    check_rel(c, pos, 1.1284, 1e-4, "FL of a positive at the prior");
    check_rel(c, neg, 7.54e-7, 1e-3, "FL of a negative at the prior");
    check_true(c, r.num_fg == fg && r.norm == fg && fg > 0
               && r.num_ignored > 0 && r.num_bg == bg + f->g.count,
               "counts over the batch; image 2 all background");
    check_rel(c, r.cls_fg, pos + (K - 1) * neg, 1e-9,
              "class loss of the fg anchors, per fg anchor");
    check_rel(c, r.cls_bg, (bg + f->g.count) * K * neg / fg, 1e-9,
              "class loss of the bg anchors");
    check_rel(c, r.box, box / fg, 1e-9, "box loss at zero outputs");
}
#line 798 "chapters/companion/08-anchors.nw"
static void check_layout(check_t *c, fixture_t *f)
{
    detloss_spec_t s = {{LOSS_CE, 0, LOSS_ALPHA_OFF, 0}, DETLOSS_BETA};
    detloss_result_t r;
    int bad = 0;
    fixture_fill(f, 0, 0);
    fixture_fill(f, 1, 0);
    fixture_loss(f, &s, 1, &r);
    for (int b = 0; b < N; b++)
        for (int i = 0; i < f->g.count; i++) {
            int l = i < 144 ? 0 : i < 180 ? 1 : 2, side = 4 >> l;
            int j = i - (l == 0 ? 0 : l == 1 ? 144 : 180);
            int a = j % 9, y = j / 9 / side, x = j / 9 % side;
            int label = f->t[b].label[i];
            for (int k = 0; k < K; k++) {
                double want = label == ANCHOR_IGNORE ? 0
                    : (label == k + 1 ? -0.5 : 0.5) / r.norm;
                size_t at = (((size_t)b * 9 * K + a * K + k) * side
                             + y) * side + x;
                bad += fabs(f->dx[0][l][at] - want) > 1e-7;
            }
        }
    check_true(c, bad == 0, "class gradient of CE at 0 is "
               "(1/2 - t)/N_fg at channel aK + k (%d wrong)", bad);
    check_rel(c, r.cls, (r.num_fg + r.num_bg) * K * log(2) / r.norm,
              1e-12, "CE at logit 0: K log 2 per non-ignored anchor");
}
#line 832 "chapters/companion/08-anchors.nw"
static void check_threads(check_t *c, fixture_t *f)
{
    detloss_spec_t s = detloss_spec_default();
    detloss_result_t r1, r2;
    float *d1[2][ANCHOR_LEVELS] = {{NULL}};
    rng_t r;
    int same = 1;
    rng_seed(&r, 9);
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++)
            for (size_t j = 0; j < f->size[w][l]; j++)
                f->x[w][l][j] = (float)rng_normal(&r);
    fixture_loss(f, &s, 1, &r1);
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) {
            size_t bytes = f->size[w][l] * sizeof(float);
            d1[w][l] = malloc(bytes);
            if (d1[w][l] == NULL) same = 0;
            else memcpy(d1[w][l], f->dx[w][l], bytes);
        }
    fixture_pool = pool_create(2);
    same = same && fixture_pool != NULL;
    fixture_loss(f, &s, 1, &r2);
    same = same && r1.cls == r2.cls && r1.box == r2.box
           && r1.cls_fg == r2.cls_fg && r1.cls_bg == r2.cls_bg
           && r1.num_fg == r2.num_fg && r1.norm == r2.norm;
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) {
            same = same && d1[w][l] != NULL
                   && memcmp(d1[w][l], f->dx[w][l],
                             f->size[w][l] * sizeof(float)) == 0;
            free(d1[w][l]);
        }
    check_true(c, same, "2 threads (detloss_eval_pool): the loss and "
               "every gradient bit for bit");
    pool_free(fixture_pool);
    fixture_pool = NULL;
}
#line 878 "chapters/companion/08-anchors.nw"
static void check_gradients(check_t *c, fixture_t *f)
{
    detloss_spec_t spec[2] = {detloss_spec_default(),
        {{LOSS_CE, 0, 0.75, 0}, DETLOSS_BETA}};
    detloss_result_t r;
    rng_t g;
    rng_seed(&g, 8);
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++)
            for (size_t j = 0; j < f->size[w][l]; j++)
                f->x[w][l][j] = (float)(2 * rng_normal(&g));
    for (int q = 0; q < 2; q++) {
        int bad = 0, n = 0;
        fixture_loss(f, &spec[q], 1, &r);
        for (int w = 0; w < 2; w++)
            for (int l = 0; l < ANCHOR_LEVELS; l++)
                for (size_t j = 0; j < f->size[w][l]; j++, n++) {
                    float *x = &f->x[w][l][j], keep = *x;
                    float hi = *x = keep + 1e-3f;
                    double up = fixture_loss(f, &spec[q], 0, &r);
                    float lo = *x = keep - 1e-3f;
                    double down = fixture_loss(f, &spec[q], 0, &r);
                    *x = keep;
                    double num = (up - down) / ((double)hi - lo);
                    bad += !(fabs(num - f->dx[w][l][j])
                             <= 1e-6 + 1e-3 * fabs(num));
                }
        check_true(c, bad == 0, "%s: %d gradients match central "
                   "differences (%d wrong)", q ? "alpha-CE" : "FL", n,
                   bad);
    }
}

static void check_edges(check_t *c, fixture_t *f)
{
    detloss_spec_t s = detloss_spec_default();
    detloss_result_t r;
    const float *cls[ANCHOR_LEVELS] = {f->x[0][0], f->x[0][1],
                                       f->x[0][2]};
    const float *box[ANCHOR_LEVELS] = {f->x[1][0], f->x[1][1],
                                       f->x[1][2]};
    check_true(c, detloss_eval(&s, &f->g, 2, N, cls, box, f->t, NULL,
                               NULL, &r) == -1,
               "a label above K (class 2 with K = 2) is refused");
    s.beta = -0.1;
    check_true(c, detloss_eval(&s, &f->g, K, N, cls, box, f->t, NULL,
                               NULL, &r) == -1, "beta < 0 is refused");
    s = detloss_spec_default();
    anchor_targets_t t2[N] = {f->t[0], f->t[1]};
    t2[1].count = 7;
    check_true(c, detloss_eval(&s, &f->g, K, N, cls, box, t2, NULL,
                               NULL, &r) == -1,
               "targets of another grid are refused");
    check_true(c, detloss_eval(&s, &f->g, K, 1, cls, box, f->t + 1,
                               NULL, NULL, &r) == 0 && r.num_fg == 0
               && r.norm == 1 && r.box == 0 && r.cls > 0,
               "no foreground: normaliser 1, box loss 0");
}
#line 952 "chapters/companion/08-anchors.nw"
typedef struct {
    net_t net; layer_ctx_t ctx; anchor_grid_t g;
    anchor_targets_t t[N]; float *img, *d[2][ANCHOR_LEVELS];
} step_t;

static double step_loss(step_t *s, int grads, detloss_result_t *r)
{
    detloss_spec_t spec = detloss_spec_default();
    if (net_forward(&s->ctx, &s->net, s->img, N)
        || detloss_eval(&spec, &s->g, SCENE_CLASSES, N, s->net.cls,
                        s->net.box, s->t, grads ? s->d[0] : NULL,
                        grads ? s->d[1] : NULL, r))
        return NAN;
    return r->cls + r->box;
}

static int step_open(step_t *s)
{
    net_config_t cfg = net_rtiny_config();
    scene_config_t sc = scene_config_default();
    scene_t *scene = malloc(sizeof *scene);
    rng_t r;
    int bad = !scene || net_create(&s->net, &cfg, N)
        || layer_ctx_init(&s->ctx, net_scratch_size(&s->net))
        || anchor_grid_create(&s->g, NULL, SCENE_SIZE, SCENE_SIZE)
        || !(s->img = malloc(N * sizeof scene->pixels));
    for (int b = 0; b < N && !bad; b++) {
        scene_generate(&sc, SCENE_SEED, SCENE_TRAIN, b, scene);
        memcpy(s->img + b * (sizeof scene->pixels / sizeof(float)),
               scene->pixels, sizeof scene->pixels);
        bad = anchor_targets_alloc(&s->t[b], s->g.count)
              || anchor_assign(&s->g.cfg, s->g.box, s->g.count,
                               scene->objects, scene->count, &s->t[b]);
    }
    for (int w = 0; w < 2 && !bad; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) {
            shape_t sh = w ? net_box_shape(&s->net, l, N)
                           : net_cls_shape(&s->net, l, N);
            bad |= !(s->d[w][l] = malloc(shape_count(sh)
                                         * sizeof(float)));
        }
    free(scene);
    s->ctx.direct = 1;     /* the convolution that rounds least */
    rng_seed(&r, SCENE_SEED);
    if (!bad) net_init_weights(&s->net, &r, 0.01);
    return bad ? -1 : 0;
}
#line 1011 "chapters/companion/08-anchors.nw"
static void check_network(check_t *c)
{
    step_t s;
    detloss_result_t r;
    memset(&s, 0, sizeof s);
    if (check_true(c, step_open(&s) == 0, "network, scenes, targets")) {
        
#line 1029 "chapters/companion/08-anchors.nw"
double b = -log(99.0), p = 1 / (1 + exp(-b));
double pos = -0.25 * (1 - p) * (1 - p) * log(p);
double neg = -0.75 * p * p * log1p(-p);
double loss = step_loss(&s, 1, &r);
check_true(c, isfinite(loss) && r.num_fg > 0, "forward and loss");
check_rel(c, r.cls, (r.num_fg * (pos + 2 * neg)
          + r.num_bg * 3 * neg) / r.norm, 0.05,
          "class loss of the network at the prior (within 5%%)");
#line 1018 "chapters/companion/08-anchors.nw"
        
#line 1040 "chapters/companion/08-anchors.nw"
const float *dc[ANCHOR_LEVELS], *db[ANCHOR_LEVELS];
for (int l = 0; l < ANCHOR_LEVELS; l++) {
    dc[l] = s.d[0][l]; db[l] = s.d[1][l];
}
net_zero_grad(&s.net);
check_true(c, net_backward(&s.ctx, &s.net, s.img, N, dc, db) == 0,
           "backward from the loss's gradients");
size_t m = net_num_params(&s.net);
float *w = net_params(&s.net), *keep = malloc(m * sizeof *keep);
float *v = malloc(m * sizeof *v);
if (keep && v) {
    const float *g = net_grads(&s.net);
    double gv = 0, h = 5e-6;
    rng_t q;
    rng_seed(&q, 9);
    memcpy(keep, w, m * sizeof *w);
    for (size_t i = 0; i < m; i++) {
        v[i] = (float)rng_normal(&q);
        gv += (double)g[i] * v[i];
    }
    for (size_t i = 0; i < m; i++) w[i] = keep[i] + (float)(h * v[i]);
    double up = step_loss(&s, 0, &r);
    for (size_t i = 0; i < m; i++) w[i] = keep[i] - (float)(h * v[i]);
    double down = step_loss(&s, 0, &r);
    memcpy(w, keep, m * sizeof *w);
    check_rel(c, (up - down) / (2 * h), gv, 1e-2, "gradient of the "
              "loss through the network along a random direction");
}
free(keep); free(v);
#line 1019 "chapters/companion/08-anchors.nw"
    }
    for (int w = 0; w < 2; w++)
        for (int l = 0; l < ANCHOR_LEVELS; l++) free(s.d[w][l]);
    for (int b = 0; b < N; b++) anchor_targets_free(&s.t[b]);
    anchor_grid_free(&s.g); free(s.img);
    layer_ctx_free(&s.ctx); net_free(&s.net);
}

#line 659 "chapters/companion/08-anchors.nw"
int main(void)
{
    check_t c = {"detloss", 0, 0};
    fixture_t f;
    if (!check_true(&c, fixture_make(&f) == 0, "fixture"))
        return check_finish(&c);
    check_smooth_l1(&c);
    check_prior(&c, &f);
    check_layout(&c, &f);
    check_threads(&c, &f);
    check_gradients(&c, &f);
    check_edges(&c, &f);
    fixture_free(&f);
    check_network(&c);
    return check_finish(&c);
}
