#line 533 "chapters/08-anchors.nw"
/* detloss.h: the detection loss of a batch, class and box parts,
   with gradients in the network's output layout. */
#ifndef DETLOSS_H
#define DETLOSS_H
#include "anchors.h"
#include "loss.h"

#define DETLOSS_BETA (1.0 / 9.0)   /* smooth L1's default beta */
#define DETLOSS_BETA_MAX 1.0

typedef struct {
    loss_spec cls;     /* the loss of one (anchor, class) cell */
    double beta;       /* smooth L1 transition; 0 is plain L1 */
} detloss_spec_t;

typedef struct {
    double cls, box;           /* normalised; the loss is cls + box */
    double cls_fg, cls_bg;     /* cls from fg and from bg anchors */
    long num_fg, num_ignored, num_bg;   /* over the batch */
    double norm;               /* max(1, num_fg) */
} detloss_result_t;

detloss_spec_t detloss_spec_default(void);
const char *detloss_spec_check(const detloss_spec_t *s);
double detloss_smooth_l1(double u, double beta, double *grad);
int detloss_eval(const detloss_spec_t *s, const anchor_grid_t *g,
                 int num_classes, int n,
                 const float *const cls[ANCHOR_LEVELS],
                 const float *const box[ANCHOR_LEVELS],
                 const anchor_targets_t *targets,
                 float *const dcls[ANCHOR_LEVELS],
                 float *const dbox[ANCHOR_LEVELS],
                 detloss_result_t *res);
/* The same, the images shared among pool's threads (Chapter 12);
   the same bits.  pool may be NULL. */
struct pool;
int detloss_eval_pool(struct pool *pool, const detloss_spec_t *s,
                      const anchor_grid_t *g, int num_classes, int n,
                      const float *const cls[ANCHOR_LEVELS],
                      const float *const box[ANCHOR_LEVELS],
                      const anchor_targets_t *targets,
                      float *const dcls[ANCHOR_LEVELS],
                      float *const dbox[ANCHOR_LEVELS],
                      detloss_result_t *res);
#endif
