/* safepath.h — join a path from content onto a root folder, refusing any
 * result that would leave the root.
 *
 * Every path that comes from content (a form file beside a procedure, an
 * image, an alias URL, an output file name) is joined with mc_path_join.
 * It refuses:
 *   - absolute paths ("/etc/passwd");
 *   - ".." that climbs above the root ("../x", "a/../../x"); ".." that stays
 *     inside ("a/../b") is resolved;
 *   - a path whose existing part goes through a symbolic link that points
 *     outside the root (checked with realpath on the longest existing prefix,
 *     so output files that do not exist yet are checked too).
 * NUL bytes cannot occur in a C string; empty components and "." are dropped.
 *
 * mc_link_confined is the same rule for a file found by walking a folder
 * (mc_list_tree, the data folder, a ward folder): when the entry is a
 * symbolic link, its target must exist and lie inside the confining folder
 * (the site). A link to another place in the site is fine; a link that
 * leads out, a dangling link, and a folder link to one of its own parents
 * (an endless walk) are errors at the link's path. This file is the only
 * place that decides whether a link may be followed.
 *
 * Memory: the returned path is the caller's to free().
 */
#ifndef MC_SAFEPATH_H
#define MC_SAFEPATH_H

#include <sys/stat.h>
#include "diag.h"

/* Returns "ROOT/NORMALISED-REL" or NULL with d filled (file: rel). An empty
 * rel (or one that resolves to nothing) returns a copy of root. */
char *mc_path_join(const char *root, const char *rel, mc_diag *d);

/* Checks the entry path (an existing link, or a name whose type the
 * folder listing did not say) against the rule above; confine is the
 * folder it must stay in. Messages name the path with confine's prefix
 * removed ("content/x.md"), never the link's absolute target. Fills *st
 * with the target's status when st is not NULL. Returns 0 or -1 (d). */
int mc_link_confined(const char *confine, const char *path, struct stat *st, mc_diag *d);

/* The folder a walk of dir is confined to: site when dir lies inside it,
 * else dir itself. A theme is the one folder that may lie elsewhere (the
 * installed theme, or themes/NAME linked to a theme several sites share):
 * it is code chosen in site.yaml, and links inside it must stay in it. */
const char *mc_confine_for(const char *site, const char *dir);

/* path with "confine/" removed from its front when it starts so; a
 * pointer into path. */
const char *mc_path_shown(const char *confine, const char *path);

/* 1 when rel names something inside its root by its letters alone: not
 * absolute, no ".." part. The output writer checks every path with it, so
 * no path a build takes from a cache or a page leaves the output folder. */
int mc_path_stays_inside(const char *rel);

/* The lexical part only: returns rel with ".", "" removed and inner ".."
 * resolved, or NULL if it is absolute or climbs above its start. No file
 * system access. Caller frees. */
char *mc_path_normalize(const char *rel);

#endif
