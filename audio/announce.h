/* announce.h — one announcement text to one audio file plus its sidecar:
 * the glue shared by `loa say` and `loa render`.
 *
 * normalise (title, body, opening/closing with {ward} filled, repeat
 * phrase) → compose → pipeline → sidecar. Normaliser errors (invalid UTF-8)
 * are reported at the line of the source file.
 *
 * Memory: everything passed in stays the caller's; nothing is returned.
 */
#ifndef LOA_ANNOUNCE_H
#define LOA_ANNOUNCE_H

#include <stddef.h>
#include "diag.h"
#include "normalize.h"
#include "settings.h"
#include "tts.h"

typedef struct loa_announcement {
    const char *body;        /* Markdown or plain text, UTF-8 checked here */
    size_t body_len;
    const char *source;      /* file name for messages, or "(command line)" */
    int first_line;          /* line of body[0] in source (1 when unknown) */
    const char *title;       /* read before the body, and the title tag; may be NULL */
    const char *date;        /* date tag; may be NULL */
    const loa_ward *ward;    /* NULL = no ward ({ward} becomes "phường") */
    int repeat;              /* 1..10 */
    int frame;               /* 1 = opening and closing from settings */
    int chime;               /* 1 = attention chime first */
} loa_announcement;

/* Writes out_path and out_path.json. 0 or -1 (d filled; no file left). */
int loa_announce(const loa_settings *s, const loa_normalizer *nz, loa_tts *t,
                 const loa_announcement *a, const char *out_path, mc_diag *d);

#endif
