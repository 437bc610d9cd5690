#line 1334 "chapters/02-information.nw"
/* fig-information.c: the figures, tables and numbers of the chapter
   on information.  Usage: fig-information OUTDIR */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "information.h"
#include "rng.h"

#line 1374 "chapters/02-information.nw"
typedef struct { FILE *f; char tmp[1024], path[1024]; } out_t;

static int out_open(out_t *o, const char *dir, const char *name)
{
    int a = snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    int b = snprintf(o->tmp, sizeof o->tmp, "%s/%s.tmp", dir, name);
    if (a < 0 || b < 0 || (size_t)b >= sizeof o->tmp) {
        fprintf(stderr, "fig-information: %s: path too long\n", dir);
        return 1;
    }
    o->f = fopen(o->tmp, "w");
    if (o->f == NULL) {
        fprintf(stderr, "fig-information: %s: %s\n", o->tmp,
                strerror(errno));
        return 1;
    }
    return 0;
}
#line 1395 "chapters/02-information.nw"
static int out_commit(out_t *o)
{
    int bad = ferror(o->f) != 0;
    bad |= fclose(o->f) != 0;
    if (!bad && rename(o->tmp, o->path) == 0)
        return 0;
    fprintf(stderr, "fig-information: %s: %s\n", o->path,
            strerror(errno));
    remove(o->tmp);
    return 1;
}
#line 1412 "chapters/02-information.nw"
static int write_entropy(const char *dir)
{
    out_t o;
    if (out_open(&o, dir, "info-entropy.dat") != 0) return 1;
    fprintf(o.f, "p h heads tails\n");
    for (int k = 0; k <= 400; k++) {
        double p = k / 400.0, t = 1.0 - p;
        fprintf(o.f, "%.4f %.6f %.6f %.6f\n", p,
                info_bits(info_binary_entropy(p)),
                info_bits(info_entropy(&p, 1)),
                info_bits(info_entropy(&t, 1)));
    }
    return out_commit(&o);
}
#line 1433 "chapters/02-information.nw"
static int write_kl(const char *dir)
{
    const double q = 0.25;
    out_t o;
    if (out_open(&o, dir, "info-kl.dat") != 0) return 1;
    fprintf(o.f, "p forward reverse\n");
    for (int k = 1; k < 400; k++) {
        double p = k / 400.0;
        fprintf(o.f, "%.4f %.6f %.6f\n", p,
                info_bits(info_binary_kl(p, q)),
                info_bits(info_binary_kl(q, p)));
    }
    return out_commit(&o);
}
#line 1450 "chapters/02-information.nw"
static const double kl_p[2] = {0.5, 0.5}, kl_q[2] = {0.25, 0.75};

static int write_kl_table(const char *dir)
{
    out_t o;
    if (out_open(&o, dir, "info-kl-table.tex") != 0) return 1;
    fputs("\\begin{tabular}{lcccc}\n\\toprule\n"
          "$x$ & $p(x)$ & $q(x)$ & $p(x)\\log_2\\frac{p(x)}{q(x)}$ & "
          "$q(x)\\log_2\\frac{q(x)}{p(x)}$\\\\\n\\midrule\n", o.f);
    for (int i = 0; i < 2; i++)
        fprintf(o.f, "%s & %.2f & %.2f & %.4f & %.4f\\\\\n",
                i == 0 ? "heads" : "tails", kl_p[i], kl_q[i],
                info_bits(info_kl(&kl_p[i], &kl_q[i], 1)),
                info_bits(info_kl(&kl_q[i], &kl_p[i], 1)));
    fprintf(o.f, "\\midrule\nsum & 1 & 1 & %.4f & %.4f\\\\\n"
            "\\bottomrule\n\\end{tabular}\n",
            info_bits(info_kl(kl_p, kl_q, 2)),
            info_bits(info_kl(kl_q, kl_p, 2)));
    return out_commit(&o);
}
#line 1480 "chapters/02-information.nw"
enum { FIT_K = 40 };
struct fit {
    double p[FIT_K], forward[FIT_K], reverse[FIT_K];
    double mu_fwd, sigma_fwd, mu_rev, sigma_rev;
};

