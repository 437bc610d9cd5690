#line 968 "chapters/companion/13-experiments.nw"
/* fig-exp.c: the experiments' tables, curves and sentences.
   Usage: fig-exp OUTDIR (reads build/exp/, which `make experiments`
   writes, and build/train-model.ckpt, which `make train` writes). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checkpoint.h"
#include "exper.h"
#include "figout.h"

#define EXP "build/exp"
#define MODEL "build/train-model.ckpt"
enum { ROWS = 2000, NA = 5, NG = 5, CDF_SCENES = 200 };

static const double alphas[NA] = {0.25, 0.5, 0.75, 0.9, 0.99};
static const double gammas[NG] = {0, 0.5, 1, 2, 5};

#line 1001 "chapters/companion/13-experiments.nw"
typedef struct {
    char name[64];
    train_log_row_t rows[ROWS];
    int n, failed;
    double ap[3];
    double cpu;          /* user + system seconds of the run */
} run_t;

static run_t *run_read(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#line 1018 "chapters/companion/13-experiments.nw"
#include <stdarg.h>
static run_t *run_read(const char *fmt, ...)
{
    run_t *r = calloc(1, sizeof *r);
    char path[256], key[128] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->name, sizeof r->name, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, EXP "/%s/key", r->name);
    FILE *f = fopen(path, "r");
    if (f) { if (!fgets(key, sizeof key, f)) key[0] = 0; fclose(f); }
    snprintf(path, sizeof path, EXP "/%s/log.csv", r->name);
    r->n = key[0] ? train_log_read(path, r->rows, ROWS) : 0;
    r->failed = strstr(key, "failed") != NULL;
    if (r->n == 0) {
        fprintf(stderr, "fig-exp: no finished run %s in " EXP
                " (run make experiments)\n", r->name);
        exit(1);
    }
    for (int i = 0; i < r->n; i++)
        if (r->rows[i].val)
            memcpy(r->ap, r->rows[i].ap, sizeof r->ap);
    
#line 1050 "chapters/companion/13-experiments.nw"
snprintf(path, sizeof path, EXP "/%s/times.txt", r->name);
if ((f = fopen(path, "r")) != NULL) {
    double m1, s1, m2, s2;
    char line[128];
    if (fgets(line, sizeof line, f) && fgets(line, sizeof line, f)
        && sscanf(line, "%lfm%lfs %lfm%lfs", &m1, &s1, &m2, &s2) == 4)
        r->cpu = 60 * (m1 + m2) + s1 + s2;
    fclose(f);
}
#line 1042 "chapters/companion/13-experiments.nw"
    return r;
}
#line 1067 "chapters/companion/13-experiments.nw"
static double noise;     /* the spread of AP over seeds */
static long grid_iters;  /* the steps of a grid run */

/* A ratio as a reader writes it: 6.4, 28, 190. */
static void ratio(FILE *f, const char *name, double r)
{
    if (r < 10) fig_macro(f, name, "%.1f", r);
    else if (r < 100) fig_macro(f, name, "%.0f", r);
    else fig_macro(f, name, "%.0f", 10 * round(r / 10));
}

static void compare(FILE *f, const char *name, double x, double y,
                    const char *what)
{
    double d = x - y;
    if (fabs(d) <= noise)
        fig_macro(f, name, "about equal to %s (%+.3f, within the"
                  " seeds' spread)", what, d);
    else
        fig_macro(f, name, "%.3f %s %s", fabs(d), d > 0 ? "above"
                  : "below", what);
}
#line 1097 "chapters/companion/13-experiments.nw"
static run_t *grid[NG][NA];

static void table_a(FILE *t)
{
    static const char *paper[NA] = {"10.8", "30.2", "31.1", "30.8",
                                    "28.7"};
    fputs("\\begin{tabular}{@{}lrrrr@{}}\n\\toprule\n$\\alpha$ & AP"
          " & AP$_{50}$ & AP$_{75}$ & paper's AP\\\\\n\\midrule\n", t);
    for (int a = 0; a < NA; a++)
        fprintf(t, "%g & %.3f & %.3f & %.3f & %s\\\\\n", alphas[a],
                grid[0][a]->ap[0], grid[0][a]->ap[1], grid[0][a]->ap[2],
                paper[a]);
    fputs("\\bottomrule\n\\end{tabular}\n", t);
}

