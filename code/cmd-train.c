#line 1017 "chapters/companion/11-training.nw"
/* cmd-train.c: the train subcommand. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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
    "usage: retina train --out MODEL [OPTIONS]\n"
    "       retina train --resume MODEL [--out MODEL] [OPTIONS]\n";

#line 1055 "chapters/companion/11-training.nw"
static void train_help(void)
{
    train_config_t c = train_config_default();
    printf("%sTrains the detector on generated scenes, or with --gt"
           " on a COCO data set.\nRange [default]:\n"
           "the run (kept in the model; not with --resume):\n"
           "  --gamma G        0..%g [%g]\n"
           "  --alpha A|none   weight of positives, 0..1, or none"
           " [%g]\n"
           "  --loss focal|ce  [focal]\n"
           "  --iters N        steps, 1..10000000 [%d]\n"
           "  --images N       or images, 1..1000000000\n"
           "  --batch B        1..%d [%d]\n"
           "  --lr LR          1e-08..10 [%g]\n"
           "  --seed S         0..2^53 [%llu]\n"
           "  --clip C         gradient norm, 0..1e6, 0: off [%g]\n"
           "  --prior PI|none  0 < PI < 1 [%g]\n"
           "  --sampling none|hnm|ohem|ohem-1:3  [none]\n"
           "  --net rtiny|narrow  [rtiny]\n"
           "  --objects MIN:MAX   objects per scene, 0..%d [%d:%d]\n"
           "  --sizes MIN:MAX     their sizes in pixels, 4..%d"
           " [%g:%g]\n"
           "  --distractors N     most distractors, 0..%d [%d]\n",
           train_usage, LOSS_GAMMA_MAX,
           c.loss.cls.gamma, c.loss.cls.alpha, TRAIN_ITERS,
           TRAIN_MAX_BATCH, TRAIN_BATCH, c.sgd.lr,
           (unsigned long long)c.seed, c.clip, c.prior_pi,
           SCENE_MAX_OBJECTS, c.scenes.min_objects,
           c.scenes.max_objects, SCENE_SIZE, c.scenes.min_size,
           c.scenes.max_size, SCENE_MAX_DISTRACTORS,
           c.scenes.max_distractors);
    
#line 1272 "chapters/companion/11-training.nw"
printf("the anchors (kept in the model; not with --resume):\n"
       "  --anchor-size K  base side, K strides, %g..%g [%g]\n"
       "  --scales LIST    exponents of 2, %g..%g [0,1/3,2/3]\n"
       "  --ratios LIST    h/w, 1/%g..%g [1/2,1,2]\n"
       "  --fg-iou X       foreground at IoU >= X, 0..1 [%g]\n"
       "  --bg-iou X       background below X, 0..fg [%g]\n"
       "                   LIST: 1 to %d decimals or fractions P/Q,"
       " comma-separated\n", ANCHOR_SIZE_MIN, ANCHOR_SIZE_MAX,
       ANCHOR_SIZE, -ANCHOR_SCALE_MAX, ANCHOR_SCALE_MAX,
       ANCHOR_RATIO_MAX, ANCHOR_RATIO_MAX, ANCHOR_FG_IOU,
       ANCHOR_BG_IOU, ANCHOR_MAX_SCALES);
#line 1087 "chapters/companion/11-training.nw"
    printf("  --gt FILE        train on a COCO instances file and its\n"
           "                   images instead of generated scenes;\n"
           "                   with --resume, [the file recorded]\n"
           "this session:\n"
           "  --val-gt FILE    validate on a COCO instances file\n"
           "  --out MODEL      [the --resume model]\n"
           "  --until K        stop after step K [the run's end]\n"
           "  --threads T      1..%d [processors available: %ld]\n"
           "  --log CSV        a row per --log-every steps [none];\n"
           "                   continued when resuming\n"
           "  --log-every K    1..10000000 [10]\n"
           "  --val N          validation scenes, 0..100000 [0]\n"
           "  --val-every K    1..10000000 [only at the end]\n"
           "  --val-seed S     seed of the validation scenes,"
           " 0..2147483647 [%d]\n"
           "  --save-every K   1..10000000 [100]\n"
           "Ctrl-C finishes the step, saves, and prints the command"
           " that resumes.\n", CLI_MAX_THREADS,
           cli_threads_default(), SCENE_SEED);
}
#line 1119 "chapters/companion/11-training.nw"
typedef struct {
    const char *out, *resume, *log, *cfg_flag;
    const char *gt, *val_gt, *scene_flag;   /* your own data */
    long iters, images, until, threads, val, val_every, save_every,
         log_every, val_seed;
    int argc;              /* the command line, for the resume hint */
    char **argv;
} train_opts_t;

