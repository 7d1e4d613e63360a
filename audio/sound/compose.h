/* compose.h — the running order of one announcement and its rendering.
 *
 * A loa_program is a list of segments: the chime, silences, and utterances
 * (one line of normalised text each). loa_program_build lays out
 *
 *   [chime, 0.5 s]  opening  part pause
 *   body                                  (utterances, paragraph pauses)
 *   { repeat pause  repeat phrase  part pause  body }   × (repeat − 1)
 *   part pause  closing  0.3 s
 *
 * from a loa_script whose texts are ALREADY normalised (loa_normalize
 * output, one utterance per line; the opening and closing one sentence a
 * line, with sentence pauses between); empty opening/closing/phrase are
 * left out. A recorded voice (clip.h) can stand in for the body (the
 * announcement's `recording:`), the opening or the closing (a ward's
 * `opening_recording:` / `closing_recording:`): it is laid out exactly where
 * the text would be, and its segment's text is "[recording NAME SHA256]",
 * so the program's text changes when the recording does.
 * loa_program_render plays the program through a TTS engine into a
 * sink, utterance by utterance, so memory does not grow with the length of
 * the announcement. Rendering twice gives the same samples (the chime and
 * espeak-ng are deterministic), which the loudness stage relies on.
 *
 * loa_fill_ward replaces every "{ward}" in a template by a ward name.
 *
 * Memory: the program owns copies of every text (loa_program_free);
 * loa_fill_ward returns a malloc'd string the caller frees.
 */
#ifndef LOA_COMPOSE_H
#define LOA_COMPOSE_H

#include <stddef.h>
#include "decode.h"
#include "diag.h"
#include "tts.h"

typedef struct loa_script {
    const char *opening;        /* normalised; NULL or "" = none */
    const char *body;           /* normalised, required, not empty */
    const char *repeat_phrase;  /* normalised; said before each repeat */
    const char *closing;        /* normalised; NULL or "" = none */
    int repeat;                 /* times the body is read, 1..10 */
    int chime;                  /* 1 = attention chime first */
    double paragraph_pause;     /* seconds between utterances (0.6) */
    double sentence_pause;      /* between those of the opening and closing
                                 * (0.3, espeak-ng's own after a sentence) */
    double part_pause;          /* seconds between parts (1.0) */
    double repeat_pause;        /* seconds before a repeat (1.0) */
    /* Recorded voices: file paths (NULL = none), also how messages name
     * them. A body recording replaces the body text, which may be empty. */
    const char *recording, *opening_recording, *closing_recording;
    loa_decode_fn decode;       /* reads them (decode.h); NULL: recordings are an error */
} loa_script;

/* The defaults above: chime on, repeat 1, pauses 0.6 / 0.3 / 1.0 / 1.0. */
void loa_script_defaults(loa_script *s);

typedef enum { LOA_SEG_CHIME, LOA_SEG_PAUSE, LOA_SEG_SPEECH, LOA_SEG_RECORDING } loa_segment_kind;

struct loa_clip;

typedef struct loa_segment {
    loa_segment_kind kind;
    double seconds;   /* LOA_SEG_PAUSE */
    char *text;       /* LOA_SEG_SPEECH: one utterance; LOA_SEG_RECORDING:
                       * "[recording NAME SHA256]"; owned */
    struct loa_clip *clip;  /* LOA_SEG_RECORDING: one of the program's clips */
} loa_segment;

typedef struct loa_program {
    loa_segment *segs;
    size_t count, cap;
    struct loa_clip *clips[3];  /* owned, NULL = none: LOA_CLIP_BODY, _OPENING, _CLOSING */
    int spoken_frame;           /* 1 when an opening or closing is read by the engine */
    /* Where the parts begin (segment indices, parts.h): the opening's first
     * segment (after the chime and its pause), the part pause after the
     * opening (or the body's first segment when there is no opening), and
     * the part pause before the closing (or the last pause when there is
     * no closing). A pause at body_at or closing_at is split between the
     * parts on either side. */
    size_t opening_at, body_at, closing_at;
} loa_program;

enum { LOA_CLIP_BODY, LOA_CLIP_OPENING, LOA_CLIP_CLOSING };

/* Fills *p (zeroed first). Returns 0, or -1 with d filled (empty body,
 * repeat out of range, a recording that cannot be read, out of memory);
 * *p is then empty. */
int loa_program_build(loa_program *p, const loa_script *s, mc_diag *d);

/* Renders p at the engine's rate into sink, and sets at[k] to the samples
 * given to sink before segment marks[k] began (marks ascending, nmarks
 * may be 0; a mark past the end gets them all). Returns 0 or -1 (d filled
 * by the engine, or left to the sink when the sink stopped). */
int loa_program_render(const loa_program *p, loa_tts *t, loa_pcm_sink sink, void *ctx,
                       const size_t *marks, size_t nmarks, size_t *at, mc_diag *d);

/* Every utterance (and recording marker) of p in order, joined by '\n'
 * (what is hashed in the sidecar). Caller frees; NULL when out of memory. */
char *loa_program_text(const loa_program *p);

void loa_program_free(loa_program *p);

/* Template with "{ward}" replaced by ward (NULL ward = ""). */
char *loa_fill_ward(const char *tmpl, const char *ward);

#endif
