/* procedure_index.c — the procedure index pages (see procedure.h).
 *
 * One function builds the "list" object of an index page from any subset
 * of the procedures: their fields in Vietnamese order, each with its count
 * and its procedures A–Z, plus the filter links. The same function serves
 * /thu-tuc/ (everything), the level pages (/thu-tuc/cap/xa/) and the online
 * pages (/thu-tuc/truc-tuyen/, .../toan-trinh/, .../mot-phan/), so a citizen
 * without JavaScript filters by following links. /thu-tuc/a-z/ groups the
 * same procedures by initial letter (Đ after D). Every item is the page's
 * card, shared with the other lists.
 */
#include "procedure.h"
#include "collate.h"
#include "model.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct filter {
    const char *path;   /* under the section: "cap/xa" ("" for all) */
    const char *key;    /* front-matter key tested ("level", "online") */
    const char *value;  /* value wanted; "*" = any online service */
    const char *word;   /* theme word of its label */
    const char *group;  /* "levels" or "online" */
} filter;

static const filter filters[] = {
    {"cap/tinh", "level", "tinh", "level_tinh", "levels"},
    {"cap/huyen", "level", "huyen", "level_huyen", "levels"},
    {"cap/xa", "level", "xa", "level_xa", "levels"},
    {"truc-tuyen", "online", "*", "online_any", "online"},
    {"truc-tuyen/toan-trinh", "online", "toan_trinh", "online_toan_trinh", "online"},
    {"truc-tuyen/mot-phan", "online", "mot_phan", "online_mot_phan", "online"},
};
#define NFILTERS (sizeof filters / sizeof filters[0])

static const char *word(const mc_model *m, const char *key, const char *fallback)
{
    const char *w = json_string_value(json_object_get(json_object_get(m->site->words, "vi"), key));
    return w ? w : fallback;
}

static int matches(const filter *f, const mc_page *p)
{
    const char *v = json_string_value(json_object_get(p->params, f->key));
    if (!v) return 0;
    if (!strcmp(f->value, "*")) return strcmp(v, "none") != 0;
    return !strcmp(v, f->value);
}

static json_t *card_of(const mc_model *m, const mc_page *p)
{
    return json_array_get(m->cards, (size_t)(p - m->pages));
}

static char *url_of(const mc_model *m, const char *section, const char *path)
{
    size_t n = strlen(m->site->base_path) + strlen(section) + strlen(path) + 4;
    char *url = malloc(n);
    if (url) snprintf(url, n, "%s%s/%s%s", m->site->base_path, section, path, path[0] ? "/" : "");
    return url;
}

/* Fields of pages[0..n) in Vietnamese order: [{name, slug, anchor, url,
 * count, pages}]. */
static json_t *group_by_field(const mc_model *m, const mc_page *const *pages, size_t n)
{
    json_t *fields = json_array(), *by_slug = json_object();
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_object_get(pages[i]->params, "field"));
        if (!name) name = word(m, "field_none", "Khác");
        char *slug = mc_slug(name, strlen(name), NULL);
        json_t *f = slug ? json_object_get(by_slug, slug) : NULL;
        if (slug && !f) {
            char anchor[300], url[600];
            snprintf(anchor, sizeof anchor, "linh-vuc-%s", slug);
            snprintf(url, sizeof url, "%slinh-vuc/%s/", m->site->base_path, slug);
            f = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "name", name, "slug", slug, "anchor", anchor,
                          "url", url, "pages");
            json_object_set_new(by_slug, slug, f);
            json_array_append(fields, f);
        }
        if (f) json_array_append(json_object_get(f, "pages"), card_of(m, pages[i]));
        free(slug);
    }
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
        json_object_set_new(f, "count", json_integer((json_int_t)json_array_size(json_object_get(f, "pages"))));
    mc_model_sort_by_name(fields);
    json_decref(by_slug);
    return fields;
}

/* The filter links: {levels: [...], online: [...]}, each {label, url,
 * count, current}; only filters that match at least one procedure. */
static json_t *filter_links(const mc_model *m, const char *section, const mc_page *const *pages,
                            size_t n, const char *current)
{
    json_t *groups = json_pack("{s:[], s:[]}", "levels", "online");
    for (size_t k = 0; k < NFILTERS; k++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) count += matches(&filters[k], pages[i]);
        if (!count) continue;
        char *url = url_of(m, section, filters[k].path);
        json_array_append_new(json_object_get(groups, filters[k].group),
                              json_pack("{s:s, s:s, s:I, s:b}", "label",
                                        word(m, filters[k].word, filters[k].value), "url",
                                        url ? url : "", "count", (json_int_t)count, "current",
                                        !strcmp(current, filters[k].path)));
        free(url);
    }
    json_object_set_new(groups, "has_levels", json_boolean(json_array_size(json_object_get(groups, "levels")) > 0));
    json_object_set_new(groups, "has_online", json_boolean(json_array_size(json_object_get(groups, "online")) > 0));
    char *all = url_of(m, section, "");
    json_object_set_new(groups, "all_url", json_string(all ? all : ""));
    json_object_set_new(groups, "all_current", json_boolean(!current[0]));
    free(all);
    return groups;
}

