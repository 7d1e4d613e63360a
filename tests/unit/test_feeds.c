/* test_feeds.c — feeds and sitemap outputs on the tests/sites/feeds fixture:
 * the sitemap split into a sitemap index past its limit (a small limit here,
 * instead of 50,001 pages), the feed plan (which folders get which files),
 * entry limits and order. Run from the repository root (as `make test` does). */
#include "content.h"
#include "feeds.h"
#include "model.h"
#include "site.h"
#include "mustache.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE "tests/sites/feeds"

typedef struct fixture {
    mc_site site;
    mc_scan scan;
    mc_page *pages;
    mc_model model;
    mc_diag_list errs;
    int ok;
} fixture;

/* Site, pages and model of the fixture, without feeds or sitemap. */
static int fixture_open(fixture *f, const char *base_url)
{
    memset(f, 0, sizeof *f);
    if (mc_site_load(&f->site, FIXTURE, base_url, &f->errs) != 0) return -1;
    if (mc_content_scan(FIXTURE, &f->scan, &f->errs) != 0) return -1;
    f->pages = calloc(f->scan.npages + 1, sizeof *f->pages);
    for (size_t i = 0; i < f->scan.npages; i++)
        mc_page_load(&f->pages[i], &f->site, f->scan.pages[i], &f->errs);
    mc_model_opts mo = {0, 0, 1893456000LL /* 2030-01-01 */, 1, 1}; /* incomplete procedures too */
    if (mc_model_build(&f->model, &f->site, f->pages, f->scan.npages, &f->scan, &mo,
                       &f->errs) != 0)
        return -1;
    f->ok = 1;
    return 0;
}

static void fixture_close(fixture *f)
{
    if (f->ok) mc_model_free(&f->model);
    for (size_t i = 0; f->pages && i < f->scan.npages; i++) mc_page_free(&f->pages[i]);
    free(f->pages);
    mc_scan_free(&f->scan);
    mc_site_free(&f->site);
    mc_diag_list_print(stdout, &f->errs);
    mc_diag_list_free(&f->errs);
}

static const mc_output *find(const mc_model *m, const char *path)
{
    for (size_t i = 0; i < m->noutputs; i++)
        if (!strcmp(m->outputs[i].path, path)) return &m->outputs[i];
    return NULL;
}

/* Renders a template output of the model with the fixture's theme. */
static char *render(const fixture *f, const mc_output *o)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/templates", f->site.theme_dir);
    mc_tmpl_set *set = mc_tmpl_set_new_dir(dir, 1);
    mc_diag d;
    mc_tmpl *t = mc_tmpl_get(set, o->template, &d);
    size_t len;
    char *out = t ? mc_tmpl_render(set, t, o->context, &len, &d) : NULL;
    if (!out) mc_diag_print(stdout, &d);
    mc_tmpl_set_free(set);
    return out;
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s ? strstr(s, needle) : NULL; p; p = strstr(p + 1, needle)) n++;
    return n;
}

static json_t *sitemap_list(const mc_output *o, const char *key)
{
    return o ? json_object_get(json_object_get(o->context, "sitemap"), key) : NULL;
}

/* The URLs of one sitemap: a single urlset within the limit. */
static void sitemap_within_limit(mc_check *c)
{
    fixture f;
    if (fixture_open(&f, "https://x.example/cong/") != 0) { CHECK(c, 0); fixture_close(&f); return; }
    size_t pages = 0, aliases = 0;
    for (size_t k = 0; k < f.model.noutputs; k++) {
        const mc_output *o = &f.model.outputs[k];
        const char *p = o->path;
        if (strlen(p) < 10 || strcmp(p + strlen(p) - 10, "index.html")) continue;
        if (o->template && !strcmp(o->template, "alias")) aliases++;
        else pages++;
    }
    CHECK(c, pages >= 15 && aliases == 1); /* the fixture: pages, lists, one alias */
    CHECK(c, mc_feeds_add_sitemap(&f.model, 0, &f.errs) == 0);
    const mc_output *o = find(&f.model, "sitemap.xml");
    CHECK(c, o && !strcmp(o->template, "sitemap.xml"));
    json_t *urls = sitemap_list(o, "urls");
    CHECK(c, json_array_size(urls) == pages);
    CHECK(c, !find(&f.model, "sitemap-1.xml"));
    /* sorted by path, home first; aliases are not pages */
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(urls, 0), "loc")),
              "https://x.example/cong/");
    const char *prev = "";
    size_t i;
    json_t *u;
    int sorted = 1, alias = 0;
    json_array_foreach(urls, i, u) {
        const char *loc = json_string_value(json_object_get(u, "loc"));
        if (strcmp(prev, loc) >= 0) sorted = 0;
        if (strstr(loc, "tin-cu")) alias = 1;
        prev = loc;
    }
    CHECK(c, sorted);
    CHECK(c, !alias);
    char *xml = o ? render(&f, o) : NULL;
    CHECK(c, count(xml, "<url>") == pages);
    CHECK(c, strstr(xml ? xml : "", "<url><loc>https://x.example/cong/thu-tuc/dang-ky-khai-sinh/"
                                     "</loc><lastmod>2025-09-08</lastmod></url>") != NULL);
    free(xml);
    fixture_close(&f);
}

