/* serve.c — the preview web server (see serve.h).
 *
 * Request flow: answer() refuses methods other than GET/HEAD, routes the
 * event stream, serves the error page while the last build failed, and
 * otherwise decodes the path (mc_serve_decode_path), joins it onto the
 * published folder (mc_path_join) and sends the file. HTML goes through
 * html_response(), which adds the draft banner and the reload script to a
 * copy in memory; every other file is sent from its descriptor.
 *
 * Event streams: each one remembers the generation it last told about and
 * blocks in its reader callback (its own connection thread) on a condition
 * variable until the generation moves, the server stops, or 15 s pass (a
 * ": keep-alive" comment then keeps proxies and browsers from timing out).
 *
 * Limits: one client address may hold MC_SERVE_PER_CLIENT connections, and
 * a connection that sends nothing for MC_SERVE_IDLE_SECONDS is closed (an
 * event stream sends its keep-alive twice in that time), so a thousand
 * idle, half-sent requests from one machine cannot take every connection.
 */
#include "serve.h"
#include "editor_backend.h"
#include "editor_page.h"
#include "fileio.h"
#include "recorder.h"
#include "record_save.h"
#include "safepath.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MC_SERVE_PER_CLIENT 64    /* a browser opens 6 per host, plus a stream per tab */
#define MC_SERVE_IDLE_SECONDS 30  /* keep-alives come every 15 s */

struct mc_server {
    struct MHD_Daemon *daemon;
    int port;
    pthread_mutex_t lock;
    pthread_cond_t changed;   /* broadcast when generation or stopping moves */
    char *root;               /* published folder, NULL before the first build */
    json_t *drafts;           /* output path -> true */
    json_t *checks;           /* output path -> [the build's messages about its page] */
    char *error_html;         /* the error page while the build is broken */
    unsigned long generation; /* bumped by every publish or fail */
    int stopping;
    char *site;               /* the site folder recordings are saved in; NULL = off */
    json_t *recordable;       /* output path -> site-relative source of an announcement */
    char token[33];           /* the session token of the recording control and the editor */
    char *editor_dir;         /* the editor's files (Decap CMS); NULL = no /admin/ */
    int editor;               /* /admin/ is on */
};

typedef struct stream {
    mc_server *s;
    unsigned long seen;
    int greeted;
} stream;

static const char reload_script[] =
    "<script>(function(){var e=new EventSource(\"" MC_SERVE_EVENTS "\");"
    "e.addEventListener(\"reload\",function(){e.close();location.reload();});})();</script>\n";

static const char checks_head[] =
    "\n<section id=\"motcua-checks\" role=\"note\" style=\"background:#fff0f0;color:#5a0000;"
    "border-bottom:3px solid #a40000;padding:.6em 1em;font:1rem/1.5 sans-serif\">"
    "<strong>Kiểm tra trang này (chỉ có trong bản xem trước):</strong><ul style=\"margin:.3em 0\">\n";

static const char draft_banner[] =
    "\n<div role=\"note\" style=\"background:#ffe08a;color:#3b2a00;border-bottom:3px solid "
    "#b58100;padding:.6em 1em;font:bold 1rem/1.4 sans-serif;text-align:center\">"
    "Bản nháp — trang này chưa được xuất bản (draft: not published yet)</div>\n";

/* ---- MIME types ---- */