static const struct {
    const char *name; size_t off; long lo, hi;
} long_flags[] = {
    {"--iters", offsetof(train_opts_t, iters), 1, 10000000},
    {"--images", offsetof(train_opts_t, images), 1, 1000000000},
    {"--until", offsetof(train_opts_t, until), 1, 10000000},
    {"--threads", offsetof(train_opts_t, threads), 1,
     CLI_MAX_THREADS},
    {"--val", offsetof(train_opts_t, val), 0, 100000},
    {"--val-every", offsetof(train_opts_t, val_every), 1, 10000000},
    {"--save-every", offsetof(train_opts_t, save_every), 1, 10000000},
    {"--log-every", offsetof(train_opts_t, log_every), 1, 10000000},
    {"--val-seed", offsetof(train_opts_t, val_seed), 0, 2147483647},
};
enum { NLONG = sizeof long_flags / sizeof long_flags[0] };
#line 1306 "chapters/companion/11-training.nw"
static int parse_anchor_list(const char *f, const char *text,
                             double lo, double hi, double *v, int *n)
{
    const char *cmd = "train", *p = text;
    int k = 0;
    memset(v, 0, ANCHOR_MAX_SCALES * sizeof *v);
    for (;;) {
        
#line 1324 "chapters/companion/11-training.nw"
char *end;
double x = strtod(p, &end);
if (end != p && *end == '/') {
    const char *q = end + 1;
    double y = strtod(q, &end);
    x = end != q && y > 0 ? x / y : NAN;
}
if (end == p || !isfinite(x) || (*end && *end != ','))
    return cli_usage(cmd, "%s: '%s' is not a list of numbers or"
                     " fractions P/Q separated by commas", f, text);
if (k == ANCHOR_MAX_SCALES)
    return cli_usage(cmd, "%s: %s: at most %d entries", f, text,
                     ANCHOR_MAX_SCALES);
if (!(x >= lo && x <= hi))
    return cli_usage(cmd, "%s: %s: %g is out of range [%g, %g]", f,
                     text, x, lo, hi);
for (int j = 0; j < k; j++)
    if (v[j] == x)
        return cli_usage(cmd, "%s: %s: %g is given twice", f, text,
                         x);
#line 1314 "chapters/companion/11-training.nw"
        v[k++] = x;
        if (*end == '\0') break;
        p = end + 1;
    }
    *n = k;
    return 0;
}
#line 1149 "chapters/companion/11-training.nw"
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
    else if (!strcmp(f, "--gt")) o->gt = v;
    else if (!strcmp(f, "--val-gt")) o->val_gt = v;
    else if (!strcmp(f, "--resume")) o->resume = v;
    else if (!strcmp(f, "--log")) o->log = v;
    else {
        o->cfg_flag = f;
        if (!strcmp(f, "--objects") || !strcmp(f, "--sizes")
            || !strcmp(f, "--distractors"))
            o->scene_flag = f;
        
#line 1178 "chapters/companion/11-training.nw"
if (!strcmp(f, "--gamma"))
    st = cli_double(cmd, f, v, 0, LOSS_GAMMA_MAX, &c->loss.cls.gamma);
else if (!strcmp(f, "--alpha"))
    c->loss.cls.alpha = LOSS_ALPHA_OFF,
    st = !strcmp(v, "none") ? 0
         : cli_double(cmd, f, v, -1, 1, &c->loss.cls.alpha)
           ? EXIT_USAGE
           : c->loss.cls.alpha < 0 && c->loss.cls.alpha != -1
             ? cli_usage(cmd, "%s: %s: give a value in [0, 1], or -1"
                         " or none for no weighting", f,
                         cli_shown(v)) : 0;
else if (!strcmp(f, "--loss"))
    st = !strcmp(v, "focal") ? (c->loss.cls.kind = LOSS_FOCAL, 0)
         : !strcmp(v, "ce") ? (c->loss.cls.kind = LOSS_CE, 0)
         : cli_usage(cmd, "%s: %s: give focal or ce", f,
                     cli_shown(v));
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
#line 1224 "chapters/companion/11-training.nw"
else if (!strcmp(f, "--prior"))
    st = !strcmp(v, "none") ? (c->prior_pi = 0.5, 0)
         : cli_double(cmd, f, v, 0, 1, &d) ? EXIT_USAGE
         : d > 0 && d < 1 ? (c->prior_pi = d, 0)
         : cli_usage(cmd, "%s: %s: give a value in (0, 1), or none",
                     f, cli_shown(v));
else if (!strcmp(f, "--sampling"))
    st = sampling_parse(v) >= 0 ? (c->sampling = sampling_parse(v), 0)
         : cli_usage(cmd, "%s: %s: give none, hnm, ohem or ohem-1:3",
                     f, cli_shown(v));
else if (!strcmp(f, "--net"))
    st = !strcmp(v, "rtiny") ? (c->net = train_config_default().net, 0)
         : !strcmp(v, "narrow") ? (c->net = exper_narrow_net(), 0)
         : cli_usage(cmd, "%s: %s: give rtiny or narrow", f,
                     cli_shown(v));
else if (!strcmp(f, "--objects")) {
    int lo, hi, end = 0;
    st = sscanf(v, "%d:%d%n", &lo, &hi, &end) == 2 && !v[end]
         && lo >= 0 && lo <= hi && hi <= SCENE_MAX_OBJECTS
         ? (c->scenes.min_objects = lo, c->scenes.max_objects = hi, 0)
         : cli_usage(cmd, "%s: %s: give MIN:MAX with 0 <= MIN <= MAX"
                     " <= %d", f, cli_shown(v), SCENE_MAX_OBJECTS);
} else if (!strcmp(f, "--sizes")) {
    double lo, hi;
    int end = 0;
    st = sscanf(v, "%lf:%lf%n", &lo, &hi, &end) == 2 && !v[end]
         && lo >= 4 && lo <= hi && hi <= SCENE_SIZE
         ? (c->scenes.min_size = lo, c->scenes.max_size = hi, 0)
         : cli_usage(cmd, "%s: %s: give MIN:MAX pixels with 4 <= MIN"
                     " <= MAX <= %d", f, cli_shown(v), SCENE_SIZE);
} else if (!strcmp(f, "--distractors"))
    st = cli_long(cmd, f, v, 0, SCENE_MAX_DISTRACTORS, &l) ? EXIT_USAGE
         : (c->scenes.max_distractors = (int)l, 0);
#line 1286 "chapters/companion/11-training.nw"
else if (!strcmp(f, "--anchor-size"))
    st = cli_double(cmd, f, v, ANCHOR_SIZE_MIN, ANCHOR_SIZE_MAX,
                    &c->anchors.size);
else if (!strcmp(f, "--scales"))
    st = parse_anchor_list(f, v, -ANCHOR_SCALE_MAX, ANCHOR_SCALE_MAX,
                           c->anchors.scale, &c->anchors.num_scales);
else if (!strcmp(f, "--ratios"))
    st = parse_anchor_list(f, v, 1 / ANCHOR_RATIO_MAX,
                           ANCHOR_RATIO_MAX, c->anchors.ratio,
                           &c->anchors.num_ratios);
else if (!strcmp(f, "--fg-iou") || !strcmp(f, "--bg-iou"))
    st = cli_double(cmd, f, v, 0, 1, &d) ? EXIT_USAGE
         : d > 0 ? (*(f[2] == 'f' ? &c->anchors.fg_iou
                                  : &c->anchors.bg_iou) = d, 0)
         : cli_usage(cmd, "%s: %s: give an IoU in (0, 1]", f, v);
#line 1206 "chapters/companion/11-training.nw"
else
    st = cli_usage(cmd, "%s: unknown flag", cli_shown(f));
#line 1172 "chapters/companion/11-training.nw"
    }
    return st;
}
#line 1363 "chapters/companion/11-training.nw"
static int check_opts(train_opts_t *o, train_config_t *c, long batch)
{
    const char *cmd = "train";
    if (!o->out) o->out = o->resume;
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
    
#line 1401 "chapters/companion/11-training.nw"
if (o->gt && o->scene_flag)
    return cli_usage(cmd, "%s: sets the generated scenes; it does not"
                     " apply to --gt", o->scene_flag);
if (o->gt && o->val)
    return cli_usage(cmd, "--val: generated validation scenes do not"
                     " fit a --gt data set; give --val-gt FILE");
if (o->val && o->val_gt)
    return cli_usage(cmd, "--val-gt: give --val N or --val-gt, not"
                     " both");
#line 1378 "chapters/companion/11-training.nw"
    if (o->val_every && !o->val && !o->val_gt)
        return cli_usage(cmd, "--val-every: needs --val N > 0 or"
                         " --val-gt");
    if (!o->resume) {
        
#line 1349 "chapters/companion/11-training.nw"
if (c->anchors.bg_iou > c->anchors.fg_iou)
    return cli_usage(cmd, "--bg-iou: %g is above --fg-iou %g; the"
                     " background threshold may not exceed the"
                     " foreground one", c->anchors.bg_iou,
                     c->anchors.fg_iou);
c->net.num_anchors = anchor_config_count(&c->anchors);
#line 1383 "chapters/companion/11-training.nw"
        c->batch = (int)batch;
        train_config_schedule(c, o->iters ? o->iters
                              : o->images ? (o->images + batch - 1)
                                            / batch : TRAIN_ITERS);
    }
    if (o->until && !o->resume && o->until > c->sgd.max_iter)
        return cli_usage(cmd, "--until: %ld is past the run's %ld"
                         " iterations", o->until, c->sgd.max_iter);
    
#line 2416 "chapters/companion/11-training.nw"
char why[DATA_ERR_SIZE];
int bad = out_check(o->out, (const char *const[]){o->log, o->gt,
                    o->val_gt}, 3, why, sizeof why);
if (!bad && o->log)
    bad = out_check(o->log, (const char *const[]){o->out, o->resume},
                    2, why, sizeof why);
if (bad) return out_refuse(cmd, bad, why);
#line 1392 "chapters/companion/11-training.nw"
    return 0;
}
#line 1419 "chapters/companion/11-training.nw"
static int open_data(const train_opts_t *o, const checkpoint_t *ck,
                     train_config_t *c, train_val_t *own,
                     train_val_t *val)
{
    const char *cmd = "train", *names[COCO_MAX_CATEGORIES];
    const char *gt = o->gt ? o->gt : ck && ck->src.ncategories
                                     ? ck->src.path : NULL;
    char err[DATA_ERR_SIZE];
    int n = SCENE_CLASSES, st = 0;
    memset(own, 0, sizeof *own);
    memset(val, 0, sizeof *val);
    
#line 1459 "chapters/companion/11-training.nw"
if (ck && o->gt && !ck->src.ncategories)
    return cli_usage(cmd, "--gt: %s was trained on generated scenes",
                     o->resume);
if (ck && ck->src.ncategories && o->val)
    return cli_usage(cmd, "--val: %s was trained on %s; generated"
                     " scenes do not fit its classes; give --val-gt"
                     " FILE", o->resume, ck->src.path);
#line 1431 "chapters/companion/11-training.nw"
    if (gt && train_val_read(own, gt, 1, err, sizeof err))
        return cli_fail(cmd, "%s", err);
    if (gt && ck && own->hash != ck->src.hash) {
        train_val_free(own);
        return cli_fail(cmd, "%s: not the file %s was trained on (its"
                        " bytes differ); give that file with --gt",
                        gt, o->resume);
    }
    if (gt) n = c->net.num_classes = own->gt.ncategories;
    for (int k = 0; k < n; k++)
        names[k] = gt ? own->gt.categories[k].name
                      : scene_class_name(k);
    if (o->val_gt)
        st = train_val_read(val, o->val_gt, 0, err, sizeof err)
             || train_val_match(val, names, n, err, sizeof err)
             ? cli_fail(cmd, "%s", err) : 0;
    else if (train_val_open(val, &c->scenes, (uint64_t)o->val_seed,
                            SCENE_VAL, (int)o->val))
        st = cli_fail(cmd, "validation set: out of memory");
    if (st) {
        train_val_free(own);
        train_val_free(val);
    }
    return st;
}
#line 1480 "chapters/companion/11-training.nw"
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
#line 1510 "chapters/companion/11-training.nw"
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
#line 1747 "chapters/companion/11-training.nw"
static volatile sig_atomic_t train_interrupted;