static int best_alpha(int g, int na)
{
    int b = 0;
    for (int a = 1; a < na; a++)
        if (grid[g][a]->ap[0] > grid[g][b]->ap[0]) b = a;
    return b;
}
#line 1122 "chapters/companion/13-experiments.nw"
static void table_b(FILE *t)
{
    static const char *paper[NG] = {".75: 31.1", ".50: 32.9",
                                    ".25: 33.7", ".25: 34.0",
                                    ".25: 32.2"};
    fputs("\\begin{tabular}{@{}lrrrrrl@{}}\n\\toprule\n & "
          "\\multicolumn{3}{c}{AP at $\\alpha =$} & \\multicolumn{2}"
          "{c}{at the best $\\alpha$} & paper's best\\\\\n"
          "$\\gamma$ & .25 & .5 & .75 & AP$_{50}$ & AP$_{75}$ &"
          " $\\alpha$: AP\\\\\n\\midrule\n", t);
    for (int g = 0; g < NG; g++) {
        int b = best_alpha(g, 3);
        fprintf(t, "%g", gammas[g]);
        for (int a = 0; a < 3; a++)
            fprintf(t, a == b ? " & \\textbf{%.3f}" : " & %.3f",
                    grid[g][a]->ap[0]);
        fprintf(t, " & %.3f & %.3f & %s\\\\\n", grid[g][b]->ap[1],
                grid[g][b]->ap[2], paper[g]);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", t);
}
#line 1150 "chapters/companion/13-experiments.nw"
static void words_ab(FILE *f)
{
    int ba = best_alpha(0, NA), bg = 0, bb = 0, falls = 1;
    fig_macro(f, "expCEBestAlpha", "%g", alphas[ba]);
    fig_macro(f, "expCEBestAP", "%.3f", grid[0][ba]->ap[0]);
    fig_macro(f, "expCESevenFiveAP", "%.3f", grid[0][2]->ap[0]);
    compare(f, "expCEPaperVsBest", grid[0][2]->ap[0],
            grid[0][ba]->ap[0], "it");
    if (ba == 2)
        fig_macro(f, "expSentCE", "As in the paper, $\\alpha = .75$ is"
                  " the best setting for cross entropy here, with AP"
                  " %.3f", grid[0][2]->ap[0]);
    else
        fig_macro(f, "expSentCE", "Unlike the paper, the best $\\alpha$"
                  " for cross entropy here is %g, with AP %.3f;"
                  " $\\alpha = .75$ reaches %.3f, \\expCEPaperVsBest",
                  alphas[ba], grid[0][ba]->ap[0], grid[0][2]->ap[0]);
    for (int g = 0; g < NG; g++)
        for (int a = 0; a < 3; a++)
            if (grid[g][a]->ap[0] > grid[bg][bb]->ap[0]) bg = g, bb = a;
    fig_macro(f, "expBestGamma", "%g", gammas[bg]);
    fig_macro(f, "expBestAlpha", "%g", alphas[bb]);
    fig_macro(f, "expBestAP", "%.3f", grid[bg][bb]->ap[0]);
    fig_macro(f, "expFLAP", "%.3f", grid[3][0]->ap[0]);
    compare(f, "expFLVsBest", grid[3][0]->ap[0], grid[bg][bb]->ap[0],
            "it");
    compare(f, "expFLVsCE", grid[3][0]->ap[0], grid[0][ba]->ap[0],
            "the best cross entropy");
    fig_macro(f, "expBestAlphas", "%g, %g, %g, %g and %g",
              alphas[best_alpha(0, 3)], alphas[best_alpha(1, 3)],
              alphas[best_alpha(2, 3)], alphas[best_alpha(3, 3)],
              alphas[best_alpha(4, 3)]);
    for (int g = 1; g < NG; g++)
        falls &= best_alpha(g, 3) <= best_alpha(g - 1, 3);
    fig_macro(f, "expAlphaTrend", "%s", falls
              ? "never rises as $\\gamma$ grows, as in the paper"
              : "does not fall steadily as $\\gamma$ grows, unlike the"
                " paper's");
}
#line 1195 "chapters/companion/13-experiments.nw"
static void table_d(FILE *t, FILE *f, run_t *const *s)
{
    static const char *what[4] = {"CE, all anchors", "CE, HNM 3:1",
        "CE, OHEM (128, NMS .7)", "CE, OHEM 1:3 (128, NMS .7)"};
    int best = 1;
    fputs("\\begin{tabular}{@{}lrrr@{}}\n\\toprule\nmethod & AP &"
          " AP$_{50}$ & AP$_{75}$\\\\\n\\midrule\n", t);
    for (int k = 0; k < 4; k++) {
        fprintf(t, "%s & %.3f & %.3f & %.3f\\\\\n", what[k],
                s[k]->ap[0], s[k]->ap[1], s[k]->ap[2]);
        if (k && s[k]->ap[0] > s[best]->ap[0]) best = k;
    }
    fprintf(t, "\\midrule\nFL, $\\gamma = 2$, $\\alpha = .25$ & %.3f &"
            " %.3f & %.3f\\\\\n\\bottomrule\n\\end{tabular}\n",
            grid[3][0]->ap[0], grid[3][0]->ap[1], grid[3][0]->ap[2]);
    fig_macro(f, "expSampBest", "%s", best == 1 ? "hard negative mining"
              : best == 2 ? "OHEM" : "OHEM 1:3");
    fig_macro(f, "expSampBestAP", "%.3f", s[best]->ap[0]);
    compare(f, "expFLVsSamp", grid[3][0]->ap[0], s[best]->ap[0],
            "it");
    compare(f, "expHnmVsCE", s[1]->ap[0], s[0]->ap[0], "the baseline");
    compare(f, "expOhemVsCE", s[2]->ap[0], s[0]->ap[0],
            "the baseline");
    compare(f, "expOhemThreeVsOhem", s[3]->ap[0], s[2]->ap[0],
            "plain OHEM");
}
#line 1229 "chapters/companion/13-experiments.nw"
static int curves(const char *dir, const char *file, run_t *const *r,
                  int n, int ap)
{
    fig_file o;
    if (fig_open(&o, dir, file)) return -1;
    fputs("iter", o.f);
    for (int k = 0; k < n; k++) fprintf(o.f, " r%d", k);
    fputc('\n', o.f);
    for (int i = 0; i < r[0]->n; i++) {
        if (ap && !r[0]->rows[i].val) continue;
        fprintf(o.f, "%ld", r[0]->rows[i].iter);
        for (int k = 0; k < n; k++)
            fprintf(o.f, i < r[k]->n ? " %.5g" : " nan",
                    i < r[k]->n ? (ap ? r[k]->rows[i].ap[0]
                                      : r[k]->rows[i].cls) : 0);
        fputc('\n', o.f);
    }
    return fig_close(&o);
}
#line 1254 "chapters/companion/13-experiments.nw"
static void words_prior(FILE *f, run_t *const *p)
{
    int last = p[0]->n - 1, failed = 0;
    for (int k = 0; k < 4; k++) failed += p[k]->failed;
    fig_macro(f, "expPriorSteps", "%ld", p[0]->rows[last].iter);
    fig_macro(f, "expPriorCEFirst", "%.3g", p[0]->rows[0].cls);
    fig_macro(f, "expPriorCENoneFirst", "%.3g", p[1]->rows[0].cls);
    fig_macro(f, "expPriorFLFirst", "%.3g", p[2]->rows[0].cls);
    fig_macro(f, "expPriorFLNoneFirst", "%.3g", p[3]->rows[0].cls);
    fig_macro(f, "expPriorCELast", "%.3g", p[0]->rows[last].cls);
    fig_macro(f, "expPriorCENoneLast", "%.3g",
              p[1]->rows[p[1]->n - 1].cls);
    fig_macro(f, "expPriorFLLast", "%.3g", p[2]->rows[last].cls);
    fig_macro(f, "expPriorFLNoneLast", "%.3g",
              p[3]->rows[p[3]->n - 1].cls);
    ratio(f, "expPriorCERatio", p[1]->rows[0].cls / p[0]->rows[0].cls);
    ratio(f, "expPriorFLRatio", p[3]->rows[0].cls / p[2]->rows[0].cls);
    fig_macro(f, "expPriorSummary", "%s", failed == 0
              ? "None of the runs without it failed: gradient clipping"
                " keeps them alive where the paper's cross entropy"
                " diverged"
              : "Some of the runs without it failed, as the paper's"
                " cross entropy did, despite gradient clipping");
    fig_macro(f, "expPriorFailed", "%s", failed == 0
              ? "None of the four runs failed.  The paper reports that"
                " cross entropy without the prior diverges; our trainer"
                " clips the gradient's norm, which caps the size of the"
                " first steps whatever the loss, so the network"
                " survives them and spends them pushing the background"
                " bias down, which the prior gives for free"
              : "Some of the four runs stopped on a non-finite value"
                " (see their logs), as the paper reports for cross"
                " entropy without the prior, even though our trainer"
                " clips the gradient's norm");
}
#line 1300 "chapters/companion/13-experiments.nw"
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
        || exper_losses(&ctx, &net, ck.cfg.seed, CDF_SCENES, g, 4,
                        &l)) {
        fprintf(stderr, "fig-exp: %s: cannot compute the losses"
                " (run make train)\n", MODEL);
        return -1;
    }
    ratio(f, "expDefaultRatio", grid_iters > 0
          ? (double)ck.cfg.sgd.max_iter / grid_iters : 0);
    
