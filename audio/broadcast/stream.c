/* stream.c — paced HTTP PUT of one audio file to an Icecast mount (see
 * stream.h).
 *
 * libcurl does the HTTP; this file measures the pace, sleeps in the read
 * callback so the body leaves at the audio's own rate, and turns the
 * outcome (HTTP status or curl error) into one sentence that names the
 * mount. The clock is CLOCK_MONOTONIC, so a change of the wall clock during
 * a broadcast does not disturb the pace.
 */
#include "stream.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_seconds(double s)
{
    if (s <= 0) return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0) {}
}

/* ---- measuring ------------------------------------------------------------ */

static double sidecar_duration(const char *file)
{
    char path[4200];
    if (snprintf(path, sizeof path, "%s.json", file) >= (int)sizeof path) return 0;
    json_t *j = json_load_file(path, 0, NULL);
    json_t *v = json_object_get(j, "duration_seconds");
    double s = json_is_number(v) ? json_number_value(v) : 0;
    json_decref(j);
    return s;
}

static double decoded_duration(const char *file)
{
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open(file, SFM_READ, &info);
    double s = sf && info.samplerate > 0 ? (double)info.frames / info.samplerate : 0;
    if (sf) sf_close(sf);
    return s;
}

int loa_stream_measure(const char *file, double *seconds, double *bps, mc_diag *d)
{
    struct stat st;
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
        return mc_diag_set(d, file, 0, 0, "no such audio file");
    if (st.st_size == 0) return mc_diag_set(d, file, 0, 0, "the audio file is empty");
    double s = sidecar_duration(file);
    if (s <= 0) s = decoded_duration(file);
    if (s <= 0)
        return mc_diag_set(d, file, 0, 0, "cannot tell how long the audio lasts (no sidecar %s.json "
                           "and the file cannot be decoded); give the bit rate with --bitrate KBPS", file);
    *seconds = s;
    *bps = (double)st.st_size / s;
    return 0;
}

/* ---- URL pieces for messages ------------------------------------------------ */

int loa_stream_describe(const char *url, char *mount, size_t mn, char *host, size_t hn)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *h = NULL, *port = NULL, *path = NULL;
    int rc = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
             (!strcmp(scheme, "http") || !strcmp(scheme, "https")) &&
             curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK ? 0 : -1;
    if (rc == 0) {
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
        snprintf(mount, mn, "%s", path);
        snprintf(host, hn, "%s:%s", h, port ? port : "?");
    }
    curl_free(scheme);
    curl_free(h);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
    return rc;
}

/* ---- the paced upload --------------------------------------------------------- */

typedef struct pacer {
    FILE *f;
    double bps, burst, start, audio_seconds, done_at;
    long long sent, size;
    CURL *h;
    FILE *progress;
    int last_shown;
} pacer;

static size_t paced_read(char *buf, size_t size, size_t nitems, void *user)
{
    pacer *p = user;
    size_t want = size * nitems, chunk = (size_t)(p->bps / 8) + 1;
    if (want > chunk) want = chunk;
    if (p->start == 0) p->start = now_seconds();
    double due = (double)(p->sent + (long long)want) / p->bps - p->burst;
    sleep_seconds(due - (now_seconds() - p->start));
    size_t got = fread(buf, 1, want, p->f);
    if (got == 0 && ferror(p->f)) return CURL_READFUNC_ABORT;
    p->sent += (long long)got;
    int shown = (int)((double)p->sent / p->bps);
    if (p->progress && shown != p->last_shown) {
        fprintf(p->progress, "\rstreaming %d/%.0f s", shown, p->audio_seconds);
        fflush(p->progress);
        p->last_shown = shown;
    }
    return got;
}

/* Icecast answers 200 at the start and never ends its reply while the
 * source is connected, so once every byte is out (plus a moment for the
 * listeners to drain) the transfer is ended here. */
static int finished(void *user, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    pacer *p = user;
    long code = 0;
    (void)dt, (void)dn, (void)ut, (void)un;
    if (p->sent < p->size) return 0;
    curl_easy_getinfo(p->h, CURLINFO_RESPONSE_CODE, &code);
    if (code < 200 || code >= 300) return 0;
    if (p->done_at == 0) p->done_at = now_seconds();
    return now_seconds() - p->done_at > p->burst + 0.5;
}

static size_t discard(char *ptr, size_t size, size_t n, void *user)
{
    (void)ptr;
    (void)user;
    return size * n;
}

static const char *content_type(const char *file)
{
    const char *dot = strrchr(file, '.');
    if (!dot) return NULL;
    if (!strcmp(dot, ".mp3")) return "audio/mpeg";
    if (!strcmp(dot, ".ogg") || !strcmp(dot, ".opus") || !strcmp(dot, ".oga")) return "audio/ogg";
    return NULL;
}

/* One header line with CR, LF and other controls dropped. */
static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    char line[512];
    size_t n = (size_t)snprintf(line, sizeof line, "%s: ", name);
    for (const char *s = value; *s && n + 1 < sizeof line; s++)
        if ((unsigned char)*s >= 0x20 && *s != 0x7f) line[n++] = *s;
    line[n < sizeof line ? n : sizeof line - 1] = '\0';
    struct curl_slist *grown = curl_slist_append(l, line);
    if (!grown) curl_slist_free_all(l);
    return grown;
}

