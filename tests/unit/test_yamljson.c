/* test_yamljson.c — the YAML-to-JSON loader on its own: typing rules,
 * aliases and their limits, tags, keys, line maps and path lookups. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../check.h"
#include "yamljson.h"

static json_t *load(const char *s, json_t **lines, char *err, size_t errn)
{
    mc_diag d;
    mc_diag_clear(&d);
    err[0] = '\0';
    json_t *v = mc_yaml_load("site.yaml", s, strlen(s), 1, lines, &d);
    if (!v) mc_diag_format(&d, err, errn);
    return v;
}

#define LOAD(s, lines, err) load((s), (lines), (err), sizeof (err))

static void test_core_schema(mc_check *c)
{
    char err[1024];
    json_t *v = LOAD("[null, Null, NULL, ~, !!null , true, TRUE, False, 0, -12, +3, 0o17, 0x1f,\n"
                     " 1.25, -.5, 1e3, 2.5E-2, .inf, -.Inf, .nan, 1.2.3, yes, 007,\n"
                     " 99999999999999999999, 'true', \"42\", !!str 5, ! 6, !!int 7]\n",
                     NULL, err);
    if (!CHECK(c, json_is_array(v))) {
        printf("    %s\n", err);
        return;
    }
    for (size_t i = 0; i < 5; i++) CHECK(c, json_is_null(json_array_get(v, i)));
    CHECK(c, json_is_true(json_array_get(v, 5)) && json_is_true(json_array_get(v, 6)));
    CHECK(c, json_is_false(json_array_get(v, 7)));
    CHECK(c, json_is_integer(json_array_get(v, 8)) && json_integer_value(json_array_get(v, 8)) == 0);
    CHECK(c, json_integer_value(json_array_get(v, 9)) == -12);
    CHECK(c, json_integer_value(json_array_get(v, 10)) == 3);
    CHECK(c, json_integer_value(json_array_get(v, 11)) == 15);
    CHECK(c, json_integer_value(json_array_get(v, 12)) == 31);
    CHECK(c, json_is_real(json_array_get(v, 13)) && json_real_value(json_array_get(v, 13)) == 1.25);
    CHECK(c, json_real_value(json_array_get(v, 14)) == -0.5);
    CHECK(c, json_is_real(json_array_get(v, 15)) && json_real_value(json_array_get(v, 15)) == 1000.0);
    CHECK(c, json_real_value(json_array_get(v, 16)) == 0.025);
    CHECK_STR(c, json_string_value(json_array_get(v, 17)), ".inf");
    CHECK_STR(c, json_string_value(json_array_get(v, 18)), "-.Inf");
    CHECK_STR(c, json_string_value(json_array_get(v, 19)), ".nan");
    CHECK_STR(c, json_string_value(json_array_get(v, 20)), "1.2.3");
    CHECK_STR(c, json_string_value(json_array_get(v, 21)), "yes");
    CHECK_STR(c, json_string_value(json_array_get(v, 22)), "007");
    CHECK_STR(c, json_string_value(json_array_get(v, 23)), "99999999999999999999");
    CHECK_STR(c, json_string_value(json_array_get(v, 24)), "true");
    CHECK_STR(c, json_string_value(json_array_get(v, 25)), "42");
    CHECK_STR(c, json_string_value(json_array_get(v, 26)), "5");
    CHECK_STR(c, json_string_value(json_array_get(v, 27)), "6");
    CHECK(c, json_integer_value(json_array_get(v, 28)) == 7);
    json_decref(v);
}

static void test_block_scalars_and_keys(mc_check *c)
{
    char err[1024];
    json_t *lines = NULL;
    json_t *v = LOAD("text: |\n  Dòng một\n  Dòng hai\nfolded: >\n  a\n  b\n"
                     "123: số\ntrue: đúng\n\"a/b~c\": x\n", &lines, err);
    if (!CHECK(c, json_is_object(v))) {
        printf("    %s\n", err);
        return;
    }
    CHECK_STR(c, json_string_value(json_object_get(v, "text")), "Dòng một\nDòng hai\n");
    CHECK_STR(c, json_string_value(json_object_get(v, "folded")), "a b\n");
    CHECK_STR(c, json_string_value(json_object_get(v, "123")), "số");
    CHECK_STR(c, json_string_value(json_object_get(v, "true")), "đúng");
    CHECK(c, mc_yaml_line(v, lines, "123") == 7);
    char path[64] = "";
    CHECK(c, mc_yaml_path_append(path, sizeof path, "a/b~c") == 0);
    CHECK_STR(c, path, "a~1b~0c");
    CHECK(c, mc_yaml_line(v, lines, path) == 9);
    CHECK(c, mc_yaml_path_append(path, 8, "long key") == -1);
    json_decref(v);
    json_decref(lines);
}

static void test_first_line_and_bom(mc_check *c)
{
    mc_diag d;
    json_t *lines;
    const char *s = "\xEF\xBB\xBF" "a: 1\nb:\n  - x\n";
    json_t *v = mc_yaml_load("f.yaml", s, strlen(s), 10, &lines, &d);
    if (!CHECK(c, v != NULL)) return;
    CHECK(c, mc_yaml_line(v, lines, "") == 10);
    CHECK(c, mc_yaml_line(v, lines, "a") == 10);
    CHECK(c, mc_yaml_line(v, lines, "b/0") == 12);
    json_decref(v);
    json_decref(lines);
    /* empty text and comments only: json null */
    v = mc_yaml_load("f.yaml", "# nothing\n", 10, 1, &lines, &d);
    CHECK(c, json_is_null(v) && json_is_object(lines));
    json_decref(v);
    json_decref(lines);
}

