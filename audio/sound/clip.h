/* clip.h — one recorded voice in an announcement's program: the body read
 * by a person (front matter `recording:`) or a ward's recorded opening or
 * closing (site.yaml `opening_recording:` / `closing_recording:`).
 *
 * loa_clip_new only checks that the file can be read and takes its
 * SHA-256, which goes into the program's text (compose.h), so a changed
 * recording changes every key made from the program (the sidecar's
 * text_sha256, motcua's audio cache). The sound is made the first time the
 * clip is rendered at a rate: the file is decoded (decode.h), high-passed,
 * measured and spooled to a temporary file (4 bytes a sample: 15 MB for
 * 3 minutes at 22050 Hz, deleted automatically); the voice's bounds are
 * found (voice_clean.h). Each render then plays the voice from the spool,
 * silence trimmed, through a fresh compressor: the same samples every
 * time, which the loudness stage relies on, and no second decode when the
 * body is repeated.
 *
 * Memory: loa_clip_new returns a clip released with loa_clip_free; the
 * strings and info it returns are owned by the clip.
 */
#ifndef LOA_CLIP_H
#define LOA_CLIP_H

#include <stddef.h>
#include "decode.h"
#include "diag.h"
#include "tts.h"

typedef struct loa_clip loa_clip;

/* path: the file to read; shown: how messages and the sidecar name it;
 * decode: the decoder (decode.h), kept for the first render. NULL with d
 * filled when the file cannot be read. */
loa_clip *loa_clip_new(const char *path, const char *shown, loa_decode_fn decode, mc_diag *d);

const char *loa_clip_sha256(const loa_clip *c);   /* 64 hex digits */
const char *loa_clip_name(const loa_clip *c);     /* shown */
const char *loa_clip_base(const loa_clip *c);     /* shown without its folders */

/* Plays the cleaned voice at rate into sink (decoding it first when it was
 * not yet decoded at that rate). 0 or -1 with d filled (the file cannot be
 * decoded, holds no voice; d->message empty when the sink stopped). */
int loa_clip_render(loa_clip *c, int rate, loa_pcm_sink sink, void *ctx, mc_diag *d);

/* After a render: what the file held, and the seconds of it played
 * (silence trimmed); NULL / 0 before. */
const loa_decode_info *loa_clip_info(const loa_clip *c);
double loa_clip_seconds(const loa_clip *c);

void loa_clip_free(loa_clip *c);

#endif
