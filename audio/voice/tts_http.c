/* tts_http.c — remote voices over HTTP(S) (see tts_http.h).
 *
 * Layers, bottom up:
 *   request    one libcurl transfer into a growing buffer (capped at
 *              MAX_BODY), with the timeout and TLS checks; `attempt` wraps
 *              it with the bounded retries and doubling pause.
 *   apis       one function per API turns a piece of text into audio
 *              bytes: shape (a) returns them from the POST, shape (b)
 *              reads a URL or job id from the JSON answer and polls.
 *   decode     libsndfile reads the bytes through its virtual I/O; the
 *              samples go through libsoxr to the engine's rate.
 *   replay     loa_http_prepare stores each distinct utterance's samples
 *              in a temporary file; the loa_tts it returns plays them back
 *              when the composer asks for that utterance.
 * No state outside the objects: every call gets its configuration.
 */
#include "tts_http.h"
#include "memfile.h"
#include "grow.h"
#include "section.h"
#include "resample.h"
#include "yamljson.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY (64u * 1024 * 1024)
#define MAX_PIECES 4096

/* ---- configuration ---- */

static const struct {
    const char *name;
    loa_http_api api;
    int max_chars;
} apis[] = {
    {"openai", LOA_HTTP_OPENAI, 4096}, {"viettel", LOA_HTTP_VIETTEL, 1000},
    {"fpt", LOA_HTTP_FPT, 5000},       {"zalo", LOA_HTTP_ZALO, 1980},
    {"vbee", LOA_HTTP_VBEE, 2000},
};

static int cfg_api(const mc_section *r, loa_http_config *c)
{
    const char *name = NULL;
    if (mc_section_str(r, "api", 1, &name) != 0) return -1;
    if (!name) return mc_section_bad(r, "api", "one of openai, viettel, fpt, zalo, vbee");
    for (size_t i = 0; i < sizeof apis / sizeof apis[0]; i++)
        if (!strcmp(name, apis[i].name)) {
            c->api = apis[i].api;
            c->api_name = apis[i].name;
            c->max_chars = apis[i].max_chars;
            return 0;
        }
    return mc_section_bad(r, "api", "one of openai, viettel, fpt, zalo, vbee");
}

static int cfg_url(const mc_section *r, loa_http_config *c)
{
    if (mc_section_str(r, "url", 1, &c->url) != 0) return -1;
    if (!c->url || (strncmp(c->url, "https://", 8) && strncmp(c->url, "http://", 7)))
        return mc_section_bad(r, "url", "the service's address, starting with https:// (or http://)");
    return 0;
}

static void cfg_defaults(loa_http_config *c)
{
    memset(c, 0, sizeof *c);
    c->format = "mp3";
    c->model = "tts-1";
    c->speed = 1.0;
    c->timeout = 30;
    c->retries = 2;
    c->backoff = 0.5;
    c->poll_interval = 1;
    c->poll_timeout = 60;
    c->sample_rate = 24000;
}

static int cfg_read(const mc_section *r, loa_http_config *c)
{
    if (cfg_api(r, c) || cfg_url(r, c) || mc_section_str(r, "key_env", 1, &c->key_env) ||
        mc_section_str(r, "voice", 1, &c->voice) || mc_section_str(r, "model", 1, &c->model) ||
        mc_section_str(r, "format", 1, &c->format) || mc_section_str(r, "app_id", 1, &c->app_id) ||
        mc_section_num(r, "speed", 0.25, 4, &c->speed) ||
        mc_section_int(r, "max_chars", 20, 100000, &c->max_chars) ||
        mc_section_num(r, "timeout", 0.1, 600, &c->timeout) ||
        mc_section_int(r, "retries", 0, 10, &c->retries) || mc_section_num(r, "backoff", 0, 60, &c->backoff) ||
        mc_section_num(r, "poll_interval", 0.01, 60, &c->poll_interval) ||
        mc_section_num(r, "poll_timeout", 0.1, 3600, &c->poll_timeout) ||
        mc_section_int(r, "sample_rate", 8000, 48000, &c->sample_rate))
        return -1;
    if (strcmp(c->format, "mp3") && strcmp(c->format, "wav")) return mc_section_bad(r, "format", "mp3 or wav");
    return 0;
}

