/* deliver.c — one ward's folder to its station (see deliver.h).
 *
 * Per ward: list OUT/<ward>/ (audio, then timetables, then playlists),
 * hash each file, skip the ones the manifest says the same target already
 * holds, and put the others through one transport: a local folder
 * (mc_write_atomic), or one libcurl handle reused for every file of the
 * ward (HTTP PUT + HEAD, FTP STOR + RNFR/RNTO + SIZE, SFTP upload + a
 * re-listing of the folder). The first failure ends the ward with one
 * sentence naming the ward; other wards go on (the caller loops).
 */
#define _DEFAULT_SOURCE /* d_type of readdir entries */
#include "deliver.h"
#include "fileio.h"
#include "safepath.h"
#include "sidecar.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- targets ------------------------------------------------------------- */

loa_target_kind loa_target_kind_of(const char *t)
{
    if (!t || !t[0]) return LOA_TARGET_NONE;
    if (!strstr(t, "://") || !strncasecmp(t, "file://", 7)) return LOA_TARGET_DIR;
    if (!strncasecmp(t, "http://", 7) || !strncasecmp(t, "https://", 8)) return LOA_TARGET_HTTP;
    if (!strncasecmp(t, "ftp://", 6) || !strncasecmp(t, "ftps://", 7)) return LOA_TARGET_FTP;
    if (!strncasecmp(t, "sftp://", 7)) return LOA_TARGET_SFTP;
    return LOA_TARGET_NONE;
}

int loa_target_has_password(const char *t)
{
    const char *start = strstr(t, "://");
    if (!start) return 0;
    start += 3;
    size_t host_end = strcspn(start, "/?#");
    const char *at = memchr(start, '@', host_end);
    return at && memchr(start, ':', (size_t)(at - start)) != NULL;
}

static json_t *ward_config(const loa_settings *s, const char *id)
{
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(s->site, "wards"), i, w)
        if (json_is_string(json_object_get(w, "id")) && !strcmp(json_string_value(json_object_get(w, "id")), id))
            return w;
    return NULL;
}

/* ---- the manifest ----------------------------------------------------------- */

