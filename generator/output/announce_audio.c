/* announce_audio.c — announcement audio in `motcua build` (see
 * announce_audio.h).
 *
 * Planning does everything that can fail on content (front matter values,
 * normalisation) on the model thread, so those errors come out with the
 * other content errors and in file order. The audio thread only makes
 * sound: it takes the jobs the cache lacks in order, one loa_tts at a
 * time. Its errors go to its own list, merged after it is joined, so the
 * messages are the same for every -j. Outputs that show audio facts are
 * rendered from a second view of the model (the same outputs, a subset)
 * after the join; the JSON they read is filled in between, when no render
 * thread is running.
 *
 * Beside the loudspeaker file each announcement gets its web version for
 * the portal's player (the web-opus and web-mp3 rows of formats.c): the
 * same text or recording read once, without the chime, the opening and
 * closing or the repeats, synthesised once and encoded twice
 * (loa_announce_write_versions), kept in the same cache folder.
 */
#include "announce_audio.h"
#include "decode.h"
#include "kinds.h"
#include "strf.h"
#include "announce.h"
#include "content.h"
#include "fileio.h"
#include "incremental.h"
#include "normalize.h"
#include "speech_check.h"
#include "front_enums.h"
#include "settings.h"
#include "sidecar.h"
#include "tts_cache.h"
#include "tts_http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_DIR ".motcua/audio-cache"

/* The web versions, best first: the player offers them in this order. */
static const char *const web_formats[] = {"web-opus", "web-mp3"};
#define NWEB (sizeof web_formats / sizeof web_formats[0])

typedef struct audio_job {
    mc_page *page;
    json_t *audio;            /* the card's audio object (own reference) */
    loa_program program;
    loa_announcement ann;
    loa_program web_program;  /* one reading, no chime, no frame */
    loa_announcement web_ann;
    char *web_rel[NWEB];      /* "thong-bao/x/x.web.opus" */
    char *web_cache[NWEB];    /* beside cache_file */
    char *web_fallback[NWEB]; /* beside fallback_file */
    size_t out_web[NWEB];
    const char *voice;        /* embedded voice for this page */
    char key[65];
    char *body;               /* the body read again from its file (owned), or NULL */
    char *recording;          /* the recorded body's path (owned), or NULL */
    char *rel;                /* "thong-bao/x/x.mp3" */
    char *cache_file;         /* SITE/.motcua/audio-cache/KEY/x.mp3 */
    char *fallback_file;      /* SITE/.motcua/audio-cache/fallback-KEY/x.mp3 */
    size_t out_audio, out_sidecar;
    int hit, fell_back;
    char why[1200];           /* fallback reason */
} audio_job;

struct mc_audio {
    loa_settings settings;
    loa_normalizer *nzs[2];   /* per reading style (site's, or the page's style:) */
    loa_http_config remote;
    int has_remote;
    char *engine;             /* what the key says about the engine */
    const char *mime;
    audio_job *jobs;
    size_t njobs;
    json_t *deferred;         /* output path -> true */
    char *salt;               /* every job's key and cache hit: see mc_audio_key_salt */
    char *root;               /* the site folder */
    const mc_site *site;      /* the build's, which outlives this */
    FILE *verbose;
    mc_diag_list thread_errs;
    int curl_started;         /* loa_http_global_init was called */
    mc_audio_ready_fn ready;  /* mc_audio_on_ready */
    void *ready_ctx;
    void (*ready_done)(void *);
};

static int add_err(mc_diag_list *errs, const char *file, int line, const char *msg)
{
    return mc_diag_list_error(errs, file, line, "%s", msg);
}

/* ---- settings ---- */


