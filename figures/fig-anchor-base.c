#line 1593 "chapters/companion/08-anchors.nw"
/* fig-anchor-base.c: the anchors' base size, 2, 3 or 4 strides,
   measured on the book's scenes without training.
   Usage: fig-anchor-base OUTDIR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "anchors.h"
#include "figout.h"
#include "scene.h"

enum { NSCENES = 1000, NBASES = 3, NBANDS = 4, NBINS = 17,
       BIN_LO = 12, BIN_W = 4 };
static const double base[NBASES] = {2, 3, 4};
static const char *const base_name[NBASES] = {"two", "three",
                                              "four"};
static const double band_lo[NBANDS] = {0, 16, 32, 64};

#line 1619 "chapters/companion/08-anchors.nw"
typedef struct {
    long objects, good, any;   /* IoU >= fg threshold; any fg */
    double best, fg;           /* sums of best IoU, of fg anchors */
} tally_t;

typedef struct {
    tally_t band[NBASES][NBANDS + 1], bin[NBASES][NBINS];
} counts_t;

static void tally(tally_t *t, double best, int good, int nfg)
{
    t->objects++;
    t->good += good;
    t->any += nfg > 0;
    t->best += best;
    t->fg += nfg;
}
#line 1639 "chapters/companion/08-anchors.nw"
static int measure(counts_t *c, int q)
{
    scene_config_t sc = scene_config_default();
    anchor_config_t k = anchor_config_default();
    anchor_grid_t g;
    anchor_targets_t t;
    object_t o[SCENE_MAX_OBJECTS];
    k.size = base[q];
    if (anchor_grid_create(&g, &k, SCENE_SIZE, SCENE_SIZE)
        || anchor_targets_alloc(&t, g.count))
        return -1;
    for (long s = 0; s < NSCENES; s++) {
        int n = scene_objects(&sc, SCENE_SEED, SCENE_TRAIN, s, o);
        int nfg[SCENE_MAX_OBJECTS] = {0};
        if (anchor_assign(&g.cfg, g.box, g.count, o, n, &t))
            return -1;
        for (int i = 0; i < g.count; i++)
            if (t.label[i] > 0) nfg[t.match[i]]++;
        for (int j = 0; j < n; j++)
            
#line 1667 "chapters/companion/08-anchors.nw"
{
    box_t b = box_from_object(&o[j]);
    double best = 0, side = sqrt((b.x2 - b.x1) * (b.y2 - b.y1));
    for (int i = 0; i < g.count; i++)
        best = fmax(best, box_iou(&g.box[i], &b));
    int good = best >= k.fg_iou, d = NBANDS - 1;
    int x = (int)((side - BIN_LO) / BIN_W);
    while (d > 0 && side < band_lo[d]) d--;
    tally(&c->band[q][d], best, good, nfg[j]);
    tally(&c->band[q][NBANDS], best, good, nfg[j]);
    tally(&c->bin[q][x < 0 ? 0 : x >= NBINS ? NBINS - 1 : x], best,
          good, nfg[j]);
}
#line 1659 "chapters/companion/08-anchors.nw"
    }
    anchor_targets_free(&t);
    anchor_grid_free(&g);
    return 0;
}
#line 1685 "chapters/companion/08-anchors.nw"
static void row(FILE *f, const char *first, const char *what,
                const tally_t *t)
{
    if (t->objects == 0) {
        fprintf(f, "%s & %s & 0 & -- & -- & -- & --\\\\\n", first,
                what);
        return;
    }
    fprintf(f, "%s & %s & %ld & %.1f & %.1f & %.3f & %.2f\\\\\n",
            first, what, t->objects, 100.0 * t->good / t->objects,
            100.0 * t->any / t->objects, t->best / t->objects,
            t->fg / t->objects);
}
#line 1701 "chapters/companion/08-anchors.nw"
static int write_table(const char *dir, const counts_t *c)
{
    static const char *const what[NBANDS + 1] = {"below 16",
        "16 to 32", "32 to 64", "64 and more", "all"};
    fig_file o;
    if (fig_open(&o, dir, "anchors-base.tex")) return -1;
    fprintf(o.f, "\\begin{tabular}{llrrrrr}\n\\toprule\n"
            "base & size $\\sqrt{wh}$ & objects & IoU $\\ge$ .5 "
            "(\\%%) & any fg (\\%%) & best IoU & fg per object\\\\\n");
    for (int q = 0; q < NBASES; q++) {
        char first[40];
        snprintf(first, sizeof first, "%g strides", base[q]);
        fprintf(o.f, "\\midrule\n");
        for (int d = 0; d <= NBANDS; d++)
            row(o.f, d ? "" : first, what[d], &c->band[q][d]);
    }
    fprintf(o.f, "\\bottomrule\n\\end{tabular}\n");
    return fig_close(&o);
}
#line 1723 "chapters/companion/08-anchors.nw"
static int write_bins(const char *dir, const counts_t *c)
{
    fig_file o;
    if (fig_open(&o, dir, "anchors-base.dat")) return -1;
    fprintf(o.f, "size b2 b3 b4\n");
    for (int x = 0; x < NBINS; x++) {
        if (c->bin[0][x].objects == 0) continue;
        fprintf(o.f, "%d", BIN_LO + BIN_W * x + BIN_W / 2);
        for (int q = 0; q < NBASES; q++)
            fprintf(o.f, " %.4f",
                    c->bin[q][x].best / c->bin[q][x].objects);
        fprintf(o.f, "\n");
    }
    return fig_close(&o);
}
#line 1745 "chapters/companion/08-anchors.nw"
static const char *word(double a, double b, double unit,
                        const char *more, const char *less,
                        const char *same)
{
    long ra = lround(a / unit), rb = lround(b / unit);
    return ra > rb ? more : ra < rb ? less : same;
}

