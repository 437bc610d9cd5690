#line 1066 "chapters/05-sgd.nw"
/* fig-sgd.c: the figures and numbers of the SGD chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "logreg.h"
#include "rng.h"
#include "sgd.h"

#line 1097 "chapters/05-sgd.nw"
enum {
    NPTS = 400,         /* training points */
    UPDATES = 20000,    /* updates per method */
    OPT_ITERS = 100000, /* GD iterations for the reference optimum */
    NREC = 240,         /* points per curve in the data file */
    KFIX = 200,         /* updates at which the methods are compared */
};
static const double LR_OVER_L = 0.25;  /* the rate, as eta L */
static const unsigned long DATA_SEED = 5;
#line 1112 "chapters/05-sgd.nw"
static FILE *open_out(const char *dir, const char *name, char *tmp,
                      size_t size)
{
    snprintf(tmp, size, "%s/%s.tmp", dir, name);
    FILE *f = fopen(tmp, "w");
    if (!f) perror(tmp);
    return f;
}

static int close_out(FILE *f, const char *tmp)
{
    char final[512];
    size_t len = strlen(tmp) - 4;    /* drop ".tmp" */
    snprintf(final, sizeof final, "%.*s", (int)len, tmp);
    if (fclose(f) != 0 || rename(tmp, final) != 0) {
        perror(final);
        return 1;
    }
    return 0;
}

