#line 315 "chapters/companion/08-anchors.nw"
/* anchors.c: the anchor grid, IoU, assignment and box coding. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "anchors.h"

#line 334 "chapters/companion/08-anchors.nw"
anchor_config_t anchor_config_default(void)
{
    return (anchor_config_t){ANCHOR_SIZE, 3, 3,
        {0, 1.0 / 3, 2.0 / 3}, {0.5, 1, 2},
        ANCHOR_FG_IOU, ANCHOR_BG_IOU};
}

int anchor_config_count(const anchor_config_t *c)
{
    return c->num_scales * c->num_ratios;
}

/* 0, or 1 if the N values V[0..N) (of MAX) are too many or too
   few or outside [LO, HI], 2 if one repeats, 3 if a value past N
   is not 0. */
static int check_list(const double *v, int n, int max, double lo,
                      double hi)
{
    if (n < 1 || n > max)
        return 1;
    for (int j = 0; j < max; j++) {
        if (j >= n) {
            if (v[j] != 0) return 3;
            continue;
        }
        if (!(v[j] >= lo && v[j] <= hi)) return 1;
        for (int k = 0; k < j; k++)
            if (v[k] == v[j]) return 2;
    }
    return 0;
}
#line 368 "chapters/companion/08-anchors.nw"
const char *anchor_config_check(const anchor_config_t *c)
{
    static const char *const why[2][4] = {{NULL,
        "anchor scales: give 1 to 8 in [-2, 2]",
        "anchor scales: a scale given twice",
        "anchor scales: an unused entry is not 0"}, {NULL,
        "anchor ratios: give 1 to 8 in [1/8, 8]",
        "anchor ratios: a ratio given twice",
        "anchor ratios: an unused entry is not 0"}};
    int e;
    if (!(c->size >= ANCHOR_SIZE_MIN && c->size <= ANCHOR_SIZE_MAX))
        return "anchor size: give 0.25 to 16 strides";
    if ((e = check_list(c->scale, c->num_scales, ANCHOR_MAX_SCALES,
                        -ANCHOR_SCALE_MAX, ANCHOR_SCALE_MAX)))
        return why[0][e];
    if ((e = check_list(c->ratio, c->num_ratios, ANCHOR_MAX_RATIOS,
                        1 / ANCHOR_RATIO_MAX, ANCHOR_RATIO_MAX)))
        return why[1][e];
    if (!(c->bg_iou > 0 && c->bg_iou <= c->fg_iou && c->fg_iou <= 1))
        return "anchor thresholds: need 0 < bg <= fg <= 1";
    return NULL;
}
#line 395 "chapters/companion/08-anchors.nw"
int anchor_grid_create(anchor_grid_t *g, const anchor_config_t *c,
                       int width, int height)
{
    int top = ANCHOR_STRIDE << (ANCHOR_LEVELS - 1);
    memset(g, 0, sizeof *g);
    g->cfg = c ? *c : anchor_config_default();
    if (width < top || height < top || width % top || height % top
        || width > ANCHOR_MAX_SIDE || height > ANCHOR_MAX_SIDE
        || anchor_config_check(&g->cfg))
        return -1;
    g->num_anchors = anchor_config_count(&g->cfg);
    g->width = width;
    g->height = height;
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        g->stride[l] = ANCHOR_STRIDE << l;
        g->cols[l] = width / g->stride[l];
        g->rows[l] = height / g->stride[l];
        g->offset[l] = g->count;
        g->count += g->rows[l] * g->cols[l] * g->num_anchors;
    }
    if ((g->box = malloc((size_t)g->count * sizeof *g->box)) == NULL)
        return -1;
    for (int l = 0; l < ANCHOR_LEVELS; l++)
        for (int y = 0; y < g->rows[l]; y++)
            for (int x = 0; x < g->cols[l]; x++)
                for (int a = 0; a < g->num_anchors; a++)
                    
