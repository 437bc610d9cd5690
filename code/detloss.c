#line 838 "chapters/08-anchors.nw"
/* detloss.c: the detection loss of a batch. */
#include <math.h>
#include <string.h>
#include "detloss.h"

#line 848 "chapters/08-anchors.nw"
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
#line 878 "chapters/08-anchors.nw"
int detloss_eval(const detloss_spec_t *s, const anchor_grid_t *g,
                 int num_classes, int n,
                 const float *const cls[ANCHOR_LEVELS],
                 const float *const box[ANCHOR_LEVELS],
                 const anchor_targets_t *targets,
                 float *const dcls[ANCHOR_LEVELS],
                 float *const dbox[ANCHOR_LEVELS],
                 detloss_result_t *res)
{
    memset(res, 0, sizeof *res);
    if (detloss_spec_check(s) || num_classes < 1 || n < 1)
        return -1;
    
#line 911 "chapters/08-anchors.nw"
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
#line 891 "chapters/08-anchors.nw"
    res->norm = res->num_fg > 1 ? (double)res->num_fg : 1.0;
    
#line 925 "chapters/08-anchors.nw"
for (int l = 0; l < ANCHOR_LEVELS; l++) {
    size_t m = (size_t)n * ANCHOR_A * g->rows[l] * g->cols[l];
    if (dcls) memset(dcls[l], 0, m * num_classes * sizeof(float));
    if (dbox) memset(dbox[l], 0, m * 4 * sizeof(float));
}
#line 893 "chapters/08-anchors.nw"
    for (int b = 0; b < n; b++)
        for (int i = 0; i < g->count; i++) {
            int label = targets[b].label[i];
            if (label == ANCHOR_IGNORE)
                continue;
            
#line 936 "chapters/08-anchors.nw"
if (!targets[b].keep || targets[b].keep[i]) {
    int l;
    size_t o = anchor_output_offset(g, i, b, num_classes, 0, &l);
    size_t plane = (size_t)g->rows[l] * g->cols[l];
    double sum = 0;
    for (int k = 0; k < num_classes; k++) {
        double d;
        sum += loss_eval(&s->cls, cls[l][o + k * plane], label == k + 1,
                         &d);
        if (dcls) dcls[l][o + k * plane] = (float)(d / res->norm);
    }
    if (label > 0) res->cls_fg += sum; else res->cls_bg += sum;
}
#line 899 "chapters/08-anchors.nw"
            if (label > 0)
                
#line 952 "chapters/08-anchors.nw"
{
    int l;
    size_t o = anchor_output_offset(g, i, b, 4, 0, &l);
    size_t plane = (size_t)g->rows[l] * g->cols[l];
    for (int c = 0; c < 4; c++) {
        double d, u = box[l][o + c * plane]
                      - (double)targets[b].delta[i][c];
        res->box += detloss_smooth_l1(u, s->beta, &d);
        if (dbox) dbox[l][o + c * plane] = (float)(d / res->norm);
    }
}
#line 901 "chapters/08-anchors.nw"
        }
    res->cls_fg /= res->norm;
    res->cls_bg /= res->norm;
    res->cls = res->cls_fg + res->cls_bg;
    res->box /= res->norm;
    return 0;
}
