/* build.c — orchestration of `motcua build` (see build.h).
 *
 * Static files come from the theme's static/ folder and then the site's
 * static/ folder; a site file replaces the theme file with the same path.
 * Before rendering, every output path is checked to be claimed once: an
 * alias that would overwrite a page is an error naming both.
 */
#include "build.h"
#include "announce_audio.h"
#include "content.h"
#include "edit_build.h"
#include "fileio.h"
#include "incremental.h"
#include "ledger.h"
#include "model.h"
#include "parallel.h"
#include "render.h"
#include "passes.h"
#include "site.h"
#include "staging.h"

#include <pthread.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

typedef struct load_job {
    const mc_site *site;
    const mc_scan *scan;
    mc_page *pages;
    mc_diag_list *errs;   /* one list per page, merged in order afterwards */
} load_job;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void phase(const mc_build_opts *o, const char *name, double *t)
{
    double now = now_seconds();
    if (o->verbose) fprintf(o->verbose, "motcua: %-9s %7.3f s\n", name, now - *t);
    *t = now;
}

static void load_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    load_job *job = ctx;
    mc_page_load(&job->pages[i], job->site, job->scan->pages[i], &job->errs[i]);
}

static int load_pages(const mc_site *site, const mc_scan *scan, int jobs, mc_page **pages_out,
                      mc_diag_list *errs)
{
    mc_page *pages = calloc(scan->npages + 1, sizeof *pages);
    mc_diag_list *per_page = calloc(scan->npages + 1, sizeof *per_page);
    if (!pages || !per_page) { free(pages); free(per_page); return -1; }
    load_job job = {site, scan, pages, per_page};
    mc_parallel_for(scan->npages, jobs, load_one, &job);
    size_t before = errs->errors;
    for (size_t i = 0; i < scan->npages; i++) {
        mc_diag_list_merge(errs, &per_page[i]);
        mc_diag_list_free(&per_page[i]);
    }
    free(per_page);
    *pages_out = pages;
    return errs->errors == before ? 0 : -1;
}

/* Where a message about an output file points: the content line that
 * asked for it when there is one, else the file it copies. */
static void output_origin(const mc_output *o, const char **file, int *line)
{
    *file = o->owner ? o->owner->file : o->source ? o->source : "(generated)";
    *line = o->owner ? o->owner_line : 0;
}

/* Every output path is claimed once. A clash is reported at the later
 * claimant that has a content line, preferring an alias (the redirect is
 * the one to move, never the page). */
static int check_unique_paths(const mc_model *m, mc_diag_list *errs)
{
    json_t *seen = json_object();
    size_t before = errs->errors;
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        json_t *prev = json_object_get(seen, o->path);
        if (!prev) {
            json_object_set_new(seen, o->path, json_integer((json_int_t)i));
            continue;
        }
        const mc_output *other = &m->outputs[json_integer_value(prev)];
        const mc_output *blamed = o, *kept = other;
        if (other->template && !strcmp(other->template, "alias") &&
            !(o->template && !strcmp(o->template, "alias"))) {
            blamed = other;
            kept = o;
        }
        const char *file, *kept_file;
        int line, kept_line;
        output_origin(blamed, &file, &line);
        output_origin(kept, &kept_file, &kept_line);
        mc_diag d;
        mc_diag_set(&d, file, line, 0, "writes /%s, which %s also writes; change a "
                    "slug or an alias so each URL has one page", o->path, kept_file);
        mc_diag_list_add(errs, &d);
    }
    json_decref(seen);
    return errs->errors == before ? 0 : -1;
}

static char *default_out(const char *site)
{
    size_t n = strlen(site) + 8;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s/public", site);
    return out;
}

/* "/thu-tuc/a/" or "thu-tuc/a" or a full URL → "thu-tuc/a/index.html". */
static const mc_output *find_output(const mc_model *m, const char *url)
{
    const char *base = m->site->base_path;
    if (!strncmp(url, m->site->base_url, strlen(m->site->base_url)))
        url += strlen(m->site->base_url);
    else if (!strncmp(url, base, strlen(base)))
        url += strlen(base);
    while (*url == '/') url++;
    size_t n = strlen(url);
    for (size_t i = 0; i < m->noutputs; i++) {
        const char *p = m->outputs[i].path;
        if (!strcmp(p, url)) return &m->outputs[i];
        size_t pl = strlen(p);
        if (pl >= 10 && !strcmp(p + pl - 10, "index.html")) {
            size_t dl = pl - 10; /* "a/b/" */
            if ((dl == n && !strncmp(p, url, n)) ||
                (dl == n + 1 && !strncmp(p, url, n) && p[n] == '/'))
                return &m->outputs[i];
        }
    }
    return NULL;
}

