/* edit_build.c — the build after only page texts were edited (see
 * edit_build.h for when it applies and why that is safe).
 *
 * The page snapshot, one text file beside the cache (X.cache -> X.pages):
 *
 *   motcua page snapshot 2
 *   inputs HEX           the cache's inputs digest: the two belong together
 *   rest HEX             the inputs digest without the pages' stamps
 *   base vi JSON         the per-language contexts, one line each
 *   base en JSON
 *   search JSON          the search page's "page" and "search" context
 *                        ({"page": …, "search": …}), or - without search
 *   pages N
 *   SIZE MTIME DIGEST DOC URL<TAB>FILE     N lines, in listing order: the
 *                        page's stamp, page digest (32 hex, or - when
 *                        unknown), search document number (- when not
 *                        indexed), URL (- when unpublished), content-relative
 *                        file
 *
 * A build here loads the changed pages, checks each against its line,
 * makes their cards and outputs in a model of their own (the URLs of the
 * other pages from the snapshot, for links to them), updates the search
 * index's files in place (search_patch.h) and renders the search page
 * with the new version, renders them into a staging folder, moves them
 * into the output, and writes the cache and the snapshot again with the
 * new stamps and search context.
 */
#include "edit_build.h"
#include "output_inputs.h"
#include "kinds.h"
#include "content.h"
#include "procedure.h"
#include "render.h"
#include "search.h"
#include "search_patch.h"
#include "search_synonyms.h"
#include "staging.h"
#include "strf.h"
#include "fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SNAPSHOT_MAGIC "motcua page snapshot 2"

typedef struct snap_page {
    mc_file_stamp stamp;
    const char *digest;   /* 32 hex or "-" */
    long doc;             /* search document number, -1 when not indexed */
    const char *url;      /* or "-" */
    const char *rel;
} snap_page;

typedef struct snapshot {
    char *text;           /* the file, cut into fields in place */
    const char *inputs, *rest, *base_vi, *base_en, *search;
    snap_page *pages;
    size_t n;
} snapshot;

/* X.cache -> X.pages (caller frees). */
static char *snapshot_path(const char *cache_file)
{
    size_t n = strlen(cache_file);
    if (n < 6 || strcmp(cache_file + n - 6, ".cache") != 0) return NULL;
    return mc_strf("%.*s%s", (int)(n - 6), cache_file, ".pages");
}


