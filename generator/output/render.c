/* render.c — parallel rendering of the model's outputs (see render.h).
 *
 * Work split: mc_parallel_for hands out output indexes; worker w renders with
 * its own mc_tmpl_set and appends problems to its own error list. Files are
 * written with plain write(): the whole folder is a staging folder that
 * becomes the site only if every file succeeded, so per-file atomic renames
 * would only cost time. Parent folders are created on demand; each worker
 * remembers the last folder it created to skip most mkdir calls.
 *
 * Early rendering (a clean build): the content pages are handed to a
 * background pool as soon as their cards exist, through a copy of the
 * model that lists only them (the model's own output array keeps growing
 * and moving meanwhile). The main thread makes lists, taxonomies, feeds
 * and search while one core renders; mc_render_early_finish makes it a
 * worker for what is left. Outputs it wrote are then marked in the
 * plan's rendered, which render_one skips.
 */
#include "render.h"
#include "output_inputs.h"
#include "kinds.h"
#include "qr.h"
#include "fileio.h"
#include "incremental.h"
#include "markdown.h"
#include "mustache.h"
#include "parallel.h"
#include "safepath.h"
#include "strf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct worker_state {
    mc_tmpl_set *templates;
    mc_file_stamp last_stamp; /* size and mtime of the file last written */
    mc_diag_list errs;
    char last_dir[4096];   /* relative to the output folder */
    size_t files, bytes, reused;
    int dirfd;             /* the output folder (the job's), for *at calls */
    const char *dir;       /* its path, for messages */
} worker_state;

typedef struct render_job {
    const mc_model *m;
    mc_render_plan plan;  /* a copy; all NULL when there is none */
    const char *dir;
    char *template_dir;
    worker_state *workers;
    json_t *index_pages;  /* content rel of _index files -> page index */
    json_t *page_templates; /* page template name -> whether the theme has it */
    int dirfd;            /* dir, open (or -1: every write then fails with why) */
    atomic_size_t done;
    pthread_mutex_t parse_lock; /* see markdown.h, Threads */
    int progress;
    time_t started;       /* progress shows only once a build takes > 1 s */
    int progress_shown;   /* written by worker 0 only */
    atomic_int cancelled; /* an early render no longer wanted: skip the rest */
} render_job;

typedef struct link_ctx {
    const mc_model *m;
    const char *dir;
} link_ctx;

static const char *resolve_link(void *ctx, const char *target)
{
    link_ctx *l = ctx;
    return mc_model_resolve(l->m, l->dir, target);
}

/* Markdown of page p to HTML; headings go into *headings. */
static char *page_html(const mc_model *m, const mc_page *p, json_t **headings,
                       mc_diag_list *errs, pthread_mutex_t *parse_lock)
{
    link_ctx l = {m, p->dir};
    mc_markdown_opts opts = {p->file, p->body_line, m->site->unsafe_html, resolve_link, &l,
                             parse_lock};
    size_t len;
    char *owned;
    mc_diag d;
    const char *body = mc_page_body(p, m->site, &len, &owned, &d);
    if (!body) {
        mc_diag_list_add(errs, &d);
        return NULL;
    }
    char *html = mc_markdown_render(body, len, &opts, headings, errs);
    free(owned);
    return html;
}

/* A printed page (kinds.h: procedures, announcements) gets page.qr_svg, a
 * QR code of its full URL for the print view (qr.h), when the theme shows
 * it. */
static void add_qr(const mc_model *m, json_t *page, const mc_page *p)
{
    if (!m->qr_codes || !p->kind->printed) return;
    const char *url = json_string_value(json_object_get(page, "permalink"));
    char *svg = url && url[0] ? mc_qr_svg(url, url) : NULL;
    if (svg) json_object_set_new(page, "qr_svg", json_string(svg));
    free(svg);
}

static json_t *page_context(const mc_model *m, const mc_output *o, mc_diag_list *errs,
                            pthread_mutex_t *parse_lock)
{
    const mc_page *p = o->page;
    json_t *headings = NULL;
    char *html = page_html(m, p, &headings, errs, parse_lock);
    if (!html) return NULL;
    json_t *page = json_copy(o->context);
    /* the HTML is made from checked UTF-8: no need for Jansson to check again */
    json_object_set_new(page, "content", json_stringn_nocheck(html, strlen(html)));
    /* the table of contents lists level-2 headings only: the steps */
    json_t *toc = json_array();
    size_t i;
    json_t *h;
    json_array_foreach(headings, i, h)
        if (json_integer_value(json_object_get(h, "level")) == 2) json_array_append(toc, h);
    json_object_set_new(page, "has_toc", json_boolean(json_array_size(toc) > 1));
    json_object_set_new(page, "toc", toc);
    json_object_set_new(page, "headings", headings);
    add_qr(m, page, p);
    free(html);
    json_t *ctx = mc_model_base_context(m, p->lang);
    json_object_set_new(ctx, "page", page);
    return ctx;
}

