/* cmd_render.c — `loa render FILE.md... -o DIR`: announcements to audio.
 *
 * Each announcement file (front matter + Markdown body, as in
 * content/thong-bao/) is read with mc_frontmatter_parse. From the front
 * matter: title (required; read first and used as the title tag), date,
 * wards ("all", an id or a list of ids), repeat (1..10, default 1), voice
 * (--voice on the command line wins), recording (an audio file beside the
 * announcement, decoded with FFmpeg's libraries: it is played instead of
 * the title and body, which stay its transcript). The body is what is read
 * aloud when there is no recording.
 *
 * Per-ward files: the opening and closing name the ward ("Đài truyền thanh
 * {ward} xin thông báo"), so when the site's templates contain {ward} and
 * the site lists wards, one file is made for each ward the announcement
 * goes to, at DIR/<ward-id>/<slug>.<ext> — the same per-ward folders a
 * station delivery uses. Without {ward} (or without a site) one file is
 * made: DIR/<slug>.<ext>. The slug is the front matter's `slug`, else the
 * file name without .md (the folder name for a bundle's index.md).
 *
 * Settings come from --site SITE, else ./site.yaml when it exists, else the
 * built-in defaults. Written files are listed on stdout, one per line.
 * With `audio: engine: remote` (tts_http.h) the text is read by the remote
 * service; when it fails, by the embedded voice, with a warning on stderr
 * and "fallback" in the sidecar (announce.h: loa_announce_via).
 *
 * With the embedded voice the wards share their speech (tts_cache.h): every
 * ward's program is laid out first, every utterance none of them has said
 * yet is synthesised once (the body, the repeat phrase and the openings
 * and closings, whatever the number of wards and repeats). For MP3 the
 * wards share their sound too (parts.h): what every ward has the same (the
 * lead-in, the body × repeat, the tail) is measured, limited and encoded
 * once, and each ward's file is those frames with the sentences of its
 * own opening and closing joined in. This thread reads the
 * speech ward by ward (espeak-ng is one engine) while the other cores make
 * the shared parts and the own parts of the wards already read (they need
 * only the plan); each ward's file is written once the shared parts are
 * made. Other formats are measured and encoded whole per ward, on the
 * same cores.
 */
#include "dates.h"
#include "front_enums.h"
#include "announce.h"
#include "decode.h"
#include "cmd_options.h"
#include "commands.h"
#include "encode.h"
#include "audio_name.h"
#include "fileio.h"
#include "frontmatter.h"
#include "settings.h"
#include "parts.h"
#include "tts_cache.h"
#include "tts_http.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WARDS 256

static const mc_option render_options[] = {
    {'o', "output", "DIR", "folder to write into (created if missing)", NULL},
    {.same = loa_opt_site},
    {.same = loa_audio_options},
    {.same = mc_opt_help},
    {0}};

typedef struct render_args {
    const char *out, *site, *voice;
    mc_diag d;
    const loa_http_config *remote;   /* site.yaml audio: engine: remote, else NULL */
    loa_speech_cache *speech;        /* shared speech (embedded voice), else NULL */
} render_args;

static int parse(int argc, char **argv, loa_settings *s, render_args *a, int pass)
{
    int c;
    mc_getopt g;
    mc_getopt_start(&g, render_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_render_command); return 0; }
        if (c == 'o') a->out = optarg;
        else if (c == LOA_OPT_SITE) a->site = optarg;
        else if (c == ':') return loa_usage_error("render: option '%s' needs a value", argv[optind - 1]);
        else if (c == '?') return loa_usage_error("render: unknown option '%s'", argv[optind - 1]);
        else if (pass && loa_audio_option(s, c, optarg, &a->d) != 0) return 1;
        if (c == LOA_OPT_VOICE) a->voice = optarg;
    }
    if (optind >= argc) return loa_usage_error("%s", "render: missing FILE.md, e.g. loa render thong-bao.md -o audio");
    if (!a->out) return loa_usage_error("%s", "render: missing -o DIR, the folder to write into");
    return -1;
}

