/* editor_config.c — Decap CMS's configuration from the kind and field
 * tables (see editor_config.h). The widget of each field type is one row
 * of `widgets`.
 */
#include "editor_config.h"

#include <stdio.h>
#include <string.h>

typedef struct widget {
    const char *name;       /* Decap's widget */
    unsigned list_of : 1;   /* a list whose every item is this widget */
    unsigned whole : 1;     /* a whole number from 0 */
    const char *format;     /* datetime: how the value is written */
    const char *pattern;    /* a regular expression the value must match */
    const char *pattern_vi; /* the message when it does not */
} widget;

static const widget widgets[] = {
    [MC_F_TEXT] = {"string", 0, 0, NULL, NULL, NULL},
    [MC_F_TEXTS] = {"string", 1, 0, NULL, NULL, NULL},
    [MC_F_CHOICE] = {"select", 0, 0, NULL, NULL, NULL},
    [MC_F_COUNT] = {"number", 0, 1, NULL, NULL, NULL},
    [MC_F_MONEY] = {"number", 0, 1, NULL, NULL, NULL},
    [MC_F_DATE] = {"datetime", 0, 0, "YYYY-MM-DD", NULL, NULL},
    [MC_F_DATETIMES] = {"datetime", 1, 0, "YYYY-MM-DD HH:mm", NULL, NULL},
    [MC_F_URL] = {"string", 0, 0, NULL, "^https?://[^\\s]+$",
                  "Địa chỉ phải bắt đầu bằng http:// hoặc https:// và không có dấu cách"},
    [MC_F_DURATION] = {"string", 0, 0, NULL, NULL, NULL},
    [MC_F_LIST] = {"list", 0, 0, NULL, NULL, NULL},
    [MC_F_FILE] = {"file", 0, 0, NULL, NULL, NULL},
    [MC_F_BOOL] = {"boolean", 0, 0, NULL, NULL, NULL},
    [MC_F_WARDS] = {"string", 1, 0, NULL, NULL, NULL},
    [MC_F_TAGS] = {"string", 1, 0, NULL, NULL, NULL},
    [MC_F_PROCEDURE] = {"string", 0, 0, NULL, NULL, NULL}, /* a procedure's name */
};

static json_t *fields_of(const mc_field *table);

/* The widget part of a field: its widget name and what goes with it. */
static void set_widget(json_t *o, const mc_field *f, const widget *w)
{
    json_object_set_new(o, "widget", json_string(w->name));
    if (w->whole) {
        json_object_set_new(o, "value_type", json_string("int"));
        json_object_set_new(o, "min", json_integer(0));
        json_object_set_new(o, "step", json_integer(1));
    }
    if (w->format) {
        json_object_set_new(o, "format", json_string(w->format));
        json_object_set_new(o, "date_format", json_string("YYYY-MM-DD"));
        json_object_set_new(o, "time_format", strchr(w->format, ' ') ? json_string("HH:mm") : json_false());
    }
    if (w->pattern) json_object_set_new(o, "pattern", json_pack("[ss]", w->pattern, w->pattern_vi));
    if (f->choices) {
        json_t *options = json_array();
        for (const mc_choice *c = f->choices; c->code; c++)
            json_array_append_new(options, json_pack("{s:s, s:s}", "label", c->vi, "value", c->code));
        json_object_set_new(o, "options", options);
    }
    if (f->type == MC_F_LIST && f->items) {
        json_object_set_new(o, "fields", fields_of(f->items));
        json_object_set_new(o, "collapsed", json_false()); /* every item open, as on the page */
    }
}

/* What `motcua new` writes for f, as a value, or NULL (nothing, "" or []). */
static json_t *default_of(const mc_field *f)
{
    if (!f->in_new || !f->new_value) return NULL;
    json_t *v = json_loads(f->new_value, JSON_DECODE_ANY, NULL);
    if (!v) v = json_string(f->new_value); /* a bare word: xa, all */
    if ((json_is_string(v) && !json_string_length(v)) || (json_is_array(v) && !json_array_size(v)) ||
        (widgets[f->type].list_of && !json_is_array(v))) {
        json_decref(v);
        return NULL;
    }
    return v;
}

