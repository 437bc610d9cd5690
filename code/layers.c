#line 678 "chapters/04-layers.nw"
/* layers.c: the layers of the detector, forward and backward. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gemm-fast.h"
#include "layers.h"
#include "pool.h"

#line 706 "chapters/04-layers.nw"
int layer_ctx_init(layer_ctx_t *ctx, size_t scratch_size)
{
    ctx->scratch = malloc((scratch_size ? scratch_size : 1)
                          * sizeof *ctx->scratch);
    ctx->scratch_size = scratch_size;
    ctx->gemm = gemm_packed;     /* Chapter 12 */
    ctx->pool = NULL;
    ctx->per_image = 0;
    return ctx->scratch ? 0 : -1;
}

void layer_ctx_free(layer_ctx_t *ctx)
{
    free(ctx->scratch);
    ctx->scratch = NULL;
    ctx->scratch_size = 0;
    pool_free(ctx->pool);
    ctx->pool = NULL;
}
#line 873 "chapters/12-speed.nw"
int layer_ctx_set_threads(layer_ctx_t *ctx, int nthreads)
{
    if (nthreads < 1)
        return -1;
    pool_free(ctx->pool);
    ctx->pool = NULL;
    if (nthreads == 1)
        return 0;
    ctx->pool = pool_create(nthreads);
    return ctx->pool ? 0 : -1;
}
#line 860 "chapters/12-speed.nw"
static void layer_gemm(layer_ctx_t *ctx, int ta, int tb, int m,
                       int n, int k, const float *a, const float *b,
                       float *c, int accumulate)
{
    if (ctx->pool != NULL && ctx->gemm == gemm_packed)
        gemm_packed_pool(ctx->pool, ta, tb, m, n, k, a, b, c,
                         accumulate);
    else
        ctx->gemm(ta, tb, m, n, k, a, b, c, accumulate);
}
#line 898 "chapters/12-speed.nw"
/* The output columns [*x0, *x1) whose input column xo*s - pad + j
   lies in [0, w). */
static void window_span(const conv_t *l, int w, int wo, int j,
                        int *x0, int *x1)
{
    int s = l->stride, off = j - l->pad;
    int lo = off >= 0 ? 0 : (-off + s - 1) / s;
    int hi = off >= w ? 0 : (w - 1 - off) / s + 1;
    *x0 = lo < wo ? lo : wo;
    *x1 = hi < wo ? hi : wo;
    if (*x1 < *x0) *x1 = *x0;
}
#line 922 "chapters/12-speed.nw"
static int same_size(const conv_t *l, int h, int w)
{
    return l->stride == 1 && h + 2 * l->pad - l->kh + 1 == h
           && w + 2 * l->pad - l->kw + 1 == w;
}

/* The flat range [*lo, *hi) of an h x w plane whose source, shifted by
   di rows and dj columns, lies inside the plane. */
static void shift_range(int h, int w, int di, int dj, long *lo,
                        long *hi)
{
    long n = (long)h * w, shift = (long)di * w + dj;
    *lo = shift < 0 ? -shift : 0;
    *hi = shift > 0 ? n - shift : n;
    if (*lo > n) *lo = n;
    if (*hi < *lo) *hi = *lo;
}
#line 942 "chapters/12-speed.nw"
/* Zero the columns of d (h x w) whose source column x + dj is
   outside [0, w). */
static void zero_edges(float *d, int h, int w, int dj)
{
    int a = dj < 0 ? 0 : w - dj, b = dj < 0 ? -dj : w;
    a = a < 0 ? 0 : a;
    b = b > w ? w : b;
    for (int y = 0; y < h; y++)
        for (int x = a; x < b; x++)
            d[(size_t)y * w + x] = 0.0f;
}