static int manifest_path(char *buf, size_t n, const char *out)
{
    int k = snprintf(buf, n, "%s/.sent.json", out);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

int loa_delivery_open(loa_delivery *dl, const char *out_dir, const char *site_dir, mc_diag *d)
{
    char path[4096];
    struct stat st;
    dl->out_dir = out_dir;
    dl->site_dir = site_dir;
    if (!dl->connect_timeout) dl->connect_timeout = 10;
    if (!dl->low_speed_time) dl->low_speed_time = 30;
    if (stat(out_dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return mc_diag_set(d, out_dir, 0, 0, "no such folder; make it with loa schedule ... -o %s", out_dir);
    if (manifest_path(path, sizeof path, out_dir) != 0) return mc_diag_set(d, out_dir, 0, 0, "path too long");
    json_error_t je;
    dl->manifest = stat(path, &st) == 0 ? json_load_file(path, 0, &je) : json_object();
    if (!json_is_object(dl->manifest)) {
        json_decref(dl->manifest);
        dl->manifest = NULL;
        return mc_diag_set(d, path, 0, 0, "cannot read the list of files already sent; delete it to "
                           "send everything again");
    }
    return 0;
}

int loa_delivery_save(loa_delivery *dl, mc_diag *d)
{
    char path[4096];
    if (manifest_path(path, sizeof path, dl->out_dir) != 0) return mc_diag_set(d, dl->out_dir, 0, 0, "path too long");
    char *text = json_dumps(dl->manifest, JSON_INDENT(2) | JSON_SORT_KEYS);
    int rc = text ? mc_write_atomic(path, text, strlen(text), d) : mc_diag_set(d, path, 0, 0, "out of memory");
    free(text);
    return rc;
}

void loa_delivery_free(loa_delivery *dl)
{
    json_decref(dl->manifest);
    dl->manifest = NULL;
}

/* The ward's record, reset when the target changed. */
static json_t *ward_files(loa_delivery *dl, const char *id, const char *target)
{
    json_t *w = json_object_get(dl->manifest, id);
    if (!json_is_object(w) || !json_is_string(json_object_get(w, "target")) ||
        strcmp(json_string_value(json_object_get(w, "target")), target) != 0) {
        w = json_pack("{s:s, s:{}}", "target", target, "files");
        json_object_set_new(dl->manifest, id, w);
    }
    return json_object_get(w, "files");
}

/* ---- the files of a ward ----------------------------------------------------- */

static int rank(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && !strcmp(dot, ".m3u8")) return 2;
    if (dot && (!strcmp(dot, ".json") || !strcmp(dot, ".html"))) return 1;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int rx = rank(x), ry = rank(y);
    return rx != ry ? rx - ry : strcmp(x, y);
}

/* The files of a ward's folder; a symbolic link is followed only under
 * safepath.h's rule (its target inside OUT), otherwise -1 with d. */
static int list_ward(const char *confine, const char *dir, char ***names, size_t *n, mc_diag *d)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    if (!dp) return mc_diag_set(d, dir, 0, 0, "cannot read the folder: %s", strerror(errno));
    int rc = 0;
    while (rc == 0 && (e = readdir(dp))) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.' || snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue;
        if (e->d_type != DT_REG && mc_link_confined(confine, path, &st, d) != 0) rc = -1;
        if (rc != 0 || (e->d_type != DT_REG && !S_ISREG(st.st_mode))) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(*names, cap * sizeof *grown);
            if (!grown) break;
            *names = grown;
        }
        if (((*names)[*n] = strdup(e->d_name))) (*n)++;
    }
    closedir(dp);
    if (rc != 0) {
        mc_free_list(*names, *n);
        *names = NULL;
        *n = 0;
        return -1;
    }
    if (*n) qsort(*names, *n, sizeof **names, name_cmp);
    return 0;
}

/* ---- transports ---------------------------------------------------------------- */

typedef struct conn {
    loa_delivery *dl;
    loa_target_kind kind;
    const char *target, *auth, *auth_env;
    char base[2048];          /* target with a trailing '/' (or the local folder) */
    CURL *h;
    char errbuf[CURL_ERROR_SIZE];
} conn;

typedef struct membuf { const char *data; size_t len, pos; } membuf;

static size_t mem_read(char *buf, size_t size, size_t n, void *user)
{
    membuf *m = user;
    size_t k = size * n < m->len - m->pos ? size * n : m->len - m->pos;
    memcpy(buf, m->data + m->pos, k);
    m->pos += k;
    return k;
}

typedef struct sink { char *data; size_t len; } sink;

static size_t discard(char *ptr, size_t size, size_t n, void *user)
{
    (void)ptr;
    (void)user;
    return size * n;
}

static size_t mem_write(char *ptr, size_t size, size_t n, void *user)
{
    sink *s = user;
    size_t k = size * n;
    if (s->len + k > 1 << 20) return 0;   /* a listing larger than 1 MB is not a station folder */
    char *grown = realloc(s->data, s->len + k + 1);
    if (!grown) return 0;
    memcpy(grown + s->len, ptr, k);
    s->data = grown;
    s->len += k;
    s->data[s->len] = '\0';
    return k;
}

static void common_options(conn *c, const char *url)
{
    CURL *h = c->h;
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, c->kind == LOA_TARGET_HTTP ? "http,https" :
                     c->kind == LOA_TARGET_FTP ? "ftp,ftps" : "sftp");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "loa/" MC_VERSION);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->dl->connect_timeout);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, c->dl->low_speed_time);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FTP_CREATE_MISSING_DIRS, (long)CURLFTP_CREATE_DIR_RETRY);
    if (c->auth) curl_easy_setopt(h, CURLOPT_USERPWD, c->auth);
    if (c->kind == LOA_TARGET_SFTP) {
        const char *home = getenv("HOME");
        char kh[1024];
        snprintf(kh, sizeof kh, "%s/.ssh/known_hosts", home ? home : "");
        curl_easy_setopt(h, CURLOPT_SSH_KNOWNHOSTS, kh);
        if (c->auth) curl_easy_setopt(h, CURLOPT_SSH_AUTH_TYPES, (long)(CURLSSH_AUTH_PASSWORD | CURLSSH_AUTH_KEYBOARD));
    }
}

