/* test_mustache.c — the template engine's own behaviour, beyond the spec:
 * error messages and their line numbers, the directory loader and its cache,
 * name confinement, strict mode, the recursion limit, escaping, reuse. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "mustache.h"

/* A fixture directory under /tmp: ROOT/templates is the loader's directory;
 * files are remembered so they can be removed at the end. */
struct fixture {
    char root[64];
    char dir[96];
    char files[16][160];
    int nfiles;
};

static int fixture_open(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    strcpy(f->root, "/tmp/test_mustache.XXXXXX");
    if (!mkdtemp(f->root)) return -1;
    snprintf(f->dir, sizeof f->dir, "%s/templates", f->root);
    return mkdir(f->dir, 0700);
}

/* Writes ROOT/rel. */
static void fixture_write(struct fixture *f, const char *rel, const char *text)
{
    char path[sizeof f->files[0]];
    snprintf(path, sizeof path, "%s/%s", f->root, rel);
    memcpy(f->files[f->nfiles++], path, sizeof path);
    FILE *fp = fopen(path, "wb");
    if (!fp) return;
    fputs(text, fp);
    fclose(fp);
}

static void fixture_close(struct fixture *f)
{
    for (int i = 0; i < f->nfiles; i++) unlink(f->files[i]);
    rmdir(f->dir);
    rmdir(f->root);
}

/* Parses and renders text with data (JSON text) and JSON partials; returns
 * the output or NULL with d. */
static char *render_str(const char *text, const char *data_json,
                        const char *partials_json, int strict, mc_diag *d)
{
    json_t *data = json_loads(data_json ? data_json : "{}", 0, NULL);
    json_t *partials = partials_json ? json_loads(partials_json, 0, NULL) : NULL;
    mc_tmpl_set *set = mc_tmpl_set_new_json(partials, strict);
    json_decref(partials);
    char *out = NULL;
    mc_tmpl *t = mc_tmpl_parse(set, "page.mustache", text, strlen(text), d);
    if (t) out = mc_tmpl_render(set, t, data, NULL, d);
    mc_tmpl_set_free(set);
    json_decref(data);
    return out;
}

/* Expects text to fail to parse or render with an error at LINE of FILE
 * whose message contains `needle`. */
static void expect_error(mc_check *c, const char *text, const char *partials,
                         const char *file, int line, const char *needle)
{
    mc_diag d = {0};
    char *out = render_str(text, "{}", partials, 0, &d);
    CHECK(c, out == NULL);
    free(out);
    CHECK_STR(c, d.file, file);
    CHECK(c, d.line == line);
    if (!CHECK(c, strstr(d.message, needle) != NULL))
        printf("    message: %s\n", d.message);
}

static void error_unclosed_section(mc_check *c)
{
    expect_error(c, "a\n\n{{#items}}\nx\n", NULL, "page.mustache", 3,
                 "unclosed section {{#items}} opened on line 3");
}

static void error_mismatched_close(mc_check *c)
{
    expect_error(c, "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n", NULL, "page.mustache", 3,
                 "{{/a}} does not match the open section {{#b}} (opened on line 2)");
}

static void error_close_without_open(mc_check *c)
{
    expect_error(c, "x\n{{/a}}\n", NULL, "page.mustache", 2, "has no open section");
}

static void error_unclosed_tag(mc_check *c)
{
    expect_error(c, "x\n\ny {{name\n\n", NULL, "page.mustache", 3, "unclosed tag");
}

static void error_bad_set_delimiter(mc_check *c)
{
    expect_error(c, "a\nb\n{{=<%>=}}\n", NULL, "page.mustache", 3,
                 "bad set-delimiter tag");
    expect_error(c, "{{=<% %> x=}}\n", NULL, "page.mustache", 1,
                 "bad set-delimiter tag");
}

static void error_endless_partial(mc_check *c)
{
    expect_error(c, "start {{>loop}}", "{\"loop\": \"x\\n{{>loop}}\"}", "loop", 2,
                 "partial 'loop' includes itself more than 100 levels deep; "
                 "check for a partial that includes itself");
}

static void error_parent_cycle(mc_check *c)
{
    expect_error(c, "{{<a}}{{/a}}", "{\"a\": \"{{<b}}{{/b}}\", \"b\": \"{{<a}}{{/a}}\"}",
                 "b", 1, "parent 'a' includes itself more than 100 levels deep");
}

static void error_endless_block(mc_check *c)
{
    expect_error(c, "{{<p}}{{$x}}[{{$x}}{{/x}}]{{/x}}{{/p}}", "{\"p\": \"{{$x}}{{/x}}\"}",
                 "page.mustache", 1, "block 'x' includes itself");
}

