/* check.c — `motcua check`: the build, the content checks, locating
 * problems in the sources, and the report (see check.h).
 *
 * The build runs with a model hook (build.h) that sees every page, drafts
 * and future pages included, before anything is rendered: the content
 * checks run there, and the hook records which content file each output
 * came from, so check_links.c can send a reader to the right file. The
 * built folder is a temporary one, removed at the end.
 */
#include "check_internal.h"
#include "kinds.h"
#include "grow.h"
#include "build.h"
#include "dates.h"
#include "fileio.h"
#include "model.h"
#include "procedure.h"
#include "documents.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the report ---- */

void mc_check_add(mc_check_report *r, enum mc_severity sev, const char *kind, const char *file,
                  int line, const char *url, const char *target, const char *fmt, ...)
{
    mc_check_problem *grown = mc_grow(r->items, r->count, &r->cap, sizeof *grown, 32);
    if (!grown) return;
    r->items = grown;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->items[r->count++] = (mc_check_problem){sev, strdup(file ? file : ""), line, kind,
                                              url ? strdup(url) : NULL,
                                              target ? strdup(target) : NULL, strdup(msg)};
    if (sev == MC_ERROR) r->errors++;
    else r->warnings++;
}

void mc_check_report_free(mc_check_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].file);
        free(r->items[i].url);
        free(r->items[i].target);
        free(r->items[i].message);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

static int compare_problems(const void *a, const void *b)
{
    const mc_check_problem *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return strcmp(x->message, y->message);
}

static void sort_report(const mc_check_report *r)
{
    if (r->count) qsort(r->items, r->count, sizeof *r->items, compare_problems);
}

void mc_check_print_text(FILE *out, const mc_check_report *r)
{
    sort_report(r);
    for (size_t i = 0; i < r->count; i++) {
        const mc_check_problem *p = &r->items[i];
        if (i > 0 && strcmp(r->items[i - 1].file, p->file)) fputc('\n', out);
        mc_diag d;
        if (p->severity == MC_ERROR) mc_diag_set(&d, p->file, p->line, 0, "%s", p->message);
        else mc_diag_warn(&d, p->file, p->line, 0, "%s", p->message);
        mc_diag_print(out, &d);
    }
    if (r->count) fputc('\n', out);
    fprintf(out, "motcua: checked %zu page%s, %zu internal link%s", r->pages,
            r->pages == 1 ? "" : "s", r->links, r->links == 1 ? "" : "s");
    if (r->external) fprintf(out, ", %zu external URL%s (%zu from the cache)", r->external,
                             r->external == 1 ? "" : "s", r->external_cached);
    fprintf(out, ": %zu error%s, %zu warning%s\n", r->errors, r->errors == 1 ? "" : "s",
            r->warnings, r->warnings == 1 ? "" : "s");
}

static json_t *problem_json(const mc_check_problem *p)
{
    json_t *o = json_pack("{s:i, s:s, s:s, s:s}", "line", p->line, "severity",
                          p->severity == MC_ERROR ? "error" : "warning", "kind", p->kind,
                          "message", p->message);
    json_object_set_new(o, "url", p->url ? json_string(p->url) : json_null());
    if (p->target) json_object_set_new(o, "target", json_string(p->target));
    return o;
}

void mc_check_print_json(FILE *out, const mc_check_report *r)
{
    sort_report(r);
    json_t *files = json_array(), *group = NULL;
    for (size_t i = 0; i < r->count; i++) {
        const mc_check_problem *p = &r->items[i];
        if (i == 0 || strcmp(r->items[i - 1].file, p->file)) {
            group = json_pack("{s:s, s:[]}", "file", p->file, "problems");
            json_array_append_new(files, group);
        }
        json_array_append_new(json_object_get(group, "problems"), problem_json(p));
    }
    json_t *doc = json_pack("{s:b, s:i, s:i, s:{s:i, s:i, s:i, s:i}, s:o}", "ok", r->errors == 0,
                            "errors", (json_int_t)r->errors, "warnings", (json_int_t)r->warnings,
                            "checked", "pages", (json_int_t)r->pages, "links",
                            (json_int_t)r->links, "external", (json_int_t)r->external,
                            "external_cached", (json_int_t)r->external_cached, "files", files);
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
}

