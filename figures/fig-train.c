#line 3570 "chapters/companion/11-training.nw"
/* fig-train.c: the trained model's curves, table and detections.
   Usage: fig-train OUTDIR (reads build/train-model.ckpt and
   build/train-log.csv, which `make train` writes). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checkpoint.h"
#include "detect.h"
#include "figout.h"

#define MODEL "build/train-model.ckpt"
#define LOG "build/train-log.csv"
enum { VAL = 500, GRID_COLS = 3, GRID_ROWS = 2, ZOOM = 3 };
#define DRAW_SCORE 0.3

#line 3597 "chapters/companion/11-training.nw"
typedef train_log_row_t row_t;

static int curves(const char *dir, const row_t *r, int n)
{
    fig_file o;
    if (fig_open(&o, dir, "train-loss.dat")) return 1;
    fputs("iter cls box\n", o.f);
    for (int i = 0; i < n; i++)
        fprintf(o.f, "%ld %.5f %.5f\n", r[i].iter, r[i].cls, r[i].box);
    if (fig_close(&o) || fig_open(&o, dir, "train-val.dat")) return 1;
    fputs("iter ap ap50 ap75\n", o.f);
    for (int i = 0; i < n; i++)
        if (r[i].val)
            fprintf(o.f, "%ld %.4f %.4f %.4f\n", r[i].iter,
                    r[i].ap[0], r[i].ap[1], r[i].ap[2]);
    return fig_close(&o) != 0;
}
#line 3620 "chapters/companion/11-training.nw"
static int pr_curves(const char *dir, const eval_t *e)
{
    fig_file o;
    if (fig_open(&o, dir, "train-pr.dat")) return 1;
    FILE *f = o.f;
    fputs("recall", f);
    for (int t = 0; t <= 5; t += 5)
        for (int k = 0; k < e->ncls; k++)
            fprintf(f, " p%d_%d", t ? 75 : 50, k);
    for (int r = 0; r < EVAL_RECALLS; r++) {
        fprintf(f, "\n%.2f", eval_recall_threshold(r));
        for (int t = 0; t <= 5; t += 5)
            for (int k = 0; k < e->ncls; k++) {
                double p = e->precision[(t * e->ncls + k) * EVAL_RECALLS
                                        + r];
                fprintf(f, " %.4f", p < 0 ? 0 : p);
            }
    }
    fputc('\n', f);
    return fig_close(&o) != 0;
}
#line 3646 "chapters/companion/11-training.nw"
static int table(const char *dir, const eval_t *e)
{
    fig_file o;
    if (fig_open(&o, dir, "train-table.tex")) return 1;
    FILE *f = o.f;
    fputs("\\begin{tabular}{@{}lrrrrr@{}}\n\\toprule\nclass & boxes &"
          " detections & AP & AP$_{50}$ & AP$_{75}$\\\\\n"
          "\\midrule\n", f);
    for (int k = 0; k < e->ncls; k++)
        fprintf(f, "%s & %d & %d & %.3f & %.3f & %.3f\\\\\n",
                scene_class_name(k), e->ngt[k], e->ndt[k],
                e->class_ap[k][EVAL_AP], e->class_ap[k][EVAL_AP50],
                e->class_ap[k][EVAL_AP75]);
    fprintf(f, "\\midrule\nmean & & & %.3f & %.3f & %.3f\\\\\n"
            "\\bottomrule\n\\end{tabular}\n", e->ap[EVAL_AP],
            e->ap[EVAL_AP50], e->ap[EVAL_AP75]);
    return fig_close(&o) != 0;
}
#line 3676 "chapters/companion/11-training.nw"
static int grid(const char *dir, const train_val_t *v,
                const detection_list_t *dl)
{
    enum { S = SCENE_SIZE * ZOOM, GAP = 6 };
    image_t g, one;
    char path[1100], err[DATA_ERR_SIZE];
    int bad = image_alloc(&g, GRID_COLS * (S + GAP) - GAP,
                          GRID_ROWS * (S + GAP) - GAP)
              || image_alloc(&one, SCENE_SIZE, SCENE_SIZE);
    if (bad) return 1;
    memset(g.rgb, 255, (size_t)g.w * g.h * 3);
    int cells = GRID_COLS * GRID_ROWS;
    for (int i = 0, d = 0, cell = 0; i < v->count && cell < cells; i++)
        if (v->gt.images[i].count > 0) {
            
#line 3703 "chapters/companion/11-training.nw"
static const unsigned char white[3] = {255, 255, 255};
const coco_image_t *im = &v->gt.images[i];
int first = d;
while (first < dl->count && dl->items[first].image_id != im->id)
    first++;
for (d = first; d < dl->count && dl->items[d].image_id == im->id; d++)
    ;
image_from_chw(&one, v->images + (size_t)i * SCENE_CHANNELS
                     * SCENE_SIZE * SCENE_SIZE);
for (int k = 0; k < im->count; k++) {
    object_t o = v->gt.objects[im->first + k];
    o.x1 -= 1; o.y1 -= 1; o.x2 += 1; o.y2 += 1;
    image_draw_box(&one, &o, 1, white);
}
detect_draw(&one, dl->items + first, d - first, DRAW_SCORE, 1);
#line 3722 "chapters/companion/11-training.nw"
int x0 = (cell % GRID_COLS) * (S + GAP),
    y0 = (cell / GRID_COLS) * (S + GAP);
image_paste_zoomed(&g, x0, y0, &one, ZOOM);
#line 3691 "chapters/companion/11-training.nw"
            cell++;
        }
    snprintf(path, sizeof path, "%.900s/train-detections.png", dir);
    bad = image_write_png(path, &g, err, sizeof err);
    if (bad) fprintf(stderr, "fig-train: %s\n", err);
    image_free(&g);
    image_free(&one);
    return bad;
}
#line 3737 "chapters/companion/11-training.nw"
static int first_step(FILE *f, const checkpoint_t *ck)
{
    const train_config_t *c = &ck->cfg;
    trainer_t t;
    train_stats_t st;
    if (trainer_create(&t, c, 2) || train_step(&t, &st) != TRAIN_OK)
        return 1;
    double n = (double)st.loss.num_fg / c->batch,
           m = (double)st.loss.num_ignored / c->batch,
           cells = (double)t.grid.count * c->net.num_classes,
           b = -log((1 - c->prior_pi) / c->prior_pi),
           pos = loss_eval(&c->loss.cls, b, 1, NULL),
           neg = loss_eval(&c->loss.cls, b, 0, NULL);
    fig_macro(f, "trainClsStepOne", "%.4f", st.loss.cls);
    fig_macro(f, "trainFgStepOne", "%.2f", n);
    fig_macro(f, "trainIgnStepOne", "%.2f", m);
    fig_macro(f, "trainPriorBias", "%.4f", b);
    fig_macro(f, "trainPriorPos", "%.4f", pos);
    fig_macro(f, "trainPriorNeg", "%.3g", neg);
    fig_macro(f, "trainPriorNegSum", "%.2g",
              (cells - n - m * c->net.num_classes) / n * neg);
    fig_macro(f, "trainPriorPred", "%.4f",
              pos + (cells - n - m * c->net.num_classes) / n * neg);
    trainer_free(&t);
    return 0;
}
#line 3770 "chapters/companion/11-training.nw"
static int numbers(const char *dir, const checkpoint_t *ck,
                   const row_t *first, const row_t *last,
                   const eval_t *e)
{
    fig_file o;
    if (fig_open(&o, dir, "train-numbers.tex")) return 1;
    FILE *f = o.f;
    const train_config_t *c = &ck->cfg;
    fprintf(f, "\\newcommand{\\trainAP}{%.3f}\n"
            "\\newcommand{\\trainAPfifty}{%.3f}\n"
            "\\newcommand{\\trainAPsevfive}{%.3f}\n", e->ap[EVAL_AP],
            e->ap[EVAL_AP50], e->ap[EVAL_AP75]);
    
#line 3804 "chapters/companion/11-training.nw"
fprintf(f, "\\newcommand{\\trainIters}{%ld}\n"
        "\\newcommand{\\trainBatch}{%d}\n"
        "\\newcommand{\\trainImages}{%ld}\n"
        "\\newcommand{\\trainLR}{%g}\n"
        "\\newcommand{\\trainWarmup}{%ld}\n"
        "\\newcommand{\\trainStepA}{%ld}\n"
        "\\newcommand{\\trainStepB}{%ld}\n", c->sgd.max_iter, c->batch,
        c->sgd.max_iter * c->batch, c->sgd.lr, c->sgd.warmup_iters,
        c->sgd.steps[0], c->sgd.steps[1]);
fprintf(f, "\\newcommand{\\trainGamma}{%g}\n"
        "\\newcommand{\\trainAlpha}{%g}\n"
        "\\newcommand{\\trainSeconds}{%.0f}\n"
        "\\newcommand{\\trainMinutes}{%.1f}\n"
        "\\newcommand{\\trainIps}{%.0f}\n"
        "\\newcommand{\\trainVal}{%d}\n"
        "\\newcommand{\\trainCls}{%.3f}\n"
        "\\newcommand{\\trainBox}{%.3f}\n", c->loss.cls.gamma,
        c->loss.cls.alpha, last->seconds, last->seconds / 60, last->ips,
        VAL, last->cls, last->box);
fprintf(f, "\\newcommand{\\trainClip}{%g}\n"
        "\\newcommand{\\trainGroups}{%d}\n", c->clip,
        c->net.norm_groups);
#line 3783 "chapters/companion/11-training.nw"
    fig_macro(f, "trainClsFirst", "%.3f", first->cls);
    const row_t *warm = first, *val = NULL;  /* warm-up's end, 1st AP */
    for (const row_t *w = first; w <= last; w++) {
        if (w->iter <= c->sgd.warmup_iters) warm = w;
        if (w->val && !val) val = w;
    }
    fig_macro(f, "trainClsWarm", "%.3f", warm->cls);
    fig_macro(f, "trainValEvery", "%ld", val ? val->iter : 0);
    fig_macro(f, "trainAPValFirst", "%.3f", val ? val->ap[0] : 0);
    fig_macro(f, "trainDepth", "%d", c->net.head_depth);
    fig_macro(f, "trainDrawScenes", "%d", GRID_COLS * GRID_ROWS);
    fig_macro(f, "trainDrawScore", "%g", DRAW_SCORE);
    if (first_step(f, ck)) {
        fig_close(&o);
        return 1;
    }
    return fig_close(&o) != 0;
}
#line 3844 "chapters/companion/11-training.nw"
int main(int argc, char **argv)
{
    static row_t rows[20000];
    checkpoint_t ck;
    checkpoint_run_t r;
    eval_t e;
    char err[DATA_ERR_SIZE];
    const char *dir = argc > 1 ? argv[1] : "figures/out";
    double gamma, alpha;
    int n = train_log_read(LOG, rows, 20000);
    if (n == 0 || checkpoint_read(MODEL, &ck, err, sizeof err)) {
        fprintf(stderr, "fig-train: %s (run make train)\n",
                n ? err : "cannot read " LOG);
        return 1;
    }
    
#line 3832 "chapters/companion/11-training.nw"
if (fig_env_double("GAMMA", 2, 0, LOSS_GAMMA_MAX, &gamma)
    || fig_env_double("ALPHA", 0.25, -1, 1, &alpha))
    return 1;
if (gamma != ck.cfg.loss.cls.gamma || alpha != ck.cfg.loss.cls.alpha) {
    fprintf(stderr, "fig-train: %s has gamma %g, alpha %g, not GAMMA"
            "=%g, ALPHA=%g (run make train)\n", MODEL,
            ck.cfg.loss.cls.gamma, ck.cfg.loss.cls.alpha, gamma, alpha);
    return 1;
}
#line 3860 "chapters/companion/11-training.nw"
    if (checkpoint_evaluate(&r, &ck, 2, VAL, &e, err, sizeof err)) {
        fprintf(stderr, "fig-train: evaluation failed\n");
        return 1;
    }
    int bad = curves(dir, rows, n) || pr_curves(dir, &e)
              || table(dir, &e) || grid(dir, &r.val, &r.dets)
              || numbers(dir, &ck, rows, &rows[n - 1], &e);
    eval_free(&e);
    checkpoint_run_free(&r);
    checkpoint_free(&ck);
    return bad;
}
