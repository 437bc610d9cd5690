#line 654 "chapters/04-layers.nw"
/* layers.c: the layers of the detector, forward and backward. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "layers.h"

#line 673 "chapters/04-layers.nw"
int layer_ctx_init(layer_ctx_t *ctx, size_t scratch_size)
{
    ctx->scratch = malloc((scratch_size ? scratch_size : 1)
                          * sizeof *ctx->scratch);
    ctx->scratch_size = scratch_size;
    ctx->gemm = gemm_blocked;
    
#line 1464 "chapters/12-speed.nw"
ctx->gemm = gemm_packed;
ctx->pool = NULL;
ctx->per_image = 0;
ctx->direct = 0;
ctx->plain = 0;
ctx->small_tiles = 0;
ctx->plain_norm = 0;
#line 680 "chapters/04-layers.nw"
    return ctx->scratch ? 0 : -1;
}

void layer_ctx_free(layer_ctx_t *ctx)
{
    free(ctx->scratch);
    ctx->scratch = NULL;
    ctx->scratch_size = 0;
    
#line 1474 "chapters/12-speed.nw"
pool_free(ctx->pool);
ctx->pool = NULL;
#line 689 "chapters/04-layers.nw"
}
#line 693 "chapters/04-layers.nw"
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
#line 728 "chapters/04-layers.nw"
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
#line 759 "chapters/04-layers.nw"
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
#line 782 "chapters/04-layers.nw"
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
            im2col(l, in.h, in.w, xn, ctx->scratch);
            col = ctx->scratch;
        }
        ctx->gemm(0, 0, l->cout, npix, kdim, l->w, col, yn, 0);
        for (int o = 0; o < l->cout; o++)
            for (int t = 0; t < npix; t++)
                yn[(size_t)o * npix + t] += l->b[o];
    }
}
#line 833 "chapters/04-layers.nw"
void conv_backward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                   const float *x, const float *dy, float *dx)
{
    shape_t out = conv_out_shape(l, in);
    int kdim = l->cin * l->kh * l->kw, npix = out.h * out.w;
    int pointwise = conv_is_pointwise(l);
    for (int n = 0; n < in.n; n++) {
        size_t xoff = (size_t)n * in.c * in.h * in.w;
        const float *dyn = dy + (size_t)n * out.c * npix;
        
#line 850 "chapters/04-layers.nw"
for (int o = 0; o < l->cout; o++) {
    float sum = 0.0f;
    for (int t = 0; t < npix; t++)
        sum += dyn[(size_t)o * npix + t];
    l->db[o] += sum;
}
#line 843 "chapters/04-layers.nw"
        
#line 859 "chapters/04-layers.nw"
const float *col = x + xoff;
if (!pointwise) {
    im2col(l, in.h, in.w, x + xoff, ctx->scratch);
    col = ctx->scratch;
}
ctx->gemm(0, 1, l->cout, kdim, npix, dyn, col, l->dw, 1);
#line 844 "chapters/04-layers.nw"
        
#line 871 "chapters/04-layers.nw"
if (dx != NULL) {
    if (pointwise) {
        ctx->gemm(1, 0, kdim, npix, l->cout, l->w, dyn, dx + xoff, 1);
    } else {
        ctx->gemm(1, 0, kdim, npix, l->cout, l->w, dyn, ctx->scratch,
                  0);
        col2im(l, in.h, in.w, ctx->scratch, dx + xoff);
    }
}
#line 845 "chapters/04-layers.nw"
    }
}
#line 915 "chapters/04-layers.nw"
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
#line 951 "chapters/04-layers.nw"
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
#line 995 "chapters/04-layers.nw"
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
#line 1133 "chapters/04-layers.nw"
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

/* The mean of x[0..m) and 1 / sqrt(variance + eps), in double. */
static void gnorm_group_stats(const float *x, size_t m, double *mu,
                              double *r)
{
    double sum = 0.0, sq = 0.0;
    for (size_t i = 0; i < m; i++)
        sum += x[i];
    *mu = sum / (double)m;
    for (size_t i = 0; i < m; i++)
        sq += (x[i] - *mu) * (x[i] - *mu);
    *r = 1.0 / sqrt(sq / (double)m + GNORM_EPS);
}
#line 1173 "chapters/04-layers.nw"
void gnorm_forward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                   const float *x, float *y)
{
    
#line 1511 "chapters/12-speed.nw"
if (!ctx->plain_norm) {
    gnorm_fast_forward(ctx, l, in, x, y, 0);
    return;
}
#line 1177 "chapters/04-layers.nw"
    int cg = l->c / l->groups;
    size_t hw = (size_t)in.h * in.w, m = cg * hw;
    for (int n = 0; n < in.n; n++)
        for (int g = 0; g < l->groups; g++) {
            size_t at = ((size_t)n * l->groups + g) * m;
            double mu, r;
            gnorm_group_stats(x + at, m, &mu, &r);
            for (int k = 0; k < cg; k++) {
                int c = g * cg + k;
                for (size_t i = at + k * hw; i < at + (k + 1) * hw; i++)
                    y[i] = (float)(l->gamma[c] * (x[i] - mu) * r
                                   + l->beta[c]);
            }
        }
}
#line 1199 "chapters/04-layers.nw"
void gnorm_backward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                    const float *x, const float *dy, float *dx)
{
    
#line 1523 "chapters/12-speed.nw"
if (!ctx->plain_norm) {
    gnorm_fast_backward(ctx, l, in, x, dy, dx, NULL, NULL);
    return;
}
#line 1203 "chapters/04-layers.nw"
    int cg = l->c / l->groups;
    size_t hw = (size_t)in.h * in.w, m = cg * hw;
    for (int n = 0; n < in.n; n++)
        for (int g = 0; g < l->groups; g++) {
            size_t at = ((size_t)n * l->groups + g) * m;
            double mu, r, su = 0.0, sux = 0.0;
            gnorm_group_stats(x + at, m, &mu, &r);
            
#line 1222 "chapters/04-layers.nw"
for (int k = 0; k < cg; k++) {
    int c = g * cg + k;
    double sd = 0.0, sdx = 0.0;
    for (size_t i = at + k * hw; i < at + (k + 1) * hw; i++) {
        sd += dy[i];
        sdx += dy[i] * (x[i] - mu) * r;
    }
    l->dbeta[c] += (float)sd;
    l->dgamma[c] += (float)sdx;
    su += l->gamma[c] * sd;
    sux += l->gamma[c] * sdx;
}
su /= (double)m;
sux /= (double)m;
#line 1211 "chapters/04-layers.nw"
            for (int k = 0; dx != NULL && k < cg; k++) {
                int c = g * cg + k;
                for (size_t i = at + k * hw; i < at + (k + 1) * hw; i++)
                    dx[i] += (float)(r * (l->gamma[c] * dy[i] - su
                                          - (x[i] - mu) * r * sux));
            }
        }
}
#line 1243 "chapters/04-layers.nw"
void gnorm_relu_forward(layer_ctx_t *ctx, const gnorm_t *l,
                        shape_t in, const float *x, float *y)
{
    
#line 1517 "chapters/12-speed.nw"
if (!ctx->plain_norm) {
    gnorm_fast_forward(ctx, l, in, x, y, 1);
    return;
}
#line 1247 "chapters/04-layers.nw"
    gnorm_forward(ctx, l, in, x, y);
    relu_forward(ctx, shape_count(in), y, y);
}

