#line 2188 "chapters/92-lab.nw"
/* ex-giou.h: the GIoU box loss and its gradient */
#ifndef EX_GIOU_H
#define EX_GIOU_H
/* The loss 1 - GIoU(P, T) of a predicted box P and a target box T,
   each {x1, y1, x2, y2} with x1 < x2, y1 < y2, finite.  Stores
   d loss / d P[i] in GRAD[i] unless GRAD is NULL (where a corner of
   P meets the same corner of T the loss has a kink; either one-sided
   derivative will do).  Returns NaN, leaving GRAD alone, for a box
   that is not of that form. */
double giou_loss(const double p[4], const double t[4], double grad[4]);
#endif
