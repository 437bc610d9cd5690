#line 486 "chapters/companion/05-sgd.nw"
/* sgd.c: minibatch SGD with momentum, weight decay, warm-up and
   step decay. */
#include <math.h>
#include <stdio.h>
#include "sgd.h"

#line 441 "chapters/05-sgd.nw"
sgd_config_t sgd_retinanet_config(void)
{
    sgd_config_t c = {
        .lr = 0.01, .momentum = 0.9, .weight_decay = 1e-4,
        .warmup_iters = 500, .warmup_factor = 1.0 / 3.0,
        .num_steps = 2, .steps = {60000, 80000}, .decay = 0.1,
        .max_iter = 90000,
    };
    return c;
}
#line 441 "chapters/companion/05-sgd.nw"
#define SGD_BAD(...) \
    do { snprintf(msg, size, __VA_ARGS__); return msg; } while (0)

const char *sgd_config_check(const sgd_config_t *c, char *msg,
                             size_t size)
{
    if (!(c->lr > 0) || !isfinite(c->lr))
        SGD_BAD("lr %g must be positive and finite", c->lr);
    if (!(c->momentum >= 0 && c->momentum < 1))
        SGD_BAD("momentum %g must lie in [0, 1)", c->momentum);
    if (!(c->weight_decay >= 0) || !isfinite(c->weight_decay))
        SGD_BAD("weight decay %g must be >= 0 and finite",
                c->weight_decay);
    if (c->max_iter <= 0)
        SGD_BAD("max_iter %ld must be positive", c->max_iter);
    if (c->warmup_iters < 0 || c->warmup_iters > c->max_iter)
        SGD_BAD("warm-up of %ld iterations must lie in [0, %ld]",
                c->warmup_iters, c->max_iter);
    if (!(c->warmup_factor > 0 && c->warmup_factor <= 1))
        SGD_BAD("warm-up factor %g must lie in (0, 1]",
                c->warmup_factor);
    
#line 469 "chapters/companion/05-sgd.nw"
if (c->num_steps < 0 || c->num_steps > SGD_MAX_STEPS)
    SGD_BAD("%d decay steps: must be 0 to %d", c->num_steps,
            (int)SGD_MAX_STEPS);
for (int j = 0; j < c->num_steps; j++) {
    long lo = j == 0 ? 0 : c->steps[j - 1];
    if (!(c->steps[j] > lo && c->steps[j] < c->max_iter))
        SGD_BAD("decay step %d at %ld must lie in (%ld, %ld)", j + 1,
                c->steps[j], lo, c->max_iter);
}
if (!(c->decay > 0 && c->decay <= 1))
    SGD_BAD("decay factor %g must lie in (0, 1]", c->decay);
#line 463 "chapters/companion/05-sgd.nw"
    return NULL;
}
#undef SGD_BAD
#line 464 "chapters/05-sgd.nw"
double sgd_lr_at(const sgd_config_t *c, long t)
{
    if (t < 0)
        t = 0;
    double lr = c->lr;
    if (t < c->warmup_iters) {
        double a = (double)t / (double)c->warmup_iters;
        lr *= c->warmup_factor * (1.0 - a) + a;
    }
    for (int j = 0; j < c->num_steps && c->steps[j] <= t; j++)
        lr *= c->decay;
    return lr;
}
#line 484 "chapters/05-sgd.nw"
void sgd_update(float *param, const float *grad, float *velocity,
                size_t n, double lr, double momentum,
                double weight_decay)
{
    const float eta = (float)lr, mu = (float)momentum;
    const float lambda = (float)weight_decay;
    for (size_t i = 0; i < n; i++) {
        float g = grad[i] + lambda * param[i];
        velocity[i] = mu * velocity[i] + g;
        param[i] -= eta * velocity[i];
    }
}
#line 499 "chapters/05-sgd.nw"
void sgd_step(const sgd_config_t *c, long t, float *param,
              const float *grad, float *velocity, size_t n)
{
    sgd_update(param, grad, velocity, n, sgd_lr_at(c, t), c->momentum,
               c->weight_decay);
}
