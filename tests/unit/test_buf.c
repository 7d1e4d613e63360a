/* test_buf.c — unit tests of lib/buf.h, the project's byte buffer: appends
 * of every kind, growth far past the first allocation, words, printf,
 * truncation, direct writes after a reserve, and taking the bytes. */
#include "buf.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>

static void test_empty_take_is_empty_string(mc_check *c)
{
    mc_buf b = MC_BUF_INIT;
    CHECK(c, mc_buf_last(&b) == 0);
    size_t n = 7;
    char *s = mc_buf_take(&b, &n);
    CHECK_STR(c, s, "");
    CHECK(c, n == 0 && b.s == NULL && b.len == 0);
    free(s);
}

static void test_appends_and_growth(mc_check *c)
{
    mc_buf b;
    mc_buf_init(&b);
    mc_buf_adds(&b, "Đăng ");
    mc_buf_adds(&b, NULL);
    mc_buf_add(&b, "ký kết", strlen("ký"));
    mc_buf_addc(&b, '!');
    CHECK_STR(c, b.s, "Đăng ký!");
    CHECK(c, mc_buf_last(&b) == '!' && b.len == strlen("Đăng ký!"));
    for (int i = 0; i < 10000; i++) mc_buf_add(&b, "0123456789", 10);
    CHECK(c, b.len == strlen("Đăng ký!") + 100000 && b.s[b.len] == '\0' && !b.oom);
    CHECK(c, !memcmp(b.s + b.len - 10, "0123456789", 10));
    mc_buf_truncate(&b, 4);
    CHECK_STR(c, b.s, "Đă");
    mc_buf_truncate(&b, 100);   /* longer than the text: nothing changes */
    CHECK(c, b.len == 4);
    mc_buf_free(&b);
    CHECK(c, b.s == NULL && b.len == 0 && b.cap == 0);
}

static void test_printf(mc_check *c)
{
    mc_buf b = MC_BUF_INIT;
    mc_buf_printf(&b, "%d trang, %s", 42, "xong");
    CHECK_STR(c, b.s, "42 trang, xong");
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mc_buf_printf(&b, "[%s]", big);   /* past the capacity: grows and writes again */
    CHECK(c, b.len == strlen("42 trang, xong") + 3001 && b.s[b.len - 1] == ']' && b.s[14] == '[');
    size_t n = 0;
    char *s = mc_buf_take(&b, &n);
    CHECK(c, s && n == strlen(s) && b.s == NULL);
    free(s);
}

static void test_words(mc_check *c)
{
    mc_buf b = MC_BUF_INIT;
    mc_buf_word(&b, "một");
    mc_buf_word(&b, "hai ba");
    mc_buf_wordn(&b, "bốn năm", strlen("bốn"));
    mc_buf_word(&b, "");
    mc_buf_addc(&b, '\n');
    mc_buf_word(&b, "sáu");
    CHECK_STR(c, b.s, "một hai ba bốn\nsáu");
    mc_buf_free(&b);
}

static void test_reserve_then_write(mc_check *c)
{
    mc_buf b = MC_BUF_INIT;
    mc_buf_adds(&b, "ab");
    CHECK(c, mc_buf_reserve(&b, 500) == 0 && b.cap - b.len > 500);
    memset(b.s + b.len, 'c', 500);
    b.len += 500;
    b.s[b.len] = '\0';
    CHECK(c, strlen(b.s) == 502 && b.s[2] == 'c');
    mc_buf_free(&b);
}

static void test_failed_allocation_sticks(mc_check *c)
{
    mc_buf b = MC_BUF_INIT;
    mc_buf_adds(&b, "abc");
    CHECK(c, mc_buf_reserve(&b, (size_t)-1 / 2) == -1 && b.oom);
    mc_buf_adds(&b, "def");   /* a no-op once an allocation failed */
    CHECK(c, b.len == 3);
    CHECK(c, mc_buf_take(&b, NULL) == NULL && b.s == NULL && !b.oom);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_empty_take_is_empty_string);
    RUN(&c, test_appends_and_growth);
    RUN(&c, test_printf);
    RUN(&c, test_words);
    RUN(&c, test_reserve_then_write);
    RUN(&c, test_failed_allocation_sticks);
    return check_finish(&c);
}
