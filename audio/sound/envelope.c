/* envelope.c — K-weighted block levels and peaks, the gated loudness and
 * the limiter's predicted loss (see envelope.h).
 */
#include "envelope.h"
#include "grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOA_LIMITER_RELEASE_SECONDS 0.08   /* loudness.c's release */
#define BLOCKS_PER_100MS 10
#define GATE_ABSOLUTE_LUFS -70.0
#define GATE_RELATIVE_LU 10.0

/* BS.1770's pre-filter (a high shelf) and RLB high-pass, designed for the
 * rate as libebur128 does, so the two agree on any rate. */
static void k_weighting(loa_biquad k[2], int rate)
{
    memset(k, 0, 2 * sizeof *k);
    double f0 = 1681.974450955533, G = 3.999843853973347, Q = 0.7071752369554196;
    double K = tan(M_PI * f0 / rate), Vh = pow(10.0, G / 20.0), Vb = pow(Vh, 0.4996667741545416);
    double a0 = 1.0 + K / Q + K * K;
    k[0].b0 = (Vh + Vb * K / Q + K * K) / a0;
    k[0].b1 = 2.0 * (K * K - Vh) / a0;
    k[0].b2 = (Vh - Vb * K / Q + K * K) / a0;
    k[0].a1 = 2.0 * (K * K - 1.0) / a0;
    k[0].a2 = (1.0 - K / Q + K * K) / a0;
    f0 = 38.13547087602444;
    Q = 0.5003270373238773;
    K = tan(M_PI * f0 / rate);
    a0 = 1.0 + K / Q + K * K;
    k[1].b0 = 1.0;
    k[1].b1 = -2.0;
    k[1].b2 = 1.0;
    k[1].a1 = 2.0 * (K * K - 1.0) / a0;
    k[1].a2 = (1.0 - K / Q + K * K) / a0;
}

void loa_envelope_init(loa_envelope *e, int rate)
{
    memset(e, 0, sizeof *e);
    e->per_100ms = (size_t)((rate + 5) / 10);      /* libebur128's count */
    e->block = e->per_100ms / BLOCKS_PER_100MS;
    if (e->block == 0) e->block = 1;
    e->cur_len = e->block;
    e->release = 1.0 - exp(-(double)e->block / (LOA_LIMITER_RELEASE_SECONDS * rate));
    k_weighting(e->k, rate);
}

int loa_envelope_close_block(loa_envelope *e)
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
    e->in_100ms += e->cur_n;
    e->samples += e->cur_n;
    e->cur_peak = 0;
    e->cur_energy = 0;
    e->cur_n = 0;
    loa_biquad_flush(&e->k[0]);
    loa_biquad_flush(&e->k[1]);
    /* blocks never cross a 100 ms boundary: the last one takes the rest */
    if (e->in_100ms == e->per_100ms) e->in_100ms = 0;
    size_t left = e->per_100ms - e->in_100ms;
    e->cur_len = left < 2 * e->block ? left : e->block;
    if (e->per_100ms < e->block) e->cur_len = e->block;
    return 0;
}

int loa_envelope_finish(loa_envelope *e)
{
    return e->cur_n ? loa_envelope_close_block(e) : 0;
}

/* One pass over the blocks at gain g (linear) under ceiling: each 400 ms
 * gating block's mean square (every 100 ms, as BS.1770-4 and libebur128
 * cut them), summed in *sum and counted in *n where at least gate. */
static void gate_pass(const loa_envelope *e, double g, double ceiling, double gate,
                      double *sum, size_t *n)
{
    double env = 1.0, sub[4] = {0, 0, 0, 0}, cur = 0;
    size_t nsub = 0, at = 0, whole = e->samples / e->per_100ms;   /* complete 100 ms */
    *sum = 0;
    *n = 0;
    for (size_t i = 0; i < e->count; i++) {
        double p = e->peak[i] * g;
        double need = p > ceiling ? ceiling / p : 1.0;
        double released = env + (1.0 - env) * e->release;
        env = need < released ? need : released;
        cur += e->energy[i] * env * env;
        size_t left = e->per_100ms - at;      /* block i's length, as it was cut */
        at += left < 2 * e->block ? left : e->block;
        if (at < e->per_100ms) continue;
        at = 0;
        if (nsub == whole) break;
        sub[nsub++ % 4] = cur;
        cur = 0;
        if (nsub < 4) continue;
        double ms = (sub[0] + sub[1] + sub[2] + sub[3]) * g * g / (4.0 * (double)e->per_100ms);
        if (ms >= gate) {
            *sum += ms;
            (*n)++;
        }
    }
}

double loa_envelope_lufs(const loa_envelope *e, double gain_db, double ceiling)
{
    if (e->per_100ms < e->block) return -HUGE_VAL;
    double g = pow(10.0, gain_db / 20.0), sum;
    size_t n;
    gate_pass(e, g, ceiling, pow(10.0, (GATE_ABSOLUTE_LUFS + 0.691) / 10.0), &sum, &n);
    if (n == 0) return -HUGE_VAL;
    gate_pass(e, g, ceiling, sum / (double)n * pow(10.0, -GATE_RELATIVE_LU / 10.0), &sum, &n);
    if (n == 0 || !(sum > 0)) return -HUGE_VAL;
    return 10.0 * log10(sum / (double)n) - 0.691;
}

double loa_envelope_loss_db(const loa_envelope *e, double gain_db, double ceiling)
{
    double free_run = loa_envelope_lufs(e, gain_db, HUGE_VAL);
    if (!isfinite(free_run)) return 0;
    double limited = loa_envelope_lufs(e, gain_db, ceiling);
    return isfinite(limited) ? limited - free_run : -HUGE_VAL;
}

void loa_envelope_free(loa_envelope *e)
{
    free(e->peak);
    free(e->energy);
    memset(e, 0, sizeof *e);
}
