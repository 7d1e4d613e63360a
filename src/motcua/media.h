/* media.h — how the motcua program reaches its audio and network parts.
 *
 * Announcement audio (announce_audio.h), the preview server (serve.h) and
 * the external link check (check_internal.h) need espeak-ng, libsndfile,
 * LAME, libsoxr, libebur128, TagLib, libmicrohttpd and libcurl, which
 * bring about 65 shared libraries with them. Loading those costs every run
 * about 9 ms before main() starts, a fifth of a build that finds nothing
 * to do. So the program is linked without them: those three parts are built
 * into motcua-media.so, and the motcua program's versions of their
 * functions (media.c) load it on first use and call through. The unit
 * tests and loa link the parts directly.
 *
 * The library is looked for beside the program (the build tree, or a
 * relocated install), then in MC_LIBDIR (`make install`).
 */
#ifndef MC_MEDIA_H
#define MC_MEDIA_H

#include "diag.h"

/* Loads motcua-media.so if it is not loaded yet. 0, or -1 with d saying
 * which file is missing and what to do. */
int mc_media_load(mc_diag *d);

#endif
