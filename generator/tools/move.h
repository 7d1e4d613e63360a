/* move.h — `motcua mv OLD NEW`: rename a page and keep its old address.
 *
 * OLD is a page file (content/thu-tuc/a.md, its English translation a.en.md
 * moves with it) or a page bundle (the folder content/thu-tuc/a/ with its
 * index.md and forms); NEW is the new file name (ending in .md) or folder.
 * Both are paths in the site folder, with or without the leading
 * "content/"; neither may leave content/ nor follow a symbolic link, and
 * NEW must not exist. When the page's URL changes (its slug comes from the
 * file name, see content.h), the old URL is added to the `aliases:` of the
 * moved page (and of its translation), so the build publishes a redirect
 * there and the ledger of published addresses (ledger.h) stays whole.
 * Links written as links to the old .md file in other pages are rewritten
 * to the new file, so the site still builds.
 *
 * The front matter is edited as text: a missing `aliases:` becomes a line
 * before the closing '---'; an existing list, flow ([a, b]) or block
 * ("- a" lines), gets the old URL at its end. Anything else is an error
 * that leaves every file as it was.
 *
 * Memory: the strings of mc_move_result are owned by it
 * (mc_move_result_free).
 */
#ifndef MC_MOVE_H
#define MC_MOVE_H

#include <stddef.h>
#include "diag.h"

typedef struct mc_move_result {
    char *from, *to;          /* site-relative: "content/thu-tuc/a.md" */
    char *old_url, *new_url;  /* under the base path: "/thu-tuc/a/" */
    size_t aliases_added;     /* page files that got the old URL */
    size_t links_updated;     /* other pages whose links were rewritten */
} mc_move_result;

/* Moves OLD to NEW in the site at root. Every problem goes to errs;
 * returns 0 on success (then r is filled). */
int mc_move_page(const char *root, const char *old_path, const char *new_path,
                 mc_move_result *r, mc_diag_list *errs);
void mc_move_result_free(mc_move_result *r);

#endif
