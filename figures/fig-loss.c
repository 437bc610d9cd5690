#line 910 "chapters/companion/03-focal-loss.nw"
/* fig-loss.c: the figures, tables and numbers of the focal-loss
   chapter.  Usage: GAMMA=g ALPHA=a fig-loss OUTDIR */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figout.h"
#include "loss.h"

#line 948 "chapters/companion/03-focal-loss.nw"
static int read_setting(loss_spec *book)
{
    const char *a = getenv("ALPHA"), *why;
    *book = loss_spec_default();
    if (fig_env_double("GAMMA", book->gamma, 0, LOSS_GAMMA_MAX,
                       &book->gamma) != 0)
        return 1;
    if (a && strcmp(a, "none") == 0)
        book->alpha = LOSS_ALPHA_OFF;
    else if (fig_env_double("ALPHA", book->alpha, LOSS_ALPHA_OFF, 1,
                            &book->alpha) != 0)
        return 1;
    if ((why = loss_spec_check(book)) != NULL) {
        fprintf(stderr, "ALPHA: %s\n", why);
        return 1;
    }
    return 0;
}
#line 972 "chapters/companion/03-focal-loss.nw"
#define OFF LOSS_ALPHA_OFF

static double lossv(loss_kind k, double g, double a, double b,
                    double x, int t, double *grad)
{
    loss_spec s = {k, g, a, b};
    return loss_eval(&s, x, t, grad);
}

static double logit(double p) { return log(p) - log1p(-p); }
#line 990 "chapters/companion/03-focal-loss.nw"
static const char *tex(char *buf, size_t n, double v, int sig)
{
    char e[32];
    if (isnan(v))
        snprintf(buf, n, "\\mathrm{NaN}");
    else if (isinf(v))
        snprintf(buf, n, "%s\\infty", v < 0 ? "-" : "");
    else if (v == 0)
        snprintf(buf, n, "0");
    else if (fabs(v) >= pow(10, sig - 1) && fabs(v) < 1e4)
        snprintf(buf, n, "%.0f", v);       /* no exponent, no point */
    else if (fabs(v) >= 1e-3 && fabs(v) < 1e4)
        snprintf(buf, n, "%.*g", sig, v);
    else {
        snprintf(e, sizeof e, "%.*e", sig - 1, v);
        char *x = strchr(e, 'e');
        *x = '\0';
        snprintf(buf, n, "%s\\times10^{%d}", e, atoi(x + 1));
    }
    return buf;
}

static const char *alpha_tex(char *buf, size_t n, double alpha)
{
    if (alpha < 0)
        snprintf(buf, n, "no $\\alpha$");
    else
        snprintf(buf, n, "$\\alpha = %g$", alpha);
    return buf;
}
#line 1028 "chapters/companion/03-focal-loss.nw"
static double naive_focal(double x_t, double g, double *grad)
{
    double p = 1.0 / (1.0 + exp(-x_t));
    double w = pow(1.0 - p, g), l = -log(p);
    double dw_dp = -g * pow(1.0 - p, g - 1.0);  /* inf at p = 1 */
    double dl_dp = -1.0 / p;                     /* -inf at p = 0 */
    *grad = (dw_dp * l + w * dl_dp) * (p * (1.0 - p));
    return w * l;
}
#line 1047 "chapters/companion/03-focal-loss.nw"
/* |dFL/dx| / |dCE/dx| at P_T, without alpha, from loss_eval. */
static double grad_ratio(double gamma, double p_t)
{
    loss_spec fl = {LOSS_FOCAL, gamma, LOSS_ALPHA_OFF, 0};
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    double x = log(p_t) - log1p(-p_t), g_fl, g_ce;
    loss_eval(&fl, x, 1, &g_fl);
    loss_eval(&ce, x, 1, &g_ce);
    return g_fl / g_ce;
}

typedef struct { double ratio, p_t, one; } grad_peak;
#line 1062 "chapters/companion/03-focal-loss.nw"
/* The peak of grad_ratio over p_t, where it is, and the p_t above
   the peak at which the ratio is 1 again. */
