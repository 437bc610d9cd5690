#line 510 "chapters/companion/08-anchors.nw"
/* detloss.c: the detection loss of a batch. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "detloss.h"
#include "pool.h"

#line 524 "chapters/companion/08-anchors.nw"
detloss_spec_t detloss_spec_default(void)
{
    return (detloss_spec_t){loss_spec_default(), DETLOSS_BETA};
}

const char *detloss_spec_check(const detloss_spec_t *s)
{
    const char *why = loss_spec_check(&s->cls);
    if (why)
        return why;
    if (!(s->beta >= 0 && s->beta <= DETLOSS_BETA_MAX))
        return "beta must be in [0, 1]";
    return NULL;
}

double detloss_smooth_l1(double u, double beta, double *grad)
{
    if (fabs(u) < beta) {
        if (grad) *grad = u / beta;
        return 0.5 * u * u / beta;
    }
    if (grad) *grad = (u > 0) - (u < 0);
    return fabs(u) - 0.5 * beta;
}
#line 620 "chapters/08-anchors.nw"
typedef struct { double cls_fg, cls_bg, box; } detloss_part_t;

typedef struct {               /* what every image's loss reads */
    const detloss_spec_t *s;
    const anchor_grid_t *g;
    int num_classes;
    const float *const *cls, *const *box;
    const anchor_targets_t *targets;
    float *const *dcls, *const *dbox;
    double norm;
} detloss_job_t;

#line 637 "chapters/08-anchors.nw"
static void detloss_image(const detloss_job_t *j, int b,
                          detloss_part_t *part)
{
    const detloss_spec_t *s = j->s;
    const anchor_grid_t *g = j->g;
    const anchor_targets_t *targets = j->targets;
    const float *const *cls = j->cls, *const *box = j->box;
    float *const *dcls = j->dcls, *const *dbox = j->dbox;
    int num_classes = j->num_classes;
    double norm = j->norm;
    memset(part, 0, sizeof *part);
    
#line 662 "chapters/08-anchors.nw"
for (int l = 0; l < ANCHOR_LEVELS; l++) {
    size_t m = (size_t)g->num_anchors * g->rows[l] * g->cols[l];
    if (dcls)
        memset(dcls[l] + b * m * num_classes, 0,
               m * num_classes * sizeof(float));
    if (dbox)
        memset(dbox[l] + b * m * 4, 0, m * 4 * sizeof(float));
}
#line 649 "chapters/08-anchors.nw"
    for (int i = 0; i < g->count; i++) {
        int label = targets[b].label[i];
        if (label == ANCHOR_IGNORE)
            continue;
        
#line 676 "chapters/08-anchors.nw"
if (!targets[b].keep || targets[b].keep[i]) {
    int l;
    size_t o = anchor_output_offset(g, i, b, num_classes, 0, &l);
    size_t plane = (size_t)g->rows[l] * g->cols[l];
    double sum = 0;
    for (int k = 0; k < num_classes; k++) {
        double d;
        sum += loss_eval(&s->cls, cls[l][o + k * plane], label == k + 1,
                         &d);
        if (dcls) dcls[l][o + k * plane] = (float)(d / norm);
    }
    if (label > 0) part->cls_fg += sum; else part->cls_bg += sum;
}
#line 654 "chapters/08-anchors.nw"
        if (label > 0)
            
#line 692 "chapters/08-anchors.nw"
{
    int l;
    size_t o = anchor_output_offset(g, i, b, 4, 0, &l);
    size_t plane = (size_t)g->rows[l] * g->cols[l];
    for (int c = 0; c < 4; c++) {
        double d, u = box[l][o + c * plane]
                      - (double)targets[b].delta[i][c];
        part->box += detloss_smooth_l1(u, s->beta, &d);
        if (dbox) dbox[l][o + c * plane] = (float)(d / norm);
    }
}
#line 656 "chapters/08-anchors.nw"
    }
}

