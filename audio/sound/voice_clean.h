/* voice_clean.h — the clean-up a voice recorded in an office needs before
 * it goes on the air: a high-pass filter against rumble, the bounds of the
 * voice (leading and trailing silence and handling noise cut), and a
 * gentle compressor so that quiet and loud words sit evenly.
 *
 *   high-pass   fourth-order Butterworth at 80 Hz, two cascaded biquads
 *               (RBJ cookbook coefficients, Q 0.54 and 1.31): removes desk
 *               thumps, traffic rumble, mains and air-conditioning hum
 *               (50 Hz: -17 dB) and any DC offset, keeps every voice's
 *               fundamental (85 Hz and up).
 *   levels      the recording is cut into 10 ms frames and each frame's
 *               RMS level goes into a 0.5 dB histogram; the speech level
 *               is the 95th percentile, the noise floor the 10th.
 *   bounds      the voice starts at the first 100 ms window whose frames
 *               are at least 60 % above the voice threshold (max of noise
 *               floor + 10 dB and speech level − 35 dB, at most speech
 *               level − 15 dB) and ends at the last one; a click, a tap on
 *               the screen or a cough alone in the silence is shorter and
 *               is cut. There is no voice when the speech level is less
 *               than 12 dB above the noise floor and under -35 dBFS (room
 *               noise alone, a microphone that was off). 0.05 s are kept before the voice and 0.15 s after
 *               it, faded in over 10 ms and out over 20 ms.
 *   compressor  feed-forward, 3:1 above speech level − 10 dB with a 6 dB
 *               soft knee, level detector 5 ms attack / 100 ms release,
 *               gain smoothed 10 ms / 150 ms, no make-up gain (the loudness
 *               stage sets the level afterwards).
 * Every stage is deterministic: the same input gives the same samples.
 *
 * Memory: the structs are plain values the caller owns; nothing is
 * allocated.
 */
#ifndef LOA_VOICE_CLEAN_H
#define LOA_VOICE_CLEAN_H

#include <stddef.h>
#include "biquad.h"

#define LOA_CLEAN_HIGHPASS_HZ 80.0
#define LOA_CLEAN_FRAME_SECONDS 0.010
#define LOA_CLEAN_LEAD_SECONDS 0.05
#define LOA_CLEAN_TAIL_SECONDS 0.15

/* --- high-pass ----------------------------------------------------------- */
typedef struct loa_highpass { loa_biquad stage[2]; } loa_highpass;

void loa_highpass_init(loa_highpass *h, int rate, double cutoff_hz);
void loa_highpass_run(loa_highpass *h, float *x, size_t n);

/* --- levels and bounds ----------------------------------------------------- */
#define LOA_LEVEL_BINS 240          /* 0.5 dB each, from -120 dBFS to 0 */

typedef struct loa_levels {
    size_t hist[LOA_LEVEL_BINS];
    size_t frames;
} loa_levels;

/* RMS level (dBFS, at least -120) of one frame of n samples. */
double loa_frame_db(const float *x, size_t n);
void loa_levels_add(loa_levels *l, double db);
/* The level below which fraction q (0..1) of the frames lie. */
double loa_levels_quantile(const loa_levels *l, double q);

typedef struct loa_voice_bounds {
    double speech_db, noise_db, threshold_db;
    size_t first_frame, end_frame;  /* the voice: frames [first, end) */
    int found;                      /* 0: only silence and short noises */
} loa_voice_bounds;

/* Finds the voice in frame_db[0..n) (levels l made from the same frames). */
void loa_voice_find(const float *frame_db, size_t n, const loa_levels *l, loa_voice_bounds *b);

/* --- compressor ------------------------------------------------------------ */
typedef struct loa_compressor {
    double threshold_db, ratio, knee_db;
    double det, gain_db, lin, step; /* state */
    int phase;
    double det_att, det_rel, g_att, g_rel;
} loa_compressor;

/* threshold: dBFS (speech level - 10 dB). */
void loa_compressor_init(loa_compressor *c, int rate, double threshold_db);
void loa_compressor_run(loa_compressor *c, float *x, size_t n);

#endif