void gnorm_relu_backward(layer_ctx_t *ctx, const gnorm_t *l,
                         shape_t in, const float *x, const float *y,
                         float *dy, float *dx)
{
    
#line 1529 "chapters/12-speed.nw"
if (!ctx->plain_norm) {
    gnorm_fast_backward(ctx, l, in, x, dy, dx, y, dy);
    return;
}
#line 1256 "chapters/04-layers.nw"
    size_t count = shape_count(in);
    for (size_t i = 0; i < count; i++)
        if (!(y[i] > 0.0f))
            dy[i] = 0.0f;
    gnorm_backward(ctx, l, in, x, dy, dx);
}
#line 1329 "chapters/04-layers.nw"
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
#line 1203 "chapters/companion/12-speed.nw"
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define WINO_VEC 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2")))
#else
#define WINO_VEC 0
#endif
#line 878 "chapters/12-speed.nw"
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
#line 865 "chapters/12-speed.nw"
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
#line 274 "chapters/companion/12-speed.nw"
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
#line 298 "chapters/companion/12-speed.nw"
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
#line 318 "chapters/companion/12-speed.nw"
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
#line 352 "chapters/companion/12-speed.nw"
static void add_floats(float *restrict t, const float *restrict s,
                       long n)
{
    long k = 0;
    for (; k + 8 <= n; k += 8)
        for (int q = 0; q < 8; q++) t[k + q] += s[k + q];
    for (; k < n; k++) t[k] += s[k];
}
#line 369 "chapters/companion/12-speed.nw"
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
#line 390 "chapters/companion/12-speed.nw"
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
#line 415 "chapters/companion/12-speed.nw"
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
#line 438 "chapters/companion/12-speed.nw"
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
#line 981 "chapters/12-speed.nw"
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
#line 1009 "chapters/12-speed.nw"
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
#line 1034 "chapters/12-speed.nw"
static size_t wino_scratch(const conv_t *l, size_t cols);

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
    size_t cols = total < most ? total : most;
    size_t direct = (kdim + (size_t)l->cout) * cols;
    size_t wino = wino_scratch(l, cols);     /* Winograd's, below */
    return wino > direct ? wino : direct;
}
#line 591 "chapters/companion/12-speed.nw"
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
#line 617 "chapters/companion/12-speed.nw"
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
#line 641 "chapters/companion/12-speed.nw"
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
#line 669 "chapters/companion/12-speed.nw"
static void sweep(layer_ctx_t *ctx, sweep_t *s)
{
    if (ctx->pool != NULL && s->l->cout > 1)
        pool_run(ctx->pool, sweep_task, s);
    else
        sweep_task(s, 0, 1);
}
#line 680 "chapters/companion/12-speed.nw"
static int wants_dx(const conv_run_t *run, conv_group_t g)
{
    int r = g.r, n = g.n, any = 0;
    for (int k = 0; k < g.nb; k++) {
        any |= run[r].dx != NULL;
        next_block(run, &r, &n);
    }
    return any;
}
#line 462 "chapters/companion/12-speed.nw"
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
        
#line 487 "chapters/companion/12-speed.nw"
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
#line 482 "chapters/companion/12-speed.nw"
    }
}
#line 507 "chapters/companion/12-speed.nw"
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
#line 1315 "chapters/12-speed.nw"
enum { WINO_XI = 16,     /* points of a transformed 4 x 4 tile */
       WINO_XI4 = 36,    /* of a 6 x 6 one (larger tiles) */
       WINO_MIN4 = 32,   /* the fewest 4 x 4 tiles worth taking */
       WINO_MAX_W = 256,    /* the widest input row it takes */
       WINO_PAD = 16 };     /* floats between two xi's matrices */

/* The output tiles' side: 4 (larger tiles) if every run's sides are
   multiples of 4 and there are WINO_MIN4 tiles or more, else 2 if
   the sides are even; 0: not Winograd's way. */
static int wino_applies(const layer_ctx_t *ctx, const conv_t *l,
                        int nrun, const conv_run_t *run)
{
    int k = ctx->small_tiles ? 2 : 4;
    size_t pixels = 0;
    if (ctx->direct || l->kh != 3 || l->kw != 3 || l->stride != 1
        || l->pad != 1)
        return 0;
    for (int r = 0; r < nrun; r++) {
        if (run[r].in.h % 2 != 0 || run[r].in.w % 2 != 0
            || run[r].in.w > WINO_MAX_W)
            return 0;
        if (run[r].in.h % 4 != 0 || run[r].in.w % 4 != 0)
            k = 2;
        pixels += (size_t)run[r].in.n * run[r].in.h * run[r].in.w;
    }
    return pixels < 16 * WINO_MIN4 ? 2 : k;
}

/* Floats for a group of cols pixels in tiles of side k. */
static size_t wino_floats(int k, size_t cols, size_t co, size_t ci)
{
    size_t xi = (size_t)(k + 2) * (k + 2), t = cols / ((size_t)k * k);
    return xi * (2 * (co * ci + WINO_PAD) + (ci * t + WINO_PAD)
                 + (co * t + WINO_PAD));
}

static size_t wino_scratch(const conv_t *l, size_t cols)
{
    size_t co = (size_t)l->cout, ci = (size_t)l->cin;
    if (l->kh != 3 || l->kw != 3 || l->stride != 1 || l->pad != 1)
        return 0;
    size_t two = wino_floats(2, cols, co, ci);
    size_t four = wino_floats(4, cols, co, ci);
    return two > four ? two : four;
}
#line 1365 "chapters/12-speed.nw"
/* u = G g G^T */
static void wino_filter(const float *g, float u[WINO_XI])
{
    float t[4][3];
    for (int j = 0; j < 3; j++) {
        float a = g[j], b = g[3 + j], c = g[6 + j];
        t[0][j] = a;
        t[1][j] = 0.5f * (a + b + c);
        t[2][j] = 0.5f * (a - b + c);
        t[3][j] = c;
    }
    for (int i = 0; i < 4; i++) {
        float a = t[i][0], b = t[i][1], c = t[i][2];
        u[4 * i] = a;
        u[4 * i + 1] = 0.5f * (a + b + c);
        u[4 * i + 2] = 0.5f * (a - b + c);
        u[4 * i + 3] = c;
    }
}

/* g += G^T du G */
static void wino_filter_back(const float du[WINO_XI], float *g)
{
    float t[3][4];
    for (int j = 0; j < 4; j++) {
        float a = du[j], b = du[4 + j], c = du[8 + j], d = du[12 + j];
        t[0][j] = a + 0.5f * (b + c);
        t[1][j] = 0.5f * (b - c);
        t[2][j] = 0.5f * (b + c) + d;
    }
    for (int i = 0; i < 3; i++) {
        float a = t[i][0], b = t[i][1], c = t[i][2], d = t[i][3];
        g[3 * i] += a + 0.5f * (b + c);
        g[3 * i + 1] += 0.5f * (b - c);
        g[3 * i + 2] += 0.5f * (b + c) + d;
    }
}

#line 1612 "chapters/companion/12-speed.nw"
#define W4_G(g, o)                   /* o = G g: 3 in, 6 out */       \
    do {                                                             \
        (o)[0] = 0.25f * (g)[0];                                     \
        (o)[1] = -(1.0f / 6) * (((g)[0] + (g)[2]) + (g)[1]);         \
        (o)[2] = -(1.0f / 6) * (((g)[0] + (g)[2]) - (g)[1]);         \
        (o)[3] = ((1.0f / 24) * (g)[0] + (1.0f / 6) * (g)[2])        \
                 + (1.0f / 12) * (g)[1];                             \
        (o)[4] = ((1.0f / 24) * (g)[0] + (1.0f / 6) * (g)[2])        \
                 - (1.0f / 12) * (g)[1];                             \
        (o)[5] = (g)[2];                                             \
    } while (0)
#define W4_GT(u, o)                  /* o = G^T u: 6 in, 3 out */     \
    do {                                                             \
        (o)[0] = 0.25f * (u)[0] - (1.0f / 6) * ((u)[1] + (u)[2])     \
                 + (1.0f / 24) * ((u)[3] + (u)[4]);                  \
        (o)[1] = (1.0f / 6) * ((u)[2] - (u)[1])                      \
                 + (1.0f / 12) * ((u)[3] - (u)[4]);                  \
        (o)[2] = (1.0f / 6) * (((u)[3] + (u)[4]) - ((u)[1] + (u)[2])) \
                 + (u)[5];                                           \
    } while (0)
#define W4_BT(d, o)                  /* o = B^T d */                  \
    do {                                                             \
        (o)[0] = 4.0f * (d)[0] - 5.0f * (d)[2] + (d)[4];             \
        (o)[1] = ((d)[3] + (d)[4]) - 4.0f * ((d)[1] + (d)[2]);       \
        (o)[2] = ((d)[4] - (d)[3]) + 4.0f * ((d)[1] - (d)[2]);       \
        (o)[3] = ((d)[4] - (d)[2]) + 2.0f * ((d)[3] - (d)[1]);       \
        (o)[4] = ((d)[4] - (d)[2]) - 2.0f * ((d)[3] - (d)[1]);       \
        (o)[5] = 4.0f * (d)[1] - 5.0f * (d)[3] + (d)[5];             \
    } while (0)
#define W4_B(v, o)                   /* o = B v */                    \
    do {                                                             \
        (o)[0] = 4.0f * (v)[0];                                      \
        (o)[1] = 4.0f * ((v)[2] - (v)[1] + (v)[5])                   \
                 + 2.0f * ((v)[4] - (v)[3]);                         \
        (o)[2] = -5.0f * (v)[0] - 4.0f * ((v)[1] + (v)[2])           \
                 - ((v)[3] + (v)[4]);                                \
        (o)[3] = ((v)[1] - (v)[2]) + 2.0f * ((v)[3] - (v)[4])        \
                 - 5.0f * (v)[5];                                    \
        (o)[4] = (v)[0] + ((v)[1] + (v)[2]) + ((v)[3] + (v)[4]);     \
        (o)[5] = (v)[5];                                             \
    } while (0)
