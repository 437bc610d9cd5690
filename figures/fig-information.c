#line 473 "chapters/companion/02-information.nw"
/* fig-information.c: the figures, tables and numbers of the chapter
   on information.  Usage: fig-information OUTDIR */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "figout.h"
#include "information.h"
#include "rng.h"

#line 525 "chapters/companion/02-information.nw"
typedef void row_fn(FILE *f, double x, const void *ctx);

static int write_curves(const char *dir, const char *name,
                        const char *header, double lo, double hi,
                        int steps, row_fn *row, const void *ctx)
{
    fig_file o;
    if (fig_open(&o, dir, name) != 0) return 1;
    fprintf(o.f, "%s\n", header);
    for (int k = 0; k <= steps; k++) {
        double x = lo + (hi - lo) * k / steps;
        fprintf(o.f, "%.4f", x);
        row(o.f, x, ctx);
        fputc('\n', o.f);
    }
    return fig_close(&o);
}
#line 550 "chapters/companion/02-information.nw"
static const double kl_fixed = 0.25;     /* the coin held fixed */

static void entropy_row(FILE *f, double p, const void *ctx)
{
    double t = 1.0 - p;
    (void)ctx;
    fprintf(f, " %.6f %.6f %.6f", info_bits(info_binary_entropy(p)),
            info_bits(info_entropy(&p, 1)),
            info_bits(info_entropy(&t, 1)));
}

static void kl_row(FILE *f, double p, const void *ctx)
{
    (void)ctx;
    fprintf(f, " %.6f %.6f", info_bits(info_binary_kl(p, kl_fixed)),
            info_bits(info_binary_kl(kl_fixed, p)));
}

static void grad_row(FILE *f, double x, const void *ctx)
{
    (void)ctx;
    fprintf(f, " %.6f %.6f %.6f %.6f", info_logit_ce(x, 1.0),
            info_logit_se(x, 1.0), info_logit_ce_grad(x, 1.0),
            info_logit_se_grad(x, 1.0));
}
#line 580 "chapters/companion/02-information.nw"
static const double kl_p[2] = {0.5, 0.5}, kl_q[2] = {0.25, 0.75};

static int write_kl_table(const char *dir)
{
    fig_file o;
    if (fig_open(&o, dir, "info-kl-table.tex") != 0) return 1;
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
    return fig_close(&o);
}
#line 610 "chapters/companion/02-information.nw"
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
#line 629 "chapters/companion/02-information.nw"
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
#line 655 "chapters/companion/02-information.nw"
static void fit_row(FILE *f, double x, const void *ctx)
{
    const struct fit *fit = ctx;
    int k = (int)lround(x);
    fprintf(f, " %.6f %.6f %.6f", fit->p[k], fit->forward[k],
            fit->reverse[k]);
}
#line 670 "chapters/companion/02-information.nw"
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
#line 691 "chapters/companion/02-information.nw"
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
#line 718 "chapters/companion/02-information.nw"
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
    fig_file out;
    if (fig_open(&out, dir, "info-overfit.tex") != 0) return 1;
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
    return fig_close(&out);
}
#line 751 "chapters/companion/02-information.nw"
static void macro(FILE *f, const char *name, int digits, double v)
{
    if (isinf(v))
        fig_macro(f, name, "\\infty");
    else
        fig_macro(f, name, "%.*f", digits, v);
}

/* The same in scientific notation: -4.54\times10^{-5}. */
static void macro_sci(FILE *f, const char *name, int digits, double v)
{
    int e = v == 0.0 ? 0 : (int)floor(log10(fabs(v)));
    fig_macro(f, name, "%.*f\\times10^{%d}", digits, v / pow(10.0, e),
              e);
}

static int write_numbers(const char *dir, const struct fit *f,
                         const struct overfit *o)
{
    fig_file out;
    if (fig_open(&out, dir, "info-numbers.tex") != 0) return 1;
    FILE *n = out.f;
    
#line 782 "chapters/companion/02-information.nw"
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
#line 774 "chapters/companion/02-information.nw"
    
#line 795 "chapters/companion/02-information.nw"
{
    double r[2] = {1.0, 0.0};
    macro(n, "infoKLpq", 4, info_bits(info_kl(kl_p, kl_q, 2)));
    macro(n, "infoKLqp", 4, info_bits(info_kl(kl_q, kl_p, 2)));
    macro(n, "infoKLpqNats", 4, info_kl(kl_p, kl_q, 2));
    macro(n, "infoKLqpNats", 4, info_kl(kl_q, kl_p, 2));
    macro(n, "infoKLpointRev", 0, info_bits(info_kl(r, kl_p, 2)));
    macro(n, "infoKLpointFwd", 0, info_bits(info_kl(kl_p, r, 2)));
    macro(n, "infoKLfwdAtZero", 3,
          info_bits(info_binary_kl(0.0, kl_fixed)));
    macro(n, "infoKLfwdAtOne", 0,
          info_bits(info_binary_kl(1.0, kl_fixed)));
}
#line 775 "chapters/companion/02-information.nw"
    
#line 811 "chapters/companion/02-information.nw"
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
#line 833 "chapters/companion/02-information.nw"
{
    double h = info_bits(info_entropy(o->truth, OVER_K)), m2 = 0.0;
    for (int k = 0; k < OVER_K; k++) {
        double b = info_bits(info_content(o->truth[k]));
        m2 += o->truth[k] * b * b;
    }
    double gap = info_bits(info_cross_entropy(o->test, o->truth,
                                              OVER_K)) - h;
    macro_sci(n, "infoOverTruthGap", 1, fabs(gap));
    macro(n, "infoOverTruthSE", 4, sqrt((m2 - h * h) / OVER_TEST));
}
#line 776 "chapters/companion/02-information.nw"
    
#line 850 "chapters/companion/02-information.nw"
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
#line 777 "chapters/companion/02-information.nw"
    return fig_close(&out);
}

#line 489 "chapters/companion/02-information.nw"
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
    
#line 505 "chapters/companion/02-information.nw"
int bad = write_curves(dir, "info-entropy.dat", "p h heads tails",
                       0.0, 1.0, 400, entropy_row, NULL)
    | write_curves(dir, "info-kl.dat", "p forward reverse",
                   0.0025, 0.9975, 398, kl_row, NULL)
    | write_curves(dir, "info-grad.dat", "x ce se dce dse",
                   -10.0, 10.0, 400, grad_row, NULL)
    | write_curves(dir, "info-fit.dat", "x p forward reverse",
                   0.0, FIT_K - 1, FIT_K - 1, fit_row, &fit)
    | write_kl_table(dir) | write_overfit(dir, &over)
    | write_numbers(dir, &fit, &over);
return bad ? 1 : 0;
#line 501 "chapters/companion/02-information.nw"
}
