#line 39 "chapters/11-training.nw"
/* train.h: the detector's trainer: data, steps, validation. */
#ifndef TRAIN_H
#define TRAIN_H
#include <stddef.h>
#include <stdint.h>
#include "coco.h"
#include "detloss.h"
#include "eval.h"
#include "net.h"
#include "sampling.h"
#include "scene.h"
#include "sgd.h"

#line 66 "chapters/11-training.nw"
enum { TRAIN_BATCH = 8, TRAIN_ITERS = 3200, TRAIN_WARMUP = 100,
       TRAIN_MAX_BATCH = 256, TRAIN_OK = 0, TRAIN_NOMEM = -1,
       TRAIN_NONFINITE = -2, TRAIN_BAD_SIZE = 64,
       TRAIN_NORM_GROUPS = 8, TRAIN_HEAD_DEPTH = 3 };
#define TRAIN_LR 0.04
#define TRAIN_PRIOR 0.01
#define TRAIN_CLIP 1.0
#line 78 "chapters/11-training.nw"
typedef struct {
    net_config_t net;      /* the network; 128 x 128, 3 classes */
    detloss_spec_t loss;   /* class loss (FL or CE) and smooth L1 */
    sgd_config_t sgd;      /* lr, momentum, decay, the schedule */
    int batch;             /* images per step */
    uint64_t seed;         /* initial weights and the data stream */
    double prior_pi;       /* the classifier's initial probability */
    double clip;           /* largest gradient norm; 0: no clipping */
    int sampling;          /* SAMPLING_NONE, or a heuristic (ch. 13) */
    scene_config_t scenes; /* the data: Chapter 13's imbalance knob */
    anchor_config_t anchors; /* the grid and the assignment (ch. 8) */
} train_config_t;
#line 93 "chapters/11-training.nw"
typedef struct {
    train_config_t cfg;
    net_t net;
    layer_ctx_t ctx;             /* scratch and threads */
    float *velocity;             /* SGD momentum, like the params */
    rng_t rng;                   /* after drawing the initial weights */
    long step;                   /* steps taken */
    /* Buffers of one step. */
    scene_config_t scenes;
    scene_t *scene;              /* [threads]: one a thread */
    anchor_grid_t grid;
    anchor_targets_t *targets;   /* [batch] */
    unsigned char *keep;         /* [batch][anchors], for sampling */
    float *images;               /* [batch][3][128][128] */
    float *dcls[NET_LEVELS], *dbox[NET_LEVELS];
    const struct train_val *data;   /* your own data, or NULL:
                                       generated scenes */
} trainer_t;

typedef struct {
    long iter;                   /* steps taken, after this one */
    double lr;                   /* the rate this step used */
    detloss_result_t loss;
    double grad_norm;            /* before clipping */
    char bad[TRAIN_BAD_SIZE];    /* what was not finite, or "" */
} train_stats_t;
#line 134 "chapters/11-training.nw"
train_config_t train_config_default(void);
void train_config_schedule(train_config_t *c, long iters);
const char *train_config_check(const train_config_t *c, char *msg,
                               size_t size);
int trainer_create(trainer_t *t, const train_config_t *c,
                   int threads);
void trainer_free(trainer_t *t);
int train_step(trainer_t *t, train_stats_t *stats);
int train_flip(uint64_t seed, long i);
void train_input(float *x, const float *pixels, size_t n);
#line 160 "chapters/11-training.nw"
typedef struct train_val {
    int count;
    float *images;       /* [count][3][128][128] */
    coco_t gt;           /* image i is gt.images[i] */
    int (*fit)[2];       /* letterboxed to fit[i][0] x fit[i][1], or
                            NULL: drawn at 128 x 128 */
    char *path;          /* the instances file, or NULL */
    uint64_t hash;       /* FNV-1a 64 of its bytes */
} train_val_t;

int train_val_open(train_val_t *v, const scene_config_t *sc,
                   uint64_t seed, int split, int n);
void train_val_free(train_val_t *v);
int train_detect(layer_ctx_t *ctx, net_t *net,
                 const anchor_config_t *anchors, const train_val_t *v,
                 detection_list_t *out);
int train_validate(trainer_t *t, const train_val_t *v, eval_t *e);
#line 728 "chapters/11-training.nw"
enum { TRAIN_OWN_MAX_IMAGES = 10000 };
int train_letterbox(const image_t *img, float *pixels, int fit[2]);
int train_val_read(train_val_t *v, const char *path, int training,
                   char *err, size_t errsize);
int train_val_match(train_val_t *v, const char *const *names, int n,
                    char *err, size_t errsize);
int train_own_picks(int n, uint64_t seed, long step, int batch,
                    int *pick);
int train_own_example(const train_val_t *d, int k, int flip, float *x,
                      const anchor_grid_t *g, anchor_targets_t *t);
void train_unfit(const train_val_t *v, int first, int m,
                 detection_list_t *dl, int from);
#line 390 "chapters/companion/11-training.nw"
typedef struct {
    long iter;
    double cls, box, ips, seconds, ap[3];
    int val;                     /* were ap[] measured at this row? */
} train_log_row_t;

/* Up to max rows of the CSV log at path; how many, 0 if it cannot
   be read. */
int train_log_read(const char *path, train_log_row_t *rows, int max);
/* All rows of the CSV log at PATH in *ROWS (free it), *N of them;
   0, or -1 with ERR naming the file and line of the first row that
   does not parse, or the limit that was hit. */
int train_log_load(const char *path, train_log_row_t **rows, int *n,
                   char *err, size_t errsize);
#line 56 "chapters/11-training.nw"
#endif