int loa_http_config_load(const json_t *site, const json_t *lines, const char *file,
                         loa_http_config *c, mc_diag *d)
{
    cfg_defaults(c);
    json_t *audio = json_object_get(site, "audio");
    const char *engine = json_string_value(json_object_get(audio, "engine"));
    if (!engine || !strcmp(engine, "espeak-ng") || !strcmp(engine, "espeak")) return 0;
    mc_section r = {file, site, lines, json_object_get(audio, "remote"), "audio/remote", d};
    if (strcmp(engine, "remote"))
        return mc_diag_set(d, file, mc_yaml_line(site, lines, "audio/engine"), 0,
                           "audio: engine must be espeak-ng or remote, not '%s'", engine);
    if (!json_is_object(r.obj))
        return mc_diag_set(d, file, mc_yaml_line(site, lines, "audio/engine"), 0,
                           "audio: engine: remote needs an audio: remote: section with api and url");
    return cfg_read(&r, c) == 0 ? 1 : -1;
}

char *loa_http_describe(const loa_http_config *c)
{
    size_t n = strlen(c->url) + 256 + (c->voice ? strlen(c->voice) : 0) +
               strlen(c->model) + (c->app_id ? strlen(c->app_id) : 0);
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s %s voice=%s model=%s format=%s speed=%g app=%s rate=%d",
                 c->api_name, c->url, c->voice ? c->voice : "-", c->model, c->format,
                 c->speed, c->app_id ? c->app_id : "-", c->sample_rate);
    return s;
}

/* ---- splitting long text ---- */

/* Best break in text[0..limit) (bytes): after a sentence end, else after a
 * comma, else at a space; 0 when there is none. */
static size_t best_break(const char *text, size_t limit)
{
    size_t sentence = 0, comma = 0, space = 0;
    for (size_t i = 0; i + 1 < limit; i++) {
        char ch = text[i], next = text[i + 1];
        if (next != ' ') continue;
        if (ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':') sentence = i + 1;
        else if (ch == ',') comma = i + 1;
        else space = i + 1;
    }
    return sentence ? sentence : comma ? comma : space;
}

/* Bytes of the first max_chars characters of text[0..len). */
static size_t char_bytes(const char *text, size_t len, size_t max_chars)
{
    size_t i = 0, chars = 0;
    while (i < len && chars < max_chars) {
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    return i;
}

size_t loa_http_split(const char *text, size_t len, size_t max_chars,
                      size_t *starts, size_t *lens, size_t cap)
{
    size_t count = 0, pos = 0;
    if (max_chars < 1) max_chars = 1;
    while (pos < len) {
        while (pos < len && text[pos] == ' ') pos++;
        if (pos >= len) break;
        size_t limit = char_bytes(text + pos, len - pos, max_chars);
        size_t take = limit;
        if (pos + limit < len) {
            size_t b = best_break(text + pos, limit + 1);
            if (b) take = b;
        }
        size_t n = take;
        while (n > 0 && text[pos + n - 1] == ' ') n--;
        if (count < cap) {
            starts[count] = pos;
            lens[count] = n;
        }
        count++;
        pos += take;
    }
    return count;
}

/* ---- one HTTP request ---- */

typedef struct body {
    unsigned char *data;
    size_t n, cap;
    int too_big;
} body;

typedef struct answer {
    long status;        /* HTTP status, 0 when no answer */
    CURLcode rc;
    body b;
    char error[CURL_ERROR_SIZE];
} answer;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
    body *b = ctx;
    size_t n = size * nmemb;
    if (b->n + n > MAX_BODY) { b->too_big = 1; return 0; }
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->n + n + 1) cap *= 2;
        unsigned char *grown = realloc(b->data, cap);
        if (!grown) return 0;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->n, data, n);
    b->n += n;
    b->data[b->n] = '\0';
    return n;
}

typedef struct request {
    const char *url;
    struct curl_slist *headers;
    const char *post;     /* NULL = GET */
    size_t post_len;
} request;

