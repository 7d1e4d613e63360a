/* documents.c — legal documents: the register and its filter pages, and
 * the links between procedures' legal basis and documents (see
 * documents.h; the facts of one document are document_facts.c's). The filters are a table (dims); labels of kinds and
 * statuses are the field table's (fields.c).
 */
#include "documents.h"
#include "facts.h"
#include "fields.h"
#include "kinds.h"
#include "model.h"
#include "procedure.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *param(const mc_page *p, const char *key)
{
    const char *s = json_string_value(json_object_get(p->params, key));
    return s && s[0] ? s : NULL;
}

static const mc_choice *choice_of(const mc_page *p, const char *key)
{
    return mc_field_choice(mc_field_find(p->kind->fields, key), param(p, key));
}

/* "63-2010-nd-cp" for "63/2010/NĐ-CP" however it is written. Caller frees. */
static char *number_key(const char *number)
{
    return number && number[0] ? mc_slug(number, strlen(number), NULL) : NULL;
}

/* ---- the register and its filter pages ---- */

typedef enum dim_kind { DIM_CHOICE, DIM_TEXT, DIM_YEAR } dim_kind;

typedef struct dim {
    const char *path;   /* under the section: "loai" */
    const char *key;    /* front-matter key */
    dim_kind kind;
    const char *word;   /* theme word of the group's name */
    const char *name;   /* the name when the theme has no word */
} dim;

static const dim dims[] = {
    {"loai", "doc_type", DIM_CHOICE, "document_type", "Loại văn bản"},
    {"co-quan", "issuer", DIM_TEXT, "document_issuer", "Cơ quan ban hành"},
    {"nam", "issued", DIM_YEAR, "document_year", "Năm ban hành"},
    {"linh-vuc", "field", DIM_TEXT, "document_field", "Lĩnh vực"},
    {"tinh-trang", "status", DIM_CHOICE, "document_status", "Tình trạng hiệu lực"},
};
#define NDIMS (sizeof dims / sizeof dims[0])

static const char *word(const mc_model *m, const char *key, const char *fallback)
{
    const char *w = json_string_value(json_object_get(json_object_get(m->site->words, "vi"), key));
    return w ? w : fallback;
}

/* The value of page p for dim d: its slug in *slug (caller frees) and its
 * label; 0 when p has none. */
static int dim_value(const dim *d, const mc_page *p, char **slug, const char **label)
{
    const char *v = param(p, d->key);
    *slug = NULL;
    if (!v) return 0;
    if (d->kind == DIM_CHOICE) {
        const mc_choice *c = choice_of(p, d->key);
        if (!c) return 0;
        *slug = strdup(c->code);
        for (char *s = *slug; s && *s; s++)
            if (*s == '_') *s = '-';
        *label = c->vi;
    } else if (d->kind == DIM_YEAR) {
        if (strlen(v) < 4) return 0;
        *slug = strndup(v, 4);
        *label = NULL; /* the slug is the label */
    } else {
        *slug = mc_slug(v, strlen(v), NULL);
        *label = v;
    }
    if (*slug && (*slug)[0]) return 1;
    free(*slug);
    *slug = NULL;
    return 0;
}

static char *url_of(const mc_model *m, const char *section, const char *a, const char *b)
{
    size_t n = strlen(m->site->base_path) + strlen(section) + strlen(a) + strlen(b) + 8;
    char *url = malloc(n);
    if (url) snprintf(url, n, "%s%s/%s%s%s%s", m->site->base_path, section, a, a[0] ? "/" : "", b,
                      b[0] ? "/" : "");
    return url;
}

/* {groups: [{name, key, items: [{name, slug, url, count, current}]}],
 * all_url, all_current}: every value some document has, per dim; years
 * newest first, other values in Vietnamese order. Made once per register;
 * each page marks its own filter current (with_current). */
