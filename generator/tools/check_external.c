/* check_external.c — `motcua check --external`: is every link to another
 * site still alive? (libcurl multi interface)
 *
 * Each distinct URL is one job. A job asks with HEAD; a server that
 * refuses HEAD (405, 403, 501) is asked again with GET, whose body is cut
 * off after 64 KiB (the status line is all we need). Redirects are not
 * followed: a 3xx is reported with its target, so the link can be updated.
 * A timeout, a failed connection or a 5xx is retried at most MAX_RETRIES
 * times, after 0.5 s and then 1 s. At most PER_HOST jobs talk to one host
 * and MAX_TOTAL run at once; the rest wait in the queue (the scheduling is
 * ours, so a job's timeout never includes time spent waiting). TLS
 * certificates are always verified.
 *
 * Results that do not change from one minute to the next (2xx, 3xx, 4xx)
 * are kept for a day in SITE/.motcua/links.json; timeouts and 5xx are
 * always asked again. A cache file that is not ours or cannot be read is
 * ignored (and replaced).
 */
#include "check_internal.h"
#include "fileio.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PER_HOST 2
#define MAX_TOTAL 16
#define MAX_RETRIES 2
#define BODY_LIMIT 65536
#define CACHE_SECONDS 86400
#define CACHE_VERSION 1

typedef enum { JOB_WAITING, JOB_RUNNING, JOB_DONE } job_state;

typedef struct ext_job {
    const char *url;          /* borrowed from ctx->external */
    char host[256];
    job_state state;
    int attempt, use_get;
    double not_before;        /* monotonic seconds */
    size_t body;
    CURL *easy;
    char errbuf[CURL_ERROR_SIZE];
    /* the result */
    long code;
    char *target;             /* redirect target */
    const char *result;       /* "ok", "redirect", "broken" */
    char detail[512];
    int cacheable, cached;
} ext_job;

typedef struct ext_run {
    ext_job *jobs;
    size_t n, done;
    CURLM *multi;
    json_t *per_host;         /* host -> running jobs */
    size_t running;
    long timeout_ms;
} ext_run;

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void host_of(const char *url, char *host, size_t n)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t len = strcspn(p, "/?#");
    snprintf(host, n, "%.*s", (int)(len < n ? len : n - 1), p);
}

static size_t discard_body(char *data, size_t size, size_t nmemb, void *arg)
{
    (void)data;
    ext_job *j = arg;
    j->body += size * nmemb;
    return j->body > BODY_LIMIT ? 0 : size * nmemb;
}

static int host_count(ext_run *run, const char *host, int delta)
{
    json_t *v = json_object_get(run->per_host, host);
    int n = (int)json_integer_value(v) + delta;
    if (delta) json_object_set_new(run->per_host, host, json_integer(n));
    return n;
}

static void start_job(ext_run *run, ext_job *j)
{
    CURL *e = curl_easy_init();
    if (!e) {
        snprintf(j->detail, sizeof j->detail, "could not start a request (out of memory)");
        j->result = "broken";
        j->state = JOB_DONE;
        run->done++;
        return;
    }
    j->easy = e;
    j->body = 0;
    j->errbuf[0] = '\0';
    curl_easy_setopt(e, CURLOPT_URL, j->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, j);
    curl_easy_setopt(e, CURLOPT_NOBODY, j->use_get ? 0L : 1L);
    if (j->use_get) curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, run->timeout_ms < 5000 ? run->timeout_ms : 5000L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, run->timeout_ms);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "motcua-check/" MC_VERSION " (link checker)");
    curl_multi_add_handle(run->multi, e);
    j->state = JOB_RUNNING;
    run->running++;
    host_count(run, j->host, +1);
}

static void schedule(ext_run *run)
{
    double now = mono();
    for (size_t i = 0; i < run->n && run->running < MAX_TOTAL; i++) {
        ext_job *j = &run->jobs[i];
        if (j->state != JOB_WAITING || j->not_before > now) continue;
        if (host_count(run, j->host, 0) >= PER_HOST) continue;
        start_job(run, j);
    }
}

static void finish(ext_run *run, ext_job *j, const char *result, int cacheable)
{
    j->result = result;
    j->cacheable = cacheable;
    j->state = JOB_DONE;
    run->done++;
}

