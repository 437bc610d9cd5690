#line 315 "chapters/solutions/92-lab.nw"
/* ex-giou-solution.c: the reference GIoU loss. */
#include <math.h>
#include "ex-giou.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

static int valid(const double b[4])
{
    for (int i = 0; i < 4; i++)
        if (!isfinite(b[i])) return 0;
    return b[0] < b[2] && b[1] < b[3];
}

double giou_loss(const double p[4], const double t[4], double grad[4])
{
    if (!valid(p) || !valid(t)) return NAN;
    double pw = p[2] - p[0], ph = p[3] - p[1];
    double iw = fmin(p[2], t[2]) - fmax(p[0], t[0]);
    double ih = fmin(p[3], t[3]) - fmax(p[1], t[1]);
    int overlap = iw > 0 && ih > 0;
    double in = overlap ? iw * ih : 0;
    double un = pw * ph + (t[2] - t[0]) * (t[3] - t[1]) - in;
    double cw = fmax(p[2], t[2]) - fmin(p[0], t[0]);
    double ch = fmax(p[3], t[3]) - fmin(p[1], t[1]);
    double en = EX_BUG == 1 ? un : cw * ch;   /* 1: the IoU loss */
    if (grad) {
        
#line 349 "chapters/solutions/92-lab.nw"
double da[4] = {-ph, -pw, ph, pw}, di[4] = {0}, dc[4];
if (overlap) {
    di[0] = p[0] > t[0] ? -ih : 0; di[1] = p[1] > t[1] ? -iw : 0;
    di[2] = p[2] < t[2] ? ih : 0;  di[3] = p[3] < t[3] ? iw : 0;
}
dc[0] = p[0] < t[0] ? -ch : 0; dc[1] = p[1] < t[1] ? -cw : 0;
dc[2] = p[2] > t[2] ? ch : 0;  dc[3] = p[3] > t[3] ? cw : 0;
if (EX_BUG == 3) dc[0] = p[0] > t[0] ? -ch : 0;   /* wrong side */
for (int i = 0; i < 4; i++) {
    double du = EX_BUG == 2 ? da[i] : da[i] - di[i];   /* 2: no I' */
    grad[i] = -(di[i] * un - in * du) / (un * un)
              - (du * en - un * dc[i]) / (en * en);
}
#line 343 "chapters/solutions/92-lab.nw"
    }
    return 2 - in / un - un / en;
}