static const struct { const char *ext, *type; } mime_types[] = {
    {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"}, {"json", "application/json"},
    {"xml", "application/xml"}, {"rss", "application/rss+xml"},
    {"atom", "application/atom+xml"}, {"webmanifest", "application/manifest+json"},
    {"txt", "text/plain; charset=utf-8"}, {"md", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"}, {"svg", "image/svg+xml"}, {"png", "image/png"},
    {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"},
    {"webp", "image/webp"}, {"avif", "image/avif"}, {"ico", "image/x-icon"},
    {"pdf", "application/pdf"}, {"mp3", "audio/mpeg"}, {"ogg", "audio/ogg"},
    {"oga", "audio/ogg"}, {"opus", "audio/ogg; codecs=opus"}, {"m4a", "audio/mp4"},
    {"wav", "audio/wav"}, {"flac", "audio/flac"}, {"m3u8", "application/vnd.apple.mpegurl"},
    {"m3u", "audio/x-mpegurl"}, {"mp4", "video/mp4"}, {"webm", "video/webm"},
    {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"},
    {"otf", "font/otf"}, {"zip", "application/zip"}, {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"odt", "application/vnd.oasis.opendocument.text"}, {"wasm", "application/wasm"},
};

const char *mc_serve_mime_type(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    if (dot && dot[1]) {
        for (size_t i = 0; i < sizeof mime_types / sizeof *mime_types; i++)
            if (!strcasecmp(dot + 1, mime_types[i].ext)) return mime_types[i].type;
    }
    return "application/octet-stream";
}

/* ---- request paths ---- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* %XX escapes decoded; NULL for a bad escape or an escaped NUL, and for an
 * escaped '/' or '\' unless any_char (a query value, only ever looked up). */
static char *percent_decode(const char *url, int any_char)
{
    char *out = malloc(strlen(url) + 1), *o = out;
    if (!out) return NULL;
    for (const char *p = url; *p; p++) {
        if (*p != '%') { *o++ = *p; continue; }
        int hi = hex_value(p[1]), lo = hi < 0 ? -1 : hex_value(p[2]);
        int c = hi * 16 + lo;
        if (hi < 0 || lo < 0 || c == 0 || (!any_char && (c == '/' || c == '\\'))) {
            free(out);
            return NULL;
        }
        *o++ = (char)c;
        p += 2;
    }
    *o = '\0';
    return out;
}

/* No backslash, control character, or "." / ".." segment. */
static int path_is_plain(const char *path)
{
    for (const char *p = path; *p; p++)
        if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f) return 0;
    for (const char *seg = path; seg; seg = strchr(seg, '/')) {
        if (*seg == '/') seg++;
        size_t n = strcspn(seg, "/");
        if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.')) return 0;
    }
    return 1;
}

char *mc_serve_decode_path(const char *url)
{
    if (!url || url[0] != '/') return NULL;
    char *path = percent_decode(url, 0);
    /* "//x" would leave "/x", an absolute path, once the '/' is dropped */
    if (!path || !path_is_plain(path) || path[1] == '/') { free(path); return NULL; }
    memmove(path, path + 1, strlen(path)); /* drop the leading '/' */
    return path;
}

/* libmicrohttpd must leave escapes alone: mc_serve_decode_path decodes. */
static size_t keep_escapes(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

/* ---- responses ---- */

/* Sends r with its type and no caching (a preview always shows the latest
 * build), and lets go of it. */
static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, const char *type,
                             struct MHD_Response *r)
{
    if (type) {
        MHD_add_response_header(r, "Content-Type", type);
        MHD_add_response_header(r, "Cache-Control", "no-store");
    }
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_buffer(struct MHD_Connection *c, unsigned status, const char *type,
                                   char *body, size_t n)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
    if (!r) { free(body); return MHD_NO; }
    return queue(c, status, type, r);
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
    char *body = strdup(text);
    if (!body) return MHD_NO;
    return send_buffer(c, status, "text/plain; charset=utf-8", body, strlen(body));
}

/* Case-insensitive search for tag (e.g. "</body") in html; last match when
 * `last`, else the first. */
static const char *find_tag(const char *html, size_t n, const char *tag, int last)
{
    size_t t = strlen(tag);
    const char *found = NULL;
    for (size_t i = 0; i + t <= n; i++) {
        if (html[i] == '<' && !strncasecmp(html + i, tag, t)) {
            found = html + i;
            if (!last) break;
        }
    }
    return found;
}

/* A copy of html with top (may be NULL: the draft banner, the checks)
 * after <body ...> and the extra HTML (may be NULL) and the reload script
 * before the last </body> (or at the end). */
static char *inject(const char *html, size_t n, const char *top, const char *more, size_t *out_n)
{
    size_t tn = top ? strlen(top) : 0;
    size_t extra = sizeof reload_script + tn + (more ? strlen(more) : 0);
    char *out = malloc(n + extra + 1);
    if (!out) return NULL;
    const char *body = top ? find_tag(html, n, "<body", 0) : NULL;
    const char *body_end = body ? memchr(body, '>', n - (size_t)(body - html)) : NULL;
    size_t cut1 = body_end ? (size_t)(body_end - html) + 1 : 0;
    const char *close = find_tag(html, n, "</body", 1);
    size_t cut2 = close && (size_t)(close - html) >= cut1 ? (size_t)(close - html) : n;
    size_t o = 0;
    memcpy(out, html, cut1);
    o += cut1;
    if (top) { memcpy(out + o, top, tn); o += tn; }
    memcpy(out + o, html + cut1, cut2 - cut1);
    o += cut2 - cut1;
    if (more) { memcpy(out + o, more, strlen(more)); o += strlen(more); }
    memcpy(out + o, reload_script, sizeof reload_script - 1);
    o += sizeof reload_script - 1;
    memcpy(out + o, html + cut2, n - cut2);
    o += n - cut2;
    out[o] = '\0';
    *out_n = o;
    return out;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static enum MHD_Result html_response(struct MHD_Connection *c, unsigned status, const char *file,
                                     const char *top, const char *more)
{
    size_t n, out_n;
    char *html = mc_read_file(file, &n, NULL);
    if (!html) return send_text(c, 500, "cannot read the page\n");
    char *out = inject(html, n, top, more, &out_n);
    free(html);
    if (!out) return MHD_NO;
    return send_buffer(c, status, "text/html; charset=utf-8", out, out_n);
}

static enum MHD_Result file_response(struct MHD_Connection *c, const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0) close(fd);
        return send_text(c, 500, "cannot read the file\n");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((size_t)st.st_size, fd);
    if (!r) { close(fd); return MHD_NO; }
    return queue(c, MHD_HTTP_OK, mc_serve_mime_type(file), r);
}

static enum MHD_Result redirect(struct MHD_Connection *c, const char *url)
{
    size_t n = strlen(url) + 2;
    char *to = malloc(n);
    if (!to) return MHD_NO;
    snprintf(to, n, "%s/", url);
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) { free(to); return MHD_NO; }
    MHD_add_response_header(r, "Location", to);
    free(to);
    return queue(c, MHD_HTTP_MOVED_PERMANENTLY, NULL, r);
}

/* ---- the published state ---- */

/* Copies of the published folder (NULL before any build) and of the error
 * page (NULL while the build is fine). Caller frees both. */
static void snapshot(mc_server *s, char **root, char **error)
{
    pthread_mutex_lock(&s->lock);
    *root = s->root ? strdup(s->root) : NULL;
    *error = s->error_html ? strdup(s->error_html) : NULL;
    pthread_mutex_unlock(&s->lock);
}

static void append_escaped(char **buf, size_t *len, size_t *cap, const char *text);
static void append_raw(char **buf, size_t *len, size_t *cap, const char *text);

/* What goes at the top of the page at rel: the draft banner when it is a
 * draft, and the list of the build's checks on it (HTML-escaped); NULL
 * when nothing. Caller frees. */
static char *top_of(mc_server *s, const char *rel)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    pthread_mutex_lock(&s->lock);
    if (s->drafts && json_object_get(s->drafts, rel)) append_raw(&buf, &len, &cap, draft_banner);
    json_t *msgs = s->checks ? json_object_get(s->checks, rel) : NULL;
    if (json_array_size(msgs)) {
        append_raw(&buf, &len, &cap, checks_head);
        size_t i;
        json_t *m;
        json_array_foreach(msgs, i, m) {
            append_raw(&buf, &len, &cap, "<li>");
            append_escaped(&buf, &len, &cap, json_string_value(m));
            append_raw(&buf, &len, &cap, "</li>\n");
        }
        append_raw(&buf, &len, &cap, "</ul></section>\n");
    }
    pthread_mutex_unlock(&s->lock);
    return buf;
}

/* The recording control for the page at rel, or NULL when it has none. */
static char *recorder_for(mc_server *s, const char *rel)
{
    pthread_mutex_lock(&s->lock);
    int yes = s->site && s->recordable && json_object_get(s->recordable, rel) != NULL;
    pthread_mutex_unlock(&s->lock);
    return yes ? mc_recorder_html(s->token, rel) : NULL;
}

static void bump(mc_server *s)
{
    s->generation++;
    pthread_cond_broadcast(&s->changed);
}

void mc_server_publish(mc_server *s, const char *root, json_t *drafts)
{
    char *copy = strdup(root);
    pthread_mutex_lock(&s->lock);
    free(s->root);
    s->root = copy;
    json_decref(s->drafts);
    s->drafts = drafts;
    free(s->error_html);
    s->error_html = NULL;
    bump(s);
    pthread_mutex_unlock(&s->lock);
}

void mc_server_set_checks(mc_server *s, json_t *checks)
{
    pthread_mutex_lock(&s->lock);
    json_decref(s->checks);
    s->checks = checks;
    pthread_mutex_unlock(&s->lock);
}

static void append_escaped(char **buf, size_t *len, size_t *cap, const char *text)
{
    for (const char *p = text; *p; p++) {
        const char *rep = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;"
                        : *p == '"' ? "&quot;" : NULL;
        size_t k = rep ? strlen(rep) : 1;
        if (*len + k + 1 > *cap) {
            size_t ncap = (*cap + k) * 2 + 256;
            char *b = realloc(*buf, ncap);
            if (!b) return;
            *buf = b;
            *cap = ncap;
        }
        memcpy(*buf + *len, rep ? rep : p, k);
        *len += k;
        (*buf)[*len] = '\0';
    }
}

static void append_raw(char **buf, size_t *len, size_t *cap, const char *text)
{
    size_t k = strlen(text);
    if (*len + k + 1 > *cap) {
        size_t ncap = (*cap + k) * 2 + 256;
        char *b = realloc(*buf, ncap);
        if (!b) return;
        *buf = b;
        *cap = ncap;
    }
    memcpy(*buf + *len, text, k + 1);
    *len += k;
}

static char *error_page(const mc_diag_list *errs)
{
    char *buf = NULL, line[2048];
    size_t len = 0, cap = 0;
    append_raw(&buf, &len, &cap,
               "<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\">"
               "<title>Lỗi khi dựng trang</title></head>\n"
               "<body style=\"font:1rem/1.5 sans-serif;margin:2em\">\n"
               "<h1 style=\"color:#a40000\">Lỗi khi dựng trang (build failed)</h1>\n"
               "<p>Sửa các lỗi dưới đây và lưu tệp; trang sẽ tự tải lại.</p>\n"
               "<pre style=\"white-space:pre-wrap;background:#fff0f0;padding:1em\">");
    for (size_t i = 0; i < errs->count; i++) {
        append_escaped(&buf, &len, &cap, mc_diag_format(&errs->items[i], line, sizeof line));
        append_raw(&buf, &len, &cap, "\n");
    }
    append_raw(&buf, &len, &cap, "</pre>\n");
    append_raw(&buf, &len, &cap, reload_script);
    append_raw(&buf, &len, &cap, "</body>\n</html>\n");
    return buf;
}

void mc_server_fail(mc_server *s, const mc_diag_list *errs)
{
    char *page = error_page(errs);
    pthread_mutex_lock(&s->lock);
    free(s->error_html);
    s->error_html = page;
    bump(s);
    pthread_mutex_unlock(&s->lock);
}

/* ---- the event stream ---- */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream *st = cls;
    mc_server *s = st->s;
    if (!st->greeted) {
        st->greeted = 1;
        return snprintf(buf, max, "retry: 300\n: connected\n\n");
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 15;
    pthread_mutex_lock(&s->lock);
    int timed_out = 0;
    while (!s->stopping && s->generation == st->seen && !timed_out)
        timed_out = pthread_cond_timedwait(&s->changed, &s->lock, &until) == ETIMEDOUT;
    int stopping = s->stopping;
    unsigned long gen = s->generation;
    pthread_mutex_unlock(&s->lock);
    if (stopping) return MHD_CONTENT_READER_END_OF_STREAM;
    if (gen == st->seen) return snprintf(buf, max, ": keep-alive\n\n");
    st->seen = gen;
    return snprintf(buf, max, "event: reload\ndata: %lu\n\n", gen);
}

static enum MHD_Result events_response(mc_server *s, struct MHD_Connection *c)
{
    stream *st = calloc(1, sizeof *st);
    if (!st) return MHD_NO;
    st->s = s;
    pthread_mutex_lock(&s->lock);
    st->seen = s->generation;
    pthread_mutex_unlock(&s->lock);
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, stream_read,
                                                               st, free);
    if (!r) { free(st); return MHD_NO; }
    return queue(c, MHD_HTTP_OK, "text/event-stream", r);
}