static void on_signal(int sig)
{
    static const char msg[] = "\nretina train: interrupted; saving"
        " after this step (press Ctrl-C again to abandon it)\n";
    if (train_interrupted) out_on_signal(sig);   /* the second */
    train_interrupted = sig;
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
}

static void catch_interrupts(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}
#line 1778 "chapters/companion/11-training.nw"
static void put_word(const char *w)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,+-";
    if (*w && w[strspn(w, plain)] == '\0') {
        fprintf(stderr, " %s", w);
        return;
    }
    fputs(" '", stderr);
    for (; *w; w++)
        if (*w == '\'') fputs("'\\''", stderr);
        else fputc(*w, stderr);
    fputc('\'', stderr);
}

static void say_how_to_resume(const train_opts_t *o, const trainer_t *t)
{
    fprintf(stderr, "retina train: stopped by signal %d; %s holds"
            " iteration %ld of %ld\nresume with:\n ",
            (int)train_interrupted, o->out, t->step,
            t->cfg.sgd.max_iter);
    put_word(o->argv[-1]);
    fputs(" train --resume", stderr);
    put_word(o->out);
    for (int i = 1; i + 1 < o->argc; i += 2) {
        const char *f = o->argv[i];
        int keep = !strcmp(f, "--log") || !strcmp(f, "--val-gt")
                   || !strcmp(f, "--gt");
        for (int k = 0; k < NLONG; k++)
            keep |= !strcmp(f, long_flags[k].name)
                    && strcmp(f, "--iters") && strcmp(f, "--images");
        if (keep) {
            put_word(f);
            put_word(o->argv[i + 1]);
        }
    }
    fputc('\n', stderr);
}
#line 1827 "chapters/companion/11-training.nw"
/* The last whole row's iteration; -1 if none, -2 if IN is empty. */
static long log_last_iter(FILE *in, int *header)
{
    char line[512];
    long last = -1;
    if (!fgets(line, sizeof line, in)) return -2;
    *header = strcmp(line, log_header) == 0;
    while (fgets(line, sizeof line, in)) {
        char *end;
        long it = strtol(line, &end, 10);
        if (end != line && *end == ',' && strchr(line, '\n'))
            last = it;
    }
    return last;
}

