#line 389 "chapters/11-training.nw"
/* checkpoint.h: the trainer's state in a file, and back. */
#ifndef CHECKPOINT_H
#define CHECKPOINT_H
#include <stddef.h>
#include "train.h"

#define CHECKPOINT_MAGIC "RETINAck"
enum { CHECKPOINT_VERSION = 5, CHECKPOINT_HEADER = 24 };

typedef struct {
    train_config_t cfg;
    long step;
    rng_t rng;
    size_t count;               /* parameters */
    float *params, *velocity;   /* [count] each */
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
#endif