static void answer_reset(answer *a)
{
    free(a->b.data);
    memset(a, 0, sizeof *a);
}

static void perform(const loa_http_config *c, const request *rq, answer *a)
{
    answer_reset(a);
    CURL *h = curl_easy_init();
    if (!h) { a->rc = CURLE_FAILED_INIT; return; }
    curl_easy_setopt(h, CURLOPT_URL, rq->url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->timeout * 1000));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "loa/" MC_VERSION);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, a->error);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &a->b);
    if (rq->headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, rq->headers);
    if (rq->post) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->post);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)rq->post_len);
    }
    a->rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a->status);
    curl_easy_cleanup(h);
}

static void pause_seconds(double s)
{
    if (s <= 0) return;
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static int retryable(const answer *a)
{
    if (a->rc != CURLE_OK) return a->rc != CURLE_URL_MALFORMAT && a->rc != CURLE_UNSUPPORTED_PROTOCOL &&
                                  a->rc != CURLE_PEER_FAILED_VERIFICATION && a->rc != CURLE_SSL_CACERT_BADFILE &&
                                  !a->b.too_big;
    return a->status == 429 || a->status >= 500;
}

/* Explains a failed answer into d. */
static int fail(const loa_http_config *c, const char *url, const answer *a, int tries, mc_diag *d)
{
    char t[32] = "";
    if (tries > 1) snprintf(t, sizeof t, " after %d tries", tries);
    if (a->b.too_big)
        return mc_diag_set(d, NULL, 0, 0, "%s sent more than %u MB", url, MAX_BODY >> 20);
    if (a->rc == CURLE_OPERATION_TIMEDOUT)
        return mc_diag_set(d, NULL, 0, 0, "%s did not answer within %g s%s (timeout)", url, c->timeout, t);
    if (a->rc != CURLE_OK)
        return mc_diag_set(d, NULL, 0, 0, "cannot reach %s%s: %s", url, t,
                           a->error[0] ? a->error : curl_easy_strerror(a->rc));
    if (a->status == 401 || a->status == 403)
        return mc_diag_set(d, NULL, 0, 0, "%s refused the key (HTTP %ld): check the key in the "
                           "environment variable %s", url, a->status, c->key_env ? c->key_env : "(none set)");
    return mc_diag_set(d, NULL, 0, 0, "%s answered HTTP %ld%s", url, a->status, t);
}

/* The request with retries; 0 with a 2xx answer in *a, or -1 (d filled). */
static int attempt(const loa_http_config *c, const request *rq, answer *a, mc_diag *d)
{
    double wait = c->backoff;
    for (int i = 0;; i++) {
        perform(c, rq, a);
        if (a->rc == CURLE_OK && a->status >= 200 && a->status < 300) return 0;
        if (i >= c->retries || !retryable(a)) return fail(c, rq->url, a, i + 1, d);
        pause_seconds(wait);
        wait *= 2;
    }
}

/* ---- the APIs ---- */

typedef struct call {
    const loa_http_config *c;
    const char *key;       /* NULL when key_env is not set */
    answer a;
    mc_diag *d;
} call;

static struct curl_slist *header(struct curl_slist *l, const char *name, const char *value)
{
    if (!value) return l;
    size_t n = strlen(name) + strlen(value) + 3;
    char *h = malloc(n);
    if (!h) return l;
    snprintf(h, n, "%s: %s", name, value);
    struct curl_slist *grown = curl_slist_append(l, h);
    free(h);
    return grown ? grown : l;
}

static int post(call *k, struct curl_slist *headers, const char *data)
{
    request rq = {k->c->url, headers, data, strlen(data)};
    int rc = attempt(k->c, &rq, &k->a, k->d);
    curl_slist_free_all(headers);
    return rc;
}

static int post_json(call *k, struct curl_slist *headers, json_t *doc)
{
    char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(doc);
    headers = header(headers, "Content-Type", "application/json");
    if (!text) { curl_slist_free_all(headers); return mc_diag_set(k->d, NULL, 0, 0, "out of memory"); }
    int rc = post(k, headers, text);
    free(text);
    return rc;
}

static struct curl_slist *bearer(call *k)
{
    if (!k->key) return NULL;
    size_t n = strlen(k->key) + 8;
    char *v = malloc(n);
    if (!v) return NULL;
    snprintf(v, n, "Bearer %s", k->key);
    struct curl_slist *l = header(NULL, "Authorization", v);
    free(v);
    return l;
}

static int openai(call *k, const char *text)
{
    const loa_http_config *c = k->c;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:f}", "model", c->model, "input", text,
                            "voice", c->voice ? c->voice : "alloy", "response_format", c->format,
                            "speed", c->speed);
    return post_json(k, bearer(k), doc);
}