static void discrete_gaussian(double *q, double mu, double sigma)
{
    double sum = 0.0;
    for (int x = 0; x < FIT_K; x++) {
        double z = (x - mu) / sigma;
        q[x] = exp(-0.5 * z * z);
        sum += q[x];
    }
    for (int x = 0; x < FIT_K; x++) q[x] /= sum;
}
#line 1499 "chapters/02-information.nw"
static void fit_gaussians(struct fit *f)
{
    double a[FIT_K], b[FIT_K], q[FIT_K];
    double best_fwd = INFINITY, best_rev = INFINITY;
    discrete_gaussian(a, 10.0, 2.5);
    discrete_gaussian(b, 28.0, 2.5);
    for (int x = 0; x < FIT_K; x++) f->p[x] = 0.6 * a[x] + 0.4 * b[x];
    for (int i = 0; i <= 156; i++)
        for (int j = 0; j <= 195; j++) {
            double mu = 0.25 * i, sigma = 0.5 + 0.1 * j;
            discrete_gaussian(q, mu, sigma);
            double fwd = info_kl(f->p, q, FIT_K);
            double rev = info_kl(q, f->p, FIT_K);
            if (fwd < best_fwd) {
                best_fwd = fwd; f->mu_fwd = mu; f->sigma_fwd = sigma;
            }
            if (rev < best_rev) {
                best_rev = rev; f->mu_rev = mu; f->sigma_rev = sigma;
            }
        }
    discrete_gaussian(f->forward, f->mu_fwd, f->sigma_fwd);
    discrete_gaussian(f->reverse, f->mu_rev, f->sigma_rev);
}
#line 1525 "chapters/02-information.nw"
static int write_fit(const char *dir, const struct fit *f)
{
    out_t o;
    if (out_open(&o, dir, "info-fit.dat") != 0) return 1;
    fprintf(o.f, "x p forward reverse\n");
    for (int x = 0; x < FIT_K; x++)
        fprintf(o.f, "%d %.6f %.6f %.6f\n", x, f->p[x],
                f->forward[x], f->reverse[x]);
    return out_commit(&o);
}
#line 1543 "chapters/02-information.nw"
enum { OVER_K = 20, OVER_TRAIN = 40, OVER_TEST = 10000 };
struct overfit {
    double truth[OVER_K], train[OVER_K], test[OVER_K];
    double laplace[OVER_K];
    int unseen;
};

static void empirical(rng_t *r, const double *p, int m, double *freq)
{
    for (int k = 0; k < OVER_K; k++) freq[k] = 0.0;
    for (int j = 0; j < m; j++) {             /* count, by inversion */
        double u = rng_uniform(r), cum = 0.0;
        int k = 0;
        while (k < OVER_K - 1 && u >= (cum += p[k])) k++;
        freq[k] += 1.0;
    }
    for (int k = 0; k < OVER_K; k++) freq[k] /= m;
}
#line 1564 "chapters/02-information.nw"
static int overfit_example(struct overfit *o)
{
    rng_t r;
    double sum = 0.0;
    rng_seed(&r, 2017);
    for (int k = 0; k < OVER_K; k++) sum += o->truth[k] = 1.0 / (k + 1);
    for (int k = 0; k < OVER_K; k++) o->truth[k] /= sum;
    empirical(&r, o->truth, OVER_TRAIN, o->train);
    empirical(&r, o->truth, OVER_TEST, o->test);
    o->unseen = 0;
    for (int k = 0; k < OVER_K; k++) {
        o->laplace[k] = (o->train[k] * OVER_TRAIN + 1.0)
                      / (OVER_TRAIN + OVER_K);
        o->unseen += o->train[k] == 0.0 && o->test[k] > 0.0;
    }
    if (o->unseen > 0) return 0;
    fputs("fig-information: the overfitting example needs an outcome"
          " missing from the training set; change its seed\n", stderr);
    return 1;
}
#line 1591 "chapters/02-information.nw"
static void put_bits(FILE *f, double nats, const char *end)
{
    if (isinf(nats)) fprintf(f, "$\\infty$%s", end);
    else fprintf(f, "%.3f%s", info_bits(nats), end);
}

static int write_overfit(const char *dir, const struct overfit *o)
{
    const char *name[3] = {"memorising, $q=\\hat p$",
                           "Laplace, add one", "the truth, $q=p$"};
    const double *model[3] = {o->train, o->laplace, o->truth};
    out_t out;
    if (out_open(&out, dir, "info-overfit.tex") != 0) return 1;
    fputs("\\begin{tabular}{lccc}\n\\toprule\nmodel $q$ & training & "
          "held-out & exact $H(p,q)$\\\\\n\\midrule\n", out.f);
    for (int i = 0; i < 3; i++) {
        fprintf(out.f, "%s & ", name[i]);
        put_bits(out.f, info_cross_entropy(o->train, model[i], OVER_K),
                 " & ");
        put_bits(out.f, info_cross_entropy(o->test, model[i], OVER_K),
                 " & ");
        put_bits(out.f, info_cross_entropy(o->truth, model[i], OVER_K),
                 "\\\\\n");
    }
    fputs("\\bottomrule\n\\end{tabular}\n", out.f);
    return out_commit(&out);
}
#line 1623 "chapters/02-information.nw"
static int write_gradients(const char *dir)
{
    out_t o;
    if (out_open(&o, dir, "info-grad.dat") != 0) return 1;
    fprintf(o.f, "x ce se dce dse\n");
    for (int k = 0; k <= 400; k++) {
        double x = -10.0 + k * 0.05;
        fprintf(o.f, "%.2f %.6f %.6f %.6f %.6f\n", x,
                info_logit_ce(x, 1.0), info_logit_se(x, 1.0),
                info_logit_ce_grad(x, 1.0), info_logit_se_grad(x, 1.0));
    }
    return out_commit(&o);
}
#line 1642 "chapters/02-information.nw"
static void macro(FILE *f, const char *name, int digits, double v)
{
    if (isinf(v))
        fprintf(f, "\\newcommand{\\%s}{\\infty}\n", name);
    else
        fprintf(f, "\\newcommand{\\%s}{%.*f}\n", name, digits, v);
}