static void recursion_over_nested_data_ends(mc_check *c)
{
    mc_diag d = {0};
    char *out = render_str(
        "{{>node}}",
        "{\"name\":\"a\",\"kids\":[{\"name\":\"b\",\"kids\":[{\"name\":\"c\",\"kids\":[]}]},"
        "{\"name\":\"d\",\"kids\":[]}]}",
        "{\"node\": \"{{name}}({{#kids}}{{>node}}{{/kids}})\"}", 1, &d);
    CHECK_STR(c, out, "a(b(c())d())");
    free(out);
}

static void dir_loader_loads_and_caches(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    fixture_write(&f, "templates/page.mustache", "<h1>{{title}}</h1>\n  {{>foot}}\n");
    fixture_write(&f, "templates/foot.mustache", "<p>{{who}}</p>\n<p>end</p>\n");
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 1);
    mc_diag d = {0};
    mc_tmpl *t = mc_tmpl_get(set, "page", &d);
    CHECK(c, t != NULL);
    CHECK(c, mc_tmpl_get(set, "page", &d) == t);
    json_t *data = json_pack("{s:s, s:s}", "title", "Xin chào", "who", "Tôi");
    char *one = t ? mc_tmpl_render(set, t, data, NULL, &d) : NULL;
    CHECK_STR(c, one, "<h1>Xin chào</h1>\n  <p>Tôi</p>\n  <p>end</p>\n");
    /* The cache must serve both templates once the files are gone. */
    unlink(f.files[0]);
    unlink(f.files[1]);
    size_t len = 0;
    char *two = t ? mc_tmpl_render(set, t, data, &len, &d) : NULL;
    CHECK_STR(c, two, one);
    CHECK(c, two && len == strlen(two));
    CHECK(c, mc_tmpl_get(set, "page", &d) == t);
    free(one);
    free(two);
    json_decref(data);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

static void dir_loader_rejects_escaping_names(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    fixture_write(&f, "secret.mustache", "SECRET");
    fixture_write(&f, "templates/page.mustache", "a\n{{>../secret}}\n");
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 0);
    mc_diag d = {0};
    CHECK(c, mc_tmpl_get(set, "../secret", &d) == NULL);
    CHECK(c, strstr(d.message, "'../secret' is not allowed") != NULL);
    CHECK(c, mc_tmpl_get(set, "/etc/passwd", &d) == NULL);
    CHECK(c, mc_tmpl_get(set, "a\\b", &d) == NULL);
    mc_tmpl *t = mc_tmpl_get(set, "page", &d);
    char *out = t ? mc_tmpl_render(set, t, NULL, NULL, &d) : NULL;
    CHECK(c, out == NULL);
    CHECK(c, d.line == 2 && strstr(d.file, "page.mustache") != NULL);
    CHECK(c, strstr(d.message, "not allowed") != NULL);
    free(out);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

static void strict_missing_partial_is_error(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    fixture_write(&f, "templates/page.mustache", "a\nb\n{{>nope}}\n{{<gone}}{{/gone}}\n");
    char want[512];
    snprintf(want, sizeof want,
             "partial 'nope' not found in %s; create %s/nope.mustache or fix the name",
             f.dir, f.dir);
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 1);
    mc_diag d = {0};
    mc_tmpl *t = mc_tmpl_get(set, "page", &d);
    char *out = t ? mc_tmpl_render(set, t, NULL, NULL, &d) : NULL;
    CHECK(c, out == NULL);
    CHECK_STR(c, d.message, want);
    CHECK(c, d.line == 3);
    free(out);
    mc_tmpl_set_free(set);
    /* Without strict, the spec's behaviour: render nothing. */
    set = mc_tmpl_set_new_dir(f.dir, 0);
    t = mc_tmpl_get(set, "page", &d);
    out = t ? mc_tmpl_render(set, t, NULL, NULL, &d) : NULL;
    CHECK_STR(c, out, "a\nb\n");
    free(out);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

static void strict_missing_parent_is_error(mc_check *c)
{
    mc_diag d = {0};
    char *out = render_str("x\n{{<gone}}{{/gone}}", "{}", "{}", 1, &d);
    CHECK(c, out == NULL);
    CHECK(c, d.line == 2);
    CHECK(c, strstr(d.message, "parent 'gone' not found") != NULL);
    free(out);
    out = render_str("x{{>*which}}", "{}", "{}", 1, &d);
    CHECK(c, out == NULL);
    CHECK(c, strstr(d.message, "dynamic partial name 'which'") != NULL);
    free(out);
}

static void missing_template_is_error(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 0);
    mc_diag d = {0};
    CHECK(c, mc_tmpl_get(set, "absent", &d) == NULL);
    CHECK(c, strstr(d.message, "template 'absent' not found") != NULL);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