static const char *after(const char *line, const char *name)
{
    size_t n = strlen(name);
    return line && !strncmp(line, name, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

/* "SIZE MTIME DIGEST DOC URL\tFILE"; 0 when well formed. */
static int parse_page(char *line, snap_page *sp)
{
    char *end;
    sp->stamp.size = strtoll(line, &end, 10);
    if (*end != ' ') return -1;
    sp->stamp.mtime_ns = strtoll(end + 1, &end, 10);
    if (*end != ' ') return -1;
    char *digest = end + 1, *space = strchr(digest, ' ');
    if (!space) return -1;
    *space = '\0';
    if (space[1] == '-' && space[2] == ' ') {
        sp->doc = -1;
        space += 2;
    } else {
        sp->doc = strtol(space + 1, &end, 10);
        if (*end != ' ' || sp->doc < 0 || end == space + 1) return -1;
        space = end;
    }
    char *tab = strchr(space + 1, '\t');
    if (!tab || !tab[1]) return -1;
    *tab = '\0';
    sp->digest = digest;
    sp->url = space + 1;
    sp->rel = tab + 1;
    return 0;
}

static void snapshot_free(snapshot *s)
{
    free(s->text);
    free(s->pages);
    memset(s, 0, sizeof *s);
}

static int snapshot_load(const char *path, snapshot *s)
{
    memset(s, 0, sizeof *s);
    if (access(path, F_OK) != 0 || !(s->text = mc_read_file(path, NULL, NULL))) return -1;
    char *p = s->text, *end;
    const char *v = mc_next_line(&p);
    size_t n;
    if (!v || strcmp(v, SNAPSHOT_MAGIC) != 0 || !(s->inputs = after(mc_next_line(&p), "inputs")) ||
        !(s->rest = after(mc_next_line(&p), "rest")) ||
        !(s->base_vi = after(mc_next_line(&p), "base vi")) ||
        !(s->base_en = after(mc_next_line(&p), "base en")) ||
        !(s->search = after(mc_next_line(&p), "search")) || !(v = after(mc_next_line(&p), "pages")) ||
        (n = strtoull(v, &end, 10), *end) || n > strlen(p ? p : "") / 8 + 1 ||
        !(s->pages = calloc(n + 1, sizeof *s->pages)))
        return -1;
    for (s->n = 0; s->n < n; s->n++) {
        char *line = mc_next_line(&p);
        if (!line || parse_page(line, &s->pages[s->n]) != 0) return -1;
    }
    return p && *p ? -1 : 0;
}


/* ---- writing ---- */

static int write_snapshot(const char *cache_file, const char *inputs, const char *rest,
                          const char *base_vi, const char *base_en, const char *search,
                          const snap_page *pages, size_t n, mc_diag *d)
{
    char *path = snapshot_path(cache_file);
    char *text = NULL;
    size_t len = 0;
    FILE *f = path ? open_memstream(&text, &len) : NULL;
    if (f) {
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) kept += !strpbrk(pages[i].rel, "\t\n") && !strpbrk(pages[i].url, "\t\n");
        fprintf(f, "%s\ninputs %s\nrest %s\nbase vi %s\nbase en %s\nsearch %s\npages %zu\n",
                SNAPSHOT_MAGIC, inputs, rest, base_vi, base_en, search, kept);
        for (size_t i = 0; i < n; i++) {
            if (strpbrk(pages[i].rel, "\t\n") || strpbrk(pages[i].url, "\t\n")) continue;
            fprintf(f, "%lld %lld %s ", pages[i].stamp.size, pages[i].stamp.mtime_ns, pages[i].digest);
            if (pages[i].doc < 0) fputs("- ", f);
            else fprintf(f, "%ld ", pages[i].doc);
            fprintf(f, "%s\t%s\n", pages[i].url, pages[i].rel);
        }
        fclose(f);
    }
    int status = -1;
    if (!text) mc_diag_set(d, path ? path : cache_file, 0, 0, "out of memory");
    else status = mc_write_atomic(path, text, len, d);
    free(text);
    free(path);
    return status;
}

/* The search page's own part of its context, as JSON; "-" without one. */
static char *search_context(const mc_model *m)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        if (o->kind != MC_OUT_TEMPLATE || strcmp(o->path, MC_SEARCH_PAGE) != 0) continue;
        json_t *j = json_pack("{s:O, s:O}", "page", json_object_get(o->context, "page"),
                              "search", json_object_get(o->context, "search"));
        char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        return s;
    }
    return strdup("-");
}

int mc_snapshot_save(const char *cache_file, const char *inputs, const char *rest,
                     const mc_model *m, mc_diag *d)
{
    char *vi = json_dumps(json_object_get(m->site_context, "vi"), JSON_COMPACT);
    char *en = json_dumps(json_object_get(m->site_context, "en"), JSON_COMPACT);
    char *search = search_context(m);
    snap_page *pages = calloc(m->npages + 1, sizeof *pages);
    char (*digests)[33] = calloc(m->npages + 1, sizeof *digests);
    int status = -1;
    if (vi && en && search && pages && digests) {
        for (size_t i = 0; i < m->npages; i++) {
            const mc_page *p = &m->pages[i];
            if (p->page_digest_ok) mc_hex(p->page_digest, sizeof p->page_digest, digests[i]);
            else strcpy(digests[i], "-");
            pages[i] = (snap_page){p->file_stamp, digests[i], p->search_doc - 1,
                                   p->url && !p->skip ? p->url : "-", p->rel};
        }
        status = write_snapshot(cache_file, inputs, rest, vi, en, search, pages, m->npages, d);
    } else {
        mc_diag_set(d, cache_file, 0, 0, "out of memory");
    }
    free(vi);
    free(en);
    free(search);
    free(pages);
    free(digests);
    return status;
}

/* ---- the build ---- */

