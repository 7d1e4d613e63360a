/* test_frontmatter.c — splitting front matter from the body, lines in file
 * numbering, and the errors a content author can make. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../check.h"
#include "frontmatter.h"

/* Parse s as "page.md"; on failure the formatted error is left in err. */
static int parse(const char *s, size_t n, mc_frontmatter *fm, char *err, size_t errn)
{
    mc_diag d;
    mc_diag_clear(&d);
    err[0] = '\0';
    int rc = mc_frontmatter_parse("page.md", s, n, fm, &d);
    if (rc) mc_diag_format(&d, err, errn);
    return rc;
}

#define PARSE(s, fm, err) parse((s), strlen(s), (fm), (err), sizeof (err))

static const char *str(const mc_frontmatter *fm, const char *key)
{
    return json_string_value(json_object_get(fm->data, key));
}

static void test_typed_scalars(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    const char *s = "---\n"
                    "title: Thủ tục cấp giấy phép\n"
                    "order: 12\n"
                    "fee: 1.5\n"
                    "draft: false\n"
                    "ready: True\n"
                    "empty:\n"
                    "tilde: ~\n"
                    "code: \"123\"\n"
                    "date: 2026-11-26\n"
                    "when: 2026-11-26T08:00:00+07:00\n"
                    "phone: 0912345678\n"
                    "hex: 0x1F\n"
                    "neg: -7\n"
                    "---\n"
                    "Nội dung\n";
    if (!CHECK(c, PARSE(s, &fm, err) == 0)) {
        printf("    %s\n", err);
        return;
    }
    CHECK_STR(c, str(&fm, "title"), "Thủ tục cấp giấy phép");
    CHECK(c, json_integer_value(json_object_get(fm.data, "order")) == 12);
    CHECK(c, json_is_real(json_object_get(fm.data, "fee")));
    CHECK(c, json_real_value(json_object_get(fm.data, "fee")) == 1.5);
    CHECK(c, json_is_false(json_object_get(fm.data, "draft")));
    CHECK(c, json_is_true(json_object_get(fm.data, "ready")));
    CHECK(c, json_is_null(json_object_get(fm.data, "empty")));
    CHECK(c, json_is_null(json_object_get(fm.data, "tilde")));
    CHECK_STR(c, str(&fm, "code"), "123");
    CHECK_STR(c, str(&fm, "date"), "2026-11-26");
    CHECK_STR(c, str(&fm, "when"), "2026-11-26T08:00:00+07:00");
    CHECK_STR(c, str(&fm, "phone"), "0912345678");
    CHECK(c, json_integer_value(json_object_get(fm.data, "hex")) == 31);
    CHECK(c, json_integer_value(json_object_get(fm.data, "neg")) == -7);
    CHECK_STR(c, fm.body, "Nội dung\n");
    CHECK(c, fm.body_line == 16);
    mc_frontmatter_free(&fm);
}

static const char *procedure =
    "---\n"                                   /* 1 */
    "title: Đăng ký khai sinh\n"              /* 2 */
    "agency:\n"                               /* 3 */
    "  name: UBND phường\n"                   /* 4 */
    "  hours: [7, 17]\n"                      /* 5 */
    "documents:\n"                            /* 6 */
    "  - name: Tờ khai\n"                     /* 7 */
    "    copies: 1\n"                         /* 8 */
    "  - name: Giấy chứng sinh\n"             /* 9 */
    "    original: true\n"                    /* 10 */
    "  -\n"                                   /* 11 */
    "    name: CCCD\n"                        /* 12 */
    "    notes:\n"                            /* 13 */
    "      - bản chính\n"                     /* 14 */
    "      - bản sao\n"                       /* 15 */
    "---\n"                                   /* 16 */
    "# Hướng dẫn\n";                          /* 17 */

static void test_nested(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    if (!CHECK(c, PARSE(procedure, &fm, err) == 0)) {
        printf("    %s\n", err);
        return;
    }
    json_t *docs = json_object_get(fm.data, "documents");
    CHECK(c, json_array_size(docs) == 3);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(docs, 1), "name")),
              "Giấy chứng sinh");
    CHECK(c, json_is_true(json_object_get(json_array_get(docs, 1), "original")));
    json_t *notes = json_object_get(json_array_get(docs, 2), "notes");
    CHECK_STR(c, json_string_value(json_array_get(notes, 1)), "bản sao");
    json_t *agency = json_object_get(fm.data, "agency");
    CHECK_STR(c, json_string_value(json_object_get(agency, "name")), "UBND phường");
    CHECK(c, json_integer_value(json_array_get(json_object_get(agency, "hours"), 1)) == 17);
    CHECK(c, fm.body_line == 17);
    CHECK_STR(c, fm.body, "# Hướng dẫn\n");
    mc_frontmatter_free(&fm);
}

