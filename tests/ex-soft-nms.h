#line 1814 "chapters/92-lab.nw"
/* ex-soft-nms.h: soft-NMS with linear or Gaussian decay */
#ifndef EX_SOFT_NMS_H
#define EX_SOFT_NMS_H
#include "anchors.h"    /* box_t, box_iou */

typedef enum { SOFT_NMS_LINEAR, SOFT_NMS_GAUSSIAN } soft_nms_decay;

/* Soft-NMS of the N boxes BOX of one class with scores SCORE (each
   in [0, 1]).  Repeatedly: pick the box with the highest current
   score (ties: the lowest index); stop if that score is below
   MIN_SCORE; else append its index to KEEP and its current score to
   KEPT_SCORE, and multiply the current score of every box not yet
   picked by f(IoU(picked, box)): linear, f(u) = u > PARAM ? 1 - u
   : 1 with PARAM (N_t) in [0, 1]; Gaussian, f(u) = exp(-u^2 / PARAM)
   with PARAM (sigma) > 0.  KEEP and KEPT_SCORE have room for N; BOX
   and SCORE are not changed.  Returns the number of boxes kept, or
   -1 for N < 0, a NULL pointer (when N > 0), an unknown DECAY, PARAM
   out of its range, MIN_SCORE negative or not finite, a score
   outside [0, 1] or NaN, or no memory. */
int soft_nms(const box_t *box, const double *score, int n,
             soft_nms_decay decay, double param, double min_score,
             int *keep, double *kept_score);
#endif