typedef struct edit {
    const mc_edit_in *in;
    snapshot snap;
    size_t *which;        /* snapshot index of each changed page */
    mc_file_stamp *now;   /* its stamp now */
    size_t n;
    mc_page *pages;       /* loaded, n of them */
    mc_model m;           /* just these pages */
    mc_file_stamp *stamps; /* what rendering left, for the cache */
    char *search;         /* the search context for the snapshot, when changed */
    size_t search_files;  /* index files rewritten */
    const char *search_why; /* why the index could not be updated in place */
} edit;

/* The changed pages: merged by name with what the digest saw (both in
 * listing order; the rest digest being equal, the same names). */
static int find_changed(edit *e)
{
    const mc_input_stamps *seen = e->in->content;
    e->which = calloc(MC_EDIT_MAX + 1, sizeof *e->which);
    e->now = calloc(MC_EDIT_MAX + 1, sizeof *e->now);
    if (!e->which || !e->now) return -1;
    size_t k = 0;
    for (size_t i = 0; i < e->snap.n; i++) {
        const snap_page *sp = &e->snap.pages[i];
        const mc_file_stamp *st = mc_input_stamp_seek(seen, &k, sp->rel);
        if (!st) return -1;
        if (mc_stamp_equal(*st, sp->stamp)) continue;
        if (e->n == MC_EDIT_MAX) return -1;
        e->which[e->n] = i;
        e->now[e->n++] = *st;
    }
    return e->n > 0 ? 0 : -1;
}

/* Another language's file of the same page is among the inputs. */
static int has_translation(const edit *e, const mc_page *p)
{
    char *vi = mc_strf("%s%s%s", p->key, ".md", ""), *en = mc_strf("%s%s%s", p->key, ".en.md", "");
    int found = !vi || !en;
    for (size_t k = 0; !found && k < e->in->content->count; k++) {
        const char *name = e->in->content->names[k];
        found = strcmp(name, p->rel) != 0 && (!strcmp(name, vi) || !strcmp(name, en));
    }
    free(vi);
    free(en);
    return found;
}

/* A journey, a procedure that links others or may be a journey's step (its
 * card carries links made from other pages' cards, journeys.h), or one
 * whose legal basis may name a document of the site (documents.h). */
static int links_procedures(const edit *e, const mc_page *p)
{
    if (p->kind->links_procedures) return 1;
    if (!p->kind->checked) return 0;
    if (json_object_get(p->params, "related")) return 1;
    /* the site's journeys link procedures; a legal basis shows the status
       of the documents of a documents section it names (documents.h) */
    int basis = json_object_get(p->params, "legal_basis") != NULL;
    for (size_t k = 0; k < e->in->content->count; k++) {
        const char *name = e->in->content->names[k], *slash = strchr(name, '/');
        char folder[256];
        if (!slash || (size_t)(slash - name) >= sizeof folder) continue;
        snprintf(folder, sizeof folder, "%.*s", (int)(slash - name), name);
        const mc_kind *kind = mc_site_section_kind(e->in->site, folder);
        if (kind->links_procedures || (basis && kind->documents)) return 1;
    }
    return 0;
}

/* Loads changed page j and says whether this build can take it. */
static int take_page(edit *e, size_t j)
{
    const snap_page *sp = &e->snap.pages[e->which[j]];
    mc_page *p = &e->pages[j];
    mc_diag_list msgs = {0};
    int ok = mc_page_load(p, e->in->site, sp->rel, &msgs) == 0 && msgs.count == 0;
    mc_diag_list_free(&msgs);
    char digest[33];
    if (ok && p->page_digest_ok) mc_hex(p->page_digest, sizeof p->page_digest, digest);
    ok = ok && p->page_digest_ok && !strcmp(digest, sp->digest) &&
         mc_stamp_equal(p->file_stamp, e->now[j]) &&
         !mc_page_text_read_elsewhere(p) && !has_translation(e, p) &&
         !links_procedures(e, p);
    const mc_build_opts *o = e->in->o;
    p->skip = (p->draft && !o->drafts) || (p->has_date && p->date.epoch > e->in->now && !o->future);
    return ok && p->skip == !strcmp(sp->url, "-") ? 0 : -1;
}

/* Content-relative file -> URL of every published page but _index ones,
 * as mc_model_resolve reads them (model.c, assign_urls). */
