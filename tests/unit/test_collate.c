/* test_collate.c — unit tests for lib/collate.c: Vietnamese order, sort
 * keys, sorting, A–Z heading letters. */
#include "collate.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>

/* Every adjacent pair of v[0..n) must sort strictly before the next, both
 * with mc_collate and with strcmp on the sort keys. */
static void check_strict_order(mc_check *c, mc_collator *col,
                               const char *const *v, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        int r = mc_collate(col, v[i], v[i + 1]);
        if (!CHECK(c, r < 0))
            printf("    expected \"%s\" < \"%s\"\n", v[i], v[i + 1]);
        CHECK(c, mc_collate(col, v[i + 1], v[i]) > 0);
        char *ka = mc_collate_key(col, v[i], strlen(v[i]), NULL, NULL);
        char *kb = mc_collate_key(col, v[i + 1], strlen(v[i + 1]), NULL, NULL);
        CHECK(c, ka && kb && strcmp(ka, kb) < 0);
        free(ka);
        free(kb);
    }
}

static mc_collator *vi(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    mc_collator *col = mc_collator_new("vi", &d);
    CHECK(c, col != NULL);
    return col;
}

static void test_alphabet_order(mc_check *c)
{
    static const char *const letters[] = {
        "A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "G", "H", "I", "K", "L",
        "M", "N", "O", "Ô", "Ơ", "P", "Q", "R", "S", "T", "U", "Ư", "V", "X", "Y"};
    mc_collator *col = vi(c);
    if (!col) return;
    check_strict_order(c, col, letters, sizeof letters / sizeof *letters);
    mc_collator_free(col);
}

static void test_d_stroke_after_d(mc_check *c)
{
    static const char *const v[] = {"Dung", "Dừa", "Đăng", "Đông", "Em"};
    mc_collator *col = vi(c);
    if (!col) return;
    check_strict_order(c, col, v, 5);
    CHECK(c, strcmp("Đăng", "Em") > 0); /* bytes get it wrong; collator not */
    mc_collator_free(col);
}

static void test_breve_circumflex_after_a(mc_check *c)
{
    static const char *const v[] = {"Anh", "Ảnh", "Ăn", "Ắt", "Âm", "Ấp", "Ba"};
    mc_collator *col = vi(c);
    if (!col) return;
    check_strict_order(c, col, v, 7);
    CHECK(c, mc_collate(col, "Anh", "Ăn") < 0);
    CHECK(c, mc_collate(col, "Az", "Ăa") < 0); /* Ă is its own letter */
    mc_collator_free(col);
}

static void test_tones_secondary(mc_check *c)
{
    /* Tone order in CLDR vi: none, grave, hook, tilde, acute, dot below. */
    static const char *const tones[] = {"ca", "cà", "cả", "cã", "cá", "cạ", "cb"};
    mc_collator *col = vi(c);
    if (!col) return;
    check_strict_order(c, col, tones, 7);
    /* secondary: the tone of the first syllable loses to a later letter */
    CHECK(c, mc_collate(col, "cá a", "ca b") < 0);
    CHECK(c, mc_collate(col, "bàn", "ban") > 0);
    mc_collator_free(col);
}

static void test_decomposed_equal(mc_check *c)
{
    mc_collator *col = vi(c);
    if (!col) return;
    CHECK(c, mc_collate(col, "\xC4\x90" "a\xCC\x86" "ng ky\xCC\x81", "Đăng ký") == 0);
    CHECK(c, mc_collate(col, "Đăng ký", "Đăng ký") == 0);
    CHECK(c, mc_collate(col, "dang ky", "Đăng ký") < 0);
    CHECK(c, mc_collate(col, "anh", "Anh") < 0); /* case: tertiary */
    CHECK(c, mc_collate(col, "Anh", "anh b") < 0);
    mc_collator_free(col);
}