static int load_settings(mc_audio *a, const mc_site *site, mc_diag_list *errs)
{
    mc_diag d;
    mc_diag_clear(&d);
    loa_settings_defaults(&a->settings);
    char *file = mc_strf("%s/site.yaml", site->root);
    int rc = file ? loa_settings_load_site(&a->settings, site->root, &d) : -1;
    if (rc == 0) rc = a->has_remote = loa_http_config_load(site->config, site->config_lines,
                                                           file, &a->remote, &d);
    for (int i = 0; rc >= 0 && i < 2; i++) {
        a->nzs[i] = loa_normalizer_new(i ? LOA_SOUTH : LOA_NORTH, &d);
        if (!a->nzs[i] || loa_normalizer_load_site(a->nzs[i], site->root, &d) != 0) rc = -1;
    }
    free(file);
    if (rc < 0) return mc_diag_list_add(errs, &d);
    char *remote = a->has_remote ? loa_http_describe(&a->remote) : NULL;
    const loa_output_opts *o = &a->settings.out;
    a->engine = mc_strf("espeak-ng 1.51 rate=%g pitch=%d | %s | %s %d Hz %d kbps %g LUFS %g dBTP "
                           "| album=%s | web %s %d kbps, %s %d kbps", a->settings.tts.rate,
                           a->settings.tts.pitch, remote ? remote : "no remote", o->format->name,
                           o->sample_rate, o->bitrate_kbps, o->target_lufs, o->ceiling_dbtp,
                           a->settings.album, web_formats[0], loa_format_find(web_formats[0])->kbps,
                           web_formats[1], loa_format_find(web_formats[1])->kbps);
    free(remote);
    a->mime = o->format->mime;
    return a->engine ? 0 : add_err(errs, NULL, 0, "out of memory");
}

/* ---- one job: front matter, program, key ---- */

static int page_repeat(const mc_page *p, int *repeat, mc_diag_list *errs)
{
    json_t *r = json_object_get(p->params, "repeat");
    *repeat = 1;
    if (!r) return 0;
    if (!json_is_integer(r) || json_integer_value(r) < 1 || json_integer_value(r) > 10)
        return add_err(errs, p->file, mc_page_line(p, "repeat"),
                       "repeat: must be a whole number from 1 to 10");
    *repeat = (int)json_integer_value(r);
    return 0;
}

/* voice:, style: and priority: read as render and schedule read them. */
static int page_voice(const mc_audio *a, const mc_page *p, const char **voice,
                      const loa_normalizer **nz, mc_diag_list *errs)
{
    loa_front_enums e;
    const char *bad = NULL;
    char why[400];
    if (loa_front_enums_read(p->params, &e, &bad, why, sizeof why) != 0)
        return add_err(errs, p->file, mc_page_line(p, bad), why);
    *nz = a->nzs[e.has_style ? e.style : a->settings.style];
    const char *v = e.voice;
    *voice = v ? v : a->settings.tts.voice;
    if (loa_tts_voice_known(*voice)) return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "unknown voice '%s'; the embedded voices are vi, vi-vn-x-central "
             "and vi-vn-x-south (see 'loa voices')", *voice);
    return add_err(errs, v ? p->file : NULL, v ? mc_page_line(p, "voice") : 0, msg);
}

/* SHA-256 over everything that changes the sound (see the header). */
static int job_key(const mc_audio *a, audio_job *j)
{
    char *text = loa_program_text(&j->program);
    size_t n = 0;
    for (size_t i = 0; i < j->program.count; i++) n += 48;
    char *layout = malloc(n + 1);
    if (!text || !layout) { free(text); free(layout); return -1; }
    size_t used = 0;
    layout[0] = '\0';
    for (size_t i = 0; i < j->program.count; i++)
        used += (size_t)snprintf(layout + used, n + 1 - used, "%d:%.3f;", (int)j->program.segs[i].kind,
                                 j->program.segs[i].seconds);
    char *all = mc_strf("motcua-audio-cache 1\n%s\nvoice=%s\n%s\n%s\n%s\n%s\n%s\n", MC_VERSION,
                           j->voice, a->engine, j->ann.title ? j->ann.title : "",
                           j->ann.date ? j->ann.date : "", layout, text);
    int rc = all ? loa_sha256_hex(all, strlen(all), j->key) : -1;
    free(all);
    free(text);
    free(layout);
    return rc;
}

