#line 78 "chapters/04-layers.nw"
/* tensor.h: NCHW shapes and the three-block memory plan. */
#ifndef TENSOR_H
#define TENSOR_H
#include <stddef.h>

#line 90 "chapters/04-layers.nw"
/* A batch of n images of c channels of h rows of w columns, stored
   as floats in the order n, c, h, w. */
typedef struct { int n, c, h, w; } shape_t;

/* The number of floats in an array of shape s. */
static inline size_t shape_count(shape_t s)
{
    return (size_t)s.n * (size_t)s.c * (size_t)s.h * (size_t)s.w;
}

/* The offset of element (n, c, y, x). */
static inline size_t shape_at(shape_t s, int n, int c, int y, int x)
{
    return (((size_t)n * s.c + c) * s.h + y) * s.w + x;
}
#line 114 "chapters/04-layers.nw"
typedef struct {
    float *data;      /* NULL while planning */
    size_t used;      /* floats handed out so far */
    size_t size;      /* floats allocated (0 while planning) */
} arena_t;

/* Hand out the next count floats.  While planning, count them and
   return NULL; once committed, return them, or NULL if the arena
   would overflow. */
float *arena_take(arena_t *a, size_t count);
/* End the planning pass: allocate used floats, zeroed, and rewind.
   Return 0, or -1 if the allocation failed. */
int arena_commit(arena_t *a);
/* Rewind a committed arena so that a pass can run again. */
void arena_rewind(arena_t *a);
/* Free the storage; the arena is back in the planning state. */
void arena_free(arena_t *a);
#line 138 "chapters/04-layers.nw"
typedef struct { arena_t value, grad; } params_t;

/* Take count parameters; *grad receives their gradients (NULL while
   planning).  Returns the parameters, or NULL while planning. */
float *params_take(params_t *p, size_t count, float **grad);
/* Allocate both blocks after the planning pass; 0 or -1. */
int params_commit(params_t *p);
/* Set every gradient to zero: the first act of a training step. */
void params_zero_grad(params_t *p);
void params_free(params_t *p);
#line 86 "chapters/04-layers.nw"
#endif