static void retry_or_fail(ext_run *run, ext_job *j, const char *why)
{
    if (j->attempt < MAX_RETRIES) {
        j->attempt++;
        j->not_before = mono() + 0.5 * (1 << (j->attempt - 1));
        j->state = JOB_WAITING;
        return;
    }
    snprintf(j->detail, sizeof j->detail, "%s (tried %d times)", why, j->attempt + 1);
    finish(run, j, "broken", 0);
}

static void judge_status(ext_run *run, ext_job *j, CURL *e)
{
    char why[256];
    if (!j->use_get && (j->code == 405 || j->code == 403 || j->code == 501)) {
        j->use_get = 1; /* the server refuses HEAD: ask again with GET */
        j->state = JOB_WAITING;
        return;
    }
    if (j->code >= 200 && j->code < 300) { finish(run, j, "ok", 1); return; }
    if (j->code >= 300 && j->code < 400) {
        char *loc = NULL;
        curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc);
        j->target = loc ? strdup(loc) : NULL;
        snprintf(j->detail, sizeof j->detail, "HTTP %ld", j->code);
        finish(run, j, "redirect", 1);
        return;
    }
    snprintf(why, sizeof why, "HTTP %ld", j->code);
    if (j->code >= 500) { retry_or_fail(run, j, why); return; }
    snprintf(j->detail, sizeof j->detail, "%s", why);
    finish(run, j, "broken", 1);
}

static void transfer_done(ext_run *run, CURLMsg *msg)
{
    CURL *e = msg->easy_handle;
    ext_job *j = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
    CURLcode rc = msg->data.result;
    j->code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &j->code);
    curl_multi_remove_handle(run->multi, e);
    run->running--;
    host_count(run, j->host, -1);
    if (rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && j->code > 0)) judge_status(run, j, e);
    else if (rc == CURLE_OPERATION_TIMEDOUT) {
        char why[64];
        snprintf(why, sizeof why, "no answer within %.1f s", (double)run->timeout_ms / 1000);
        retry_or_fail(run, j, why);
    } else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_PEER_FAILED_VERIFICATION ||
               rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_UNSUPPORTED_PROTOCOL) {
        snprintf(j->detail, sizeof j->detail, "%s", j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
        finish(run, j, "broken", 0);
    } else retry_or_fail(run, j, j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
    curl_easy_cleanup(e);
    j->easy = NULL;
}

static void run_all(ext_run *run)
{
    while (run->done < run->n) {
        schedule(run);
        int still;
        curl_multi_perform(run->multi, &still);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(run->multi, &left)))
            if (msg->msg == CURLMSG_DONE) transfer_done(run, msg);
        curl_multi_poll(run->multi, NULL, 0, 50, NULL);
    }
}

/* ---- the cache ---- */

static char *cache_path(const mc_check_ctx *c, int folder)
{
    size_t n = strlen(c->site) + 32;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/.motcua%s", c->site, folder ? "" : "/links.json");
    return p;
}

static json_t *load_cache(const mc_check_ctx *c, mc_check_report *r)
{
    char *path = cache_path(c, 0);
    json_t *doc = path ? json_load_file(path, 0, NULL) : NULL;
    json_t *urls = json_object_get(doc, "urls");
    int exists = path && access(path, F_OK) == 0;
    if (exists && (json_integer_value(json_object_get(doc, "version")) != CACHE_VERSION ||
                   !json_is_object(urls))) {
        mc_check_add(r, MC_WARNING, "external", ".motcua/links.json", 0, NULL, NULL,
                     "the link cache is not one motcua wrote; it was ignored and replaced");
        urls = NULL;
    }
    json_t *out = urls ? json_incref(urls) : json_object();
    json_decref(doc);
    free(path);
    return out;
}