/* ctx[key].intro: the HTML of its introduction (output_inputs.h). */
static int add_intro(const mc_model *m, json_t *index_pages, json_t *ctx, const char *key,
                     mc_diag_list *errs, pthread_mutex_t *parse_lock)
{
    const mc_page *p = mc_output_intro(m, index_pages, ctx, key);
    if (!p) return 0;
    json_t *obj = json_copy(json_object_get(ctx, key)); /* the model's stays as it is */
    json_object_set_new(ctx, key, obj);
    char *html = page_html(m, p, NULL, errs, parse_lock);
    if (!html) return -1;
    json_object_set_new(obj, "intro", json_stringn_nocheck(html, strlen(html)));
    free(html);
    return 0;
}

static json_t *context_for(const mc_model *m, json_t *index_pages, const mc_output *o,
                           mc_diag_list *errs, pthread_mutex_t *parse_lock)
{
    if (o->kind == MC_OUT_PAGE) return page_context(m, o, errs, parse_lock);
    json_t *ctx = json_copy(o->context);
    for (int k = 0; k < MC_INTRO_KEYS; k++)
        if (add_intro(m, index_pages, ctx, mc_intro_keys[k], errs, parse_lock) != 0) {
            json_decref(ctx);
            return NULL;
        }
    return ctx;
}

json_t *mc_render_context(const mc_model *m, const mc_output *o, mc_diag_list *errs)
{
    json_t *index_pages = mc_intro_map(m);
    json_t *ctx = context_for(m, index_pages, o, errs, NULL); /* one thread */
    json_decref(index_pages);
    return ctx;
}


/* Files are written by their path inside the output folder (rel), opened
 * relative to it: the kernel then walks two or three names per file, not
 * the whole path. Messages name the full path, made only for them. */
static int ensure_parent(worker_state *w, const char *rel, mc_diag *d)
{
    const char *slash = strrchr(rel, '/');
    size_t n = slash ? (size_t)(slash - rel) : 0;
    if (n == 0 || n >= sizeof w->last_dir) return 0;
    if (strlen(w->last_dir) == n && !strncmp(w->last_dir, rel, n)) return 0;
    memcpy(w->last_dir, rel, n);
    w->last_dir[n] = '\0';
    return mc_mkdir_p_at(w->dirfd, w->dir, w->last_dir, d);
}

/* "cannot write" for OUT/rel, with errno's reason. */
static int write_error(const worker_state *w, const char *rel, mc_diag *d)
{
    int saved = errno;
    char *path = mc_path2(w->dir, rel);
    mc_diag_set(d, path ? path : rel, 0, 0, "cannot write: %s", strerror(saved));
    free(path);
    return -1;
}

static int write_file(worker_state *w, const char *rel, const char *data, size_t n, mc_diag *d)
{
    if (!mc_path_stays_inside(rel))
        return mc_diag_set(d, rel, 0, 0, "refusing to write outside the output folder; "
                           "delete the site's .motcua folder if this path came from its cache");
    if (ensure_parent(w, rel, d) != 0) return -1;
    int fd = openat(w->dirfd, rel, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return write_error(w, rel, d);
    size_t off = 0;
    while (off < n) {
        ssize_t put = write(fd, data + off, n - off);
        if (put < 0 && errno == EINTR) continue;
        if (put < 0) {
            write_error(w, rel, d);
            close(fd);
            return -1;
        }
        off += (size_t)put;
    }
    struct stat st;
    if (fstat(fd, &st) == 0) w->last_stamp = mc_stamp_of(&st);
    if (close(fd) != 0) return write_error(w, rel, d);
    w->files++;
    w->bytes += n;
    return 0;
}

/* Which page templates the theme has, by name: the kinds and layouts
 * the page outputs name, each looked up once. */
static json_t *page_templates(const mc_model *m)
{
    json_t *have = json_object();
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        if (o->kind == MC_OUT_PAGE && !json_object_get(have, o->template))
            json_object_set_new(have, o->template,
                                json_boolean(mc_site_has_template(m->site, o->template)));
    }
    return have;
}

