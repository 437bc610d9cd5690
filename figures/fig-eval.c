#line 676 "chapters/companion/10-evaluation.nw"
/* fig-eval.c: AP of a simulated detector, for the chapter on
   evaluation.  Usage: fig-eval OUTDIR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "eval.h"
#include "figout.h"
#include "rng.h"
#include "scene.h"

enum { NSCENES = 200 };
static int SHOWN;   /* the class drawn: see pick_shown */
static const double found = 0.9;
static const double jitter[SCENE_CLASSES] = {0.03, 0.07, 0.12};

#line 730 "chapters/companion/10-evaluation.nw"
static float clampf(double v, double lo, double hi)
{
    return (float)(v < lo ? lo : v > hi ? hi : v);
}

static int simulate(const scene_config_t *cfg, int i, rng_t *r,
                    coco_t *gt, detection_list_t *dl)
{
    object_t obj[SCENE_MAX_OBJECTS];
    int n = scene_objects(cfg, SCENE_SEED, SCENE_VAL, i, obj), st = 0;
    st |= coco_add_image(gt, "sim.png", SCENE_SIZE, SCENE_SIZE, obj, n);
    long id = gt->images[gt->nimages - 1].id;
    for (int j = 0; j < n; j++) {
        const object_t *o = &obj[j];
        if (rng_uniform(r) >= found) continue;
        double sd = jitter[o->cls]
                    * sqrt((o->x2 - o->x1) * (o->y2 - o->y1));
        detection_t d = {id, o->cls, 0, 0, 0, 0, 0};
        d.x1 = o->x1 + (float)(sd * rng_normal(r));
        d.y1 = o->y1 + (float)(sd * rng_normal(r));
        d.x2 = clampf(o->x2 + sd * rng_normal(r), d.x1 + 1, 1e9);
        d.y2 = clampf(o->y2 + sd * rng_normal(r), d.y1 + 1, 1e9);
        double z = 8 * (eval_iou(o, &d) - 0.6) + rng_normal(r);
        d.score = (float)(1 / (1 + exp(-z)));
        st |= detection_list_append(dl, &d);
    }
    for (int j = (int)rng_below(r, 5); j > 0; j--) {
        float x = (float)(100 * rng_uniform(r));
        float y = (float)(100 * rng_uniform(r));
        float s = (float)(12 + 28 * rng_uniform(r));
        double z = rng_normal(r) - 0.5;
        int k = (int)rng_below(r, SCENE_CLASSES);
        detection_t d = {id, k, (float)(1 / (1 + exp(-z))), x, y, x + s,
                         y + s};
        st |= detection_list_append(dl, &d);
    }
    return st;
}
#line 774 "chapters/companion/10-evaluation.nw"
/* The class whose raw curves at IoU .5 and .75 lie furthest below
   their envelopes, so that the interpolation can be seen. */
static int pick_shown(const eval_t *e)
{
    int best = 0;
    double most = -1;
    for (int k = 0; k < e->ncls; k++) {
        int nd = e->ndt[k];
        double gap = 0;
        double *rc = malloc((size_t)(nd + 1) * sizeof *rc);
        double *pr = malloc((size_t)(nd + 1) * sizeof *pr);
        for (int t = 0; rc && pr && e->ngt[k] > 0 && t <= 5; t += 5) {
            eval_curve(e->tp[k] + (size_t)t * nd, nd, e->ngt[k], rc,
                       pr);
            double env = 0;
            for (int i = nd - 1; i >= 0; i--) {
                env = fmax(env, pr[i]);
                gap += env - pr[i];
            }
        }
        if (gap > most) { most = gap; best = k; }
        free(rc); free(pr);
    }
    return best;
}

