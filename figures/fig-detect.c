#line 117 "chapters/companion/09-inference.nw"
/* fig-detect.c: timing of detect_batch, and NMS at work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "detect.h"
#include "figout.h"
#include "rng.h"
#include "scene.h"

enum { K = 3, REPS = 201, ZOOM = 3 };
static float *cls[ANCHOR_LEVELS], *box[ANCHOR_LEVELS];
static size_t ncls[ANCHOR_LEVELS];
static int dense_candidates;   /* after top-k, in the last case */

#line 141 "chapters/companion/09-inference.nw"
static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double timed(const detect_params_t *p, const anchor_grid_t *g,
                    const char *name, FILE *tab)
{
    static double t[REPS];
    detection_list_t l = {0}, cand = {0};
    detect_source_t src = {0, 0, 0};
    long above = 0;
    for (int lv = 0; lv < ANCHOR_LEVELS; lv++)
        for (size_t j = 0; j < ncls[lv]; j++)
            above += 1 / (1 + exp(-cls[lv][j])) > p->score_thresh;
    detect_candidates(p, g, K, (const float *const *)cls,
                      (const float *const *)box, 0, 0, &cand);
    for (int r = 0; r < REPS; r++) {
        l.count = 0;
        double t0 = bench_now();
        detect_batch(p, g, K, (const float *const *)cls,
                     (const float *const *)box, 1, &src, &l);
        t[r] = bench_now() - t0;
    }
    qsort(t, REPS, sizeof *t, cmp);
    dense_candidates = cand.count;
    fprintf(tab, "%s & %ld & %d & %d & %.3f\\\\\n", name, above,
            cand.count, l.count, 1e3 * t[REPS / 2]);
    detection_list_free(&l);
    detection_list_free(&cand);
    return 1e3 * t[REPS / 2];
}
#line 179 "chapters/companion/09-inference.nw"
static int panel(const char *dir, const char *name, const scene_t *s,
                 detection_t *d, int n, int labels)
{
    image_t small, big;
    char *path = path_join(dir, name), err[DATA_ERR_SIZE];
    if (path == NULL || image_alloc(&small, SCENE_SIZE, SCENE_SIZE)
        || image_alloc(&big, ZOOM * SCENE_SIZE, ZOOM * SCENE_SIZE))
        return -1;
    image_from_chw(&small, s->pixels);
    image_paste_zoomed(&big, 0, 0, &small, ZOOM);
    for (int i = 0; i < n; i++) {
        d[i].x1 *= ZOOM; d[i].y1 *= ZOOM;
        d[i].x2 *= ZOOM; d[i].y2 *= ZOOM;
    }
    detect_draw(&big, d, n, 0, labels);
    int st = image_write_png(path, &big, err, sizeof err);
    if (st) fprintf(stderr, "fig-detect: %s\n", err);
    free(path);
    image_free(&small);
    image_free(&big);
    return st;
}
#line 208 "chapters/companion/09-inference.nw"
static int write_tags(const char *dir, const detection_t *d, int n)
{
    static const int rgb[6][3] = {{230, 25, 75}, {60, 180, 75},
        {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
        {70, 240, 240}};
    fig_file o;
    if (fig_open(&o, dir, "detect-after.tex")) return -1;
    fprintf(o.f, "\\begin{tikzpicture}[x=0.5625mm, y=-0.5625mm]\n"
            "\\node[anchor=north west, inner sep=0] at (0,0) "
            "{\\includegraphics[width=72mm]"
            "{figures/out/detect-after.png}};\n");
    for (int k = 0; k < 6; k++)
        fprintf(o.f, "\\definecolor{tag%d}{RGB}{%d,%d,%d}\n", k,
                rgb[k][0], rgb[k][1], rgb[k][2]);
    for (int i = n - 1; i >= 0; i--) {
        int pct = (int)(d[i].score * 100);
        fprintf(o.f, "\\node[anchor=%s west, inner sep=0.7pt, "
                "fill=tag%d, font=\\scriptsize] at (%.2f,%.2f) "
                "{%.3s\\,.%02d};\n", d[i].y1 < 8 ? "north" : "south",
                d[i].cls % 6, d[i].x1, d[i].y1,
                scene_class_name(d[i].cls), pct > 99 ? 99 : pct);
    }
    fprintf(o.f, "\\end{tikzpicture}\n");
    return fig_close(&o);
}
#line 239 "chapters/companion/09-inference.nw"
static void noisy_oracle(const anchor_grid_t *g, const scene_t *s)
{
    anchor_targets_t t;
    rng_t r;
    rng_seed(&r, SCENE_SEED);
    if (anchor_targets_alloc(&t, g->count)) exit(1);
    anchor_assign(&g->cfg, g->box, g->count, s->objects, s->count, &t);
    detect_oracle(g, K, &t, 0, 6, cls, box);
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        for (size_t j = 0; j < ncls[l]; j++)
            cls[l][j] += (cls[l][j] > 0 ? -4 : 0)
                         + (float)rng_normal(&r);
        for (size_t j = 0; j < ncls[l] / K * 4; j++)
            box[l][j] += 0.05f * (float)rng_normal(&r);
    }
    anchor_targets_free(&t);
}
#line 262 "chapters/companion/09-inference.nw"
int main(int argc, char **argv)
{
    anchor_grid_t g;
    detect_params_t p = detect_params_default();
    scene_config_t sc = scene_config_default();
    static scene_t s;
    fig_file tabf, numf;
    if (argc != 2) {
        fprintf(stderr, "usage: fig-detect OUTDIR\n");
        return 2;
    }
    if (anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE)) return 1;
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        ncls[l] = (size_t)g.num_anchors * K * g.rows[l] * g.cols[l];
        cls[l] = malloc(ncls[l] * sizeof(float));
        box[l] = malloc(ncls[l] / K * 4 * sizeof(float));
        if (!cls[l] || !box[l]) return 1;
    }
    long scene = 0;
    do scene_generate(&sc, SCENE_SEED, SCENE_VAL, scene, &s);
    while (s.count < 3 && ++scene);
    if (fig_open(&tabf, argv[1], "detect-time.tex")) return 1;
    FILE *tab = tabf.f;
    