static void test_lines(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    if (!CHECK(c, PARSE(procedure, &fm, err) == 0)) return;
    CHECK(c, mc_fm_line(&fm, "title") == 2);
    CHECK(c, mc_fm_line(&fm, "agency") == 3);
    CHECK(c, mc_fm_line(&fm, "agency/name") == 4);
    CHECK(c, mc_fm_line(&fm, "agency/hours/1") == 5);
    CHECK(c, mc_fm_line(&fm, "documents") == 6);
    CHECK(c, mc_fm_line(&fm, "documents/0") == 7);
    CHECK(c, mc_fm_line(&fm, "documents/0/copies") == 8);
    CHECK(c, mc_fm_line(&fm, "documents/1/name") == 9);
    CHECK(c, mc_fm_line(&fm, "documents/1/original") == 10);
    CHECK(c, mc_fm_line(&fm, "documents/2/name") == 12);
    CHECK(c, mc_fm_line(&fm, "documents/2/notes/1") == 15);
    CHECK(c, mc_fm_line(&fm, "missing") == 0);
    CHECK(c, mc_fm_line(&fm, "documents/3") == 0);
    CHECK(c, mc_fm_line(&fm, "documents/0/name/x") == 0);
    mc_frontmatter_free(&fm);
}

static void test_no_frontmatter(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    const char *s = "# Tiêu đề\n\n---\n\nđoạn văn\n";
    if (!CHECK(c, PARSE(s, &fm, err) == 0)) return;
    CHECK(c, json_is_object(fm.data) && json_object_size(fm.data) == 0);
    CHECK_STR(c, fm.body, s);
    CHECK(c, fm.body_len == strlen(s));
    CHECK(c, fm.body_line == 1);
    CHECK(c, mc_fm_line(&fm, "title") == 0);
    mc_frontmatter_free(&fm);

    CHECK(c, parse("", 0, &fm, err, sizeof err) == 0);
    CHECK(c, json_object_size(fm.data) == 0 && fm.body_len == 0 && fm.body);
    mc_frontmatter_free(&fm);

    /* "--- x" is not an opening line */
    CHECK(c, PARSE("--- x\ntitle: a\n", &fm, err) == 0);
    CHECK(c, json_object_size(fm.data) == 0);
    CHECK_STR(c, fm.body, "--- x\ntitle: a\n");
    mc_frontmatter_free(&fm);
}

static void test_empty_frontmatter(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\n---\nbody", &fm, err) == 0);
    CHECK(c, json_is_object(fm.data) && json_object_size(fm.data) == 0);
    CHECK_STR(c, fm.body, "body");
    CHECK(c, fm.body_line == 3);
    mc_frontmatter_free(&fm);
    CHECK(c, PARSE("---\n# only a comment\n...\n", &fm, err) == 0);
    CHECK(c, json_is_object(fm.data) && json_object_size(fm.data) == 0);
    CHECK_STR(c, fm.body, "");
    mc_frontmatter_free(&fm);
}

static void test_bom_crlf(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    const char *s = "\xEF\xBB\xBF---\r\n"
                    "title: Lệ phí\r\n"
                    "items:\r\n"
                    "  - một\r\n"
                    "  - hai\r\n"
                    "---  \r\n"
                    "Dòng 1\r\n"
                    "Dòng 2\r\n";
    if (!CHECK(c, PARSE(s, &fm, err) == 0)) {
        printf("    %s\n", err);
        return;
    }
    CHECK_STR(c, str(&fm, "title"), "Lệ phí");
    CHECK_STR(c, json_string_value(json_array_get(json_object_get(fm.data, "items"), 1)),
              "hai");
    CHECK(c, mc_fm_line(&fm, "items/1") == 5);
    CHECK(c, fm.body_line == 7);
    CHECK_STR(c, fm.body, "Dòng 1\nDòng 2\n");
    CHECK(c, fm.body_len == strlen("Dòng 1\nDòng 2\n"));
    mc_frontmatter_free(&fm);

    /* BOM without front matter: body without the BOM */
    CHECK(c, PARSE("\xEF\xBB\xBFXin chào\r\n", &fm, err) == 0);
    CHECK_STR(c, fm.body, "Xin chào\n");
    mc_frontmatter_free(&fm);
}

