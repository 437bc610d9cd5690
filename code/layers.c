#line 674 "chapters/04-layers.nw"
/* layers.c: the layers of the detector, forward and backward. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gemm-fast.h"
#include "layers.h"
#include "pool.h"

#line 699 "chapters/04-layers.nw"
int layer_ctx_init(layer_ctx_t *ctx, size_t scratch_size)
{
    ctx->scratch = malloc((scratch_size ? scratch_size : 1)
                          * sizeof *ctx->scratch);
    ctx->scratch_size = scratch_size;
    ctx->gemm = gemm_packed;     /* Chapter 12 */
    ctx->pool = NULL;
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
#line 857 "chapters/12-speed.nw"
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
#line 844 "chapters/12-speed.nw"
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
#line 882 "chapters/12-speed.nw"
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
#line 897 "chapters/12-speed.nw"
void im2col_fast(const conv_t *l, int h, int w, const float *x,
                 float *col)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1, s = l->stride;
    for (int c = 0; c < l->cin; c++)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++) {
        int x0, x1, off = j - l->pad;
        window_span(l, w, wo, j, &x0, &x1);
        for (int y = 0; y < ho; y++, col += wo) {
            int iy = y * s - l->pad + i, xo = 0;
            if (iy >= 0 && iy < h) {
                const float *row = x + ((size_t)c * h + iy) * w + off;
                for (; xo < x0; xo++) col[xo] = 0.0f;
                for (; xo < x1; xo++) col[xo] = row[xo * s];
            }
            for (; xo < wo; xo++) col[xo] = 0.0f;
        }
      }
}
#line 921 "chapters/12-speed.nw"
void col2im_fast(const conv_t *l, int h, int w, const float *col,
                 float *x)
{
    int ho = (h + 2 * l->pad - l->kh) / l->stride + 1;
    int wo = (w + 2 * l->pad - l->kw) / l->stride + 1, s = l->stride;
    for (int c = 0; c < l->cin; c++)
     for (int i = 0; i < l->kh; i++)
      for (int j = 0; j < l->kw; j++) {
        int x0, x1, off = j - l->pad;
        window_span(l, w, wo, j, &x0, &x1);
        for (int y = 0; y < ho; y++, col += wo) {
            int iy = y * s - l->pad + i;
            if (iy < 0 || iy >= h)
                continue;
            float *row = x + ((size_t)c * h + iy) * w + off;
            for (int xo = x0; xo < x1; xo++) row[xo * s] += col[xo];
        }
      }
}
#line 949 "chapters/12-speed.nw"
typedef struct {
    const conv_t *l;
    int h, w, fold;
    const float *src;
    float *dst;
} unroll_t;

static void unroll_task(void *arg, int pt, int nparts)
{
    const unroll_t *u = arg;
    conv_t part = *u->l;
    int c0 = (int)((long)part.cin * pt / nparts);
    int c1 = (int)((long)part.cin * (pt + 1) / nparts);
    shape_t out = conv_out_shape(u->l, (shape_t){1, part.cin, u->h,
                                                 u->w});
    size_t xs = (size_t)c0 * u->h * u->w;
    size_t cs = (size_t)c0 * part.kh * part.kw * out.h * out.w;
    part.cin = c1 - c0;
    if (u->fold)
        col2im_fast(&part, u->h, u->w, u->src + cs, u->dst + xs);
    else
        im2col_fast(&part, u->h, u->w, u->src + xs, u->dst + cs);
}
#line 975 "chapters/12-speed.nw"
static void unroll(layer_ctx_t *ctx, const conv_t *l, int h, int w,
                   const float *src, float *dst, int fold)
{
    unroll_t u = {l, h, w, fold, src, dst};
    if (ctx->pool != NULL && l->cin > 1)
        pool_run(ctx->pool, unroll_task, &u);
    else
        unroll_task(&u, 0, 1);
}

static void layer_im2col(layer_ctx_t *ctx, const conv_t *l, int h,
                         int w, const float *x, float *col)
{
    unroll(ctx, l, h, w, x, col, 0);
}

