/* edit_build.c — the build after only page texts, titles or summaries were
 * edited (see edit_build.h for when it applies and why that is safe).
 *
 * The page snapshot, one text file beside the cache (X.cache -> X.pages):
 *
 *   motcua page snapshot 3
 *   inputs HEX           the cache's inputs digest: the two belong together
 *   rest HEX             the inputs digest without the pages' stamps
 *   base vi JSON         the per-language contexts, one line each
 *   base en JSON
 *   search JSON          the search page's "page" and "search" context
 *                        ({"page": …, "search": …}), or - without search
 *   lists ID             the id of the lists file (X.lists) that goes with it
 *   pages N
 *   SIZE MTIME DIGEST DOC CARD SHAPE FLAGS OUTS URL<TAB>FILE
 *                        N lines, in listing order: the page's stamp, page
 *                        digest (32 hex, or - when unknown), search document
 *                        number (- when not indexed), its card's hashes (16
 *                        hex each, - without a card, list_refs.h), e when its
 *                        title or summary is copied outside a reference
 *                        (else -), the numbers of the saved outputs that show
 *                        it ("3,17", or -), URL (- when unpublished),
 *                        content-relative file
 *
 * The lists file, written by each full build and read only for a title or
 * summary edit: "motcua lists 1", "id ID", then the outputs (list_refs.h).
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
#include "buf.h"
#include "feeds.h"
#include "ledger.h"
#include "list_refs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SNAPSHOT_MAGIC "motcua page snapshot 3"
#define LISTS_MAGIC "motcua lists 1"

typedef struct snap_page {
    mc_file_stamp stamp;
    const char *digest;   /* 32 hex or "-" */
    long doc;             /* search document number, -1 when not indexed */
    uint64_t card, shape; /* list_refs.h; 0 without a card */
    int elsewhere;        /* its title or summary is copied outside a reference */
    const char *outs;     /* "3,17" (saved outputs that show it) or "-" */
    const char *url;      /* or "-" */
    const char *rel;
} snap_page;

typedef struct snap_output {
    const char *path, *tmpl, *lang;
    int by_title;
    const char *json;     /* the saved context (list_refs.h) */
} snap_output;

typedef struct snapshot {
    char *text;           /* the file, cut into fields in place */
    const char *inputs, *rest, *base_vi, *base_en, *search;
    snap_page *pages;
    size_t n;
    const char *lists;    /* the id of the lists file that goes with it */
    char *lists_text;     /* that file, read only for a title or summary edit */
    snap_output *outputs;
    size_t noutputs;
} snapshot;

/* X.cache -> X.pages, or X.lists (caller frees). */
static char *snapshot_path(const char *cache_file, const char *ext)
{
    size_t n = strlen(cache_file);
    if (n < 6 || strcmp(cache_file + n - 6, ".cache") != 0) return NULL;
    return mc_strf("%.*s%s", (int)(n - 6), cache_file, ext);
}


static const char *after(const char *line, const char *name)
{
    size_t n = strlen(name);
    return line && !strncmp(line, name, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

static char *parse_hash(char *s, uint64_t *h)
{
    char *end = s;
    if (s[0] == '-' && s[1] == ' ') { *h = 0; return s + 2; }
    *h = strtoull(s, &end, 16);
    return end != s && *end == ' ' ? end + 1 : NULL;
}

/* "CARD SHAPE FLAGS OUTS " of a page line; the rest after it, or NULL. */
static char *parse_refs(char *s, snap_page *sp)
{
    if (!(s = parse_hash(s, &sp->card)) || !(s = parse_hash(s, &sp->shape))) return NULL;
    char *space = strchr(s, ' ');
    if (!space) return NULL;
    sp->elsewhere = *s == 'e';
    char *outs = space + 1;
    if (!(space = strchr(outs, ' '))) return NULL;
    *space = '\0';
    sp->outs = outs;
    return space + 1;
}

/* "SIZE MTIME DIGEST DOC CARD SHAPE FLAGS OUTS URL\tFILE"; 0 when well formed. */
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
    char *url = parse_refs(space + 1, sp);
    char *tab = url ? strchr(url, '\t') : NULL;
    if (!tab || !tab[1]) return -1;
    *tab = '\0';
    sp->digest = digest;
    sp->url = url;
    sp->rel = tab + 1;
    return 0;
}

static void snapshot_free(snapshot *s)
{
    free(s->text);
    free(s->pages);
    free(s->lists_text);
    free(s->outputs);
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
        !(s->search = after(mc_next_line(&p), "search")) ||
        !(s->lists = after(mc_next_line(&p), "lists")) || !(v = after(mc_next_line(&p), "pages")) ||
        (n = strtoull(v, &end, 10), *end) || n > strlen(p ? p : "") / 8 + 1 ||
        !(s->pages = calloc(n + 1, sizeof *s->pages)))
        return -1;
    for (s->n = 0; s->n < n; s->n++) {
        char *line = mc_next_line(&p);
        if (!line || parse_page(line, &s->pages[s->n]) != 0) return -1;
    }
    return p && *p ? -1 : 0;
}

