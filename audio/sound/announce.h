/* announce.h — one announcement text to one audio file plus its sidecar:
 * the glue shared by `loa say` and `loa render`.
 *
 * normalise (title, body, opening/closing with {ward} filled, repeat
 * phrase) → compose → pipeline → sidecar. With a recording the recorded
 * voice is the body (the text is only the transcript and is not read), and
 * a ward's recorded opening or closing replaces the text one. Normaliser errors (invalid UTF-8)
 * are reported at the line of the source file.
 *
 * Memory: everything passed in stays the caller's; nothing is returned.
 */
#ifndef LOA_ANNOUNCE_H
#define LOA_ANNOUNCE_H

#include <jansson.h>
#include <stddef.h>
#include "compose.h"
#include "diag.h"
#include "normalize.h"
#include "parts.h"
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
    const char *recording;   /* a recorded body (clip.h) to play instead of
                              * reading title and body; NULL = none */
    loa_decode_fn decode;    /* reads recordings (decode.h: loa_decode_file);
                              * NULL: a recording is an error */
} loa_announcement;

/* The recording an announcement's front matter names (`recording:`, its
 * value v; line for messages), joined onto the folder of the announcement
 * file md (relative to root, or to the working folder when root is NULL;
 * mc_path_join: never outside that folder). *path = NULL when v is NULL;
 * else a malloc'd path the caller frees. 0 or -1 (d filled at md:line:
 * not a file name, outside the folder, or no such file). */
int loa_recording_path(const char *root, const char *md, int line, const json_t *v,
                       char **path, mc_diag *d);

/* Writes out_path and out_path.json. 0 or -1 (d filled; no file left). */
int loa_announce(const loa_settings *s, const loa_normalizer *nz, loa_tts *t,
                 const loa_announcement *a, const char *out_path, mc_diag *d);

/* The two halves of loa_announce, for callers that need the spoken text
 * before any sound is made (motcua build keys its audio cache on it, and a
 * remote engine fetches every utterance first):
 *   loa_announce_program  normalise and lay out a's program into *p
 *                         (zeroed first; loa_program_free it);
 *   loa_announce_write    render p with t into out_path + its sidecar;
 *                         fallback (may be NULL) goes into the sidecar;
 *                         one file, made from the whole program (the
 *                         wards of `loa render` that share parts are
 *                         made by loa_announce_write_shared, parts.h). */
int loa_announce_program(const loa_settings *s, const loa_normalizer *nz,
                         const loa_announcement *a, loa_program *p, mc_diag *d);
int loa_announce_write(const loa_settings *s, const loa_program *p, loa_tts *t,
                       const loa_announcement *a, const char *fallback,
                       const char *out_path, mc_diag *d);

/* loa_announce_write from shared parts (parts.h: shared made from a
 * program of the same announcement, s->out an MP3 format, own the ward's
 * parts made by loa_shared_own from p); t names the voice in the tags and
 * sidecar. Several threads may call it at once with their own t. */
int loa_announce_write_shared(const loa_settings *s, const loa_shared *shared,
                              const loa_ward_parts *own, const loa_program *p, loa_tts *t,
                              const loa_announcement *a, const char *fallback,
                              const char *out_path, mc_diag *d);

/* loa_announce_write into n files from one rendering of p: outs[i] are
 * the output settings of paths[i] (n <= 4), each file gets its sidecar.
 * motcua build makes the portal's web versions this way (web-opus and
 * web-mp3 of formats.c). On failure none of the files is left. */
int loa_announce_write_versions(const loa_settings *s, const loa_program *p, loa_tts *t,
                                const loa_announcement *a, const char *fallback, size_t n,
                                const loa_output_opts *outs, const char *const *paths,
                                mc_diag *d);

/* loa_announce with a remote voice first (tts_http.h): every utterance is
 * fetched from the service, and on any failure the announcement is read
 * by `embedded` instead, the reason going into why (n bytes; "" when the
 * remote voice was used or remote is NULL) and into the sidecar's
 * "fallback". 0 or -1 (d filled; only for failures of the embedded voice,
 * the text or the files). */
struct loa_http_config;
int loa_announce_via(const loa_settings *s, const loa_normalizer *nz,
                     const struct loa_http_config *remote, loa_tts *embedded,
                     const loa_announcement *a, const char *out_path,
                     char *why, size_t n, mc_diag *d);

#endif
