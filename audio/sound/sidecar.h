/* sidecar.h — the JSON file written beside every audio file (FILE.json).
 *
 * It tells a station operator, the podcast feed and the scheduler what the
 * file is without decoding it:
 *   { "file": "x.mp3", "format": "mp3", "codec": "mp3", "sample_rate": 44100,
 *     "channels": 1, "bitrate_kbps": 128, "bitrate_mode": "constant",
 *     "duration_seconds": 62.1, "integrated_loudness_lufs": -16.0,
 *     "true_peak_dbtp": -1.8, "loudness_target_lufs": -16,
 *     "true_peak_ceiling_dbtp": -1.5, "voice": "vi",
 *     "engine": "espeak-ng 1.51", "text_sha256": "…", "title": …,
 *     "ward": …, "date": …, "fallback": … }
 * "voice_source" is "synthetic" or "recording". When the body is a
 * recording, "voice" and "engine" say "recording", "recording" describes
 * the file (name, SHA-256, container, codec, channels, rate, its length
 * and the seconds of voice kept after trimming), and
 * "opening_closing_engine" (and "_voice") name the engine that read the
 * opening and closing, or "recording" when the ward recorded them too
 * ("opening_recording" / "closing_recording" then describe those files).
 * "fallback" is present only when the audio was made with the embedded
 * voice because the configured (remote) engine failed, and says why.
 * Loudness figures are those measured on the written file. text_sha256 is
 * the SHA-256 (OpenSSL libcrypto) of every spoken utterance in order,
 * joined by '\n' (loa_program_text), so a changed wording shows as a
 * changed hash even when the audio length is the same.
 *
 * Memory: inputs are only read; loa_sha256_hex fills the caller's buffer.
 */
#ifndef LOA_SIDECAR_H
#define LOA_SIDECAR_H

#include <stddef.h>
#include "diag.h"
#include "encode.h"
#include <jansson.h>
#include "pipeline.h"

typedef struct loa_sidecar {
    const char *audio_path;          /* the audio file; the sidecar is audio_path + ".json" */
    const loa_output_opts *opts;
    const loa_output_result *res;
    const char *voice, *engine;
    const char *spoken_text;         /* hashed */
    const char *title, *ward, *date; /* NULL = omitted */
    const char *fallback;            /* why the configured engine was not used
                                      * (e.g. a remote voice failed); NULL = omitted */
    json_t *voices;                  /* who spoke (announce.c: voice_source, recording, ...),
                                      * merged over voice and engine; may be NULL */
} loa_sidecar;

/* Lower-case hex SHA-256 of data[0..n) into hex (65 bytes). 0 or -1. */
int loa_sha256_hex(const void *data, size_t n, char hex[65]);

/* Writes audio_path.json atomically. 0 or -1 (d filled). */
int loa_sidecar_write(const loa_sidecar *s, mc_diag *d);

#endif