static int job_program(mc_audio *a, audio_job *j, mc_diag_list *errs)
{
    const mc_page *p = j->page;
    int repeat;
    const loa_normalizer *nz = NULL;
    if (page_repeat(p, &repeat, errs) != 0 || page_voice(a, p, &j->voice, &nz, errs) != 0) return -1;
    mc_diag d;
    size_t len;
    const char *body = mc_page_body(p, a->site, &len, &j->body, &d);
    if (!body) return mc_diag_list_add(errs, &d);
    if (loa_recording_path(a->root, p->file, mc_page_line(p, "recording"),
                           json_object_get(p->params, "recording"), &j->recording, &d) != 0)
        return mc_diag_list_add(errs, &d);
    loa_announcement an = {body, len, p->file, p->body_line, p->title,
                           json_string_value(json_object_get(p->params, "date")), NULL, repeat, 1,
                           a->settings.chime, j->recording, loa_decode_file};
    j->ann = an;
    /* the speech check: the same warnings as `loa check` */
    if (p->title)
        loa_speech_check(nz, p->file, mc_page_line(p, "title"), 0, p->title, strlen(p->title), errs);
    loa_speech_check(nz, p->file, p->body_line, 1, body, len, errs);
    mc_diag_clear(&d);
    j->web_ann = an;
    j->web_ann.repeat = 1;
    j->web_ann.frame = 0;
    j->web_ann.chime = 0;
    if (loa_announce_program(&a->settings, nz, &j->ann, &j->program, &d) != 0 ||
        loa_announce_program(&a->settings, nz, &j->web_ann, &j->web_program, &d) != 0) {
        if (!d.file[0]) snprintf(d.file, sizeof d.file, "%s", p->file);
        return mc_diag_list_add(errs, &d);
    }
    if (job_key(a, j) != 0) return add_err(errs, p->file, 0, "out of memory");
    return 0;
}

static int both_exist(const char *audio)
{
    char side[4200];
    snprintf(side, sizeof side, "%s.json", audio);
    return access(audio, R_OK) == 0 && access(side, R_OK) == 0;
}

static json_t *audio_object(const mc_model *m, const audio_job *j, const char *mime)
{
    const char *base = strrchr(j->rel, '/');
    char *url = mc_strf("%s%s", m->site->base_path, j->rel);
    char *link = mc_strf("%s%s", m->site->base_url, j->rel);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "url", url ? url : "", "permalink",
                          link ? link : "", "type", mime, "file", base ? base + 1 : j->rel);
    json_t *web = json_array();
    for (size_t k = 0; k < NWEB; k++) {
        const loa_format *f = loa_format_find(web_formats[k]);
        char *u = mc_strf("%s%s", m->site->base_path, j->web_rel[k]);
        char *type = mc_strf("%s%s", f->mime, !strcmp(f->codec, "opus") ? "; codecs=opus" : "");
        json_array_append_new(web, json_pack("{s:s, s:s, s:i}", "url", u ? u : "", "type",
                                             type ? type : f->mime, "kbps", f->kbps));
        free(u);
        free(type);
    }
    json_object_set_new(o, "web", web);
    json_object_set(o, "web_version", json_array_get(web, 0)); /* what the player shows */
    free(url);
    free(link);
    return o;
}

/* The web versions' output paths and cache files (beside the loudspeaker
 * file's), and their outputs, waiting for the audio like it. */
