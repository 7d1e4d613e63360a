/* check_internal.h — what check.c, check_links.c and check_external.c share.
 *
 * mc_check_ctx is filled by check.c: where the site was built, its base
 * URL, and which content file each output came from (learned from the
 * build's model hook). check_links.c walks the built HTML, reports internal
 * problems and collects external URLs with where they were written;
 * check_external.c checks those.
 *
 * Memory: everything in the context is owned by it (mc_check_ctx_free in
 * check.c); mc_html_doc owns its strings (mc_html_doc_free).
 */
#ifndef MC_CHECK_INTERNAL_H
#define MC_CHECK_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include "check.h"

typedef struct mc_check_ctx {
    char *site;               /* the site folder */
    char *out;                /* the built site (a temporary folder) */
    char *base_url;           /* "https://x.example/portal/" */
    char *base_path;          /* "/portal/" */
    char *templates;          /* "themes/NAME/templates", for theme problems */
    json_t *sources;          /* output path -> content file of its page */
    json_t *texts;            /* file -> its text, read once (locate) */
    json_t *external;         /* URL -> [[file, line], ...] where it is written */
    json_t *reported;         /* keys of problems reported once (theme links) */
} mc_check_ctx;

/* ---- HTML, parsed just enough (check_links.c) ---- */

typedef struct mc_html_link {
    char *url;                /* entities decoded */
    int line;                 /* in the HTML file */
    int asset;                /* src, srcset, poster, stylesheet or icon */
} mc_html_link;

typedef struct mc_html_doc {
    mc_html_link *links;
    size_t nlinks, cap;
    json_t *ids;              /* id and <a name> values -> true */
    int *img_no_alt;          /* HTML lines of <img> without alt text */
    size_t nimg, img_cap;
    json_t *img_src;          /* src of each of those images (array) */
} mc_html_doc;

/* Collects links, ids and images without alt from html (comments, script
 * and style contents skipped). Returns 0, -1 when out of memory. */
int mc_html_parse(const char *html, size_t n, mc_html_doc *doc);
void mc_html_doc_free(mc_html_doc *doc);

/* Checks every HTML file under ctx->out; external URLs go to ctx->external. */
int mc_check_links(mc_check_ctx *ctx, mc_check_report *r, mc_diag *d);

/* Where the link `url` on the output page `page` was written: the page's
 * content file and the line holding url (or its #fragment, or its last
 * path part), else site.yaml if it names url there, else the theme's
 * templates (line 0). *theme is set when it is the theme. */
void mc_check_locate(mc_check_ctx *ctx, const char *page, const char *url, const char **file,
                     int *line, int *theme);

/* Checks every URL of ctx->external (check_external.c). -1 with errs
 * saying why when the check cannot run. */
int mc_check_external(mc_check_ctx *ctx, const mc_check_opts *o, mc_check_report *r,
                      mc_diag_list *errs);

#endif
