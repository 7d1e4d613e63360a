/* tts.h — the speech-engine interface of loa.
 *
 * An engine turns one utterance (one line of loa_normalize output: plain
 * Vietnamese words and punctuation, no Markdown) into mono float samples in
 * [-1, 1] at the engine's own sample rate, and hands them to a sink as they
 * are made, so nothing above the engine holds a whole utterance. Pauses
 * between utterances are not the engine's business: the composer
 * (compose.h) inserts them, so an engine must not add a pause of its own
 * after an utterance.
 *
 * Engines: the embedded espeak-ng (tts_espeak.c), and any other engine
 * given as a loa_tts_engine table to loa_tts_new_engine (tts_http.c makes
 * one that replays speech fetched from a remote service). Every function
 * below dispatches to that table when the engine has one.
 *
 * espeak-ng is a process-wide library: at most one loa_tts may exist at a
 * time (loa makes one per command).
 *
 * Memory: loa_tts_new returns an engine the caller releases with
 * loa_tts_free. Voice tables returned by loa_tts_voices are static and must
 * not be freed. Errors go to mc_diag; nothing is printed.
 */
#ifndef LOA_TTS_H
#define LOA_TTS_H

#include <stddef.h>
#include "diag.h"

/* Receives n samples (mono float). Returns 0 to go on, -1 to stop (the sink
 * fills its own diagnostic; the engine then returns -1 without touching d). */
typedef int (*loa_pcm_sink)(void *ctx, const float *samples, size_t n);

typedef struct loa_tts_voice {
    const char *id;          /* what --voice takes: "vi" */
    const char *description; /* "Vietnamese (Northern), male" */
} loa_tts_voice;

typedef struct loa_tts_options {
    const char *voice;  /* an id from loa_tts_voices; NULL = "vi" */
    double rate;        /* 1.0 = the engine's normal speed; 0.5 .. 2.0 */
    int pitch;          /* 0 .. 100, 50 = normal */
} loa_tts_options;

typedef struct loa_tts loa_tts;

/* The engine's voices for Vietnamese (*count set). Static table. */
const loa_tts_voice *loa_tts_voices(size_t *count);

/* 1 when id is one of loa_tts_voices. */
int loa_tts_voice_known(const char *id);

/* Starts the embedded espeak-ng engine with the options (NULL = defaults).
 * Returns NULL with d filled when the voice is unknown, the options are out
 * of range or espeak-ng's data cannot be loaded. */
loa_tts *loa_tts_new(const loa_tts_options *opts, mc_diag *d);

/* Samples per second of what loa_tts_speak produces (22050 for espeak-ng). */
int loa_tts_sample_rate(const loa_tts *t);

/* "espeak-ng 1.51": engine name and version, static. */
const char *loa_tts_engine_name(const loa_tts *t);

/* The voice in use ("vi"). Owned by t. */
const char *loa_tts_voice_id(const loa_tts *t);

/* Switches t to another voice from loa_tts_voices. 0 or -1 (d filled). */
int loa_tts_set_voice(loa_tts *t, const char *voice, mc_diag *d);

/* Speaks text[0..len) (UTF-8, one utterance) into sink. Returns 0, or -1
 * with d filled (engine failure) or left alone (the sink stopped). */
int loa_tts_speak(loa_tts *t, const char *text, size_t len,
                  loa_pcm_sink sink, void *ctx, mc_diag *d);

void loa_tts_free(loa_tts *t);

/* Another engine behind the same interface: each function receives the
 * impl pointer given to loa_tts_new_engine. set_voice may be NULL (the
 * engine then refuses every other voice); free releases impl. */
typedef struct loa_tts_engine {
    int (*sample_rate)(void *impl);
    const char *(*name)(void *impl);
    const char *(*voice_id)(void *impl);
    int (*set_voice)(void *impl, const char *voice, mc_diag *d);
    int (*speak)(void *impl, const char *text, size_t len, loa_pcm_sink sink,
                 void *ctx, mc_diag *d);
    void (*free)(void *impl);
} loa_tts_engine;

/* A loa_tts that runs engine e (static table) on impl, which it then owns
 * (released through e->free by loa_tts_free, also when this fails). It
 * does not start espeak-ng, so one may exist beside the espeak-ng engine.
 * NULL with d filled when out of memory. */
loa_tts *loa_tts_new_engine(const loa_tts_engine *e, void *impl, mc_diag *d);

#endif
