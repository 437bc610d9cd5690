#line 2585 "chapters/companion/12-speed.nw"
/* fig-speed.c: the tables, figures and numbers of the chapter
   "Making it fast". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "figout.h"
#include "gemm-fast.h"
#include "net.h"
#include "rng.h"

#line 2611 "chapters/companion/12-speed.nw"
enum { ROUNDS = 5, NET_ROUNDS = 3, MAXR = 8 };
typedef struct { double med, lo, hi; } spread_t;

static int cmp_dbl(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static spread_t spread(const double *v, int n)
{
    double s[MAXR];
    spread_t r = {-1.0, -1.0, -1.0};
    for (int i = 0; i < n; i++) {
        if (!(v[i] > 0.0))
            return r;
        s[i] = v[i];
    }
    if (n < 1)
        return r;
    qsort(s, (size_t)n, sizeof *s, cmp_dbl);
    r.med = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    r.lo = s[0];
    r.hi = s[n - 1];
    return r;
}
#line 2643 "chapters/companion/12-speed.nw"
static spread_t ratio(const double *a, const double *b, int n)
{
    double q[MAXR];
    for (int i = 0; i < n; i++)
        q[i] = a[i] > 0.0 && b[i] > 0.0 ? a[i] / b[i] : -1.0;
    return spread(q, n);
}

static const char *against(spread_t r, double mark, const char *above,
                           const char *below, const char *around)
{
    return r.lo > mark ? above : r.hi < mark ? below : around;
}

/* "12.3 (11.9--12.6)", with digits to suit the size. */
static void put_spread(FILE *f, spread_t s, const char *unit)
{
    const char *fmt = s.med < 10.0 ? "%.2f" : s.med < 100.0 ? "%.1f"
                                                           : "%.0f";
    if (s.med < 0.0) {
        fputs("---", f);
        return;
    }
    fprintf(f, fmt, s.med);
    fprintf(f, "%s\\,{\\scriptsize(", unit);
    fprintf(f, fmt, s.lo);
    fputs("--", f);
    fprintf(f, fmt, s.hi);
    fputs(")}", f);
}

static void macro_spread(FILE *f, const char *name, spread_t s)
{
    fprintf(f, "\\newcommand{\\%s}{", name);
    put_spread(f, s, "");
    fputs("}\n", f);
}
#line 2686 "chapters/companion/12-speed.nw"
static double rate(int n, double t)
{
    return t > 0 ? 2.0 * n * n * n / t / 1e9 : -1.0;
}

enum { NSIZES = 3, NWAYS = 4 };
static const int sizes[NSIZES] = {256, 512, 1024};

/* g[s][w][r]: GFLOP/s of way w (plain, cache-aware, packed on one
   and on two threads) at sizes[s] in round r. */
static void time_products(double g[NSIZES][NWAYS][MAXR])
{
    for (int r = 0; r < ROUNDS; r++)
        for (int s = 0; s < NSIZES; s++) {
            int n = sizes[s];
            g[s][0][r] = n <= 512
                ? rate(n, bench_gemm(gemm_naive, 1, n, 1)) : -1.0;
            g[s][1][r] = rate(n, bench_gemm(gemm_blocked, 1, n, 1));
            g[s][2][r] = rate(n, bench_gemm(NULL, 1, n, 1));
            g[s][3][r] = rate(n, bench_gemm(NULL, 2, n, 1));
        }
}
#line 2711 "chapters/companion/12-speed.nw"
static int gemm_table(const char *dir, double g[NSIZES][NWAYS][MAXR],
                      double peak)
{
    fig_file o;
    if (fig_open(&o, dir, "speed-gemm.tex") != 0) return -1;
    fputs("\\begin{tabular}{rrrrrr}\n\\toprule\n$n$ & plain & "
          "cache-aware & packed, 1 thread & 2 threads & "
          "1 thread / peak\\\\\n\\midrule\n", o.f);
    for (int s = 0; s < NSIZES; s++) {
        fprintf(o.f, "%d", sizes[s]);
        for (int w = 0; w < NWAYS; w++) {
            fputs(" & ", o.f);
            put_spread(o.f, spread(g[s][w], ROUNDS), "");
        }
        fprintf(o.f, " & %.0f\\%%\\\\\n",
                100.0 * spread(g[s][2], ROUNDS).med / peak);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o);
}
#line 2740 "chapters/companion/12-speed.nw"
enum { STEPS = 9, COLS = 3 };
static const char *step_rows[STEPS] = {
    "cache-aware, by image", "packed, by image",
    "\\quad 2 threads", "packed, whole batch", "\\quad 2 threads",
    "Winograd $2 \\times 2$, plain transforms",
    "Winograd $2 \\times 2$", "Winograd $4 \\times 4$",
    "\\quad 2 threads"};