static int web_outputs(mc_audio *a, mc_model *m, audio_job *j, const char *dir)
{
    for (size_t k = 0; k < NWEB; k++) {
        const char *ext = loa_format_find(web_formats[k])->ext;
        j->web_rel[k] = mc_strf("%s%s.%s", dir, j->page->slug, ext);
        j->web_cache[k] = mc_strf("%s/" CACHE_DIR "/%s/%s.%s", a->root, j->key, j->page->slug, ext);
        j->web_fallback[k] = mc_strf("%s/" CACHE_DIR "/fallback-%s/%s.%s", a->root, j->key,
                                     j->page->slug, ext);
        if (!j->web_rel[k] || !j->web_cache[k] || !j->web_fallback[k]) return -1;
        j->hit = j->hit && access(j->web_cache[k], R_OK) == 0;
        mc_output *o = mc_model_add(m, MC_OUT_COPY, strdup(j->web_rel[k]), NULL, NULL);
        if (!o || !(o->source = strdup(j->web_cache[k]))) return -1;
        o->owner = j->page;
        j->out_web[k] = (size_t)(o - m->outputs);
        mc_audio_defer(a, o->path);
    }
    return 0;
}

/* Output paths, cache paths and the model's copies of the files. */
static int job_outputs(mc_audio *a, mc_model *m, audio_job *j, size_t page_index)
{
    const mc_page *p = j->page;
    const char *dir = p->url + strlen(m->site->base_path);
    const char *ext = a->settings.out.format->ext;
    j->rel = mc_strf("%s%s.%s", dir, p->slug, ext);
    j->cache_file = mc_strf("%s/" CACHE_DIR "/%s/%s.%s", a->root, j->key, p->slug, ext);
    j->fallback_file = mc_strf("%s/" CACHE_DIR "/fallback-%s/%s.%s", a->root, j->key, p->slug, ext);
    if (!j->rel || !j->cache_file || !j->fallback_file) return -1;
    j->hit = both_exist(j->cache_file);
    if (web_outputs(a, m, j, dir) != 0) return -1;
    /* sources name the cache files (they may not exist yet; a fallback
     * changes them once the audio is made) */
    mc_output *o = mc_model_add(m, MC_OUT_COPY, strdup(j->rel), NULL, NULL);
    if (!o || !(o->source = strdup(j->cache_file))) return -1;
    o->owner = j->page;
    j->out_audio = (size_t)(o - m->outputs);
    o = mc_model_add(m, MC_OUT_COPY, mc_strf("%s.json", j->rel), NULL, NULL);
    if (!o || !(o->source = mc_strf("%s.json", j->cache_file))) return -1;
    o->owner = j->page;
    j->out_sidecar = (size_t)(o - m->outputs);
    json_t *card = json_array_get(m->cards, page_index);
    j->audio = audio_object(m, j, a->mime);
    json_object_set(card, "audio", j->audio);
    json_object_set_new(card, "has_audio", json_true());
    mc_audio_defer(a, j->rel);
    mc_audio_defer(a, o->path);
    return 0;
}

static int is_audio_page(const mc_model *m, size_t i)
{
    const mc_page *p = &m->pages[i];
    return !p->skip && p->url && !p->is_index && p->kind->audio &&
           !strcmp(p->lang, "vi") && json_is_object(json_array_get(m->cards, i));
}

static int plan_jobs(mc_audio *a, mc_model *m, mc_diag_list *errs)
{
    a->jobs = calloc(m->npages + 1, sizeof *a->jobs);
    if (!a->jobs) return add_err(errs, NULL, 0, "out of memory");
    size_t before = errs->errors;
    for (size_t i = 0; i < m->npages; i++) {
        if (!is_audio_page(m, i)) continue;
        audio_job *j = &a->jobs[a->njobs++];
        j->page = &m->pages[i];
        if (job_program(a, j, errs) != 0) continue;
        if (job_outputs(a, m, j, i) != 0) return add_err(errs, j->page->file, 0, "out of memory");
    }
    return errs->errors == before ? 0 : -1;
}

/* The page outputs of announcements with audio wait for it too. */
static void defer_pages(mc_audio *a, const mc_model *m)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        for (size_t k = 0; o->kind == MC_OUT_PAGE && k < a->njobs; k++)
            if (o->page == a->jobs[k].page) mc_audio_defer(a, o->path);
    }
}

