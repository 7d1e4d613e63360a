/* feeds.h — feeds and machine files added to the site model.
 *
 * After the model is built, mc_feeds_add adds:
 *   - for every section of kind "news": SECTION/atom.xml (Atom 1.0),
 *     SECTION/rss.xml (RSS 2.0) and SECTION/feed.json (JSON Feed 1.1);
 *   - for every section of kind "announcement": SECTION/atom.xml, rss.xml;
 *   - for every tag and procedure field: the/SLUG/... and linh-vuc/SLUG/...
 *     atom.xml, rss.xml and feed.json, over the pages the term's list has;
 *   - sitemap.xml over every page and list page (path ending in index.html,
 *     not alias redirects), sorted by path; past MC_SITEMAP_LIMIT URLs it is
 *     split into sitemap-1.xml, sitemap-2.xml... and sitemap.xml becomes a
 *     sitemap index, as the sitemap protocol requires.
 *
 * Feeds hold the MC_FEED_MAX_ENTRIES newest dated pages (newest first by
 * date, then by file); undated pages are left out (an Atom entry must have
 * a date) and a feed with no dated page is not written. Every date comes
 * from the content — the feed's own "updated" is the newest entry's — so
 * two builds of the same content give the same bytes.
 *
 * Atom, RSS and the sitemaps are templates (atom.xml, rss.xml, sitemap.xml,
 * sitemap-index.xml) given the base context plus:
 *   feed: {title, subtitle, lang, author, id, self (absolute URL of the
 *          file), alternate (absolute URL of the HTML list), updated (date
 *          forms), generator, entries: [{title, url, id, summary, published,
 *          updated (date forms), categories: [{name, url}]}]}
 *   sitemap: {urls: [{loc, lastmod?}]}          (sitemap.xml, sitemap-N.xml)
 *   sitemap: {sitemaps: [{loc, lastmod?}]}      (sitemap index)
 * JSON Feed is written directly as bytes.
 *
 * Discovery: the context of each list page that has feeds (every page of the
 * section list or term list), and of the home page (the news feeds), gets
 *   feeds: [{title, url, permalink, type, format}]
 * with url under the base path, permalink absolute, type the MIME type
 * ("application/atom+xml", "application/rss+xml", "application/feed+json")
 * and format "atom" | "rss" | "json".
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_FEEDS_H
#define MC_FEEDS_H

#include <stddef.h>
#include "diag.h"
#include "model.h"

/* Most entries in one feed. */
#define MC_FEED_MAX_ENTRIES 20
/* Most URLs in one sitemap file (the sitemap protocol's limit). */
#define MC_SITEMAP_LIMIT 50000

/* Adds every feed and the sitemap (limit MC_SITEMAP_LIMIT). Returns 0, or
 * -1 after appending an error to errs (out of memory). */
int mc_feeds_add(mc_model *m, mc_diag_list *errs);

/* One page's feed entry ({title, url, id, summary, published, updated,
 * categories}), from the page and its card in m->cards (same index as p in
 * m->pages). The caller owns it. The feeds share one entry per page and
 * keep them in m->feed_entries. */
json_t *mc_feeds_entry(const mc_model *m, const mc_page *p);

/* JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from a feed object
 * (the "feed" of an Atom or RSS context; a feed.json output keeps its own
 * as its context). Caller frees; *len is its length. */
char *mc_feeds_json(const json_t *feed, size_t *len);

/* Only the feeds. */
int mc_feeds_add_feeds(mc_model *m, mc_diag_list *errs);

/* Only the sitemap, split past `limit` URLs per file (0 = MC_SITEMAP_LIMIT).
 * Call it after every HTML output exists. */
int mc_feeds_add_sitemap(mc_model *m, size_t limit, mc_diag_list *errs);

#endif
