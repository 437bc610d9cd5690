#line 780 "chapters/companion/11-training.nw"
/* cmd-train.c: the train subcommand. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "checkpoint.h"
#include "cli.h"
#include "commands.h"
#include "exper.h"
#include "files.h"
#include "train.h"

static const char *const train_usage =
    "usage: retina train --out MODEL [--resume MODEL] [--gamma G]\n"
    "         [--alpha A|none] [--loss focal|ce] [--iters N | --images"
    " N]\n"
    "         [--batch B] [--lr LR] [--seed S] [--threads T]"
    " [--until K]\n"
    "         [--clip C] [--log CSV] [--log-every K] [--val N]\n"
    "         [--val-every K] [--save-every K] [--prior PI|none]\n"
    "         [--sampling none|hnm|ohem|ohem-1:3] [--net rtiny|narrow]"
    "\n";

#line 823 "chapters/companion/11-training.nw"
typedef struct {
    const char *out, *resume, *log, *cfg_flag;
    long iters, images, until, threads, val, val_every, save_every,
         log_every;
} train_opts_t;

static const struct {
    const char *name; size_t off; long lo, hi;
} long_flags[] = {
    {"--iters", offsetof(train_opts_t, iters), 1, 10000000},
    {"--images", offsetof(train_opts_t, images), 1, 1000000000},
    {"--until", offsetof(train_opts_t, until), 1, 10000000},
    {"--threads", offsetof(train_opts_t, threads), 1, 64},
    {"--val", offsetof(train_opts_t, val), 0, 100000},
    {"--val-every", offsetof(train_opts_t, val_every), 1, 10000000},
    {"--save-every", offsetof(train_opts_t, save_every), 1, 10000000},
    {"--log-every", offsetof(train_opts_t, log_every), 1, 10000000},
};
enum { NLONG = sizeof long_flags / sizeof long_flags[0] };
#line 848 "chapters/companion/11-training.nw"
static int parse_flag(train_opts_t *o, train_config_t *c,
                      long *batch, const char *f, const char *v)
{
    const char *cmd = "train";
    double d;
    long l;
    int st = 0;
    for (int k = 0; k < NLONG; k++)
        if (!strcmp(f, long_flags[k].name))
            return cli_long(cmd, f, v, long_flags[k].lo,
                            long_flags[k].hi,
                            (long *)((char *)o + long_flags[k].off));
    if (!strcmp(f, "--out")) o->out = v;
    else if (!strcmp(f, "--resume")) o->resume = v;
    else if (!strcmp(f, "--log")) o->log = v;
    else {
        o->cfg_flag = f;
        
#line 872 "chapters/companion/11-training.nw"
if (!strcmp(f, "--gamma"))
    st = cli_double(cmd, f, v, 0, LOSS_GAMMA_MAX, &c->loss.cls.gamma);
else if (!strcmp(f, "--alpha"))
    c->loss.cls.alpha = LOSS_ALPHA_OFF,
    st = !strcmp(v, "none") ? 0
         : cli_double(cmd, f, v, -1, 1, &c->loss.cls.alpha)
           ? EXIT_USAGE
           : c->loss.cls.alpha < 0 && c->loss.cls.alpha != -1
             ? cli_usage(cmd, "%s: %s: give a value in [0, 1], or -1"
                         " or none for no weighting", f, v) : 0;
else if (!strcmp(f, "--loss"))
    st = !strcmp(v, "focal") ? (c->loss.cls.kind = LOSS_FOCAL, 0)
         : !strcmp(v, "ce") ? (c->loss.cls.kind = LOSS_CE, 0)
         : cli_usage(cmd, "%s: %s: give focal or ce", f, v);
else if (!strcmp(f, "--lr"))
    st = cli_double(cmd, f, v, 1e-8, 10, &d) ? EXIT_USAGE
         : (c->sgd.lr = d, 0);
else if (!strcmp(f, "--clip"))
    st = cli_double(cmd, f, v, 0, 1e6, &c->clip);
else if (!strcmp(f, "--batch"))
    st = cli_long(cmd, f, v, 1, TRAIN_MAX_BATCH, batch);
else if (!strcmp(f, "--seed"))
    st = cli_long(cmd, f, v, 0, 9007199254740992L, &l) ? EXIT_USAGE
         : (c->seed = (uint64_t)l, 0);
#line 906 "chapters/companion/11-training.nw"
else if (!strcmp(f, "--prior"))
    st = !strcmp(v, "none") ? (c->prior_pi = 0.5, 0)
         : cli_double(cmd, f, v, 0, 1, &d) ? EXIT_USAGE
         : d > 0 && d < 1 ? (c->prior_pi = d, 0)
         : cli_usage(cmd, "%s: %s: give a value in (0, 1), or none",
                     f, v);
else if (!strcmp(f, "--sampling"))
    st = sampling_parse(v) >= 0 ? (c->sampling = sampling_parse(v), 0)
         : cli_usage(cmd, "%s: %s: give none, hnm, ohem or ohem-1:3",
                     f, v);
else if (!strcmp(f, "--net"))
    st = !strcmp(v, "rtiny") ? (c->net = train_config_default().net, 0)
         : !strcmp(v, "narrow") ? (c->net = exper_narrow_net(), 0)
         : cli_usage(cmd, "%s: %s: give rtiny or narrow", f, v);
#line 897 "chapters/companion/11-training.nw"
else
    st = cli_usage(cmd, "%s: unknown flag", f);
#line 866 "chapters/companion/11-training.nw"
    }
    return st;
}
#line 927 "chapters/companion/11-training.nw"
static int check_opts(train_opts_t *o, train_config_t *c, long batch)
{
    const char *cmd = "train";
    if (!o->out)
        return cli_usage(cmd, "--out is required\n%s", train_usage);
    if (o->iters && o->images)
        return cli_usage(cmd, "--images: give --iters or --images,"
                         " not both");
    if (o->resume && (o->cfg_flag || o->iters || o->images))
        return cli_usage(cmd, "%s: the configuration comes from the"
                         " checkpoint given to --resume",
                         o->cfg_flag ? o->cfg_flag
                         : o->iters ? "--iters" : "--images");
    if (o->val_every && !o->val)
        return cli_usage(cmd, "--val-every: needs --val N > 0");
    if (!o->resume) {
        c->batch = (int)batch;
        train_config_schedule(c, o->iters ? o->iters
                              : o->images ? (o->images + batch - 1)
                                            / batch : TRAIN_ITERS);
    }
    if (o->until && !o->resume && o->until > c->sgd.max_iter)
        return cli_usage(cmd, "--until: %ld is past the run's %ld"
                         " iterations", o->until, c->sgd.max_iter);
    
#line 1432 "chapters/companion/11-training.nw"
char why[DATA_ERR_SIZE];
int bad = out_check(o->out, (const char *const[]){o->log}, 1, why,
                    sizeof why);
if (!bad && o->log)
    bad = out_check(o->log, (const char *const[]){o->out, o->resume},
                    2, why, sizeof why);
if (bad) return out_refuse(cmd, bad, why);
#line 952 "chapters/companion/11-training.nw"
    return 0;
}
#line 968 "chapters/companion/11-training.nw"
typedef struct {
    double cls, box, fg, gn;   /* sums since the last row */
    long n;                /* steps in them */
    double seconds;        /* of training, validation excluded */
    long images;           /* trained on in this session */
} train_meter_t;

