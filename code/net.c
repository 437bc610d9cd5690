#line 443 "chapters/07-network.nw"
/* net.c: the network, described as a list of operations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net.h"

#line 471 "chapters/07-network.nw"
net_config_t net_rtiny_config(void)
{
    net_config_t c = {
        .in_channels = 3, .height = 128, .width = 128,
        .stem_width = 16, .widths = {32, 64, 96, 128},
        .blocks = {1, 1, 1, 1}, .fpn_width = 64, .head_width = 64,
        .head_depth = 4, .num_classes = 3, .num_anchors = 9,
    };
    return c;
}

net_config_t net_check_config(void)
{
    net_config_t c = {
        .in_channels = 3, .height = 32, .width = 32,
        .stem_width = 4, .widths = {4, 6, 6, 8},
        .blocks = {1, 1, 1, 1}, .fpn_width = 6, .head_width = 5,
        .head_depth = 2, .num_classes = 2, .num_anchors = 2,
    };
    return c;
}
#line 511 "chapters/07-network.nw"
static int take_act(net_t *net, shape_t s, int alias, const char *tag)
{
    net_act_t *a = &net->a[net->nact];
    size_t count = (size_t)net->max_batch * shape_count(s);
    a->shape = s;
    a->tag = tag;
    a->x = alias >= 0 ? net->a[alias].x : arena_take(&net->act, count);
    a->dx = NULL;             /* placed by plan_grads (Chapter 12) */
    return net->nact++;
}

static int take_conv(net_t *net, const char *name, int cin, int cout,
                     int k, int stride)
{
    net_conv_t *c = &net->conv[net->nconv];
    conv_t l = {cin, cout, k, k, stride, k / 2, NULL, NULL, NULL, NULL};
    c->conv = l;
    c->norm = -1;
    snprintf(c->name, sizeof c->name, "%s", name);
    conv_bind(&c->conv, &net->params);
    return net->nconv++;
}
#line 543 "chapters/07-network.nw"
static int take_conv_norm(net_t *net, const char *name, int cin,
                          int cout, int k, int stride)
{
    int i = take_conv(net, name, cin, cout, k, stride);
    if (net->cfg.norm_groups > 0) {
        gnorm_t *g = &net->norm[net->nnorm];
        g->c = cout;
        g->groups = net->cfg.norm_groups;
        gnorm_bind(g, &net->params);
        net->conv[i].norm = net->nnorm++;
    }
    return i;
}
#line 566 "chapters/07-network.nw"
static int push(net_t *net, net_op_kind_t kind, int conv, int in,
                int in2, int out)
{
    net_op_t o = {kind, conv, in, in2, out, 0, 1};
    net->op[net->nop++] = o;
    return out;
}

/* The convolution alone (relu: a ReLU follows it or its norm). */
static int op_conv_alone(net_t *net, int conv, int in,
                         const char *tag, int relu)
{
    const conv_t *l = &net->conv[conv].conv;
    int norm = net->conv[conv].norm;
    int out = take_act(net, conv_out_shape(l, net->a[in].shape), -1,
                       norm < 0 ? tag : NULL);
    push(net, NET_CONV, conv, in, -1, out);
    net->op[net->nop - 1].relu = relu && norm < 0;
    return out;
}

/* The convolution's normalisation of its output x, if it has one. */
static int op_norm(net_t *net, int conv, int x, const char *tag,
                   int relu)
{
    int norm = net->conv[conv].norm;
    if (norm < 0)
        return x;
    int y = take_act(net, net->a[x].shape, -1, tag);
    push(net, NET_NORM, norm, x, -1, y);
    net->op[net->nop - 1].relu = relu;
    return y;
}

static int op_conv(net_t *net, int conv, int in, const char *tag)
{
    return op_norm(net, conv, op_conv_alone(net, conv, in, tag, 0),
                   tag, 0);
}
#line 608 "chapters/07-network.nw"
static int op_relu(net_t *net, int in, const char *tag)
{
    int out = take_act(net, net->a[in].shape, in, tag);
    return push(net, NET_RELU, -1, in, -1, out);
}

