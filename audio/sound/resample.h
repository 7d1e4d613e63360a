/* resample.h — streaming sample-rate conversion with libsoxr.
 *
 * Mono float in, mono float out, soxr's high quality (SOXR_HQ: 20-bit,
 * passband to 91 % of Nyquist, linear phase). Output goes to a sink as it
 * is produced; when the rates are equal samples pass through untouched.
 *
 * Memory: loa_resampler_new returns an object released with
 * loa_resampler_free. Errors go to mc_diag.
 */
#ifndef LOA_RESAMPLE_H
#define LOA_RESAMPLE_H

#include <stddef.h>
#include "diag.h"
#include "tts.h"   /* loa_pcm_sink */

typedef struct loa_resampler loa_resampler;

/* NULL with d filled when soxr refuses the rates. */
loa_resampler *loa_resampler_new(int in_rate, int out_rate, loa_pcm_sink sink,
                                 void *ctx, mc_diag *d);

/* Converts n samples, passing the output to the sink. 0 or -1 (d filled,
 * or left to the sink when it stopped). */
int loa_resampler_push(loa_resampler *r, const float *x, size_t n, mc_diag *d);

/* Sends what soxr still holds to the sink. 0 or -1. */
int loa_resampler_flush(loa_resampler *r, mc_diag *d);

void loa_resampler_free(loa_resampler *r);

#endif