static void layer_col2im(layer_ctx_t *ctx, const conv_t *l, int h,
                         int w, const float *col, float *x)
{
    unroll(ctx, l, h, w, col, x, 1);
}
#line 720 "chapters/04-layers.nw"
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
#line 755 "chapters/04-layers.nw"
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
#line 785 "chapters/04-layers.nw"
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
#line 808 "chapters/04-layers.nw"
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
#line 859 "chapters/04-layers.nw"
void conv_backward(layer_ctx_t *ctx, const conv_t *l, shape_t in,
                   const float *x, const float *dy, float *dx)
{
    shape_t out = conv_out_shape(l, in);
    int kdim = l->cin * l->kh * l->kw, npix = out.h * out.w;
    int pointwise = conv_is_pointwise(l);
    for (int n = 0; n < in.n; n++) {
        size_t xoff = (size_t)n * in.c * in.h * in.w;
        const float *dyn = dy + (size_t)n * out.c * npix;
        
#line 876 "chapters/04-layers.nw"
for (int o = 0; o < l->cout; o++) {
    float sum = 0.0f;
    for (int t = 0; t < npix; t++)
        sum += dyn[(size_t)o * npix + t];
    l->db[o] += sum;
}
#line 869 "chapters/04-layers.nw"
        
#line 885 "chapters/04-layers.nw"
const float *col = x + xoff;
if (!pointwise) {
    layer_im2col(ctx, l, in.h, in.w, x + xoff, ctx->scratch);
    col = ctx->scratch;
}
layer_gemm(ctx, 0, 1, l->cout, kdim, npix, dyn, col, l->dw, 1);
#line 870 "chapters/04-layers.nw"
        
#line 897 "chapters/04-layers.nw"
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
#line 871 "chapters/04-layers.nw"
    }
}
#line 942 "chapters/04-layers.nw"
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
#line 978 "chapters/04-layers.nw"
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
#line 1022 "chapters/04-layers.nw"
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

static void gnorm_stats(const float *x, size_t m, double *mu,
                        double *r)
{
    double s = 0.0, v = 0.0;
    for (size_t i = 0; i < m; i++)
        s += x[i];
    s /= (double)m;
    for (size_t i = 0; i < m; i++)
        v += (x[i] - s) * (x[i] - s);
    *mu = s;
    *r = 1.0 / sqrt(v / (double)m + GNORM_EPS);
}
#line 1166 "chapters/04-layers.nw"
typedef struct {
    const gnorm_t *l;
    shape_t s;
    const float *x, *dy;
    float *y, *dx;
} gnorm_job_t;

static void gnorm_run(layer_ctx_t *ctx, gnorm_job_t *j,
                      pool_task_fn *task)
{
    if (ctx->pool != NULL && j->l->groups > 1)
        pool_run(ctx->pool, task, j);
    else
        task(j, 0, 1);
}
#line 1186 "chapters/04-layers.nw"
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
                for (size_t i = 0; i < hw; i++)
                    yc[i] = a * xc[i] + b;
            }
        }
}

void gnorm_forward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                   const float *x, float *y)
{
    gnorm_job_t j = {l, in, x, NULL, y, NULL};
    gnorm_run(ctx, &j, gnorm_forward_task);
}
#line 1224 "chapters/04-layers.nw"
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
            
#line 1253 "chapters/04-layers.nw"
for (int k = 0; k < cg; k++) {
    int c = g * cg + k;
    double sd = 0.0, sdx = 0.0;
    for (size_t i = k * hw; i < (k + 1) * hw; i++) {
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
#line 1239 "chapters/04-layers.nw"
            if (j->dx != NULL)
                
#line 1270 "chapters/04-layers.nw"
for (int k = 0; k < cg; k++) {
    double gc = l->gamma[g * cg + k];
    float *dx = j->dx + at + k * hw;
    for (size_t i = 0; i < hw; i++) {
        double xh = (x[k * hw + i] - mu) * r;
        dx[i] += (float)(r * (gc * dy[k * hw + i] - su - xh * sux));
    }
}
#line 1241 "chapters/04-layers.nw"
        }
}

void gnorm_backward(layer_ctx_t *ctx, const gnorm_t *l, shape_t in,
                    const float *x, const float *dy, float *dx)
{
    gnorm_job_t j = {l, in, x, dy, NULL, dx};
    gnorm_run(ctx, &j, gnorm_backward_task);
}
#line 1345 "chapters/04-layers.nw"
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
