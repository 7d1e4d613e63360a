/* test_text.c — unit tests for lib/text.c: NFC, fold, slug. */
#include "text.h"

#include <stdio.h>
#include "../check.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/unorm2.h>

/* Decomposed "Đăng ký": Đ has no decomposition; ă = a + U+0306 (CC 86);
 * ý = y + U+0301 (CC 81). */
#define DANG_KY_NFD "\xC4\x90" "a\xCC\x86" "ng ky\xCC\x81"
#define DANG_KY_NFC "\xC4\x90\xC4\x83ng k\xC3\xBD" /* Đăng ký */

/* Run f on a NUL-terminated string and keep the result for checking. */
static char *nfc(const char *s) { return mc_nfc(s, strlen(s), NULL, NULL); }
static char *fold(const char *s) { return mc_fold(s, strlen(s), NULL, NULL); }
static char *slug(const char *s) { return mc_slug(s, strlen(s), NULL); }

#define CHECK_FN(c, fn, in, want) do { \
        char *got_ = fn(in); CHECK_STR(c, got_, want); free(got_); } while (0)

static void test_nfc_decomposed_dang_ky(mc_check *c)
{
    size_t len = 0;
    mc_diag d;
    mc_diag_clear(&d);
    CHECK(c, strcmp(DANG_KY_NFD, DANG_KY_NFC) != 0);
    char *r = mc_nfc(DANG_KY_NFD, strlen(DANG_KY_NFD), &len, &d);
    CHECK_STR(c, r, DANG_KY_NFC);
    CHECK(c, len == strlen(DANG_KY_NFC));
    free(r);
}

static void test_nfc_stacked_marks(mc_check *c)
{
    /* a + U+0302 (circumflex) + U+0301 (acute) -> ấ (U+1EA5) */
    CHECK_FN(c, nfc, "a\xCC\x82\xCC\x81", "\xE1\xBA\xA5");
    /* ệ = e + dot below (ccc 220) + circumflex (ccc 230), any order. */
    CHECK_FN(c, nfc, "e\xCC\xA3\xCC\x82", "\xE1\xBB\x87");
    CHECK_FN(c, nfc, "e\xCC\x82\xCC\xA3", "\xE1\xBB\x87");
    /* ư = u + horn (U+031B) */
    CHECK_FN(c, nfc, "Tru\xCC\x9B\xCC\x80ng", "Tr\xE1\xBB\xABng"); /* Trừng */
}

/* The quick check's shortcuts: eight ASCII bytes at a time, and the
 * precomposed Latin block passed without asking ICU, which must agree. */
/* Every code point of a range: ICU says it is a starter NFC keeps (what the
 * quick check assumes without asking), and mc_is_nfc passes it, alone and
 * after ASCII. */
