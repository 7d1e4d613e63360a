/* search.c — the search page and its index, added to the model (see search.h).
 *
 * Design
 *  - Documents are numbered in the order of the tie-break: lists, field
 *    lists, procedures (Vietnamese order, as in their list), plain pages,
 *    news and announcements (newest first); abolished procedures are left
 *    out (their pages say so, and no one can apply). search.js
 *    breaks equal scores by the lower number, so this costs no bytes.
 *  - Text comes from the page record, not from rendered HTML: the body's
 *    Markdown is reduced to plain text here (link targets, HTML tags and
 *    markup characters dropped; ATX headings kept apart), which is all the
 *    syllable splitter needs. Rendering happens later, in parallel, and is
 *    not touched.
 *  - Indexing runs in parallel over slices of the documents (index_job),
 *    joined in order, so the files are the same for every -j.
 *  - Everything is written as MC_OUT_BYTES outputs; the page is a template
 *    output with a ready context.
 */
#include "search.h"
#include "buf.h"
#include "kinds.h"
#include "collate.h"
#include "parallel.h"
#include "search_index.h"
#include "search_synonyms.h"
#include "procedure.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INDEX_DIR MC_SEARCH_INDEX_DIR

/* ---- Markdown to plain text ------------------------------------------- */

/* Level of an ATX heading line ("## Bước 1"), 0 if it is not one; *text
 * receives the offset of the heading's text. */
static int heading_level(const char *line, size_t n, size_t *text)
{
    size_t i = 0, hashes = 0;
    while (i < n && i < 3 && line[i] == ' ') i++;
    while (i < n && line[i] == '#') { i++; hashes++; }
    if (hashes < 1 || hashes > 6 || (i < n && line[i] != ' ' && line[i] != '\t')) return 0;
    *text = i;
    return (int)hashes;
}

/* Skips a link target "(…)" at s[i] (balanced parentheses); returns the
 * index after it. */
static size_t skip_target(const char *s, size_t n, size_t i)
{
    int depth = 0;
    for (; i < n; i++) {
        if (s[i] == '(') depth++;
        else if (s[i] == ')' && --depth == 0) return i + 1;
    }
    return n;
}

/* Inline Markdown of one line as plain text: "](url)" and "<…>" dropped,
 * markup characters turned into spaces. */
/* Markdown punctuation that is dropped from the indexed text. */
static int is_markup(char c)
{
    switch (c) {
    case '*': case '_': case '`': case '#': case '>': case '|':
    case '[': case ']': case '!': case '~': case '\\':
        return 1;
    default:
        return 0;
    }
}

static void add_inline(mc_buf *out, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        char c = s[i];
        if (c == ']' && i + 1 < n && s[i + 1] == '(') {
            mc_buf_add(out, s + run, i - run);
            i = run = skip_target(s, n, i + 1);
        } else if (c == '<') {
            const char *close = memchr(s + i, '>', n - i);
            mc_buf_add(out, s + run, i - run);
            mc_buf_add(out, " ", 1);
            i = run = close ? (size_t)(close - s) + 1 : n;
        } else if (is_markup(c)) {
            mc_buf_add(out, s + run, i - run);
            mc_buf_add(out, " ", 1);
            i = run = i + 1;
        } else {
            i++;
        }
    }
    mc_buf_add(out, s + run, n - run);
}

/* A reference definition "[x]: url" or a table rule "|---|"; not text. */
static int skip_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == '[') {
        const char *close = memchr(s + i, ']', n - i);
        if (close && (size_t)(close - s) + 1 < n && close[1] == ':') return 1;
    }
    for (; i < n; i++)
        if (!strchr("|-: \t", s[i])) return 0;
    return 1;
}

int mc_search_plain_text(const char *md, size_t n, char **text, char **headings)
{
    mc_buf t = MC_BUF_INIT, h = MC_BUF_INIT;
    for (size_t pos = 0; pos < n;) {
        const char *nl = memchr(md + pos, '\n', n - pos);
        size_t len = nl ? (size_t)(nl - (md + pos)) : n - pos, start;
        const char *line = md + pos;
        if (heading_level(line, len, &start)) {
            add_inline(&h, line + start, len - start);
            mc_buf_add(&h, "\n", 1);
        } else if (!skip_line(line, len)) {
            add_inline(&t, line, len);
            mc_buf_add(&t, "\n", 1);
        }
        pos += len + 1;
    }
    *text = mc_buf_take(&t, NULL);
    *headings = mc_buf_take(&h, NULL);
    if (*text && *headings) return 0;
    free(*text);
    free(*headings);
    *text = *headings = NULL;
    return -1;
}