static void im2col_same(const conv_t *l, int h, int w, const float *x,
                        float *col, size_t ld)
{
    for (int c = 0; c < l->cin; c++, x += (size_t)h * w)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++, col += ld) {
        int di = i - l->pad, dj = j - l->pad;
        long lo, hi, n = (long)h * w, shift = (long)di * w + dj;
        shift_range(h, w, di, dj, &lo, &hi);
        memset(col, 0, (size_t)lo * sizeof *col);
        memcpy(col + lo, x + lo + shift, (size_t)(hi - lo) * sizeof *x);
        memset(col + hi, 0, (size_t)(n - hi) * sizeof *col);
        zero_edges(col, h, w, dj);
      }
}
#line 976 "chapters/12-speed.nw"
static void add_floats(float *restrict t, const float *restrict s,
                       long n)
{
    long k = 0;
    for (; k + 8 <= n; k += 8)
        for (int q = 0; q < 8; q++) t[k + q] += s[k + q];
    for (; k < n; k++) t[k] += s[k];
}
#line 993 "chapters/12-speed.nw"
static void col2im_same(const conv_t *l, int h, int w, float *col,
                        size_t ld, float *x)
{
    for (int c = 0; c < l->cin; c++, x += (size_t)h * w)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++, col += ld) {
        int di = i - l->pad, dj = j - l->pad;
        long lo, hi, shift = (long)di * w + dj;
        shift_range(h, w, di, dj, &lo, &hi);
        zero_edges(col, h, w, dj);
        add_floats(x + lo + shift, col + lo, hi - lo);
      }
}
#line 1013 "chapters/12-speed.nw"
static void im2col_ld(const conv_t *l, int h, int w, const float *x,
                      float *col, size_t ld)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1, s = l->stride;
    for (int c = 0; c < l->cin; c++)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++, col += ld) {
        int x0, x1, off = j - l->pad;
        float *d = col;
        window_span(l, w, wo, j, &x0, &x1);
        for (int y = 0; y < ho; y++, d += wo) {
            int iy = y * s - l->pad + i, xo = 0;
            if (iy >= 0 && iy < h) {
                const float *row = x + ((size_t)c * h + iy) * w + off;
                for (; xo < x0; xo++) d[xo] = 0.0f;
                for (; xo < x1; xo++) d[xo] = row[xo * s];
            }
            for (; xo < wo; xo++) d[xo] = 0.0f;
        }
      }
}
#line 1038 "chapters/12-speed.nw"
static void col2im_ld(const conv_t *l, int h, int w, const float *col,
                      size_t ld, float *x)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1, s = l->stride;
    for (int c = 0; c < l->cin; c++)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++, col += ld) {
        int x0, x1, off = j - l->pad;
        const float *d = col;
        window_span(l, w, wo, j, &x0, &x1);
        for (int y = 0; y < ho; y++, d += wo) {
            int iy = y * s - l->pad + i;
            if (iy < 0 || iy >= h)
                continue;
            float *row = x + ((size_t)c * h + iy) * w + off;
            for (int xo = x0; xo < x1; xo++) row[xo * s] += d[xo];
        }
      }
}
#line 1061 "chapters/12-speed.nw"
void im2col_fast(const conv_t *l, int h, int w, const float *x,
                 float *col)
{
    shape_t o = conv_out_shape(l, (shape_t){1, l->cin, h, w});
    im2col_ld(l, h, w, x, col, (size_t)o.h * o.w);
}

void col2im_fast(const conv_t *l, int h, int w, const float *col,
                 float *x)
{
    shape_t o = conv_out_shape(l, (shape_t){1, l->cin, h, w});
    col2im_ld(l, h, w, col, (size_t)o.h * o.w, x);
}
#line 1221 "chapters/12-speed.nw"
enum { CONV_GROUP_COLS = 2048 };

/* Blocks nb blocks from image n of run r on: cols columns. */
typedef struct { int r, n, nb; size_t cols; } conv_group_t;

static size_t run_pixels(const conv_t *l, const conv_run_t *q)
{
    shape_t o = conv_out_shape(l, q->in);
    return (size_t)o.h * o.w;
}

/* The columns a group may hold: one image each if the context asks
   for Chapter 4's products, for comparison. */
static size_t group_cap(const layer_ctx_t *ctx)
{
    return ctx->per_image ? 0 : CONV_GROUP_COLS;
}

static void next_block(const conv_run_t *run, int *r, int *n)
{
    if (++*n >= run[*r].in.n) {
        *n = 0;
        ++*r;
    }
}
#line 1249 "chapters/12-speed.nw"
/* Replace g by the group after it (start with g->nb == 0 at run 0,
   image 0), of at most cap columns or one image; 0 when the runs are
   done. */
