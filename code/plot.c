#line 1134 "chapters/90-tools.nw"
/* plot.c: line plots of columns of numbers, drawn into an image. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "plot.h"

#line 1152 "chapters/90-tools.nw"
const unsigned char plot_palette[PLOT_MAX_SERIES][3] = {
    {0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {204, 121, 167},
    {86, 180, 233}, {230, 159, 0}, {0, 0, 0}, {128, 128, 128}};

/* A 3 x 5 font: each glyph is 5 rows of 3 pixels, top row first. */
static const char font_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    ".-_:/(),=+*";
static const char *const font_rows[] = {
    "111101101101111", "010110010010111", "111001111100111",
    "111001111001111", "101101111001001", "111100111001111",
    "111100111101111", "111001010010010", "111101111101111",
    "111101111001111", "010101111101101", "110101110101110",
    "011100100100011", "110101101101110", "111100110100111",
    "111100110100100", "011100101101011", "101101111101101",
    "111010010010111", "001001001101010", "101101110101101",
    "100100100100111", "101111111101101", "110101101101101",
    "010101101101010", "110101110100100", "010101101110011",
    "110101110101101", "011100010001110", "111010010010010",
    "101101101101111", "101101101101010", "101101111111101",
    "101101010101101", "101101010010010", "111001010100111",
    "000000000000010", "000000111000000", "000000000000111",
    "000010000010000", "001001010100100", "001010010010001",
    "100010010010100", "000000000010100", "000111000111000",
    "000010111010000", "000101010101000"};

static void put(image_t *img, int x, int y, const unsigned char c[3])
{
    if (x >= 0 && y >= 0 && x < img->w && y < img->h)
        memcpy(img->rgb + 3 * ((size_t)y * img->w + x), c, 3);
}

static void fill(image_t *img, int x0, int y0, int x1, int y1,
                 const unsigned char c[3])
{
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) put(img, x, y, c);
}

void plot_text(image_t *img, int x, int y, int scale, const char *s,
               const unsigned char rgb[3])
{
    for (; *s; s++, x += 4 * scale) {
        int ch = *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s;
        const char *at = ch ? strchr(font_chars, ch) : NULL;
        for (int b = 0; at && b < 15; b++)
            if (font_rows[at - font_chars][b] == '1')
                fill(img, x + b % 3 * scale, y + b / 3 * scale,
                     x + (b % 3 + 1) * scale - 1,
                     y + (b / 3 + 1) * scale - 1, rgb);
    }
}
#line 1212 "chapters/90-tools.nw"
void plot_ticks(double lo, double hi, double *first, double *last,
                double *step)
{
    double raw = (hi - lo) / 5, p = pow(10, floor(log10(raw)));
    double m = raw / p;
    *step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    *first = floor(lo / *step + 1e-9) * *step;
    *last = ceil(hi / *step - 1e-9) * *step;
}

/* An axis: ticks from FIRST to LAST by STEP, in the axis's own
   coordinate (log10 of the value on a logarithmic axis). */
typedef struct { double first, last, step; int log; } axis_t;

static void axis_make(axis_t *a, double lo, double hi, int log)
{
    if (!(hi - lo > 1e-9 * fmax(fabs(lo), fabs(hi)))) {
        double d = log || lo == 0 ? 1 : fabs(lo) / 10;
        lo -= d;
        hi += d;
    }
    a->log = log;
    if (log) {
        a->first = floor(lo);
        a->last = ceil(hi);
        a->step = ceil((a->last - a->first) / 8);
    } else
        plot_ticks(lo, hi, &a->first, &a->last, &a->step);
}

/* The pixel of coordinate V along an axis drawn from P0 to P1. */
static double axis_px(const axis_t *a, double v, double p0, double p1)
{
    return p0 + (v - a->first) / (a->last - a->first) * (p1 - p0);
}