#line 557 "chapters/companion/08-anchors.nw"
/* Check the batch, count its labels and set up the job; 0 or -1. */
static int detloss_begin(detloss_job_t *j, int n,
                         detloss_result_t *res)
{
    const anchor_grid_t *g = j->g;
    const anchor_targets_t *targets = j->targets;
    int num_classes = j->num_classes;
    memset(res, 0, sizeof *res);
    if (detloss_spec_check(j->s) || num_classes < 1 || n < 1)
        return -1;
    
#line 612 "chapters/companion/08-anchors.nw"
for (int b = 0; b < n; b++) {
    const anchor_targets_t *t = &targets[b];
    if (t->count != g->count)
        return -1;
    for (int i = 0; i < t->count; i++)
        if (t->label[i] > num_classes)
            return -1;
    res->num_fg += t->num_fg;
    res->num_ignored += t->num_ignored;
    res->num_bg += t->num_bg;
}
#line 568 "chapters/companion/08-anchors.nw"
    res->norm = res->num_fg > 1 ? (double)res->num_fg : 1.0;
    j->norm = res->norm;
    return 0;
}

static void detloss_add(detloss_result_t *res, const detloss_part_t *p)
{
    res->cls_fg += p->cls_fg;
    res->cls_bg += p->cls_bg;
    res->box += p->box;
}

static void detloss_end(detloss_result_t *res)
{
    res->cls_fg /= res->norm;
    res->cls_bg /= res->norm;
    res->cls = res->cls_fg + res->cls_bg;
    res->box /= res->norm;
}

int detloss_eval(const detloss_spec_t *s, const anchor_grid_t *g,
                 int num_classes, int n,
                 const float *const cls[ANCHOR_LEVELS],
                 const float *const box[ANCHOR_LEVELS],
                 const anchor_targets_t *targets,
                 float *const dcls[ANCHOR_LEVELS],
                 float *const dbox[ANCHOR_LEVELS],
                 detloss_result_t *res)
{
    detloss_job_t j = {s, g, num_classes, cls, box, targets, dcls,
                       dbox, 0.0};
    if (detloss_begin(&j, n, res) != 0)
        return -1;
    for (int b = 0; b < n; b++) {
        detloss_part_t part;
        detloss_image(&j, b, &part);
        detloss_add(res, &part);
    }
    detloss_end(res);
    return 0;
}
#line 536 "chapters/companion/12-speed.nw"
typedef struct {
    const detloss_job_t *j;
    int n;
    detloss_part_t *part;
} detloss_task_t;

static void detloss_task(void *arg, int pt, int nparts)
{
    const detloss_task_t *t = arg;
    for (int b = t->n * pt / nparts; b < t->n * (pt + 1) / nparts; b++)
        detloss_image(t->j, b, &t->part[b]);
}

int detloss_eval_pool(struct pool *pool, const detloss_spec_t *s,
                      const anchor_grid_t *g, int num_classes, int n,
                      const float *const cls[ANCHOR_LEVELS],
                      const float *const box[ANCHOR_LEVELS],
                      const anchor_targets_t *targets,
                      float *const dcls[ANCHOR_LEVELS],
                      float *const dbox[ANCHOR_LEVELS],
                      detloss_result_t *res)
{
    if (pool == NULL || pool_threads(pool) == 1)
        return detloss_eval(s, g, num_classes, n, cls, box, targets,
                            dcls, dbox, res);
    detloss_job_t j = {s, g, num_classes, cls, box, targets, dcls,
                       dbox, 0.0};
    if (detloss_begin(&j, n, res) != 0)
        return -1;
    detloss_task_t t = {&j, n, malloc((size_t)n * sizeof *t.part)};
    if (t.part == NULL)
        return -1;
    pool_run(pool, detloss_task, &t);
    for (int b = 0; b < n; b++)
        detloss_add(res, &t.part[b]);
    free(t.part);
    detloss_end(res);
    return 0;
}
