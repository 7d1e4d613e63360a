/* model.c — the site model (see model.h for what it decides).
 *
 * Order of work: publishable pages → URLs (with the duplicate check) →
 * translations → cards → outputs (pages, lists, taxonomies, home, aliases,
 * fixed files). Lists hold references to the same card objects, so a card is
 * built once however many lists show it. All sorting uses stable keys
 * (collation key, then file path), so output order never depends on the
 * file system or the number of threads.
 */
#include "model.h"
#include "kinds.h"
#include "grow.h"
#include "strf.h"
#include "collate.h"
#include "facts.h"
#include "jsonld.h"
#include "parallel.h"
#include "procedure.h"
#include "safepath.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* fmt with two strings; a NULL b reads as "" (most callers fill one). */
static char *str_printf(const char *fmt, const char *a, const char *b)
{
    return mc_strf(fmt, a, b ? b : "");
}

mc_output *mc_model_add(mc_model *m, mc_output_kind kind, char *path, const char *tmpl,
                        json_t *context)
{
    mc_output *grown = mc_grow(m->outputs, m->noutputs, &m->cap, sizeof *grown, 256);
    if (!grown) { free(path); json_decref(context); return NULL; }
    m->outputs = grown;
    mc_output *o = &m->outputs[m->noutputs++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->path = path;
    o->template = tmpl;
    o->context = context;
    return o;
}

static void add_error(mc_diag_list *errs, const char *file, int line, const char *fmt,
                      const char *a, const char *b)
{
    mc_diag d;
    mc_diag_set(&d, file, line, 0, fmt, a, b);
    mc_diag_list_add(errs, &d);
}

/* ---- which pages are published, and their URLs ---- */

static void mark_unpublished(mc_model *m)
{
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        p->skip = (p->draft && !m->drafts) ||
                  (p->has_date && p->date.epoch > m->now && !m->future);
    }
}

char *mc_model_page_path(const mc_page *p)
{
    const char *prefix = strcmp(p->lang, "vi") ? "en/" : "";
    if (p->is_index) return str_printf("%s%s", prefix, p->dir[0] ? p->dir : NULL);
    /* a bundle's folder is the page itself: its URL sits in the parent folder */
    const char *dir = p->dir;
    char *parent = NULL;
    if (p->is_bundle) {
        const char *slash = strrchr(p->dir, '/');
        parent = slash ? strndup(p->dir, (size_t)(slash - p->dir)) : strdup("");
        dir = parent;
    }
    char *where = str_printf(dir && dir[0] ? "%s/%s" : "%s%s", dir ? dir : "", p->slug);
    char *out = where ? str_printf("%s%s/", prefix, where) : NULL;
    free(where);
    free(parent);
    return out;
}

static void assign_urls(mc_model *m, mc_diag_list *errs)
{
    json_t *owners = json_object(); /* path -> index of the page that has it */
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (p->skip || !p->slug) continue;
        char *path = mc_model_page_path(p);
        if (!path) continue;
        json_t *prev = json_object_get(owners, path);
        if (prev && !p->is_index) {
            mc_page *other = &m->pages[json_integer_value(prev)];
            add_error(errs, p->file, mc_page_line(p, json_object_get(p->params, "slug") ? "slug" : "title"),
                      "this page would have the URL /%s, which %s already has; rename one "
                      "of the files or give it a 'slug:'", path, other->file);
        } else if (!prev) {
            json_object_set_new(owners, path, json_integer((json_int_t)i));
        }
        p->url = str_printf("%s%s", m->site->base_path, path);
        if (!p->is_index) json_object_set_new(m->urls, p->rel, json_string(p->url));
        free(path);
    }
    json_decref(owners);
}

static void link_translations(mc_model *m)
{
    json_t *by_key = json_object();
    for (size_t i = 0; i < m->npages; i++)
        if (!m->pages[i].skip && !strcmp(m->pages[i].lang, "vi"))
            json_object_set_new(by_key, m->pages[i].key, json_integer((json_int_t)i));
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        json_t *vi = json_object_get(by_key, p->key);
        if (p->skip || strcmp(p->lang, "en") || !vi) continue;
        mc_page *q = &m->pages[json_integer_value(vi)];
        p->translation = q;
        q->translation = p;
    }
    json_decref(by_key);
}

const char *mc_model_resolve(const mc_model *m, const char *dir, const char *target)
{
    char *joined = str_printf(dir[0] ? "%s/%s" : "%s%s", dir, target);
    char *norm = joined ? mc_path_normalize(joined) : NULL;
    const char *url = norm ? json_string_value(json_object_get(m->urls, norm)) : NULL;
    free(joined);
    free(norm);
    return url;
}

/* ---- cards ---- */

static json_t *term_ref(const mc_model *m, const char *base, const char *name)
{
    char *slug = mc_slug(name, strlen(name), NULL);
    char *url = slug ? str_printf("%s%s", m->site->base_path, base) : NULL;
    char *full = url ? str_printf("%s%s/", url, slug) : NULL;
    json_t *t = json_pack("{s:s, s:s, s:s}", "name", name, "slug", slug ? slug : "",
                          "url", full ? full : "");
    free(slug);
    free(url);
    free(full);
    return t;
}

/* "BASE" "NAME" into key (size 1024); 0 when it does not fit. */
static int term_key(char *key, const char *base, const char *name)
{
    int n = snprintf(key, 1024, "%s%s", base, name);
    return n > 0 && n < 1024;
}

/* The term object for base+name: shared from `terms` (made before the cards,
 * so a tag's slug is computed once, not once per page), else new. */