static grad_peak grad_ratio_peak(double gamma)
{
    const double phi = 0.6180339887498949;
    double a = 1e-9, b = 0.9;
    double c = b - phi * (b - a), d = a + phi * (b - a);
    for (int i = 0; i < 200; i++) {
        if (grad_ratio(gamma, c) > grad_ratio(gamma, d)) b = d;
        else a = c;
        c = b - phi * (b - a);
        d = a + phi * (b - a);
    }
    grad_peak r = {grad_ratio(gamma, (a + b) / 2), (a + b) / 2, 0};
    double lo = r.p_t, hi = 1 - 1e-9;          /* ratio > 1 at lo */
    for (int i = 0; i < 200; i++) {
        double m = (lo + hi) / 2;
        if (grad_ratio(gamma, m) > 1) lo = m; else hi = m;
    }
    r.one = (lo + hi) / 2;
    return r;
}
#line 1092 "chapters/companion/03-focal-loss.nw"
static int write_plots(const char *dir, const loss_spec *bk)
{
    fig_file o;
    static const double gs[] = {0, 0.5, 1, 2, 5};
    if (fig_open(&o, dir, "loss-pt.dat"))
        return 1;
    fprintf(o.f, "pt g0 g05 g1 g2 g5 book\n");
    for (int i = 1; i <= 500; i++) {
        double p_t = i / 500.0, x_t = logit(p_t);
        fprintf(o.f, "%g", p_t);
        for (int j = 0; j < 5; j++)
            fprintf(o.f, " %.6g",
                    lossv(LOSS_FOCAL, gs[j], OFF, 0, x_t, 1, NULL));
        fprintf(o.f, " %.6g\n",
                lossv(LOSS_FOCAL, bk->gamma, OFF, 0, x_t, 1, NULL));
    }
    if (fig_close(&o))
        return 1;
    
#line 1117 "chapters/companion/03-focal-loss.nw"
if (fig_open(&o, dir, "loss-xt.dat"))
    return 1;
fprintf(o.f, "xt Lce Lfl2 Lbook Ls21 Ls40 Gce Gfl2 Gbook Gs21 Gs40\n");
for (int i = 0; i <= 800; i++) {
    double x = -10 + i / 40.0, L[5], G[5];
    L[0] = lossv(LOSS_CE, 0, OFF, 0, x, 1, &G[0]);
    L[1] = lossv(LOSS_FOCAL, 2, OFF, 0, x, 1, &G[1]);
    L[2] = lossv(LOSS_FOCAL, bk->gamma, OFF, 0, x, 1, &G[2]);
    L[3] = lossv(LOSS_FOCAL_STAR, 2, LOSS_ALPHA_OFF, 1, x, 1, &G[3]);
    L[4] = lossv(LOSS_FOCAL_STAR, 4, OFF, 0, x, 1, &G[4]);
    fprintf(o.f, "%g", x);
    for (int j = 0; j < 10; j++)
        fprintf(o.f, " %.6g", j < 5 ? L[j] : G[j - 5]);
    fputc('\n', o.f);
}
if (fig_close(&o))
    return 1;
#line 1111 "chapters/companion/03-focal-loss.nw"
    
#line 1137 "chapters/companion/03-focal-loss.nw"
if (fig_open(&o, dir, "loss-alpha.dat"))
    return 1;
fprintf(o.f, "p pos neg cepos ceneg\n");
for (int i = 1; i < 400; i++) {
    double p = i / 400.0, x = logit(p);
    fprintf(o.f, "%g %.6g %.6g %.6g %.6g\n", p,
            loss_eval(bk, x, 1, NULL), loss_eval(bk, x, 0, NULL),
            lossv(LOSS_CE, 0, OFF, 0, x, 1, NULL),
            lossv(LOSS_CE, 0, OFF, 0, x, 0, NULL));
}
if (fig_close(&o))
    return 1;
#line 1112 "chapters/companion/03-focal-loss.nw"
    return 0;
}
#line 1156 "chapters/companion/03-focal-loss.nw"
static FILE *table_open(fig_file *o, const char *dir, const char *name,
                        const char *head)
{
    if (fig_open(o, dir, name))
        return NULL;
    fprintf(o->f, "\\begin{tabular}%s\\\\\n\\midrule\n", head);
    return o->f;
}