static int next_group(const conv_t *l, int nrun,
                      const conv_run_t *run, size_t cap,
                      conv_group_t *g)
{
    for (int k = 0; k < g->nb; k++)
        next_block(run, &g->r, &g->n);
    int r = g->r, n = g->n;
    g->nb = 0;
    g->cols = 0;
    while (r < nrun) {
        size_t c = run_pixels(l, &run[r]);
        if (g->nb > 0 && g->cols + c > cap)
            break;
        g->cols += c;
        g->nb++;
        next_block(run, &r, &n);
    }
    return g->nb > 0;
}
#line 1274 "chapters/12-speed.nw"
size_t conv_runs_scratch(const conv_t *l, int nrun, const shape_t *in)
{
    size_t total = 0, most = CONV_GROUP_COLS;
    for (int r = 0; r < nrun; r++) {
        shape_t o = conv_out_shape(l, in[r]);
        size_t pix = (size_t)o.h * o.w;
        total += pix * (size_t)in[r].n;
        most = pix > most ? pix : most;
    }
    size_t kdim = (size_t)l->cin * l->kh * l->kw;
    return (kdim + (size_t)l->cout) * (total < most ? total : most);
}
#line 1330 "chapters/12-speed.nw"
typedef struct {
    const conv_t *l;
    const conv_run_t *run;
    conv_group_t g;
    float *buf;              /* the group's [cout][cols] matrix */
    const float *sum;        /* backward: what to sum into db */
    int relu, back, copy;    /* copy: gather dy into buf */
} sweep_t;

static void bias_relu(float *d, const float *s, float b, int relu,
                      size_t n)
{
    size_t k = 0;
    for (; k + 8 <= n; k += 8)
        for (int q = 0; q < 8; q++) {
            float v = s[k + q] + b;
            d[k + q] = !relu || v > 0.0f ? v : 0.0f;
        }
    for (; k < n; k++) {
        float v = s[k] + b;
        d[k] = !relu || v > 0.0f ? v : 0.0f;
    }
}
#line 1356 "chapters/12-speed.nw"
static void mask_copy(float *restrict d, const float *restrict dy,
                      const float *y, size_t n)
{
    size_t k = 0;
    for (; k + 8 <= n; k += 8)
        for (int q = 0; q < 8; q++)
            d[k + q] = y == NULL || y[k + q] > 0.0f ? dy[k + q] : 0.0f;
    for (; k < n; k++)
        d[k] = y == NULL || y[k] > 0.0f ? dy[k] : 0.0f;
}

static float sum_floats(const float *s, size_t n)
{
    float part[8] = {0}, sum = 0.0f;
    size_t k = 0;
    for (; k + 8 <= n; k += 8)
        for (int q = 0; q < 8; q++) part[q] += s[k + q];
    for (; k < n; k++) part[0] += s[k];
    for (int q = 0; q < 8; q++) sum += part[q];
    return sum;
}
#line 1380 "chapters/12-speed.nw"
static void sweep_task(void *arg, int pt, int nparts)
{
    const sweep_t *s = arg;
    const conv_t *l = s->l;
    int o0 = (int)((long)l->cout * pt / nparts);
    int o1 = (int)((long)l->cout * (pt + 1) / nparts);
    int r = s->g.r, n = s->g.n;
    size_t off = 0, cols = s->g.cols;
    for (int k = 0; k < s->g.nb && (!s->back || s->copy); k++) {
        const conv_run_t *p = &s->run[r];
        size_t pix = run_pixels(l, p), at = (size_t)n * l->cout * pix;
        for (int o = o0; o < o1; o++) {
            float *b = s->buf + (size_t)o * cols + off;
            size_t i = at + (size_t)o * pix;
            if (s->back)
                mask_copy(b, p->dy + i, s->relu ? p->y + i : NULL, pix);
            else
                bias_relu(p->y + i, b, l->b[o], s->relu, pix);
        }
        off += pix;
        next_block(s->run, &r, &n);
    }
    for (int o = o0; s->back && o < o1; o++)
        l->db[o] += sum_floats(s->sum + (size_t)o * cols, cols);
}
#line 1408 "chapters/12-speed.nw"
static void sweep(layer_ctx_t *ctx, sweep_t *s)
{
    if (ctx->pool != NULL && s->l->cout > 1)
        pool_run(ctx->pool, sweep_task, s);
    else
        sweep_task(s, 0, 1);
}
#line 1471 "chapters/12-speed.nw"
static int wants_dx(const conv_run_t *run, conv_group_t g)
{
    int r = g.r, n = g.n, any = 0;
    for (int k = 0; k < g.nb; k++) {
        any |= run[r].dx != NULL;
        next_block(run, &r, &n);
    }
    return any;
}
#line 1085 "chapters/12-speed.nw"
typedef struct {
    const conv_t *l;
    const conv_run_t *run;
    conv_group_t g;
    int fold;              /* 0: im2col into col; 1: col2im */
    int flat;              /* may use im2col_same and col2im_same */
    float *col;
} unroll_t;

