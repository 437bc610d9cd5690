#line 179 "chapters/13-experiments.nw"
/* sampling.h: hard negative mining and OHEM over anchors. */
#ifndef SAMPLING_H
#define SAMPLING_H
#include "anchors.h"
#include "loss.h"

typedef enum { SAMPLING_NONE, SAMPLING_HNM, SAMPLING_OHEM,
               SAMPLING_OHEM_13, SAMPLING_KINDS } sampling_kind_t;
enum { SAMPLING_HNM_RATIO = 3,    /* negatives per positive */
       SAMPLING_HNM_MIN = 16,     /* negatives when none is positive */
       SAMPLING_OHEM_BATCH = 128 };  /* anchors kept per image */
#define SAMPLING_OHEM_NMS 0.7     /* suppress at IoU above this */

const char *sampling_name(int kind);
int sampling_parse(const char *name);
int sampling_pick(int kind, int batch, int count,
                  const signed char *label, const double *loss,
                  const box_t *box, unsigned char *keep);
int sampling_select(int kind, const loss_spec *s,
                    const anchor_grid_t *g, int num_classes,
                    const float *const cls[ANCHOR_LEVELS],
                    const float *const box[ANCHOR_LEVELS], int n,
                    const anchor_targets_t *t, unsigned char *keep);
#endif
