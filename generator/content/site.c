/* site.c — load site.yaml, theme words and data files (see site.h).
 *
 * The defaults are a YAML text compiled into the program and loaded with the
 * same parser as site.yaml, then the site's values are merged over them
 * (json_object_update_recursive), so a missing key always has a value and
 * the defaults read like the file staff edit. Problems are collected, not
 * returned at the first, so one run shows everything to fix in site.yaml.
 */
#define _DEFAULT_SOURCE /* d_type of readdir entries */
#include "site.h"
#include "kinds.h"
#include "strf.h"
#include "text.h"
#include "fileio.h"
#include "safepath.h"
#include "utf8.h"
#include "yamljson.h"
#include "yesno.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char default_config[] =
    "title: Cổng thông tin điện tử\n"
    "base_url: http://localhost/\n"
    "language: vi\n"
    "theme: default\n"
    "pagination:\n"
    "  page_size: 10\n"
    "markdown:\n"
    "  unsafe: false\n"
    "sections:\n"
    "  thu-tuc: procedure\n"
    "  tin-tuc: news\n"
    "  thong-bao: announcement\n"
    "menus:\n"
    "  main: []\n";

/* The name a message shows for path: relative to the site folder, as staff
 * see it ("data/phuong.yaml"), not where the site happens to live. */
#define shown mc_path_shown

/* The site's confinement rule (safepath.h) for a file it reads by name,
 * which must stay inside confine (the site, or its theme's folder): 0, or
 * -1 with the error added. */
static int confined(const char *confine, const char *path, mc_diag_list *errs)
{
    mc_diag d;
    if (mc_link_confined(confine, path, NULL, &d) == 0) return 0;
    return mc_diag_list_add(errs, &d);
}

static void check_sections(const mc_site *site, mc_diag_list *errs);
static void check_portal_links(const mc_site *site, mc_diag_list *errs);
static void canonical_days(mc_site *site, mc_diag_list *errs);

/* Loads a YAML file; NULL (no error) when it does not exist and !required. */
static json_t *load_yaml_file(const char *root, const char *confine, const char *path, int required,
                              json_t **lines, mc_diag_list *errs)
{
    const char *name = shown(root, path);
    mc_diag d;
    struct stat st;
    if (lines) *lines = NULL;
    int found = lstat(path, &st) == 0;
    if (!required && !found) return NULL;
    if (found && S_ISLNK(st.st_mode) && confined(confine, path, errs) != 0) return NULL;
    size_t len;
    char *text = mc_read_file(path, &len, &d);
    json_t *v = NULL;
    if (text && mc_utf8_check(text, len, name, 1, &d) == 0)
        v = mc_yaml_load(name, text, len, 1, lines, &d);
    if (!v) mc_diag_list_add(errs, &d);
    free(text);
    return v;
}

static const char *config_string(json_t *config, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(config, key));
    return s ? s : fallback;
}

/* base_url with exactly one trailing '/', and its path part. */
static int set_base_url(mc_site *site, const char *url, mc_diag_list *errs)
{
    size_t n = strlen(url);
    site->base_url = malloc(n + 2);
    if (!site->base_url) return -1;
    memcpy(site->base_url, url, n + 1);
    if (n == 0 || url[n - 1] != '/') strcat(site->base_url, "/");
    const char *scheme = strstr(site->base_url, "://");
    const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
    if (!scheme || !path) {
        mc_diag d;
        mc_diag_set(&d, "site.yaml", mc_site_line(site, "base_url"), 0,
                    "base_url '%s' is not a full address; write it like "
                    "https://ninhbinh.gov.vn/", url);
        return mc_diag_list_add(errs, &d);
    }
    site->base_path = strdup(path);
    return 0;
}

