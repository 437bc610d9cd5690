#line 438 "chapters/companion/07-network.nw"
/* fig-net.c: the architecture and initialisation tables and the
   numbers of the network chapter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figout.h"
#include "image.h"
#include "net.h"

#line 463 "chapters/companion/07-network.nw"
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
#line 493 "chapters/companion/07-network.nw"
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
#line 532 "chapters/companion/07-network.nw"
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
#line 560 "chapters/companion/07-network.nw"
static int write_init(const char *dir, FILE *num, layer_ctx_t *ctx,
                      net_t *net, const float *img)
{
    double he[NET_MAX_OPS], small[NET_MAX_OPS];
    rng_t r;
    fig_file o;
    rng_seed(&r, 1);
    net_init_weights(net, &r, 0.01);
    int k = measure(ctx, net, img, he);
    
#line 582 "chapters/companion/07-network.nw"
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
#line 570 "chapters/companion/07-network.nw"
    for (int i = 0; i < net->nconv; i++)
        conv_init_normal(&net->conv[i].conv, &r, 0.01);
    conv_init_prior(&net->conv[net->cls_last].conv, 0.01);
    if (k < 0 || measure(ctx, net, img, small) != k
        || fig_open(&o, dir, "net-init.tex") != 0)
        return -1;
    
#line 599 "chapters/companion/07-network.nw"
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
#line 577 "chapters/companion/07-network.nw"
    return fig_close(&o);
}
#line 624 "chapters/companion/07-network.nw"
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
    
#line 650 "chapters/companion/07-network.nw"
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
#line 643 "chapters/companion/07-network.nw"
    fprintf(num, "\\newcommand{\\netPriorPi}{%g}\n", 0.01);
    fprintf(num, "\\newcommand{\\netPriorBias}{%.4f}\n",
            prior_bias(0.01));
}
#line 667 "chapters/companion/07-network.nw"
static int write_shares(const char *dir, const net_t *net)
{
    double np = (double)net_num_params(net), nm = net_macs(net);
    double sp[NET_MAX_CONVS], sm[NET_MAX_CONVS];
    int rows = 0;
    fig_file o;
    if (fig_open(&o, dir, "net-shares.tex") != 0) return -1;
    fputs("\\begin{tikzpicture}\n\\begin{axis}[book, xbar, "
          "width=0.7\\textwidth,\n  height=0.62\\textwidth, "
          "bar width=3pt, y dir=reverse, xmin=0,\n  "
          "enlarge y limits=0.04,\n  legend style={at={(0.97,0.37)},"
          " anchor=east},\n  "
          "xlabel={share of R-tiny's total, per cent},\n  "
          "yticklabel style={font=\\scriptsize}, ytick=data,\n"
          "  yticklabels={", o.f);
    for (int i = 0, j; i < net->nconv; i = j, rows++) {
        net_layer_info_t a = net_layer_info(net, i);
        for (j = i + 1; j < net->nconv
                        && same_row(a, net_layer_info(net, j)); j++)
            ;
        fprintf(o.f, j - i > 1 ? "%s{%s ($\\times%d$)}" : "%s{%s}",
                rows ? "," : "", a.name, j - i);
        sp[rows] = 100.0 * a.params * (j - i) / np;
        sm[rows] = 100.0 * a.macs * (j - i) / nm;
    }
    fputs("}]\n", o.f);
    for (int t = 0; t < 2; t++) {
        fputs("\\addplot coordinates {", o.f);
        for (int r = 0; r < rows; r++)
            fprintf(o.f, "(%.2f,%d) ", t ? sm[r] : sp[r], r);
        fputs("};\n", o.f);
    }
    fputs("\\legend{parameters, multiply-adds}\n\\end{axis}\n"
          "\\end{tikzpicture}\n", o.f);
    return fig_close(&o);
}
#line 716 "chapters/companion/07-network.nw"
/* The receptive field r[a] and jump j[a] of every activation. */
static void fields(const net_t *net, double *r, double *j)
{
    for (int a = 0; a < net->nact; a++) r[a] = j[a] = 1;
    for (int i = 0; i < net->nop; i++) {
        const net_op_t *op = &net->op[i];
        double ri = r[op->in], ji = j[op->in];
        if (op->kind == NET_CONV) {
            const conv_t *c = &net->conv[op->conv].conv;
            ri += (c->kh - 1) * ji;
            ji *= c->stride;
        } else if (op->kind == NET_UP) {
            ji /= 2;
        } else if (op->kind == NET_ADD) {
            ri = fmax(ri, r[op->in2]);
        }
        r[op->out] = ri;
        j[op->out] = ji;
    }
}
#line 747 "chapters/companion/07-network.nw"
/* map[y][x] = sum over colours of |d logit / d image|, for the first
   logit at the cell (h/2, w/2) of level l; 0 or -1. */
