#line 1081 "chapters/companion/08-anchors.nw"
/* fig-anchors.c: anchors and assignments of scenes, counted.
   Usage: fig-anchors OUTDIR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detloss.h"
#include "figout.h"
#include "net.h"
#include "scene.h"

enum { NSCENES = 10000, NSCATTER = 1500, NFIRST = 8, ZOOM = 4,
       STRIP = 18 };
static const char *colour[3] = {"red!75!black", "green!50!black",
                                "blue!75!black"};

#line 1112 "chapters/companion/08-anchors.nw"
static void tikz_box(FILE *f, const char *style, box_t b)
{
    fprintf(f, "\\draw[%s] (%.2f,%.2f) rectangle (%.2f,%.2f);\n",
            style, b.x1, b.y1, b.x2, b.y2);
}

static int write_scene_png(const char *dir, const scene_t *s)
{
    image_t small, big;
    char *path = path_join(dir, "anchors-scene.png"),
         err[DATA_ERR_SIZE];
    if (path == NULL || image_alloc(&small, SCENE_SIZE, SCENE_SIZE)
        || image_alloc(&big, ZOOM * SCENE_SIZE, ZOOM * SCENE_SIZE))
        return -1;
    image_from_chw(&small, s->pixels);
    image_paste_zoomed(&big, 0, 0, &small, ZOOM);
    int st = image_write_png(path, &big, err, sizeof err);
    if (st) fprintf(stderr, "fig-anchors: %s\n", err);
    free(path);
    image_free(&small);
    image_free(&big);
    return st;
}
#line 1138 "chapters/companion/08-anchors.nw"
static int write_levels(const char *dir, const scene_t *s,
                        const anchor_grid_t *g,
                        const anchor_targets_t *t, FILE *num)
{
    int near = 0;
    fig_file o;
    if (write_scene_png(dir, s)
        || fig_open(&o, dir, "anchors-levels.tex"))
        return -1;
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        int st = g->stride[l];
        fprintf(o.f, "\\begin{tikzpicture}[x=0.37mm, y=-0.37mm]\n"
                "\\node[anchor=north] at (64,129) {$P_%d$};\n"
                "\\begin{scope}\\clip (0,0) rectangle (128,128);\n"
                "\\node[anchor=north west, inner sep=0] at (0,0) "
                "{\\includegraphics[width=47.36mm]"
                "{figures/out/anchors-scene.png}};\n", l + 3);
        for (int y = 0; y < g->rows[l]; y++)
            for (int x = 0; x < g->cols[l]; x++)
                fprintf(o.f, "\\fill[white] (%g,%g) circle (0.5pt);\n",
                        (x + 0.5) * st, (y + 0.5) * st);
        
#line 1177 "chapters/companion/08-anchors.nw"
for (int pass = 0; pass < 3; pass++)
    for (int i = g->offset[l]; i < g->count
         && (l == ANCHOR_LEVELS - 1 || i < g->offset[l + 1]); i++) {
        int lab = t->label[i];
        if (pass == 0 && lab == ANCHOR_BACKGROUND
            && t->iou[i] >= 0.35f) {
            tikz_box(o.f, "cyan!70!blue, very thin", g->box[i]);
            near++;
        } else if (pass == 1 && lab == ANCHOR_IGNORE)
            tikz_box(o.f, "orange, thin", g->box[i]);
        else if (pass == 2 && lab > 0)
            tikz_box(o.f, t->iou[i] >= ANCHOR_FG_IOU
                     ? "green!60!black, thick"
                     : "green!60!black, thick, densely dashed",
                     g->box[i]);
    }
#line 1160 "chapters/companion/08-anchors.nw"
        for (int k = 0; k < s->count; k++)
            tikz_box(o.f, "black, line width=1.5pt",
                     box_from_object(&s->objects[k]));
        fprintf(o.f, "\\end{scope}\n\\end{tikzpicture}%s\n",
                l < 2 ? "\\hfill" : "");
    }
    fig_macro(num, "anchorsSceneFg", "%d", t->num_fg);
    fig_macro(num, "anchorsSceneIgnored", "%d", t->num_ignored);
    fig_macro(num, "anchorsSceneNear", "%d", near);
    fig_macro(num, "anchorsSceneBg", "%d", t->num_bg);
    return fig_close(&o);
}
#line 1200 "chapters/companion/08-anchors.nw"
typedef struct { double iou; int i; } ranked_anchor_t;

static int by_iou(const void *pa, const void *pb)
{
    const ranked_anchor_t *a = pa, *b = pb;
    if (a->iou != b->iou) return a->iou > b->iou ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static const char *state_of(const anchor_targets_t *t, int i, int j,
                            double iou)
{
    int lab = t->label[i];
    if (lab > 0)
        return t->match[i] != j ? "other"
               : iou >= ANCHOR_FG_IOU ? "fg" : "forced";
    return lab == ANCHOR_IGNORE ? "ign" : "bg";
}
#line 1221 "chapters/companion/08-anchors.nw"
static int write_iou(const char *dir, const scene_t *s,
                     const anchor_grid_t *g, const anchor_targets_t *t)
{
    ranked_anchor_t *r = malloc((size_t)g->count * sizeof *r);
    fig_file o;
    int n = s->count < 6 ? s->count : 6, w = STRIP + 3;
    if (r == NULL || fig_open(&o, dir, "anchors-iou.dat")) {
        free(r);
        return -1;
    }
    fprintf(o.f, "x iou state\n");
    for (int j = 0; j < n; j++) {
        box_t b = box_from_object(&s->objects[j]);
        for (int i = 0; i < g->count; i++)
            r[i] = (ranked_anchor_t){box_iou(&g->box[i], &b), i};
        qsort(r, (size_t)g->count, sizeof *r, by_iou);
        for (int k = 0; k < STRIP; k++)
            fprintf(o.f, "%d %.4f %s\n", j * w + k + 1, r[k].iou,
                    state_of(t, r[k].i, j, r[k].iou));
    }
    free(r);
    if (fig_close(&o) || fig_open(&o, dir, "anchors-iou.tex"))
        return -1;
    
#line 1250 "chapters/companion/08-anchors.nw"
fprintf(o.f, "\\begin{tikzpicture}\n\\begin{axis}[book, "
        "width=\\textwidth, height=0.42\\textwidth, ymin=0, ymax=1, "
        "xmin=0, xmax=%d, ylabel={IoU with the object}, "
        "xlabel={object (its %d best anchors, sorted)}, xtick={",
        n * w - 2, STRIP);
for (int j = 0; j < n; j++)
    fprintf(o.f, "%s%g", j ? "," : "", j * w + (STRIP + 1) / 2.0);
fprintf(o.f, "}, xticklabels={");
for (int j = 0; j < n; j++) {
    const object_t *q = &s->objects[j];
    fprintf(o.f, "%s{%d: %s, %.0f\\,px}", j ? "," : "", j + 1,
            scene_class_name(q->cls),
            sqrt((q->x2 - q->x1) * (q->y2 - q->y1)));
}
fprintf(o.f, "}, xticklabel style={font=\\scriptsize}, "
        "legend columns=5, legend style={font=\\scriptsize, "
        "at={(0.5,1.03)}, anchor=south}]\n"
        "\\addplot[scatter, only marks, point meta=explicit symbolic,"
        " scatter/classes={fg={mark=*, green!60!black}, "
        "forced={mark=square*, green!60!black}, "
        "other={mark=x, violet, mark size=3pt}, "
        "ign={mark=*, orange}, bg={mark=o, cyan!70!blue}}] "
        "table[x=x, y=iou, meta=state] {figures/out/anchors-iou.dat};\n"
        "\\addlegendentry{foreground}\n"
        "\\addlegendimage{only marks, mark=square*, green!60!black}\n"
        "\\addlegendentry{forced}\n"
        "\\addlegendimage{only marks, mark=x, violet, mark size=3pt}\n"
        "\\addlegendentry{another object's}\n"
        "\\addlegendimage{only marks, mark=*, orange}\n"
        "\\addlegendentry{ignored}\n"
        "\\addlegendimage{only marks, mark=o, cyan!70!blue}\n"
        "\\addlegendentry{background}\n"
        "\\draw[red!70!black, dashed] (axis cs:0,0.5) -- "
        "(axis cs:%d,0.5);\n\\draw[gray, dashed] (axis cs:0,0.4) -- "
        "(axis cs:%d,0.4);\n\\end{axis}\n\\end{tikzpicture}\n",
        n * w - 2, n * w - 2);
#line 1245 "chapters/companion/08-anchors.nw"
    return fig_close(&o);
}
#line 1292 "chapters/companion/08-anchors.nw"
static int write_map(const char *dir, const object_t *o, int n,
                     const anchor_grid_t *g, const anchor_targets_t *t)
{
    static const double mm[ANCHOR_LEVELS] = {0.7, 0.34, 0.34};
    static const double dx[ANCHOR_LEVELS] = {0, 96, 96};
    static const double dy[ANCHOR_LEVELS] = {0, 0, 49};
    fig_file m;
    if (fig_open(&m, dir, "anchors-map.tex")) return -1;
    fprintf(m.f, "\\begin{tikzpicture}\n");
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        int st = g->stride[l];
        fprintf(m.f, "\\begin{scope}[shift={(%gmm,%gmm)}, x=%gmm, "
                "y=-%gmm]\n\\draw[gray] (0,0) rectangle (128,128);\n"
                "\\node[anchor=north] at (64,129) {$P_%d$};\n", dx[l],
                -dy[l], mm[l], mm[l], l + 3);
        
#line 1321 "chapters/companion/08-anchors.nw"
for (int c = 0; c < g->rows[l] * g->cols[l]; c++) {
    int state = ANCHOR_BACKGROUND;
    for (int a = 0; a < g->num_anchors; a++) {
        int lab = t->label[g->offset[l] + c * g->num_anchors + a];
        if (lab > 0 || (lab == ANCHOR_IGNORE && state == 0))
            state = lab;
    }
    if (state != ANCHOR_BACKGROUND)
        fprintf(m.f, "\\fill[%s!45] (%d,%d) rectangle +(%d,%d);\n",
                state > 0 ? colour[state - 1] : "gray",
                c % g->cols[l] * st, c / g->cols[l] * st, st, st);
}
#line 1308 "chapters/companion/08-anchors.nw"
        for (int k = st; k < SCENE_SIZE; k += st)
            fprintf(m.f, "\\draw[gray!40] (%d,0) -- (%d,128) "
                    "(0,%d) -- (128,%d);\n", k, k, k, k);
        for (int k = 0; k < n; k++)
            tikz_box(m.f, "black, thick", box_from_object(&o[k]));
        fprintf(m.f, "\\end{scope}\n");
    }
    fprintf(m.f, "\\end{tikzpicture}\n");
    return fig_close(&m);
}
#line 1338 "chapters/companion/08-anchors.nw"
typedef struct {
    double state[ANCHOR_LEVELS][3];     /* fg, ignored, bg */
    long objects, low, unmatched, lost, forced, fg, empty;
} tally_t;