/* The wards this announcement goes to; NULL entry list means "no wards". */
static int pick_wards(const loa_settings *s, const char *file, const mc_frontmatter *fm,
                      const loa_ward **out, size_t *n, mc_diag *d)
{
    *n = 0;
    int per_ward = s->nwards && ((s->opening && strstr(s->opening, "{ward}")) ||
                                 (s->closing && strstr(s->closing, "{ward}")));
    if (!per_ward) return 0;
    json_t *w = json_object_get(fm->data, "wards");
    if (!w || (json_is_string(w) && !strcmp(json_string_value(w), "all"))) {
        for (size_t i = 0; i < s->nwards && i < MAX_WARDS; i++) out[(*n)++] = &s->wards[i];
        return 0;
    }
    json_t *one = json_is_string(w) ? w : NULL;
    size_t count = one ? 1 : json_is_array(w) ? json_array_size(w) : 0;
    if (!one && !json_is_array(w))
        return mc_diag_set(d, file, mc_fm_line(fm, "wards"), 0, "wards: must be all, a ward id or a list of ids");
    for (size_t i = 0; i < count && *n < MAX_WARDS; i++) {
        const char *id = json_string_value(one ? one : json_array_get(w, i));
        const loa_ward *found = id ? loa_settings_ward(s, id) : NULL;
        if (!found)
            return mc_diag_set(d, file, mc_fm_line(fm, "wards"), 0, "unknown ward '%s'; use an id "
                               "from the wards: list in site.yaml, or all", id ? id : "?");
        out[(*n)++] = found;
    }
    return 0;
}

static int repeat_of(const char *file, const mc_frontmatter *fm, int *repeat, mc_diag *d)
{
    json_t *r = json_object_get(fm->data, "repeat");
    *repeat = 1;
    if (!r) return 0;
    if (!json_is_integer(r) || json_integer_value(r) < 1 || json_integer_value(r) > 10)
        return mc_diag_set(d, file, mc_fm_line(fm, "repeat"), 0, "repeat: must be a whole number from 1 to 10");
    *repeat = (int)json_integer_value(r);
    return 0;
}

static int render_one_file(const loa_settings *s, const loa_normalizer *nz, loa_tts *t,
                           const render_args *a, const char *file, const mc_frontmatter *fm,
                           const loa_ward *ward, int repeat, const char *recording,
                           const char *path, mc_diag *d)
{
    const char *title = json_string_value(json_object_get(fm->data, "title"));
    loa_announcement an = {fm->body, fm->body_len, file, fm->body_line, title,
                           json_string_value(json_object_get(fm->data, "date")), ward, repeat, 1,
                           s->chime, recording, loa_decode_file};
    char why[1200];
    if (loa_announce_via(s, nz, a->remote, t, &an, path, why, sizeof why, d) != 0) return -1;
    if (why[0]) fprintf(stderr, "%s:1: warning: %s\n", file, why);
    printf("%s\n", path);
    return 0;
}

static int target_path(char *buf, size_t n, const char *dir, const loa_ward *w,
                       const char *slug, const char *ext, mc_diag *d)
{
    if (w) snprintf(buf, n, "%s/%s", dir, w->id);
    else snprintf(buf, n, "%s", dir);
    if (mc_mkdir_p(buf, d) != 0) return -1;
    if (access(buf, W_OK) != 0)
        return mc_diag_set(d, buf, 0, 0, "the output folder is not writable; choose another with -o");
    size_t used = strlen(buf);
    if ((size_t)snprintf(buf + used, n - used, "/%s.%s", slug, ext) >= n - used)
        return mc_diag_set(d, dir, 0, 0, "output path too long");
    return 0;
}

/* ---- the wards of one announcement from shared speech and parts ---- */

/* A ward's file is made in two steps: its own parts (or the whole file,
 * when it does not share parts), then, once the shared parts are made,
 * the file written from both. */
enum { JOB_WAITING, JOB_MAKING, JOB_MADE, JOB_WRITING, JOB_DONE };

/* Wards whose own parts may wait for the shared ones: each holds about
 * 200 KB (its parts' MP3 frames and meters) */
#define MAX_AHEAD 48

typedef struct ward_job {
    loa_announcement an;
    loa_program program;
    char path[4096];
    int state;              /* JOB_*, under the pool's mutex */
    loa_ward_parts *own;    /* JOB_MADE: its own parts, to be written */
    int rc;
    mc_diag d;
} ward_job;

