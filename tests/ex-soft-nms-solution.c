#line 227 "chapters/solutions/92-lab.nw"
/* ex-soft-nms-solution.c: the reference soft-NMS. */
#include <math.h>
#include <stdlib.h>
#include "ex-soft-nms.h"
#ifndef EX_BUG
#define EX_BUG 0     /* make test: -DEX_BUG=n switches bug n on */
#endif

#line 258 "chapters/solutions/92-lab.nw"
static int bad_arguments(const box_t *box, const double *score, int n,
                         soft_nms_decay decay, double param,
                         double min_score, const int *keep,
                         const double *kept_score)
{
    if (n < 0 || (n > 0 && !(box && score && keep && kept_score))
        || !(min_score >= 0) || !isfinite(min_score))
        return 1;
    if (decay == SOFT_NMS_LINEAR ? !(param >= 0 && param <= 1)
        : decay != SOFT_NMS_GAUSSIAN || !(param > 0)
          || !isfinite(param))
        return 1;
    for (int i = 0; i < n; i++)
        if (!(score[i] >= 0 && score[i] <= 1)) return 1;
    return 0;
}

#line 237 "chapters/solutions/92-lab.nw"
int soft_nms(const box_t *box, const double *score, int n,
             soft_nms_decay decay, double param, double min_score,
             int *keep, double *kept_score)
{
    if (bad_arguments(box, score, n, decay, param, min_score, keep,
                      kept_score))
        return -1;
    if (n == 0) return 0;
    double *s = malloc((size_t)n * sizeof *s);
    char *left = malloc((size_t)n);
    int kept = 0;
    if (s && left) {
        for (int i = 0; i < n; i++) s[i] = score[i], left[i] = 1;
        
#line 277 "chapters/solutions/92-lab.nw"
for (;;) {
    int m = -1;
    for (int i = 0; i < n; i++)   /* 2: best by the input score */
        if (left[i] && (m < 0 || (EX_BUG == 2 ? score[i] > score[m]
                                              : s[i] > s[m])))
            m = i;
    if (m < 0 || s[m] < min_score) break;
    left[m] = 0; keep[kept] = m; kept_score[kept++] = s[m];
    for (int i = 0; i < n; i++)
        if (left[i]) {
            double u = box_iou(&box[m], &box[i]);
            double f = decay == SOFT_NMS_GAUSSIAN ? exp(-u * u / param)
                     : (EX_BUG == 1 ? u >= param : u > param) ? 1 - u
                     : 1;
            s[i] = (EX_BUG == 3 ? score[i] : s[i]) * f;  /* 3: once */
        }
}
#line 251 "chapters/solutions/92-lab.nw"
    }
    free(s); free(left);
    return s && left ? kept : -1;
}
