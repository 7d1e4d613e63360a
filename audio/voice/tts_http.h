/* tts_http.h — remote Vietnamese voices over HTTP(S) with libcurl.
 *
 * Two shapes of service (research: domain.md §4):
 *   (a) audio bytes in the answer   openai   POST {url} JSON {model, input,
 *                                            voice, response_format, speed},
 *                                            Authorization: Bearer KEY
 *                                   viettel  POST {url} JSON {text, voice,
 *                                            speed, tts_return_option, token}
 *   (b) a job or URL fetched later  fpt      POST {url} raw text, headers
 *                                            api-key, voice, speed → {error,
 *                                            async: URL}; the URL is fetched
 *                                            until it holds the audio
 *                                   zalo     POST {url} form input,
 *                                            speaker_id, speed, encode_type,
 *                                            header apikey → {error_code,
 *                                            data: {url}}; fetched likewise
 *                                   vbee     POST {url} JSON {app_id,
 *                                            input_text, voice_code, ...},
 *                                            Bearer KEY → {status, result:
 *                                            {request_id, status,
 *                                            audio_link}}; GET {url}/{id}
 *                                            is polled until SUCCESS
 * site.yaml, under audio:
 *   engine: remote            (espeak-ng, the default, means no remote)
 *   remote: { api, url, key_env, voice, model, format (mp3|wav), speed,
 *             app_id, max_chars, timeout, retries, backoff,
 *             poll_interval, poll_timeout, sample_rate }
 * The key is read from the environment variable key_env names, never
 * from a file. Text longer than max_chars (characters) is split at
 * sentence ends, else at commas, else at spaces. Every request has a
 * timeout; timeouts, connection failures, HTTP 429 and 5xx are retried
 * `retries` more times with a doubling pause (backoff); other HTTP errors
 * are final. TLS certificates and host names are always verified; only
 * http and https URLs are followed.
 *
 * Answers (MP3 or WAV) are decoded with libsndfile from memory and
 * resampled (libsoxr) to sample_rate. loa_http_prepare fetches every
 * utterance of a program before any sound is rendered, so a failure never
 * leaves an announcement read half by one voice and half by another: the
 * caller then uses the embedded voice for the whole announcement. The
 * fetched speech waits in a temporary file (4 bytes per sample), so memory
 * does not grow with the text.
 *
 * Memory: loa_http_config points into the caller's JSON (the parsed
 * site.yaml) and must not outlive it. loa_http_prepare returns a loa_tts
 * the caller frees with loa_tts_free. Nothing is printed.
 */
#ifndef LOA_TTS_HTTP_H
#define LOA_TTS_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include "compose.h"
#include "diag.h"
#include "tts.h"

typedef enum loa_http_api {
    LOA_HTTP_OPENAI, LOA_HTTP_VIETTEL, LOA_HTTP_FPT, LOA_HTTP_ZALO, LOA_HTTP_VBEE
} loa_http_api;

typedef struct loa_http_config {
    loa_http_api api;
    const char *api_name;      /* "openai" ... */
    const char *url;
    const char *key_env;       /* NULL: the service takes no key */
    const char *voice;         /* NULL: the API's default */
    const char *model;         /* openai only; default "tts-1" */
    const char *format;        /* "mp3" (default) or "wav" */
    const char *app_id;        /* vbee only */
    double speed;              /* 1.0 */
    int max_chars;             /* per request; 0 = the API's limit */
    double timeout;            /* seconds per request (30) */
    int retries;               /* extra tries (2) */
    double backoff;            /* seconds before the first retry (0.5) */
    double poll_interval;      /* seconds between polls (1) */
    double poll_timeout;       /* seconds before a job is given up (60) */
    int sample_rate;           /* what the engine hands on (24000) */
} loa_http_config;

/* Reads audio.engine / audio.remote from a parsed site.yaml (site may be
 * NULL). Returns 1 with *c filled when a remote engine is configured, 0
 * when not, -1 with d filled (FILE:LINE from lines) on a wrong value. */
int loa_http_config_load(const json_t *site, const json_t *lines, const char *file,
                         loa_http_config *c, mc_diag *d);

/* "openai https://host/v1/audio/speech voice=x model=y format=mp3 speed=1":
 * every setting that changes the sound (for cache keys). Caller frees. */
char *loa_http_describe(const loa_http_config *c);

/* Splits text[0..len) into pieces of at most max_chars characters (see the
 * top). Writes up to cap (start, length) pairs; returns how many pieces
 * there are (which may be more than cap). */
size_t loa_http_split(const char *text, size_t len, size_t max_chars,
                      size_t *starts, size_t *lens, size_t cap);

/* Fetches every utterance of p and returns an engine that replays them
 * (loa_tts_speak with an utterance of p). NULL with d filled (the message
 * says what failed: timeout, HTTP status, wrong key, job never ready,
 * undecodable audio). */
loa_tts *loa_http_prepare(const loa_http_config *c, const loa_program *p, mc_diag *d);

/* libcurl's process-wide start and end (curl_global_init/cleanup): call
 * them on the main thread, around any use by other threads. 0 or -1. */
int loa_http_global_init(mc_diag *d);
void loa_http_global_cleanup(void);

/* Decodes an MP3 or WAV file held in memory and resamples it to rate,
 * passing the samples to sink. 0 or -1 (d filled). */
int loa_http_decode(const unsigned char *bytes, size_t n, int rate,
                    loa_pcm_sink sink, void *ctx, mc_diag *d);

#endif