/* The same in scientific notation, for math mode: -4.54\times10^{-5}. */
static void macro_sci(FILE *f, const char *name, int digits, double v)
{
    int e = v == 0.0 ? 0 : (int)floor(log10(fabs(v)));
    fprintf(f, "\\newcommand{\\%s}{%.*f\\times10^{%d}}\n", name,
            digits, v / pow(10.0, e), e);
}

static int write_numbers(const char *dir, const struct fit *f,
                         const struct overfit *o)
{
    out_t out;
    if (out_open(&out, dir, "info-numbers.tex") != 0) return 1;
    FILE *n = out.f;
    
#line 1673 "chapters/02-information.nw"
{
    double three[3] = {0.5, 0.25, 0.25}, tiny = 1e-20;
    double naive = -tiny * log(tiny) - (1 - tiny) * log(1 - tiny);
    macro(n, "infoRareInfo", 2, info_bits(info_content(0.001)));
    macro(n, "infoRareEntropy", 4,
          info_bits(info_binary_entropy(0.001)));
    macro(n, "infoThreeOutcomes", 4, info_bits(info_entropy(three, 3)));
    macro(n, "infoTinyH", 4, info_binary_entropy(tiny) / tiny);
    macro(n, "infoTinyNaive", 4, naive / tiny);
}
#line 1665 "chapters/02-information.nw"
    
#line 1686 "chapters/02-information.nw"
{
    double r[2] = {1.0, 0.0};
    macro(n, "infoKLpq", 4, info_bits(info_kl(kl_p, kl_q, 2)));
    macro(n, "infoKLqp", 4, info_bits(info_kl(kl_q, kl_p, 2)));
    macro(n, "infoKLpqNats", 4, info_kl(kl_p, kl_q, 2));
    macro(n, "infoKLqpNats", 4, info_kl(kl_q, kl_p, 2));
    macro(n, "infoKLpointRev", 0, info_bits(info_kl(r, kl_p, 2)));
    macro(n, "infoKLpointFwd", 0, info_bits(info_kl(kl_p, r, 2)));
    macro(n, "infoKLfwdAtZero", 3,
          info_bits(info_binary_kl(0.0, 0.25)));
    macro(n, "infoKLfwdAtOne", 0, info_bits(info_binary_kl(1.0, 0.25)));
}
#line 1666 "chapters/02-information.nw"
    
#line 1701 "chapters/02-information.nw"
macro(n, "infoFitFwdMu", 2, f->mu_fwd);
macro(n, "infoFitFwdSigma", 1, f->sigma_fwd);
macro(n, "infoFitRevMu", 2, f->mu_rev);
macro(n, "infoFitRevSigma", 1, f->sigma_rev);
macro(n, "infoFitFwdKL", 3,
      info_bits(info_kl(f->p, f->forward, FIT_K)));
macro(n, "infoFitRevFwdKL", 3,
      info_bits(info_kl(f->p, f->reverse, FIT_K)));
macro(n, "infoOverK", 0, OVER_K);
macro(n, "infoOverTrain", 0, OVER_TRAIN);
macro(n, "infoOverTest", 0, OVER_TEST);
macro(n, "infoOverUnseen", 0, o->unseen);
#line 1667 "chapters/02-information.nw"
    
#line 1719 "chapters/02-information.nw"
{
    double best = 0.0, at = 0.0;
    for (int k = -20000; k <= 20000; k++) {
        double x = k * 1e-4, g = fabs(info_logit_se_grad(x, 1.0));
        if (g > best) { best = g; at = x; }
    }
    macro(n, "infoGradCEfive", 4, info_logit_ce_grad(-5.0, 1.0));
    macro(n, "infoGradSEfive", 4, info_logit_se_grad(-5.0, 1.0));
    macro(n, "infoGradCEten", 5, info_logit_ce_grad(-10.0, 1.0));
    macro_sci(n, "infoGradSEten", 2, info_logit_se_grad(-10.0, 1.0));
    macro(n, "infoGradSEmax", 5, best);
    macro(n, "infoGradSEargmax", 3, at);
}
#line 1668 "chapters/02-information.nw"
    return out_commit(&out);
}

#line 1351 "chapters/02-information.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: fig-information OUTDIR\n", stderr);
        return 2;
    }
    const char *dir = argv[1];
    struct fit fit;
    struct overfit over;
    fit_gaussians(&fit);
    if (overfit_example(&over) != 0) return 1;
    int bad = write_entropy(dir) | write_kl(dir) | write_kl_table(dir)
        | write_fit(dir, &fit) | write_overfit(dir, &over)
        | write_gradients(dir) | write_numbers(dir, &fit, &over);
    return bad ? 1 : 0;
}