static json_t *shared_term(const mc_model *m, json_t *terms, const char *base, const char *name)
{
    char key[1024];
    json_t *t = term_key(key, base, name) ? json_object_get(terms, key) : NULL;
    return t ? json_incref(t) : term_ref(m, base, name);
}

static void add_term(const mc_model *m, json_t *terms, const char *base, const char *name)
{
    char key[1024];
    if (name && term_key(key, base, name) && !json_object_get(terms, key))
        json_object_set_new(terms, key, term_ref(m, base, name));
}

static json_t *page_tags(const mc_model *m, json_t *terms, const mc_page *p)
{
    json_t *tags = json_array();
    json_t *src = json_object_get(p->params, "tags");
    size_t i;
    json_t *v;
    json_array_foreach(src, i, v)
        if (json_is_string(v))
            json_array_append_new(tags, shared_term(m, terms, "the/", json_string_value(v)));
    return tags;
}

/* Every tag and field named by a published page, as shared term objects
 * (read only once made: the cards of many pages hold the same one). */
static json_t *make_terms(const mc_model *m)
{
    json_t *terms = json_object();
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (p->skip || !p->url) continue;
        size_t k;
        json_t *v;
        json_array_foreach(json_object_get(p->params, "tags"), k, v)
            add_term(m, terms, "the/", json_string_value(v));
        if (p->kind->field_terms)
            add_term(m, terms, "linh-vuc/", json_string_value(json_object_get(p->params, "field")));
    }
    return terms;
}

/* Absolute URL of a site URL: base_url is origin + base_path, and url
 * already starts with base_path. Caller frees. */
static char *permalink_of(const mc_model *m, const char *url)
{
    size_t origin = strlen(m->site->base_url) - strlen(m->site->base_path);
    char *permalink = malloc(origin + strlen(url) + 1);
    if (permalink) {
        memcpy(permalink, m->site->base_url, origin);
        strcpy(permalink + origin, url);
    }
    return permalink;
}

json_t *mc_model_generated_page(const mc_model *m, json_t *title, const char *kind, const char *path)
{
    char *url = str_printf("%s%s", m->site->base_path, path);
    char *permalink = url ? permalink_of(m, url) : NULL;
    json_t *page = json_pack("{s:O, s:s, s:s, s:s}", "title", title, "kind", kind, "url",
                             url ? url : "", "permalink", permalink ? permalink : "");
    free(url);
    free(permalink);
    return page;
}

static const char *word(const mc_model *m, const char *lang, const char *key, const char *fallback);

void mc_model_add_index_page(mc_model *m, const char *dir, const char *tmpl, const char *kind,
                             const char *title, json_t *list)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    json_t *t = json_string(title);
    json_object_set_new(ctx, "page", mc_model_generated_page(m, t, kind, dir));
    json_decref(t);
    json_object_set_new(ctx, "list", list);
    mc_model_add(m, MC_OUT_TEMPLATE, str_printf("%s%sindex.html", dir, NULL), tmpl, ctx);
}

json_t *mc_model_index_breadcrumb(const mc_model *m, const char *section, const json_t *list,
                                  int filtered)
{
    json_t *crumbs = json_pack("[{s:s, s:s}]", "name", word(m, "vi", "home", "Trang chủ"), "url",
                               m->site->base_path);
    if (filtered) {
        char *url = str_printf("%s%s/", m->site->base_path, section);
        json_array_append_new(crumbs, json_pack("{s:O, s:s}", "name", json_object_get(list, "title"),
                                                "url", url ? url : ""));
        free(url);
    }
    return crumbs;
}

/* Home › section list (› field, for procedures): the trail above a page. */
static json_t *page_breadcrumb(const mc_model *m, const mc_page *p, json_t *field)
{
    json_t *trail = json_pack("[{s:s, s:s}]", "name", word(m, p->lang, "home", "Trang chủ"),
                              "url", m->site->base_path);
    if (p->section[0] && p->kind->listed && !strcmp(p->lang, "vi")) {
        char key[64];
        snprintf(key, sizeof key, "section_%s", p->kind->name);
        char *url = str_printf("%s%s/", m->site->base_path, p->section);
        json_array_append_new(trail, json_pack("{s:s, s:s}", "name", word(m, p->lang, key, p->section),
                                               "url", url ? url : ""));
        free(url);
        if (field && !mc_procedure_abolished(p)) json_array_append(trail, field);
    }
    return trail;
}

static json_t *make_card(const mc_model *m, json_t *terms, const mc_page *p)
{
    char *permalink = permalink_of(m, p->url);
    json_t *card = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:b, s:b}",
                             "title", p->title, "url", p->url, "permalink",
                             permalink ? permalink : "", "kind", p->kind->name, "section", p->section,
                             "lang", p->lang, "summary", p->summary ? p->summary : "",
                             "file", p->file, "params", p->params, "draft", p->draft,
                             "is_english", !strcmp(p->lang, "en"));
    char flag[32];
    snprintf(flag, sizeof flag, "is_%s", p->kind->name);
    json_object_set_new(card, flag, json_true());
    if (p->has_date) json_object_set_new(card, "date", mc_date_forms(&p->date));
    if (p->has_updated) json_object_set_new(card, "updated", mc_date_forms(&p->updated));
    json_t *tags = page_tags(m, terms, p);
    json_object_set_new(card, "has_tags", json_boolean(json_array_size(tags) > 0));
    json_object_set_new(card, "tags", tags);
    const char *field = p->kind->field_terms ? json_string_value(json_object_get(p->params, "field")) : NULL;
    if (field) json_object_set_new(card, "field", shared_term(m, terms, "linh-vuc/", field));
    json_object_set_new(card, "has_breadcrumb", json_true());
    json_object_set_new(card, "breadcrumb", page_breadcrumb(m, p, json_object_get(card, "field")));
    char *origin = strndup(m->site->base_url, strlen(m->site->base_url) - strlen(m->site->base_path));
    char *crumbs = origin ? mc_jsonld_breadcrumb(json_object_get(card, "breadcrumb"), p->title,
                                                 permalink, origin) : NULL;
    if (crumbs) json_object_set_new(card, "breadcrumb_jsonld", json_string(crumbs));
    free(crumbs);
    free(origin);
    mc_facts_add(card, p, m->site);
    const char *layout = json_string_value(json_object_get(p->params, "layout"));
    char *office = layout && !strcmp(layout, "one_stop") ? mc_jsonld_office(m->site, p->lang, permalink) : NULL;
    if (office) json_object_set_new(card, "jsonld", json_string(office));
    free(office);
    free(permalink);
    return card;
}

