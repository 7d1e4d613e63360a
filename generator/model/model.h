/* model.h — the site model: from loaded pages to the list of files to write.
 *
 * After every page is loaded, the model (one thread, fast: no Markdown is
 * rendered here) decides everything about the site's shape:
 *   - which pages are published (drafts and future dates only on request);
 *   - each page's URL ("thu-tuc/dang-ky-khai-sinh/", English under "en/"),
 *     refusing two pages with one URL;
 *   - translations (a.md and a.en.md), linked both ways;
 *   - a "card" per page: the JSON templates get for it in lists and on the
 *     page itself (title, urls, date forms, summary, tags, field, params);
 *   - section lists (news newest first, procedures in Vietnamese order,
 *     announcements newest first), paginated as /tin-tuc/trang/2/;
 *   - taxonomies: tags (/the/...) and procedure fields (/linh-vuc/...);
 *   - the home page, redirects for aliases, 404.html and robots.txt.
 * The result is an array of mc_output, each one file in the output folder.
 * Page outputs get their context at render time (their Markdown is rendered
 * there, in parallel); every other output carries its finished context.
 *
 * Memory: the model owns its outputs, their paths and contexts, and the
 * cards. Pages are borrowed from the caller and must outlive the model.
 */
#ifndef MC_MODEL_H
#define MC_MODEL_H

#include <jansson.h>
#include "content.h"
#include "fileio.h"
#include "site.h"

typedef enum mc_output_kind {
    MC_OUT_PAGE,      /* a content page: template = its kind */
    MC_OUT_TEMPLATE,  /* any other templated file: context is ready */
    MC_OUT_BYTES,     /* ready bytes (JSON Feed, search index) in `bytes` */
    MC_OUT_COPY       /* copy the file at `source` */
} mc_output_kind;

typedef struct mc_output {
    mc_output_kind kind;
    char *path;            /* output-relative: "thu-tuc/a/index.html" */
    const char *template;  /* template name (static string or owned by model) */
    mc_page *page;         /* MC_OUT_PAGE */
    json_t *context;       /* MC_OUT_TEMPLATE; for pages: the card */
    char *bytes;           /* MC_OUT_BYTES */
    size_t nbytes;
    char *source;          /* MC_OUT_COPY: path to read */
    mc_page *owner;        /* the page that asked for this file (page, alias), or NULL */
    int owner_line;        /* line in owner's file that asked for it (slug, alias) */
    int by_title;          /* a list in title order: a title edit may move its cards */
} mc_output;

typedef struct mc_model {
    const mc_site *site;
    mc_page *pages;        /* borrowed */
    size_t npages;
    json_t *cards;         /* array parallel to pages; null for unpublished */
    json_t *feed_entries;  /* array parallel to pages: the feed entry shared by
                              every feed that shows the page (feeds.h), or null */
    json_t *urls;          /* content-relative file -> URL (with base path) */
    json_t *site_context;  /* {"vi": {...}, "en": {...}}: site, words, nav */
    mc_output *outputs;
    size_t noutputs, cap;
    int drafts, future;
    int allow_incomplete;  /* procedure problems are warnings (procedure.h) */
    long long now;         /* epoch seconds; pages dated later are future */
    /* The new text of SITE/published-urls.txt, made by the ledger pass
     * (ledger.h) when it found no error; the build writes it once the
     * output is in place. Owned by the model. */
    char *ledger;
    /* 1 when the theme shows page.qr_svg: only then is a QR code drawn
     * for each printed page (render.c), 0.1-0.2 ms of CPU each */
    int qr_codes;
    /* What a render keeps from a previous output and what is already
     * written is not the model's: see render.h, mc_render_plan. */
} mc_model;

typedef struct mc_model_opts {
    int drafts, future;
    long long now;
    int jobs;                 /* threads for the per-page work */
    int allow_incomplete;     /* procedure problems are warnings (procedure.h) */
} mc_model_opts;

