/* envelope.h — a program's K-weighted level and peaks in blocks of about
 * 10 ms, the program's loudness computed from them, and the loudness the
 * limiter will leave at a given gain, predicted from them.
 *
 * The spool writer (pipeline.c) adds every sample with its true-peak
 * estimate. The envelope K-weights it (ITU-R BS.1770's two filters, with
 * libebur128's coefficients) and keeps each block's energy, grouped
 * exactly as a meter groups 100 ms: ten blocks, the last one taking the
 * samples the division leaves. From those the integrated loudness follows
 * by the standard's gating (400 ms blocks every 100 ms, absolute gate at
 * -70 LUFS, relative gate 10 LU down), the same figure libebur128 gives
 * for the same samples (test_audio checks both on speech-like noise).
 *
 * The prediction at a gain applies, block by block, the limiter's gain
 * (the ceiling over the gained peak, released at the limiter's 80 ms) to
 * the block's energy and gates the result again. It leaves out only the
 * limiter's look-ahead smoothing, so it is close (the gain search,
 * pipeline.c, measures it where the limiter works hard) and costs a few
 * milliseconds where a measured pass reads the whole program.
 *
 * Memory: 8 bytes per block (2.9 MB for an hour), owned by the envelope;
 * loa_envelope_free releases it. The figures are computed on each call
 * (two passes over the blocks), so one envelope can be read by several
 * threads at once.
 */
#ifndef LOA_ENVELOPE_H
#define LOA_ENVELOPE_H

#include <stddef.h>
#include "biquad.h"

typedef struct loa_envelope {
    float *peak;          /* largest true-peak estimate of each block */
    float *energy;        /* sum of squares of each block, K-weighted */
    size_t count, cap;
    size_t samples;       /* in the closed blocks */
    size_t per_100ms;     /* samples per 100 ms, as a meter counts them */
    size_t block;         /* samples per block; the tenth takes the rest */
    double release;       /* the limiter's release per block */
    loa_biquad k[2];      /* the K-weighting: shelf, then high-pass */
    float cur_peak;       /* the block being filled */
    double cur_energy;
    size_t cur_n, cur_len, in_100ms;
} loa_envelope;

/* An empty envelope for audio at rate Hz. */
void loa_envelope_init(loa_envelope *e, int rate);

/* Stores the block being filled; 0, or -1 when out of memory. */
int loa_envelope_close_block(loa_envelope *e);

/* Adds one sample and its peak estimate. 0, or -1 when out of memory.
 * Inline: it runs once per sample of every program. */
static inline int loa_envelope_add(loa_envelope *e, float x, float peak)
{
    if (peak > e->cur_peak) e->cur_peak = peak;
    double k = loa_biquad_run(&e->k[1], loa_biquad_run(&e->k[0], x));
    e->cur_energy += k * k;
    return ++e->cur_n == e->cur_len ? loa_envelope_close_block(e) : 0;
}

/* Closes the last block. 0 or -1 (out of memory). */
int loa_envelope_finish(loa_envelope *e);

/* The integrated loudness (LUFS) of the program after a gain of gain_db
 * and limiting under ceiling (linear; HUGE_VAL for none); -HUGE_VAL when
 * every block is below the gates (silence). */
double loa_envelope_lufs(const loa_envelope *e, double gain_db, double ceiling);

/* The change in loudness, in dB (<= 0), that limiting under ceiling
 * (linear) takes from the program after a gain of gain_db. */
double loa_envelope_loss_db(const loa_envelope *e, double gain_db, double ceiling);

void loa_envelope_free(loa_envelope *e);

#endif
