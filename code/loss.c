#line 814 "chapters/03-focal-loss.nw"
/* loss.c: cross entropy, the focal loss and FL*, from logits. */
#include <math.h>
#include <stddef.h>
#include "loss.h"

#line 702 "chapters/03-focal-loss.nw"
double loss_softplus(double z)
{
    return fmax(z, 0.0) + log1p(exp(-fabs(z)));
}

double loss_sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + exp(-z));
    double e = exp(z);
    return e / (1.0 + e);
}
#line 720 "chapters/03-focal-loss.nw"
double loss_eval(const loss_spec *s, double x, int t,
                 double *dloss_dx)
{
    double y = t ? 1.0 : -1.0, x_t = y * x;
    double alpha_t = s->alpha < 0 ? 1.0
                   : t ? s->alpha : 1.0 - s->alpha;
    double loss, dloss_dx_t;        /* without alpha, as the paper */
    switch (s->kind) {
    case LOSS_CE:
        
#line 749 "chapters/03-focal-loss.nw"
loss = loss_softplus(-x_t);
dloss_dx_t = -loss_sigmoid(-x_t);
#line 730 "chapters/03-focal-loss.nw"
        break;
    case LOSS_FOCAL:
        
#line 761 "chapters/03-focal-loss.nw"
{
    double q = loss_sigmoid(-x_t);          /* 1 - p_t            */
    double p_t = loss_sigmoid(x_t);
    double ce = loss_softplus(-x_t);        /* -log p_t           */
    double m = pow(q, s->gamma);            /* (1 - p_t)^gamma    */
    loss = m * ce;
    dloss_dx_t = m * (-s->gamma * p_t * ce - q);
}
#line 733 "chapters/03-focal-loss.nw"
        break;
    case LOSS_FOCAL_STAR:
        
#line 779 "chapters/03-focal-loss.nw"
{
    double g = s->gamma, u = x_t + s->beta / g;   /* z = g u */
    loss = fmax(-u, 0.0) + log1p(exp(-fabs(g * u))) / g;
    dloss_dx_t = -loss_sigmoid(-g * u);           /* p*_t - 1 */
}
#line 736 "chapters/03-focal-loss.nw"
        break;
    default:                        /* an unchecked spec */
        loss = dloss_dx_t = NAN;
    }
    if (dloss_dx)
        *dloss_dx = alpha_t * y * dloss_dx_t;
    return alpha_t * loss;
}
#line 790 "chapters/03-focal-loss.nw"
loss_spec loss_spec_default(void)
{
    return (loss_spec){LOSS_FOCAL, 2.0, 0.25, 0.0};
}

const char *loss_spec_check(const loss_spec *s)
{
    if (s->kind != LOSS_CE && s->kind != LOSS_FOCAL
        && s->kind != LOSS_FOCAL_STAR)
        return "unknown loss kind";
    if (!(s->gamma >= 0 && s->gamma <= LOSS_GAMMA_MAX))
        return "gamma must be in [0, 20]";
    if (s->kind == LOSS_FOCAL_STAR && s->gamma < LOSS_STAR_GAMMA_MIN)
        return "FL* needs gamma >= 0.01";
    if (!(s->alpha >= 0 && s->alpha <= 1)
        && s->alpha != LOSS_ALPHA_OFF)
        return "alpha must be in [0, 1], or -1 for no weighting";
    if (!(fabs(s->beta) <= LOSS_BETA_MAX))
        return "beta must be in [-100, 100]";
    return NULL;
}
#line 854 "chapters/03-focal-loss.nw"
double loss_prior_bias(double pi)
{
    if (!(pi > 0 && pi < 1))
        return NAN;
    return log(pi) - log1p(-pi);
}
#line 213 "chapters/companion/03-focal-loss.nw"
loss_fd_report loss_worst_gradient_error(void)
{
    static const double gammas[] = {0, 0.2, 0.5, 1, 2, 5};
    const double h = 0x1p-17;
    loss_fd_report r = {0, 0, 0, 0, 0, 0, 0};
    for (int k = LOSS_CE; k <= LOSS_FOCAL_STAR; k++)
        for (int j = 0; j < 6; j++)
            for (int a = 0; a < 2; a++)
                for (int t = 0; t <= 1; t++) {
                    loss_spec s = {(loss_kind)k, gammas[j],
                                   a ? 0.25 : LOSS_ALPHA_OFF, 1.0};
                    if ((k == LOSS_CE && j > 0) || loss_spec_check(&s))
                        continue;   /* CE repeats, FL* needs gamma */
                    
#line 233 "chapters/companion/03-focal-loss.nw"
for (int i = 0; i <= 240; i++) {
    double x = -30 + 0.25 * i, g;
    loss_eval(&s, x, t, &g);
    double fd = (loss_eval(&s, x + h, t, NULL)
                 - loss_eval(&s, x - h, t, NULL)) / (2 * h);
    double err = fabs(fd - g) / fabs(g);
    r.cases++;
    if (!(err <= r.worst))          /* NaN counts as worst */
        r = (loss_fd_report){err, s.gamma, s.alpha, x, k, t, r.cases};
}
#line 227 "chapters/companion/03-focal-loss.nw"
                }
    return r;
}
#line 577 "chapters/companion/03-focal-loss.nw"
void loss_print_line(FILE *out, const loss_spec *s, double x, int t)
{
    double grad, loss = loss_eval(s, x, t, &grad);
    fprintf(out, "%.9g %d %.9g %.9g\n", x, t, loss + 0.0, grad + 0.0);
}