static void tally_scene(tally_t *s, const anchor_grid_t *g,
                        const anchor_targets_t *t, const object_t *o,
                        int n, FILE *dat)
{
    for (int i = 0; i < g->count; i++) {
        int l = i >= g->offset[2] ? 2 : i >= g->offset[1] ? 1 : 0;
        s->state[l][t->label[i] > 0 ? 0 : t->label[i] ? 1 : 2] += 1;
    }
    for (int j = 0; j < n; j++) {       /* best IoU of each object */
        box_t b = box_from_object(&o[j]);
        double best = 0;
        for (int i = 0; i < g->count; i++)
            best = fmax(best, box_iou(&g->box[i], &b));
        s->lost += best < ANCHOR_BG_IOU;
        if (s->objects + j < NSCATTER)
            fprintf(dat, "%.3f %.4f\n", sqrt((b.x2 - b.x1)
                    * (b.y2 - b.y1)), best);
    }
    s->objects += n;
    s->low += t->objects_low;
    s->unmatched += t->objects_unmatched;
    s->forced += t->num_forced;
    s->fg += t->num_fg;
    s->empty += n == 0;
}
#line 1429 "chapters/companion/08-anchors.nw"
static void pct(FILE *f, const char *name, double x)
{
    fprintf(f, "\\newcommand{\\%s}{%.1f\\,\\%%}\n", name, 100 * x);
}

