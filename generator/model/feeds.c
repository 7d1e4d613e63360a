/* feeds.c — Atom, RSS, JSON Feed and sitemap outputs (see feeds.h).
 *
 * Feeds are planned from the list outputs the model already made: the
 * first page of a news or announcement section list ("list" template) and
 * of each term list ("term" template) names the folder and the title; the
 * pages are chosen again from the model's pages the same way the model
 * chose them (section lists leave out repealed procedures, term lists keep
 * every published Vietnamese page with the term). The plans are kept in
 * output order, so the outputs added are in the same order on every build.
 */
#include "feeds.h"
#include "kinds.h"
#include "grow.h"
#include "strf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JSON_FEED_VERSION "https://jsonfeed.org/version/1.1"

typedef struct feed_plan {
    char *dir;           /* "tin-tuc", "the/an-ninh" */
    char *title;         /* the list's title */
    const char *taxonomy;/* NULL for a section, else "tags" or "field" */
    char *slug;          /* term slug (taxonomies only) */
    int json;            /* also feed.json */
    size_t *outputs;     /* indexes of the list's pages (all pagination pages) */
    size_t noutputs;
    json_t *feeds;       /* discovery array, once made */
} feed_plan;

typedef struct plan_list {
    feed_plan *v;
    size_t n, cap;
} plan_list;

/* A JSON string of s with C0 control characters other than tab, LF and CR
 * replaced by spaces: XML 1.0 cannot carry them even escaped. */
static json_t *clean_text(const char *s)
{
    if (!s) s = "";
    char *copy = strdup(s);
    if (!copy) return json_string("");
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') *p = ' ';
    json_t *j = json_string(copy);
    free(copy);
    return j ? j : json_string("");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* ---- planning: which lists get feeds ---- */

static feed_plan *find_plan(plan_list *pl, const char *dir)
{
    for (size_t i = 0; i < pl->n; i++)
        if (!strcmp(pl->v[i].dir, dir)) return &pl->v[i];
    return NULL;
}

static feed_plan *new_plan(plan_list *pl, const char *dir, const char *title)
{
    feed_plan *grown = mc_grow(pl->v, pl->n, &pl->cap, sizeof *grown, 16);
    if (!grown) return NULL;
    pl->v = grown;
    feed_plan *p = &pl->v[pl->n];
    memset(p, 0, sizeof *p);
    p->dir = strdup(dir);
    p->title = strdup(title ? title : dir);
    if (!p->dir || !p->title) { free(p->dir); free(p->title); return NULL; }
    pl->n++;
    return p;
}

static int plan_add_output(feed_plan *p, size_t index)
{
    size_t *grown = realloc(p->outputs, (p->noutputs + 1) * sizeof *grown);
    if (!grown) return -1;
    p->outputs = grown;
    p->outputs[p->noutputs++] = index;
    return 0;
}

static void free_plans(plan_list *pl)
{
    for (size_t i = 0; i < pl->n; i++) {
        free(pl->v[i].dir);
        free(pl->v[i].title);
        free(pl->v[i].slug);
        free(pl->v[i].outputs);
        json_decref(pl->v[i].feeds);
    }
    free(pl->v);
}

/* The list folder of a list output: "tin-tuc" for tin-tuc/index.html and
 * tin-tuc/trang/2/index.html; "the/x" for the/x/... (two segments). */
static char *list_dir(const char *path, int segments)
{
    const char *p = path;
    for (int k = 0; k < segments; k++) {
        const char *slash = strchr(p, '/');
        if (!slash) return NULL;
        p = slash + 1;
    }
    return strndup(path, (size_t)(p - path - 1));
}

static int make_plans(const mc_model *m, plan_list *pl)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        if (o->kind != MC_OUT_TEMPLATE || !o->template || !o->path) continue;
        json_t *list = json_object_get(o->context, "list");
        /* a section list, or the one page of an index that stands for its
           section (feed_list: the document register) */
        int is_section = !strcmp(o->template, "list") || json_is_true(json_object_get(list, "feed_list"));
        int is_term = !strcmp(o->template, "term");
        if (!is_section && !is_term) continue;
        const mc_kind *kind = mc_output_list_kind(o);
        const char *taxonomy = json_string_value(json_object_get(list, "taxonomy"));
        int json_feed;
        if (is_section && kind && kind->feeds != MC_FEEDS_NONE) json_feed = kind->feeds == MC_FEEDS_ALL;
        else if (is_term && taxonomy && (!strcmp(taxonomy, "tags") || !strcmp(taxonomy, "field")))
            json_feed = 1;
        else continue;
        char *dir = list_dir(o->path, is_term ? 2 : 1);
        if (!dir) continue;
        feed_plan *p = find_plan(pl, dir);
        if (!p) {
            p = new_plan(pl, dir, json_string_value(json_object_get(list, "title")));
            if (!p) { free(dir); return -1; }
            p->json = json_feed;
            if (is_term) {
                p->taxonomy = !strcmp(taxonomy, "tags") ? "tags" : "field";
                const char *slash = strchr(dir, '/');
                p->slug = strdup(slash ? slash + 1 : dir);
                if (!p->slug) { free(dir); return -1; }
            }
        }
        free(dir);
        if (plan_add_output(p, i) != 0) return -1;
    }
    return 0;
}

