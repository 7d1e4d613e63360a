/* cmd_fields.c — `motcua fields [KIND] [--format text|json]`: the page kinds
 * and the front-matter keys of each, from the tables (kinds.h, fields.h):
 * what staff may write, in Vietnamese, and the same as JSON for tools (an
 * editor's form, documentation). Nothing here lists a key by hand. */
#include "commands.h"
#include "editor_config.h"
#include "fields.h"
#include "kinds.h"
#include "options.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const type_names[] = {
    [MC_F_TEXT] = "text", [MC_F_TEXTS] = "texts", [MC_F_CHOICE] = "choice",
    [MC_F_COUNT] = "count", [MC_F_MONEY] = "money", [MC_F_DATE] = "date",
    [MC_F_DATETIMES] = "datetimes", [MC_F_URL] = "url", [MC_F_DURATION] = "duration",
    [MC_F_LIST] = "list", [MC_F_FILE] = "file", [MC_F_BOOL] = "bool", [MC_F_WARDS] = "wards",
    [MC_F_TAGS] = "tags", [MC_F_PROCEDURE] = "procedure",
};

static json_t *field_json(const mc_field *f)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "key", f->key, "label_vi",
                          f->label_vi, "label_en", f->label_en, "type", type_names[f->type],
                          "required", f->required, "example", f->example);
    if (f->hint) json_object_set_new(o, "hint", json_string(f->hint));
    if (f->choices) {
        json_t *choices = json_array();
        for (const mc_choice *c = f->choices; c->code; c++)
            json_array_append_new(choices, json_pack("{s:s, s:s, s:s}", "code", c->code, "vi",
                                                     c->vi, "en", c->en));
        json_object_set_new(o, "choices", choices);
    }
    if (f->items) {
        json_t *items = json_array();
        for (const mc_field *it = f->items; it->key; it++) json_array_append_new(items, field_json(it));
        json_object_set_new(o, "items", items);
        json_object_set_new(o, "strings_too", json_boolean(f->strings_too));
    }
    return o;
}

static void field_text(FILE *out, const mc_field *f, int indent)
{
    fprintf(out, "%*s%-17s %s%s — %s\n", indent, "", f->key, f->label_vi,
            f->required ? " (bắt buộc)" : "", mc_field_shape(f));
    fprintf(out, "%*s%-17s   %s\n", indent, "", "", f->example);
    if (f->choices) {
        fprintf(out, "%*s%-17s   giá trị:", indent, "", "");
        for (const mc_choice *c = f->choices; c->code; c++)
            fprintf(out, "%s %s (%s)", c == f->choices ? "" : ",", c->code, c->vi);
        fputc('\n', out);
    }
    for (const mc_field *it = f->items; it && it->key; it++) field_text(out, it, indent + 4);
}

enum { OPT_BACKEND = MC_OPT_LONG + 1 };

/* The editor's configuration with the Git host's backend given as JSON. */
static int print_decap(const char *backend)
{
    json_t *b = backend ? json_loads(backend, 0, NULL) : NULL;
    if (!json_is_object(b) || !json_is_string(json_object_get(b, "name"))) {
        json_decref(b);
        return mc_usage_error("%s", "fields: --format decap needs --backend with a JSON object "
                              "naming the Git host, e.g. {\"name\":\"gitea\",\"repo\":\"ubnd/cong\","
                              "\"base_url\":\"https://git.example\"}");
    }
    json_t *cfg = mc_editor_config(b, NULL);
    json_dumpf(cfg, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(cfg);
    return 0;
}

static const mc_option fields_options[] = {
    {MC_OPT_LONG, "format", "FORMAT", "text (default), json, or decap: the content\n"
                                      "editor's configuration (Decap CMS) for a Git host", NULL},
    {OPT_BACKEND, "backend", "JSON", "--format decap: the editor's backend, e.g.\n"
                                     "'{\"name\":\"gitea\",\"repo\":\"ubnd/cong\",\"base_url\":\"https://git.example\"}'", NULL},
    {'h', "help", NULL, "show this help", NULL},
    {0}};

int mc_cmd_fields(int argc, char **argv)
{
    const char *format = "text", *backend = NULL;
    int c;
    mc_getopt g;
    mc_getopt_start(&g, fields_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == MC_OPT_LONG) format = optarg;
        else if (c == OPT_BACKEND) backend = optarg;
        else if (c == 'h') {
            mc_command_help(stdout, &mc_fields_command);
            return 0;
        } else {
            return mc_usage_error("fields: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "decap"))
        return mc_usage_error("fields: --format is text, json or decap, not '%s'", format);
    if (!strcmp(format, "decap")) return print_decap(backend);
    if (argc - optind > 1) return mc_usage_error("%s", "fields: give at most one KIND");
    const mc_kind *only = NULL;
    if (optind < argc && !(only = mc_kind_find(argv[optind]))) {
        char msg[512];
        snprintf(msg, sizeof msg, "fields: unknown kind '%s'; use %s", argv[optind], mc_kind_names());
        return mc_usage_error("%s", msg);
    }
    size_t n;
    const mc_kind *kinds = mc_kinds(&n);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        const mc_kind *k = &kinds[i];
        if (only && k != only) continue;
        if (!strcmp(format, "json")) {
            json_t *fields = json_array();
            for (const mc_field *f = k->fields; f && f->key; f++) json_array_append_new(fields, field_json(f));
            json_array_append_new(all, json_pack("{s:s, s:s, s:s, s:s, s:o}", "kind", k->name,
                                                 "folder", k->folder, "label_vi", k->label_vi,
                                                 "label_en", k->label_en, "fields", fields));
            continue;
        }
        printf("%s%s — %s (content/%s)\n", i && !only ? "\n" : "", k->name, k->label_vi,
               k->folder[0] ? k->folder : "");
        for (const mc_field *f = k->fields; f && f->key; f++) field_text(stdout, f, 2);
    }
    if (!strcmp(format, "json")) {
        json_dumpf(all, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
    }
    json_decref(all);
    return 0;
}

const mc_command mc_fields_command = {
    .name = "fields",
    .args = "[KIND]",
    .summary = "list the page kinds and the front-matter keys of each: labels,\n"
               "shapes, allowed values, examples (--format json for tools)",
    .usage = "motcua fields [KIND] [--format text|json]\n"
             "motcua fields --format decap --backend JSON\n",
    .description = "List the page kinds and, for each, the front-matter keys its pages may\n"
                   "have: the Vietnamese label, whether the rules require it, the shape of\n"
                   "its value, an example, and its allowed values with their Vietnamese\n"
                   "labels (which may be written instead of the codes). The same tables\n"
                   "drive the procedure checks and `motcua new`. With --format decap it\n"
                   "prints the configuration of the content editor (Decap CMS) that\n"
                   "`motcua serve` offers at /admin/, with a Git host's backend, for a\n"
                   "site that publishes the editor (README: \"Content editor\").\n",
    .options = fields_options,
    .epilogue = "Examples:\n"
                "  motcua fields procedure\n"
                "  motcua fields --format json > fields.json\n"
                "  motcua fields --format decap --backend '{\"name\":\"gitea\",\"repo\":\"ubnd/cong\",\n"
                "    \"base_url\":\"https://git.example\"}' > static/admin/config.json\n",
    .run = mc_cmd_fields,
};
