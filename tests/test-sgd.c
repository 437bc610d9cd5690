#line 442 "chapters/05-sgd.nw"
/* test-sgd.c: the SGD module and the logistic-regression helper. */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "logreg.h"
#include "rng.h"
#include "sgd.h"

#line 491 "chapters/05-sgd.nw"
static void lr_zero(sgd_config_t *b) { b->lr = 0; }
static void lr_nan(sgd_config_t *b) { b->lr = NAN; }
static void lr_inf(sgd_config_t *b) { b->lr = INFINITY; }
static void mu_one(sgd_config_t *b) { b->momentum = 1; }
static void mu_neg(sgd_config_t *b) { b->momentum = -0.1; }
static void wd_neg(sgd_config_t *b) { b->weight_decay = -1e-4; }
static void wd_nan(sgd_config_t *b) { b->weight_decay = NAN; }
static void it_zero(sgd_config_t *b) { b->max_iter = 0; }
static void wu_neg(sgd_config_t *b) { b->warmup_iters = -1; }
static void wf_zero(sgd_config_t *b) { b->warmup_factor = 0; }
static void wf_big(sgd_config_t *b) { b->warmup_factor = 1.5; }
static void ns_big(sgd_config_t *b) { b->num_steps = 9; }
static void st_order(sgd_config_t *b) { b->steps[1] = 60000; }
static void st_zero(sgd_config_t *b) { b->steps[0] = 0; }
static void st_late(sgd_config_t *b) { b->steps[1] = 90000; }
static void dc_zero(sgd_config_t *b) { b->decay = 0; }
static void dc_big(sgd_config_t *b) { b->decay = 10; }

static const struct {
    const char *what, *word;
    void (*spoil)(sgd_config_t *);
} bad_configs[] = {
    {"lr 0", "lr", lr_zero}, {"lr NaN", "lr", lr_nan},
    {"lr inf", "lr", lr_inf}, {"momentum 1", "momentum", mu_one},
    {"momentum -0.1", "momentum", mu_neg},
    {"negative decay", "weight decay", wd_neg},
    {"NaN decay", "weight decay", wd_nan},
    {"max_iter 0", "max_iter", it_zero},
    {"warm-up -1", "warm-up of", wu_neg},
    {"warm-up factor 0", "warm-up factor", wf_zero},
    {"warm-up factor 1.5", "warm-up factor", wf_big},
    {"9 steps", "decay steps", ns_big},
    {"equal steps", "decay step 2", st_order},
    {"a step at 0", "decay step 1", st_zero},
    {"a step at max_iter", "decay step 2", st_late},
    {"decay factor 0", "decay factor", dc_zero},
    {"decay factor 10", "decay factor", dc_big},
};
enum { NBAD = sizeof bad_configs / sizeof bad_configs[0] };
#line 618 "chapters/05-sgd.nw"
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
#line 701 "chapters/05-sgd.nw"
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
#line 950 "chapters/05-sgd.nw"
/* Sum of x_ij^2 over the points of d. */
static double sum_sq(const logreg_t *d, int j)
{
    double s = 0;
    for (size_t i = 0; i < d->n; i++)
        s += d->x[2 * i + j] * d->x[2 * i + j];
    return s;
}

