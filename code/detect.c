#line 14 "chapters/companion/09-inference.nw"
/* detect.c: threshold, top-k, decoding, NMS, drawing. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "loss.h"

#line 33 "chapters/companion/09-inference.nw"
detect_params_t detect_params_default(void)
{
    return (detect_params_t){0.05, 1000, 0.5, 100};
}

int detect_params_check(const detect_params_t *p, char *err,
                        size_t errsize)
{
    const char *why = NULL;
    if (!(p->score_thresh >= 0 && p->score_thresh < 1))
        why = "score threshold: need 0 <= t < 1";
    else if (p->topk < 1 || p->topk > DETECT_MAX_TOPK)
        why = "top-k: need 1 <= k <= 1000000";
    else if (!(p->nms_iou > 0 && p->nms_iou <= 1))
        why = "NMS IoU: need 0 < t <= 1";
    else if (p->max_dets < 1 || p->max_dets > DETECT_MAX_DETS)
        why = "detections per image: need 1 <= n <= 100000";
    if (why && err)
        snprintf(err, errsize, "%s", why);
    return why ? -1 : 0;
}
#line 155 "chapters/09-inference.nw"
typedef struct { float score; int id; } cand_t;

static int before(const cand_t *a, const cand_t *b)
{
    return a->score > b->score
           || (a->score == b->score && a->id < b->id);
}
#line 171 "chapters/09-inference.nw"
static void select_kth(cand_t *c, int n, int k)
{
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        cand_t pivot = c[lo + (hi - lo) / 2], t;
        int i = lo, j = hi;
        while (i <= j) {
            while (before(&c[i], &pivot)) i++;
            while (before(&pivot, &c[j])) j--;
            if (i <= j) { t = c[i]; c[i++] = c[j]; c[j--] = t; }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return;
    }
}
#line 195 "chapters/09-inference.nw"
static int level_scores(const detect_params_t *p,
                        const anchor_grid_t *g, int K,
                        const float *cls, int l, int n, cand_t *c)
{
    int plane = g->rows[l] * g->cols[l], m = 0, A = g->num_anchors;
    const float *base = cls + (size_t)n * A * K * plane;
    for (int cell = 0; cell < plane; cell++)
        for (int ch = 0; ch < A * K; ch++) {
            double s = loss_sigmoid(base[(size_t)ch * plane + cell]);
            if (s > p->score_thresh)
                c[m++] = (cand_t){(float)s,
                    (g->offset[l] + cell * A) * K + ch};
        }
    return m;
}
#line 217 "chapters/09-inference.nw"
static int emit(const anchor_grid_t *g, int K,
                const float *const box[ANCHOR_LEVELS], int n,
                long image_id, const cand_t *c, detection_list_t *out)
{
    int a = c->id / K;
    float v[4], w = (float)g->width, h = (float)g->height;
    anchor_read(g, box, n, a, 4, v);
    box_t b = box_decode(&g->box[a], v);
    detection_t d = {image_id, c->id % K, c->score,
        fminf(fmaxf(b.x1, 0), w), fminf(fmaxf(b.y1, 0), h),
        fminf(fmaxf(b.x2, 0), w), fminf(fmaxf(b.y2, 0), h)};
    return detection_list_append(out, &d);
}
#line 236 "chapters/09-inference.nw"
int detect_candidates(const detect_params_t *p, const anchor_grid_t *g,
                      int K, const float *const cls[ANCHOR_LEVELS],
                      const float *const box[ANCHOR_LEVELS], int n,
                      long image_id, detection_list_t *out)
{
    int start = out->count, most = 0, bad = 0;
    if (detect_params_check(p, NULL, 0) || K < 1
        || K > ANCHOR_MAX_CLASSES || n < 0)
        return -1;
    for (int l = 0; l < ANCHOR_LEVELS; l++)
        if (g->rows[l] * g->cols[l] * g->num_anchors * K > most)
            most = g->rows[l] * g->cols[l] * g->num_anchors * K;
    cand_t *c = malloc(2 * (size_t)most * sizeof *c), kth = {0, 0};
    if (c == NULL)
        return -1;
    for (int l = 0; l < ANCHOR_LEVELS && !bad; l++) {
        int m = level_scores(p, g, K, cls[l], l, n, c);
        if (m > p->topk) {
            memcpy(c + most, c, (size_t)m * sizeof *c);
            select_kth(c + most, m, p->topk - 1);
            kth = c[most + p->topk - 1];
        }
        for (int i = 0; i < m && !bad; i++)
            if (m <= p->topk || !before(&kth, &c[i]))
                bad = emit(g, K, box, n, image_id, &c[i], out);
    }
    free(c);
    if (bad)
        out->count = start;
    return bad ? -1 : 0;
}
#line 292 "chapters/09-inference.nw"
typedef struct { float score; int cls, pos; } rank_t;

static int by_rank(const void *pa, const void *pb)
{
    const rank_t *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static int by_class_then_rank(const void *pa, const void *pb)
{
    const rank_t *a = pa, *b = pb;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    return by_rank(pa, pb);
}
#line 314 "chapters/09-inference.nw"
int detect_nms(detection_t *d, int n, double iou, int max_dets)
{
    if (n <= 0 || max_dets <= 0)
        return n < 0 || max_dets < 0 ? -1 : 0;
    rank_t *r = malloc((size_t)n * sizeof *r);
    rank_t *kept = malloc((size_t)n * sizeof *kept);
    box_t *kb = malloc((size_t)n * sizeof *kb);
    detection_t *tmp = malloc((size_t)n * sizeof *tmp);
    int nk = 0, m = -1;
    if (r && kept && kb && tmp) {
        for (int i = 0; i < n; i++)
            r[i] = (rank_t){d[i].score, d[i].cls, i};
        qsort(r, (size_t)n, sizeof *r, by_class_then_rank);
        
#line 340 "chapters/09-inference.nw"
for (int s = 0, e; s < n; s = e) {
    int first = nk;
    for (e = s; e < n && r[e].cls == r[s].cls; e++)
        ;
    for (int i = s; i < e && nk - first < max_dets; i++) {
        const detection_t *q = &d[r[i].pos];
        box_t b = {q->x1, q->y1, q->x2, q->y2};
        int keep = 1;
        for (int j = first; j < nk && keep; j++)
            keep = box_iou(&b, &kb[j]) <= iou;
        if (keep) { kb[nk] = b; kept[nk++] = r[i]; }
    }
}
#line 328 "chapters/09-inference.nw"
        qsort(kept, (size_t)nk, sizeof *kept, by_rank);
        m = nk < max_dets ? nk : max_dets;
        for (int i = 0; i < m; i++)
            tmp[i] = d[kept[i].pos];
        memcpy(d, tmp, (size_t)m * sizeof *d);
    }
    free(r); free(kept); free(kb); free(tmp);
    return m;
}
#line 364 "chapters/09-inference.nw"
int detect_batch(const detect_params_t *p, const anchor_grid_t *g,
                 int K, const float *const cls[ANCHOR_LEVELS],
                 const float *const box[ANCHOR_LEVELS], int batch,
                 const detect_source_t *src, detection_list_t *out)
{
    int start = out->count;
    for (int n = 0; n < batch; n++) {
        int first = out->count, m;
        double sx = 1, sy = 1;
        if (src[n].width > 0 && src[n].height > 0) {
            sx = (double)src[n].width / g->width;
            sy = (double)src[n].height / g->height;
        } else if (src[n].width != 0 || src[n].height != 0) {
            out->count = start;
            return -1;
        }
        if (detect_candidates(p, g, K, cls, box, n, src[n].image_id,
                              out)
            || (m = detect_nms(out->items + first, out->count - first,
                               p->nms_iou, p->max_dets)) < 0) {
            out->count = start;
            return -1;
        }
        out->count = first + m;
        
#line 395 "chapters/09-inference.nw"
for (int i = first; i < out->count; i++) {
    detection_t *q = &out->items[i];
    q->x1 = (float)(q->x1 * sx); q->x2 = (float)(q->x2 * sx);
    q->y1 = (float)(q->y1 * sy); q->y2 = (float)(q->y2 * sy);
}
#line 389 "chapters/09-inference.nw"
    }
    return 0;
}
#line 63 "chapters/companion/09-inference.nw"
static const unsigned short glyph[11] = {
    0x7b6f, 0x2c97, 0x73e7, 0x73cf, 0x5bc9, 0x79cf,    /* 0-5 */
    0x79ef, 0x7249, 0x7bef, 0x7bcf, 0x0002};           /* 6-9 . */
