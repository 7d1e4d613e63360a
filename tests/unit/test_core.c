/* test_core.c — unit tests for diag, utf8, fileio and safepath: the error
 * reporter, UTF-8 checking, atomic writes and root-confined paths. */
#include "diag.h"
#include "fileio.h"
#include "grow.h"
#include "safepath.h"
#include "utf8.h"
#include "yesno.h"

#include "../check.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void diag_formats_gnu_style(mc_check *c)
{
    mc_diag d;
    char buf[2048];
    CHECK(c, mc_diag_set(&d, "content/a.md", 12, 3, "bad %s", "thing") == -1);
    CHECK_STR(c, mc_diag_format(&d, buf, sizeof buf), "content/a.md:12:3: error: bad thing");
    mc_diag_set(&d, "content/a.md", 12, 0, "no column");
    CHECK_STR(c, mc_diag_format(&d, buf, sizeof buf), "content/a.md:12: error: no column");
    mc_diag_warn(&d, "site.yaml", 0, 0, "careful");
    CHECK_STR(c, mc_diag_format(&d, buf, sizeof buf), "site.yaml: warning: careful");
    mc_diag_set(&d, NULL, 0, 0, "plain");
    CHECK_STR(c, mc_diag_format(&d, buf, sizeof buf), "error: plain");
}

static void utf8_accepts_vietnamese(mc_check *c)
{
    const char *s = "Đăng ký khai sinh\nỦy ban nhân dân phường\n";
    mc_diag d;
    CHECK(c, mc_utf8_check(s, strlen(s), "a.md", 1, &d) == 0);
}

static void utf8_reports_line_and_column(mc_check *c)
{
    /* line 2, after "Thủ " (4 characters) comes a lone continuation byte */
    const char s[] = "tiêu đề\nThủ \x80tục\n";
    mc_diag d;
    char buf[2048];
    CHECK(c, mc_utf8_check(s, sizeof s - 1, "a.md", 1, &d) == -1);
    CHECK(c, d.line == 2);
    CHECK(c, d.col == 5);
    mc_diag_format(&d, buf, sizeof buf);
    CHECK(c, strncmp(buf, "a.md:2:5: error: invalid UTF-8 byte 0x80", 40) == 0);
}

static void utf8_refuses_overlong_truncated_and_nul(mc_check *c)
{
    mc_diag d;
    CHECK(c, mc_utf8_check("\xC0\xAF", 2, NULL, 1, &d) == -1);       /* overlong '/' */
    CHECK(c, mc_utf8_check("ab\xE1\xBA", 4, NULL, 1, &d) == -1);     /* truncated */
    CHECK(c, d.col == 3);
    CHECK(c, mc_utf8_check("\xED\xA0\x80", 3, NULL, 1, &d) == -1);   /* surrogate */
    CHECK(c, mc_utf8_check("a\0b", 3, NULL, 7, &d) == -1);
    CHECK(c, d.line == 7 && d.col == 2);
}

/* The quick pass takes eight ASCII bytes at a time: a NUL or a bad byte
 * inside such a run, or right after one, is still found and placed. */
static void utf8_finds_problems_inside_long_ascii_runs(mc_check *c)
{
    mc_diag d;
    const char nul[] = "abcdefgh\nijklm\0opqrstuvwxyz";
    CHECK(c, mc_utf8_check(nul, sizeof nul - 1, NULL, 1, &d) == -1);
    CHECK(c, d.line == 2 && d.col == 6);
    const char bad[] = "0123456789abcdef\xFF";
    CHECK(c, mc_utf8_check(bad, sizeof bad - 1, NULL, 1, &d) == -1);
    CHECK(c, d.line == 1 && d.col == 17);
    const char good[] = "0123456789abcdefĐăng ký 0123456789abcdef";
    CHECK(c, mc_utf8_check(good, sizeof good - 1, NULL, 1, &d) == 0);
}

static char *make_temp_dir(void)
{
    char tmpl[] = "/tmp/mc-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    return dir ? strdup(dir) : NULL;
}

static void remove_tree(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh) { unlink(dir); return; }
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(p);
        else unlink(p);
    }
    closedir(dh);
    rmdir(dir);
}

static int count_entries(const char *dir)
{
    DIR *dh = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (dh) closedir(dh);
    return n;
}