static void test_unterminated(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\ntitle: a\n\nBody text\n", &fm, err) == -1);
    CHECK_STR(c, err, "page.md:1: error: front matter starts with '---' but is "
                      "never closed; add a line '---' after the last key");
    CHECK(c, fm.data == NULL && fm.body == NULL);
    mc_frontmatter_free(&fm);
}

static void test_syntax_error(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\ntitle: ok\nsummary: a: b\n---\n", &fm, err) == -1);
    CHECK_STR(c, err, "page.md:3:11: error: mapping values are not allowed in "
                      "this context; check the front matter near this line");
    CHECK(c, PARSE("---\ntags: [a, b\nx: 1\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:", 8) == 0);
    CHECK(c, strstr(err, "did not find expected ',' or ']'") != NULL);
    CHECK(c, strstr(err, "started at line 2") != NULL);
    /* columns count characters, not bytes */
    CHECK(c, PARSE("---\ntiêu đề: a: b\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:2:11: error: mapping values", 35) == 0);
    /* CRLF keeps the numbering */
    CHECK(c, PARSE("---\r\ntitle: ok\r\nsummary: a: b\r\n---\r\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:3:11: error: mapping values", 35) == 0);
}

static void test_tab_indent(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\ntitle: a\nagency:\n\tname: b\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:4:1: error: ", 20) == 0);
    CHECK(c, strstr(err, "YAML indentation must use spaces, not tabs") != NULL);
    CHECK(c, PARSE("---\ntitle: a\n\tsub: b\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:3:", 10) == 0);
    CHECK(c, strstr(err, "YAML indentation must use spaces, not tabs") != NULL);
    /* no hint when tabs are not the problem */
    CHECK(c, PARSE("---\nsummary: a: b\n---\n", &fm, err) == -1);
    CHECK(c, strstr(err, "tabs") == NULL);
}

static void test_duplicate_key(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\ntitle: a\nslug: b\ntitle: c\n---\n", &fm, err) == -1);
    CHECK_STR(c, err, "page.md:4: error: duplicate key 'title' (first at line 2); "
                      "remove one of them");
    CHECK(c, PARSE("---\nlist:\n  - name: a\n    x: 1\n    name: b\n---\n", &fm, err) == -1);
    CHECK_STR(c, err, "page.md:5: error: duplicate key 'name' (first at line 3); "
                      "remove one of them");
    /* the same key in two different mappings is fine */
    CHECK(c, PARSE("---\na:\n  name: 1\nb:\n  name: 2\n---\n", &fm, err) == 0);
    mc_frontmatter_free(&fm);
}

/* Text typed with combining marks (Word, macOS) comes out precomposed,
 * in the front matter and the body, with lines unchanged. */
static void test_text_is_put_in_nfc(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    const char *s = "---\ntitle: \xC4\x90" "a\xCC\x86ng ky\xCC\x81\ncode: x\n---\n"
                    "Kho\xCC\x82" "ng [\n";
    CHECK(c, PARSE(s, &fm, err) == 0);
    CHECK_STR(c, str(&fm, "title"), "Đăng ký");
    CHECK_STR(c, fm.body, "Không [\n");
    CHECK(c, fm.body_line == 5);
    CHECK(c, mc_fm_line(&fm, "code") == 3);
    mc_frontmatter_free(&fm);
}

static void test_invalid_utf8(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\ntitle: ok\nname: Vi\xE1t\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:3:9: error: invalid UTF-8", 33) == 0);
    CHECK(c, PARSE("---\ntitle: ok\n---\nxin chào\nđây là \xFF\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:5:8: error: invalid UTF-8", 33) == 0);
    /* with a BOM the columns still count from the first visible character */
    CHECK(c, PARSE("\xEF\xBB\xBF" "ab\xC0\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:1:3: error: invalid UTF-8", 33) == 0);
}

static void test_not_a_mapping(mc_check *c)
{
    mc_frontmatter fm;
    char err[2048];
    CHECK(c, PARSE("---\n\n- a\n- b\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:3: error: front matter must be 'key: value' "
                          "lines, but it is a list", 73) == 0);
    CHECK(c, PARSE("---\njust some text\n---\n", &fm, err) == -1);
    CHECK(c, strncmp(err, "page.md:2: error: front matter must be 'key: value' "
                          "lines, but it is plain text", 79) == 0);
    CHECK(c, fm.data == NULL && fm.lines == NULL);
}

