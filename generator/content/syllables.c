/* syllables.c — syllable splitting and forms (see syllables.h).
 *
 * One pass over the code points with ICU's U8_NEXT. ASCII is classified
 * inline (the common case even in Vietnamese text: most letters are ASCII);
 * other code points by general category (L*, M*, N* are syllable
 * characters). The '.' rule looks one code point back and one ahead.
 */
#include "syllables.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static int is_syllable_char(UChar32 c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

static int is_digit_char(UChar32 c)
{
    if (c < 0x80) return c >= '0' && c <= '9';
    return (U_GET_GC_MASK(c) & U_GC_N_MASK) != 0;
}

/* Does the '.' at byte i (the syllable's previous code point being prev)
 * join the syllable? Only between a digit and a letter or digit. */
static int dot_joins(const uint8_t *b, int32_t i, int32_t len, UChar32 prev)
{
    if (!is_digit_char(prev) || i + 1 >= len) return 0;
    int32_t j = i + 1;
    UChar32 next;
    U8_NEXT(b, j, len, next);
    return next >= 0 && is_syllable_char(next) &&
           !(U_GET_GC_MASK(next) & U_GC_M_MASK);
}

int mc_syllables_each(const char *text, size_t n, mc_syllable_fn fn, void *ctx)
{
    const uint8_t *b = (const uint8_t *)text;
    int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
    int32_t i = 0, start = -1;
    UChar32 prev = 0;
    while (i < len) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(b, i, len, c);
        int inside = c >= 0 && is_syllable_char(c);
        if (!inside && c == '.' && start >= 0 && dot_joins(b, at, len, prev)) inside = 1;
        if (inside && start < 0) start = at;
        if (!inside && start >= 0) {
            int r = fn(ctx, text + start, (size_t)(at - start));
            if (r) return r;
            start = -1;
        }
        prev = c;
    }
    if (start >= 0) return fn(ctx, text + start, (size_t)(len - start));
    return 0;
}

typedef struct join_ctx {
    char *buf;
    size_t len, cap;
    mc_diag *d;
} join_ctx;

static int join_folded(void *ctx, const char *s, size_t n)
{
    join_ctx *j = ctx;
    size_t fl;
    char *f = mc_fold(s, n, &fl, j->d);
    if (!f) return -1;
    if (j->len + fl + 2 > j->cap) {
        size_t cap = (j->len + fl + 2) * 2;
        char *grown = realloc(j->buf, cap);
        if (!grown) { free(f); mc_diag_set(j->d, NULL, 0, 0, "out of memory"); return -1; }
        j->buf = grown;
        j->cap = cap;
    }
    if (j->len) j->buf[j->len++] = ' ';
    memcpy(j->buf + j->len, f, fl);
    j->len += fl;
    j->buf[j->len] = '\0';
    free(f);
    return 0;
}

char *mc_syllables_folded(const char *text, size_t n, mc_diag *d)
{
    join_ctx j = {NULL, 0, 0, d};
    if (mc_syllables_each(text, n, join_folded, &j) != 0) { free(j.buf); return NULL; }
    if (!j.buf) {
        j.buf = calloc(1, 1);
        if (!j.buf) mc_diag_set(d, NULL, 0, 0, "out of memory");
    }
    return j.buf;
}
