/* test_editor.c — the content editor's pieces: files written as a person
 * writes them (front_write.h) read back to the same values for every page
 * of the example site; the editor's config has every field of the tables
 * (editor_config.h); the backend (editor_backend.h) refuses paths that
 * leave content/ or the site and writes pages in the table's order. */
#include "editor_backend.h"
#include "editor_config.h"
#include "fileio.h"
#include "front_write.h"
#include "frontmatter.h"
#include "kinds.h"
#include "../check.h"

#include <stdlib.h>
#include <unistd.h>

static void written_as_by_hand(mc_check *c)
{
    json_t *p = json_pack("{s:b, s:s, s:s, s:s, s:[{s:s, s:i, s:s, s:s}], s:s, s:s, s:[], s:s, s:n}",
                          "draft", 0, "level", "xa", "title", "Thủ tục \"A\"\nhai dòng", "date",
                          "2026-12-01", "documents", "original", "ban_sao", "copies", 1, "name",
                          "Tờ khai", "form", "", "code", "true", "summary", "", "fees", "online_url",
                          "https://x.example/", "extra", "note");
    char *t = mc_front_write(mc_procedure_fields, p, "Nội dung.");
    CHECK_STR(c, t, "---\ntitle: \"Thủ tục \\\"A\\\"\\nhai dòng\"\ndate: 2026-12-01\ncode: \"true\"\n"
                    "level: xa\nonline_url: \"https://x.example/\"\ndocuments:\n  - name: \"Tờ khai\"\n"
                    "    copies: 1\n    original: ban_sao\nfees: []\ndraft: false\n---\nNội dung.\n");
    free(t);
    json_decref(p);
}

static int empty(const json_t *v)
{
    return !v || json_is_null(v) || (json_is_string(v) && !json_string_length(v)) ||
           (json_is_array(v) && !json_array_size(v));
}

/* a and b are equal, except that b may lack a member that is empty in a
 * (an empty optional key is left out when written). */
static int same_but_empties(const json_t *a, const json_t *b)
{
    if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)a, k, v)
            if (!(empty(v) && !json_object_get(b, k)) && !same_but_empties(v, json_object_get(b, k))) return 0;
        json_object_foreach((json_t *)b, k, v) if (!json_object_get(a, k)) return 0;
        return 1;
    }
    if (json_is_array(a) && json_is_array(b)) {
        if (json_array_size(a) != json_array_size(b)) return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!same_but_empties(json_array_get(a, i), json_array_get(b, i))) return 0;
        return 1;
    }
    return json_equal(a, b);
}

/* Every page of the example site: written, read back, the same values
 * (less the empty ones) and body; written again, the same text. */
static void example_site_round_trips(mc_check *c)
{
    char **files = NULL;
    size_t n = 0;
    mc_diag d;
    if (mc_list_tree("content", NULL, &files, &n, &d) != 0 || n == 0) {
        CHECK(c, !"the example site's content/ is readable");
        return;
    }
    int pages = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(files[i]);
        if (len < 3 || strcmp(files[i] + len - 3, ".md")) continue;
        char path[600];
        snprintf(path, sizeof path, "content/%s", files[i]);
        const mc_kind *k = mc_editor_kind_of(path);
        size_t tn = 0;
        char *text = mc_read_file(path, &tn, NULL);
        mc_frontmatter a, b;
        if (!text || mc_frontmatter_parse(path, text, tn, &a, &d) != 0) { free(text); continue; }
        char *once = mc_front_write(k ? k->fields : NULL, a.data, a.body);
        int ok = once && mc_frontmatter_parse(path, once, strlen(once), &b, &d) == 0;
        if (!CHECK(c, ok && same_but_empties(a.data, b.data))) printf("    %s\n", path);
        char *body_a = a.body ? a.body : "", *body_b = ok && b.body ? b.body : "";
        size_t la = strlen(body_a), lb = strlen(body_b);
        while (la && body_a[la - 1] == '\n') la--;
        while (lb && body_b[lb - 1] == '\n') lb--;
        CHECK(c, la == lb && !memcmp(body_a, body_b, la));
        char *twice = ok ? mc_front_write(k ? k->fields : NULL, b.data, b.body) : NULL;
        CHECK(c, twice && once && !strcmp(once, twice));
        pages++;
        free(twice);
        free(once);
        free(text);
        mc_frontmatter_free(&a);
        if (ok) mc_frontmatter_free(&b);
    }
    CHECK(c, pages > 20);
    mc_free_list(files, n);
}

