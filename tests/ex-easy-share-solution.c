#line 87 "chapters/solutions/92-lab.nw"
/* ex-easy-share-solution.c: the reference easy negatives' share. */
#include <math.h>
#include "ex-easy-share.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

static double sigmoid(double z)
{
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

static double softplus(double z)   /* log(1 + e^z) */
{
    return fmax(z, 0) + log1p(exp(-fabs(z)));
}

double easy_negative_share(const double *logit, const int *label,
                           int n, double gamma, double alpha,
                           double p_easy)
{
    if (n < 0 || (n > 0 && (!logit || !label)) || !(gamma >= 0)
        || !isfinite(gamma) || !(alpha >= 0 && alpha <= 1)
        || !(p_easy >= 0 && p_easy <= 1))
        return NAN;
    double easy = 0, total = 0;
    for (int i = 0; i < n; i++) {
        
#line 121 "chapters/solutions/92-lab.nw"
if (label[i] < -1 || label[i] > 1) return NAN;
if (label[i] == -1 && !(EX_BUG == 3)) continue;  /* 3: counted */
double x = logit[i];
if (!isfinite(x)) return NAN;
double p = sigmoid(x), loss;
if (label[i] == 1)
    loss = (EX_BUG == 1 ? 1 : alpha)               /* 1: no alpha */
         * pow(sigmoid(-x), gamma) * softplus(-x);
else
    loss = (EX_BUG == 1 ? 1 : 1 - alpha)
         * pow(EX_BUG == 2 ? sigmoid(-x) : p, gamma)  /* 2: 1 - p */
         * softplus(x);
total += loss;
if (label[i] != 1 && p < p_easy) easy += loss;
#line 115 "chapters/solutions/92-lab.nw"
    }
    return total > 0 ? easy / total : 0;
}