static int op_add(net_t *net, int in, int in2)
{
    int out = take_act(net, net->a[in].shape, -1, NULL);
    return push(net, NET_ADD, -1, in, in2, out);
}

static int op_up(net_t *net, int in)
{
    shape_t s = net->a[in].shape;
    s.h *= 2;
    s.w *= 2;
    return push(net, NET_UP, -1, in, -1, take_act(net, s, -1, NULL));
}

static int op_conv_relu(net_t *net, int conv, int in, const char *tag)
{
    return op_norm(net, conv, op_conv_alone(net, conv, in, tag, 1),
                   tag, 1);
}
#line 640 "chapters/07-network.nw"
static int basic_block(net_t *net, const char *name, int x)
{
    int c = net->a[x].shape.c;
    int w1 = take_conv_norm(net, name, c, c, 3, 1);
    int w2 = take_conv_norm(net, name, c, c, 3, 1);
    int t = op_conv(net, w2, op_conv_relu(net, w1, x, NULL), NULL);
    return op_relu(net, op_add(net, x, t), NULL);
}

static void build_backbone(net_t *net, int c[NET_STAGES])
{
    static const char *const tag[] = {"$C_2$", "$C_3$", "$C_4$",
                                      "$C_5$"};
    const net_config_t *g = &net->cfg;
    char name[16];
    int stem = take_conv_norm(net, "stem", g->in_channels,
                              g->stem_width, 3, 2);
    int x = op_conv_relu(net, stem, 0, "stem");
    for (int s = 0; s < NET_STAGES; s++) {
        snprintf(name, sizeof name, "C%d down", s + 2);
        int down = take_conv_norm(net, name, net->a[x].shape.c,
                                  g->widths[s], 3, 2);
        x = op_conv_relu(net, down, x, NULL);
        snprintf(name, sizeof name, "C%d block", s + 2);
        for (int b = 0; b < g->blocks[s]; b++)
            x = basic_block(net, name, x);
        net->a[x].tag = tag[s];
        c[s] = x;
    }
}
#line 676 "chapters/07-network.nw"
static void build_fpn(net_t *net, const int c[NET_STAGES],
                      int p[NET_LEVELS])
{
    static const char *const tag[] = {"$P_3$", "$P_4$", "$P_5$"};
    int f = net->cfg.fpn_width, lat[NET_LEVELS], out[NET_LEVELS];
    int m[NET_LEVELS];
    char name[16];
    for (int l = 0; l < NET_LEVELS; l++) {
        snprintf(name, sizeof name, "lateral %d", l + 3);
        int cin = net->a[c[l + 1]].shape.c;
        lat[l] = take_conv(net, name, cin, f, 1, 1);
    }
    for (int l = 0; l < NET_LEVELS; l++) {
        snprintf(name, sizeof name, "output P%d", l + 3);
        out[l] = take_conv(net, name, f, f, 3, 1);
    }
    m[NET_LEVELS - 1] = op_conv(net, lat[NET_LEVELS - 1],
                                c[NET_LEVELS], NULL);
    for (int l = NET_LEVELS - 2; l >= 0; l--)
        m[l] = op_add(net, op_conv(net, lat[l], c[l + 1], NULL),
                      op_up(net, m[l + 1]));
    for (int l = 0; l < NET_LEVELS; l++)
        p[l] = op_conv(net, out[l], m[l], tag[l]);
}
#line 709 "chapters/07-network.nw"
static void build_head(net_t *net, const char *tower, const char *last,
                       int nout, const int p[NET_LEVELS],
                       int res[NET_LEVELS])
{
    const net_config_t *g = &net->cfg;
    int conv[NET_MAX_DEPTH + 1], cin = g->fpn_width;
    for (int i = 0; i < g->head_depth; i++, cin = g->head_width)
        conv[i] = take_conv_norm(net, tower, cin, g->head_width, 3,
                                 1);
    conv[g->head_depth] = take_conv(net, last, cin, nout, 3, 1);
    int x[NET_LEVELS];
    for (int l = 0; l < NET_LEVELS; l++)
        x[l] = p[l];
    for (int i = 0; i < g->head_depth; i++) {
        const char *t = i == g->head_depth - 1 ? tower : NULL;
        int y[NET_LEVELS];
        for (int l = 0; l < NET_LEVELS; l++)
            y[l] = op_conv_alone(net, conv[i], x[l], l ? NULL : t, 1);
        for (int l = 0; l < NET_LEVELS; l++)
            x[l] = op_norm(net, conv[i], y[l], l ? NULL : t, 1);
    }
    for (int l = 0; l < NET_LEVELS; l++)
        res[l] = op_conv(net, conv[g->head_depth], x[l],
                         l == 0 ? last : NULL);
}
#line 1169 "chapters/12-speed.nw"
static void group_runs(net_t *net)
{
    int lead = -1;
    for (int i = 0; i < net->nop; i++) {
        net_op_t *o = &net->op[i], *h = lead >= 0 ? &net->op[lead] : o;
        if (o->kind != NET_CONV) {
            lead = -1;
        } else if (lead >= 0 && h->conv == o->conv
                   && h->relu == o->relu && h->runs < NET_LEVELS) {
            h->runs++;
            o->runs = 0;
        } else {
            lead = i;
            o->runs = 1;
        }
    }
    
#line 1190 "chapters/12-speed.nw"
net->scratch = 0;
for (int i = 0; i < net->nop; i++) {
    const net_op_t *o = &net->op[i];
    shape_t in[NET_LEVELS];
    if (o->kind != NET_CONV || o->runs == 0)
        continue;
    for (int k = 0; k < o->runs; k++) {
        in[k] = net->a[o[k].in].shape;
        in[k].n = net->max_batch;
    }
    size_t need = conv_runs_scratch(&net->conv[o->conv].conv, o->runs,
                                    in);
    net->scratch = need > net->scratch ? need : net->scratch;
}
#line 1186 "chapters/12-speed.nw"
}
#line 1740 "chapters/12-speed.nw"
static int op_time(const net_t *net, int i)
{
    while (net->op[i].kind == NET_CONV && net->op[i].runs == 0)
        i--;
    return i;
}

