/* staging.h — build into a fresh folder beside the output, then swap it in.
 *
 * mc_staging_open creates "OUT.staging-XXXXXX" next to OUT (same file
 * system, so the final rename is atomic). When the build succeeded,
 * mc_staging_commit exchanges it with OUT in one renameat2(RENAME_EXCHANGE)
 * call (or a plain rename when OUT does not exist yet) and removes the old
 * site. When it failed, mc_staging_abort removes the staging folder and OUT
 * is exactly as it was. A web server reading OUT never sees a half-built site.
 *
 * An incremental build that changes a few files of a large site patches
 * OUT instead (mc_staging_patch): the staging folder then holds only the
 * changed files, each is renamed into OUT (every file is replaced
 * atomically; a reader may see some new files beside old ones for the
 * moment the renames take), and the files the site no longer has are
 * removed. A build that fails before this step leaves OUT as it was.
 *
 * Memory: the mc_staging owns its path strings; commit, patch and abort
 * free them.
 */
#ifndef MC_STAGING_H
#define MC_STAGING_H

#include "diag.h"

typedef struct mc_staging {
    char *out;   /* the output folder */
    char *dir;   /* the staging folder being filled */
    int lock;    /* open on dir, flock'ed while the build runs; -1 none */
    int inside;  /* 1: OUT is a mount point, dir is inside it */
} mc_staging;

/* Removes what killed builds left for out (see above); mc_staging_open
 * does it too, and a build that finds nothing to do calls it. */
void mc_staging_sweep(const char *out);

int mc_staging_open(mc_staging *s, const char *out, mc_diag *d);
int mc_staging_commit(mc_staging *s, mc_diag *d);
void mc_staging_abort(mc_staging *s);

/* Moves each of changed[] (paths relative to both folders) from the staging
 * folder into OUT, then removes stale[] from OUT with the folders they
 * leave empty, then the staging folder. On failure OUT may hold some of
 * the new files: the caller must not trust its build cache. */
int mc_staging_patch(mc_staging *s, char *const *changed, size_t nchanged,
                     char *const *stale, size_t nstale, mc_diag *d);

#endif
