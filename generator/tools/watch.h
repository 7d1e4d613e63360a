/* watch.h — notice when a site's sources change (Linux inotify).
 *
 * mc_watch_open watches the site folder itself (for site.yaml and for the
 * source folders appearing or disappearing) and, recursively, the folders a
 * build reads: content/, themes/, static/, data/, i18n/. Output folders
 * (public/, .motcua/ and anything else at the top) are never watched, so a
 * build cannot wake its own watcher. Folders created later are watched as
 * they appear. Hidden names (".x.swp", ".NAME.XXXXXX" temporaries) and
 * editor backups ("x~") are ignored.
 *
 * mc_watch_wait returns once something changed and then stayed quiet for
 * the debounce interval (an editor's save is several events: write, rename,
 * attribute change), so one save gives one rebuild.
 *
 * Memory: the mc_watch is the caller's; mc_watch_close frees it.
 */
#ifndef MC_WATCH_H
#define MC_WATCH_H

#include "diag.h"

typedef struct mc_watch mc_watch;

/* Starts watching SITE. Returns NULL with d filled on failure. */
mc_watch *mc_watch_open(const char *site, mc_diag *d);

/* Waits at most timeout_ms for a change. Returns 1 when a change happened
 * (after debounce_ms without further events), 0 on timeout, -1 on error.
 * `changed` (may be NULL, size n) receives the site-relative path of the
 * first changed file, for the terminal message. */
int mc_watch_wait(mc_watch *w, int timeout_ms, int debounce_ms, char *changed, size_t n);

void mc_watch_close(mc_watch *w);

#endif
