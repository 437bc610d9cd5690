#line 366 "chapters/05-sgd.nw"
/* sgd.h: minibatch SGD with momentum, weight decay, warm-up and
   step decay, over one block of parameters. */
#ifndef SGD_H
#define SGD_H
#include <stddef.h>

#line 384 "chapters/05-sgd.nw"
enum { SGD_MAX_STEPS = 8 };

typedef struct {
    double lr;            /* base learning rate eta, > 0 */
    double momentum;      /* mu, in [0, 1) */
    double weight_decay;  /* lambda, >= 0 */
    long warmup_iters;    /* T_w, >= 0; 0 means no warm-up */
    double warmup_factor; /* beta, the factor at t = 0, in (0, 1] */
    int num_steps;        /* how many decay steps, 0..SGD_MAX_STEPS */
    long steps[SGD_MAX_STEPS]; /* s_1 < s_2 < ..., all in (0, max) */
    double decay;         /* rho, the factor at each step, in (0, 1] */
    long max_iter;        /* length of training, > 0 */
} sgd_config_t;

#line 424 "chapters/05-sgd.nw"
sgd_config_t sgd_retinanet_config(void);
const char *sgd_config_check(const sgd_config_t *cfg, char *msg,
                             size_t size);
double sgd_lr_at(const sgd_config_t *cfg, long t);
void sgd_update(float *param, const float *grad, float *velocity,
                size_t n, double lr, double momentum,
                double weight_decay);
void sgd_step(const sgd_config_t *cfg, long t, float *param,
              const float *grad, float *velocity, size_t n);

#line 376 "chapters/05-sgd.nw"
#endif
