/* parallel.c — a fixed pool of POSIX threads pulling indexes from an atomic
 * counter (see parallel.h). Work items in a site build are pages: thousands
 * of small, independent tasks, for which a shared counter balances better
 * than static slices. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
    atomic_size_t next;
    size_t n;
    mc_parallel_fn fn;
    void *ctx;
} pool;

typedef struct worker_arg {
    pool *p;
    int worker;
} worker_arg;

static void *worker_main(void *arg)
{
    worker_arg *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&w->p->next, 1);
        if (i >= w->p->n) break;
        w->p->fn(w->p->ctx, i, w->worker);
    }
    return NULL;
}

int mc_parallel_for(size_t n, int jobs, mc_parallel_fn fn, void *ctx)
{
    pool p = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&p.next, 0);
    if (jobs < 1) jobs = 1;
    if ((size_t)jobs > n) jobs = n > 0 ? (int)n : 1;
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    worker_arg *args = calloc((size_t)jobs, sizeof *args);
    int started = 0, status = 0;
    for (int t = 1; threads && args && t < jobs; t++) {
        args[t] = (worker_arg){&p, t};
        if (pthread_create(&threads[t], NULL, worker_main, &args[t]) != 0) {
            status = -1;
            break;
        }
        started = t;
    }
    worker_arg self = {&p, 0};
    worker_main(&self); /* the calling thread is worker 0 */
    for (int t = 1; t <= started; t++) pthread_join(threads[t], NULL);
    free(threads);
    free(args);
    return status;
}

int mc_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
