/* parallel.h — run fn(ctx, i, worker) for i in [0, n) on `jobs` threads.
 *
 * Items are handed out one at a time from a shared atomic counter, so slow
 * pages do not hold up a whole slice. `worker` (0..jobs-1) lets fn use
 * per-thread state (an error list, a template cache) without locks. fn must
 * only write to item i's own storage or to worker-owned storage; results are
 * then independent of scheduling, which keeps output byte-identical for
 * every -j.
 *
 * Memory: nothing is returned; threads are joined before mc_parallel_for
 * returns. Returns 0, or -1 when threads could not be started (the work is
 * then done on the calling thread, so callers need not handle it).
 */
#ifndef MC_PARALLEL_H
#define MC_PARALLEL_H

#include <stddef.h>

typedef void (*mc_parallel_fn)(void *ctx, size_t index, int worker);

int mc_parallel_for(size_t n, int jobs, mc_parallel_fn fn, void *ctx);

/* The same work started in the background: workers 1..jobs-1 start at once
 * and the caller goes on with something else; mc_parallel_finish makes the
 * calling thread worker 0 for whatever is left and joins the others. With
 * jobs 1 nothing runs until mc_parallel_finish. Returns NULL when out of
 * memory (then nothing was started). The run is freed by finish. */
typedef struct mc_parallel_run mc_parallel_run;
mc_parallel_run *mc_parallel_start(size_t n, int jobs, mc_parallel_fn fn, void *ctx);
void mc_parallel_finish(mc_parallel_run *run);

/* Number of online processors, at least 1. */
int mc_cpu_count(void);

#endif
