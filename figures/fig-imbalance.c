#line 237 "chapters/companion/01-imbalance.nw"
/* fig-imbalance.c: the anchor table and the loss shares of easy
   negatives, for the chapter on imbalance.
   Usage: fig-imbalance OUTDIR; GAMMA from the environment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figout.h"
#include "imbalance.h"

#define COCO_OBJECTS 7.7  /* mean objects per COCO image [Lin 2014] */
#define BOOK_OBJECTS 3.0  /* assumed for the book's synthetic scenes */

#line 267 "chapters/companion/01-imbalance.nw"
static void fmt_count(char *buf, size_t size, long long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
    size_t k = 0;
    if (n < 0 && k + 1 < size) buf[k++] = '-';
    for (int i = 0; i < len && k + 3 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[k++] = '\\';
            buf[k++] = ',';
        }
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
}

static void macro(fig_file *o, const char *name, const char *text)
{
    fig_macro(o->f, name, "%s", text);
}

#line 292 "chapters/companion/01-imbalance.nw"
static void fmt_value(char *buf, size_t size, double x)
{
    double a = fabs(x);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
        char e[32];
        snprintf(e, sizeof e, "%.1e", x);    /* d.de[+-]xx */
        char *p = strchr(e, 'e');
        if (p == NULL) {                     /* inf or nan */
            snprintf(buf, size, "%s", e);
            return;
        }
        *p = '\0';
        snprintf(buf, size, "\\ensuremath{%s\\times10^{%d}}", e,
                 atoi(p + 1));
    } else if (a >= 1000) {
        fmt_count(buf, size, llround(x));
    } else {
        snprintf(buf, size, "%.3g", x);
    }
}

static void macro_value(fig_file *o, const char *name, double x)
{
    char buf[64];
    fmt_value(buf, sizeof buf, x);
    macro(o, name, buf);
}

static void macro_count(fig_file *o, const char *name, long long n)
{
    char buf[64];
    fmt_count(buf, sizeof buf, n);
    macro(o, name, buf);
}

static void macro_percent(fig_file *o, const char *name, double share)
{
    char buf[64];
    double pct = 100 * share;
    snprintf(buf, sizeof buf, pct >= 1 ? "%.1f\\,\\%%" : "%.2f\\,\\%%",
             pct);
    macro(o, name, buf);
}
#line 459 "chapters/companion/01-imbalance.nw"
/* CE and FL at p_t = 1 - q, and |dL/dx| for the logit x.  A small
   stand-in: chapter 3 derives these and builds the loss module. */
static double ce_loss(double q) { return -log1p(-q); }
static double ce_grad(double q) { return q; }
static double fl_loss(double q, double gamma)
{
    return pow(q, gamma) * -log1p(-q);
}
static double fl_grad(double q, double gamma)
{
    return pow(q, gamma) * (q - gamma * (1 - q) * log1p(-q));
}
#line 437 "chapters/companion/01-imbalance.nw"
static double mean_matches(const imb_design_t *d)
{
    const int n = 400;
    double lo = d->size * ldexp(d->scale[0], d->first_level);
    double hi = d->size * ldexp(d->scale[d->nscales - 1],
                                d->last_level);
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double side = lo * pow(hi / lo, (i + 0.5) / n);
        sum += imb_expected_matches(d, side, side, 0.5);
    }
    return sum / n;
}
#line 343 "chapters/companion/01-imbalance.nw"
struct anchor_row {
    const char *design;
    int book;                /* the book's design, else RetinaNet */
    long long height, width;
    double objects;
};

