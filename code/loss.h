#line 385 "chapters/03-focal-loss.nw"
/* loss.h: cross entropy, the focal loss and FL*, from logits. */
#ifndef LOSS_H
#define LOSS_H
#include <stdio.h>

/* The losses of this chapter, for a logit x and a target t. */
typedef enum {
    LOSS_CE,           /* -alpha_t log p_t                        */
    LOSS_FOCAL,        /* -alpha_t (1 - p_t)^gamma log p_t        */
    LOSS_FOCAL_STAR    /* -alpha_t log sigmoid(gamma x_t + beta)
                           / gamma                                */
} loss_kind;

typedef struct {
    loss_kind kind;
    double gamma;   /* focusing parameter; LOSS_CE ignores it      */
    double alpha;   /* weight of positives, 1 - alpha of negatives;
                       negative (LOSS_ALPHA_OFF): no weighting     */
    double beta;    /* shift of FL*; the others ignore it          */
} loss_spec;

#define LOSS_ALPHA_OFF      (-1.0)  /* alpha_t = 1, as fvcore    */
#define LOSS_GAMMA_MAX      20.0    /* largest gamma accepted    */
#define LOSS_STAR_GAMMA_MIN 0.01    /* smallest gamma for FL*    */
#define LOSS_BETA_MAX       100.0   /* largest |beta| accepted   */

/* The paper's setting: FL with gamma 2 and alpha .25, beta 0. */
loss_spec loss_spec_default(void);
/* NULL if S is valid, else a message saying what is wrong. */
const char *loss_spec_check(const loss_spec *s);
/* The loss of logit X with target T (0 or 1; nonzero counts as 1);
   stores d loss / d X in *DLOSS_DX unless it is NULL. */
double loss_eval(const loss_spec *s, double x, int t,
                 double *dloss_dx);
/* 1 / (1 + exp(-z)) and log(1 + exp(z)), without overflow. */
double loss_sigmoid(double z);
double loss_softplus(double z);
/* The bias b with sigmoid(b) = PI, for 0 < PI < 1, else NaN. */
double loss_prior_bias(double pi);
/* The gradients against central differences over a grid of every
   kind, gamma, alpha, target and logit: the worst relative error. */
typedef struct {
    double worst, gamma, alpha, x;   /* the worst case */
    int kind, t;
    long cases;
} loss_fd_report;
loss_fd_report loss_worst_gradient_error(void);
/* Print "X T LOSS GRAD" to OUT, with nine significant digits. */
void loss_print_line(FILE *out, const loss_spec *s, double x, int t);

#endif