/* ---- which documents, in which order ----------------------------------- */

typedef struct doc_ref {
    int rank;
    long long date;
    const char *key;          /* last tie-break: file or output path */
    mc_page *page;            /* a content page… */
    const mc_output *list;    /* …or a list output */
} doc_ref;

static const char *param_str(const mc_page *p, const char *key)
{
    return json_string_value(json_object_get(p->params, key));
}

static int page_rank(const mc_page *p)
{
    const char *status = param_str(p, "status");
    return status && !strcmp(status, "bai_bo") ? p->kind->search_rank_retired
                                                : p->kind->search_rank;
}

static int cmp_docs(const void *x, const void *y)
{
    const doc_ref *a = x, *b = y;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    if (a->date != b->date) return a->date > b->date ? -1 : 1;
    if (a->page && b->page && a->page->sort_key && b->page->sort_key) {
        int c = strcmp(a->page->sort_key, b->page->sort_key);
        if (c) return c;
    }
    return strcmp(a->key, b->key);
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

/* The first page of a section list ("tin-tuc/index.html", kind "list" or
 * the procedure index "procedures") is rank 0; of a procedure-field list
 * ("linh-vuc/ho-tich/index.html") rank 1; any other output -1. */
static int list_rank(const mc_output *o)
{
    if (o->kind != MC_OUT_TEMPLATE || !o->template || !o->context || !o->path) return -1;
    size_t slashes = count_char(o->path, '/'), n = strlen(o->path);
    if (strncmp(o->path, "en/", 3) == 0 || n < 11 || strcmp(o->path + n - 11, "/index.html"))
        return -1;
    const char *kind = json_string_value(json_object_get(json_object_get(o->context, "page"), "kind"));
    json_t *list = json_object_get(o->context, "list");
    const char *tax = json_string_value(json_object_get(list, "taxonomy"));
    if (slashes == 1 && kind && (!strcmp(kind, "list") || !strcmp(kind, "procedures"))) return 0;
    if (slashes == 2 && !strcmp(o->template, "term") && tax && !strcmp(tax, "field")) return 1;
    return -1;
}

static doc_ref *collect_docs(mc_model *m, size_t *count)
{
    doc_ref *v = calloc(m->npages + m->noutputs + 1, sizeof *v);
    size_t n = 0;
    if (!v) return NULL;
    for (size_t i = 0; i < m->noutputs; i++) {
        int rank = list_rank(&m->outputs[i]);
        if (rank >= 0) v[n++] = (doc_ref){rank, 0, m->outputs[i].path, NULL, &m->outputs[i]};
    }
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        p->search_doc = 0;
        if (p->skip || !p->url || p->is_index || strcmp(p->lang, "vi")) continue;
        if (p->kind->checked && mc_procedure_abolished(p)) continue; /* no one can apply */
        int rank = page_rank(p);
        long long date = rank >= 4 && p->has_date ? p->date.epoch : 0;
        v[n++] = (doc_ref){rank, date, p->rel, p, NULL};
    }
    qsort(v, n, sizeof *v, cmp_docs);
    *count = n;
    return v;
}

/* ---- text of a procedure guide's front matter --------------------------- */

/* Every string under v, one per line, except URLs and file names. */
static void collect_strings(mc_buf *out, json_t *v)
{
    if (json_is_string(v)) {
        mc_buf_add(out, json_string_value(v), json_string_length(v));
        mc_buf_add(out, "\n", 1);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) collect_strings(out, item);
    } else if (json_is_object(v)) {
        const char *key;
        json_t *item;
        json_object_foreach(v, key, item)
            if (strcmp(key, "url") && strcmp(key, "file") && strcmp(key, "form") &&
                strcmp(key, "kind") && strcmp(key, "original"))
                collect_strings(out, item);
    }
}

/* ---- the filters file ---------------------------------------------------- */

typedef struct filters {
    json_t *slugs;     /* slug -> index */
    json_t *fields;    /* [{slug, name}] in first-seen order */
    json_t *per_doc;   /* [0 | 1 + index] */
    mc_buf level, online;
} filters;

static char level_char(const char *level)
{
    if (!level) return '-';
    if (!strcmp(level, "tinh")) return 't';
    if (!strcmp(level, "huyen")) return 'h';
    return !strcmp(level, "xa") ? 'x' : '-';
}

