/* utf8.c — UTF-8 validation with line/column reporting (see utf8.h).
 * Walks the bytes with ICU's U8_NEXT, which returns a negative code point for
 * any ill-formed sequence (overlong forms, surrogates, truncation).
 * A first pass only validates, eight ASCII bytes at a time; the line and
 * column of a problem are counted by a second pass, run only when there is
 * one. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>
#include <unicode/utf8.h>

/* 1 when none of the eight bytes has its high bit set or is zero. */
static int ascii_nonzero8(const uint8_t *b)
{
    uint64_t v;
    memcpy(&v, b, 8);
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    return (v & high) == 0 && ((v - ones) & ~v & high) == 0;
}

/* 1 when s[0..n) is well-formed UTF-8 without NUL bytes. */
static int utf8_valid(const uint8_t *b, int32_t len)
{
    int32_t i = 0;
    while (i < len) {
        if (i + 8 <= len && ascii_nonzero8(b + i)) {
            i += 8;
            continue;
        }
        UChar32 c;
        U8_NEXT(b, i, len, c);
        if (c <= 0) return 0;
    }
    return 1;
}

int mc_utf8_check(const char *s, size_t n, const char *file, int first_line,
                  mc_diag *d)
{
    const uint8_t *b = (const uint8_t *)s;
    int32_t i = 0, len = (int32_t)n;
    int line = first_line > 0 ? first_line : 1, col = 1;
    if (n > INT32_MAX)
        return mc_diag_set(d, file, 0, 0, "file is larger than 2 GB; split it");
    if (utf8_valid(b, len)) return 0;
    while (i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(b, i, len, c);
        if (c < 0)
            return mc_diag_set(d, file, line, col,
                               "invalid UTF-8 byte 0x%02X; save the file as UTF-8 "
                               "(in Word: Save As, Plain Text, Unicode UTF-8)",
                               b[start]);
        if (c == 0)
            return mc_diag_set(d, file, line, col,
                               "NUL byte in text; this is not a text file, or it "
                               "was saved as UTF-16: save it as UTF-8");
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    return 0;
}