static const char *proto_name(loa_target_kind k) { return k == LOA_TARGET_HTTP ? "HTTP" : k == LOA_TARGET_FTP ? "FTP" : "SFTP"; }

/* One sentence for a failed request (the ward is named by the caller). */
static int failure(conn *c, CURLcode rc, long code, const char *name, mc_diag *d)
{
    if (code == 401 || code == 403 || code == 530 || rc == CURLE_LOGIN_DENIED) {
        if (!c->auth_env)
            return mc_diag_set(d, NULL, 0, 0, "the station %s asks for a user name and password "
                               "(%s %ld): add auth_env: VARIABLE to the ward in site.yaml and set "
                               "VARIABLE=user:password", c->target, proto_name(c->kind), code ? code : 530);
        return mc_diag_set(d, NULL, 0, 0, "the station %s refused the user name or password in %s "
                           "(%s %ld); check the variable", c->target, c->auth_env, proto_name(c->kind),
                           code ? code : 530);
    }
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_OPERATION_TIMEDOUT)
        return mc_diag_set(d, NULL, 0, 0, "cannot reach the station %s: %s", c->target,
                           c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
    if (rc == CURLE_PEER_FAILED_VERIFICATION && c->kind == LOA_TARGET_SFTP)
        return mc_diag_set(d, NULL, 0, 0, "the station %s has an unknown host key; add it to "
                           "~/.ssh/known_hosts (ssh-keyscan HOST) after checking it", c->target);
    if (rc == CURLE_OK && code >= 300)
        return mc_diag_set(d, NULL, 0, 0, "the station %s answered %s %ld for %s", c->target,
                           proto_name(c->kind), code, name);
    return mc_diag_set(d, NULL, 0, 0, "sending %s to %s failed: %s", name, c->target,
                       c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
}

static int perform(conn *c, const char *name, mc_diag *d)
{
    c->errbuf[0] = '\0';
    CURLcode rc = curl_easy_perform(c->h);
    long code = 0;
    curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK && (c->kind != LOA_TARGET_HTTP || code < 300)) return 0;
    return failure(c, rc, code, name, d);
}

