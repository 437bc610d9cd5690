#line 540 "chapters/05-sgd.nw"
/* logreg.h: logistic regression on points in the plane, the convex
   test problem of the SGD chapter. */
#ifndef LOGREG_H
#define LOGREG_H
#include <stddef.h>
#include "rng.h"

/* n points: x[2i], x[2i+1] are the features of point i, y[i] is 0
   or 1.  Parameters are float w[3] = {w1, w2, b}. */
typedef struct { size_t n; const double *x; const int *y; } logreg_t;

void logreg_make_data(rng_t *r, size_t n, double *x, int *y);
double logreg_loss(const logreg_t *d, const size_t *idx, size_t m,
                   const float w[3], float grad[3]);
double logreg_lipschitz(const logreg_t *d);

#endif