#define W4_AT(m, o)                  /* o = A^T m: 6 in, 4 out */     \
    do {                                                             \
        (o)[0] = (m)[0] + ((m)[1] + (m)[2]) + ((m)[3] + (m)[4]);     \
        (o)[1] = ((m)[1] - (m)[2]) + 2.0f * ((m)[3] - (m)[4]);       \
        (o)[2] = ((m)[1] + (m)[2]) + 4.0f * ((m)[3] + (m)[4]);       \
        (o)[3] = ((m)[1] - (m)[2]) + 8.0f * ((m)[3] - (m)[4])        \
                 + (m)[5];                                           \
    } while (0)
#define W4_A(y, o)                   /* o = A y: 4 in, 6 out */       \
    do {                                                             \
        (o)[0] = (y)[0];                                             \
        (o)[1] = ((y)[0] + (y)[2]) + ((y)[1] + (y)[3]);              \
        (o)[2] = ((y)[0] + (y)[2]) - ((y)[1] + (y)[3]);              \
        (o)[3] = ((y)[0] + 4.0f * (y)[2])                            \
                 + 2.0f * ((y)[1] + 4.0f * (y)[3]);                  \
        (o)[4] = ((y)[0] + 4.0f * (y)[2])                            \
                 - 2.0f * ((y)[1] + 4.0f * (y)[3]);                  \
        (o)[5] = (y)[3];                                             \
    } while (0)
#line 1677 "chapters/companion/12-speed.nw"
/* u = G g G^T, 6 x 6 */
static void wino_filter4(const float *g, float u[WINO_XI4])
{
    float t[3][6];                       /* column j of G g */
    for (int j = 0; j < 3; j++) {
        float c[3] = {g[j], g[3 + j], g[6 + j]};
        W4_G(c, t[j]);
    }
    for (int a = 0; a < 6; a++) {
        float r[3] = {t[0][a], t[1][a], t[2][a]};
        W4_G(r, u + 6 * a);
    }
}

/* g += G^T du G */
static void wino_filter_back4(const float du[WINO_XI4], float *g)
{
    float t[6][3];                       /* column b of G^T du */
    for (int b = 0; b < 6; b++) {
        float c[6];
        for (int a = 0; a < 6; a++)
            c[a] = du[6 * a + b];
        W4_GT(c, t[b]);
    }
    for (int k = 0; k < 3; k++) {
        float r[6], o[3];
        for (int b = 0; b < 6; b++)
            r[b] = t[b][k];
        W4_GT(r, o);
        for (int l = 0; l < 3; l++)
            g[3 * k + l] += o[l];
    }
}
#line 741 "chapters/companion/12-speed.nw"
typedef struct {
    const layer_ctx_t *ctx;
    const conv_t *l;
    const conv_run_t *run;
    conv_group_t g;
    int k, xi;               /* tile side out, points of a tile in */
    size_t t;                /* tiles in the group */
    float *u, *du, *v, *m;
    size_t eu, ev, em;       /* from one xi's matrix to the next */
    int relu;
} wino_t;

/* Place the arrays in the scratch for a group of t tiles. */
static void wino_place(wino_t *w, size_t t)
{
    size_t co = (size_t)w->l->cout, ci = (size_t)w->l->cin;
    w->t = t;
    w->eu = co * ci + WINO_PAD;
    w->ev = ci * t + WINO_PAD;
    w->em = co * t + WINO_PAD;
    w->u = w->ctx->scratch;
    w->du = w->u + w->xi * w->eu;
    w->v = w->du + w->xi * w->eu;
    w->m = w->v + w->xi * w->ev;
}

static int wino_vec(const wino_t *w);    /* vectors? (below) */
#if WINO_VEC
AVX2 static void wino_filters4_vec(const wino_t *w, size_t f, int nf);
AVX2 static void wino_filters_back4_vec(const wino_t *w, size_t f,
                                        int nf);
#endif

/* Filters f0 .. f1 - 1 of this part: filter f runs from input channel
   f % cin to output channel f / cin, as the weights are stored. */
static void wino_filters_part(const wino_t *w, int pt, int nparts,
                              size_t *f0, size_t *f1)
{
    int co = w->l->cout;
    *f0 = (size_t)(co * pt / nparts) * (size_t)w->l->cin;
    *f1 = (size_t)(co * (pt + 1) / nparts) * (size_t)w->l->cin;
}

static void wino_filters_task(void *arg, int pt, int nparts)
{
    const wino_t *w = arg;
    size_t f0, f1;
    wino_filters_part(w, pt, nparts, &f0, &f1);
#if WINO_VEC
    if (w->k == 4 && wino_vec(w)) {      /* eight filters at a time */
        for (size_t f = f0; f < f1; f += 8)
            wino_filters4_vec(w, f, f1 - f < 8 ? (int)(f1 - f) : 8);
        return;
    }
#endif
    for (size_t f = f0; f < f1; f++) {  /* each size its own loop, */
        float t[WINO_XI4], *u = w->u + f;  /* inlined and unrolled */
        if (w->k == 4) {
            wino_filter4(w->l->w + f * 9, t);
            for (int k = 0; k < WINO_XI4; k++)
                u[k * w->eu] = t[k];
        } else {
            wino_filter(w->l->w + f * 9, t);
            for (int k = 0; k < WINO_XI; k++)
                u[k * w->eu] = t[k];
        }
    }
}
#line 831 "chapters/companion/12-speed.nw"
static void wino_run(const layer_ctx_t *ctx, pool_task_fn *task,
                     void *arg)
{
    if (ctx->pool != NULL)
        pool_run(ctx->pool, task, arg);
    else
        task(arg, 0, 1);
}

/* Row i of tiles of channel ch of image n of run q; its first tile is
   tile t of the group; sum: the channel's running sum. */
typedef void wino_row_fn(const wino_t *w, int ch, const conv_run_t *q,
                         int n, int i, size_t t, float *sum);

typedef struct {
    const wino_t *w;
    wino_row_fn *row;
    int nch;                 /* channels: cin or cout */
    float *sums;             /* NULL, or [nch]: the sums added here */
} wino_stage_t;

static void wino_stage_task(void *arg, int pt, int nparts)
{
    const wino_stage_t *s = arg;
    const wino_t *w = s->w;
    for (int ch = s->nch * pt / nparts; ch < s->nch * (pt + 1) / nparts;
         ch++) {
        int r = w->g.r, n = w->g.n;
        size_t t = 0;
        float sum = 0.0f;
        for (int k = 0; k < w->g.nb; k++) {
            const conv_run_t *q = &w->run[r];
            for (int i = 0; i < q->in.h / w->k; i++,
                     t += (size_t)(q->in.w / w->k))
                s->row(w, ch, q, n, i, t, &sum);
            next_block(w->run, &r, &n);
        }
        if (s->sums != NULL)
            s->sums[ch] += sum;
    }
}

typedef struct wino_rows wino_rows_t;   /* a stage's two versions */
static wino_row_fn *wino_pick(const wino_t *w, const wino_rows_t *f);

static void wino_stage(const wino_t *w, const wino_rows_t *rows,
                       int nch, float *sums)
{
    wino_stage_t s = {w, wino_pick(w, rows), nch, sums};
    wino_run(w->ctx, wino_stage_task, &s);
}
#line 886 "chapters/companion/12-speed.nw"
/* Rows 2i - 1 .. 2i + 2 of x (h x wd), zero-padded, combined by B^T:
   r[a][k] is column k - 1 of combined row a. */
static void wino_rows_in(const float *x, int h, int wd, int i,
                         float r[4][WINO_MAX_W + 2])
{
    static const float zero[WINO_MAX_W];
    const float *p[4];
    for (int a = 0; a < 4; a++) {
        int y = 2 * i - 1 + a;
        p[a] = y >= 0 && y < h ? x + (size_t)y * wd : zero;
    }
    for (int a = 0; a < 4; a++)
        r[a][0] = r[a][wd + 1] = 0.0f;
    for (int k = 0; k < wd; k++) {
        r[0][k + 1] = p[0][k] - p[2][k];
        r[1][k + 1] = p[1][k] + p[2][k];
        r[2][k + 1] = p[2][k] - p[1][k];
        r[3][k + 1] = p[1][k] - p[3][k];
    }
}