/* ---- choosing and ordering the pages of one feed ---- */

static int is_repealed(const mc_page *p)
{
    const char *status = json_string_value(json_object_get(p->params, "status"));
    return status && !strcmp(status, "bai_bo");
}

static void index_page(json_t *index, const char *key, size_t i)
{
    json_t *list = json_object_get(index, key);
    if (!list) {
        list = json_array();
        json_object_set_new(index, key, list);
    }
    json_array_append_new(list, json_integer((json_int_t)i));
}

/* One pass over the pages: every page a feed may show, under each feed it
 * belongs to ("s:tin-tuc" for a section, "tags/slug" and "field/slug" for
 * terms, from the slugs already on the card). Feeds then read their own
 * entry instead of scanning every page once per feed. */
static json_t *feed_candidates(const mc_model *m)
{
    json_t *index = json_object();
    char key[600];
    for (size_t i = 0; i < m->npages; i++) {
        mc_page *p = &m->pages[i];
        json_t *card = json_array_get(m->cards, i);
        if (p->skip || !p->url || p->is_index || strcmp(p->lang, "vi") || !p->has_date ||
            !json_is_object(card))
            continue;
        if (!is_repealed(p)) {
            snprintf(key, sizeof key, "s:%s", p->section);
            index_page(index, key, i);
        }
        const char *field = json_string_value(json_object_get(json_object_get(card, "field"), "slug"));
        if (field) {
            snprintf(key, sizeof key, "field/%s", field);
            index_page(index, key, i);
        }
        size_t j;
        json_t *t;
        json_array_foreach(json_object_get(card, "tags"), j, t) {
            snprintf(key, sizeof key, "tags/%s", json_string_value(json_object_get(t, "slug")));
            index_page(index, key, i);
        }
    }
    return index;
}

/* Newest first; equal dates by file path, so the order never varies. */
static int cmp_newest(const void *x, const void *y)
{
    const mc_page *a = *(mc_page *const *)x, *b = *(mc_page *const *)y;
    if (a->date.epoch != b->date.epoch) return a->date.epoch > b->date.epoch ? -1 : 1;
    return strcmp(a->rel, b->rel);
}

static size_t feed_pages(const mc_model *m, json_t *candidates, const feed_plan *plan,
                         mc_page **v)
{
    char key[600];
    if (plan->taxonomy) snprintf(key, sizeof key, "%s/%s", plan->taxonomy, plan->slug);
    else snprintf(key, sizeof key, "s:%s", plan->dir);
    size_t n = 0, i;
    json_t *idx;
    json_array_foreach(json_object_get(candidates, key), i, idx)
        v[n++] = &m->pages[json_integer_value(idx)];
    qsort(v, n, sizeof *v, cmp_newest);
    return n < MC_FEED_MAX_ENTRIES ? n : MC_FEED_MAX_ENTRIES;
}

/* ---- the feed context ---- */

static const char *site_string(const mc_model *m, const char *key)
{
    return json_string_value(json_object_get(m->site->config, key));
}

static const char *feed_author(const mc_model *m)
{
    const char *a = site_string(m, "author");
    if (!a) a = json_string_value(json_object_get(json_object_get(m->site->config, "city"),
                                                  "authority"));
    if (!a) a = site_string(m, "title");
    return a ? a : "";
}

/* A term reference of the card ({name, slug, url}) as a feed category
 * with an absolute URL. */
