#line 572 "chapters/04-layers.nw"
/* layers.h: convolution, ReLU, add, upsampling, group normalisation;
   forward and backward.
   Arrays are NCHW floats.  Every backward pass ADDS into the gradient
   arrays it is given (+=); the caller zeroes them once per step. */
#ifndef LAYERS_H
#define LAYERS_H
#include "gemm.h"
#include "rng.h"
#include "tensor.h"

#line 592 "chapters/04-layers.nw"
typedef struct {
    float *scratch;        /* room for one im2col matrix */
    size_t scratch_size;   /* its length in floats */
    gemm_fn *gemm;         /* the matrix product the layers use */
    
#line 1453 "chapters/12-speed.nw"
struct pool *pool;     /* its threads, or NULL */
int per_image;         /* 1: one product per image */
int direct;            /* 1: no Winograd products */
int plain;             /* 1: Winograd without vectors */
int small_tiles;       /* 1: Winograd's 2 x 2 tiles only */
int plain_norm;        /* 1: Chapter 4's group normalisation */
#line 597 "chapters/04-layers.nw"
} layer_ctx_t;

/* Allocate scratch_size floats and choose the product; 0 or -1. */
int layer_ctx_init(layer_ctx_t *ctx, size_t scratch_size);
/* Free the scratch (and whatever Chapter 12 added). */
void layer_ctx_free(layer_ctx_t *ctx);
#line 614 "chapters/04-layers.nw"
typedef struct {
    int cin, cout, kh, kw, stride, pad;
    float *w, *b;     /* w[cout][cin][kh][kw], b[cout] */
    float *dw, *db;   /* their gradients, the same shapes */
} conv_t;

/* Take w and b (and their gradients) from p. */
void conv_bind(conv_t *l, params_t *p);
/* The output shape for input shape in (in.c must equal l->cin). */
shape_t conv_out_shape(const conv_t *l, shape_t in);
/* Floats of scratch the layer needs (0 for 1x1, stride 1, pad 0). */
size_t conv_scratch_size(const conv_t *l, shape_t in);
#line 632 "chapters/04-layers.nw"
/* x: in = [N][cin][H][W];  y: [N][cout][H'][W'] (conv_out_shape).
   y = conv(x, w) + b.  Uses ctx->scratch. */
void conv_forward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                  const float *x, float *y);
/* x: [N][cin][H][W] (the forward input);  dy: [N][cout][H'][W'].
   ACCUMULATES: l->dw += dL/dw, l->db += dL/db, and, unless dx is
   NULL, dx[N][cin][H][W] += dL/dx.  Uses ctx->scratch. */
void conv_backward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                   const float *x, const float *dy, float *dx);
/* One image x[cin][H][W] -> col[cin*kh*kw][H'*W'] (sets col). */
void im2col(const conv_t *l, int h, int w, const float *x,
            float *col);
/* The adjoint: x[cin][H][W] += the sum of col's entries back where
   im2col took them from (ACCUMULATES). */
void col2im(const conv_t *l, int h, int w, const float *col,
            float *x);
#line 904 "chapters/04-layers.nw"
/* x, y: count floats (any shape); y = max(0, x); y may equal x. */
void relu_forward(layer_ctx_t *ctx, size_t count, const float *x,
                  float *y);
/* x: the forward input or output;  dy, dx: count floats.
   ACCUMULATES dx += dy * [x > 0]. */
void relu_backward(layer_ctx_t *ctx, size_t count, const float *x,
                   const float *dy, float *dx);
#line 940 "chapters/04-layers.nw"
/* a, b, y: count floats; y = a + b (y may equal a or b). */
void add_forward(layer_ctx_t *ctx, size_t count, const float *a,
                 const float *b, float *y);
/* dy, da, db: count floats.  ACCUMULATES da += dy, db += dy; a NULL
   da or db is skipped. */
void add_backward(layer_ctx_t *ctx, size_t count, const float *dy,
                  float *da, float *db);
#line 982 "chapters/04-layers.nw"
/* x: in = [N][C][H][W];  y: [N][C][2H][2W], y = x repeated 2 x 2. */
void upsample2_forward(layer_ctx_t *ctx, shape_t in, const float *x,
                       float *y);
/* dy: [N][C][2H][2W];  ACCUMULATES dx[N][C][H][W] += the sum of
   dy over each pixel's 2 x 2 block. */