static int write_counts(const char *dir, const tally_t *s,
                        const anchor_grid_t *g, FILE *num)
{
    static const char *name[] = {"$P_3$", "$P_4$", "$P_5$", "all"};
    double all[3] = {0};
    fig_file o;
    if (fig_open(&o, dir, "anchors-counts.tex")) return -1;
    fprintf(o.f, "\\begin{tabular}{lrrrrr}\n\\toprule\nlevel & "
            "anchors & foreground & ignored & background & bg:fg\\\\\n"
            "\\midrule\n");
    for (int l = 0; l <= ANCHOR_LEVELS; l++) {
        const double *v = l < ANCHOR_LEVELS ? s->state[l] : all;
        int count = l < ANCHOR_LEVELS ? g->rows[l] * g->cols[l]
                    * g->num_anchors : g->count;
        if (l < ANCHOR_LEVELS)
            for (int k = 0; k < 3; k++) all[k] += v[k];
        if (l == ANCHOR_LEVELS) fprintf(o.f, "\\midrule\n");
        fprintf(o.f, "%s & %d & %.2f & %.2f & %.1f & %.0f\\\\\n",
                name[l], count, v[0] / NSCENES, v[1] / NSCENES,
                v[2] / NSCENES, v[2] / v[0]);
    }
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
    fprintf(num, "\\newcommand{\\anchorsScenes}{%d\\,%03d}\n"
            "\\newcommand{\\anchorsScatter}{%d}\n"
            "\\newcommand{\\anchorsCount}{%d}\n"
            "\\newcommand{\\anchorsObjPerImage}{%.2f}\n"
            "\\newcommand{\\anchorsFgPerObject}{%.1f}\n"
            "\\newcommand{\\anchorsRatio}{%.0f}\n"
            "\\newcommand{\\anchorsIgnoredPerImage}{%.1f}\n"
            "\\newcommand{\\anchorsIgnoredPerFg}{%.2f}\n",
            NSCENES / 1000, NSCENES % 1000, NSCATTER, g->count,
            (double)s->objects / NSCENES, (double)s->fg / s->objects,
            all[2] / all[0], all[1] / NSCENES,
            all[1] / all[0]);
    pct(num, "anchorsForcedShare", (double)s->forced / s->fg);
    pct(num, "anchorsLowShare", (double)s->low / s->objects);
    fprintf(num, "\\newcommand{\\anchorsObjects}{%ld\\,%03ld}\n"
            "\\newcommand{\\anchorsUnmatchedCount}{%ld}\n"
            "\\newcommand{\\anchorsDetOneLostCount}{%ld}\n",
            s->objects / 1000, s->objects % 1000, s->unmatched,
            s->lost);
    pct(num, "anchorsEmptyShare", (double)s->empty / NSCENES);
    return fig_close(&o);
}
#line 1484 "chapters/companion/08-anchors.nw"
static int book_setting(loss_spec *fl)
{
    const char *why;
    *fl = loss_spec_default();
    if (fig_env_double("GAMMA", fl->gamma, 0, LOSS_GAMMA_MAX,
                       &fl->gamma)
        || fig_env_double("ALPHA", fl->alpha, LOSS_ALPHA_OFF, 1,
                          &fl->alpha))
        return -1;
    if ((why = loss_spec_check(fl)) != NULL) {
        fprintf(stderr, "ALPHA: %s\n", why);
        return -1;
    }
    return 0;
}
#line 1502 "chapters/companion/08-anchors.nw"
static int write_first(const char *dir, const anchor_grid_t *g,
                       FILE *num)
{
    static const char *name[2][2] = {{"FL, $b = 0$", "CE, $b = 0$"},
        {"FL, prior", "CE, prior"}},
        *macro[2][2] = {{"FLZero", "CEZero"}, {"FLPrior", "CEPrior"}};
    net_config_t cfg = net_rtiny_config();
    net_t net;
    layer_ctx_t ctx;
    anchor_targets_t t[NFIRST];
    detloss_spec_t spec[2] = {detloss_spec_default(),
        {{LOSS_CE, 0, LOSS_ALPHA_OFF, 0}, DETLOSS_BETA}};
    fig_file o;
    scene_t *s = malloc(sizeof *s);
    float *img = malloc(NFIRST * sizeof s->pixels);
    if (!s || !img || book_setting(&spec[0].cls)
        || net_create(&net, &cfg, NFIRST)
        || layer_ctx_init(&ctx, net_scratch_size(&net))
        || fig_open(&o, dir, "anchors-first.tex"))
        return -1;
    
#line 1534 "chapters/companion/08-anchors.nw"
scene_config_t sc = scene_config_default();
long fg = 0;
for (int b = 0; b < NFIRST; b++) {
    scene_generate(&sc, SCENE_SEED, SCENE_TRAIN, b, s);
    memcpy(img + b * (sizeof s->pixels / sizeof(float)), s->pixels,
           sizeof s->pixels);
    if (anchor_targets_alloc(&t[b], g->count)
        || anchor_assign(&g->cfg, g->box, g->count, s->objects,
                         s->count, &t[b]))
        return -1;
    fg += t[b].num_fg;
}
fprintf(num, "\\newcommand{\\anchorsFirstBatch}{%d}\n"
        "\\newcommand{\\anchorsFirstFg}{%ld}\n"
        "\\newcommand{\\anchorsFirstGamma}{%g}\n"
        "\\newcommand{\\anchorsFirstAlpha}{%g}\n", NFIRST, fg,
        spec[0].cls.gamma, spec[0].cls.alpha);
#line 1523 "chapters/companion/08-anchors.nw"
    fprintf(o.f, "\\begin{tabular}{lrrr}\n\\toprule\nloss, init & "
            "class loss & box loss & bg share\\\\\n\\midrule\n");
    
#line 1554 "chapters/companion/08-anchors.nw"
for (int prior = 0; prior < 2; prior++) {
    rng_t r;
    rng_seed(&r, SCENE_SEED);
    net_init_weights(&net, &r, prior ? 0.01 : 0.5);
    if (net_forward(&ctx, &net, img, NFIRST))
        return -1;
    for (int q = 0; q < 2; q++) {
        detloss_result_t res;
        if (detloss_eval(&spec[q], g, cfg.num_classes, NFIRST, net.cls,
                         net.box, t, NULL, NULL, &res))
            return -1;
        fprintf(o.f, "%s & %.4g & %.4g & %.1f\\,\\%%\\\\\n",
                name[prior][q], res.cls, res.box,
                100 * res.cls_bg / res.cls);
        fprintf(num, "\\newcommand{\\anchorsFirst%s}{%.3g}\n"
                "\\newcommand{\\anchorsFirst%sShare}{%.1f\\,\\%%}\n",
                macro[prior][q], res.cls, macro[prior][q],
                100 * res.cls_bg / res.cls);
    }
}
#line 1526 "chapters/companion/08-anchors.nw"
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
    for (int b = 0; b < NFIRST; b++) anchor_targets_free(&t[b]);
    net_free(&net); layer_ctx_free(&ctx); free(img); free(s);
    return fig_close(&o);
}
#line 1371 "chapters/companion/08-anchors.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-anchors OUTDIR\n");
        return 2;
    }
    scene_config_t cfg = scene_config_default();
    anchor_grid_t g;
    anchor_targets_t t;
    tally_t s = {0};
    object_t o[SCENE_MAX_OBJECTS];
    fig_file num, dat;
    if (anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE)
        || anchor_targets_alloc(&t, g.count)
        || fig_open(&num, argv[1], "anchors-numbers.tex")
        || fig_open(&dat, argv[1], "anchors-best.dat"))
        return 1;
    