static json_t *url_map(const snapshot *s)
{
    json_t *urls = json_object();
    for (size_t i = 0; urls && i < s->n; i++)
        if (strcmp(s->pages[i].url, "-") != 0 && !mc_is_index_file(s->pages[i].rel))
            json_object_set_new(urls, s->pages[i].rel, json_string(s->pages[i].url));
    return urls;
}

/* The model of the changed pages: their cards and outputs, the contexts
 * and URLs of the snapshot. */
static int make_model(edit *e, mc_diag_list *errs)
{
    mc_model *m = &e->m;
    const mc_build_opts *o = e->in->o;
    m->site = e->in->site;
    m->pages = e->pages;
    m->npages = e->n;
    m->drafts = o->drafts;
    m->allow_incomplete = o->allow_incomplete;
    m->future = o->future;
    m->now = e->in->now;
    m->qr_codes = mc_site_theme_uses(m->site, "qr_svg");
    m->cards = json_array();
    m->urls = url_map(&e->snap);
    json_t *vi = json_loads(e->snap.base_vi, 0, NULL), *en = json_loads(e->snap.base_en, 0, NULL);
    m->site_context = vi && en ? json_pack("{s:o, s:o}", "vi", vi, "en", en) : NULL;
    if (!m->cards || !m->urls || !m->site_context) {
        json_decref(vi);
        json_decref(en);
        return -1;
    }
    for (size_t j = 0; j < e->n; j++) {
        mc_page *p = &e->pages[j];
        if (p->skip) continue;
        const char *url = e->snap.pages[e->which[j]].url;
        p->url = strdup(url);
        json_t *card = p->url ? mc_model_page_card(m, p) : NULL;
        if (!card) return -1;
        json_array_append_new(m->cards, card);
        mc_output *out = mc_model_add_page(m, p, card, errs);
        if (!out || !mc_cache_has_output(e->in->cache, out->path)) return -1;
        if (p->kind->checked)
            mc_procedure_check(p, m->site, mc_procedure_severity(p, o->allow_incomplete), errs);
    }
    return 0;
}

/* The changed pages' documents of the search index: each indexed alone. */
static int search_edits(edit *e, mc_search_edit *edits, size_t *n)
{
    *n = 0;
    mc_synonyms *syn = NULL; /* the names people use count as the official words */
    mc_diag_list errs = {0};
    int status = mc_synonyms_load(e->m.site, &syn, &errs);
    mc_diag_list_free(&errs);
    for (size_t j = 0; status == 0 && j < e->n; j++) {
        long doc = e->snap.pages[e->which[j]].doc;
        if (doc < 0 || e->pages[j].skip) continue;
        if (e->pages[j].kind->checked && mc_procedure_abolished(&e->pages[j])) {
            e->search_why = "an abolished procedure leaves the index"; /* search.c: not searched */
            status = -1;
            break;
        }
        mc_diag d;
        mc_search_edit *x = &edits[(*n)++];
        mc_sindex *ix = mc_sindex_new();
        x->doc = (uint32_t)doc;
        x->ix = ix;
        if (ix) mc_sindex_next_doc(ix);
        if (!ix || !(x->record = mc_search_index_page(ix, syn, &e->m, &e->pages[j], &d))) status = -1;
    }
    mc_synonyms_free(syn);
    return status;
}

/* Adds the index files that changed to the model. */
static int add_index_files(edit *e, mc_sindex_files *files)
{
    mc_model *m = &e->m;
    for (size_t i = 0; i < files->n; i++) {
        char *path = mc_strf("%s%s", MC_SEARCH_INDEX_DIR, files->v[i].path);
        mc_output *o = path && mc_cache_has_output(e->in->cache, path)
                           ? mc_model_add(m, MC_OUT_BYTES, path, NULL, NULL) : NULL;
        if (!o) { free(path); return -1; }
        o->bytes = files->v[i].bytes;
        o->nbytes = files->v[i].nbytes;
        files->v[i].bytes = NULL;
    }
    return 0;
}

/* Adds the search page with the new version to the model; the new search
 * context goes to e->search. */
