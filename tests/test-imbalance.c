#line 17 "chapters/companion/01-imbalance.nw"
/* test-imbalance.c: the imbalance module against hand-derived
   values, closed forms and brute-force counts. */
#include <math.h>
#include "check.h"
#include "imbalance.h"

#line 108 "chapters/companion/01-imbalance.nw"
static double iou_cs(double ax, double ay, double aw, double ah,
                     double bx, double by, double bw, double bh)
{
    double ix = fmin(ax + aw / 2, bx + bw / 2)
              - fmax(ax - aw / 2, bx - bw / 2);
    double iy = fmin(ay + ah / 2, by + bh / 2)
              - fmax(ay - ah / 2, by - bh / 2);
    if (ix <= 0 || iy <= 0) return 0;
    return ix * iy / (aw * ah + bw * bh - ix * iy);
}

/* The area of offsets with IoU >= theta, by the midpoint rule. */
static double brute_area(double gw, double gh, double aw, double ah,
                         double theta)
{
    const int n = 1000;
    double ex = (gw + aw) / 2, ey = (gh + ah) / 2, cell, hits = 0;
    cell = (2 * ex / n) * (2 * ey / n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double dx = -ex + (i + 0.5) * 2 * ex / n;
            double dy = -ey + (j + 0.5) * 2 * ey / n;
            hits += iou_cs(0, 0, gw, gh, dx, dy, aw, ah) >= theta;
        }
    return hits * cell;
}
#line 167 "chapters/companion/01-imbalance.nw"
/* Mean number of anchors with IoU >= 0.5.  The count at level l
   depends only on the object's position modulo the stride s, so each
   level averages over an n x n grid of positions in [0, s)^2. */
static double lattice_matches(const imb_design_t *d, double gw,
                              double gh)
{
    const int n = 48;
    double total = 0;
    for (int l = d->first_level; l <= d->last_level; l++) {
        double s = ldexp(1.0, l), level = 0;
        for (int pi = 0; pi < n; pi++)
            for (int pj = 0; pj < n; pj++) {
                double ox = (pi + 0.5) * s / n, oy = (pj + 0.5) * s / n;
                
#line 189 "chapters/companion/01-imbalance.nw"
for (int a = 0; a < d->nscales; a++)
    for (int b = 0; b < d->nratios; b++) {
        double side = d->size * s * d->scale[a];
        double aw = side / sqrt(d->ratio[b]);
        double ah = side * sqrt(d->ratio[b]);
        int rx = (int)ceil((gw + aw) / 2 / s) + 1;
        int ry = (int)ceil((gh + ah) / 2 / s) + 1;
        for (int i = -rx; i <= rx; i++)
            for (int j = -ry; j <= ry; j++)
                level += iou_cs(ox, oy, gw, gh, i * s, j * s,
                                aw, ah) >= 0.5;
    }
#line 181 "chapters/companion/01-imbalance.nw"
            }
        total += level / (n * n);
    }
    return total;
}