/* ---- files ---- */

/* The site's 404.html with status 404, or a short text. */
static enum MHD_Result not_found(struct MHD_Connection *c, const char *root)
{
    size_t n = strlen(root) + 16;
    char *page = malloc(n);
    if (!page) return MHD_NO;
    snprintf(page, n, "%s/404.html", root);
    enum MHD_Result ret = access(page, R_OK) == 0 ? html_response(c, MHD_HTTP_NOT_FOUND, page, NULL, NULL)
                                                  : send_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
    free(page);
    return ret;
}

/* rel is decoded and plain; "" or ".../" means the folder's index.html. */
static enum MHD_Result serve_path(mc_server *s, struct MHD_Connection *c, const char *url,
                                  const char *rel, const char *root)
{
    size_t n = strlen(rel);
    char *want = malloc(n + 16);
    if (!want) return MHD_NO;
    snprintf(want, n + 16, "%s%s", rel, n == 0 || rel[n - 1] == '/' ? "index.html" : "");
    char *file = mc_path_join(root, want, NULL);
    struct stat st;
    enum MHD_Result ret;
    if (!file || stat(file, &st) != 0) ret = not_found(c, root);
    else if (S_ISDIR(st.st_mode)) ret = redirect(c, url);
    else if (!S_ISREG(st.st_mode)) ret = not_found(c, root);
    else if (ends_with(file, ".html") || ends_with(file, ".htm")) {
        char *control = recorder_for(s, want);
        char *top = top_of(s, want);
        ret = html_response(c, MHD_HTTP_OK, file, top, control);
        free(top);
        free(control);
    } else ret = file_response(c, file);
    free(file);
    free(want);
    return ret;
}

