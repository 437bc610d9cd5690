#line 619 "chapters/92-lab.nw"
/* ex-easy-share.h: the share of the loss that easy negatives carry */
#ifndef EX_EASY_SHARE_H
#define EX_EASY_SHARE_H
/* The share of the alpha-balanced focal loss of N anchors of one
   class carried by the easy negatives.  Anchor i has logit LOGIT[i],
   p = sigmoid(LOGIT[i]), and LABEL[i]: 1 (positive, loss
   -alpha (1 - p)^gamma log p), 0 (negative, loss
   -(1 - alpha) p^gamma log(1 - p)) or -1 (ignored: no loss, and its
   logit is never read).  An easy negative has p < P_EASY.  Returns
   the easy negatives' loss over the loss of every anchor not
   ignored, in [0, 1]; 0 when that total is 0 (N = 0, every anchor
   ignored, or every loss zero).  Returns NaN unless N >= 0, LOGIT
   and LABEL are not NULL (when N > 0), every label is -1, 0 or 1,
   every logit read is finite, 0 <= gamma < infinity,
   0 <= alpha <= 1 and 0 <= P_EASY <= 1. */
double easy_negative_share(const double *logit, const int *label,
                           int n, double gamma, double alpha,
                           double p_easy);
#endif