static int url_of(conn *c, const char *name, const char *prefix, const char *suffix, char *url, size_t n)
{
    char *esc = curl_easy_escape(c->h, name, 0);
    int k = esc ? snprintf(url, n, "%s%s%s%s", c->base, prefix, esc, suffix) : -1;
    curl_free(esc);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int upload(conn *c, const char *url, const char *name, const char *data, size_t len,
                  struct curl_slist *post, mc_diag *d)
{
    membuf m = {data, len, 0};
    common_options(c, url);
    curl_easy_setopt(c->h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c->h, CURLOPT_READFUNCTION, mem_read);
    curl_easy_setopt(c->h, CURLOPT_READDATA, &m);
    curl_easy_setopt(c->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    if (post) curl_easy_setopt(c->h, CURLOPT_POSTQUOTE, post);
    return perform(c, name, d);
}

/* The size the station reports for name: HEAD (HTTP) or SIZE (FTP). */
static int remote_size(conn *c, const char *url, const char *name, long long *size, mc_diag *d)
{
    curl_off_t len = -1;
    common_options(c, url);
    curl_easy_setopt(c->h, CURLOPT_NOBODY, 1L);
    if (perform(c, name, d) != 0) return -1;
    curl_easy_getinfo(c->h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
    *size = (long long)len;
    return 0;
}

/* SFTP: the size in the folder's long listing ("-rw-r--r-- 1 u g SIZE ... NAME"). */
static int listed_size(conn *c, const char *name, long long *size, mc_diag *d)
{
    sink s = {NULL, 0};
    common_options(c, c->base);
    curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, mem_write);
    curl_easy_setopt(c->h, CURLOPT_WRITEDATA, &s);
    int rc = perform(c, name, d);
    *size = -1;
    for (char *line = s.data; rc == 0 && line && *line;) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        size_t ll = strcspn(line, "\r"), nl = strlen(name);
        char perm[16];
        long long sz;
        if (ll > nl && line[ll - nl - 1] == ' ' && !strncmp(line + ll - nl, name, nl) &&
            sscanf(line, "%15s %*s %*s %*s %lld", perm, &sz) == 2) *size = sz;
        line = end ? end + 1 : NULL;
    }
    free(s.data);
    return rc;
}

static int send_remote(conn *c, const char *name, const char *data, size_t len, mc_diag *d)
{
    char url[4096], tmp[4096];
    long long got = -1;
    if (url_of(c, name, "", "", url, sizeof url) != 0) return mc_diag_set(d, NULL, 0, 0, "URL too long");
    if (c->kind == LOA_TARGET_FTP) {
        char rnfr[1100], rnto[1100];
        snprintf(rnfr, sizeof rnfr, "RNFR .%s.part", name);
        snprintf(rnto, sizeof rnto, "RNTO %s", name);
        struct curl_slist *post = curl_slist_append(NULL, rnfr);
        struct curl_slist *post2 = post ? curl_slist_append(post, rnto) : NULL;
        int rc = !post2 || url_of(c, name, ".", ".part", tmp, sizeof tmp) != 0 ? mc_diag_set(d, NULL, 0, 0, "out of memory")
                 : upload(c, tmp, name, data, len, post2, d);
        curl_slist_free_all(post2 ? post2 : post);
        if (rc != 0) return -1;
    } else if (upload(c, url, name, data, len, NULL, d) != 0) return -1;
    int rc = c->kind == LOA_TARGET_SFTP ? listed_size(c, name, &got, d) : remote_size(c, url, name, &got, d);
    if (rc != 0) return -1;
    if (got != (long long)len)
        return mc_diag_set(d, NULL, 0, 0, "%s reached the station %s with %lld bytes instead of %zu; "
                           "it will be sent again next time", name, c->target, got, len);
    return 0;
}

static int send_local(conn *c, const char *name, const char *data, size_t len, mc_diag *d)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s%s", c->base, name) >= (int)sizeof path)
        return mc_diag_set(d, NULL, 0, 0, "path too long");
    if (mc_mkdir_p(c->base, d) != 0 || mc_write_atomic(path, data, len, d) != 0) return -1;
    if (stat(path, &st) != 0 || (size_t)st.st_size != len)
        return mc_diag_set(d, path, 0, 0, "the copy has the wrong size");
    return 0;
}

/* ---- one ward -------------------------------------------------------------------- */