static int add_search_page(edit *e, json_t *saved, uint32_t version)
{
    mc_model *m = &e->m;
    char ver[16];
    snprintf(ver, sizeof ver, "%08x", version);
    json_t *search = json_object_get(saved, "search");
    json_t *ctx = mc_model_base_context(m, "vi");
    if (!ctx || json_object_set_new(search, "version", json_string(ver)) != 0 ||
        json_object_set(ctx, "page", json_object_get(saved, "page")) != 0 ||
        json_object_set(ctx, "search", search) != 0 ||
        !mc_cache_has_output(e->in->cache, MC_SEARCH_PAGE) ||
        !mc_model_add(m, MC_OUT_TEMPLATE, strdup(MC_SEARCH_PAGE), "search", ctx)) {
        json_decref(ctx);
        return -1;
    }
    e->search = json_dumps(saved, JSON_COMPACT);
    return e->search ? 0 : -1;
}

/* Updates the search index for the changed pages (search_patch.h): 0 when
 * done or not needed, -1 when only the full build can (e->search_why). */
static int patch_search(edit *e)
{
    if (!strcmp(e->snap.search, "-")) return 0;
    json_t *saved = json_loads(e->snap.search, 0, NULL);
    const char *ver = json_string_value(json_object_get(json_object_get(saved, "search"), "version"));
    json_int_t shards = json_integer_value(json_object_get(json_object_get(saved, "search"), "shards"));
    mc_search_edit *edits = calloc(e->n + 1, sizeof *edits);
    mc_sindex_files files = {0}, records = {0};
    char *dir = mc_strf("%s/%s", e->in->out, MC_SEARCH_INDEX_DIR);
    size_t n = 0;
    int status = -1;
    e->search_why = "its state could not be read, or a page not indexed";
    if (saved && ver && shards > 0 && edits && dir && search_edits(e, edits, &n) == 0) {
        uint32_t version = (uint32_t)strtoul(ver, NULL, 16);
        if (n == 0) status = 0;
        else if (mc_search_patch(dir, (uint32_t)shards, edits, n, &files, &version, &e->search_why) == 0 &&
                 mc_search_patch_records(dir, edits, n, &records, &version, &e->search_why) == 0) {
            e->search_files = files.n + records.n;
            status = add_index_files(e, &files) == 0 && add_index_files(e, &records) == 0 &&
                     (e->search_files == 0 || add_search_page(e, saved, version) == 0) ? 0 : -1;
        }
    }
    for (size_t i = 0; edits && i < e->n; i++) {
        mc_sindex_free((mc_sindex *)edits[i].ix);
        json_decref(edits[i].record);
    }
    free(edits);
    free(dir);
    mc_sindex_files_free(&files);
    mc_sindex_files_free(&records);
    json_decref(saved);
    return status;
}

/* Renders the outputs into a staging folder and moves them into the
 * output. 0 when none could be written (nothing changed), -1 when they
 * could not be rendered (nothing changed either), -2 when moving failed
 * half-way (d says why). */
static int render_and_move(edit *e, mc_render_stats *stats, char ***paths, mc_diag *d)
{
    mc_model *m = &e->m;
    e->stamps = calloc(m->noutputs + 1, sizeof *e->stamps);
    *paths = calloc(m->noutputs + 1, sizeof **paths);
    if (!e->stamps || !*paths) return -1;
    for (size_t i = 0; i < m->noutputs; i++) (*paths)[i] = m->outputs[i].path;
    if (m->noutputs == 0) return 0;
    mc_staging st;
    if (mc_staging_open(&st, e->in->out, d) != 0) return -1;
    mc_diag_list render_errs = {0};
    mc_render_plan plan = {.stamps = e->stamps};
    int rendered = mc_render_all(m, &plan, st.dir, e->in->jobs, 0, stats, &render_errs);
    mc_diag_list_free(&render_errs); /* the full build says it again, in order */
    if (rendered != 0) {
        mc_staging_abort(&st);
        return -1;
    }
    return mc_staging_patch(&st, *paths, m->noutputs, NULL, 0, d) == 0 ? 0 : -2;
}

