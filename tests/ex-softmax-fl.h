#line 245 "chapters/92-lab.nw"
/* ex-softmax-fl.h: the softmax focal loss and its gradient */
#ifndef EX_SOFTMAX_FL_H
#define EX_SOFTMAX_FL_H
/* The focal loss -(1 - p_t)^gamma log p_t of logits Z[0 .. K) with
   true class C, p = softmax(Z), p_t = p[C].  Stores d loss / d Z[j]
   in GRAD[j] for every j unless GRAD is NULL.  Returns NaN, leaving
   GRAD alone, unless K >= 2, 0 <= C < K, gamma >= 0 and every
   number is finite. */
double softmax_focal_loss(const double *z, int k, int c, double gamma,
                          double *grad);
#endif
