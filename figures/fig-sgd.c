#line 506 "chapters/companion/05-sgd.nw"
/* fig-sgd.c: the figures and numbers of the SGD chapter. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "figout.h"
#include "logreg.h"
#include "rng.h"
#include "sgd.h"

#line 539 "chapters/companion/05-sgd.nw"
enum {
    NPTS = 400,         /* training points */
    UPDATES = 20000,    /* updates per method */
    OPT_ITERS = 100000, /* GD iterations for the reference optimum */
    NREC = 240,         /* points per curve in the data file */
    KFIX = 200,         /* updates at which the methods are compared */
};
static const double LR_OVER_L = 0.25;  /* the rate, as eta L */
static const unsigned long DATA_SEED = 5;

static void put(FILE *f, const char *name, double x, int sci)
{
    int e = x > 0 ? (int)floor(log10(x)) : 0;
    if (sci)
        fprintf(f, "\\newcommand{\\sgd%s}{\\ensuremath{%.1f\\times"
                "10^{%d}}}\n", name, x / pow(10, e), e);
    else if (x == floor(x))
        fprintf(f, "\\newcommand{\\sgd%s}{%.0f}\n", name, x);
    else
        fprintf(f, "\\newcommand{\\sgd%s}{%.4g}\n", name, x);
}

#line 793 "chapters/companion/05-sgd.nw"
static const char *const method_name[3] = {"GD", "SGD",
                                           "minibatch SGD"};

/* \sgdRank<name>: the methods by increasing excess[]; order[] gets
   their indices in that order. */
