/* announce.c — text → audio file + sidecar (see announce.h).
 *
 * The body keeps its own line numbers for error messages, so the title is
 * normalised separately and put in front of the normalised body. Opening,
 * closing and repeat phrase are normalised like the body: they are text
 * staff write in site.yaml. If the sidecar cannot be written the audio file
 * is removed again, so a station never gets one without the other.
 */
#include "announce.h"
#include "clip.h"
#include "compose.h"
#include "pipeline.h"
#include "sidecar.h"
#include "tts_http.h"
#include "safepath.h"
#include "text.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* A site.yaml template (opening, closing, repeat phrase) for ward w, one
 * sentence an utterance: the sentences that do not name the ward are then
 * the same in every ward's program, spoken once for all (tts_cache.h) and
 * part of the shared sound (parts.h). */
static char *spoken_template(const loa_normalizer *nz, const char *tmpl,
                             const loa_ward *w, mc_diag *d)
{
    mc_buf out = MC_BUF_INIT;
    for (const char *at = tmpl ? tmpl : ""; *(at += strspn(at, " \n"));) {
        size_t n = mc_sentence_length(at);
        char *one = strndup(at, n), *filled = one ? loa_fill_ward(one, w ? w->name : "phường") : NULL;
        free(one);
        int oom = !filled;
        char *said = filled ? spoken(nz, filled, strlen(filled), "site.yaml", 1, d) : NULL;
        free(filled);
        if (!said) {
            if (oom) mc_diag_set(d, NULL, 0, 0, "out of memory");
            mc_buf_free(&out);
            return NULL;
        }
        if (said[0] && out.len) mc_buf_addc(&out, '\n');
        mc_buf_adds(&out, said);
        free(said);
        at += n;
    }
    char *text = mc_buf_take(&out, NULL);
    if (!text) mc_diag_set(d, NULL, 0, 0, "out of memory");
    return text;
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
    if (a->recording) t->body = calloc(1, 1);
    else t->body = spoken(nz, a->body, a->body_len, a->source, a->first_line, d);
    if (!t->body) return -1;
    if (!mc_has_words(t->body) && !a->recording)
        return mc_diag_set(d, a->source, 0, 0, "nothing to read aloud in this text; "
                           "write the announcement in words");
    if (!a->recording) t->body = join_title(nz, a, t->body, d);
    if (!t->body) return -1;
    if (!(t->phrase = spoken_template(nz, s->repeat_phrase, a->ward, d))) return -1;
    if (!a->frame) return 0;
    if (!(t->opening = spoken_template(nz, s->opening, a->ward, d))) return -1;
    if (!(t->closing = spoken_template(nz, s->closing, a->ward, d))) return -1;
    return 0;
}

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v) json_object_set_new(o, key, json_string(v));
}

static void set_real(json_t *o, const char *key, double v, double step)
{
    json_object_set_new(o, key, json_real(round(v / step) * step));
}

/* What a recording was: the file as found, and the seconds of voice kept. */
static json_t *recording_object(const loa_clip *c)
{
    const loa_decode_info *in = loa_clip_info(c);
    json_t *o = json_object();
    set_str(o, "file", loa_clip_base(c));
    set_str(o, "sha256", loa_clip_sha256(c));
    if (in) {
        set_str(o, "container", in->container);
        set_str(o, "codec", in->codec);
        json_object_set_new(o, "channels", json_integer(in->channels));
        json_object_set_new(o, "sample_rate", json_integer(in->sample_rate));
        set_real(o, "file_seconds", in->seconds, 0.001);
        set_real(o, "voice_seconds", loa_clip_seconds(c), 0.001);
    }
    return o;
}

/* voice, engine and, with recordings, who spoke what. */
static json_t *voices(const loa_program *p, const char *voice, const char *engine)
{
    json_t *o = json_object();
    const loa_clip *body = p ? p->clips[LOA_CLIP_BODY] : NULL;
    const loa_clip *open = p ? p->clips[LOA_CLIP_OPENING] : NULL;
    const loa_clip *close = p ? p->clips[LOA_CLIP_CLOSING] : NULL;
    set_str(o, "voice_source", body ? "recording" : "synthetic");
    set_str(o, "voice", body ? "recording" : voice);
    set_str(o, "engine", body ? "recording" : engine);
    if (body) json_object_set_new(o, "recording", recording_object(body));
    if (open) json_object_set_new(o, "opening_recording", recording_object(open));
    if (close) json_object_set_new(o, "closing_recording", recording_object(close));
    if (p && p->spoken_frame) {
        set_str(o, "opening_closing_engine", engine);
        set_str(o, "opening_closing_voice", voice);
    } else if (open || close) {
        set_str(o, "opening_closing_engine", "recording");
    }
    return o;
}

/* Who spoke: the tag comment says the voice that read the body and, when
 * it differs, the one that read the opening and closing. */
static void voice_comment(const loa_program *p, loa_tts *tts, char *buf, size_t n)
{
    const char *engine = loa_tts_engine_name(tts);
    if (!p->clips[LOA_CLIP_BODY]) snprintf(buf, n, "loa " MC_VERSION ", %s", engine);
    else if (p->spoken_frame)
        snprintf(buf, n, "loa " MC_VERSION ", recorded voice; opening and closing: %s", engine);
    else snprintf(buf, n, "loa " MC_VERSION ", recorded voice");
}

/* The tags of a's file: artist is the station, comment who spoke (the
 * caller's buffers). */
