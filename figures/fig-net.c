#line 438 "chapters/companion/07-network.nw"
/* fig-net.c: the architecture and initialisation tables and the
   numbers of the network chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figout.h"
#include "net.h"

#line 460 "chapters/companion/07-network.nw"
static void put_int(FILE *f, long long v)
{
    if (v >= 1000) {
        put_int(f, v / 1000);
        fprintf(f, "\\,%03lld", v % 1000);
    } else {
        fprintf(f, "%lld", v);
    }
}

static void put_num(FILE *f, double v)
{
    if (v == 0 || (fabs(v) >= 1e-2 && fabs(v) < 1e4)) {
        fprintf(f, "%.3g", v);
        return;
    }
    int e = (int)floor(log10(fabs(v)));
    fprintf(f, "%.2f\\times10^{%d}", v / pow(10, e), e);
}

static void put_shape(FILE *f, shape_t s)
{
    fprintf(f, "$%d{\\times}%d{\\times}%d$", s.c, s.h, s.w);
}
#line 490 "chapters/companion/07-network.nw"
static int same_row(net_layer_info_t a, net_layer_info_t b)
{
    return strcmp(a.name, b.name) == 0 && a.in.c == b.in.c
           && a.out.c == b.out.c && a.in.h == b.in.h;
}

static int write_arch(const char *dir, const net_t *net)
{
    fig_file o;
    if (fig_open(&o, dir, "net-arch.tex") != 0)
        return -1;
    fputs("\\begin{tabular}{lllrr}\n\\toprule\nconvolution & input"
          " & output & parameters & multiply-adds \\\\\n\\midrule\n",
          o.f);
    for (int i = 0, j; i < net->nconv; i = j) {
        net_layer_info_t a = net_layer_info(net, i);
        for (j = i + 1; j < net->nconv
                        && same_row(a, net_layer_info(net, j)); j++)
            ;
        fprintf(o.f, j - i > 1 ? "%s ($\\times%d$) & " : "%s & ",
                a.name, j - i);
        put_shape(o.f, a.in); fputs(" & ", o.f);
        put_shape(o.f, a.out); fputs(" & ", o.f);
        put_int(o.f, (long long)a.params * (j - i)); fputs(" & ", o.f);
        put_int(o.f, (long long)a.macs * (j - i));
        fputs(" \\\\\n", o.f);
    }
    fputs("\\midrule\ntotal & & & ", o.f);
    put_int(o.f, (long long)net_num_params(net)); fputs(" & ", o.f);
    put_int(o.f, (long long)net_macs(net));
    fputs(" \\\\\n\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o);
}
#line 529 "chapters/companion/07-network.nw"
enum { INIT_BATCH = 4 };

static int measure(layer_ctx_t *ctx, net_t *net, const float *img,
                   double *sd)
{
    int k = 0;
    if (net_forward(ctx, net, img, INIT_BATCH) != 0)
        return -1;
    for (int i = 1; i < net->nact; i++) {
        const net_act_t *a = &net->a[i];
        if (a->tag == NULL)
            continue;
        size_t n = INIT_BATCH * shape_count(a->shape);
        double s1 = 0, s2 = 0;
        for (size_t j = 0; j < n; j++) {
            s1 += a->x[j];
            s2 += (double)a->x[j] * a->x[j];
        }
        sd[k++] = sqrt(fmax(0.0, s2 / n - (s1 / n) * (s1 / n)));
    }
    return k;
}
#line 557 "chapters/companion/07-network.nw"
static int write_init(const char *dir, FILE *num, layer_ctx_t *ctx,
                      net_t *net, const float *img)
{
    double he[NET_MAX_OPS], small[NET_MAX_OPS];
    rng_t r;
    fig_file o;
    rng_seed(&r, 1);
    net_init_weights(net, &r, 0.01);
    int k = measure(ctx, net, img, he);
    
#line 579 "chapters/companion/07-network.nw"
double psum = 0, pmax = 0;
long pcount = 0;
for (int l = 0; l < NET_LEVELS; l++) {
    size_t n = shape_count(net_cls_shape(net, l, INIT_BATCH));
    for (size_t j = 0; j < n; j++) {
        double p = 1 / (1 + exp(-(double)net->cls[l][j]));
        psum += p;
        pmax = fmax(pmax, p);
        pcount++;
    }
}
fprintf(num, "\\newcommand{\\netInitMeanP}{%.5f}\n", psum / pcount);
fprintf(num, "\\newcommand{\\netInitMaxP}{%.5f}\n", pmax);
fprintf(num, "\\newcommand{\\netInitBatch}{%d}\n", INIT_BATCH);
#line 567 "chapters/companion/07-network.nw"
    for (int i = 0; i < net->nconv; i++)
        conv_init_normal(&net->conv[i].conv, &r, 0.01);
    conv_init_prior(&net->conv[net->cls_last].conv, 0.01);
    if (k < 0 || measure(ctx, net, img, small) != k
        || fig_open(&o, dir, "net-init.tex") != 0)
        return -1;
    
#line 596 "chapters/companion/07-network.nw"
fputs("\\begin{tabular}{lll}\n\\toprule\nactivation & He, heads"
      " $\\sigma = 0.01$ & $\\sigma = 0.01$ everywhere \\\\\n"
      "\\midrule\n", o.f);
for (int i = 1, j = 0; i < net->nact; i++) {
    const char *tag = net->a[i].tag;
    if (tag == NULL)
        continue;
    if (strcmp(tag, "$P_3$") == 0) {
        fputs("\\newcommand{\\netInitSmallPthree}{$", num);
        put_num(num, small[j]);
        fputs("$}\n", num);
    }
    fprintf(o.f, "%s & $", tag);
    put_num(o.f, he[j]);
    fputs("$ & $", o.f);
    put_num(o.f, small[j++]);
    fputs("$ \\\\\n", o.f);
}
fputs("\\bottomrule\n\\end{tabular}\n", o.f);
#line 574 "chapters/companion/07-network.nw"
    return fig_close(&o);
}
#line 621 "chapters/companion/07-network.nw"
static void write_numbers(FILE *num, const net_t *net)
{
    const net_config_t *g = &net->cfg;
    shape_t p5 = net_cls_shape(net, NET_LEVELS - 1, 1);
    double base5 = 2.0 * g->height / p5.h, biggest = base5 * cbrt(4);
    double heads = 0, mb = 1024.0 * 1024.0;
    long pixels = net_anchors_per_image(net) / g->num_anchors;
    for (int i = net->first_head; i < net->nconv; i++)
        heads += net_layer_info(net, i).macs;
    fprintf(num, "\\newcommand{\\netImage}{%d}\n", g->height);
    fprintf(num, "\\newcommand{\\netPsixSide}{%d}\n", p5.h / 2);
    fprintf(num, "\\newcommand{\\netPfiveAnchor}{%.0f}\n", biggest);
    fprintf(num, "\\newcommand{\\netPfiveLong}{%.0f}\n",
            biggest * sqrt(2.0));
    fprintf(num, "\\newcommand{\\netPsixAnchor}{%.0f}\n", 2 * base5);
    fprintf(num, "\\newcommand{\\netPixels}{%ld}\n", pixels);
    fprintf(num, "\\newcommand{\\netAnchors}{%ld}\n",
            net_anchors_per_image(net));
    
#line 647 "chapters/companion/07-network.nw"
fputs("\\newcommand{\\netParams}{", num);
put_int(num, (long long)net_num_params(net));
fprintf(num, "}\n\\newcommand{\\netParamsMB}{%.1f}\n",
        net_num_params(net) * 4.0 / mb);
fprintf(num, "\\newcommand{\\netActMB}{%.1f}\n",
        (net->act.size + net->dact.size) * 4.0 / net->max_batch / mb);
fprintf(num, "\\newcommand{\\netScratchKB}{%.0f}\n",
        net_scratch_size(net) * 4.0 / 1024);
fprintf(num, "\\newcommand{\\netMacs}{%.3f}\n", net_macs(net) / 1e9);
fprintf(num, "\\newcommand{\\netHeadShare}{%.0f}\n",
        100 * heads / net_macs(net));
#line 640 "chapters/companion/07-network.nw"
    fprintf(num, "\\newcommand{\\netPriorPi}{%g}\n", 0.01);
    fprintf(num, "\\newcommand{\\netPriorBias}{%.4f}\n",
            prior_bias(0.01));
}
#line 661 "chapters/companion/07-network.nw"
static int write_gradcheck(FILE *num)
{
    net_config_t g = net_check_config();
    net_gc_result_t r;
    if (net_gradcheck(&g, NET_GC_SEED, &r) != 0)
        return -1;
    fputs("\\newcommand{\\netGcDir}{$", num);
    put_num(num, r.direction);
    fputs("$}\n\\newcommand{\\netGcWorst}{$", num);
    put_num(num, r.worst);
    fputs("$}\n\\newcommand{\\netGcTolDir}{$", num);
    put_num(num, NET_GC_TOL_DIR);
    fputs("$}\n\\newcommand{\\netGcTol}{$", num);
    put_num(num, NET_GC_TOL);
    fputs("$}\n\\newcommand{\\netGcTolNorm}{$", num);
    put_num(num, NET_GC_TOL_NORM);
    fprintf(num, "$}\n\\newcommand{\\netGcSamples}{%d}\n", r.samples);
    fprintf(num, "\\newcommand{\\netGcSteps}{%d}\n", r.steps);
    return 0;
}
#line 684 "chapters/companion/07-network.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-net OUTPUT-DIRECTORY\n");
        return 2;
    }
    net_config_t cfg = net_rtiny_config();
    net_t net;
    layer_ctx_t ctx;
    fig_file num;
    size_t n = (size_t)INIT_BATCH * 3 * cfg.height * cfg.width;
    float *img = malloc(n * sizeof *img);
    rng_t r;
    rng_seed(&r, 2);
    for (size_t i = 0; img && i < n; i++)
        img[i] = (float)rng_uniform(&r);
    int bad = img == NULL || net_create(&net, &cfg, INIT_BATCH) != 0
              || layer_ctx_init(&ctx, net_scratch_size(&net)) != 0
              || fig_open(&num, argv[1], "net-numbers.tex") != 0;
    if (!bad) {
        write_numbers(num.f, &net);
        bad = write_arch(argv[1], &net) != 0
              || write_init(argv[1], num.f, &ctx, &net, img) != 0
              || write_gradcheck(num.f) != 0;
        bad |= fig_close(&num) != 0;
    }
    free(img);
    return bad;
}