typedef struct card_job {
    const mc_model *m;
    json_t **cards;
    json_t *terms;
} card_job;

static void make_card_at(void *ctx, size_t i, int worker)
{
    (void)worker;
    card_job *job = ctx;
    const mc_page *p = &job->m->pages[i];
    job->cards[i] = p->skip || !p->url ? json_null() : make_card(job->m, job->terms, p);
}

/* Cards are made in parallel: each reads its own page and the site, and
 * writes only its own slot. */
static void make_cards(mc_model *m, int jobs)
{
    card_job job = {m, calloc(m->npages + 1, sizeof(json_t *)), make_terms(m)};
    if (!job.cards) { json_decref(job.terms); return; }
    mc_parallel_for(m->npages, jobs, make_card_at, &job);
    json_decref(job.terms);
    for (size_t i = 0; i < m->npages; i++)
        json_array_append_new(m->cards, job.cards[i] ? job.cards[i] : json_null());
    free(job.cards);
    for (size_t i = 0; i < m->npages; i++) { /* translations, once all cards exist */
        mc_page *p = &m->pages[i];
        if (!p->translation || p->skip) continue;
        json_t *other = json_array_get(m->cards, (size_t)(p->translation - m->pages));
        json_object_set_new(json_array_get(m->cards, i), "translation",
                            json_pack("{s:s, s:O, s:s, s:O}", "lang", p->translation->lang,
                                      "title", json_object_get(other, "title"),
                                      "url", p->translation->url,
                                      "permalink", json_object_get(other, "permalink")));
    }
}

/* ---- contexts shared by every output ---- */

/* Menu items with base-path-aware URLs; on English pages name_en is used
 * when the item has one. */
static json_t *make_menu(const mc_model *m, const char *menu, const char *lang)
{
    json_t *nav = json_array();
    json_t *items = json_object_get(json_object_get(m->site->config, "menus"), menu);
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item) {
        const char *name = json_string_value(json_object_get(item, "name"));
        const char *name_en = json_string_value(json_object_get(item, "name_en"));
        const char *url = json_string_value(json_object_get(item, "url"));
        if (!name || !url) continue;
        if (!strcmp(lang, "en") && name_en) name = name_en;
        char *full = url[0] == '/' ? str_printf("%s%s", m->site->base_path, url + 1) : strdup(url);
        json_array_append_new(nav, json_pack("{s:s, s:s}", "name", name, "url", full ? full : url));
        free(full);
    }
    return nav;
}

/* URL of each kind's section list: {"news": "/tin-tuc/", ...}. */
static json_t *section_urls(const mc_model *m)
{
    json_t *urls = json_object();
    const char *folder;
    json_t *kind;
    json_object_foreach(json_object_get(m->site->config, "sections"), folder, kind) {
        if (!json_is_string(kind) || json_object_get(urls, json_string_value(kind))) continue;
        for (size_t i = 0; i < m->npages; i++) /* only sections that have pages */
            if (!m->pages[i].skip && !strcmp(m->pages[i].section, folder)) {
                char *url = str_printf("%s%s/", m->site->base_path, folder);
                json_object_set_new(urls, json_string_value(kind), json_string(url ? url : ""));
                free(url);
                break;
            }
    }
    return urls;
}

/* site.yaml one_stop.opening_hours as lines a person reads: consecutive
 * days with the same hours share one line, [{days: "Thứ Hai – Thứ Sáu",
 * hours: "07:30–11:30, 13:30–17:00"}]. */