static json_t *term_category(const mc_model *m, const json_t *term)
{
    const char *url = json_string_value(json_object_get(term, "url"));
    const char *name = json_string_value(json_object_get(term, "name"));
    if (!url || !name || strncmp(url, m->site->base_path, strlen(m->site->base_path)) != 0)
        return NULL;
    char *full = mc_strf("%s%s%s", m->site->base_url, url + strlen(m->site->base_path), "");
    json_t *c = json_object();
    json_object_set_new(c, "name", clean_text(name));
    json_object_set_new(c, "url", json_string(full ? full : ""));
    free(full);
    return c;
}

/* The page's tags and field, from its card (where their slugs and URLs
 * were made once). */
static json_t *categories(const mc_model *m, const mc_page *p)
{
    json_t *card = json_array_get(m->cards, (size_t)(p - m->pages));
    json_t *out = json_array();
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(card, "tags"), i, t) {
        json_t *c = term_category(m, t);
        if (c) json_array_append_new(out, c);
    }
    json_t *c = term_category(m, json_object_get(card, "field"));
    if (c) json_array_append_new(out, c);
    return out;
}

json_t *mc_feeds_entry(const mc_model *m, const mc_page *p)
{
    json_t *card = json_array_get(m->cards, (size_t)(p - m->pages));
    /* the absolute URL: base_url + the URL below the base path */
    size_t bp = strlen(m->site->base_path);
    char *permalink = mc_strf("%s%s%s", m->site->base_url, strncmp(p->url, m->site->base_path, bp) ? p->url
                           : p->url + bp, "");
    json_t *date = json_object_get(card, "date");
    json_t *updated = json_object_get(card, "updated");
    json_t *e = json_object();
    json_object_set_new(e, "title", clean_text(p->title));
    json_object_set_new(e, "url", json_string(permalink ? permalink : ""));
    json_object_set_new(e, "id", json_string(permalink ? permalink : ""));
    json_object_set_new(e, "summary", clean_text(p->summary));
    json_object_set_new(e, "has_summary", json_boolean(p->summary && p->summary[0]));
    json_object_set(e, "published", date);
    json_object_set(e, "updated", updated ? updated : date);
    json_object_set_new(e, "categories", categories(m, p));
    free(permalink);
    return e;
}

static long long last_change(const mc_page *p)
{
    return p->has_updated && p->updated.epoch > p->date.epoch ? p->updated.epoch : p->date.epoch;
}

/* The entry of page p, made once and shared by every feed and format
 * that lists it (entries[] is indexed like m->pages; read only once made). */
static json_t *shared_entry(const mc_model *m, const mc_page *p, json_t **entries)
{
    size_t i = (size_t)(p - m->pages);
    if (!entries[i]) entries[i] = mc_feeds_entry(m, p);
    return json_incref(entries[i]);
}

/* The feed object for plan over v[0..n) (n >= 1). */
static json_t *feed_object(const mc_model *m, const feed_plan *plan, mc_page **v, size_t n,
                           const char *file, json_t **entries_by_page)
{
    const char *site_title = site_string(m, "title");
    char *title = mc_strf("%s%s%s", plan->title, " · ", site_title ? site_title : "");
    char *alternate = mc_strf("%s%s%s", m->site->base_url, plan->dir, "/");
    char *self = alternate ? mc_strf("%s%s%s", alternate, file, "") : NULL;
    json_t *feed = json_object();
    json_object_set_new(feed, "title", clean_text(title ? title : plan->title));
    const char *desc = site_string(m, "description");
    json_object_set_new(feed, "subtitle", clean_text(desc ? desc : ""));
    json_object_set_new(feed, "has_subtitle", json_boolean(desc && desc[0]));
    json_object_set_new(feed, "lang", json_string("vi"));
    json_object_set_new(feed, "author", clean_text(feed_author(m)));
    json_object_set_new(feed, "id", json_string(self ? self : ""));
    json_object_set_new(feed, "self", json_string(self ? self : ""));
    json_object_set_new(feed, "alternate", json_string(alternate ? alternate : ""));
    json_object_set_new(feed, "generator", json_string("motcua " MC_VERSION));
    /* newest change among the entries: the feed changed then, not at build time */
    const mc_page *newest = v[0];
    json_t *entries = json_array();
    for (size_t i = 0; i < n; i++) {
        if (last_change(v[i]) > last_change(newest)) newest = v[i];
        json_array_append_new(entries, shared_entry(m, v[i], entries_by_page));
    }
    json_t *card = json_array_get(m->cards, (size_t)(newest - m->pages));
    json_t *upd = newest->has_updated && newest->updated.epoch > newest->date.epoch
                      ? json_object_get(card, "updated") : json_object_get(card, "date");
    json_object_set(feed, "updated", upd);
    json_object_set_new(feed, "entries", entries);
    free(title);
    free(alternate);
    free(self);
    return feed;
}