/* st[row][col][r]: training images/s at batch 16, forward images/s
   at batch 16, forward ms at batch 1, in round r. */
static void time_steps(double st[STEPS][COLS][MAXR])
{
    for (int r = 0; r < NET_ROUNDS; r++)
        for (int row = 0; row < STEPS; row++) {
            
#line 2760 "chapters/companion/12-speed.nw"
gemm_fn *f = row == 0 ? gemm_blocked : NULL;
int th = row == 2 || row == 4 || row == 8 ? 2 : 1;
int mode = (row < 3 ? BENCH_PER_IMAGE : 0)
           | (row < 5 ? BENCH_DIRECT : 0)
           | (row == 5 ? BENCH_PLAIN : 0)
           | (row == 5 || row == 6 ? BENCH_SMALL : 0);
double t[COLS] = {bench_rtiny(f, th, 16, 1, mode, 2),
                  bench_rtiny(f, th, 16, 0, mode, 2),
                  bench_rtiny(f, th, 1, 0, mode, 5)};
st[row][0][r] = t[0] > 0 ? 16 / t[0] : -1.0;
st[row][1][r] = t[1] > 0 ? 16 / t[1] : -1.0;
st[row][2][r] = t[2] > 0 ? 1e3 * t[2] : -1.0;
#line 2755 "chapters/companion/12-speed.nw"
        }
}
#line 2775 "chapters/companion/12-speed.nw"
static int steps_table(const char *dir, double st[STEPS][COLS][MAXR])
{
    fig_file o;
    if (fig_open(&o, dir, "speed-steps.tex") != 0) return -1;
    fputs("\\begin{tabular}{lrrr}\n\\toprule\n& training, images/s"
          " & forward, images/s & forward, ms\\\\\n"
          "& batch 16 & batch 16 & batch 1\\\\\n\\midrule\n", o.f);
    for (int row = 0; row < STEPS; row++) {
        fputs(step_rows[row], o.f);
        for (int c = 0; c < COLS; c++) {
            fputs(" & ", o.f);
            put_spread(o.f, spread(st[row][c], NET_ROUNDS), "");
        }
        fputs("\\\\\n", o.f);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o);
}
#line 2798 "chapters/companion/12-speed.nw"
static const char *bar_rows[STEPS] = {
    "cache-aware, by image", "packed, by image",
    "packed, by image, 2 threads", "packed, whole batch",
    "whole batch, 2 threads", "Winograd $2\\times2$, plain",
    "Winograd $2\\times2$", "Winograd $4\\times4$",
    "Winograd $4\\times4$, 2 threads"};