static void lifetimes(net_t *net, int born[], int die[])
{
    for (int a = 0; a < net->nact; a++)
        born[a] = die[a] = -1;
    for (int i = 0; i < net->nop; i++) {
        const net_op_t *o = &net->op[i];
        int t = op_time(net, i);
        born[o->out] = t;
        die[o->in] = die[o->in] > t ? die[o->in] : t;
        if (o->in2 >= 0)
            die[o->in2] = die[o->in2] > t ? die[o->in2] : t;
    }
    for (int l = 0; l < NET_LEVELS; l++)
        die[net->cls_act[l]] = die[net->box_act[l]] = net->nop;
    for (int a = 0; a < net->nact; a++)
        net->a[a].zero_at = die[a] = die[a] < born[a] ? born[a]
                                                      : die[a];
}
#line 1771 "chapters/12-speed.nw"
static void plan_grads(net_t *net)
{
    int born[NET_MAX_OPS + 1], die[NET_MAX_OPS + 1];
    int order[NET_MAX_OPS + 1], m = 0;
    size_t size[NET_MAX_OPS + 1], at[NET_MAX_OPS + 1], total = 0;
    lifetimes(net, born, die);
    for (int a = 1; a < net->nact; a++) {
        size[a] = ((size_t)net->max_batch * shape_count(net->a[a].shape)
                   + 15) / 16 * 16;
        int j = m++;
        for (; j > 0 && size[order[j - 1]] < size[a]; j--)
            order[j] = order[j - 1];
        order[j] = a;
    }
    
#line 1793 "chapters/12-speed.nw"
for (int k = 0; k < m; k++) {
    int a = order[k], moved = 1;
    at[a] = 0;
    while (moved) {
        moved = 0;
        for (int q = 0; q < k; q++) {
            int b = order[q];
            if (die[a] < born[b] || die[b] < born[a]
                || at[a] >= at[b] + size[b] || at[b] >= at[a] + size[a])
                continue;
            at[a] = at[b] + size[b];
            moved = 1;
        }
    }
    total = at[a] + size[a] > total ? at[a] + size[a] : total;
}
#line 1786 "chapters/12-speed.nw"
    float *base = arena_take(&net->dact, total);
    for (int a = 1; a < net->nact; a++)
        net->a[a].dx = base ? base + at[a] : NULL;
}
#line 1838 "chapters/12-speed.nw"
static void zero_grads(net_t *net, int t, int n)
{
    for (int a = 1; a < net->nact; a++)
        if (net->a[a].zero_at == t)
            memset(net->a[a].dx, 0, (size_t)n
                   * shape_count(net->a[a].shape) * sizeof(float));
}
#line 742 "chapters/07-network.nw"
static void build(net_t *net)
{
    const net_config_t *g = &net->cfg;
    int c[NET_STAGES], p[NET_LEVELS];
    net->nconv = net->nop = net->nact = net->nnorm = 0;
    net->scratch = 0;
    shape_t img = {1, g->in_channels, g->height, g->width};
    net_act_t image = {img, NULL, NULL, "image", -1};
    net->a[net->nact++] = image;
    build_backbone(net, c);
    build_fpn(net, c, p);
    net->first_head = net->nconv;
    build_head(net, "class tower", "class logits",
               g->num_anchors * g->num_classes, p, net->cls_act);
    net->cls_last = net->nconv - 1;
    build_head(net, "box tower", "box deltas", g->num_anchors * 4, p,
               net->box_act);
    group_runs(net);
    plan_grads(net);
}
#line 765 "chapters/07-network.nw"
int net_create(net_t *net, const net_config_t *cfg, int max_batch)
{
    char msg[160];
    memset(net, 0, sizeof *net);
    if (net_config_check(cfg, msg, sizeof msg) != NULL || max_batch < 1)
        return -1;
    net->cfg = *cfg;
    net->max_batch = max_batch;
    build(net);                                  /* plan */
    if (params_commit(&net->params) != 0
        || arena_commit(&net->act) != 0
        || arena_commit(&net->dact) != 0) {
        net_free(net);
        return -1;
    }
    build(net);                                  /* bind */
    for (int l = 0; l < NET_LEVELS; l++) {
        net->cls[l] = net->a[net->cls_act[l]].x;
        net->box[l] = net->a[net->box_act[l]].x;
    }
    return 0;
}

