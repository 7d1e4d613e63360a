/* editor_backend.h — the local backend of the content editor at /admin/:
 * Decap CMS's proxy protocol (what its `decap-server` answers), served by
 * `motcua serve` on the site folder itself.
 *
 * A request is one JSON object {"action": ..., "params": {...}}; the
 * answer is JSON, or {"error": "..."} with a 4xx status, which the editor
 * shows. Actions: info, entriesByFolder, entriesByFiles, getEntry,
 * persistEntry, getMedia, getMediaFile, persistMedia, deleteFile,
 * deleteFiles, getDeployPreview, unpublishedEntries (none: simple
 * publishing), and "slug" ({title} -> {slug}: `motcua slug` of a title,
 * which the editor's script asks for before it saves a new page).
 *
 * Every path is site-relative and must lie under content/: it is
 * normalised (mc_path_normalize: no absolute path, no ".." climbing out),
 * no segment may start with '.', and it is joined onto the site with
 * mc_path_join, which refuses a symbolic link that leads out. Anything
 * else is refused with 403 before a file is looked at.
 *
 * Pages go to the editor with the shapes its form expects (a string of a
 * list key as a one-item list, allowed values as their codes) and come
 * back through front_write.h: the file saved is the file a person would
 * write, keys in the field table's order. A page whose front matter does
 * not load is refused with its FILE:LINE message and nothing is written.
 * Files are written atomically (mc_write_atomic), media from base64.
 *
 * Memory: *reply is malloc'd for the caller.
 */
#ifndef MC_EDITOR_BACKEND_H
#define MC_EDITOR_BACKEND_H

#include <stddef.h>

/* The largest request accepted (a page with its files, in base64). */
#define MC_EDITOR_MAX_BYTES (64u * 1024u * 1024u)

/* Answers the request body[0..n) on the site folder site. Returns the HTTP
 * status; *reply gets the JSON answer (NULL only when out of memory). */
unsigned mc_editor_answer(const char *site, const char *body, size_t n, char **reply);

#endif