static void wino_input_row(const wino_t *w, int c, const conv_run_t *q,
                           int n, int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->ev;                  /* from one xi to the next */
    float r[4][WINO_MAX_W + 2], *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    wino_rows_in(q->x + ((size_t)n * w->l->cin + c) * h * wd, h, wd, i,
                 r);
    for (int a = 0; a < 4; a++) {
        float *v0 = v + 4 * a * es, *v1 = v0 + es;
        float *v2 = v1 + es, *v3 = v2 + es;
        const float *ra = r[a];
        for (int j = 0; j < tw; j++) {
            v0[j] = ra[2 * j] - ra[2 * j + 2];
            v1[j] = ra[2 * j + 1] + ra[2 * j + 2];
            v2[j] = ra[2 * j + 2] - ra[2 * j + 1];
            v3[j] = ra[2 * j + 1] - ra[2 * j + 3];
        }
    }
}
#line 939 "chapters/companion/12-speed.nw"
static void wino_input_back_row(const wino_t *w, int c,
                                const conv_run_t *q, int n, int i,
                                size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->ev;
    float acc[4][WINO_MAX_W + 2], s[4][4][WINO_MAX_W / 2];
    const float *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    if (q->dx == NULL)
        return;
    float *dx = q->dx + ((size_t)n * w->l->cin + c) * h * wd;
    
#line 957 "chapters/companion/12-speed.nw"
for (int b = 0; b < 4; b++) {           /* column b of each tile */
    const float *v0 = v + b * es;
    const float *v1 = v0 + 4 * es, *v2 = v1 + 4 * es, *v3 = v2 + 4 * es;
    for (int j = 0; j < tw; j++) {
        s[0][b][j] = v0[j];
        s[1][b][j] = v1[j] - v2[j] + v3[j];
        s[2][b][j] = v1[j] + v2[j] - v0[j];
        s[3][b][j] = -v3[j];
    }
}
#line 952 "chapters/companion/12-speed.nw"
    
#line 974 "chapters/companion/12-speed.nw"
for (int a = 0; a < 4; a++) {
    const float *s0 = s[a][0], *s1 = s[a][1], *s2 = s[a][2];
    const float *s3 = s[a][3];
    float *o = acc[a];
    for (int j = 0; j <= tw; j++) {
        float e0 = j < tw ? s0[j] : 0.0f;
        float e1 = j < tw ? s1[j] - s2[j] + s3[j] : 0.0f;
        float e2 = j > 0 ? s1[j - 1] + s2[j - 1] - s0[j - 1] : 0.0f;
        float e3 = j > 0 ? -s3[j - 1] : 0.0f;
        o[2 * j] = e0 + e2;
        o[2 * j + 1] = e1 + e3;
    }
    int y = 2 * i - 1 + a;
    if (y >= 0 && y < h)
        for (int x = 0; x < wd; x++)
            dx[(size_t)y * wd + x] += o[x + 1];
}
#line 953 "chapters/companion/12-speed.nw"
}
#line 1002 "chapters/companion/12-speed.nw"
static void wino_output_row(const wino_t *w, int o, const conv_run_t *q,
                            int n, int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2, relu = w->relu;
    size_t es = w->em;
    const float *m = w->m + (size_t)o * w->t + t;
    float bias = w->l->b[o];
    float *y0 = q->y + ((size_t)n * w->l->cout + o) * h * wd
                + (size_t)2 * i * wd, *y1 = y0 + wd;
    (void)sum;
    for (int j = 0; j < tw; j++) {
        float t0[4], t1[4], z[4];
        for (int b = 0; b < 4; b++) {
            float m0 = m[b * es + j];
            float m1 = m[(4 + b) * es + j];
            float m2 = m[(8 + b) * es + j];
            float m3 = m[(12 + b) * es + j];
            t0[b] = m0 + m1 + m2;
            t1[b] = m1 - m2 - m3;
        }
        z[0] = t0[0] + t0[1] + t0[2] + bias;
        z[1] = t0[1] - t0[2] - t0[3] + bias;
        z[2] = t1[0] + t1[1] + t1[2] + bias;
        z[3] = t1[1] - t1[2] - t1[3] + bias;
        for (int a = 0; a < 4; a++)
            z[a] = !relu || z[a] > 0.0f ? z[a] : 0.0f;
        y0[2 * j] = z[0]; y0[2 * j + 1] = z[1];
        y1[2 * j] = z[2]; y1[2 * j + 1] = z[3];
    }
}

static void wino_output_back_row(const wino_t *w, int o,
                                 const conv_run_t *q, int n, int i,
                                 size_t t, float *db)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->em;
    size_t r0 = ((size_t)n * w->l->cout + o) * h * wd
                + (size_t)2 * i * wd;
    float g[2][WINO_MAX_W], *m = w->m + (size_t)o * w->t + t;
    for (int a = 0; a < 2; a++) {
        const float *d = q->dy + r0 + (size_t)a * wd;
        const float *y = q->y + r0 + (size_t)a * wd;
        for (int x = 0; x < wd; x++)
            g[a][x] = !w->relu || y[x] > 0.0f ? d[x] : 0.0f;
    }
    *db += sum_floats(g[0], (size_t)wd) + sum_floats(g[1], (size_t)wd);
    for (int j = 0; j < tw; j++) {
        float tt[4][2];
        for (int b = 0; b < 2; b++) {
            float g0 = g[0][2 * j + b];
            float g1 = g[1][2 * j + b];
            tt[0][b] = g0;
            tt[1][b] = g0 + g1;
            tt[2][b] = g0 - g1;
            tt[3][b] = -g1;
        }
        for (int a = 0; a < 4; a++) {
            m[(4 * a) * es + j] = tt[a][0];
            m[(4 * a + 1) * es + j] = tt[a][0] + tt[a][1];
            m[(4 * a + 2) * es + j] = tt[a][0] - tt[a][1];
            m[(4 * a + 3) * es + j] = -tt[a][1];
        }
    }
}
#line 1076 "chapters/companion/12-speed.nw"
typedef struct { const wino_t *w; int back, want_dx; } wino_products_t;

static void wino_products_task(void *arg, int pt, int nparts)
{
    const wino_products_t *p = arg;
    const wino_t *w = p->w;
    int co = w->l->cout, ci = w->l->cin, T = (int)w->t;
    for (int e = w->xi * pt / nparts; e < w->xi * (pt + 1) / nparts;
         e++) {
        float *u = w->u + e * w->eu, *du = w->du + e * w->eu;
        float *v = w->v + e * w->ev, *m = w->m + e * w->em;
        if (!p->back) {
            w->ctx->gemm(0, 0, co, T, ci, u, v, m, 0);
            continue;
        }
        w->ctx->gemm(0, 1, co, ci, T, m, v, du, 0);
        if (p->want_dx)
            w->ctx->gemm(1, 0, ci, T, co, u, m, v, 0);
    }
}

static void wino_filters_back_task(void *arg, int pt, int nparts)
{
    const wino_t *w = arg;
    size_t f0, f1;
    wino_filters_part(w, pt, nparts, &f0, &f1);
#if WINO_VEC
    if (w->k == 4 && wino_vec(w)) {
        for (size_t f = f0; f < f1; f += 8)
            wino_filters_back4_vec(w, f,
                                   f1 - f < 8 ? (int)(f1 - f) : 8);
        return;
    }
#endif
    for (size_t f = f0; f < f1; f++) {
        const float *du = w->du + f;
        float t[WINO_XI4];
        if (w->k == 4) {
            for (int k = 0; k < WINO_XI4; k++)
                t[k] = du[k * w->eu];
            wino_filter_back4(t, w->l->dw + f * 9);
        } else {
            for (int k = 0; k < WINO_XI; k++)
                t[k] = du[k * w->eu];
            wino_filter_back(t, w->l->dw + f * 9);
        }
    }
}
#line 1212 "chapters/companion/12-speed.nw"
#if WINO_VEC

AVX2 static __m256i vlanes(int n)      /* the first n of 8 lanes */
{
    __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), lane);
}

/* The first n floats at p (n may be <= 0 or > 8); zeros after. */
AVX2 static __m256 vload(const float *p, int n)
{
    return n >= 8 ? _mm256_loadu_ps(p)
           : n > 0 ? _mm256_maskload_ps(p, vlanes(n))
                   : _mm256_setzero_ps();
}

AVX2 static void vstore(float *p, __m256 x, int n)
{
    if (n >= 8)
        _mm256_storeu_ps(p, x);
    else if (n > 0)
        _mm256_maskstore_ps(p, vlanes(n), x);
}

/* e: the even floats of lo, hi (16 in all); o: the odd ones. */
AVX2 static void vsplit(__m256 lo, __m256 hi, __m256 *e, __m256 *o)
{
    __m256 a = _mm256_shuffle_ps(lo, hi, 0x88);   /* 0 2 | 4 6 ... */
    __m256 b = _mm256_shuffle_ps(lo, hi, 0xdd);
    *e = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(a),
                                                0xd8));
    *o = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(b),
                                                0xd8));
}

/* lo, hi: e0 o0 e1 o1 ... e7 o7, the inverse of vsplit. */
AVX2 static void vmerge(__m256 e, __m256 o, __m256 *lo, __m256 *hi)
{
    __m256 a = _mm256_unpacklo_ps(e, o), b = _mm256_unpackhi_ps(e, o);
    *lo = _mm256_permute2f128_ps(a, b, 0x20);
    *hi = _mm256_permute2f128_ps(a, b, 0x31);
}

AVX2 static __m256 vup(__m256 x, float s)     /* s x0 x1 ... x6 */
{
    __m256 r = _mm256_permutevar8x32_ps(
        x, _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6));
    return _mm256_blend_ps(r, _mm256_set1_ps(s), 0x01);
}