/* The cache and snapshot with the new stamps and inputs. */
static void save_state(edit *e, char **paths, mc_diag_list *errs)
{
    const mc_edit_in *in = e->in;
    mc_diag d;
    int saved = mc_cache_resave(in->cache, in->cache_file, in->out, in->inputs, paths,
                                e->stamps, e->m.noutputs, &d) == 0;
    for (size_t j = 0; saved && j < e->n; j++) e->snap.pages[e->which[j]].stamp = e->now[j];
    if (saved && write_snapshot(in->cache_file, in->inputs, in->rest, e->snap.base_vi,
                                e->snap.base_en, e->search ? e->search : e->snap.search,
                                e->snap.pages, e->snap.n, &d) == 0)
        return;
    unlink(in->cache_file); /* the next build renders everything */
    mc_diag_warn(&d, in->cache_file, 0, 0, "could not save the build cache; the next build "
                 "will render everything");
    mc_diag_list_add(errs, &d);
}

static void edit_free(edit *e)
{
    for (size_t j = 0; e->pages && j < e->n; j++) mc_page_free(&e->pages[j]);
    free(e->pages);
    free(e->stamps);
    free(e->search);
    mc_model_free(&e->m);
    free(e->which);
    free(e->now);
    snapshot_free(&e->snap);
}

/* Everything edit_build.h lists, up to the pages' own checks. */
static int applies(edit *e)
{
    const mc_edit_in *in = e->in;
    long long next = mc_cache_next_change(in->cache);
    if (in->o->dump_context || !in->content || (next > 0 && in->now >= next))
        return 0;
    char *path = snapshot_path(in->cache_file);
    int ok = path && snapshot_load(path, &e->snap) == 0 &&
             mc_site_has_template(in->site, "search") == !!strcmp(e->snap.search, "-") &&
             !strcmp(e->snap.inputs, mc_cache_inputs(in->cache)) && !strcmp(e->snap.rest, in->rest) &&
             find_changed(e) == 0 && (e->pages = calloc(e->n + 1, sizeof *e->pages)) != NULL;
    free(path);
    for (size_t j = 0; ok && j < e->n; j++) ok = take_page(e, j) == 0;
    return ok;
}

int mc_edit_build(const mc_edit_in *in, mc_build_result *r, int *status, mc_diag_list *errs)
{
    edit e;
    memset(&e, 0, sizeof e);
    e.in = in;
    mc_diag_list msgs = {0};
    mc_render_stats stats = {0};
    char **paths = NULL;
    mc_diag d;
    int moved = -1;
    int searched = -1;
    if (applies(&e) && make_model(&e, &msgs) == 0 && msgs.errors == 0 &&
        (searched = patch_search(&e)) == 0)
        moved = render_and_move(&e, &stats, &paths, &d);
    if (moved == -1) {
        if (searched == -1 && e.search_why && in->o->verbose)
            fprintf(in->o->verbose, "motcua: the search index cannot be updated in place (%s); "
                    "the full build follows\n", e.search_why);
        mc_diag_list_free(&msgs);
        free(paths);
        edit_free(&e);
        return 0;
    }
    mc_diag_list_merge(errs, &msgs);
    mc_diag_list_free(&msgs);
    if (moved == -2) {
        unlink(in->cache_file);
        mc_diag_list_add(errs, &d);
        *status = -1;
    } else {
        save_state(&e, paths, errs);
        *status = 0;
    }
    r->pages = mc_cache_pages(in->cache);
    r->files = mc_cache_outputs(in->cache);
    r->reused = r->files - stats.files;
    r->bytes = stats.bytes;
    if (in->o->verbose && *status == 0)
        fprintf(in->o->verbose, "motcua: %zu edited page%s, nothing else changed: rendered "
                "%zu file%s\nmotcua: %zu of %zu files unchanged since the last build\n", e.n,
                e.n == 1 ? "" : "s", stats.files, stats.files == 1 ? "" : "s", r->reused, r->files);
    if (in->o->verbose && *status == 0 && strcmp(e.snap.search, "-") != 0)
        fprintf(in->o->verbose, "motcua: search index updated in place: %zu file%s rewritten\n",
                e.search_files, e.search_files == 1 ? "" : "s");
    free(paths);
    edit_free(&e);
    return 1;
}
