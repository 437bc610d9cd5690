#line 873 "chapters/companion/10-evaluation.nw"
/* fig-analyze.c: the trained model's twelve COCO numbers and its
   error analysis, for the chapter on evaluation.
   Usage: fig-analyze OUTDIR (reads build/train-model.ckpt). */
#include <stdio.h>
#include <stdlib.h>
#include "checkpoint.h"
#include "detect.h"
#include "figout.h"

#define MODEL "build/train-model.ckpt"
enum { VAL = 500 };

#line 933 "chapters/companion/10-evaluation.nw"
static int write_analysis(const char *dir, const eval_analysis_t *a)
{
    static const char *const what[EVAL_STAGES] = {
        "IoU $0.75$", "IoU $0.5$", "IoU $0.1$: localisation",
        "duplicates ignored", "class confusions ignored",
        "background false positives", "missed objects"};
    int count[EVAL_STAGES] = {a->tp[EVAL_C75],
        a->tp[EVAL_C50] - a->tp[EVAL_C75],
        a->tp[EVAL_LOC] - a->tp[EVAL_C50],
        a->fp[EVAL_LOC] - a->fp[EVAL_DUP],
        a->fp[EVAL_DUP] - a->fp[EVAL_CLS], a->fp[EVAL_CLS],
        a->ngt - a->tp[EVAL_CLS]};
    fig_file o;
    if (fig_open(&o, dir, "eval-analysis.dat")) return 1;
    fputs("recall", o.f);
    for (int s = 0; s < EVAL_STAGES; s++)
        fprintf(o.f, " %s", eval_stage_name(s));
    for (int r = 0; r < EVAL_RECALLS; r++) {
        fprintf(o.f, "\n%.2f", eval_recall_threshold(r));
        for (int s = 0; s < EVAL_STAGES; s++)
            fprintf(o.f, " %.4f", a->pr[s][r]);
    }
    fputc('\n', o.f);
    if (fig_close(&o) || fig_open(&o, dir, "eval-analysis-table.tex"))
        return 1;
    fputs("\\begin{tabular}{llrrr}\n\\toprule\nstage & forgiving & AP"
          " & gain & count\\\\\n\\midrule\n", o.f);
    for (int s = 0; s < EVAL_STAGES; s++) {
        fprintf(o.f, "%s & %s & %.3f & ", eval_stage_name(s), what[s],
                a->ap[s]);
        if (s) fprintf(o.f, "%+.3f", a->ap[s] - a->ap[s - 1]);
        fprintf(o.f, " & %d\\\\\n", count[s]);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o) != 0;
}
#line 974 "chapters/companion/10-evaluation.nw"
static int write_numbers(const char *dir, const coco_t *gt,
                         const eval_t *e, const eval_analysis_t *a)
{
    static const char *const name[EVAL_STATS] = {"AP", "AP$_{50}$",
        "AP$_{75}$", "AP small", "AP medium", "AP large", "AR$_1$",
        "AR$_{10}$", "AR$_{100}$", "AR small", "AR medium",
        "AR large"};
    int boxes[EVAL_AREAS] = {0};
    for (int j = 0; j < gt->nobjects; j++)
        for (int r = 0; r < EVAL_AREAS; r++)
            boxes[r] += gt->area[j] >= eval_area_lo(r)
                        && gt->area[j] <= eval_area_hi(r);
    fig_file o;
    if (fig_open(&o, dir, "eval-twelve.tex")) return 1;
    fputs("\\begin{tabular}{lrr}\n\\toprule\nnumber & value & boxes"
          "\\\\\n\\midrule\n", o.f);
    for (int s = 0; s < EVAL_STATS; s++) {
        int r = s >= EVAL_AP_SMALL && s <= EVAL_AP_LARGE
                ? s - EVAL_AP_SMALL + 1 : s >= EVAL_AR_SMALL
                ? s - EVAL_AR_SMALL + 1 : 0;
        if (e->ap[s] == -1)      /* no box in the range */
            fprintf(o.f, "%s & -- & %d\\\\\n", name[s], boxes[r]);
        else
            fprintf(o.f, "%s & %.3f & %d\\\\\n", name[s], e->ap[s],
                    boxes[r]);
        if (s == EVAL_AP_LARGE) fputs("\\midrule\n", o.f);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    if (fig_close(&o) || fig_open(&o, dir, "eval-analysis.tex"))
        return 1;
    fig_macro(o.f, "AnaScenes", "%d", VAL);
    fig_macro(o.f, "AnaBoxes", "%d", boxes[0]);
    fig_macro(o.f, "AnaSmall", "%d", boxes[1]);
    fig_macro(o.f, "AnaMedium", "%d", boxes[2]);
    fig_macro(o.f, "AnaLarge", "%d", boxes[3]);
    fig_macro(o.f, "AnaAP", "%.3f", e->ap[EVAL_AP]);
    fig_macro(o.f, "AnaAPsmall", "%.3f", e->ap[EVAL_AP_SMALL]);
    fig_macro(o.f, "AnaAPmedium", "%.3f", e->ap[EVAL_AP_MEDIUM]);
    fig_macro(o.f, "AnaAPlarge", "%.3f", e->ap[EVAL_AP_LARGE]);
    fig_macro(o.f, "AnaCfifty", "%.3f", a->ap[EVAL_C50]);
    return fig_close(&o) != 0;
}

#line 888 "chapters/companion/10-evaluation.nw"
int main(int argc, char **argv)
{
    checkpoint_t ck;
    net_t net;
    layer_ctx_t ctx;
    train_val_t v;
    detection_list_t dl = {0};
    eval_t e;
    eval_analysis_t a;
    char err[DATA_ERR_SIZE];
    const char *dir = argc > 1 ? argv[1] : "figures/out";
    if (checkpoint_read(MODEL, &ck, err, sizeof err)) {
        fprintf(stderr, "fig-analyze: %s (run make train)\n", err);
        return 1;
    }
    int bad = checkpoint_net(&net, &ck, 16)
              || layer_ctx_init(&ctx, net_scratch_size(&net))
              || layer_ctx_set_threads(&ctx, 2)
              || train_val_open(&v, &ck.cfg.scenes, SCENE_SEED,
                                SCENE_VAL, VAL)
              || train_detect(&ctx, &net, &ck.cfg.anchors, &v, &dl)
              || eval_run(&v.gt, dl.items, dl.count, &e, err,
                          sizeof err)
              || eval_analyze(&v.gt, dl.items, dl.count, &a, err,
                              sizeof err);
    if (bad) {
        fprintf(stderr, "fig-analyze: evaluation failed\n");
        return 1;
    }
    bad = write_analysis(dir, &a) || write_numbers(dir, &v.gt, &e, &a);
    eval_free(&e);
    detection_list_free(&dl);
    train_val_free(&v);
    layer_ctx_free(&ctx);
    net_free(&net);
    checkpoint_free(&ck);
    return bad;
}