static int steps_bars(const char *dir, double st[STEPS][COLS][MAXR])
{
    fig_file o;
    if (fig_open(&o, dir, "speed-bars.tex") != 0) return -1;
    fputs("\\begin{tikzpicture}\n\\begin{axis}[book, xbar, "
          "y dir=reverse, height=0.5\\textwidth, xmin=0,\n"
          "  ytick={0,...,8}, yticklabel style={font=\\small},\n"
          "  xlabel={training images per second, batch 16},\n"
          "  yticklabels={", o.f);
    for (int row = 0; row < STEPS; row++)
        fprintf(o.f, "%s{%s}", row ? "," : "", bar_rows[row]);
    fputs("}]\n\\addplot+[error bars/.cd, x dir=both, x explicit]"
          " coordinates {\n", o.f);
    for (int row = 0; row < STEPS; row++) {
        spread_t s = spread(st[row][0], NET_ROUNDS);
        fprintf(o.f, "  (%.2f,%d) += (%.2f,0) -= (%.2f,0)\n",
                s.med > 0 ? s.med : 0.0, row,
                s.med > 0 ? s.hi - s.med : 0.0,
                s.med > 0 ? s.med - s.lo : 0.0);
    }
    fputs("};\n\\end{axis}\n\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 2835 "chapters/companion/12-speed.nw"
enum { TRIAD_N = 1 << 23 };    /* 32 MB an array */

/* GB/s of the triad in one run; -1 if memory ran out. */
static double triad_gbs(float *a, const float *b, const float *c)
{
    if (a == NULL || b == NULL || c == NULL)
        return -1.0;
    double t0 = bench_now();
    for (long i = 0; i < TRIAD_N; i++)
        a[i] = b[i] + 0.5f * c[i];
    double t = bench_now() - t0;
    return t > 0 ? 12.0 * TRIAD_N / t / 1e9 : -1.0;
}
#line 2856 "chapters/companion/12-speed.nw"
enum { NPTS = 4 };
static const struct {
    int m, n, k;
    const char *label, *anchor;    /* where the label sits */
} pts[NPTS] = {
    {512, 512, 512, "square, $n = 512$", "south"},
    {64, 2048, 576, "head, a group", "south west"},
    {64, 256, 576, "head, $P_3$", "north east"},
    {64, 16, 576, "head, $P_5$", "east"}};

static double intensity(int m, int n, int k)
{
    return 2.0 * m * n * k / (4.0 * ((double)m * k + (double)k * n
                                     + (double)m * n));
}

/* GFLOP/s of point p in one run; a, b, c large enough. */
static double point_rate(int p, const float *a, const float *b,
                         float *c)
{
    double flop = 2.0 * pts[p].m * pts[p].n * pts[p].k;
    int iters = 1 + (int)(2e8 / flop);
    double t0 = bench_now();
    for (int i = 0; i < iters; i++)
        gemm_packed(0, 0, pts[p].m, pts[p].n, pts[p].k, a, b, c, 0);
    double t = bench_now() - t0;
    return t > 0 ? iters * flop / t / 1e9 : -1.0;
}
#line 2893 "chapters/companion/12-speed.nw"
typedef struct { double x, y; const char *label, *anchor; } mark_t;

static int roofline(const char *dir, double peak, double bw,
                    const mark_t *mk, int nmk)
{
    fig_file o;
    double x0 = 0.05, x1 = 1000.0, ridge = peak / bw;
    if (fig_open(&o, dir, "speed-roofline.tex") != 0) return -1;
    int k = 0;
    fprintf(o.f, "\\begin{tikzpicture}\n\\begin{axis}[book, name=roof,"
            " width=0.66\\textwidth,\n  xmode=log, ymode=log, xmin=%g,"
            " xmax=%g,\n  ymin=0.1, "
            "ymax=%.0f, xlabel={arithmetic intensity, flop per byte},"
            "\n  ylabel={GFLOP/s, one thread}]\n", x0, x1, 3 * peak);
    fprintf(o.f, "\\addplot[thick, mark=none] coordinates "
            "{(%g,%.4g) (%.4g,%.4g) (%g,%.4g)};\n",
            x0, bw * x0, ridge, peak, x1, peak);
    for (int i = 0; i < nmk; i++) {
        if (mk[i].y <= 0)
            continue;
        fprintf(o.f, "\\addplot[only marks, mark=*] coordinates "
                "{(%.4g,%.4g)};\n\\node[font=\\scriptsize\\bfseries, "
                "anchor=%s, inner sep=1.5pt] at (axis cs:%.4g,%.4g) "
                "{%d};\n", mk[i].x, mk[i].y, mk[i].anchor, mk[i].x,
                mk[i].y, ++k);
    }
    fputs("\\end{axis}\n\\node[anchor=north west, font=\\small, "
          "align=left] at ([xshift=3mm]roof.north east) {", o.f);
    for (int i = 0, n = 0; i < nmk; i++)
        if (mk[i].y > 0) {
            fprintf(o.f, "%s\\textbf{%d} %s", n ? "\\\\\n  " : "",
                    n + 1, mk[i].label);
            n++;
        }
    fputs("};\n\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 3115 "chapters/companion/12-speed.nw"
static int op_time(const net_t *net, int i)
{
    while (net->op[i].kind == NET_CONV && net->op[i].runs == 0)
        i--;
    return i;
}

static int born_at(const net_t *net, int a)
{
    for (int i = 0; i < net->nop; i++)
        if (net->op[i].out == a)
            return op_time(net, i);
    return 0;
}
#line 3132 "chapters/companion/12-speed.nw"
static int memory_figure(const char *dir, const net_t *net, double mb)
{
    fig_file o;
    const float *base = NULL;
    for (int a = 1; a < net->nact; a++)
        if (net->a[a].dx && (!base || net->a[a].dx < base))
            base = net->a[a].dx;
    if (base == NULL || fig_open(&o, dir, "speed-memory.tex") != 0)
        return -1;
    fprintf(o.f, "\\begin{tikzpicture}\n\\begin{axis}[book, "
            "xmin=0, xmax=%d, ymin=0, ymax=%.2f,\n  xlabel={operations"
            " of the backward pass, in the order it runs them},\n"
            "  ylabel={offset, MB}]\n", net->nop, 1.08 * mb);
    for (int a = 1; a < net->nact; a++) {
        const net_act_t *x = &net->a[a];
        double y0 = (double)(x->dx - base) * 4 / 1e6;
        double y1 = y0 + 16.0 * shape_count(x->shape) * 4 / 1e6;
        fprintf(o.f, "\\draw[fill=gray!30, line width=0.2pt] "
                "(axis cs:%d,%.4f) rectangle (axis cs:%d,%.4f);\n",
                net->nop - x->zero_at, y0, net->nop - born_at(net, a),
                y1);
    }
    fputs("\\end{axis}\n\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 3163 "chapters/companion/12-speed.nw"
static int memory_plan(const char *dir, double mb[4])
{
    net_config_t cfg = net_rtiny_config();
    net_t net;
    mb[0] = mb[1] = mb[2] = mb[3] = 0.0;
    if (net_create(&net, &cfg, 16) != 0)
        return -1;
    for (int a = 1; a < net.nact; a++)
        mb[2] += 16.0 * shape_count(net.a[a].shape) * 4 / 1e6;
    mb[0] = net.act.size * 4.0 / 1e6;
    mb[1] = net.dact.size * 4.0 / 1e6;
    mb[3] = net_scratch_size(&net) * 4.0 / 1e6;
    int rc = memory_figure(dir, &net, mb[1]);
    net_free(&net);
    return rc;
}
#line 3006 "chapters/companion/12-speed.nw"
static const double wino_bt[4][4] = {{1, 0, -1, 0}, {0, 1, 1, 0},
                                     {0, -1, 1, 0}, {0, 1, 0, -1}};
static const double wino_g[4][3] = {{1, 0, 0}, {.5, .5, .5},
                                    {.5, -.5, .5}, {0, 0, 1}};
static const double wino_at[2][4] = {{1, 1, 1, 0}, {0, 1, -1, -1}};

/* out[r][c] = sum_i sum_j l[r][i] x[i][j] l2[c][j]: L X L2^T, with
   L r x n, X n x m, L2 c x m (row strides 4). */
static void sandwich(const double *l, int r, int n, const double *x,
                     int m, const double *l2, int c, double *out)
{
    for (int a = 0; a < r; a++)
        for (int b = 0; b < c; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++)
                    sum += l[a * 4 + i] * x[i * 4 + j] * l2[b * 4 + j];
            out[a * 4 + b] = sum;
        }
}
#line 3030 "chapters/companion/12-speed.nw"
static void tex_matrix(FILE *f, const char *at, const char *name,
                       const double *x, int r, int c)
{
    fprintf(f, "\\node[align=center] at (%s) {%s\\\\[2pt]"
            "\\footnotesize\\setlength{\\arraycolsep}{2pt}$\\left("
            "\\begin{array}{%.*s}", at, name, c, "rrrr");
    for (int a = 0; a < r; a++)
        for (int b = 0; b < c; b++)
            fprintf(f, "%g%s", x[a * 4 + b] + 0.0,
                    b < c - 1 ? " & " : a < r - 1 ? " \\\\ " : "");
    fputs("\\end{array}\\right)$};\n", f);
}
#line 3045 "chapters/companion/12-speed.nw"
static int wino_figure(const char *dir)
{
    double d[16], g[16] = {0}, v[16], u[16], m[16];
    double y[16], direct[16], bt4[16], gt[16], at4[16];
    rng_t r;
    fig_file o;
    rng_seed(&r, 2016);
    for (int i = 0; i < 16; i++) {
        d[i] = (double)rng_below(&r, 7) - 3;
        bt4[i] = wino_bt[i / 4][i % 4];
        at4[i] = i < 8 ? wino_at[i / 4][i % 4] : 0;
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            g[i * 4 + j] = (double)rng_below(&r, 5) - 2;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            gt[i * 4 + j] = j < 3 ? wino_g[i][j] : 0;
    
#line 3073 "chapters/companion/12-speed.nw"
sandwich(bt4, 4, 4, d, 4, bt4, 4, v);
sandwich(gt, 4, 3, g, 3, gt, 4, u);
for (int i = 0; i < 16; i++) m[i] = u[i] * v[i];
sandwich(at4, 2, 4, m, 4, at4, 2, y);
for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++) {
        double sum = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                sum += d[(a + i) * 4 + b + j] * g[i * 4 + j];
        direct[a * 4 + b] = sum;
    }
#line 3064 "chapters/companion/12-speed.nw"
    if (fig_open(&o, dir, "speed-wino.tex") != 0) return -1;
    
#line 3088 "chapters/companion/12-speed.nw"
fputs("\\begin{tikzpicture}[font=\\small, x=1cm, y=1cm,\n"
      "  st/.style={->, >=stealth, thick, gray!70!black}]\n", o.f);
tex_matrix(o.f, "0,0", "tile $d$", d, 4, 4);
tex_matrix(o.f, "3.4,0", "$V = B^{\\mathsf T} d B$", v, 4, 4);
tex_matrix(o.f, "0,-3", "filter $g$", g, 3, 3);
tex_matrix(o.f, "3.4,-3", "$U = G g G^{\\mathsf T}$", u, 4, 4);
tex_matrix(o.f, "7.2,-1.5", "$M = U \\odot V$", m, 4, 4);
tex_matrix(o.f, "11,-0.4", "$Y = A^{\\mathsf T} M A$", y, 2, 2);
tex_matrix(o.f, "11,-2.6", "direct", direct, 2, 2);
fputs("\\draw[st] (1.2,-0.1) -- (2.0,-0.1);\n"
      "\\draw[st] (1.0,-3.1) -- (1.9,-3.1);\n"
      "\\draw[st] (4.8,-0.5) -- (5.6,-1.1);\n"
      "\\draw[st] (4.9,-2.5) -- (5.6,-1.9);\n"
      "\\node[font=\\scriptsize, gray!40!black] at (7.2,-2.7)"
      " {16 multiplications};\n"
      "\\draw[st] (8.7,-1.2) -- (10.2,-0.5);\n"
      "\\end{tikzpicture}\n", o.f);
#line 3066 "chapters/companion/12-speed.nw"
    return fig_close(&o);
}
#line 2939 "chapters/companion/12-speed.nw"
enum { NCOLS = 9 };

static void time_columns(double rate[NCOLS][MAXR])
{
    int kk = 576, m = 64, nmax = 16 << (NCOLS - 1);
    float *a = calloc((size_t)m * kk, sizeof *a);
    float *b = calloc((size_t)kk * nmax, sizeof *b);
    float *c = calloc((size_t)m * nmax, sizeof *c);
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < NCOLS; i++) {
            int n = 16 << i;
            double flop = 2.0 * m * n * kk, t0, t;
            int iters = 1 + (int)(4e8 / flop);
            if (!a || !b || !c) { rate[i][r] = -1; continue; }
            t0 = bench_now();
            for (int it = 0; it < iters; it++)
                gemm_packed(0, 0, m, n, kk, a, b, c, 0);
            t = bench_now() - t0;
            rate[i][r] = t > 0 ? iters * flop / t / 1e9 : -1;
        }
    free(a); free(b); free(c);
}
#line 2966 "chapters/companion/12-speed.nw"
static int columns_figure(const char *dir, double rate[NCOLS][MAXR])
{
    fig_file o;
    if (fig_open(&o, dir, "speed-columns.tex") != 0) return -1;
    fputs("\\begin{tikzpicture}\n\\begin{axis}[book, height=0.4"
          "\\textwidth,\n  xmode=log, log basis x=2, xmin=11, "
          "xmax=5800, ymin=0,\n  xlabel={columns $n$ of the product},"
          "\n  ylabel={GFLOP/s, one thread}]\n\\addplot+[mark=*, "
          "error bars/.cd, y dir=both, y explicit]\n  coordinates {",
          o.f);
    for (int i = 0; i < NCOLS; i++) {
        spread_t sp = spread(rate[i], ROUNDS);
        fprintf(o.f, "(%d,%.2f) -= (0,%.2f) += (0,%.2f) ", 16 << i,
                sp.med, sp.med - sp.lo, sp.hi - sp.med);
    }
    fputs("};\n\\addplot[dashed, mark=none] coordinates {", o.f);
    for (int i = 0; i < NCOLS; i++)
        fprintf(o.f, "(%d,%.2f) ", 16 << i, spread(rate[i], ROUNDS).hi);
    fputs("};\n", o.f);
    static const struct { int n; const char *what; } at[] = {
        {16, "$P_5$"}, {64, "$P_4$"}, {256, "$P_3$"},
        {2048, "a group"}};
    for (int i = 0; i < 4; i++)
        fprintf(o.f, "\\draw[gray, dashed] (axis cs:%d,0) -- "
                "(axis cs:%d,1e4);\n\\node[font=\\scriptsize, "
                "anchor=south west, rotate=90] at (axis cs:%d,0) "
                "{%s};\n", at[i].n, at[i].n, at[i].n, at[i].what);
    fputs("\\end{axis}\n\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 3185 "chapters/companion/12-speed.nw"
int main(int argc, char **argv)
{
    static double g[NSIZES][NWAYS][MAXR], st[STEPS][COLS][MAXR];
    static double cols[NCOLS][MAXR];
    double pk[2][MAXR], bw[MAXR], pr[NPTS][MAXR], dec[MAXR], mb[4];
    char cpu[256];
    if (argc != 2) {
        fprintf(stderr, "usage: fig-speed OUTDIR\n");
        return 2;
    }
    
#line 3207 "chapters/companion/12-speed.nw"
float *a = malloc(TRIAD_N * sizeof *a);
float *b = calloc(TRIAD_N, sizeof *b), *c = calloc(TRIAD_N, sizeof *c);
if (a) memset(a, 0, TRIAD_N * sizeof *a);
for (int r = 0; r < ROUNDS; r++) {
    pk[0][r] = bench_peak(1, 0.06);
    pk[1][r] = bench_peak(2, 0.06);
    bw[r] = triad_gbs(a, b, c);
    for (int p = 0; p < NPTS; p++)
        pr[p][r] = a && b && c ? point_rate(p, b, c, a) : -1.0;
}
free(a); free(b); free(c);
#line 3196 "chapters/companion/12-speed.nw"
    time_products(g);
    time_steps(st);
    time_columns(cols);
    for (int r = 0; r < ROUNDS; r++)
        dec[r] = 1e3 * bench_decode(7);
    fig_machine(cpu, sizeof cpu);
    
#line 3221 "chapters/companion/12-speed.nw"
spread_t peak = spread(pk[0], ROUNDS), band = spread(bw, ROUNDS);
fig_file o;
mark_t mk[NPTS + 3];
for (int p = 0; p < NPTS; p++)
    mk[p] = (mark_t){intensity(pts[p].m, pts[p].n, pts[p].k),
                     spread(pr[p], ROUNDS).med, pts[p].label,
                     pts[p].anchor};
mk[NPTS] = (mark_t){intensity(512, 512, 512),
                    spread(g[1][1], ROUNDS).med, "cache-aware",
                    "west"};
mk[NPTS + 1] = (mark_t){intensity(512, 512, 512),
                        spread(g[1][0], ROUNDS).med, "plain loop",
                        "west"};
mk[NPTS + 2] = (mark_t){2.0 / 12, band.med * 2 / 12, "triad",
                        "north west"};
if (gemm_table(argv[1], g, peak.med) != 0
    || steps_table(argv[1], st) != 0 || steps_bars(argv[1], st) != 0
    || roofline(argv[1], peak.med, band.med, mk, NPTS + 3) != 0
    || memory_plan(argv[1], mb) != 0 || wino_figure(argv[1]) != 0
    || columns_figure(argv[1], cols) != 0
    || fig_open(&o, argv[1], "speed-numbers.tex") != 0)
    return 1;
#line 3250 "chapters/companion/12-speed.nw"
#define DEF(...) fig_macro(o.f, __VA_ARGS__)
gemm_kernel_t k = gemm_kernel_current();
DEF("speedCPU", "%s", cpu);
DEF("speedCompiler", "%s", fig_compiler());
DEF("speedKernel", "%s", gemm_kernel_name(k));
DEF("speedLanes", "%d", gemm_kernel_lanes(k));
DEF("speedPeak", "%.0f", peak.med);
macro_spread(o.f, "speedPeakRange", peak);
macro_spread(o.f, "speedPeakTwo", spread(pk[1], ROUNDS));
DEF("speedBandwidth", "%.1f", band.med);
macro_spread(o.f, "speedBandwidthRange", band);
DEF("speedRidge", "%.0f", peak.med / band.med);
DEF("speedBlocked", "%.1f", spread(g[1][1], ROUNDS).med);
macro_spread(o.f, "speedPackedOne", spread(g[1][2], ROUNDS));
macro_spread(o.f, "speedPackedTwo", spread(g[1][3], ROUNDS));
DEF("speedPackedFrac", "%.0f", 100.0 * spread(g[1][2], ROUNDS).med
                                / peak.med);
macro_spread(o.f, "speedPackedSpeedup", ratio(g[1][2], g[1][1],
                                              ROUNDS));
spread_t two = ratio(g[1][3], g[1][2], ROUNDS);
macro_spread(o.f, "speedGemmThreads", two);
DEF("speedGemmThreadsWord", "%s", against(two, 1.0, "faster than",
    "slower than", "about as fast as"));
DEF("speedMacs", "%.0f", bench_rtiny_flop(0) / 2e6);
DEF("speedStepGflop", "%.0f", 16 * bench_rtiny_flop(1) / 1e9);
DEF("speedBlockedStepS", "%.1f", 16 * bench_rtiny_flop(1) / 1e9
                                 / spread(g[1][1], ROUNDS).med);
#line 3290 "chapters/companion/12-speed.nw"
#define NR NET_ROUNDS
#define TR(row) st[row][0]
const char *faster = "faster than", *slower = "slower than";
const char *same = "about as fast as";
spread_t wino = ratio(TR(6), TR(3), NR);
spread_t wfwd = ratio(st[6][1], st[3][1], NR);
spread_t vec = ratio(TR(6), TR(5), NR), tiles = ratio(TR(7), TR(6), NR);
spread_t thr = ratio(TR(8), TR(7), NR), batch = ratio(TR(3), TR(1), NR);
spread_t batch2 = ratio(TR(4), TR(2), NR);
spread_t all = ratio(TR(8), TR(0), NR), step = spread(TR(8), NR);
double flop = bench_rtiny_flop(1);
macro_spread(o.f, "speedTrainTwo", step);
DEF("speedTrainStepMs", "%.0f", 16e3 / step.med);
macro_spread(o.f, "speedTrainSpeedup", all);
DEF("speedRunMinutes", "%.0f", 2000 * 16 / step.med / 60);
macro_spread(o.f, "speedWinoGainOne", wino);
DEF("speedWinoWord", "%s", against(wino, 1.0, faster, slower, same));
DEF("speedWinoBoundWord", "%s", against(wino, 2.25, "above",
    "below", "near"));
macro_spread(o.f, "speedWinoInferOne", wfwd);
macro_spread(o.f, "speedVecGainOne", vec);
DEF("speedVecWord", "%s", against(vec, 1.0, faster, slower, same));
macro_spread(o.f, "speedTileGainOne", tiles);
DEF("speedTileWord", "%s", against(tiles, 1.0, faster, slower, same));
macro_spread(o.f, "speedBatchGainOne", batch);
DEF("speedBatchWord", "%s", against(batch, 1.0, faster, slower, same));
macro_spread(o.f, "speedBatchGainTwo", batch2);
DEF("speedBatchTwoWord", "%s", against(batch2, 1.0, faster, slower,
                                       same));
macro_spread(o.f, "speedThreadGain", thr);
DEF("speedThreadWord", "%s", against(thr, 1.0, faster, slower, same));
DEF("speedImageFracOne", "%.2f",
    spread(TR(1), NR).med * flop / 1e9 / peak.med);
DEF("speedBatchFracOne", "%.2f",
    spread(TR(3), NR).med * flop / 1e9 / peak.med);
#undef TR
#undef NR
#line 3278 "chapters/companion/12-speed.nw"
DEF("speedActMB", "%.0f", mb[0]);
DEF("speedGradMB", "%.1f", mb[1]);
DEF("speedGradAllMB", "%.0f", mb[2]);
DEF("speedScratchMB", "%.1f", mb[3]);
macro_spread(o.f, "speedDecodeMs", spread(dec, ROUNDS));
DEF("speedRssMib", "%.0f", bench_max_rss_mib());
#line 3244 "chapters/companion/12-speed.nw"
return fig_close(&o) ? 1 : 0;
#line 3203 "chapters/companion/12-speed.nw"
}