static void unroll_task(void *arg, int pt, int nparts)
{
    const unroll_t *u = arg;
    conv_t part = *u->l;
    int c0 = (int)((long)part.cin * pt / nparts);
    int c1 = (int)((long)part.cin * (pt + 1) / nparts);
    int r = u->g.r, n = u->g.n;
    size_t off = (size_t)c0 * part.kh * part.kw * u->g.cols;
    part.cin = c1 - c0;
    for (int k = 0; k < u->g.nb; k++) {
        
#line 1110 "chapters/12-speed.nw"
const conv_run_t *q = &u->run[r];
size_t img = ((size_t)n * u->l->cin + c0) * q->in.h * q->in.w;
int flat = u->flat && same_size(u->l, q->in.h, q->in.w);
if (u->fold == 0 && flat)
    im2col_same(&part, q->in.h, q->in.w, q->x + img, u->col + off,
                u->g.cols);
else if (u->fold == 0)
    im2col_ld(&part, q->in.h, q->in.w, q->x + img, u->col + off,
              u->g.cols);
else if (q->dx != NULL && flat)
    col2im_same(&part, q->in.h, q->in.w, u->col + off, u->g.cols,
                q->dx + img);
else if (q->dx != NULL)
    col2im_ld(&part, q->in.h, q->in.w, u->col + off, u->g.cols,
              q->dx + img);
off += run_pixels(u->l, q);
next_block(u->run, &r, &n);
#line 1105 "chapters/12-speed.nw"
    }
}
#line 1130 "chapters/12-speed.nw"
static void unroll(layer_ctx_t *ctx, const conv_t *l,
                   const conv_run_t *run, conv_group_t g, int fold,
                   int flat, float *col)
{
    unroll_t u = {l, run, g, fold, flat, col};
    if (ctx->pool != NULL && l->cin > 1)
        pool_run(ctx->pool, unroll_task, &u);
    else
        unroll_task(&u, 0, 1);
}
#line 1146 "chapters/12-speed.nw"
static void layer_im2col(layer_ctx_t *ctx, const conv_t *l, int h,
                         int w, const float *x, float *col)
{
    conv_run_t q = {{1, l->cin, h, w}, x, NULL, NULL, NULL};
    conv_group_t g = {0, 0, 1, run_pixels(l, &q)};
    unroll(ctx, l, &q, g, 0, 0, col);
}

static void layer_col2im(layer_ctx_t *ctx, const conv_t *l, int h,
                         int w, const float *col, float *x)
{
    conv_run_t q = {{1, l->cin, h, w}, NULL, NULL, NULL, x};
    conv_group_t g = {0, 0, 1, run_pixels(l, &q)};
    unroll(ctx, l, &q, g, 1, 0, (float *)col);
}
#line 728 "chapters/04-layers.nw"
void conv_bind(conv_t *l, params_t *p)
{
    size_t nw = (size_t)l->cout * l->cin * l->kh * l->kw;
    l->w = params_take(p, nw, &l->dw);
    l->b = params_take(p, (size_t)l->cout, &l->db);
}

shape_t conv_out_shape(const conv_t *l, shape_t in)
{
    shape_t out = {in.n, l->cout,
                   (in.h + 2 * l->pad - l->kh) / l->stride + 1,
                   (in.w + 2 * l->pad - l->kw) / l->stride + 1};
    return out;
}

static int conv_is_pointwise(const conv_t *l)
{
    return l->kh == 1 && l->kw == 1 && l->stride == 1 && l->pad == 0;
}