static int add_template(mc_model *m, const char *dir, const char *file, const char *tmpl,
                        json_t *feed)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "feed", feed);
    json_object_set_new(ctx, "page", json_pack("{s:O, s:s}", "title",
                                               json_object_get(feed, "title"), "kind", "feed"));
    return mc_model_add(m, MC_OUT_TEMPLATE, mc_strf("%s%s%s", dir, "/", file), tmpl, ctx) ? 0 : -1;
}

char *mc_feeds_json(const json_t *feed, size_t *len)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "version", json_string(JSON_FEED_VERSION));
    json_object_set(doc, "title", json_object_get(feed, "title"));
    json_object_set(doc, "home_page_url", json_object_get(feed, "alternate"));
    json_object_set(doc, "feed_url", json_object_get(feed, "self"));
    if (json_is_true(json_object_get(feed, "has_subtitle")))
        json_object_set(doc, "description", json_object_get(feed, "subtitle"));
    json_object_set_new(doc, "language", json_string("vi"));
    json_object_set_new(doc, "authors", json_pack("[{s:O}]", "name",
                                                  json_object_get(feed, "author")));
    json_t *items = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(feed, "entries"), i, e) {
        json_t *item = json_object();
        json_object_set(item, "id", json_object_get(e, "id"));
        json_object_set(item, "url", json_object_get(e, "url"));
        json_object_set(item, "title", json_object_get(e, "title"));
        json_object_set(item, "summary", json_object_get(e, "summary"));
        /* an item needs content_html or content_text; the summary is the text */
        json_object_set(item, "content_text", json_object_get(e, "summary"));
        json_object_set(item, "date_published",
                        json_object_get(json_object_get(e, "published"), "iso"));
        json_t *upd = json_object_get(e, "updated");
        if (upd != json_object_get(e, "published"))
            json_object_set(item, "date_modified", json_object_get(upd, "iso"));
        json_t *tags = json_array();
        size_t j;
        json_t *c;
        json_array_foreach(json_object_get(e, "categories"), j, c)
            json_array_append(tags, json_object_get(c, "name"));
        if (json_array_size(tags)) json_object_set_new(item, "tags", tags);
        else json_decref(tags);
        json_array_append_new(items, item);
    }
    json_object_set_new(doc, "items", items);
    /* insertion order is kept (Jansson >= 2.8), and it is fixed above */
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (!text) return NULL;
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) { free(text); return NULL; }
    out[n] = '\n';
    out[n + 1] = '\0';
    *len = n + 1;
    return out;
}

static json_t *discovery(const mc_model *m, const feed_plan *plan, const char *file,
                         const char *type, const char *format, const char *label)
{
    char *url = mc_strf("%s%s%s", m->site->base_path, plan->dir, "/");
    char *full_url = url ? mc_strf("%s%s%s", url, file, "") : NULL;
    char *link = mc_strf("%s%s%s", m->site->base_url, plan->dir, "/");
    char *full_link = link ? mc_strf("%s%s%s", link, file, "") : NULL;
    char *title = mc_strf("%s%s%s", plan->title, " (", label);
    char *title2 = title ? mc_strf("%s%s%s", title, ")", "") : NULL;
    json_t *d = json_object();
    json_object_set_new(d, "title", clean_text(title2 ? title2 : plan->title));
    json_object_set_new(d, "url", json_string(full_url ? full_url : ""));
    json_object_set_new(d, "permalink", json_string(full_link ? full_link : ""));
    json_object_set_new(d, "type", json_string(type));
    json_object_set_new(d, "format", json_string(format));
    free(url);
    free(full_url);
    free(link);
    free(full_link);
    free(title);
    free(title2);
    return d;
}

/* Whether the theme has templates/NAME.mustache. A theme made before feeds
 * existed lacks the feed templates: those files are then left out with a
 * warning rather than failing the whole build. */
static int theme_has(const mc_model *m, const char *name, mc_diag_list *errs)
{
    if (mc_site_has_template(m->site, name)) return 1;
    char *path = mc_strf("%s/templates/%s.mustache", m->site->theme_dir, name);
    mc_diag d;
    mc_diag_warn(&d, path ? path : name, 0, 0, "the theme has no template '%s', so no %s file "
                 "was written; copy it from the default theme", name, name);
    mc_diag_list_add(errs, &d);
    free(path);
    return 0;
}