/* ---- saving a recording (recorder.h) ---- */

typedef struct upload {
    char *data;
    size_t len, cap;
    int refused;              /* a response was queued already */
} upload;

static int loopback_client(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (!sa) return 0;
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) ||
               (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

/* Why a request that writes may not, or NULL when it may: it comes from
 * this computer, from a page of this server (Origin), with the session
 * token. Checked before the body is read. */
static const char *cross_site_refusal(mc_server *s, struct MHD_Connection *c)
{
    if (!loopback_client(c)) return "only accepted from this computer\n";
    if (!mc_record_origin_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"),
                             MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin")))
        return "cross-site request refused: the Origin must be this preview server\n";
    if (!mc_record_token_equal(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Motcua-Token"),
                               s->token))
        return "the session token is missing or wrong; reload the page\n";
    return NULL;
}

/* Why the recording may not be saved, or NULL when it may. */
static const char *refusal(mc_server *s, struct MHD_Connection *c, unsigned *status)
{
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    *status = MHD_HTTP_FORBIDDEN;
    if (!s->site || !s->recordable) return "recording is only possible in the preview of a site\n";
    const char *why = cross_site_refusal(s, c);
    if (why) return why;
    *status = MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
    if (!mc_record_ext(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type")))
        return "not an audio type a recorder makes (audio/webm, audio/ogg, audio/mp4, ...)\n";
    *status = MHD_HTTP_CONTENT_TOO_LARGE;
    if (len && strtoull(len, NULL, 10) > MC_RECORD_MAX_BYTES)
        return "the recording is too large (at most 40 MB, about 30 minutes)\n";
    return NULL;
}

/* Why the editor's request may not be answered, or NULL when it may. */
static const char *editor_refusal(mc_server *s, struct MHD_Connection *c, unsigned *status)
{
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    *status = MHD_HTTP_FORBIDDEN;
    if (!s->editor) return "the editor is only on in the preview of a site\n";
    const char *why = cross_site_refusal(s, c);
    if (why) return why;
    *status = MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
    if (!type || strncasecmp(type, "application/json", 16) != 0) return "send JSON (application/json)\n";
    *status = MHD_HTTP_CONTENT_TOO_LARGE;
    if (len && strtoull(len, NULL, 10) > MC_EDITOR_MAX_BYTES)
        return "the request is too large (at most 64 MB)\n";
    return NULL;
}

/* The source of the page the query names, or NULL (copied). */
static char *source_of(mc_server *s, struct MHD_Connection *c)
{
    const char *page = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
    char *decoded = page ? percent_decode(page, 1) : NULL, *src = NULL;
    pthread_mutex_lock(&s->lock);
    const char *v = decoded && s->recordable ? json_string_value(json_object_get(s->recordable, decoded)) : NULL;
    if (v) src = strdup(v);
    pthread_mutex_unlock(&s->lock);
    free(decoded);
    return src;
}

static enum MHD_Result save_recording(mc_server *s, struct MHD_Connection *c, upload *u)
{
    char *src = source_of(s, c);
    if (!src) return send_text(c, MHD_HTTP_NOT_FOUND, "no announcement at this page; reload it\n");
    const char *ext = mc_record_ext(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
    char *new_source = NULL, *file = NULL;
    mc_diag d;
    mc_diag_clear(&d);
    int rc = u->len ? mc_record_save(s->site, src, ext, u->data, u->len, &new_source, &file, &d)
                    : mc_diag_set(&d, src, 0, 0, "the recording is empty");
    free(src);
    char msg[1200];
    if (rc != 0) {
        mc_diag_format(&d, msg, sizeof msg);
        strncat(msg, "\n", sizeof msg - strlen(msg) - 1);
        return send_text(c, MHD_HTTP_UNPROCESSABLE_CONTENT, msg);
    }
    snprintf(msg, sizeof msg, "saved %s (%zu bytes) as the recording of %s\n", file ? file : "",
             u->len, new_source);
    free(new_source);
    free(file);
    return send_text(c, MHD_HTTP_OK, msg);
}

/* What a request that sends a body needs: why it may be refused (checked
 * on its headers), the most bytes it may send, and what answers it. */
typedef struct body_route {
    const char *(*refusal)(mc_server *s, struct MHD_Connection *c, unsigned *status);
    size_t limit;
    const char *too_large;
    enum MHD_Result (*finish)(mc_server *s, struct MHD_Connection *c, upload *u);
} body_route;

/* Reads the body of a request into u (libmicrohttpd calls this once with
 * the headers, then with each piece, then with none) and answers it. */
static enum MHD_Result body_request(mc_server *s, struct MHD_Connection *c, const body_route *route,
                                    const char *upload_data, size_t *upload_size, void **req)
{
    upload *u = *req;
    if (!u) {
        if (!(u = calloc(1, sizeof *u))) return MHD_NO;
        *req = u;
        unsigned status;
        const char *why = route->refusal(s, c, &status);
        if (!why) return MHD_YES;
        u->refused = 1;
        return send_text(c, status, why);
    }
    if (u->refused) { *upload_size = 0; return MHD_YES; }
    if (*upload_size) {
        size_t k = *upload_size;
        *upload_size = 0;
        if (u->len + k > route->limit) {
            u->refused = 1;
            return send_text(c, MHD_HTTP_CONTENT_TOO_LARGE, route->too_large);
        }
        if (u->len + k > u->cap) {
            size_t cap = (u->len + k) * 2;
            char *grown = realloc(u->data, cap);
            if (!grown) return MHD_NO;
            u->data = grown;
            u->cap = cap;
        }
        memcpy(u->data + u->len, upload_data, k);
        u->len += k;
        return MHD_YES;
    }
    u->refused = 1;
    return route->finish(s, c, u);
}

static const body_route record_route = {
    refusal, MC_RECORD_MAX_BYTES, "the recording is too large (at most 40 MB, about 30 minutes)\n",
    save_recording};

/* ---- the content editor (editor_page.h, editor_backend.h) ---- */

static enum MHD_Result editor_answer(mc_server *s, struct MHD_Connection *c, upload *u)
{
    char *reply = NULL;
    unsigned status = mc_editor_answer(s->site, u->data ? u->data : "", u->len, &reply);
    if (!reply) return MHD_NO;
    return send_buffer(c, status, "application/json; charset=utf-8", reply, strlen(reply));
}

static const body_route editor_route = {
    editor_refusal, MC_EDITOR_MAX_BYTES, "the request is too large (at most 64 MB)\n",
    editor_answer};

/* GET /admin/...: the editor's page, or one of its files. Only for this
 * computer, reached by a local name (the page carries the token). */
static enum MHD_Result editor_get(mc_server *s, struct MHD_Connection *c, const char *url)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    char origin[300];
    snprintf(origin, sizeof origin, "http://%s", host ? host : "");
    if (!loopback_client(c) || !mc_record_origin_ok(host, origin))
        return send_text(c, MHD_HTTP_FORBIDDEN, "the editor is only open to this computer, as "
                         "http://127.0.0.1 or http://localhost\n");
    const char *rest = url + strlen(MC_SERVE_EDITOR);
    if (!*rest) {
        if (!s->editor_dir) {
            char *page = strdup(mc_editor_missing_page());
            return page ? send_buffer(c, MHD_HTTP_SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                                      page, strlen(page)) : MHD_NO;
        }
        char *page = mc_editor_page(s->token, host);
        if (!page) return send_text(c, MHD_HTTP_BAD_REQUEST, "this Host cannot be used\n");
        return send_buffer(c, MHD_HTTP_OK, "text/html; charset=utf-8", page, strlen(page));
    }
    char *rel = mc_serve_decode_path(url + strlen(MC_SERVE_EDITOR) - 1);
    char *file = rel && s->editor_dir ? mc_path_join(s->editor_dir, rel, NULL) : NULL;
    struct stat st;
    enum MHD_Result ret = file && stat(file, &st) == 0 && S_ISREG(st.st_mode)
                              ? file_response(c, file)
                              : send_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
    free(file);
    free(rel);
    return ret;
}

static void request_done(void *cls, struct MHD_Connection *c, void **req,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    upload *u = *req;
    if (u) free(u->data);
    free(u);
    *req = NULL;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **req)
{
    (void)version;
    mc_server *s = cls;
    if (!strcmp(url, MC_SERVE_RECORD) || !strcmp(url, MC_SERVE_EDITOR_API)) {
        if (strcmp(method, "POST")) return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only POST\n");
        return body_request(s, c, !strcmp(url, MC_SERVE_RECORD) ? &record_route : &editor_route,
                            upload, upload_size, req);
    }
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    if (!strcmp(url, MC_SERVE_EVENTS)) return events_response(s, c);
    if (s->editor && !strcmp(url, "/admin")) return redirect(c, url);
    if (s->editor && !strncmp(url, MC_SERVE_EDITOR, strlen(MC_SERVE_EDITOR))) return editor_get(s, c, url);
    char *rel = mc_serve_decode_path(url);
    if (!rel) return send_text(c, MHD_HTTP_BAD_REQUEST, "400 bad request: this path is refused\n");
    char *root, *error;
    snapshot(s, &root, &error);
    enum MHD_Result ret;
    if (error) ret = send_buffer(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/html; charset=utf-8",
                                 error, strlen(error)), error = NULL;
    else if (!root) ret = send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "the site is being built\n");
    else ret = serve_path(s, c, url, rel, root);
    free(error);
    free(root);
    free(rel);
    return ret;
}

/* ---- the daemon ---- */

static int resolve_bind(const char *bind, int port, struct sockaddr_storage *ss, mc_diag *d)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE}, *res = NULL;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(bind, service, &hints, &res);
    if (rc != 0 || !res)
        return mc_diag_set(d, NULL, 0, 0, "cannot use the address '%s': %s; give an address "
                           "such as 127.0.0.1 or ::1", bind, gai_strerror(rc));
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

mc_server *mc_server_start(const char *bind, int port, mc_diag *d)
{
    struct sockaddr_storage ss;
    if (resolve_bind(bind, port, &ss, d) != 0) return NULL;
    mc_server *s = calloc(1, sizeof *s);
    if (!s) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, answer, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                                 MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)MC_SERVE_IDLE_SECONDS,
                                 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MC_SERVE_PER_CLIENT,
                                 MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL, MHD_OPTION_END);
    if (!s->daemon) {
        mc_diag_set(d, NULL, 0, 0, "cannot listen on %s port %d (is the port in use? try "
                    "-p 0 for a free one)", bind, port);
        mc_server_stop(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    return s;
}

/* 32 hex digits from the kernel's random source. */
static int make_token(char token[33])
{
    unsigned char b[16];
    FILE *f = fopen("/dev/urandom", "rb");
    int ok = f && fread(b, 1, sizeof b, f) == sizeof b;
    if (f) fclose(f);
    for (size_t i = 0; ok && i < sizeof b; i++) snprintf(token + 2 * i, 3, "%02x", b[i]);
    return ok ? 0 : -1;
}

/* Remembers the site (copied) and makes the session token, the first
 * time. Called with the lock held. 0 or -1. */
static int own_site(mc_server *s, const char *site)
{
    if (s->site) return 0;
    if (make_token(s->token) != 0) return -1;
    return (s->site = strdup(site)) ? 0 : -1;
}

int mc_server_allow_recording(mc_server *s, const char *site, json_t *pages)
{
    pthread_mutex_lock(&s->lock);
    int rc = own_site(s, site);
    json_decref(s->recordable);
    s->recordable = pages;
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int mc_server_allow_editor(mc_server *s, const char *site, const char *editor_dir)
{
    pthread_mutex_lock(&s->lock);
    int rc = own_site(s, site);
    if (rc == 0) {
        free(s->editor_dir);
        s->editor_dir = editor_dir ? strdup(editor_dir) : NULL;
        s->editor = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int mc_server_port(const mc_server *s)
{
    return s->port;
}

void mc_server_stop(mc_server *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    if (s->daemon) MHD_stop_daemon(s->daemon);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s->root);
    free(s->error_html);
    free(s->site);
    free(s->editor_dir);
    json_decref(s->recordable);
    json_decref(s->drafts);
    json_decref(s->checks);
    free(s);
}
