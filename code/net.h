#line 196 "chapters/07-network.nw"
/* net.h: the detector's network: a residual backbone, a feature
   pyramid P3-P5 and two heads shared across the pyramid's levels. */
#ifndef NET_H
#define NET_H
#include <stddef.h>
#include <stdint.h>
#include "layers.h"
#include "rng.h"
#include "tensor.h"

#line 221 "chapters/07-network.nw"
enum { NET_LEVELS = 3,        /* P3, P4, P5 */
       NET_STAGES = 4,        /* C2, C3, C4, C5 */
       NET_MAX_BLOCKS = 8,    /* residual blocks per stage */
       NET_MAX_DEPTH = 8 };   /* convs in a head's tower */

typedef struct {
    int in_channels;           /* 3 for RGB */
    int height, width;         /* input size; multiples of 32 */
    int stem_width;            /* channels of the stem */
    int widths[NET_STAGES];    /* channels of C2..C5 */
    int blocks[NET_STAGES];    /* residual blocks in each stage */
    int fpn_width;             /* F, channels of P3..P5 */
    int head_width;            /* channels of the towers */
    int head_depth;            /* 3x3 conv + ReLU layers per tower */
    int num_classes;           /* K */
    int num_anchors;           /* A, anchors per position */
    int norm_groups;           /* G of group norm; 0: none */
} net_config_t;
#line 251 "chapters/07-network.nw"
enum { NET_MAX_CONVS = 1 + NET_STAGES * (1 + 2 * NET_MAX_BLOCKS)
                       + 2 * NET_LEVELS + 2 * (NET_MAX_DEPTH + 1),
       NET_MAX_NORMS = 1 + NET_STAGES * (1 + 2 * NET_MAX_BLOCKS)
                       + 2 * NET_MAX_DEPTH,
       NET_MAX_OPS = 2 + NET_STAGES * (2 + 5 * NET_MAX_BLOCKS)
                     + 10 + 2 * NET_LEVELS * (2 * NET_MAX_DEPTH + 1)
                     + NET_MAX_NORMS * NET_LEVELS
};
typedef enum { NET_CONV, NET_RELU, NET_ADD, NET_UP, NET_NORM }
    net_op_kind_t;

typedef struct {
    net_op_kind_t kind;
    int conv;            /* index into net_t.conv, or for NET_NORM
                            into net_t.norm */
    int in, in2, out;    /* activations; in2 for NET_ADD only */
    int relu;            /* NET_CONV, NET_NORM: a ReLU follows, fused */
    int runs;            /* NET_CONV: ops run as one (Chapter 12) */
} net_op_t;

typedef struct {
    shape_t shape;       /* of one image (shape.n == 1) */
    float *x, *dx;       /* values, gradients; [max_batch][c][h][w] */
    const char *tag;     /* a name for statistics, or NULL */
    int zero_at;         /* net_backward zeroes dx before this op */
} net_act_t;

typedef struct {
    conv_t conv;
    int norm;            /* the group norm after it, or -1 */
    char name[16];
} net_conv_t;
#line 298 "chapters/07-network.nw"
typedef struct {
    net_config_t cfg;
    int max_batch;
    params_t params;         /* weights and biases, gradients */
    arena_t act, dact;       /* activations, their gradients */
    int nconv, nop, nact;
    net_conv_t conv[NET_MAX_CONVS];   /* in parameter order */
    int nnorm;
    gnorm_t norm[NET_MAX_NORMS];      /* group norms, if any */
    net_op_t op[NET_MAX_OPS];         /* in forward order */
    net_act_t a[NET_MAX_OPS + 1];
    int first_head, cls_last;         /* indices into conv */
    int cls_act[NET_LEVELS], box_act[NET_LEVELS];
    size_t scratch;          /* floats of im2col scratch needed */
    /* After net_forward: level l's outputs (0 = P3, 1 = P4, 2 = P5);
       shapes net_cls_shape and net_box_shape.  Read only. */
    const float *cls[NET_LEVELS], *box[NET_LEVELS];
} net_t;
#line 349 "chapters/07-network.nw"
net_config_t net_rtiny_config(void);
net_config_t net_check_config(void);
const char *net_config_check(const net_config_t *cfg, char *msg,
                             size_t size);

int net_create(net_t *net, const net_config_t *cfg, int max_batch);
void net_free(net_t *net);
size_t net_scratch_size(const net_t *net);
void net_init_weights(net_t *net, rng_t *r, double prior_pi);

int net_forward(layer_ctx_t *ctx, net_t *net, const float *images,
                int n);
int net_backward(layer_ctx_t *ctx, net_t *net, const float *images,
                 int n, const float *const dcls[NET_LEVELS],
                 const float *const dbox[NET_LEVELS]);
void net_zero_grad(net_t *net);
#line 371 "chapters/07-network.nw"
size_t net_num_params(const net_t *net);
float *net_params(net_t *net);
float *net_grads(net_t *net);
/* [n][A*K][H_l][W_l] and [n][A*4][H_l][W_l] for level l. */
shape_t net_cls_shape(const net_t *net, int level, int n);
shape_t net_box_shape(const net_t *net, int level, int n);
long net_anchors_per_image(const net_t *net);
double net_macs(const net_t *net);    /* per image, forward */

typedef struct {
    const char *name;
    int uses;            /* levels it runs at: 1 or NET_LEVELS */
    shape_t in, out;     /* per image, at its first use */
    size_t params;       /* weights and biases */
    double macs;         /* multiply-adds per image, all uses */
} net_layer_info_t;
/* Convolution i, 0 <= i < net->nconv. */
net_layer_info_t net_layer_info(const net_t *net, int i);
#line 1103 "chapters/07-network.nw"
typedef struct {
    double direction;   /* relative error along a random direction */
    double worst;       /* worst relative error of single parameters */
    int samples;        /* how many single parameters were checked */
    int steps;          /* steps tried, 1e-2 down to 1e-4 */
} net_gc_result_t;
/* Check net_backward against central differences on a network of
   configuration cfg (keep it small), with the given seed; 0, or -1
   if memory ran out. */
int net_gradcheck(const net_config_t *cfg, uint64_t seed,
                  net_gc_result_t *res);
#line 421 "chapters/companion/07-network.nw"
#define NET_GC_SEED 2017u   /* the seed of the book's gradient check */
#define NET_GC_TOL_DIR 1e-4 /* the tests' limit along a direction */
#define NET_GC_TOL 2e-2     /* and for single parameters */
#define NET_GC_TOL_NORM 5e-2  /* the same, with group norm */
#line 412 "chapters/07-network.nw"
/* s = net_cls_shape(...): the logit of anchor a, class k. */
static inline size_t net_cls_at(shape_t s, int num_classes, int n,
                                int a, int k, int y, int x)
{
    return shape_at(s, n, a * num_classes + k, y, x);
}

/* s = net_box_shape(...): coordinate j (dx, dy, dw, dh) of anchor a. */
static inline size_t net_box_at(shape_t s, int n, int a, int j,
                                int y, int x)
{
    return shape_at(s, n, a * 4 + j, y, x);
}
#line 210 "chapters/07-network.nw"
#endif