/* Builds the model. Every problem is appended to errs; returns 0 if none. */
int mc_model_build(mc_model *m, const mc_site *site, mc_page *pages, size_t npages,
                   const mc_scan *scan, const mc_model_opts *opts, mc_diag_list *errs);

/* mc_model_build in two steps, for a build that starts rendering content
 * pages before the rest is made: _pages makes the URLs, the cards, the
 * per-language contexts and the page outputs (they come first in
 * m->outputs); _lists adds section lists, taxonomies, the home page, fixed
 * files and assets. Nothing _lists or a later step does changes a page
 * output's context, a card of a page that is not an announcement, or
 * m->urls (render.h, mc_render_early_start). */
int mc_model_build_pages(mc_model *m, const mc_site *site, mc_page *pages, size_t npages,
                         const mc_model_opts *opts, mc_diag_list *errs);
int mc_model_build_lists(mc_model *m, const mc_scan *scan, mc_diag_list *errs);
void mc_model_free(mc_model *m);

/* For one page, as mc_model_build makes them (edit_build.h): its card
 * without the translation link (the caller owns it), and its output with
 * card as context (a new reference is taken). p->url must be set. */
json_t *mc_model_page_card(const mc_model *m, const mc_page *p);
mc_output *mc_model_add_page(mc_model *m, mc_page *p, json_t *card, mc_diag_list *errs);

/* The output folder of a loaded page: "thu-tuc/a/" for content/thu-tuc/a.md
 * (slug a) or for the bundle content/thu-tuc/a/index.md, "en/..." for an
 * English page, "" for the home page. Caller frees. */
char *mc_model_page_path(const mc_page *p);

/* Adds DIR/index.html (DIR output-relative, ending in '/') made with
 * template tmpl from the Vietnamese base context, a generated page
 * {title, kind, url, permalink} and list (consumed): an index page. */
void mc_model_add_index_page(mc_model *m, const char *dir, const char *tmpl, const char *kind,
                             const char *title, json_t *list);

/* Sorts pages in their kind's list order (kinds.h, sort): A–Z in
 * Vietnamese, newest first, or newest issue date first; ties by file. */
void mc_model_sort_pages(mc_page **v, size_t n, const struct mc_kind *kind);

/* Sorts an array of {"name": ...} objects in Vietnamese order (stable:
 * insertion sort, for the few terms and fields a site has). */
void mc_model_sort_by_name(json_t *items);

/* Adds an output; the model takes ownership of path, context and bytes. */
mc_output *mc_model_add(mc_model *m, mc_output_kind kind, char *path, const char *tmpl,
                        json_t *context);

/* The context shared by every output in one language (site, lang, words),
 * copied shallowly so the caller can add keys. Caller owns the result. */
json_t *mc_model_base_context(const mc_model *m, const char *lang);

/* {"title", "kind", "url", "permalink"} for a generated page at the
 * output-relative folder path ("thu-tuc/a-z/"). New reference. */
json_t *mc_model_generated_page(const mc_model *m, json_t *title, const char *kind, const char *path);

/* The trail above an index page of the section folder (the procedure
 * index, the documents register): Home, and for a filter page the index
 * itself (named by list's title). New reference. */
json_t *mc_model_index_breadcrumb(const mc_model *m, const char *section, const json_t *list,
                                  int filtered);

/* The kind of a section or term list output (its context's list.kind), or
 * NULL for any other output. Static (kinds.h). */
const struct mc_kind *mc_output_list_kind(const mc_output *o);

/* The content folder of kind k in this site: the first folder site.yaml's
 * sections: maps to k that has a published page, else the kind's usual
 * folder, so a site that calls its news folder news/ still gets news on
 * its home page. Borrowed. */
const char *mc_model_kind_folder(const mc_model *m, const struct mc_kind *k);

/* URL of the page whose content-relative file is `target`, resolved from the
 * folder `dir` ("thu-tuc"); NULL when no published page has that file. */
const char *mc_model_resolve(const mc_model *m, const char *dir, const char *target);

#endif
