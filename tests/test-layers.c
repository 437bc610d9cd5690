#line 17 "chapters/companion/04-layers.nw"
/* test-layers.c: layers against finite differences and definitions. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "gradcheck.h"
#include "layers.h"

#line 74 "chapters/companion/04-layers.nw"
static void conv_direct(const conv_t *l, shape_t in, const float *x,
                        double *y, double *mag)
{
    shape_t out = conv_out_shape(l, in);
    for (int n = 0; n < in.n; n++)
     for (int o = 0; o < out.c; o++)
      for (int oy = 0; oy < out.h; oy++)
       for (int ox = 0; ox < out.w; ox++) {
        double s = l->b[o], m = fabs(l->b[o]);
        for (int ci = 0; ci < l->cin; ci++)
         for (int i = 0; i < l->kh; i++)
          for (int j = 0; j < l->kw; j++) {
            int iy = oy * l->stride - l->pad + i;
            int ix = ox * l->stride - l->pad + j;
            if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) continue;
            double t = (double)l->w[((o * l->cin + ci) * l->kh + i)
                                    * l->kw + j]
                       * x[shape_at(in, n, ci, iy, ix)];
            s += t; m += fabs(t);
          }
        y[shape_at(out, n, o, oy, ox)] = s;
        mag[shape_at(out, n, o, oy, ox)] = m;
       }
}
#line 50 "chapters/companion/04-layers.nw"
static void check_gradients(check_t *c)
{
    for (int i = 0; i < gradcheck_ncases; i++) {
        const gc_case_t *cs = &gradcheck_cases[i];
        gc_result_t r;
        int st = gradcheck_run(cs, gradcheck_seed(i), &r);
        if (!check_true(c, st == 0, "%s: memory", cs->name))
            continue;
        printf("# %s: worst relative error dx %.2g dx2 %.2g "
               "dw %.2g db %.2g\n", cs->name, r.dx, r.dx2, r.dw, r.db);
        check_true(c, gradcheck_worst(&r) < gradcheck_tolerance,
                   "%s: backward matches central differences",
                   cs->name);
    }
}
#line 103 "chapters/companion/04-layers.nw"
static int make_conv(const gc_case_t *cs, rng_t *r, conv_t *l,
                     params_t *p)
{
    conv_t z = {cs->in.c, cs->cout, cs->k, cs->k, cs->stride, cs->pad,
                NULL, NULL, NULL, NULL};
    *l = z;
    conv_bind(l, p);
    if (params_commit(p) != 0) return -1;
    conv_bind(l, p);
    for (size_t i = 0; i < p->value.size; i++)
        p->value.data[i] = (float)rng_normal(r);
    return 0;
}

static float *random_floats(rng_t *r, size_t n)
{
    float *a = malloc((n ? n : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++) a[i] = (float)rng_normal(r);
    return a;
}
#line 127 "chapters/companion/04-layers.nw"
static void check_conv_forward(check_t *c)
{
    rng_t r;
    rng_seed(&r, 7);
    for (int i = 0; i < gradcheck_ncases; i++) {
        const gc_case_t *cs = &gradcheck_cases[i];
        if (cs->kind != GC_CONV) continue;
        conv_t l; params_t p = {{0}, {0}}; layer_ctx_t ctx;
        if (make_conv(cs, &r, &l, &p) != 0) continue;
        shape_t out = conv_out_shape(&l, cs->in);
        size_t nout = shape_count(out);
        float *x = random_floats(&r, shape_count(cs->in));
        float *y = malloc(nout * sizeof *y);
        double *yd = malloc(nout * sizeof *yd);
        double *mag = malloc(nout * sizeof *mag);
        size_t scratch = conv_scratch_size(&l, cs->in);
        if (x && y && yd && mag && layer_ctx_init(&ctx, scratch) == 0) {
            conv_forward(&ctx, &l, cs->in, x, y);
            conv_direct(&l, cs->in, x, yd, mag);
            double worst = 0, kdim = l.cin * l.kh * l.kw + 1;
            for (size_t t = 0; t < nout; t++)
                worst = fmax(worst, fabs(y[t] - yd[t])
                             / (kdim * FLT_EPSILON * mag[t] + 1e-30));
            check_true(c, worst <= 1.0, "%s: forward equals the direct "
                       "7-loop convolution (%.2g of the bound)",
                       cs->name, worst);
            layer_ctx_free(&ctx);
        }
        free(x); free(y); free(yd); free(mag); params_free(&p);
    }
}
#line 166 "chapters/companion/04-layers.nw"
static void check_adjoint(check_t *c)
{
    rng_t r;
    rng_seed(&r, 11);
    for (int i = 0; i < gradcheck_ncases; i++) {
        const gc_case_t *cs = &gradcheck_cases[i];
        if (cs->kind != GC_CONV) continue;
        conv_t l = {cs->in.c, cs->cout, cs->k, cs->k, cs->stride,
                    cs->pad, NULL, NULL, NULL, NULL};
        shape_t one = cs->in;
        one.n = 1;
        size_t nx = shape_count(one), ncol =
            (size_t)l.cin * l.kh * l.kw * shape_count(
                conv_out_shape(&l, one)) / (size_t)l.cout;
        float *x = random_floats(&r, nx), *m = random_floats(&r, ncol);
        float *ux = malloc(ncol * sizeof *ux);
        float *utm = calloc(nx, sizeof *utm);
        if (x && m && ux && utm) {
            im2col(&l, one.h, one.w, x, ux);
            col2im(&l, one.h, one.w, m, utm);
            double lhs = 0, rhs = 0, mag = 0;
            for (size_t t = 0; t < ncol; t++) {
                lhs += (double)ux[t] * m[t];
                mag += fabs((double)ux[t] * m[t]);
            }
            for (size_t t = 0; t < nx; t++)
                rhs += (double)x[t] * utm[t];
            check_near(c, lhs, rhs, 1e-5 * mag,
                       "%s: <im2col x, m> = <x, col2im m>", cs->name);
        }
        free(x); free(m); free(ux); free(utm);
    }
}
#line 209 "chapters/companion/04-layers.nw"
static double worst_doubling(const float *g, size_t n, const float *g1)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w = fmax(w, fabs(g[i] - 2.0 * g1[i]) / fmax(1.0, fabs(g1[i])));
    return w;
}
#line 219 "chapters/companion/04-layers.nw"
static void check_accumulation(check_t *c)
{
    const gc_case_t *cs = &gradcheck_cases[1];   /* 3x3, stride 2 */
    rng_t r;
    rng_seed(&r, 13);
    conv_t l; params_t p = {{0}, {0}}; layer_ctx_t ctx;
    if (make_conv(cs, &r, &l, &p) != 0) return;
    size_t nin = shape_count(cs->in);
    size_t nout = shape_count(conv_out_shape(&l, cs->in));
    size_t np = p.grad.size;
    float *x = random_floats(&r, nin), *dy = random_floats(&r, nout);
    float *dx = calloc(nin, sizeof *dx);
    float *dx1 = calloc(nin, sizeof *dx1);
    float *g1 = malloc(np * sizeof *g1);
    if (x && dy && dx && dx1 && g1
        && layer_ctx_init(&ctx, conv_scratch_size(&l, cs->in)) == 0) {
        conv_backward(&ctx, &l, cs->in, x, dy, dx1);
        for (size_t i = 0; i < np; i++) g1[i] = p.grad.data[i];
        params_zero_grad(&p);
        conv_backward(&ctx, &l, cs->in, x, dy, dx);
        conv_backward(&ctx, &l, cs->in, x, dy, dx);
        check_true(c, worst_doubling(dx, nin, dx1) < 1e-5,
                   "conv_backward adds into dx");
        check_true(c, worst_doubling(p.grad.data, np, g1) < 1e-5,
                   "conv_backward adds into dw and db");
        layer_ctx_free(&ctx);
    }
    free(x); free(dy); free(dx); free(dx1); free(g1); params_free(&p);
}
#line 254 "chapters/companion/04-layers.nw"
static void check_memory_plan(check_t *c)
{
    params_t p = {{0}, {0}};
    conv_t a = {3, 5, 3, 3, 1, 1, NULL, NULL, NULL, NULL};
    conv_t b = {5, 2, 1, 1, 1, 0, NULL, NULL, NULL, NULL};
    conv_bind(&a, &p); conv_bind(&b, &p);
    size_t planned = p.value.used;
    check_true(c, a.w == NULL && planned == 135 + 5 + 10 + 2,
               "planning counts 152 parameters, hands out none");
    if (params_commit(&p) != 0) return;
    conv_bind(&a, &p); conv_bind(&b, &p);
    check_true(c, p.value.used == planned && p.value.size == planned,
               "the second pass uses exactly the planned block");
    check_true(c, b.w - p.value.data == 140
               && b.dw - p.grad.data == 140
               && a.db - p.grad.data == a.b - p.value.data,
               "gradients sit at the same offsets as parameters");
    check_true(c, arena_take(&p.value, 1) == NULL,
               "a committed arena refuses to overflow");
    params_free(&p);
}
#line 283 "chapters/companion/04-layers.nw"
static void check_init(check_t *c)
{
    params_t p = {{0}, {0}};
    conv_t l = {64, 64, 3, 3, 1, 1, NULL, NULL, NULL, NULL};
    conv_bind(&l, &p);
    if (params_commit(&p) != 0) return;
    conv_bind(&l, &p);
    rng_t r;
    rng_seed(&r, 17);
    size_t nw = (size_t)64 * 64 * 9;
    double want[2] = {2.0 / (64 * 9), 0.01 * 0.01};
    for (int t = 0; t < 2; t++) {
        if (t == 0) conv_init_he(&l, &r);
        else conv_init_normal(&l, &r, 0.01);
        double s2 = 0;
        for (size_t i = 0; i < nw; i++) s2 += (double)l.w[i] * l.w[i];
        check_rel(c, s2 / nw, want[t], 0.03, "%s: weight variance",
                  t ? "sigma 0.01" : "He");
        check_true(c, l.b[0] == 0 && l.b[63] == 0, "biases start at 0");
    }
    
#line 311 "chapters/companion/04-layers.nw"
static const double pis[] = {0.01, 0.5, 0.2, 0.999};
for (int t = 0; t < 4; t++) {
    double b = prior_bias(pis[t]);
    check_near(c, 1.0 / (1.0 + exp(-b)), pis[t], 1e-12,
               "sigmoid(prior_bias(%g)) = %g", pis[t], pis[t]);
}
check_near(c, prior_bias(0.01), -log(99.0), 1e-12,
           "prior_bias(0.01) = -log 99");
conv_init_prior(&l, 0.01);
check_near(c, l.b[5], -log(99.0), 1e-6, "conv_init_prior sets b");
#line 304 "chapters/companion/04-layers.nw"
    params_free(&p);
}
#line 332 "chapters/companion/04-layers.nw"
static double gnorm_ref(shape_t s, int groups, const double *x,
                        const double *gb, const double *v,
                        double *y)
{
    int cg = s.c / groups;
    size_t hw = (size_t)s.h * s.w, m = cg * hw;
    double loss = 0.0;
    for (int ng = 0; ng < s.n * groups; ng++) {
        const double *a = x + ng * m;
        double mu = 0.0, var = 0.0;
        for (size_t i = 0; i < m; i++) mu += a[i] / (double)m;
        for (size_t i = 0; i < m; i++)
            var += (a[i] - mu) * (a[i] - mu) / (double)m;
        for (size_t i = 0; i < m; i++) {
            int ch = ng % groups * cg + (int)(i / hw);
            double out = gb[ch] * (a[i] - mu) / sqrt(var + GNORM_EPS)
                         + gb[s.c + ch];
            if (y) y[ng * m + i] = out;
            loss += v[ng * m + i] * out;
        }
    }
    return loss;
}
#line 361 "chapters/companion/04-layers.nw"
static double gnorm_fd(shape_t s, int groups, double *x, double *gb,
                       const double *v, double *at)
{
    const double h = 1e-6;
    double keep = *at;
    *at = keep + h;
    double up = gnorm_ref(s, groups, x, gb, v, NULL);
    *at = keep - h;
    double down = gnorm_ref(s, groups, x, gb, v, NULL);
    *at = keep;
    return (up - down) / (2 * h);
}

