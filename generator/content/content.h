/* content.h — finding content files and loading each into a page record.
 *
 * mc_content_scan walks SITE/content in sorted order and returns the
 * Markdown files and the other files (assets) under it. Names starting with
 * '.' are skipped, and so are names starting with '_' other than _index.md.
 * A folder that holds index.md is a page bundle: the files beside it belong
 * to that page and are published under the page's URL.
 *
 * mc_page_load reads one file: UTF-8 check, NFC, front matter, and the fields
 * the generator needs (title, dates, draft, slug, kind, language, summary).
 * The slug is the `slug:` key or the file's name (a bundle's folder name),
 * folded like a title: the title never moves a page.
 * It is safe to call from several threads on different pages.
 *
 * Bodies are not kept in memory between loading and rendering when the
 * file holds them byte for byte (the usual case: NFC text, LF line ends):
 * a 50,000-page site would hold 300 MB of Markdown it needs twice. What
 * the build needs of the body before rendering is taken at load (its
 * change digest, its .md links, whether it has text, the summary), and
 * mc_page_body reads it again, refusing a file that changed meanwhile.
 *
 * Memory: mc_page owns all its pointers (free with mc_page_free); mc_scan
 * owns its arrays (mc_scan_free).
 */
#ifndef MC_CONTENT_H
#define MC_CONTENT_H

#include <jansson.h>
#include <stddef.h>
#include "dates.h"
#include "diag.h"
#include "fileio.h"
#include "site.h"

typedef struct mc_scan {
    char **pages;   /* content-relative paths of .md files, sorted */
    size_t npages;
    char **assets;  /* content-relative paths of every other file, sorted */
    size_t nassets;
} mc_scan;

typedef struct mc_page {
    char *file;        /* "content/thu-tuc/a.md": for messages */
    char *rel;         /* "thu-tuc/a.md": content-relative */
    char *key;         /* rel without ".en" and ".md": pairs translations */
    char *section;     /* first folder ("thu-tuc"), "" for top-level pages */
    char *dir;         /* folder of the file, content-relative ("" at top) */
    const struct mc_kind *kind; /* its kind (kinds.h; static) */
    char lang[8];      /* "vi" or "en" */
    int is_index;      /* _index.md: the text of a section list or the home page */
    int is_bundle;     /* index.md: files beside it are the page's */
    char *title;
    char *slug;        /* `slug:`, else the slug of name: never the title */
    char *name;        /* file name without .md/.en.md, or a bundle's folder */
    char *summary;
    int has_date, has_updated, draft;
    mc_date date, updated;
    json_t *params;    /* the front matter */
    json_t *lines;     /* its line map (yamljson.h) */
    char *body;        /* Markdown body, LF line ends; NULL when left in the
                          file: read it with mc_page_body */
    size_t body_len;
    int body_line;
    size_t body_offset;              /* where the body starts in the file */
    mc_file_stamp file_stamp;        /* the file as loaded */
    unsigned char body_digest[16];   /* XXH3-128 of the body: a change check,
                                        not a seal (the keys are SHA-256) */
    int body_has_text;               /* more than white space */
    /* XXH3-128 of all the page's card is made of besides the rest of the
     * site: the file up to its body, the summary and body_has_text. Only
     * when page_digest_ok: not when the body was changed in memory (CRLF,
     * NFC). An edit that keeps it leaves every output but the page's own
     * as it was (edit_build.h). */
    unsigned char page_digest[16];
    int page_digest_ok;
    char **md_links;   /* the body's links to .md files, as written (no #fragment) */
    size_t n_md_links;
    char *url;         /* set by the model: "thu-tuc/a/" relative to base_path */
    char *sort_key;    /* set by the model: collation key of the title */
    long search_doc;   /* set by the search pass: its document number + 1, 0 = none */
    struct mc_page *translation; /* set by the model: the other language */
    int skip;          /* set by the model: draft or future, not published */
} mc_page;

int mc_content_scan(const char *site_root, mc_scan *out, mc_diag_list *errs);
void mc_scan_free(mc_scan *scan);

/* Loads content/REL into p (zeroed first). Errors are appended to errs;
 * returns 0 when the page loaded without errors. */
int mc_page_load(mc_page *p, const mc_site *site, const char *rel, mc_diag_list *errs);
void mc_page_free(mc_page *p);

/* The body of p (NUL-terminated, *len bytes): p->body, or read again from
 * the site folder's p->file. *owned receives the buffer to free (NULL when the
 * body was in memory). Returns NULL with d filled when the file cannot be
 * read or changed since it was loaded. */
const char *mc_page_body(const mc_page *p, const mc_site *site, size_t *len,
                         char **owned, mc_diag *d);

/* Line of a front-matter key in the page's file, or 1 when unknown. */
int mc_page_line(const mc_page *p, const char *path);

#endif