size_t conv_scratch_size(const conv_t *l, shape_t in)
{
    shape_t out = conv_out_shape(l, in);
    if (conv_is_pointwise(l))
        return 0;
    return (size_t)l->cin * l->kh * l->kw * out.h * out.w;
}
#line 763 "chapters/04-layers.nw"
void im2col(const conv_t *l, int h, int w, const float *x, float *col)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1;
    for (int c = 0; c < l->cin; c++)
        for (int i = 0; i < l->kh; i++)
            for (int j = 0; j < l->kw; j++)
                for (int y = 0; y < ho; y++) {
                    int iy = y * l->stride - l->pad + i;
                    for (int xo = 0; xo < wo; xo++) {
                        int ix = xo * l->stride - l->pad + j;
                        int in = iy >= 0 && iy < h && ix >= 0 && ix < w;
                        *col++ = in ? x[((size_t)c * h + iy) * w + ix]
                                    : 0.0f;
                    }
                }
}
#line 793 "chapters/04-layers.nw"
void col2im(const conv_t *l, int h, int w, const float *col, float *x)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1;
    for (int c = 0; c < l->cin; c++)
        for (int i = 0; i < l->kh; i++)
            for (int j = 0; j < l->kw; j++)
                for (int y = 0; y < ho; y++) {
                    int iy = y * l->stride - l->pad + i;
                    for (int xo = 0; xo < wo; xo++, col++) {
                        int ix = xo * l->stride - l->pad + j;
                        if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                            x[((size_t)c * h + iy) * w + ix] += *col;
                    }
                }
}
#line 816 "chapters/04-layers.nw"
void conv_forward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                  const float *x, float *y)
{
    shape_t out = conv_out_shape(l, in);
    int kdim = l->cin * l->kh * l->kw, npix = out.h * out.w;
    for (int n = 0; n < in.n; n++) {
        const float *xn = x + (size_t)n * in.c * in.h * in.w;
        float *yn = y + (size_t)n * out.c * npix;
        const float *col = xn;
        if (!conv_is_pointwise(l)) {
            layer_im2col(ctx, l, in.h, in.w, xn, ctx->scratch);
            col = ctx->scratch;
        }
        layer_gemm(ctx, 0, 0, l->cout, npix, kdim, l->w, col, yn, 0);
        for (int o = 0; o < l->cout; o++)
            for (int t = 0; t < npix; t++)
                yn[(size_t)o * npix + t] += l->b[o];
    }
}
#line 867 "chapters/04-layers.nw"
void conv_backward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                   const float *x, const float *dy, float *dx)
{
    shape_t out = conv_out_shape(l, in);
    int kdim = l->cin * l->kh * l->kw, npix = out.h * out.w;
    int pointwise = conv_is_pointwise(l);
    for (int n = 0; n < in.n; n++) {
        size_t xoff = (size_t)n * in.c * in.h * in.w;
        const float *dyn = dy + (size_t)n * out.c * npix;
        
#line 884 "chapters/04-layers.nw"
for (int o = 0; o < l->cout; o++) {
    float sum = 0.0f;
    for (int t = 0; t < npix; t++)
        sum += dyn[(size_t)o * npix + t];
    l->db[o] += sum;
}
#line 877 "chapters/04-layers.nw"
        
#line 893 "chapters/04-layers.nw"
const float *col = x + xoff;
if (!pointwise) {
    layer_im2col(ctx, l, in.h, in.w, x + xoff, ctx->scratch);
    col = ctx->scratch;
}
layer_gemm(ctx, 0, 1, l->cout, kdim, npix, dyn, col, l->dw, 1);
#line 878 "chapters/04-layers.nw"
        
#line 905 "chapters/04-layers.nw"
if (dx != NULL) {
    if (pointwise) {
        layer_gemm(ctx, 1, 0, kdim, npix, l->cout, l->w, dyn,
                   dx + xoff, 1);
    } else {
        layer_gemm(ctx, 1, 0, kdim, npix, l->cout, l->w, dyn,
                   ctx->scratch, 0);
        layer_col2im(ctx, l, in.h, in.w, ctx->scratch, dx + xoff);
    }
}
#line 879 "chapters/04-layers.nw"
    }
}
#line 1297 "chapters/12-speed.nw"
void conv_forward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                       const conv_run_t *run, int relu)
{
    int kdim = l->cin * l->kh * l->kw;
    conv_group_t g = {0, 0, 0, 0};
    while (next_group(l, nrun, run, group_cap(ctx), &g)) {
        const conv_run_t *q = &run[g.r];
        size_t npix = run_pixels(l, q);
        int one = g.nb == 1;
        float *col = ctx->scratch, *out = col + (size_t)kdim * g.cols;
        const float *u = col;
        if (one && conv_is_pointwise(l))
            u = q->x + (size_t)g.n * l->cin * q->in.h * q->in.w;
        else
            unroll(ctx, l, run, g, 0, 1, col);
        if (one)
            out = q->y + (size_t)g.n * l->cout * npix;
        layer_gemm(ctx, 0, 0, l->cout, (int)g.cols, kdim, l->w, u,
                   out, 0);
        sweep_t s = {l, run, g, out, out, relu, 0, 0};
        sweep(ctx, &s);
    }
}
#line 1430 "chapters/12-speed.nw"
void conv_backward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                        const conv_run_t *run, int relu)
{
    int kdim = l->cin * l->kh * l->kw, pw = conv_is_pointwise(l);
    conv_group_t g = {0, 0, 0, 0};
    while (next_group(l, nrun, run, group_cap(ctx), &g)) {
        const conv_run_t *q = &run[g.r];
        size_t npix = run_pixels(l, q), cols = g.cols;
        size_t img = (size_t)g.n * l->cin * q->in.h * q->in.w;
        float *col = ctx->scratch, *dyg = col + (size_t)kdim * cols;
        const float *u = col;
        int copy = g.nb > 1 || relu;
        const float *d = copy ? dyg
                              : q->dy + (size_t)g.n * l->cout * npix;
        sweep_t s = {l, run, g, dyg, d, relu, 1, copy};
        sweep(ctx, &s);
        if (g.nb == 1 && pw)
            u = q->x + img;
        else
            unroll(ctx, l, run, g, 0, 1, col);
        layer_gemm(ctx, 0, 1, l->cout, kdim, (int)cols, d, u, l->dw, 1);
        
#line 1460 "chapters/12-speed.nw"
if (g.nb == 1 && pw) {
    if (q->dx != NULL)
        layer_gemm(ctx, 1, 0, kdim, (int)cols, l->cout, l->w, d,
                   q->dx + img, 1);
} else if (wants_dx(run, g)) {
    layer_gemm(ctx, 1, 0, kdim, (int)cols, l->cout, l->w, d, col, 0);
    unroll(ctx, l, run, g, 1, 1, col);
}
#line 1452 "chapters/12-speed.nw"
    }
}
#line 950 "chapters/04-layers.nw"
void relu_forward(layer_ctx_t *ctx, size_t count, const float *x,
                  float *y)
{
    (void)ctx;
    for (size_t i = 0; i < count; i++)
        y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void relu_backward(layer_ctx_t *ctx, size_t count, const float *x,
                   const float *dy, float *dx)
{
    (void)ctx;
    for (size_t i = 0; i < count; i++)
        if (x[i] > 0.0f)
            dx[i] += dy[i];
}
#line 986 "chapters/04-layers.nw"
void add_forward(layer_ctx_t *ctx, size_t count, const float *a,
                 const float *b, float *y)
{
    (void)ctx;
    for (size_t i = 0; i < count; i++)
        y[i] = a[i] + b[i];
}

void add_backward(layer_ctx_t *ctx, size_t count, const float *dy,
                  float *da, float *db)
{
    (void)ctx;
    for (size_t i = 0; i < count; i++) {
        if (da) da[i] += dy[i];
        if (db) db[i] += dy[i];
    }
}
#line 1030 "chapters/04-layers.nw"
void upsample2_forward(layer_ctx_t *ctx, shape_t in, const float *x,
                       float *y)
{
    (void)ctx;
    size_t planes = (size_t)in.n * in.c, w2 = 2 * (size_t)in.w;
    for (size_t p = 0; p < planes; p++)
        for (int i = 0; i < in.h; i++)
            for (int j = 0; j < in.w; j++) {
                float v = x[(p * in.h + i) * in.w + j];
                float *o = y + (p * 2 * in.h + 2 * i) * w2 + 2 * j;
                o[0] = o[1] = o[w2] = o[w2 + 1] = v;
            }
}

void upsample2_backward(layer_ctx_t *ctx, shape_t in, const float *dy,
                        float *dx)
{
    (void)ctx;
    size_t planes = (size_t)in.n * in.c, w2 = 2 * (size_t)in.w;
    for (size_t p = 0; p < planes; p++)
        for (int i = 0; i < in.h; i++)
            for (int j = 0; j < in.w; j++) {
                const float *g =
                    dy + (p * 2 * in.h + 2 * i) * w2 + 2 * j;
                dx[(p * in.h + i) * in.w + j] +=
                    (g[0] + g[1]) + (g[w2] + g[w2 + 1]);
            }
}
#line 1154 "chapters/04-layers.nw"
void gnorm_bind(gnorm_t *l, params_t *p)
{
    l->gamma = params_take(p, (size_t)l->c, &l->dgamma);
    l->beta = params_take(p, (size_t)l->c, &l->dbeta);
}

void gnorm_init(const gnorm_t *l)
{
    for (int c = 0; c < l->c; c++) {
        l->gamma[c] = 1.0f;
        l->beta[c] = 0.0f;
    }
}

/* Sums of (x[i] - c)^p for p = 1 or 2, in eight partial sums. */
static double gnorm_sum(const float *x, size_t n, double c, int p)
{
    double part[8] = {0}, sum = 0.0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int q = 0; q < 8; q++) {
            double d = x[i + q] - c;
            part[q] += p == 1 ? d : d * d;
        }
    for (; i < n; i++)
        part[i % 8] += p == 1 ? x[i] - c : (x[i] - c) * (x[i] - c);
    for (int q = 0; q < 8; q++)
        sum += part[q];
    return sum;
}