static json_t *opening_hours_text(const mc_model *m, const char *lang)
{
    static const char *const codes[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *const vi[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    static const char *const en[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    const char *const *names = strcmp(lang, "en") ? vi : en;
    json_t *out = json_array();
    char prev[128] = "";
    int first = -1, last = -1;
    size_t i;
    json_t *day;
    json_array_foreach(json_object_get(json_object_get(m->site->config, "one_stop"), "opening_hours"), i, day) {
        int d = -1;
        for (int k = 0; k < 7; k++)
            if (!strcmp(json_string_value(json_object_get(day, "day")) ? json_string_value(json_object_get(day, "day")) : "", codes[k])) d = k;
        if (d < 0) continue;
        char hours[128] = "";
        static const char *const parts[] = {"morning", "afternoon", "evening"};
        for (int k = 0; k < 3; k++) {
            json_t *r = json_object_get(day, parts[k]);
            const char *a = json_string_value(json_array_get(r, 0)), *b = json_string_value(json_array_get(r, 1));
            if (a && b) snprintf(hours + strlen(hours), sizeof hours - strlen(hours), "%s%s–%s", hours[0] ? ", " : "", a, b);
        }
        if (first >= 0 && d == last + 1 && !strcmp(hours, prev)) { last = d; continue; }
        if (first >= 0) {
            char days[96];
            snprintf(days, sizeof days, first == last ? "%s" : "%s – %s", names[first], names[last]);
            json_array_append_new(out, json_pack("{s:s, s:s}", "days", days, "hours", prev));
        }
        first = last = d;
        snprintf(prev, sizeof prev, "%s", hours);
    }
    if (first >= 0) {
        char days[96];
        snprintf(days, sizeof days, first == last ? "%s" : "%s – %s", names[first], names[last]);
        json_array_append_new(out, json_pack("{s:s, s:s}", "days", days, "hours", prev));
    }
    return out;
}

static void make_site_context(mc_model *m)
{
    static const char *const langs[] = {"vi", "en"};
    json_t *sections = section_urls(m);
    for (int i = 0; i < 2; i++) {
        json_t *site = json_deep_copy(m->site->config);
        json_object_set_new(site, "base_url", json_string(m->site->base_url));
        json_object_set_new(site, "base_path", json_string(m->site->base_path));
        json_object_set(site, "data", m->site->data);
        json_object_set_new(site, "generator", json_string("motcua " MC_VERSION));
        json_t *footer = make_menu(m, "footer", langs[i]);
        json_t *ctx = json_pack("{s:o, s:s, s:O, s:o, s:b, s:O, s:b, s:o}", "site", site,
                                "lang", langs[i], "words",
                                json_object_get(m->site->words, langs[i]), "nav",
                                make_menu(m, "main", langs[i]), "is_english", i == 1,
                                "section_urls", sections, "has_footer_nav",
                                json_array_size(footer) > 0, "footer_nav", footer);
        json_t *hours = opening_hours_text(m, langs[i]);
        json_object_set_new(ctx, "has_opening_hours", json_boolean(json_array_size(hours) > 0));
        json_object_set_new(ctx, "opening_hours_text", hours);
        json_object_set_new(m->site_context, langs[i], ctx);
    }
    json_decref(sections);
}

json_t *mc_model_base_context(const mc_model *m, const char *lang)
{
    json_t *base = json_object_get(m->site_context, lang);
    return json_copy(base ? base : json_object_get(m->site_context, "vi"));
}

/* ---- sorting ---- */

typedef struct sort_ctx {
    const mc_model *m;
    int by_title;
} sort_ctx;

static int compare_by_date_desc(const mc_page *a, const mc_page *b)
{
    long long da = a->has_date ? a->date.epoch : 0, db = b->has_date ? b->date.epoch : 0;
    if (da != db) return da > db ? -1 : 1;
    return strcmp(a->rel, b->rel);
}

static int compare_by_title(const mc_page *a, const mc_page *b)
{
    int c = strcmp(a->sort_key ? a->sort_key : "", b->sort_key ? b->sort_key : "");
    return c ? c : strcmp(a->rel, b->rel);
}

static int cmp_date_desc(const void *x, const void *y)
{
    return compare_by_date_desc(*(mc_page *const *)x, *(mc_page *const *)y);
}

static int cmp_title(const void *x, const void *y)
{
    return compare_by_title(*(mc_page *const *)x, *(mc_page *const *)y);
}

/* Newest `issued:` (a year-month-day string) first, then newest date. */
static int cmp_issued(const void *x, const void *y)
{
    const mc_page *a = *(mc_page *const *)x, *b = *(mc_page *const *)y;
    const char *ia = json_string_value(json_object_get(a->params, "issued"));
    const char *ib = json_string_value(json_object_get(b->params, "issued"));
    int c = strcmp(ib ? ib : "", ia ? ia : "");
    return c ? c : compare_by_date_desc(a, b);
}

static void make_sort_keys(mc_model *m)
{
    mc_collator *vi = mc_collator_new("vi", NULL);
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (!p->skip && p->title)
            p->sort_key = vi ? mc_collate_key(vi, p->title, strlen(p->title), NULL, NULL)
                             : strdup(p->title);
    }
    mc_collator_free(vi);
}

/* Procedures read best A–Z; everything dated reads best newest first. */
void mc_model_sort_pages(mc_page **v, size_t n, const mc_kind *kind)
{
    static int (*const cmp[])(const void *, const void *) = {
        [MC_SORT_DATE_DESC] = cmp_date_desc, [MC_SORT_TITLE] = cmp_title, [MC_SORT_ISSUED] = cmp_issued};
    qsort(v, n, sizeof *v, cmp[kind->sort]);
}

/* ---- lists with pagination ---- */

static char *list_page_path(const char *dir, size_t number)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", number);
    if (number == 1) return str_printf(dir[0] ? "%s/%s" : "%s%s", dir, "");
    return str_printf(dir[0] ? "%s/trang/%s/" : "%strang/%s/", dir, num);
}

static json_t *page_link(const mc_model *m, const char *dir, size_t number, size_t current)
{
    char *path = list_page_path(dir, number);
    char *url = path ? str_printf("%s%s", m->site->base_path, path) : NULL;
    json_t *link = json_pack("{s:I, s:s, s:b}", "number", (json_int_t)number, "url",
                             url ? url : "", "current", number == current);
    free(path);
    free(url);
    return link;
}

/* Pagination of list page `current` of `total`: previous and next, and a
 * window of numbered links, first 1 and last, the current page and two on
 * each side, with {"gap": true} where numbers are skipped (1 … 4 5 6 7 8 …
 * 40, as GOV.UK does). The window keeps each list page's context the same
 * size however long the list is: linking every page from every page would
 * make a 50,000-page site quadratic in time and memory. */
static json_t *pagination(const mc_model *m, const char *dir, size_t current, size_t total)
{
    json_t *pages = json_array();
    size_t last_shown = 0;
    for (size_t k = 1; k <= total; k++) {
        int in_window = k == 1 || k == total || (k + 2 >= current && k <= current + 2);
        if (!in_window) continue;
        if (last_shown && k > last_shown + 1) json_array_append_new(pages, json_pack("{s:b}", "gap", 1));
        json_array_append_new(pages, page_link(m, dir, k, current));
        last_shown = k;
        if (k > current + 2 && k < total) k = total - 1; /* jump to the last page */
        else if (k == 1 && current > 4) k = current - 3;  /* jump to the window */
    }
    json_t *pg = json_pack("{s:I, s:I, s:b, s:o}", "current", (json_int_t)current, "total",
                           (json_int_t)total, "show", total > 1, "pages", pages);
    if (current > 1) {
        json_t *prev = page_link(m, dir, current - 1, current);
        json_object_set(pg, "prev_url", json_object_get(prev, "url"));
        json_decref(prev);
    }
    if (current < total) {
        json_t *next = page_link(m, dir, current + 1, current);
        json_object_set(pg, "next_url", json_object_get(next, "url"));
        json_decref(next);
    }
    return pg;
}

/* Marks the outputs added since first as lists in title order when kind
 * sorts its pages A-Z: a title edit may move a card there. */
static void mark_order(mc_model *m, size_t first, const mc_kind *kind)
{
    for (size_t i = first; i < m->noutputs; i++) m->outputs[i].by_title = kind->sort == MC_SORT_TITLE;
}

/* dir: output folder without trailing '/' ("tin-tuc", "the/an-ninh").
 * list: extra keys for the "list" object (title, kind...), consumed. */
static void add_paginated(mc_model *m, const char *dir, const char *tmpl, mc_page **v,
                          size_t n, json_t *list, const char *lang)
{
    size_t size = (size_t)m->site->page_size;
    size_t total = n ? (n + size - 1) / size : 1;
    for (size_t k = 1; k <= total; k++) {
        json_t *items = json_array();
        for (size_t i = (k - 1) * size; i < n && i < k * size; i++)
            json_array_append(items, json_array_get(m->cards, (size_t)(v[i] - m->pages)));
        json_t *l = json_copy(list);
        json_object_set_new(l, "pages", items);
        json_object_set_new(l, "count", json_integer((json_int_t)n));
        json_object_set_new(l, "pagination", pagination(m, dir, k, total));
        json_t *ctx = mc_model_base_context(m, lang);
        json_object_set_new(ctx, "list", l);
        char *path = list_page_path(dir, k);
        char *file = path ? str_printf("%s%sindex.html", path, path[0] && path[strlen(path) - 1] != '/' ? "/" : "") : NULL;
        json_object_set_new(ctx, "page", mc_model_generated_page(m, json_object_get(list, "title"), "list",
                                                        path ? path : ""));
        free(path);
        mc_model_add(m, MC_OUT_TEMPLATE, file, tmpl, ctx);
    }
    json_decref(list);
}

/* Published, non-index pages of one section and language, sorted; an
 * abolished procedure (status: bai_bo) keeps its page but is in no list. */
static size_t collect_section(mc_model *m, const char *section, const char *lang, mc_page **v)
{
    size_t n = 0;
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (!p->skip && p->url && !p->is_index && !strcmp(p->section, section) &&
            !strcmp(p->lang, lang) && !mc_procedure_abolished(p))
            v[n++] = p;
    }
    return n;
}

