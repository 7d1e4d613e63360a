/* serve.h — the preview web server behind `motcua serve` (libmicrohttpd).
 *
 * The server answers GET and HEAD from one folder, the last successful
 * build, and never from anywhere else:
 *   - the request path is decoded here, not by libmicrohttpd, so that an
 *     encoded slash (%2f), an encoded backslash (%5c), a NUL (%00), a bad
 *     escape, a backslash, a leading "//" or a "." / ".." segment (also as %2e%2e) is
 *     refused with 400 before any file is looked at; what remains is
 *     joined with mc_path_join, which refuses symbolic links that leave the
 *     folder;
 *   - "/a/" means "/a/index.html"; "/a" that is a folder redirects to "/a/";
 *     a missing file gets the site's 404.html with status 404;
 *   - Content-Type comes from the file extension (mc_serve_mime_type);
 *   - every HTML response gets a small script before </body> that listens
 *     to /__motcua/events (Server-Sent Events) and reloads the page on an
 *     "event: reload"; pages listed as drafts also get a visible
 *     "Bản nháp" banner after <body>. The files on disk are never changed:
 *     both are added to the response only.
 * Announcement pages of the preview also get the recording control and its
 * save endpoint, POST MC_SERVE_RECORD (recorder.h), when the caller allows
 * it (mc_server_allow_recording), and the content editor at /admin/ with
 * its backend (mc_server_allow_editor); those are the only requests that
 * write, and both pass the same cross-site checks.
 * After a failed build every page is an error page (status 500) listing
 * the FILE:LINE messages, HTML-escaped, until a build succeeds again; the
 * error page reloads itself too.
 *
 * Threads: libmicrohttpd runs one thread per connection (an event stream
 * blocks its thread while it waits). The published state (folder, drafts,
 * error page, generation) is guarded by one mutex; mc_server_publish and
 * mc_server_fail may be called from any thread.
 *
 * Memory: the mc_server is the caller's, freed by mc_server_stop.
 */
#ifndef MC_SERVE_H
#define MC_SERVE_H

#include <jansson.h>
#include <stddef.h>
#include "diag.h"

typedef struct mc_server mc_server;

/* URL of the reload event stream. */
#define MC_SERVE_EVENTS "/__motcua/events"

/* Starts listening on bind:port (port 0 picks a free port). bind is a
 * numeric IPv4 or IPv6 address or a host name. Returns NULL, d filled, when
 * the address cannot be used. Nothing is served until the first publish. */
mc_server *mc_server_start(const char *bind, int port, mc_diag *d);

/* The port actually listened on. */
int mc_server_port(const mc_server *s);

/* Serves `root` from now on (copied); drafts: output-relative paths
 * ("tin-tuc/x/index.html") that get the draft banner, an object whose keys
 * are the paths (the server takes the reference; may be NULL). Clears any
 * error page and sends "reload" to every open event stream. */
void mc_server_publish(mc_server *s, const char *root, json_t *drafts);

/* The build's messages about each page, shown at the top of the page in
 * the preview (HTML-escaped): checks maps output paths to arrays of
 * "FILE:LINE: warning: ..." strings (the server takes the reference; may
 * be NULL). Set it before mc_server_publish, which reloads the pages. */
void mc_server_set_checks(mc_server *s, json_t *checks);

/* Turns on the recording control (recorder.h) for the pages listed:
 * pages maps output paths ("thong-bao/x/index.html") to the site-relative
 * source of their announcement ("content/thong-bao/x.md"; the server takes
 * the reference); recordings are saved under site. The session token is
 * made on the first call. 0, or -1 when no random token could be made
 * (recording then stays off). */
int mc_server_allow_recording(mc_server *s, const char *site, json_t *pages);

/* Turns on the content editor: /admin/ (editor_page.h), its files from
 * editor_dir (Decap CMS's dist folder; NULL: a page says how to install
 * it), and its backend POST MC_SERVE_EDITOR_API (editor_backend.h) on the
 * site folder site, with the same checks as the recording's save: this
 * computer, an Origin of this server, the session token. 0, or -1 when no
 * random token could be made (the editor then stays off). */
int mc_server_allow_editor(mc_server *s, const char *site, const char *editor_dir);

/* Serves an error page listing errs instead of the site, and sends
 * "reload" to every open event stream. */
void mc_server_fail(mc_server *s, const mc_diag_list *errs);

/* Closes every event stream, stops listening and frees s. */
void mc_server_stop(mc_server *s);

/* MIME type for a file name ("text/html; charset=utf-8" for "a.html");
 * "application/octet-stream" when the extension is unknown. Static string. */
const char *mc_serve_mime_type(const char *name);

/* Decodes a request path ("/tin-tuc/a%20b/") into a folder-relative path
 * ("tin-tuc/a b/"), refusing everything listed above. Returns NULL when the
 * path must be refused. Caller frees. */
char *mc_serve_decode_path(const char *url);

#endif
