#line 381 "chapters/companion/09-inference.nw"
/* test-detect.c: thresholds, top-k, NMS, the oracle, mapping. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "detect.h"
#include "rng.h"
#include "scene.h"

enum { K = 3, N = 4 };
typedef struct {
    float *cls[ANCHOR_LEVELS], *box[ANCHOR_LEVELS];
} out_t;

static void outputs(out_t *o, const anchor_grid_t *g, float logit)
{
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        size_t plane = (size_t)N * g->num_anchors * g->rows[l]
                       * g->cols[l];
        if (!o->cls[l]) o->cls[l] = malloc(plane * K * sizeof(float));
        if (!o->box[l]) o->box[l] = calloc(plane * 4, sizeof(float));
        for (size_t j = 0; j < plane * K; j++) o->cls[l][j] = logit;
        memset(o->box[l], 0, plane * 4 * sizeof(float));
    }
}
#define CLS(o) ((const float *const *)(o).cls)
#define BOX(o) ((const float *const *)(o).box)

#line 434 "chapters/companion/09-inference.nw"
static void test_params(check_t *c)
{
    detect_params_t d = detect_params_default(), bad[6];
    check_true(c, d.score_thresh == 0.05 && d.topk == 1000
               && d.nms_iou == 0.5 && d.max_dets == 100
               && !detect_params_check(&d, NULL, 0), "defaults");
    for (int i = 0; i < 6; i++) bad[i] = d;
    bad[0].score_thresh = 1; bad[1].score_thresh = -0.1;
    bad[2].topk = 0; bad[3].nms_iou = 0; bad[4].nms_iou = 1.01;
    bad[5].max_dets = 0;
    for (int i = 0; i < 6; i++) {
        char err[80] = "";
        check_true(c, detect_params_check(&bad[i], err, sizeof err)
                   && *err, "refuses bad parameters %d (%s)", i, err);
    }
}
#line 461 "chapters/companion/09-inference.nw"
typedef struct { const char *name; int n; detection_t d[4];
                 int m; long want[4]; } nms_case_t;
#define B(id, k, s, x1, y1, x2, y2) {id, k, s, x1, y1, x2, y2}
static const nms_case_t nms_cases[] = {
    {"IoU exactly .5 keeps both", 2, {B(0, 0, .9f, 0, 0, 10, 10),
      B(1, 0, .8f, 0, 0, 10, 5)}, 2, {0, 1}},
    {"IoU just above .5", 2, {B(0, 0, .9f, 0, 0, 10, 10),
      B(1, 0, .8f, 0, 0, 10, 5.0625f)}, 1, {0}},
    {"other class kept", 2, {B(0, 0, .8f, 0, 0, 10, 10),
      B(1, 1, .9f, 0, 0, 10, 10)}, 2, {1, 0}},
    {"score decides", 3, {B(0, 2, .5f, 0, 0, 10, 10),
      B(1, 2, .9f, 2, 0, 12, 10), B(2, 2, .7f, 4, 0, 14, 10)}, 1, {1}},
    {"greedy chain", 3, {B(0, 0, .9f, 0, 0, 10, 10),
      B(1, 0, .8f, 3, 0, 13, 10), B(2, 0, .7f, 6, 0, 16, 10)}, 2,
      {0, 2}},
    {"equal scores by position", 3, {B(0, 1, .5f, 1, 1, 9, 9),
      B(1, 1, .5f, 1, 1, 9, 9), B(2, 0, .5f, 1, 1, 9, 9)}, 2, {0, 2}},
};

static void test_nms_table(check_t *c)
{
    for (size_t t = 0; t < sizeof nms_cases / sizeof *nms_cases; t++) {
        detection_t d[4];
        memcpy(d, nms_cases[t].d, sizeof d);
        int m = detect_nms(d, nms_cases[t].n, 0.5, 100), ok = 1;
        for (int i = 0; i < m && m == nms_cases[t].m; i++)
            ok &= d[i].image_id == nms_cases[t].want[i];
        check_true(c, ok && m == nms_cases[t].m, "NMS: %s",
                   nms_cases[t].name);
    }
}
#line 501 "chapters/companion/09-inference.nw"
static int nms_reference(const detection_t *d, int n, double iou,
                         int max_dets, long *kept)
{
    char gone[400] = {0};
    int m = 0;
    for (int best; m < max_dets; kept[m++] = best) {
        best = -1;
        for (int i = 0; i < n; i++)
            if (!gone[i] && (best < 0 || d[i].score > d[best].score))
                best = i;
        if (best < 0) break;
        gone[best] = 1;
        box_t b = {d[best].x1, d[best].y1, d[best].x2, d[best].y2};
        for (int i = 0; i < n; i++) {
            box_t q = {d[i].x1, d[i].y1, d[i].x2, d[i].y2};
            if (d[i].cls == d[best].cls && box_iou(&b, &q) > iou)
                gone[i] = 1;
        }
    }
    return m;
}
#line 525 "chapters/companion/09-inference.nw"
static void test_nms_brute(check_t *c)
{
    static const double thr[3] = {0.3, 0.5, 0.7};
    rng_t r;
    rng_seed(&r, 9);
    for (int trial = 0; trial < 12; trial++) {
        detection_t d[400], e[400];
        long want[400];
        int n = 50 + (int)rng_below(&r, 350), cap = trial % 2 ? 40 : n;
        for (int i = 0; i < n; i++) {
            float x = 60 * (float)rng_uniform(&r), y = 60 * (float)
                rng_uniform(&r), w = 5 + 30 * (float)rng_uniform(&r);
            d[i] = (detection_t){i, (int)rng_below(&r, K),
                (float)rng_below(&r, 20) / 20, x, y, x + w, y + w};
        }
        memcpy(e, d, (size_t)n * sizeof *d);
        int m = detect_nms(e, n, thr[trial % 3], cap), ok = 1;
        int mr = nms_reference(d, n, thr[trial % 3], cap, want);
        for (int i = 0; i < m && m == mr; i++)
            ok &= e[i].image_id == want[i];
        check_true(c, ok && m == mr && m > 0, "NMS agrees with the "
                   "reference: %d boxes, IoU %.1f, cap %d (%d kept)",
                   n, thr[trial % 3], cap, m);
    }
}
#line 561 "chapters/companion/09-inference.nw"
static int count(const detect_params_t *p, const anchor_grid_t *g,
                 const out_t *o, detection_list_t *l)
{   /* the candidates of image 1, with id 7 */
    l->count = 0;
    return detect_candidates(p, g, K, CLS(*o), BOX(*o), 1, 7, l)
           ? -1 : l->count;
}

