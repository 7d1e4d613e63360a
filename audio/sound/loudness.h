/* loudness.h — true-peak estimation, a look-ahead true-peak limiter, and
 * EBU R128 measurement (libebur128).
 *
 * How loa reaches a loudness target (pipeline.c):
 *   1. The program is rendered once; a loa_peak_est gives for every sample
 *      the largest magnitude of the signal between it and the next sample,
 *      estimated on a 4x oversampled reconstruction (12-tap windowed-sinc
 *      polyphase interpolator), and libebur128 measures the raw integrated
 *      loudness.
 *   2. A gain G is applied and the loa_limiter keeps G * peak under the
 *      ceiling: the gain each sample needs is min(1, ceiling / (G * peak)),
 *      a sliding minimum over the look-ahead window (5 ms) makes the gain
 *      fall before a peak arrives, a release (80 ms) lets it rise again, and
 *      a moving average over the same window smooths it. The smoothed gain
 *      is never above the need at the peak, so no estimated peak passes the
 *      ceiling. The limiter lowers the loudness a little, so G is corrected
 *      from the measured result and the pass repeated (twice is enough).
 *
 * Memory: every object here is created by its _new function and released
 * by its _free function; buffers passed in are only read or written.
 * Errors go to mc_diag.
 */
#ifndef LOA_LOUDNESS_H
#define LOA_LOUDNESS_H

#include <math.h>
#include <stddef.h>
#include "diag.h"

/* --- true-peak estimate per sample ------------------------------------- */
#define LOA_PEAK_TAPS 12          /* taps per phase (a multiple of 4); delay = LOA_PEAK_TAPS/2 */

/* Four floats computed at once (GCC and clang vector extension): the
 * three phases of one tap in lanes 0-2, lane 3 zero. Each lane adds its
 * products in the same order as one phase alone would (four partial sums,
 * see loa_peak_est_push), so the estimate is the same to the bit as phase
 * by phase, at a third of the instructions. */
typedef float loa_f4 __attribute__((vector_size(16)));

typedef struct loa_peak_est {
    loa_f4 coef[LOA_PEAK_TAPS];   /* tap k: phases 1/4, 2/4, 3/4, 0 */
    float ring[2 * LOA_PEAK_TAPS];
    size_t pos;
} loa_peak_est;

void loa_peak_est_init(loa_peak_est *e);

/* Pushes sample x; returns the delayed sample (LOA_PEAK_TAPS/2 earlier,
 * zeros before the start) in *x_out and its peak estimate in *peak_out.
 * Inline: it runs once per sample of every program, and as a call from the
 * spool writer it cost more than its arithmetic. */
static inline void loa_peak_est_push(loa_peak_est *e, float x, float *x_out, float *peak_out)
{
    e->ring[e->pos] = e->ring[e->pos + LOA_PEAK_TAPS] = x;
    if (++e->pos == LOA_PEAK_TAPS) e->pos = 0;
    const float *w = &e->ring[e->pos];        /* oldest .. newest */
    float c = w[LOA_PEAK_TAPS / 2 - 1];
    float peak = fabsf(c);
    /* four partial sums (taps k = j mod 4), then (s0 + s1) + (s2 + s3):
     * one running sum made every tap wait on the last addition, 48 cycles
     * a sample on the critical path; four wait on three */
    loa_f4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
    for (int k = 0; k < LOA_PEAK_TAPS; k += 4) {
        s0 += w[k] * e->coef[k];
        s1 += w[k + 1] * e->coef[k + 1];
        s2 += w[k + 2] * e->coef[k + 2];
        s3 += w[k + 3] * e->coef[k + 3];
    }
    loa_f4 y = (s0 + s1) + (s2 + s3);
    for (int ph = 0; ph < 3; ph++)
        if (fabsf(y[ph]) > peak) peak = fabsf(y[ph]);
    *x_out = c;
    *peak_out = peak;
}

/* --- limiter ------------------------------------------------------------- */
typedef struct loa_limiter loa_limiter;

/* ceiling: linear amplitude (e.g. 10^(-2/20)); gain: linear, applied before
 * limiting. NULL when out of memory. */
loa_limiter *loa_limiter_new(int rate, double gain, double ceiling);

/* Processes n samples with their peak estimates; writes up to n limited
 * samples to out and returns how many (the first call returns fewer: the
 * look-ahead delay). */
size_t loa_limiter_run(loa_limiter *l, const float *x, const float *peak,
                       size_t n, float *out);

/* Drains the delay line into out (room for as many samples as the
 * look-ahead holds); returns how many were written. */
size_t loa_limiter_flush(loa_limiter *l, float *out);

void loa_limiter_free(loa_limiter *l);

/* --- measurement ----------------------------------------------------------- */
typedef struct loa_meter loa_meter;

/* Integrated loudness with libebur128 (EBUR128_MODE_I). with_true_peak:
 * also the true peak, as the largest loa_peak_est estimate (4x oversampled;
 * libebur128's own true-peak mode costs three times the whole meter). */
loa_meter *loa_meter_new(int rate, int with_true_peak, mc_diag *d);
int loa_meter_add(loa_meter *m, const float *x, size_t n, mc_diag *d);
/* Integrated loudness in LUFS (-HUGE_VAL for silence). */
double loa_meter_integrated(loa_meter *m);
/* The integrated loudness of m[0..n) played one after another, from their
 * gating blocks together (libebur128's loudness_global_multiple): blocks
 * that would straddle two of them are missing, which matters only when
 * sound crosses the boundary. Same rate for all. */
double loa_meter_integrated_of(loa_meter *const *m, size_t n);
/* True peak in dBTP (only with with_true_peak), -HUGE_VAL for silence. */
double loa_meter_true_peak_db(loa_meter *m);
void loa_meter_free(loa_meter *m);

double loa_db_to_linear(double db);
double loa_linear_to_db(double x);

#endif
