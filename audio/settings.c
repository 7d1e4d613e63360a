/* settings.c — site.yaml `audio:` and `wards:` for loa (see settings.h).
 *
 * Each key is read by a small typed getter that reports FILE:LINE of the
 * value when it has the wrong type; ranges are checked later by the stage
 * that uses the value (tts, pipeline), whose messages name the setting.
 */
#include "settings.h"
#include "fileio.h"
#include "utf8.h"
#include "yamljson.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void loa_settings_defaults(loa_settings *s)
{
    memset(s, 0, sizeof *s);
    s->style = LOA_NORTH;
    s->tts.voice = "vi";
    s->tts.rate = 1.0;
    s->tts.pitch = 50;
    loa_output_defaults(&s->out);
    s->opening = "Đài truyền thanh {ward} xin thông báo:";
    s->closing = "Đài truyền thanh {ward} vừa thông báo. Đề nghị bà con nhân dân biết và thực hiện.";
    s->repeat_phrase = "Xin nhắc lại:";
    s->chime = 1;
    s->repeat_pause = 1.0;
    s->album = "Thông báo";
}

typedef struct reader {
    const char *file;
    json_t *lines, *site, *audio;
    mc_diag *d;
} reader;

static int bad(reader *r, const char *key, const char *want)
{
    char path[128];
    snprintf(path, sizeof path, "audio/%s", key);
    return mc_diag_set(r->d, r->file, mc_yaml_line(r->site, r->lines, path), 0,
                       "audio: %s must be %s", key, want);
}

static int get_str(reader *r, const char *key, const char **out)
{
    json_t *v = json_object_get(r->audio, key);
    if (!v) return 0;
    if (!json_is_string(v)) return bad(r, key, "text in quotes");
    *out = json_string_value(v);
    return 0;
}

static int get_num(reader *r, const char *key, double *out)
{
    json_t *v = json_object_get(r->audio, key);
    if (!v) return 0;
    if (!json_is_number(v)) return bad(r, key, "a number");
    *out = json_number_value(v);
    return 0;
}

static int get_int(reader *r, const char *key, int *out)
{
    json_t *v = json_object_get(r->audio, key);
    if (!v) return 0;
    if (!json_is_integer(v)) return bad(r, key, "a whole number");
    *out = (int)json_integer_value(v);
    return 0;
}

static int read_audio(loa_settings *s, reader *r)
{
    const char *style = NULL, *format = NULL;
    json_t *chime = json_object_get(r->audio, "chime");
    if (get_str(r, "voice", &s->tts.voice) || get_str(r, "style", &style) ||
        get_num(r, "rate", &s->tts.rate) || get_num(r, "loudness_target", &s->out.target_lufs) ||
        get_num(r, "true_peak", &s->out.ceiling_dbtp) || get_str(r, "format", &format) ||
        get_int(r, "sample_rate", &s->out.sample_rate) || get_int(r, "bitrate", &s->out.bitrate_kbps) ||
        get_num(r, "pause_between_repeats", &s->repeat_pause) ||
        get_str(r, "opening", &s->opening) || get_str(r, "closing", &s->closing) ||
        get_str(r, "repeat_phrase", &s->repeat_phrase)) return -1;
    if (chime && !json_is_boolean(chime)) return bad(r, "chime", "true or false");
    if (chime) s->chime = json_is_true(chime);
    if (style && strcmp(style, "north") && strcmp(style, "south")) return bad(r, "style", "north or south");
    if (style) s->style = !strcmp(style, "south") ? LOA_SOUTH : LOA_NORTH;
    if (format && !(s->out.format = loa_format_find(format)))
        return bad(r, "format", "one of mp3, ogg, opus, flac, wav");
    return 0;
}

static int read_wards(loa_settings *s, reader *r, json_t *site)
{
    json_t *wards = json_object_get(site, "wards");
    if (!json_is_array(wards)) return 0;
    s->wards = calloc(json_array_size(wards) + 1, sizeof *s->wards);
    if (!s->wards) return mc_diag_set(r->d, r->file, 0, 0, "out of memory");
    size_t i;
    json_t *w;
    json_array_foreach(wards, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *name = json_string_value(json_object_get(w, "name"));
        if (!id || !name) {
            char path[64];
            snprintf(path, sizeof path, "wards/%zu", i);
            return mc_diag_set(r->d, r->file, mc_yaml_line(site, r->lines, path), 0,
                               "each ward needs an id and a name");
        }
        s->wards[s->nwards++] = (loa_ward){id, name};
    }
    return 0;
}

static char *site_file(const char *path)
{
    struct stat st;
    int dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    size_t n = strlen(path) + 12;
    char *f = malloc(n);
    if (f) snprintf(f, n, dir ? "%s/site.yaml" : "%s", path);
    return f;
}

int loa_settings_load_site(loa_settings *s, const char *path, mc_diag *d)
{
    char *file = site_file(path);
    size_t len = 0;
    char *text = file ? mc_read_file(file, &len, d) : NULL;
    json_t *lines = NULL;
    int rc = text && mc_utf8_check(text, len, file, 1, d) == 0 ? 0 : -1;
    if (rc == 0) s->site = mc_yaml_load_named(file, text, len, 1, "site.yaml", &lines, d);
    if (rc == 0 && !json_is_object(s->site))
        rc = s->site ? mc_diag_set(d, file, 1, 0, "site.yaml must be a mapping of settings") : -1;
    if (rc == 0) {
        reader r = {file, lines, s->site, json_object_get(s->site, "audio"), d};
        const char *title = json_string_value(json_object_get(s->site, "title"));
        if (title) s->album = title;
        if (r.audio && !json_is_object(r.audio))
            rc = mc_diag_set(d, file, mc_yaml_line(s->site, lines, "audio"), 0,
                             "audio: must be a mapping of settings");
        if (rc == 0 && r.audio) rc = read_audio(s, &r);
        if (rc == 0) rc = read_wards(s, &r, s->site);
    }
    json_decref(lines);
    free(text);
    free(file);
    return rc;
}

const loa_ward *loa_settings_ward(const loa_settings *s, const char *id)
{
    for (size_t i = 0; i < s->nwards; i++)
        if (!strcmp(s->wards[i].id, id)) return &s->wards[i];
    return NULL;
}

void loa_settings_free(loa_settings *s)
{
    free(s->wards);
    json_decref(s->site);
    s->wards = NULL;
    s->site = NULL;
}