AVX2 static __m256 vdown(__m256 x, float s)   /* x1 ... x7 s */
{
    __m256 r = _mm256_permutevar8x32_ps(
        x, _mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 0));
    return _mm256_blend_ps(r, _mm256_set1_ps(s), 0x80);
}

/* count transformed values of tiles j0 .. j0 + 7 (nt of them live):
   xi = first, first + step, ..., the xi's matrices es floats apart
   (a row of a tile: step 1; a column: step the tile's side). */
AVX2 static void vxis(const float *p, size_t es, int first, int step,
                      int count, int j0, int nt, __m256 *x)
{
    for (int k = 0; k < count; k++)
        x[k] = vload(p + (size_t)(first + k * step) * es + j0, nt);
}

AVX2 static float vlast(__m256 x)              /* lane 7 */
{
    return _mm_cvtss_f32(_mm_permute_ps(_mm256_extractf128_ps(x, 1),
                                        0xff));
}
#define VADD _mm256_add_ps
#define VSUB _mm256_sub_ps
#line 1298 "chapters/companion/12-speed.nw"
AVX2 static void wino_input_row_vec(const wino_t *w, int c,
                                    const conv_run_t *q, int n, int i,
                                    size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w;
    size_t es = w->ev;
    const float *x = q->x + ((size_t)n * w->l->cin + c) * h * wd;
    float *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    for (int c0 = 0; c0 < wd; c0 += 16) {
        __m256 lo[4], hi[4], rl[4], rh[4];
        float left[4], right[4], sl[4], sr[4];
        for (int a = 0; a < 4; a++) {
            int y = 2 * i - 1 + a;
            int in = y >= 0 && y < h;
            const float *p = in ? x + (size_t)y * wd + c0 : x;
            lo[a] = vload(p, in ? wd - c0 : 0);     /* zeros if out */
            hi[a] = vload(p + 8, in ? wd - c0 - 8 : 0);
            left[a] = in && c0 > 0 ? p[-1] : 0.0f;
            right[a] = in && c0 + 16 < wd ? p[16] : 0.0f;
        }
        rl[0] = VSUB(lo[0], lo[2]); rh[0] = VSUB(hi[0], hi[2]);
        rl[1] = VADD(lo[1], lo[2]); rh[1] = VADD(hi[1], hi[2]);
        rl[2] = VSUB(lo[2], lo[1]); rh[2] = VSUB(hi[2], hi[1]);
        rl[3] = VSUB(lo[1], lo[3]); rh[3] = VSUB(hi[1], hi[3]);
        sl[0] = left[0] - left[2]; sr[0] = right[0] - right[2];
        sl[1] = left[1] + left[2]; sr[1] = right[1] + right[2];
        sl[2] = left[2] - left[1]; sr[2] = right[2] - right[1];
        sl[3] = left[1] - left[3]; sr[3] = right[1] - right[3];
        if (c0 == 0)                       /* the padding column */
            sl[0] = sl[1] = sl[2] = sl[3] = 0.0f;
        int nt = (wd - c0) / 2;            /* tiles left in the row */
        for (int a = 0; a < 4; a++) {
            __m256 e, o;                   /* columns 2j and 2j + 1 */
            vsplit(rl[a], rh[a], &e, &o);
            __m256 d0 = vup(o, sl[a]), d3 = vdown(e, sr[a]);
            float *va = v + 4 * a * es + c0 / 2;
            vstore(va, VSUB(d0, o), nt);
            vstore(va + es, VADD(e, o), nt);
            vstore(va + 2 * es, VSUB(o, e), nt);
            vstore(va + 3 * es, VSUB(e, d3), nt);
        }
    }
}
#line 1350 "chapters/companion/12-speed.nw"
AVX2 static void wino_output_row_vec(const wino_t *w, int o,
                                     const conv_run_t *q, int n, int i,
                                     size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->em;
    const float *m = w->m + (size_t)o * w->t + t;
    __m256 bias = _mm256_set1_ps(w->l->b[o]);
    __m256 zero = _mm256_setzero_ps();
    float *y0 = q->y + ((size_t)n * w->l->cout + o) * h * wd
                + (size_t)2 * i * wd, *y1 = y0 + wd;
    (void)sum;
    for (int j0 = 0; j0 < tw; j0 += 8) {
        int nt = tw - j0;
        __m256 t0[4], t1[4], z[4], lo, hi;
        for (int b = 0; b < 4; b++) {
            __m256 mc[4];
            vxis(m, es, b, 4, 4, j0, nt, mc);      /* column b */
            t0[b] = VADD(VADD(mc[0], mc[1]), mc[2]);
            t1[b] = VSUB(VSUB(mc[1], mc[2]), mc[3]);
        }
        z[0] = VADD(VADD(VADD(t0[0], t0[1]), t0[2]), bias);
        z[1] = VADD(VSUB(VSUB(t0[1], t0[2]), t0[3]), bias);
        z[2] = VADD(VADD(VADD(t1[0], t1[1]), t1[2]), bias);
        z[3] = VADD(VSUB(VSUB(t1[1], t1[2]), t1[3]), bias);
        for (int a = 0; w->relu && a < 4; a++)
            z[a] = _mm256_max_ps(z[a], zero);
        vmerge(z[0], z[1], &lo, &hi);
        vstore(y0 + 2 * j0, lo, 2 * nt);
        vstore(y0 + 2 * j0 + 8, hi, 2 * nt - 8);
        vmerge(z[2], z[3], &lo, &hi);
        vstore(y1 + 2 * j0, lo, 2 * nt);
        vstore(y1 + 2 * j0 + 8, hi, 2 * nt - 8);
    }
}
#line 1392 "chapters/companion/12-speed.nw"
AVX2 static void wino_output_back_row_vec(const wino_t *w, int o,
                                          const conv_run_t *q, int n,
                                          int i, size_t t, float *db)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->em;
    size_t r0 = ((size_t)n * w->l->cout + o) * h * wd
                + (size_t)2 * i * wd;
    float g[2][WINO_MAX_W], *m = w->m + (size_t)o * w->t + t;
    __m256 sign = _mm256_set1_ps(-0.0f);
    for (int a = 0; a < 2; a++) {
        const float *d = q->dy + r0 + (size_t)a * wd;
        const float *y = q->y + r0 + (size_t)a * wd;
        for (int x = 0; x < wd; x++)
            g[a][x] = !w->relu || y[x] > 0.0f ? d[x] : 0.0f;
    }
    *db += sum_floats(g[0], (size_t)wd) + sum_floats(g[1], (size_t)wd);
    for (int j0 = 0; j0 < tw; j0 += 8) {
        int nt = tw - j0;
        __m256 e0, o0, e1, o1, tt[4][2];
        vsplit(vload(g[0] + 2 * j0, 2 * nt),
               vload(g[0] + 2 * j0 + 8, 2 * nt - 8), &e0, &o0);
        vsplit(vload(g[1] + 2 * j0, 2 * nt),
               vload(g[1] + 2 * j0 + 8, 2 * nt - 8), &e1, &o1);
        for (int b = 0; b < 2; b++) {
            __m256 g0 = b ? o0 : e0, g1 = b ? o1 : e1;
            tt[0][b] = g0;
            tt[1][b] = VADD(g0, g1);
            tt[2][b] = VSUB(g0, g1);
            tt[3][b] = _mm256_xor_ps(g1, sign);          /* -g1 */
        }
        for (int a = 0; a < 4; a++) {
            float *ma = m + 4 * a * es + j0;
            vstore(ma, tt[a][0], nt);
            vstore(ma + es, VADD(tt[a][0], tt[a][1]), nt);
            vstore(ma + 2 * es, VSUB(tt[a][0], tt[a][1]), nt);
            vstore(ma + 3 * es, _mm256_xor_ps(tt[a][1], sign), nt);
        }
    }
}
#line 1442 "chapters/companion/12-speed.nw"
AVX2 static void wino_input_back_row_vec(const wino_t *w, int c,
                                         const conv_run_t *q, int n,
                                         int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 2;
    size_t es = w->ev;
    const float *v = w->v + (size_t)c * w->t + t;
    float carry[4] = {0.0f, 0.0f, 0.0f, 0.0f};   /* e3 of tile j0-1 */
    __m256 sign = _mm256_set1_ps(-0.0f);
    (void)sum;
    if (q->dx == NULL)
        return;
    float *dx = q->dx + ((size_t)n * w->l->cin + c) * h * wd;
    for (int j0 = 0; j0 < tw; j0 += 8) {
        int nt = tw - j0;
        __m256 s[4][4], live = _mm256_castsi256_ps(vlanes(nt));
        float next[4];                     /* s[a][0] of tile j0 + 8 */
        for (int b = 0; b < 4; b++) {
            __m256 vc[4];
            vxis(v, es, b, 4, 4, j0, nt, vc);
            s[0][b] = vc[0];
            s[1][b] = VADD(VSUB(vc[1], vc[2]), vc[3]);
            s[2][b] = VSUB(VADD(vc[1], vc[2]), vc[0]);
            s[3][b] = _mm256_xor_ps(vc[3], sign);
        }
        if (j0 + 8 < tw) {
            const float *vn = v + j0 + 8;
            next[0] = vn[0];
            next[1] = vn[4 * es] - vn[8 * es] + vn[12 * es];
            next[2] = vn[4 * es] + vn[8 * es] - vn[0];
            next[3] = -vn[12 * es];
        } else {
            next[0] = next[1] = next[2] = next[3] = 0.0f;
        }
        for (int a = 0; a < 4; a++) {
            int y = 2 * i - 1 + a;
            __m256 e0 = _mm256_and_ps(s[a][0], live);
            __m256 e1 = VADD(VSUB(s[a][1], s[a][2]), s[a][3]);
            __m256 e2 = VSUB(VADD(s[a][1], s[a][2]), s[a][0]);
            __m256 e3 = _mm256_xor_ps(s[a][3], sign);
            __m256 even = VADD(e1, vup(e3, carry[a]));
            __m256 odd = VADD(vdown(e0, next[a]), e2), lo, hi;
            carry[a] = vlast(e3);
            if (y < 0 || y >= h)
                continue;
            float *r = dx + (size_t)y * wd + 2 * j0;
            vmerge(even, odd, &lo, &hi);
            vstore(r, VADD(vload(r, 2 * nt), lo), 2 * nt);
            vstore(r + 8, VADD(vload(r + 8, 2 * nt - 8), hi),
                   2 * nt - 8);
        }
    }
}
#endif
#line 1717 "chapters/companion/12-speed.nw"
/* Rows 4i - 1 .. 4i + 4 of x (h x wd); zeros outside. */
static void wino_rows4(const float *x, int h, int wd, int i,
                       const float *p[6])
{
    static const float zero[WINO_MAX_W];
    for (int a = 0; a < 6; a++) {
        int y = 4 * i - 1 + a;
        p[a] = y >= 0 && y < h ? x + (size_t)y * wd : zero;
    }
}

