#line 384 "chapters/companion/13-experiments.nw"
/* exper.c: the experiments' network, statistics and loss
   distribution. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exper.h"

net_config_t exper_narrow_net(void)
{
    net_config_t n = train_config_default().net;
    n.stem_width /= 2;
    for (int s = 0; s < NET_STAGES; s++)
        n.widths[s] /= 2;
    n.fpn_width /= 2;
    n.head_width /= 2;
    n.head_depth = (n.head_depth + 1) / 2;
    return n;
}

#line 89 "chapters/13-experiments.nw"
double exper_t95(int df)
{
    static const double t[11] = {0, 12.7062, 4.3027, 3.1824, 2.7764,
        2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281};
    double z = 1.959964, k = df, z3 = z * z * z, z5 = z3 * z * z;
    if (df < 1) return NAN;
    if (df <= 10) return t[df];
    return z + (z3 + z) / (4 * k)
           + (5 * z5 + 16 * z3 + 3 * z) / (96 * k * k);
}

int exper_paired(const double *x, const double *y, int n,
                 exper_ci_t *out)
{
    double sum = 0, ss = 0;
    memset(out, 0, sizeof *out);
    if (n < 2) return -1;
    for (int i = 0; i < n; i++) sum += x[i] - y[i];
    double mean = sum / n;
    for (int i = 0; i < n; i++)
        ss += (x[i] - y[i] - mean) * (x[i] - y[i] - mean);
    double sd = sqrt(ss / (n - 1)), h = exper_t95(n - 1) * sd / sqrt(n);
    *out = (exper_ci_t){n, mean, sd, mean - h, mean + h};
    return 0;
}

int exper_verdict(const exper_ci_t *ci)
{
    return ci->lo > 0 ? 1 : ci->hi < 0 ? -1 : 0;
}
#line 762 "chapters/13-experiments.nw"
double exper_imbalance(const scene_config_t *cfg, uint64_t seed,
                       int scenes)
{
    anchor_grid_t g;
    anchor_targets_t t;
    object_t o[SCENE_MAX_OBJECTS];
    double fg = 0, bg = 0;
    if (anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE))
        return -1;
    if (anchor_targets_alloc(&t, g.count)) {
        anchor_grid_free(&g);
        return -1;
    }
    for (int k = 0; k < scenes; k++) {
        int n = scene_objects(cfg, seed, SCENE_TRAIN, k, o);
        if (anchor_assign(&g.cfg, g.box, g.count, o, n, &t)) break;
        fg += t.num_fg;
        bg += t.num_bg;
    }
    anchor_targets_free(&t);
    anchor_grid_free(&g);
    return fg > 0 ? bg / fg : 0;
}
#line 413 "chapters/companion/13-experiments.nw"
int exper_losses(layer_ctx_t *ctx, net_t *net,
                 const anchor_config_t *anchors, uint64_t seed,
                 int scenes, const double *gamma, int ngamma,
                 exper_losses_t *out)
{
    anchor_grid_t g = {0};
    anchor_targets_t t;
    scene_config_t sc = scene_config_default();
    int B = net->max_batch, K = net->cfg.num_classes, bad;
    size_t npix = (size_t)SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE;
    scene_t *s = malloc((size_t)B * sizeof *s);
    float *x = malloc((size_t)B * npix * sizeof *x);
    memset(out, 0, sizeof *out);
    bad = !s || !x || ngamma > EXPER_MAX_GAMMAS || K > 64
          || anchor_grid_create(&g, anchors, SCENE_SIZE, SCENE_SIZE)
          || g.num_anchors != net->cfg.num_anchors;
    if (!bad) {
        size_t cap = (size_t)scenes * g.count * ngamma;
        out->fg = malloc(cap * sizeof(double));
        out->bg = malloc(cap * sizeof(double));
        bad = !out->fg || !out->bg || anchor_targets_alloc(&t, g.count);
        out->ngamma = ngamma;
        memcpy(out->gamma, gamma, ngamma * sizeof *gamma);
        
#line 457 "chapters/companion/13-experiments.nw"
size_t cap1 = (size_t)scenes * g.count;
for (int i0 = 0; i0 < scenes && !bad; i0 += B) {
    int m = scenes - i0 < B ? scenes - i0 : B;
    for (int b = 0; b < m; b++) {
        scene_generate(&sc, seed, SCENE_VAL, i0 + b, &s[b]);
        train_input(x + b * npix, s[b].pixels, npix);
    }
    bad = net_forward(ctx, net, x, m) != 0;
    for (int b = 0; b < m && !bad; b++) {
        bad = anchor_assign(&g.cfg, g.box, g.count, s[b].objects,
                            s[b].count, &t) != 0;
        for (int i = 0; i < g.count && !bad; i++) {
            
#line 482 "chapters/companion/13-experiments.nw"
int label = t.label[i];
float v[64];
if (label == ANCHOR_IGNORE) continue;
anchor_read(&g, net->cls, b, i, K, v);
long at = label > 0 ? out->nfg++ : out->nbg++;
for (int q = 0; q < ngamma; q++) {
    loss_spec ls = {LOSS_FOCAL, gamma[q], LOSS_ALPHA_OFF, 0};
    double sum = 0;
    for (int k = 0; k < K; k++)
        sum += loss_eval(&ls, v[k], label == k + 1, NULL);
    (label > 0 ? out->fg : out->bg)[q * cap1 + at] = sum;
}
#line 470 "chapters/companion/13-experiments.nw"
        }
    }
}
for (int q = 1; q < ngamma && !bad; q++) {
    memmove(out->fg + q * out->nfg, out->fg + q * cap1,
            out->nfg * sizeof(double));
    memmove(out->bg + q * out->nbg, out->bg + q * cap1,
            out->nbg * sizeof(double));
}
#line 437 "chapters/companion/13-experiments.nw"
        anchor_targets_free(&t);
    }
    anchor_grid_free(&g);
    free(s); free(x);
    if (bad) exper_losses_free(out);
    return bad ? -1 : 0;
}

void exper_losses_free(exper_losses_t *l)
{
    free(l->fg); free(l->bg);
    memset(l, 0, sizeof *l);
}
#line 500 "chapters/companion/13-experiments.nw"
static int increasing(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void exper_cdf(double *x, long n, int m, double *frac, double *cum)
{
    double total = 0, sum = 0;
    long k = 0;
    qsort(x, (size_t)n, sizeof *x, increasing);
    for (long i = 0; i < n; i++) total += x[i];
    for (int j = 0; j < m; j++) {
        long upto = (long)((double)j / (m - 1) * n + 0.5);
        while (k < upto) sum += x[k++];
        frac[j] = (double)j / (m - 1);
        cum[j] = total > 0 ? sum / total : 0;
    }
}

double exper_share(const double *x, long n, double part)
{
    double total = 0, sum = 0;
    long k = n;
    for (long i = 0; i < n; i++) total += x[i];
    while (k > 0 && sum < part * total) sum += x[--k];
    return n ? (double)(n - k) / n : 0;
}