void net_free(net_t *net)
{
    params_free(&net->params);
    arena_free(&net->act);
    arena_free(&net->dact);
    net->nconv = net->nop = net->nact = net->nnorm = 0;
}

size_t net_scratch_size(const net_t *net) { return net->scratch; }
#line 851 "chapters/07-network.nw"
void net_init_weights(net_t *net, rng_t *r, double prior_pi)
{
    for (int i = 0; i < net->nconv; i++) {
        const conv_t *l = &net->conv[i].conv;
        if (i < net->first_head)
            conv_init_he(l, r);
        else
            conv_init_normal(l, r, 0.01);
    }
    conv_init_prior(&net->conv[net->cls_last].conv, prior_pi);
    for (int i = 0; i < net->nnorm; i++)
        gnorm_init(&net->norm[i]);
}
#line 695 "chapters/companion/12-speed.nw"
static int op_runs(const net_t *net, int i, const float *images,
                   int n, conv_run_t run[NET_LEVELS])
{
    const net_op_t *o = &net->op[i];
    for (int k = 0; k < o->runs; k++) {
        const net_act_t *in = &net->a[o[k].in];
        const net_act_t *out = &net->a[o[k].out];
        conv_run_t q = {in->shape, o[k].in == 0 ? images : in->x,
                        out->x, out->dx, in->dx};
        q.in.n = n;
        run[k] = q;
    }
    return o->runs;
}
#line 875 "chapters/07-network.nw"
static int net_usable(const layer_ctx_t *ctx, const net_t *net, int n)
{
    return n >= 1 && n <= net->max_batch
           && ctx->scratch_size >= net->scratch;
}