static json_t *filter_links(const mc_model *m, const char *section, const mc_page *const *pages,
                            size_t n)
{
    json_t *groups = json_array();
    for (size_t k = 0; k < NDIMS; k++) {
        json_t *by_slug = json_object(), *items = json_array();
        for (size_t i = 0; i < n; i++) {
            char *slug;
            const char *label;
            if (!dim_value(&dims[k], pages[i], &slug, &label)) continue;
            json_t *it = json_object_get(by_slug, slug);
            if (!it) {
                char *url = url_of(m, section, dims[k].path, slug);
                it = json_pack("{s:s, s:s, s:s, s:I, s:b}", "name", label ? label : slug, "slug",
                               slug, "url", url ? url : "", "count", (json_int_t)0, "current", 0);
                free(url);
                json_object_set_new(by_slug, slug, it);
                json_array_append(items, it);
            }
            json_object_set_new(it, "count", json_integer(json_integer_value(json_object_get(it, "count")) + 1));
            free(slug);
        }
        if (dims[k].kind == DIM_YEAR) { /* newest first: reverse the A–Z order */
            mc_model_sort_by_name(items);
            for (size_t a = 0, b = json_array_size(items); b > 1 && a < b / 2; a++) {
                json_t *x = json_incref(json_array_get(items, a));
                json_array_set(items, a, json_array_get(items, b - 1 - a));
                json_array_set_new(items, b - 1 - a, x);
            }
        } else {
            mc_model_sort_by_name(items);
        }
        if (json_array_size(items))
            json_array_append_new(groups, json_pack("{s:s, s:s, s:o}", "name",
                                                    word(m, dims[k].word, dims[k].name), "key",
                                                    dims[k].path, "items", items));
        else
            json_decref(items);
        json_decref(by_slug);
    }
    char *all = url_of(m, section, "", "");
    json_t *f = json_pack("{s:o, s:s, s:b}", "groups", groups, "all_url", all ? all : "",
                          "all_current", 0);
    free(all);
    return f;
}

/* A copy of links with the filter dim/slug (NULL: everything) current. */
static json_t *with_current(const json_t *links, const char *dim, const char *slug)
{
    json_t *f = json_deep_copy(links), *g, *it;
    size_t i, j;
    json_object_set_new(f, "all_current", json_boolean(dim == NULL));
    json_array_foreach(json_object_get(f, "groups"), i, g) {
        if (!dim || strcmp(json_string_value(json_object_get(g, "key")), dim)) continue;
        json_array_foreach(json_object_get(g, "items"), j, it)
            if (!strcmp(json_string_value(json_object_get(it, "slug")), slug))
                json_object_set_new(it, "current", json_true());
    }
    return f;
}

/* One page of the register: every document (d == NULL) or those whose
 * value of d has slug. */
static void add_register_page(mc_model *m, const char *section, const mc_page *const *pages,
                              size_t n, const json_t *list, const json_t *links, const dim *d,
                              const char *slug, const char *label)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        char *s = NULL;
        const char *l;
        int in = !d || (dim_value(d, pages[i], &s, &l) && !strcmp(s, slug));
        free(s);
        if (in) json_array_append(items, json_array_get(m->cards, (size_t)(pages[i] - m->pages)));
    }
    json_t *l = json_deep_copy(list);
    const char *title = json_string_value(json_object_get(list, "title"));
    char full[512], count[96];
    snprintf(full, sizeof full, "%s", title ? title : "");
    if (d) {
        snprintf(full, sizeof full, "%s: %s", title ? title : "", label);
        json_object_set_new(l, "filter_label", json_string(label));
        json_object_del(l, "intro_file");
    } else {
        json_object_set_new(l, "feed_list", json_true()); /* feeds.c: the section's feeds */
    }
    snprintf(count, sizeof count, "%zu %s", json_array_size(items),
             word(m, "documents_count_word", "văn bản"));
    json_object_set_new(l, "is_filtered", json_boolean(d != NULL));
    json_object_set_new(l, "count", json_integer((json_int_t)json_array_size(items)));
    json_object_set_new(l, "count_text", json_string(count));
    json_object_set_new(l, "filters", with_current(links, d ? d->path : NULL, slug));
    json_object_set_new(l, "has_breadcrumb", json_true());
    json_object_set_new(l, "breadcrumb", mc_model_index_breadcrumb(m, section, list, d != NULL));
    json_object_set_new(l, "has_pages", json_boolean(json_array_size(items) > 0));
    json_object_set_new(l, "pages", items);
    char *url = url_of(m, section, d ? d->path : "", d ? slug : "");
    mc_model_add_index_page(m, url ? url + strlen(m->site->base_path) : "", "documents", "documents",
                            full, l);
    free(url);
}

