#line 571 "chapters/05-sgd.nw"
/* logreg.c: logistic regression in the plane. */
#include <math.h>
#include "logreg.h"

#line 581 "chapters/05-sgd.nw"
void logreg_make_data(rng_t *r, size_t n, double *x, int *y)
{
    for (size_t i = 0; i < n; i++) {
        double s = i % 2 == 0 ? 1.0 : -1.0;
        x[2 * i] = s * 1.0 + rng_normal(r);
        x[2 * i + 1] = s * 0.5 + rng_normal(r);
        y[i] = i % 2 == 0;
    }
}
#line 593 "chapters/05-sgd.nw"
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
#line 617 "chapters/05-sgd.nw"
double logreg_lipschitz(const logreg_t *d)
{
    double A[3][3] = {{0}}, u[3] = {1, 1, 1}, lmax = 0;
    for (size_t i = 0; i < d->n; i++) {
        double t[3] = {d->x[2 * i], d->x[2 * i + 1], 1};
        for (int r = 0; r < 3; r++)
            for (int s = 0; s < 3; s++) A[r][s] += t[r] * t[s];
    }
    for (int it = 0; it < 500; it++) {
        double au[3], uu = 0, uau = 0;
        for (int r = 0; r < 3; r++) {
            au[r] = A[r][0] * u[0] + A[r][1] * u[1] + A[r][2] * u[2];
            uu += u[r] * u[r]; uau += u[r] * au[r];
        }
        lmax = uau / uu;
        for (int r = 0; r < 3; r++) u[r] = au[r] / sqrt(uu);
    }
    return lmax / (4.0 * (double)d->n);
}
