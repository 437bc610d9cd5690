#line 183 "chapters/solutions/92-lab.nw"
/* ex-ema-norm-solution.c: the reference moving normaliser. */
#include <math.h>
#include "ex-ema-norm.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

int ema_norm_init(ema_norm_t *e, double initial, double momentum)
{
    if (!(momentum >= 0 && momentum < 1) || !(initial >= 0)
        || !isfinite(initial))
        return -1;
    *e = (ema_norm_t){momentum, initial, {initial, 0}, 0};
    return 0;
}

double ema_norm_update(ema_norm_t *e, long num_fg)
{
    if (num_fg < 0) return NAN;
    double x = num_fg > 1 || EX_BUG == 2 ? (double)num_fg : 1;
    double m = e->momentum;
    e->state[0] = m * e->state[0] + (1 - m) * x;
    if (EX_BUG == 1) e->state[0] = (float)e->state[0];   /* float */
    e->state[1] = m * e->state[1] + (1 - m);
    e->steps++;
    if (e->initial > 0 || EX_BUG == 3)   /* 3: no bias correction */
        return e->state[0];
    return e->state[0] / e->state[1];
}
