/* utf8.c — UTF-8 validation with line/column reporting (see utf8.h).
 * Walks the bytes with ICU's U8_NEXT, which returns a negative code point for
 * any ill-formed sequence (overlong forms, surrogates, truncation). */
#include "utf8.h"

#include <stdint.h>
#include <unicode/utf8.h>

int mc_utf8_check(const char *s, size_t n, const char *file, int first_line,
                  mc_diag *d)
{
    const uint8_t *b = (const uint8_t *)s;
    int32_t i = 0, len = (int32_t)n;
    int line = first_line > 0 ? first_line : 1, col = 1;
    if (n > INT32_MAX)
        return mc_diag_set(d, file, 0, 0, "file is larger than 2 GB; split it");
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

int mc_line_of_offset(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && s[i]; i++)
        if (s[i] == '\n') line++;
    return line;
}