static double rate(const train_meter_t *m)
{
    return m->seconds > 0 ? m->images / m->seconds : 0;
}

static void show(const train_meter_t *m, long iter, long until,
                 int batch, int tty)
{
    double n = m->n ? m->n : 1, ips = rate(m);
    long eta = ips > 0 ? (long)((until - iter) * batch / ips + .5) : 0;
    int fill = (int)(20 * iter / until);
    if (tty)
        fprintf(stderr, "\r[%.*s%*s] %ld/%ld", fill,
                "====================", 20 - fill, "", iter, until);
    else
        fprintf(stderr, "iter %ld/%ld", iter, until);
    fprintf(stderr, "  cls %.4f  box %.4f  %.1f img/s  ETA %ld:%02ld%s",
            m->cls / n, m->box / n, ips, eta / 60, eta % 60,
            tty ? " " : "\n");
}
#line 998 "chapters/companion/11-training.nw"
static const char *const log_header = "iter,lr,cls,box,num_fg,"
    "images_per_s,seconds,grad_norm,val_ap,val_ap50,val_ap75\n";

static int log_row(FILE *f, const train_meter_t *m,
                   const train_stats_t *st, const eval_t *e)
{
    double n = m->n ? m->n : 1;
    fprintf(f, "%ld,%.6g,%.6f,%.6f,%.3f,%.2f,%.3f,%.4g", st->iter,
            st->lr, m->cls / n, m->box / n, m->fg / n, rate(m),
            m->seconds, m->gn / n);
    if (e)
        fprintf(f, ",%.4f,%.4f,%.4f\n", e->ap[EVAL_AP],
                e->ap[EVAL_AP50], e->ap[EVAL_AP75]);
    else
        fputs(",,,\n", f);
    return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
#line 1120 "chapters/companion/11-training.nw"
static int train_loop(trainer_t *t, const train_opts_t *o,
                      const train_val_t *val, FILE *log)
{
    long until = o->until ? o->until : t->cfg.sgd.max_iter;
    long first = t->step, saved = o->resume ? t->step : -1;
    int tty = isatty(fileno(stderr)), B = t->cfg.batch;
    train_meter_t m = {0};
    train_stats_t st;
    eval_t e;
    int have_e = 0;
    char err[DATA_ERR_SIZE];
    while (t->step < until) {
        
#line 1143 "chapters/companion/11-training.nw"
double t0 = bench_now();
int rc = train_step(t, &st);
if (rc == TRAIN_NONFINITE) {
    if (tty) fputc('\n', stderr);
    cli_fail("train", "iteration %ld: %s is not finite (NaN or"
             " infinity); stopping", st.iter, st.bad);
    if (saved >= 0)
        fprintf(stderr, "retina train: %s holds iteration %ld\n",
                saved > first || !o->resume ? o->out : o->resume,
                saved);
    if (have_e) eval_free(&e);
    return EXIT_FAIL;
}
if (rc != TRAIN_OK) {
    if (have_e) eval_free(&e);
    return cli_fail("train", "out of memory");
}
m.seconds += bench_now() - t0;
m.images += B;
m.cls += st.loss.cls;
m.box += st.loss.box;
m.fg += (double)st.loss.num_fg / B;
m.gn += st.grad_norm;
m.n++;
#line 1133 "chapters/companion/11-training.nw"
        
#line 1170 "chapters/companion/11-training.nw"
int last = t->step == until, row = t->step % o->log_every == 0;
int vdue = val->count > 0 && (last || (o->val_every
                                       && t->step % o->val_every == 0));
if (tty) show(&m, t->step, until, B, 1);
if (vdue) {
    if (have_e) eval_free(&e);
    if ((have_e = train_validate(t, val, &e) == 0) == 0)
        return cli_fail("train", "validation: out of memory");
    fprintf(stderr, "%siter %ld: validation AP %.3f  AP50 %.3f  AP75"
            " %.3f\n", tty ? "\n" : "", t->step, e.ap[EVAL_AP],
            e.ap[EVAL_AP50], e.ap[EVAL_AP75]);
}
if (row || vdue || last) {
    if (log && log_row(log, &m, &st, vdue ? &e : NULL)) {
        if (have_e) eval_free(&e);
        return cli_fail("train", "%s: cannot write the log: %s",
                        o->log, strerror(errno));
    }
    if (!tty) show(&m, t->step, until, B, 0);
    m.cls = m.box = m.fg = m.gn = 0;
    m.n = 0;
}
if (t->step % o->save_every == 0 || last) {
    if (checkpoint_write(o->out, t, err, sizeof err))
        return cli_fail("train", "%s", err);
    saved = t->step;
}
#line 1134 "chapters/companion/11-training.nw"
    }
    if (tty) fputc('\n', stderr);
    
#line 1200 "chapters/companion/11-training.nw"
printf("trained iterations %ld-%ld (%ld images) in %.1f s:"
       " %.1f images/s\nmodel: %s (iteration %ld of %ld)\n", first + 1,
       t->step, m.images, m.seconds, rate(&m), o->out, t->step,
       t->cfg.sgd.max_iter);
if (have_e)
    printf("validation, %d scenes: AP %.3f  AP50 %.3f  AP75 %.3f\n",
           val->count, e.ap[EVAL_AP], e.ap[EVAL_AP50], e.ap[EVAL_AP75]);
#line 1137 "chapters/companion/11-training.nw"
    if (have_e) eval_free(&e);
    return 0;
}
#line 1213 "chapters/companion/11-training.nw"
int cmd_train(int argc, char **argv)
{
    const char *cmd = "train";
    train_config_t c = train_config_default();
    train_opts_t o = {.threads = 1, .log_every = 10, .save_every = 100};
    long batch = TRAIN_BATCH;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v;
        if (cli_is_help(f)) {
            fputs(train_usage, stdout);
            return 0;
        }
        if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
        int st = parse_flag(&o, &c, &batch, f, v);
        if (st) return st;
    }
    int st = check_opts(&o, &c, batch);
    if (st) return st;
    
#line 1238 "chapters/companion/11-training.nw"
trainer_t t;
train_val_t val;
char err[DATA_ERR_SIZE];
FILE *log = NULL;
if (o.resume) {
    checkpoint_t ck;
    if (checkpoint_read(o.resume, &ck, err, sizeof err))
        return cli_fail(cmd, "%s", err);
    st = checkpoint_resume(&t, &ck, (int)o.threads);
    checkpoint_free(&ck);
    if (st) return cli_fail(cmd, "out of memory");
    if (o.until && (o.until <= t.step || o.until > t.cfg.sgd.max_iter))
        st = cli_usage(cmd, "--until: %ld is outside iterations %ld-%ld"
                       " left to %s", o.until, t.step + 1,
                       t.cfg.sgd.max_iter, o.resume);
} else if (train_config_check(&c, err, sizeof err))
    return cli_usage(cmd, "%s", err);
else if (trainer_create(&t, &c, (int)o.threads))
    return cli_fail(cmd, "out of memory");
if (!st && train_val_open(&val, t.cfg.seed, SCENE_VAL, (int)o.val))
    st = cli_fail(cmd, "validation set: out of memory");
else if (!st) {
    if (o.log && ((log = fopen(o.log, "w")) == NULL
                  || fputs(log_header, log) < 0))
        st = cli_fail(cmd, "%s: cannot write the log", o.log);
    if (!st) st = train_loop(&t, &o, &val, log);
    if (log && fclose(log) && !st)
        st = cli_fail(cmd, "%s: cannot write the log", o.log);
    train_val_free(&val);
}
trainer_free(&t);
#line 1233 "chapters/companion/11-training.nw"
    return st;
}
