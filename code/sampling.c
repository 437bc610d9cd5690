#line 17 "chapters/companion/13-experiments.nw"
/* sampling.c: hard negative mining and OHEM over anchors. */
#include <stdlib.h>
#include <string.h>
#include "sampling.h"

static const char *const names[SAMPLING_KINDS] = {
    "none", "hnm", "ohem", "ohem-1:3"};

const char *sampling_name(int kind)
{
    return kind >= 0 && kind < SAMPLING_KINDS ? names[kind] : NULL;
}

int sampling_parse(const char *name)
{
    for (int k = 0; k < SAMPLING_KINDS; k++)
        if (!strcmp(name, names[k]))
            return k;
    return -1;
}

#line 47 "chapters/companion/13-experiments.nw"
typedef struct { double loss; int i; } ranked_t;

static int by_loss(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->loss != y->loss) return x->loss < y->loss ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}
#line 60 "chapters/companion/13-experiments.nw"
int sampling_pick(int kind, int batch, int count,
                  const signed char *label, const double *loss,
                  const box_t *box, unsigned char *keep)
{
    ranked_t *r = malloc((size_t)(count > 0 ? count : 1) * sizeof *r);
    int n = 0, nfg = 0, kept = 0;
    if (!r || !sampling_name(kind)) {
        free(r);
        return -1;
    }
    memset(keep, 0, (size_t)count);
    for (int i = 0; i < count; i++)
        if (label[i] != ANCHOR_IGNORE) {
            r[n++] = (ranked_t){loss[i], i};
            nfg += label[i] > 0;
        }
    qsort(r, (size_t)n, sizeof *r, by_loss);
    if (kind == SAMPLING_NONE || kind == SAMPLING_HNM) {
        
#line 232 "chapters/13-experiments.nw"
int neg = nfg ? SAMPLING_HNM_RATIO * nfg : SAMPLING_HNM_MIN;
for (int j = 0; j < n; j++) {
    int fg = label[r[j].i] > 0;
    if (kind == SAMPLING_NONE || fg || neg-- > 0) {
        keep[r[j].i] = 1;
        kept++;
    }
}
#line 79 "chapters/companion/13-experiments.nw"
    } else {
        
#line 254 "chapters/13-experiments.nw"
int fgq = kind == SAMPLING_OHEM_13 ? batch / 4 : batch, sf = 0, sb = 0;
int *surv = malloc((size_t)(n > 0 ? n : 1) * sizeof *surv), ns = 0;
for (int j = 0, left = nfg; surv && j < n && (kind == SAMPLING_OHEM
        ? ns < batch : (sf < fgq && left > 0)
                       || sb < batch - (sf < fgq ? sf : fgq)); j++) {
    int i = r[j].i, hit = 0;
    left -= label[i] > 0;
    for (int k = 0; k < ns && !hit; k++)
        hit = box_iou(&box[i], &box[surv[k]]) > SAMPLING_OHEM_NMS;
    if (hit) continue;
    surv[ns++] = i;
    if (label[i] > 0) sf++; else sb++;
}
int fgk = sf < fgq ? sf : fgq;
for (int k = 0, f = 0; k < ns; k++) {
    int fg = label[surv[k]] > 0;
    if (fg ? f < fgk : kept - f < batch - fgk) {
        keep[surv[k]] = 1;
        kept++;
        f += fg;
    }
}
if (!surv) kept = -1;
free(surv);
#line 81 "chapters/companion/13-experiments.nw"
    }
    free(r);
    return kept;
}
#line 91 "chapters/companion/13-experiments.nw"
int sampling_select(int kind, const loss_spec *s,
                    const anchor_grid_t *g, int num_classes,
                    const float *const cls[ANCHOR_LEVELS],
                    const float *const box[ANCHOR_LEVELS], int n,
                    const anchor_targets_t *t, unsigned char *keep)
{
    int N = g->count, rc;
    double *loss = malloc((size_t)N * sizeof *loss);
    box_t *b = malloc((size_t)N * sizeof *b);
    float v[64 > 4 ? 64 : 4];
    if (!loss || !b || num_classes > 64 || t->count != N) {
        free(loss); free(b);
        return -1;
    }
    for (int i = 0; i < N; i++) {
        loss[i] = 0;
        if (t->label[i] == ANCHOR_IGNORE) continue;
        anchor_read(g, cls, n, i, num_classes, v);
        for (int k = 0; k < num_classes; k++)
            loss[i] += loss_eval(s, v[k], t->label[i] == k + 1, NULL);
        anchor_read(g, box, n, i, 4, v);
        b[i] = box_decode(&g->box[i], v);
    }
    rc = sampling_pick(kind, SAMPLING_OHEM_BATCH, N, t->label, loss, b,
                       keep);
    free(loss); free(b);
    return rc;
}
