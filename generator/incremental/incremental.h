/* incremental.h — rebuild only what changed, and prove nothing else did.
 *
 * A build cache per output folder (SITE/.motcua/build-<hash of the output
 * folder's real path>.cache, format in build_cache.c) records:
 *   - the inputs: a digest of the size and modification time of every file
 *     under content/, static/, data/, i18n/, the theme, and site.yaml, and
 *     of the options that change the output (drafts, future, base URL);
 *   - the moment the site changes by itself (the next future-dated page or
 *     announcement expiry);
 *   - for every output file, a key: the SHA-256 of everything it is made
 *     from (its context as JSON, the Markdown body, the templates, the link
 *     map, the generator's version), and the size and mtime it was written
 *     with.
 * Two shortcuts follow. When the inputs and options are unchanged, the clock
 * has not passed the next change, and every output file is still as written,
 * the build does nothing (a no-op costs a scan of the folder). Otherwise the
 * build loads and models the whole site as usual, and an output whose key is
 * unchanged and whose old file is still as written is kept instead of
 * rendered (hard-linked into the staging folder, or left in place when the
 * build patches the output folder: staging.h): same bytes, same inode, same
 * mtime. The result is byte-identical to a clean build, since
 * every input of an output is in its key.
 * A cache that does not parse, was written by another version, or for
 * another folder is ignored with a warning, never trusted.
 *
 * Memory: mc_cache owns its text and entries; free with mc_cache_free. Keys returned by
 * mc_output_keys are an array of 65-byte hex strings the caller frees (one
 * block, free()).
 */
#ifndef MC_INCREMENTAL_H
#define MC_INCREMENTAL_H

#include <jansson.h>
#include <stddef.h>
#include "diag.h"
#include "fileio.h"
#include "model.h"

typedef struct mc_cache mc_cache;

/* The cache file for an output folder (which must exist to have a real
 * path). Caller frees. NULL when the output folder does not exist yet. */
char *mc_cache_path(const char *site, const char *out);

/* SHA-256 (hex, MC_KEY_SIZE bytes into out) of the options and of the
 * name, size and mtime of every input file, for comparison with the cache.
 * It is made of two parts: the stamps of the pages (the .md files under
 * content/) and the rest (options, every name, every other file);
 * rest_out (may be NULL) gets the rest's digest (MC_KEY_SIZE bytes), which
 * stays the same when only pages were edited (edit_build.h). content (may
 * be NULL) gets the names (relative to SITE/content, in listing order) and
 * stamps the digest took of the content files, for a build that reads them
 * meanwhile to compare with what it read (a missing file has size -1);
 * free it with mc_input_stamps_free. */
typedef struct mc_input_stamps {
    char **names;
    mc_file_stamp *stamps;
    size_t count;
} mc_input_stamps;
void mc_inputs_digest(const char *site, const char *theme_dir, const char *options, char *out,
                      char *rest_out, mc_input_stamps *content);
void mc_input_stamps_free(mc_input_stamps *s);

/* The stamp taken of content file `name`, looking from *k on (*k moves to
 * it: callers walking names in listing order pass the same k); NULL when
 * it is not there. */
const mc_file_stamp *mc_input_stamp_seek(const mc_input_stamps *s, size_t *k, const char *name);

/* Loads and validates the cache; NULL when there is none or it cannot be
 * trusted (a warning says why in errs). */
mc_cache *mc_cache_load(const char *path, const char *out, mc_diag_list *errs);
void mc_cache_free(mc_cache *c);

/* 1 when every output file the cache lists is still there with the size
 * and mtime it was written with. Each answer is kept for
 * mc_cache_reusable, which then does not look at the files again. */
int mc_cache_outputs_intact(mc_cache *c, const char *out);

/* 1 when, the outputs being intact, nothing needs doing: same inputs and
 * the clock before the next change. *pages receives the cached page count. */
int mc_cache_is_current(const mc_cache *c, const char *inputs, long long now, size_t *pages);

/* Extra text for the key of output o, or NULL (called from several threads). */
typedef const char *(*mc_key_salt_fn)(void *ctx, const mc_output *o);

/* Keys of every output of m (parallel on jobs threads); salt may be NULL. */
char *mc_output_keys(const mc_model *m, int jobs, mc_key_salt_fn salt, void *salt_ctx);

/* For each output: 1 when its old file can be kept instead of rendered;
 * stamps[i] (when stamps is not NULL) then gets the size and mtime the
 * cache recorded for it. */
unsigned char *mc_cache_reusable(mc_cache *c, const mc_model *m, const char *keys,
                                 const char *out, size_t *count, mc_file_stamp *stamps);

/* Paths of the outputs the cache lists that m no longer makes (the caller
 * frees each and the array; NULL with *count 0 when there are none). */
char **mc_cache_stale(const mc_cache *c, const mc_model *m, size_t *count);

/* Writes the cache for a finished build. */
int mc_cache_save(const char *path, const char *out, const char *inputs, long long next_change,
                  const mc_model *m, const char *keys, const mc_file_stamp *stamps,
                  size_t pages, mc_diag *d);

/* What a loaded cache says, for a build after an edit of pages only
 * (edit_build.h): the inputs digest, the page count, the next change, how
 * many outputs, and whether it lists an output path. */
const char *mc_cache_inputs(const mc_cache *c);
size_t mc_cache_pages(const mc_cache *c);
long long mc_cache_next_change(const mc_cache *c);
size_t mc_cache_outputs(const mc_cache *c);
int mc_cache_has_output(const mc_cache *c, const char *path);

/* Writes c again with new inputs; the outputs paths[0..n) get stamps[k]
 * and a key no build makes (the next full build renders them again). */
int mc_cache_resave(const mc_cache *c, const char *path, const char *out, const char *inputs,
                    char *const *paths, const mc_file_stamp *stamps, size_t n, mc_diag *d);

/* Size of one key in the block mc_output_keys returns. */
#define MC_KEY_SIZE 65

#endif