static void wino_input_row4(const wino_t *w, int c, const conv_run_t *q,
                            int n, int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->ev;
    const float *p[6];
    float r[6][WINO_MAX_W + 2], *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    wino_rows4(q->x + ((size_t)n * w->l->cin + c) * h * wd, h, wd, i,
               p);
    for (int k = 0; k < wd; k++) {               /* down the columns */
        float d[6], o[6];
        for (int a = 0; a < 6; a++)
            d[a] = p[a][k];
        W4_BT(d, o);
        for (int a = 0; a < 6; a++)
            r[a][k + 1] = o[a];
    }
    for (int a = 0; a < 6; a++) {                /* along the rows */
        r[a][0] = r[a][wd + 1] = 0.0f;
        for (int j = 0; j < tw; j++) {
            float o[6];
            W4_BT(r[a] + 4 * j, o);
            for (int b = 0; b < 6; b++)
                v[(size_t)(6 * a + b) * es + j] = o[b];
        }
    }
}
#line 1762 "chapters/companion/12-speed.nw"
static void wino_output_row4(const wino_t *w, int o,
                             const conv_run_t *q, int n, int i,
                             size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4, relu = w->relu;
    size_t es = w->em;
    const float *m = w->m + (size_t)o * w->t + t;
    float bias = w->l->b[o];
    float *y = q->y + ((size_t)n * w->l->cout + o) * h * wd
               + (size_t)4 * i * wd;
    (void)sum;
    for (int j = 0; j < tw; j++) {
        float s[4][6];                   /* column x of A^T on row a */
        for (int a = 0; a < 6; a++) {
            float ma[6], sa[4];
            for (int b = 0; b < 6; b++)
                ma[b] = m[(size_t)(6 * a + b) * es + j];
            W4_AT(ma, sa);
            for (int x = 0; x < 4; x++)
                s[x][a] = sa[x];
        }
        for (int x = 0; x < 4; x++) {
            float z[4];
            W4_AT(s[x], z);
            for (int r = 0; r < 4; r++) {
                float e = z[r] + bias;
                y[(size_t)r * wd + 4 * j + x] = !relu || e > 0.0f
                                                ? e : 0.0f;
            }
        }
    }
}
#line 1803 "chapters/companion/12-speed.nw"
/* g: the four rows of dy from r0 on, masked where y <= 0 (ReLU);
   returns their sum. */
static float wino_mask_rows4(const wino_t *w, const conv_run_t *q,
                             size_t r0, float g[4][WINO_MAX_W])
{
    int wd = q->in.w;
    float sum = 0.0f;
    for (int a = 0; a < 4; a++) {
        const float *d = q->dy + r0 + (size_t)a * wd;
        const float *y = q->y + r0 + (size_t)a * wd;
        for (int x = 0; x < wd; x++)
            g[a][x] = !w->relu || y[x] > 0.0f ? d[x] : 0.0f;
        sum += sum_floats(g[a], (size_t)wd);
    }
    return sum;
}

static void wino_output_back_row4(const wino_t *w, int o,
                                  const conv_run_t *q, int n, int i,
                                  size_t t, float *db)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->em;
    float g[4][WINO_MAX_W], *m = w->m + (size_t)o * w->t + t;
    *db += wino_mask_rows4(w, q, ((size_t)n * w->l->cout + o) * h * wd
                                 + (size_t)4 * i * wd, g);
    for (int j = 0; j < tw; j++) {
        float s[6][4];                   /* A down column x, row a */
        for (int x = 0; x < 4; x++) {
            float col[4], c6[6];
            for (int a = 0; a < 4; a++)
                col[a] = g[a][4 * j + x];
            W4_A(col, c6);
            for (int a = 0; a < 6; a++)
                s[a][x] = c6[a];
        }
        for (int a = 0; a < 6; a++) {
            float mb[6];
            W4_A(s[a], mb);
            for (int b = 0; b < 6; b++)
                m[(size_t)(6 * a + b) * es + j] = mb[b];
        }
    }
}

/* Add row a of the tw patches p (p[a][b][j]: row a, column b of tile
   j's patch) into dx's rows 4i - 1 .. 4i + 4 that exist. */
static void wino_patches4(float p[6][6][WINO_MAX_W / 4], int h, int wd,
                          int i, float *dx)
{
    int tw = wd / 4;
    float acc[WINO_MAX_W + 4];           /* column k - 1 at k */
    for (int a = 0; a < 6; a++) {
        int y = 4 * i - 1 + a;
        if (y < 0 || y >= h)
            continue;
        for (int j = 0; j <= tw; j++)
            for (int x = 0; x < 4; x++)
                acc[4 * j + x] = (j < tw ? p[a][x][j] : 0.0f)
                                 + (x < 2 && j > 0 ? p[a][x + 4][j - 1]
                                                   : 0.0f);
        for (int x = 0; x < wd; x++)
            dx[(size_t)y * wd + x] += acc[x + 1];
    }
}

static void wino_input_back_row4(const wino_t *w, int c,
                                 const conv_run_t *q, int n, int i,
                                 size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->ev;
    float p[6][6][WINO_MAX_W / 4];
    const float *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    if (q->dx == NULL)
        return;
    for (int j = 0; j < tw; j++) {       /* each tile's 6 x 6 patch */
        float s[6][6];                   /* B down column b, row a */
        for (int b = 0; b < 6; b++) {
            float col[6], o[6];
            for (int a = 0; a < 6; a++)
                col[a] = v[(size_t)(6 * a + b) * es + j];
            W4_B(col, o);
            for (int a = 0; a < 6; a++)
                s[a][b] = o[a];
        }
        for (int a = 0; a < 6; a++) {
            float o[6];
            W4_B(s[a], o);
            for (int b = 0; b < 6; b++)
                p[a][b][j] = o[b];
        }
    }
    wino_patches4(p, h, wd, i,
                  q->dx + ((size_t)n * w->l->cin + c) * h * wd);
}
#line 1131 "chapters/companion/12-speed.nw"
#if WINO_VEC
#line 1923 "chapters/companion/12-speed.nw"
/* x's first n lanes to p; all eight if room >= 8 floats at p may be
   overwritten (they are written again later): faster than masking. */
AVX2 static inline void vput(float *p, __m256 x, int n, size_t room)
{
    if (room >= 8)
        _mm256_storeu_ps(p, x);
    else
        vstore(p, x, n);
}