int net_forward(layer_ctx_t *ctx, net_t *net, const float *images,
                int n)
{
    conv_run_t run[NET_LEVELS];
    if (!net_usable(ctx, net, n))
        return -1;
    for (int i = 0; i < net->nop; i++) {
        const net_op_t *o = &net->op[i];
        
#line 914 "chapters/07-network.nw"
shape_t s = net->a[o->in].shape;
s.n = n;
size_t count = shape_count(s);
const float *x = o->in == 0 ? images : net->a[o->in].x;
#line 890 "chapters/07-network.nw"
        float *y = net->a[o->out].x;
        switch (o->kind) {
        case NET_CONV:
            conv_forward_runs(ctx, &net->conv[o->conv].conv,
                              op_runs(net, i, images, n, run), run,
                              o->relu);
            break;
        case NET_RELU: relu_forward(ctx, count, x, y); break;
        case NET_ADD:
            add_forward(ctx, count, x, net->a[o->in2].x, y); break;
        case NET_UP: upsample2_forward(ctx, s, x, y); break;
        case NET_NORM:
            if (o->relu)
                gnorm_relu_forward(ctx, &net->norm[o->conv], s, x, y);
            else
                gnorm_forward(ctx, &net->norm[o->conv], s, x, y);
            break;
        }
    }
    return 0;
}
#line 933 "chapters/07-network.nw"
int net_backward(layer_ctx_t *ctx, net_t *net, const float *images,
                 int n, const float *const dcls[NET_LEVELS],
                 const float *const dbox[NET_LEVELS])
{
    conv_run_t run[NET_LEVELS];
    if (!net_usable(ctx, net, n))
        return -1;
    zero_grads(net, net->nop, n);
    for (int l = 0; l < NET_LEVELS; l++) {
        float *gc = net->a[net->cls_act[l]].dx;
        float *gb = net->a[net->box_act[l]].dx;
        if (dcls[l])
            memcpy(gc, dcls[l], shape_count(net_cls_shape(net, l, n))
                                * sizeof *gc);
        if (dbox[l])
            memcpy(gb, dbox[l], shape_count(net_box_shape(net, l, n))
                                * sizeof *gb);
    }
    for (int i = net->nop - 1; i >= 0; i--) {
        const net_op_t *o = &net->op[i];
        
#line 914 "chapters/07-network.nw"
shape_t s = net->a[o->in].shape;
s.n = n;
size_t count = shape_count(s);
const float *x = o->in == 0 ? images : net->a[o->in].x;
#line 954 "chapters/07-network.nw"
        if (o->kind == NET_CONV && o->runs == 0)
            continue;             /* done with its group's first */
        zero_grads(net, i, n);
        
#line 964 "chapters/07-network.nw"
const float *dy = net->a[o->out].dx;
float *dx = net->a[o->in].dx;            /* NULL for the image */
switch (o->kind) {
case NET_CONV:
    conv_backward_runs(ctx, &net->conv[o->conv].conv,
                       op_runs(net, i, images, n, run), run, o->relu);
    break;
case NET_RELU:
    relu_backward(ctx, count, net->a[o->out].x, dy, dx); break;
case NET_ADD:
    add_backward(ctx, count, dy, dx, net->a[o->in2].dx); break;
case NET_UP: upsample2_backward(ctx, s, dy, dx); break;
case NET_NORM:
    if (o->relu)
        gnorm_relu_backward(ctx, &net->norm[o->conv], s, x,
                            net->a[o->out].x, net->a[o->out].dx, dx);
    else
        gnorm_backward(ctx, &net->norm[o->conv], s, x, dy, dx);
    break;
}
#line 958 "chapters/07-network.nw"
    }
    return 0;
}
#line 991 "chapters/07-network.nw"
void net_zero_grad(net_t *net) { params_zero_grad(&net->params); }
size_t net_num_params(const net_t *net)
{
    return net->params.value.size;
}
float *net_params(net_t *net) { return net->params.value.data; }
float *net_grads(net_t *net) { return net->params.grad.data; }