static char online_char(const char *online)
{
    if (!online) return '-';
    if (!strcmp(online, "toan_trinh")) return 'f';
    return !strcmp(online, "mot_phan") ? 'p' : '-';
}

static void filters_add(filters *f, const mc_page *p)
{
    const char *field = p && p->kind->index ? param_str(p, "field") : NULL;
    char *slug = field ? mc_slug(field, strlen(field), NULL) : NULL;
    json_int_t value = 0;
    if (slug && slug[0]) {
        json_t *idx = json_object_get(f->slugs, slug);
        if (!idx) {
            idx = json_integer((json_int_t)json_array_size(f->fields));
            json_object_set_new(f->slugs, slug, idx);
            json_array_append_new(f->fields, json_pack("{s:s, s:s}", "slug", slug, "name", field));
        }
        value = json_integer_value(idx) + 1;
    }
    free(slug);
    json_array_append_new(f->per_doc, json_integer(value));
    int proc = p && p->kind->index;
    char l = proc ? level_char(param_str(p, "level")) : '-';
    char o = proc ? online_char(param_str(p, "online")) : '-';
    mc_buf_add(&f->level, &l, 1);
    mc_buf_add(&f->online, &o, 1);
}

/* ---- one document ------------------------------------------------------- */

/* The excerpt: the summary, else the start of the text, whitespace
 * squeezed, cut at MC_SEARCH_EXCERPT bytes on a character boundary. */
static json_t *excerpt(const char *summary, const char *text)
{
    const char *src = summary && summary[0] ? summary : text ? text : "";
    mc_buf b = MC_BUF_INIT;
    int space = 0;
    for (const char *s = src; *s && b.len < MC_SEARCH_EXCERPT; s++) {
        int ws = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        if (ws) { space = b.len > 0; continue; }
        if (space) mc_buf_addc(&b, ' ');
        space = 0;
        mc_buf_addc(&b, *s);
    }
    size_t n = b.len;
    while (n > 0 && !b.oom && ((unsigned char)b.s[n] & 0xC0) == 0x80) n--; /* whole characters */
    if (b.len >= MC_SEARCH_EXCERPT) { mc_buf_truncate(&b, n); mc_buf_adds(&b, "…"); }
    char *cut = mc_buf_take(&b, NULL);
    json_t *j = json_string(cut ? cut : "");
    free(cut);
    return j ? j : json_string("");
}

/* Text of a field, then the popular names of the official words it holds
 * (search_synonyms.h). */
static int add_text(mc_sindex *ix, const mc_synonyms *syn, int field, const char *text, size_t n,
                    mc_diag *d)
{
    int status = mc_sindex_add_text(ix, field, text, n, d);
    return status ? status : mc_synonyms_add(syn, ix, field, text, n, d);
}

static int add_json_text(mc_sindex *ix, const mc_synonyms *syn, int field, json_t *v, mc_diag *d)
{
    mc_buf b = MC_BUF_INIT;
    collect_strings(&b, v);
    int status = b.oom ? -1 : b.s ? add_text(ix, syn, field, b.s, b.len, d) : 0;
    mc_buf_free(&b);
    return status;
}

static int index_page_text(mc_sindex *ix, const mc_synonyms *syn, const mc_page *p,
                           const char *body, const char *headings, mc_diag *d)
{
    const char *code = param_str(p, "code"), *number = param_str(p, "number");
    int status = add_text(ix, syn, MC_SF_TITLE, p->title, strlen(p->title), d);
    if (!status && code) status = mc_sindex_add_code(ix, code, strlen(code), d);
    /* a document's number and symbol, "63/2010/NĐ-CP": found as 63 2010 nd cp */
    if (!status && number) status = add_text(ix, syn, MC_SF_HEADING, number, strlen(number), d);
    if (!status) status = add_text(ix, syn, MC_SF_HEADING, headings, strlen(headings), d);
    if (!status) status = add_json_text(ix, syn, MC_SF_HEADING, json_object_get(p->params, "field"), d);
    if (!status) status = add_json_text(ix, syn, MC_SF_SUMMARY, json_object_get(p->params, "tags"), d);
    if (!status && p->summary)
        status = add_text(ix, syn, MC_SF_SUMMARY, p->summary, strlen(p->summary), d);
    if (!status) status = add_text(ix, syn, MC_SF_BODY, body, strlen(body), d);
    for (int order = 1, found = p->kind->search_fields; !status && found; order++) {
        found = 0; /* the fields in their search order (fields.h) */
        for (const mc_field *f = p->kind->fields; !status && f->key; f++)
            if (f->search_order == order) {
                found = 1;
                /* a choice by its label ("Nghị định"), not its code */
                const mc_choice *c = f->type == MC_F_CHOICE ? mc_field_choice(f, param_str(p, f->key)) : NULL;
                status = c ? add_text(ix, syn, MC_SF_HEADING, c->vi, strlen(c->vi), d)
                           : add_json_text(ix, syn, MC_SF_BODY, json_object_get(p->params, f->key), d);
            }
    }
    return status;
}