static int write_curves(const char *dir, const eval_t *e, int t,
                        const char *raw, const char *interp)
{
    fig_file o;
    int nd = e->ndt[SHOWN], st = 0;
    double *rc = malloc((size_t)(nd + 1) * sizeof *rc);
    double *pr = malloc((size_t)(nd + 1) * sizeof *pr);
    if (!rc || !pr || fig_open(&o, dir, raw)) {
        free(rc); free(pr);
        return 1;
    }
    FILE *f = o.f;
    eval_curve(e->tp[SHOWN] + (size_t)t * nd, nd, e->ngt[SHOWN], rc,
               pr);
    fprintf(f, "recall precision\n");
    for (int i = 0; i < nd; i++)
        fprintf(f, "%.5f %.5f\n", rc[i], pr[i]);
    st |= fig_close(&o) != 0;
    free(rc); free(pr);
    if (fig_open(&o, dir, interp)) return 1;
    f = o.f;
    const double *q = e->precision
        + ((size_t)t * e->ncls + SHOWN) * EVAL_RECALLS;
    fprintf(f, "recall precision\n");
    for (int j = 0; j < EVAL_RECALLS; j++)
        fprintf(f, "%.2f %.5f\n", eval_recall_threshold(j), q[j]);
    return st | (fig_close(&o) != 0);
}

static int write_outputs(const char *dir, const coco_t *gt,
                         const eval_t *e, int ndet)
{
    fig_file o;
    int st = write_curves(dir, e, 0, "eval-raw50.dat", "eval-q50.dat")
          | write_curves(dir, e, 5, "eval-raw75.dat", "eval-q75.dat");
    if (fig_open(&o, dir, "eval-table.tex")) return 1;
    FILE *f = o.f;
    fprintf(f, "\\begin{tabular}{lrrrr}\n\\toprule\n"
            "class & objects & AP & AP$_{50}$ & AP$_{75}$ \\\\\n"
            "\\midrule\n");
    for (int k = 0; k < e->ncls; k++)
        fprintf(f, "%s & %d & %.3f & %.3f & %.3f \\\\\n",
                gt->categories[k].name, e->ngt[k], e->class_ap[k][0],
                e->class_ap[k][1], e->class_ap[k][2]);
    fprintf(f, "\\midrule\nmean & %d & %.3f & %.3f & %.3f \\\\\n"
            "\\bottomrule\n\\end{tabular}\n", gt->nobjects, e->ap[0],
            e->ap[1], e->ap[2]);
    st |= fig_close(&o) != 0;
    if (fig_open(&o, dir, "eval-numbers.tex")) return 1;
    f = o.f;
    fprintf(f, "\\newcommand{\\EvalScenes}{%d}\n"
            "\\newcommand{\\EvalObjects}{%d}\n"
            "\\newcommand{\\EvalDetections}{%d}\n"
            "\\newcommand{\\EvalFound}{%.1f}\n", NSCENES, gt->nobjects,
            ndet, found);
    fprintf(f, "\\newcommand{\\EvalJitterA}{%.2f}\n"
            "\\newcommand{\\EvalJitterB}{%.2f}\n"
            "\\newcommand{\\EvalJitterC}{%.2f}\n"
            "\\newcommand{\\EvalClass}{%s}\n", jitter[0], jitter[1],
            jitter[2], gt->categories[SHOWN].name);
    fprintf(f, "\\newcommand{\\EvalClassAPfifty}{%.3f}\n"
            "\\newcommand{\\EvalClassAPseventyfive}{%.3f}\n"
            "\\newcommand{\\EvalAP}{%.3f}\n"
            "\\newcommand{\\EvalAPfifty}{%.3f}\n",
            e->class_ap[SHOWN][EVAL_AP50],
            e->class_ap[SHOWN][EVAL_AP75],
            e->ap[EVAL_AP], e->ap[EVAL_AP50]);
    return st | (fig_close(&o) != 0);
}

#line 694 "chapters/companion/10-evaluation.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-eval OUTDIR\n");
        return 2;
    }
    scene_config_t cfg = scene_config_default();
    coco_t gt;
    detection_list_t dl = {0};
    eval_t e;
    char err[256];
    rng_t r;
    rng_seed(&r, SCENE_SEED + 10);
    coco_init(&gt, ".");
    for (int k = 0; k < SCENE_CLASSES; k++)
        coco_add_category(&gt, k + 1, scene_class_name(k));
    for (int i = 0; i < NSCENES; i++)
        if (simulate(&cfg, i, &r, &gt, &dl) != 0) return 1;
    if (eval_run(&gt, dl.items, dl.count, &e, err, sizeof err) != 0) {
        fprintf(stderr, "fig-eval: %s\n", err);
        return 1;
    }
    SHOWN = pick_shown(&e);
    int st = write_outputs(argv[1], &gt, &e, dl.count);
    eval_free(&e);
    detection_list_free(&dl);
    coco_free(&gt);
    return st;
}