shape_t net_cls_shape(const net_t *net, int level, int n)
{
    shape_t s = net->a[net->cls_act[level]].shape;
    s.n = n;
    return s;
}

shape_t net_box_shape(const net_t *net, int level, int n)
{
    shape_t s = net->a[net->box_act[level]].shape;
    s.n = n;
    return s;
}
#line 1015 "chapters/07-network.nw"
long net_anchors_per_image(const net_t *net)
{
    long total = 0;
    for (int l = 0; l < NET_LEVELS; l++) {
        shape_t s = net_cls_shape(net, l, 1);
        total += (long)s.h * s.w * net->cfg.num_anchors;
    }
    return total;
}

net_layer_info_t net_layer_info(const net_t *net, int i)
{
    const conv_t *l = &net->conv[i].conv;
    size_t fan_in = (size_t)l->cin * l->kh * l->kw;
    net_layer_info_t r = {net->conv[i].name, 0, {0, 0, 0, 0},
                          {0, 0, 0, 0}, (fan_in + 1) * l->cout, 0.0};
    for (int j = 0; j < net->nop; j++) {
        const net_op_t *o = &net->op[j];
        if (o->kind != NET_CONV || o->conv != i)
            continue;
        if (r.uses++ == 0) {
            r.in = net->a[o->in].shape;
            r.out = net->a[o->out].shape;
        }
        r.macs += (double)fan_in * shape_count(net->a[o->out].shape);
    }
    return r;
}

double net_macs(const net_t *net)
{
    double total = 0.0;
    for (int i = 0; i < net->nconv; i++)
        total += net_layer_info(net, i).macs;
    return total;
}
#line 934 "chapters/companion/07-network.nw"
enum { NET_GC_BATCH = 2, NET_GC_STEPS = 9, NET_GC_PER_CONV = 3 };

typedef struct {
    net_t net;
    layer_ctx_t ctx;
    float *img, *v[2 * NET_LEVELS], *save;  /* save: theta */
    double *d, gmax;
} gc_state_t;

static double gc_step(int j) { return 1e-2 * pow(10.0, -0.25 * j); }