static const unsigned char palette[6][3] = {{230, 25, 75},
    {60, 180, 75}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
    {70, 240, 240}};

static void draw_text(image_t *img, int x, int y, const char *s)
{
    for (; *s; s++, x += 4) {
        int gi = *s == '.' ? 10
                 : *s >= '0' && *s <= '9' ? *s - '0' : -1;
        for (int b = 0; gi >= 0 && b < 15; b++) {
            int px = x + b % 3, py = y + b / 3;
            if ((glyph[gi] >> (14 - b) & 1) && px >= 0 && py >= 0
                && px < img->w && py < img->h)
                memset(img->rgb + 3 * ((size_t)py * img->w + px), 0, 3);
        }
    }
}
#line 86 "chapters/companion/09-inference.nw"
void detect_draw(image_t *img, const detection_t *d, int n,
                 double min_score, int labels)
{
    for (int i = n - 1; i >= 0; i--) {
        if (!(d[i].score >= min_score))
            continue;
        const unsigned char *rgb = palette[d[i].cls % 6];
        object_t o = {d[i].x1, d[i].y1, d[i].x2, d[i].y2, d[i].cls};
        image_draw_box(img, &o, 1, rgb);
        if (!labels)
            continue;
        char text[24];
        int pct = (int)(d[i].score * 100);
        snprintf(text, sizeof text, "%d .%02d", d[i].cls % 1000,
                 pct > 99 ? 99 : pct);
        float w = 4.0f * (float)strlen(text) + 1, y = o.y1 - 7;
        object_t tag = {o.x1, y < 0 ? o.y1 : y, o.x1 + w,
                        (y < 0 ? o.y1 : y) + 7, 0};
        image_draw_box(img, &tag, 4, rgb);
        draw_text(img, (int)floorf(tag.x1) + 1,
                  (int)floorf(tag.y1) + 1, text);
    }
}
#line 360 "chapters/companion/09-inference.nw"
void detect_oracle(const anchor_grid_t *g, int K,
                   const anchor_targets_t *t, int n, float logit,
                   float *const cls[ANCHOR_LEVELS],
                   float *const box[ANCHOR_LEVELS])
{
    for (int i = 0, l; i < g->count; i++) {
        for (int k = 0; k < K; k++) {
            size_t o = anchor_output_offset(g, i, n, K, k, &l);
            cls[l][o] = t->label[i] == k + 1 ? logit : -logit;
        }
        for (int c = 0; c < 4; c++) {
            size_t o = anchor_output_offset(g, i, n, 4, c, &l);
            box[l][o] = t->label[i] > 0 ? t->delta[i][c] : 0;
        }
    }
}
