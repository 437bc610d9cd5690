#line 729 "chapters/companion/13-experiments.nw"
/* cmd-report.c: the report subcommand: one experiment beside a
   base run, as a LaTeX document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "checkpoint.h"
#include "cli.h"
#include "commands.h"
#include "files.h"
#include "exper.h"
#include "figout.h"

static const char *const report_usage =
    "usage: retina report --model MODEL --log CSV --out DIR\n"
    "  [--base-model MODEL --base-log CSV] [--val N] [--threads T]\n"
    "  [--pairs FILE]   lines: SEED LOG BASE-LOG, two or more\n"
    "  --val 1..100000 [400]  --threads 1..64 [processors available]\n";

enum { REPORT_ROWS = 20000, REPORT_CDF_SCENES = 100 };

typedef struct {
    const char *model, *log;
    checkpoint_t ck;
    eval_t e;
    exper_losses_t l;
    train_log_row_t *rows;
    int nrows;
} report_run_t;

#line 784 "chapters/companion/13-experiments.nw"
static int report_eval(report_run_t *r, int val, int threads,
                       char *err, size_t errsize)
{
    checkpoint_run_t m;
    double g[5] = {0, 0.5, 1, 2, 0};
    if (checkpoint_read(r->model, &r->ck, err, errsize))
        return -1;
    g[4] = r->ck.cfg.loss.cls.kind == LOSS_CE ? 0
           : r->ck.cfg.loss.cls.gamma;
    if (train_log_load(r->log, &r->rows, &r->nrows, err, errsize))
        return -1;
    if (r->nrows == 0)
        return errf(err, errsize, "%s: a log without rows", r->log);
    int bad = checkpoint_evaluate(&m, &r->ck, threads, val, &r->e, err,
                                  errsize)
              || exper_losses(&m.ctx, &m.net, &r->ck.cfg.anchors,
                              r->ck.cfg.seed, REPORT_CDF_SCENES, g, 5,
                              &r->l);
    checkpoint_run_free(&m);
    return bad ? errf(err, errsize, "%s: evaluation failed", r->model)
               : 0;
}
#line 811 "chapters/companion/13-experiments.nw"
static int report_data(const char *dir, const char *tag,
                       report_run_t *r)
{
    fig_file o;
    char name[64];
    double f[EXPER_CDF_POINTS], cum[5][EXPER_CDF_POINTS];
    snprintf(name, sizeof name, "curves-%s.dat", tag);
    if (fig_open(&o, dir, name)) return -1;
    fputs("iter cls ap\n", o.f);
    for (int i = 0; i < r->nrows; i++)
        fprintf(o.f, "%ld %.5f nan\n", r->rows[i].iter,
                r->rows[i].cls);
    for (int i = 0; i < r->nrows; i++)
        if (r->rows[i].val)
            fprintf(o.f, "%ld nan %.4f\n", r->rows[i].iter,
                    r->rows[i].ap[0]);
    
#line 836 "chapters/companion/13-experiments.nw"
if (fig_close(&o)) return -1;
for (int side = 0; side < 2; side++) {
    long n = side ? r->l.nbg : r->l.nfg;
    double *x = side ? r->l.bg : r->l.fg;
    snprintf(name, sizeof name, "cdf-%s-%s.dat", tag,
             side ? "bg" : "fg");
    if (fig_open(&o, dir, name)) return -1;
    for (int q = 0; q < 5; q++)
        exper_cdf(x + q * n, n, EXPER_CDF_POINTS, f, cum[q]);
    fputs("frac g0 g05 g1 g2 own\n", o.f);
    for (int j = 0; j < EXPER_CDF_POINTS; j++)
        fprintf(o.f, "%.4f %.5f %.5f %.5f %.5f %.5f\n", f[j],
                cum[0][j], cum[1][j], cum[2][j], cum[3][j], cum[4][j]);
    if (fig_close(&o)) return -1;
}
#line 828 "chapters/companion/13-experiments.nw"
    return 0;
}
#line 867 "chapters/companion/13-experiments.nw"
enum { REPORT_PAIRS = 64 };
typedef struct {
    int n;
    long seed[REPORT_PAIRS];
    double ap[REPORT_PAIRS], base[REPORT_PAIRS];
    exper_ci_t ci;
} report_pairs_t;

static int final_ap(const char *log, double *ap, char *err,
                    size_t errsize)
{
    train_log_row_t *rows = malloc(REPORT_ROWS * sizeof *rows);
    int n = rows ? train_log_read(log, rows, REPORT_ROWS) : 0, got = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].val) *ap = rows[i].ap[EVAL_AP], got = 1;
    free(rows);
    return got ? 0 : errf(err, errsize, "%s: no validation AP in the"
                          " log", log);
}

static int read_pairs(const char *path, report_pairs_t *p, char *err,
                      size_t errsize)
{
    FILE *f = fopen(path, "r");
    char line[2048], a[1024], b[1024];
    int ln = 0;
    memset(p, 0, sizeof *p);
    if (!f) return errf(err, errsize, "%s: cannot read the file", path);
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[strspn(line, " \t\n")] == 0)
            continue;
        if (p->n == REPORT_PAIRS
            || sscanf(line, "%ld %1023s %1023s", &p->seed[p->n], a, b)
               != 3) {
            fclose(f);
            return errf(err, errsize, p->n == REPORT_PAIRS ? "%s:%d:"
                        " more than %d pairs" : "%s:%d: give SEED LOG"
                        " BASE-LOG", path, ln, REPORT_PAIRS);
        }
        if (final_ap(a, &p->ap[p->n], err, errsize)
            || final_ap(b, &p->base[p->n], err, errsize)) {
            fclose(f);
            return -1;
        }
        p->n++;
    }
    fclose(f);
    if (exper_paired(p->ap, p->base, p->n, &p->ci))
        return errf(err, errsize, "%s: give at least two pairs", path);
    return 0;
}

static int write_summary(const char *dir, const train_config_t *c,
                         const train_config_t *b,
                         const report_pairs_t *p)
{
    fig_file o;
    if (fig_open(&o, dir, "summary.txt")) return -1;
    fprintf(o.f, "%g %g %g %g %d", c->loss.cls.kind == LOSS_CE ? 0
            : c->loss.cls.gamma, c->loss.cls.alpha, b->loss.cls.kind
            == LOSS_CE ? 0 : b->loss.cls.gamma, b->loss.cls.alpha,
            p->n);
    for (int i = 0; i < p->n; i++)
        fprintf(o.f, " %ld %.6f", p->seed[i], p->ap[i] - p->base[i]);
    fputc('\n', o.f);
    return fig_close(&o);
}
#line 938 "chapters/companion/13-experiments.nw"
static void describe(FILE *f, const train_config_t *c)
{
    if (c->loss.cls.kind == LOSS_CE) fputs("CE", f);
    else fprintf(f, "FL $\\gamma = %g$", c->loss.cls.gamma);
    if (c->loss.cls.alpha >= 0)
        fprintf(f, ", $\\alpha = %g$", c->loss.cls.alpha);
    if (c->sampling)
        fprintf(f, ", %s", sampling_name(c->sampling));
    if (c->prior_pi != TRAIN_PRIOR)
        fprintf(f, ", $\\pi = %g$", c->prior_pi);
}

static void row(FILE *f, const char *what, const report_run_t *r)
{
    fprintf(f, "%s & ", what);
    describe(f, &r->ck.cfg);
    fprintf(f, " & %.3f & %.3f & %.3f\\\\\n", r->e.ap[EVAL_AP],
            r->e.ap[EVAL_AP50], r->e.ap[EVAL_AP75]);
}
#line 960 "chapters/companion/13-experiments.nw"
static int report_tex(const char *dir, const report_run_t *r,
                      const report_run_t *base, int val,
                      const report_pairs_t *p)
{
    fig_file o;
    const train_config_t *c = &r->ck.cfg;
    if (fig_open(&o, dir, "report.tex")) return -1;
    FILE *f = o.f;
    fputs("\\documentclass[11pt,a4paper]{article}\n\\usepackage[T1]"
          "{fontenc}\\usepackage{lmodern}\\usepackage{booktabs}\n"
          "\\usepackage[margin=22mm]{geometry}\\usepackage{pgfplots}"
          "\n\\pgfplotsset{compat=1.18}\\pagestyle{empty}\n"
          "\\begin{document}\n\\section*{Experiment: ", f);
    describe(f, c);
    fprintf(f, "}\n%ld steps of %d images, learning rate %g, the %s"
            " network; AP on %d validation scenes.\n\n\\medskip"
            "\\begin{tabular}{@{}llrrr@{}}\\toprule\nrun & loss & AP &"
            " AP$_{50}$ & AP$_{75}$\\\\\\midrule\n", c->sgd.max_iter,
            c->batch, c->sgd.lr, c->net.head_width
            == train_config_default().net.head_width ? "R-tiny"
            : "narrow", val);
    row(f, "this run", r);
    if (base) row(f, "base", base);
    fputs("\\bottomrule\\end{tabular}\n\n\\medskip\n", f);
    
#line 992 "chapters/companion/13-experiments.nw"
if (p && p->n >= 2) {
    int v = exper_verdict(&p->ci);
    fputs("\\begin{tabular}{@{}rrrr@{}}\\toprule\nseed & this"
          " setting & base & difference\\\\\\midrule\n", f);
    for (int i = 0; i < p->n; i++)
        fprintf(f, "%ld & %.3f & %.3f & %+.3f\\\\\n", p->seed[i],
                p->ap[i], p->base[i], p->ap[i] - p->base[i]);
    fprintf(f, "\\bottomrule\\end{tabular}\n\n\\medskip\nOver %d"
            " paired seeds, this setting minus the base is %+.3f AP,"
            " with a 95\\%% confidence interval of [%+.3f, %+.3f]: %s."
            "\n\n", p->n, p->ci.mean, p->ci.lo, p->ci.hi, v > 0
            ? "this setting is better than the base" : v < 0
            ? "this setting is worse than the base"
            : "the runs cannot tell the two settings apart (the"
              " interval contains zero; more pairs, SEEDS=n, narrow"
              " it)");
} else if (base)
    fprintf(f, "This run's AP is %.3f and the base run's %.3f.  One"
            " pair of runs cannot tell two settings apart from the"
            " noise of training: give the report paired seeds"
            " (\\texttt{--pairs}, as \\texttt{make experiment}"
            " does).\n", r->e.ap[EVAL_AP], base->e.ap[EVAL_AP]);
#line 985 "chapters/companion/13-experiments.nw"
    
#line 1024 "chapters/companion/13-experiments.nw"
int paired_panel = p && p->n >= 2;
fprintf(f, "\\begin{center}\\begin{tikzpicture}\\begin{axis}[width=%s"
        "\\textwidth,xlabel=step,ylabel=class loss,ymode=log]\n"
        "\\addplot[blue,no marks] table[x=iter,y=cls]{curves-run.dat};"
        "\n", paired_panel ? ".48" : ".6");
if (base) fputs("\\addplot[red,dashed,no marks] table[x=iter,y=cls]"
                "{curves-base.dat};\n", f);
fputs("\\end{axis}\\end{tikzpicture}", f);
if (paired_panel) {
    long lo = p->seed[0], hi = p->seed[0];
    double ylo = fmin(p->ci.lo, 0), yhi = fmax(p->ci.hi, 0);
    for (int i = 0; i < p->n; i++) {
        if (p->seed[i] < lo) lo = p->seed[i];
        if (p->seed[i] > hi) hi = p->seed[i];
        ylo = fmin(ylo, p->ap[i] - p->base[i]);
        yhi = fmax(yhi, p->ap[i] - p->base[i]);
    }
    double pad = 0.05 * (yhi - ylo) + 1e-6;
    fprintf(f, "\\hfill\\begin{tikzpicture}\\begin{axis}[width=.48"
            "\\textwidth,xlabel=seed,ylabel=AP difference,xmin=%g,"
            "xmax=%g,ymin=%.6f,ymax=%.6f,xtick distance=1]\n"
            "\\fill[blue!12] (axis cs:%g,%.6f) rectangle (axis cs:%g,"
            "%.6f);\n\\addplot[blue] coordinates {(%g,%.6f)"
            " (%g,%.6f)};\n\\addplot[gray,dashed] coordinates {(%g,0)"
            " (%g,0)};\n\\addplot[black,only marks,mark=*]"
            " coordinates {", lo - 0.5, hi + 0.5, ylo - pad, yhi + pad,
            lo - 0.5, p->ci.lo, hi + 0.5, p->ci.hi, lo - 0.5,
            p->ci.mean, hi + 0.5, p->ci.mean, lo - 0.5, hi + 0.5);
    for (int i = 0; i < p->n; i++)
        fprintf(f, "(%ld,%.6f) ", p->seed[i], p->ap[i] - p->base[i]);
    fputs("};\n\\end{axis}\\end{tikzpicture}", f);
}
fputs("\n\\end{center}\n", f);
for (int side = 0; side < 2; side++) {
    fprintf(f, "%s\\begin{tikzpicture}\\begin{axis}[width=.48"
            "\\textwidth,xlabel=fraction of %s anchors,ylabel="
            "cumulative loss,legend pos=north west]\n", side ? "\\hfill"
            : "\\begin{center}", side ? "background" : "foreground");
    const char *col[4] = {"g0", "g05", "g1", "g2"};
    for (int q = 0; q < 4; q++)
        fprintf(f, "\\addplot+[no marks] table[x=frac,y=%s]"
                "{cdf-run-%s.dat};\n", col[q], side ? "bg" : "fg");
    if (base)
        fprintf(f, "\\addplot[black,dashed] table[x=frac,y=g2]"
                "{cdf-base-%s.dat};\n", side ? "bg" : "fg");
    fprintf(f, "\\legend{$\\gamma=0$,$.5$,$1$,$2$%s}\\end{axis}"
            "\\end{tikzpicture}%s\n", base ? ",base $2$" : "",
            side ? "\\end{center}" : "");
}
if (paired_panel)
    fputs("Top right: each seed's difference in AP, this setting minus"
          " the base; the line is their mean, the band its 95\\%"
          " interval, the dashed line zero.\n\n", f);
fputs("The cumulative distribution of the loss of this run's model on"
      " validation scenes, computed at four values of $\\gamma$ (as"
      " in Figure~4 of the focal loss paper).\n", f);
#line 986 "chapters/companion/13-experiments.nw"
    fputs("\\end{document}\n", f);
    return fig_close(&o);
}
#line 1085 "chapters/companion/13-experiments.nw"
int cmd_report(int argc, char **argv)
{
    const char *cmd = "report", *out = NULL;
    report_run_t r = {0}, b = {0};
    long val = 400, threads = cli_threads_default();
    char err[DATA_ERR_SIZE] = "";
    const char *pairs = NULL;
    report_pairs_t p = {0};
    for (int i = 1; i < argc; i++) {
        
#line 1326 "chapters/companion/13-experiments.nw"
const char *f = argv[i], *v, **sv;
if (cli_is_help(f)) {
    fputs(report_usage, stdout);
    return 0;
}
sv = !strcmp(f, "--model") ? &r.model : !strcmp(f, "--log") ? &r.log
     : !strcmp(f, "--base-model") ? &b.model
     : !strcmp(f, "--base-log") ? &b.log : !strcmp(f, "--out") ? &out
     : !strcmp(f, "--pairs") ? &pairs : NULL;
if (!sv && strcmp(f, "--val") && strcmp(f, "--threads"))
    return cli_usage(cmd, "%s: unknown flag", cli_shown(f));
if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
    return EXIT_USAGE;
if (sv) *sv = v;
else if (cli_long(cmd, f, v, 1, !strcmp(f, "--val") ? 100000 : 64,
                  !strcmp(f, "--val") ? &val : &threads))
    return EXIT_USAGE;
#line 1095 "chapters/companion/13-experiments.nw"
    }
    if (!r.model || !r.log || !out || !b.model != !b.log)
        return cli_usage(cmd, "--model, --log and --out are required;"
                         " --base-model needs --base-log\n%s",
                         report_usage);
    
#line 1128 "chapters/companion/13-experiments.nw"
static const char *const names[] = {"report.tex", "summary.txt",
    "curves-run.dat", "curves-base.dat", "cdf-run-fg.dat",
    "cdf-run-bg.dat", "cdf-base-fg.dat", "cdf-base-bg.dat"};
const char *in[] = {r.model, r.log, b.model, b.log, pairs};
int bad = out_check_dir(out, in, 5, err, sizeof err);
for (int k = 0; k < 8 && !bad; k++) {
    char *p = path_join(out, names[k]);
    bad = p == NULL ? (snprintf(err, sizeof err, "out of memory"), 1)
                    : out_check(p, in, 5, err, sizeof err);
    if (bad == EXIT_FAIL && access(out, F_OK) != 0)
        bad = 0;                /* no folder yet, so no file in it */
    free(p);
}
if (bad) return out_refuse(cmd, bad, err);
if (cli_check_only()) return 0;
#line 1101 "chapters/companion/13-experiments.nw"
    if (mkdir(out, 0777) && errno != EEXIST)
        return cli_fail(cmd, "%s: cannot make the folder", out);
    int st = report_eval(&r, (int)val, (int)threads, err, sizeof err)
             || (b.model && report_eval(&b, (int)val, (int)threads, err,
                                        sizeof err))
             || report_data(out, "run", &r)
             || (b.model && report_data(out, "base", &b))
             || (pairs && (read_pairs(pairs, &p, err, sizeof err)
                           || !b.model
                           || write_summary(out, &r.ck.cfg, &b.ck.cfg,
                                            &p)))
             || report_tex(out, &r, b.model ? &b : NULL, (int)val,
                           pairs ? &p : NULL);
    if (st && pairs && !b.model && !err[0])
        snprintf(err, sizeof err, "--pairs needs --base-model");
    if (!st) printf("%s/report.tex\n", out);
    
