#line 1083 "chapters/90-tools.nw"
/* plot.h: line plots of columns of numbers, drawn into an image. */
#ifndef PLOT_H
#define PLOT_H
#include <stddef.h>
#include "image.h"

/* The picture's layout in pixels: the plot area spans x from
   PLOT_LEFT to PLOT_WIDTH - PLOT_RIGHT and y from PLOT_TOP to
   PLOT_HEIGHT - PLOT_BOTTOM; its edges are the first and last ticks
   of each axis. */
enum { PLOT_WIDTH = 720, PLOT_HEIGHT = 450, PLOT_LEFT = 80,
       PLOT_RIGHT = 20, PLOT_TOP = 20, PLOT_BOTTOM = 50,
       PLOT_MAX_SERIES = 8, PLOT_NAME = 96 };

/* One curve: N points (x[i], y[i]); a NaN y is a value not measured
   (a log row without validation) and is passed over. */
typedef struct {
    char name[PLOT_NAME];
    int n;
    const double *x, *y;
} plot_series_t;

typedef struct {
    const char *xname;              /* the x axis's label */
    int log_y;                      /* a logarithmic y axis */
    int count;
    plot_series_t s[PLOT_MAX_SERIES];
} plot_t;

/* The colours of the series, in order. */
extern const unsigned char plot_palette[PLOT_MAX_SERIES][3];

/* Draw P into IMG, which must be PLOT_WIDTH x PLOT_HEIGHT.  Return
   0, or -1 with a message in ERR when there is nothing to draw. */
int plot_draw(const plot_t *p, image_t *img, char *err,
              size_t errsize);
/* Draw text S with its top-left corner at (X, Y), SCALE pixels a
   font pixel; letters are drawn as capitals. */
void plot_text(image_t *img, int x, int y, int scale, const char *s,
               const unsigned char rgb[3]);
/* Nice ticks covering [LO, HI]: *STEP is 1, 2 or 5 times a power of
   10, *FIRST <= LO and *LAST >= HI are multiples of it. */
void plot_ticks(double lo, double hi, double *first, double *last,
                double *step);
#endif