#line 1356 "chapters/companion/13-experiments.nw"
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
#line 1347 "chapters/companion/13-experiments.nw"
    exper_losses_free(&l);
    layer_ctx_free(&ctx);
    net_free(&net);
    checkpoint_free(&ck);
    return bad;
}
#line 1403 "chapters/companion/13-experiments.nw"
static void schedule(FILE *f, const run_t *r, double cpu, int runs)
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
    fig_macro(f, "expRuns", "%d", runs);
    fig_macro(f, "expCPUMinutes", "%.1f", cpu / 60);
    fig_macro(f, "expQuietMinutes", "%.1f", cpu / 120);
    fig_macro(f, "expHnmRatio", "%d", SAMPLING_HNM_RATIO);
    fig_macro(f, "expHnmMin", "%d", SAMPLING_HNM_MIN);
    fig_macro(f, "expOhemB", "%d", SAMPLING_OHEM_BATCH);
    fig_macro(f, "expOhemNms", "%g", SAMPLING_OHEM_NMS);
    grid_iters = ck.cfg.sgd.max_iter;
    checkpoint_free(&ck);
}
#line 1441 "chapters/companion/13-experiments.nw"
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
#line 1462 "chapters/companion/13-experiments.nw"
int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "figures/out";
    run_t *samp[4], *prior[4], *seed[3], *book, *two[2];
    double gamma, alpha, cpu = 0, lo, hi;
    fig_file o, ta, tb, td;
    int runs = 0, bad;
    if (fig_env_double("GAMMA", 2, 0, LOSS_GAMMA_MAX, &gamma)
        || fig_env_double("ALPHA", 0.25, -1, 1, &alpha))
        return 1;
    