static void test_key(mc_check *c)
{
    mc_collator *col = vi(c);
    if (!col) return;
    size_t len = 0;
    char *k = mc_collate_key(col, "Đăng ký", strlen("Đăng ký"), &len, NULL);
    CHECK(c, k != NULL && len > 0 && strlen(k) == len);
    free(k);
    /* a long title (> the 256-unit stack buffer) still works */
    char big[2000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char *k1 = mc_collate_key(col, big, strlen(big), NULL, NULL);
    big[1500] = 'b';
    char *k2 = mc_collate_key(col, big, strlen(big), NULL, NULL);
    CHECK(c, k1 && k2 && strcmp(k1, k2) < 0);
    free(k1);
    free(k2);
    mc_collator_free(col);
}

static void test_sort_procedures(mc_check *c)
{
    const char *v[] = {
        "Đăng ký kết hôn",
        "Cấp bản sao trích lục hộ tịch",
        "Ăn ở hợp pháp (xác nhận)",
        "Thủ tục chứng thực chữ ký",
        "Đăng ký khai sinh",
        "Xác nhận tình trạng hôn nhân",
        "Âm lịch: chuyển đổi ngày",
        "Dịch vụ công trực tuyến",
        "Ưu đãi người có công",
        "Cải chính hộ tịch",
        "Ô nhiễm môi trường: phản ánh",
        "Anh chị em ruột",
    };
    const char *want[] = {
        "Anh chị em ruột",
        "Ăn ở hợp pháp (xác nhận)",
        "Âm lịch: chuyển đổi ngày",
        "Cải chính hộ tịch",
        "Cấp bản sao trích lục hộ tịch",
        "Dịch vụ công trực tuyến",
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
        "Ô nhiễm môi trường: phản ánh",
        "Thủ tục chứng thực chữ ký",
        "Ưu đãi người có công",
        "Xác nhận tình trạng hôn nhân",
    };
    size_t n = sizeof v / sizeof *v;
    mc_collator *col = vi(c);
    if (!col) return;
    mc_diag d;
    mc_diag_clear(&d);
    CHECK(c, mc_collate_sort_strings(col, v, n, &d) == 0);
    for (size_t i = 0; i < n; i++) CHECK_STR(c, v[i], want[i]);
    mc_collator_free(col);
}

typedef struct {
    const char *title;
    int id;
} page;

static const char *page_title(const void *p) { return ((const page *)p)->title; }

static void test_sort_structs_stable(mc_check *c)
{
    page v[] = {{"Em", 1}, {"Đăng", 2}, {"em", 3}, {"Dung", 4}, {"Em", 5},
                {NULL, 6}, {"Đăng", 7}};
    int want[] = {6, 4, 2, 7, 3, 1, 5}; /* NULL = "" first; "em" < "Em" */
    mc_collator *col = vi(c);
    if (!col) return;
    CHECK(c, mc_collate_sort(col, v, 7, sizeof *v, page_title, NULL) == 0);
    for (int i = 0; i < 7; i++) CHECK(c, v[i].id == want[i]);
    CHECK(c, mc_collate_sort(col, v, 0, sizeof *v, page_title, NULL) == 0);
    mc_collator_free(col);
}

/* Many equal titles: a non-stable sort (musl, newer glibc qsort) would
 * scramble their ids; the (key, index) comparison must keep them. */
static void test_sort_many_equal_stable(mc_check *c)
{
    enum { N = 300 };
    page v[N];
    for (int i = 0; i < N; i++) {
        v[i].title = (i % 3 == 0) ? "Đăng ký" : (i % 3 == 1) ? "Dung" : "\xC4\x90" "a\xCC\x86" "ng ky\xCC\x81";
        v[i].id = i;
    }
    mc_collator *col = vi(c);
    if (!col) return;
    CHECK(c, mc_collate_sort(col, v, N, sizeof *v, page_title, NULL) == 0);
    int ok = 1;
    for (int i = 1; i < N; i++) {
        int same = mc_collate(col, v[i - 1].title, v[i].title) == 0;
        if (mc_collate(col, v[i - 1].title, v[i].title) > 0) ok = 0;
        if (same && v[i - 1].id > v[i].id) ok = 0;
    }
    CHECK(c, ok);
    CHECK(c, strcmp(v[0].title, "Dung") == 0 && v[0].id == 1);
    mc_collator_free(col);
}

static void test_collator_locales(mc_check *c)
{
    mc_collator *def = mc_collator_new(NULL, NULL);
    mc_collator *en = mc_collator_new("en", NULL);
    CHECK(c, def && en);
    if (def) CHECK(c, mc_collate(def, "Đa", "Dz") > 0);   /* vi by default */
    if (en) CHECK(c, mc_collate(en, "Đa", "Dz") < 0);     /* root: Đ ~ D */
    mc_collator_free(def);
    mc_collator_free(en);
    mc_collator_free(NULL);
}

#define CHECK_INITIAL(c, in, want) do { \
        char *got_ = mc_initial_letter(in); CHECK_STR(c, got_, want); \
        free(got_); } while (0)