static struct curl_slist *headers(const loa_stream_opts *o, const char *type, double kbps)
{
    char br[32];
    const char *base = strrchr(o->file, '/');
    snprintf(br, sizeof br, "%.0f", kbps);
    struct curl_slist *l = add_header(NULL, "Content-Type", type);
    if (l) l = add_header(l, "Ice-Public", "0");
    if (l) l = add_header(l, "Ice-Name", o->name ? o->name : base ? base + 1 : o->file);
    if (l) l = add_header(l, "Ice-Bitrate", br);
    return l;
}

static int explain(CURLcode rc, long code, const loa_stream_opts *o, mc_diag *d)
{
    char mount[1024] = "?", host[512] = "?";
    loa_stream_describe(o->url, mount, sizeof mount, host, sizeof host);
    if (code == 401)
        return mc_diag_set(d, NULL, 0, 0, "Icecast at %s refused the source password for mount %s "
                           "(HTTP 401); check the user and password (in the URL or the variable "
                           "named by --auth-env)", host, mount);
    if (code == 403)
        return mc_diag_set(d, NULL, 0, 0, "Icecast at %s refused mount %s (HTTP 403): another source "
                           "is using it, or the server does not accept this content type", host, mount);
    if (code >= 300)
        return mc_diag_set(d, NULL, 0, 0, "Icecast at %s answered HTTP %ld for mount %s", host, code, mount);
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
        return mc_diag_set(d, NULL, 0, 0, "cannot connect to %s to stream to mount %s: %s; is the "
                           "Icecast server running?", host, mount, curl_easy_strerror(rc));
    return mc_diag_set(d, NULL, 0, 0, "streaming to mount %s at %s stopped: %s", mount, host,
                       curl_easy_strerror(rc));
}

static void set_options(CURL *h, const loa_stream_opts *o, pacer *p, struct curl_slist *hd, long long size)
{
    curl_easy_setopt(h, CURLOPT_URL, o->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, paced_read);
    curl_easy_setopt(h, CURLOPT_READDATA, p);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)size);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "loa/" MC_VERSION);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout > 0 ? o->connect_timeout : 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)(p->audio_seconds + o->burst_seconds + 60));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, finished);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, p);
    if (o->auth) {
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        if (strchr(o->auth, ':')) curl_easy_setopt(h, CURLOPT_USERPWD, o->auth);
        else {
            curl_easy_setopt(h, CURLOPT_USERNAME, "source");
            curl_easy_setopt(h, CURLOPT_PASSWORD, o->auth);
        }
    }
}

static int run(CURL *h, const loa_stream_opts *o, pacer *p, const char *type, mc_diag *d)
{
    struct curl_slist *hd = headers(o, type, p->bps * 8 / 1000);
    struct stat st;
    if (!hd || fstat(fileno(p->f), &st) != 0) {
        curl_slist_free_all(hd);
        return mc_diag_set(d, o->file, 0, 0, "out of memory");
    }
    p->size = (long long)st.st_size;
    p->h = h;
    set_options(h, o, p, hd, p->size);
    CURLcode rc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(hd);
    if (p->progress && p->last_shown >= 0) fputc('\n', p->progress);
    int ended = rc == CURLE_OK || (rc == CURLE_ABORTED_BY_CALLBACK && p->done_at > 0);
    if (ended && code >= 200 && code < 300 && p->sent == p->size) return 0;
    return explain(rc, code, o, d);
}

int loa_stream(const loa_stream_opts *o, loa_stream_result *r, mc_diag *d)
{
    memset(r, 0, sizeof *r);
    const char *type = content_type(o->file);
    char mount[1024], host[512];
    if (!type)
        return mc_diag_set(d, o->file, 0, 0, "Icecast streams MP3 or Ogg; render the announcement "
                           "with --format mp3 (or ogg, opus)");
    if (loa_stream_describe(o->url, mount, sizeof mount, host, sizeof host) != 0)
        return mc_diag_set(d, NULL, 0, 0, "'%s' is not an http:// or https:// URL of an Icecast "
                           "mount, e.g. http://127.0.0.1:8000/phuong.mp3", o->url);
    if (loa_stream_measure(o->file, &r->audio_seconds, &r->bytes_per_second, d) != 0) return -1;
    if (o->kbps > 0) r->bytes_per_second = o->kbps * 1000 / 8;
    pacer p = {fopen(o->file, "rb"), r->bytes_per_second, o->burst_seconds > 0 ? o->burst_seconds : 1,
               0, r->audio_seconds, 0, 0, 0, NULL, o->progress, -1};
    CURL *h = p.f ? curl_easy_init() : NULL;
    int rc = h ? run(h, o, &p, type, d) : mc_diag_set(d, o->file, 0, 0, "cannot open the audio file");
    r->elapsed = p.start > 0 ? now_seconds() - p.start : 0;
    r->bytes = p.sent;
    if (h) curl_easy_cleanup(h);
    if (p.f) fclose(p.f);
    return rc;
}