/* A page's template is named after its kind; a theme without that
 * template renders the kind with page.mustache. have: page_templates. */
static const char *template_for(const json_t *have, const mc_output *o)
{
    if (o->kind == MC_OUT_PAGE && !json_is_true(json_object_get(have, o->template))) return "page";
    return o->template;
}

/* The strict template set of the theme; its links may lead anywhere in
 * the site (or, for an installed theme, in the theme). */
static mc_tmpl_set *templates_for(const mc_model *m, const char *template_dir)
{
    mc_tmpl_set *set = mc_tmpl_set_new_dir(template_dir, 1);
    if (set && mc_tmpl_set_confine(set, mc_confine_for(m->site->root, m->site->theme_dir)) != 0) {
        mc_tmpl_set_free(set);
        return NULL;
    }
    return set;
}

/* Before anything renders: every template the outputs use exists and
 * parses, and so does every partial and parent they name, even in
 * branches no content reaches. Each problem is reported once. */
static int check_templates(const mc_model *m, const char *template_dir, const json_t *have,
                           mc_diag_list *errs)
{
    mc_tmpl_set *set = templates_for(m, template_dir);
    json_t *done = json_object();
    size_t before = errs->errors;
    for (size_t i = 0; set && i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        if (o->kind != MC_OUT_PAGE && o->kind != MC_OUT_TEMPLATE) continue;
        const char *name = template_for(have, o);
        if (json_object_get(done, name)) continue;
        json_object_set_new(done, name, json_true());
        mc_diag d;
        mc_tmpl *t = mc_tmpl_get(set, name, &d);
        if (!t || mc_tmpl_check_refs(set, t, &d) != 0) mc_diag_list_add(errs, &d);
    }
    json_decref(done);
    mc_tmpl_set_free(set);
    return errs->errors == before ? 0 : -1;
}

static int render_template(render_job *job, worker_state *w, const mc_output *o, mc_diag *d)
{
    mc_tmpl *t = mc_tmpl_get(w->templates, template_for(job->page_templates, o), d);
    if (!t) return -1;
    json_t *ctx = context_for(job->m, job->index_pages, o, &w->errs, &job->parse_lock);
    if (!ctx) return 0; /* its errors are already in the list */
    size_t len = 0;
    char *out = mc_tmpl_render(w->templates, t, ctx, &len, d);
    json_decref(ctx);
    if (!out) return -1;
    int status = write_file(w, o->path, out, len, d);
    free(out);
    return status;
}

static int copy_output(worker_state *w, const mc_output *o, mc_diag *d)
{
    size_t len;
    char *data = mc_read_file(o->source, &len, d);
    if (!data) return -1;
    int status = write_file(w, o->path, data, len, d);
    free(data);
    return status;
}

/* Hard-links the previous build's file for output i (its key is
 * unchanged): same bytes, and the file keeps its inode and mtime. */
