#line 1298 "chapters/08-anchors.nw"
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

enum { NSCENES = 10000, NSCATTER = 1500, NFIRST = 8 };
static const char *colour[3] = {"red!75!black", "green!50!black",
                                "blue!75!black"};

#line 1339 "chapters/08-anchors.nw"
static double misfit(const object_t *o)     /* |log(size / 45)| */
{
    return fabs(log((o->x2 - o->x1) * (o->y2 - o->y1) / 2025.0) / 2);
}

static void tikz_box(FILE *f, const char *style, box_t b)
{
    fprintf(f, "\\draw[%s] (%.2f,%.2f) rectangle (%.2f,%.2f);\n",
            style, b.x1, b.y1, b.x2, b.y2);
}

static void tikz_open(FILE *f, double mm, const object_t *o, int n)
{
    fprintf(f, "\\begin{tikzpicture}[x=%gmm, y=-%gmm]\n\\clip (-2,-2)"
            " rectangle (130,130);\n\\draw[gray] (0,0) rectangle "
            "(128,128);\n", mm, mm);
    for (int k = 0; k < n; k++)
        tikz_box(f, "black, thick", box_from_object(&o[k]));
}

static int write_nine(const char *dir, const object_t *o, int n,
                      int j, const anchor_grid_t *g, FILE *num)
{
    box_t ob = box_from_object(&o[j]);
    int x = (int)((ob.x1 + ob.x2) / 32);   /* centre / stride 16 */
    int y = (int)((ob.y1 + ob.y2) / 32);
    fig_file t;
    if (fig_open(&t, dir, "anchors-nine.tex")) return -1;
    tikz_open(t.f, 0.5, o, n);
    for (int a = 0; a < ANCHOR_A; a++) {
        char style[64];
        box_t b = g->box[anchor_index(g, 1, y, x, a)];
        snprintf(style, sizeof style, "%s, %s", colour[a % 3],
                 box_iou(&b, &ob) >= ANCHOR_FG_IOU ? "very thick"
                 : "thin");
        tikz_box(t.f, style, b);
    }
    fprintf(t.f, "\\end{tikzpicture}\n");
    fprintf(num, "\\newcommand{\\anchorsNineX}{%d}\n"
            "\\newcommand{\\anchorsNineY}{%d}\n", x, y);
    return fig_close(&t);
}
#line 1400 "chapters/08-anchors.nw"
static int write_map(const char *dir, const object_t *o, int n,
                     const anchor_grid_t *g, const anchor_targets_t *t)
{
    fig_file m;
    if (fig_open(&m, dir, "anchors-map.tex")) return -1;
    for (int l = 0; l < ANCHOR_LEVELS; l++) {
        int st = g->stride[l];
        tikz_open(m.f, 0.36, o, 0);
        for (int c = 0; c < g->rows[l] * g->cols[l]; c++) {
            int state = ANCHOR_BACKGROUND;
            for (int a = 0; a < ANCHOR_A; a++) {
                int lab = t->label[g->offset[l] + c * ANCHOR_A + a];
                if (lab > 0 || (lab == ANCHOR_IGNORE && state == 0))
                    state = lab;
            }
            if (state != ANCHOR_BACKGROUND)
                fprintf(m.f, "\\fill[%s!45] (%d,%d) rectangle "
                        "+(%d,%d);\n",
                        state > 0 ? colour[state - 1] : "gray",
                        c % g->cols[l] * st, c / g->cols[l] * st, st,
                        st);
        }
        for (int k = st; k < SCENE_SIZE; k += st)
            fprintf(m.f, "\\draw[gray!40] (%d,0) -- (%d,128) "
                    "(0,%d) -- (128,%d);\n", k, k, k, k);
        for (int k = 0; k < n; k++)
            tikz_box(m.f, "black, thick", box_from_object(&o[k]));
        fprintf(m.f, "\\end{tikzpicture}%s\n", l < 2 ? "\\hfill" : "");
    }
    return fig_close(&m);
}
#line 1488 "chapters/08-anchors.nw"
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
#line 1577 "chapters/08-anchors.nw"
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
                    * ANCHOR_A : g->count;
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
            "\\newcommand{\\anchorsIgnoredPerImage}{%.1f}\n",
            NSCENES / 1000, NSCENES % 1000, NSCATTER, g->count,
            (double)s->objects / NSCENES, (double)s->fg / s->objects,
            all[2] / all[0], all[1] / NSCENES);
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
#line 1667 "chapters/08-anchors.nw"
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
#line 1685 "chapters/08-anchors.nw"
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
    