/* "KEY:HIT;" for every job: the audio every announcement will have. A job
 * not in the audio cache is synthesised again, which may give a file of
 * another size, so a hit counts too. */
static char *make_salt(const mc_audio *a)
{
    char *salt = malloc(a->njobs * 68 + 1);
    if (!salt) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < a->njobs; i++)
        n += (size_t)sprintf(salt + n, "%.64s:%d;", a->jobs[i].key, a->jobs[i].hit ? 1 : 0);
    salt[n] = '\0';
    return salt;
}

int mc_audio_plan(mc_model *m, const mc_audio_opts *o, mc_audio **out, mc_diag_list *errs)
{
    *out = NULL;
    if (o->disabled || !mc_site_audio_on(m->site)) return 0;
    mc_audio *a = calloc(1, sizeof *a);
    if (!a) return add_err(errs, NULL, 0, "out of memory");
    a->deferred = json_object();
    a->root = strdup(m->site->root);
    a->site = m->site;
    a->verbose = o->verbose;
    int rc = a->root ? load_settings(a, m->site, errs) : add_err(errs, NULL, 0, "out of memory");
    if (rc == 0) rc = plan_jobs(a, m, errs);
    if (rc != 0 || a->njobs == 0) {
        mc_audio_free(a);
        return rc;
    }
    defer_pages(a, m);
    a->salt = make_salt(a);
    if (!a->salt) {
        mc_audio_free(a);
        return add_err(errs, NULL, 0, "out of memory");
    }
    *out = a;
    return 0;
}

const char *mc_audio_key_salt(const mc_audio *a, const char *path)
{
    return a && path && json_object_get(a->deferred, path) ? a->salt : NULL;
}

void mc_audio_defer(mc_audio *a, const char *path)
{
    if (a && path) json_object_set_new(a->deferred, path, json_true());
}


/* ---- the audio thread ---- */

typedef struct worker {
    mc_audio *a;
    loa_tts *espeak;          /* made on first use */
    loa_speech_cache *speech; /* what espeak-ng said, replayed (tts_cache.h) */
    size_t made, fell_back;
    size_t synthesised, replayed;   /* utterances, for -v */
} worker;

static loa_tts *embedded(worker *w, const audio_job *j, mc_diag *d)
{
    if (!w->espeak) w->espeak = loa_tts_new(&w->a->settings.tts, d);
    if (w->espeak && loa_tts_set_voice(w->espeak, j->voice, d) != 0) return NULL;
    return w->espeak;
}

/* The remote voice for j, or NULL with j->why filled. */
static loa_tts *remote_voice(worker *w, audio_job *j)
{
    mc_audio *a = w->a;
    if (!a->has_remote) return NULL;
    mc_diag rd;
    mc_diag_clear(&rd);
    loa_tts *t = loa_http_prepare(&a->remote, &j->program, &rd);
    if (!t) {
        snprintf(j->why, sizeof j->why, "the remote voice (%s) failed: %s; the announcement "
                 "was read with the embedded espeak-ng voice instead", a->remote.api_name, rd.message);
        j->fell_back = 1;
    }
    return t;
}