#line 270 "chapters/08-anchors.nw"
{
    const anchor_config_t *c = &g->cfg;
    double size = c->size * g->stride[l]
                  * pow(2, c->scale[a / c->num_ratios]);
    double r = c->ratio[a % c->num_ratios];          /* h / w */
    double w = size / sqrt(r), h = size * sqrt(r);
    double cx = (x + 0.5) * g->stride[l], cy = (y + 0.5) * g->stride[l];
    g->box[anchor_index(g, l, y, x, a)] = (box_t){
        (float)(cx - w / 2), (float)(cy - h / 2),
        (float)(cx + w / 2), (float)(cy + h / 2)};
}
#line 422 "chapters/companion/08-anchors.nw"
    return 0;
}

void anchor_grid_free(anchor_grid_t *g)
{
    free(g->box);
    g->box = NULL;
}
#line 435 "chapters/companion/08-anchors.nw"
int anchor_index(const anchor_grid_t *g, int level, int y, int x,
                 int a)
{
    return g->offset[level] + (y * g->cols[level] + x) * g->num_anchors
           + a;
}

void anchor_locate(const anchor_grid_t *g, int i, int *level, int *y,
                   int *x, int *a)
{
    int l = ANCHOR_LEVELS - 1;
    while (l > 0 && i < g->offset[l])
        l--;
    int j = i - g->offset[l], cell = j / g->num_anchors;
    *level = l;
    *a = j % g->num_anchors;
    *y = cell / g->cols[l];
    *x = cell % g->cols[l];
}

size_t anchor_output_offset(const anchor_grid_t *g, int i, int n,
                            int per_anchor, int c, int *level)
{
    int l, y, x, a;
    anchor_locate(g, i, &l, &y, &x, &a);
    *level = l;
    size_t ch = ((size_t)n * g->num_anchors + a) * per_anchor + c;
    return (ch * g->rows[l] + y) * g->cols[l] + x;
}

void anchor_read(const anchor_grid_t *g,
                 const float *const out[ANCHOR_LEVELS], int n, int i,
                 int per_anchor, float *v)
{
    int l;
    size_t o = anchor_output_offset(g, i, n, per_anchor, 0, &l);
    size_t plane = (size_t)g->rows[l] * g->cols[l];
    for (int c = 0; c < per_anchor; c++)
        v[c] = out[l][o + c * plane];
}
#line 299 "chapters/08-anchors.nw"
double box_iou(const box_t *a, const box_t *b)
{
    double iw = fmin(a->x2, b->x2) - fmax(a->x1, b->x1);
    double ih = fmin(a->y2, b->y2) - fmax(a->y1, b->y1);
    if (iw <= 0 || ih <= 0)
        return 0;
    double inter = iw * ih;
    double area_a = ((double)a->x2 - a->x1) * ((double)a->y2 - a->y1);
    double area_b = ((double)b->x2 - b->x1) * ((double)b->y2 - b->y1);
    return inter / (area_a + area_b - inter);
}

box_t box_from_object(const object_t *o)
{
    return (box_t){o->x1, o->y1, o->x2, o->y2};
}
#line 468 "chapters/08-anchors.nw"
void box_encode(const box_t *anchor, const box_t *target,
                float delta[4])
{
    double aw = (double)anchor->x2 - anchor->x1;
    double ah = (double)anchor->y2 - anchor->y1;
    double w = (double)target->x2 - target->x1;
    double h = (double)target->y2 - target->y1;
    delta[0] = (float)((target->x1 + w / 2 - anchor->x1 - aw / 2) / aw);
    delta[1] = (float)((target->y1 + h / 2 - anchor->y1 - ah / 2) / ah);
    delta[2] = (float)log(w / aw);
    delta[3] = (float)log(h / ah);
}

