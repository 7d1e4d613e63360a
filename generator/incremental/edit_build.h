/* edit_build.h — the build after only page texts, titles or summaries were
 * edited, done without the site model.
 *
 * The full incremental build (incremental.h) loads every page and makes
 * the whole model before its keys show that one article changed: half the
 * time of a clean build. Most edits change an article's text and nothing
 * its card is made of (its front matter, the summary taken from its first
 * paragraph, whether it has text: the page digest, content.h). Then no
 * list, feed, term page, sitemap or other page changes, only the page
 * itself, and this build renders just that.
 *
 * A title or summary edit changes the card: the outputs that show it (the
 * section list page, term pages, the home page, feeds, aliases) change too,
 * but which outputs exist and in what order does not, unless a list is in
 * title order. Every full build saves, beside the snapshot, those outputs'
 * contexts with cards and feed entries by reference (list_refs.h). This
 * build then loads the pages they show, makes their cards, checks each
 * against the hash the full build saved (a card some later pass of the
 * model changes is not made alone), and renders those outputs with the new
 * card; the ledger's lines for the page (ledger.h) take the new title.
 *
 * It reads a page snapshot that every full build writes beside its cache
 * (SITE/.motcua/build-X.pages, format in edit_build.c): the digest of all
 * inputs but the pages' stamps (incremental.h, "rest"), the per-language
 * contexts as JSON, and per page its stamp, page digest, URL and file. It
 * applies only when all of this holds; otherwise it writes nothing and the
 * full incremental build runs:
 *   - the snapshot belongs to the cache, every output is as the cache
 *     recorded it, and no dated page has come due since (next_change);
 *   - only page stamps changed: the rest digest is the same (templates,
 *     data, site.yaml, static files, other content files, options, and
 *     the set of page names);
 *   - at most MC_EDIT_MAX pages changed, and each loads without a message,
 *     keeps its page digest (or, when its card changed, the card's shape:
 *     only its title and summary changed, list_refs.h; and it is
 *     Vietnamese, not a document, its title and summary are copied into
 *     no output outside a reference, no list that shows it is in title
 *     order, every page shown beside it loads as saved; -v says which
 *     failed), was read from its file as is (no CRLF, NFC),
 *     has a text that no output but its own page and the search index
 *     reads (mc_page_text_read_elsewhere, output_inputs.h: not an _index
 *     page, not an announcement), has no translation (whose card carries
 *     its title), and is neither a journey nor a procedure with
 *     `related:`, in a site with journeys (their cards carry links made
 *     from each other's, journeys.h) or with a legal basis in a site with
 *     a documents section (its entries show the status of the documents
 *     they name, documents.h);
 *   - with a search page in the theme, the index's files can be updated
 *     in place (search_patch.h: the same shard count and set of files, an
 *     order of entries known without the other pages); then only the
 *     files whose bytes change and the search page (its version) are
 *     written.
 *   - the build is not for --dump-context.
 * A model hook (build_opts.h: motcua serve) is not called: what it learnt
 * from the last full build still holds, since an edit taken here keeps
 * every page's kind, draft state and date.
 * The pages are rendered into a staging folder and moved into the output
 * (staging.h, mc_staging_patch). In the cache their outputs get new stamps
 * and a key no build makes, so the next full build renders them again
 * rather than trust a key this one did not compute.
 *
 * Memory: nothing outlives a call.
 */
#ifndef MC_EDIT_BUILD_H
#define MC_EDIT_BUILD_H

#include "build_opts.h"
#include "incremental.h"
#include "model.h"
#include "site.h"

#define MC_EDIT_MAX 16

typedef struct mc_edit_in {
    const mc_build_opts *o;
    const mc_site *site;
    const char *out;
    const mc_cache *cache;             /* loaded, outputs intact */
    const char *cache_file;
    const char *inputs;                /* this build's inputs digest */
    const char *rest;                  /* ... and its part without the pages' stamps */
    const char *files_digest;          /* the digest before the ledger's stamp (ledger.h) */
    char *sealed;                      /* = inputs, sealed again when the ledger is written */
    const mc_input_stamps *content;    /* the stamps the digest took */
    long long now;
    int jobs;
} mc_edit_in;

/* 1 when it did the build: r is filled and *status is 0, or -1 with errs
 * saying why (the output may then hold some of the new pages; the cache is
 * removed). 0 when it does not apply: nothing was written. */
int mc_edit_build(const mc_edit_in *in, mc_build_result *r, int *status, mc_diag_list *errs);

/* Writes the page snapshot of a finished full build beside cache_file
 * (jobs: threads for its card hashes). */
int mc_snapshot_save(const char *cache_file, const char *inputs, const char *rest,
                     const mc_model *m, int jobs, mc_diag *d);

#endif
