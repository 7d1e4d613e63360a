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
 * Memory: the returned path is the caller's to free().
 */
#ifndef MC_SAFEPATH_H
#define MC_SAFEPATH_H

#include "diag.h"

/* Returns "ROOT/NORMALISED-REL" or NULL with d filled (file: rel). An empty
 * rel (or one that resolves to nothing) returns a copy of root. */
char *mc_path_join(const char *root, const char *rel, mc_diag *d);

/* The lexical part only: returns rel with ".", "" removed and inner ".."
 * resolved, or NULL if it is absolute or climbs above its start. No file
 * system access. Caller frees. */
char *mc_path_normalize(const char *rel);

#endif
