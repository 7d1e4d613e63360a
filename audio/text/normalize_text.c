/* normalize_text.c — output buffer and ICU helpers for the normaliser.
 *
 * Design: the buffer grows by doubling, so building the spoken text is linear
 * in its length. Unicode work (NFC, case) is ICU's: text goes UTF-8 → UTF-16
 * → ICU → UTF-8; nothing here knows Vietnamese letters by hand.
 */
#include "normalize_text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

void loa_buf_init(loa_buf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void loa_buf_free(loa_buf *b)
{
    free(b->s);
    loa_buf_init(b);
}

static int buf_reserve(loa_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void loa_buf_add(loa_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void loa_buf_adds(loa_buf *b, const char *s)
{
    loa_buf_add(b, s, strlen(s));
}

void loa_buf_addc(loa_buf *b, char c)
{
    loa_buf_add(b, &c, 1);
}

char loa_buf_last(const loa_buf *b)
{
    return b->len ? b->s[b->len - 1] : 0;
}

void loa_buf_wordn(loa_buf *b, const char *w, size_t n)
{
    if (n == 0)
        return;
    char last = loa_buf_last(b);
    if (last && last != ' ' && last != '\n')
        loa_buf_addc(b, ' ');
    loa_buf_add(b, w, n);
}

void loa_buf_word(loa_buf *b, const char *w)
{
    loa_buf_wordn(b, w, strlen(w));
}

char *loa_buf_take(loa_buf *b)
{
    if (b->oom) {
        loa_buf_free(b);
        return NULL;
    }
    char *s = b->s ? b->s : calloc(1, 1);
    loa_buf_init(b);
    return s;
}

/* UTF-8 → freshly allocated UTF-16; *out_len gets its length. */
static UChar *to_utf16(const char *s, size_t n, int32_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(NULL, 0, &len, s, (int32_t)n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    UChar *u = malloc(((size_t)len + 1) * sizeof *u);
    if (!u)
        return NULL;
    err = U_ZERO_ERROR;
    u_strFromUTF8(u, len + 1, NULL, s, (int32_t)n, &err);
    if (U_FAILURE(err)) {
        free(u);
        return NULL;
    }
    *out_len = len;
    return u;
}

static char *to_utf8(const UChar *u, int32_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(NULL, 0, &len, u, n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    char *s = malloc((size_t)len + 1);
    if (!s)
        return NULL;
    err = U_ZERO_ERROR;
    u_strToUTF8(s, len + 1, NULL, u, n, &err);
    if (U_FAILURE(err)) {
        free(s);
        return NULL;
    }
    s[len] = '\0';
    return s;
}

char *loa_nfc(const char *s, size_t n, mc_diag *d)
{
    if (n > 0x3fffffff) {
        mc_diag_set(d, NULL, 0, 0, "text too long (%zu bytes)", n);
        return NULL;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t ulen = 0;
    UChar *u = U_SUCCESS(err) ? to_utf16(s, n, &ulen) : NULL;
    if (!u) {
        mc_diag_set(d, NULL, 0, 0, "cannot convert text for NFC (ICU: %s)",
                    u_errorName(err));
        return NULL;
    }
    int32_t cap = ulen * 3 + 16;
    UChar *norm = malloc((size_t)cap * sizeof *norm);
    char *out = NULL;
    if (norm) {
        int32_t nlen = unorm2_normalize(nfc, u, ulen, norm, cap, &err);
        if (U_SUCCESS(err))
            out = to_utf8(norm, nlen);
    }
    free(u);
    free(norm);
    if (!out)
        mc_diag_set(d, NULL, 0, 0, "cannot normalise text to NFC (ICU: %s)",
                    u_errorName(err));
    return out;
}

char *loa_lower(const char *s, size_t n)
{
    int32_t ulen = 0;
    UChar *u = to_utf16(s, n, &ulen);
    if (!u)
        return NULL;
    UErrorCode err = U_ZERO_ERROR;
    int32_t cap = ulen * 2 + 8;
    UChar *low = malloc((size_t)cap * sizeof *low);
    char *out = NULL;
    if (low) {
        int32_t llen = u_strToLower(low, cap, u, ulen, "vi", &err);
        if (U_SUCCESS(err))
            out = to_utf8(low, llen);
    }
    free(u);
    free(low);
    return out;
}

void loa_upper_first(loa_buf *b, size_t from)
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
        if (buf_reserve(b, (size_t)U8_MAX_LENGTH) != 0)
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
