#line 158 "chapters/01-imbalance.nw"
/* imbalance.h: counting anchors, estimating how many of them one
   object matches, and weighing easy examples against hard ones. */
#ifndef IMBALANCE_H
#define IMBALANCE_H

enum { IMB_MAX_SHAPES = 8 };

/* Levels P_first..P_last; level l has stride 2^l.  Each cell of each
   level has one anchor per (scale, ratio) pair. */
typedef struct {
    int first_level, last_level;     /* 0 <= first <= last <= 30 */
    double size;                     /* side at scale 1, in strides */
    int nscales, nratios;            /* 1..IMB_MAX_SHAPES each */
    double scale[IMB_MAX_SHAPES];    /* multipliers of the side */
    double ratio[IMB_MAX_SHAPES];    /* height / width */
} imb_design_t;

void imb_design_standard(imb_design_t *d, int first_level,
                         int last_level, double size);
long long imb_cells(long long height, long long width,
                    long long stride);
long long imb_anchor_count(const imb_design_t *d, long long height,
                           long long width);
double imb_match_area(double gw, double gh, double aw, double ah,
                      double theta);
double imb_expected_matches(const imb_design_t *d, double gw,
                            double gh, double theta);
double imb_easy_share(double n_easy, double l_easy, double n_hard,
                      double l_hard);
#endif