static int clipped_anchor(const detection_t *d, const box_t *a)
{
    return d->x1 == fmaxf(a->x1, 0) && d->y1 == fmaxf(a->y1, 0)
           && d->x2 == fminf(a->x2, 128) && d->y2 == fminf(a->y2, 128);
}

static void test_candidates(check_t *c, anchor_grid_t *g, out_t *o)
{
    detect_params_t p = detect_params_default();
    detection_list_t l = {0};
    outputs(o, g, 0);
    p.score_thresh = 0.5;
    check_true(c, count(&p, g, o, &l) == 0, "score .5 not above .5");
    p.score_thresh = 0.4999;
    p.topk = DETECT_MAX_TOPK;
    check_true(c, count(&p, g, o, &l) == g->count * K, "all above");
    p.topk = 7;
    int ok = count(&p, g, o, &l) == 21;
    for (int i = 0; ok && i < 21; i++) {
        int a = g->offset[i / 7] + i % 7 / K;
        ok = l.items[i].cls == i % 7 % K && l.items[i].image_id == 7
             && clipped_anchor(&l.items[i], &g->box[a]);
    }
    check_true(c, ok, "top-7 of equal scores: the first indices");
    
#line 605 "chapters/companion/09-inference.nw"
int plane = g->rows[1] * g->cols[1], last = g->offset[2] * K - 1;
for (int ch = 0; ch < g->num_anchors * K; ch++)
    for (int cell = 0; cell < plane; cell++)
        o->cls[1][(g->num_anchors * K + ch) * plane + cell] =
            (float)(cell * g->num_anchors * K + ch) / 1000;
ok = count(&p, g, o, &l) == 21;
for (int i = 7; ok && i < 14; i++)
    ok = l.items[i].cls == (last - 13 + i) % K && l.items[i].x1
         == g->box[(last - 13 + i) / K].x1;
check_true(c, ok, "top-7 of rising scores: the last pairs of P4");
#line 594 "chapters/companion/09-inference.nw"
    outputs(o, g, -10);
    detect_source_t src[N] = {{1, 0, 0}, {2, 0, 0}, {3, 0, 0},
                              {4, 0, 0}};
    l.count = 0;
    check_true(c, !detect_batch(&p, g, K, CLS(*o), BOX(*o), N, src, &l)
               && l.count == 0, "all scores low: no detections");
    detection_list_free(&l);
}
#line 629 "chapters/companion/09-inference.nw"
static void test_oracle(check_t *c, anchor_grid_t *g, out_t *o)
{
    scene_config_t cfg = scene_config_default();
    object_t obj[N][SCENE_MAX_OBJECTS];
    int nobj[N];
    detect_source_t src[N];
    detect_params_t p = detect_params_default();
    detection_list_t l = {0};
    anchor_targets_t t;
    if (anchor_targets_alloc(&t, g->count))
        return;
    outputs(o, g, 0);
    for (int n = 0, k = 0; n < N; n++) {
        while ((nobj[n] = scene_objects(&cfg, SCENE_SEED, SCENE_VAL,
                                        k++, obj[n])) < 2)
            ;
        anchor_assign(&g->cfg, g->box, g->count, obj[n], nobj[n], &t);
        detect_oracle(g, K, &t, n, 8, o->cls, o->box);
        src[n] = (detect_source_t){100 + n, 0, 0};
    }
    check_true(c, !detect_batch(&p, g, K, CLS(*o), BOX(*o), N, src, &l),
               "detect a batch of oracle outputs");
    
#line 659 "chapters/companion/09-inference.nw"
for (int n = 0, i = 0; n < N; n++) {
    int found = 0, mine = 0;
    for (; i < l.count && l.items[i].image_id == 100 + n; i++)
        mine++;
    for (int j = 0; j < nobj[n]; j++)
        for (int q = i - mine; q < i; q++) {
            box_t a = box_from_object(&obj[n][j]);
            box_t d = {l.items[q].x1, l.items[q].y1, l.items[q].x2,
                       l.items[q].y2};
            found += l.items[q].cls == obj[n][j].cls
                     && box_iou(&a, &d) > .99;
        }
    check_true(c, mine == nobj[n] && found == nobj[n], "oracle scene "
               "%d: %d objects, %d detections, %d found", n, nobj[n],
               mine, found);
}
#line 652 "chapters/companion/09-inference.nw"
    
#line 678 "chapters/companion/09-inference.nw"
int before = l.count, ok = 1;
src[0] = (detect_source_t){100, 640, 480};
detect_batch(&p, g, K, CLS(*o), BOX(*o), 1, src, &l);
for (int i = 0; i < l.count - before; i++) {
    const detection_t *q = &l.items[before + i], *r = &l.items[i];
    ok &= fabsf(q->x1 - 5 * r->x1) < 1e-3f && fabsf(q->x2 - 5 * r->x2)
          < 1e-3f && fabsf(q->y1 - 3.75f * r->y1) < 1e-3f
          && fabsf(q->y2 - 3.75f * r->y2) < 1e-3f;
}
check_true(c, ok && l.count - before == nobj[0], "mapped to 640x480");
outputs(o, g, -10);
int a = anchor_index(g, 2, 2, 2, 4), lv;
o->cls[2][anchor_output_offset(g, a, 0, K, 1, &lv)] = 5;
for (int k = 0; k < 4; k++)
    o->box[2][anchor_output_offset(g, a, 0, 4, k, &lv)] =
        k < 2 ? 0 : (float)log(20);
l.count = 0;
detect_batch(&p, g, K, CLS(*o), BOX(*o), 1, src + 1, &l);
check_true(c, l.count == 1 && l.items[0].x1 == 0 && l.items[0].y1 == 0
           && l.items[0].x2 == 128 && l.items[0].y2 == 128,
           "clipped to the image");
#line 653 "chapters/companion/09-inference.nw"
    anchor_targets_free(&t);
    detection_list_free(&l);
}

#line 410 "chapters/companion/09-inference.nw"
int main(void)
{
    check_t c = {"detect", 0, 0};
    anchor_grid_t g;
    out_t o = {{0}, {0}};
    if (anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE))
        return 1;
    test_params(&c);
    test_nms_table(&c);
    test_nms_brute(&c);
    test_candidates(&c, &g, &o);
    test_oracle(&c, &g, &o);
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        free(o.cls[l]);
        free(o.box[l]);
    }
    anchor_grid_free(&g);
    return check_finish(&c);
}
