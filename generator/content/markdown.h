/* markdown.h — a page body from Markdown to HTML with cmark-gfm.
 *
 * GitHub extensions on: tables, autolinks, strikethrough, tagfilter. Raw HTML
 * is omitted unless opts->unsafe (site.yaml `markdown.unsafe: true`).
 * Two things are added to plain cmark-gfm output:
 *   - every heading gets an id, the folded slug of its text, unique within
 *     the page ("buoc-1", "buoc-1-2"), so people can link to a step;
 *   - every link to another ".md" file is passed to opts->resolve_link and
 *     replaced with the URL it returns (a fragment "#x" is kept). A link the
 *     resolver does not know is an error at FILE:LINE; all such errors of a
 *     page are collected, not only the first;
 *   - an image without alt text is a warning at its line (errs gets it with
 *     severity MC_WARNING; rendering goes on).
 *
 * Memory: mc_markdown_render returns HTML the caller frees with free().
 * *headings (if not NULL) receives a new JSON array the caller owns
 * (json_decref): [{"level": 2, "text": "...", "id": "..."}, ...].
 * The string resolve_link returns is borrowed until the call returns.
 *
 * Call mc_markdown_init() once in main(), before any threads start: it
 * registers cmark-gfm's extensions, which touches global state.
 *
 * Threads: cmark-gfm adds the autolink and strikethrough extensions'
 * trigger characters to a process-wide table when it parses inlines and
 * removes them when it is done, so two threads parsing at once make each
 * other miss autolinks (github/cmark-gfm#221). Renderers running in
 * parallel share one mutex through opts->parse_lock; block parsing and
 * HTML rendering still run in parallel.
 */
#ifndef MC_MARKDOWN_H
#define MC_MARKDOWN_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include "diag.h"

/* Returns the URL for a link target, or NULL when no page has that file.
 * `target` is the link as written, relative to the page's file, without its
 * "#fragment" (e.g. "../thu-tuc/dang-ky-khai-sinh.md"). */
typedef const char *(*mc_link_resolver)(void *ctx, const char *target);

typedef struct mc_markdown_opts {
    const char *file;         /* for messages: the content file */
    int first_line;           /* file line of the body's first line */
    int unsafe;               /* 1: keep raw HTML */
    mc_link_resolver resolve_link; /* may be NULL: .md links left as written */
    void *resolve_ctx;
    pthread_mutex_t *parse_lock;   /* held around cmark's inline parsing when
                                      several threads render; may be NULL */
} mc_markdown_opts;

void mc_markdown_init(void);

/* Renders body[0..len). On broken links returns NULL and appends one
 * diagnostic per broken link to errs. */
char *mc_markdown_render(const char *body, size_t len, const mc_markdown_opts *opts,
                         json_t **headings, mc_diag_list *errs);

#endif