static void load_words(mc_site *site, const char *lang, mc_diag_list *errs)
{
    char rel[64];
    snprintf(rel, sizeof rel, "i18n/%s.yaml", lang);
    char *theme_file = mc_path2(site->theme_dir, rel);
    char *site_file = mc_path2(site->root, rel);
    json_t *words = theme_file ? load_yaml_file(site->root, mc_confine_for(site->root, site->theme_dir), theme_file, 0, NULL, errs) : NULL;
    json_t *over = site_file ? load_yaml_file(site->root, site->root, site_file, 0, NULL, errs) : NULL;
    if (!json_is_object(words)) { json_decref(words); words = json_object(); }
    if (json_is_object(over)) json_object_update(words, over);
    json_object_set_new(site->words, lang, words);
    json_decref(over);
    free(theme_file);
    free(site_file);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* CSV rows become objects keyed by the header row, all values strings. */
typedef struct csv_state {
    json_t *rows;     /* array of objects */
    json_t *header;   /* array of column names (first row) */
    json_t *row;      /* row being read */
    size_t column;
} csv_state;

static void csv_field(void *field, size_t len, void *data)
{
    csv_state *st = data;
    json_t *value = json_stringn(field, len);
    if (!st->header) st->header = json_array();
    if (json_array_size(st->rows) == 0 && !st->row) { /* still in the header row */
        json_array_append_new(st->header, value);
        return;
    }
    if (!st->row) st->row = json_object();
    const char *name = json_string_value(json_array_get(st->header, st->column));
    char fallback[32];
    if (!name) {
        snprintf(fallback, sizeof fallback, "column%zu", st->column + 1);
        name = fallback;
    }
    json_object_set_new(st->row, name, value ? value : json_null());
    st->column++;
}

static void csv_row_end(int c, void *data)
{
    (void)c;
    csv_state *st = data;
    if (st->row) json_array_append_new(st->rows, st->row);
    else if (json_array_size(st->header) > 0 && json_array_size(st->rows) == 0)
        json_array_append_new(st->rows, json_object()); /* marks the header as read */
    st->row = NULL;
    st->column = 0;
}

static json_t *load_csv_file(const char *root, const char *path, mc_diag_list *errs)
{
    const char *name = shown(root, path);
    mc_diag d;
    size_t len;
    char *text = mc_read_file(path, &len, &d);
    struct csv_parser parser;
    csv_state st = {json_array(), NULL, NULL, 0};
    int ok = text && mc_utf8_check(text, len, name, 1, &d) == 0 &&
             csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    if (ok) {
        ok = csv_parse(&parser, text, len, csv_field, csv_row_end, &st) == len &&
             csv_fini(&parser, csv_field, csv_row_end, &st) == 0;
        if (!ok)
            mc_diag_set(&d, name, (int)json_array_size(st.rows) + 1, 0, "%s; check the "
                        "quotes in this row (a quote inside a field is written \"\")",
                        csv_strerror(csv_error(&parser)));
        csv_free(&parser);
    }
    json_decref(st.header);
    json_decref(st.row);
    free(text);
    if (!ok) {
        mc_diag_list_add(errs, &d);
        json_decref(st.rows);
        return NULL;
    }
    json_array_remove(st.rows, 0); /* the header marker */
    return st.rows;
}

static json_t *load_json_file(const char *root, const char *path, mc_diag_list *errs)
{
    json_error_t jerr;
    json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        mc_diag d;
        mc_diag_set(&d, shown(root, path), jerr.line, jerr.column, "%s; check the JSON near this line",
                    jerr.text);
        mc_diag_list_add(errs, &d);
    }
    return v;
}

/* data/NAME.yaml|yml|json|csv becomes site.data.NAME (sorted, so the result does
 * not depend on the order the file system lists files in). */