static int write_anchor_table(const char *dir, fig_file *num)
{
    static const struct anchor_row rows[] = {
        {"RetinaNet", 0, 400, 400, COCO_OBJECTS},
        {"RetinaNet", 0, 600, 600, COCO_OBJECTS},
        {"RetinaNet", 0, 800, 800, COCO_OBJECTS},
        {"RetinaNet", 0, 600, 1000, COCO_OBJECTS},
        {"RetinaNet", 0, 800, 1333, COCO_OBJECTS},
        {"This book", 1, 128, 128, BOOK_OBJECTS},
    };
    imb_design_t design[2];
    double kbar[2];
    imb_design_standard(&design[0], 3, 7, 4.0);
    imb_design_standard(&design[1], 3, 5, 2.0);
    for (int i = 0; i < 2; i++) kbar[i] = mean_matches(&design[i]);
    
#line 372 "chapters/companion/01-imbalance.nw"
fig_file o;
if (fig_open(&o, dir, "imbalance-anchors.tex") != 0) return -1;
fputs("\\begin{tabular}{@{}llcrrrr@{}}\n\\toprule\n"
      "Design & Input & Levels & $N$ & $M$ & $\\bar k$ & bg:fg \\\\\n"
      "\\midrule\n", o.f);
for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const struct anchor_row *r = &rows[i];
    const imb_design_t *d = &design[r->book];
    long long n = imb_anchor_count(d, r->height, r->width);
    double fg = kbar[r->book] * r->objects;
    char ns[48], rs[48];
    fmt_count(ns, sizeof ns, n);
    fmt_count(rs, sizeof rs, llround((n - fg) / fg));
    fprintf(o.f, "%s & $%lld\\times%lld$ & $P_%d$--$P_%d$ & %s & "
            "%.3g & %.1f & %s:1 \\\\\n", r->design, r->height,
            r->width, d->first_level, d->last_level, ns, r->objects,
            kbar[r->book], rs);
}
fputs("\\bottomrule\n\\end{tabular}\n", o.f);
if (fig_close(&o) != 0) return -1;
#line 366 "chapters/companion/01-imbalance.nw"
    
#line 399 "chapters/companion/01-imbalance.nw"
{
    long long book = imb_anchor_count(&design[1], 128, 128);
    long long six = imb_anchor_count(&design[0], 600, 1000);
    double fg_book = kbar[1] * BOOK_OBJECTS;
    double fg_six = kbar[0] * COCO_OBJECTS;
    macro_count(num, "imbBookAnchors", book);
    for (int l = 3; l <= 5; l++) {
        static const char *name[] = {"imbBookCellsThree",
            "imbBookCellsFour", "imbBookCellsFive"};
        macro_count(num, name[l - 3], imb_cells(128, 128, 1LL << l));
    }
    macro_count(num, "imbRetinaSix", six);
    macro_count(num, "imbRetinaSixBinary", six * 80);
    macro_count(num, "imbRetinaEight",
                imb_anchor_count(&design[0], 800, 1333));
    macro_value(num, "imbKRetina", kbar[0]);
    macro_value(num, "imbKBook", kbar[1]);
    macro_count(num, "imbRatioSix", llround((six - fg_six) / fg_six));
    macro_count(num, "imbRatioBook",
                llround((book - fg_book) / fg_book));
    macro_value(num, "imbCocoObjects", COCO_OBJECTS);
    macro_value(num, "imbBookObjects", BOOK_OBJECTS);
    double coef = imb_match_area(1, 1, 1, 1, 0.5);  /* R / w^2 */
    macro_value(num, "imbMatchCoef", coef);
    macro_value(num, "imbMatchFour", 16 * coef);
    macro_value(num, "imbMatchTwo", 4 * coef);
    macro_value(num, "imbKBookThirtyTwo",
                imb_expected_matches(&design[1], 32, 32, 0.5));
    macro_value(num, "imbKBookTen",
                imb_expected_matches(&design[1], 10, 10, 0.5));
}
#line 367 "chapters/companion/01-imbalance.nw"
    return 0;
}
#line 476 "chapters/companion/01-imbalance.nw"
enum { HARD_EXAMPLES = 100 };
static const double Q_EASY = 0.01, Q_HARD = 0.5, N_QUOTED = 1e5;

