#line 1854 "chapters/04-layers.nw"
/* fig-layers.c: the GEMM timing table, the gradient-check table and
   the numbers of the layers chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gemm.h"
#include "gradcheck.h"
#include "layers.h"

#line 1875 "chapters/04-layers.nw"
typedef struct { FILE *f; char tmp[520], path[512]; } outfile_t;

static int out_open(outfile_t *o, const char *dir, const char *name)
{
    if (snprintf(o->path, sizeof o->path, "%s/%s", dir, name)
        >= (int)sizeof o->path) {
        fprintf(stderr, "fig-layers: %s: path too long\n", dir);
        return -1;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp", o->path);
    o->f = fopen(o->tmp, "w");
    if (!o->f)
        fprintf(stderr, "fig-layers: %s: cannot write\n", o->tmp);
    return o->f ? 0 : -1;
}

static int out_close(outfile_t *o)
{
    int bad = ferror(o->f) | fclose(o->f);
    if (bad || rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "fig-layers: %s: write failed\n", o->path);
        return -1;
    }
    return 0;
}
#line 1906 "chapters/04-layers.nw"
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
#line 1928 "chapters/04-layers.nw"
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
#line 1956 "chapters/04-layers.nw"
static void tex_safe(char *s)
{
    char *o = s;
    for (; *s; s++)
        if (!strchr("\\{}$&#^_%~\n", *s)) *o++ = *s;
    *o = '\0';
}

static void cpu_name(char *buf, size_t size)
{
    snprintf(buf, size, "an unnamed processor");
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
            char *v = strchr(line, ':') + 1;
            while (*v == ' ' || *v == '\t') v++;
            snprintf(buf, size, "%s", v);
            break;
        }
    if (f) fclose(f);
    tex_safe(buf);
}
#line 1982 "chapters/04-layers.nw"
static const char *compiler_name(void)
{
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "an unknown C compiler";
#endif
}
#line 2053 "chapters/04-layers.nw"
static void tex_sci(FILE *f, double v)
{
    if (v < 0) { fputs("---", f); return; }
    if (v == 0) { fputs("$0$", f); return; }
    int e = (int)floor(log10(v));
    fprintf(f, "$%.1f\\times10^{%d}$", v / pow(10, e), e);
}
#line 2063 "chapters/04-layers.nw"
static int write_gradcheck_table(const char *dir, FILE *num)
{
    outfile_t o;
    if (out_open(&o, dir, "layers-gradcheck.tex") != 0) return -1;
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
    return out_close(&o);
}
#line 1996 "chapters/04-layers.nw"
static int write_gemm_table(const char *dir, FILE *num)
{
    static const int sizes[] = {64, 128, 256, 512};
    enum { NS = 4, NMAX = 512 };
    float *a = malloc(sizeof(float) * NMAX * NMAX);
    float *b = malloc(sizeof(float) * NMAX * NMAX);
    float *c = malloc(sizeof(float) * NMAX * NMAX);
    outfile_t o;
    if (!a || !b || !c || out_open(&o, dir, "layers-gemm.tex") != 0) {
        free(a); free(b); free(c);
        return -1;
    }
    for (int i = 0; i < NMAX * NMAX; i++) {
        a[i] = (float)(i % 7) - 3.0f;
        b[i] = (float)(i % 5) - 2.0f;
    }
    double g[NS][3];
    
#line 2021 "chapters/04-layers.nw"
for (int s = 0; s < NS; s++) {
    g[s][0] = gflops(gemm_naive, sizes[s], a, b, c);
    g[s][1] = gflops(gemm_ikj, sizes[s], a, b, c);
    g[s][2] = gflops(gemm_blocked, sizes[s], a, b, c);
}
#line 2014 "chapters/04-layers.nw"
    
#line 2029 "chapters/04-layers.nw"
char cpu[256];
cpu_name(cpu, sizeof cpu);
fprintf(o.f, "\\begin{tabular}{rrrr}\n\\toprule\n"
        "$n$ & plain ($i$-$j$-$k$) & reordered ($i$-$k$-$j$)"
        " & blocked \\\\\n\\midrule\n");
for (int s = 0; s < NS; s++)
    fprintf(o.f, "%d & %.2f & %.2f & %.2f \\\\\n", sizes[s],
            g[s][0], g[s][1], g[s][2]);
fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
fprintf(num, "\\newcommand{\\layersCPU}{%s}\n", cpu);
fprintf(num, "\\newcommand{\\layersCompiler}{%s}\n",
        compiler_name());
fprintf(num, "\\newcommand{\\layersGemmBigN}{%d}\n", sizes[NS - 1]);
fprintf(num, "\\newcommand{\\layersGemmNaiveBig}{%.2f}\n",
        g[NS - 1][0]);
fprintf(num, "\\newcommand{\\layersGemmBlockedBig}{%.2f}\n",
        g[NS - 1][2]);
fprintf(num, "\\newcommand{\\layersGemmSpeedup}{%.0f}\n",
        g[NS - 1][2] / g[NS - 1][0]);
#line 2015 "chapters/04-layers.nw"
    free(a); free(b); free(c);
    return out_close(&o);
}
#line 2098 "chapters/04-layers.nw"
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
    outfile_t num;
    if (out_open(&num, argv[1], "layers-numbers.tex") != 0)
        return 1;
    write_constants(num.f);
    if (write_gradcheck_table(argv[1], num.f) != 0
        || write_gemm_table(argv[1], num.f) != 0) {
        fclose(num.f);
        return 1;
    }
    return out_close(&num) != 0;
}