/* 4 x 4 transposition within each 128-bit half */
AVX2 static inline void vtranspose4(__m256 r[4])
{
    __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]);
    __m256 t1 = _mm256_unpacklo_ps(r[2], r[3]);
    __m256 t2 = _mm256_unpackhi_ps(r[0], r[1]);
    __m256 t3 = _mm256_unpackhi_ps(r[2], r[3]);
    r[0] = _mm256_shuffle_ps(t0, t1, 0x44);
    r[1] = _mm256_shuffle_ps(t0, t1, 0xee);
    r[2] = _mm256_shuffle_ps(t2, t3, 0x44);
    r[3] = _mm256_shuffle_ps(t2, t3, 0xee);
}

/* q[c], lane l: float 4 l + c of the 32 in x[0..3] */
AVX2 static inline void vdeal(const __m256 x[4], __m256 q[4])
{
    q[0] = _mm256_permute2f128_ps(x[0], x[2], 0x20);  /* tiles 0, 4 */
    q[1] = _mm256_permute2f128_ps(x[0], x[2], 0x31);  /* 1 and 5 */
    q[2] = _mm256_permute2f128_ps(x[1], x[3], 0x20);
    q[3] = _mm256_permute2f128_ps(x[1], x[3], 0x31);
    vtranspose4(q);
}

AVX2 static inline void vundeal(const __m256 q[4], __m256 x[4])
{
    __m256 r[4] = {q[0], q[1], q[2], q[3]};
    vtranspose4(r);
    x[0] = _mm256_permute2f128_ps(r[0], r[1], 0x20);
    x[1] = _mm256_permute2f128_ps(r[2], r[3], 0x20);
    x[2] = _mm256_permute2f128_ps(r[0], r[1], 0x31);
    x[3] = _mm256_permute2f128_ps(r[2], r[3], 0x31);
}
#line 1972 "chapters/companion/12-speed.nw"
AVX2 static void wino_filters4_vec(const wino_t *w, size_t f, int nf)
{
    float gs[9][8] = {{0}};
    __m256 g[9], t[3][6];
    for (int l = 0; l < nf; l++)
        for (int e = 0; e < 9; e++)
            gs[e][l] = w->l->w[(f + (size_t)l) * 9 + (size_t)e];
    for (int e = 0; e < 9; e++)
        g[e] = _mm256_loadu_ps(gs[e]);
    for (int j = 0; j < 3; j++) {
        __m256 c[3] = {g[j], g[3 + j], g[6 + j]};
        W4_G(c, t[j]);
    }
    for (int a = 0; a < 6; a++) {
        __m256 r[3] = {t[0][a], t[1][a], t[2][a]}, o[6];
        W4_G(r, o);
        for (int b = 0; b < 6; b++)
            vstore(w->u + (size_t)(6 * a + b) * w->eu + f, o[b], nf);
    }
}

AVX2 static void wino_filters_back4_vec(const wino_t *w, size_t f,
                                        int nf)
{
    float gs[9][8];
    __m256 t[6][3];
    for (int b = 0; b < 6; b++) {
        __m256 c[6];
        vxis(w->du, w->eu, b, 6, 6, (int)f, nf, c);
        W4_GT(c, t[b]);
    }
    for (int k = 0; k < 3; k++) {
        __m256 r[6], o[3];
        for (int b = 0; b < 6; b++)
            r[b] = t[b][k];
        W4_GT(r, o);
        for (int l = 0; l < 3; l++)
            _mm256_storeu_ps(gs[3 * k + l], o[l]);
    }
    for (int l = 0; l < nf; l++)
        for (int e = 0; e < 9; e++)
            w->l->dw[(f + (size_t)l) * 9 + (size_t)e] += gs[e][l];
}
#line 2021 "chapters/companion/12-speed.nw"
AVX2 static void wino_input_row4_vec(const wino_t *w, int c,
                                     const conv_run_t *q, int n, int i,
                                     size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->ev;
    const float *p[6];
    float *v = w->v + (size_t)c * w->t + t;
    float left[6] = {0};          /* column 4 j0 - 1, combined */
    (void)sum;
    wino_rows4(q->x + ((size_t)n * w->l->cin + c) * h * wd, h, wd, i,
               p);
    for (int j0 = 0; j0 < tw; j0 += 8) {
        int k0 = 4 * j0;
        __m256 col[6][4];                        /* combined rows */
        float next[6] = {0};                     /* column k0 + 32 */
        for (int e = 0; e < 4; e++) {
            __m256 d[6], o[6];
            for (int a = 0; a < 6; a++)
                d[a] = vload(p[a] + k0 + 8 * e, wd - k0 - 8 * e);
            W4_BT(d, o);
            for (int a = 0; a < 6; a++)
                col[a][e] = o[a];
        }
        if (k0 + 32 < wd) {
            float d[6];
            for (int a = 0; a < 6; a++)
                d[a] = p[a][k0 + 32];
            W4_BT(d, next);
        }
        for (int a = 0; a < 6; a++) {            /* along the rows */
            __m256 cq[4], d[6], o[6];
            vdeal(col[a], cq);
            d[0] = vup(cq[3], left[a]);
            d[1] = cq[0]; d[2] = cq[1]; d[3] = cq[2]; d[4] = cq[3];
            d[5] = vdown(cq[0], next[a]);
            left[a] = vlast(cq[3]);
            W4_BT(d, o);
            for (int b = 0; b < 6; b++)
                vput(v + (size_t)(6 * a + b) * es + j0, o[b], tw - j0,
                     w->t - t - (size_t)j0);
        }
    }
}
#line 2069 "chapters/companion/12-speed.nw"
AVX2 static void wino_output_row4_vec(const wino_t *w, int o,
                                      const conv_run_t *q, int n,
                                      int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->em;
    const float *m = w->m + (size_t)o * w->t + t;
    __m256 bias = _mm256_set1_ps(w->l->b[o]);
    __m256 zero = _mm256_setzero_ps();
    float *y = q->y + ((size_t)n * w->l->cout + o) * h * wd
               + (size_t)4 * i * wd;
    (void)sum;
    for (int j0 = 0; j0 < tw; j0 += 8) {
        __m256 s[4][6], z[4][4];         /* z[r][x]: output row r */
        for (int a = 0; a < 6; a++) {
            __m256 ma[6], sa[4];
            vxis(m, es, 6 * a, 1, 6, j0, tw - j0, ma);     /* row a */
            W4_AT(ma, sa);
            for (int x = 0; x < 4; x++)
                s[x][a] = sa[x];
        }
        for (int x = 0; x < 4; x++) {
            __m256 zx[4];
            W4_AT(s[x], zx);
            for (int r = 0; r < 4; r++) {
                z[r][x] = zx[r] + bias;
                if (w->relu)
                    z[r][x] = _mm256_max_ps(z[r][x], zero);
            }
        }
        for (int r = 0; r < 4; r++) {
            __m256 out[4];
            float *yr = y + (size_t)r * wd + 4 * j0;
            vundeal(z[r], out);
            for (int e = 0; e < 4; e++)
                vstore(yr + 8 * e, out[e], wd - 4 * j0 - 8 * e);
        }
    }
}
#line 2118 "chapters/companion/12-speed.nw"
AVX2 static void wino_output_back_row4_vec(const wino_t *w, int o,
                                           const conv_run_t *q, int n,
                                           int i, size_t t, float *db)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->em;
    size_t r0 = ((size_t)n * w->l->cout + o) * h * wd
                + (size_t)4 * i * wd;
    float g[4][WINO_MAX_W + 8], *m = w->m + (size_t)o * w->t + t;
    float sum = 0.0f;
    __m256 zero = _mm256_setzero_ps();
    for (int a = 0; a < 4; a++) {
        const float *d = q->dy + r0 + (size_t)a * wd;
        const float *y = q->y + r0 + (size_t)a * wd;
        for (int k = 0; k < wd; k += 8) {        /* g has room */
            __m256 dv = vload(d + k, wd - k);
            if (w->relu)
                dv = _mm256_and_ps(_mm256_cmp_ps(vload(y + k, wd - k),
                                                 zero, _CMP_GT_OQ), dv);
            _mm256_storeu_ps(g[a] + k, dv);
        }
        sum += sum_floats(g[a], (size_t)wd);
    }
    *db += sum;
    for (int j0 = 0; j0 < tw; j0 += 8) {
        __m256 col[4][4], s[6][4];       /* col[a][x]: row a, col. x */
        for (int a = 0; a < 4; a++) {
            __m256 x[4];
            for (int e = 0; e < 4; e++)
                x[e] = vload(g[a] + 4 * j0 + 8 * e,
                             wd - 4 * j0 - 8 * e);
            vdeal(x, col[a]);
        }
        for (int x = 0; x < 4; x++) {
            __m256 cx[4] = {col[0][x], col[1][x], col[2][x], col[3][x]};
            __m256 c6[6];
            W4_A(cx, c6);
            for (int a = 0; a < 6; a++)
                s[a][x] = c6[a];
        }
        for (int a = 0; a < 6; a++) {
            __m256 mb[6];
            W4_A(s[a], mb);
            for (int b = 0; b < 6; b++)
                vput(m + (size_t)(6 * a + b) * es + j0, mb[b], tw - j0,
                     w->t - t - (size_t)j0);
        }
    }
}