static int viettel(call *k, const char *text)
{
    const loa_http_config *c = k->c;
    json_t *doc = json_pack("{s:s, s:s, s:f, s:i, s:s?, s:b}", "text", text, "voice",
                            c->voice ? c->voice : "hn-quynhanh", "speed", c->speed,
                            "tts_return_option", strcmp(c->format, "wav") ? 3 : 2, "token",
                            k->key, "without_filter", 0);
    return post_json(k, NULL, doc);
}

/* Fetches url until it answers 2xx or poll_timeout passes. */
static int fetch_when_ready(call *k, const char *url)
{
    const loa_http_config *c = k->c;
    request rq = {url, NULL, NULL, 0};
    double waited = 0;
    for (;;) {
        perform(c, &rq, &k->a);
        if (k->a.rc == CURLE_OK && k->a.status >= 200 && k->a.status < 300) return 0;
        if (k->a.rc == CURLE_OK && (k->a.status == 401 || k->a.status == 403 || k->a.status == 400))
            return fail(c, url, &k->a, 1, k->d);
        if (waited >= c->poll_timeout)
            return mc_diag_set(k->d, NULL, 0, 0, "the audio at %s was not ready after %g s of "
                               "polling (job never became ready)", url, c->poll_timeout);
        pause_seconds(c->poll_interval);
        waited += c->poll_interval;
    }
}

static json_t *answer_json(call *k)
{
    json_error_t e;
    json_t *j = k->a.b.data ? json_loadb((const char *)k->a.b.data, k->a.b.n, 0, &e) : NULL;
    if (!json_is_object(j)) {
        json_decref(j);
        mc_diag_set(k->d, NULL, 0, 0, "%s answered something that is not JSON", k->c->url);
        return NULL;
    }
    return j;
}

/* Copies s before the JSON holding it is released; -1 when missing. */
static int then_fetch(call *k, json_t *j, const char *url, const char *what)
{
    char *copy = url ? strdup(url) : NULL;
    json_decref(j);
    if (!copy)
        return mc_diag_set(k->d, NULL, 0, 0, "%s answered without %s: %s", k->c->url, what,
                           k->a.b.data ? (const char *)k->a.b.data : "(empty)");
    int rc = fetch_when_ready(k, copy);
    free(copy);
    return rc;
}

static int fpt(call *k, const char *text)
{
    const loa_http_config *c = k->c;
    char speed[32];
    double fs = (c->speed - 1.0) * 3;   /* FPT: -3 .. 3, 0 = normal */
    snprintf(speed, sizeof speed, "%g", fs < -3 ? -3 : fs > 3 ? 3 : fs);
    struct curl_slist *h = header(NULL, "api-key", k->key);
    h = header(h, "voice", c->voice ? c->voice : "banmai");
    h = header(h, "speed", speed);
    if (post(k, h, text) != 0) return -1;
    json_t *j = answer_json(k);
    if (!j) return -1;
    json_t *err = json_object_get(j, "error");
    if (err && json_integer_value(err) != 0) {
        mc_diag_set(k->d, NULL, 0, 0, "%s refused the text (error %lld: %s)", c->url,
                    (long long)json_integer_value(err),
                    json_string_value(json_object_get(j, "message")) ? json_string_value(
                        json_object_get(j, "message")) : "no message");
        json_decref(j);
        return -1;
    }
    return then_fetch(k, j, json_string_value(json_object_get(j, "async")), "an async URL");
}