static int point(const plot_t *p, const plot_series_t *s, int i,
                 double *x, double *y)
{
    *x = s->x[i];
    *y = s->y[i];
    if (p->log_y) *y = *y > 0 ? log10(*y) : NAN;
    return isfinite(*x) && isfinite(*y);
}
#line 1259 "chapters/90-tools.nw"
static void draw_axes(image_t *img, const axis_t *ax, const axis_t *ay,
                      const char *xname)
{
    static const unsigned char grid[3] = {225, 225, 225}, ink[3] = {0};
    int x0 = PLOT_LEFT, x1 = PLOT_WIDTH - PLOT_RIGHT;
    int y0 = PLOT_HEIGHT - PLOT_BOTTOM, y1 = PLOT_TOP;
    char label[32];
    for (int k = 0; k <= (int)lround((ax->last - ax->first) / ax->step);
         k++) {
        double v = ax->first + k * ax->step;
        int px = (int)lround(axis_px(ax, v, x0, x1));
        fill(img, px, y1, px, y0, grid);
        snprintf(label, sizeof label, "%.4g",
                 fabs(v) < ax->step * 1e-6 ? 0 : v);
        plot_text(img, px - 4 * (int)strlen(label) + 1, y0 + 8, 2,
                  label, ink);
    }
    for (int k = 0; k <= (int)lround((ay->last - ay->first) / ay->step);
         k++) {
        double v = ay->first + k * ay->step;
        int py = (int)lround(axis_px(ay, v, y0, y1));
        fill(img, x0, py, x1, py, grid);
        snprintf(label, sizeof label, "%.4g", ay->log ? pow(10, v)
                 : fabs(v) < ay->step * 1e-6 ? 0 : v);
        plot_text(img, x0 - 6 - 8 * (int)strlen(label), py - 5, 2,
                  label, ink);
    }
    fill(img, x0, y0, x1, y0, ink);
    fill(img, x0, y1, x1, y1, ink);
    fill(img, x0, y1, x0, y0, ink);
    fill(img, x1, y1, x1, y0, ink);
    plot_text(img, (x0 + x1) / 2 - 4 * (int)strlen(xname), y0 + 28, 2,
              xname, ink);
}

/* A segment with a pen of 2 x 2 pixels. */
static void segment(image_t *img, double x0, double y0, double x1,
                    double y1, const unsigned char c[3])
{
    int n = (int)ceil(fmax(fabs(x1 - x0), fabs(y1 - y0))) + 1;
    for (int i = 0; i <= n; i++) {
        int x = (int)lround(x0 + (x1 - x0) * i / n);
        int y = (int)lround(y0 + (y1 - y0) * i / n);
        fill(img, x, y, x + 1, y + 1, c);
    }
}

static void draw_series(image_t *img, const plot_t *p, int k,
                        const axis_t *ax, const axis_t *ay)
{
    const plot_series_t *s = &p->s[k];
    const unsigned char *c = plot_palette[k];
    double x, y, px = 0, py = 0;
    int have = 0, finite = 0;
    for (int i = 0; i < s->n; i++) finite += point(p, s, i, &x, &y);
    for (int i = 0; i < s->n; i++) {
        if (!point(p, s, i, &x, &y)) continue;
        double qx = axis_px(ax, x, PLOT_LEFT, PLOT_WIDTH - PLOT_RIGHT);
        double qy = axis_px(ay, y, PLOT_HEIGHT - PLOT_BOTTOM, PLOT_TOP);
        if (have) segment(img, px, py, qx, qy, c);
        if (finite <= 60)        /* few points: mark each */
            fill(img, (int)lround(qx) - 2, (int)lround(qy) - 2,
                 (int)lround(qx) + 3, (int)lround(qy) + 3, c);
        px = qx; py = qy; have = 1;
    }
}

static void draw_legend(image_t *img, const plot_t *p)
{
    static const unsigned char white[3] = {255, 255, 255},
                               frame[3] = {160, 160, 160}, ink[3] = {0};
    int wide = 0;
    for (int k = 0; k < p->count; k++)
        if ((int)strlen(p->s[k].name) > wide)
            wide = (int)strlen(p->s[k].name);
    int x1 = PLOT_WIDTH - PLOT_RIGHT - 8, x0 = x1 - 8 * wide - 36;
    int y0 = PLOT_TOP + 8, y1 = y0 + 16 * p->count + 6;
    fill(img, x0, y0, x1, y1, frame);
    fill(img, x0 + 1, y0 + 1, x1 - 1, y1 - 1, white);
    for (int k = 0; k < p->count; k++) {
        int y = y0 + 6 + 16 * k;
        fill(img, x0 + 6, y + 4, x0 + 24, y + 5, plot_palette[k]);
        plot_text(img, x0 + 30, y, 2, p->s[k].name, ink);
    }
}
#line 1347 "chapters/90-tools.nw"
int plot_draw(const plot_t *p, image_t *img, char *err,
              size_t errsize)
{
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    double x, y;
    for (int k = 0; k < p->count; k++)
        for (int i = 0; i < p->s[k].n; i++)
            if (point(p, &p->s[k], i, &x, &y)) {
                lo[0] = fmin(lo[0], x); hi[0] = fmax(hi[0], x);
                lo[1] = fmin(lo[1], y); hi[1] = fmax(hi[1], y);
            }
    if (!(lo[0] <= hi[0]))
        return errf(err, errsize, "no finite point to plot%s",
                    p->log_y ? " (a log axis needs values > 0)" : "");
    axis_t ax, ay;
    axis_make(&ax, lo[0], hi[0], 0);
    axis_make(&ay, lo[1], hi[1], p->log_y);
    memset(img->rgb, 255, (size_t)3 * img->w * img->h);
    draw_axes(img, &ax, &ay, p->xname);
    for (int k = 0; k < p->count; k++) draw_series(img, p, k, &ax, &ay);
    draw_legend(img, p);
    return 0;
}