static int open_log(const train_opts_t *o, long step, FILE **log)
{
    const char *cmd = "train";
    FILE *in = o->resume ? fopen(o->log, "r") : NULL;
    int header = 0;
    long last = in ? log_last_iter(in, &header) : -2;
    int empty = last == -2;
    if (in) fclose(in);
    if (!empty && !header)
        return cli_fail(cmd, "%s: not a training log (no header line);"
                        " give another --log", o->log);
    if (!empty && last != step)
        return cli_fail(cmd, "%s: its last row is iteration %ld, but %s"
                        " holds iteration %ld; give another --log, or"
                        " delete the rows after iteration %ld",
                        o->log, last, o->resume, step, step);
    *log = fopen(o->log, empty ? "w" : "a");
    if (!*log || (empty && fputs(log_header, *log) < 0))
        return cli_fail(cmd, "%s: cannot write the log", o->log);
    return 0;
}
#line 1635 "chapters/companion/11-training.nw"
static int train_loop(trainer_t *t, const train_opts_t *o,
                      const train_val_t *val, FILE *log)
{
    long until = o->until ? o->until : t->cfg.sgd.max_iter;
    long first = t->step, saved = o->resume ? t->step : -1;
    int stop = 0;
    int tty = isatty(fileno(stderr)), B = t->cfg.batch;
    train_meter_t m = {0};
    train_stats_t st;
    eval_t e;
    int have_e = 0;
    char err[DATA_ERR_SIZE];
    while (t->step < until && !stop) {
        
#line 1661 "chapters/companion/11-training.nw"
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
#line 1649 "chapters/companion/11-training.nw"
        stop = train_interrupted != 0;
        
#line 1688 "chapters/companion/11-training.nw"
int last = t->step == until || stop;
int row = t->step % o->log_every == 0;
int vdue = val->count > 0 && !stop
           && (last || (o->val_every && t->step % o->val_every == 0));
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
#line 1651 "chapters/companion/11-training.nw"
    }
    if (tty) fputc('\n', stderr);
    
#line 1719 "chapters/companion/11-training.nw"
printf("trained iterations %ld-%ld (%ld images) in %.1f s:"
       " %.1f images/s\nmodel: %s (iteration %ld of %ld)\n", first + 1,
       t->step, m.images, m.seconds, rate(&m), o->out, t->step,
       t->cfg.sgd.max_iter);
if (have_e)
    printf("validation, %d %s: AP %.3f  AP50 %.3f  AP75 %.3f\n",
           val->count, o->val_gt ? "images" : "scenes", e.ap[EVAL_AP],
           e.ap[EVAL_AP50], e.ap[EVAL_AP75]);
#line 1654 "chapters/companion/11-training.nw"
    if (stop) say_how_to_resume(o, t);
    if (have_e) eval_free(&e);
    return stop ? 128 + train_interrupted : 0;
}
#line 1870 "chapters/companion/11-training.nw"
int cmd_train(int argc, char **argv)
{
    const char *cmd = "train";
    train_config_t c = train_config_default();
    train_opts_t o = {.threads = cli_threads_default(),
                      .log_every = 10, .save_every = 100,
                      .val_seed = SCENE_SEED};
    long batch = TRAIN_BATCH;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v;
        if (cli_is_help(f)) {
            train_help();
            return 0;
        }
        if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
        int st = parse_flag(&o, &c, &batch, f, v);
        if (st) return st;
    }
    int st = check_opts(&o, &c, batch);
    if (st || cli_check_only()) return st;
    o.argc = argc;
    o.argv = argv;
    