static int write_loss_shares(const char *dir, double gamma,
                             fig_file *num)
{
    double h = HARD_EXAMPLES;
    double ce_e = ce_loss(Q_EASY), ce_h = ce_loss(Q_HARD);
    double fl_e = fl_loss(Q_EASY, gamma), fl_h = fl_loss(Q_HARD, gamma);
    double cg_e = ce_grad(Q_EASY), cg_h = ce_grad(Q_HARD);
    double fg_e = fl_grad(Q_EASY, gamma), fg_h = fl_grad(Q_HARD, gamma);
    
#line 510 "chapters/companion/01-imbalance.nw"
int top = (int)ceil(log10(h * fl_h / fl_e)) + 1;
if (!(top >= 6)) top = 6;                 /* also when NaN */
if (top > 14) top = 14;
fig_macro(num->f, "imbShareXmax", "1e%d", top);
#line 488 "chapters/companion/01-imbalance.nw"
    fig_file o;
    if (fig_open(&o, dir, "imbalance-share.dat") != 0) return -1;
    fputs("n ce_loss ce_grad fl_loss fl_grad\n", o.f);
    for (int i = 0; i <= (top - 1) * 40; i++) {
        double n = pow(10.0, 1 + i / 40.0);
        fprintf(o.f, "%.6g %.6g %.6g %.6g %.6g\n", n,
                imb_easy_share(n, ce_e, h, ce_h),
                imb_easy_share(n, cg_e, h, cg_h),
                imb_easy_share(n, fl_e, h, fl_h),
                imb_easy_share(n, fg_e, h, fg_h));
    }
    if (fig_close(&o) != 0) return -1;
    
#line 518 "chapters/companion/01-imbalance.nw"
macro_value(num, "imbGamma", gamma);
macro_value(num, "imbEasyPt", 1 - Q_EASY);
macro_value(num, "imbHardPt", 1 - Q_HARD);
macro_count(num, "imbHard", HARD_EXAMPLES);
macro_count(num, "imbNEasy", (long long)N_QUOTED);
macro_value(num, "imbCEEasy", ce_e);
macro_value(num, "imbCEHard", ce_h);
macro_value(num, "imbCERatio", ce_h / ce_e);
macro_value(num, "imbCEEasyTotal", N_QUOTED * ce_e);
macro_value(num, "imbCEHardTotal", h * ce_h);
macro_value(num, "imbCEEasyGrad", cg_e);
macro_value(num, "imbCEHardGrad", cg_h);
macro_value(num, "imbCEBreakEven", h * ce_h / ce_e);
macro_value(num, "imbFLEasy", fl_e);
macro_value(num, "imbFLHard", fl_h);
macro_value(num, "imbFLBreakEven", h * fl_h / fl_e);
macro_value(num, "imbBreakEvenFactor", pow(Q_HARD / Q_EASY, gamma));
macro_percent(num, "imbCEShareLoss",
              imb_easy_share(N_QUOTED, ce_e, h, ce_h));
macro_percent(num, "imbCEShareGrad",
              imb_easy_share(N_QUOTED, cg_e, h, cg_h));
macro_percent(num, "imbFLShareLoss",
              imb_easy_share(N_QUOTED, fl_e, h, fl_h));
macro_percent(num, "imbFLShareGrad",
              imb_easy_share(N_QUOTED, fg_e, h, fg_h));
#line 501 "chapters/companion/01-imbalance.nw"
    return 0;
}
#line 551 "chapters/companion/01-imbalance.nw"
enum { PROPOSALS = 2000, REGIONS = 128 };  /* R-CNN, Fast R-CNN */

static void pipeline_row(FILE *f, double y, const char *title,
                         const char *const box[4])
{
    fprintf(f, "\\node[anchor=south west, font=\\bfseries] at "
            "(-1.5,%.2f) {%s};\n", y + 0.75, title);
    for (int i = 0; i < 4; i++) {
        fprintf(f, "\\node[stage] (s%d) at (%.2f,%.2f) {%s};\n", i,
                3.5 * i, y, box[i]);
        if (i > 0)
            fprintf(f, "\\draw[->, thick] (s%d) -- (s%d);\n", i - 1, i);
    }
}
#line 568 "chapters/companion/01-imbalance.nw"
static int write_pipelines(const char *dir)
{
    imb_design_t retina;
    imb_design_standard(&retina, 3, 7, 4.0);
    long long n = imb_anchor_count(&retina, 600, 1000);
    char proposals[48], anchors[48], binary[48], fg[48], bg[48];
    fmt_count(proposals, sizeof proposals, PROPOSALS);
    fmt_count(anchors, sizeof anchors, n);
    fmt_count(binary, sizeof binary, n * 80);
    fmt_count(fg, sizeof fg, REGIONS / 4);
    fmt_count(bg, sizeof bg, REGIONS - REGIONS / 4);
    char two[3][160], one[2][160];
    snprintf(two[0], sizeof two[0], "first stage:\\\\about %s "
             "proposals", proposals);
    snprintf(two[1], sizeof two[1], "sampler:\\\\%s object, %s "
             "background", fg, bg);
    snprintf(two[2], sizeof two[2], "second stage:\\\\classify "
             "%d regions", REGIONS);
    snprintf(one[0], sizeof one[0], "%s anchors\\\\$\\times$ 80 "
             "classes", anchors);
    snprintf(one[1], sizeof one[1], "loss on all\\\\%s binary "
             "examples", binary);
    const char *row2[4] = {"image", two[0], two[1], two[2]};
    const char *row1[4] = {"image", "one network:\\\\all anchors",
                           one[0], one[1]};
    
#line 598 "chapters/companion/01-imbalance.nw"
fig_file o;
if (fig_open(&o, dir, "imbalance-pipelines.tex") != 0) return -1;
fputs("\\begin{tikzpicture}[>=stealth, font=\\small,\n"
      "  stage/.style={draw, rounded corners, align=center,\n"
      "    text width=2.8cm, minimum height=1.1cm}]\n", o.f);
pipeline_row(o.f, 0.0, "Two stages", row2);
pipeline_row(o.f, -2.3, "One stage", row1);
fputs("\\end{tikzpicture}\n", o.f);
return fig_close(&o);
#line 594 "chapters/companion/01-imbalance.nw"
}
#line 617 "chapters/companion/01-imbalance.nw"
enum { REGION_SHAPES = 3, REGION_STEPS = 100 };