static mc_page *section_index(mc_model *m, const char *section, const char *lang)
{
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (p->is_index && !p->skip && !strcmp(p->dir, section) && !strcmp(p->lang, lang))
            return p;
    }
    return NULL;
}

static const char *word(const mc_model *m, const char *lang, const char *key, const char *fallback)
{
    const char *w = json_string_value(json_object_get(json_object_get(m->site->words, lang), key));
    return w ? w : fallback;
}


static void add_section_lists(mc_model *m, mc_page **scratch)
{
    json_t *done = json_object();
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (p->skip || !p->section[0] || !p->kind->listed || strcmp(p->lang, "vi") ||
            json_object_get(done, p->section))
            continue;
        json_object_set_new(done, p->section, json_true());
        size_t n = collect_section(m, p->section, "vi", scratch);
        mc_model_sort_pages(scratch, n, p->kind);
        mc_page *intro = section_index(m, p->section, "vi");
        size_t first = m->noutputs;
        char key[64];
        snprintf(key, sizeof key, "section_%s", p->kind->name);
        json_t *list = json_pack("{s:s, s:s, s:s}", "title",
                                 intro ? intro->title : word(m, "vi", key, p->section),
                                 "kind", p->kind->name, "section", p->section);
        if (intro) json_object_set_new(list, "intro_file", json_string(intro->rel));
        char flag[32];
        snprintf(flag, sizeof flag, "is_%s", p->kind->name);
        json_object_set_new(list, flag, json_true());
        if (p->kind->index && mc_site_has_template(m->site, "procedures") &&
            mc_site_has_template(m->site, "procedures_az"))
            mc_procedure_index_add(m, p->section, (const mc_page *const *)scratch, n, list);
        else if (p->kind->documents && mc_site_has_template(m->site, "documents"))
            json_decref(list); /* the register pass makes it (documents.h) */
        else
            add_paginated(m, p->section, "list", scratch, n, list, "vi");
        mark_order(m, first, p->kind);
    }
    json_decref(done);
}