static void load_data(mc_site *site, mc_diag_list *errs)
{
    char *dir = mc_path2(site->root, "data");
    struct dirent **names = NULL;
    int n = dir ? scandir(dir, &names, NULL, alphasort) : -1;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *path = name[0] != '.' ? mc_path2(dir, name) : NULL;
        if (path && names[i]->d_type != DT_REG && confined(site->root, path, errs) != 0) {
            free(path);
            path = NULL;
        }
        json_t *v = NULL;
        size_t stem = strlen(name);
        if (path && (has_suffix(name, ".yaml") || has_suffix(name, ".yml"))) {
            v = load_yaml_file(site->root, site->root, path, 1, NULL, errs);
            stem -= has_suffix(name, ".yaml") ? 5 : 4;
        } else if (path && has_suffix(name, ".json")) {
            v = load_json_file(site->root, path, errs);
            stem -= 5;
        } else if (path && has_suffix(name, ".csv")) {
            v = load_csv_file(site->root, path, errs);
            stem -= 4;
        }
        if (v) {
            char *key = strndup(name, stem);
            if (key) json_object_set_new(site->data, key, v);
            else json_decref(v);
            free(key);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
}

int mc_site_load(mc_site *site, const char *root, const char *base_url_override,
                 mc_diag_list *errs)
{
    memset(site, 0, sizeof *site);
    size_t errors_before = errs->errors;
    site->root = strdup(root);
    site->root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    site->words = json_object();
    site->data = json_object();
    site->config = mc_yaml_load("(defaults)", default_config, sizeof default_config - 1,
                                1, NULL, NULL);
    char *file = mc_path2(root, "site.yaml");
    json_t *user = file ? load_yaml_file(root, root, file, 1, &site->config_lines, errs) : NULL;
    free(file);
    if (user && !json_is_object(user) && !json_is_null(user)) {
        mc_diag d;
        mc_diag_set(&d, "site.yaml", 1, 0, "site.yaml must be a list of 'key: value' lines");
        mc_diag_list_add(errs, &d);
    } else if (json_is_object(user)) {
        json_object_update_recursive(site->config, user);
    }
    json_decref(user);
    const char *theme = config_string(site->config, "theme", "default");
    if (theme[0] == '.' || strchr(theme, '/') || strchr(theme, '\\')) {
        mc_diag_list_error(errs, "site.yaml", mc_site_line(site, "theme"), "theme '%s' must be "
                           "the name of a folder in themes/, such as default", theme);
        theme = "default";
    }
    char theme_rel[256];
    snprintf(theme_rel, sizeof theme_rel, "themes/%s", theme);
    site->theme_dir = mc_path2(root, theme_rel);
    struct stat st;
    if (site->theme_dir && stat(site->theme_dir, &st) != 0) {
        /* a site without its own copy uses the installed theme */
        free(site->theme_dir);
        site->theme_dir = mc_path2(MC_DATADIR, theme_rel);
    }
    set_base_url(site, base_url_override ? base_url_override
                                         : config_string(site->config, "base_url", "/"), errs);
    json_t *size = json_object_get(json_object_get(site->config, "pagination"), "page_size");
    site->page_size = json_is_integer(size) && json_integer_value(size) > 0
                          ? (int)json_integer_value(size) : 10;
    int unsafe = mc_yes_no(json_object_get(json_object_get(site->config, "markdown"), "unsafe"));
    if (unsafe < 0)
        mc_diag_list_error(errs, "site.yaml", mc_site_line(site, "markdown/unsafe"),
                           "markdown: unsafe: must be %s", MC_YES_NO_HINT);
    site->unsafe_html = unsafe == 1;
    check_sections(site, errs);
    check_portal_links(site, errs);
    canonical_days(site, errs);
    load_words(site, "vi", errs);
    load_words(site, "en", errs);
    load_data(site, errs);
    return errs->errors == errors_before ? 0 : -1;
}

int mc_site_has_template(const mc_site *site, const char *name)
{
    char *path = mc_strf("%s/templates/%s.mustache", site->theme_dir, name);
    int found = path && access(path, F_OK) == 0;
    free(path);
    return found;
}

int mc_site_theme_uses(const mc_site *site, const char *word)
{
    char *dir = mc_strf("%s/templates", site->theme_dir);
    char **names = NULL;
    size_t count = 0;
    int found = 0;
    if (dir && mc_list_tree(dir, mc_confine_for(site->root, site->theme_dir), &names, &count, NULL) == 0) {
        for (size_t i = 0; i < count && !found; i++) {
            char *path = mc_path2(dir, names[i]);
            size_t len = 0;
            char *text = path ? mc_read_file(path, &len, NULL) : NULL;
            found = text && strstr(text, word) != NULL;
            free(text);
            free(path);
        }
        mc_free_list(names, count);
    }
    free(dir);
    return found;
}

int mc_site_open(const mc_site *site, const char *rel)
{
    if (site->root_fd > 0) return openat(site->root_fd, rel, O_RDONLY | O_CLOEXEC);
    char *path = mc_path2(site->root, rel);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    return fd;
}

void mc_site_free(mc_site *site)
{
    if (site->root_fd > 0) close(site->root_fd);
    free(site->root);
    free(site->theme_dir);
    free(site->base_url);
    free(site->base_path);
    json_decref(site->config);
    json_decref(site->config_lines);
    json_decref(site->words);
    json_decref(site->data);
    memset(site, 0, sizeof *site);
}

const mc_kind *mc_site_section_kind(const mc_site *site, const char *folder)
{
    const mc_kind *k = mc_kind_find(json_string_value(
        json_object_get(json_object_get(site->config, "sections"), folder)));
    return k ? k : mc_kind_page();
}

/* Every kind named in sections: is one of the table's (kinds.h). */
static void check_sections(const mc_site *site, mc_diag_list *errs)
{
    const char *folder;
    json_t *kind;
    json_object_foreach(json_object_get(site->config, "sections"), folder, kind) {
        if (mc_kind_find(json_string_value(kind))) continue;
        char path[300];
        snprintf(path, sizeof path, "sections/%s", folder);
        mc_diag d;
        mc_diag_set(&d, "site.yaml", mc_site_line(site, path), 0, "the section '%s' has the "
                    "kind '%s', which is not a page kind; use %s", folder,
                    json_is_string(kind) ? json_string_value(kind) : "(not a word)",
                    mc_kind_names());
        mc_diag_list_add(errs, &d);
    }
}

int mc_site_audio_on(const mc_site *site)
{
    json_t *audio = json_object_get(site->config, "audio");
    json_t *enabled = json_object_get(audio, "enabled");
    /* a value that is not a yes/no keeps audio on: loading the audio
     * settings reports it at its line */
    return json_is_object(audio) && (!enabled || mc_yes_no(enabled) != 0);
}

int mc_site_line(const mc_site *site, const char *path)
{
    json_t *line = json_object_get(site->config_lines, path);
    return json_is_integer(line) ? (int)json_integer_value(line) : 0;
}

/* dossier_lookup: and page_feedback: are web addresses (page_feedback may
 * be an e-mail address instead): anything else would become a link that
 * leads nowhere, or a javascript: one, on every procedure page. */
static void check_portal_links(const mc_site *site, mc_diag_list *errs)
{
    static const char *const keys[] = {"dossier_lookup", "page_feedback"};
    for (size_t i = 0; i < 2; i++) {
        json_t *v = json_object_get(site->config, keys[i]);
        const char *s = json_string_value(v);
        if (!v || json_is_null(v)) continue;
        int web = s && (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7));
        int email = s && i == 1 && !strchr(s, ':') && !strchr(s, '/') && strchr(s, '@') &&
                    !strpbrk(s, " ?&<>\"'");
        if (!web && !email)
            mc_diag_list_error(errs, "site.yaml", mc_site_line(site, keys[i]),
                               "%s must be a web address starting with https://%s, not '%s'",
                               keys[i], i == 1 ? " or an e-mail address" : "", s ? s : "");
    }
}