/* The lists file (X.lists: "motcua lists 1", "id ID", then list_refs.h's
 * outputs section) that the snapshot names. */
static int lists_load(const char *cache_file, snapshot *s)
{
    char *path = snapshot_path(cache_file, ".lists");
    s->lists_text = path ? mc_read_file(path, NULL, NULL) : NULL;
    free(path);
    char *p = s->lists_text, *end;
    const char *v = p ? mc_next_line(&p) : NULL, *id;
    size_t n;
    if (!v || strcmp(v, LISTS_MAGIC) != 0 || !(id = after(mc_next_line(&p), "id")) ||
        strcmp(id, s->lists) != 0 || !(v = after(mc_next_line(&p), "outputs")) ||
        (n = strtoull(v, &end, 10), *end) || n > strlen(p ? p : "") / 8 + 1 ||
        !(s->outputs = calloc(n + 1, sizeof *s->outputs)))
        return -1;
    for (s->noutputs = 0; s->noutputs < n; s->noutputs++) {
        char *line = mc_next_line(&p), *f[5];
        for (int k = 0; k < 5; k++) {
            f[k] = line;
            line = line ? strchr(line, '\t') : NULL;
            if (line && k < 4) *line++ = '\0';
            else if (k < 4) return -1;
        }
        s->outputs[s->noutputs] = (snap_output){f[0], f[1], f[2], f[3][0] == 't', f[4]};
    }
    return p && *p ? -1 : 0;
}


/* ---- writing ---- */

