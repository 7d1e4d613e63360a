/* normalize_text.c — the ICU case helpers of the normaliser (its buffer,
 * NFC and lower case are lib's: buf.h, text.h). Nothing here knows
 * Vietnamese letters by hand.
 */
#include "normalize_text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

void loa_upper_first(mc_buf *b, size_t from)
{
    while (from < b->len && (b->s[from] == ' ' || b->s[from] == '\n'))
        from++;
    if (b->oom || from >= b->len)
        return;
    int32_t i = 0, len = (int32_t)(b->len - from);
    UChar32 c;
    U8_NEXT((const uint8_t *)b->s + from, i, len, c);
    UChar32 up = u_toupper(c);
    if (c < 0 || up == c)
        return;
    uint8_t enc[U8_MAX_LENGTH];
    int32_t elen = 0;
    UBool bad = 0;
    U8_APPEND((uint8_t *)enc, elen, U8_MAX_LENGTH, up, bad);
    if (bad)
        return;
    if (elen != i) {
        if (mc_buf_reserve(b, (size_t)U8_MAX_LENGTH) != 0)
            return;
        memmove(b->s + from + elen, b->s + from + i, b->len - from - (size_t)i + 1);
        b->len = b->len - (size_t)i + (size_t)elen;
    }
    memcpy(b->s + from, enc, (size_t)elen);
}

int loa_starts_upper(const char *s, size_t n)
{
    int32_t i = 0;
    UChar32 c;
    if (n == 0)
        return 0;
    U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
    return c >= 0 && u_isupper(c);
}

int loa_all_upper(const char *s, size_t n)
{
    int32_t i = 0, len = (int32_t)n;
    int letters = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, len, c);
        if (c < 0)
            return 0;
        if (u_islower(c))
            return 0;
        if (u_isalpha(c))
            letters++;
    }
    return letters > 0;
}