/* The locs of the plain sitemap of the fixture (a new array). */
static json_t *plain_locs(void)
{
    fixture f;
    json_t *locs = json_array();
    if (fixture_open(&f, "https://x.example/cong/") == 0 &&
        mc_feeds_add_sitemap(&f.model, 0, &f.errs) == 0) {
        size_t i;
        json_t *u;
        json_array_foreach(sitemap_list(find(&f.model, "sitemap.xml"), "urls"), i, u)
            json_array_append(locs, json_object_get(u, "loc"));
    }
    fixture_close(&f);
    return locs;
}

/* Past the limit: sitemap-1.xml... of at most `limit` URLs, in order, and
 * sitemap.xml an index of them. */
static void sitemap_index_past_limit(mc_check *c)
{
    json_t *want = plain_locs();
    size_t n = json_array_size(want), limit = 5, parts = (n + limit - 1) / limit;
    CHECK(c, n > 2 * limit);
    fixture f;
    if (fixture_open(&f, "https://x.example/cong/") != 0) { CHECK(c, 0); fixture_close(&f); return; }
    CHECK(c, mc_feeds_add_sitemap(&f.model, limit, &f.errs) == 0);
    const mc_output *index = find(&f.model, "sitemap.xml");
    CHECK(c, index && !strcmp(index->template, "sitemap-index.xml"));
    json_t *maps = sitemap_list(index, "sitemaps");
    CHECK(c, json_array_size(maps) == parts);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(maps, 0), "loc")),
              "https://x.example/cong/sitemap-1.xml");
    char name[64];
    snprintf(name, sizeof name, "https://x.example/cong/sitemap-%zu.xml", parts);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(maps, parts - 1), "loc")), name);
    snprintf(name, sizeof name, "sitemap-%zu.xml", parts + 1);
    CHECK(c, !find(&f.model, name));
    json_t *got = json_array();
    for (size_t k = 1; k <= parts; k++) {
        snprintf(name, sizeof name, "sitemap-%zu.xml", k);
        const mc_output *part = find(&f.model, name);
        CHECK(c, part && !strcmp(part->template, "sitemap.xml"));
        json_t *urls = sitemap_list(part, "urls");
        size_t size = json_array_size(urls), i;
        CHECK(c, size == (k < parts ? limit : n - (parts - 1) * limit));
        json_t *u;
        json_array_foreach(urls, i, u) json_array_append(got, json_object_get(u, "loc"));
        char *xml = part ? render(&f, part) : NULL;
        CHECK(c, count(xml, "<url>") == size);
        CHECK(c, xml && strstr(xml, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        free(xml);
    }
    CHECK(c, json_equal(got, want)); /* every URL once, in the same order */
    json_decref(got);
    json_decref(want);
    /* the part holding khai-sinh (updated 2025-09-08) has that lastmod */
    char *xml = index ? render(&f, index) : NULL;
    CHECK(c, xml && strstr(xml, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    CHECK(c, count(xml, "<sitemap>") == parts);
    CHECK(c, count(xml, "<lastmod>2025-09-08</lastmod>") == 1);
    free(xml);
    fixture_close(&f);
}

/* Exactly at the limit there is still one plain sitemap. */
static void sitemap_at_limit_is_not_split(mc_check *c)
{
    fixture f;
    if (fixture_open(&f, NULL) != 0) { CHECK(c, 0); fixture_close(&f); return; }
    json_t *want = plain_locs();
    size_t n = json_array_size(want);
    json_decref(want);
    CHECK(c, mc_feeds_add_sitemap(&f.model, n, &f.errs) == 0);
    const mc_output *o = find(&f.model, "sitemap.xml");
    CHECK(c, o && !strcmp(o->template, "sitemap.xml"));
    CHECK(c, n > 0 && json_array_size(sitemap_list(o, "urls")) == n);
    CHECK(c, !find(&f.model, "sitemap-1.xml"));
    fixture_close(&f);
}

static json_t *feed_of(const mc_model *m, const char *path)
{
    const mc_output *o = find(m, path);
    return o ? json_object_get(o->context, "feed") : NULL;
}

static void feed_plan(mc_check *c)
{
    fixture f;
    if (fixture_open(&f, NULL) != 0) { CHECK(c, 0); fixture_close(&f); return; }
    CHECK(c, mc_feeds_add_feeds(&f.model, &f.errs) == 0);
    static const char *const present[] = {
        "tin-tuc/atom.xml", "tin-tuc/rss.xml", "tin-tuc/feed.json",
        "thong-bao/atom.xml", "thong-bao/rss.xml",
        "the/dich-vu-cong/atom.xml", "the/dich-vu-cong/rss.xml", "the/dich-vu-cong/feed.json",
        "linh-vuc/ho-tich/atom.xml", "linh-vuc/ho-tich/feed.json"};
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        if (!CHECK(c, find(&f.model, present[i]))) printf("  missing %s\n", present[i]);
    CHECK(c, !find(&f.model, "thong-bao/feed.json")); /* announcements: Atom and RSS */
    CHECK(c, !find(&f.model, "thu-tuc/atom.xml"));    /* procedures: by field only */
    CHECK(c, !find(&f.model, "sitemap.xml"));         /* feeds only */
    /* Atom and RSS are templates; JSON Feed is bytes */
    const mc_output *jf = find(&f.model, "tin-tuc/feed.json");
    CHECK(c, jf && jf->kind == MC_OUT_BYTES && jf->nbytes == strlen(jf->bytes));
    CHECK(c, find(&f.model, "tin-tuc/atom.xml")->kind == MC_OUT_TEMPLATE);
    /* news feed: newest first, draft left out, feed updated = newest change */
    json_t *feed = feed_of(&f.model, "tin-tuc/atom.xml");
    json_t *entries = json_object_get(feed, "entries");
    CHECK(c, json_array_size(entries) == 3);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(entries, 0), "url")),
              "https://feeds.example/tin-tuc/cai-cach-doi-moi-thu-tuc-mot-cua/");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(entries, 2), "url")),
              "https://feeds.example/tin-tuc/bao-dam-an-ninh-trat-tu/");
    CHECK_STR(c, json_string_value(json_object_get(json_object_get(feed, "updated"), "iso")),
              "2025-04-01T00:00:00+07:00");
    CHECK_STR(c, json_string_value(json_object_get(feed, "self")),
              "https://feeds.example/tin-tuc/atom.xml");
    /* field feed: the undated procedure is not in it */
    CHECK(c, json_array_size(json_object_get(feed_of(&f.model, "linh-vuc/ho-tich/atom.xml"),
                                             "entries")) == 1);
    /* discovery links on every page of the news list and on the home page */
    json_t *feeds = json_object_get(find(&f.model, "tin-tuc/trang/2/index.html")->context, "feeds");
    CHECK(c, json_array_size(feeds) == 3);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(feeds, 0), "type")),
              "application/atom+xml");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(feeds, 0), "url")),
              "/tin-tuc/atom.xml");
    CHECK(c, json_array_size(json_object_get(find(&f.model, "index.html")->context, "feeds")) == 3);
    CHECK(c, !json_object_get(find(&f.model, "thu-tuc/index.html")->context, "feeds"));
    fixture_close(&f);
}

int main(void)
{
    mc_check c = {0};
    if (access(FIXTURE "/site.yaml", F_OK) != 0) {
        check_skip(&c, "feeds", "run from the repository root (" FIXTURE " not found)");
        return check_finish(&c);
    }
    RUN(&c, sitemap_within_limit);
    RUN(&c, sitemap_index_past_limit);
    RUN(&c, sitemap_at_limit_is_not_split);
    RUN(&c, feed_plan);
    return check_finish(&c);
}
