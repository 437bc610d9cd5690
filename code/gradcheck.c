#line 1200 "chapters/companion/04-layers.nw"
/* gradcheck.c: finite-difference checks of the layers' gradients. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gradcheck.h"
#include "layers.h"

const double gradcheck_step = 0.25;
const double gradcheck_tolerance = 1e-4;
uint64_t gradcheck_seed(int i) { return 1000u + (uint64_t)i; }

const gc_case_t gradcheck_cases[] = {
    {"conv 3x3 s1 p1", GC_CONV, {2, 3, 7, 9}, 5, 3, 1, 1},
    {"conv 3x3 s2 p1", GC_CONV, {2, 5, 9, 8}, 4, 3, 2, 1},
    {"conv 1x1 s1 p0", GC_CONV, {2, 7, 5, 6}, 3, 1, 1, 0},
    {"conv 1x1 s2 p0", GC_CONV, {1, 3, 7, 7}, 2, 1, 2, 0},
    {"conv 5x5 s1 p2", GC_CONV, {1, 2, 6, 11}, 3, 5, 1, 2},
    {"relu", GC_RELU, {2, 3, 5, 7}, 0, 0, 0, 0},
    {"add", GC_ADD, {2, 3, 5, 7}, 0, 0, 0, 0},
    {"upsample 2x", GC_UPSAMPLE, {2, 3, 5, 4}, 0, 0, 0, 0},
};
const int gradcheck_ncases =
    (int)(sizeof gradcheck_cases / sizeof gradcheck_cases[0]);

#line 1235 "chapters/companion/04-layers.nw"
typedef struct {
    const gc_case_t *cs;
    layer_ctx_t ctx;
    conv_t conv;
    params_t params;
    shape_t out;
    float *x, *x2, *y, *v, *dx, *dx2;
} gc_state_t;

static void fill_normal(rng_t *r, float *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        a[i] = (float)rng_normal(r);
}
#line 1252 "chapters/companion/04-layers.nw"
static double check_loss(gc_state_t *s)
{
    const gc_case_t *cs = s->cs;
    switch (cs->kind) {
    case GC_CONV:
        conv_forward(&s->ctx, &s->conv, cs->in, s->x, s->y); break;
    case GC_RELU:
        relu_forward(&s->ctx, shape_count(cs->in), s->x, s->y); break;
    case GC_ADD:
        add_forward(&s->ctx, shape_count(cs->in), s->x, s->x2, s->y);
        break;
    case GC_UPSAMPLE:
        upsample2_forward(&s->ctx, cs->in, s->x, s->y); break;
    }
    double loss = 0.0;
    for (size_t i = 0; i < shape_count(s->out); i++)
        loss += (double)s->v[i] * s->y[i];
    return loss;
}
#line 1277 "chapters/companion/04-layers.nw"
static double worst_error(gc_state_t *s, float *theta, const float *g,
                          size_t n)
{
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        float saved = theta[i];
        float up = (float)(saved + gradcheck_step);
        float down = (float)(saved - gradcheck_step);
        theta[i] = up;
        double lup = check_loss(s);
        theta[i] = down;
        double ldown = check_loss(s);
        theta[i] = saved;
        double fd = (lup - ldown) / ((double)up - (double)down);
        double scale = fmax(1.0, fmax(fabs(g[i]), fabs(fd)));
        worst = fmax(worst, fabs(g[i] - fd) / scale);
    }
    return worst;
}
#line 1328 "chapters/companion/04-layers.nw"
static int setup_check(gc_state_t *s, rng_t *r)
{
    const gc_case_t *cs = s->cs;
    size_t nin = shape_count(cs->in), scratch = 0;
    s->out = cs->in;
    if (cs->kind == GC_CONV) {
        
#line 1361 "chapters/companion/04-layers.nw"
conv_t l = {cs->in.c, cs->cout, cs->k, cs->k, cs->stride, cs->pad,
            NULL, NULL, NULL, NULL};
s->conv = l;
conv_bind(&s->conv, &s->params);
if (params_commit(&s->params) != 0) return -1;
conv_bind(&s->conv, &s->params);
fill_normal(r, s->conv.w, s->params.value.size);
s->out = conv_out_shape(&s->conv, cs->in);
scratch = conv_scratch_size(&s->conv, cs->in);
#line 1335 "chapters/companion/04-layers.nw"
    } else if (cs->kind == GC_UPSAMPLE) {
        s->out.h *= 2; s->out.w *= 2;
    }
    size_t nout = shape_count(s->out);
    s->x = calloc(nin, sizeof(float));
    s->x2 = calloc(nin, sizeof(float));
    s->dx = calloc(nin, sizeof(float));
    s->dx2 = calloc(nin, sizeof(float));
    s->y = calloc(nout, sizeof(float));
    s->v = calloc(nout, sizeof(float));
    if (layer_ctx_init(&s->ctx, scratch) != 0 || !s->x || !s->x2
        || !s->dx || !s->dx2 || !s->y || !s->v) return -1;
    fill_normal(r, s->x, nin); fill_normal(r, s->x2, nin);
    fill_normal(r, s->v, nout);
    if (cs->kind == GC_RELU)   /* at least 2h away from the kink */
        for (size_t i = 0; i < nin; i++)
            s->x[i] = copysignf(fabsf(s->x[i]) + 2.0f
                                * (float)gradcheck_step, s->x[i]);
    return 0;
}
#line 1303 "chapters/companion/04-layers.nw"
int gradcheck_run(const gc_case_t *cs, uint64_t seed, gc_result_t *res)
{
    gc_state_t s;
    memset(&s, 0, sizeof s);
    s.cs = cs;
    rng_t r;
    rng_seed(&r, seed);
    size_t nin = shape_count(cs->in);
    int ok = setup_check(&s, &r) == 0;
    if (ok) {
        
#line 1373 "chapters/companion/04-layers.nw"
switch (cs->kind) {
case GC_CONV:
    conv_backward(&s.ctx, &s.conv, cs->in, s.x, s.v, s.dx); break;
case GC_RELU:
    relu_backward(&s.ctx, nin, s.x, s.v, s.dx); break;
case GC_ADD:
    add_backward(&s.ctx, nin, s.v, s.dx, s.dx2); break;
case GC_UPSAMPLE:
    upsample2_backward(&s.ctx, cs->in, s.v, s.dx); break;
}
#line 1314 "chapters/companion/04-layers.nw"
        
#line 1386 "chapters/companion/04-layers.nw"
res->dx = worst_error(&s, s.x, s.dx, nin);
res->dx2 = cs->kind == GC_ADD ? worst_error(&s, s.x2, s.dx2, nin) : -1;
res->dw = res->db = -1;
if (cs->kind == GC_CONV) {
    size_t nw = s.params.value.size - (size_t)s.conv.cout;
    res->dw = worst_error(&s, s.conv.w, s.conv.dw, nw);
    res->db = worst_error(&s, s.conv.b, s.conv.db,
                          (size_t)s.conv.cout);
}
#line 1315 "chapters/companion/04-layers.nw"
    }
    free(s.x); free(s.x2); free(s.y); free(s.v); free(s.dx);
    free(s.dx2); params_free(&s.params); layer_ctx_free(&s.ctx);
    return ok ? 0 : -1;
}

double gradcheck_worst(const gc_result_t *res)
{
    return fmax(fmax(res->dx, res->dx2), fmax(res->dw, res->db));
}