static int make_one(worker *w, audio_job *j, mc_diag *d)
{
    loa_tts *remote = remote_voice(w, j), *player = NULL;
    loa_tts *t = remote ? remote : embedded(w, j, d);
    /* the embedded voice through the speech cache (tts_cache.h): the
     * repeats of a body, and the openings, closings and repeat phrases the
     * announcements share, are synthesised once per build */
    if (t && !remote && loa_speech_cache_enabled()) {
        if (!w->speech) w->speech = loa_speech_cache_new(t, d);
        t = player = w->speech ? loa_speech_cache_tts(w->speech, 1, d) : NULL;
    }
    const char *path = j->fell_back ? j->fallback_file : j->cache_file;
    int rc = t ? mc_mkdir_parent(path, d) : -1;
    if (rc == 0) rc = loa_announce_write(&w->a->settings, &j->program, t, &j->ann,
                                         j->fell_back ? j->why : NULL, path, d);
    loa_output_opts web[NWEB];
    const char *paths[NWEB];
    for (size_t k = 0; k < NWEB; k++) {
        web[k] = w->a->settings.out;
        web[k].format = loa_format_find(web_formats[k]);
        web[k].sample_rate = web[k].format->fixed_rate;
        web[k].bitrate_kbps = web[k].format->kbps;
        paths[k] = j->fell_back ? j->web_fallback[k] : j->web_cache[k];
    }
    if (rc == 0) rc = loa_announce_write_versions(&w->a->settings, &j->web_program, t, &j->web_ann,
                                                  j->fell_back ? j->why : NULL, NWEB, web, paths, d);
    loa_tts_free(player);
    loa_tts_free(remote);
    return rc;
}

static void *audio_thread(void *ctx)
{
    worker *w = ctx;
    mc_audio *a = w->a;
    for (size_t i = 0; i < a->njobs; i++) {
        audio_job *j = &a->jobs[i];
        if (j->hit) continue;
        mc_diag d;
        mc_diag_clear(&d);
        if (make_one(w, j, &d) != 0) {
            mc_diag e;
            size_t rl = strlen(a->root);
            const char *what = !strncmp(d.file, a->root, rl) && d.file[rl] == '/' ? d.file + rl + 1 : "";
            mc_diag_set(&e, j->page->file, 1, 0, "cannot make the announcement's audio: %s%s%s",
                        what, what[0] ? ": " : "", d.message[0] ? d.message : "out of memory");
            mc_diag_list_add(&a->thread_errs, &e);
            continue;
        }
        w->made++;
        if (j->fell_back) {
            mc_diag warn;
            mc_diag_warn(&warn, j->page->file, 1, 0, "%s", j->why);
            mc_diag_list_add(&a->thread_errs, &warn);
            w->fell_back++;
        }
    }
    if (w->speech) loa_speech_cache_counts(w->speech, &w->synthesised, &w->replayed);
    loa_speech_cache_free(w->speech);
    w->speech = NULL;
    loa_tts_free(w->espeak);
    w->espeak = NULL;
    return NULL;
}

/* ---- after the audio: facts for the templates ---- */