json_t *mc_search_index_page(mc_sindex *ix, const mc_synonyms *syn, const mc_model *m,
                             const mc_page *p, mc_diag *d)
{
    char *body = NULL, *headings = NULL, *owned;
    size_t len;
    const char *md = mc_page_body(p, m->site, &len, &owned, d);
    if (!md) return NULL;
    int plain = mc_search_plain_text(md, len, &body, &headings);
    free(owned);
    if (plain != 0) {
        mc_diag_set(d, p->file, 0, 0, "out of memory while indexing the page for search");
        return NULL;
    }
    json_t *rec = NULL;
    if (index_page_text(ix, syn, p, body, headings, d) == 0) {
        const char *meta = "";
        char date[16];
        if (p->kind->index && param_str(p, "field")) meta = param_str(p, "field");
        else if (p->has_date && p->kind->search_date) {
            snprintf(date, sizeof date, "%02d/%02d/%04d", p->date.day, p->date.month, p->date.year);
            meta = date;
        }
        rec = json_pack("[s, s, s, s, o]", p->url + strlen(m->site->base_path), p->title,
                        p->kind->search_letter, meta, excerpt(p->summary, body));
    } else if (!d->file[0]) {
        snprintf(d->file, sizeof d->file, "%s", p->file);
    }
    free(body);
    free(headings);
    return rec;
}

/* Indexes a list output by its title; record meta is "N mục". */
static json_t *index_list(mc_sindex *ix, const mc_model *m, const mc_output *o, int rank,
                          mc_diag *d)
{
    json_t *page = json_object_get(o->context, "page");
    json_t *list = json_object_get(o->context, "list");
    const char *title = json_string_value(json_object_get(page, "title"));
    const char *url = json_string_value(json_object_get(page, "url"));
    if (!title || !url) return json_null();
    if (mc_sindex_add_text(ix, MC_SF_TITLE, title, strlen(title), d) != 0) return NULL;
    const char *items = json_string_value(json_object_get(json_object_get(m->site->words, "vi"),
                                                          "items_count"));
    char meta[64];
    snprintf(meta, sizeof meta, "%lld %s", (long long)json_integer_value(json_object_get(list, "count")),
             items ? items : "mục");
    return json_pack("[s, s, s, s, s]", url + strlen(m->site->base_path), title,
                     rank == 0 ? "l" : "f", meta, "");
}

/* ---- outputs -------------------------------------------------------------- */

static int add_bytes(mc_model *m, const char *path, char *bytes, size_t n)
{
    size_t len = strlen(INDEX_DIR) + strlen(path) + 1;
    char *full = malloc(len);
    if (full) snprintf(full, len, "%s%s", INDEX_DIR, path);
    mc_output *o = full && bytes ? mc_model_add(m, MC_OUT_BYTES, full, NULL, NULL) : NULL;
    if (!o) { free(full); free(bytes); return -1; }
    o->bytes = bytes;
    o->nbytes = n;
    return 0;
}

static int add_json(mc_model *m, const char *path, json_t *j, uint32_t *version)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!s) return -1;
    size_t n = strlen(s);
    *version ^= mc_sindex_file_hash(path, s, n);
    return add_bytes(m, path, s, n);
}

static int add_doc_files(mc_model *m, json_t *records, uint32_t *version)
{
    size_t n = json_array_size(records);
    for (size_t k = 0; k * MC_SEARCH_PER_DOC_FILE < n; k++) {
        json_t *chunk = json_array();
        for (size_t i = k * MC_SEARCH_PER_DOC_FILE; i < n && i < (k + 1) * MC_SEARCH_PER_DOC_FILE; i++)
            json_array_append(chunk, json_array_get(records, i));
        char path[64];
        snprintf(path, sizeof path, MC_SEARCH_DOC_FILE, k);
        if (add_json(m, path, chunk, version) != 0) return -1;
    }
    return 0;
}

