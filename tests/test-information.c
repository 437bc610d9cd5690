#line 85 "chapters/companion/02-information.nw"
/* test-information.c: exact values and identities of information. */
#include <math.h>
#include "check.h"
#include "information.h"
#include "rng.h"

#line 116 "chapters/companion/02-information.nw"
static void random_dist(rng_t *r, double *p, size_t n, double zero)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        p[i] = -log(1.0 - rng_uniform(r));
        if (i > 0 && rng_uniform(r) < zero) p[i] = 0.0;
        sum += p[i];
    }
    for (size_t i = 0; i < n; i++) p[i] /= sum;
}

#line 93 "chapters/companion/02-information.nw"
int main(void)
{
    check_t c = {"information", 0, 0};
    rng_t rng;
    rng_seed(&rng, 2);
    
#line 131 "chapters/companion/02-information.nw"
{
    double good[3] = {0.5, 0.25, 0.25}, nan3[3] = {0.5, NAN, 0.5};
    double neg[3] = {0.5, 0.75, -0.25}, off[3] = {0.5, 0.25, 0.2};
    size_t at = 99;
    check_true(&c, info_check(good, 3, 1e-12, &at) == INFO_OK,
               "info_check accepts (1/2, 1/4, 1/4)");
    check_true(&c, info_check(good, 0, 1e-12, &at) == INFO_EMPTY
               && info_check(NULL, 3, 1e-12, NULL) == INFO_EMPTY,
               "info_check refuses an empty array");
    check_true(&c, info_check(nan3, 3, 1e-12, &at) == INFO_NOT_FINITE
               && at == 1, "info_check finds the NaN at index 1");
    check_true(&c, info_check(neg, 3, 1e-12, &at) == INFO_NEGATIVE
               && at == 2, "info_check finds the negative entry");
    check_true(&c, info_check(off, 3, 1e-3, &at) == INFO_NOT_NORMALISED
               && at == 3, "info_check refuses a sum of 0.95");
    check_true(&c, info_check(off, 3, 0.1, NULL) == INFO_OK,
               "info_check honours its tolerance");
}
#line 99 "chapters/companion/02-information.nw"
    
#line 155 "chapters/companion/02-information.nw"
{
    check_near(&c, info_bits(info_content(0.5)), 1.0, 1e-15,
               "I(1/2) = 1 bit");
    check_near(&c, info_bits(info_content(0.125)), 3.0, 1e-15,
               "I(1/8) = 3 bits");
    check_true(&c, info_content(1.0) == 0.0, "I(1) = 0");
    check_true(&c, isinf(info_content(0.0)) && info_content(0.0) > 0,
               "I(0) = +infinity");
    check_true(&c, isnan(info_content(-0.1))
               && isnan(info_content(1.5)) && isnan(info_content(NAN)),
               "I is NaN outside [0, 1]");
    double worst = 0.0;
    for (int k = 0; k < 1000; k++) {
        double a = 1.0 - rng_uniform(&rng), b = 1.0 - rng_uniform(&rng);
        double sum = info_content(a) + info_content(b);
        worst = fmax(worst, fabs(info_content(a * b) - sum));
    }
    check_near(&c, worst, 0.0, 1e-12,
               "I(ab) = I(a) + I(b) on 1000 random pairs (worst)");
}
#line 100 "chapters/companion/02-information.nw"
    
#line 183 "chapters/companion/02-information.nw"
{
    double coin[2] = {0.5, 0.5}, three[3] = {0.5, 0.25, 0.25};
    check_near(&c, info_bits(info_entropy(coin, 2)), 1.0, 1e-15,
               "H(fair coin) = 1 bit");
    check_near(&c, info_bits(info_entropy(three, 3)), 1.5, 1e-15,
               "H(1/2, 1/4, 1/4) = 1.5 bits");
    double u[64], worst = 0.0;
    for (size_t n = 1; n <= 64; n++) {
        for (size_t i = 0; i < n; i++) u[i] = 1.0 / (double)n;
        worst = fmax(worst, fabs(info_entropy(u, n) - log((double)n)));
    }
    check_near(&c, worst, 0.0, 1e-13,
               "H(uniform on n) = ln n, n <= 64");
    int exact = 1;
    for (size_t at = 0; at < 5; at++) {
        double point[5] = {0, 0, 0, 0, 0};
        point[at] = 1.0;
        exact &= info_entropy(point, 5) == 0.0;
    }
    check_true(&c, exact, "H(point mass) = 0 exactly (0 ln 0 = 0)");
    
#line 210 "chapters/companion/02-information.nw"
int within = 1;
for (int k = 0; k < 1000; k++) {
    double p[10];
    size_t n = 2 + rng_below(&rng, 9);
    random_dist(&rng, p, n, 0.2);
    double h = info_entropy(p, n);
    within &= h >= 0.0 && h <= log((double)n) + 1e-12;
}
check_true(&c, within, "0 <= H(p) <= ln n on 1000 random p");
#line 204 "chapters/companion/02-information.nw"
    double bad[2] = {1.5, -0.5};
    check_true(&c, isnan(info_entropy(bad, 2)), "H is NaN for p > 1");
}
#line 101 "chapters/companion/02-information.nw"
    
#line 226 "chapters/companion/02-information.nw"
{
    check_true(&c, info_binary_entropy(0.0) == 0.0
               && info_binary_entropy(1.0) == 0.0, "h(0) = h(1) = 0");
    check_near(&c, info_bits(info_binary_entropy(0.5)), 1.0, 1e-15,
               "h(1/2) = 1 bit");
    double asym = 0.0, agree = 0.0;
    int below = 1;
    for (int k = 1; k < 64; k++) {
        double p = k / 64.0, q[2] = {p, 1.0 - p};
        double h = info_binary_entropy(p);
        asym = fmax(asym, fabs(h - info_binary_entropy(1.0 - p)) / h);
        agree = fmax(agree, fabs(h - info_entropy(q, 2)) / h);
        if (k != 32) below &= h < log(2.0);
    }
    check_near(&c, asym, 0.0, 1e-14, "h(p) = h(1-p) on k/64");
    check_true(&c, below, "h(p) < ln 2 for p != 1/2 on k/64");
    check_near(&c, agree, 0.0, 1e-14, "h(p) = H(p, 1-p) on k/64");
    check_rel(&c, info_binary_entropy(1e-20),
              1e-20 * (20.0 * log(10.0) + 1.0), 1e-13,
              "h(1e-20) = 1e-20 (ln 1e20 + 1)");
}
#line 102 "chapters/companion/02-information.nw"
    
#line 257 "chapters/companion/02-information.nw"
{
    int nonneg = 1, self = 1;
    for (int k = 0; k < 1000; k++) {
        double p[10], q[10];
        size_t n = 2 + rng_below(&rng, 9);
        random_dist(&rng, p, n, 0.3);
        random_dist(&rng, q, n, 0.0);
        nonneg &= info_kl(p, q, n) >= 0.0;
        self &= info_kl(p, p, n) == 0.0 && info_kl(q, q, n) == 0.0;
    }
    check_true(&c, nonneg, "KL(p||q) >= 0 on 1000 random pairs");
    check_true(&c, self, "KL(p||p) = 0 exactly on 2000 random p");
    
#line 276 "chapters/companion/02-information.nw"
double p[2] = {0.5, 0.5}, q[2] = {0.25, 0.75};
/* By hand, in bits:
   KL(p||q) = 1/2 log2(2) + 1/2 log2(2/3) = 1 - (1/2) log2 3
   KL(q||p) = 1/4 log2(1/2) + 3/4 log2(3/2) = (3/4) log2 3 - 1 */
double log2_3 = log(3.0) / log(2.0);
double pq = info_bits(info_kl(p, q, 2));
double qp = info_bits(info_kl(q, p, 2));
check_near(&c, pq, 1.0 - 0.5 * log2_3, 1e-15,
           "KL((1/2,1/2) || (1/4,3/4)) = 1 - log2(3)/2 bits");
check_near(&c, qp, 0.75 * log2_3 - 1.0, 1e-15,
           "KL((1/4,3/4) || (1/2,1/2)) = 3 log2(3)/4 - 1 bits");
check_true(&c, fabs(pq - qp) > 0.01, "so KL is not symmetric");
check_near(&c, info_binary_kl(0.5, 0.25), info_kl(p, q, 2), 1e-16,
           "the coin divergence agrees with the general one");
#line 270 "chapters/companion/02-information.nw"
    
#line 296 "chapters/companion/02-information.nw"
double r[2] = {1.0, 0.0};
double p3[3] = {0.5, 0.5, 0.0}, q3[3] = {0.25, 0.75, 0.0};
check_true(&c, isinf(info_kl(p, r, 2)) && info_kl(p, r, 2) > 0,
           "KL(fair || point mass) = +infinity");
check_near(&c, info_bits(info_kl(r, p, 2)), 1.0, 1e-15,
           "KL(point mass || fair) = 1 bit");
check_true(&c, info_kl(p3, q3, 3) == info_kl(p, q, 2),
           "an outcome impossible under both adds nothing");
check_true(&c, isnan(info_kl(p, (double[]){1.5, -0.5}, 2)),
           "KL is NaN for entries outside [0, 1]");
#line 271 "chapters/companion/02-information.nw"
    
#line 322 "chapters/companion/02-information.nw"
double a = 0.3, b = a + 1e-7, d = b - a;     /* d is exact */
double series = d * d / 2 * (1 / a + 1 / (1 - a))
              - d * d * d / 3 * (1 / (a * a) - 1 / ((1 - a) * (1 - a)));
check_rel(&c, info_binary_kl(a, b), series, 1e-7,
          "KL(Bern(0.3) || Bern(0.3 + 1e-7)) matches its series");
check_rel(&c, info_binary_kl(1e-20, 2e-20), 1e-20 * (1 - log(2.0)),
          1e-12, "KL(Bern(1e-20) || Bern(2e-20)) = 1e-20 (1 - ln 2)");
#line 272 "chapters/companion/02-information.nw"
}
#line 103 "chapters/companion/02-information.nw"
    
#line 336 "chapters/companion/02-information.nw"
{
    double worst = 0.0;
    for (int k = 0; k < 1000; k++) {
        double p[10], q[10];
        size_t n = 2 + rng_below(&rng, 9);
        random_dist(&rng, p, n, 0.3);
        random_dist(&rng, q, n, 0.0);
        double split = info_entropy(p, n) + info_kl(p, q, n);
        worst = fmax(worst, fabs(info_cross_entropy(p, q, n) - split));
    }
    check_near(&c, worst, 0.0, 1e-13,
               "H(p,q) = H(p) + KL(p||q) on 1000 random pairs (worst)");
    double p[2] = {0.5, 0.5}, r[2] = {1.0, 0.0};
    double p3[3] = {0.5, 0.5, 0.0}, r3[3] = {1.0, 0.0, 0.0};
    check_true(&c, isinf(info_cross_entropy(p, r, 2))
               && info_cross_entropy(r, p, 2) == log(2.0),
               "H(fair, point) = infinity; H(point, fair) = ln 2");
    check_true(&c, info_cross_entropy(r3, p3, 3) == log(2.0),
               "an outcome impossible under both adds nothing to H");
}
#line 104 "chapters/companion/02-information.nw"
    
#line 363 "chapters/companion/02-information.nw"
{
    double worst = 0.0, split = 0.0;
    for (int k = 1; k < 64; k++) {
        double p = k / 64.0;
        worst = fmax(worst,
                     fabs(info_binary_cross_entropy(p, 1.0) + log(p)));
        worst = fmax(worst, fabs(info_binary_cross_entropy(p, 0.0)
                                 + log(1.0 - p)));
        for (int j = 0; j <= 8; j++) {
            double y = j / 8.0;
            double s = info_binary_entropy(y) + info_binary_kl(y, p);
            split = fmax(split,
                         fabs(info_binary_cross_entropy(p, y) - s));
        }
    }
    check_near(&c, worst, 0.0, 1e-15,
               "CE(p,1) = -ln p, CE(p,0) = -ln(1-p)");
    check_near(&c, split, 0.0, 1e-14, "CE(p,y) = h(y) + KL(y||p)");
    
#line 386 "chapters/companion/02-information.nw"
check_true(&c, isinf(info_binary_cross_entropy(0.0, 1.0))
           && isinf(info_binary_cross_entropy(1.0, 0.0)),
           "CE is infinite for a certain wrong answer");
check_true(&c, info_binary_cross_entropy(0.0, 0.0) == 0.0
           && info_binary_cross_entropy(1.0, 1.0) == 0.0,
           "CE is zero for a certain right answer");
check_rel(&c, info_binary_cross_entropy(1e-20, 0.0), 1e-20, 1e-12,
          "CE(1e-20, 0) = 1e-20 (log1p, not log(1 - p))");
check_true(&c, isnan(info_binary_cross_entropy(0.5, 2.0)),
           "CE is NaN for a target outside [0, 1]");
#line 382 "chapters/companion/02-information.nw"
}
#line 105 "chapters/companion/02-information.nw"
    
#line 409 "chapters/companion/02-information.nw"
{
    const double eta = 1e-5, ys[3] = {0.0, 0.3, 1.0};
    double dce = 0.0, dse = 0.0, same = 0.0;
    for (int k = -24; k <= 24; k++) {
        for (int j = 0; j < 3; j++) {
            double x = k / 4.0, y = ys[j];
            
#line 428 "chapters/companion/02-information.nw"
double pp = info_sigmoid(x + eta), pm = info_sigmoid(x - eta);
double fd_ce = (info_binary_cross_entropy(pp, y)
                - info_binary_cross_entropy(pm, y)) / (2 * eta);
double fd_se = (0.5 * (pp - y) * (pp - y)
                - 0.5 * (pm - y) * (pm - y)) / (2 * eta);
double naive = info_binary_cross_entropy(info_sigmoid(x), y);
dce = fmax(dce, fabs(info_logit_ce_grad(x, y) - fd_ce));
dse = fmax(dse, fabs(info_logit_se_grad(x, y) - fd_se));
same = fmax(same, fabs(info_logit_ce(x, y) - naive) / naive);
#line 416 "chapters/companion/02-information.nw"
        }
    }
    check_near(&c, dce, 0.0, 1e-8, "d CE(sigma(x), y)/dx = p - y");
    check_near(&c, dse, 0.0, 1e-8,
               "d (1/2)(sigma(x) - y)^2/dx = (p - y) p (1 - p)");
    check_near(&c, same, 0.0, 1e-12,
               "CE from the logit = CE of the sigmoid, |x| <= 6");
    
#line 446 "chapters/companion/02-information.nw"
check_true(&c, fabs(info_logit_se_grad(-10.0, 1.0)) < exp(-10.0)
           && info_logit_ce_grad(-10.0, 1.0) < -(1.0 - exp(-10.0)),
           "confidently wrong: SE gradient vanishes, CE's does not");
double top = info_logit_se_grad(-log(2.0), 1.0);
check_rel(&c, top, -4.0 / 27.0, 1e-14,
          "SE gradient -4/27 at x = -ln 2");
check_true(&c, fabs(info_logit_se_grad(-log(2.0) - 0.01, 1.0)) < -top
           && fabs(info_logit_se_grad(-log(2.0) + 0.01, 1.0)) < -top,
           "and that is its largest size");
check_rel(&c, info_logit_ce(-800.0, 1.0), 800.0, 1e-15,
          "CE(x = -800, y = 1) = 800, not infinity");
check_rel(&c, info_logit_ce(40.0, 1.0), exp(-40.0), 1e-12,
          "CE(x = 40, y = 1) = e^-40, not 0");
check_rel(&c, info_logit_ce_grad(40.0, 1.0), -exp(-40.0), 1e-12,
          "CE gradient at x = 40, y = 1 is -e^-40, not 0");
#line 424 "chapters/companion/02-information.nw"
}
#line 106 "chapters/companion/02-information.nw"
    return check_finish(&c);
}