static double gc_error(const gc_state_t *s, double g, double fd)
{
    return fabs(g - fd)
           / fmax(1e-2 * s->gmax, fmax(fabs(g), fabs(fd)));
}
#line 954 "chapters/companion/07-network.nw"
static double gc_loss(gc_state_t *s)
{
    double loss = 0.0;
    net_t *net = &s->net;
    net_forward(&s->ctx, net, s->img, NET_GC_BATCH);
    for (int l = 0; l < NET_LEVELS; l++) {
        size_t nc = shape_count(net_cls_shape(net, l, NET_GC_BATCH));
        size_t nb = shape_count(net_box_shape(net, l, NET_GC_BATCH));
        for (size_t i = 0; i < nc; i++)
            loss += (double)s->v[l][i] * net->cls[l][i];
        for (size_t i = 0; i < nb; i++)
            loss += (double)s->v[NET_LEVELS + l][i] * net->box[l][i];
    }
    return loss;
}
#line 976 "chapters/companion/07-network.nw"
static double gc_direction(gc_state_t *s, double h)
{
    float *theta = net_params(&s->net);
    const float *g = net_grads(&s->net);
    size_t np = net_num_params(&s->net);
    double gd = 0.0, lp, lm;
    for (size_t i = 0; i < np; i++)
        theta[i] = (float)(s->save[i] + h * s->d[i]);
    lp = gc_loss(s);
    for (size_t i = 0; i < np; i++) {
        gd += (double)g[i] * theta[i];
        theta[i] = (float)(s->save[i] - h * s->d[i]);
        gd -= (double)g[i] * theta[i];
    }
    lm = gc_loss(s);
    memcpy(theta, s->save, np * sizeof *theta);
    return gc_error(s, gd, lp - lm);
}
#line 997 "chapters/companion/07-network.nw"
static double gc_single(gc_state_t *s, size_t i, double h)
{
    float *theta = net_params(&s->net);
    float up = (float)(s->save[i] + h), down = (float)(s->save[i] - h);
    theta[i] = up;
    double lp = gc_loss(s);
    theta[i] = down;
    double lm = gc_loss(s);
    theta[i] = s->save[i];
    double fd = (lp - lm) / ((double)up - (double)down);
    return gc_error(s, net_grads(&s->net)[i], fd);
}
#line 1018 "chapters/companion/07-network.nw"
int net_gradcheck(const net_config_t *cfg, uint64_t seed,
                  net_gc_result_t *res)
{
    gc_state_t s;
    rng_t r;
    memset(&s, 0, sizeof s);
    rng_seed(&r, seed);
    int ok = net_create(&s.net, cfg, NET_GC_BATCH) == 0
             && layer_ctx_init(&s.ctx, net_scratch_size(&s.net)) == 0;
    s.ctx.direct = 1;                    /* no Winograd (Chapter 12) */
    
#line 1047 "chapters/companion/07-network.nw"
size_t np = ok ? net_num_params(&s.net) : 1;
size_t nimg = (size_t)NET_GC_BATCH * cfg->in_channels * cfg->height
              * cfg->width;
s.img = malloc(nimg * sizeof *s.img);
s.save = malloc(np * sizeof *s.save);
s.d = malloc(np * sizeof *s.d);
ok = ok && s.img && s.save && s.d;
for (int j = 0; ok && j < 2 * NET_LEVELS; j++) {
    int l = j % NET_LEVELS;
    shape_t sh = j < NET_LEVELS
                 ? net_cls_shape(&s.net, l, NET_GC_BATCH)
                 : net_box_shape(&s.net, l, NET_GC_BATCH);
    ok = (s.v[j] = malloc(shape_count(sh) * sizeof(float))) != NULL;
    for (size_t i = 0; ok && i < shape_count(sh); i++)
        s.v[j][i] = (float)rng_normal(&r);
}
for (size_t i = 0; ok && i < nimg; i++)
    s.img[i] = (float)rng_uniform(&r);
for (int i = 0; ok && i < s.net.nconv; i++) {
    const conv_t *l = &s.net.conv[i].conv;
    conv_init_he(l, &r);
    for (int o = 0; o < l->cout; o++)
        l->b[o] = (float)(0.1 * rng_normal(&r));
}
for (int i = 0; ok && i < s.net.nnorm; i++)
    for (int o = 0; o < s.net.norm[i].c; o++) {
        s.net.norm[i].gamma[o] = (float)(1 + 0.1 * rng_normal(&r));
        s.net.norm[i].beta[o] = (float)(0.1 * rng_normal(&r));
    }
#line 1029 "chapters/companion/07-network.nw"
    if (ok) {
        
#line 1080 "chapters/companion/07-network.nw"
const float *dc[NET_LEVELS], *db[NET_LEVELS];
for (int l = 0; l < NET_LEVELS; l++) {
    dc[l] = s.v[l];
    db[l] = s.v[NET_LEVELS + l];
}
const float *g = net_grads(&s.net);
double norm = 0.0;
net_zero_grad(&s.net);
net_forward(&s.ctx, &s.net, s.img, NET_GC_BATCH);
net_backward(&s.ctx, &s.net, s.img, NET_GC_BATCH, dc, db);
memcpy(s.save, net_params(&s.net), np * sizeof *s.save);
for (size_t i = 0; i < np; i++) {
    s.gmax = fmax(s.gmax, fabs(g[i]));
    s.d[i] = rng_normal(&r);
    norm += s.d[i] * s.d[i];
}
for (size_t i = 0; i < np; i++)
    s.d[i] /= sqrt(norm);
#line 1031 "chapters/companion/07-network.nw"
        res->direction = HUGE_VAL;
        for (int j = 0; j < NET_GC_STEPS; j++)
            res->direction = fmin(res->direction,
                                  gc_direction(&s, gc_step(j)));
        
#line 1101 "chapters/companion/07-network.nw"
res->worst = 0.0;
res->samples = 0;
for (int c = 0; c < s.net.nconv; c++) {
    const conv_t *l = &s.net.conv[c].conv;
    uint32_t nw = (uint32_t)l->cout * l->cin * l->kh * l->kw;
    for (int k = 0; k < NET_GC_PER_CONV; k++) {
        const float *p = k == 0
                         ? l->b + rng_below(&r, (uint32_t)l->cout)
                         : l->w + rng_below(&r, nw);
        size_t i = (size_t)(p - net_params(&s.net));
        double e = HUGE_VAL;
        for (int j = 0; j < NET_GC_STEPS; j++)
            e = fmin(e, gc_single(&s, i, gc_step(j)));
        res->worst = fmax(res->worst, e);
        res->samples++;
    }
}
res->steps = NET_GC_STEPS;
#line 1036 "chapters/companion/07-network.nw"
    }
    free(s.img); free(s.save); free(s.d);
    for (int j = 0; j < 2 * NET_LEVELS; j++)
        free(s.v[j]);
    layer_ctx_free(&s.ctx);
    net_free(&s.net);
    return ok ? 0 : -1;
}
#line 1132 "chapters/companion/07-network.nw"
#define NET_BAD(...) \
    do { snprintf(msg, size, __VA_ARGS__); return msg; } while (0)