static void use_cache(ext_job *j, json_t *cache, long long now)
{
    json_t *e = json_object_get(cache, j->url);
    long long at = json_integer_value(json_object_get(e, "checked"));
    const char *result = json_string_value(json_object_get(e, "result"));
    if (!e || !result || now - at > CACHE_SECONDS || now < at) return;
    j->result = !strcmp(result, "ok") ? "ok" : !strcmp(result, "redirect") ? "redirect" : "broken";
    j->code = (long)json_integer_value(json_object_get(e, "status"));
    const char *target = json_string_value(json_object_get(e, "target"));
    j->target = target ? strdup(target) : NULL;
    snprintf(j->detail, sizeof j->detail, "%s", json_string_value(json_object_get(e, "detail")) ?
             json_string_value(json_object_get(e, "detail")) : "");
    j->state = JOB_DONE;
    j->cached = 1;
}

static void save_cache(const mc_check_ctx *c, json_t *cache, const ext_run *run, long long now)
{
    const char *key;
    json_t *v, *tmp;
    json_object_foreach_safe(cache, tmp, key, v)
        if (now - json_integer_value(json_object_get(v, "checked")) > CACHE_SECONDS)
            json_object_del(cache, key);
    for (size_t i = 0; i < run->n; i++) {
        const ext_job *j = &run->jobs[i];
        if (j->cached || !j->cacheable) continue;
        json_t *e = json_pack("{s:I, s:s, s:i, s:s}", "checked", (json_int_t)now, "result",
                              j->result, "status", (int)j->code, "detail", j->detail);
        if (j->target) json_object_set_new(e, "target", json_string(j->target));
        json_object_set_new(cache, j->url, e);
    }
    json_t *doc = json_pack("{s:i, s:O}", "version", CACHE_VERSION, "urls", cache);
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);
    char *dir = cache_path(c, 1), *path = cache_path(c, 0);
    if (text && dir && path && mc_mkdir_p(dir, NULL) == 0)
        mc_write_atomic(path, text, strlen(text), NULL);
    free(text);
    free(dir);
    free(path);
    json_decref(doc);
}

/* ---- the report ---- */

static void report_job(mc_check_ctx *c, const ext_job *j, mc_check_report *r)
{
    if (!strcmp(j->result, "ok")) return;
    json_t *where = json_object_get(c->external, j->url), *w;
    size_t i;
    json_array_foreach(where, i, w) {
        const char *file = json_string_value(json_array_get(w, 0));
        int line = (int)json_integer_value(json_array_get(w, 1));
        if (!strcmp(j->result, "redirect"))
            mc_check_add(r, MC_WARNING, "redirect", file, line, j->url, j->target,
                         "link '%s' redirects (%s) to %s; link to the new address", j->url,
                         j->detail, j->target ? j->target : "(no Location given)");
        else
            mc_check_add(r, MC_ERROR, "external", file, line, j->url, NULL,
                         "broken external link '%s': %s", j->url, j->detail);
    }
}

int mc_check_external(mc_check_ctx *c, const mc_check_opts *o, mc_check_report *r,
                      mc_diag_list *errs)
{
    size_t n = json_object_size(c->external);
    ext_run run = {.jobs = calloc(n + 1, sizeof *run.jobs), .n = n, .per_host = json_object(),
                   .timeout_ms = (long)((o->timeout > 0 ? o->timeout : 15) * 1000)};
    if (!run.jobs) {
        json_decref(run.per_host);
        mc_diag d;
        mc_diag_set(&d, NULL, 0, 0, "out of memory for %zu external links", n);
        return mc_diag_list_add(errs, &d);
    }
    long long now = o->now ? o->now : (long long)time(NULL);
    json_t *cache = o->fresh ? json_object() : load_cache(c, r);
    const char *url;
    json_t *v;
    size_t i = 0;
    json_object_foreach(c->external, url, v) {
        ext_job *j = &run.jobs[i++];
        j->url = url;
        host_of(url, j->host, sizeof j->host);
        use_cache(j, cache, now);
        if (j->cached) { run.done++; r->external_cached++; }
    }
    r->external = n;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    run.multi = curl_multi_init();
    if (run.multi) run_all(&run);
    for (i = 0; i < n; i++) report_job(c, &run.jobs[i], r);
    save_cache(c, cache, &run, now);
    for (i = 0; i < n; i++) free(run.jobs[i].target);
    if (run.multi) curl_multi_cleanup(run.multi);
    curl_global_cleanup();
    json_decref(cache);
    json_decref(run.per_host);
    free(run.jobs);
    return 0;
}
