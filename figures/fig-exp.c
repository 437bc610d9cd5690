#line 1368 "chapters/companion/13-experiments.nw"
/* fig-exp.c: the experiments' verdicts, tables, curves and sentences.
   Usage: fig-exp OUTDIR (reads build/exp/, which `make experiments`
   writes, and build/train-model.ckpt, which `make train` writes). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checkpoint.h"
#include "exper.h"
#include "figout.h"

#define EXP "build/exp"
#define MODEL "build/train-model.ckpt"
enum { ROWS = 2000, MAXSEEDS = 32, MAXLIST = 4000, NAME = 96,
       SHARE_SCENES = 100, CDF_SCENES = 200 };

#line 1407 "chapters/companion/13-experiments.nw"
static char listed[MAXLIST][NAME];
static int nlisted;

static int list_read(void)
{
    FILE *f = fopen(EXP "/list.txt", "r");
    char line[1024];
    while (f && nlisted < MAXLIST && fgets(line, sizeof line, f))
        if (sscanf(line, "%95s", listed[nlisted]) == 1) nlisted++;
    if (f) fclose(f);
    if (nlisted == 0)
        fprintf(stderr, "fig-exp: no " EXP "/list.txt (run make"
                " experiments)\n");
    return nlisted ? 0 : -1;
}

static int in_list(const char *name)
{
    for (int i = 0; i < nlisted; i++)
        if (!strcmp(listed[i], name)) return 1;
    return 0;
}
#line 1435 "chapters/companion/13-experiments.nw"
typedef struct {
    char name[NAME];
    train_log_row_t rows[ROWS];
    int n, failed;
    double ap[3];
    double cpu;          /* user + system seconds of the run */
} run_t;

static run_t *run_read(const char *name)
{
    run_t *r = calloc(1, sizeof *r);
    char path[256], key[128] = "";
    if (!r) exit(1);
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(path, sizeof path, EXP "/%s/key", name);
    FILE *f = fopen(path, "r");
    if (f) { if (!fgets(key, sizeof key, f)) key[0] = 0; fclose(f); }
    snprintf(path, sizeof path, EXP "/%s/log.csv", name);
    r->n = key[0] ? train_log_read(path, r->rows, ROWS) : 0;
    r->failed = strstr(key, "failed") != NULL;
    if (r->n == 0 && !r->failed) {
        fprintf(stderr, "fig-exp: no finished run %s in " EXP
                " (run make experiments)\n", name);
        exit(1);
    }
    for (int i = 0; i < r->n && !r->failed; i++)
        if (r->rows[i].val)
            memcpy(r->ap, r->rows[i].ap, sizeof r->ap);
    
#line 1471 "chapters/companion/13-experiments.nw"
snprintf(path, sizeof path, EXP "/%s/times.txt", name);
if ((f = fopen(path, "r")) != NULL) {
    double m1, s1, m2, s2;
    char line[128];
    if (fgets(line, sizeof line, f) && fgets(line, sizeof line, f)
        && sscanf(line, "%lfm%lfs %lfm%lfs", &m1, &s1, &m2, &s2) == 4)
        r->cpu = 60 * (m1 + m2) + s1 + s2;
    fclose(f);
}
#line 1464 "chapters/companion/13-experiments.nw"
    return r;
}
#line 1486 "chapters/companion/13-experiments.nw"
typedef struct {
    char name[NAME];
    int n, failed;
    run_t *run[MAXSEEDS];
    double ap[MAXSEEDS];     /* AP of each seed, 0 for a failed run */
    double mean, half;       /* mean AP and its 95 % half-width */
} setting_t;

static int runs_read;
static double cpu_read;