typedef struct formats {
    int atom, rss;
    json_t **entries;     /* shared_entry's, by page index */
} formats;

static int add_plan_outputs(mc_model *m, json_t *candidates, feed_plan *plan, mc_page **scratch,
                            const formats *f)
{
    size_t n = feed_pages(m, candidates, plan, scratch);
    if (n == 0) return 0; /* nothing dated: no feed, and no link to one */
    plan->feeds = json_array();
    if (f->atom) {
        if (add_template(m, plan->dir, "atom.xml", "atom.xml",
                         feed_object(m, plan, scratch, n, "atom.xml", f->entries)) != 0)
            return -1;
        json_array_append_new(plan->feeds, discovery(m, plan, "atom.xml",
                                                     "application/atom+xml", "atom", "Atom"));
    }
    if (f->rss) {
        if (add_template(m, plan->dir, "rss.xml", "rss.xml",
                         feed_object(m, plan, scratch, n, "rss.xml", f->entries)) != 0)
            return -1;
        json_array_append_new(plan->feeds, discovery(m, plan, "rss.xml",
                                                     "application/rss+xml", "rss", "RSS"));
    }
    if (!plan->json) return 0;
    json_t *jf = feed_object(m, plan, scratch, n, "feed.json", f->entries);
    size_t len = 0;
    char *bytes = mc_feeds_json(jf, &len);
    if (!bytes) { json_decref(jf); return -1; }
    /* the feed object stays as its context: an edit build makes the bytes again */
    mc_output *o = mc_model_add(m, MC_OUT_BYTES, mc_strf("%s%s%s", plan->dir, "/", "feed.json"), NULL, jf);
    if (!o) { free(bytes); return -1; }
    o->bytes = bytes;
    o->nbytes = len;
    json_array_append_new(plan->feeds, discovery(m, plan, "feed.json", "application/feed+json",
                                                 "json", "JSON Feed"));
    return 0;
}

int mc_feeds_add_feeds(mc_model *m, mc_diag_list *errs)
{
    plan_list pl = {0};
    mc_page **scratch = calloc(m->npages + 1, sizeof *scratch);
    int status = scratch && make_plans(m, &pl) == 0 ? 0 : -1;
    size_t planned = status == 0 ? pl.n : 0;
    formats f = {0, 0, calloc(m->npages + 1, sizeof(json_t *))};
    if (!f.entries) {
        planned = 0;
        status = -1;
    }
    if (planned) {
        f.atom = theme_has(m, "atom.xml", errs);
        f.rss = theme_has(m, "rss.xml", errs);
    }
    json_t *candidates = planned ? feed_candidates(m) : NULL;
    for (size_t i = 0; i < planned && status == 0; i++)
        status = add_plan_outputs(m, candidates, &pl.v[i], scratch, &f);
    json_decref(candidates);
    /* kept in the model: the page snapshot finds them in the feeds (edit_build.h) */
    json_decref(m->feed_entries);
    m->feed_entries = f.entries ? json_array() : NULL;
    for (size_t i = 0; f.entries && i < m->npages; i++)
        json_array_append_new(m->feed_entries, f.entries[i] ? f.entries[i] : json_null());
    free(f.entries);
    /* discovery links: every page of the list; the home page gets the news feeds */
    json_t *home_feeds = json_array();
    for (size_t i = 0; i < planned && status == 0; i++) {
        feed_plan *plan = &pl.v[i];
        if (!json_array_size(plan->feeds)) continue;
        for (size_t k = 0; k < plan->noutputs; k++)
            json_object_set(m->outputs[plan->outputs[k]].context, "feeds", plan->feeds);
        const mc_kind *kind = mc_output_list_kind(&m->outputs[plan->outputs[0]]);
        if (!plan->taxonomy && kind && kind->home_feeds)
            json_array_extend(home_feeds, plan->feeds);
    }
    for (size_t i = 0; i < m->noutputs && status == 0 && json_array_size(home_feeds); i++) {
        mc_output *o = &m->outputs[i];
        if (o->kind == MC_OUT_TEMPLATE && o->template && !strcmp(o->template, "home") &&
            o->path && !strcmp(o->path, "index.html"))
            json_object_set(o->context, "feeds", home_feeds);
    }
    json_decref(home_feeds);
    free(scratch);
    free_plans(&pl);
    return status == 0 ? 0 : mc_diag_list_oom(errs);
}