/* "7 lĩnh vực, 28 thủ tục" */
static json_t *count_text(const mc_model *m, size_t fields, size_t n)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%zu %s, %zu %s", fields, word(m, "fields_count_word", "lĩnh vực"), n,
             word(m, "procedures_count_word", "thủ tục"));
    return json_string(buf);
}

static void add_page(mc_model *m, const char *section, const char *path, const char *tmpl,
                     json_t *l, const char *title)
{
    char *rel = url_of(m, section, path);
    mc_model_add_index_page(m, rel ? rel + strlen(m->site->base_path) : "", tmpl, "procedures",
                            title, l);
    free(rel);
}

/* One index page: everything (f == NULL) or the procedures f matches. */
static void add_index_page(mc_model *m, const char *section, const mc_page *const *all, size_t n,
                           const json_t *list, const filter *f)
{
    const mc_page **v = calloc(n + 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; v && i < n; i++)
        if (!f || matches(f, all[i])) v[k++] = all[i];
    json_t *l = json_deep_copy(list);
    json_t *fields = group_by_field(m, v, k);
    char title[512];
    snprintf(title, sizeof title, "%s", json_string_value(json_object_get(list, "title")));
    if (f) {
        snprintf(title, sizeof title, "%s: %s", json_string_value(json_object_get(list, "title")),
                 word(m, f->word, f->value));
        json_object_set_new(l, "filter_label", json_string(word(m, f->word, f->value)));
        json_object_del(l, "intro_file"); /* the section's text belongs to /thu-tuc/ only */
    }
    json_object_set_new(l, "is_filtered", json_boolean(f != NULL));
    json_object_set_new(l, "count", json_integer((json_int_t)k));
    json_object_set_new(l, "field_count", json_integer((json_int_t)json_array_size(fields)));
    json_object_set_new(l, "count_text", count_text(m, json_array_size(fields), k));
    json_object_set_new(l, "filters", filter_links(m, section, all, n, f ? f->path : ""));
    json_object_set_new(l, "has_breadcrumb", json_true());
    json_object_set_new(l, "breadcrumb", mc_model_index_breadcrumb(m, section, list, f != NULL));
    json_object_set_new(l, "has_fields", json_boolean(json_array_size(fields) > 0));
    json_object_set_new(l, "fields", fields);
    char *az = url_of(m, section, "a-z");
    json_object_set_new(l, "az_url", json_string(az ? az : ""));
    free(az);
    add_page(m, section, f ? f->path : "", "procedures", l, title);
    free(v);
}

/* /thu-tuc/a-z/: letters [{letter, anchor, pages}] in Vietnamese order
 * (the pages already are). */
static void add_az_page(mc_model *m, const char *section, const mc_page *const *pages, size_t n,
                        const json_t *list)
{
    json_t *letters = json_array(), *used = json_object(), *cur = NULL;
    for (size_t i = 0; i < n; i++) {
        char *letter = mc_initial_letter(pages[i]->title);
        if (!letter) continue;
        if (!cur || strcmp(json_string_value(json_object_get(cur, "letter")), letter)) {
            char *slug = mc_slug(letter, strlen(letter), NULL);
            char anchor[64];
            /* "Đ" folds to "d" like "D": the second one gets "-2" */
            snprintf(anchor, sizeof anchor, "chu-%s", slug && slug[0] ? slug : "so");
            if (json_object_get(used, anchor)) strcat(anchor, "-2");
            json_object_set_new(used, anchor, json_true());
            free(slug);
            cur = json_pack("{s:s, s:s, s:[]}", "letter", letter, "anchor", anchor, "pages");
            json_array_append_new(letters, cur);
        }
        json_array_append(json_object_get(cur, "pages"), card_of(m, pages[i]));
        free(letter);
    }
    json_decref(used);
    json_t *l = json_deep_copy(list);
    json_object_del(l, "intro_file");
    char title[512];
    snprintf(title, sizeof title, "%s: %s", json_string_value(json_object_get(list, "title")),
             word(m, "az_title", "A–Z"));
    json_object_set_new(l, "letters", letters);
    json_object_set_new(l, "count", json_integer((json_int_t)n));
    json_object_set_new(l, "has_breadcrumb", json_true());
    json_object_set_new(l, "breadcrumb", mc_model_index_breadcrumb(m, section, list, 1));
    json_object_set_new(l, "filters", filter_links(m, section, pages, n, "a-z"));
    add_page(m, section, "a-z", "procedures_az", l, title);
}

void mc_procedure_index_add(mc_model *m, const char *section, const mc_page *const *pages,
                            size_t n, json_t *list)
{
    json_object_set_new(list, "is_procedure_index", json_true());
    add_index_page(m, section, pages, n, list, NULL);
    for (size_t k = 0; k < NFILTERS; k++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) count += matches(&filters[k], pages[i]);
        if (count) add_index_page(m, section, pages, n, list, &filters[k]);
    }
    add_az_page(m, section, pages, n, list);
    json_decref(list);
}