static void shuffle(rng_t *r, size_t *perm, size_t n)
{
    for (size_t i = 0; i < n; i++) perm[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rng_below(r, (uint32_t)(i + 1));
        size_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
}
#line 1147 "chapters/05-sgd.nw"
typedef struct {
    size_t batch;                 /* B; NPTS means full-batch GD */
    double f[UPDATES + 1];        /* f(w_k), k = 0..UPDATES */
} run_t;

static void train(const logreg_t *d, double lr, run_t *run, rng_t *r)
{
    static size_t idx[NPTS];
    float w[3] = {0, 0, 0}, g[3], v[3] = {0, 0, 0};
    int full = run->batch == NPTS;
    for (long k = 0; k <= UPDATES; k++) {
        run->f[k] = logreg_loss(d, NULL, NPTS, w, NULL);
        if (k == UPDATES) break;
        for (size_t j = 0; !full && j < run->batch; j++)
            idx[j] = rng_below(r, NPTS);
        logreg_loss(d, full ? NULL : idx, run->batch, w, g);
        sgd_update(w, g, v, 3, lr, 0.0, 0.0);
    }
}
#line 1202 "chapters/05-sgd.nw"
static double optimum(const logreg_t *d, double L, double *gnorm)
{
    float w[3] = {0, 0, 0}, g[3], v[3] = {0, 0, 0};
    for (long k = 0; k < OPT_ITERS; k++) {
        logreg_loss(d, NULL, d->n, w, g);
        sgd_update(w, g, v, 3, 1 / L, 0.0, 0.0);
    }
    double f = logreg_loss(d, NULL, d->n, w, g);
    *gnorm = sqrt((double)g[0] * g[0] + (double)g[1] * g[1]
                  + (double)g[2] * g[2]);
    return f;
}
#line 1221 "chapters/05-sgd.nw"
static int write_curve(const char *dir, const char *method,
                       const run_t *run, double fopt)
{
    char name[64], tmp[512];
    snprintf(name, sizeof name, "sgd-curve-%s.dat", method);
    FILE *f = open_out(dir, name, tmp, sizeof tmp);
    if (!f) return 1;
    fprintf(f, "updates examples loss excess\n");
    long last = -1;
    for (int i = 0; i <= NREC; i++) {
        long k = (long)floor(pow(UPDATES, (double)i / NREC) + 0.5);
        if (i == 0) k = 0;
        if (k <= last) continue;
        fprintf(f, "%ld %ld %.9g %.6g\n", k, k * (long)run->batch,
                run->f[k], fmax(run->f[k] - fopt, 1e-9));
        last = k;
    }
    return close_out(f, tmp);
}

/* Mean excess loss over the last quarter of the run. */
static double tail_excess(const run_t *run, double fopt)
{
    double s = 0;
    for (long k = UPDATES - UPDATES / 4; k < UPDATES; k++)
        s += run->f[k] - fopt;
    return s / (UPDATES / 4);
}

#line 1177 "chapters/05-sgd.nw"
static int compare_methods(const char *dir)
{
    static double x[2 * NPTS];
    static int y[NPTS];
    static run_t runs[3];
    static const size_t batch[3] = {NPTS, 1, 16};
    static const char *name[3] = {"gd", "sgd", "mb"};
    rng_t r;
    rng_seed(&r, DATA_SEED);
    logreg_make_data(&r, NPTS, x, y);
    logreg_t d = {NPTS, x, y};
    double L = logreg_lipschitz(&d), gnorm;
    double fopt = optimum(&d, L, &gnorm);
    int bad = 0;
    for (int m = 0; m < 3; m++) {
        runs[m].batch = batch[m];
        train(&d, LR_OVER_L / L, &runs[m], &r);
        bad |= write_curve(dir, name[m], &runs[m], fopt);
    }
    
#line 1252 "chapters/05-sgd.nw"
{
    char tmp[512];
    FILE *f = open_out(dir, "sgd-numbers.tex", tmp, sizeof tmp);
    if (!f) return 1;
    fprintf(f, "\\newcommand{\\sgdNpts}{%d}\n", NPTS);
    fprintf(f, "\\newcommand{\\sgdUpdates}{%d}\n", UPDATES);
    fprintf(f, "\\newcommand{\\sgdOptIters}{%d}\n", OPT_ITERS);
    fprintf(f, "\\newcommand{\\sgdL}{%.4f}\n", L);
    fprintf(f, "\\newcommand{\\sgdLR}{%.4f}\n", LR_OVER_L / L);
    fprintf(f, "\\newcommand{\\sgdLRL}{%g}\n", LR_OVER_L);
    fprintf(f, "\\newcommand{\\sgdOpt}{%.6f}\n", fopt);
    fprintf(f, "\\newcommand{\\sgdOptGrad}{%.1e}\n", gnorm);
    fprintf(f, "\\newcommand{\\sgdK}{%d}\n", KFIX);
    static const char *tag[3] = {"GD", "SGD", "MB"};
    for (int m = 0; m < 3; m++) {
        long epoch = NPTS / (long)runs[m].batch;
        fprintf(f, "\\newcommand{\\sgdAtK%s}{%.1e}\n", tag[m],
                runs[m].f[KFIX] - fopt);
        fprintf(f, "\\newcommand{\\sgdEpoch%s}{%ld}\n", tag[m], epoch);
        fprintf(f, "\\newcommand{\\sgdAtEpoch%s}{%.1e}\n", tag[m],
                runs[m].f[epoch] - fopt);
        fprintf(f, "\\newcommand{\\sgdTail%s}{%.1e}\n", tag[m],
                tail_excess(&runs[m], fopt));
    }
    fprintf(f, "\\newcommand{\\sgdTailRatio}{%.1f}\n",
            tail_excess(&runs[1], fopt) / tail_excess(&runs[2], fopt));
    bad |= close_out(f, tmp);
}
#line 1197 "chapters/05-sgd.nw"
    return bad;
}
#line 1343 "chapters/05-sgd.nw"
static double sq_dist(const float *a, const float *b)
{
    double s = 0;
    for (int j = 0; j < 3; j++)
        s += ((double)a[j] - b[j]) * ((double)a[j] - b[j]);
    return s;
}

#line 1356 "chapters/05-sgd.nw"
static double spread(const logreg_t *d, const float *w, float *full)
{
    logreg_loss(d, NULL, d->n, w, full);
    double s = 0;
    for (size_t i = 0; i < d->n; i++) {
        float g[3];
        logreg_loss(d, &i, 1, w, g);
        s += sq_dist(g, full);
    }
    return s / (double)d->n;
}
#line 1370 "chapters/05-sgd.nw"
static int variance_table(const char *dir)
{
    enum { DRAWS = 20000 };
    static double x[2 * NPTS];
    static int y[NPTS];
    static size_t perm[NPTS], idx[NPTS];
    static const size_t bs[] = {1, 4, 16, 64, 256};
    rng_t r;
    rng_seed(&r, DATA_SEED);
    logreg_make_data(&r, NPTS, x, y);
    logreg_t d = {NPTS, x, y};
    float w[3] = {0, 0, 0}, full[3], g[3];
    double s2 = spread(&d, w, full);
    char tmp[512];
    FILE *f = open_out(dir, "sgd-variance.tex", tmp, sizeof tmp);
    if (!f) return 1;
    
#line 1392 "chapters/05-sgd.nw"
fprintf(f, "\\begin{tabular}{rrrrr}\n\\toprule\n"
        "$B$ & with repl. & $\\sigma^2/B$ & without & "
        "$\\frac{\\sigma^2}{B}\\frac{n-B}{n-1}$\\\\\n\\midrule\n");
for (size_t b = 0; b < sizeof bs / sizeof bs[0]; b++) {
    size_t B = bs[b];
    double with = 0, without = 0;
    for (int t = 0; t < DRAWS; t++) {
        for (size_t k = 0; k < B; k++) idx[k] = rng_below(&r, NPTS);
        logreg_loss(&d, idx, B, w, g);
        with += sq_dist(g, full) / DRAWS;
        shuffle(&r, perm, NPTS);
        logreg_loss(&d, perm, B, w, g);
        without += sq_dist(g, full) / DRAWS;
    }
    fprintf(f, "%zu & %.5f & %.5f & %.5f & %.5f\\\\\n", B, with,
            s2 / B, without, s2 / B * (NPTS - B) / (NPTS - 1.0));
}
fprintf(f, "\\bottomrule\n\\end{tabular}\n");
fprintf(f, "\\def\\sgdSigmaSq{%.5f}\\def\\sgdDraws{%d}\n", s2,
        (int)DRAWS);
#line 1387 "chapters/05-sgd.nw"
    return close_out(f, tmp);
}
#line 1431 "chapters/05-sgd.nw"
static int schedule_figure(const char *dir)
{
    sgd_config_t c = sgd_retinanet_config();
    char tmp[512];
    FILE *f = open_out(dir, "sgd-schedule.dat", tmp, sizeof tmp);
    if (!f) return 1;
    fprintf(f, "iter lr\n");
    for (long t = 0; t <= c.max_iter; t += t < 1000 ? 10 : 100) {
        for (int j = 0; j < c.num_steps; j++)
            if (t == c.steps[j])
                fprintf(f, "%ld %.9g\n", t - 1, sgd_lr_at(&c, t - 1));
        fprintf(f, "%ld %.9g\n", t, sgd_lr_at(&c, t));
    }
    return close_out(f, tmp);
}
#line 1487 "chapters/05-sgd.nw"
/* Run 'iters' steps from (-4, 1.5); write the path; return the first
   k with f(w_k) < 1e-6. */
static long valley(FILE *f, double mu, int iters)
{
    const double kappa = 10, eta = 0.15;
    float w[2] = {-4.0f, 1.5f}, v[2] = {0, 0}, g[2];
    long reached = -1;
    fprintf(f, "k w1 w2 f\n");
    for (int k = 0; k <= iters; k++) {
        double fk = 0.5 * (w[0] * w[0] + kappa * w[1] * w[1]);
        fprintf(f, "%d %.6g %.6g %.6g\n", k, w[0], w[1], fk);
        if (fk < 1e-6 && reached < 0) reached = k;
        g[0] = w[0]; g[1] = (float)kappa * w[1];
        sgd_update(w, g, v, 2, eta, mu, 0.0);
    }
    return reached;
}

#line 1509 "chapters/05-sgd.nw"
static int momentum_figure(const char *dir)
{
    char tmp[512];
    long k[2];
    static const char *file[2] = {"sgd-valley-gd.dat",
                                  "sgd-valley-hb.dat"};
    for (int m = 0; m < 2; m++) {
        FILE *f = open_out(dir, file[m], tmp, sizeof tmp);
        if (!f) return 1;
        k[m] = valley(f, m ? 0.5 : 0.0, 120);
        if (close_out(f, tmp)) return 1;
    }
    FILE *f = open_out(dir, "sgd-valley.tex", tmp, sizeof tmp);
    if (!f) return 1;
    fprintf(f, "\\newcommand{\\sgdValleyGD}{%ld}\n", k[0]);
    fprintf(f, "\\newcommand{\\sgdValleyHB}{%ld}\n", k[1]);
    return close_out(f, tmp);
}

#line 1083 "chapters/05-sgd.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-sgd OUTDIR\n");
        return 2;
    }
    const char *dir = argv[1];
    int bad = compare_methods(dir) || variance_table(dir)
           || schedule_figure(dir) || momentum_figure(dir);
    return bad ? 1 : 0;
}
