/* numbers.c — Vietnamese number words.
 *
 * Design: a number is read in blocks of three digits (say_group), below a
 * billion by triệu/nghìn blocks (say_below_billion), and above by recursion
 * on "tỷ", so 10^12 is "một nghìn tỷ" with no table of large names. The
 * spoken exceptions (mốt, tư, lăm, linh/lẻ) are decided where the digit is
 * read, not patched afterwards. Numeral syntax (signs, thousands dots,
 * decimal comma) is parsed here too, so every rule that contains a number —
 * money, percent, units, ranges — reads it the same way.
 */
#include "numbers.h"

#include <stdlib.h>
#include <string.h>

static const char *const DIGIT_WORD[10] = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Units digit after a tens word ("mười"/"X mươi"). */
static const char *unit_after_tens(int tens, int unit)
{
    if (unit == 5)
        return "lăm";
    if (tens >= 2 && unit == 1)
        return "mốt";
    if (tens >= 2 && unit == 4)
        return "tư";
    return DIGIT_WORD[unit];
}

/* g in 0..999; full: say "không trăm" / "linh" as inside a larger number. */
static void say_group(mc_buf *b, int g, int full, loa_style style)
{
    int h = g / 100, t = (g / 10) % 10, u = g % 10;
    int has_hundreds = full || h > 0;
    if (has_hundreds) {
        mc_buf_word(b, DIGIT_WORD[h]);
        mc_buf_word(b, "trăm");
    }
    if (t == 0) {
        if (u == 0)
            return;
        if (has_hundreds) {
            mc_buf_word(b, style == LOA_SOUTH ? "lẻ" : "linh");
            mc_buf_word(b, u == 4 ? "tư" : DIGIT_WORD[u]);
        } else {
            mc_buf_word(b, DIGIT_WORD[u]);
        }
        return;
    }
    if (t == 1) {
        mc_buf_word(b, "mười");
    } else {
        mc_buf_word(b, DIGIT_WORD[t]);
        mc_buf_word(b, "mươi");
    }
    if (u)
        mc_buf_word(b, unit_after_tens(t, u));
}

/* n < 10^9; leading: nothing was said before (no "không trăm" in front). */
static void say_below_billion(mc_buf *b, unsigned long long n, int leading,
                              loa_style style)
{
    int groups[3] = {(int)(n / 1000000), (int)(n / 1000 % 1000), (int)(n % 1000)};
    const char *names[3] = {"triệu", style == LOA_SOUTH ? "ngàn" : "nghìn", NULL};
    int started = !leading;
    for (int i = 0; i < 3; i++) {
        if (groups[i] == 0)
            continue;
        say_group(b, groups[i], started, style);
        if (names[i])
            mc_buf_word(b, names[i]);
        started = 1;
    }
}

static void say_number_from(mc_buf *b, unsigned long long n, int leading,
                            loa_style style)
{
    const unsigned long long billion = 1000000000ULL;
    if (n >= billion) {
        say_number_from(b, n / billion, leading, style);
        mc_buf_word(b, "tỷ");
        if (n % billion)
            say_below_billion(b, n % billion, 0, style);
        return;
    }
    say_below_billion(b, n, leading, style);
}

void loa_say_number(mc_buf *b, unsigned long long n, loa_style style)
{
    if (n == 0) {
        mc_buf_word(b, DIGIT_WORD[0]);
        return;
    }
    say_number_from(b, n, 1, style);
}

char *loa_read_number(long long n, loa_style style)
{
    mc_buf b;
    mc_buf_init(&b);
    unsigned long long mag = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    if (n < 0)
        mc_buf_word(&b, "âm");
    loa_say_number(&b, mag, style);
    return mc_buf_take(&b, NULL);
}

void loa_say_digits(mc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            mc_buf_word(b, DIGIT_WORD[s[i] - '0']);
}

void loa_say_ordinal(mc_buf *b, unsigned long long n, loa_style style)
{
    if (n == 1)
        mc_buf_word(b, "nhất");
    else if (n == 4)
        mc_buf_word(b, "tư");
    else
        loa_say_number(b, n, style);
}

int loa_parse_uint(const char *s, size_t n, unsigned long long *v)
{
    if (n == 0 || n > 18)
        return 0;
    unsigned long long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
        x = x * 10 + (unsigned long long)(s[i] - '0');
    }
    *v = x;
    return 1;
}

size_t loa_digit_run(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && is_digit(s[j]))
        j++;
    return j - i;
}

