#line 664 "chapters/12-speed.nw"
/* pool.c: a fixed set of threads that run one task together. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "pool.h"

enum { POOL_SPIN = 1 << 14 };   /* looks before sleeping */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define RELAX() __builtin_ia32_pause()   /* yield to a sibling */
#else
#define RELAX() ((void)0)
#endif
typedef struct { pool_t *pool; int tid; } worker_t;

struct pool {
    int nthreads, started;
    pthread_t *threads;
    worker_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    pool_task_fn *fn;
    void *arg;
    atomic_long generation;   /* of the task posted last */
    atomic_int next;          /* the next part to claim */
    atomic_int finished;      /* parts done */
    atomic_int quit;
};

#line 702 "chapters/12-speed.nw"
static long next_task(pool_t *p, long seen)
{
    long g = seen;
    for (int i = 0; i < POOL_SPIN && g == seen; i++) {
        if (atomic_load(&p->quit)) return seen;
        RELAX();
        g = atomic_load(&p->generation);
    }
    if (g != seen)
        return g;
    pthread_mutex_lock(&p->lock);
    while ((g = atomic_load(&p->generation)) == seen
           && !atomic_load(&p->quit))
        pthread_cond_wait(&p->wake, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return g;
}
#line 730 "chapters/12-speed.nw"
static void run_parts(pool_t *p)
{
    int i, n = p->nthreads;
    while ((i = atomic_fetch_add(&p->next, 1)) < n) {
        p->fn(p->arg, i, n);
        if (atomic_fetch_add(&p->finished, 1) == n - 1) {
            pthread_mutex_lock(&p->lock);
            pthread_cond_signal(&p->done);
            pthread_mutex_unlock(&p->lock);
        }
    }
}
#line 745 "chapters/12-speed.nw"
static void *worker_main(void *arg)
{
    worker_t *w = arg;
    pool_t *p = w->pool;
    long seen = 0;
    for (;;) {
        seen = next_task(p, seen);
        if (atomic_load(&p->quit))
            break;
        run_parts(p);
    }
    return NULL;
}
#line 795 "chapters/12-speed.nw"
void pool_free(pool_t *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->quit, 1);
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
#line 815 "chapters/12-speed.nw"
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
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);   /* workers inherit */
    for (int i = 1; i < nthreads; i++) {
        p->workers[i - 1] = (worker_t){p, i};
        if (pthread_create(&p->threads[i - 1], NULL, worker_main,
                           &p->workers[i - 1]) != 0)
            break;
        p->started++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (p->started < nthreads - 1) {
        pool_free(p);
        return NULL;
    }
    return p;
}
#line 761 "chapters/12-speed.nw"
int pool_threads(const pool_t *p) { return p->nthreads; }

void pool_run(pool_t *p, pool_task_fn *fn, void *arg)
{
    if (p->nthreads == 1) {
        fn(arg, 0, 1);
        return;
    }
    int n = p->nthreads;
    atomic_store(&p->finished, 0);
    p->fn = fn;
    p->arg = arg;
    atomic_store(&p->next, 0);   /* opens the parts to claims */
    pthread_mutex_lock(&p->lock);
    atomic_fetch_add(&p->generation, 1);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    run_parts(p);
    for (int i = 0; i < POOL_SPIN && atomic_load(&p->finished) < n; i++)
        RELAX();
    pthread_mutex_lock(&p->lock);
    while (atomic_load(&p->finished) < n)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