#line 26 "chapters/companion/01-imbalance.nw"
int main(void)
{
    check_t c = {"imbalance", 0, 0};
    
#line 41 "chapters/companion/01-imbalance.nw"
{
    imb_design_t book, retina;
    imb_design_standard(&book, 3, 5, 2.0);
    imb_design_standard(&retina, 3, 7, 4.0);
    check_true(&c, imb_cells(128, 128, 8) == 256, "16 x 16 cells");
    check_true(&c, imb_cells(100, 100, 8) == 13 * 13,
               "a partial cell counts");
    check_true(&c, imb_cells(1, 1, 128) == 1, "one pixel, one cell");
    check_true(&c, imb_anchor_count(&book, 128, 128)
               == (256 + 64 + 16) * 9, "book: 3024 anchors");
    check_true(&c, imb_anchor_count(&retina, 600, 1000)
               == 12577LL * 9, "RetinaNet 600x1000: 113193");
    check_true(&c, imb_anchor_count(&retina, 800, 1333)
               == 22300LL * 9, "RetinaNet 800x1333: 200700");
    check_true(&c, imb_cells(0, 5, 8) == -1 && imb_cells(5, 5, 0) == -1
               && imb_cells(1LL << 21, 5, 8) == -1,
               "bad sizes give -1");
    imb_design_t bad = book;
    bad.first_level = 6;
    check_true(&c, imb_anchor_count(&bad, 128, 128) == -1,
               "first level above last gives -1");
    bad = book;
    bad.ratio[1] = 0;
    check_true(&c, imb_anchor_count(&bad, 128, 128) == -1,
               "a zero ratio gives -1");
}
#line 30 "chapters/companion/01-imbalance.nw"
    
#line 77 "chapters/companion/01-imbalance.nw"
{
    const double w = 24, thetas[3] = {0.3, 0.5, 0.7};
    for (int i = 0; i < 3; i++) {
        double cc = 2 * thetas[i] / (1 + thetas[i]);
        check_rel(&c, imb_match_area(w, w, w, w, thetas[i]),
                  4 * w * w * (1 - cc + cc * log(cc)), 1e-12,
                  "equal squares at IoU %.1f: closed form", thetas[i]);
    }
    static const double box[3][5] = {     /* gw gh aw ah theta */
        {30, 20, 26, 24, 0.5}, {20, 40, 28, 34, 0.4},
        {16, 48, 32, 32, 0.3}};
    for (int i = 0; i < 3; i++) {
        const double *b = box[i];
        double want = brute_area(b[0], b[1], b[2], b[3], b[4]);
        check_true(&c, want > 0, "case %d can match at all", i);
        check_rel(&c, imb_match_area(b[0], b[1], b[2], b[3], b[4]),
                  want, 5e-3, "%gx%g box, %gx%g anchor, IoU %g: "
                  "brute force", b[0], b[1], b[2], b[3], b[4]);
    }
    check_true(&c, imb_match_area(10, 10, 16, 16, 0.5) == 0,
               "a 10x10 box never matches a 16x16 anchor");
    check_true(&c, imb_match_area(0, 10, 16, 16, 0.5) == -1
               && imb_match_area(10, 10, 16, 16, 1.5) == -1,
               "bad sizes or thresholds give -1");
}
#line 31 "chapters/companion/01-imbalance.nw"
    
#line 142 "chapters/companion/01-imbalance.nw"
{
    imb_design_t book, retina;
    imb_design_standard(&book, 3, 5, 2.0);
    imb_design_standard(&retina, 3, 7, 4.0);
    const double sides[3] = {24, 40, 56};
    for (int i = 0; i < 3; i++)
        check_rel(&c, imb_expected_matches(&book, sides[i], sides[i],
                                           0.5),
                  lattice_matches(&book, sides[i], sides[i]), 0.03,
                  "book design, %gpx object: lattice count", sides[i]);
    check_rel(&c, imb_expected_matches(&retina, 100, 60, 0.5),
              lattice_matches(&retina, 100, 60), 0.03,
              "RetinaNet design, 100x60 object: lattice count");
    imb_design_t one = book;                 /* one square shape */
    one.first_level = one.last_level = 4;
    one.nscales = one.nratios = 1;
    one.scale[0] = one.ratio[0] = 1;
    one.size = 4;
    check_rel(&c, imb_expected_matches(&one, 64, 64, 0.5),
              16 * 4 * (1.0 / 3 - 2.0 / 3 * log(1.5)), 1e-12,
              "one shape four strides wide: 16 R / w^2");
}
#line 32 "chapters/companion/01-imbalance.nw"
    
#line 208 "chapters/companion/01-imbalance.nw"
{
    double le = -log(0.99), lh = log(2.0), h = 100;
    check_true(&c, imb_easy_share(0, le, h, lh) == 0,
               "no easy examples, no share");
    check_rel(&c, imb_easy_share(h * lh / le, le, h, lh), 0.5, 1e-12,
              "half the loss at n* = h l_h / l_e");
    check_rel(&c, imb_easy_share(1e5, le, h, lh)
                  + imb_easy_share(h, lh, 1e5, le), 1.0, 1e-12,
              "the two shares add to one");
    check_true(&c, isnan(imb_easy_share(1, -1, 1, 1))
               && isnan(imb_easy_share(0, 1, 0, 1)),
               "negative or empty input gives NaN");
}
#line 33 "chapters/companion/01-imbalance.nw"
    return check_finish(&c);
}