/* ---- taxonomies ---- */

typedef struct term {
    char *name;
    char *slug;
    size_t count;
} term;

/* Terms of one taxonomy ("tags": a list; "field": one string) in published
 * Vietnamese pages, as {slug: {"name":..., "pages": [index...]}}. */
static json_t *collect_terms(mc_model *m, const char *key)
{
    json_t *terms = json_object();
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (p->skip || !p->url || p->is_index || strcmp(p->lang, "vi") || mc_procedure_abolished(p) ||
            (!strcmp(key, "field") && !p->kind->field_terms))
            continue;
        json_t *v = json_object_get(p->params, key);
        json_t *one = json_is_string(v) ? json_pack("[O]", v) : json_incref(v);
        size_t j;
        json_t *name;
        json_array_foreach(one, j, name) {
            if (!json_is_string(name)) continue;
            char *slug = mc_slug(json_string_value(name), json_string_length(name), NULL);
            if (slug && slug[0]) {
                json_t *t = json_object_get(terms, slug);
                if (!t) {
                    t = json_pack("{s:O, s:[]}", "name", name, "pages");
                    json_object_set_new(terms, slug, t);
                }
                json_array_append_new(json_object_get(t, "pages"), json_integer((json_int_t)i));
            }
            free(slug);
        }
        json_decref(one);
    }
    return terms;
}

void mc_model_sort_by_name(json_t *items)
{
    mc_collator *vi = mc_collator_new("vi", NULL);
    size_t n = json_array_size(items);
    for (size_t i = 1; vi && i < n; i++)
        for (size_t j = i; j > 0; j--) {
            json_t *a = json_array_get(items, j - 1), *b = json_array_get(items, j);
            if (mc_collate(vi, json_string_value(json_object_get(a, "name")),
                           json_string_value(json_object_get(b, "name"))) <= 0)
                break;
            json_incref(a);
            json_array_set(items, j - 1, b);
            json_array_set_new(items, j, a);
        }
    mc_collator_free(vi);
}

static void add_taxonomy(mc_model *m, const char *key, const char *dir, const char *title_key,
                         const char *fallback_title, mc_page **scratch)
{
    json_t *terms = collect_terms(m, key);
    if (json_object_size(terms) == 0) { json_decref(terms); return; }
    /* the terms in Vietnamese order of their names */
    json_t *order = json_array();
    const char *slug;
    json_t *t;
    json_object_foreach(terms, slug, t)
        json_array_append_new(order, json_pack("{s:O, s:s}", "name", json_object_get(t, "name"),
                                               "slug", slug));
    mc_model_sort_by_name(order);
    size_t nslugs = json_array_size(order);
    json_t *index = json_array();
    for (size_t i = 0; i < nslugs; i++) {
        const char *tslug = json_string_value(json_object_get(json_array_get(order, i), "slug"));
        json_t *term_obj = json_object_get(terms, tslug);
        json_t *pages = json_object_get(term_obj, "pages");
        size_t n = 0, j;
        json_t *idx;
        json_array_foreach(pages, j, idx) scratch[n++] = &m->pages[json_integer_value(idx)];
        mc_model_sort_pages(scratch, n, scratch[0]->kind);
        char *tdir = str_printf("%s/%s", dir, tslug);
        char *url = tdir ? str_printf("%s%s/", m->site->base_path, tdir) : NULL;
        json_array_append_new(index, json_pack("{s:O, s:s, s:s, s:I}", "name",
                                               json_object_get(term_obj, "name"), "slug", tslug,
                                               "url", url ? url : "", "count", (json_int_t)n));
        json_t *list = json_pack("{s:O, s:s, s:s, s:b}", "title", json_object_get(term_obj, "name"),
                                 "kind", "term", "taxonomy", key, "is_term", 1);
        size_t first = m->noutputs;
        add_paginated(m, tdir, "term", scratch, n, list, "vi");
        mark_order(m, first, scratch[0]->kind);
        free(tdir);
        free(url);
    }
    json_t *ctx = mc_model_base_context(m, "vi");
    const char *title = word(m, "vi", title_key, fallback_title);
    json_object_set_new(ctx, "terms", json_pack("{s:s, s:s, s:o, s:I}", "title", title,
                                                "taxonomy", key, "items", index,
                                                "count", (json_int_t)nslugs));
    char *terms_path = str_printf("%s/%s", dir, NULL);
    json_t *title_json = json_string(title);
    json_object_set_new(ctx, "page", mc_model_generated_page(m, title_json, "terms", terms_path ? terms_path : ""));
    json_decref(title_json);
    free(terms_path);
    mc_model_add(m, MC_OUT_TEMPLATE, str_printf("%s/%sindex.html", dir, NULL), "terms", ctx);
    json_decref(order);
    json_decref(terms);
}

/* ---- home, pages, aliases, fixed files ---- */

/* True when the page has an `expires:` date that has passed. */
static int expired(const mc_model *m, const mc_page *p)
{
    const char *s = json_string_value(json_object_get(p->params, "expires"));
    mc_date t;
    if (!s || !s[0] || mc_date_parse(s, &t, NULL, 0, NULL) != 0) return 0;
    return t.epoch + 86400 <= m->now; /* an announcement runs through its last day */
}

static json_t *latest(mc_model *m, const char *section, size_t limit, mc_page **scratch)
{
    size_t n = collect_section(m, section, "vi", scratch);
    qsort(scratch, n, sizeof *scratch, cmp_date_desc); /* the latest, whatever the kind */
    json_t *items = json_array();
    for (size_t i = 0; i < n && json_array_size(items) < limit; i++)
        if (!expired(m, scratch[i]))
            json_array_append(items, json_array_get(m->cards, (size_t)(scratch[i] - m->pages)));
    return items;
}