static double gc_rel(double g, double fd)
{
    return fabs(g - fd) / fmax(1.0, fmax(fabs(g), fabs(fd)));
}
#line 381 "chapters/companion/04-layers.nw"
static void check_gnorm(check_t *c, int plain)
{
    enum { N = 2, C = 6, H = 5, W = 7, G = 3, NX = N * C * H * W };
    shape_t s = {N, C, H, W};
    static float xf[NX], y[NX], y2[NX], x2[NX], vf[NX], dx[NX];
    static double x[NX], v[NX], ref[NX], gb[2 * C];
    params_t p = {{0}, {0}};
    gnorm_t l = {C, G, NULL, NULL, NULL, NULL};
    layer_ctx_t ctx;
    gnorm_bind(&l, &p);
    if (params_commit(&p) != 0 || layer_ctx_init(&ctx, 1) != 0)
        return;
    ctx.plain_norm = plain;
    const char *which = plain ? "plain" : "fast";
    gnorm_bind(&l, &p);
    
#line 421 "chapters/companion/04-layers.nw"
rng_t r;
rng_seed(&r, 31);
for (int i = 0; i < NX; i++) {
    xf[i] = (float)(5.0 * rng_uniform(&r) - 2.0);
    x[i] = xf[i];
    x2[i] = 3.0f * xf[i] - 1.5f;
    vf[i] = (float)(2.0 * rng_uniform(&r) - 1.0);
    v[i] = vf[i];
}
for (int k = 0; k < C; k++) {
    l.gamma[k] = (float)(0.5 + rng_uniform(&r));
    l.beta[k] = (float)(2.0 * rng_uniform(&r) - 1.0);
    gb[k] = l.gamma[k];
    gb[C + k] = l.beta[k];
}
#line 397 "chapters/companion/04-layers.nw"
    gnorm_forward(&ctx, &l, s, xf, y);
    gnorm_forward(&ctx, &l, s, x2, y2);
    gnorm_ref(s, G, x, gb, v, ref);
    double ef = 0.0, ei = 0.0;
    for (int i = 0; i < NX; i++) {
        ef = fmax(ef, fabs(y[i] - ref[i]));
        ei = fmax(ei, fabs(y2[i] - y[i]));
    }
    check_true(c, ef < 1e-5, "%s group norm forward = definition "
               "(%.2g)", which, ef);
    check_true(c, ei < 1e-5, "%s group norm ignores 3x - 1.5 (%.2g)",
               which, ei);
    
#line 439 "chapters/companion/04-layers.nw"
params_zero_grad(&p);
for (int i = 0; i < NX; i++) dx[i] = 0.0f;
gnorm_backward(&ctx, &l, s, xf, vf, dx);
double ex = 0.0, ep = 0.0;
for (int i = 0; i < NX; i++)
    ex = fmax(ex, gc_rel(dx[i], gnorm_fd(s, G, x, gb, v, &x[i])));
for (int k = 0; k < 2 * C; k++) {
    double g = k < C ? l.dgamma[k] : l.dbeta[k - C];
    ep = fmax(ep, gc_rel(g, gnorm_fd(s, G, x, gb, v, &gb[k])));
}
printf("# %s group norm: worst relative error dx %.2g, gamma and "
       "beta %.2g\n", which, ex, ep);
check_true(c, ex < 1e-4, "%s group norm dx matches differences", which);
check_true(c, ep < 1e-4, "%s group norm dgamma, dbeta match "
           "differences", which);
#line 410 "chapters/companion/04-layers.nw"
    if (!plain) {
        
#line 463 "chapters/companion/04-layers.nw"
static float yr[NX], yf[NX], dr[NX], dz[NX], dxr[NX], dxf[NX];
static float pg[2][2 * C];
gnorm_forward(&ctx, &l, s, xf, yr);
relu_forward(&ctx, NX, yr, yr);
gnorm_relu_forward(&ctx, &l, s, xf, yf);
int clamped = 0;
for (int i = 0; i < NX; i++) {
    clamped += yf[i] == 0.0f;
    dr[i] = dxr[i] = dxf[i] = 0.0f;
}
relu_backward(&ctx, NX, yr, vf, dr);
for (int pass = 0; pass < 2; pass++) {
    params_zero_grad(&p);
    if (pass == 0)
        gnorm_backward(&ctx, &l, s, xf, dr, dxr);
    else
        gnorm_relu_backward(&ctx, &l, s, xf, yf,
                            memcpy(dz, vf, sizeof dz), dxf);
    for (int k = 0; k < C; k++) {
        pg[pass][k] = l.dgamma[k];
        pg[pass][C + k] = l.dbeta[k];
    }
}
check_true(c, clamped > 0 && clamped < NX,
           "the fused check clamps %d of %d outputs", clamped, NX);
check_true(c, !memcmp(yr, yf, sizeof yr),
           "%s group norm + ReLU = the two layers, forward", which);
check_true(c, !memcmp(dxr, dxf, sizeof dxr)
              && !memcmp(pg[0], pg[1], sizeof pg[0]),
           "%s group norm + ReLU = the two layers, backward", which);
check_true(c, !memcmp(dz, dr, sizeof dz),
           "%s group norm + ReLU leaves dy masked as the ReLU's would",
           which);
#line 412 "chapters/companion/04-layers.nw"
    }
    layer_ctx_free(&ctx);
    params_free(&p);
}
#line 505 "chapters/companion/04-layers.nw"
static void check_gnorm_plain_fast(check_t *c)
{
    enum { N = 3, C = 8, H = 9, W = 11, G = 4, NX = N * C * H * W };
    shape_t s = {N, C, H, W};
    static float x[NX], v[NX], y[2][NX], dx[2][NX], pg[2][2 * C];
    params_t p = {{0}, {0}};
    gnorm_t l = {C, G, NULL, NULL, NULL, NULL};
    layer_ctx_t ctx[2];
    gnorm_bind(&l, &p);
    if (params_commit(&p) != 0 || layer_ctx_init(&ctx[0], 1) != 0)
        return;
    if (layer_ctx_init(&ctx[1], 1) != 0
        || layer_ctx_set_threads(&ctx[1], 2) != 0)
        return;
    ctx[0].plain_norm = 1;
    gnorm_bind(&l, &p);
    rng_t r;
    rng_seed(&r, 32);
    for (int i = 0; i < NX; i++) {
        x[i] = (float)(4.0 * rng_uniform(&r) + 1.0);
        v[i] = (float)(2.0 * rng_uniform(&r) - 1.0);
    }
    for (int k = 0; k < C; k++) {
        l.gamma[k] = (float)(0.5 + rng_uniform(&r));
        l.beta[k] = (float)(rng_uniform(&r) - 0.5);
    }
    for (int k = 0; k < 2; k++) {
        params_zero_grad(&p);
        memset(dx[k], 0, sizeof dx[k]);
        gnorm_forward(&ctx[k], &l, s, x, y[k]);
        gnorm_backward(&ctx[k], &l, s, x, v, dx[k]);
        memcpy(pg[k], l.dgamma, C * sizeof *pg[k]);
        memcpy(pg[k] + C, l.dbeta, C * sizeof *pg[k]);
    }
    double ey = 0, ex = 0, ep = 0, mx = 0, mp = 0;
    for (int i = 0; i < NX; i++) {
        ey = fmax(ey, fabs(y[0][i] - y[1][i]));
        ex = fmax(ex, fabs(dx[0][i] - dx[1][i]));
        mx = fmax(mx, fabs(dx[0][i]));
    }
    for (int k = 0; k < 2 * C; k++) {
        ep = fmax(ep, fabs(pg[0][k] - pg[1][k]));
        mp = fmax(mp, fabs(pg[0][k]));
    }
    check_true(c, ey < 1e-5, "plain and fast group norm agree forward "
               "(%.2g)", ey);
    check_true(c, ex < 1e-5 * mx && ep < 1e-5 * mp,
               "plain and fast group norm agree backward (%.2g, %.2g)",
               ex / mx, ep / mp);
    layer_ctx_free(&ctx[0]);
    layer_ctx_free(&ctx[1]);
    params_free(&p);
}

#line 29 "chapters/companion/04-layers.nw"
int main(void)
{
    check_t c = {"layers", 0, 0};
    check_gradients(&c);
    check_conv_forward(&c);
    check_adjoint(&c);
    check_accumulation(&c);
    check_memory_plan(&c);
    check_init(&c);
    check_gnorm(&c, 0);
    check_gnorm(&c, 1);
    check_gnorm_plain_fast(&c);
    return check_finish(&c);
}