static double share(const tally_t *t)
{
    return t->objects ? 100.0 * t->good / t->objects : 0;
}
#line 1760 "chapters/companion/08-anchors.nw"
static void write_sentences(FILE *f, const counts_t *c)
{
    const tally_t (*band)[NBANDS + 1] = c->band;
    const tally_t *b2 = &band[0][NBANDS], *b4 = &band[2][NBANDS];
    double m2 = b2->best / b2->objects, m4 = b4->best / b4->objects;
    double f2 = b2->fg / b2->objects, f4 = b4->fg / b4->objects;
    int top = 0;
    for (int q = 1; q < NBASES; q++)
        if (lround(10 * share(&band[q][NBANDS]))
            > lround(10 * share(&band[top][NBANDS]))) top = q;
    fig_macro(f, "anchorsBaseScenes", "%d\\,%03d", NSCENES / 1000,
              NSCENES % 1000);
    fig_macro(f, "anchorsBaseAll", "With the paper's four strides, "
              "%.1f\\,\\%% of the objects have an anchor at IoU "
              "$\\ge 0.5$, %s the %.1f\\,\\%% of the book's two "
              "strides (three strides: %.1f\\,\\%%), and an object's "
              "best IoU is %.3f on average, %s %.3f", share(b4),
              word(share(b4), share(b2), 0.1, "more than",
                   "fewer than", "as many as"), share(b2),
              share(&band[1][NBANDS]), m4,
              word(m4, m2, 0.001, "higher than", "lower than",
                   "the same as"), m2);
    
#line 1790 "chapters/companion/08-anchors.nw"
const tally_t *s2 = &band[0][0], *s4 = &band[2][0];
const tally_t *l2 = &band[0][NBANDS - 1], *l4 = &band[2][NBANDS - 1];
fig_macro(f, "anchorsBaseBands", "Four strides reach IoU $0.5$ for %s"
          " of the objects below 16 pixels (%.1f\\,\\%% against "
          "%.1f\\,\\%% with two strides), and for %s of those of 64 "
          "pixels or more (%.1f\\,\\%% against %.1f\\,\\%%)",
          word(share(s4), share(s2), 0.1, "more", "fewer", "as many"),
          share(s4), share(s2),
          word(share(l4), share(l2), 0.1, "more", "fewer", "as many"),
          share(l4), share(l2));
fig_macro(f, "anchorsBaseFg", "Each object gets %.2f foreground "
          "anchors with four strides, %s the %.2f with two", f4,
          word(f4, f2, 0.01, "more than", "fewer than", "as many as"),
          f2);
#line 1783 "chapters/companion/08-anchors.nw"
    fig_macro(f, "anchorsBaseTop", "Of the three bases, %s strides "
              "give the most objects an anchor at IoU $\\ge 0.5$",
              base_name[top]);
}
#line 1807 "chapters/companion/08-anchors.nw"
int main(int argc, char **argv)
{
    fig_file num;
    counts_t *c = calloc(1, sizeof *c);
    if (argc != 2) {
        fprintf(stderr, "usage: fig-anchor-base OUTDIR\n");
        return 2;
    }
    for (int q = 0; q < NBASES; q++)
        if (c == NULL || measure(c, q)) {
            fprintf(stderr, "fig-anchor-base: out of memory\n");
            return 1;
        }
    
#line 1837 "chapters/companion/08-anchors.nw"
for (int q = 0; q < NBASES; q++)
    if (4 / (base[q] * base[q]) < ANCHOR_FG_IOU && c->band[q][0].good) {
        fprintf(stderr, "fig-anchor-base: an object below 16 pixels"
                " reaches IoU .5 with a base of %g strides\n",
                base[q]);
        return 1;
    }
#line 1821 "chapters/companion/08-anchors.nw"
    if (write_table(argv[1], c) || write_bins(argv[1], c)
        || fig_open(&num, argv[1], "anchors-base-numbers.tex"))
        return 1;
    write_sentences(num.f, c);
    free(c);
    return fig_close(&num) ? 1 : 0;
}