/* det(X~^T X~ - lam I), by cofactors. */
static double char_poly(const logreg_t *d, double lam)
{
    double A[3][3] = {{0}};
    for (size_t i = 0; i < d->n; i++) {
        double t[3] = {d->x[2 * i], d->x[2 * i + 1], 1};
        for (int r = 0; r < 3; r++)
            for (int s = 0; s < 3; s++) A[r][s] += t[r] * t[s];
    }
    for (int r = 0; r < 3; r++) A[r][r] -= lam;
    return A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1])
         - A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0])
         + A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
}
#line 1018 "chapters/05-sgd.nw"
/* perm = a uniformly random permutation of 0..n-1 (Fisher-Yates). */
static void shuffle(rng_t *r, size_t *perm, size_t n)
{
    for (size_t i = 0; i < n; i++) perm[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rng_below(r, (uint32_t)(i + 1));
        size_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
}

#line 454 "chapters/05-sgd.nw"
int main(void)
{
    check_t c = {"sgd", 0, 0};
    
#line 474 "chapters/05-sgd.nw"
{
    char msg[160];
    sgd_config_t ok = sgd_retinanet_config();
    check_true(&c, sgd_config_check(&ok, msg, sizeof msg) == NULL,
               "RetinaNet's setting is valid");
    for (size_t i = 0; i < NBAD; i++) {
        sgd_config_t b = sgd_retinanet_config();
        bad_configs[i].spoil(&b);
        const char *m = sgd_config_check(&b, msg, sizeof msg);
        check_true(&c, m != NULL && strstr(m, bad_configs[i].word),
                   "refuses %s (%s)", bad_configs[i].what,
                   m ? m : "accepted");
    }
}
#line 458 "chapters/05-sgd.nw"
    
#line 541 "chapters/05-sgd.nw"
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
#line 459 "chapters/05-sgd.nw"
    
#line 565 "chapters/05-sgd.nw"
{
    float w[2] = {2.0f, -2.0f}, g[2] = {0.5f, -0.5f};
    float v[2] = {0.3f, -0.3f};
    sgd_update(w, g, v, 2, 0.1, 0.9, 0.01);
    check_near(&c, v[0], 0.79, 1e-6, "hand step: velocity");
    check_near(&c, w[0], 1.921, 1e-6, "hand step: weight");
    check_near(&c, v[1], -0.79, 1e-6, "hand step, mirrored: velocity");
    check_near(&c, w[1], -1.921, 1e-6, "hand step, mirrored: weight");
}
#line 460 "chapters/05-sgd.nw"
    
#line 582 "chapters/05-sgd.nw"
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
#line 461 "chapters/05-sgd.nw"
    
#line 608 "chapters/05-sgd.nw"
{
    double plain = two_conventions(0), corrected = two_conventions(1);
    check_true(&c, plain > 1e-3,
               "lr inside v differs after a rate change (%g)", plain);
    check_near(&c, corrected, 0, 1e-5,
               "with momentum correction the forms agree");
}
#line 462 "chapters/05-sgd.nw"
    
#line 685 "chapters/05-sgd.nw"
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
#line 463 "chapters/05-sgd.nw"
    
#line 735 "chapters/05-sgd.nw"
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
#line 464 "chapters/05-sgd.nw"
    
#line 928 "chapters/05-sgd.nw"
{
    double x4[8] = {1, 0, -1, 0, 0, 1, 0, -1};
    int y4[4] = {0, 1, 0, 1};
    logreg_t d4 = {4, x4, y4};
    check_rel(&c, logreg_lipschitz(&d4), 0.25, 1e-12,
              "L of four points is 1/4");
    enum { N = 50 };
    double x[2 * N];
    int y[N];
    rng_t r;
    rng_seed(&r, 99);
    logreg_make_data(&r, N, x, y);
    logreg_t d = {N, x, y};
    double lam = 4.0 * N * logreg_lipschitz(&d);
    check_near(&c, char_poly(&d, lam) / (lam * lam * lam), 0, 1e-10,
               "4nL is an eigenvalue of X^T X");
    check_true(&c, lam >= N && lam >= sum_sq(&d, 0) &&
               lam >= sum_sq(&d, 1), "4nL >= each diagonal entry");
}
#line 913 "chapters/05-sgd.nw"
{
    enum { N = 200 };
    double x[2 * N];
    int y[N];
    rng_t r;
    rng_seed(&r, 2024);
    logreg_make_data(&r, N, x, y);
    logreg_t d = {N, x, y};
    
#line 980 "chapters/05-sgd.nw"
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
#line 922 "chapters/05-sgd.nw"
    
#line 1001 "chapters/05-sgd.nw"
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
#line 923 "chapters/05-sgd.nw"
    
#line 1033 "chapters/05-sgd.nw"
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
#line 924 "chapters/05-sgd.nw"
}
#line 465 "chapters/05-sgd.nw"
    return check_finish(&c);
}
