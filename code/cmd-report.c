#line 638 "chapters/companion/13-experiments.nw"
/* cmd-report.c: the report subcommand: one experiment beside a
   base run, as a LaTeX document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
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
    "         [--base-model MODEL --base-log CSV] [--val N]"
    " [--threads T]\n";

enum { REPORT_ROWS = 20000, REPORT_CDF_SCENES = 100 };

typedef struct {
    const char *model, *log;
    checkpoint_t ck;
    eval_t e;
    exper_losses_t l;
    train_log_row_t *rows;
    int nrows;
} report_run_t;

#line 687 "chapters/companion/13-experiments.nw"
static int report_eval(report_run_t *r, int val, int threads,
                       char *err, size_t errsize)
{
    net_t net;
    layer_ctx_t ctx;
    train_val_t v;
    detection_list_t dl = {0};
    double g[5] = {0, 0.5, 1, 2, 0};
    memset(&net, 0, sizeof net);
    memset(&ctx, 0, sizeof ctx);
    memset(&v, 0, sizeof v);
    if (checkpoint_read(r->model, &r->ck, err, errsize))
        return -1;
    g[4] = r->ck.cfg.loss.cls.kind == LOSS_CE ? 0
           : r->ck.cfg.loss.cls.gamma;
    if (train_log_load(r->log, &r->rows, &r->nrows, err, errsize))
        return -1;
    if (r->nrows == 0)
        return errf(err, errsize, "%s: a log without rows", r->log);
    int bad = checkpoint_net(&net, &r->ck, 16)
              || layer_ctx_init(&ctx, net_scratch_size(&net))
              || layer_ctx_set_threads(&ctx, threads)
              || train_val_open(&v, r->ck.cfg.seed, SCENE_VAL, val)
              || train_detect(&ctx, &net, &v, &dl)
              || eval_run(&v.gt, dl.items, dl.count, &r->e, err,
                          errsize)
              || exper_losses(&ctx, &net, r->ck.cfg.seed,
                              REPORT_CDF_SCENES, g, 5, &r->l);
    detection_list_free(&dl);
    train_val_free(&v);
    layer_ctx_free(&ctx);
    net_free(&net);
    return bad ? errf(err, errsize, "%s: evaluation failed", r->model)
               : 0;
}
#line 727 "chapters/companion/13-experiments.nw"
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
    
#line 752 "chapters/companion/13-experiments.nw"
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
#line 744 "chapters/companion/13-experiments.nw"
    return 0;
}
#line 773 "chapters/companion/13-experiments.nw"
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
#line 795 "chapters/companion/13-experiments.nw"
static int report_tex(const char *dir, const report_run_t *r,
                      const report_run_t *base, int val)
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
    
#line 826 "chapters/companion/13-experiments.nw"
if (base) {
    double d = r->e.ap[EVAL_AP] - base->e.ap[EVAL_AP];
    fprintf(f, "This run's AP is %.3f, %s the base run's %.3f",
            r->e.ap[EVAL_AP], d > 0 ? "above" : d < 0 ? "below"
            : "equal to", base->e.ap[EVAL_AP]);
    if (d != 0) fprintf(f, " by %.3f", d > 0 ? d : -d);
    fputs(" (the book's experiments chapter measures the spread of"
          " AP over seeds; a difference smaller than it is noise).\n",
          f);
}
#line 819 "chapters/companion/13-experiments.nw"
    
#line 842 "chapters/companion/13-experiments.nw"
fputs("\\begin{center}\\begin{tikzpicture}\\begin{axis}[width=.48"
      "\\textwidth,xlabel=step,ylabel=class loss,ymode=log]\n"
      "\\addplot[blue,no marks] table[x=iter,y=cls]{curves-run.dat};"
      "\n", f);
if (base) fputs("\\addplot[red,dashed,no marks] table[x=iter,y=cls]"
                "{curves-base.dat};\n", f);
fputs("\\end{axis}\\end{tikzpicture}\\hfill\\begin{tikzpicture}"
      "\\begin{axis}[width=.48\\textwidth,xlabel=step,ylabel=AP,"
      "legend pos=north west]\n\\addplot[blue,mark=*] table[x=iter,"
      "y=ap]{curves-run.dat};\n", f);
if (base) fputs("\\addplot[red,dashed,mark=o] table[x=iter,y=ap]"
                "{curves-base.dat};\n", f);
fprintf(f, "\\legend{this run%s}\\end{axis}\\end{tikzpicture}\n"
        "\\end{center}\n", base ? ",base" : "");
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
fputs("The cumulative distribution of the loss of this run's model on"
      " validation scenes, computed at four values of $\\gamma$ (as"
      " in Figure~4 of the focal loss paper).\n", f);
#line 820 "chapters/companion/13-experiments.nw"
    fputs("\\end{document}\n", f);
    return fig_close(&o);
}
#line 880 "chapters/companion/13-experiments.nw"
int cmd_report(int argc, char **argv)
{
    const char *cmd = "report", *out = NULL;
    report_run_t r = {0}, b = {0};
    long val = 400, threads = 2;
    char err[DATA_ERR_SIZE] = "";
    for (int i = 1; i < argc; i++) {
        
#line 931 "chapters/companion/13-experiments.nw"
const char *f = argv[i], *v, **sv;
if (cli_is_help(f)) {
    fputs(report_usage, stdout);
    return 0;
}
sv = !strcmp(f, "--model") ? &r.model : !strcmp(f, "--log") ? &r.log
     : !strcmp(f, "--base-model") ? &b.model
     : !strcmp(f, "--base-log") ? &b.log : !strcmp(f, "--out") ? &out
     : NULL;
if (!sv && strcmp(f, "--val") && strcmp(f, "--threads"))
    return cli_usage(cmd, "%s: unknown flag", f);
if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
    return EXIT_USAGE;
if (sv) *sv = v;
else if (cli_long(cmd, f, v, 1, !strcmp(f, "--val") ? 100000 : 64,
                  !strcmp(f, "--val") ? &val : &threads))
    return EXIT_USAGE;
#line 888 "chapters/companion/13-experiments.nw"
    }
    if (!r.model || !r.log || !out || !b.model != !b.log)
        return cli_usage(cmd, "--model, --log and --out are required;"
                         " --base-model needs --base-log\n%s",
                         report_usage);
    
#line 914 "chapters/companion/13-experiments.nw"
static const char *const names[] = {"report.tex", "curves-run.dat",
    "curves-base.dat", "cdf-run-fg.dat", "cdf-run-bg.dat",
    "cdf-base-fg.dat", "cdf-base-bg.dat"};
const char *in[] = {r.model, r.log, b.model, b.log};
int bad = out_check_dir(out, in, 4, err, sizeof err);
for (int k = 0; k < 7 && !bad; k++) {
    char *p = path_join(out, names[k]);
    bad = p == NULL ? (snprintf(err, sizeof err, "out of memory"), 1)
                    : out_check(p, in, 4, err, sizeof err);
    if (bad == EXIT_FAIL && access(out, F_OK) != 0)
        bad = 0;                /* no folder yet, so no file in it */
    free(p);
}
if (bad) return out_refuse(cmd, bad, err);
#line 894 "chapters/companion/13-experiments.nw"
    if (mkdir(out, 0777) && errno != EEXIST)
        return cli_fail(cmd, "%s: cannot make the folder", out);
    int st = report_eval(&r, (int)val, (int)threads, err, sizeof err)
             || (b.model && report_eval(&b, (int)val, (int)threads, err,
                                        sizeof err))
             || report_data(out, "run", &r)
             || (b.model && report_data(out, "base", &b))
             || report_tex(out, &r, b.model ? &b : NULL, (int)val);
    if (!st) printf("%s/report.tex\n", out);
    
#line 951 "chapters/companion/13-experiments.nw"
for (int k = 0; k < 2; k++) {
    report_run_t *p = k ? &b : &r;
    checkpoint_free(&p->ck);
    exper_losses_free(&p->l);
    free(p->rows);
    if (p->e.precision) eval_free(&p->e);
}
#line 904 "chapters/companion/13-experiments.nw"
    return !st ? 0 : err[0] ? cli_fail(cmd, "%s", err) : EXIT_FAIL;
}
