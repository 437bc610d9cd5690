#line 1840 "chapters/92-lab.nw"
/* exercises/soft-nms.c: soft-NMS (appendix "The lab").  Replace the
   body; keep the signature. */
#include <math.h>
#include "ex-soft-nms.h"

int soft_nms(const box_t *box, const double *score, int n,
             soft_nms_decay decay, double param, double min_score,
             int *keep, double *kept_score)
{
    (void)box; (void)score; (void)n; (void)decay; (void)param;
    (void)min_score; (void)keep; (void)kept_score;
    return -1;    /* not implemented yet */
}