static void index_add(mc_model *m, const char *section, const mc_page *const *pages, size_t n,
                      json_t *list)
{
    json_object_set_new(list, "is_document_register", json_true());
    json_t *links = filter_links(m, section, pages, n);
    add_register_page(m, section, pages, n, list, links, NULL, NULL, NULL);
    for (size_t k = 0; k < NDIMS; k++) {
        json_t *seen = json_object();
        for (size_t i = 0; i < n; i++) {
            char *slug;
            const char *label;
            if (!dim_value(&dims[k], pages[i], &slug, &label)) continue;
            if (!json_object_get(seen, slug)) {
                json_object_set_new(seen, slug, json_true());
                add_register_page(m, section, pages, n, list, links, &dims[k], slug,
                                  label ? label : slug);
            }
            free(slug);
        }
        json_decref(seen);
    }
    json_decref(links);
    json_decref(list);
}

int mc_documents_register(mc_model *m, mc_diag_list *errs)
{
    if (!mc_site_has_template(m->site, "documents")) return 0; /* model.c: a plain list */
    mc_page **v = calloc(m->npages + 1, sizeof *v);
    json_t *done = json_object();
    if (!v || !done) { free(v); json_decref(done); return mc_diag_list_oom(errs); }
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *s = &m->pages[i];
        if (s->skip || !s->section[0] || !s->kind->documents || strcmp(s->lang, "vi") ||
            json_object_get(done, s->section))
            continue;
        json_object_set_new(done, s->section, json_true());
        size_t n = 0;
        const mc_page *intro = NULL;
        for (size_t j = 0; j < m->npages; j++) {
            mc_page *p = &m->pages[j];
            if (p->skip || strcmp(p->section, s->section) || strcmp(p->lang, "vi")) continue;
            if (p->is_index && !strcmp(p->dir, s->section)) intro = p;
            else if (p->url && !p->is_index) v[n++] = p;
        }
        mc_model_sort_pages(v, n, s->kind); /* newest issue date first */
        json_t *list = json_pack("{s:s, s:s, s:s, s:b}", "title",
                                 intro ? intro->title : word(m, "section_document", s->kind->label_vi),
                                 "kind", s->kind->name, "section", s->section, "is_document", 1);
        if (intro) json_object_set_new(list, "intro_file", json_string(intro->rel));
        index_add(m, s->section, (const mc_page *const *)v, n, list);
    }
    json_decref(done);
    free(v);
    return 0;
}

/* ---- links between legal basis and documents ---- */

/* number key -> index of the published Vietnamese document page. */
static json_t *registry(const mc_model *m)
{
    json_t *reg = json_object();
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (p->skip || !p->url || p->is_index || !p->kind->documents || strcmp(p->lang, "vi"))
            continue;
        char *key = number_key(param(p, "number"));
        if (key && key[0] && !json_object_get(reg, key))
            json_object_set_new(reg, key, json_integer((json_int_t)i));
        free(key);
    }
    return reg;
}

static const mc_page *find_doc(const mc_model *m, json_t *reg, const char *number)
{
    char *key = number_key(number);
    json_t *idx = key ? json_object_get(reg, key) : NULL;
    free(key);
    return idx ? &m->pages[json_integer_value(idx)] : NULL;
}