/* The point k of 2 REGION_STEPS + 1 on the closed boundary of the
   offsets at which an aw x ah anchor has IoU >= 0.5 with a unit
   square; *x = NaN when no offset does. */
static void region_point(double aw, double ah, int k, double *x,
                         double *y)
{
    double tau = 0.5 / 1.5 * (1 + aw * ah);
    double mw = fmin(1, aw), mh = fmin(1, ah), u0 = tau / mh;
    double X = (1 + aw) / 2 - u0;
    *x = *y = NAN;
    if (u0 >= mw) return;
    int i = k <= REGION_STEPS ? k : 2 * REGION_STEPS - k;
    double dx = -X + 2 * X * i / REGION_STEPS;
    double u = fmax(fmin(mw, (1 + aw) / 2 - fabs(dx)), u0);
    *x = dx;
    *y = ((1 + ah) / 2 - tau / u) * (k <= REGION_STEPS ? 1 : -1);
}
#line 643 "chapters/companion/01-imbalance.nw"
static int region_inside(double dx, double dy)
{
    const double tau = 2.0 / 3, u = 1 - fabs(dx);  /* equal squares */
    return u >= tau && fabs(dy) <= 1 - tau / u;
}

static int write_region(const char *dir, fig_file *num)
{
    static const double shape[REGION_SHAPES][2] = {  /* aw, ah */
        {1, 1}, {1.2599210498948732, 1.2599210498948732},
        {1.4142135623730951, 0.7071067811865476}};
    fig_file o;
    if (fig_open(&o, dir, "imbalance-region.dat") != 0) return -1;
    fputs("sx sy bx by wx wy\n", o.f);
    for (int k = 0; k <= 2 * REGION_STEPS + 1; k++) {
        for (int j = 0; j < REGION_SHAPES; j++) {
            double x, y;
            region_point(shape[j][0], shape[j][1],
                         k % (2 * REGION_STEPS + 1), &x, &y);
            fprintf(o.f, "%.5f %.5f%s", x, y, j < 2 ? " " : "\n");
        }
    }
    if (fig_close(&o) != 0) return -1;
    
#line 671 "chapters/companion/01-imbalance.nw"
const double stride = 0.25, phase_x = 0.07, phase_y = 0.11;
int inside = 0;
if (fig_open(&o, dir, "imbalance-lattice.dat") != 0) return -1;
fputs("x y\n", o.f);
for (int i = -2; i <= 1; i++)
    for (int j = -2; j <= 1; j++) {
        double x = phase_x + i * stride, y = phase_y + j * stride;
        fprintf(o.f, "%.4f %.4f\n", x, y);
        inside += region_inside(x, y);
    }
if (fig_close(&o) != 0) return -1;
macro_count(num, "imbRegionDots", inside);
return 0;
#line 667 "chapters/companion/01-imbalance.nw"
}
#line 690 "chapters/companion/01-imbalance.nw"
int main(int argc, char **argv)
{
    double gamma;
    if (argc != 2) {
        fprintf(stderr, "usage: fig-imbalance OUTDIR\n");
        return 2;
    }
    if (fig_env_double("GAMMA", 2.0, 0.0, 10.0, &gamma) != 0) return 2;
    fig_file num;
    if (fig_open(&num, argv[1], "imbalance-numbers.tex") != 0)
        return 1;
    int failed = write_anchor_table(argv[1], &num) != 0
              || write_loss_shares(argv[1], gamma, &num) != 0
              || write_pipelines(argv[1]) != 0
              || write_region(argv[1], &num) != 0;
    if (failed) {
        fig_abort(&num);
        return 1;
    }
    return fig_close(&num) != 0;
}