static void gnorm_stats(const float *x, size_t m, double *mu,
                        double *r)
{
    *mu = gnorm_sum(x, m, 0.0, 1) / (double)m;
    *r = 1.0 / sqrt(gnorm_sum(x, m, *mu, 2) / (double)m + GNORM_EPS);
}
#line 1209 "chapters/04-layers.nw"
typedef struct {
    const gnorm_t *l;
    shape_t s;
    const float *x, *dy;
    float *y, *dx;
    int relu;                  /* forward: clamp y at 0 */
    const float *ry;           /* backward: the clamped y, or NULL */
    float *rdy;                /* backward: dy, to zero where ry is */
} gnorm_job_t;

static void gnorm_run(layer_ctx_t *ctx, gnorm_job_t *j,
                      pool_task_fn *task)
{
    if (ctx->pool != NULL && j->l->groups > 1)
        pool_run(ctx->pool, task, j);
    else
        task(j, 0, 1);
}
#line 1232 "chapters/04-layers.nw"
static void gnorm_forward_task(void *arg, int pt, int nparts)
{
    const gnorm_job_t *j = arg;
    const gnorm_t *l = j->l;
    int cg = l->c / l->groups;
    size_t hw = (size_t)j->s.h * j->s.w, m = cg * hw;
    int g0 = l->groups * pt / nparts;
    int g1 = l->groups * (pt + 1) / nparts;
    for (int n = 0; n < j->s.n; n++)
        for (int g = g0; g < g1; g++) {
            size_t at = ((size_t)n * l->groups + g) * m;
            double mu, r;
            gnorm_stats(j->x + at, m, &mu, &r);
            for (int k = 0; k < cg; k++) {
                int c = g * cg + k;
                float a = (float)(l->gamma[c] * r);
                float b = (float)(l->beta[c] - l->gamma[c] * r * mu);
                const float *xc = j->x + at + k * hw;
                float *yc = j->y + at + k * hw;
                for (size_t i = 0; i < hw; i++) {
                    float v = a * xc[i] + b;
                    yc[i] = !j->relu || v > 0.0f ? v : 0.0f;
                }
            }
        }
}