static void duration_forms(json_t *o, double seconds)
{
    long s = (long)(seconds + 0.5);
    char text[64], clock[32], hms[32], iso[32];
    if (s >= 60) snprintf(text, sizeof text, "%ld phút %02ld giây", s / 60, s % 60);
    else snprintf(text, sizeof text, "%ld giây", s);
    snprintf(clock, sizeof clock, "%ld:%02ld", s / 60, s % 60);
    snprintf(hms, sizeof hms, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    snprintf(iso, sizeof iso, "PT%ldM%ldS", s / 60, s % 60);
    json_object_set_new(o, "duration", json_integer(s));
    json_object_set_new(o, "duration_text", json_string(text));
    json_object_set_new(o, "duration_clock", json_string(clock));
    json_object_set_new(o, "duration_hms", json_string(hms));
    json_object_set_new(o, "iso_duration", json_string(iso));
}

static void size_forms(json_t *o, long long bytes)
{
    char text[32];
    long long tenths = (bytes * 10 + 524288) / 1048576;
    if (bytes < 1048576) snprintf(text, sizeof text, "%lld KB", (bytes + 1023) / 1024);
    else snprintf(text, sizeof text, "%lld,%lld MB", tenths / 10, tenths % 10);
    json_object_set_new(o, "size", json_integer(bytes));
    json_object_set_new(o, "size_text", json_string(text));
}

static int fill_facts(mc_audio *a, const mc_model *m, audio_job *j, mc_diag_list *errs)
{
    const char *path = j->fell_back ? j->fallback_file : j->cache_file;
    char *side = mc_strf("%s.json", path);
    json_error_t e;
    json_t *sc = side ? json_load_file(side, 0, &e) : NULL;
    struct stat st;
    if (!json_is_object(sc) || stat(path, &st) != 0) {
        json_decref(sc);
        free(side);
        return add_err(errs, j->page->file, 1, "the announcement's audio is missing from the "
                       "cache (.motcua/audio-cache); build again");
    }
    duration_forms(j->audio, json_number_value(json_object_get(sc, "duration_seconds")));
    size_forms(j->audio, (long long)st.st_size);
    json_object_set(j->audio, "engine", json_object_get(sc, "engine"));
    json_object_set(j->audio, "voice", json_object_get(sc, "voice"));
    if (j->fell_back) json_object_set_new(j->audio, "fallback", json_string(j->why));
    json_decref(sc);
    mc_output *oa = &m->outputs[j->out_audio], *os = &m->outputs[j->out_sidecar];
    free(oa->source);
    oa->source = strdup(path);
    free(os->source);
    os->source = side;
    for (size_t k = 0; k < NWEB; k++) {
        const char *wf = j->fell_back ? j->web_fallback[k] : j->web_cache[k];
        json_t *v = json_array_get(json_object_get(j->audio, "web"), k);
        if (stat(wf, &st) == 0) size_forms(v, (long long)st.st_size);
        char *wside = mc_strf("%s.json", wf);
        json_t *wsc = wside ? json_load_file(wside, 0, &e) : NULL;
        if (json_is_object(wsc))
            duration_forms(v, json_number_value(json_object_get(wsc, "duration_seconds")));
        json_decref(wsc);
        free(wside);
        mc_output *ow = &m->outputs[j->out_web[k]];
        free(ow->source);
        ow->source = strdup(wf);
    }
    (void)a;
    return 0;
}

/* ---- rendering in two views ---- */

typedef struct view_part {
    const mc_audio *a;
    int deferred;
} view_part;

static int in_part(void *ctx, const mc_output *o)
{
    const view_part *part = ctx;
    return (json_object_get(part->a->deferred, o->path) != NULL) == part->deferred;
}

/* Renders the deferred outputs of m, or the others, through a view
 * (render.h); a kept deferred output's key holds the audio
 * (mc_audio_key_salt), so it is linked like any other. */
static int render_view(const mc_model *m, const mc_render_plan *plan, const mc_audio *a,
                       int deferred, const char *dir, int jobs, int progress,
                       mc_render_stats *stats, mc_diag_list *errs)
{
    view_part part = {a, deferred};
    mc_render_view v;
    if (mc_render_view_make(&v, m, plan, in_part, &part) != 0)
        return add_err(errs, NULL, 0, "out of memory");
    mc_render_stats s = {0};
    int rc = mc_render_all(&v.m, &v.plan, dir, jobs, progress, &s, errs);
    mc_render_view_end(&v, plan);
    stats->files += s.files;
    stats->bytes += s.bytes;
    stats->reused += s.reused;
    return rc;
}

static void report(const mc_audio *a, const worker *w)
{
    if (!a->verbose) return;
    size_t hits = 0;
    for (size_t i = 0; i < a->njobs; i++) hits += a->jobs[i].hit;
    fprintf(a->verbose, "motcua: audio    %zu announcement%s: %zu synthesised, %zu from the cache, "
            "%zu with the embedded voice after a remote failure\n", a->njobs,
            a->njobs == 1 ? "" : "s", w->made, hits, w->fell_back);
    if (w->synthesised || w->replayed)
        fprintf(a->verbose, "motcua: audio    speech: %zu utterance%s synthesised, %zu replayed\n",
                w->synthesised, w->synthesised == 1 ? "" : "s", w->replayed);
}

/* Process-wide set-up on the calling thread before any other starts:
 * espeak-ng's start sets and clears an environment variable (tts_espeak.c),
 * which must not race with getenv elsewhere; libcurl's global start is
 * not thread-safe in every build. Only when something will be made. */
static int start_engines(mc_audio *a, worker *w, mc_diag_list *errs)
{
    int misses = 0;
    for (size_t i = 0; i < a->njobs; i++) misses += !a->jobs[i].hit;
    if (!misses) return 0;
    mc_diag d;
    mc_diag_clear(&d);
    if (a->has_remote && loa_http_global_init(&d) != 0) return mc_diag_list_add(errs, &d);
    a->curl_started = a->has_remote;
    w->espeak = loa_tts_new(&a->settings.tts, &d);
    return w->espeak ? 0 : mc_diag_list_add(errs, &d);
}

int mc_audio_render(mc_audio *a, const mc_model *m, const mc_render_plan *plan, const char *dir,
                    int jobs, int progress, mc_render_stats *stats, mc_diag_list *errs)
{
    if (!a) return mc_render_all(m, plan, dir, jobs, progress, stats, errs);
    worker w = {a, NULL, NULL, 0, 0, 0, 0};
    if (start_engines(a, &w, errs) != 0) return -1;
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, audio_thread, &w) == 0;
    if (!threaded) audio_thread(&w);
    int rc = render_view(m, plan, a, 0, dir, jobs, progress, stats, errs);
    if (threaded) pthread_join(thread, NULL);
    report(a, &w);
    size_t before = errs->errors;
    mc_diag_list_merge(errs, &a->thread_errs);
    for (size_t i = 0; errs->errors == before && i < a->njobs; i++) fill_facts(a, m, &a->jobs[i], errs);
    if (errs->errors == before && a->ready && a->ready(a->ready_ctx, m, errs) != 0 &&
        errs->errors == before)
        add_err(errs, NULL, 0, "out of memory");
    if (errs->errors != before) return -1;
    return render_view(m, plan, a, 1, dir, jobs, progress, stats, errs) == 0 && rc == 0 ? 0 : -1;
}

