/* english.c — English menus, home links, breadcrumbs and the /en/ home
 * (see english.h). */
#include "english.h"
#include "kinds.h"
#include "strf.h"

#include <stdlib.h>
#include <string.h>

static int has_english(const mc_model *m)
{
    for (size_t i = 0; i < m->npages; i++)
        if (!m->pages[i].skip && m->pages[i].url && !strcmp(m->pages[i].lang, "en")) return 1;
    return 0;
}

/* The published page whose URL is url (base path included), or NULL. */
static const mc_page *page_at(const mc_model *m, const char *url)
{
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (!p->skip && p->url && !strcmp(p->url, url)) return p;
    }
    return NULL;
}

/* Points an English menu item at English: the translation of the page it
 * names, the English home for the home; else marks it Vietnamese. */
static void english_item(const mc_model *m, json_t *item, const char *en_home)
{
    const char *url = json_string_value(json_object_get(item, "url"));
    const char *base = m->site->base_path;
    if (!url || strncmp(url, base, strlen(base))) return;  /* another site: as written */
    if (!strcmp(url, base)) {
        json_object_set_new(item, "url", json_string(en_home));
        return;
    }
    const mc_page *p = page_at(m, url);
    if (p && !strcmp(p->lang, "en")) return;
    if (p && p->translation && !p->translation->skip && p->translation->url) {
        json_object_set_new(item, "url", json_string(p->translation->url));
        return;
    }
    json_object_set_new(item, "in_vietnamese", json_true());
    json_object_set_new(item, "hreflang", json_string("vi"));
}

static void english_menu(const mc_model *m, json_t *ctx, const char *key, const char *en_home)
{
    json_t *menu = json_deep_copy(json_object_get(ctx, key));
    size_t i;
    json_t *item;
    json_array_foreach(menu, i, item) english_item(m, item, en_home);
    json_object_set_new(ctx, key, menu);
}

void mc_english_contexts(mc_model *m)
{
    const char *base = m->site->base_path;
    char *en_home = mc_strf("%sen/", base);
    json_t *vi = json_object_get(m->site_context, "vi"), *en = json_object_get(m->site_context, "en");
    if (!en_home || !vi || !en) { free(en_home); return; }
    int english = has_english(m);
    json_object_set_new(vi, "home_url", json_string(base));
    json_object_set_new(en, "home_url", json_string(english ? en_home : base));
    if (english) {
        json_object_set_new(vi, "other_home", json_pack("{s:s, s:s}", "url", en_home, "lang", "en"));
        json_object_set_new(en, "other_home", json_pack("{s:s, s:s}", "url", base, "lang", "vi"));
        english_menu(m, en, "nav", en_home);
        english_menu(m, en, "footer_nav", en_home);
        for (size_t i = 0; i < m->npages; i++) { /* the trail of an English page starts at /en/ */
            if (m->pages[i].skip || strcmp(m->pages[i].lang, "en")) continue;
            json_t *home = json_array_get(json_object_get(json_array_get(m->cards, i), "breadcrumb"), 0);
            if (home) json_object_set_new(home, "url", json_string(en_home));
        }
    }
    free(en_home);
}

/* ---- /en/ ---- */

static int cmp_title(const void *x, const void *y)
{
    const mc_page *a = *(const mc_page *const *)x, *b = *(const mc_page *const *)y;
    return strcmp(a->sort_key ? a->sort_key : a->title, b->sort_key ? b->sort_key : b->title);
}

static json_t *english_pages(const mc_model *m)
{
    const mc_page **v = calloc(m->npages + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v && i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (!p->skip && p->url && !p->is_index && !strcmp(p->lang, "en") &&
            json_is_object(json_array_get(m->cards, i)))
            v[n++] = p;
    }
    if (n) qsort(v, n, sizeof *v, cmp_title);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) json_array_append(out, json_array_get(m->cards, (size_t)(v[i] - m->pages)));
    free(v);
    return out;
}

/* The Vietnamese section lists, named in English (section_KIND words). */
static json_t *vietnamese_sections(json_t *ctx)
{
    json_t *out = json_array();
    const char *kind;
    json_t *url;
    json_t *words = json_object_get(ctx, "words");
    json_object_foreach(json_object_get(ctx, "section_urls"), kind, url) {
        char key[64];
        snprintf(key, sizeof key, "section_%s", kind);
        json_t *name = json_object_get(words, key);
        json_array_append_new(out, json_pack("{s:O, s:O}", "name", name ? name : json_string(kind),
                                             "url", url));
    }
    return out;
}

int mc_english_home(mc_model *m, mc_diag_list *errs)
{
    if (!has_english(m) || !mc_site_has_template(m->site, "home_en")) return 0;
    json_t *ctx = mc_model_base_context(m, "en");
    json_t *home = json_pack("{s:o, s:o}", "english_pages", english_pages(m), "sections",
                             vietnamese_sections(ctx));
    for (size_t i = 0; i < m->npages; i++)
        if (m->pages[i].is_index && !strcmp(m->pages[i].rel, "_index.en.md"))
            json_object_set_new(home, "intro_file", json_string(m->pages[i].rel));
    json_t *title = json_object_get(json_object_get(ctx, "words"), "home_en_title");
    json_t *page = mc_model_generated_page(m, title ? title : json_string("English"), "home", "en/");
    json_object_set_new(page, "lang", json_string("en"));
    json_object_set_new(page, "translation", json_pack("{s:s, s:s}", "lang", "vi", "url",
                                                       m->site->base_path));
    json_object_set_new(ctx, "page", page);
    json_object_set_new(ctx, "home", home);
    for (size_t i = 0; i < m->noutputs; i++) /* the Vietnamese home links it back */
        if (m->outputs[i].kind == MC_OUT_TEMPLATE && !strcmp(m->outputs[i].path, "index.html")) {
            json_t *vi_page = json_object_get(m->outputs[i].context, "page");
            if (vi_page) json_object_set_new(vi_page, "lang", json_string("vi"));
            if (vi_page)
                json_object_set_new(vi_page, "translation",
                                    json_pack("{s:s, s:s}", "lang", "en", "url",
                                              json_string_value(json_object_get(page, "url"))));
        }
    mc_output *o = mc_model_add(m, MC_OUT_TEMPLATE, strdup("en/index.html"), "home_en", ctx);
    if (!o) return mc_diag_list_oom(errs);
    o->by_title = 1; /* english_pages: A-Z */
    return 0;
}