#line 1717 "chapters/08-anchors.nw"
scene_config_t sc = scene_config_default();
long fg = 0;
for (int b = 0; b < NFIRST; b++) {
    scene_generate(&sc, SCENE_SEED, SCENE_TRAIN, b, s);
    memcpy(img + b * (sizeof s->pixels / sizeof(float)), s->pixels,
           sizeof s->pixels);
    if (anchor_targets_alloc(&t[b], g->count)
        || anchor_assign(g->box, g->count, s->objects, s->count, &t[b]))
        return -1;
    fg += t[b].num_fg;
}
fprintf(num, "\\newcommand{\\anchorsFirstBatch}{%d}\n"
        "\\newcommand{\\anchorsFirstFg}{%ld}\n"
        "\\newcommand{\\anchorsFirstGamma}{%g}\n"
        "\\newcommand{\\anchorsFirstAlpha}{%g}\n", NFIRST, fg,
        spec[0].cls.gamma, spec[0].cls.alpha);
#line 1706 "chapters/08-anchors.nw"
    fprintf(o.f, "\\begin{tabular}{lrrr}\n\\toprule\nloss, init & "
            "class loss & box loss & bg share\\\\\n\\midrule\n");
    
#line 1736 "chapters/08-anchors.nw"
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
#line 1709 "chapters/08-anchors.nw"
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
    for (int b = 0; b < NFIRST; b++) anchor_targets_free(&t[b]);
    net_free(&net); layer_ctx_free(&ctx); free(img); free(s);
    return fig_close(&o);
}
#line 1521 "chapters/08-anchors.nw"
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
    long pick = 0;
    if (anchor_grid_create(&g, SCENE_SIZE, SCENE_SIZE)
        || anchor_targets_alloc(&t, g.count)
        || fig_open(&num, argv[1], "anchors-numbers.tex")
        || fig_open(&dat, argv[1], "anchors-best.dat"))
        return 1;
    
#line 1556 "chapters/08-anchors.nw"
double fit = HUGE_VAL;
int obj = 0, n;
for (long k = 0; k < 500; k++) {
    n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, k, o);
    for (int j = 0; j < n && n >= 3; j++) {
        double dx = (o[j].x1 + o[j].x2) / 2 - SCENE_SIZE / 2;
        double dy = (o[j].y1 + o[j].y2) / 2 - SCENE_SIZE / 2;
        double f = dx * dx + dy * dy + 1e4 * misfit(&o[j]);
        if (f < fit) { fit = f; pick = k; obj = j; }
    }
}
n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, pick, o);
anchor_assign(g.box, g.count, o, n, &t);
fprintf(num.f, "\\newcommand{\\anchorsNineScene}{%ld}\n", pick);
if (write_nine(argv[1], o, n, obj, &g, num.f)
    || write_map(argv[1], o, n, &g, &t))
    return 1;
#line 1540 "chapters/08-anchors.nw"
    fprintf(dat.f, "size iou\n");
    for (long k = 0; k < NSCENES; k++) {
        int n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, k, o);
        anchor_assign(g.box, g.count, o, n, &t);
        tally_scene(&s, &g, &t, o, n, dat.f);
    }
    int st = write_counts(argv[1], &s, &g, num.f)
             || write_first(argv[1], &g, num.f);
    st |= fig_close(&num) | fig_close(&dat);
    anchor_targets_free(&t);
    anchor_grid_free(&g);
    return st ? 1 : 0;
}