static int add_index_files(mc_model *m, mc_sindex_files *files, uint32_t *version)
{
    for (size_t i = 0; i < files->n; i++) {
        mc_sindex_file *f = &files->v[i];
        *version ^= mc_sindex_file_hash(f->path, f->bytes, f->nbytes);
        if (add_bytes(m, f->path, f->bytes, f->nbytes) != 0) { f->bytes = NULL; return -1; }
        f->bytes = NULL; /* the model owns it now */
    }
    return 0;
}

/* Fields for the filter, in Vietnamese order of their names. */
static json_t *sorted_fields(json_t *fields)
{
    size_t n = json_array_size(fields);
    const char **names = calloc(n + 1, sizeof *names);
    json_t *out = json_array();
    mc_collator *vi = mc_collator_new("vi", NULL);
    if (names && vi) {
        for (size_t i = 0; i < n; i++)
            names[i] = json_string_value(json_object_get(json_array_get(fields, i), "name"));
        mc_collate_sort_strings(vi, names, n, NULL);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (names[i] == json_string_value(json_object_get(json_array_get(fields, j), "name")))
                    json_array_append(out, json_array_get(fields, j));
    }
    mc_collator_free(vi);
    free(names);
    return out;
}

static int add_page(mc_model *m, const mc_sindex_files *files, size_t ndocs, json_t *fields,
                    const size_t range[2], uint32_t version)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    const char *bp = m->site->base_path;
    const char *title = json_string_value(json_object_get(json_object_get(m->site->words, "vi"),
                                                          "search_title"));
    size_t origin = strlen(m->site->base_url) - strlen(bp);
    char url[1024], permalink[2048], index[1100], script[1100], ver[16], procs[48];
    snprintf(url, sizeof url, "%stim-kiem/", bp);
    snprintf(permalink, sizeof permalink, "%.*s%s", (int)origin, m->site->base_url, url);
    snprintf(index, sizeof index, "%s%s", bp, INDEX_DIR);
    snprintf(script, sizeof script, "%sjs/search.js", bp);
    snprintf(ver, sizeof ver, "%08x", version);
    snprintf(procs, sizeof procs, "%zu %zu", range[0], range[1]);
    json_object_set_new(ctx, "page", json_pack("{s:s, s:s, s:s, s:s}", "title",
                                               title ? title : "Tìm kiếm", "kind", "search",
                                               "url", url, "permalink", permalink));
    json_t *sorted = sorted_fields(fields);
    json_object_set_new(ctx, "search", json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:o, s:b}",
                                                 "index", index, "version", ver, "procedures", procs,
                                                 "docs", (json_int_t)ndocs,
                                                 "shards", (json_int_t)files->nshards,
                                                 "per_doc_file", (json_int_t)MC_SEARCH_PER_DOC_FILE,
                                                 "script", script, "fields", sorted,
                                                 "has_fields", json_array_size(sorted) > 0));
    return mc_model_add(m, MC_OUT_TEMPLATE, strdup(MC_SEARCH_PAGE), "search", ctx) ? 0 : -1;
}

/* Indexing runs on every core: the documents are cut into consecutive
 * slices, each indexed on its own, then appended in order (search_index.h),
 * which gives the same files as one pass. */
typedef struct index_job {
    const mc_model *m;
    const mc_synonyms *syn;   /* may be NULL */
    const doc_ref *docs;
    size_t ndocs, nslices;
    mc_sindex **slices;
    json_t **records;     /* one per document */
    mc_diag *diags;       /* one per slice; message "" = fine */
} index_job;

static void index_slice(void *ctx, size_t k, int worker)
{
    (void)worker;
    index_job *job = ctx;
    size_t from = k * job->ndocs / job->nslices, to = (k + 1) * job->ndocs / job->nslices;
    mc_sindex *ix = job->slices[k];
    mc_diag *d = &job->diags[k];
    for (size_t i = from; i < to && ix; i++) {
        const doc_ref *r = &job->docs[i];
        mc_sindex_next_doc(ix);
        job->records[i] = r->page ? mc_search_index_page(ix, job->syn, job->m, r->page, d)
                                  : index_list(ix, job->m, r->list, r->rank, d);
        if (!job->records[i]) {
            if (!d->message[0]) mc_diag_set(d, NULL, 0, 0, "out of memory while indexing for search");
            return;
        }
    }
}

