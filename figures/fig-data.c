#line 2191 "chapters/companion/06-data.nw"
/* fig-data.c: sample scenes and their statistics, for the chapter on
   data.  Usage: fig-data OUTDIR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figout.h"
#include "scene.h"

enum { NSTAT = 20000, LBINS = 16, COLS = 4, ROWS = 2, ZOOM = 2 };

#line 2214 "chapters/companion/06-data.nw"
static int write_grid(const char *dir, const scene_config_t *cfg)
{
    static const unsigned char colour[3][3] =
        {{204, 0, 0}, {0, 128, 0}, {0, 0, 204}}, black[3] = {0, 0, 0};
    int t = SCENE_SIZE * ZOOM, gap = 8;
    image_t grid, tile;
    scene_t *s = malloc(sizeof *s);
    if (s == NULL || image_alloc(&grid, COLS * (t + gap) - gap,
                                 ROWS * (t + gap) - gap)
        || image_alloc(&tile, SCENE_SIZE, SCENE_SIZE))
        return -1;
    memset(grid.rgb, 255, (size_t)grid.w * grid.h * 3);
    for (int k = 0; k < COLS * ROWS; k++) {
        int x0 = k % COLS * (t + gap), y0 = k / COLS * (t + gap);
        scene_generate(cfg, SCENE_SEED, SCENE_TRAIN, k, s);
        image_from_chw(&tile, s->pixels);
        image_paste_zoomed(&grid, x0, y0, &tile, ZOOM);
        
#line 2245 "chapters/companion/06-data.nw"
for (int j = 0; j < s->count; j++) {
    object_t b = s->objects[j];
    b.x1 = x0 + ZOOM * b.x1 - 1; b.x2 = x0 + ZOOM * b.x2 + 1;
    b.y1 = y0 + ZOOM * b.y1 - 1; b.y2 = y0 + ZOOM * b.y2 + 1;
    image_draw_box(&grid, &b, 1, black);
    b.x1 += 1; b.x2 -= 1; b.y1 += 1; b.y2 -= 1;
    image_draw_box(&grid, &b, 2, colour[b.cls]);
}
#line 2232 "chapters/companion/06-data.nw"
    }
    char *path = path_join(dir, "data-grid.png"), err[DATA_ERR_SIZE];
    int st = path == NULL
             || image_write_png(path, &grid, err, sizeof err);
    if (st) fprintf(stderr, "fig-data: %s\n", path ? err
                    : "out of memory");
    free(path);
    image_free(&grid); image_free(&tile); free(s);
    return st;
}
#line 2259 "chapters/companion/06-data.nw"
typedef struct {
    long count[SCENE_MAX_OBJECTS + 1], cls[SCENE_CLASSES], level[3];
    long bins[3][LBINS], total;  /* sizes, by level */
    int nb[3];                   /* bins of each level */
    double lo, hi;               /* level boundaries */
    double edge[4];              /* min_size, lo, hi, max_size */
} stats_t;

static void count_objects(const scene_config_t *cfg, stats_t *st)
{
    memset(st, 0, sizeof *st);
    st->lo = 16 * pow(2, 5 / 6.0);
    st->hi = 32 * pow(2, 5 / 6.0);
    
#line 2338 "chapters/companion/06-data.nw"
double edge[4] = {cfg->min_size, st->lo, st->hi, cfg->max_size};
for (int l = 0; l < 4; l++) st->edge[l] = edge[l];
for (int l = 0; l < 3; l++) {
    int nb = (int)lround(log(edge[l + 1] / edge[l]) / 0.1);
    st->nb[l] = nb < 1 ? 1 : nb > LBINS ? LBINS : nb;
}
#line 2273 "chapters/companion/06-data.nw"
    for (long i = 0; i < NSTAT; i++) {
        object_t o[SCENE_MAX_OBJECTS];
        int n = scene_objects(cfg, SCENE_SEED, SCENE_TRAIN, i, o);
        st->count[n]++;
        for (int j = 0; j < n; j++) {
            double s = sqrt(((double)o[j].x2 - o[j].x1)
                            * ((double)o[j].y2 - o[j].y1));
            int l = s < st->lo ? 0 : s < st->hi ? 1 : 2;
            int b = (int)(st->nb[l] * log(s / st->edge[l])
                          / log(st->edge[l + 1] / st->edge[l]));
            b = b < 0 ? 0 : b >= st->nb[l] ? st->nb[l] - 1 : b;
            st->bins[l][b]++;
            st->level[l]++;
            st->cls[o[j].cls]++;
            st->total++;
        }
    }
}
#line 2296 "chapters/companion/06-data.nw"
static void row(FILE *f, const char *what, long n, long of, double want)
{
    fprintf(f, "%s & %ld & %.3f & %.3f \\\\\n", what, n,
            (double)n / of, want);
}