#line 1346 "chapters/companion/13-experiments.nw"
for (int k = 0; k < 2; k++) {
    report_run_t *p = k ? &b : &r;
    checkpoint_free(&p->ck);
    exper_losses_free(&p->l);
    free(p->rows);
    if (p->e.precision) eval_free(&p->e);
}
#line 1118 "chapters/companion/13-experiments.nw"
    return !st ? 0 : err[0] ? cli_fail(cmd, "%s", err) : EXIT_FAIL;
}
#line 1157 "chapters/companion/13-experiments.nw"
enum { POOL_SETTINGS = 256, POOL_PAIRS = 512 };
typedef struct {
    double g, a, bg, ba;
    int n;
    long seed[POOL_PAIRS];
    double d[POOL_PAIRS];
} pooled_t;

#line 1209 "chapters/companion/13-experiments.nw"
static int pool_read(const char *path, pooled_t *pool, int *np,
                     char *err, size_t errsize)
{
    FILE *f = fopen(path, "r");
    double g, a, bg, ba, d;
    int n, k;
    long seed;
    if (!f) return errf(err, errsize, "%s: cannot read the file", path);
    if (fscanf(f, "%lf %lf %lf %lf %d", &g, &a, &bg, &ba, &n) != 5
        || n < 1 || n > POOL_PAIRS) {
        fclose(f);
        return errf(err, errsize, "%s: not a report's summary.txt",
                    path);
    }
    for (k = 0; k < *np; k++)
        if (pool[k].g == g && pool[k].a == a && pool[k].bg == bg
            && pool[k].ba == ba) break;
    if (k == *np) {
        if (*np == POOL_SETTINGS) {
            fclose(f);
            return errf(err, errsize, "%s: more than %d settings", path,
                        POOL_SETTINGS);
        }
        pool[k] = (pooled_t){g, a, bg, ba, 0, {0}, {0}};
        (*np)++;
    }
    for (int i = 0; i < n; i++) {
        int j;
        if (fscanf(f, "%ld %lf", &seed, &d) != 2) {
            fclose(f);
            return errf(err, errsize, "%s: pair %d is missing", path,
                        i + 1);
        }
        for (j = 0; j < pool[k].n && pool[k].seed[j] != seed; j++)
            ;
        if (j < pool[k].n && fabs(pool[k].d[j] - d) > 1e-6) {
            fclose(f);
            return errf(err, errsize, "%s: seed %ld differs from"
                        " another report's (%.4f against %.4f)", path,
                        seed, d, pool[k].d[j]);
        }
        if (j == pool[k].n && pool[k].n < POOL_PAIRS) {
            pool[k].seed[j] = seed;
            pool[k].d[pool[k].n++] = d;
        }
    }
    fclose(f);
    return 0;
}
#line 1264 "chapters/companion/13-experiments.nw"
static int pool_write(const char *dir, const pooled_t *pool, int np,
                      int files)
{
    fig_file t, d;
    static const double zero[POOL_PAIRS];
    if (fig_open(&t, dir, "pool.tex")) return -1;
    if (fig_open(&d, dir, "pool.dat")) {
        fig_close(&t);
        return -1;
    }
    fputs("gamma alpha mean lo hi\n", d.f);
    fprintf(t.f, "\\documentclass[11pt,a4paper]{article}\n"
            "\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
            "\\usepackage{booktabs}\\usepackage[margin=22mm]{geometry}"
            "\n\\usepackage{pgfplots}\\pgfplotsset{compat=1.18}"
            "\\pagestyle{empty}\n\\begin{document}\n\\section*{The"
            " class's experiments, pooled}\n%d reports.  Each row is a"
            " setting against its base, over the pairs of all reports"
            " (a seed run by two reports counted once), with a 95\\%%"
            " confidence interval.\n\n\\medskip\\begin{tabular}"
            "{@{}rrrrlrl@{}}\\toprule\n$\\gamma$ & $\\alpha$ & base"
            " $\\gamma$ & base $\\alpha$ & pairs & difference & 95\\%%"
            " CI \\\\\\midrule\n", files);
    for (int k = 0; k < np; k++) {
        exper_ci_t ci;
        int ok = exper_paired(pool[k].d, zero, pool[k].n, &ci) == 0;
        int v = ok ? exper_verdict(&ci) : 0;
        fprintf(t.f, "%g & %g & %g & %g & %d & ", pool[k].g, pool[k].a,
                pool[k].bg, pool[k].ba, pool[k].n);
        if (ok) {
            fprintf(t.f, "%+.3f & [%+.3f, %+.3f] %s\\\\\n", ci.mean,
                    ci.lo, ci.hi, v > 0 ? "better" : v < 0 ? "worse"
                    : "cannot tell");
            fprintf(d.f, "%g %g %.5f %.5f %.5f\n", pool[k].g,
                    pool[k].a, ci.mean, ci.lo, ci.hi);
        } else
            fputs("-- & one pair: no interval\\\\\n", t.f);
    }
    fputs("\\bottomrule\\end{tabular}\n\n\\begin{center}\\begin{"
          "tikzpicture}\\begin{axis}[width=.8\\textwidth,xlabel="
          "{$\\alpha$},ylabel={AP minus the base},legend pos=outer"
          " north east]\n", t.f);
    for (int k = 0; k < np; k++) {
        int seen = 0;
        for (int j = 0; j < k; j++) seen |= pool[j].g == pool[k].g;
        if (seen) continue;
        fprintf(t.f, "\\addplot+[error bars/.cd,y dir=both,y explicit]"
                " table[x=alpha,y=mean,y error plus expr=\\thisrow{hi}-"
                "\\thisrow{mean},y error minus expr=\\thisrow{mean}-"
                "\\thisrow{lo},restrict expr to domain="
                "{\\thisrow{gamma}}{%g:%g}]{pool.dat};\n"
                "\\addlegendentry{"
                "$\\gamma = %g$}\n", pool[k].g, pool[k].g, pool[k].g);
    }
    fputs("\\end{axis}\\end{tikzpicture}\\end{center}\n"
          "\\end{document}\n", t.f);
    int a = fig_close(&t), b = fig_close(&d);
    return a || b;
}

