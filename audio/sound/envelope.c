/* envelope.c — block levels and peaks, and the limiter's predicted loss
 * (see envelope.h).
 */
#include "envelope.h"
#include "grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOA_ENVELOPE_SECONDS 0.010
#define LOA_LIMITER_RELEASE_SECONDS 0.08   /* loudness.c's release */

void loa_envelope_init(loa_envelope *e, int rate)
{
    memset(e, 0, sizeof *e);
    e->block = (size_t)(LOA_ENVELOPE_SECONDS * rate);
    if (e->block == 0) e->block = 1;
    e->release = 1.0 - exp(-(double)e->block / (LOA_LIMITER_RELEASE_SECONDS * rate));
}

static int close_block(loa_envelope *e)
{
    if (e->count == e->cap) {
        size_t cap = e->cap;
        float *p = mc_grow(e->peak, e->count, &cap, sizeof *p, 1024);
        if (!p) return -1;
        e->peak = p;
        cap = e->cap;
        float *q = mc_grow(e->energy, e->count, &cap, sizeof *q, 1024);
        if (!q) return -1;
        e->energy = q;
        e->cap = cap;
    }
    e->peak[e->count] = e->cur_peak;
    e->energy[e->count] = (float)e->cur_energy;
    e->count++;
    e->total += e->energy[e->count - 1];   /* as the loss sums it: no loss is exactly 0 */
    e->cur_peak = 0;
    e->cur_energy = 0;
    e->cur_n = 0;
    return 0;
}

int loa_envelope_add(loa_envelope *e, float x, float peak)
{
    if (peak > e->cur_peak) e->cur_peak = peak;
    e->cur_energy += (double)x * x;
    return ++e->cur_n == e->block ? close_block(e) : 0;
}

int loa_envelope_finish(loa_envelope *e)
{
    return e->cur_n ? close_block(e) : 0;
}

double loa_envelope_loss_db(const loa_envelope *e, double gain_db, double ceiling)
{
    if (!(e->total > 0)) return 0;
    double g = pow(10.0, gain_db / 20.0), env = 1.0, kept = 0;
    for (size_t i = 0; i < e->count; i++) {
        double p = e->peak[i] * g;
        double need = p > ceiling ? ceiling / p : 1.0;
        double released = env + (1.0 - env) * e->release;
        env = need < released ? need : released;
        kept += e->energy[i] * env * env;
    }
    return kept > 0 ? 10.0 * log10(kept / e->total) : -HUGE_VAL;
}

void loa_envelope_free(loa_envelope *e)
{
    free(e->peak);
    free(e->energy);
    memset(e, 0, sizeof *e);
}
