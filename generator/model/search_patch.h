/* search_patch.h — the search index's files updated for a few edited
 * pages, from the previous build's files, without indexing the others.
 *
 * A clean build numbers the documents and writes every entry of the term
 * dictionary (search_index.h) in the order its key first appears; an
 * edit that keeps the documents' order (the page's text, its headings,
 * its excerpt) changes only the entries holding the page's old or new
 * words. mc_search_patch reads every shard t/K.json (and the w/K-J.json
 * files of its big entries), takes the edited documents out of each
 * entry that holds them, puts in their postings from an index of the page
 * alone, places new entries and variants where a clean build would (the
 * order of first appearance: by first document, then by the order within
 * it), and encodes only the entries it changed. The result is the bytes a
 * clean build writes, or nothing:
 *
 *   it refuses (returns 1 with *why) when the shard count would change,
 *   when a shard would gain or lose a big entry (the set of files would
 *   change), or when the place of an entry that leaves an edited document
 *   depends on the order of words in a page it did not read (its new first
 *   document is another entry's first document too); the caller then does
 *   the full build.
 *
 * mc_search_patch_records replaces the records [url, title, kind, meta,
 * excerpt] of the edited documents in d/K.json.
 *
 * Both add the files whose bytes changed to out (paths relative to the
 * index folder, bytes owned by out) and XOR into *version the change of
 * the version (mc_sindex_file_hash of old and new bytes).
 *
 * Memory: out belongs to the caller (mc_sindex_files_free); the edits'
 * indexes are borrowed.
 */
#ifndef MC_SEARCH_PATCH_H
#define MC_SEARCH_PATCH_H

#include <jansson.h>
#include "search_index.h"

typedef struct mc_search_edit {
    uint32_t doc;          /* its document number */
    const mc_sindex *ix;   /* the page alone, as document 0 */
    json_t *record;        /* its record (mc_search_index_page) */
} mc_search_edit;

/* dir: the index folder (OUT/tim-kiem/index); nshards: the previous
 * build's shard count. 0 when done, 1 when it cannot be done in place
 * (*why says why; out may hold files, to be freed), -1 when out of memory. */
int mc_search_patch(const char *dir, uint32_t nshards, const mc_search_edit *edits, size_t n,
                    mc_sindex_files *out, uint32_t *version, const char **why);

/* The same for the records files; 0, or 1 with *why. */
int mc_search_patch_records(const char *dir, const mc_search_edit *edits, size_t n,
                            mc_sindex_files *out, uint32_t *version, const char **why);

#endif
