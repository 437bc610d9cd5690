#line 1430 "chapters/04-layers.nw"
/* gradcheck.h: finite-difference checks of the layers' gradients. */
#ifndef GRADCHECK_H
#define GRADCHECK_H
#include <stdint.h>
#include "tensor.h"

typedef enum { GC_CONV, GC_RELU, GC_ADD, GC_UPSAMPLE } gc_kind_t;

typedef struct {
    const char *name;   /* for the report, e.g. "conv 3x3 s2 p1" */
    gc_kind_t kind;
    shape_t in;         /* the input shape */
    int cout, k, stride, pad;   /* convolutions only */
} gc_case_t;

/* The worst relative error of each gradient; -1 where the layer has
   no such gradient (dx2 is the second input of add). */
typedef struct { double dx, dx2, dw, db; } gc_result_t;

extern const gc_case_t gradcheck_cases[];
extern const int gradcheck_ncases;
extern const double gradcheck_step;       /* h */
extern const double gradcheck_tolerance;  /* the tests' limit */

/* The seed of case i, shared by the test and the figure program. */
uint64_t gradcheck_seed(int i);

/* Run one case with the given seed; 0, or -1 if memory ran out. */
int gradcheck_run(const gc_case_t *cs, uint64_t seed, gc_result_t *res);
/* The largest of the four errors of a result. */
double gradcheck_worst(const gc_result_t *res);
#endif