#line 1899 "chapters/companion/11-training.nw"
trainer_t t;
train_val_t val, own;
char err[DATA_ERR_SIZE];
FILE *log = NULL;
if (o.resume) {
    checkpoint_t ck;
    if (checkpoint_read(o.resume, &ck, err, sizeof err))
        return cli_fail(cmd, "%s", err);
    c = ck.cfg;
    st = open_data(&o, &ck, &c, &own, &val);
    if (!st && checkpoint_resume(&t, &ck, (int)o.threads))
        st = cli_fail(cmd, "out of memory");
    checkpoint_free(&ck);
    if (st) goto data_free;
    if (o.until && (o.until <= t.step || o.until > t.cfg.sgd.max_iter))
        st = cli_usage(cmd, "--until: %ld is outside iterations %ld-%ld"
                       " left to %s", o.until, t.step + 1,
                       t.cfg.sgd.max_iter, o.resume);
} else if ((st = open_data(&o, NULL, &c, &own, &val)) != 0)
    return st;
else if (train_config_check(&c, err, sizeof err)) {
    st = cli_usage(cmd, "%s", err);
    goto data_free;
} else if (trainer_create(&t, &c, (int)o.threads)) {
    st = cli_fail(cmd, "out of memory");
    goto data_free;
}
t.data = own.count ? &own : NULL;
if (!st) {
    if (o.log) st = open_log(&o, t.step, &log);
    if (!st) catch_interrupts();
    if (!st) st = train_loop(&t, &o, &val, log);
    if (log && fclose(log) && !st)
        st = cli_fail(cmd, "%s: cannot write the log", o.log);
}
trainer_free(&t);
data_free:
train_val_free(&val);
train_val_free(&own);
#line 1894 "chapters/companion/11-training.nw"
    return st;
}
