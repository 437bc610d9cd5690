#line 1700 "chapters/90-tools.nw"
/* test-plot.c: ticks, and where a line lands in the picture. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "plot.h"

static int nice(double step)
{
    double m = step / pow(10, floor(log10(step)));
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9
           || fabs(m - 5) < 1e-9;
}

/* Draw the line through (x[i], y[i]) and look near the pixel at
   fractions (U, V) of the plot area's width and height from its
   lower left corner: does the line's colour appear there? */
static int on_line(const double *x, const double *y, int n, int log_y,
                   double u, double v, int want)
{
    plot_t p = {.xname = "x", .log_y = log_y, .count = 1};
    image_t img;
    char err[128];
    p.s[0].n = n; p.s[0].x = x; p.s[0].y = y;
    strcpy(p.s[0].name, "y");
    if (image_alloc(&img, PLOT_WIDTH, PLOT_HEIGHT)) return !want;
    int px = (int)lround(PLOT_LEFT + u * (PLOT_WIDTH - PLOT_RIGHT
                                          - PLOT_LEFT));
    int py = (int)lround(PLOT_HEIGHT - PLOT_BOTTOM
                         - v * (PLOT_HEIGHT - PLOT_BOTTOM - PLOT_TOP));
    int seen = 0, drawn = plot_draw(&p, &img, err, sizeof err) == 0;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            seen |= !memcmp(img.rgb + 3 * ((size_t)(py + dy) * img.w
                                           + px + dx),
                            plot_palette[0], 3);
    image_free(&img);
    return drawn && seen == want;
}

int main(void)
{
    check_t c = {"plot", 0, 0};
    
#line 1749 "chapters/90-tools.nw"
{
    static const double r[][2] = {{0.13, 9.7}, {0, 1}, {-3, 3},
        {3200, 3200.5}, {1e-5, 2e-3}, {-0.7, -0.2}, {0, 25600}};
    for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++) {
        double lo = r[i][0], hi = r[i][1], f, l, s;
        plot_ticks(lo, hi, &f, &l, &s);
        double k = (l - f) / s, e = 1e-9 * s;
        check_true(&c, nice(s) && f <= lo + e && f > lo - s
                   && l >= hi - e && l < hi + s && k > 2 - 1e-9
                   && k < 7 + 1e-9
                   && fabs(f / s - round(f / s)) < 1e-6
                   && fabs(l / s - round(l / s)) < 1e-6,
                   "ticks of [%g, %g]: %g to %g by %g", lo, hi, f, l,
                   s);
    }
    double f, l, s;
    plot_ticks(0.13, 9.7, &f, &l, &s);
    check_true(&c, f == 0 && l == 10 && s == 2,
               "[0.13, 9.7] has ticks 0, 2, ..., 10");
}
#line 1743 "chapters/90-tools.nw"
    
#line 1772 "chapters/90-tools.nw"
{
    double x[11], y[11];
    for (int i = 0; i <= 10; i++) x[i] = y[i] = i;
    check_true(&c, on_line(x, y, 11, 0, 0.55, 0.55, 1),
               "y = x on [0, 10] passes through (5.5, 5.5)");
    check_true(&c, on_line(x, y, 11, 0, 0.8, 0.2, 0),
               "and not through (8, 2)");
    for (int i = 0; i <= 3; i++) y[i] = pow(10, i);
    check_true(&c, on_line(x, y, 4, 1, 0.5, 0.5, 1),
               "y = 10^x on a log axis is straight: (1.5, 10^1.5)");
}
#line 1744 "chapters/90-tools.nw"
    return check_finish(&c);
}