static void put_rank(FILE *f, const char *name, const double excess[3],
                     int order[3])
{
    for (int m = 0; m < 3; m++) order[m] = m;
    for (int i = 1; i < 3; i++)                /* insertion sort */
        for (int j = i; j > 0 && excess[order[j]]
                                  < excess[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    fprintf(f, "\\newcommand{\\sgdRank%s}{%s, %s, %s}\n", name,
            method_name[order[0]], method_name[order[1]],
            method_name[order[2]]);
}
#line 564 "chapters/companion/05-sgd.nw"
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
#line 620 "chapters/companion/05-sgd.nw"
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
#line 639 "chapters/companion/05-sgd.nw"
static int write_curve(const char *dir, const char *method,
                       const run_t *run, double fopt)
{
    char name[64];
    snprintf(name, sizeof name, "sgd-curve-%s.dat", method);
    fig_file o;
    if (fig_open(&o, dir, name)) return 1;
    FILE *f = o.f;
    fprintf(f, "updates examples loss excess\n");
    for (long i = 0, last = -1; i <= NREC; i++) {
        long k = i ? lround(pow(UPDATES, (double)i / NREC)) : 0;
        if (k <= last) continue;
        fprintf(f, "%ld %ld %.9g %.6g\n", k, k * (long)run->batch,
                run->f[k], fmax(run->f[k] - fopt, 1e-9));
        last = k;
    }
    return fig_close(&o);
}

/* Mean excess loss over the last quarter of the run. */
static double tail_excess(const run_t *run, double fopt)
{
    double s = 0;
    for (long k = UPDATES - UPDATES / 4; k < UPDATES; k++)
        s += run->f[k] - fopt;
    return s / (UPDATES / 4);
}

#line 595 "chapters/companion/05-sgd.nw"
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
    
#line 672 "chapters/companion/05-sgd.nw"
{
    char nm[32];
    fig_file o;
    if (fig_open(&o, dir, "sgd-numbers.tex")) return 1;
    FILE *f = o.f;
    put(f, "Npts", NPTS, 0); put(f, "Updates", UPDATES, 0);
    put(f, "OptIters", OPT_ITERS, 0); put(f, "K", KFIX, 0);
    put(f, "L", L, 0); put(f, "LR", LR_OVER_L / L, 0);
    put(f, "LRL", LR_OVER_L, 0); put(f, "Opt", fopt, 0);
    put(f, "OptGrad", gnorm, 1);
    static const char *tag[3] = {"GD", "SGD", "MB"};
    for (int m = 0; m < 3; m++) {
        long epoch = NPTS / (long)runs[m].batch;
        snprintf(nm, sizeof nm, "AtK%s", tag[m]);
        put(f, nm, runs[m].f[KFIX] - fopt, 1);
        snprintf(nm, sizeof nm, "Epoch%s", tag[m]);
        put(f, nm, (double)epoch, 0);
        snprintf(nm, sizeof nm, "AtEpoch%s", tag[m]);
        put(f, nm, runs[m].f[epoch] - fopt, 1);
        snprintf(nm, sizeof nm, "Tail%s", tag[m]);
        put(f, nm, tail_excess(&runs[m], fopt), 1);
    }
    put(f, "TailRatio", tail_excess(&runs[1], fopt)
                        / tail_excess(&runs[2], fopt), 0);
    
#line 816 "chapters/companion/05-sgd.nw"
{
    double at_k[3], at_epoch[3];
    int by_k[3], by_epoch[3], same = 1, reversed = 1;
    for (int m = 0; m < 3; m++) {
        at_k[m] = runs[m].f[KFIX] - fopt;
        at_epoch[m] = runs[m].f[NPTS / (long)runs[m].batch] - fopt;
    }
    put_rank(f, "AtK", at_k, by_k);
    put_rank(f, "AtEpoch", at_epoch, by_epoch);
    for (int m = 0; m < 3; m++) {
        same &= by_k[m] == by_epoch[m];
        reversed &= by_k[m] == by_epoch[2 - m];
    }
    fprintf(f, "\\newcommand{\\sgdRankChange}{%s}\n",
            same ? "the same as per update"
            : reversed ? "the reverse of the ranking per update"
            : "a different one from the ranking per update");
}
#line 697 "chapters/companion/05-sgd.nw"
    bad |= fig_close(&o);
}
#line 615 "chapters/companion/05-sgd.nw"
    return bad;
}
#line 704 "chapters/companion/05-sgd.nw"
static double sq_dist(const float *a, const float *b)
{
    double s = 0;
    for (int j = 0; j < 3; j++)
        s += ((double)a[j] - b[j]) * ((double)a[j] - b[j]);
    return s;
}

static int variance_table(const char *dir)
{
    static double x[2 * NPTS];
    static int y[NPTS];
    rng_t r;
    rng_seed(&r, DATA_SEED);
    logreg_make_data(&r, NPTS, x, y);
    logreg_t d = {NPTS, x, y};
    float w[3] = {0, 0, 0}, full[3], g[3];
    double s2 = 0;                          /* sigma^2 */
    logreg_loss(&d, NULL, NPTS, w, full);
    for (size_t i = 0; i < NPTS; i++) {
        logreg_loss(&d, &i, 1, w, g);
        s2 += sq_dist(g, full) / NPTS;
    }
    fig_file o;
    if (fig_open(&o, dir, "sgd-variance.tex")) return 1;
    FILE *f = o.f;
    
#line 736 "chapters/companion/05-sgd.nw"
enum { DRAWS = 20000 };
static size_t idx[NPTS], perm[NPTS];
for (size_t i = 0; i < NPTS; i++) perm[i] = i;
fprintf(f, "\\begin{tabular}{rrrrr}\n\\toprule\n"
        "$B$ & with repl. & $\\sigma^2/B$ & without & "
        "$\\frac{\\sigma^2}{B}\\frac{n-B}{n-1}$\\\\\n\\midrule\n");
for (size_t B = 1; B <= 256; B *= 4) {
    double with = 0, without = 0;
    for (int t = 0; t < DRAWS; t++) {
        for (size_t k = 0; k < B; k++) idx[k] = rng_below(&r, NPTS);
        logreg_loss(&d, idx, B, w, g);
        with += sq_dist(g, full) / DRAWS;
        for (size_t k = 0; k < B; k++) {    /* partial Fisher-Yates */
            size_t j = k + rng_below(&r, (uint32_t)(NPTS - k));
            size_t s = perm[k]; perm[k] = perm[j]; perm[j] = s;
        }
        logreg_loss(&d, perm, B, w, g);
        without += sq_dist(g, full) / DRAWS;
    }
    fprintf(f, "%zu & %.5f & %.5f & %.5f & %.5f\\\\\n", B, with,
            s2 / B, without, s2 / B * (NPTS - B) / (NPTS - 1.0));
}
fprintf(f, "\\bottomrule\n\\end{tabular}\n");
fprintf(f, "\\def\\sgdSigmaSq{%.5f}\\def\\sgdDraws{%d}\n", s2,
        (int)DRAWS);
#line 731 "chapters/companion/05-sgd.nw"
    return fig_close(&o);
}
#line 769 "chapters/companion/05-sgd.nw"
static int schedule_figure(const char *dir)
{
    sgd_config_t c = sgd_retinanet_config();
    fig_file o;
    if (fig_open(&o, dir, "sgd-schedule.dat")) return 1;
    FILE *f = o.f;
    fprintf(f, "iter lr\n");
    for (long t = 0; t <= c.max_iter; t += t < 1000 ? 10 : 100) {
        for (int j = 0; j < c.num_steps; j++)
            if (t == c.steps[j])
                fprintf(f, "%ld %.9g\n", t - 1, sgd_lr_at(&c, t - 1));
        fprintf(f, "%ld %.9g\n", t, sgd_lr_at(&c, t));
    }
    return fig_close(&o);
}
#line 847 "chapters/companion/05-sgd.nw"
enum { NVALLEY = 64, VSTEPS = 40 };
static const double VALLEY_H[2] = {1, 10}, VALLEY_ETA = 0.18;
static const double VALLEY_MU = 0.5, VALLEY_SPREAD = 0.1;
static const unsigned long VALLEY_SEED = 7;

#line 882 "chapters/companion/05-sgd.nw"
static void valley_grad(double c[][2], const size_t *idx,
                        size_t m, const float w[2], float g[2])
{
    double s[2] = {0, 0};
    for (size_t k = 0; k < m; k++) {
        size_t i = idx ? idx[k] : k;
        for (int j = 0; j < 2; j++)
            s[j] += VALLEY_H[j] * (w[j] - c[i][j]);
    }
    for (int j = 0; j < 2; j++) g[j] = (float)(s[j] / m);
}
#line 900 "chapters/companion/05-sgd.nw"
static int valley_path(const char *dir, const char *name,
                       double c[][2], size_t batch, double mu,
                       rng_t *r, double *end)
{
    float w[2] = {-4.0f, 1.5f}, v[2] = {0, 0}, g[2];
    size_t idx[NVALLEY];
    char file[64];
    fig_file o;
    snprintf(file, sizeof file, "sgd-path-%s.dat", name);
    if (fig_open(&o, dir, file)) return 1;
    fprintf(o.f, "w1 w2\n%.5f %.5f\n", w[0], w[1]);
    for (int k = 0; k < VSTEPS; k++) {
        int full = batch == NVALLEY;
        for (size_t j = 0; !full && j < batch; j++)
            idx[j] = rng_below(r, NVALLEY);
        valley_grad(c, full ? NULL : idx, batch, w, g);
        sgd_update(w, g, v, 2, VALLEY_ETA, mu, 0.0);
        fprintf(o.f, "%.5f %.5f\n", w[0], w[1]);
    }
    *end = sqrt((double)w[0] * w[0] + (double)w[1] * w[1]);
    return fig_close(&o);
}
#line 929 "chapters/companion/05-sgd.nw"
static int valley_contours(const char *dir)
{
    fig_file o;
    if (fig_open(&o, dir, "sgd-valley.dat")) return 1;
    double top = 0.5 * (VALLEY_H[0] * 16 + VALLEY_H[1] * 2.25);
    fprintf(o.f, "w1 w2\n");
    for (int l = 0; l < 8; l++) {
        double fl = top * pow(0.5, l);
        for (int k = 0; k <= 120; k++) {
            double t = 2 * acos(-1.0) * k / 120;
            fprintf(o.f, "%.5f %.5f\n",
                    sqrt(2 * fl / VALLEY_H[0]) * cos(t),
                    sqrt(2 * fl / VALLEY_H[1]) * sin(t));
        }
        fprintf(o.f, "\n");
    }
    return fig_close(&o);
}

#line 856 "chapters/companion/05-sgd.nw"
static int valley_figure(const char *dir)
{
    static const struct { const char *name; size_t batch; double mu; }
        method[4] = {{"gd", NVALLEY, 0}, {"momentum", NVALLEY, -1},
                     {"sgd", 1, 0}, {"mb", 16, 0}};
    double c[NVALLEY][2], mean[2] = {0, 0}, end[4];
    rng_t r;
    rng_seed(&r, VALLEY_SEED);
    for (int i = 0; i < NVALLEY; i++)
        for (int j = 0; j < 2; j++) {
            c[i][j] = VALLEY_SPREAD * rng_normal(&r);
            mean[j] += c[i][j] / NVALLEY;
        }
    for (int i = 0; i < NVALLEY; i++)
        for (int j = 0; j < 2; j++) c[i][j] -= mean[j];
    int bad = valley_contours(dir);
    for (int m = 0; m < 4; m++)
        bad |= valley_path(dir, method[m].name, c, method[m].batch,
                           method[m].mu < 0 ? VALLEY_MU : 0, &r,
                           &end[m]);
    
#line 950 "chapters/companion/05-sgd.nw"
{
    fig_file o;
    if (fig_open(&o, dir, "sgd-valley.tex")) return 1;
    FILE *f = o.f;
    put(f, "ValleyEta", VALLEY_ETA, 0);
    put(f, "ValleyEtaL", VALLEY_ETA * VALLEY_H[1], 0);
    put(f, "ValleyMu", VALLEY_MU, 0);
    put(f, "ValleyFloor", 1 - VALLEY_ETA * VALLEY_H[0], 0);
    put(f, "ValleyAcross", 1 - VALLEY_ETA * VALLEY_H[1], 0);
    put(f, "ValleySteps", VSTEPS, 0);
    put(f, "ValleyN", NVALLEY, 0);
    put(f, "ValleySpread", VALLEY_SPREAD, 0);
    static const char *tag[4] = {"GD", "Momentum", "SGD", "MB"};
    char nm[32];
    for (int m = 0; m < 4; m++) {
        snprintf(nm, sizeof nm, "ValleyEnd%s", tag[m]);
        put(f, nm, end[m], 1);
    }
    bad |= fig_close(&o);
}
#line 877 "chapters/companion/05-sgd.nw"
    return bad;
}

#line 522 "chapters/companion/05-sgd.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-sgd OUTDIR\n");
        return 2;
    }
    int bad = compare_methods(argv[1]) || variance_table(argv[1])
           || schedule_figure(argv[1]) || valley_figure(argv[1]);
    return bad ? 1 : 0;
}
