/* tts_cache.h — speech made once and played again: an utterance the
 * engine has read is kept (its samples in a temporary file) and replayed
 * whenever the same voice says the same text.
 *
 * An announcement for many wards differs per ward only in its opening and
 * closing; its body, the repeat phrase and every repeat of the body are
 * the same utterances. Through the cache each of them is synthesised once,
 * however many wards and repeats there are, and the samples played back
 * are the engine's own, so every file is the same to the byte as one made
 * by reading everything again (the engines are deterministic, compose.h).
 *
 * Use from several threads: fill the cache on one thread
 * (loa_speech_cache_fill for every utterance, which drives the engine),
 * and give each other thread its own loa_speech_cache_tts made with
 * may_synthesise 0: those only read (also while the filling goes on: the
 * index is behind a lock), and refuse an utterance not yet filled. On one thread a player made with may_synthesise 1 reads what is
 * missing through the engine as it goes.
 *
 * LOA_SPEECH_CACHE=off in the environment makes the programs leave the
 * cache out (every utterance read by the engine, ward after ward, as
 * before it existed), so a test can compare the two; LOA_DEBUG_SPEECH=1
 * makes them print the counts.
 *
 * Memory: loa_speech_cache_new borrows the engine (which must outlive the
 * cache) and returns a cache freed by loa_speech_cache_free; players from
 * loa_speech_cache_tts are freed with loa_tts_free before the cache.
 * Samples are on disk (4 bytes each, 88 KB per second at 22050 Hz).
 */
#ifndef LOA_TTS_CACHE_H
#define LOA_TTS_CACHE_H

#include <stddef.h>
#include "diag.h"
#include "tts.h"

typedef struct loa_speech_cache loa_speech_cache;

/* NULL with d filled (no temporary file, out of memory). */
loa_speech_cache *loa_speech_cache_new(loa_tts *engine, mc_diag *d);

/* Makes sure text, in the engine's current voice, is in the cache. 0 or -1
 * (d filled). */
int loa_speech_cache_fill(loa_speech_cache *c, const char *text, size_t len, mc_diag *d);

/* An engine that plays from the cache, in the engine's current voice (see
 * the top for may_synthesise). NULL with d filled. */
loa_tts *loa_speech_cache_tts(loa_speech_cache *c, int may_synthesise, mc_diag *d);

/* Utterances read by the engine, and played again from the cache. */
void loa_speech_cache_counts(const loa_speech_cache *c, size_t *synthesised, size_t *replayed);

/* 1 unless LOA_SPEECH_CACHE=off. */
int loa_speech_cache_enabled(void);

void loa_speech_cache_free(loa_speech_cache *c);

#endif
