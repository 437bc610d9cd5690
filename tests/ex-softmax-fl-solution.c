#line 30 "chapters/solutions/92-lab.nw"
/* ex-softmax-fl-solution.c: the reference softmax focal loss. */
#include <math.h>
#include "ex-softmax-fl.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

double softmax_focal_loss(const double *z, int k, int c, double gamma,
                          double *grad)
{
    if (!z || k < 2 || c < 0 || c >= k || !(gamma >= 0)
        || !isfinite(gamma))
        return NAN;
    double m = z[0], all = 0, wrong = 0;
    for (int j = 0; j < k; j++) {
        if (!isfinite(z[j])) return NAN;
        m = fmax(m, z[j]);
    }
    for (int j = 0; j < k; j++) {
        double e = exp(EX_BUG == 1 ? z[j] : z[j] - m);  /* overflow */
        all += e;
        if (j != c) wrong += e;
    }
    double log_pt = (EX_BUG == 1 ? z[c] : z[c] - m) - log(all);
    double p_t = exp(log_pt), q = wrong / all;   /* q = 1 - p_t */
    double w = pow(q, gamma);
    
#line 62 "chapters/solutions/92-lab.nw"
if (grad) {
    double g = EX_BUG == 3 ? w * (p_t - 1)   /* w held constant */
                           : w * (gamma * p_t * log_pt - q);
    for (int j = 0; j < k; j++) {
        double r = wrong > 0 ? exp(z[j] - m) / wrong : 0;
        if (EX_BUG == 2) r = exp(z[j] - m) / all;   /* p_j, not r_j */
        grad[j] = j == c ? g : -r * g;
    }
}
#line 57 "chapters/solutions/92-lab.nw"
    return -w * log_pt;
}