static void cell(FILE *f, double v, int sig)
{
    char b[64];
    fprintf(f, " & $%s$", tex(b, sizeof b, v, sig));
}

static int table_close(fig_file *o)
{
    fputs("\\bottomrule\n\\end{tabular}\n", o->f);
    return fig_close(o);
}

#line 1196 "chapters/companion/03-focal-loss.nw"
static int write_downweight(const char *dir, const loss_spec *bk)
{
    double gs[] = {0.5, 1, 2, 5, bk->gamma};
    double pts[] = {0.5, 0.9, 1 - sqrt(0.001), 0.99};
    int marked = 0;
    fig_file o;
    FILE *f = table_open(&o, dir, "loss-downweight.tex", "{lrrrr}\n"
        "\\toprule\n & \\multicolumn{4}{c}{$p_t$}\\\\\n\\cmidrule(l)"
        "{2-5} & $0.5$ & $0.9$ & $1-\\sqrt{0.001}$ & $0.99$");
    if (!f)
        return 1;
    for (int r = 0; r < 5 && !(r == 4 && marked); r++) {
        int mine = gs[r] == bk->gamma;
        marked |= mine;
        fprintf(f, "$\\gamma = %g$%s", gs[r],
                mine ? " (this book)" : "");
        for (int j = 0; j < 4; j++) {
            double x = logit(pts[j]);
            cell(f, lossv(LOSS_CE, 0, OFF, 0, x, 1, NULL)
                    / lossv(LOSS_FOCAL, gs[r], OFF, 0, x, 1, NULL), 3);
        }
        fputs("\\\\\n", f);
    }
    return table_close(&o);
}
#line 1226 "chapters/companion/03-focal-loss.nw"
static int write_four(const char *dir, const loss_spec *bk)
{
    static const char *name[] = {"hard positive", "hard negative",
                                 "easy positive", "easy negative"};
    loss_spec col[4] = {{LOSS_CE, 0, OFF, 0}, {LOSS_FOCAL, 2, 0.75, 0},
                        {LOSS_FOCAL, 2, 0.25, 0}, *bk};
    char head[400], a[40];
    fig_file o;
    snprintf(head, sizeof head, "{lcrrrr}\n\\toprule\nexample & $p_t$ &"
             " CE & FL, $\\gamma=2$ & FL, $\\gamma=2$ & this book\\\\\n"
             " & & & $\\alpha=.75$ & $\\alpha=.25$ & $\\gamma=%g$, %s",
             bk->gamma, alpha_tex(a, sizeof a, bk->alpha));
    FILE *f = table_open(&o, dir, "loss-four.tex", head);
    if (!f)
        return 1;
    for (int r = 0; r < 4; r++) {
        double p_t = r < 2 ? 0.1 : 0.9;
        int t = r % 2 == 0;
        fprintf(f, "%s & %g", name[r], p_t);
        for (int j = 0; j < 4; j++)
            cell(f, loss_eval(&col[j], (t ? 1 : -1) * logit(p_t), t,
                              NULL), 3);
        fputs("\\\\\n", f);
    }
    return table_close(&o);
}
#line 1258 "chapters/companion/03-focal-loss.nw"
static int write_init(const char *dir, const loss_spec *bk)
{
    loss_spec row[3] = {{LOSS_CE, 0, OFF, 0},
                        {LOSS_CE, 0, bk->alpha, 0}, *bk};
    double bias[2] = {0, loss_prior_bias(0.01)};
    char a[40];
    fig_file o;
    FILE *f = table_open(&o, dir, "loss-init.tex", "{lrrrrrr}\n"
        "\\toprule\n & \\multicolumn{3}{c}{$b = 0$} & \\multicolumn{3}"
        "{c}{prior, $\\pi = .01$}\\\\\n\\cmidrule(lr){2-4}\\cmidrule(l)"
        "{5-7} & positive & negative & $10^5$ neg. & positive & "
        "negative & $10^5$ neg.");
    if (!f)
        return 1;
    for (int r = 0; r < 3; r++) {
        if (r == 0) fputs("CE", f);
        alpha_tex(a, sizeof a, bk->alpha);
        if (r == 1) fprintf(f, "CE, %s", a);
        if (r == 2) fprintf(f, "FL, $\\gamma = %g$, %s", bk->gamma, a);
        for (int j = 0; j < 2; j++) {
            double neg = loss_eval(&row[r], bias[j], 0, NULL);
            cell(f, loss_eval(&row[r], bias[j], 1, NULL), 4);
            cell(f, neg, 4);
            cell(f, 1e5 * neg, 4);
        }
        fputs("\\\\\n", f);
    }
    return table_close(&o);
}
#line 1294 "chapters/companion/03-focal-loss.nw"
static int write_naive(const char *dir)
{
    static const double xs[] = {-800, -40, 0, 10, 36, 37, 100};
    fig_file o;
    FILE *f = table_open(&o, dir, "loss-naive.tex", "{rrrrrrr}\n"
        "\\toprule\n & \\multicolumn{4}{c}{$\\gamma = 0.5$} & "
        "\\multicolumn{2}{c}{$\\gamma = 0$, derivative}\\\\\n"
        "\\cmidrule(lr){2-5}\\cmidrule(l){6-7}\n$x_t$ & naive loss & "
        "naive deriv. & loss & derivative & naive & stable");
    if (!f)
        return 1;
    for (int r = 0; r < 7; r++) {
        double x = xs[r], ng, g;
        fprintf(f, "$%g$", x);
        cell(f, naive_focal(x, 0.5, &ng), 3);
        cell(f, ng, 3);
        cell(f, lossv(LOSS_FOCAL, 0.5, OFF, 0, x, 1, &g), 3);
        cell(f, g, 3);
        naive_focal(x, 0.0, &ng);
        lossv(LOSS_FOCAL, 0.0, OFF, 0, x, 1, &g);
        cell(f, ng, 3);
        cell(f, g, 3);
        fputs("\\\\\n", f);
    }
    return table_close(&o);
}
#line 1326 "chapters/companion/03-focal-loss.nw"
static int write_session(const char *dir, const loss_spec *bk)
{
    static const double xs[] = {0, 2, 1.5, -3};
    static const int ts[] = {1, 1, 0, 1};
    fig_file o;
    if (fig_open(&o, dir, "loss-session.tex"))
        return 1;
    fprintf(o.f, "\\begin{verbatim}\n$ printf '0 1\\n2 1\\n1.5 0\\n"
            "# hard:\\n-3 1\\n' |\n      build/retina loss --gamma %g"
            " --alpha ", bk->gamma);
    fprintf(o.f, bk->alpha < 0 ? "none\n" : "%g\n", bk->alpha);
    for (int i = 0; i < 4; i++) {
        if (i == 3)
            fputs("# hard:\n", o.f);
        loss_print_line(o.f, bk, xs[i], ts[i]);
    }
    fputs("\\end{verbatim}\n", o.f);
    return fig_close(&o);
}