#define NET_RANGE(v, lo, hi, what) \
    if ((v) < (lo) || (v) > (hi)) \
        NET_BAD("%s %d must lie in [%d, %d]", what, v, lo, hi)

const char *net_config_check(const net_config_t *c, char *msg,
                             size_t size)
{
    NET_RANGE(c->in_channels, 1, 64, "in_channels");
    NET_RANGE(c->height, 32, 4096, "height");
    NET_RANGE(c->width, 32, 4096, "width");
    if (c->height % 32 || c->width % 32)
        NET_BAD("input %dx%d: height and width must be multiples "
                "of 32", c->height, c->width);
    NET_RANGE(c->stem_width, 1, 4096, "stem_width");
    for (int s = 0; s < NET_STAGES; s++) {
        NET_RANGE(c->widths[s], 1, 4096, "a stage's width");
        NET_RANGE(c->blocks[s], 0, NET_MAX_BLOCKS, "a stage's blocks");
    }
    NET_RANGE(c->fpn_width, 1, 4096, "fpn_width");
    NET_RANGE(c->head_width, 1, 4096, "head_width");
    NET_RANGE(c->norm_groups, 0, 64, "norm_groups");
    
#line 1169 "chapters/companion/07-network.nw"
if (c->norm_groups > 0) {
    int w[NET_STAGES + 2] = {c->stem_width, c->head_width};
    for (int s = 0; s < NET_STAGES; s++)
        w[s + 2] = c->widths[s];
    for (int s = 0; s < NET_STAGES + 2; s++)
        if (w[s] % c->norm_groups)
            NET_BAD("norm_groups %d does not divide width %d",
                    c->norm_groups, w[s]);
}
#line 1156 "chapters/companion/07-network.nw"
    NET_RANGE(c->head_depth, 0, NET_MAX_DEPTH, "head_depth");
    NET_RANGE(c->num_classes, 1, 1000, "num_classes");
    NET_RANGE(c->num_anchors, 1, 64, "num_anchors");
    return NULL;
}
#undef NET_RANGE
#undef NET_BAD
