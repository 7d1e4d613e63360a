/* record_save.h — a voice recorded in the preview's browser, saved into
 * its announcement (the "Lưu" of `motcua serve`'s "Ghi âm" control).
 *
 * The recording becomes the announcement's `recording:` (audio/clip.h):
 *   - a bundle (thong-bao/x/index.md): the file is written beside
 *     index.md as ghi-am.<ext> and the front matter's recording: line is
 *     set (replaced, or added before the closing ---);
 *   - a single file (thong-bao/x.md) is first turned into a bundle:
 *     thong-bao/x/index.md with the same text, the old file removed (x/
 *     must not exist yet).
 * The source path comes from the build's own model (never from the
 * request) and is joined onto the site folder with mc_path_join; every
 * file written is in the announcement's folder, written atomically
 * (mc_write_atomic). The extension comes from the request's media type
 * through a table; any other type is refused.
 *
 * Memory: *new_source is malloc'd for the caller; the table is static.
 */
#ifndef MC_RECORD_SAVE_H
#define MC_RECORD_SAVE_H

#include <stddef.h>
#include "diag.h"

/* The largest recording the preview accepts (bytes): 30 minutes of Opus
 * at 128 kbit/s is 29 MB. */
#define MC_RECORD_MAX_BYTES (40u * 1024u * 1024u)

/* The file extension for a recorder's media type ("audio/webm;codecs=opus"
 * -> "webm"), or NULL when it is not one the recorder makes. */
const char *mc_record_ext(const char *media_type);

/* Saves data[0..n) as the recording of the announcement whose source is
 * source (site-relative, "content/thong-bao/x.md"). *new_source: the
 * source afterwards (the bundle's index.md), and *file its recording's
 * site-relative path. 0 or -1 with d filled. */
int mc_record_save(const char *site, const char *source, const char *ext, const void *data,
                   size_t n, char **new_source, char **file, mc_diag *d);

/* The text of a Markdown file with front matter (---) whose recording: is
 * set to name. NULL with d filled when text has no YAML front matter. */
char *mc_record_set_front(const char *text, size_t len, const char *name, const char *file,
                          mc_diag *d);

#endif