#line 1168 "chapters/companion/13-experiments.nw"
int cmd_pool(int argc, char **argv)
{
    const char *cmd = "pool", *out = NULL;
    static pooled_t pool[POOL_SETTINGS];
    int np = 0, files = 0;
    char err[DATA_ERR_SIZE] = "";
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs("usage: retina pool --out DIR SUMMARY...\n", stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--out")) {
            if ((out = cli_value(cmd, argc, argv, &i)) == NULL)
                return EXIT_USAGE;
        } else if (argv[i][0] == '-')
            return cli_usage(cmd, "%s: unknown flag", argv[i]);
        else if (!cli_check_only()
                 && pool_read(argv[i], pool, &np, err, sizeof err))
            return cli_fail(cmd, "%s", err);
        else files++;
    }
    if (!out || files == 0)
        return cli_usage(cmd, "--out and at least one SUMMARY are"
                         " required\nusage: retina pool --out DIR"
                         " SUMMARY...");
    int bad = out_check_dir(out, NULL, 0, err, sizeof err);
    if (bad) return out_refuse(cmd, bad, err);
    if (cli_check_only()) return 0;
    if (mkdir(out, 0777) && errno != EEXIST)
        return cli_fail(cmd, "%s: cannot make the folder", out);
    if (pool_write(out, pool, np, files))
        return cli_fail(cmd, "%s: cannot write the pool", out);
    printf("%s/pool.tex: %d settings from %d reports\n", out, np,
           files);
    return 0;
}
