#line 155 "chapters/04-layers.nw"
/* tensor.c: the arena and the parameter block. */
#include <stdlib.h>
#include <string.h>
#include "tensor.h"

#line 166 "chapters/04-layers.nw"
float *arena_take(arena_t *a, size_t count)
{
    if (a->data == NULL) {
        a->used += count;
        return NULL;
    }
    if (count > a->size - a->used)
        return NULL;
    float *p = a->data + a->used;
    a->used += count;
    return p;
}
#line 181 "chapters/04-layers.nw"
int arena_commit(arena_t *a)
{
    size_t n = a->used ? a->used : 1;
    a->data = calloc(n, sizeof *a->data);
    if (a->data == NULL)
        return -1;
    a->size = a->used;
    a->used = 0;
    return 0;
}

void arena_rewind(arena_t *a) { a->used = 0; }

void arena_free(arena_t *a)
{
    free(a->data);
    a->data = NULL;
    a->used = a->size = 0;
}
#line 203 "chapters/04-layers.nw"
float *params_take(params_t *p, size_t count, float **grad)
{
    *grad = arena_take(&p->grad, count);
    return arena_take(&p->value, count);
}

int params_commit(params_t *p)
{
    if (arena_commit(&p->value) != 0)
        return -1;
    if (arena_commit(&p->grad) != 0) {
        arena_free(&p->value);
        return -1;
    }
    return 0;
}

void params_zero_grad(params_t *p)
{
    if (p->grad.data)
        memset(p->grad.data, 0, p->grad.size * sizeof *p->grad.data);
}

void params_free(params_t *p)
{
    arena_free(&p->value);
    arena_free(&p->grad);
}