static void test_initial_letter(mc_check *c)
{
    CHECK_INITIAL(c, "Đăng ký", "Đ");
    CHECK_INITIAL(c, "đăng ký", "Đ");
    CHECK_INITIAL(c, "ăn", "Ă");
    CHECK_INITIAL(c, "Ấp", "Â");
    CHECK_INITIAL(c, "ấp", "Â");
    CHECK_INITIAL(c, "Ở", "Ơ");
    CHECK_INITIAL(c, "ừ", "Ư");
    CHECK_INITIAL(c, "chứng", "C");
    CHECK_INITIAL(c, "Ỷ lại", "Y");
    CHECK_INITIAL(c, "ệ", "Ê");
    CHECK_INITIAL(c, "Anh", "A");
    CHECK_INITIAL(c, "zebra", "Z");
}

static void test_initial_letter_decomposed(mc_check *c)
{
    CHECK_INITIAL(c, "a\xCC\x82\xCC\x81p", "Â");   /* a + ^ + ´ */
    CHECK_INITIAL(c, "o\xCC\x9B\xCC\x89", "Ơ");    /* o + horn + hook */
    CHECK_INITIAL(c, "a\xCC\x86n", "Ă");
}

/* A letter outside the BMP is two UTF-16 units: both must come from the
 * upper-cased letter (lib/collate.c once passed an expression with a side
 * effect to U16_APPEND_UNSAFE, which evaluates it once per unit, so the
 * second unit came from the lower-case letter). */
static void test_initial_letter_outside_bmp(mc_check *c)
{
    CHECK_INITIAL(c, "\xF0\x90\x90\xA8" "abc", "\xF0\x90\x90\x80");    /* Deseret 𐐨 -> 𐐀 */
    CHECK_INITIAL(c, "\xF0\x9E\xA4\xA2x", "\xF0\x9E\xA4\x80");      /* Adlam 𞤢 -> 𞤀 */
}

static void test_initial_letter_skips_punct(mc_check *c)
{
    CHECK_INITIAL(c, "“Đăng ký”", "Đ");
    CHECK_INITIAL(c, "  - (ồ) ", "Ô");
    CHECK_INITIAL(c, "63/2010 Nghị định", "#");
    CHECK_INITIAL(c, "!!!", "#");
    CHECK_INITIAL(c, "", "");
    CHECK_INITIAL(c, "   ", "");
    CHECK_INITIAL(c, "中文", "中");
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_alphabet_order);
    RUN(&c, test_d_stroke_after_d);
    RUN(&c, test_breve_circumflex_after_a);
    RUN(&c, test_tones_secondary);
    RUN(&c, test_decomposed_equal);
    RUN(&c, test_key);
    RUN(&c, test_sort_procedures);
    RUN(&c, test_sort_structs_stable);
    RUN(&c, test_sort_many_equal_stable);
    RUN(&c, test_collator_locales);
    RUN(&c, test_initial_letter);
    RUN(&c, test_initial_letter_outside_bmp);
    RUN(&c, test_initial_letter_decomposed);
    RUN(&c, test_initial_letter_skips_punct);
    return check_finish(&c);
}