static int write_snapshot(const char *cache_file, const char *inputs, const char *rest,
                          const char *base_vi, const char *base_en, const char *search,
                          const snap_page *pages, size_t n, const char *lists, mc_diag *d)
{
    char *path = snapshot_path(cache_file, ".pages");
    char *text = NULL;
    size_t len = 0;
    FILE *f = path ? open_memstream(&text, &len) : NULL;
    if (f) {
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) kept += !strpbrk(pages[i].rel, "\t\n") && !strpbrk(pages[i].url, "\t\n");
        fprintf(f, "%s\ninputs %s\nrest %s\nbase vi %s\nbase en %s\nsearch %s\nlists %s\npages %zu\n",
                SNAPSHOT_MAGIC, inputs, rest, base_vi, base_en, search, lists, kept);
        for (size_t i = 0; i < n; i++) {
            if (strpbrk(pages[i].rel, "\t\n") || strpbrk(pages[i].url, "\t\n")) continue;
            fprintf(f, "%lld %lld %s ", pages[i].stamp.size, pages[i].stamp.mtime_ns, pages[i].digest);
            if (pages[i].doc < 0) fputs("- ", f);
            else fprintf(f, "%ld ", pages[i].doc);
            if (pages[i].card) fprintf(f, "%016llx %016llx ", (unsigned long long)pages[i].card,
                                       (unsigned long long)pages[i].shape);
            else fputs("- - ", f);
            fprintf(f, "%s %s %s\t%s\n", pages[i].elsewhere ? "e" : "-", pages[i].outs,
                    pages[i].url, pages[i].rel);
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
                     const mc_model *m, int jobs, mc_diag *d)
{
    char *vi = json_dumps(json_object_get(m->site_context, "vi"), JSON_COMPACT);
    char *en = json_dumps(json_object_get(m->site_context, "en"), JSON_COMPACT);
    char *search = search_context(m);
    snap_page *pages = calloc(m->npages + 1, sizeof *pages);
    char (*digests)[33] = calloc(m->npages + 1, sizeof *digests);
    char **outs = calloc(m->npages + 1, sizeof *outs);
    mc_refs refs;
    int status = -1;
    if (vi && en && search && pages && digests && outs && mc_refs_make(m, jobs, &refs) == 0) {
        /* a file name the snapshot cannot hold leaves the page out of it and
           the numbers of the lists file would not match: no list is kept */
        int plain = 1;
        for (size_t i = 0; i < m->npages; i++)
            plain = plain && !strpbrk(m->pages[i].rel, "\t\n") &&
                    !(m->pages[i].url && strpbrk(m->pages[i].url, "\t\n"));
        for (size_t i = 0; i < m->npages; i++) {
            const mc_page *p = &m->pages[i];
            const mc_page_refs *pr = &refs.pages[i];
            if (p->page_digest_ok) mc_hex(p->page_digest, sizeof p->page_digest, digests[i]);
            else strcpy(digests[i], "-");
            mc_buf b = MC_BUF_INIT;
            for (size_t k = 0; k < pr->nouts; k++) {
                char num[32];
                snprintf(num, sizeof num, "%s%zu", k ? "," : "", pr->outs[k]);
                mc_buf_adds(&b, num);
            }
            outs[i] = pr->nouts && plain ? mc_buf_take(&b, NULL) : NULL;
            mc_buf_free(&b);
            pages[i] = (snap_page){p->file_stamp, digests[i], p->search_doc - 1, pr->card, pr->shape,
                                   pr->elsewhere || !plain, outs[i] ? outs[i] : "-",
                                   p->url && !p->skip ? p->url : "-", p->rel};
        }
        /* the lists go in a file of their own, which only a title or summary
           edit reads; the snapshot names it by this build's inputs digest */
        char *path = snapshot_path(cache_file, ".lists");
        char *lists = path ? mc_strf("%s\nid %s\n%s", LISTS_MAGIC, inputs, refs.outputs) : NULL;
        status = lists ? mc_write_atomic(path, lists, strlen(lists), d) : -1;
        if (!lists) mc_diag_set(d, cache_file, 0, 0, "out of memory");
        free(path);
        free(lists);
        if (status == 0)
            status = write_snapshot(cache_file, inputs, rest, vi, en, search, pages, m->npages,
                                    inputs, d);
        mc_refs_free(&refs, m->npages);
    } else {
        mc_diag_set(d, cache_file, 0, 0, "out of memory");
    }
    for (size_t i = 0; outs && i < m->npages; i++) free(outs[i]);
    free(outs);
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
    mc_page *pages;       /* loaded: the n changed ones, then the pages the lists need */
    size_t nall;          /* changed pages and those */
    size_t slots;         /* pages allocated (loaded or zeroed) */
    size_t *snap_of;      /* snapshot index of each of pages */
    long *pos;            /* index in pages of each snapshot page, or -1 */
    int *meta;            /* changed page j: its title or summary changed */
    char (*digests)[33];  /* changed page j: its page digest now */
    size_t *lists;        /* the saved outputs to render again (list_refs.h) */
    json_t **saved;       /* their saved contexts */
    size_t nlists;
    const char *why;      /* why a title or summary edit goes to the full build */
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
    char *digest = e->digests[j];
    if (ok && p->page_digest_ok) mc_hex(p->page_digest, sizeof p->page_digest, digest);
    ok = ok && p->page_digest_ok && mc_stamp_equal(p->file_stamp, e->now[j]) &&
         !mc_page_text_read_elsewhere(p) && !has_translation(e, p) &&
         !links_procedures(e, p);
    const mc_build_opts *o = e->in->o;
    p->skip = (p->draft && !o->drafts) || (p->has_date && p->date.epoch > e->in->now && !o->future);
    ok = ok && p->skip == !strcmp(sp->url, "-");
    if (ok && strcmp(digest, sp->digest) != 0) { /* its card changed: list_refs.h */
        e->meta[j] = 1;
        if (p->skip || !sp->card) e->why = "it is not published";
        else if (strcmp(p->lang, "vi") != 0) e->why = "an English page is listed in title order";
        else if (p->kind->documents) e->why = "a document's title shows on the procedures that cite it";
        else if (sp->elsewhere) e->why = "its title or summary is copied into an output";
        ok = !e->why;
    }
    return ok ? 0 : -1;
}

/* The snapshot index of the page whose file is rel, or -1. */
static long snap_find(const snapshot *s, const char *rel)
{
    for (size_t i = 0; rel && i < s->n; i++)
        if (!strcmp(s->pages[i].rel, rel)) return (long)i;
    return -1;
}

/* Adds snapshot page i to the pages to load, once. */
static void need_page(edit *e, size_t i)
{
    if (e->pos[i] >= 0) return;
    e->pos[i] = (long)e->nall;
    e->snap_of[e->nall++] = i;
}

/* The pages a saved context refers to, and the _index pages whose text is
 * the introduction of one of its parts (output_inputs.h). */
static void need_pages_of(edit *e, const json_t *v)
{
    if (json_is_object(v)) {
        json_t *c = json_object_get(v, "$card"), *en = json_object_get(v, "$entry");
        if (json_object_size(v) == 1 && (json_is_integer(c) || json_is_integer(en))) {
            json_int_t i = json_integer_value(c ? c : en);
            if (i >= 0 && (size_t)i < e->snap.n) need_page(e, (size_t)i);
            return;
        }
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) need_pages_of(e, x);
        long intro = snap_find(&e->snap, json_string_value(json_object_get(v, "intro_file")));
        if (intro >= 0) need_page(e, (size_t)intro);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) need_pages_of(e, x);
    }
}

