#line 664 "chapters/companion/04-layers.nw"
/* fig-layers.c: the GEMM timing table, the gradient-check table, the
   group-normalisation and step-size figures and the numbers of the
   layers chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "figout.h"
#include "gemm.h"
#include "gradcheck.h"
#include "layers.h"

#line 691 "chapters/companion/04-layers.nw"
static void gemm_ikj(int ta, int tb, int m, int n, int k,
                     const float *a, const float *b, float *c, int acc)
{
    (void)ta; (void)tb;   /* the table times C = AB only */
    if (!acc)
        for (size_t i = 0; i < (size_t)m * n; i++) c[i] = 0.0f;
    for (int i = 0; i < m; i++)
        for (int p = 0; p < k; p++) {
            float aip = a[(size_t)i * k + p];
            const float *restrict bp = b + (size_t)p * n;
            float *restrict ci = c + (size_t)i * n;
            for (int j = 0; j < n; j++)
                ci[j] += aip * bp[j];
        }
}
#line 713 "chapters/companion/04-layers.nw"
static double now(void)
{
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double gflops(gemm_fn *f, int n, const float *a, const float *b,
                     float *c)
{
    double best = 1e30;
    int reps = 1;
    for (int round = 0; round < 3; round++) {
        double t0 = now(), dt;
        for (int r = 0; r < reps; r++)
            f(0, 0, n, n, n, a, b, c, 0);
        dt = (now() - t0) / reps;
        best = fmin(best, dt);
        while (reps * best < 0.05) reps *= 2;
    }
    return 2.0 * n * n * n / best / 1e9;
}
#line 817 "chapters/companion/04-layers.nw"
static void tex_sci(FILE *f, double v)
{
    if (v < 0) { fputs("---", f); return; }
    if (v == 0) { fputs("$0$", f); return; }
    int e = (int)floor(log10(v));
    fprintf(f, "$%.1f\\times10^{%d}$", v / pow(10, e), e);
}
#line 827 "chapters/companion/04-layers.nw"
static int write_gradcheck_table(const char *dir, FILE *num)
{
    fig_file o;
    if (fig_open(&o, dir, "layers-gradcheck.tex") != 0) return -1;
    fprintf(o.f, "\\begin{tabular}{llccc}\n\\toprule\nlayer & input"
            " & $\\bar X$ & $\\bar W$ & $\\bar b$ \\\\\n\\midrule\n");
    double worst = 0;
    for (int i = 0; i < gradcheck_ncases; i++) {
        const gc_case_t *cs = &gradcheck_cases[i];
        gc_result_t r;
        if (gradcheck_run(cs, gradcheck_seed(i), &r) != 0) {
            fclose(o.f);
            return -1;
        }
        worst = fmax(worst, gradcheck_worst(&r));
        fprintf(o.f, "%s & $%d\\times%d\\times%d\\times%d$ & ",
                cs->name, cs->in.n, cs->in.c, cs->in.h, cs->in.w);
        tex_sci(o.f, fmax(r.dx, r.dx2)); fputs(" & ", o.f);
        tex_sci(o.f, r.dw); fputs(" & ", o.f);
        tex_sci(o.f, r.db); fputs(" \\\\\n", o.f);
    }
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
    fputs("\\newcommand{\\layersGcWorst}{", num);
    tex_sci(num, worst);
    fputs("}\n", num);
    return fig_close(&o);
}
#line 743 "chapters/companion/04-layers.nw"
static int write_gemm_table(const char *dir, FILE *num)
{
    static const int sizes[] = {64, 128, 256, 512};
    enum { NS = 4, NMAX = 512 };
    float *a = malloc(sizeof(float) * NMAX * NMAX);
    float *b = malloc(sizeof(float) * NMAX * NMAX);
    float *c = malloc(sizeof(float) * NMAX * NMAX);
    fig_file o;
    if (!a || !b || !c || fig_open(&o, dir, "layers-gemm.tex") != 0) {
        free(a); free(b); free(c);
        return -1;
    }
    for (int i = 0; i < NMAX * NMAX; i++) {
        a[i] = (float)(i % 7) - 3.0f;
        b[i] = (float)(i % 5) - 2.0f;
    }
    double g[NS][3];
    
#line 768 "chapters/companion/04-layers.nw"
for (int s = 0; s < NS; s++) {
    g[s][0] = gflops(gemm_naive, sizes[s], a, b, c);
    g[s][1] = gflops(gemm_ikj, sizes[s], a, b, c);
    g[s][2] = gflops(gemm_blocked, sizes[s], a, b, c);
}
#line 761 "chapters/companion/04-layers.nw"
    
#line 776 "chapters/companion/04-layers.nw"
char cpu[256];
fig_machine(cpu, sizeof cpu);
fprintf(o.f, "\\begin{tabular}{rrrr}\n\\toprule\n"
        "$n$ & plain ($i$-$j$-$k$) & reordered ($i$-$k$-$j$)"
        " & blocked \\\\\n\\midrule\n");
for (int s = 0; s < NS; s++)
    fprintf(o.f, "%d & %.2f & %.2f & %.2f \\\\\n", sizes[s],
            g[s][0], g[s][1], g[s][2]);
fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
fprintf(num, "\\newcommand{\\layersCPU}{%s}\n", cpu);
fprintf(num, "\\newcommand{\\layersCompiler}{%s}\n",
        fig_compiler());
fprintf(num, "\\newcommand{\\layersGemmBigN}{%d}\n", sizes[NS - 1]);
fprintf(num, "\\newcommand{\\layersGemmNaiveBig}{%.2f}\n",
        g[NS - 1][0]);
fprintf(num, "\\newcommand{\\layersGemmBlockedBig}{%.2f}\n",
        g[NS - 1][2]);
fprintf(num, "\\newcommand{\\layersGemmSpeedup}{%.0f}\n",
        g[NS - 1][2] / g[NS - 1][0]);
#line 801 "chapters/companion/04-layers.nw"
double ratio = g[NS - 1][2] / g[NS - 1][0];
fprintf(num, "\\newcommand{\\layersGemmCompare}{");
if (ratio >= 1.1)
    fprintf(num, "runs %.*f times faster than", ratio < 10 ? 1 : 0,
            ratio);
else if (ratio <= 1 / 1.1)
    fprintf(num, "runs %.*f times slower than", 1 / ratio < 10 ? 1 : 0,
            1 / ratio);
else
    fprintf(num, "runs about as fast as");
fprintf(num, "}\n");
#line 762 "chapters/companion/04-layers.nw"
    free(a); free(b); free(c);
    return fig_close(&o);
}
#line 861 "chapters/companion/04-layers.nw"
static void copies_panel(FILE *f, int panel, int k, int stride,
                         int pad)
{
    enum { S = 6 };
    conv_t l = {1, 1, k, k, stride, pad, NULL, NULL, NULL, NULL};
    int ho = (S + 2 * pad - k) / stride + 1, top = 1;
    float col[25 * S * S], x[S * S] = {0};
    for (int i = 0; i < k * k * ho * ho; i++) col[i] = 1.0f;
    col2im(&l, S, S, col, x);
    for (int i = 0; i < S * S; i++) if (x[i] > top) top = (int)x[i];
    fprintf(f, "\\begin{scope}[xshift=%.1fcm]\n", 3.7 * panel);
    for (int i = 0; i < S * S; i++)
        fprintf(f, "\\fill[blue!%d] (%d,%d) rectangle +(1,1);"
                "\\node at (%g,%g) {%.0f};\n", (int)(60 * x[i] / top),
                i % S, S - 1 - i / S, i % S + 0.5, S - 0.5 - i / S,
                x[i]);
    fprintf(f, "\\draw[gray] (0,0) grid (%d,%d);\n\\node[below, "
            "align=center] at (%g,0) {$%d \\times %d$\\\\stride %d,"
            " padding %d};\n"
            "\\end{scope}\n", S, S, S / 2.0, k, k, stride, pad);
}

/* Figure 4.1: a 4 x 4 image numbered 1..16 unrolled by the book's
   im2col (3 x 3 kernel, stride 2, padding 1), the padded input with
   the first two windows outlined, and the matrix it returns. */
static int write_im2col_figure(const char *dir)
{
    enum { S = 4, K = 3, ST = 2, PAD = 1,
           HO = (S + 2 * PAD - K) / ST + 1, P = HO * HO };
    conv_t l = {1, 1, K, K, ST, PAD, NULL, NULL, NULL, NULL};
    float x[S * S], col[K * K * P];
    fig_file o;
    for (int i = 0; i < S * S; i++) x[i] = (float)(i + 1);
    im2col(&l, S, S, x, col);
    if (fig_open(&o, dir, "layers-im2col.tex") != 0) return -1;
    fprintf(o.f, "\\begin{tikzpicture}[x=5mm,y=5mm,font=\\small]\n"
            "\\fill[gray!15] (%d,%d) rectangle (%d,%d);\n"
            "\\fill[white] (0,0) rectangle (%d,%d);\n"
            "\\draw[gray!60] (%d,%d) grid (%d,%d);\n"
            "\\draw[thick] (0,0) rectangle (%d,%d);\n",
            -PAD, -PAD, S + PAD, S + PAD, S, S, -PAD, -PAD, S + PAD,
            S + PAD, S, S);
    for (int i = 0; i < S * S; i++)
        fprintf(o.f, "\\node at (%g,%g) {%.0f};\n", i % S + 0.5,
                S - 0.5 - i / S, x[i]);
    /* The windows of output pixels 0 and 1, in input coordinates. */
    for (int t = 0; t < 2; t++) {
        int x0 = (t % HO) * ST - PAD, y0 = (t / HO) * ST - PAD;
        fprintf(o.f, "\\draw[very thick,%s] (%d,%d) rectangle"
                " (%d,%d);\n", t ? "red!80!black,dashed"
                : "blue!80!black", x0, S - y0 - K, x0 + K, S - y0);
    }
    /* The matrix, its rows about the arrow's height, on whole
       units so that TikZ's grid meets them. */
    int top = S / 2 + (K * K + 1) / 2, bot = top - K * K;
    fprintf(o.f, "\\node[below] at (%g,%g) {input $%d\\times%d$,"
            " padding %d};\n\\begin{scope}[xshift=55mm]\n"
            "\\fill[blue!15] (0,%d) rectangle (1,%d);\n"
            "\\fill[red!15] (1,%d) rectangle (2,%d);\n"
            "\\draw[gray!60] (0,%d) grid (%d,%d);\n"
            "\\draw[thick] (0,%d) rectangle (%d,%d);\n",
            S / 2.0, -PAD - 0.2, S, S, PAD, bot, top, bot, top, bot, P,
            top, bot, P, top);
    for (int r = 0; r < K * K; r++)
        for (int t = 0; t < P; t++)
            fprintf(o.f, "\\node at (%g,%g) {%.0f};\n", t + 0.5,
                    top - 0.5 - r, col[r * P + t]);
    fprintf(o.f, "\\node[below,align=center] at (%g,%g)"
            " {$\\mathrm{col}(X)$: $k_hk_w = %d$ rows,\\\\"
            " $H'W' = %d$ columns};\n\\end{scope}\n"
            "\\draw[->,thick] (%g,%g) -- (10.4,%g)"
            " node[midway,above] {im2col};\n"
            "\\end{tikzpicture}\n", P / 2.0, bot - 0.2, K * K, P,
            S + PAD + 0.6, S / 2.0, S / 2.0);
    return fig_close(&o);
}

static int write_copies_figure(const char *dir)
{
    static const int kern[4][3] = {{3, 1, 1}, {3, 2, 1}, {5, 2, 2},
                                   {1, 2, 0}};
    fig_file o;
    if (fig_open(&o, dir, "layers-copies.tex") != 0) return -1;
    fputs("\\begin{tikzpicture}[x=5mm, y=5mm, font=\\small]\n",
          o.f);
    for (int p = 0; p < 4; p++)
        copies_panel(o.f, p, kern[p][0], kern[p][1], kern[p][2]);
    fputs("\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 962 "chapters/companion/04-layers.nw"
enum { GN_C = 8, GN_HW = 64 };

/* The mean and standard deviation of channel c of x[GN_C][GN_HW]. */
static void channel_stats(const float *x, int c, double *mu, double *sd)
{
    double s = 0, q = 0;
    for (int i = 0; i < GN_HW; i++) s += x[c * GN_HW + i];
    *mu = s / GN_HW;
    for (int i = 0; i < GN_HW; i++)
        q += (x[c * GN_HW + i] - *mu) * (x[c * GN_HW + i] - *mu);
    *sd = sqrt(q / GN_HW);
}

/* y = GN(x) with the given number of groups, gamma 1 and beta 0. */
static int gnorm_image(int groups, const float *x, float *y)
{
    params_t p = {{0}, {0}};
    gnorm_t l = {GN_C, groups, NULL, NULL, NULL, NULL};
    layer_ctx_t ctx;
    shape_t s = {1, GN_C, 8, 8};
    gnorm_bind(&l, &p);
    if (params_commit(&p) != 0 || layer_ctx_init(&ctx, 1) != 0) {
        params_free(&p);
        return -1;
    }
    gnorm_bind(&l, &p);
    gnorm_init(&l);
    ctx.plain_norm = 1;
    gnorm_forward(&ctx, &l, s, x, y);
    layer_ctx_free(&ctx);
    params_free(&p);
    return 0;
}
#line 998 "chapters/companion/04-layers.nw"
static void gnorm_panel(FILE *f, int panel, int groups, const float *x)
{
    double lo = 1e30, hi = -1e30, mu[GN_C], sd[GN_C];
    for (int c = 0; c < GN_C; c++) {
        channel_stats(x, c, &mu[c], &sd[c]);
        lo = fmin(lo, mu[c] - sd[c]);
        hi = fmax(hi, mu[c] + sd[c]);
    }
    lo = floor(lo) - 0.5; hi = ceil(hi) + 0.5;
    fprintf(f, "\\begin{axis}[bookhalf, height=0.3\\textwidth,\n"
            "  at={(%.2f\\textwidth,%.2f\\textwidth)}, xmin=-0.5,"
            " xmax=%d.5,\n  ymin=%g, ymax=%g, xtick={0,...,%d},"
            " xlabel={channel},\n", 0.5 * (panel % 2),
            -0.4 * (panel / 2), GN_C - 1, lo, hi, GN_C - 1);
    if (groups)
        fprintf(f, "  title={output, $G = %d$}]\n", groups);
    else
        fputs("  title={input}]\n", f);
    for (int g = 0; groups && g < groups; g += 2) {
        int w = GN_C / groups;
        fprintf(f, "\\fill[gray!15] (axis cs:%g,%g) rectangle "
                "(axis cs:%g,%g);\n", g * w - 0.5, lo,
                (g + 1) * w - 0.5, hi);
    }
    fputs("\\addplot+[only marks, mark=*, error bars/.cd, y dir=both,"
          "\n  y explicit] coordinates {", f);
    for (int c = 0; c < GN_C; c++)
        fprintf(f, "(%d,%.4f) +- (0,%.4f) ", c, mu[c], sd[c]);
    fputs("};\n\\end{axis}\n", f);
}
#line 1033 "chapters/companion/04-layers.nw"
static int write_gnorm_figure(const char *dir)
{
    static const int groups[] = {1, 4, 8};
    float x[GN_C * GN_HW], y[GN_C * GN_HW];
    rng_t r;
    fig_file o;
    rng_seed(&r, 2018);
    for (int c = 0; c < GN_C; c++) {
        double mean = 2.0 * rng_normal(&r);
        double spread = exp(0.7 * rng_normal(&r));
        for (int i = 0; i < GN_HW; i++)
            x[c * GN_HW + i] = (float)(mean + spread * rng_normal(&r));
    }
    if (fig_open(&o, dir, "layers-gnorm.tex") != 0) return -1;
    fputs("\\begin{tikzpicture}\n", o.f);
    gnorm_panel(o.f, 0, 0, x);
    for (int k = 0; k < 3; k++) {
        if (gnorm_image(groups[k], x, y) != 0) {
            fclose(o.f);
            return -1;
        }
        gnorm_panel(o.f, k + 1, groups[k], y);
    }
    fputs("\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 1069 "chapters/companion/04-layers.nw"
/* L = sum_i v_i y_i, with y the layer's output at x. */
static double probe(layer_ctx_t *ctx, const conv_t *cv,
                    const gnorm_t *gn, shape_t s, const float *x,
                    float *y, const float *v)
{
    double sum = 0;
    if (cv) conv_forward(ctx, cv, s, x, y);
    else gnorm_forward(ctx, gn, s, x, y);
    for (size_t i = 0; i < shape_count(s); i++)
        sum += (double)v[i] * y[i];
    return sum;
}
#line 1084 "chapters/companion/04-layers.nw"
/* The relative error of the central difference at each step h[k]. */
static void step_errors(layer_ctx_t *ctx, const conv_t *cv,
                        const gnorm_t *gn, shape_t s, rng_t *r,
                        const double *h, int nh, double *err)
{
    enum { N = 256 };   /* shape_count(s) */
    float x[N], d[N], v[N], dx[N] = {0}, y[N], xp[N], xm[N];
    double slope = 0;
    for (int i = 0; i < N; i++) {
        x[i] = (float)rng_normal(r);
        d[i] = (float)rng_normal(r);
        v[i] = (float)rng_normal(r);
    }
    if (cv) conv_backward(ctx, cv, s, x, v, dx);
    else gnorm_backward(ctx, gn, s, x, v, dx);
    for (int i = 0; i < N; i++) slope += (double)dx[i] * d[i];
    for (int k = 0; k < nh; k++) {
        for (int i = 0; i < N; i++) {
            xp[i] = (float)(x[i] + h[k] * d[i]);
            xm[i] = (float)(x[i] - h[k] * d[i]);
        }
        double fd = (probe(ctx, cv, gn, s, xp, y, v)
                     - probe(ctx, cv, gn, s, xm, y, v)) / (2 * h[k]);
        err[k] = fabs(fd - slope) / fmax(1.0, fabs(slope));
    }
}
#line 1116 "chapters/companion/04-layers.nw"
static int write_step_figure(const char *dir)
{
    enum { NH = 25 };
    shape_t s = {1, 4, 8, 8};
    params_t p = {{0}, {0}};
    conv_t cv = {4, 4, 3, 3, 1, 1, NULL, NULL, NULL, NULL};
    gnorm_t gn = {4, 2, NULL, NULL, NULL, NULL};
    double h[NH], ec[NH], eg[NH];
    layer_ctx_t ctx;
    rng_t r;
    fig_file o;
    rng_seed(&r, 1351);
    conv_bind(&cv, &p); gnorm_bind(&gn, &p);
    if (params_commit(&p) != 0) return -1;
    conv_bind(&cv, &p); gnorm_bind(&gn, &p);
    conv_init_he(&cv, &r); gnorm_init(&gn);
    if (layer_ctx_init(&ctx, conv_scratch_size(&cv, s)) != 0) {
        params_free(&p);
        return -1;
    }
    ctx.plain_norm = 1;
    for (int k = 0; k < NH; k++) h[k] = pow(10.0, -6.0 + 0.25 * k);
    step_errors(&ctx, &cv, NULL, s, &r, h, NH, ec);
    step_errors(&ctx, NULL, &gn, s, &r, h, NH, eg);
    layer_ctx_free(&ctx);
    params_free(&p);
    if (fig_open(&o, dir, "layers-step.dat") != 0) return -1;
    fputs("h conv gnorm\n", o.f);
    for (int k = 0; k < NH; k++)
        fprintf(o.f, "%.4g %.4g %.4g\n", h[k], fmax(ec[k], 1e-12),
                fmax(eg[k], 1e-12));
    return fig_close(&o);
}
#line 1157 "chapters/companion/04-layers.nw"
static void write_constants(FILE *num)
{
    double pi = 0.01, b = prior_bias(pi);
    fprintf(num, "\\newcommand{\\layersGcStep}{%g}\n", gradcheck_step);
    fputs("\\newcommand{\\layersGcTol}{", num);
    tex_sci(num, gradcheck_tolerance);
    fputs("}\n", num);
    fprintf(num, "\\newcommand{\\layersPriorPi}{%g}\n", pi);
    fprintf(num, "\\newcommand{\\layersPriorBias}{%.4f}\n", b);
    fprintf(num, "\\newcommand{\\layersPriorCheck}{%.6f}\n",
            1.0 / (1.0 + exp(-b)));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-layers OUTPUT-DIRECTORY\n");
        return 2;
    }
    fig_file num;
    if (fig_open(&num, argv[1], "layers-numbers.tex") != 0)
        return 1;
    write_constants(num.f);
    if (write_gradcheck_table(argv[1], num.f) != 0
        || write_gemm_table(argv[1], num.f) != 0
        || write_copies_figure(argv[1]) != 0
        || write_im2col_figure(argv[1]) != 0
        || write_gnorm_figure(argv[1]) != 0
        || write_step_figure(argv[1]) != 0) {
        fclose(num.f);
        return 1;
    }
    return fig_close(&num) != 0;
}