#line 1183 "chapters/companion/03-focal-loss.nw"
static int write_tables(const char *dir, const loss_spec *bk)
{
    return write_downweight(dir, bk) || write_four(dir, bk)
        || write_init(dir, bk) || write_naive(dir)
        || write_session(dir, bk);
}
#line 1351 "chapters/companion/03-focal-loss.nw"
static void macro(FILE *f, const char *name, double v, int sig)
{
    char b[64];
    fig_macro(f, name, "%s", tex(b, sizeof b, v, sig));
}

static int write_numbers(const char *dir, const loss_spec *bk)
{
    fig_file o;
    if (fig_open(&o, dir, "loss-numbers.tex"))
        return 1;
    FILE *f = o.f;
    
#line 1374 "chapters/companion/03-focal-loss.nw"
{
    double easy = logit(0.99), hard = logit(0.1);
    double ce_e = lossv(LOSS_CE, 0, OFF, 0, easy, 1, NULL);
    double ce_h = lossv(LOSS_CE, 0, OFF, 0, hard, 1, NULL);
    double fl_e = lossv(LOSS_FOCAL, 2, OFF, 0, easy, 1, NULL);
    double fl_h = lossv(LOSS_FOCAL, 2, OFF, 0, hard, 1, NULL);
    macro(f, "lossCEEasy", ce_e, 4);
    macro(f, "lossIntroNegCE", 1e5 * ce_e, 4);
    macro(f, "lossIntroPosCE", 10 * ce_h, 4);
    macro(f, "lossIntroNegFL", 1e5 * fl_e, 4);
    macro(f, "lossIntroPosFL", 10 * fl_h, 4);
    macro(f, "lossCEHalf", lossv(LOSS_CE, 0, OFF, 0, 0, 1, NULL), 4);
    macro(f, "lossCENine", lossv(LOSS_CE, 0, OFF, 0, logit(0.9), 1,
                                 NULL), 3);
}
#line 1364 "chapters/companion/03-focal-loss.nw"
    
#line 1392 "chapters/companion/03-focal-loss.nw"
{
    double p3 = 1 - sqrt(0.001), x9 = logit(0.9), x3 = logit(p3);
    double ce0 = lossv(LOSS_CE, 0, OFF, 0, 0, 1, NULL);
    double ce9 = lossv(LOSS_CE, 0, OFF, 0, x9, 1, NULL);
    double ce3 = lossv(LOSS_CE, 0, OFF, 0, x3, 1, NULL);
    double r5 = lossv(LOSS_FOCAL, 2, OFF, 0, 0, 1, NULL) / ce0;
    macro(f, "lossRatioHalf", r5, 3);
    macro(f, "lossFactorHalf", 1 / r5, 3);
    macro(f, "lossFactorNine",
          ce9 / lossv(LOSS_FOCAL, 2, OFF, 0, x9, 1, NULL), 4);
    macro(f, "lossPtThousand", p3, 6);
    macro(f, "lossFactorThousand",
          ce3 / lossv(LOSS_FOCAL, 2, OFF, 0, x3, 1, NULL), 4);
    macro(f, "lossBookFactorNine",
          ce9 / lossv(LOSS_FOCAL, bk->gamma, OFF, 0, x9, 1, NULL), 3);
    macro(f, "lossHardEasy",
          lossv(LOSS_FOCAL, 2, .25, 0, logit(0.1), 1, NULL)
          / lossv(LOSS_FOCAL, 2, .25, 0, x9, 1, NULL), 3);
}
#line 1365 "chapters/companion/03-focal-loss.nw"
    
#line 1421 "chapters/companion/03-focal-loss.nw"
{
    grad_peak two = grad_ratio_peak(2), five = grad_ratio_peak(5);
    macro(f, "lossRatioPeak", two.ratio, 3);
    macro(f, "lossRatioPeakPt", two.p_t, 3);
    macro(f, "lossRatioOnePt", two.one, 3);
    macro(f, "lossRatioPeakFive", five.ratio, 3);
    macro(f, "lossRatioPeakFivePt", five.p_t, 3);
    double lo = 0, min2 = 0, min5 = 0, g;
    for (int i = 0; i <= 800; i++) {
        double x = -10 + i / 40.0;
        lossv(LOSS_FOCAL, 2, OFF, 0, x, 1, &g);
        min2 = fmin(min2, g);
        lossv(LOSS_FOCAL, 5, OFF, 0, x, 1, &g);
        min5 = fmin(min5, g);
        lossv(LOSS_FOCAL, bk->gamma, OFF, 0, x, 1, &g);
        lo = fmin(lo, fmin(g, min2));
    }
    macro(f, "lossGradMinTwo", min2, 3);
    macro(f, "lossGradMinFive", min5, 3);
    fig_macro(f, "lossXtGradYmin", "%.1f", floor(10 * lo - 0.5) / 10);
}
#line 1366 "chapters/companion/03-focal-loss.nw"
    
#line 1449 "chapters/companion/03-focal-loss.nw"
{
    double lo = 30, hi = 40, nlo = -720, nhi = -700;
    for (int i = 0; i < 60; i++) {       /* [lo, hi): rounds to 1 */
        double m = (lo + hi) / 2, n = (nlo + nhi) / 2;
        if (1.0 / (1.0 + exp(-m)) == 1.0) hi = m; else lo = m;
        if (1.0 / (1.0 + exp(-n)) == 0.0) nlo = n; else nhi = n;
    }
    macro(f, "lossCliff", hi, 4);
    macro(f, "lossNaiveZero", nhi, 5);
    loss_fd_report r = loss_worst_gradient_error();
    macro(f, "lossFDWorst", r.worst, 2);
    fprintf(f, "\\newcommand{\\lossFDCases}{%ld}\n", r.cases);
}
#line 1367 "chapters/companion/03-focal-loss.nw"
    
#line 1465 "chapters/companion/03-focal-loss.nw"
{
    double b = loss_prior_bias(0.01);
    loss_spec fl = loss_spec_default();
    loss_spec ce = {LOSS_CE, 0, LOSS_ALPHA_OFF, 0};
    fprintf(f, "\\newcommand{\\lossPriorBias}{%.6f}\n", b);
    macro(f, "lossPriorSigmoid", loss_sigmoid(b), 6);
    macro(f, "lossInitCEPos", loss_eval(&ce, b, 1, NULL), 5);
    macro(f, "lossInitCENeg", loss_eval(&ce, b, 0, NULL), 4);
    macro(f, "lossInitFLPos", loss_eval(&fl, b, 1, NULL), 5);
    macro(f, "lossInitFLNeg", loss_eval(&fl, b, 0, NULL), 3);
    macro(f, "lossInitSumHalf", 1e5 * loss_eval(&ce, 0, 0, NULL), 4);
    macro(f, "lossInitSumCE", 1e5 * loss_eval(&ce, b, 0, NULL), 4);
    macro(f, "lossInitSumFL", 1e5 * loss_eval(&fl, b, 0, NULL), 3);
}
#line 1368 "chapters/companion/03-focal-loss.nw"
    
#line 1482 "chapters/companion/03-focal-loss.nw"
{
    double g;
    macro(f, "lossFLZero", lossv(LOSS_FOCAL, 2, OFF, 0, 0, 1, &g), 6);
    macro(f, "lossFLZeroGrad", g, 6);
    macro(f, "lossExAPos", lossv(LOSS_FOCAL, 1, .5, 0, 0, 1, &g), 4);
    macro(f, "lossExAPosGrad", g, 4);
    macro(f, "lossExANeg", lossv(LOSS_FOCAL, 1, .5, 0, 3, 0, &g), 4);
    macro(f, "lossExANegGrad", g, 4);
    macro(f, "lossExBNeg", lossv(LOSS_FOCAL, 2, .5, 0, 3, 0, &g), 4);
    macro(f, "lossExBNegGrad", g, 4);
}
#line 1369 "chapters/companion/03-focal-loss.nw"
    return fig_close(&o);
}

#line 928 "chapters/companion/03-focal-loss.nw"
int main(int argc, char **argv)
{
    loss_spec book;
    if (argc != 2) {
        fprintf(stderr, "usage: fig-loss OUTDIR\n");
        return 2;
    }
    if (read_setting(&book) != 0)
        return 2;
    if (write_plots(argv[1], &book) || write_tables(argv[1], &book)
        || write_numbers(argv[1], &book))
        return 1;
    return 0;
}
