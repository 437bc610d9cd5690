#line 38 "chapters/02-information.nw"
/* information.h: information content, entropy, cross entropy and
   Kullback-Leibler divergence of discrete distributions, and the
   two losses of a sigmoid output.  Results are in nats. */
#ifndef INFORMATION_H
#define INFORMATION_H
#include <stddef.h>

/* What info_check finds wrong with a would-be distribution. */
enum info_status {
    INFO_OK = 0,            /* a distribution */
    INFO_EMPTY,             /* no entries: n == 0 or p == NULL */
    INFO_NOT_FINITE,        /* an entry is NaN or infinite */
    INFO_NEGATIVE,          /* an entry is below zero */
    INFO_NOT_NORMALISED     /* the sum differs from 1 by > tol */
};
int info_check(const double *p, size_t n, double tol, size_t *where);
const char *info_status_text(int status);

double info_bits(double nats);

/* One distribution. */
double info_content(double p);
double info_entropy(const double *p, size_t n);
double info_binary_entropy(double p);

/* Two distributions over the same outcomes. */
double info_cross_entropy(const double *p, const double *q, size_t n);
double info_kl(const double *p, const double *q, size_t n);
double info_binary_cross_entropy(double p, double y);
double info_binary_kl(double a, double b);

/* A sigmoid output with logit x and target y in [0, 1]. */
double info_sigmoid(double x);
double info_logit_ce(double x, double y);
double info_logit_ce_grad(double x, double y);
double info_logit_se(double x, double y);
double info_logit_se_grad(double x, double y);

#endif
