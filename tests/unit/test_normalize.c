/* test_normalize.c — the text normaliser, mostly as a table of cases.
 *
 * tests/data/normalize.tsv holds one case a line:
 *     STYLE<TAB>INPUT<TAB>EXPECTED
 * STYLE is north or south (one-line output, as `loa normalize` prints it),
 * or north-lines / south-lines (one utterance per line). In INPUT and
 * EXPECTED, \n, \t and \\ stand for newline, tab and backslash. Lines that
 * are empty or start with '#' are skipped. Each row is one test, named by its
 * line number and input. Run from the repository root (or set MC_SRCDIR).
 * Then come tests for staff dictionaries, bad UTF-8, number reading and a
 * 60 KB input.
 */
#include "../check.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static loa_normalizer *north, *south;

static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

typedef struct eval_score {
    int rows, exact;
} eval_score;

/* One row of the independent set: counted, and printed when misread. */
static void eval_row(eval_score *e, const char *style, const char *input, const char *want)
{
    const loa_normalizer *nz = strncmp(style, "south", 5) == 0 ? south : north;
    mc_diag d;
    mc_diag_clear(&d);
    char *got = loa_normalize_line(nz, input, strlen(input), &d);
    e->rows++;
    if (got && strcmp(got, want) == 0)
        e->exact++;
    else
        printf("  misread: %s\n    said:   %s\n    wanted: %s\n", input, got ? got : "(error)", want);
    free(got);
}

static void table_row(mc_check *c, const char *path, int lineno, char *line, eval_score *e)
{
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    char name[200];
    const char *base = strrchr(path, '/');
    snprintf(name, sizeof name, "%.30s:%d: %.150s", base ? base + 1 : path, lineno, tab1 ? tab1 + 1 : line);
    char *nl = strchr(name, '\t');
    if (nl)
        *nl = '\0';
    check_begin(c, name);
    if (!CHECK(c, tab1 && tab2)) {
        printf("  %s:%d: expected STYLE<TAB>INPUT<TAB>EXPECTED\n", path, lineno);
        check_end(c);
        return;
    }
    *tab1 = *tab2 = '\0';
    char *input = tab1 + 1, *want = tab2 + 1;
    unescape(input);
    unescape(want);
    if (e) {
        eval_row(e, line, input, want);
        check_end(c);
        return;
    }
    int lines = strstr(line, "-lines") != NULL;
    const loa_normalizer *nz = strncmp(line, "south", 5) == 0 ? south : north;
    mc_diag d;
    mc_diag_clear(&d);
    char *got = lines ? loa_normalize(nz, input, strlen(input), &d)
                      : loa_normalize_line(nz, input, strlen(input), &d);
    CHECK_STR(c, got, want);
    free(got);
    check_end(c);
}

/* Rows of tests/data/NAME: each a test, or (e set) scored, not checked. */
static int run_table(mc_check *c, const char *name, eval_score *e)
{
    const char *dir = getenv("MC_SRCDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s%stests/data/%s", dir ? dir : "", dir ? "/" : "", name);
    FILE *f = fopen(path, "r");
    if (!f) {
        check_begin(c, "table file exists");
        CHECK(c, f != NULL);
        check_end(c);
        return 0;
    }
    char line[4096];
    int lineno = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        table_row(c, path, lineno, line, e);
        rows++;
    }
    fclose(f);
    return rows;
}

static void test_table_has_rows(mc_check *c, const char *what, int rows, int least)
{
    check_begin(c, what);
    CHECK(c, rows >= least);
    check_end(c);
}

/* The independent set (never tuned on): at least 95 % read exactly, the
 * issue's target; the share and the misreadings are printed for README. */
static void test_eval_share(mc_check *c)
{
    eval_score e = {0, 0};
    run_table(c, "bulletins-eval.tsv", &e);
    printf("bulletins-eval.tsv: %d of %d read exactly (%.1f %%)\n", e.exact, e.rows,
           e.rows ? 100.0 * e.exact / e.rows : 0.0);
    check_begin(c, "independent bulletin set: at least 95 % read exactly, 100 rows or more");
    CHECK(c, e.rows >= 100 && e.exact * 100 >= e.rows * 95);
    check_end(c);
}