static void test_aliases(mc_check *c)
{
    char err[1024];
    json_t *lines;
    json_t *v = LOAD("base: &addr\n  city: Huế\n  ward: Phú Hội\n"
                     "office:\n  address: *addr\n", &lines, err);
    if (!CHECK(c, v != NULL)) {
        printf("    %s\n", err);
        return;
    }
    json_t *a = json_object_get(json_object_get(v, "office"), "address");
    CHECK_STR(c, json_string_value(json_object_get(a, "city")), "Huế");
    /* a deep copy: changing one does not change the other */
    json_object_set_new(a, "city", json_string("Đà Nẵng"));
    CHECK_STR(c, json_string_value(json_object_get(json_object_get(v, "base"), "city")), "Huế");
    /* inside the copy, lines fall back to the alias's line */
    CHECK(c, mc_yaml_line(v, lines, "office/address/ward") == 5);
    CHECK(c, mc_yaml_line(v, lines, "base/ward") == 3);
    json_decref(v);
    json_decref(lines);

    CHECK(c, LOAD("a: *nowhere\n", NULL, err) == NULL);
    CHECK_STR(c, err, "site.yaml:1:4: error: alias '*nowhere' refers to no anchor "
                      "'&nowhere' defined before it; define the anchor first");
}

static void test_alias_bomb(mc_check *c)
{
    char err[1024];
    const char *s = "a: &a [1,2,3,4,5,6,7,8,9]\n"
                    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
                    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    /* 9^9 values if expanded: refused by the value count, which is what
     * keeps it cheap (no timing here: tests prove behaviour, benchmarks
     * measure time, and a clock check fails under valgrind) */
    CHECK(c, LOAD(s, NULL, err) == NULL);
    CHECK(c, strstr(err, "values (aliases count in full)") != NULL);
    CHECK(c, strncmp(err, "site.yaml:", 10) == 0);
}

static void test_limits_and_refusals(mc_check *c)
{
    char err[1024];
    char deep[512];
    size_t n = 0;
    for (int i = 0; i < 150; i++) deep[n++] = '[';
    deep[n] = '\0';
    CHECK(c, LOAD(deep, NULL, err) == NULL);
    CHECK(c, strstr(err, "nested more than 100 levels") != NULL);

    CHECK(c, LOAD("a: !include other.yaml\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "site.yaml:1:4: error: unsupported YAML tag '!include'") == err);
    CHECK(c, LOAD("? [a, b]\n: 1\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "a key must be plain text") != NULL);
    CHECK(c, LOAD("a: 1\n---\nb: 2\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "site.yaml:2:1: error: a second YAML document") == err);
    CHECK(c, LOAD("a: \"x\\0y\"\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "NUL") != NULL);
    CHECK(c, LOAD("a: b\x01\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "site.yaml:1:5: error: control characters are not allowed") == err);
    CHECK(c, LOAD("x: 1\nx: 2\n", NULL, err) == NULL);
    CHECK_STR(c, err, "site.yaml:2: error: duplicate key 'x' (first at line 1); "
                      "remove one of them");
    /* hint names "the YAML" outside front matter */
    CHECK(c, LOAD("a: b: c\n", NULL, err) == NULL);
    CHECK(c, strstr(err, "; check the YAML near this line") != NULL);
}

static void test_big_data_file(mc_check *c)
{
    /* data/ files have no byte limit: 2 MB (about 45000 items) parses in
     * reasonable time, even under valgrind */
    size_t n = 2u << 20, pos = 0;
    char *s = malloc(n + 128);
    char err[1024];
    int i;
    if (!CHECK(c, s != NULL)) return;
    for (i = 0; pos < n; i++)
        pos += (size_t)sprintf(s + pos, "- {ten: \"Thủ tục %d\", ma: %d}\n", i, i);
    clock_t t0 = clock();
    json_t *lines;
    mc_diag d;
    json_t *v = mc_yaml_load("big.yaml", s, pos, 1, &lines, &d);
    if (CHECK(c, json_is_array(v))) {
        char path[32];
        snprintf(path, sizeof path, "%d/ma", i - 1);
        CHECK(c, json_array_size(v) == (size_t)i);
        CHECK(c, mc_yaml_line(v, lines, path) == i);
        json_decref(lines);
    }
    json_decref(v);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(c, secs < 20.0);
    free(s);
    (void)err;
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_core_schema);
    RUN(&c, test_block_scalars_and_keys);
    RUN(&c, test_first_line_and_bom);
    RUN(&c, test_aliases);
    RUN(&c, test_alias_bomb);
    RUN(&c, test_limits_and_refusals);
    RUN(&c, test_big_data_file);
    return check_finish(&c);
}
