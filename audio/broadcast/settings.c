/* settings.c — site.yaml `audio:` and `wards:` for loa (see settings.h).
 *
 * Each key is read by a small typed getter that reports FILE:LINE of the
 * value when it has the wrong type; ranges are checked later by the stage
 * that uses the value (tts, pipeline), whose messages name the setting.
 */
#include "settings.h"
#include "section.h"
#include "fileio.h"
#include "safepath.h"
#include "utf8.h"
#include "yamljson.h"
#include "yesno.h"

#include <ctype.h>
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

static int read_audio(loa_settings *s, const mc_section *r)
{
    const char *style = NULL, *format = NULL;
    json_t *chime = json_object_get(r->obj, "chime");
    if (mc_section_str(r, "voice", 0, &s->tts.voice) || mc_section_str(r, "style", 0, &style) ||
        mc_section_num(r, "rate", 1, 0, &s->tts.rate) || mc_section_num(r, "loudness_target", 1, 0, &s->out.target_lufs) ||
        mc_section_num(r, "true_peak", 1, 0, &s->out.ceiling_dbtp) || mc_section_str(r, "format", 0, &format) ||
        mc_section_int(r, "sample_rate", 1, 0, &s->out.sample_rate) || mc_section_int(r, "bitrate", 1, 0, &s->out.bitrate_kbps) ||
        mc_section_num(r, "pause_between_repeats", 1, 0, &s->repeat_pause) ||
        mc_section_str(r, "opening", 0, &s->opening) || mc_section_str(r, "closing", 0, &s->closing) ||
        mc_section_str(r, "repeat_phrase", 0, &s->repeat_phrase)) return -1;
    if (chime && mc_yes_no(chime) < 0) return mc_section_bad(r, "chime", MC_YES_NO_HINT);
    if (chime) s->chime = mc_yes_no(chime);
    json_t *enabled = json_object_get(r->obj, "enabled");
    if (enabled && mc_yes_no(enabled) < 0) return mc_section_bad(r, "enabled", MC_YES_NO_HINT);
    if (style && loa_style_parse(style, &s->style) != 0) return mc_section_bad(r, "style", "north or south");
    char names[64];
    if (format && !(s->out.format = loa_format_find(format)))
        return mc_section_bad(r, "format", loa_format_names(names, sizeof names));
    return 0;
}

/* The folder holding site.yaml (file), which recordings are joined onto. */
static char *site_root(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash) return strdup(".");
    if (slash == file) return strdup("/");
    return strndup(file, (size_t)(slash - file));
}

static int ward_recording(const mc_section *r, json_t *site, json_t *w, size_t i,
                          const char *key, char **path)
{
    json_t *v = json_object_get(w, key);
    if (!v) return 0;
    char where[96];
    snprintf(where, sizeof where, "wards/%zu/%s", i, key);
    int line = mc_yaml_line(site, r->lines, where);
    if (!json_is_string(v) || !json_string_value(v)[0])
        return mc_diag_set(r->d, r->file, line, 0, "%s: must be the path of an audio file in "
                           "the site folder, e.g. audio/mo-dau-phuong-1.m4a", key);
    char *root = site_root(r->file);
    mc_diag pd;
    *path = root ? mc_path_join(root, json_string_value(v), &pd) : NULL;
    free(root);
    if (!*path)
        return mc_diag_set(r->d, r->file, line, 0, "%s: '%s' is outside the site folder; put the "
                           "recording in the site folder and give its path from there", key,
                           json_string_value(v));
    return 0;
}

int loa_ward_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64 || !isalnum((unsigned char)id[0])) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (!(c < 0x80 && (isalnum(c) || c == '-' || c == '_'))) return 0;
    }
    return 1;
}

static int read_wards(loa_settings *s, const mc_section *r, json_t *site)
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
        if (!loa_ward_id_ok(id)) {
            char path[64];
            snprintf(path, sizeof path, "wards/%zu/id", i);
            return mc_diag_set(r->d, r->file, mc_yaml_line(site, r->lines, path), 0,
                               "ward id '%s' names the ward's folder; use ASCII letters, "
                               "digits, '-' and '_' only (for example hoa-lu)", id);
        }
        loa_ward *ward = &s->wards[s->nwards++];
        *ward = (loa_ward){id, name, NULL, NULL};
        if (ward_recording(r, site, w, i, "opening_recording", &ward->opening_recording) != 0 ||
            ward_recording(r, site, w, i, "closing_recording", &ward->closing_recording) != 0)
            return -1;
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
        mc_section r = {file, s->site, lines, json_object_get(s->site, "audio"), "audio", d};
        const char *title = json_string_value(json_object_get(s->site, "title"));
        if (title) s->album = title;
        if (r.obj && !json_is_object(r.obj))
            rc = mc_diag_set(d, file, mc_yaml_line(s->site, lines, "audio"), 0,
                             "audio: must be a mapping of settings");
        if (rc == 0 && r.obj) rc = read_audio(s, &r);
        if (rc == 0) rc = read_wards(s, &r, s->site);
    }
    s->site_lines = lines;
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
    for (size_t i = 0; i < s->nwards; i++) {
        free(s->wards[i].opening_recording);
        free(s->wards[i].closing_recording);
    }
    free(s->wards);
    json_decref(s->site);
    json_decref(s->site_lines);
    s->wards = NULL;
    s->site = NULL;
    s->site_lines = NULL;
}