const char *mc_model_kind_folder(const mc_model *m, const mc_kind *kind)
{
    const char *folder;
    json_t *k;
    json_object_foreach(json_object_get(m->site->config, "sections"), folder, k) {
        if (mc_kind_find(json_string_value(k)) != kind) continue;
        for (size_t i = 0; i < m->npages; i++)
            if (!m->pages[i].skip && !strcmp(m->pages[i].section, folder)) return folder;
    }
    return kind->folder;
}

const mc_kind *mc_output_list_kind(const mc_output *o)
{
    json_t *list = o->kind == MC_OUT_TEMPLATE ? json_object_get(o->context, "list") : NULL;
    return list ? mc_kind_find(json_string_value(json_object_get(list, "kind"))) : NULL;
}


static void add_home(mc_model *m, mc_page **scratch)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    mc_page *intro = section_index(m, "", "vi");
    json_t *home = json_object();
    size_t nkinds;
    const mc_kind *kinds = mc_kinds(&nkinds);
    for (size_t k = 0; k < nkinds; k++)
        if (kinds[k].home_key)
            json_object_set_new(home, kinds[k].home_key,
                                latest(m, mc_model_kind_folder(m, &kinds[k]), 5, scratch));
    if (intro) json_object_set_new(home, "intro_file", json_string(intro->rel));
    json_t *fields = collect_terms(m, "field");
    json_t *field_list = json_array();
    const char *slug;
    json_t *t;
    json_object_foreach(fields, slug, t) {
        char *url = str_printf("%slinh-vuc/%s/", m->site->base_path, slug);
        json_array_append_new(field_list, json_pack("{s:O, s:s, s:I}", "name",
                                                    json_object_get(t, "name"), "url", url ? url : "",
                                                    "count", (json_int_t)json_array_size(
                                                        json_object_get(t, "pages"))));
        free(url);
    }
    json_decref(fields);
    mc_model_sort_by_name(field_list);
    size_t total = 0, k;
    json_t *f;
    json_array_foreach(field_list, k, f) total += (size_t)json_integer_value(json_object_get(f, "count"));
    char counts[160];
    snprintf(counts, sizeof counts, "%zu %s, %zu %s", json_array_size(field_list),
             word(m, "vi", "fields_count_word", "lĩnh vực"), total,
             word(m, "vi", "procedures_count_word", "thủ tục"));
    json_object_set_new(home, "count_text", json_string(counts));
    json_object_set_new(home, "has_fields", json_boolean(json_array_size(field_list) > 0));
    json_object_set_new(home, "fields", field_list);
    json_object_set_new(ctx, "home", home);
    json_object_set_new(ctx, "page", mc_model_generated_page(m, json_object_get(json_object_get(ctx, "site"),
                                                                       "title"), "home", ""));
    mc_model_add(m, MC_OUT_TEMPLATE, strdup("index.html"), "home", ctx);
}

/* A page's template: its `layout:` (a theme template name such as
 * one_stop) when given, else its kind. A layout the theme lacks falls back
 * to page.mustache at render time; a name that is not a plain template
 * name (letters, digits, '_', '-') is an error at its line. */
static const char *page_template(const mc_page *p, mc_diag_list *errs)
{
    const char *layout = json_string_value(json_object_get(p->params, "layout"));
    if (!layout) return p->kind->name;
    int valid = layout[0] && layout[0] != '_';
    for (const char *c = layout; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-')) valid = 0;
    if (valid) return layout;
    add_error(errs, p->file, mc_page_line(p, "layout"), "layout '%s' is not a template name; "
              "use the name of a file in the theme's templates/ folder without .mustache, e.g. %s",
              layout, "one_stop");
    return p->kind->name;
}

mc_output *mc_model_add_page(mc_model *m, mc_page *p, json_t *card, mc_diag_list *errs)
{
    const char *path = p->url + strlen(m->site->base_path);
    mc_output *o = mc_model_add(m, MC_OUT_PAGE, str_printf("%s%sindex.html", path, NULL),
                                page_template(p, errs), json_incref(card));
    if (o) {
        o->page = o->owner = p;
        o->owner_line = mc_page_line(p, json_object_get(p->params, "slug") ? "slug" : "title");
    }
    return o;
}

json_t *mc_model_page_card(const mc_model *m, const mc_page *p)
{
    json_t *terms = json_object(); /* none shared: each term is made for this card */
    json_t *card = make_card(m, terms, p);
    json_decref(terms);
    return card;
}

static void add_page_outputs(mc_model *m, mc_diag_list *errs)
{
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        if (p->skip || !p->url || p->is_index) continue;
        mc_model_add_page(m, p, json_array_get(m->cards, i), errs);
        json_t *aliases = json_object_get(p->params, "aliases");
        size_t j;
        json_t *a;
        json_array_foreach(aliases, j, a) {
            const char *alias = json_string_value(a);
            char *norm = alias ? mc_path_normalize(alias[0] == '/' ? alias + 1 : alias) : NULL;
            if (!norm || !norm[0]) {
                char key[64];
                snprintf(key, sizeof key, "aliases/%zu", j);
                add_error(errs, p->file, mc_page_line(p, key), "alias '%s' is not a path inside "
                          "the site; write it like /thu-tuc/ten-cu/%s", alias ? alias : "?", "");
            } else {
                json_t *ctx = mc_model_base_context(m, p->lang);
                json_object_set_new(ctx, "page", json_incref(json_array_get(m->cards, i)));
                mc_output *ao = mc_model_add(m, MC_OUT_TEMPLATE,
                                             str_printf("%s/index.html", norm, NULL), "alias", ctx);
                if (ao) {
                    char key[64];
                    snprintf(key, sizeof key, "aliases/%zu", j);
                    ao->owner = p;
                    ao->owner_line = mc_page_line(p, key);
                }
            }
            free(norm);
        }
    }
}

