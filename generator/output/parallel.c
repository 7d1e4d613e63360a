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

struct mc_parallel_run {
    pool p;
    pthread_t *threads;
    worker_arg *args;
    int wanted;           /* threads 1..wanted-1 were asked for */
    int started;          /* threads 1..started are running */
};

mc_parallel_run *mc_parallel_start(size_t n, int jobs, mc_parallel_fn fn, void *ctx)
{
    mc_parallel_run *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->p = (pool){.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&r->p.next, 0);
    if (jobs < 1) jobs = 1;
    if ((size_t)jobs > n) jobs = n > 0 ? (int)n : 1;
    r->wanted = jobs;
    r->threads = calloc((size_t)jobs, sizeof *r->threads);
    r->args = calloc((size_t)jobs, sizeof *r->args);
    for (int t = 1; r->threads && r->args && t < jobs; t++) {
        r->args[t] = (worker_arg){&r->p, t};
        if (pthread_create(&r->threads[t], NULL, worker_main, &r->args[t]) != 0) break;
        r->started = t;
    }
    return r;
}

void mc_parallel_finish(mc_parallel_run *r)
{
    worker_arg self = {&r->p, 0};
    worker_main(&self); /* the calling thread is worker 0 */
    for (int t = 1; t <= r->started; t++) pthread_join(r->threads[t], NULL);
    free(r->threads);
    free(r->args);
    free(r);
}

int mc_parallel_for(size_t n, int jobs, mc_parallel_fn fn, void *ctx)
{
    mc_parallel_run *r = mc_parallel_start(n, jobs, fn, ctx);
    if (!r) {
        for (size_t i = 0; i < n; i++) fn(ctx, i, 0);
        return -1;
    }
    int status = r->started + 1 < r->wanted ? -1 : 0;
    mc_parallel_finish(r);
    return status;
}

int mc_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