#line 1496 "chapters/companion/13-experiments.nw"
for (int g = 0; g < NG; g++)
    for (int a = 0; a < (g ? 3 : NA); a++) {
        grid[g][a] = g ? run_read("fl-g%g-a%g", gammas[g], alphas[a])
                       : run_read("ce-a%g", alphas[a]);
        cpu += grid[g][a]->cpu;
        runs++;
    }
samp[0] = grid[0][1];
const char *sn[3] = {"hnm", "ohem", "ohem13"};
for (int k = 0; k < 3; k++) {
    samp[k + 1] = run_read("ce-a0.5-%s", sn[k]);
    seed[k] = k ? run_read("fl-g2-a0.25-seed%d", k) : grid[3][0];
    cpu += samp[k + 1]->cpu + (k ? seed[k]->cpu : 0);
    runs += 1 + (k > 0);
}
for (int k = 0; k < 4; k++) {
    prior[k] = run_read("prior-%s-%s", k % 2 ? "fl" : "ce",
                        k < 2 ? "0.01" : "none");
    cpu += prior[k]->cpu;
    runs++;
}
#line 1473 "chapters/companion/13-experiments.nw"
    
#line 1523 "chapters/companion/13-experiments.nw"
run_t *swap = prior[1];
prior[1] = prior[2];
prior[2] = swap;
lo = hi = seed[0]->ap[0];
for (int k = 1; k < 3; k++) {
    lo = fmin(lo, seed[k]->ap[0]);
    hi = fmax(hi, seed[k]->ap[0]);
}
noise = hi - lo;
#line 1474 "chapters/companion/13-experiments.nw"
    if (fig_open(&o, dir, "exp-numbers.tex")
        || fig_open(&ta, dir, "exp-table-a.tex")
        || fig_open(&tb, dir, "exp-table-b.tex")
        || fig_open(&td, dir, "exp-table-d.tex"))
        return 1;
    table_a(ta.f);
    table_b(tb.f);
    words_ab(o.f);
    table_d(td.f, o.f, samp);
    words_prior(o.f, prior);
    schedule(o.f, grid[3][0], cpu, runs);
    wall(o.f, runs);
    
#line 1535 "chapters/companion/13-experiments.nw"
book = gamma == 0 ? run_read("ce-a%g", alpha)
                  : run_read("fl-g%g-a%g", gamma, alpha);
if (strcmp(book->name, grid[3][0]->name)
    && strcmp(book->name, grid[0][best_alpha(0, NA)]->name)) {
    cpu += book->cpu;
    runs++;
}
fig_macro(o.f, "expSeeds", "%d", 3);
fig_macro(o.f, "expSeedSpread", "%.3f", noise);
fig_macro(o.f, "expSeedLow", "%.3f", lo);
fig_macro(o.f, "expSeedHigh", "%.3f", hi);
fig_macro(o.f, "expBookAP", "%.3f", book->ap[0]);
compare(o.f, "expBookVsCE", book->ap[0],
        grid[0][best_alpha(0, NA)]->ap[0], "it");
two[0] = grid[0][best_alpha(0, NA)];
two[1] = book;
bad = curves(dir, "exp-ce-fl-loss.dat", two, 2, 0)
      || curves(dir, "exp-ce-fl-ap.dat", two, 2, 1)
      || curves(dir, "exp-prior.dat", prior, 4, 0);
if (bad) return 1;
#line 1487 "chapters/companion/13-experiments.nw"
    bad = distribution(dir, o.f) || fig_close(&ta) || fig_close(&tb)
          || fig_close(&td) || fig_close(&o);
    return bad;
}