void upsample2_backward(layer_ctx_t *ctx, shape_t in, const float *dy,
                        float *dx);
#line 1099 "chapters/04-layers.nw"
typedef struct {
    int c, groups;             /* channels, in groups of c / groups */
    float *gamma, *beta;       /* [c]: scale and shift */
    float *dgamma, *dbeta;     /* their gradients */
} gnorm_t;
#define GNORM_EPS 1e-5

/* Take gamma and beta (and gradients) from p. */
void gnorm_bind(gnorm_t *l, params_t *p);
/* gamma = 1, beta = 0. */
void gnorm_init(const gnorm_t *l);
/* x, y: [N][c][H][W] (in.c == l->c); y != x. */
void gnorm_forward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                   const float *x, float *y);
/* x: the forward input.  ACCUMULATES l->dgamma, l->dbeta and, unless
   dx is NULL, dx. */
void gnorm_backward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                    const float *x, const float *dy, float *dx);
/* The same with a ReLU after the normalisation:
   y = max(GN(x), 0).  The backward takes that y and does the ReLU's
   backward in place: it ZEROES dy where y is 0. */
void gnorm_relu_forward(layer_ctx_t *ctx, const gnorm_t *l,
                        shape_t in, const float *x, float *y);
void gnorm_relu_backward(layer_ctx_t *ctx, const gnorm_t *l,
                         shape_t in, const float *x, const float *y,
                         float *dy, float *dx);
#line 1482 "chapters/12-speed.nw"
#include "gemm-fast.h"
#include "pool.h"
/* Run gemm_packed on nthreads threads (1: none); 0 or -1. */
int layer_ctx_set_threads(layer_ctx_t *ctx, int nthreads);
/* im2col and col2im, faster; equal results, bit for bit. */
void im2col_fast(const conv_t *l, int h, int w, const float *x,
                 float *col);
void col2im_fast(const conv_t *l, int h, int w, const float *col,
                 float *x);
#line 949 "chapters/12-speed.nw"
/* One input of a convolution run over several inputs of different
   sizes at once.  in.n >= 1; x, y: [in.n][cin][H][W] and
   [in.n][cout][H'][W']; dy, dx likewise, for the backward pass. */
typedef struct {
    shape_t in;
    const float *x;
    float *y;
    const float *dy;
    float *dx;        /* NULL: no input gradient wanted */
} conv_run_t;

/* Floats of scratch for conv_forward_runs and conv_backward_runs
   on runs of the nrun input shapes in[]. */
size_t conv_runs_scratch(const conv_t *l, int nrun, const shape_t *in);
/* y = conv(x, w) + b for every run, then max(0, y) if relu. */
void conv_forward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                       const conv_run_t *run, int relu);
/* conv_backward for every run: ACCUMULATES l->dw, l->db and each
   non-NULL dx.  Each run's x and dy as conv_backward's; if relu, the
   forward pass had relu set and dy is first masked by y > 0. */
void conv_backward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                        const conv_run_t *run, int relu);
#line 1498 "chapters/12-speed.nw"
/* Group normalisation of Chapter 4, then max(y, 0) if relu. */
void gnorm_fast_forward(layer_ctx_t *ctx, const gnorm_t *l,
                        shape_t in, const float *x, float *y, int relu);
/* Chapter 4's backward pass; if ry is not NULL, first rdy[i] = 0
   wherever ry[i] is not above 0 (rdy is dy, the ReLU's mask). */
void gnorm_fast_backward(layer_ctx_t *ctx, const gnorm_t *l,
                         shape_t in, const float *x, const float *dy,
                         float *dx, const float *ry, float *rdy);
#line 1314 "chapters/04-layers.nw"
/* w ~ N(0, 2 / fan_in) with fan_in = cin * kh * kw; b = 0. */
void conv_init_he(const conv_t *l, rng_t *r);
/* w ~ N(0, sigma^2) (sigma is the standard deviation); b = 0. */
void conv_init_normal(const conv_t *l, rng_t *r, double sigma);
/* The bias b with sigmoid(b) = pi: -log((1 - pi) / pi); 0 < pi < 1. */
double prior_bias(double pi);
/* Set every bias of l to prior_bias(pi). */
void conv_init_prior(const conv_t *l, double pi);
#line 588 "chapters/04-layers.nw"
#endif
