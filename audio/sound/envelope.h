/* envelope.h — a program's level and peaks in 10 ms blocks, and the
 * loudness the limiter will leave at a given gain, predicted from them.
 *
 * The gain search (pipeline.c) measures the limited program with
 * libebur128, a whole pass over the spool each time. The prediction costs
 * a few milliseconds: each block's gain is the limiter's (the ceiling over
 * the gained peak, released at the limiter's 80 ms), and the loudness
 * moves by the energy the blocks keep. It leaves out the K-weighting, the
 * gating and the limiter's smoothing, so it is off by an amount that
 * changes slowly with the gain; the search measures that amount and
 * corrects it, and needs one or two passes where guessing took two to four.
 *
 * Memory: 8 bytes per block (2.9 MB for an hour), owned by the envelope;
 * loa_envelope_free releases it.
 */
#ifndef LOA_ENVELOPE_H
#define LOA_ENVELOPE_H

#include <stddef.h>

typedef struct loa_envelope {
    float *peak;          /* largest true-peak estimate of each block */
    float *energy;        /* sum of squares of each block */
    size_t count, cap;
    size_t block;         /* samples per block */
    double release;       /* the limiter's release per block */
    double total;         /* sum of every block's energy */
    float cur_peak;       /* the block being filled */
    double cur_energy;
    size_t cur_n;
} loa_envelope;

/* An empty envelope for audio at rate Hz. */
void loa_envelope_init(loa_envelope *e, int rate);

/* Adds one sample and its peak estimate. 0, or -1 when out of memory. */
int loa_envelope_add(loa_envelope *e, float x, float peak);

/* Closes the last block. 0 or -1 (out of memory). */
int loa_envelope_finish(loa_envelope *e);

/* The change in loudness, in dB (<= 0), that limiting under ceiling
 * (linear) takes from the program after a gain of gain_db. */
double loa_envelope_loss_db(const loa_envelope *e, double gain_db, double ceiling);

void loa_envelope_free(loa_envelope *e);

#endif