static void test_read_number(mc_check *c)
{
    struct { long long n; loa_style st; const char *want; } cases[] = {
        {0, LOA_NORTH, "không"},
        {21, LOA_NORTH, "hai mươi mốt"},
        {105, LOA_SOUTH, "một trăm lẻ năm"},
        {-15, LOA_NORTH, "âm mười lăm"},
        {2026, LOA_SOUTH, "hai ngàn không trăm hai mươi sáu"},
        {1000000001LL, LOA_NORTH, "một tỷ không trăm linh một"},
        {9223372036854775807LL, LOA_NORTH,
         "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ "
         "tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = loa_read_number(cases[i].n, cases[i].st);
        CHECK_STR(c, got, cases[i].want);
        free(got);
    }
}

static char *say(const loa_normalizer *nz, const char *text)
{
    mc_diag d;
    mc_diag_clear(&d);
    return loa_normalize_line(nz, text, strlen(text), &d);
}

static void test_staff_tsv_adds_abbreviation(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    loa_normalizer *nz = loa_normalizer_new(LOA_NORTH, &d);
    char *before = say(nz, "Gặp BQLDA hôm nay");
    CHECK_STR(c, before, "Gặp bê quy lờ dê a hôm nay"); /* spelled until the staff file names it */
    const char *path = "/tmp/loa-test-abbr.tsv";
    FILE *f = fopen(path, "w");
    CHECK(c, f != NULL);
    if (f) {
        fputs("# staff abbreviations\n\nabbr\tBQLDA\tban quản lý dự án\n"
              "abbr\tTP\tthành phố của chúng ta\r\n", f);
        fclose(f);
    }
    CHECK(c, loa_normalizer_load_tsv(nz, path, &d) == 0);
    char *after = say(nz, "Gặp BQLDA tại TP");
    CHECK_STR(c, after, "Gặp ban quản lý dự án tại thành phố của chúng ta");
    remove(path);
    free(before);
    free(after);
    loa_normalizer_free(nz);
}

static void test_staff_tsv_bad_line(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    loa_normalizer *nz = loa_normalizer_new(LOA_NORTH, &d);
    const char *path = "/tmp/loa-test-bad.tsv";
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("abbr\tXYZW\tích\n# ok so far\nabbr\tONLYTWO\n", f);
        fclose(f);
    }
    CHECK(c, loa_normalizer_load_tsv(nz, path, &d) == -1);
    CHECK_STR(c, d.file, path);
    CHECK(c, d.line == 3);
    CHECK(c, strstr(d.message, "3 tab-separated fields") != NULL);
    char buf[2048];
    mc_diag_format(&d, buf, sizeof buf);
    CHECK(c, strstr(buf, "/tmp/loa-test-bad.tsv:3:") != NULL);

    mc_diag_clear(&d);
    const char *kind = "unit\tdm\tđề xi mét\nabbreviation\tX\tY\n";
    CHECK(c, loa_normalizer_load_tsv_text(nz, kind, strlen(kind), "staff.tsv", &d) == -1);
    CHECK_STR(c, d.file, "staff.tsv");
    CHECK(c, d.line == 2);
    CHECK(c, strstr(d.message, "unknown kind") != NULL);

    mc_diag_clear(&d);
    const char *empty = "abbr\t\tnothing\n";
    CHECK(c, loa_normalizer_load_tsv_text(nz, empty, strlen(empty), "e.tsv", &d) == -1);
    CHECK(c, d.line == 1);

    mc_diag_clear(&d);
    CHECK(c, loa_normalizer_load_tsv(nz, "/nonexistent/loa.tsv", &d) == -1);
    CHECK(c, d.message[0] != '\0');
    remove(path);
    loa_normalizer_free(nz);
}

