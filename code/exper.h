#line 326 "chapters/companion/13-experiments.nw"
/* exper.h: the experiments' network and the loss distribution of
   a model. */
#ifndef EXPER_H
#define EXPER_H
#include "train.h"

enum { EXPER_MAX_GAMMAS = 8, EXPER_CDF_POINTS = 1000 };

typedef struct {
    int ngamma;
    double gamma[EXPER_MAX_GAMMAS];
    long nfg, nbg;             /* anchors of each kind */
    double *fg, *bg;           /* [ngamma][nfg], [ngamma][nbg] */
} exper_losses_t;

typedef struct {
    int n;                 /* pairs */
    double mean, sd;       /* of the differences x - y */
    double lo, hi;         /* 95 % confidence interval of the mean */
} exper_ci_t;

net_config_t exper_narrow_net(void);
double exper_t95(int df);
int exper_paired(const double *x, const double *y, int n,
                 exper_ci_t *out);
int exper_verdict(const exper_ci_t *ci);
double exper_imbalance(const scene_config_t *cfg, uint64_t seed,
                       int scenes);
int exper_losses(layer_ctx_t *ctx, net_t *net,
                 const anchor_config_t *anchors, uint64_t seed,
                 int scenes, const double *gamma, int ngamma,
                 exper_losses_t *out);
void exper_losses_free(exper_losses_t *l);
void exper_cdf(double *x, long n, int m, double *frac, double *cum);
double exper_share(const double *x, long n, double part);
#endif
