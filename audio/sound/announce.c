/* announce.c — text → audio file + sidecar (see announce.h).
 *
 * The body keeps its own line numbers for error messages, so the title is
 * normalised separately and put in front of the normalised body. Opening,
 * closing and repeat phrase are normalised like the body: they are text
 * staff write in site.yaml. If the sidecar cannot be written the audio file
 * is removed again, so a station never gets one without the other.
 */
#include "announce.h"
#include "compose.h"
#include "pipeline.h"
#include "sidecar.h"
#include "tts_http.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct texts {
    char *body, *opening, *closing, *phrase;
} texts;

static void texts_free(texts *t)
{
    free(t->body);
    free(t->opening);
    free(t->closing);
    free(t->phrase);
}

/* Normalises src; errors get the source name and line offset. */
static char *spoken(const loa_normalizer *nz, const char *src, size_t len,
                    const char *source, int first_line, mc_diag *d)
{
    char *out = loa_normalize(nz, src, len, d);
    if (!out) {
        if (!d->file[0]) snprintf(d->file, sizeof d->file, "%s", source);
        if (d->line > 0) d->line += first_line - 1;
    }
    return out;
}

static char *spoken_template(const loa_normalizer *nz, const char *tmpl,
                             const loa_ward *w, mc_diag *d)
{
    if (!tmpl || !tmpl[0]) return calloc(1, 1);
    char *filled = loa_fill_ward(tmpl, w ? w->name : "phường");
    if (!filled) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    char *out = spoken(nz, filled, strlen(filled), "site.yaml", 1, d);
    free(filled);
    return out;
}

static char *join_title(const loa_normalizer *nz, const loa_announcement *a, char *body, mc_diag *d)
{
    if (!a->title || !a->title[0]) return body;
    char *t = spoken(nz, a->title, strlen(a->title), a->source, 1, d);
    if (!t) { free(body); return NULL; }
    size_t n = strlen(t) + strlen(body) + 2;
    char *both = malloc(n);
    if (both) snprintf(both, n, "%s%s%s", t, t[0] && body[0] ? "\n" : "", body);
    else mc_diag_set(d, NULL, 0, 0, "out of memory");
    free(t);
    free(body);
    return both;
}

static int normalise_all(const loa_settings *s, const loa_normalizer *nz,
                         const loa_announcement *a, texts *t, mc_diag *d)
{
    memset(t, 0, sizeof *t);
    t->body = spoken(nz, a->body, a->body_len, a->source, a->first_line, d);
    if (!t->body) return -1;
    if (!mc_has_words(t->body))
        return mc_diag_set(d, a->source, 0, 0, "nothing to read aloud in this text; "
                           "write the announcement in words");
    t->body = join_title(nz, a, t->body, d);
    if (!t->body) return -1;
    if (!(t->phrase = spoken_template(nz, s->repeat_phrase, a->ward, d))) return -1;
    if (!a->frame) return 0;
    if (!(t->opening = spoken_template(nz, s->opening, a->ward, d))) return -1;
    if (!(t->closing = spoken_template(nz, s->closing, a->ward, d))) return -1;
    return 0;
}

static int finish(const loa_settings *s, const loa_program *p, loa_tts *tts,
                  const loa_announcement *a, const char *fallback, const char *out_path,
                  mc_diag *d)
{
    char artist[512];
    snprintf(artist, sizeof artist, "Đài truyền thanh %s", a->ward ? a->ward->name : "phường");
    loa_tags tags = {a->title, artist, s->album, a->date, "loa " MC_VERSION ", espeak-ng"};
    loa_output_result res;
    if (loa_render_to_file(p, tts, &s->out, &tags, out_path, &res, d) != 0) {
        if (!d->file[0]) snprintf(d->file, sizeof d->file, "%s", out_path);
        return -1;
    }
    char *text = loa_program_text(p);
    loa_sidecar sc = {out_path, &s->out, &res, loa_tts_voice_id(tts), loa_tts_engine_name(tts),
                      text, a->title, a->ward ? a->ward->id : NULL, a->date, fallback};
    int rc = text ? loa_sidecar_write(&sc, d) : mc_diag_set(d, out_path, 0, 0, "out of memory");
    free(text);
    if (rc != 0) unlink(out_path);
    return rc;
}

int loa_announce_program(const loa_settings *s, const loa_normalizer *nz,
                         const loa_announcement *a, loa_program *p, mc_diag *d)
{
    texts t;
    memset(p, 0, sizeof *p);
    int rc = normalise_all(s, nz, a, &t, d);
    if (rc == 0) {
        loa_script sc;
        loa_script_defaults(&sc);
        sc.body = t.body;
        sc.opening = t.opening;
        sc.closing = t.closing;
        sc.repeat_phrase = t.phrase;
        sc.repeat = a->repeat;
        sc.chime = a->chime;
        sc.repeat_pause = s->repeat_pause;
        rc = loa_program_build(p, &sc, d);
        if (rc != 0 && !d->file[0]) snprintf(d->file, sizeof d->file, "%s", a->source);
    }
    texts_free(&t);
    return rc;
}

int loa_announce_write(const loa_settings *s, const loa_program *p, loa_tts *t,
                       const loa_announcement *a, const char *fallback,
                       const char *out_path, mc_diag *d)
{
    return finish(s, p, t, a, fallback, out_path, d);
}

int loa_announce(const loa_settings *s, const loa_normalizer *nz, loa_tts *tts,
                 const loa_announcement *a, const char *out_path, mc_diag *d)
{
    loa_program p;
    int rc = loa_announce_program(s, nz, a, &p, d);
    if (rc == 0) rc = finish(s, &p, tts, a, NULL, out_path, d);
    loa_program_free(&p);
    return rc;
}

int loa_announce_via(const loa_settings *s, const loa_normalizer *nz,
                     const struct loa_http_config *remote, loa_tts *embedded,
                     const loa_announcement *a, const char *out_path,
                     char *why, size_t n, mc_diag *d)
{
    loa_program p;
    why[0] = '\0';
    int rc = loa_announce_program(s, nz, a, &p, d);
    loa_tts *t = NULL;
    if (rc == 0 && remote) {
        mc_diag rd;
        mc_diag_clear(&rd);
        t = loa_http_prepare(remote, &p, &rd);
        if (!t)
            snprintf(why, n, "the remote voice (%s) failed: %s; the announcement was read "
                     "with the embedded espeak-ng voice instead", remote->api_name, rd.message);
    }
    if (rc == 0) rc = finish(s, &p, t ? t : embedded, a, why[0] ? why : NULL, out_path, d);
    loa_tts_free(t);
    loa_program_free(&p);
    return rc;
}
