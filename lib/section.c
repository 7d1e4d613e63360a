/* section.c — typed site.yaml values with FILE:LINE errors (see
 * section.h). The message names the section as staff see it in the file,
 * "audio: remote:", from its path "audio/remote". */
#include "section.h"
#include "yamljson.h"

#include <stdio.h>
#include <string.h>

int mc_section_bad(const mc_section *s, const char *key, const char *want)
{
    char path[256], label[256];
    snprintf(path, sizeof path, "%s/%s", s->path, key);
    size_t o = 0;
    for (const char *p = s->path; *p && o + 3 < sizeof label; p++) {
        if (*p == '/') { label[o++] = ':'; label[o++] = ' '; }
        else label[o++] = *p;
    }
    label[o] = '\0';
    return mc_diag_set(s->d, s->file, mc_yaml_line(s->root, s->lines, path), 0,
                       "%s: %s must be %s", label, key, want);
}

int mc_section_str(const mc_section *s, const char *key, int nonempty, const char **out)
{
    json_t *v = json_object_get(s->obj, key);
    if (!v) return 0;
    if (!json_is_string(v) || (nonempty && !json_string_value(v)[0]))
        return mc_section_bad(s, key, "text in quotes");
    *out = json_string_value(v);
    return 0;
}

int mc_section_num(const mc_section *s, const char *key, double lo, double hi, double *out)
{
    json_t *v = json_object_get(s->obj, key);
    if (!v) return 0;
    int bounded = lo <= hi;
    if (!json_is_number(v) || (bounded && (json_number_value(v) < lo || json_number_value(v) > hi))) {
        char want[64] = "a number";
        if (bounded) snprintf(want, sizeof want, "a number from %g to %g", lo, hi);
        return mc_section_bad(s, key, want);
    }
    *out = json_number_value(v);
    return 0;
}

int mc_section_int(const mc_section *s, const char *key, int lo, int hi, int *out)
{
    json_t *v = json_object_get(s->obj, key);
    if (!v) return 0;
    int bounded = lo <= hi;
    if (!json_is_integer(v) ||
        (bounded && (json_integer_value(v) < lo || json_integer_value(v) > hi))) {
        char want[64] = "a whole number";
        if (bounded) snprintf(want, sizeof want, "a whole number from %d to %d", lo, hi);
        return mc_section_bad(s, key, want);
    }
    *out = (int)json_integer_value(v);
    return 0;
}
