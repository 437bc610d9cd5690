#line 397 "chapters/11-training.nw"
/* checkpoint.h: the trainer's state in a file, and back. */
#ifndef CHECKPOINT_H
#define CHECKPOINT_H
#include <stddef.h>
#include "train.h"

#define CHECKPOINT_MAGIC "RETINAck"
enum { CHECKPOINT_VERSION = 5, CHECKPOINT_HEADER = 24 };

#line 457 "chapters/11-training.nw"
typedef struct {              /* the data a model was trained on */
    int ncategories;          /* 0: generated scenes */
    char names[COCO_MAX_CATEGORIES][COCO_NAME_SIZE];
    char path[COCO_FILE_SIZE];    /* the --gt file, as given */
    uint64_t hash;            /* FNV-1a 64 of its bytes */
} checkpoint_source_t;
#line 407 "chapters/11-training.nw"
typedef struct {
    train_config_t cfg;
    long step;
    rng_t rng;
    size_t count;               /* parameters */
    float *params, *velocity;   /* [count] each */
    checkpoint_source_t src;    /* what it was trained on */
} checkpoint_t;

/* Write T's state to PATH (via PATH.tmp and rename); 0 or -1. */
int checkpoint_write(const char *path, const trainer_t *t, char *err,
                     size_t errsize);
/* Read and validate PATH into *C (free with checkpoint_free); 0, or
   -1 with "PATH: byte N: why" in ERR. */
int checkpoint_read(const char *path, checkpoint_t *c, char *err,
                    size_t errsize);
void checkpoint_free(checkpoint_t *c);
/* A trainer in the state C holds, on THREADS threads; 0 or -1. */
int checkpoint_resume(trainer_t *t, const checkpoint_t *c,
                      int threads);
/* A network with C's parameters for batches up to MAX_BATCH. */
int checkpoint_net(net_t *net, const checkpoint_t *c, int max_batch);
/* A model under evaluation: C's network (batches of 16), run on
   validation scenes 0..COUNT-1 of the book's seed. */
typedef struct {
    net_t net;
    layer_ctx_t ctx;
    train_val_t val;
    detection_list_t dets;
} checkpoint_run_t;
/* Fill R with C's network on THREADS threads, its scenes and its
   detections, and evaluate them into E.  0, or -1 with ERR set; free
   R with checkpoint_run_free either way. */
int checkpoint_evaluate(checkpoint_run_t *r, const checkpoint_t *c,
                        int threads, int count, eval_t *e, char *err,
                        size_t errsize);
void checkpoint_run_free(checkpoint_run_t *r);
#line 468 "chapters/11-training.nw"
int checkpoint_names(const checkpoint_t *c,
                     const char *names[COCO_MAX_CATEGORIES]);
uint64_t checkpoint_hash(const void *p, size_t n);
#line 445 "chapters/11-training.nw"
#endif
