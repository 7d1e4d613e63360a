/* ledger.h — the ledger of published addresses, and what replaces a lost one.
 *
 * SITE/published-urls.txt lists every address of a content page the site
 * has published, so that a page renamed or deleted cannot silently leave a
 * printed notice, a QR code or another portal's link pointing at nothing.
 * It is plain UTF-8 text, committed with the content: lines starting with
 * '#' are comments, every other line is
 *
 *     URL<TAB>FILE<TAB>TITLE
 *
 * sorted by URL (bytes): the address under the site's base path
 * ("/thu-tuc/dang-ky-khai-tu/"), the file that last produced it
 * ("content/thu-tuc/dang-ky-khai-tu.md", or "site.yaml" for a withdrawn
 * address declared there) and that page's title. The build adds the pages
 * it publishes (not drafts nor future pages), the old addresses their
 * `aliases:` redirect, and the withdrawn ones; no line ever leaves.
 *
 * mc_ledger_apply compares the ledger with the model before anything is
 * written: an address no output produces any more is an error at its
 * ledger line, which names the file that last produced it and the two ways
 * out (an `aliases:` entry in the page that replaces it, or a `withdrawn:`
 * entry in site.yaml). Each `withdrawn:` entry of site.yaml
 *
 *     withdrawn:
 *       - url: /thu-tuc/cap-giay-cu/
 *         date: 2026-12-01
 *         title: "..."        # optional: the ledger's title by default
 *
 * becomes a "gone" page at that address (template gone.mustache: the
 * page's title, the date, a link to its section, noindex). It also adds,
 * for the web server in front of the site, `.htaccess` (Apache: 301 for
 * every alias, 410 with the gone page for every withdrawal) and
 * `nginx-redirects.conf` (the same as two `map`s; see README).
 *
 * Memory: *text_out is the new ledger, owned by the caller (free; the
 * ledger pass puts it in m->ledger, which the model frees); the outputs
 * added belong to the model.
 */
#ifndef MC_LEDGER_H
#define MC_LEDGER_H

#include "diag.h"
#include "model.h"

#define MC_LEDGER_FILE "published-urls.txt"

/* Checks the model against the ledger, adds the withdrawn pages and the
 * server files, and makes the new ledger text. Every problem goes to errs;
 * returns 0 when there was none. */
int mc_ledger_apply(mc_model *m, char **text_out, mc_diag_list *errs);

/* Writes text to SITE/published-urls.txt when it differs from what is
 * there. Returns 1 when written, 0 when unchanged, -1 with d filled. */
int mc_ledger_save(const char *site_root, const char *text, mc_diag *d);

/* Gives the ledger's lines for the addresses of the output paths
 * ("a/b/index.html": the page and its aliases) file and title, as a full
 * build records a page whose title changed (edit_build.h). Returns 1 when
 * written, 0 when unchanged or there is no ledger, -1 with d filled. */
int mc_ledger_retitle(const char *site_root, const char *const *paths, size_t n,
                      const char *file, const char *title, mc_diag *d);

/* The build's inputs digest with the ledger's file stamp folded in
 * (MC_KEY_SIZE bytes into out): an edited ledger is a changed input. */
void mc_ledger_seal(const char *site_root, const char *digest, char *out);

#endif