/* Length of a sign at s (0 if none): '+', '-', or U+2212 MINUS SIGN. */
static size_t sign_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == '+' || s[0] == '-'))
        return 1;
    if (n >= 3 && memcmp(s, "\xe2\x88\x92", 3) == 0)
        return 3;
    return 0;
}

/* Integer part: digits, or 1-3 digits then (".ddd")+. Returns its length. */
static size_t integer_part(const char *s, size_t n, size_t i)
{
    size_t first = loa_digit_run(s, n, i);
    if (first == 0)
        return 0;
    size_t j = i + first;
    if (first > 3 || j >= n || s[j] != '.')
        return first;
    size_t k = j;
    while (k < n && s[k] == '.' && loa_digit_run(s, n, k + 1) == 3 &&
           !(k + 4 < n && is_digit(s[k + 4])))
        k += 4;
    if (k == j)
        return first;
    /* "1.5.3" style leftovers make it not a thousands number. */
    if (k < n && s[k] == '.' && k + 1 < n && is_digit(s[k + 1]))
        return first;
    return k - i;
}

size_t loa_numeral_prefix(const char *s, size_t n)
{
    size_t i = sign_len(s, n);
    size_t ip = integer_part(s, n, i);
    if (ip == 0)
        return 0;
    i += ip;
    if (i + 1 < n && s[i] == ',' && is_digit(s[i + 1]))
        i += 1 + loa_digit_run(s, n, i + 1);
    return i;
}

/* Append the integer written as s[0..n) (digits and thousands dots). */
static void say_integer_text(mc_buf *b, const char *s, size_t n, loa_style style)
{
    char digits[64];
    size_t nd = 0;
    for (size_t i = 0; i < n && nd < sizeof digits; i++)
        if (is_digit(s[i]))
            digits[nd++] = s[i];
    size_t start = 0;
    while (start + 1 < nd && digits[start] == '0')
        start++;
    unsigned long long v;
    if (nd < sizeof digits && loa_parse_uint(digits + start, nd - start, &v))
        loa_say_number(b, v, style);
    else
        loa_say_digits(b, s, n);
}

int loa_say_numeral(mc_buf *b, const char *s, size_t n, loa_style style)
{
    if (n == 0 || loa_numeral_prefix(s, n) != n)
        return 0;
    size_t i = sign_len(s, n);
    if (i > 0 && s[0] != '+')
        mc_buf_word(b, "âm");
    else if (i > 0)
        mc_buf_word(b, "cộng");
    size_t ip = integer_part(s, n, i);
    say_integer_text(b, s + i, ip, style);
    i += ip;
    if (i < n) { /* ",ddd" */
        mc_buf_word(b, "phẩy");
        /* two decimals read as a number (1,65 → "sáu mươi lăm"), as
         * announcers say them; a leading zero or more digits one by one */
        if (n - i - 1 == 2 && s[i + 1] != '0')
            say_integer_text(b, s + i + 1, 2, style);
        else
            loa_say_digits(b, s + i + 1, n - i - 1);
    }
    return 1;
}

static int roman_digit(char c)
{
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
    }
}

/* Canonical Roman form of v (1..3999) into out (at least 16 bytes). */
static void roman_format(int v, char *out)
{
    static const int val[13] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const sym[13] = {"M", "CM", "D", "CD", "C", "XC", "L",
                                        "XL", "X", "IX", "V", "IV", "I"};
    out[0] = '\0';
    for (int i = 0; i < 13; i++)
        while (v >= val[i]) {
            strcat(out, sym[i]);
            v -= val[i];
        }
}

int loa_roman_value(const char *s, size_t n)
{
    if (n == 0 || n > 15)
        return 0;
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        int v = roman_digit(s[i]);
        if (!v)
            return 0;
        int next = i + 1 < n ? roman_digit(s[i + 1]) : 0;
        total += next > v ? -v : v;
    }
    if (total <= 0 || total > 3999)
        return 0;
    char canon[32];
    roman_format(total, canon);
    return strlen(canon) == n && memcmp(canon, s, n) == 0 ? total : 0;
}

int loa_style_parse(const char *s, loa_style *out)
{
    static const struct { const char *name; loa_style style; } STYLES[] = {
        {"north", LOA_NORTH}, {"south", LOA_SOUTH}};
    for (size_t i = 0; s && i < sizeof STYLES / sizeof STYLES[0]; i++)
        if (!strcmp(s, STYLES[i].name)) {
            *out = STYLES[i].style;
            return 0;
        }
    return -1;
}