static int dump_context(const mc_model *m, const char *url, mc_diag_list *errs)
{
    const mc_output *o = find_output(m, url);
    mc_diag d;
    if (!o || o->kind == MC_OUT_COPY || o->kind == MC_OUT_BYTES) {
        mc_diag_set(&d, NULL, 0, 0, "no page has the URL '%s'; give the path of a page, "
                    "e.g. /thu-tuc/dang-ky-khai-sinh/", url);
        return mc_diag_list_add(errs, &d);
    }
    json_t *ctx = mc_render_context(m, o, errs);
    if (!ctx) return -1;
    json_dumpf(ctx, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
    fputc('\n', stdout);
    json_decref(ctx);
    return 0;
}

static int patch_output(mc_staging *st, const mc_model *m, const mc_render_plan *plan,
                        const mc_cache *cache, mc_diag *d);

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A clean build (nothing of a previous output can be kept) starts writing
 * content pages into the staging folder as soon as their cards exist
 * (render.h, mc_render_early_start). */
typedef struct early_render {
    mc_staging st;
    int staged;              /* st is open */
    mc_render_early *run;    /* pages being written, or NULL */
    unsigned char *rendered; /* after finish: outputs it wrote */
    mc_render_stats stats;
    int failed;              /* a page it wrote failed */
    int open_failed;         /* the staging folder could not be made (reported) */
} early_render;

static void early_begin(early_render *er, const char *out, const mc_model *m, int jobs,
                        mc_diag_list *errs)
{
    mc_diag d;
    if (mc_staging_open(&er->st, out, &d) != 0) {
        mc_diag_list_add(errs, &d);
        er->open_failed = 1;
        return;
    }
    er->staged = 1;
    er->run = mc_render_early_start(m, er->st.dir, jobs);
}

/* Waits for the early pages and marks them in the plan's rendered. */
static void early_finish(early_render *er, const mc_model *m, mc_render_plan *plan,
                         mc_diag_list *errs)
{
    if (!er->run) return;
    er->rendered = calloc(m->noutputs + 1, 1);
    if (!er->rendered) {
        mc_render_early_cancel(er->run);
        er->run = NULL;
        er->failed = 1;
        return;
    }
    er->failed = mc_render_early_finish(er->run, plan, er->rendered, &er->stats, errs) != 0;
    er->run = NULL;
    plan->rendered = er->rendered;
}

/* A build that stops before rendering: nothing it started stays. */
static void early_cancel(early_render *er)
{
    mc_render_early_cancel(er->run);
    er->run = NULL;
    if (er->staged) mc_staging_abort(&er->st);
    er->staged = 0;
}

/* The model passes' hooks: phase times, and early rendering. */
typedef struct build_phases {
    const mc_build_opts *o;
    double *t;
    early_render *er;
    const char *out;
    const mc_cache *cache;
    int jobs;
    mc_diag_list *errs;
} build_phases;

static void after_pass(void *ctx, const char *name)
{
    build_phases *bp = ctx;
    phase(bp->o, name, bp->t);
}

/* Content pages are final: a clean build (nothing of a previous output can
 * be kept) starts writing them. */
static void pages_final(void *ctx, const mc_model *m)
{
    build_phases *bp = ctx;
    if (!bp->cache && !bp->o->dump_context)
        early_begin(bp->er, bp->out, m, bp->jobs, bp->errs);
}

static int render_and_swap(const mc_build_opts *o, const char *out, const mc_model *m,
                           const mc_render_plan *plan, const mc_cache *cache, mc_audio *audio, int jobs, early_render *er,
                           mc_build_result *r, mc_diag_list *errs, int *half_patched)
{
    mc_diag d;
    int status = -1;
    if (er->open_failed) return -1; /* said once, by early_begin */
    if (!er->staged && mc_staging_open(&er->st, out, &d) != 0) return mc_diag_list_add(errs, &d);
    er->staged = 0; /* from here on this function commits or aborts it */
    mc_render_stats stats = er->stats;
    if (mc_audio_render(audio, m, plan, er->st.dir, jobs, o->progress, &stats, errs) != 0 ||
        er->failed) {
        mc_staging_abort(&er->st);
    } else if (plan->in_place ? (*half_patched = patch_output(&er->st, m, plan, cache, &d) != 0)
                                 : mc_staging_commit(&er->st, &d) != 0) {
        mc_diag_list_add(errs, &d);
    } else {
        status = 0;
    }
    r->files = stats.files + stats.reused;
    r->bytes = stats.bytes;
    r->reused = stats.reused;
    return status;
}

/* The next moment the site changes with no edit: a future-dated page
 * appears, or an announcement expires. 0 when there is none. */
static long long next_change(const mc_page *pages, size_t n, long long now)
{
    long long next = 0;
    for (size_t i = 0; i < n; i++) {
        long long t[2] = {pages[i].has_date ? pages[i].date.epoch : 0, 0};
        const char *expires = json_string_value(json_object_get(pages[i].params, "expires"));
        mc_date e;
        if (expires && mc_date_parse(expires, &e, NULL, 0, NULL) == 0) t[1] = e.epoch + 86400;
        for (int k = 0; k < 2; k++)
            if (t[k] > now && (next == 0 || t[k] < next)) next = t[k];
    }
    return next;
}

typedef struct inputs_job {
    const mc_build_opts *o;
    const mc_site *site;
    char *digest;
    char rest[MC_KEY_SIZE];  /* the digest of all but the pages' stamps */
    mc_input_stamps content; /* what the digest saw of the content files */
} inputs_job;

static void build_inputs(inputs_job *j);

static void *inputs_thread(void *arg)
{
    build_inputs(arg);
    return NULL;
}

static void join_inputs(int *pending, pthread_t thread)
{
    if (*pending) pthread_join(thread, NULL);
    *pending = 0;
}

static void build_inputs(inputs_job *j)
{
    char options[1200];
    snprintf(options, sizeof options, "drafts=%d future=%d audio=%d allow=%d base=%s",
             j->o->drafts, j->o->future, !j->o->no_audio, j->o->allow_incomplete,
             j->site->base_url);
    mc_inputs_digest(j->o->site, j->site->theme_dir, options, j->digest, j->rest, &j->content);
}

/* 1 when the digest saw a page file other than the build read it (the
 * digest was made while the pages were read: the file was saved between
 * the two). Both lists are in listing order, the pages a part of it. */
static int pages_moved(const mc_page *pages, size_t n, const mc_input_stamps *seen)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const mc_file_stamp *st = mc_input_stamp_seek(seen, &k, pages[i].rel);
        if (!st || !mc_stamp_equal(*st, pages[i].file_stamp)) return 1;
    }
    return 0;
}