static void atomic_write_replaces_whole_file(mc_check *c)
{
    char *dir = make_temp_dir();
    char path[4096];
    mc_diag d;
    snprintf(path, sizeof path, "%s/index.html", dir);
    CHECK(c, mc_write_atomic(path, "old", 3, &d) == 0);
    CHECK(c, mc_write_atomic(path, "thông báo mới", strlen("thông báo mới"), &d) == 0);
    size_t len = 0;
    char *got = mc_read_file(path, &len, &d);
    CHECK_STR(c, got, "thông báo mới");
    CHECK(c, len == strlen("thông báo mới"));
    struct stat st;
    CHECK(c, stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    CHECK(c, count_entries(dir) == 1); /* no temporary file left behind */
    free(got);
    remove_tree(dir);
    free(dir);
}

static void atomic_write_failure_keeps_old_file(mc_check *c)
{
    char *dir = make_temp_dir();
    char path[4096], bad[4096];
    mc_diag d;
    snprintf(path, sizeof path, "%s/keep.txt", dir);
    mc_write_atomic(path, "old", 3, &d);
    /* destination is an existing folder: refused before anything is written */
    snprintf(bad, sizeof bad, "%s/sub", dir);
    mkdir(bad, 0755);
    mc_write_atomic(path, "x", 1, &d);
    snprintf(path, sizeof path, "%s/sub/inner", dir);
    mc_write_atomic(path, "x", 1, &d);
    CHECK(c, mc_write_atomic(bad, "new", 3, &d) == -1);
    CHECK(c, strstr(d.message, "is a folder") != NULL);
    CHECK(c, count_entries(dir) == 2); /* keep.txt and sub, no temp file */
    /* missing folder: clear error naming the file */
    snprintf(path, sizeof path, "%s/nope/x.html", dir);
    CHECK(c, mc_write_atomic(path, "x", 1, &d) == -1);
    CHECK_STR(c, d.file, path);
    remove_tree(dir);
    free(dir);
}

static void read_file_reports_missing(mc_check *c)
{
    mc_diag d;
    size_t len;
    CHECK(c, mc_read_file("/nonexistent/mc-test", &len, &d) == NULL);
    CHECK(c, strstr(d.message, "cannot open") != NULL);
}

/* mc_grow: first allocation, no move while there is room, doubling. */
static void grow_doubles_when_full(mc_check *c)
{
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        int *g = mc_grow(v, n, &cap, sizeof *g, 4);
        CHECK(c, g != NULL);
        if (!g) break;
        v = g;
        v[n++] = i;
    }
    CHECK(c, n == 100 && cap == 128 && v[99] == 99 && v[0] == 0); /* 4, 8, ... 128 */
    int *same = mc_grow(v, 50, &cap, sizeof *same, 4); /* room: nothing moves */
    CHECK(c, same == v && cap == 128);
    free(v);
}