/* {number, in_register, url, title} of a number; url and title only when
 * the register has it (templates test in_register, so a missing url never
 * falls back to an outer one). */
static json_t *doc_ref(const mc_model *m, json_t *reg, const char *number)
{
    const mc_page *d = find_doc(m, reg, number);
    json_t *ref = json_pack("{s:s, s:b}", "number", number, "in_register", d != NULL);
    if (d) {
        json_object_set_new(ref, "url", json_string(d->url));
        json_object_set_new(ref, "title", json_string(d->title));
    }
    return ref;
}

static void link_document(const mc_model *m, json_t *reg, const mc_page *p, json_t *card)
{
    if (param(p, "replaced_by"))
        json_object_set_new(card, "replaced_by_doc", doc_ref(m, reg, param(p, "replaced_by")));
    json_t *refs = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(card, "replaces_list"), i, r)
        json_array_append_new(refs, doc_ref(m, reg, json_string_value(r)));
    json_object_set_new(card, "has_replaces", json_boolean(json_array_size(refs) > 0));
    json_object_set_new(card, "replaces_docs", refs);
}

static void link_basis(const mc_model *m, json_t *reg, const mc_page *p, json_t *card)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(card, "legal_basis"), i, e) {
        const mc_page *d = find_doc(m, reg, json_string_value(json_object_get(e, "number")));
        if (!d) continue;
        json_object_set_new(e, "doc_url", json_string(d->url));
        json_object_set_new(e, "doc_number", json_string(param(d, "number")));
        const mc_choice *s = choice_of(d, "status");
        if (s) json_object_set_new(e, "doc_status", json_string(strcmp(p->lang, "en") ? s->vi : s->en));
        json_object_set_new(e, "doc_ended", json_boolean(mc_document_ended(d)));
        if (param(d, "replaced_by"))
            json_object_set_new(e, "doc_replaced_by", doc_ref(m, reg, param(d, "replaced_by")));
    }
}

int mc_documents_link(mc_model *m, mc_diag_list *errs)
{
    json_t *reg = registry(m);
    for (size_t i = 0; json_object_size(reg) && i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        json_t *card = json_array_get(m->cards, i);
        if (p->skip || !p->url || !json_is_object(card)) continue;
        if (p->kind->documents) link_document(m, reg, p, card);
        if (json_object_get(card, "legal_basis")) {
            link_basis(m, reg, p, card);
            if (!p->is_index) mc_documents_basis_problems(m, p, errs);
        }
    }
    json_decref(reg);
    return 0;
}

int mc_documents_basis_problems(const mc_model *m, const mc_page *p, mc_diag_list *out)
{
    json_t *card = json_array_get(m->cards, (size_t)(p - m->pages));
    int problems = 0;
    if (mc_procedure_abolished(p)) return 0; /* an abolished procedure keeps its old basis */
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(card, "legal_basis"), i, e) {
        if (!json_is_true(json_object_get(e, "doc_ended"))) continue;
        char key[64], by[200] = "";
        snprintf(key, sizeof key, "legal_basis/%zu", i);
        const char *repl = json_string_value(json_object_get(json_object_get(e, "doc_replaced_by"), "number"));
        if (repl) snprintf(by, sizeof by, ", đã được thay thế bởi %s", repl);
        const char *status = json_string_value(json_object_get(e, "doc_status"));
        mc_diag d;
        mc_diag_warn(&d, p->file, mc_page_line(p, key), 0,
                     "\"Căn cứ pháp lý\" (%s) dẫn văn bản %s không còn hiệu lực (%s%s); sửa căn cứ "
                     "theo văn bản đang có hiệu lực", key,
                     json_string_value(json_object_get(e, "doc_number")), status ? status : "", by);
        mc_diag_list_add(out, &d);
        problems++;
    }
    return problems;
}