static int reuse_output(render_job *job, worker_state *w, const mc_output *o, mc_diag *d)
{
    if (job->plan.in_place) { /* the file stays; its stamp came from the cache */
        w->last_stamp = job->plan.stamps[o - job->m->outputs];
        w->reused++;
        return 0;
    }
    char *old = mc_path2(job->plan.reuse_dir, o->path);
    if (!old) return -1;
    struct stat st;
    int status = ensure_parent(w, o->path, d) == 0 &&
                 linkat(AT_FDCWD, old, w->dirfd, o->path, 0) == 0 &&
                 fstatat(w->dirfd, o->path, &st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -1;
    if (status == 0) {
        w->last_stamp = mc_stamp_of(&st);
        w->reused++;
    }
    free(old);
    return status;
}

static void render_one(void *ctx, size_t i, int worker)
{
    render_job *job = ctx;
    worker_state *w = &job->workers[worker];
    const mc_output *o = &job->m->outputs[i];
    if (atomic_load(&job->cancelled) || (job->plan.rendered && job->plan.rendered[i])) {
        atomic_fetch_add(&job->done, 1);
        return;
    }
    mc_diag d;
    mc_diag_clear(&d);
    int status;
    if (job->plan.reuse && job->plan.reuse[i] && reuse_output(job, w, o, &d) == 0) status = 0;
    else if (o->kind == MC_OUT_COPY) status = copy_output(w, o, &d);
    else if (o->kind == MC_OUT_BYTES) status = write_file(w, o->path, o->bytes, o->nbytes, &d);
    else status = render_template(job, w, o, &d);
    if (status != 0) mc_diag_list_add(&w->errs, &d);
    else if (job->plan.stamps) job->plan.stamps[i] = w->last_stamp;
    size_t done = atomic_fetch_add(&job->done, 1) + 1;
    if (job->progress && worker == 0 && done % 256 == 0 && time(NULL) - job->started >= 1) {
        fprintf(stderr, "\rmotcua: writing %zu/%zu files", done, job->m->noutputs);
        job->progress_shown = 1;
    }
}

static int compare_diag(const void *a, const void *b)
{
    const mc_diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return strcmp(x->message, y->message);
}

/* Sets up job for rendering m's outputs into dir on `jobs` workers: the
 * templates are checked first (problems go to errs, and -1 is returned
 * with nothing to free). */
static int job_init(render_job *job, const mc_model *m, const mc_render_plan *plan,
                    const char *dir, int jobs, int progress, mc_diag_list *errs)
{
    memset(job, 0, sizeof *job);
    job->m = m;
    if (plan) job->plan = *plan;
    job->dir = dir;
    job->progress = progress;
    job->started = time(NULL);
    atomic_init(&job->done, 0);
    atomic_init(&job->cancelled, 0);
    size_t n = strlen(m->site->theme_dir) + 16;
    job->template_dir = malloc(n);
    job->workers = calloc((size_t)jobs, sizeof *job->workers);
    if (!job->template_dir || !job->workers) { free(job->template_dir); free(job->workers); return -1; }
    snprintf(job->template_dir, n, "%s/templates", m->site->theme_dir);
    job->page_templates = page_templates(m);
    if (check_templates(m, job->template_dir, job->page_templates, errs) != 0) {
        json_decref(job->page_templates);
        free(job->template_dir);
        free(job->workers);
        return -1;
    }
    pthread_mutex_init(&job->parse_lock, NULL);
    job->index_pages = mc_intro_map(m);
    job->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (int w = 0; w < jobs; w++) {
        job->workers[w].templates = templates_for(m, job->template_dir);
        job->workers[w].dirfd = job->dirfd;
        job->workers[w].dir = dir;
    }
    return 0;
}

/* Gathers the workers' counts and problems (sorted, each once) and frees
 * what job_init made. Returns -1 when any output failed. */
static int job_finish(render_job *job, int jobs, mc_render_stats *stats, mc_diag_list *errs)
{
    if (job->progress_shown) fputs("\r\033[K", stderr); /* clear the progress line */
    mc_diag_list all = {0};
    for (int w = 0; w < jobs; w++) {
        mc_diag_list_merge(&all, &job->workers[w].errs);
        mc_diag_list_free(&job->workers[w].errs);
        mc_tmpl_set_free(job->workers[w].templates);
        if (stats) {
            stats->files += job->workers[w].files;
            stats->bytes += job->workers[w].bytes;
            stats->reused += job->workers[w].reused;
        }
    }
    /* the same missing template shows up once per worker: keep one */
    if (all.count) qsort(all.items, all.count, sizeof *all.items, compare_diag);
    for (size_t i = 0; i < all.count; i++)
        if (i == 0 || compare_diag(&all.items[i - 1], &all.items[i]) != 0)
            mc_diag_list_add(errs, &all.items[i]);
    int failed = all.errors > 0;
    mc_diag_list_free(&all);
    json_decref(job->index_pages);
    json_decref(job->page_templates);
    if (job->dirfd >= 0) close(job->dirfd);
    free(job->template_dir);
    free(job->workers);
    pthread_mutex_destroy(&job->parse_lock);
    return failed ? -1 : 0;
}

int mc_render_all(const mc_model *m, const mc_render_plan *plan, const char *dir, int jobs,
                  int progress, mc_render_stats *stats, mc_diag_list *errs)
{
    if (jobs < 1) jobs = 1;
    render_job job;
    if (job_init(&job, m, plan, dir, jobs, progress, errs) != 0) return -1;
    mc_parallel_for(m->noutputs, jobs, render_one, &job);
    return job_finish(&job, jobs, stats, errs);
}

/* ---- views ---- */

int mc_render_view_make(mc_render_view *v, const mc_model *m, const mc_render_plan *plan,
                        mc_output_filter keep, void *ctx)
{
    static const mc_render_plan none;
    if (!plan) plan = &none;
    memset(v, 0, sizeof *v);
    v->m = *m;
    size_t n = m->noutputs + 1;
    v->m.outputs = calloc(n, sizeof *v->m.outputs);
    v->stamps = calloc(n, sizeof *v->stamps);
    v->orig = calloc(n, sizeof *v->orig);
    v->reuse = plan->reuse ? calloc(n, 1) : NULL;
    v->rendered = plan->rendered ? calloc(n, 1) : NULL;
    v->plan = (mc_render_plan){v->reuse, plan->reuse_dir, plan->in_place, v->stamps, v->rendered};
    v->m.noutputs = 0;
    if (!v->m.outputs || !v->stamps || !v->orig || (plan->reuse && !v->reuse) ||
        (plan->rendered && !v->rendered)) {
        mc_render_view_end(v, NULL);
        return -1;
    }
    for (size_t i = 0; i < m->noutputs; i++) {
        if (!keep(ctx, &m->outputs[i])) continue;
        size_t k = v->m.noutputs++;
        v->orig[k] = i;
        v->m.outputs[k] = m->outputs[i];
        if (v->reuse) v->reuse[k] = plan->reuse[i];
        if (v->rendered) v->rendered[k] = plan->rendered[i];
        if (plan->stamps) v->stamps[k] = plan->stamps[i];
    }
    return 0;
}

void mc_render_view_end(mc_render_view *v, const mc_render_plan *plan)
{
    for (size_t k = 0; plan && plan->stamps && k < v->m.noutputs; k++)
        plan->stamps[v->orig[k]] = v->stamps[k];
    free(v->m.outputs);
    free(v->stamps);
    free(v->orig);
    free(v->reuse);
    free(v->rendered);
    memset(v, 0, sizeof *v);
}

/* ---- rendering content pages while the rest of the model is made ---- */

struct mc_render_early {
    render_job job;
    mc_render_view view;  /* the model as it was, with only the early outputs */
    mc_parallel_run *run;
    int jobs;
};

/* Content pages that are not announcements: their context is their card
 * and the per-language context, both final once mc_model_build_pages and
 * mc_announcements_banner are done (model.h). Announcements are left for
 * later: their cards get times, audio and CAP links afterwards. */
static int renders_early(void *ctx, const mc_output *o)
{
    (void)ctx;
    return o->kind == MC_OUT_PAGE && o->page && !o->page->kind->audio;
}

mc_render_early *mc_render_early_start(const mc_model *m, const char *dir, int jobs)
{
    if (jobs < 1) jobs = 1;
    mc_render_early *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->jobs = jobs;
    if (mc_render_view_make(&e->view, m, NULL, renders_early, NULL) != 0) {
        free(e);
        return NULL;
    }
    /* a template problem is left for the full render to report, once */
    mc_diag_list ignored = {0};
    int ready = e->view.m.noutputs > 0 && job_init(&e->job, &e->view.m, &e->view.plan, dir, jobs, 0, &ignored) == 0;
    mc_diag_list_free(&ignored);
    if (ready && !(e->run = mc_parallel_start(e->view.m.noutputs, jobs, render_one, &e->job))) {
        job_finish(&e->job, jobs, NULL, &ignored);
        mc_diag_list_free(&ignored);
        ready = 0;
    }
    if (!ready) {
        mc_render_view_end(&e->view, NULL);
        free(e);
        return NULL;
    }
    return e;
}

int mc_render_early_finish(mc_render_early *e, const mc_render_plan *plan, unsigned char *rendered,
                           mc_render_stats *stats, mc_diag_list *errs)
{
    mc_parallel_finish(e->run);
    for (size_t k = 0; k < e->view.m.noutputs; k++) rendered[e->view.orig[k]] = 1;
    int status = job_finish(&e->job, e->jobs, stats, errs);
    mc_render_view_end(&e->view, plan);
    free(e);
    return status;
}

void mc_render_early_cancel(mc_render_early *e)
{
    if (!e) return;
    atomic_store(&e->job.cancelled, 1);
    mc_parallel_finish(e->run);
    mc_diag_list ignored = {0};
    job_finish(&e->job, e->jobs, NULL, &ignored);
    mc_diag_list_free(&ignored);
    mc_render_view_end(&e->view, NULL);
    free(e);
}