/* Appends every slice to the first; the first problem goes to errs. */
static int join_slices(index_job *job, mc_diag_list *errs)
{
    for (size_t k = 0; k < job->nslices; k++) {
        if (!job->slices[k]) mc_diag_set(&job->diags[k], NULL, 0, 0, "out of memory while indexing for search");
        if (job->diags[k].message[0]) return mc_diag_list_add(errs, &job->diags[k]);
    }
    for (size_t k = 1; k < job->nslices; k++)
        if (mc_sindex_append(job->slices[0], job->slices[k], &job->diags[k]) != 0)
            return mc_diag_list_add(errs, &job->diags[k]);
    return 0;
}

static void free_job(index_job *job)
{
    for (size_t k = 1; job->slices && k < job->nslices; k++) mc_sindex_free(job->slices[k]);
    for (size_t i = 0; job->records && i < job->ndocs; i++) json_decref(job->records[i]);
    free(job->slices);
    free(job->records);
    free(job->diags);
}

/* Indexes every document into *ix; fills records and filters, and
 * range[0..1) with the numbers of the procedures in force. */
static int index_all(mc_model *m, mc_sindex **ix, json_t *records, filters *f,
                     size_t range[2], mc_diag_list *errs)
{
    index_job job = {m, NULL, NULL, 0, 0, NULL, NULL, NULL};
    mc_synonyms *syn = NULL;
    if (mc_synonyms_load(m->site, &syn, errs) != 0) return -1;
    job.syn = syn;
    doc_ref *docs = collect_docs(m, &job.ndocs);
    if (!docs) {
        mc_synonyms_free(syn);
        return mc_diag_list_oom(errs);
    }
    job.docs = docs;
    job.nslices = (size_t)mc_cpu_count() * 4;
    if (job.nslices > job.ndocs) job.nslices = job.ndocs ? job.ndocs : 1;
    job.slices = calloc(job.nslices, sizeof *job.slices);
    job.records = calloc(job.ndocs + 1, sizeof *job.records);
    job.diags = calloc(job.nslices, sizeof *job.diags);
    int status = job.slices && job.records && job.diags ? 0 : mc_diag_list_oom(errs);
    for (size_t k = 0; !status && k < job.nslices; k++) job.slices[k] = mc_sindex_new();
    if (!status) mc_parallel_for(job.nslices, mc_cpu_count(), index_slice, &job);
    if (!status) status = join_slices(&job, errs);
    range[0] = range[1] = 0;
    for (size_t i = 0; !status && i < job.ndocs; i++) {
        if (docs[i].rank < 2) range[0] = range[1] = i + 1;
        if (docs[i].rank == 2) range[1] = i + 1;
        json_array_append(records, job.records[i]);
        filters_add(f, docs[i].page);
        if (docs[i].page) docs[i].page->search_doc = (long)i + 1;
    }
    if (job.slices) { *ix = job.slices[0]; job.slices[0] = NULL; }
    free_job(&job);
    free(docs);
    mc_synonyms_free(syn);
    return status;
}

static json_t *filters_json(filters *f)
{
    json_t *slugs = json_array();
    size_t i;
    json_t *fl;
    json_array_foreach(f->fields, i, fl) json_array_append(slugs, json_object_get(fl, "slug"));
    return json_pack("{s:o, s:O, s:s, s:s}", "fields", slugs, "f", f->per_doc,
                     "l", f->level.s ? f->level.s : "", "o", f->online.s ? f->online.s : "");
}


int mc_search_add(mc_model *m, mc_diag_list *errs)
{
    if (!mc_site_has_template(m->site, "search")) return 0;
    mc_sindex *ix = NULL;
    json_t *records = json_array();
    filters f = {json_object(), json_array(), json_array(), {0}, {0}};
    mc_sindex_files files = {0};
    uint32_t version = 0;
    size_t range[2] = {0, 0};
    int status = index_all(m, &ix, records, &f, range, errs);
    if (!status) {
        mc_diag d;
        status = mc_sindex_write(ix, &files, &d);
        if (status) mc_diag_list_add(errs, &d);
    }
    mc_sindex_free(ix);
    if (!status && (f.level.oom || f.online.oom)) status = mc_diag_list_oom(errs);
    if (!status && (add_index_files(m, &files, &version) != 0 ||
                    add_doc_files(m, records, &version) != 0 ||
                    add_json(m, "f.json", filters_json(&f), &version) != 0 ||
                    add_page(m, &files, json_array_size(records), f.fields, range, version) != 0))
        status = mc_diag_list_oom(errs);
    mc_sindex_files_free(&files);
    json_decref(records);
    json_decref(f.slugs);
    json_decref(f.fields);
    json_decref(f.per_doc);
    mc_buf_free(&f.level);
    mc_buf_free(&f.online);
    return status;
}
