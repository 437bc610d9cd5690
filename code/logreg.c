#line 813 "chapters/05-sgd.nw"
/* logreg.c: logistic regression in the plane. */
#include <math.h>
#include "logreg.h"

#line 823 "chapters/05-sgd.nw"
void logreg_make_data(rng_t *r, size_t n, double *x, int *y)
{
    for (size_t i = 0; i < n; i++) {
        double s = i % 2 == 0 ? 1.0 : -1.0;
        x[2 * i] = s * 1.0 + rng_normal(r);
        x[2 * i + 1] = s * 0.5 + rng_normal(r);
        y[i] = i % 2 == 0;
    }
}
#line 835 "chapters/05-sgd.nw"
double logreg_loss(const logreg_t *d, const size_t *idx, size_t m,
                   const float w[3], float grad[3])
{
    double loss = 0, g[3] = {0, 0, 0};
    for (size_t k = 0; k < m; k++) {
        size_t i = idx ? idx[k] : k;
        double x1 = d->x[2 * i], x2 = d->x[2 * i + 1];
        double z = w[0] * x1 + w[1] * x2 + w[2];
        loss += fmax(z, 0) + log1p(exp(-fabs(z))) - d->y[i] * z;
        double e = 1 / (1 + exp(-z)) - d->y[i];   /* p - y */
        g[0] += e * x1; g[1] += e * x2; g[2] += e;
    }
    if (grad)
        for (int j = 0; j < 3; j++) grad[j] = (float)(g[j] / m);
    return loss / m;
}
#line 859 "chapters/05-sgd.nw"
double logreg_lipschitz(const logreg_t *d)
{
    double A[3][3] = {{0}};
    for (size_t i = 0; i < d->n; i++) {
        double t[3] = {d->x[2 * i], d->x[2 * i + 1], 1};
        for (int r = 0; r < 3; r++)
            for (int s = 0; s < 3; s++) A[r][s] += t[r] * t[s];
    }
    double q = (A[0][0] + A[1][1] + A[2][2]) / 3;
    double off = A[0][1] * A[0][1] + A[0][2] * A[0][2]
               + A[1][2] * A[1][2];
    double p = sqrt(((A[0][0] - q) * (A[0][0] - q) + (A[1][1] - q)
               * (A[1][1] - q) + (A[2][2] - q) * (A[2][2] - q)
               + 2 * off) / 6);
    if (p == 0)                        /* A = qI */
        return q / (4.0 * (double)d->n);
    
#line 881 "chapters/05-sgd.nw"
double B[3][3];
for (int r = 0; r < 3; r++)
    for (int s = 0; s < 3; s++)
        B[r][s] = (A[r][s] - (r == s ? q : 0)) / p;
double det = B[0][0] * (B[1][1] * B[2][2] - B[1][2] * B[2][1])
           - B[0][1] * (B[1][0] * B[2][2] - B[1][2] * B[2][0])
           + B[0][2] * (B[1][0] * B[2][1] - B[1][1] * B[2][0]);
double h = fmin(1, fmax(-1, det / 2));   /* rounding can pass +-1 */
double lmax = q + 2 * p * cos(acos(h) / 3);
#line 876 "chapters/05-sgd.nw"
    return lmax / (4.0 * (double)d->n);
}