void gnorm_forward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                   const float *x, float *y)
{
    gnorm_job_t j = {l, in, x, NULL, y, NULL, 0, NULL, NULL};
    gnorm_run(ctx, &j, gnorm_forward_task);
}

void gnorm_relu_forward(layer_ctx_t *ctx, const gnorm_t *l,
                        shape_t in, const float *x, float *y)
{
    gnorm_job_t j = {l, in, x, NULL, y, NULL, 1, NULL, NULL};
    gnorm_run(ctx, &j, gnorm_forward_task);
}
#line 1279 "chapters/04-layers.nw"
static void gnorm_backward_task(void *arg, int pt, int nparts)
{
    const gnorm_job_t *j = arg;
    const gnorm_t *l = j->l;
    int cg = l->c / l->groups;
    size_t hw = (size_t)j->s.h * j->s.w, m = cg * hw;
    int g0 = l->groups * pt / nparts;
    int g1 = l->groups * (pt + 1) / nparts;
    for (int n = 0; n < j->s.n; n++)
        for (int g = g0; g < g1; g++) {
            size_t at = ((size_t)n * l->groups + g) * m;
            const float *x = j->x + at, *dy = j->dy + at;
            double mu, r, su = 0.0, sux = 0.0;
            gnorm_stats(x, m, &mu, &r);
            for (size_t i = 0; j->ry != NULL && i < m; i++)
                if (!(j->ry[at + i] > 0.0f))
                    j->rdy[at + i] = 0.0f;
            
#line 1319 "chapters/04-layers.nw"
for (int k = 0; k < cg; k++) {
    int c = g * cg + k;
    double sd = 0.0, sdx = 0.0, p[2][8] = {{0}};
    size_t i = k * hw, e = (k + 1) * hw;
    for (; i + 8 <= e; i += 8)             /* eight partial sums */
        for (int q = 0; q < 8; q++) {
            p[0][q] += dy[i + q];
            p[1][q] += dy[i + q] * (x[i + q] - mu) * r;
        }
    for (; i < e; i++) {
        p[0][i % 8] += dy[i];
        p[1][i % 8] += dy[i] * (x[i] - mu) * r;
    }
    for (int q = 0; q < 8; q++) {
        sd += p[0][q];
        sdx += p[1][q];
    }
    l->dbeta[c] += (float)sd;
    l->dgamma[c] += (float)sdx;
    su += l->gamma[c] * sd;
    sux += l->gamma[c] * sdx;
}
su /= (double)m;
sux /= (double)m;
#line 1297 "chapters/04-layers.nw"
            if (j->dx != NULL)
                
#line 1346 "chapters/04-layers.nw"
for (int k = 0; k < cg; k++) {
    double gc = l->gamma[g * cg + k];
    float *dx = j->dx + at + k * hw;
    for (size_t i = 0; i < hw; i++) {
        double xh = (x[k * hw + i] - mu) * r;
        dx[i] += (float)(r * (gc * dy[k * hw + i] - su - xh * sux));
    }
}
#line 1299 "chapters/04-layers.nw"
        }
}