#line 295 "chapters/companion/09-inference.nw"
rng_t r;
rng_seed(&r, 1);
for (int l = 0; l < ANCHOR_LEVELS; l++) {
    for (size_t j = 0; j < ncls[l]; j++)
        cls[l][j] = (float)(6 * rng_uniform(&r) - 2);
    for (size_t j = 0; j < ncls[l] / K * 4; j++)
        box[l][j] = 0.3f * (float)rng_normal(&r);
}
fprintf(tab, "\\begin{tabular}{lrrrr}\n\\toprule\ncase & above "
        "threshold & after top-$k$ & after NMS & ms\\\\\n\\midrule\n");
double dense = timed(&p, &g, "dense", tab);
int dense_topk = dense_candidates;
p.topk = DETECT_MAX_TOPK;
double notopk = timed(&p, &g, "dense, no top-$k$", tab);
p.topk = 1000;
noisy_oracle(&g, &s);
double typical = timed(&p, &g, "typical", tab);
if (dense > 2)
    fprintf(stderr, "fig-detect: dense case %.3f ms > 2 ms\n", dense);
#line 286 "chapters/companion/09-inference.nw"
    fprintf(tab, "\\bottomrule\n\\end{tabular}\n");
    if (fig_close(&tabf)) return 1;
    
#line 318 "chapters/companion/09-inference.nw"
detection_list_t l = {0};
detect_candidates(&p, &g, K, (const float *const *)cls,
                  (const float *const *)box, 0, 0, &l);
int before = l.count;
if (panel(argv[1], "detect-before.png", &s, l.items, l.count, 0))
    return 1;
l.count = 0;
detect_candidates(&p, &g, K, (const float *const *)cls,
                  (const float *const *)box, 0, 0, &l);
int after = detect_nms(l.items, l.count, p.nms_iou, p.max_dets);
if (write_tags(argv[1], l.items, after)
    || panel(argv[1], "detect-after.png", &s, l.items, after, 0))
    return 1;
detection_list_free(&l);
if (fig_open(&numf, argv[1], "detect-numbers.tex")) return 1;
FILE *num = numf.f;
fprintf(num, "\\newcommand{\\detectAnchors}{%d}\n"
        "\\newcommand{\\detectPairs}{%d}\n"
        "\\newcommand{\\detectPFive}{%d}\n"
        "\\newcommand{\\detectDenseTopk}{%d}\n"
        "\\newcommand{\\detectReps}{%d}\n"
        "\\newcommand{\\detectDenseMs}{%.2f}\n"
        "\\newcommand{\\detectNoTopkMs}{%.2f}\n"
        "\\newcommand{\\detectTypicalMs}{%.2f}\n"
        "\\newcommand{\\detectScene}{%ld}\n"
        "\\newcommand{\\detectObjects}{%d}\n"
        "\\newcommand{\\detectBefore}{%d}\n"
        "\\newcommand{\\detectAfter}{%d}\n", g.count, g.count * K,
        (int)ncls[2], dense_topk, REPS, dense, notopk,
        typical, scene, s.count, before, after);
if (fig_close(&numf)) return 1;
#line 289 "chapters/companion/09-inference.nw"
    anchor_grid_free(&g);
    return 0;
}