static void test_staff_tsv_nfc_keys(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    loa_normalizer *nz = loa_normalizer_new(LOA_SOUTH, &d);
    /* The spoken part typed decomposed: a + grave, e + circumflex. */
    const char *tsv = "abbr\tĐVTN\tđoa\xcc\x80n vie\xcc\x82n\n";
    CHECK(c, loa_normalizer_load_tsv_text(nz, tsv, strlen(tsv), "nfc.tsv", &d) == 0);
    char *got = say(nz, "ĐVTN");
    CHECK_STR(c, got, "đoàn viên");
    free(got);
    loa_normalizer_free(nz);
}

static void test_invalid_utf8(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    const char *bad = "Thông báo\nngày a\xff";
    char *got = loa_normalize(north, bad, strlen(bad), &d);
    CHECK(c, got == NULL);
    CHECK(c, d.line == 2);
    CHECK(c, d.col == 7);
    free(got);
    mc_diag_clear(&d);
    const char *nul = "ab\0cd";
    got = loa_normalize(north, nul, 5, &d);
    CHECK(c, got == NULL);
    free(got);
}

static void test_nfc_input(mc_check *c)
{
    /* "Thành phố" typed decomposed (a + combining grave, o + circumflex + acute). */
    char *got = say(north, "Tha\xcc\x80nh pho\xcc\x82\xcc\x81 5 km");
    CHECK_STR(c, got, "Thành phố năm ki lô mét");
    free(got);
}

static void test_nothing_speakable(mc_check *c)
{
    char *got = say(north, "# \n\n---\n\n**  **\n");
    CHECK_STR(c, got, "");
    free(got);
    mc_diag d;
    mc_diag_clear(&d);
    got = loa_normalize(north, "", 0, &d);
    CHECK_STR(c, got, "");
    free(got);
}

static void test_large_input(mc_check *c)
{
    const char *para = "UBND phường thông báo: từ 7h30 ngày 01/12/2026, tiếp nhận 25 hồ sơ, "
                       "phí 50.000đ, gọi 0229.3871.234 hoặc xem https://ninhbinh.gov.vn.\n\n";
    size_t plen = strlen(para), total = 0;
    char *text = malloc(70000);
    if (!CHECK(c, text != NULL))
        return;
    while (total + plen < 65000) {
        memcpy(text + total, para, plen);
        total += plen;
    }
    mc_diag d;
    mc_diag_clear(&d);
    clock_t t0 = clock();
    char *got = loa_normalize(north, text, total, &d);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(c, got != NULL);
    CHECK(c, secs < 1.0);
    if (got) {
        size_t lines = 1;
        for (const char *p = got; *p; p++)
            lines += *p == '\n';
        CHECK(c, lines == total / plen);
        CHECK(c, strncmp(got, "ủy ban nhân dân phường thông báo: từ bảy giờ ba mươi phút", 20) == 0);
    }
    free(got);
    free(text);
}

int main(void)
{
    mc_check c = {0};
    mc_diag d;
    mc_diag_clear(&d);
    north = loa_normalizer_new(LOA_NORTH, &d);
    south = loa_normalizer_new(LOA_SOUTH, &d);
    if (!north || !south) {
        mc_diag_print(stdout, &d);
        check_begin(&c, "normalizer_new");
        CHECK(&c, 0);
        check_end(&c);
        return check_finish(&c);
    }
    test_table_has_rows(&c, "normalize.tsv has at least 200 rows",
                        run_table(&c, "normalize.tsv", NULL), 200);
    test_table_has_rows(&c, "bulletins.tsv has at least 400 rows",
                        run_table(&c, "bulletins.tsv", NULL), 400);
    test_eval_share(&c);
    RUN(&c, test_read_number);
    RUN(&c, test_staff_tsv_adds_abbreviation);
    RUN(&c, test_staff_tsv_bad_line);
    RUN(&c, test_staff_tsv_nfc_keys);
    RUN(&c, test_invalid_utf8);
    RUN(&c, test_nfc_input);
    RUN(&c, test_nothing_speakable);
    RUN(&c, test_large_input);
    loa_normalizer_free(north);
    loa_normalizer_free(south);
    return check_finish(&c);
}
