#line 151 "chapters/solutions/92-lab.nw"
/* ex-alpha-pair-solution.c: the reference balancing alpha. */
#include <math.h>
#include "ex-alpha-pair.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

double balanced_alpha(double gamma, double r, double p_fg,
                      double p_bg)
{
    if (!(gamma >= 0) || !isfinite(gamma) || !(r > 0) || !isfinite(r)
        || !(p_fg > 0 && p_fg < 1) || !(p_bg > 0 && p_bg < 1))
        return NAN;
    double g = EX_BUG == 3 ? 0 : gamma;        /* 3: no (1 - p_t)^g */
    double pos = pow(1 - p_fg, g) * -log(p_fg);
    double neg = (EX_BUG == 2 ? 1 : r)        /* 2: r left out */
               * pow(p_bg, g) * -log1p(-p_bg);
    return (EX_BUG == 1 ? pos : neg) / (pos + neg);   /* 1: P side */
}
