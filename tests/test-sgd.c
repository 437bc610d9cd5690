#line 173 "chapters/companion/05-sgd.nw"
/* test-sgd.c: the SGD module and the logistic-regression helper. */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "logreg.h"
#include "rng.h"
#include "sgd.h"

#line 68 "chapters/companion/05-sgd.nw"
static int rayleigh_bound_holds(const logreg_t *d, rng_t *r)
{
    double A[3][3] = {{0}}, lam = 4.0 * d->n * logreg_lipschitz(d);
    for (size_t i = 0; i < d->n; i++) {
        double t[3] = {d->x[2 * i], d->x[2 * i + 1], 1};
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) A[a][b] += t[a] * t[b];
    }
    double best = 0;
    for (int k = 0; k < 1000; k++) {
        double u[3], uu = 0, uau = 0;
        for (int a = 0; a < 3; a++) u[a] = rng_normal(r);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) uau += u[a] * A[a][b] * u[b];
        for (int a = 0; a < 3; a++) uu += u[a] * u[a];
        best = fmax(best, uau / uu);
    }
    return best <= lam * (1 + 1e-12) && best >= 0.95 * lam
        && lam <= A[0][0] + A[1][1] + A[2][2];
}
#line 133 "chapters/companion/05-sgd.nw"
/* perm = a uniformly random permutation of 0..n-1 (Fisher-Yates). */
static void shuffle(rng_t *r, size_t *perm, size_t n)
{
    for (size_t i = 0; i < n; i++) perm[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rng_below(r, (uint32_t)(i + 1));
        size_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
}
#line 221 "chapters/companion/05-sgd.nw"
/* Break field number i of *b; return the word its message must
   contain, or NULL when there are no more cases. */
static const char *spoil(sgd_config_t *b, int i)
{
    switch (i) {
    case 0: b->lr = 0; return "lr";
    case 1: b->lr = NAN; return "lr";
    case 2: b->lr = INFINITY; return "lr";
    case 3: b->momentum = 1; return "momentum";
    case 4: b->momentum = -0.1; return "momentum";
    case 5: b->weight_decay = -1e-4; return "weight decay";
    case 6: b->weight_decay = NAN; return "weight decay";
    case 7: b->max_iter = 0; return "max_iter";
    case 8: b->warmup_iters = -1; return "warm-up of";
    case 9: b->warmup_factor = 0; return "warm-up factor";
    case 10: b->warmup_factor = 1.5; return "warm-up factor";
    case 11: b->num_steps = 9; return "decay steps";
    case 12: b->steps[1] = 60000; return "decay step 2";
    case 13: b->steps[0] = 0; return "decay step 1";
    case 14: b->steps[1] = 90000; return "decay step 2";
    case 15: b->decay = 0; return "decay factor";
    case 16: b->decay = 10; return "decay factor";
    default: return NULL;
    }
}
#line 333 "chapters/companion/05-sgd.nw"
/* Largest |w_ours - w_inside| over a run whose rate drops tenfold
   at step 20; the inside form's velocity is rescaled if CORRECT. */
static double two_conventions(int correct)
{
    enum { N = 8 };
    float w[N], v[N] = {0}, g[N], w2[N], u[N] = {0}, a[N];
    rng_t r;
    rng_seed(&r, 17);
    for (int i = 0; i < N; i++) {
        a[i] = (float)(0.5 + rng_uniform(&r));
        w[i] = w2[i] = (float)rng_normal(&r);
    }
    double worst = 0;
    for (int k = 0; k < 40; k++) {
        float eta = k < 20 ? 0.1f : 0.01f, mu = 0.9f;
        if (k == 20 && correct)
            for (int i = 0; i < N; i++) u[i] *= 0.1f;
        for (int i = 0; i < N; i++) g[i] = a[i] * w[i];
        sgd_update(w, g, v, N, eta, mu, 0.0);
        for (int i = 0; i < N; i++) {
            u[i] = mu * u[i] + eta * a[i] * w2[i];
            w2[i] -= u[i];
            worst = fmax(worst, fabs((double)w[i] - w2[i]));
        }
    }
    return worst;
}
#line 385 "chapters/companion/05-sgd.nw"
/* Largest |w_k - closed form| over k = 0..K, w_0 = 1, v_0 = 0. */
static double heavy_ball_error(double a, double eta, double mu, int K)
{
    double tau = 1 + mu - eta * a;
    double complex s = csqrt(tau * tau - 4 * mu + 0 * I);
    double complex z1 = (tau + s) / 2, z2 = (tau - s) / 2;
    double w0 = 1, w1 = (1 - eta * a) * w0;
    double complex c1 = (w1 - z2 * w0) / (z1 - z2), c2 = w0 - c1;
    float w = (float)w0, v = 0;
    double worst = 0;
    for (int k = 0; k <= K; k++) {
        double want = creal(c1 * cpow(z1, k) + c2 * cpow(z2, k));
        worst = fmax(worst, fabs(w - want));
        float g = (float)a * w;
        sgd_update(&w, &g, &v, 1, eta, mu, 0.0);
    }
    return worst;
}

#line 185 "chapters/companion/05-sgd.nw"
int main(void)
{
    check_t c = {"sgd", 0, 0};
    
#line 205 "chapters/companion/05-sgd.nw"
{
    char msg[160];
    sgd_config_t ok = sgd_retinanet_config();
    check_true(&c, sgd_config_check(&ok, msg, sizeof msg) == NULL,
               "RetinaNet's setting is valid");
    const char *word;
    for (int i = 0; (word = spoil(&ok, i)) != NULL; i++) {
        const char *m = sgd_config_check(&ok, msg, sizeof msg);
        check_true(&c, m != NULL && strstr(m, word),
                   "refuses bad %s (%s)", word, m ? m : "accepted");
        ok = sgd_retinanet_config();
    }
}
#line 189 "chapters/companion/05-sgd.nw"
    
#line 257 "chapters/companion/05-sgd.nw"
{
    sgd_config_t r = sgd_retinanet_config();
    static const struct { long t; double want; } at[] = {
        {-5, 0.01 / 3}, {0, 0.01 / 3}, {250, 0.01 * 2 / 3},
        {499, 0.01 * (1.0 / 3 + 2.0 / 3 * 499 / 500)}, {500, 0.01},
        {59999, 0.01}, {60000, 0.001}, {79999, 0.001},
        {80000, 0.0001}, {89999, 0.0001}, {200000, 0.0001},
    };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        check_rel(&c, sgd_lr_at(&r, at[i].t), at[i].want, 1e-12,
                  "RetinaNet's rate at t = %ld", at[i].t);
    r.warmup_iters = 0;
    check_rel(&c, sgd_lr_at(&r, 0), 0.01, 1e-15,
              "no warm-up: the full rate at t = 0");
}
#line 190 "chapters/companion/05-sgd.nw"
    
#line 281 "chapters/companion/05-sgd.nw"
{
    float w[2] = {2.0f, -2.0f}, g[2] = {0.5f, -0.5f};
    float v[2] = {0.3f, -0.3f};
    sgd_update(w, g, v, 2, 0.1, 0.9, 0.01);
    check_true(&c, fabs(v[0] - 0.79) < 1e-6 && fabs(w[0] - 1.921) < 1e-6
               && v[1] == -v[0] && w[1] == -w[0],
               "hand step: v = 0.79, w = 1.921, and mirrored");
}
#line 191 "chapters/companion/05-sgd.nw"
    
#line 297 "chapters/companion/05-sgd.nw"
{
    enum { N = 100 };
    float w[N], g[N], v[N], want[N];
    rng_t r;
    rng_seed(&r, 5);
    for (int i = 0; i < N; i++) {
        w[i] = (float)rng_normal(&r); g[i] = (float)rng_normal(&r);
        v[i] = 1e3f * (float)rng_normal(&r);
        want[i] = w[i] - 0.05f * (g[i] + 0.001f * w[i]);
    }
    sgd_update(w, g, v, N, 0.05, 0.0, 0.001);
    double worst = 0;
    for (int i = 0; i < N; i++)
        worst = fmax(worst, fabs((double)w[i] - want[i]));
    check_near(&c, worst, 0, 1e-6, "momentum 0: plain GD step");
}
#line 192 "chapters/companion/05-sgd.nw"
    
#line 323 "chapters/companion/05-sgd.nw"
{
    double plain = two_conventions(0), corrected = two_conventions(1);
    check_true(&c, plain > 1e-3,
               "lr inside v differs after a rate change (%g)", plain);
    check_near(&c, corrected, 0, 1e-5,
               "with momentum correction the forms agree");
}
#line 193 "chapters/companion/05-sgd.nw"
    
#line 369 "chapters/companion/05-sgd.nw"
{
    static const struct { double a, eta, mu; } cases[] = {
        {1.0, 0.1, 0.1},   /* real roots */
        {1.0, 0.1, 0.9},   /* complex roots: damped ringing */
        {4.0, 0.3, 0.5},   /* eta*a > 1: alternating signs */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double a = cases[i].a, eta = cases[i].eta, mu = cases[i].mu;
        double err = heavy_ball_error(a, eta, mu, 50);
        check_near(&c, err, 0, 1e-5, "heavy ball = closed form"
                   " (a %g, eta %g, mu %g)", a, eta, mu);
    }
}
#line 194 "chapters/companion/05-sgd.nw"
    
#line 409 "chapters/companion/05-sgd.nw"
for (int side = 0; side < 2; side++) {
    double mu = 0.9, eta = 0.1;
    double a = (side ? 1.02 : 0.98) * 2 * (1 + mu) / eta;
    float w = 1, v = 0;
    for (int k = 0; k < 300; k++) {
        float g = (float)a * w;
        sgd_update(&w, &g, &v, 1, eta, mu, 0.0);
    }
    check_true(&c, side ? fabsf(w) > 1 : fabsf(w) < 1e-3f,
               "eta*a = %.2f x 2(1+mu): |w_300| = %g",
               side ? 1.02 : 0.98, fabsf(w));
}
#line 195 "chapters/companion/05-sgd.nw"
    
#line 45 "chapters/companion/05-sgd.nw"
{
    double x4[8] = {1, 0, -1, 0, 0, 1, 0, -1};
    int y4[4] = {0, 1, 0, 1};
    logreg_t d4 = {4, x4, y4};
    check_rel(&c, logreg_lipschitz(&d4), 0.25, 1e-12,
              "L of four points is 1/4");
    double x[100];
    int y[50];
    rng_t r;
    rng_seed(&r, 99);
    logreg_make_data(&r, 50, x, y);
    logreg_t d = {50, x, y};
    check_true(&c, rayleigh_bound_holds(&d, &r),
               "4nL: >= 1000 Rayleigh quotients, <= the trace");
}
#line 30 "chapters/companion/05-sgd.nw"
{
    enum { N = 200 };
    double x[2 * N];
    int y[N];
    rng_t r;
    rng_seed(&r, 2024);
    logreg_make_data(&r, N, x, y);
    logreg_t d = {N, x, y};
    
#line 95 "chapters/companion/05-sgd.nw"
for (int trial = 0; trial < 3; trial++) {
    size_t idx[16];
    for (int k = 0; k < 16; k++) idx[k] = rng_below(&r, N);
    const size_t *use = trial == 2 ? idx : NULL;
    size_t m = trial == 2 ? 16 : N;
    float w[3], g[3];
    for (int j = 0; j < 3; j++) w[j] = (float)rng_normal(&r);
    logreg_loss(&d, use, m, w, g);
    for (int j = 0; j < 3; j++) {
        const float h = 0x1p-8f;
        float wp[3] = {w[0], w[1], w[2]}, wm[3] = {w[0], w[1], w[2]};
        wp[j] += h; wm[j] -= h;
        double fd = (logreg_loss(&d, use, m, wp, NULL)
                     - logreg_loss(&d, use, m, wm, NULL)) / (2 * h);
        check_near(&c, g[j], fd, 1e-4, "logistic gradient %d, %s", j,
                   use ? "minibatch" : "all points");
    }
}
#line 39 "chapters/companion/05-sgd.nw"
    
#line 116 "chapters/companion/05-sgd.nw"
{
    size_t perm[N];
    shuffle(&r, perm, N);
    float w[3] = {0.3f, -0.2f, 0.1f}, g[3], full[3];
    double mean[3] = {0, 0, 0};
    logreg_loss(&d, NULL, N, w, full);
    for (int k = 0; k < N / 20; k++) {
        logreg_loss(&d, perm + 20 * k, 20, w, g);
        for (int j = 0; j < 3; j++) mean[j] += g[j] / (N / 20.0);
    }
    for (int j = 0; j < 3; j++)
        check_near(&c, mean[j], full[j], 1e-6,
                   "mean minibatch gradient = full gradient (%d)", j);
}
#line 40 "chapters/companion/05-sgd.nw"
    
#line 148 "chapters/companion/05-sgd.nw"
{
    double L = logreg_lipschitz(&d);
    float w[3] = {-2, 3, 1}, g[3], v[3] = {0, 0, 0};
    double f = logreg_loss(&d, NULL, N, w, g);
    int ok = 1, worst_k = -1;
    for (int k = 0; k < 300; k++) {
        double gg = (double)g[0] * g[0] + (double)g[1] * g[1]
                  + (double)g[2] * g[2];
        sgd_update(w, g, v, 3, 1 / L, 0.0, 0.0);
        double f2 = logreg_loss(&d, NULL, N, w, g);
        if (f2 > f - gg / (2 * L) + 1e-9 && ok) ok = 0, worst_k = k;
        f = f2;
    }
    check_true(&c, ok, "GD with eta = 1/L: sufficient decrease at"
               " every step (first failure at %d)", worst_k);
}
#line 41 "chapters/companion/05-sgd.nw"
}
#line 196 "chapters/companion/05-sgd.nw"
    return check_finish(&c);
}
