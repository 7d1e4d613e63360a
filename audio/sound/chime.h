/* chime.h — the attention chime played before an announcement.
 *
 * Synthesised at run time (no sample files ship with loa): four rising bell
 * notes (G4 C5 E5 G5), each a sine with two quieter harmonics and an
 * exponential decay, started 0.3 s apart; 1.9 s in all, sample peak below
 * 0.5 so the loudness stage has room.
 *
 * Memory: nothing is allocated; samples go to the sink in small blocks.
 */
#ifndef LOA_CHIME_H
#define LOA_CHIME_H

#include <stddef.h>
#include "tts.h"   /* loa_pcm_sink */

/* Length of the chime in samples at `rate`. */
size_t loa_chime_length(int rate);

/* Sample i (0 <= i < loa_chime_length) of the chime at `rate`. */
float loa_chime_sample(size_t i, int rate);

/* Writes the whole chime at `rate` to sink. Returns 0, or -1 when the sink
 * stopped. */
int loa_chime_render(int rate, loa_pcm_sink sink, void *ctx);

#endif