/* wino_patches4 with vectors; p's rows have room for 8 more. */
AVX2 static void wino_patches4_vec(float p[6][6][WINO_MAX_W / 4 + 8],
                                   int h, int wd, int i, float *dx)
{
    int tw = wd / 4;
    __m256 zero = _mm256_setzero_ps();
    for (int a = 0; a < 6; a++) {
        int y = 4 * i - 1 + a;
        if (y < 0 || y >= h)
            continue;
        for (int j0 = 0; j0 < tw; j0 += 8) {
            int nt = tw - j0;
            float prev = j0 > 0 ? p[a][5][j0 - 1] : 0.0f;
            float next = j0 + 8 < tw ? p[a][0][j0 + 8] : 0.0f;
            __m256 d[4], out[4];
            d[0] = vload(p[a][1] + j0, nt)
                   + vup(vload(p[a][5] + j0, nt), prev);
            d[1] = vload(p[a][2] + j0, nt) + zero;
            d[2] = vload(p[a][3] + j0, nt) + zero;
            d[3] = vdown(vload(p[a][0] + j0, nt), next)
                   + vload(p[a][4] + j0, nt);
            vundeal(d, out);
            for (int e = 0; e < 4; e++) {
                float *r = dx + (size_t)y * wd + 4 * j0 + 8 * e;
                int live = wd - 4 * j0 - 8 * e;
                vstore(r, vload(r, live) + out[e], live);
            }
        }
    }
}

AVX2 static void wino_input_back_row4_vec(const wino_t *w, int c,
                                          const conv_run_t *q, int n,
                                          int i, size_t t, float *sum)
{
    int h = q->in.h, wd = q->in.w, tw = wd / 4;
    size_t es = w->ev;
    float p[6][6][WINO_MAX_W / 4 + 8];
    const float *v = w->v + (size_t)c * w->t + t;
    (void)sum;
    if (q->dx == NULL)
        return;
    for (int j0 = 0; j0 < tw; j0 += 8) {
        __m256 s[6][6];
        for (int b = 0; b < 6; b++) {
            __m256 col[6], o[6];
            vxis(v, es, b, 6, 6, j0, tw - j0, col);     /* column b */
            W4_B(col, o);
            for (int a = 0; a < 6; a++)
                s[a][b] = o[a];
        }
        for (int a = 0; a < 6; a++) {
            __m256 o[6];
            W4_B(s[a], o);
            for (int b = 0; b < 6; b++)              /* p has room */
                _mm256_storeu_ps(p[a][b] + j0, o[b]);
        }
    }
    wino_patches4_vec(p, h, wd, i,
                      q->dx + ((size_t)n * w->l->cin + c) * h * wd);
}
#line 1133 "chapters/companion/12-speed.nw"
#endif
#line 1504 "chapters/companion/12-speed.nw"
struct wino_rows { wino_row_fn *plain, *vec, *plain4, *vec4; };
#if WINO_VEC
#define WINO_ROWS(f) {f, f##_vec, f##4, f##4_vec}
#else
#define WINO_ROWS(f) {f, NULL, f##4, NULL}
#endif
static const wino_rows_t
    wino_in = WINO_ROWS(wino_input_row),
    wino_out = WINO_ROWS(wino_output_row),
    wino_out_back = WINO_ROWS(wino_output_back_row),
    wino_in_back = WINO_ROWS(wino_input_back_row);

static int wino_vec(const wino_t *w)
{
#if WINO_VEC
    static int avx2 = -1;
    if (avx2 < 0)
        avx2 = __builtin_cpu_supports("avx2");
    return avx2 && !w->ctx->plain;
#else
    (void)w;
    return 0;
#endif
}

static wino_row_fn *wino_pick(const wino_t *w, const wino_rows_t *f)
{
    if (wino_vec(w))
        return w->k == 4 ? f->vec4 : f->vec;
    return w->k == 4 ? f->plain4 : f->plain;
}

#line 1136 "chapters/companion/12-speed.nw"
static void wino_forward(layer_ctx_t *ctx, const conv_t *l, int nrun,
                         const conv_run_t *run, int relu, int k)
{
    wino_t w = {.ctx = ctx, .l = l, .run = run, .k = k,
                .xi = (k + 2) * (k + 2), .relu = relu};
    wino_place(&w, 0);
    wino_run(ctx, wino_filters_task, &w);
    while (next_group(l, nrun, run, group_cap(ctx), &w.g)) {
        wino_place(&w, w.g.cols / (size_t)(k * k));
        wino_products_t p = {&w, 0, 0};
        wino_stage(&w, &wino_in, l->cin, NULL);
        wino_run(ctx, wino_products_task, &p);
        wino_stage(&w, &wino_out, l->cout, NULL);
    }
}

static void wino_backward(layer_ctx_t *ctx, const conv_t *l, int nrun,
                          const conv_run_t *run, int relu, int k)
{
    wino_t w = {.ctx = ctx, .l = l, .run = run, .k = k,
                .xi = (k + 2) * (k + 2), .relu = relu};
    wino_place(&w, 0);
    wino_run(ctx, wino_filters_task, &w);
    while (next_group(l, nrun, run, group_cap(ctx), &w.g)) {
        wino_place(&w, w.g.cols / (size_t)(k * k));
        wino_products_t p = {&w, 1, wants_dx(run, w.g)};
        wino_stage(&w, &wino_in, l->cin, NULL);
        wino_stage(&w, &wino_out_back, l->cout, l->db);
        wino_run(ctx, wino_products_task, &p);
        wino_run(ctx, wino_filters_back_task, &w);
        if (p.want_dx)
            wino_stage(&w, &wino_in_back, l->cin, NULL);
    }
}
#line 1062 "chapters/12-speed.nw"
void conv_forward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                       const conv_run_t *run, int relu)
{
    int kdim = l->cin * l->kh * l->kw;
    conv_group_t g = {0, 0, 0, 0};
    int k = wino_applies(ctx, l, nrun, run);   /* Section below */
    if (k > 0) {
        wino_forward(ctx, l, nrun, run, relu, k);
        return;
    }
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
#line 1114 "chapters/12-speed.nw"
void conv_backward_runs(layer_ctx_t *ctx, const conv_t *l, int nrun,
                        const conv_run_t *run, int relu)
{
    int kdim = l->cin * l->kh * l->kw, pw = conv_is_pointwise(l);
    conv_group_t g = {0, 0, 0, 0};
    int k = wino_applies(ctx, l, nrun, run);
    if (k > 0) {
        wino_backward(ctx, l, nrun, run, relu, k);
        return;
    }
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
        
#line 1149 "chapters/12-speed.nw"
if (g.nb == 1 && pw) {
    if (q->dx != NULL)
        layer_gemm(ctx, 1, 0, kdim, (int)cols, l->cout, l->w, d,
                   q->dx + img, 1);
} else if (wants_dx(run, g)) {
    layer_gemm(ctx, 1, 0, kdim, (int)cols, l->cout, l->w, d, col, 0);
    unroll(ctx, l, run, g, 1, 1, col);
}
#line 1141 "chapters/12-speed.nw"
    }
}
#line 1543 "chapters/12-speed.nw"
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
#line 1584 "chapters/12-speed.nw"
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
#line 1607 "chapters/12-speed.nw"
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

void gnorm_fast_forward(layer_ctx_t *ctx, const gnorm_t *l,
                        shape_t in, const float *x, float *y, int relu)
{
    gnorm_job_t j = {l, in, x, NULL, y, NULL, relu, NULL, NULL};
    gnorm_run(ctx, &j, gnorm_forward_task);
}
#line 1647 "chapters/12-speed.nw"
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
            
#line 1680 "chapters/12-speed.nw"
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
#line 1665 "chapters/12-speed.nw"
            if (j->dx != NULL)
                
#line 1714 "chapters/12-speed.nw"
for (int k = 0; k < cg; k++) {
    float a = (float)(r * l->gamma[g * cg + k]);
    float b = (float)(r * r * sux), d = (float)(r * su);
    float mf = (float)mu;
    float *dx = j->dx + at + k * hw;
    const float *xk = x + k * hw, *dk = dy + k * hw;
    for (size_t i = 0; i < hw; i++)
        dx[i] += a * dk[i] - b * (xk[i] - mf) - d;
}
#line 1667 "chapters/12-speed.nw"
        }
}

void gnorm_fast_backward(layer_ctx_t *ctx, const gnorm_t *l,
                         shape_t in, const float *x, const float *dy,
                         float *dx, const float *ry, float *rdy)
{
    gnorm_job_t j = {l, in, x, dy, NULL, dx, 0, ry, rdy};
    gnorm_run(ctx, &j, gnorm_backward_task);
}
