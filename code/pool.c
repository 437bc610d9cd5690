#line 627 "chapters/12-speed.nw"
/* pool.c: a fixed set of threads that run one task together. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include "pool.h"

typedef struct { pool_t *pool; int tid; } worker_t;

struct pool {
    int nthreads, started;
    pthread_t *threads;
    worker_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    pool_task_fn *fn;
    void *arg;
    long generation;   /* of the task posted last */
    int pending;       /* workers still running it */
    int quit;
};

#line 654 "chapters/12-speed.nw"
static void *worker_main(void *arg)
{
    worker_t *w = arg;
    pool_t *p = w->pool;
    long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->quit)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->quit)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        p->fn(p->arg, w->tid, p->nthreads);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}
#line 704 "chapters/12-speed.nw"
void pool_free(pool_t *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->done);
    free(p->threads);
    free(p->workers);
    free(p);
}
#line 724 "chapters/12-speed.nw"
pool_t *pool_create(int nthreads)
{
    pool_t *p = nthreads >= 1 ? calloc(1, sizeof *p) : NULL;
    if (p == NULL)
        return NULL;
    p->nthreads = nthreads;
    p->threads = calloc((size_t)nthreads, sizeof *p->threads);
    p->workers = calloc((size_t)nthreads, sizeof *p->workers);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->done, NULL);
    if (p->threads == NULL || p->workers == NULL) {
        pool_free(p);
        return NULL;
    }
    for (int i = 1; i < nthreads; i++) {
        p->workers[i - 1] = (worker_t){p, i};
        if (pthread_create(&p->threads[i - 1], NULL, worker_main,
                           &p->workers[i - 1]) != 0) {
            pool_free(p);
            return NULL;
        }
        p->started++;
    }
    return p;
}
#line 678 "chapters/12-speed.nw"
int pool_threads(const pool_t *p) { return p->nthreads; }

void pool_run(pool_t *p, pool_task_fn *fn, void *arg)
{
    if (p->nthreads == 1) {
        fn(arg, 0, 1);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->arg = arg;
    p->pending = p->nthreads - 1;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    fn(arg, 0, p->nthreads);
    pthread_mutex_lock(&p->lock);
    while (p->pending > 0)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
