/* staging.h — build into a fresh folder beside the output, then swap it in.
 *
 * mc_staging_open creates "OUT.staging-XXXXXX" next to OUT (same file
 * system, so the final rename is atomic). When the build succeeded,
 * mc_staging_commit exchanges it with OUT in one renameat2(RENAME_EXCHANGE)
 * call (or a plain rename when OUT does not exist yet) and removes the old
 * site. When it failed, mc_staging_abort removes the staging folder and OUT
 * is exactly as it was. A web server reading OUT never sees a half-built site.
 *
 * Memory: the mc_staging owns its path strings; commit and abort free them.
 */
#ifndef MC_STAGING_H
#define MC_STAGING_H

#include "diag.h"

typedef struct mc_staging {
    char *out;   /* the output folder */
    char *dir;   /* the staging folder being filled */
} mc_staging;

int mc_staging_open(mc_staging *s, const char *out, mc_diag *d);
int mc_staging_commit(mc_staging *s, mc_diag *d);
void mc_staging_abort(mc_staging *s);

#endif