int mc_audio_fell_back(const mc_audio *a)
{
    for (size_t i = 0; a && i < a->njobs; i++)
        if (a->jobs[i].fell_back) return 1;
    return 0;
}

void mc_audio_on_ready(mc_audio *a, mc_audio_ready_fn fn, void *ctx, void (*done)(void *ctx))
{
    a->ready = fn;
    a->ready_ctx = ctx;
    a->ready_done = done;
}

int mc_audio_file(const mc_audio *a, const mc_page *p, const char **rel, const char **file)
{
    for (size_t i = 0; a && i < a->njobs; i++) {
        const audio_job *j = &a->jobs[i];
        if (j->page != p || !j->rel) continue;
        if (rel) *rel = j->rel;
        if (file) *file = j->fell_back ? j->fallback_file : j->cache_file;
        return 0;
    }
    return -1;
}

void mc_audio_free(mc_audio *a)
{
    if (!a) return;
    if (a->ready_done) a->ready_done(a->ready_ctx);
    for (size_t i = 0; i < a->njobs; i++) {
        audio_job *j = &a->jobs[i];
        json_decref(j->audio);
        loa_program_free(&j->program);
        loa_program_free(&j->web_program);
        for (size_t k = 0; k < NWEB; k++) {
            free(j->web_rel[k]);
            free(j->web_cache[k]);
            free(j->web_fallback[k]);
        }
        free(j->body);
        free(j->recording);
        free(j->rel);
        free(j->cache_file);
        free(j->fallback_file);
    }
    free(a->jobs);
    free(a->salt);
    json_decref(a->deferred);
    loa_normalizer_free(a->nzs[0]);
    loa_normalizer_free(a->nzs[1]);
    loa_settings_free(&a->settings);
    mc_diag_list_free(&a->thread_errs);
    if (a->curl_started) loa_http_global_cleanup();
    free(a->engine);
    free(a->root);
    free(a);
}