/* ---- locating a link in the sources ---- */

/* Line of the first occurrence of needle in the site file `file`, 0 if none. */
static int line_in(mc_check_ctx *c, const char *file, const char *needle)
{
    if (!needle[0]) return 0;
    json_t *text = json_object_get(c->texts, file);
    if (!text) {
        size_t n = strlen(c->site) + strlen(file) + 2;
        char *path = malloc(n);
        if (!path) return 0;
        snprintf(path, n, "%s/%s", c->site, file);
        char *data = mc_read_file(path, NULL, NULL);
        free(path);
        text = json_string(data ? data : "");
        if (!text) text = json_string("");
        free(data);
        json_object_set_new(c->texts, file, text);
    }
    const char *s = json_string_value(text);
    const char *hit = strstr(s, needle);
    if (!hit) return 0;
    int line = 1;
    for (const char *p = s; p < hit; p++) line += *p == '\n';
    return line;
}

/* The forms of url worth looking for, best first: as written, without the
 * base URL, its #fragment, its last path part. */
static int find_url(mc_check_ctx *c, const char *file, const char *url)
{
    int line = line_in(c, file, url);
    size_t bl = strlen(c->base_url);
    if (!line && !strncmp(url, c->base_url, bl) && url[bl]) line = line_in(c, file, url + bl);
    const char *hash = strchr(url, '#');
    if (!line && hash && hash[1]) line = line_in(c, file, hash);
    if (line) return line;
    char last[512];
    size_t n = strcspn(url, "?#");
    while (n > 0 && url[n - 1] == '/') n--;
    size_t start = n;
    while (start > 0 && url[start - 1] != '/') start--;
    if (n - start >= 4 && n - start < sizeof last) {
        memcpy(last, url + start, n - start);
        last[n - start] = '\0';
        line = line_in(c, file, last);
    }
    return line;
}

void mc_check_locate(mc_check_ctx *c, const char *page, const char *url, const char **file,
                     int *line, int *theme)
{
    const char *src = json_string_value(json_object_get(c->sources, page));
    *theme = 0;
    if (src && (*line = find_url(c, src, url)) > 0) { *file = src; return; }
    if ((*line = find_url(c, "site.yaml", url)) > 0) { *file = "site.yaml"; return; }
    *file = c->templates;
    *line = 0;
    *theme = 1;
}

/* ---- content checks, in the model hook ---- */

typedef struct hook_ctx {
    mc_check_ctx *c;
    mc_check_report *r;
} hook_ctx;

static void check_page_content(const mc_model *m, const mc_page *p, mc_check_report *r)
{
    if (p->draft)
        mc_check_add(r, MC_WARNING, "content", p->file, mc_page_line(p, "draft"), NULL, NULL,
                     "draft: this page is not published; delete 'draft: true' when it is ready");
    if (p->has_date && p->date.epoch > m->now)
        mc_check_add(r, MC_WARNING, "content", p->file, mc_page_line(p, "date"), NULL, NULL,
                     "dated in the future: the page is published only by a build on or after "
                     "that day");
    if (!p->title || !p->title[0])
        mc_check_add(r, MC_ERROR, "content", p->file, 1, NULL, NULL,
                     "the page has no title; add 'title: ...' to the front matter");
    const char *summary = json_string_value(json_object_get(p->params, "summary"));
    if (p->kind->needs_summary && (!summary || !summary[0]))
        mc_check_add(r, MC_WARNING, "content", p->file, 1, NULL, NULL,
                     "news without a summary: lists and feeds show its first words instead; "
                     "add 'summary: ...' (one or two sentences)");
}

/* Procedure rules are procedure.c's; check makes its warnings failures. */
static void check_procedure(const mc_model *m, const mc_page *p, mc_check_report *r)
{
    mc_diag_list found = {0};
    mc_procedure_check(p, m->site, MC_WARNING, &found);
    mc_documents_basis_problems(m, p, &found); /* documents.h: a legal basis no longer in force */
    for (size_t i = 0; i < found.count; i++) {
        const mc_diag *d = &found.items[i];
        mc_check_add(r, MC_ERROR, "procedure", d->file[0] ? d->file : p->file, d->line, NULL,
                     NULL, "%s", d->message);
    }
    mc_diag_list_free(&found);
}