static loa_tags make_tags(const loa_settings *s, const loa_program *p, loa_tts *tts,
                          const loa_announcement *a, char *artist, size_t an, char *comment,
                          size_t cn)
{
    snprintf(artist, an, "Đài truyền thanh %s", a->ward ? a->ward->name : "phường");
    voice_comment(p, tts, comment, cn);
    return (loa_tags){a->title, artist, s->album, a->date, comment};
}

/* The sidecar of each of the n files made (res[i] what was measured);
 * on failure the files are removed. */
static int write_sidecars(const loa_program *p, loa_tts *tts, const loa_announcement *a,
                          const char *fallback, size_t n, const loa_output_opts *outs,
                          const char *const *paths, const loa_output_result *res, mc_diag *d)
{
    char *text = loa_program_text(p);
    int rc = text ? 0 : mc_diag_set(d, paths[0], 0, 0, "out of memory");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        loa_sidecar sc = {paths[i], &outs[i], &res[i], loa_tts_voice_id(tts),
                          loa_tts_engine_name(tts), text, a->title, a->ward ? a->ward->id : NULL,
                          a->date, fallback, voices(p, loa_tts_voice_id(tts), loa_tts_engine_name(tts))};
        rc = sc.voices ? loa_sidecar_write(&sc, d) : mc_diag_set(d, paths[i], 0, 0, "out of memory");
        json_decref(sc.voices);
    }
    free(text);
    for (size_t i = 0; rc != 0 && i < n; i++) unlink(paths[i]);
    return rc;
}

/* Renders p once into n files (outs[i] the output settings of paths[i]),
 * each with its sidecar. */
static int finish_many(const loa_settings *s, const loa_program *p, loa_tts *tts,
                       const loa_announcement *a, const char *fallback, size_t n,
                       const loa_output_opts *outs, const char *const *paths, mc_diag *d)
{
    char artist[512], comment[300];
    loa_tags tags = make_tags(s, p, tts, a, artist, sizeof artist, comment, sizeof comment);
    loa_output_result res[4];
    if (n > sizeof res / sizeof res[0]) return mc_diag_set(d, paths[0], 0, 0, "too many versions");
    if (loa_render_to_files(p, tts, n, outs, &tags, paths, res, d) != 0) {
        if (!d->file[0]) snprintf(d->file, sizeof d->file, "%s", paths[0]);
        return -1;
    }
    return write_sidecars(p, tts, a, fallback, n, outs, paths, res, d);
}

int loa_announce_write_shared(const loa_settings *s, const loa_shared *shared,
                              const loa_ward_parts *own, const loa_program *p, loa_tts *t,
                              const loa_announcement *a, const char *fallback,
                              const char *out_path, mc_diag *d)
{
    char artist[512], comment[300];
    loa_tags tags = make_tags(s, p, t, a, artist, sizeof artist, comment, sizeof comment);
    loa_output_result res;
    if (loa_shared_write(shared, own, &tags, out_path, &res, d) != 0) {
        if (!d->file[0]) snprintf(d->file, sizeof d->file, "%s", out_path);
        return -1;
    }
    return write_sidecars(p, t, a, fallback, 1, &s->out, &out_path, &res, d);
}

static int finish(const loa_settings *s, const loa_program *p, loa_tts *tts,
                  const loa_announcement *a, const char *fallback, const char *out_path,
                  mc_diag *d)
{
    return finish_many(s, p, tts, a, fallback, 1, &s->out, &out_path, d);
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
        sc.recording = a->recording;
        sc.decode = a->decode;
        if (a->frame && a->ward) {
            sc.opening_recording = a->ward->opening_recording;
            sc.closing_recording = a->ward->closing_recording;
        }
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
    /* one file: made whole; parts pay only where several files share them
     * (loa_announce_write_shared) */
    return finish(s, p, t, a, fallback, out_path, d);
}

int loa_announce_write_versions(const loa_settings *s, const loa_program *p, loa_tts *t,
                                const loa_announcement *a, const char *fallback, size_t n,
                                const loa_output_opts *outs, const char *const *paths,
                                mc_diag *d)
{
    return finish_many(s, p, t, a, fallback, n, outs, paths, d);
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

int loa_recording_path(const char *root, const char *md, int line, const json_t *v,
                       char **path, mc_diag *d)
{
    *path = NULL;
    if (!v) return 0;
    const char *name = json_string_value(v);
    if (!name || !name[0])
        return mc_diag_set(d, md, line, 0, "recording: must be the name of an audio file beside "
                           "the announcement, e.g. recording: ban-tin.m4a");
    const char *slash = strrchr(md, '/');
    int len = slash ? (int)(slash - md) : 0;
    size_t n = (root ? strlen(root) : 0) + (size_t)len + 4;
    char *dir = malloc(n);
    if (dir && root) snprintf(dir, n, "%s/%.*s", root, len, md);
    else if (dir) snprintf(dir, n, "%.*s", len, slash ? md : ".");
    if (dir && !dir[0]) snprintf(dir, n, "/");
    mc_diag pd;
    *path = dir ? mc_path_join(dir, name, &pd) : NULL;
    free(dir);
    struct stat st;
    if (!*path)
        return mc_diag_set(d, md, line, 0, "recording: '%s' is outside the announcement's folder; "
                           "put the file beside the announcement", name);
    if (stat(*path, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(*path);
        *path = NULL;
        return mc_diag_set(d, md, line, 0, "recording: there is no file '%s' beside the "
                           "announcement; put the recording in its folder (a bundle: "
                           "thong-bao/<slug>/index.md with the file beside it)", name);
    }
    return 0;
}
