/* test_mustache_spec.c — runs the official Mustache spec against lib/mustache.
 *
 * Every *.json file in $MUSTACHE_SPEC_DIR (default ../shared/spec/mustache,
 * relative to the repository root where tests run) is loaded in name order;
 * each of its tests renders `template` with `data` and `partials` and must
 * give `expected` exactly. One counted test per spec test, named
 * "FILE: NAME". Lambda tests are skipped: the engine has no lambdas.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "mustache.h"

#define LAMBDA_REASON \
    "lambdas are not supported: templates are logic-less, the generator puts " \
    "ready values in the context"

static void print_block(const char *label, const char *s)
{
    printf("    %s: \"", label);
    for (; s && *s; s++) {
        if (*s == '\n') printf("\\n");
        else if (*s == '\r') printf("\\r");
        else if (*s == '\t') printf("\\t");
        else putchar(*s);
    }
    printf("\"\n");
}

/* Renders one spec test; returns the output (malloc'd) or NULL with d. */
static char *render_case(json_t *test, mc_diag *d)
{
    json_t *tmpl = json_object_get(test, "template");
    mc_tmpl_set *set = mc_tmpl_set_new_json(json_object_get(test, "partials"), 0);
    char *out = NULL;
    if (!set) return NULL;
    mc_tmpl *t = mc_tmpl_parse(set, "template", json_string_value(tmpl),
                               json_string_length(tmpl), d);
    if (t) out = mc_tmpl_render(set, t, json_object_get(test, "data"), NULL, d);
    mc_tmpl_set_free(set);
    return out;
}

static void run_case(mc_check *c, const char *file, json_t *test)
{
    const char *name = json_string_value(json_object_get(test, "name"));
    char label[512];
    snprintf(label, sizeof label, "%s: %s", file, name ? name : "(unnamed)");
    if (strstr(file, "lambdas")) {
        check_skip(c, label, LAMBDA_REASON);
        return;
    }
    check_begin(c, label);
    mc_diag d = {0};
    char *got = render_case(test, &d);
    const char *want = json_string_value(json_object_get(test, "expected"));
    if (!got || !want || strcmp(got, want) != 0) {
        c->test_failed++;
        printf("  %s: test '%s' failed\n", file, name);
        print_block("template", json_string_value(json_object_get(test, "template")));
        print_block("expected", want);
        if (got) {
            print_block("got     ", got);
        } else {
            char buf[1600];
            printf("    error: %s\n", mc_diag_format(&d, buf, sizeof buf));
        }
    }
    free(got);
    check_end(c);
}

static void run_file(mc_check *c, const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        check_begin(c, file);
        c->test_failed++;
        printf("  %s:%d: cannot load spec: %s\n", path, err.line, err.text);
        check_end(c);
        return;
    }
    char base[256];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(file) - 5), file);
    json_t *tests = json_object_get(root, "tests");
    size_t i;
    json_t *test;
    json_array_foreach(tests, i, test) run_case(c, base, test);
    json_decref(root);
}

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    mc_check c = {0};
    const char *dir = getenv("MUSTACHE_SPEC_DIR");
    if (!dir || !*dir) dir = "../shared/spec/mustache";
    DIR *dh = opendir(dir);
    if (!dh) {
        printf("mustache spec not found at %s; conformance suite skipped\n", dir);
        check_skip(&c, "mustache spec", "spec directory not found");
        return check_finish(&c);
    }
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < 256)
        if (ends_with_json(e->d_name)) names[n++] = strdup(e->d_name);
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        run_file(&c, dir, names[i]);
        free(names[i]);
    }
    return check_finish(&c);
}