static int zalo(call *k, const char *text)
{
    const loa_http_config *c = k->c;
    CURL *h = curl_easy_init();
    char *input = h ? curl_easy_escape(h, text, 0) : NULL;
    char *voice = h ? curl_easy_escape(h, c->voice ? c->voice : "2", 0) : NULL;
    size_t n = (input ? strlen(input) : 0) + (voice ? strlen(voice) : 0) + 96;
    char *form = input && voice ? malloc(n) : NULL;
    if (form)
        snprintf(form, n, "input=%s&speaker_id=%s&speed=%g&encode_type=%d", input, voice, c->speed,
                 strcmp(c->format, "wav") ? 1 : 0);
    curl_free(input);
    curl_free(voice);
    if (h) curl_easy_cleanup(h);
    if (!form) return mc_diag_set(k->d, NULL, 0, 0, "out of memory");
    int rc = post(k, header(header(NULL, "apikey", k->key), "Content-Type",
                            "application/x-www-form-urlencoded"), form);
    free(form);
    if (rc != 0) return -1;
    json_t *j = answer_json(k);
    if (!j) return -1;
    long long code = json_integer_value(json_object_get(j, "error_code"));
    if (code != 0) {
        mc_diag_set(k->d, NULL, 0, 0, "%s refused the text (error_code %lld)", c->url, code);
        json_decref(j);
        return -1;
    }
    return then_fetch(k, j, json_string_value(json_object_get(json_object_get(j, "data"), "url")),
                      "data.url");
}

/* VBee: the job's audio_link once its status is SUCCESS, polling GET url/id. */
static int vbee_poll(call *k, json_t *j)
{
    const loa_http_config *c = k->c;
    double waited = 0;
    for (;;) {
        json_t *res = json_object_get(j, "result");
        const char *st = json_string_value(json_object_get(res, "status"));
        const char *link = json_string_value(json_object_get(res, "audio_link"));
        if (st && !strcmp(st, "SUCCESS")) return then_fetch(k, j, link, "result.audio_link");
        if (st && !strcmp(st, "FAILURE")) {
            json_decref(j);
            return mc_diag_set(k->d, NULL, 0, 0, "%s could not make the audio (job FAILURE)", c->url);
        }
        const char *id = json_string_value(json_object_get(res, "request_id"));
        size_t n = strlen(c->url) + (id ? strlen(id) : 0) + 2;
        char *url = id ? malloc(n) : NULL;
        if (url) snprintf(url, n, "%s/%s", c->url, id);
        json_decref(j);
        if (!url) return mc_diag_set(k->d, NULL, 0, 0, "%s answered without result.request_id", c->url);
        if (waited >= c->poll_timeout) {
            mc_diag_set(k->d, NULL, 0, 0, "the job %s was not ready after %g s of polling "
                        "(job never became ready)", url, c->poll_timeout);
            free(url);
            return -1;
        }
        pause_seconds(c->poll_interval);
        waited += c->poll_interval;
        request rq = {url, bearer(k), NULL, 0};
        int rc = attempt(c, &rq, &k->a, k->d);
        curl_slist_free_all(rq.headers);
        free(url);
        if (rc != 0 || !(j = answer_json(k))) return -1;
    }
}

static int vbee(call *k, const char *text)
{
    const loa_http_config *c = k->c;
    json_t *doc = json_pack("{s:s?, s:s, s:s, s:s, s:i, s:f, s:s, s:s}", "app_id", c->app_id,
                            "input_text", text, "voice_code",
                            c->voice ? c->voice : "hn_female_ngochuyen_full_48k-fhg", "audio_type",
                            c->format, "bitrate", 128, "speed_rate", c->speed, "response_type",
                            "indirect", "callback_url", "");
    if (post_json(k, bearer(k), doc) != 0) return -1;
    json_t *j = answer_json(k);
    return j ? vbee_poll(k, j) : -1;
}

/* Audio bytes for one piece of text into k->a.b. */
static int synthesise(call *k, const char *text)
{
    switch (k->c->api) {
    case LOA_HTTP_OPENAI: return openai(k, text);
    case LOA_HTTP_VIETTEL: return viettel(k, text);
    case LOA_HTTP_FPT: return fpt(k, text);
    case LOA_HTTP_ZALO: return zalo(k, text);
    case LOA_HTTP_VBEE: return vbee(k, text);
    }
    return mc_diag_set(k->d, NULL, 0, 0, "unknown remote API");
}