static int field_map(layer_ctx_t *ctx, net_t *net, const float *img,
                     int l, float *map)
{
    const net_op_t *o = &net->op[0];
    shape_t cs = net_cls_shape(net, l, 1), is = net->a[0].shape;
    size_t hw = (size_t)is.h * is.w;
    float *d = calloc(shape_count(cs), sizeof *d);
    float *dimg = calloc(3 * hw, sizeof *dimg);
    const float *dcls[NET_LEVELS] = {0}, *dbox[NET_LEVELS] = {0};
    int bad = !d || !dimg || o->kind != NET_CONV || o->in != 0;
    if (!bad) {
        d[(size_t)(cs.h / 2) * cs.w + cs.w / 2] = 1;
        dcls[l] = d;
        bad = net_forward(ctx, net, img, 1) != 0
              || net_backward(ctx, net, img, 1, dcls, dbox) != 0;
    }
    if (!bad) {
        
#line 779 "chapters/companion/07-network.nw"
float *dy = net->a[o->out].dx;
const float *y = net->a[o->out].x;
size_t m = shape_count(net->a[o->out].shape);
for (size_t i = 0; o->relu && i < m; i++)
    if (y[i] <= 0) dy[i] = 0;
conv_backward(ctx, &net->conv[o->conv].conv, is, img, dy, dimg);
#line 767 "chapters/companion/07-network.nw"
        for (size_t p = 0; p < hw; p++)
            map[p] = fabsf(dimg[p]) + fabsf(dimg[hw + p])
                     + fabsf(dimg[2 * hw + p]);
    }
    free(d); free(dimg);
    return bad ? -1 : 0;
}
#line 791 "chapters/companion/07-network.nw"
static int field_png(const char *dir, int l, const float *map, int h,
                     int w)
{
    image_t im;
    char path[1024], err[DATA_ERR_SIZE];
    float top = 0;
    for (int p = 0; p < h * w; p++) top = fmaxf(top, map[p]);
    if (image_alloc(&im, w, h) != 0) return -1;
    for (int p = 0; p < h * w; p++) {
        double v = top > 0 ? sqrt(map[p] / top) : 0;
        im.rgb[3 * p] = (unsigned char)(255 - v * 235);
        im.rgb[3 * p + 1] = (unsigned char)(255 - v * 195);
        im.rgb[3 * p + 2] = (unsigned char)(255 - v * 95);
    }
    snprintf(path, sizeof path, "%s/net-field-%d.png", dir, l + 3);
    int st = image_write_png(path, &im, err, sizeof err);
    if (st != 0) fprintf(stderr, "fig-net: %s\n", err);
    image_free(&im);
    return st;
}
#line 817 "chapters/companion/07-network.nw"
static int write_fields(const char *dir, FILE *num, layer_ctx_t *ctx,
                        net_t *net, const float *img)
{
    static const char *lv[] = {"Three", "Four", "Five"};
    double r[NET_MAX_OPS + 1], j[NET_MAX_OPS + 1];
    int h = net->cfg.height, w = net->cfg.width;
    double side = h, u = 4.0 / side;   /* cm per pixel */
    float *map = malloc((size_t)h * w * sizeof *map);
    fig_file o;
    fields(net, r, j);
    if (!map || fig_open(&o, dir, "net-fields.tex") != 0) {
        free(map);
        return -1;
    }
    fputs("\\begin{tikzpicture}\n", o.f);
    for (int l = 0; l < NET_LEVELS; l++) {
        shape_t cs = net_cls_shape(net, l, 1);
        double st = side / cs.h, c = (cs.h / 2) * st;  /* the cell */
        if (field_map(ctx, net, img, l, map) != 0
            || field_png(dir, l, map, h, w) != 0) {
            fclose(o.f); free(map);
            return -1;
        }
        
#line 851 "chapters/companion/07-network.nw"
fprintf(o.f, "\\begin{scope}[xshift=%.1fcm, x=%.5fcm, y=-%.5fcm]\n"
        "\\node[anchor=north west, inner sep=0] at (0,0) "
        "{\\includegraphics[width=4cm]"
        "{figures/out/net-field-%d.png}};\n"
        "\\draw[gray!40, very thin, step=%g] (0,0) grid (%g,%g);\n"
        "\\draw[thick] (0,0) rectangle (%g,%g);\n", 4.6 * l, u, u,
        l + 3, st, side, side, side, side);
fprintf(o.f, "\\draw[red!80!black, thick, dashed] (%.1f,%.1f)"
        " rectangle (%.1f,%.1f);\n\\draw[black, thick] (%.1f,%.1f) "
        "rectangle (%.1f,%.1f);\n", c + st / 2 - st, c + st / 2 - st,
        c + st / 2 + st, c + st / 2 + st, c, c, c + st, c + st);
fprintf(o.f, "\\node[below, font=\\small] at (%g,%g)"
        " {$P_%d$: cell %.0f, anchor %.0f pixels};\n"
        "\\end{scope}\n", side / 2, side + 4, l + 3, st, 2 * st);
#line 841 "chapters/companion/07-network.nw"
        fprintf(num, "\\newcommand{\\netField%s}{%.0f}\n", lv[l],
                r[net->cls_act[l]]);
    }
    fputs("\\end{tikzpicture}\n", o.f);
    free(map);
    return fig_close(&o);
}
#line 868 "chapters/companion/07-network.nw"
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
#line 891 "chapters/companion/07-network.nw"
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
              || write_shares(argv[1], &net) != 0
              || write_init(argv[1], num.f, &ctx, &net, img) != 0
              || write_gradcheck(num.f) != 0
              || write_fields(argv[1], num.f, &ctx, &net, img) != 0;
        bad |= fig_close(&num) != 0;
    }
    free(img);
    return bad;
}
