/* recorder.h — the "Ghi âm" control `motcua serve` adds to announcement
 * pages in preview, and the checks its save request must pass.
 *
 * The control (HTML + a small script, added to the response only, never to
 * the files on disk): "Ghi âm" asks for the microphone and records with
 * MediaRecorder (Opus in WebM, or whatever the browser makes), "Dừng"
 * stops, the recording plays back in an <audio>, "Lưu" POSTs it to
 * MC_SERVE_RECORD?page=<output path> with the session token in the
 * X-Motcua-Token header. The server saves it (record_save.h); its watcher
 * then rebuilds, the page reloads, and the new broadcast version plays.
 *
 * A save is accepted only when (serve.c):
 *   - the client's address is loopback (127.0.0.0/8 or ::1), whatever
 *     address the server listens on;
 *   - Host names this computer (127.0.0.1, localhost, [::1]) and Origin is
 *     exactly "http://" + that Host (mc_record_origin_ok): another site's
 *     page cannot post, nor can a DNS-rebinding name;
 *   - the token is this server's (32 hex digits from /dev/urandom, made
 *     when it starts, compared in constant time): a page that did not come
 *     from this server does not have it;
 *   - the page is an announcement of the current build; the file goes
 *     only into that announcement's folder;
 *   - the body is at most MC_RECORD_MAX_BYTES and its media type is one a
 *     recorder makes.
 *
 * Memory: mc_recorder_html returns a malloc'd string the caller frees.
 */
#ifndef MC_RECORDER_H
#define MC_RECORDER_H

#define MC_SERVE_RECORD "/__motcua/record"

/* The control for page (an output path) with token; NULL when out of
 * memory or page has characters other than [A-Za-z0-9._/-]. */
char *mc_recorder_html(const char *token, const char *page);

/* 1 when host is this computer's (with an optional :port) and origin is
 * "http://" + host. */
int mc_record_origin_ok(const char *host, const char *origin);

/* 1 when a and b are equal, taking the same time wherever they differ. */
int mc_record_token_equal(const char *a, const char *b);

#endif