/* The saved outputs that show a changed page whose card changed, and the
 * pages they need; 0 when every one can be made again. */
static int plan_lists(edit *e)
{
    const snapshot *s = &e->snap;
    int meta = 0;
    for (size_t j = 0; j < e->n; j++) meta |= e->meta[j];
    if (meta && lists_load(e->in->cache_file, &e->snap) != 0) {
        e->why = "the lists file of the last full build could not be read";
        return -1;
    }
    e->pos = malloc((s->n + 1) * sizeof *e->pos);
    e->snap_of = calloc(s->n + 1, sizeof *e->snap_of);
    e->lists = calloc(s->noutputs + 1, sizeof *e->lists);
    e->saved = calloc(s->noutputs + 1, sizeof *e->saved);
    char *taken = calloc(s->noutputs + 1, 1);
    int ok = e->pos && e->snap_of && e->lists && e->saved && taken;
    for (size_t i = 0; ok && i < s->n; i++) e->pos[i] = -1;
    for (size_t j = 0; ok && j < e->n; j++) need_page(e, e->which[j]);
    for (size_t j = 0; ok && j < e->n; j++) {
        if (!e->meta[j]) continue;
        for (const char *c = e->snap.pages[e->which[j]].outs; ok && *c && *c != '-'; c++) {
            char *end;
            size_t k = strtoull(c, &end, 10);
            ok = end != c && k < s->noutputs;
            if (!ok) break;
            c = *end ? end : end - 1;
            if (taken[k]) continue;
            if (s->outputs[k].by_title) {
                e->why = "a list that shows it is in title order";
                ok = 0;
                break;
            }
            taken[k] = 1;
            json_t *saved = json_loads(s->outputs[k].json, 0, NULL);
            ok = saved != NULL;
            e->lists[e->nlists] = k;
            e->saved[e->nlists++] = saved;
            if (saved) need_pages_of(e, saved);
        }
    }
    free(taken);
    return ok ? 0 : -1;
}

/* Loads the pages the lists need beside the changed ones (e->pages[n..]):
 * each must load as the last full build saw it. */