box_t box_decode(const box_t *anchor, const float delta[4])
{
    double aw = (double)anchor->x2 - anchor->x1;
    double ah = (double)anchor->y2 - anchor->y1;
    double cx = anchor->x1 + aw / 2 + delta[0] * aw;
    double cy = anchor->y1 + ah / 2 + delta[1] * ah;
    double dw = delta[2] > BOX_LOG_CLAMP ? BOX_LOG_CLAMP : delta[2];
    double dh = delta[3] > BOX_LOG_CLAMP ? BOX_LOG_CLAMP : delta[3];
    double w = aw * exp(dw), h = ah * exp(dh);
    return (box_t){(float)(cx - w / 2), (float)(cy - h / 2),
                   (float)(cx + w / 2), (float)(cy + h / 2)};
}
#line 479 "chapters/companion/08-anchors.nw"
int anchor_targets_alloc(anchor_targets_t *t, int count)
{
    memset(t, 0, sizeof *t);
    if (count < 1)
        return -1;
    t->count = count;
    t->label = malloc((size_t)count * sizeof *t->label);
    t->match = malloc((size_t)count * sizeof *t->match);
    t->iou = malloc((size_t)count * sizeof *t->iou);
    t->delta = malloc((size_t)count * sizeof *t->delta);
    if (!t->label || !t->match || !t->iou || !t->delta) {
        anchor_targets_free(t);
        return -1;
    }
    return 0;
}

void anchor_targets_free(anchor_targets_t *t)
{
    free(t->label); free(t->match); free(t->iou); free(t->delta);
    memset(t, 0, sizeof *t);
}
#line 360 "chapters/08-anchors.nw"
int anchor_assign(const anchor_config_t *c, const box_t *anchors,
                  int count, const object_t *obj, int n,
                  anchor_targets_t *t)
{
    anchor_config_t def = anchor_config_default();
    double fg_iou = c ? c->fg_iou : def.fg_iou;
    double bg_iou = c ? c->bg_iou : def.bg_iou;
    box_t gt[ANCHOR_MAX_OBJECTS];
    double best[ANCHOR_MAX_OBJECTS] = {0};   /* object's best IoU */
    if (count != t->count || n < 0 || n > ANCHOR_MAX_OBJECTS)
        return -1;
    for (int j = 0; j < n; j++) {
        if (!(obj[j].x2 > obj[j].x1 && obj[j].y2 > obj[j].y1)
            || obj[j].cls < 0 || obj[j].cls >= ANCHOR_MAX_CLASSES)
            return -1;
        gt[j] = box_from_object(&obj[j]);
    }
    t->num_forced = 0;
    
#line 389 "chapters/08-anchors.nw"
for (int i = 0; i < count; i++) {
    double top = 0;
    int arg = -1;
    for (int j = 0; j < n; j++) {
        double q = box_iou(&anchors[i], &gt[j]);
        if (q > top) { top = q; arg = j; }
        if (q > best[j]) best[j] = q;
    }
    t->iou[i] = (float)top;
    t->match[i] = arg;
    t->label[i] = top >= fg_iou ? (signed char)(obj[arg].cls + 1)
                : top < bg_iou ? ANCHOR_BACKGROUND
                : ANCHOR_IGNORE;
}
#line 379 "chapters/08-anchors.nw"
    
#line 409 "chapters/08-anchors.nw"
for (int j = 0; j < n; j++) {
    if (best[j] <= 0)
        continue;                    /* no anchor touches object j */
    for (int i = 0; i < count; i++)
        if (box_iou(&anchors[i], &gt[j]) == best[j]) {
            t->num_forced += t->label[i] <= 0;
            t->label[i] = (signed char)(obj[t->match[i]].cls + 1);
        }
}
#line 380 "chapters/08-anchors.nw"
    
#line 423 "chapters/08-anchors.nw"
int hit[ANCHOR_MAX_OBJECTS] = {0};
t->num_fg = t->num_ignored = t->num_bg = 0;
for (int i = 0; i < count; i++) {
    memset(t->delta[i], 0, sizeof t->delta[i]);
    if (t->label[i] > 0) {
        box_encode(&anchors[i], &gt[t->match[i]], t->delta[i]);
        hit[t->match[i]] = 1;
        t->num_fg++;
    } else {
        t->match[i] = -1;
        if (t->label[i] == ANCHOR_IGNORE) t->num_ignored++;
        else t->num_bg++;
    }
}
t->objects = n;
t->objects_low = t->objects_unmatched = 0;
for (int j = 0; j < n; j++) {
    t->objects_low += best[j] < fg_iou;
    t->objects_unmatched += !hit[j];
}
#line 381 "chapters/08-anchors.nw"
    return 0;
}