static void mkdir_p_creates_parents(mc_check *c)
{
    char *dir = make_temp_dir();
    char path[4096];
    mc_diag d;
    snprintf(path, sizeof path, "%s/a/b/c", dir);
    CHECK(c, mc_mkdir_p(path, &d) == 0);
    struct stat st;
    CHECK(c, stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(c, mc_mkdir_p(path, &d) == 0); /* existing is fine */
    snprintf(path, sizeof path, "%s/a//x/y/", dir); /* doubled and trailing slashes */
    CHECK(c, mc_mkdir_p(path, &d) == 0);
    snprintf(path, sizeof path, "%s/a/x/y", dir);
    CHECK(c, stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    /* a file in the way, as the folder or as a parent */
    snprintf(path, sizeof path, "%s/a/f", dir);
    FILE *f = fopen(path, "w");
    if (f) fclose(f);
    CHECK(c, mc_mkdir_p(path, &d) == -1 && strstr(d.message, "not a folder"));
    snprintf(path, sizeof path, "%s/a/f/g/h", dir);
    CHECK(c, mc_mkdir_p(path, &d) == -1 && strstr(d.message, "cannot create folder"));
    remove_tree(dir);
    free(dir);
}

static void path_normalize_lexical(mc_check *c)
{
    char *p;
    CHECK(c, mc_path_stays_inside("a/b/index.html") && mc_path_stays_inside("a..b/c"));
    CHECK(c, !mc_path_stays_inside("../x") && !mc_path_stays_inside("a/../../x") &&
             !mc_path_stays_inside("a/..") && !mc_path_stays_inside("/etc/x"));
    CHECK_STR(c, (p = mc_path_normalize("a/./b//c")), "a/b/c"); free(p);
    CHECK_STR(c, (p = mc_path_normalize("a/../b")), "b"); free(p);
    CHECK_STR(c, (p = mc_path_normalize("a/b/../../c")), "c"); free(p);
    CHECK_STR(c, (p = mc_path_normalize("")), ""); free(p);
    CHECK(c, mc_path_normalize("../x") == NULL);
    CHECK(c, mc_path_normalize("a/../../x") == NULL);
    CHECK(c, mc_path_normalize("/etc/passwd") == NULL);
    CHECK(c, mc_path_normalize("..") == NULL);
}

static void path_join_confines_to_root(mc_check *c)
{
    char *dir = make_temp_dir();
    char sub[1024], link[4096];
    mc_diag d;
    snprintf(sub, sizeof sub, "%s/site", dir);
    mkdir(sub, 0755);
    char *p = mc_path_join(sub, "thu-tuc/khai-sinh/mau-don.docx", &d);
    char want[4096];
    snprintf(want, sizeof want, "%s/thu-tuc/khai-sinh/mau-don.docx", sub);
    CHECK_STR(c, p, want);
    free(p);
    CHECK(c, mc_path_join(sub, "../secret", &d) == NULL);
    CHECK(c, strstr(d.message, "leaves its folder") != NULL);
    CHECK(c, mc_path_join(sub, "/etc/passwd", &d) == NULL);
    /* a symlink inside the site pointing outside it */
    snprintf(link, sizeof link, "%s/out", sub);
    CHECK(c, symlink("/etc", link) == 0);
    CHECK(c, mc_path_join(sub, "out/passwd", &d) == NULL);
    CHECK(c, strstr(d.message, "symbolic link") != NULL);
    CHECK(c, mc_path_join(sub, "out/not-yet-there/x", &d) == NULL);
    /* a symlink that stays inside is fine */
    snprintf(link, sizeof link, "%s/in", sub);
    CHECK(c, symlink(".", link) == 0);
    p = mc_path_join(sub, "in/a.txt", &d);
    CHECK(c, p != NULL);
    free(p);
    remove_tree(dir);
    free(dir);
}

static void link_confined_rule(mc_check *c)
{
    char *dir = make_temp_dir();
    char site[1024], path[2048], outside[2048];
    mc_diag d;
    snprintf(site, sizeof site, "%s/site", dir);
    snprintf(path, sizeof path, "%s/static", site);
    mkdir(site, 0755);
    mkdir(path, 0755);
    snprintf(outside, sizeof outside, "%s/secret.txt", dir);
    FILE *f = fopen(outside, "w");
    if (f) { fputs("x", f); fclose(f); }
    /* a plain file is fine and its status comes back */
    snprintf(path, sizeof path, "%s/static/a.txt", site);
    f = fopen(path, "w");
    if (f) { fputs("abc", f); fclose(f); }
    struct stat st;
    CHECK(c, mc_link_confined(site, path, &st, &d) == 0 && st.st_size == 3);
    /* a link inside the site is fine */
    snprintf(path, sizeof path, "%s/static/b.txt", site);
    CHECK(c, symlink("a.txt", path) == 0 && mc_link_confined(site, path, NULL, &d) == 0);
    /* a link out: error at the path relative to the site, no absolute path */
    snprintf(path, sizeof path, "%s/static/lo.txt", site);
    CHECK(c, symlink(outside, path) == 0 && mc_link_confined(site, path, NULL, &d) == -1);
    CHECK_STR(c, d.file, "static/lo.txt");
    CHECK(c, strstr(d.message, "leads outside the site") && !strstr(d.message, dir));
    /* dangling */
    snprintf(path, sizeof path, "%s/static/treo.txt", site);
    CHECK(c, symlink("khong-co.txt", path) == 0 && mc_link_confined(site, path, NULL, &d) == -1);
    CHECK(c, strstr(d.message, "does not exist") != NULL);
    /* a folder link to its own parent */
    snprintf(path, sizeof path, "%s/static/vong", site);
    CHECK(c, symlink("..", path) == 0 && mc_link_confined(site, path, NULL, &d) == -1);
    CHECK(c, strstr(d.message, "contains it") != NULL);
    /* the walk stops at the first bad link and says where */
    char **files;
    size_t n;
    snprintf(path, sizeof path, "%s/static", site);
    CHECK(c, mc_list_tree(path, site, &files, &n, &d) == -1 && n == 0);
    CHECK(c, !strncmp(d.file, "static/", 7));
    remove_tree(dir);
    free(dir);
}

static void yes_no_spellings(mc_check *c)
{
    static const struct { const char *json; int want; } cases[] = {
        {"true", 1}, {"false", 0}, {"\"yes\"", 1}, {"\"No\"", 0}, {"\"on\"", 1},
        {"\"OFF\"", 0}, {"\"có\"", 1}, {"\"Có\"", 1}, {"\"KHÔNG\"", 0}, {"\"khong\"", 0},
        {"1", -1}, {"0", -1}, {"\"maybe\"", -1}, {"[true]", -1}, {"null", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *v = json_loads(cases[i].json, JSON_DECODE_ANY, NULL);
        CHECK(c, v && mc_yes_no(v) == cases[i].want);
        json_decref(v);
    }
    CHECK(c, mc_yes_no(NULL) == 0);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, diag_formats_gnu_style);
    RUN(&c, utf8_accepts_vietnamese);
    RUN(&c, utf8_reports_line_and_column);
    RUN(&c, utf8_refuses_overlong_truncated_and_nul);
    RUN(&c, utf8_finds_problems_inside_long_ascii_runs);
    RUN(&c, atomic_write_replaces_whole_file);
    RUN(&c, atomic_write_failure_keeps_old_file);
    RUN(&c, read_file_reports_missing);
    RUN(&c, grow_doubles_when_full);
    RUN(&c, mkdir_p_creates_parents);
    RUN(&c, path_normalize_lexical);
    RUN(&c, path_join_confines_to_root);
    RUN(&c, link_confined_rule);
    RUN(&c, yes_no_spellings);
    return check_finish(&c);
}
