/* test_syllables.c — splitting text into syllables and their forms
 * (generator/syllables.h): đ and Đ, decomposed input, upper case,
 * punctuation, numbers, amounts and procedure codes. */
#include "syllables.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>

static char *folded(const char *s)
{
    mc_diag d;
    return mc_syllables_folded(s, strlen(s), &d);
}

#define CHECK_FOLDED(c, in, want) do { char *got_ = folded(in); CHECK_STR(c, got_, want); free(got_); } while (0)

static void test_vietnamese_words(mc_check *c)
{
    CHECK_FOLDED(c, "Đăng ký khai sinh", "dang ky khai sinh");
    CHECK_FOLDED(c, "Chứng thực bản sao từ bản chính", "chung thuc ban sao tu ban chinh");
    CHECK_FOLDED(c, "người dân được lợi gì", "nguoi dan duoc loi gi");
}

static void test_d_with_stroke(mc_check *c)
{
    CHECK_FOLDED(c, "đường Đinh Tiên Hoàng", "duong dinh tien hoang");
    CHECK_FOLDED(c, "ĐĐ đđ", "dd dd");
}

static void test_upper_case(mc_check *c)
{
    CHECK_FOLDED(c, "ĐĂNG KÝ KẾT HÔN", "dang ky ket hon");
    CHECK_FOLDED(c, "THỦ TỤC HÀNH CHÍNH", "thu tuc hanh chinh");
}

static void test_decomposed(mc_check *c)
{
    /* a + U+0306 (breve), y + U+0301 (acute), e + U+0302 + U+0301 */
    CHECK_FOLDED(c, "Đa\xCC\x86ng ky\xCC\x81 ke\xCC\x82\xCC\x81t", "dang ky ket");
}

static void test_punctuation(mc_check *c)
{
    CHECK_FOLDED(c, "Thủ tục: đăng-ký (mới)!! «hộ tịch»…", "thu tuc dang ky moi ho tich");
    CHECK_FOLDED(c, "  \t\n ,.;:!? ", "");
    CHECK_FOLDED(c, "", "");
    CHECK_FOLDED(c, "a.b c,d e/f", "a b c d e f");
}

static void test_numbers_and_codes(mc_check *c)
{
    CHECK_FOLDED(c, "Mã 1.001193.000.00.00.H42, phí 8.000 đồng",
                 "ma 1.001193.000.00.00.h42 phi 8.000 dong");
    CHECK_FOLDED(c, "Nghị định 63/2010/NĐ-CP", "nghi dinh 63 2010 nd cp");
    CHECK_FOLDED(c, "năm 2025. Tiếp theo", "nam 2025 tiep theo");
    CHECK_FOLDED(c, "v1.2 hết 3.", "v1.2 het 3");
    CHECK_FOLDED(c, "60 ngày, 15 giờ", "60 ngay 15 gio");
}

typedef struct collect {
    char words[8][32];
    int n, stop_after;
} collect;

static int collect_one(void *ctx, const char *s, size_t len)
{
    collect *k = ctx;
    if (k->n < 8 && len < 32) { memcpy(k->words[k->n], s, len); k->words[k->n][len] = '\0'; }
    k->n++;
    return k->stop_after && k->n >= k->stop_after ? 7 : 0;
}

static void test_slices_keep_the_original(mc_check *c)
{
    collect k = {0};
    const char *text = "ĐĂNG ký, Đa\xCC\x86ng";
    CHECK(c, mc_syllables_each(text, strlen(text), collect_one, &k) == 0);
    CHECK(c, k.n == 3);
    CHECK_STR(c, k.words[0], "ĐĂNG");
    CHECK_STR(c, k.words[1], "ký");
    CHECK_STR(c, k.words[2], "Đa\xCC\x86ng");
    collect stop = {.stop_after = 2};
    CHECK(c, mc_syllables_each("một hai ba bốn", strlen("một hai ba bốn"), collect_one, &stop) == 7);
    CHECK(c, stop.n == 2);
}

static void test_other_scripts(mc_check *c)
{
    CHECK_FOLDED(c, "Café Ölçü", "cafe olcu");
    CHECK_FOLDED(c, "越南 ٣", "越南 ٣");
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_vietnamese_words);
    RUN(&c, test_d_with_stroke);
    RUN(&c, test_upper_case);
    RUN(&c, test_decomposed);
    RUN(&c, test_punctuation);
    RUN(&c, test_numbers_and_codes);
    RUN(&c, test_slices_keep_the_original);
    RUN(&c, test_other_scripts);
    return check_finish(&c);
}