/* The bundle folder that holds rel ("thu-tuc/a" for "thu-tuc/a/x.pdf"), as
 * the index of one of its pages, or -1 when rel is in no bundle. */
static long bundle_of(const mc_model *m, const char *rel)
{
    long found = -1;
    size_t best = 0;
    for (size_t j = 0; j < m->npages; j++) {
        const mc_page *p = &m->pages[j];
        size_t dl = strlen(p->dir);
        if (p->is_bundle && dl > best && !strncmp(rel, p->dir, dl) && rel[dl] == '/') {
            found = (long)j;
            best = dl;
        }
    }
    return found;
}

/* Files beside a bundle's index.md go beside each published language of
 * that page; a bundle whose pages are all unpublished publishes no files.
 * Other files keep their path under content/. */
static void add_assets(mc_model *m, const mc_scan *scan)
{
    for (size_t i = 0; i < scan->nassets; i++) {
        const char *rel = scan->assets[i];
        long b = bundle_of(m, rel);
        if (b < 0) {
            mc_output *o = mc_model_add(m, MC_OUT_COPY, strdup(rel), NULL, NULL);
            if (o) o->source = str_printf("%s/content/%s", m->site->root, rel);
            continue;
        }
        const char *dir = m->pages[b].dir;
        size_t dl = strlen(dir);
        for (size_t j = 0; j < m->npages; j++) {
            mc_page *p = &m->pages[j];
            if (!p->is_bundle || p->skip || !p->url || strcmp(p->dir, dir) != 0) continue;
            mc_output *o = mc_model_add(m, MC_OUT_COPY,
                                        str_printf("%s%s", p->url + strlen(m->site->base_path),
                                                   rel + dl + 1), NULL, NULL);
            if (o) o->source = str_printf("%s/content/%s", m->site->root, rel);
        }
    }
}

static void add_fixed_files(mc_model *m)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "page", json_pack("{s:s, s:s}", "title",
                                               word(m, "vi", "not_found_title", "Không tìm thấy trang"),
                                               "kind", "404"));
    mc_model_add(m, MC_OUT_TEMPLATE, strdup("404.html"), "404", ctx);
    mc_model_add(m, MC_OUT_TEMPLATE, strdup("robots.txt"), "robots.txt",
                 mc_model_base_context(m, "vi"));
}

/* Errors for every published procedure that is incomplete or has invalid
 * values, warnings for drafts or with --allow-incomplete; see procedure.h. */
static void check_procedures(const mc_model *m, mc_diag_list *errs)
{
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (!p->skip && !p->is_index && p->kind->checked)
            mc_procedure_check(p, m->site, mc_procedure_severity(p, m->allow_incomplete), errs);
    }
}

int mc_model_build_pages(mc_model *m, const mc_site *site, mc_page *pages, size_t npages,
                         const mc_model_opts *opts, mc_diag_list *errs)
{
    memset(m, 0, sizeof *m);
    size_t errors_before = errs->errors;
    m->site = site;
    m->pages = pages;
    m->npages = npages;
    m->drafts = opts->drafts;
    m->future = opts->future;
    m->allow_incomplete = opts->allow_incomplete;
    m->now = opts->now;
    m->cards = json_array();
    m->urls = json_object();
    m->site_context = json_object();
    m->qr_codes = mc_site_theme_uses(site, "qr_svg");
    mark_unpublished(m);
    check_procedures(m, errs);
    assign_urls(m, errs);
    link_translations(m);
    make_sort_keys(m);
    make_cards(m, opts->jobs);
    make_site_context(m);
    add_page_outputs(m, errs);
    return errs->errors == errors_before ? 0 : -1;
}

int mc_model_build_lists(mc_model *m, const mc_scan *scan, mc_diag_list *errs)
{
    size_t errors_before = errs->errors;
    mc_page **scratch = calloc(m->npages + 1, sizeof *scratch);
    if (!scratch) return -1;
    add_section_lists(m, scratch);
    add_taxonomy(m, "tags", "the", "tags_title", "Chủ đề", scratch);
    add_taxonomy(m, "field", "linh-vuc", "fields_title", "Lĩnh vực", scratch);
    add_home(m, scratch);
    add_fixed_files(m);
    add_assets(m, scan);
    free(scratch);
    return errs->errors == errors_before ? 0 : -1;
}

int mc_model_build(mc_model *m, const mc_site *site, mc_page *pages, size_t npages,
                   const mc_scan *scan, const mc_model_opts *opts, mc_diag_list *errs)
{
    int pages_ok = mc_model_build_pages(m, site, pages, npages, opts, errs);
    int lists_ok = mc_model_build_lists(m, scan, errs);
    return pages_ok == 0 && lists_ok == 0 ? 0 : -1;
}

void mc_model_free(mc_model *m)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        mc_output *o = &m->outputs[i];
        free(o->path);
        free(o->bytes);
        free(o->source);
        json_decref(o->context);
    }
    free(m->outputs);
    free(m->ledger);
    json_decref(m->cards);
    json_decref(m->feed_entries);
    json_decref(m->urls);
    json_decref(m->site_context);
    memset(m, 0, sizeof *m);
}