int loa_http_global_init(mc_diag *d)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) return 0;
    return mc_diag_set(d, NULL, 0, 0, "libcurl could not start (curl_global_init failed)");
}

void loa_http_global_cleanup(void) { curl_global_cleanup(); }

/* ---- decoding ---- */

/* Reads every frame, mixing channels down to mono, into the resampler. */
static int pump(SNDFILE *sf, const SF_INFO *info, loa_resampler *r, mc_diag *d)
{
    enum { FRAMES = 2048 };
    float *buf = malloc(sizeof(float) * FRAMES * (size_t)info->channels);
    float mono[FRAMES];
    if (!buf) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    sf_count_t got;
    int rc = 0;
    while (rc == 0 && (got = sf_readf_float(sf, buf, FRAMES)) > 0) {
        for (sf_count_t i = 0; i < got; i++) {
            float s = 0;
            for (int ch = 0; ch < info->channels; ch++) s += buf[i * info->channels + ch];
            mono[i] = s / (float)info->channels;
        }
        rc = loa_resampler_push(r, mono, (size_t)got, d);
    }
    free(buf);
    return rc;
}

int loa_http_decode(const unsigned char *bytes, size_t n, int rate,
                    loa_pcm_sink sink, void *ctx, mc_diag *d)
{
    loa_memfile m;
    SF_INFO info;
    SNDFILE *sf = loa_memfile_open(&m, bytes, n, &info);
    if (!sf)
        return mc_diag_set(d, NULL, 0, 0, "the answer is not audio libsndfile can read "
                           "(MP3 or WAV expected): %s", sf_strerror(NULL));
    if (info.channels < 1 || info.samplerate < 1000) {
        sf_close(sf);
        return mc_diag_set(d, NULL, 0, 0, "the answer's audio has no usable channels or rate");
    }
    loa_resampler *r = loa_resampler_new(info.samplerate, rate, sink, ctx, d);
    int rc = r ? pump(sf, &info, r, d) : -1;
    if (rc == 0) rc = loa_resampler_flush(r, d);
    loa_resampler_free(r);
    sf_close(sf);
    return rc;
}

/* ---- replay engine ---- */

typedef struct clip {
    char *text;
    long offset;     /* in samples */
    size_t count;
} clip;

typedef struct replay {
    FILE *spool;     /* float samples */
    clip *clips;
    size_t nclips, cap;
    int rate;
    char name[160];
    char voice[96];
    mc_diag *d;      /* during prepare only */
    int failed;
} replay;

static int replay_rate(void *impl) { return ((replay *)impl)->rate; }
static const char *replay_name(void *impl) { return ((replay *)impl)->name; }
static const char *replay_voice(void *impl) { return ((replay *)impl)->voice; }

static void replay_free(void *impl)
{
    replay *r = impl;
    if (!r) return;
    for (size_t i = 0; i < r->nclips; i++) free(r->clips[i].text);
    free(r->clips);
    if (r->spool) fclose(r->spool);
    free(r);
}

static const clip *find_clip(const replay *r, const char *text, size_t len)
{
    for (size_t i = 0; i < r->nclips; i++)
        if (strlen(r->clips[i].text) == len && !memcmp(r->clips[i].text, text, len))
            return &r->clips[i];
    return NULL;
}

static int replay_speak(void *impl, const char *text, size_t len, loa_pcm_sink sink,
                        void *ctx, mc_diag *d)
{
    replay *r = impl;
    const clip *c = find_clip(r, text, len);
    if (!c) return mc_diag_set(d, NULL, 0, 0, "the remote voice has no audio for '%.*s'", (int)len, text);
    float block[2048];
    if (fseek(r->spool, c->offset * (long)sizeof(float), SEEK_SET) != 0)
        return mc_diag_set(d, NULL, 0, 0, "cannot read the fetched speech back");
    for (size_t done = 0; done < c->count;) {
        size_t k = c->count - done < 2048 ? c->count - done : 2048;
        if (fread(block, sizeof(float), k, r->spool) != k)
            return mc_diag_set(d, NULL, 0, 0, "cannot read the fetched speech back");
        if (sink(ctx, block, k) != 0) return -1;
        done += k;
    }
    return 0;
}

