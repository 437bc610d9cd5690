#line 664 "chapters/companion/04-layers.nw"
/* fig-layers.c: the GEMM timing table, the gradient-check table and
   the numbers of the layers chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "figout.h"
#include "gemm.h"
#include "gradcheck.h"
#include "layers.h"

#line 687 "chapters/companion/04-layers.nw"
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
#line 709 "chapters/companion/04-layers.nw"
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
#line 813 "chapters/companion/04-layers.nw"
static void tex_sci(FILE *f, double v)
{
    if (v < 0) { fputs("---", f); return; }
    if (v == 0) { fputs("$0$", f); return; }
    int e = (int)floor(log10(v));
    fprintf(f, "$%.1f\\times10^{%d}$", v / pow(10, e), e);
}
#line 823 "chapters/companion/04-layers.nw"
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
#line 739 "chapters/companion/04-layers.nw"
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
    
#line 764 "chapters/companion/04-layers.nw"
for (int s = 0; s < NS; s++) {
    g[s][0] = gflops(gemm_naive, sizes[s], a, b, c);
    g[s][1] = gflops(gemm_ikj, sizes[s], a, b, c);
    g[s][2] = gflops(gemm_blocked, sizes[s], a, b, c);
}
#line 757 "chapters/companion/04-layers.nw"
    
#line 772 "chapters/companion/04-layers.nw"
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
#line 797 "chapters/companion/04-layers.nw"
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
#line 758 "chapters/companion/04-layers.nw"
    free(a); free(b); free(c);
    return fig_close(&o);
}
#line 858 "chapters/companion/04-layers.nw"
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
        || write_gemm_table(argv[1], num.f) != 0) {
        fclose(num.f);
        return 1;
    }
    return fig_close(&num) != 0;
}
