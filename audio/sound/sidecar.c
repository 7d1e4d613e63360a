/* sidecar.c — FILE.json beside each audio file (see sidecar.h).
 *
 * Built as a Jansson object, dumped with sorted keys and two-space indent,
 * written with mc_write_atomic. SHA-256 comes from OpenSSL's libcrypto
 * (EVP interface): Debian's libcurl4-openssl-dev, which loa will use for
 * delivery, already depends on it, so it adds no new library to the
 * install, and pkg-config finds it as "libcrypto".
 */
#include "sidecar.h"
#include "fileio.h"
#include "strf.h"

#include <jansson.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int loa_sha256_hex(const void *data, size_t n, char hex[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32) return -1;
    mc_hex(md, len, hex);
    return 0;
}

static double round_to(double x, double step) { return round(x / step) * step; }

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v) json_object_set_new(o, key, json_string(v));
}

static void set_real(json_t *o, const char *key, double v, double step)
{
    json_object_set_new(o, key, isfinite(v) ? json_real(round_to(v, step)) : json_null());
}

static json_t *build(const loa_sidecar *s, const char *hash)
{
    const char *slash = strrchr(s->audio_path, '/');
    json_t *o = json_object();
    if (!o) return NULL;
    set_str(o, "file", slash ? slash + 1 : s->audio_path);
    set_str(o, "format", s->opts->format->name);
    set_str(o, "codec", s->opts->format->codec);
    json_object_set_new(o, "sample_rate", json_integer(s->res->sample_rate));
    json_object_set_new(o, "channels", json_integer(1));
    json_object_set_new(o, "bitrate_kbps", json_integer(s->res->bitrate_kbps));
    set_str(o, "bitrate_mode", s->opts->format->bitrate_mode);
    set_real(o, "duration_seconds", s->res->duration, 0.001);
    set_real(o, "integrated_loudness_lufs", s->res->integrated, 0.01);
    set_real(o, "true_peak_dbtp", s->res->true_peak, 0.01);
    set_real(o, "loudness_target_lufs", s->opts->target_lufs, 0.01);
    set_real(o, "true_peak_ceiling_dbtp", s->opts->ceiling_dbtp, 0.01);
    json_object_set_new(o, "encode_passes", json_integer(s->res->encodes));
    if (s->res->njoins) {   /* made from parts (parts.h): where they meet */
        json_t *j = json_array();
        for (int i = 0; i < s->res->njoins; i++)
            json_array_append_new(j, json_real(round_to(s->res->joins[i], 0.001)));
        json_object_set_new(o, "joins_seconds", j);
    }
    set_str(o, "voice", s->voice);
    set_str(o, "engine", s->engine);
    if (s->voices) json_object_update(o, s->voices);
    set_str(o, "text_sha256", hash);
    set_str(o, "title", s->title);
    set_str(o, "ward", s->ward);
    set_str(o, "date", s->date);
    set_str(o, "fallback", s->fallback);
    return o;
}

int loa_sidecar_write(const loa_sidecar *s, mc_diag *d)
{
    char hash[65];
    const char *text = s->spoken_text ? s->spoken_text : "";
    if (loa_sha256_hex(text, strlen(text), hash) != 0)
        return mc_diag_set(d, s->audio_path, 0, 0, "cannot compute SHA-256 (libcrypto failed)");
    json_t *o = build(s, hash);
    char *json = o ? json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(o);
    size_t n = strlen(s->audio_path) + 6;
    char *path = malloc(n);
    int rc = -1;
    if (!json || !path) mc_diag_set(d, s->audio_path, 0, 0, "out of memory");
    else {
        snprintf(path, n, "%s.json", s->audio_path);
        size_t len = strlen(json);
        json[len] = '\n';   /* json_dumps leaves room: replace NUL, write len + 1 */
        rc = mc_write_atomic(path, json, len + 1, d);
    }
    free(path);
    free(json);
    return rc;
}