static int load_others(edit *e)
{
    mc_page *grown = realloc(e->pages, (e->nall + 1) * sizeof *grown);
    if (!grown) return -1;
    e->pages = grown;
    memset(e->pages + e->n, 0, (e->nall + 1 - e->n) * sizeof *grown);
    e->slots = e->nall;
    for (size_t j = e->n; j < e->nall; j++) {
        const snap_page *sp = &e->snap.pages[e->snap_of[j]];
        mc_page *p = &e->pages[j];
        mc_diag_list msgs = {0};
        int ok = mc_page_load(p, e->in->site, sp->rel, &msgs) == 0 && msgs.count == 0 &&
                 mc_stamp_equal(p->file_stamp, sp->stamp);
        mc_diag_list_free(&msgs);
        if (!ok) return -1;
        p->skip = !strcmp(sp->url, "-");
    }
    return 0;
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

static json_t *lookup(void *ctx, int entry, size_t i)
{
    edit *e = ctx;
    long j = i < e->snap.n ? e->pos[i] : -1;
    json_t *card = j >= 0 ? json_array_get(e->m.cards, (size_t)j) : NULL;
    if (!json_is_object(card)) return NULL;
    return entry ? mc_feeds_entry(&e->m, &e->pages[j]) : json_incref(card);
}

/* The saved outputs made again with the new cards (list_refs.h). */
static int add_lists(edit *e)
{
    mc_model *m = &e->m;
    for (size_t k = 0; k < e->nlists; k++) {
        const snap_output *so = &e->snap.outputs[e->lists[k]];
        json_t *own = mc_refs_resolve(e->saved[k], lookup, e);
        mc_output *o = NULL;
        if (own && !strcmp(so->tmpl, "=feed.json")) {
            size_t len = 0;
            char *bytes = mc_feeds_json(own, &len);
            o = bytes ? mc_model_add(m, MC_OUT_BYTES, strdup(so->path), NULL, NULL) : NULL;
            if (o) {
                o->bytes = bytes;
                o->nbytes = len;
            } else {
                free(bytes);
            }
        } else if (own) {
            json_t *ctx = mc_model_base_context(m, so->lang);
            const char *key;
            json_t *v;
            size_t i;
            json_array_foreach(json_object_get(own, MC_REFS_ABSENT), i, v)
                json_object_del(ctx, json_string_value(v));
            json_object_foreach(own, key, v)
                if (strcmp(key, MC_REFS_ABSENT) != 0) json_object_set(ctx, key, v);
            o = mc_model_add(m, MC_OUT_TEMPLATE, strdup(so->path), so->tmpl, ctx);
        }
        json_decref(own);
        if (!o || !mc_cache_has_output(e->in->cache, so->path)) return -1;
    }
    return 0;
}

/* The model of the changed pages: their cards and outputs, the contexts
 * and URLs of the snapshot; with a changed card, the outputs that show it. */
static int make_model(edit *e, mc_diag_list *errs)
{
    mc_model *m = &e->m;
    const mc_build_opts *o = e->in->o;
    m->site = e->in->site;
    m->pages = e->pages;
    m->npages = e->nall;
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
    for (size_t j = 0; j < e->nall; j++) {
        mc_page *p = &e->pages[j];
        const snap_page *sp = &e->snap.pages[e->snap_of[j]];
        if (p->skip || !sp->card) { /* an _index page is read for its text only */
            json_array_append_new(m->cards, json_null());
            continue;
        }
        p->url = strdup(sp->url);
        json_t *card = p->url ? mc_model_page_card(m, p) : NULL;
        if (!card) return -1;
        json_array_append_new(m->cards, card);
        if (j >= e->n && mc_card_hash(card, 0) != sp->card)
            e->why = "a page listed beside it has a card the full build changes";
        else if (j < e->n && e->meta[j] && mc_card_hash(card, 1) != sp->shape)
            e->why = "more than its title or summary changed";
        if (e->why) return -1;
        if (j >= e->n) continue;
        mc_output *out = mc_model_add_page(m, p, card, errs);
        if (!out || !mc_cache_has_output(e->in->cache, out->path)) return -1;
        if (p->kind->checked)
            mc_procedure_check(p, m->site, mc_procedure_severity(p, o->allow_incomplete), errs);
    }
    return add_lists(e);
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

/* The ledger's lines of each page whose title may have changed: its page
 * and aliases (ledger.h). The inputs digest takes the ledger's new stamp. */
static void retitle(edit *e, mc_diag_list *errs)
{
    const mc_edit_in *in = e->in;
    if (!in->o->write_ledger || !in->sealed) return;
    const char **paths = calloc(e->nlists + 2, sizeof *paths);
    for (size_t j = 0; paths && j < e->n; j++) {
        const mc_page *p = &e->pages[j];
        if (!e->meta[j] || p->skip || p->draft || !p->url) continue;
        size_t n = 0;
        for (size_t i = 0; i < e->m.noutputs; i++) {
            const mc_output *o = &e->m.outputs[i];
            if ((o->kind == MC_OUT_PAGE && o->page == p) ||
                (o->template && !strcmp(o->template, "alias") &&
                 json_object_get(o->context, "page") == json_array_get(e->m.cards, j)))
                paths[n++] = o->path;
        }
        mc_diag d;
        int written = n ? mc_ledger_retitle(in->o->site, paths, n, p->file, p->title, &d) : 0;
        if (written < 0) mc_diag_list_add(errs, &d);
        else if (written > 0) mc_ledger_seal(in->o->site, in->files_digest, in->sealed);
    }
    free(paths);
}

/* The cache and snapshot with the new stamps and inputs. */
static void save_state(edit *e, char **paths, mc_diag_list *errs)
{
    const mc_edit_in *in = e->in;
    mc_diag d;
    int saved = mc_cache_resave(in->cache, in->cache_file, in->out, in->inputs, paths,
                                e->stamps, e->m.noutputs, &d) == 0;
    for (size_t j = 0; saved && j < e->n; j++) {
        snap_page *sp = &e->snap.pages[e->which[j]];
        sp->stamp = e->now[j];
        sp->digest = e->digests[j];
        json_t *card = json_array_get(e->m.cards, j);
        if (e->meta[j] && json_is_object(card)) sp->card = mc_card_hash(card, 0);
    }
    if (saved && write_snapshot(in->cache_file, in->inputs, in->rest, e->snap.base_vi,
                                e->snap.base_en, e->search ? e->search : e->snap.search,
                                e->snap.pages, e->snap.n, e->snap.lists, &d) == 0)
        return;
    unlink(in->cache_file); /* the next build renders everything */
    mc_diag_warn(&d, in->cache_file, 0, 0, "could not save the build cache; the next build "
                 "will render everything");
    mc_diag_list_add(errs, &d);
}

static void edit_free(edit *e)
{
    for (size_t j = 0; e->pages && j < e->slots; j++) mc_page_free(&e->pages[j]);
    for (size_t k = 0; k < e->nlists; k++) json_decref(e->saved[k]);
    free(e->saved);
    free(e->lists);
    free(e->pos);
    free(e->snap_of);
    free(e->meta);
    free(e->digests);
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
    char *path = snapshot_path(in->cache_file, ".pages");
    int ok = path && snapshot_load(path, &e->snap) == 0 &&
             mc_site_has_template(in->site, "search") == !!strcmp(e->snap.search, "-") &&
             !strcmp(e->snap.inputs, mc_cache_inputs(in->cache)) && !strcmp(e->snap.rest, in->rest) &&
             find_changed(e) == 0 && (e->pages = calloc(e->n + 1, sizeof *e->pages)) != NULL &&
             (e->meta = calloc(e->n + 1, sizeof *e->meta)) != NULL &&
             (e->digests = calloc(e->n + 1, sizeof *e->digests)) != NULL;
    if (ok) e->slots = e->n;
    free(path);
    for (size_t j = 0; ok && j < e->n; j++) ok = take_page(e, j) == 0;
    return ok && plan_lists(e) == 0 && load_others(e) == 0;
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
        if (e.why && in->o->verbose)
            fprintf(in->o->verbose, "motcua: the lists that show an edited page are not made "
                    "again alone (%s); the full build follows\n", e.why);
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
        retitle(&e, errs);
        save_state(&e, paths, errs);
        *status = 0;
    }
    r->pages = mc_cache_pages(in->cache);
    r->files = mc_cache_outputs(in->cache);
    r->reused = r->files - stats.files;
    r->bytes = stats.bytes;
    if (in->o->verbose && *status == 0 && e.nlists)
        fprintf(in->o->verbose, "motcua: %zu edited page%s, title or summary changed: rendered "
                "%zu file%s, the page%s and the %zu list%s, feed%s and other outputs that show "
                "it\nmotcua: %zu of %zu files unchanged since the last build\n", e.n,
                e.n == 1 ? "" : "s", stats.files, stats.files == 1 ? "" : "s", e.n == 1 ? "" : "s",
                e.nlists, e.nlists == 1 ? "" : "s", e.nlists == 1 ? "" : "s", r->reused, r->files);
    else if (in->o->verbose && *status == 0)
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