/* The calling thread reads the speech (espeak-ng is one engine, on one
 * thread) ward by ward; the other threads make the shared parts once and
 * the wards' own parts as soon as their speech is there, and write each
 * ward's file once the shared parts are made. */
typedef struct ward_pool {
    const loa_settings *s;
    loa_speech_cache *speech;
    ward_job *jobs;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t filled;          /* wards whose speech is in the cache */
    int stop;               /* the speech failed: take no more wards */
    int parts;              /* 1: MP3 from shared parts (parts.h) */
    int shared_state;       /* 0 being made, 1 ready, -1 failed */
    atomic_int shared_claimed;
    loa_shared *shared;     /* planned before the threads start */
    mc_diag shared_d;
} ward_pool;

/* What the wards share (nothing is made yet); 0 when the plan cannot be
 * made: the wards are then made whole, and say why if they fail too. */
static int plan_shared(ward_pool *p)
{
    const loa_program **ps = malloc(p->n * sizeof *ps);
    if (!ps) return 0;
    for (size_t i = 0; i < p->n; i++) ps[i] = &p->jobs[i].program;
    mc_diag d;
    p->shared = loa_shared_plan(ps, p->n, &p->s->out, &d);
    free(ps);
    return p->shared != NULL;
}

/* Makes the shared parts (the worker that claims them). */
static void make_shared(ward_pool *p, loa_tts *player, const mc_diag *player_d)
{
    mc_diag d;
    mc_diag_clear(&d);
    pthread_mutex_lock(&p->mu);
    int stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    int rc = stop ? mc_diag_set(&d, NULL, 0, 0, "not made: the speech failed")
             : player ? loa_shared_make(p->shared, &p->jobs[0].program, player, &d) : -1;
    pthread_mutex_lock(&p->mu);
    p->shared_state = rc == 0 ? 1 : -1;
    if (rc != 0) p->shared_d = player ? d : *player_d;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

/* The next step to take (under the lock): a ward to write when the shared
 * parts are made, else a ward whose speech is there to make; NULL when
 * every ward is done. Wards the speech never reached fail here. */
static ward_job *next_step(ward_pool *p)
{
    for (;;) {
        int open = 0;
        size_t made = 0;
        for (size_t i = 0; i < p->n; i++) {
            ward_job *j = &p->jobs[i];
            if (j->state == JOB_MADE && p->shared_state != 0) {
                j->state = JOB_WRITING;
                return j;
            }
            open |= j->state != JOB_DONE;
            made += j->state == JOB_MADE;
        }
        for (size_t i = 0; i < p->n; i++) {
            ward_job *j = &p->jobs[i];
            if (j->state != JOB_WAITING) continue;
            if (i < p->filled && made < MAX_AHEAD) {
                j->state = JOB_MAKING;
                return j;
            }
            if (p->stop) {
                j->rc = -1;
                mc_diag_set(&j->d, j->path, 0, 0, "not made: the speech failed");
                j->state = JOB_DONE;
            }
        }
        if (!open) return NULL;
        pthread_cond_wait(&p->cv, &p->mu);
    }
}

/* One step of job j (JOB_MAKING or JOB_WRITING, taken by this thread):
 * its own parts, or its whole file, or its file from the parts. Returns
 * the job's next state, which the caller sets under the lock. */
static int take_step(ward_pool *p, ward_job *j, int step, loa_tts *player, const mc_diag *player_d)
{
    mc_diag_clear(&j->d);
    if (step == JOB_WRITING) {
        if (p->shared_state < 0) {
            j->d = p->shared_d;
            j->rc = -1;
        } else {
            j->rc = loa_announce_write_shared(p->s, p->shared, j->own, &j->program, player, &j->an,
                                              NULL, j->path, &j->d);
        }
        loa_ward_parts_free(j->own);
        j->own = NULL;
        return JOB_DONE;
    }
    if (!player) {
        j->d = *player_d;
        j->rc = -1;
    } else if (p->parts && loa_shared_fits(p->shared, &j->program)) {
        j->own = loa_shared_own(p->shared, &j->program, player, j->path, &j->d);
        j->rc = j->own ? 0 : -1;
        if (j->own) return JOB_MADE;
    } else {
        j->rc = loa_announce_write(p->s, &j->program, player, &j->an, NULL, j->path, &j->d);
    }
    return JOB_DONE;
}

/* Takes steps until every ward is done: each ward's program played from
 * the shared speech, and written from the shared parts, or measured and
 * encoded whole. */
static void *ward_worker(void *arg)
{
    ward_pool *p = arg;
    mc_diag d;
    mc_diag_clear(&d);
    loa_tts *player = loa_speech_cache_tts(p->speech, 0, &d);
    if (p->parts && atomic_exchange(&p->shared_claimed, 1) == 0) make_shared(p, player, &d);
    pthread_mutex_lock(&p->mu);
    for (ward_job *j; (j = next_step(p)) != NULL;) {
        int step = j->state;
        pthread_mutex_unlock(&p->mu);
        int next = take_step(p, j, step, player, &d);
        pthread_mutex_lock(&p->mu);
        j->state = next;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    loa_tts_free(player);
    return NULL;
}

/* Speaks the utterances of segments [from, to) of p that the cache lacks. */
static int fill_speech(loa_speech_cache *c, const loa_program *p, size_t from, size_t to, mc_diag *d)
{
    for (size_t k = from; k < to; k++) {
        const loa_segment *seg = &p->segs[k];
        if (seg->kind == LOA_SEG_SPEECH &&
            loa_speech_cache_fill(c, seg->text, strlen(seg->text), d) != 0) return -1;
    }
    return 0;
}

/* Fills the speech ward by ward, the first ward's first, while the other
 * threads (every core but this one) make the files; then helps them. */
static int run_pool(ward_pool *p, mc_diag *d)
{
    /* the first ward's speech first: the shared parts are made from it */
    const loa_program *first = &p->jobs[0].program;
    int rc = fill_speech(p->speech, first, 0, first->count, d);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t want = cores > 1 ? (size_t)cores : 1;
    pthread_t th[64];
    size_t started = 0;
    while (rc == 0 && started + 1 < want && started < 64 &&
           pthread_create(&th[started], NULL, ward_worker, p) == 0) started++;
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        rc = fill_speech(p->speech, &p->jobs[i].program, 0, p->jobs[i].program.count, d);
        pthread_mutex_lock(&p->mu);
        if (rc == 0) p->filled = i + 1;
        else p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    if (rc != 0) {   /* the wards not reached fail in next_step */
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    ward_worker(p);
    for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
    return rc;
}

/* Every ward (nw of them, or one file without a ward when nw is 0) from
 * shared speech; prints the files made in ward order; the first failure
 * goes to d. */
static int render_shared(const loa_settings *s, const loa_normalizer *nz, const render_args *a,
                         const char *file, const mc_frontmatter *fm, const loa_ward **wards,
                         size_t nw, int repeat, const char *recording, const char *slug,
                         mc_diag *d)
{
    size_t n = nw ? nw : 1;
    ward_job *jobs = calloc(n, sizeof *jobs);
    if (!jobs) return mc_diag_set(d, file, 0, 0, "out of memory");
    const char *title = json_string_value(json_object_get(fm->data, "title"));
    const char *date = json_string_value(json_object_get(fm->data, "date"));
    size_t built = 0;
    int rc = 0;
    for (; rc == 0 && built < n; built++) {
        ward_job *j = &jobs[built];
        const loa_ward *w = nw ? wards[built] : NULL;
        loa_announcement an = {fm->body, fm->body_len, file, fm->body_line, title, date, w, repeat,
                               1, s->chime, recording, loa_decode_file};
        j->an = an;
        rc = target_path(j->path, sizeof j->path, a->out, w, slug, s->out.format->ext, d);
        if (rc == 0) rc = loa_announce_program(s, nz, &j->an, &j->program, d);
        if (rc != 0) built++;
    }
    if (rc == 0) {
        /* parts only where files share them: a single file is made whole
         * (nothing to share, and no join to make) */
        ward_pool pool = {.s = s, .speech = a->speech, .jobs = jobs, .n = n,
                          .parts = n > 1 && loa_shared_supported(&s->out)};
        if (pool.parts) pool.parts = plan_shared(&pool);
        atomic_init(&pool.shared_claimed, pool.parts ? 0 : 1);
        pthread_mutex_init(&pool.mu, NULL);
        pthread_cond_init(&pool.cv, NULL);
        rc = run_pool(&pool, d);
        for (size_t i = 0; pool.filled && i < n; i++) {
            if (jobs[i].rc == 0) printf("%s\n", jobs[i].path);
            else if (rc == 0) {
                *d = jobs[i].d;
                rc = -1;
            }
        }
        loa_shared_free(pool.shared);
        pthread_mutex_destroy(&pool.mu);
        pthread_cond_destroy(&pool.cv);
    }
    for (size_t i = 0; i < built; i++) loa_program_free(&jobs[i].program);
    free(jobs);
    return rc;
}

/* Front matter checks done before any folder is made. */
static int check_front(const char *file, const mc_frontmatter *fm, int *repeat, mc_diag *d)
{
    const char *title = json_string_value(json_object_get(fm->data, "title"));
    if (!title || !title[0])
        return mc_diag_set(d, file, 1, 0, "the announcement has no title:; add one to the front matter");
    /* the date goes into the tags and the sidecar: read as motcua reads it */
    json_t *date = json_object_get(fm->data, "date");
    mc_date parsed;
    if (date && !json_is_string(date))
        return mc_diag_set(d, file, mc_fm_line(fm, "date"), 0, "date: must be a date such as "
                           "2026-11-26, in quotes or not");
    if (date && mc_date_parse(json_string_value(date), &parsed, file, mc_fm_line(fm, "date"), d) != 0)
        return -1;
    return repeat_of(file, fm, repeat, d);
}

static int render_file(const loa_settings *s, loa_normalizer *const nzs[2], loa_tts *t,
                       const render_args *a, const char *file, mc_diag *d)
{
    size_t len;
    char *text = mc_read_file(file, &len, d);
    mc_frontmatter fm = {0};
    if (!text || mc_frontmatter_parse(file, text, len, &fm, d) != 0) {
        free(text);
        return -1;
    }
    free(text);
    loa_front_enums e;
    const char *bad = NULL;
    char msg[400];
    if (loa_front_enums_read(fm.data, &e, &bad, msg, sizeof msg) != 0) {
        mc_diag_set(d, file, mc_fm_line(&fm, bad), 0, "%s", msg);
        mc_frontmatter_free(&fm);
        return -1;
    }
    const loa_normalizer *nz = nzs[e.has_style ? e.style : s->style];
    const char *voice = a->voice ? a->voice : e.voice;
    const loa_ward *wards[MAX_WARDS];
    size_t nw = 0;
    char *slug = loa_audio_name(file, fm.data);
    int rc = slug ? 0 : mc_diag_set(d, file, 0, 0, "out of memory");
    if (rc == 0 && voice && loa_tts_set_voice(t, voice, d) != 0) {
        snprintf(d->file, sizeof d->file, "%s", file);
        d->line = a->voice ? 0 : mc_fm_line(&fm, "voice");
        rc = -1;
    }
    int repeat = 1;
    if (rc == 0) rc = check_front(file, &fm, &repeat, d);
    if (rc == 0) rc = pick_wards(s, file, &fm, wards, &nw, d);
    char *recording = NULL;
    if (rc == 0) rc = loa_recording_path(NULL, file, mc_fm_line(&fm, "recording"),
                                         json_object_get(fm.data, "recording"), &recording, d);
    if (rc == 0 && a->speech)
        rc = render_shared(s, nz, a, file, &fm, wards, nw, repeat, recording, slug, d);
    for (size_t i = 0; rc == 0 && !a->speech && i < (nw ? nw : 1); i++) {
        char path[4096];
        rc = target_path(path, sizeof path, a->out, nw ? wards[i] : NULL, slug, s->out.format->ext, d);
        if (rc == 0) rc = render_one_file(s, nz, t, a, file, &fm, nw ? wards[i] : NULL, repeat,
                                          recording, path, d);
    }
    free(recording);
    if (rc == 0 && voice) rc = loa_tts_set_voice(t, s->tts.voice, d);
    free(slug);
    mc_frontmatter_free(&fm);
    return rc;
}

static int load_settings(loa_settings *s, render_args *a, int argc, char **argv)
{
    const char *site = a->site;
    if (!site && access("site.yaml", R_OK) == 0) site = "site.yaml";
    if (site && loa_settings_load_site(s, site, &a->d) != 0) return 1;
    return parse(argc, argv, s, a, 1);   /* the command line over the site */
}

int loa_cmd_render(int argc, char **argv)
{
    loa_settings s;
    loa_settings_defaults(&s);
    render_args a = {NULL, NULL, NULL, {0}, NULL, NULL};
    mc_diag_clear(&a.d);
    int st = parse(argc, argv, &s, &a, 0);
    if (st < 0) st = load_settings(&s, &a, argc, argv);
    if (st >= 0) {
        if (st == 1) mc_diag_print(stderr, &a.d);
        loa_settings_free(&s);
        return st;
    }
    loa_http_config remote;
    int has_remote = loa_http_config_load(s.site, s.site_lines, a.site ? a.site : "site.yaml", &remote, &a.d);
    if (has_remote < 0) {
        mc_diag_print(stderr, &a.d);
        loa_settings_free(&s);
        return 1;
    }
    if (has_remote) a.remote = &remote;
    /* one normaliser per reading style: an announcement may name its own */
    loa_normalizer *nzs[2] = {loa_normalizer_new(LOA_NORTH, &a.d), loa_normalizer_new(LOA_SOUTH, &a.d)};
    const char *site = a.site ? a.site : access("site.yaml", R_OK) == 0 ? "site.yaml" : NULL;
    int ready = nzs[0] && nzs[1];
    for (int i = 0; ready && site && i < 2; i++) ready = loa_normalizer_load_site(nzs[i], site, &a.d) == 0;
    loa_tts *t = ready ? loa_tts_new(&s.tts, &a.d) : NULL;
    if (t && !a.remote && loa_speech_cache_enabled()) {
        a.speech = loa_speech_cache_new(t, &a.d);
        if (!a.speech) {
            loa_tts_free(t);
            t = NULL;
        }
    }
    int failed = !t;
    if (!t) mc_diag_print(stderr, &a.d);
    for (int i = optind; t && i < argc; i++) {
        mc_diag_clear(&a.d);
        if (render_file(&s, nzs, t, &a, argv[i], &a.d) != 0) {
            mc_diag_print(stderr, &a.d);
            failed = 1;
        }
    }
    if (a.speech && getenv("LOA_DEBUG_SPEECH")) {
        size_t made, replayed;
        loa_speech_cache_counts(a.speech, &made, &replayed);
        fprintf(stderr, "loa: speech: %zu utterances synthesised, %zu replayed\n", made, replayed);
    }
    loa_speech_cache_free(a.speech);
    loa_tts_free(t);
    loa_normalizer_free(nzs[0]);
    loa_normalizer_free(nzs[1]);
    loa_settings_free(&s);
    return failed ? 1 : 0;
}

const mc_command loa_render_command = {
    .name = "render",
    .args = "FILE.md... -o DIR",
    .summary = "announcements to audio: chime, opening, the text read\n"
               "'repeat:' times, closing; one file per ward",
    .usage = "loa render [OPTION]... FILE.md... -o DIR\n",
    .description = "Turn announcements (front matter + Markdown, e.g. content/thong-bao/*.md)\n"
                   "into audio files in DIR, each with a FILE.json sidecar. The chime, the\n"
                   "opening, the body read 'repeat:' times and the closing come from the\n"
                   "site's audio settings. When the opening names the ward ({ward}), one file\n"
                   "per ward is written to DIR/<ward-id>/<slug>.<ext>; otherwise DIR/<slug>.<ext>.\n"
                   "An announcement with 'recording: FILE' in its front matter (the file beside\n"
                   "it: M4A/AAC, 3GP, Ogg or WebM Opus, MP3, WAV, FLAC) plays that recorded\n"
                   "voice, cleaned (high-pass, silence trimmed, compressed), instead of reading\n"
                   "its text; a ward's opening_recording / closing_recording in site.yaml\n"
                   "replace its spoken opening and closing.\n",
    .options = render_options,
    .column = 27,
    .epilogue = "Example:\n"
                "  loa render content/thong-bao/*.md -o public/audio\n",
    .run = loa_cmd_render,
};