static char *relative_to(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (!strcmp(root, ".") && !strncmp(path, "./", 2)) return strdup(path + 2);
    if (!strncmp(path, root, n) && path[n] == '/') return strdup(path + n + 1);
    return strdup(path);
}

static void on_model(void *arg, const mc_model *m)
{
    hook_ctx *h = arg;
    mc_check_ctx *c = h->c;
    c->base_url = strdup(m->site->base_url);
    c->base_path = strdup(m->site->base_path);
    char *theme = relative_to(m->site->theme_dir, m->site->root);
    size_t n = (theme ? strlen(theme) : 0) + 16;
    c->templates = malloc(n);
    if (c->templates) snprintf(c->templates, n, "%s/templates", theme ? theme : "themes");
    free(theme);
    for (size_t i = 0; i < m->noutputs; i++)
        if (m->outputs[i].owner)
            json_object_set_new(c->sources, m->outputs[i].path,
                                json_string(m->outputs[i].owner->file));
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (p->is_index) continue;
        check_page_content(m, p, h->r);
        if (p->kind->checked) check_procedure(m, p, h->r);
    }
}

/* ---- the run ---- */

static int make_temp_out(mc_check_ctx *c, mc_diag_list *errs)
{
    const char *tmpdir = getenv("TMPDIR");
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/motcua-check-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(pattern)) {
        mc_diag d;
        mc_diag_set(&d, NULL, 0, 0, "cannot create a temporary folder in %s; set TMPDIR to a "
                    "writable folder", tmpdir && *tmpdir ? tmpdir : "/tmp");
        return mc_diag_list_add(errs, &d);
    }
    size_t n = strlen(pattern) + 8;
    c->out = malloc(n);
    if (!c->out) return -1;
    snprintf(c->out, n, "%s/site", pattern);
    return 0;
}

static void free_ctx(mc_check_ctx *c)
{
    if (c->out) {
        char *slash = strrchr(c->out, '/');
        if (slash) *slash = '\0';
        mc_remove_tree(c->out, NULL); /* the whole temporary folder */
    }
    free(c->out);
    free(c->site);
    free(c->base_url);
    free(c->base_path);
    free(c->templates);
    json_decref(c->sources);
    json_decref(c->texts);
    json_decref(c->external);
    json_decref(c->reported);
}

static int build_for_check(mc_check_ctx *c, const mc_check_opts *o, mc_check_report *r,
                           mc_diag_list *errs)
{
    hook_ctx h = {c, r};
    mc_build_opts bo = {.site = o->site, .out = c->out, .no_cache = 1, .jobs = o->jobs, .now = o->now,
                        .allow_incomplete = 1, /* check reports them itself, as failures */
                        .on_model = on_model, .on_model_ctx = &h};
    mc_diag_list all = {0};
    mc_build_result res;
    int status = mc_build(&bo, &res, &all);
    /* warnings of the build itself are motcua build's to show */
    for (size_t i = 0; i < all.count; i++)
        if (all.items[i].severity == MC_ERROR) mc_diag_list_add(errs, &all.items[i]);
    mc_diag_list_free(&all);
    return status;
}

int mc_check_run(const mc_check_opts *o, mc_check_report *r, mc_diag_list *errs)
{
    memset(r, 0, sizeof *r);
    mc_check_ctx c = {.site = strdup(o->site), .sources = json_object(), .texts = json_object(),
                      .external = json_object(), .reported = json_object()};
    int status = make_temp_out(&c, errs);
    if (status == 0) status = build_for_check(&c, o, r, errs);
    mc_diag d;
    if (status == 0 && mc_check_links(&c, r, &d) != 0) status = mc_diag_list_add(errs, &d);
    if (status == 0 && o->external) status = mc_check_external(&c, o, r, errs);
    free_ctx(&c);
    return status;
}