static setting_t *setting(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static setting_t *setting(const char *fmt, ...)
{
    setting_t *s = calloc(1, sizeof *s);
    char name[NAME + 8];
    va_list ap;
    if (!s) exit(1);
    static setting_t *seen[256];
    static int nseen;
    va_start(ap, fmt);
    vsnprintf(s->name, sizeof s->name, fmt, ap);
    va_end(ap);
    for (int k = 0; k < nseen; k++)
        if (!strcmp(seen[k]->name, s->name)) {
            free(s);
            return seen[k];
        }
    if (nseen < 256) seen[nseen++] = s;
    for (int i = 0; i < MAXSEEDS; i++) {
        snprintf(name, sizeof name, "%s-s%d", s->name, i + 1);
        if (!in_list(name)) break;
        s->run[i] = run_read(name);
        s->ap[i] = s->run[i]->ap[0];
        s->failed += s->run[i]->failed;
        cpu_read += s->run[i]->cpu;
        runs_read++;
        s->n++;
    }
    double sum = 0, ss = 0;
    for (int i = 0; i < s->n; i++) sum += s->ap[i];
    s->mean = s->n ? sum / s->n : 0;
    for (int i = 0; i < s->n; i++)
        ss += (s->ap[i] - s->mean) * (s->ap[i] - s->mean);
    s->half = s->n > 1 ? exper_t95(s->n - 1) * sqrt(ss / (s->n - 1))
                         / sqrt(s->n) : 0;
    return s;
}

/* The paired interval of a - b over the seeds both have. */
static exper_ci_t paired(const setting_t *a, const setting_t *b)
{
    exper_ci_t ci;
    int n = a->n < b->n ? a->n : b->n;
    if (exper_paired(a->ap, b->ap, n, &ci))
        ci = (exper_ci_t){n, NAN, NAN, NAN, NAN};
    return ci;
}
#line 1556 "chapters/companion/13-experiments.nw"
static const char *ci_text(const exper_ci_t *ci)
{
    static char buf[8][96];
    static int k;
    char *b = buf[k++ % 8];
    if (ci->n < 2 || isnan(ci->mean))
        snprintf(b, 96, "not run");
    else
        snprintf(b, 96, "$%+.3f$ [$%+.3f$, $%+.3f$], %d pairs",
                 ci->mean, ci->lo, ci->hi, ci->n);
    return b;
}

enum { MIN_PAIRS = 5 };

static const char *verdict(const exper_ci_t *ci)
{
    if (ci->n < 2 || isnan(ci->mean)) return "not run in this tier";
    static char few[64];
    if (ci->n < MIN_PAIRS) {
        snprintf(few, sizeof few, "undecided: fewer than %d pairs",
                 MIN_PAIRS);
        return few;
    }
    int v = exper_verdict(ci);
    return v > 0 ? "reproduced" : v < 0 ? "not reproduced"
                 : "inconclusive at this budget";
}

/* "better than", "worse than" or "not distinguishable from". */
static const char *compared(const exper_ci_t *ci)
{
    if (ci->n < 2 || isnan(ci->mean)) return "not compared with";
    if (ci->n < MIN_PAIRS)
        return "not yet compared, at too few pairs, with";
    int v = exper_verdict(ci);
    return v > 0 ? "better than" : v < 0 ? "worse than"
                 : "not distinguishable from";
}

static void ci_macros(FILE *f, const char *name, const exper_ci_t *ci)
{
    char m[64];
    snprintf(m, sizeof m, "%sCI", name);
    fig_macro(f, m, "%s", ci_text(ci));
    snprintf(m, sizeof m, "%sWord", name);
    fig_macro(f, m, "%s", compared(ci));
    snprintf(m, sizeof m, "%sVerdict", name);
    fig_macro(f, m, "%s", verdict(ci));
}

static const char *ap_text(const setting_t *s)
{
    static char buf[8][64];
    static int k;
    char *b = buf[k++ % 8];
    if (s->n == 0) snprintf(b, 64, "--");
    else if (s->n == 1) snprintf(b, 64, "%.3f", s->mean);
    else snprintf(b, 64, "%.3f $\\pm$ %.3f", s->mean, s->half);
    return b;
}
#line 1623 "chapters/companion/13-experiments.nw"
static FILE *verdicts;

static void claim(const char *what, const char *paper,
                  const exper_ci_t *ci)
{
    fprintf(verdicts, "%s & %s & ", what, paper);
    if (ci->n < 2 || isnan(ci->mean))
        fputs("not run & &", verdicts);
    else
        fprintf(verdicts, "$%+.3f$ [$%+.3f$, $%+.3f$] & %d &",
                ci->mean, ci->lo, ci->hi, ci->n);
    fprintf(verdicts, " %s\\\\\n", verdict(ci));
}
#line 1641 "chapters/companion/13-experiments.nw"
enum { NA = 5, NG = 5 };
static const double alphas[NA] = {0.25, 0.5, 0.75, 0.9, 0.99};
static const double gammas[NG] = {0, 0.5, 1, 2, 5};
static setting_t *ce[NA], *grid[NG][3];

static void table_a(FILE *t)
{
    static const char *paper[NA] = {"10.8", "30.2", "31.1", "30.8",
                                    "28.7"};
    fputs("\\begin{tabular}{@{}lrrl@{}}\n\\toprule\n$\\alpha$ &"
          " runs & AP (mean $\\pm$ 95\\%) & paper's AP\\\\\n"
          "\\midrule\n", t);
    for (int a = 0; a < NA; a++)
        fprintf(t, "%g & %d & %s & %s\\\\\n", alphas[a], ce[a]->n,
                ap_text(ce[a]), paper[a]);
    fputs("\\bottomrule\n\\end{tabular}\n", t);
}

/* The alpha of row g of the grid (seed 1) with the highest AP. */
static int grid_best(int g)
{
    int b = 0;
    for (int a = 1; a < 3; a++)
        if (grid[g][a]->ap[0] > grid[g][b]->ap[0]) b = a;
    return b;
}

static void table_b(FILE *t, FILE *f)
{
    static const char *paper[NG] = {".75: 31.1", ".50: 32.9",
                                    ".25: 33.7", ".25: 34.0",
                                    ".25: 32.2"};
    int falls = 1;
    fputs("\\begin{tabular}{@{}lrrrl@{}}\n\\toprule\n & "
          "\\multicolumn{3}{c}{AP at $\\alpha =$ (seed 1)} &"
          " paper's best\\\\\n$\\gamma$ & .25 & .5 & .75 &"
          " $\\alpha$: AP\\\\\n\\midrule\n", t);
    for (int g = 0; g < NG; g++) {
        int b = grid_best(g);
        fprintf(t, "%g", gammas[g]);
        for (int a = 0; a < 3; a++)
            fprintf(t, a == b ? " & \\textbf{%.3f}" : " & %.3f",
                    grid[g][a]->ap[0]);
        fprintf(t, " & %s\\\\\n", paper[g]);
        if (g) falls &= grid_best(g) <= grid_best(g - 1);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", t);
    fig_macro(f, "expBestAlphas", "%g, %g, %g, %g and %g",
              alphas[grid_best(0)], alphas[grid_best(1)],
              alphas[grid_best(2)], alphas[grid_best(3)],
              alphas[grid_best(4)]);
    fig_macro(f, "expAlphaTrend", "%s", falls
              ? "never rises from one row to the next, the paper's"
                " pattern"
              : "does not fall steadily from row to row");
}
#line 1702 "chapters/companion/13-experiments.nw"
static void table_d(FILE *t, setting_t *const *s, const setting_t *fl)
{
    static const char *what[4] = {"CE, all anchors", "CE, HNM 3:1",
        "CE, OHEM (128, NMS .7)", "CE, OHEM 1:3 (128, NMS .7)"};
    fputs("\\begin{tabular}{@{}lrl@{}}\n\\toprule\nmethod & AP (mean"
          " $\\pm$ 95\\%) & FL minus it\\\\\n\\midrule\n", t);
    for (int k = 0; k < 4; k++) {
        exper_ci_t ci = paired(fl, s[k]);
        fprintf(t, "%s & %s & %s\\\\\n", what[k], ap_text(s[k]),
                ci_text(&ci));
    }
    fprintf(t, "\\midrule\nFL, $\\gamma = 2$, $\\alpha = .25$ & %s &"
            "\\\\\n\\bottomrule\n\\end{tabular}\n", ap_text(fl));
}
#line 1722 "chapters/companion/13-experiments.nw"
static void table_prior(FILE *t, FILE *f, setting_t *const *p)
{
    static const char *what[4] = {"$\\pi = .01$, clipped (the book's)",
        "no prior, clipped", "$\\pi = .01$, not clipped",
        "no prior, not clipped"};
    fputs("\\begin{tabular}{@{}lrrl@{}}\n\\toprule\nCE, $\\alpha ="
          " .75$ & failed & AP (mean $\\pm$ 95\\%) & it minus the"
          " book's\\\\\n\\midrule\n", t);
    for (int k = 0; k < 4; k++) {
        exper_ci_t ci = paired(p[k], p[0]);
        fprintf(t, "%s & %d of %d & %s & %s\\\\\n", what[k],
                p[k]->failed, p[k]->n, ap_text(p[k]),
                k ? ci_text(&ci) : "");
    }
    fputs("\\bottomrule\n\\end{tabular}\n", t);
    fig_macro(f, "expPriorFailedRuns", "%d", p[1]->failed
              + p[2]->failed + p[3]->failed);
    fig_macro(f, "expPriorRuns", "%d", p[1]->n + p[2]->n + p[3]->n);
    fig_macro(f, "expNoPriorNoClipFailed", "%d of %d", p[3]->failed,
              p[3]->n);
}

static void words_prior(FILE *f, run_t *const *p)
{
    int last = p[0]->n - 1;
    fig_macro(f, "expPriorSteps", "%ld", p[0]->rows[last].iter);
    fig_macro(f, "expPriorCEFirst", "%.3g", p[0]->rows[0].cls);
    fig_macro(f, "expPriorCENoneFirst", "%.3g", p[1]->rows[0].cls);
    fig_macro(f, "expPriorFLFirst", "%.3g", p[2]->rows[0].cls);
    fig_macro(f, "expPriorFLNoneFirst", "%.3g", p[3]->rows[0].cls);
    fig_macro(f, "expPriorCERatio", "%.0f",
              p[1]->rows[0].cls / p[0]->rows[0].cls);
    fig_macro(f, "expPriorFLRatio", "%.0f",
              p[3]->rows[0].cls / p[2]->rows[0].cls);
}
#line 1765 "chapters/companion/13-experiments.nw"
enum { LEVELS = 3, IMB_SCENES = 2000 };

static double level_ratio(const setting_t *s)
{
    checkpoint_t ck;
    char err[DATA_ERR_SIZE], path[256];
    snprintf(path, sizeof path, EXP "/%s/model.ckpt", s->run[0]->name);
    if (checkpoint_read(path, &ck, err, sizeof err)) {
        fprintf(stderr, "fig-exp: %s\n", err);
        exit(1);
    }
    double r = exper_imbalance(&ck.cfg.scenes, SCENE_SEED, IMB_SCENES);
    checkpoint_free(&ck);
    return r;
}

static int imbalance(const char *dir, FILE *f, setting_t *const *fl,
                     setting_t *(*cel)[2])
{
    fig_file o;
    double gain[LEVELS][MAXSEEDS], zero[MAXSEEDS] = {0};
    int n[LEVELS];
    if (fig_open(&o, dir, "exp-imbalance.dat")) return -1;
    fputs("ratio gain lo hi pairs\n", o.f);
    for (int l = 0; l < LEVELS; l++) {
        const setting_t *c = cel[l][0]->mean >= cel[l][1]->mean
                             ? cel[l][0] : cel[l][1];
        exper_ci_t ci = paired(fl[l], c);
        double r = level_ratio(fl[l]);
        char m[32];
        n[l] = ci.n;
        for (int i = 0; i < ci.n; i++)
            gain[l][i] = fl[l]->ap[i] - c->ap[i];
        fprintf(o.f, "%.1f %.4f %.4f %.4f %d\n", r, ci.mean, ci.lo,
                ci.hi, ci.n);
        snprintf(m, sizeof m, "expImbRatio%c", 'A' + l);
        fig_macro(f, m, "%.0f", r);
        snprintf(m, sizeof m, "expImbGain%c", 'A' + l);
        ci_macros(f, m, &ci);
    }
    int k = n[0] < n[LEVELS - 1] ? n[0] : n[LEVELS - 1];
    exper_ci_t d;
    for (int i = 0; i < k; i++) zero[i] = gain[0][i];
    if (exper_paired(gain[LEVELS - 1], zero, k, &d))
        d = (exper_ci_t){k, NAN, NAN, NAN, NAN};
    ci_macros(f, "expImbTrend", &d);
    claim("the focal loss gains more over CE at the paper's"
          " imbalance (sparsest scenes minus the book's)", "--", &d);
    fig_macro(f, "expImbFew", "%d", n[1]);
    fig_macro(f, "expImbScenes", "%d", IMB_SCENES);
    /* Why the last level changes the sizes too: how far the count
       alone goes, against the paper's order of a thousand. */
    double rb = level_ratio(fl[1]);
    fig_macro(f, "expImbCountAlone", "fewer objects alone reach"
              " %.0f background anchors per foreground one, %s the"
              " paper's order of a thousand", rb,
              rb < 1000 ? "short of" : "beyond");
    return fig_close(&o);
}
#line 1834 "chapters/companion/13-experiments.nw"
/* Steps of a setting's runs: the last row of its first run's log. */
static long steps_of(const setting_t *s)
{
    return s->n ? s->run[0]->rows[s->run[0]->n - 1].iter : 0;
}

/* The paired interval of FL minus C in *CI, and the processor
   seconds that telling its mean from zero takes: (1.96 s_d/d)^2
   pairs at the mean cost of one pair; 0 with fewer than 2 pairs. */
static double resolve_cpu(const setting_t *fl, const setting_t *c,
                          exper_ci_t *ci, double *pair_cpu)
{
    double cost = 0;
    *ci = paired(fl, c);
    for (int i = 0; i < ci->n; i++)
        cost += fl->run[i]->cpu + c->run[i]->cpu;
    *pair_cpu = ci->n ? cost / ci->n : 0;
    if (ci->n < 2) return 0;
    return ceil(pow(1.96 * ci->sd / fmax(fabs(ci->mean), 1e-4), 2))
           * *pair_cpu;
}

static void schedule_row(FILE *t, FILE *f, const char *label,
                         const char *tag, const setting_t *fl,
                         const setting_t *c)
{
    exper_ci_t ci;
    double cost, need = resolve_cpu(fl, c, &ci, &cost);
    char m[32];
    if (ci.n < 2) {
        fprintf(t, "%s & -- & \\multicolumn{7}{l}{run in the full tier"
                " only}\\\\\n", label);
        return;
    }
    fprintf(t, "%s & %ld & %s & %s & $%+.3f$ [$%+.3f$, $%+.3f$] & %d &"
            " %.3f & %.0f & %.0f\\\\\n", label, steps_of(fl),
            ap_text(fl), ap_text(c), ci.mean, ci.lo, ci.hi, ci.n,
            ci.sd, cost, need / 60);
    snprintf(m, sizeof m, "expSched%s", tag);
    ci_macros(f, m, &ci);
    snprintf(m, sizeof m, "expSched%sMinutes", tag);
    fig_macro(f, m, "%.0f", need / 60);
}

static void table_schedule(FILE *t, FILE *f, setting_t *const *s)
{
    fputs("\\begin{tabular}{@{}lrlllrrrr@{}}\n\\toprule\nschedule &"
          " steps & FL & CE, $\\alpha = .75$ & FL minus CE ($d$) &"
          " pairs & $s_d$ & CPU-s/pair & CPU-min to resolve $d$"
          "\\\\\n"
          "\\midrule\n",
          t);
    schedule_row(t, f, "the grid's", "Short", s[0], s[1]);
    schedule_row(t, f, "the longer", "Long", s[2], s[3]);
    fputs("\\bottomrule\n\\end{tabular}\n", t);
    exper_ci_t a, l;
    double pa, pl;
    double ea = resolve_cpu(s[0], s[1], &a, &pa);
    double eb = resolve_cpu(s[2], s[3], &l, &pl);
    if (l.n >= 2)
        fig_macro(f, "expSchedLongSentence", "at the longer schedule"
                  " (%ld steps) the focal loss is %s cross entropy at"
                  " $\\alpha = .75$ (%s)", steps_of(s[2]),
                  compared(&l), ci_text(&l));
    else
        fig_macro(f, "expSchedLongSentence", "%s", "this tier does"
                  " not run it; the full tier (\\texttt{make"
                  " EXPERIMENTS=full}) does");
    claim("the focal loss beats CE at $\\alpha = .75$ at the longer"
          " schedule", "$+2.9$", &l);
    if (l.n >= 2 && a.n >= 2)
        fig_macro(f, "expSchedChoice", "%s", ea <= eb
                  ? "the grid's schedule tells the difference it shows"
                    " from zero for less processor time than the longer"
                    " one tells its own, so it gives more signal per"
                    " processor-second"
                  : "the longer schedule tells the difference it shows"
                    " from zero for less processor time than the grid's"
                    " tells its own, so it gives more signal per"
                    " processor-second, although each run costs more");
    else
        fig_macro(f, "expSchedChoice", "%s", "the full tier, which"
                  " runs the longer schedule, compares the two");
}
#line 1923 "chapters/companion/13-experiments.nw"
static int curves(const char *dir, const char *file, run_t *const *r,
                  int n)
{
    fig_file o;
    if (fig_open(&o, dir, file)) return -1;
    fputs("iter", o.f);
    for (int k = 0; k < n; k++) fprintf(o.f, " r%d", k);
    fputc('\n', o.f);
    for (int i = 0; i < r[0]->n; i++) {
        fprintf(o.f, "%ld", r[0]->rows[i].iter);
        for (int k = 0; k < n; k++)
            fprintf(o.f, i < r[k]->n ? " %.5g" : " nan",
                    i < r[k]->n ? r[k]->rows[i].cls : 0);
        fputc('\n', o.f);
    }
    return fig_close(&o);
}

static int pairs_plot(const char *dir, const setting_t *a,
                      const setting_t *b)
{
    fig_file o;
    int n = a->n < b->n ? a->n : b->n;
    if (fig_open(&o, dir, "exp-pairs.dat")) return -1;
    fputs("seed x ap\n", o.f);
    for (int i = 0; i < n; i++)
        fprintf(o.f, "%d 0 %.4f\n%d 1 %.4f\n%d nan nan\n", i + 1,
                b->ap[i], i + 1, a->ap[i], i + 1);
    return fig_close(&o);
}
#line 1959 "chapters/companion/13-experiments.nw"
static long grid_iters;  /* the steps of a grid run */

static void ratio(FILE *f, const char *name, double r)
{
    if (r < 10) fig_macro(f, name, "%.1f", r);
    else if (r < 100) fig_macro(f, name, "%.0f", r);
    else fig_macro(f, name, "%.0f", 10 * round(r / 10));
}

static int top_shares(const char *dir, const double *x, long n, int nq)
{
    enum { POINTS = 200 };
    fig_file o;
    if (n < 1 || fig_open(&o, dir, "exp-top-bg.dat")) return -1;
    fputs("top g0 g05 g1 g2\n", o.f);
    for (int j = 0; j <= POINTS; j++) {
        long k = (long)ceil(pow((double)n, (double)j / POINTS));
        fprintf(o.f, "%.4g", (double)k / n);
        for (int q = 0; q < nq; q++) {
            const double *xq = x + (size_t)q * n;
            double total = 0, top = 0;
            for (long i = 0; i < n; i++) {
                total += xq[i];
                if (i >= n - k) top += xq[i];
            }
            fprintf(o.f, " %.5f", total > 0 ? top / total : 0);
        }
        fputc('\n', o.f);
    }
    return fig_close(&o);
}

static int distribution(const char *dir, FILE *f)
{
    static const double g[4] = {0, 0.5, 1, 2};
    static double fr[EXPER_CDF_POINTS], cum[4][EXPER_CDF_POINTS];
    checkpoint_t ck;
    net_t net;
    layer_ctx_t ctx;
    exper_losses_t l;
    fig_file o;
    char err[DATA_ERR_SIZE];
    int bad = 0;
    if (checkpoint_read(MODEL, &ck, err, sizeof err)
        || checkpoint_net(&net, &ck, 16)
        || layer_ctx_init(&ctx, net_scratch_size(&net))
        || layer_ctx_set_threads(&ctx, 2)
        || exper_losses(&ctx, &net, &ck.cfg.anchors, ck.cfg.seed,
                        CDF_SCENES, g, 4, &l)) {
        fprintf(stderr, "fig-exp: %s: cannot compute the losses"
                " (run make train)\n", MODEL);
        return -1;
    }
    ratio(f, "expDefaultRatio", grid_iters > 0
          ? (double)ck.cfg.sgd.max_iter / grid_iters : 0);
    
#line 2024 "chapters/companion/13-experiments.nw"
for (int side = 0; side < 2 && !bad; side++) {
    static const char *q_name[4] = {"CE", "Half", "One", "Two"};
    long n = side ? l.nbg : l.nfg;
    double *x = side ? l.bg : l.fg;
    char name[32];
    double sh[4];
    for (int q = 0; q < 4; q++) {
        exper_cdf(x + q * n, n, EXPER_CDF_POINTS, fr, cum[q]);
        snprintf(name, sizeof name, "exp%sHalf%s", side ? "Bg" : "Fg",
                 q_name[q]);
        sh[q] = exper_share(x + q * n, n, .5);
        fig_macro(f, name, "%.3g", 100 * sh[q]);
    }
    snprintf(name, sizeof name, "exp%sRatio", side ? "Bg" : "Fg");
    double r = sh[3] > 0 ? sh[0] / sh[3] : 0;
    ratio(f, name, r >= 1 || r == 0 ? r : 1 / r);
    snprintf(name, sizeof name, "exp%sRatioWord", side ? "Bg" : "Fg");
    fig_macro(f, name, "%s", r >= 1 ? "smaller" : "larger");
    if (side && top_shares(dir, x, n, 4)) {
        bad = 1;
        break;
    }
    if (!side)
        fig_macro(f, "expSentFg", "%s", sh[0] < 1.5 * sh[3]
                  ? "As in the paper, $\\gamma$ changes the foreground"
                    " curves little"
                  : "Unlike the paper's, our foreground curves do move"
                    " with $\\gamma$: $\\gamma = 2$ concentrates the"
                    " positives' loss on the hardest ones too");
    bad = fig_open(&o, dir, side ? "exp-cdf-bg.dat" : "exp-cdf-fg.dat");
    if (bad) break;
    fputs("frac g0 g05 g1 g2\n", o.f);
    for (int j = 0; j < EXPER_CDF_POINTS; j++)
        fprintf(o.f, "%.4f %.5f %.5f %.5f %.5f\n", fr[j], cum[0][j],
                cum[1][j], cum[2][j], cum[3][j]);
    bad = fig_close(&o);
}
fig_macro(f, "expCdfScenes", "%d", CDF_SCENES);
fig_macro(f, "expCdfFg", "%ld", l.nfg);
fig_macro(f, "expCdfBg", "%ld", l.nbg);
#line 2015 "chapters/companion/13-experiments.nw"
    exper_losses_free(&l);
    layer_ctx_free(&ctx);
    net_free(&net);
    checkpoint_free(&ck);
    return bad;
}
#line 2071 "chapters/companion/13-experiments.nw"
static void grid_facts(FILE *f, const run_t *r)
{
    checkpoint_t ck;
    char err[DATA_ERR_SIZE], path[256], line[256];
    int val = 0;
    snprintf(path, sizeof path, EXP "/%s/model.ckpt", r->name);
    if (checkpoint_read(path, &ck, err, sizeof err)) {
        fprintf(stderr, "fig-exp: %s\n", err);
        exit(1);
    }
    snprintf(path, sizeof path, EXP "/%s/out.txt", r->name);
    FILE *in = fopen(path, "r");
    while (in && fgets(line, sizeof line, in))
        sscanf(line, "validation, %d scenes", &val);
    if (in) fclose(in);
    fig_macro(f, "expIters", "%ld", ck.cfg.sgd.max_iter);
    fig_macro(f, "expBatch", "%d", ck.cfg.batch);
    fig_macro(f, "expImages", "%ld",
              ck.cfg.sgd.max_iter * ck.cfg.batch);
    fig_macro(f, "expLR", "%g", ck.cfg.sgd.lr);
    fig_macro(f, "expDepth", "%d", ck.cfg.net.head_depth);
    fig_macro(f, "expVal", "%d", val);
    fig_macro(f, "expHnmRatio", "%d", SAMPLING_HNM_RATIO);
    fig_macro(f, "expHnmMin", "%d", SAMPLING_HNM_MIN);
    fig_macro(f, "expOhemB", "%d", SAMPLING_OHEM_BATCH);
    fig_macro(f, "expOhemNms", "%g", SAMPLING_OHEM_NMS);
    grid_iters = ck.cfg.sgd.max_iter;
    checkpoint_free(&ck);
}
#line 2106 "chapters/companion/13-experiments.nw"
static void wall(FILE *f, int runs)
{
    FILE *in = fopen(EXP "/wall.txt", "r");
    int n = 0;
    long s = 0;
    if (in) {
        if (fscanf(in, "%d runs in %ld s", &n, &s) != 2) n = 0;
        fclose(in);
    }
    if (n >= runs)
        fig_macro(f, "expWallPhrase", "%.1f minutes of wall-clock time"
                  " (on a machine shared with other work) and ",
                  s / 60.0);
    else
        fig_macro(f, "expWallPhrase", "%s", "");
}
#line 2133 "chapters/companion/13-experiments.nw"
static exper_ci_t shares(const setting_t *s, FILE *f)
{
    static const double g[2] = {0, 2};
    double x[MAXSEEDS], y[MAXSEEDS];
    exper_ci_t ci;
    int n = 0;
    for (int i = 0; i < s->n; i++) {
        checkpoint_t ck;
        net_t net;
        layer_ctx_t ctx;
        exper_losses_t l;
        char err[DATA_ERR_SIZE], path[256];
        snprintf(path, sizeof path, EXP "/%s/model.ckpt",
                 s->run[i]->name);
        if (s->run[i]->failed) continue;
        if (checkpoint_read(path, &ck, err, sizeof err)
            || checkpoint_net(&net, &ck, 16)
            || layer_ctx_init(&ctx, net_scratch_size(&net))
            || layer_ctx_set_threads(&ctx, 2)
            || exper_losses(&ctx, &net, &ck.cfg.anchors, SCENE_SEED,
                            SHARE_SCENES, g, 2, &l)) {
            fprintf(stderr, "fig-exp: %s: cannot compute the losses\n",
                    path);
            exit(1);
        }
        double *fr = malloc(EXPER_CDF_POINTS * 2 * sizeof *fr);
        if (!fr) exit(1);
        for (int q = 0; q < 2; q++)
            exper_cdf(l.bg + q * l.nbg, l.nbg, EXPER_CDF_POINTS, fr,
                      fr + EXPER_CDF_POINTS);
        x[n] = 100 * exper_share(l.bg, l.nbg, .5);
        y[n++] = 100 * exper_share(l.bg + l.nbg, l.nbg, .5);
        free(fr);
        exper_losses_free(&l);
        layer_ctx_free(&ctx);
        net_free(&net);
        checkpoint_free(&ck);
    }
    if (exper_paired(x, y, n, &ci))
        ci = (exper_ci_t){n, NAN, NAN, NAN, NAN};
    ci_macros(f, "expClaimShare", &ci);
    return ci;
}

#line 2183 "chapters/companion/13-experiments.nw"
static setting_t *ce_best(void)
{
    int b = 0;
    for (int a = 1; a < 4; a++)
        if (ce[a]->mean > ce[b]->mean) b = a;
    return ce[b];
}

static void claims(FILE *f, const setting_t *fl, const setting_t *fl75,
                   setting_t *const *samp, setting_t *const *prior)
{
    const setting_t *b = ce_best();
    exper_ci_t ci;
    char what[160];
    ci = paired(ce[2], ce[0]);
    ci_macros(f, "expClaimCEa", &ci);
    claim("CE's best $\\alpha$ is high: $\\alpha = .75$ beats $.25$",
          "$+20.3$", &ci);
    ci = paired(ce[2], ce[1]);
    ci_macros(f, "expClaimCEb", &ci);
    claim("\\quad and beats $\\alpha = .5$", "$+0.9$", &ci);
    ci = paired(fl, b);
    ci_macros(f, "expClaimFL", &ci);
    snprintf(what, sizeof what, "FL ($\\gamma = 2$, $\\alpha = .25$)"
             " beats the best CE (here $\\alpha = %g$)",
             alphas[b == ce[0] ? 0 : b == ce[1] ? 1 : b == ce[2] ? 2
                    : 3]);
    claim(what, "$+2.9$", &ci);
    
#line 2256 "chapters/companion/13-experiments.nw"
{
    double x[MAXSEEDS], y[MAXSEEDS];
    int n = fl->n;
    n = fl75->n < n ? fl75->n : n;
    n = ce[0]->n < n ? ce[0]->n : n;
    n = ce[2]->n < n ? ce[2]->n : n;
    for (int i = 0; i < n; i++) {
        x[i] = fl->ap[i] - fl75->ap[i];
        y[i] = ce[0]->ap[i] - ce[2]->ap[i];
    }
    if (exper_paired(x, y, n, &ci))
        ci = (exper_ci_t){n, NAN, NAN, NAN, NAN};
    ci_macros(f, "expClaimAlpha", &ci);
    claim("the best $\\alpha$ falls as $\\gamma$ grows: $.25$ gains"
          " more over $.75$ at $\\gamma = 2$ than at $\\gamma = 0$",
          "$.75 \\to .25$", &ci);
}
#line 2212 "chapters/companion/13-experiments.nw"
    ci = shares(fl, f);
    claim("$\\gamma = 2$ puts the background loss on fewer anchors"
          " (percentage points)", "qualitative", &ci);
    static const char *sn[3] = {"hard negative mining", "OHEM",
                                "OHEM 1:3"}, *sp[3] = {"--", "$+3.2$",
                                "$+4.9$"}, *sm[3] = {"expClaimHnm",
                                "expClaimOhem", "expClaimOhemT"};
    for (int k = 0; k < 3; k++) {
        ci = paired(fl, samp[k + 1]);
        ci_macros(f, sm[k], &ci);
        snprintf(what, sizeof what, "FL beats %s", sn[k]);
        claim(what, sp[k], &ci);
    }
    ci = paired(prior[0], prior[1]);
    ci_macros(f, "expClaimPrior", &ci);
    claim("CE needs the prior: AP with it minus without (clipped)",
          "diverges", &ci);
    ci = paired(prior[2], prior[3]);
    ci_macros(f, "expClaimPriorClip", &ci);
    claim("\\quad the same without gradient clipping", "diverges", &ci);
    
#line 2246 "chapters/companion/13-experiments.nw"
ci = paired(setting("fl-g2-a0.25-base4"), fl);
ci_macros(f, "expClaimBase", &ci);
claim("the paper's anchor base of 4 strides beats the book's 2",
      "its setting", &ci);
#line 2233 "chapters/companion/13-experiments.nw"
    fig_macro(f, "expCEBestAlpha", "%g", alphas[b == ce[0] ? 0
              : b == ce[1] ? 1 : b == ce[2] ? 2 : 3]);
    fig_macro(f, "expCEBestAP", "%s", ap_text(b));
    fig_macro(f, "expFLAP", "%s", ap_text(fl));
}
#line 2279 "chapters/companion/13-experiments.nw"
int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "figures/out";
    fig_file o, ta, tb, td, tp, tv, ts;
    double gamma, alpha;
    if (fig_env_double("GAMMA", 2, 0, LOSS_GAMMA_MAX, &gamma)
        || fig_env_double("ALPHA", 0.25, -1, 1, &alpha) || list_read())
        return 1;
    
#line 2317 "chapters/companion/13-experiments.nw"
setting_t *samp[4], *prior[4], *sched[4], *imb_fl[LEVELS],
          *imb_ce[LEVELS][2], *fl, *fl75, *book;
run_t *first[4], *two[2];
for (int a = 0; a < NA; a++)
    ce[a] = setting("ce-a%g", alphas[a]);
for (int g = 0; g < NG; g++)
    for (int a = 0; a < 3; a++)
        grid[g][a] = g ? setting("fl-g%g-a%g", gammas[g], alphas[a])
                       : ce[a];
fl = grid[3][0];
fl75 = grid[3][2];
samp[0] = ce[1];
samp[1] = setting("ce-a0.5-hnm");
samp[2] = setting("ce-a0.5-ohem");
samp[3] = setting("ce-a0.5-ohem13");
prior[0] = ce[2];
prior[1] = setting("ce-a0.75-noprior");
prior[2] = setting("ce-a0.75-noclip");
prior[3] = setting("ce-a0.75-noprior-noclip");
sched[0] = fl;
sched[1] = ce[2];
sched[2] = setting("long-fl-g2-a0.25");
sched[3] = setting("long-ce-a0.75");
imb_fl[0] = fl;
imb_ce[0][0] = ce[2];
imb_ce[0][1] = ce[3];
for (int l = 1; l < LEVELS; l++) {
    imb_fl[l] = setting("imb%d-fl-g2-a0.25", l);
    imb_ce[l][0] = setting("imb%d-ce-a0.75", l);
    imb_ce[l][1] = setting("imb%d-ce-a0.9", l);
}
book = gamma == 0 ? setting("ce-a%g", alpha)
                  : setting("fl-g%g-a%g", gamma, alpha);
for (int k = 0; k < 4; k++) {
    first[k] = run_read(k == 0 ? "prior-ce-0.01" : k == 1
                        ? "prior-ce-none" : k == 2 ? "prior-fl-0.01"
                        : "prior-fl-none");
    cpu_read += first[k]->cpu;
    runs_read++;
}
for (int k = 0; k < NA; k++)
    if (ce[k]->n == 0 || (k < 4 && ce[k]->n < 2)) {
        fprintf(stderr, "fig-exp: too few runs of %s in " EXP
                "/list.txt (run make experiments)\n", ce[k]->name);
        return 1;
    }
#line 2288 "chapters/companion/13-experiments.nw"
    if (fig_open(&o, dir, "exp-numbers.tex")
        || fig_open(&ta, dir, "exp-table-a.tex")
        || fig_open(&tb, dir, "exp-table-b.tex")
        || fig_open(&td, dir, "exp-table-d.tex")
        || fig_open(&tp, dir, "exp-table-prior.tex")
        || fig_open(&ts, dir, "exp-table-schedule.tex")
        || fig_open(&tv, dir, "exp-verdicts.tex"))
        return 1;
    verdicts = tv.f;
    fputs("\\begin{tabular}{@{}p{.29\\textwidth}llrp{.15\\textwidth}"
          "@{}}\n\\toprule\nclaim & paper & ours: mean [95\\% CI] &"
          " pairs & verdict\\\\\n\\midrule\n", tv.f);
    claims(o.f, fl, fl75, samp, prior);
    table_schedule(ts.f, o.f, sched);
    int bad = imbalance(dir, o.f, imb_fl, imb_ce);
    fputs("\\bottomrule\n\\end{tabular}\n", tv.f);
    table_a(ta.f);
    table_b(tb.f, o.f);
    table_d(td.f, samp, fl);
    table_prior(tp.f, o.f, prior);
    
#line 2366 "chapters/companion/13-experiments.nw"
grid_facts(o.f, fl->run[0]);
words_prior(o.f, first);
fig_macro(o.f, "expRuns", "%d", runs_read);
fig_macro(o.f, "expCPUMinutes", "%.0f", cpu_read / 60);
fig_macro(o.f, "expPairs", "%d", fl->n);
fig_macro(o.f, "expBookAP", "%s", ap_text(book));
wall(o.f, runs_read);
two[0] = ce_best()->run[0];
two[1] = book->n ? book->run[0] : fl->run[0];
bad = bad || curves(dir, "exp-ce-fl-loss.dat", two, 2)
      || curves(dir, "exp-prior.dat", first, 4)
      || pairs_plot(dir, fl, ce_best());
#line 2309 "chapters/companion/13-experiments.nw"
    bad = bad || distribution(dir, o.f) || fig_close(&ta)
          || fig_close(&tb) || fig_close(&td) || fig_close(&tp)
          || fig_close(&ts) || fig_close(&tv) || fig_close(&o);
    return bad;
}