static int open_conn(conn *c, loa_delivery *dl, json_t *cfg, loa_ward_report *rep)
{
    mc_diag *d = &rep->d;
    memset(c, 0, sizeof *c);
    c->dl = dl;
    c->target = rep->target;
    c->kind = loa_target_kind_of(c->target);
    c->auth_env = json_string_value(json_object_get(cfg, "auth_env"));
    if (c->kind == LOA_TARGET_NONE)
        return mc_diag_set(d, NULL, 0, 0, "station: '%s' is not a folder or an http://, https://, "
                           "ftp://, ftps:// or sftp:// address", c->target);
    if (loa_target_has_password(c->target))
        return mc_diag_set(d, NULL, 0, 0, "station: the address holds a password; remove it and name an "
                           "environment variable with auth_env: instead (passwords do not belong in site files)");
    if (c->auth_env && !(c->auth = getenv(c->auth_env)))
        return mc_diag_set(d, NULL, 0, 0, "the environment variable %s (auth_env in site.yaml) is not set; "
                           "set it to user:password for this station", c->auth_env);
    if (c->auth && !strchr(c->auth, ':'))
        return mc_diag_set(d, NULL, 0, 0, "the environment variable %s must hold user:password", c->auth_env);
    if (c->kind == LOA_TARGET_DIR) {
        /* an absolute folder (a mounted share) is the operator's explicit
         * choice; a relative one stays inside the site (safepath.h) */
        const char *p = !strncasecmp(c->target, "file://", 7) ? c->target + 7 : c->target;
        char *inside = p[0] == '/' ? NULL : mc_path_join(dl->site_dir, p, d);
        if (p[0] != '/' && !inside) return -1;
        int k = snprintf(c->base, sizeof c->base, "%s/", inside ? inside : p);
        free(inside);
        return k < 0 || (size_t)k >= sizeof c->base ? mc_diag_set(d, NULL, 0, 0, "path too long") : 0;
    }
    if (c->kind == LOA_TARGET_SFTP) {
        const char *const *p = curl_version_info(CURLVERSION_NOW)->protocols;
        while (*p && strcmp(*p, "sftp")) p++;
        if (!*p) return mc_diag_set(d, NULL, 0, 0, "this libcurl was built without SFTP (libssh2), so the "
                                    "station %s cannot be reached; use ftps:// or https://, or a libcurl with SFTP", c->target);
    }
    size_t n = strlen(c->target);
    if (snprintf(c->base, sizeof c->base, "%s%s", c->target, n && c->target[n - 1] == '/' ? "" : "/") >= (int)sizeof c->base)
        return mc_diag_set(d, NULL, 0, 0, "station address too long");
    c->h = curl_easy_init();
    return c->h ? 0 : mc_diag_set(d, NULL, 0, 0, "out of memory");
}

static int send_file(conn *c, json_t *files, const char *dir, const char *name, loa_ward_report *rep)
{
    char path[4096], hex[65];
    size_t len;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return mc_diag_set(&rep->d, dir, 0, 0, "path too long");
    char *data = mc_read_file(path, &len, &rep->d);
    if (!data || loa_sha256_hex(data, len, hex) != 0) {
        free(data);
        return -1;
    }
    json_t *had = json_object_get(files, name);
    int same = json_integer_value(json_object_get(had, "size")) == (json_int_t)len &&
               json_is_string(json_object_get(had, "sha256")) &&
               !strcmp(json_string_value(json_object_get(had, "sha256")), hex);
    int rc = 0;
    if (same) rep->unchanged++;
    else {
        rc = c->kind == LOA_TARGET_DIR ? send_local(c, name, data, len, &rep->d) : send_remote(c, name, data, len, &rep->d);
        if (rc == 0) {
            json_object_set_new(files, name, json_pack("{s:I, s:s}", "size", (json_int_t)len, "sha256", hex));
            rep->sent++;
            rep->bytes += (long long)len;
        }
    }
    free(data);
    return rc;
}

static int send_all(conn *c, loa_delivery *dl, const char *dir, loa_ward_report *rep)
{
    char **names;
    size_t n;
    if (list_ward(dl->out_dir, dir, &names, &n, &rep->d) != 0) return -1;
    json_t *files = ward_files(dl, rep->ward->id, c->target);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = send_file(c, files, dir, names[i], rep);
    mc_free_list(names, n);
    return rc;
}

int loa_deliver_ward(loa_delivery *dl, const loa_settings *s, const loa_ward *w, loa_ward_report *rep)
{
    char dir[4096];
    struct stat st;
    json_t *cfg = ward_config(s, w->id);
    memset(rep, 0, sizeof *rep);
    mc_diag_clear(&rep->d);
    rep->ward = w;
    rep->target = json_string_value(json_object_get(cfg, "station"));
    snprintf(dir, sizeof dir, "%s/%s", dl->out_dir, w->id);
    if (!rep->target || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rep->skipped = 1;
        return 0;
    }
    conn c;
    int rc = open_conn(&c, dl, cfg, rep);
    if (rc == 0) rc = send_all(&c, dl, dir, rep);
    if (c.h) curl_easy_cleanup(c.h);
    rep->failed = rc != 0;
    return rc;
}