static void test_large(mc_check *c)
{
    size_t n = 8u << 20, pos = 0;
    char *s = malloc(n + 64);
    char err[2048];
    mc_frontmatter fm;
    if (!CHECK(c, s != NULL)) return;
    pos += (size_t)sprintf(s, "---\n");
    for (int i = 0; pos < n; i++)
        pos += (size_t)sprintf(s + pos, "key%07d: giá trị số %d\n", i, i);
    pos += (size_t)sprintf(s + pos, "---\nbody\n");
    clock_t t0 = clock();
    CHECK(c, parse(s, pos, &fm, err, sizeof err) == -1);
    CHECK(c, strstr(err, "page.md:1: error: front matter is ") == err);
    CHECK(c, strstr(err, "bytes; the limit is 1 MB: move long data into data/ files"));
    CHECK(c, (double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);

    /* just under the limit: parsed, lines right at the end */
    pos = (size_t)sprintf(s, "---\n");
    int i;
    for (i = 0; pos < MC_FM_MAX_BYTES - 64; i++)
        pos += (size_t)sprintf(s + pos, "key%07d: giá trị số %d\n", i, i);
    pos += (size_t)sprintf(s + pos, "---\nbody\n");
    if (CHECK(c, parse(s, pos, &fm, err, sizeof err) == 0)) {
        char key[32];
        snprintf(key, sizeof key, "key%07d", i - 1);
        CHECK(c, json_object_size(fm.data) == (size_t)i);
        CHECK(c, mc_fm_line(&fm, key) == i + 1);
        CHECK(c, fm.body_line == i + 3);
        CHECK_STR(c, fm.body, "body\n");
    } else {
        printf("    %s\n", err);
    }
    mc_frontmatter_free(&fm);
    free(s);
}

/* mc_frontmatter_view: the body stays in the caller's text unless it has
 * to change (CRLF, text not in NFC); what it parses is the same. */
static void test_view(mc_check *c)
{
    mc_diag d;
    mc_frontmatter fm;
    const char *plain = "\xEF\xBB\xBF---\ntitle: Tin\n---\nThân bài.\n";
    if (CHECK(c, mc_frontmatter_view("page.md", plain, strlen(plain), &fm, &d) == 0)) {
        CHECK(c, fm.body == NULL);
        CHECK(c, fm.body_view == plain + strlen(plain) - strlen("Thân bài.\n"));
        CHECK(c, fm.body_len == strlen("Thân bài.\n"));
        CHECK_STR(c, str(&fm, "title"), "Tin");
        CHECK(c, fm.body_line == 4);
    }
    mc_frontmatter_free(&fm);
    const char *cr = "---\ntitle: Tin\n---\nA\rB\n"; /* a CR alone stays: nothing to copy */
    if (CHECK(c, mc_frontmatter_view("page.md", cr, strlen(cr), &fm, &d) == 0))
        CHECK(c, fm.body == NULL && fm.body_view == cr + strlen(cr) - 4);
    mc_frontmatter_free(&fm);
    const char *crlf = "---\r\ntitle: Tin\r\n---\r\nA\r\nB\r\n";
    if (CHECK(c, mc_frontmatter_view("page.md", crlf, strlen(crlf), &fm, &d) == 0)) {
        CHECK(c, fm.body_view == NULL);
        CHECK_STR(c, fm.body, "A\nB\n");
    }
    mc_frontmatter_free(&fm);
    const char *nfd = "---\ntitle: Tin\n---\nThu\xCC\x89 tu\xCC\xA3" "c\n"; /* Thủ tục, decomposed */
    if (CHECK(c, mc_frontmatter_view("page.md", nfd, strlen(nfd), &fm, &d) == 0)) {
        CHECK(c, fm.body_view == NULL);
        CHECK_STR(c, fm.body, "Thủ tục\n");
    }
    mc_frontmatter_free(&fm);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_typed_scalars);
    RUN(&c, test_nested);
    RUN(&c, test_lines);
    RUN(&c, test_no_frontmatter);
    RUN(&c, test_empty_frontmatter);
    RUN(&c, test_bom_crlf);
    RUN(&c, test_unterminated);
    RUN(&c, test_syntax_error);
    RUN(&c, test_tab_indent);
    RUN(&c, test_duplicate_key);
    RUN(&c, test_invalid_utf8);
    RUN(&c, test_text_is_put_in_nfc);
    RUN(&c, test_not_a_mapping);
    RUN(&c, test_large);
    RUN(&c, test_view);
    return check_finish(&c);
}
