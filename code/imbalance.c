#line 217 "chapters/01-imbalance.nw"
/* imbalance.c: anchors per image, matches per object, and the share
   of the loss that easy examples carry. */
#include <math.h>
#include "imbalance.h"

#line 231 "chapters/01-imbalance.nw"
void imb_design_standard(imb_design_t *d, int first_level,
                         int last_level, double size)
{
    static const double ratio[3] = {0.5, 1.0, 2.0};
    d->first_level = first_level;
    d->last_level = last_level;
    d->size = size;
    d->nscales = d->nratios = 3;
    for (int i = 0; i < 3; i++) {
        d->scale[i] = pow(2.0, i / 3.0);
        d->ratio[i] = ratio[i];
    }
}
#line 249 "chapters/01-imbalance.nw"
static int design_ok(const imb_design_t *d)
{
    if (d->first_level < 0 || d->first_level > d->last_level
        || d->last_level > 30 || !(d->size > 0 && isfinite(d->size))
        || d->nscales < 1 || d->nscales > IMB_MAX_SHAPES
        || d->nratios < 1 || d->nratios > IMB_MAX_SHAPES)
        return 0;
    for (int i = 0; i < d->nscales; i++)
        if (!(d->scale[i] > 0 && isfinite(d->scale[i]))) return 0;
    for (int i = 0; i < d->nratios; i++)
        if (!(d->ratio[i] > 0 && isfinite(d->ratio[i]))) return 0;
    return 1;
}
#line 268 "chapters/01-imbalance.nw"
long long imb_cells(long long height, long long width,
                    long long stride)
{
    const long long max_side = 1LL << 20;
    if (height < 1 || width < 1 || stride < 1
        || height > max_side || width > max_side)
        return -1;
    return ((height + stride - 1) / stride)
         * ((width + stride - 1) / stride);
}

long long imb_anchor_count(const imb_design_t *d, long long height,
                           long long width)
{
    if (!design_ok(d)) return -1;
    long long cells = 0;
    for (int l = d->first_level; l <= d->last_level; l++) {
        long long n = imb_cells(height, width, 1LL << l);
        if (n < 0) return -1;
        cells += n;
    }
    return cells * d->nscales * d->nratios;
}
#line 388 "chapters/01-imbalance.nw"
double imb_match_area(double gw, double gh, double aw, double ah,
                      double theta)
{
    if (!(gw > 0 && gh > 0 && aw > 0 && ah > 0 && theta > 0
          && theta <= 1 && isfinite(gw * gh + aw * ah)))
        return -1.0;
    double tau = theta / (1 + theta) * (gw * gh + aw * ah);
    double mw = fmin(gw, aw), mh = fmin(gh, ah);
    double u0 = tau / mh;       /* the least overlap in x that can do */
    if (u0 >= mw) return 0.0;
    double flat = fabs(gw - aw) / 2 * (gh + ah - 2 * tau / mw);
    double slope = (gh + ah) * (mw - u0) - 2 * tau * log(mw / u0);
    return 2 * (flat + slope);
}
#line 413 "chapters/01-imbalance.nw"
double imb_expected_matches(const imb_design_t *d, double gw,
                            double gh, double theta)
{
    if (!design_ok(d)) return -1.0;
    double k = 0;
    for (int l = d->first_level; l <= d->last_level; l++) {
        double stride = ldexp(1.0, l);
        for (int i = 0; i < d->nscales; i++)
            for (int j = 0; j < d->nratios; j++) {
                double side = d->size * stride * d->scale[i];
                double root = sqrt(d->ratio[j]);
                double r = imb_match_area(gw, gh, side / root,
                                          side * root, theta);
                if (r < 0) return -1.0;
                k += r / (stride * stride);
            }
    }
    return k;
}
#line 636 "chapters/01-imbalance.nw"
double imb_easy_share(double n_easy, double l_easy, double n_hard,
                      double l_hard)
{
    double easy = n_easy * l_easy, hard = n_hard * l_hard;
    if (!(n_easy >= 0 && l_easy >= 0 && n_hard >= 0 && l_hard >= 0)
        || !(easy + hard > 0) || !isfinite(easy + hard))
        return NAN;
    return easy / (easy + hard);
}