static int quick_range_agrees(UChar32 from, UChar32 to)
{
    for (UChar32 ch = from; ch <= to; ch++) {
        char s[16] = "abc";
        int32_t n = 3;
        U8_APPEND_UNSAFE(s, n, ch);
        if (u_getCombiningClass(ch) != 0 ||
            u_getIntPropertyValue(ch, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
            !mc_is_nfc(s, (size_t)n) || !mc_is_nfc(s + 3, (size_t)n - 3))
            return 0;
    }
    return 1;
}

static void test_nfc_quick_paths(mc_check *c)
{
    CHECK(c, quick_range_agrees(0x80, 0x2FF));   /* two-byte letters */
    CHECK(c, quick_range_agrees(0x1E00, 0x1EFF)); /* Latin Extended Additional */
    /* ... but only whole and well-formed */
    CHECK(c, mc_is_nfc("\xC3\xA1\xE1\xBB\x87", 5));
    CHECK(c, !mc_is_nfc("\xC3", 1) && !mc_is_nfc("\xC3\x28", 2) && !mc_is_nfc("\xE1\xBB", 2));
    CHECK(c, !mc_is_nfc("\xE1\xBB\x28", 3) && !mc_is_nfc("\xC1\x81", 2));
    CHECK(c, !mc_is_nfc("a\xCC\x81", 3));        /* a + combining acute: not a starter */
    /* a decomposed letter after a long ASCII run is still composed */
    CHECK_FN(c, nfc, "0123456789abcdefa\xCC\x81", "0123456789abcdef\xC3\xA1");
    /* mc_is_nfc vouches only for well-formed text without NUL bytes */
    const char *vi = "Đăng ký khai sinh tại Ủy ban nhân dân phường";
    CHECK(c, mc_is_nfc(vi, strlen(vi)));
    CHECK(c, !mc_is_nfc("0123456789a\0bcdef", 17));
    CHECK(c, !mc_is_nfc("a\0", 2));
    CHECK(c, !mc_is_nfc("0123456789abcdef\xC0\xAF", 18));
    CHECK(c, !mc_is_nfc("ky\xCC\x81", 4));
    /* ạ (U+1EA1) then a combining circumflex: ậ (U+1EAD) */
    CHECK_FN(c, nfc, "0123456789\xE1\xBA\xA1\xCC\x82", "0123456789\xE1\xBA\xAD");
}

static void test_nfc_passthrough(mc_check *c)
{
    const char *s = "Thủ tục hành chính: Đăng ký kết hôn — 100% online";
    size_t len = 0;
    char *r = mc_nfc(s, strlen(s), &len, NULL);
    CHECK_STR(c, r, s);
    CHECK(c, r != s);
    CHECK(c, len == strlen(s));
    free(r);
    CHECK_FN(c, nfc, "", "");
    CHECK_FN(c, nfc, "plain ASCII", "plain ASCII");
    CHECK_FN(c, nfc, "中文 한국어 日本語", "中文 한국어 日本語");
}

static void test_nfc_not_nul_terminated(mc_check *c)
{
    const char buf[] = "abc" DANG_KY_NFD "XYZ";
    size_t len = 0;
    char *r = mc_nfc(buf + 3, strlen(DANG_KY_NFD), &len, NULL);
    CHECK_STR(c, r, DANG_KY_NFC);
    free(r);
}

static void test_nfc_hangul_jamo(mc_check *c)
{
    /* conjoining jamo U+1112 U+1161 U+11AB -> syllable 한 (U+D55C) */
    CHECK_FN(c, nfc, "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C");
}

static void test_nfc_invalid_utf8(mc_check *c)
{
    mc_diag d;
    mc_diag_clear(&d);
    char *r = mc_nfc("a\xCC", 2, NULL, &d);
    CHECK(c, r == NULL);
    CHECK(c, strstr(d.message, "UTF-8") != NULL);
    free(r);
    mc_diag_clear(&d);
    r = mc_fold("ab\xFF" "c", 4, NULL, &d);
    CHECK(c, r == NULL);
    CHECK(c, strstr(d.message, "byte 2") != NULL);
    free(r);
}

static void test_fold_d_stroke(mc_check *c)
{
    CHECK_FN(c, fold, "đ", "d");
    CHECK_FN(c, fold, "Đ", "d");
    CHECK_FN(c, fold, "Đăng ký", "dang ky");
    CHECK_FN(c, fold, "đường Đồng Khởi", "duong dong khoi");
}

static void test_fold_upper_case(mc_check *c)
{
    CHECK_FN(c, fold, "ĐĂNG KÝ KẾT HÔN", "dang ky ket hon");
    CHECK_FN(c, fold, "ƯỚC LƯỢNG ỞỞ ỴỶỸ", "uoc luong oo yyy");
}

static void test_fold_all_vietnamese_vowels(mc_check *c)
{
    CHECK_FN(c, fold, "aàảãáạ ăằẳẵắặ âầẩẫấậ", "aaaaaa aaaaaa aaaaaa");
    CHECK_FN(c, fold, "eèẻẽéẹ êềểễếệ", "eeeeee eeeeee");
    CHECK_FN(c, fold, "iìỉĩíị yỳỷỹýỵ", "iiiiii yyyyyy");
    CHECK_FN(c, fold, "oòỏõóọ ôồổỗốộ ơờởỡớợ", "oooooo oooooo oooooo");
    CHECK_FN(c, fold, "uùủũúụ ưừửữứự", "uuuuuu uuuuuu");
    CHECK_FN(c, fold, "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ", "aaaaaaaaaaaaaaaaaa");
    CHECK_FN(c, fold, "ƠỜỞỠỚỢƯỪỬỮỨỰ", "oooooouuuuuu");
}

static void test_fold_decomposed(mc_check *c)
{
    CHECK_FN(c, fold, DANG_KY_NFD, "dang ky");
    /* KẾT in NFD: E + circumflex + acute, uppercase */
    CHECK_FN(c, fold, "KE\xCC\x82\xCC\x81T HO\xCC\x82N", "ket hon");
    char *a = fold(DANG_KY_NFD), *b = fold(DANG_KY_NFC);
    CHECK_STR(c, a, b);
    free(a);
    free(b);
}

static void test_fold_mixed_ascii(mc_check *c)
{
    CHECK_FN(c, fold, "Hello World 123", "hello world 123");
    CHECK_FN(c, fold, "Nghị định 63/2010/NĐ-CP (sửa đổi)",
             "nghi dinh 63/2010/nd-cp (sua doi)");
    CHECK_FN(c, fold, "", "");
    size_t len = 99;
    char *r = mc_fold("ABC", 3, &len, NULL);
    CHECK_STR(c, r, "abc");
    CHECK(c, len == 3);
    free(r);
}

static void test_fold_other_latin(mc_check *c)
{
    CHECK_FN(c, fold, "Café Müller Señor", "cafe muller senor");
    CHECK_FN(c, fold, "ÉÜÑ Ç Å", "eun c a");
    CHECK_FN(c, fold, "Øresund Łódź Straße", "oresund lodz strasse");
    CHECK_FN(c, fold, "Ðức", "duc"); /* eth, as mistyped for Đ */
}

static void test_fold_other_scripts(mc_check *c)
{
    CHECK_FN(c, fold, "中文 ABC", "中文 abc");
    CHECK_FN(c, fold, "한국어", "한국어"); /* Hangul not cut into jamo */
    CHECK_FN(c, fold, "がぎ", "がぎ");     /* kana keep voicing marks */
    CHECK_FN(c, fold, "ΑΘΗΝΑ Ελλάδα", "αθηνα ελλαδα");
    CHECK_FN(c, fold, "МОСКВА Ёлка", "москва елка");
    /* decomposed kana: か + U+3099 must come out as NFC が */
    CHECK_FN(c, fold, "\xE3\x81\x8B\xE3\x82\x99", "が");
}

static void test_fold_keeps_punctuation(mc_check *c)
{
    CHECK_FN(c, fold, "  Thủ tục: Đăng ký (mới)!! ", "  thu tuc: dang ky (moi)!! ");
    CHECK_FN(c, fold, "“Ồ” – …", "“o” – …");
}

static void test_slug_basic(mc_check *c)
{
    CHECK_FN(c, slug, "Đẩy mạnh công tác cải cách thủ tục hành chính",
             "day-manh-cong-tac-cai-cach-thu-tuc-hanh-chinh");
    CHECK_FN(c, slug, "  Thủ tục: Đăng ký (mới)!! ", "thu-tuc-dang-ky-moi");
    CHECK_FN(c, slug, "ĐĂNG KÝ KẾT HÔN", "dang-ky-ket-hon");
}

static void test_slug_decomposed(mc_check *c)
{
    /* Đẩy mạnh: ẩ = a + circumflex + hook above; ạ = a + dot below */
    CHECK_FN(c, slug, "\xC4\x90" "a\xCC\x82\xCC\x89y ma\xCC\xA3nh", "day-manh");
    CHECK_FN(c, slug, DANG_KY_NFD, "dang-ky");
}

static void test_slug_digits(mc_check *c)
{
    CHECK_FN(c, slug, "Nghị định 63/2010", "nghi-dinh-63-2010");
    CHECK_FN(c, slug, "Điều 5, khoản 2", "dieu-5-khoan-2");
    CHECK_FN(c, slug, "2024", "2024");
}

static void test_slug_separators(mc_check *c)
{
    CHECK_FN(c, slug, "a  --  b", "a-b");
    CHECK_FN(c, slug, "a\t\n_b...c", "a-b-c");
    CHECK_FN(c, slug, "---Mẫu đơn---", "mau-don");
    CHECK_FN(c, slug, "«Hồ sơ»", "ho-so");
    CHECK_FN(c, slug, "Tỉnh 中文 Bình", "tinh-binh"); /* CJK dropped */
}

static void test_slug_empty(mc_check *c)
{
    CHECK_FN(c, slug, "", "");
    CHECK_FN(c, slug, "!!! --- ???", "");
    CHECK_FN(c, slug, "   ", "");
    CHECK_FN(c, slug, "中文", "");
}

static void test_lower_vietnamese(mc_check *c)
{
    const char *in[] = {"ĐĂNG KÝ KẾT HÔN", "Đa\xCC\x86NG KY\xCC\x81", "ỨNG Ở Ỷ", "Cà hơn",
                        "1.001193.000.00.00.H42", ""};
    const char *want[] = {"đăng ký kết hôn", "đăng ký", "ứng ở ỷ", "cà hơn", "1.001193.000.00.00.h42", ""};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        size_t n = 99;
        char *got = mc_lower(in[i], strlen(in[i]), &n, NULL);
        CHECK_STR(c, got, want[i]);
        CHECK(c, got && n == strlen(want[i]));
        free(got);
    }
    mc_diag d;
    mc_diag_clear(&d);
    CHECK(c, mc_lower("a\xff", 2, NULL, &d) == NULL && strstr(d.message, "UTF-8"));
}