#line 1408 "chapters/companion/08-anchors.nw"
static scene_t one;
long pick = 0;
for (;; pick++) {
    int n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, pick, o);
    anchor_assign(&g.cfg, g.box, g.count, o, n, &t);
    if (n >= 4 && t.objects_low > 0)
        break;
}
scene_generate(&cfg, SCENE_SEED, SCENE_TRAIN, pick, &one);
anchor_assign(&g.cfg, g.box, g.count, one.objects, one.count, &t);
fig_macro(num.f, "anchorsScene", "%ld", pick);
fig_macro(num.f, "anchorsSceneObjects", "%d", one.count);
fig_macro(num.f, "anchorsStrip", "%d", STRIP);
if (write_levels(argv[1], &one, &g, &t, num.f)
    || write_iou(argv[1], &one, &g, &t)
    || write_map(argv[1], one.objects, one.count, &g, &t))
    return 1;
#line 1389 "chapters/companion/08-anchors.nw"
    fprintf(dat.f, "size iou\n");
    for (long k = 0; k < NSCENES; k++) {
        int n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, k, o);
        anchor_assign(&g.cfg, g.box, g.count, o, n, &t);
        tally_scene(&s, &g, &t, o, n, dat.f);
    }
    int st = write_counts(argv[1], &s, &g, num.f)
             || write_first(argv[1], &g, num.f);
    st |= fig_close(&num) | fig_close(&dat);
    anchor_targets_free(&t);
    anchor_grid_free(&g);
    return st ? 1 : 0;
}