/* ---- sitemap ---- */

typedef struct sitemap_url {
    char *path;          /* below the base URL: "", "thu-tuc/a/" */
    char lastmod[16];
    size_t order;
} sitemap_url;

static int cmp_url(const void *x, const void *y)
{
    const sitemap_url *a = x, *b = y;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

static json_t *loc_entry(const mc_model *m, const char *path, const char *lastmod)
{
    char *loc = mc_strf("%s%s%s", m->site->base_url, path, "");
    json_t *e = json_object();
    json_object_set_new(e, "loc", json_string(loc ? loc : ""));
    if (lastmod && lastmod[0]) json_object_set_new(e, "lastmod", json_string(lastmod));
    free(loc);
    return e;
}

static int add_sitemap_file(mc_model *m, char *path, const char *tmpl, const char *key,
                            json_t *items)
{
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "sitemap", json_pack("{s:o}", key, items));
    json_object_set_new(ctx, "page", json_pack("{s:s, s:s}", "title", "sitemap",
                                               "kind", "sitemap"));
    return mc_model_add(m, MC_OUT_TEMPLATE, path, tmpl, ctx) ? 0 : -1;
}

int mc_feeds_add_sitemap(mc_model *m, size_t limit, mc_diag_list *errs)
{
    if (limit == 0) limit = MC_SITEMAP_LIMIT;
    if (!theme_has(m, "sitemap.xml", errs)) return 0;
    sitemap_url *urls = calloc(m->noutputs + 1, sizeof *urls);
    if (!urls) return mc_diag_list_oom(errs);
    size_t n = 0;
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        if ((o->kind != MC_OUT_PAGE && o->kind != MC_OUT_TEMPLATE) || !o->path) continue;
        if (strcmp(o->path, "index.html") && !ends_with(o->path, "/index.html")) continue;
        if (o->template && !strcmp(o->template, "alias")) continue;
        sitemap_url *u = &urls[n];
        u->path = strndup(o->path, strlen(o->path) - strlen("index.html"));
        if (!u->path) break;
        n++;
        u->order = i;
        const mc_page *p = o->kind == MC_OUT_PAGE ? o->page : NULL;
        const mc_date *d = p && p->has_updated ? &p->updated : p && p->has_date ? &p->date : NULL;
        if (d) snprintf(u->lastmod, sizeof u->lastmod, "%04d-%02d-%02d",
                        d->year % 10000, d->month % 100, d->day % 100);
    }
    qsort(urls, n, sizeof *urls, cmp_url);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(all, loc_entry(m, urls[i].path, urls[i].lastmod));
        free(urls[i].path);
    }
    free(urls);
    int status = 0;
    if (n > limit && !theme_has(m, "sitemap-index.xml", errs)) {
        json_decref(all);
        return 0;
    }
    if (n <= limit) {
        status = add_sitemap_file(m, strdup("sitemap.xml"), "sitemap.xml", "urls", all);
        return status == 0 ? 0 : mc_diag_list_oom(errs);
    }
    json_t *index = json_array();
    size_t parts = (n + limit - 1) / limit;
    for (size_t k = 0; k < parts && status == 0; k++) {
        json_t *part = json_array();
        char newest[16] = "";
        for (size_t i = k * limit; i < n && i < (k + 1) * limit; i++) {
            json_t *e = json_array_get(all, i);
            const char *lm = json_string_value(json_object_get(e, "lastmod"));
            if (lm && strcmp(lm, newest) > 0) snprintf(newest, sizeof newest, "%s", lm);
            json_array_append(part, e);
        }
        char name[64];
        snprintf(name, sizeof name, "sitemap-%zu.xml", k + 1);
        json_array_append_new(index, loc_entry(m, name, newest));
        status = add_sitemap_file(m, strdup(name), "sitemap.xml", "urls", part);
    }
    json_decref(all);
    if (status == 0)
        status = add_sitemap_file(m, strdup("sitemap.xml"), "sitemap-index.xml", "sitemaps", index);
    else
        json_decref(index);
    return status == 0 ? 0 : mc_diag_list_oom(errs);
}

int mc_feeds_add(mc_model *m, mc_diag_list *errs)
{
    if (mc_feeds_add_feeds(m, errs) != 0) return -1;
    return mc_feeds_add_sitemap(m, MC_SITEMAP_LIMIT, errs);
}
