#line 223 "chapters/12-speed.nw"
/* pool.h: a fixed set of threads that run one task together. */
#ifndef POOL_H
#define POOL_H

typedef struct pool pool_t;
/* A task in nparts parts: called once for each part, 0 .. nparts - 1
   (nparts is the number of threads), on whichever thread is free. */
typedef void pool_task_fn(void *arg, int part, int nparts);

/* Start nthreads - 1 worker threads (the caller is thread 0);
   NULL if nthreads < 1 or a thread could not be started. */
pool_t *pool_create(int nthreads);
int pool_threads(const pool_t *p);
/* Run fn(arg, part, nthreads) for every part; return when all are
   done.  Not reentrant: one task at a time, from one caller. */
void pool_run(pool_t *p, pool_task_fn *fn, void *arg);
/* Stop and join the workers and free the pool (NULL is fine). */
void pool_free(pool_t *p);
#endif