void gnorm_backward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                    const float *x, const float *dy, float *dx)
{
    gnorm_job_t j = {l, in, x, dy, NULL, dx, 0, NULL, NULL};
    gnorm_run(ctx, &j, gnorm_backward_task);
}

void gnorm_relu_backward(layer_ctx_t *ctx, const gnorm_t *l,
                         shape_t in, const float *x, const float *y,
                         float *dy, float *dx)
{
    gnorm_job_t j = {l, in, x, dy, NULL, dx, 0, y, dy};
    gnorm_run(ctx, &j, gnorm_backward_task);
}
#line 1421 "chapters/04-layers.nw"
void conv_init_normal(const conv_t *l, rng_t *r, double sigma)
{
    size_t nw = (size_t)l->cout * l->cin * l->kh * l->kw;
    for (size_t i = 0; i < nw; i++)
        l->w[i] = (float)(sigma * rng_normal(r));
    for (int o = 0; o < l->cout; o++)
        l->b[o] = 0.0f;
}

void conv_init_he(const conv_t *l, rng_t *r)
{
    conv_init_normal(l, r, sqrt(2.0 / (l->cin * l->kh * l->kw)));
}

double prior_bias(double pi) { return -log((1.0 - pi) / pi); }

void conv_init_prior(const conv_t *l, double pi)
{
    for (int o = 0; o < l->cout; o++)
        l->b[o] = (float)prior_bias(pi);
}