static const loa_tts_engine replay_engine = {replay_rate, replay_name, replay_voice, NULL,
                                             replay_speak, replay_free};

static int spool_sink(void *ctx, const float *x, size_t n)
{
    replay *r = ctx;
    if (fwrite(x, sizeof(float), n, r->spool) != n) {
        mc_diag_set(r->d, NULL, 0, 0, "cannot write the fetched speech to a temporary file: %s",
                    strerror(errno));
        return -1;
    }
    r->clips[r->nclips - 1].count += n;
    return 0;
}

static int new_clip(replay *r, const char *text)
{
    clip *grown = mc_grow(r->clips, r->nclips, &r->cap, sizeof *grown, 32);
    if (!grown) return -1;
    r->clips = grown;
    clip *c = &r->clips[r->nclips];
    c->text = strdup(text);
    c->offset = ftell(r->spool) / (long)sizeof(float);
    c->count = 0;
    if (!c->text) return -1;
    r->nclips++;
    return 0;
}

/* Fetches one utterance, piece by piece, into a new clip. */
static int fetch_utterance(replay *r, call *k, const char *text)
{
    if (new_clip(r, text) != 0) return mc_diag_set(k->d, NULL, 0, 0, "out of memory");
    size_t len = strlen(text);
    size_t starts[64], lens[64];
    size_t n = loa_http_split(text, len, (size_t)k->c->max_chars, starts, lens, 64);
    if (n > 64) return mc_diag_set(k->d, NULL, 0, 0, "an utterance is too long for the remote voice");
    for (size_t i = 0; i < n; i++) {
        char *piece = strndup(text + starts[i], lens[i]);
        if (!piece) return mc_diag_set(k->d, NULL, 0, 0, "out of memory");
        int rc = synthesise(k, piece);
        free(piece);
        if (rc != 0) return -1;
        if (loa_http_decode(k->a.b.data, k->a.b.n, r->rate, spool_sink, r, k->d) != 0) return -1;
    }
    return 0;
}

static int fetch_all(replay *r, call *k, const loa_program *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const loa_segment *s = &p->segs[i];
        if (s->kind != LOA_SEG_SPEECH || find_clip(r, s->text, strlen(s->text))) continue;
        if (fetch_utterance(r, k, s->text) != 0) return -1;
    }
    return 0;
}

static int need_key(const loa_http_config *c, const char **key, mc_diag *d)
{
    *key = NULL;
    if (!c->key_env) return 0;
    *key = getenv(c->key_env);
    if (!*key || !**key)
        return mc_diag_set(d, NULL, 0, 0, "the environment variable %s (audio: remote: key_env) "
                           "is not set; export the service's key in it", c->key_env);
    return 0;
}

loa_tts *loa_http_prepare(const loa_http_config *c, const loa_program *p, mc_diag *d)
{
    replay *r = calloc(1, sizeof *r);
    if (!r) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    r->rate = c->sample_rate;
    r->d = d;
    snprintf(r->name, sizeof r->name, "remote %s (%s)", c->api_name, c->url);
    snprintf(r->voice, sizeof r->voice, "%s", c->voice ? c->voice : "default");
    call k = {c, NULL, {0}, d};
    int rc = need_key(c, &k.key, d);
    if (rc == 0 && !(r->spool = tmpfile()))
        rc = mc_diag_set(d, NULL, 0, 0, "cannot create a temporary file: %s", strerror(errno));
    if (rc == 0) rc = fetch_all(r, &k, p);
    if (rc == 0 && fflush(r->spool) != 0)
        rc = mc_diag_set(d, NULL, 0, 0, "cannot write the fetched speech: %s", strerror(errno));
    answer_reset(&k.a);
    if (rc != 0) {
        replay_free(r);
        return NULL;
    }
    r->d = NULL;
    return loa_tts_new_engine(&replay_engine, r, d);
}