static const char *audio_salt(void *ctx, const mc_output *o)
{
    return mc_audio_key_salt(ctx, o->path);
}

/* Marks what can be kept from the previous output; keys go to *keys. When
 * at least half the files stay, the output folder is patched in place
 * (staging.h) rather than linked into a new one and swapped: linking and
 * then deleting 12,000 unchanged files cost more than rendering the one
 * that changed. */
static void plan_reuse(const mc_model *m, mc_render_plan *plan, mc_cache *cache, const char *out,
                       int jobs,
                       const mc_audio *audio, char **keys, unsigned char **reuse,
                       mc_file_stamp **stamps)
{
    *keys = mc_output_keys(m, jobs, audio_salt, (void *)audio);
    size_t count = 0;
    *stamps = calloc(m->noutputs + 1, sizeof **stamps);
    *reuse = *keys && cache && *stamps ? mc_cache_reusable(cache, m, *keys, out, &count, *stamps)
                                       : NULL;
    plan->reuse = *reuse;
    plan->reuse_dir = out;
    plan->stamps = *stamps;
    plan->in_place = *reuse && count > 0 && count * 2 >= m->noutputs;
}

/* Moves the files rendered into the staging folder into the output folder
 * and removes the outputs the site no longer has. */
static int patch_output(mc_staging *st, const mc_model *m, const mc_render_plan *plan,
                        const mc_cache *cache, mc_diag *d)
{
    char **changed = calloc(m->noutputs + 1, sizeof *changed);
    size_t nchanged = 0, nstale = 0;
    char **stale = mc_cache_stale(cache, m, &nstale);
    if (!changed) {
        mc_staging_abort(st);
        return mc_diag_set(d, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < m->noutputs; i++)
        if (!plan->reuse[i]) changed[nchanged++] = m->outputs[i].path;
    int status = mc_staging_patch(st, changed, nchanged, stale, nstale, d);
    for (size_t i = 0; i < nstale; i++) free(stale[i]);
    free(stale);
    free(changed);
    return status;
}

/* Everything one build holds, so that its three parts (shortcuts, the
 * model, render and save) are functions of their own. */
typedef struct build_state {
    const mc_build_opts *o;
    mc_build_result *r;
    mc_diag_list *errs;
    double t;                /* the last phase's end (phase times) */
    int jobs;
    long long now;
    char *out, *cache_file, *keys;
    mc_site site;
    mc_scan scan;
    mc_page *pages;
    mc_model model;
    mc_audio *audio;
    unsigned char *reuse;
    mc_file_stamp *stamps;
    char inputs_digest[MC_KEY_SIZE], files_digest[MC_KEY_SIZE];
    const char *inputs;      /* inputs_digest when the cache is used, else NULL */
    mc_cache *cache;
    early_render er;
    inputs_job ij;
    pthread_t inputs_thread_id;
    int inputs_pending;      /* the inputs thread runs until joined */
    int status;
} build_state;

/* The shortcuts: nothing changed (a no-op), or only page texts (the edit
 * build, edit_build.h). 1 when one of them did the build (b->status says
 * how it went); 0 to build in full. Starts the inputs digest either way. */
static int shortcuts(build_state *b)
{
    const mc_build_opts *o = b->o;
    if (o->no_cache || o->dump_context) return 0;
    /* the inputs are stat'ed on a second thread while this one checks the
     * outputs the cache lists: a no-op build is mostly these stats */
    b->inputs_pending = pthread_create(&b->inputs_thread_id, NULL, inputs_thread, &b->ij) == 0;
    if (!b->inputs_pending) inputs_thread(&b->ij);
    b->inputs = b->inputs_digest;
    b->cache_file = mc_cache_path(o->site, b->out);
    /* with no output folder there is nothing the cache could keep */
    b->cache = o->clean || !is_dir(b->out) ? NULL : mc_cache_load(b->cache_file, b->out, b->errs);
    if (!b->cache) return 0; /* the digest goes on while the pages are read: an input
                              * saved meanwhile shows in pages_moved, and the cache
                              * is not saved */
    int intact = mc_cache_outputs_intact(b->cache, b->out);
    join_inputs(&b->inputs_pending, b->inputs_thread_id);
    mc_ledger_seal(o->site, b->files_digest, b->inputs_digest);
    phase(o, "cache", &b->t);
    if (intact && mc_cache_is_current(b->cache, b->inputs, b->now, &b->r->pages)) {
        b->r->up_to_date = 1;
        b->status = 0;
        return 1;
    }
    mc_edit_in ei = {o, &b->site, b->out, b->cache, b->cache_file, b->inputs, b->ij.rest,
                     b->files_digest, b->inputs_digest, &b->ij.content, b->now, b->jobs};
    if (intact && mc_edit_build(&ei, b->r, &b->status, b->errs)) {
        phase(o, "edit", &b->t);
        return 1;
    }
    return 0;
}

/* The model: scan, load every page, the passes (passes.h), one page per
 * output path. 0 to render; 1 when the build ends here (--dump-context
 * done, b->status set); -1 after errors. */
static int make_model(build_state *b)
{
    const mc_build_opts *o = b->o;
    if (mc_content_scan(o->site, &b->scan, b->errs) != 0) return -1;
    phase(o, "scan", &b->t);
    int loaded = load_pages(&b->site, &b->scan, b->jobs, &b->pages, b->errs);
    phase(o, "load", &b->t);
    if (loaded != 0) return -1;
    build_phases bp = {o, &b->t, &b->er, b->out, b->cache, b->jobs, b->errs};
    mc_passes_in pin = {&b->site, b->pages, &b->scan, {o->drafts, o->future, b->now, b->jobs, o->allow_incomplete},
                        {o->no_audio, o->verbose}, pages_final, &bp, after_pass};
    if (mc_model_passes(&b->model, &pin, &b->audio, b->errs) != 0 ||
        check_unique_paths(&b->model, b->errs) != 0)
        return -1;
    for (size_t i = 0; i < b->model.noutputs; i++)
        b->r->pages += b->model.outputs[i].kind == MC_OUT_PAGE;
    if (o->on_model) o->on_model(o->on_model_ctx, &b->model);
    if (!o->dump_context) return 0;
    b->status = dump_context(&b->model, o->dump_context, b->errs);
    return 1;
}

/* Render and save: what can be kept (the render plan), the files into the
 * staging folder and then the output, the ledger, the build cache. */
static void render_and_save(build_state *b)
{
    const mc_build_opts *o = b->o;
    mc_model *m = &b->model;
    join_inputs(&b->inputs_pending, b->inputs_thread_id);
    if (b->inputs) mc_ledger_seal(o->site, b->files_digest, b->inputs_digest);
    mc_render_plan plan = {0}; /* how to write the model: render.h */
    if (b->inputs) {
        plan_reuse(m, &plan, b->cache, b->out, b->jobs, b->audio, &b->keys, &b->reuse, &b->stamps);
        phase(o, "keys", &b->t);
    }
    early_finish(&b->er, m, &plan, b->errs);
    int half_patched = 0;
    b->status = render_and_swap(o, b->out, m, &plan, b->cache, b->audio, b->jobs, &b->er, b->r,
                                b->errs, &half_patched);
    phase(o, "render", &b->t);
    if (half_patched && b->cache_file) unlink(b->cache_file); /* rebuild it all next time */
    if (b->status == 0 && o->write_ledger && m->ledger) {
        mc_diag d;
        int saved = mc_ledger_save(o->site, m->ledger, &d);
        if (saved < 0) {
            mc_diag_list_add(b->errs, &d);
            b->status = -1;
        } else if (saved > 0 && b->inputs) { /* the ledger this build wrote is not a change */
            mc_ledger_seal(o->site, b->files_digest, b->inputs_digest);
        }
    }
    if (b->status == 0 && b->inputs) {
        free(b->cache_file);
        b->cache_file = mc_cache_path(o->site, b->out); /* the output now exists */
    }
    if (b->status == 0 && b->inputs && pages_moved(b->pages, b->scan.npages, &b->ij.content)) {
        /* the output may hold a file as it was before it was saved: the
         * next build must not find it up to date */
        if (b->cache_file) unlink(b->cache_file);
        mc_diag d;
        mc_diag_warn(&d, o->site, 0, 0, "a file of the site was saved while it was being "
                     "built; the build may not show that change: build again");
        mc_diag_list_add(b->errs, &d);
    } else if (b->status == 0 && b->inputs && b->keys && b->stamps && !mc_audio_fell_back(b->audio)) {
        mc_diag d;
        if (!b->cache_file ||
            mc_cache_save(b->cache_file, b->out, b->inputs,
                          next_change(b->pages, b->scan.npages, b->now), m, b->keys, b->stamps,
                          b->r->pages, &d) != 0) {
            mc_diag_warn(&d, b->cache_file ? b->cache_file : o->site, 0, 0, "could not save the "
                         "build cache; the next build will render everything");
            mc_diag_list_add(b->errs, &d);
        } else if (mc_snapshot_save(b->cache_file, b->inputs, b->ij.rest, m, b->jobs, &d) != 0) {
            mc_diag_warn(&d, b->cache_file, 0, 0, "could not save the page snapshot; the next "
                         "edit will rebuild the whole model");
            mc_diag_list_add(b->errs, &d);
        }
    }
    phase(o, "save", &b->t);
    if (o->verbose && b->status == 0)
        fprintf(o->verbose, "motcua: %zu of %zu files unchanged since the last build\n",
                b->r->reused, b->r->files);
}

int mc_build(const mc_build_opts *o, mc_build_result *r, mc_diag_list *errs)
{
    memset(r, 0, sizeof *r);
    build_state *b = calloc(1, sizeof *b);
    if (!b) return mc_diag_list_oom(errs);
    double start = now_seconds();
    b->o = o;
    b->r = r;
    b->errs = errs;
    b->t = start;
    b->jobs = o->jobs > 0 ? o->jobs : mc_cpu_count();
    b->now = o->now ? o->now : (long long)time(NULL);
    b->status = -1;
    b->out = o->out ? strdup(o->out) : default_out(o->site);
    b->ij = (inputs_job){o, &b->site, b->files_digest, {0}, {0}};
    int loaded = 0; /* the model's part ran: pages and model to free */
    if (b->out && mc_site_load(&b->site, o->site, o->base_url, errs) == 0) {
        if (!o->dump_context) mc_staging_sweep(b->out);
        phase(o, "site", &b->t);
        if (!shortcuts(b)) {
            loaded = 1;
            if (make_model(b) == 0) render_and_save(b);
        }
    }
    if (loaded && !(o->exiting && b->status == 0)) { /* see cmd_build.c, Memory at exit */
        early_cancel(&b->er);
        free(b->er.rendered);
        mc_audio_free(b->audio);
        mc_model_free(&b->model);
        for (size_t i = 0; b->pages && i < b->scan.npages; i++) mc_page_free(&b->pages[i]);
        free(b->pages);
        mc_scan_free(&b->scan);
        phase(o, "free", &b->t);
    }
    join_inputs(&b->inputs_pending, b->inputs_thread_id);
    mc_input_stamps_free(&b->ij.content);
    mc_site_free(&b->site);
    mc_cache_free(b->cache);
    free(b->cache_file);
    free(b->keys);
    free(b->reuse);
    free(b->stamps);
    free(b->out);
    int status = b->status;
    free(b);
    r->seconds = now_seconds() - start;
    return status;
}