/* one_stop.opening_hours day: the codes mon…sun, or the day as staff write
 * it ("Thứ Hai", "thu 2", "T2", "Chủ nhật", "CN", "Monday"): replaced by
 * its code; anything else is an error at its line (a day silently left
 * out would show the centre closed). */
static void canonical_days(mc_site *site, mc_diag_list *errs)
{
    static const struct { const char *code, *spellings; } days[] = {
        {"mon", "thu-hai thu-2 t2 monday"}, {"tue", "thu-ba thu-3 t3 tuesday"},
        {"wed", "thu-tu thu-4 t4 wednesday"}, {"thu", "thu-nam thu-5 t5 thursday"},
        {"fri", "thu-sau thu-6 t6 friday"}, {"sat", "thu-bay thu-7 t7 saturday"},
        {"sun", "chu-nhat cn sunday"},
    };
    size_t i;
    json_t *day;
    json_array_foreach(json_object_get(json_object_get(site->config, "one_stop"), "opening_hours"), i, day) {
        const char *v = json_string_value(json_object_get(day, "day"));
        char *slug = v ? mc_slug(v, strlen(v), NULL) : NULL;
        const char *code = NULL;
        for (size_t k = 0; slug && slug[0] && !code && k < 7; k++) {
            const char *s = days[k].spellings, *hit;
            size_t n = strlen(slug);
            if (!strcmp(slug, days[k].code)) code = days[k].code;
            for (hit = strstr(s, slug); !code && hit; hit = strstr(hit + 1, slug))
                if ((hit == s || hit[-1] == ' ') && (hit[n] == ' ' || !hit[n])) code = days[k].code;
        }
        free(slug);
        if (code) {
            json_object_set_new(day, "day", json_string(code));
            continue;
        }
        char path[64];
        snprintf(path, sizeof path, "one_stop/opening_hours/%zu/day", i);
        mc_diag_list_error(errs, "site.yaml", mc_site_line(site, path),
                           "opening_hours day '%s' is not a day: use mon, tue, wed, thu, fri, sat, "
                           "sun or the Vietnamese name (Thứ Hai … Chủ nhật)", v ? v : "");
    }
}