static void html_escaping(mc_check *c)
{
    mc_diag d = {0};
    char *out = render_str("{{v}}|{{{v}}}|{{&v}}", "{\"v\": \"<a href=\\\"x\\\">&'\"}",
                           NULL, 0, &d);
    CHECK_STR(c, out, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;|<a href=\"x\">&'|"
                      "<a href=\"x\">&'");
    free(out);
}

static void numbers_and_booleans(mc_check *c)
{
    mc_diag d = {0};
    char *out = render_str("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
                           "{\"a\": 85, \"b\": 1.21, \"c\": 0.1, \"d\": 3.0, \"e\": true,"
                           " \"f\": -7}", NULL, 0, &d);
    CHECK_STR(c, out, "85 1.21 0.1 3 true -7");
    free(out);
}

static void invalid_utf8_file(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    fixture_write(&f, "templates/bad.mustache", "ok\nxé\xff{{x}}\n");
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 0);
    mc_diag d = {0};
    CHECK(c, mc_tmpl_get(set, "bad", &d) == NULL);
    CHECK(c, d.line == 2);
    CHECK(c, d.col == 3);
    CHECK(c, strstr(d.file, "bad.mustache") != NULL);
    CHECK(c, strstr(d.message, "UTF-8") != NULL);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

static void one_parse_many_renders(mc_check *c)
{
    mc_tmpl_set *set = mc_tmpl_set_new_json(NULL, 0);
    mc_diag d = {0};
    const char *text = "{{#items}}<li>{{.}}</li>{{/items}}{{^items}}none{{/items}}";
    mc_tmpl *t = mc_tmpl_parse(set, "list", text, strlen(text), &d);
    json_t *a = json_loads("{\"items\": [\"x\", \"y\"]}", 0, NULL);
    json_t *b = json_loads("{\"items\": []}", 0, NULL);
    char *one = t ? mc_tmpl_render(set, t, a, NULL, &d) : NULL;
    char *two = t ? mc_tmpl_render(set, t, b, NULL, &d) : NULL;
    char *three = t ? mc_tmpl_render(set, t, a, NULL, &d) : NULL;
    CHECK_STR(c, one, "<li>x</li><li>y</li>");
    CHECK_STR(c, two, "none");
    CHECK_STR(c, three, one);
    free(one);
    free(two);
    free(three);
    json_decref(a);
    json_decref(b);
    mc_tmpl_set_free(set);
}

static void layout_with_blocks_from_files(mc_check *c)
{
    struct fixture f;
    if (!CHECK(c, fixture_open(&f) == 0)) return;
    fixture_write(&f, "templates/base.mustache",
                  "<html>\n  <title>{{$title}}Site{{/title}}</title>\n  <body>\n"
                  "    {{$main}}\n    {{/main}}\n  </body>\n</html>\n");
    fixture_write(&f, "templates/page.mustache",
                  "{{<base}}\n{{$title}}{{name}}{{/title}}\n{{$main}}\n<p>a</p>\n<p>b</p>\n"
                  "{{/main}}\n{{/base}}\n");
    mc_tmpl_set *set = mc_tmpl_set_new_dir(f.dir, 1);
    mc_diag d = {0};
    mc_tmpl *t = mc_tmpl_get(set, "page", &d);
    json_t *data = json_pack("{s:s}", "name", "Trang <1>");
    char *out = t ? mc_tmpl_render(set, t, data, NULL, &d) : NULL;
    CHECK_STR(c, out, "<html>\n  <title>Trang &lt;1&gt;</title>\n  <body>\n"
                      "    <p>a</p>\n    <p>b</p>\n  </body>\n</html>\n");
    free(out);
    json_decref(data);
    mc_tmpl_set_free(set);
    fixture_close(&f);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, error_unclosed_section);
    RUN(&c, error_mismatched_close);
    RUN(&c, error_close_without_open);
    RUN(&c, error_unclosed_tag);
    RUN(&c, error_bad_set_delimiter);
    RUN(&c, error_endless_partial);
    RUN(&c, error_parent_cycle);
    RUN(&c, error_endless_block);
    RUN(&c, recursion_over_nested_data_ends);
    RUN(&c, dir_loader_loads_and_caches);
    RUN(&c, dir_loader_rejects_escaping_names);
    RUN(&c, strict_missing_partial_is_error);
    RUN(&c, strict_missing_parent_is_error);
    RUN(&c, missing_template_is_error);
    RUN(&c, html_escaping);
    RUN(&c, numbers_and_booleans);
    RUN(&c, invalid_utf8_file);
    RUN(&c, one_parse_many_renders);
    RUN(&c, layout_with_blocks_from_files);
    return check_finish(&c);
}