static int same_fields(mc_check *c, const mc_field *table, json_t *fields, int top)
{
    size_t i, want = 0;
    json_t *f;
    for (const mc_field *t = table; t && t->key; t++) want++;
    CHECK(c, json_array_size(fields) == want + (top ? 3 : 0));
    json_array_foreach(fields, i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        const mc_field *t = mc_field_find(table, name);
        if (top && (!strcmp(name, "title") || !strcmp(name, "date") || !strcmp(name, "body"))) continue;
        if (!CHECK(c, t != NULL)) { printf("    %s is not in the table\n", name); continue; }
        CHECK_STR(c, json_string_value(json_object_get(f, "label")), t->label_vi);
        CHECK(c, json_is_true(json_object_get(f, "required")) == !!t->required);
        if (t->choices) CHECK_STR(c, json_string_value(json_object_get(f, "widget")), "select");
        if (t->type == MC_F_MONEY)
            CHECK(c, json_integer_value(json_object_get(f, "min")) == 0 &&
                     json_object_get(f, "min") != NULL);
        if (t->type == MC_F_URL) CHECK(c, json_is_array(json_object_get(f, "pattern")));
        if (t->items) same_fields(c, t->items, json_object_get(f, "fields"), 0);
    }
    return 0;
}

static void config_is_the_tables(mc_check *c)
{
    json_t *cfg = mc_editor_config(json_pack("{s:s}", "name", "proxy"), NULL);
    json_t *cols = json_object_get(cfg, "collections");
    size_t n;
    const mc_kind *kinds = mc_kinds(&n);
    CHECK(c, json_array_size(cols) == n);
    CHECK_STR(c, json_string_value(json_object_get(cfg, "locale")), "vi");
    for (size_t i = 0; i < n && i < json_array_size(cols); i++) {
        json_t *col = json_array_get(cols, i);
        CHECK_STR(c, json_string_value(json_object_get(col, "name")), kinds[i].name);
        CHECK_STR(c, json_string_value(json_object_get(col, "label")), kinds[i].label_vi);
        same_fields(c, kinds[i].fields, json_object_get(col, "fields"), 1);
    }
    json_decref(cfg);
}

static void kinds_of_paths(mc_check *c)
{
    CHECK(c, mc_editor_kind_of("content/thu-tuc/a.md") == mc_kind_find("procedure"));
    CHECK(c, mc_editor_kind_of("content/thu-tuc/a/index.md") == mc_kind_find("procedure"));
    CHECK(c, mc_editor_kind_of("content/gioi-thieu.md") == mc_kind_page());
    CHECK(c, mc_editor_kind_of("content/thu-tuc/a/b/c.md") == NULL);
    CHECK(c, mc_editor_kind_of("site.yaml") == NULL);
}

static unsigned ask(const char *site, const char *json, char **reply)
{
    free(*reply);
    return mc_editor_answer(site, json, strlen(json), reply);
}

static void backend_stays_in_content(mc_check *c)
{
    char dir[] = "/tmp/motcua-editor-XXXXXX";
    if (!mkdtemp(dir)) { CHECK(c, !"a temporary folder"); return; }
    char sub[600], *reply = NULL;
    snprintf(sub, sizeof sub, "%s/content/tin-tuc", dir);
    mc_diag d;
    mc_mkdir_p(sub, &d);
    check_write_file(dir, "site.yaml", "title: x\n");
    snprintf(sub, sizeof sub, "%s/content/ra", dir);
    CHECK(c, symlink("/etc", sub) == 0);
    const char *bad[] = {"../x.md", "/etc/passwd", "content/../site.yaml", "site.yaml",
                         "content/ra/passwd", "content/.git/config", "content/tin-tuc/../../x.md"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char req[400];
        snprintf(req, sizeof req, "{\"action\":\"getEntry\",\"params\":{\"path\":\"%s\"}}", bad[i]);
        if (!CHECK(c, ask(dir, req, &reply) == 403)) printf("    read %s\n", bad[i]);
        snprintf(req, sizeof req, "{\"action\":\"persistEntry\",\"params\":{\"dataFiles\":[{\"path\":"
                 "\"%s\",\"raw\":\"---\\ntitle: x\\n---\\n\"}],\"assets\":[]}}", bad[i]);
        if (!CHECK(c, ask(dir, req, &reply) == 403)) printf("    write %s\n", bad[i]);
    }
    CHECK(c, ask(dir, "not json", &reply) == 400);
    CHECK(c, ask(dir, "{\"action\":\"rm\",\"params\":{}}", &reply) == 422);
    CHECK(c, ask(dir, "{\"action\":\"persistEntry\",\"params\":{\"dataFiles\":[{\"path\":"
                      "\"content/tin-tuc/a.md\",\"raw\":\"---\\ndraft: true\\ntitle: A\\n"
                      "motcua_slug: a\\n---\\nB\"}],\"assets\":[]}}", &reply) == 200);
    snprintf(sub, sizeof sub, "%s/content/tin-tuc/a.md", dir);
    char *text = mc_read_file(sub, NULL, NULL);
    CHECK_STR(c, text, "---\ntitle: \"A\"\ndraft: true\n---\nB\n");
    free(text);
    CHECK(c, ask(dir, "{\"action\":\"slug\",\"params\":{\"title\":\"Đường Đê\"}}", &reply) == 200);
    CHECK_STR(c, reply, "{\"slug\":\"duong-de\"}");
    free(reply);
    mc_remove_tree(dir, &d);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, written_as_by_hand);
    RUN(&c, example_site_round_trips);
    RUN(&c, config_is_the_tables);
    RUN(&c, kinds_of_paths);
    RUN(&c, backend_stays_in_content);
    return check_finish(&c);
}