static void test_sentence_length(mc_check *c)
{
    const char *in[] = {"A lô, a lô! Đây là Đài truyền thanh {ward}. Đài xin thông báo:",
                        "Đây là Đài truyền thanh {ward}. Đài xin thông báo:",
                        "Đài truyền thanh TP. Huế xin thông báo. Hết.",
                        "Đài truyền thanh UBND. Hết.", "Có bão? Hãy ở nhà.", "Nhiệt độ 3.5 độ. Hết.",
                        "Chờ... Hết.", "Một câu.\nHai câu.", "Không dấu chấm", "Dấu chấm cuối.", ""};
    const char *want[] = {"A lô, a lô!", "Đây là Đài truyền thanh {ward}.",
                          "Đài truyền thanh TP. Huế xin thông báo.", "Đài truyền thanh UBND. Hết.",
                          "Có bão?", "Nhiệt độ 3.5 độ.", "Chờ...", "Một câu.", "Không dấu chấm",
                          "Dấu chấm cuối.", ""};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        size_t n = mc_sentence_length(in[i]);
        CHECK(c, n == strlen(want[i]) && !strncmp(in[i], want[i], n));
        if (n != strlen(want[i])) fprintf(stderr, "  sentence of '%s': %zu bytes\n", in[i], n);
    }
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_nfc_decomposed_dang_ky);
    RUN(&c, test_nfc_stacked_marks);
    RUN(&c, test_nfc_passthrough);
    RUN(&c, test_nfc_quick_paths);
    RUN(&c, test_nfc_not_nul_terminated);
    RUN(&c, test_nfc_hangul_jamo);
    RUN(&c, test_nfc_invalid_utf8);
    RUN(&c, test_lower_vietnamese);
    RUN(&c, test_fold_d_stroke);
    RUN(&c, test_fold_upper_case);
    RUN(&c, test_fold_all_vietnamese_vowels);
    RUN(&c, test_fold_decomposed);
    RUN(&c, test_fold_mixed_ascii);
    RUN(&c, test_fold_other_latin);
    RUN(&c, test_fold_other_scripts);
    RUN(&c, test_fold_keeps_punctuation);
    RUN(&c, test_slug_basic);
    RUN(&c, test_slug_decomposed);
    RUN(&c, test_slug_digits);
    RUN(&c, test_slug_separators);
    RUN(&c, test_slug_empty);
    RUN(&c, test_sentence_length);
    return check_finish(&c);
}
