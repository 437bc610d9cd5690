#line 137 "chapters/02-information.nw"
/* information.c: entropy, cross entropy and KL divergence. */
#include <float.h>
#include <math.h>
#include "information.h"

static int in_unit(double p) { return p >= 0.0 && p <= 1.0; }

#line 158 "chapters/02-information.nw"
int info_check(const double *p, size_t n, double tol, size_t *where)
{
    int status = INFO_OK;
    size_t at = 0;
    double sum = 0.0;
    if (p == NULL || n == 0)
        status = INFO_EMPTY;
    for (size_t i = 0; status == INFO_OK && i < n; i++) {
        if (!isfinite(p[i])) { status = INFO_NOT_FINITE; at = i; }
        else if (p[i] < 0.0) { status = INFO_NEGATIVE; at = i; }
        else sum += p[i];
    }
    if (status == INFO_OK && !(fabs(sum - 1.0) <= tol)) {
        status = INFO_NOT_NORMALISED;
        at = n;
    }
    if (where) *where = at;
    return status;
}
#line 180 "chapters/02-information.nw"
const char *info_status_text(int status)
{
    switch (status) {
    case INFO_OK: return "a probability distribution";
    case INFO_EMPTY: return "no entries";
    case INFO_NOT_FINITE: return "an entry is not a finite number";
    case INFO_NEGATIVE: return "an entry is negative";
    case INFO_NOT_NORMALISED: return "the entries do not sum to 1";
    default: return "unknown status";
    }
}
#line 241 "chapters/02-information.nw"
double info_bits(double nats)
{
    return nats / 0.693147180559945309417232121458;  /* ln 2 */
}

double info_content(double p)
{
    if (!in_unit(p)) return NAN;
    return p == 0.0 ? INFINITY : -log(p);
}
#line 332 "chapters/02-information.nw"
double info_entropy(const double *p, size_t n)
{
    double h = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!in_unit(p[i])) return NAN;
        if (p[i] > 0.0) h -= p[i] * log(p[i]);  /* 0 ln 0 = 0 */
    }
    return h;
}
#line 394 "chapters/02-information.nw"
double info_binary_entropy(double p)
{
    if (!in_unit(p)) return NAN;
    double h = 0.0;
    if (p > 0.0) h -= p * log(p);
    if (p < 1.0) h -= (1.0 - p) * log1p(-p);
    return h;
}
#line 588 "chapters/02-information.nw"
/* a ln(a/b) for a, b in [0, 1], given d = a - b without cancellation:
   0 when a = 0, +infinity when b = 0 < a. */
static double xlog_ratio(double a, double b, double d)
{
    if (a == 0.0) return 0.0;
    if (b == 0.0) return INFINITY;
    double r = d / b;                       /* a/b - 1 */
    if (r >= -0.5 && r <= 1.0)
        return a * log1p(r);
    double ratio = a / b;
    if (ratio >= DBL_MIN && ratio <= DBL_MAX)
        return a * log(ratio);
    return a * (log(a) - log(b));
}
#line 608 "chapters/02-information.nw"
double info_kl(const double *p, const double *q, size_t n)
{
    double kl = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!in_unit(p[i]) || !in_unit(q[i])) return NAN;
        kl += xlog_ratio(p[i], q[i], p[i] - q[i]);
    }
    return kl;
}
#line 624 "chapters/02-information.nw"
double info_binary_kl(double a, double b)
{
    if (!in_unit(a) || !in_unit(b)) return NAN;
    return xlog_ratio(a, b, a - b)
         + xlog_ratio(1.0 - a, 1.0 - b, b - a);
}
#line 687 "chapters/02-information.nw"
double info_cross_entropy(const double *p, const double *q, size_t n)
{
    double h = 0.0;
    int infinite = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_unit(p[i]) || !in_unit(q[i])) return NAN;
        if (p[i] == 0.0) continue;                /* 0 ln q = 0 */
        if (q[i] == 0.0) infinite = 1;
        else h -= p[i] * log(q[i]);
    }
    return infinite ? INFINITY : h;
}
#line 820 "chapters/02-information.nw"
double info_binary_cross_entropy(double p, double y)
{
    if (!in_unit(p) || !in_unit(y)) return NAN;
    double ce = 0.0;
    if (y > 0.0) ce -= y * log(p);             /* +inf at p = 0 */
    if (y < 1.0) ce -= (1.0 - y) * log1p(-p);  /* +inf at p = 1 */
    return ce;
}
#line 20 "chapters/companion/02-information.nw"
double info_sigmoid(double x)
{
    if (x >= 0.0) return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}

static double softplus(double t)      /* ln(1 + e^t), no overflow */
{
    return t > 0.0 ? t + log1p(exp(-t)) : log1p(exp(t));
}
#line 37 "chapters/companion/02-information.nw"
double info_logit_ce(double x, double y)
{
    if (!in_unit(y)) return NAN;
    double ce = 0.0;
    if (y > 0.0) ce += y * softplus(-x);
    if (y < 1.0) ce += (1.0 - y) * softplus(x);
    return ce;
}
#line 53 "chapters/companion/02-information.nw"
static double residual(double x, double y)        /* sigma(x) - y */
{
    return (1.0 - y) * info_sigmoid(x) - y * info_sigmoid(-x);
}

double info_logit_ce_grad(double x, double y)
{
    return in_unit(y) ? residual(x, y) : NAN;
}

double info_logit_se(double x, double y)
{
    if (!in_unit(y)) return NAN;
    double d = residual(x, y);
    return 0.5 * d * d;
}

double info_logit_se_grad(double x, double y)
{
    if (!in_unit(y)) return NAN;
    return residual(x, y) * info_sigmoid(x) * info_sigmoid(-x);
}