static double level_share(const scene_config_t *c, double a, double b)
{
    return log(b / a) / log(c->max_size / c->min_size);
}

static int write_table(const char *dir, const scene_config_t *c,
                       const stats_t *st)
{
    fig_file o;
    char what[64];
    if (fig_open(&o, dir, "data-stats.tex")) return -1;
    fprintf(o.f, "\\begin{table}\n\\centering\n\\begin{tabular}"
            "{@{}lrrr@{}}\n\\toprule\n & counted & share & expected"
            " \\\\\n\\midrule\n");
    for (int k = c->min_objects; k <= c->max_objects; k++) {
        snprintf(what, sizeof what, "scenes, %d objects", k);
        row(o.f, what, st->count[k], NSTAT,
            1.0 / (c->max_objects - c->min_objects + 1));
    }
    fprintf(o.f, "\\midrule\n");
    for (int k = 0; k < SCENE_CLASSES; k++) {
        snprintf(what, sizeof what, "%ss", scene_class_name(k));
        row(o.f, what, st->cls[k], st->total, 1.0 / SCENE_CLASSES);
    }
    
#line 2347 "chapters/companion/06-data.nw"
fprintf(o.f, "\\midrule\n");
double edge[4] = {c->min_size, st->lo, st->hi, c->max_size};
for (int l = 0; l < 3; l++) {
    snprintf(what, sizeof what, "$P_%d$: $%.1f \\le s < %.1f$", l + 3,
             edge[l], edge[l + 1]);
    row(o.f, what, st->level[l], st->total,
        level_share(c, edge[l], edge[l + 1]));
}
#line 2327 "chapters/companion/06-data.nw"
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n\\caption{What "
            "\\dataStatScenes\\ "
            "training scenes hold: scenes by number of objects, "
            "objects by class and by pyramid level.  Made by "
            "\\file{figures/fig-data.c}.}\n\\label{tab:data-stats}\n"
            "\\end{table}\n");
    return fig_close(&o);
}
#line 2368 "chapters/companion/06-data.nw"
static const char *const level_colour[3] =
    {"red!75!black", "green!50!black", "blue!75!black"};

static int write_level_bars(const char *dir, const stats_t *st, int l,
                            double *top)
{
    char name[64];
    fig_file o;
    snprintf(name, sizeof name, "data-sizes-p%d.dat", l + 3);
    if (fig_open(&o, dir, name)) return -1;
    double w = log(st->edge[l + 1] / st->edge[l]) / st->nb[l];
    fprintf(o.f, "lo density\n");
    for (int b = 0; b <= st->nb[l]; b++) {   /* the last ends a bar */
        double d = st->bins[l][b < st->nb[l] ? b : b - 1]
                   / (w * (double)st->total);
        fprintf(o.f, "%.4f %.5f\n", st->edge[l] * exp(w * b), d);
        *top = d > *top ? d : *top;
    }
    return fig_close(&o);
}

#line 2407 "chapters/companion/06-data.nw"
static double anchor_side(int l, int k)
{
    return 16 * pow(2, l) * pow(2, k / 3.0);
}

static double centred_iou(double s)          /* the best of nine */
{
    double best = 0;
    for (int l = 0; l < 3; l++)
        for (int k = 0; k < 3; k++) {
            double a = anchor_side(l, k), r = s < a ? s / a : a / s;
            best = r * r > best ? r * r : best;
        }
    return best;
}

static int write_anchor_iou(const char *dir, const scene_config_t *c)
{
    fig_file o, m;
    double s0 = c->min_size * 0.8, s1 = c->max_size * 1.2;
    if (fig_open(&o, dir, "data-anchor-iou.dat")) return -1;
    fprintf(o.f, "size iou\n");
    for (int i = 0; i <= 400; i++) {
        double s = s0 * pow(s1 / s0, i / 400.0);
        fprintf(o.f, "%.4f %.5f\n", s, centred_iou(s));
    }
    if (fig_close(&o) || fig_open(&m, dir, "data-anchor-marks.tex"))
        return -1;
    for (int l = 0; l < 3; l++)
        for (int k = 0; k < 3; k++)
            fprintf(m.f, "\\addplot[%s, thin] coordinates "
                    "{(%.3f,0) (%.3f,1)};\n", level_colour[l],
                    anchor_side(l, k), anchor_side(l, k));
    return fig_close(&m);
}