static json_t *field_of(const mc_field *f)
{
    const widget *w = &widgets[f->type];
    json_t *o = json_pack("{s:s, s:s, s:b}", "name", f->key, "label", f->label_vi, "required",
                          f->required);
    char hint[512];
    snprintf(hint, sizeof hint, f->hint ? "%s" : "Ví dụ: %s", f->hint ? f->hint : f->example);
    json_object_set_new(o, "hint", json_string(hint));
    json_t *def = default_of(f);
    if (def) json_object_set_new(o, "default", def);
    if (w->list_of) {
        /* a list of plain values: one widget for every item */
        json_t *item = json_pack("{s:s, s:s}", "name", f->key, "label", f->label_vi);
        set_widget(item, f, w);
        json_object_set_new(o, "widget", json_string("list"));
        json_object_set_new(o, "collapsed", json_false());
        json_object_set_new(o, "field", item);
    } else {
        set_widget(o, f, w);
    }
    if (f->type == MC_F_FILE) json_object_set_new(o, "media_library", json_pack("{s:b}", "allow_multiple", 0));
    return o;
}

static json_t *fields_of(const mc_field *table)
{
    json_t *a = json_array();
    for (const mc_field *f = table; f && f->key; f++) json_array_append_new(a, field_of(f));
    return a;
}

static json_t *collection(const mc_kind *k, const char *slug)
{
    char folder[256];
    snprintf(folder, sizeof folder, "content%s%s", k->folder[0] ? "/" : "", k->folder);
    json_t *fields = json_array();
    json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:b}", "name", "title", "label",
                                            "Tiêu đề", "widget", "string", "required", 1));
    json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "name", "date",
                                            "label", "Ngày đăng", "widget", "datetime", "format",
                                            "YYYY-MM-DD", "date_format", "YYYY-MM-DD",
                                            "time_format", 0, "required", 0));
    json_t *own = fields_of(k->fields);
    json_array_extend(fields, own);
    json_decref(own);
    json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:b}", "name", "body", "label",
                                            "Nội dung", "widget", "markdown", "required", 0));
    json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
                          "name", k->name, "label", k->label_vi, "label_singular", k->label_vi,
                          "folder", folder, "create", 1, "extension", "md", "format",
                          "frontmatter", "slug", slug,
                          "identifier_field", "title", "media_folder", "", "public_folder", "",
                          "fields", fields);
    /* a plain page lives in content/ itself; the other kinds' new pages are bundles */
    if (k->folder[0]) json_object_set_new(c, "path", json_string("{{slug}}/index"));
    return c;
}

json_t *mc_editor_config(json_t *backend, const char *site_url)
{
    json_t *collections = json_array();
    size_t n;
    const mc_kind *kinds = mc_kinds(&n);
    /* the local backend answers `motcua slug`; a Git host's editor makes
       its own (Decap's clean_accents folds đ too; '.' and '_' stay) */
    const char *name = json_string_value(json_object_get(backend, "name"));
    const char *slug = name && !strcmp(name, "proxy") ? "{{fields." MC_EDITOR_SLUG_KEY "}}" : "{{slug}}";
    for (size_t i = 0; i < n; i++) json_array_append_new(collections, collection(&kinds[i], slug));
    json_t *c = json_pack("{s:o, s:s, s:s, s:s, s:{s:s, s:b, s:s}, s:o}", "backend", backend,
                          "locale", "vi", "media_folder", "content", "public_folder", "",
                          "slug", "encoding", "ascii", "clean_accents", 1,
                          "sanitize_replacement", "-", "collections", collections);
    if (c && site_url) {
        json_object_set_new(c, "site_url", json_string(site_url));
        json_object_set_new(c, "display_url", json_string(site_url));
    }
    return c;
}

const mc_kind *mc_editor_kind_of(const char *path)
{
    if (strncmp(path, "content/", 8) != 0) return NULL;
    const char *rest = path + 8;
    size_t n;
    const mc_kind *kinds = mc_kinds(&n);
    for (size_t i = 0; i < n; i++) {
        size_t f = strlen(kinds[i].folder);
        /* FOLDER/x.md or FOLDER/x/index.md (and a bundle's other files) */
        if (f && !strncmp(rest, kinds[i].folder, f) && rest[f] == '/') {
            const char *in = rest + f + 1, *slash = strchr(in, '/');
            return !slash || !strchr(slash + 1, '/') ? &kinds[i] : NULL;
        }
    }
    return strchr(rest, '/') ? NULL : mc_kind_page();
}