#line 2391 "chapters/companion/06-data.nw"
static int write_histogram(const char *dir, const scene_config_t *c,
                           const stats_t *st, double *top)
{
    *top = 1 / log(c->max_size / c->min_size);
    for (int l = 0; l < 3; l++)
        if (write_level_bars(dir, st, l, top)) return -1;
    *top *= 1.25;
    return write_anchor_iou(dir, c);
}
#line 2445 "chapters/companion/06-data.nw"
static void num(FILE *f, const char *name, const char *fmt, double v)
{
    fprintf(f, "\\newcommand{\\%s}{", name);
    fprintf(f, fmt, v);
    fprintf(f, "}\n");
}

static int write_numbers(const char *dir, const scene_config_t *c,
                         const stats_t *st, double top)
{
    fig_file o;
    if (fig_open(&o, dir, "data-numbers.tex")) return -1;
    double nominal = (c->min_objects + c->max_objects) / 2.0;
    double mean = (double)st->total / NSTAT;
    num(o.f, "dataSize", "%.0f", SCENE_SIZE);
    num(o.f, "dataMinObjects", "%.0f", c->min_objects);
    num(o.f, "dataMaxObjects", "%.0f", c->max_objects);
    num(o.f, "dataMinSize", "%g", c->min_size);
    num(o.f, "dataMaxSize", "%g", c->max_size);
    num(o.f, "dataMaxAspect", "%g", c->max_aspect);
    num(o.f, "dataMaxIoU", "%g", c->max_iou);
    num(o.f, "dataMaxDistractors", "%.0f", c->max_distractors);
    num(o.f, "dataContrast", "%g", c->contrast);
    num(o.f, "dataGradient", "%g", c->gradient);
    num(o.f, "dataTexture", "%g", c->texture);
    num(o.f, "dataNoise", "%g", c->noise);
    
#line 2477 "chapters/companion/06-data.nw"
num(o.f, "dataMinReach", "%.1f", 16 / sqrt(2));
num(o.f, "dataLargestAnchor", "%.1f", 64 * pow(2, 2 / 3.0));
num(o.f, "dataLevelThreeFour", "%.1f", st->lo);
num(o.f, "dataLevelFourFive", "%.1f", st->hi);
num(o.f, "dataExpPThree", "%.3f", level_share(c, c->min_size, st->lo));
num(o.f, "dataExpPFour", "%.3f", level_share(c, st->lo, st->hi));
num(o.f, "dataExpPFive", "%.3f", level_share(c, st->hi, c->max_size));
num(o.f, "dataSceneKiB", "%.0f", sizeof(scene_t) / 1024.0);
fprintf(o.f, "\\newcommand{\\dataStatScenes}{%d\\,%03d}\n",
        NSTAT / 1000, NSTAT % 1000);
num(o.f, "dataMeanObjects", "%.3f", mean);
num(o.f, "dataNominalMean", "%g", nominal);
num(o.f, "dataMeanSE", "%.3f", sqrt(((c->max_objects - c->min_objects
    + 1) * (c->max_objects - c->min_objects + 1) - 1) / 12.0 / NSTAT));
num(o.f, "dataHistTop", "%.2f", top);
{
    double low = 1;              /* over the objects' sizes */
    for (int i = 0; i <= 1000; i++)
        low = fmin(low, centred_iou(c->min_size * pow(c->max_size
                                    / c->min_size, i / 1000.0)));
    num(o.f, "dataCentredIoUMin", "%.2f", low);
}
num(o.f, "dataLogUniform", "%.4f",
    1 / log(c->max_size / c->min_size));
#line 2472 "chapters/companion/06-data.nw"
    return fig_close(&o);
}
#line 2504 "chapters/companion/06-data.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-data OUTDIR\n");
        return 2;
    }
    scene_config_t cfg = scene_config_default();
    stats_t st;
    double top;
    count_objects(&cfg, &st);
    if (write_grid(argv[1], &cfg) || write_table(argv[1], &cfg, &st)
        || write_histogram(argv[1], &cfg, &st, &top)
        || write_numbers(argv[1], &cfg, &st, top))
        return 1;
    return 0;
}
