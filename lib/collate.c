/* collate.c — Vietnamese collation and A–Z heading letters (see collate.h).
 *
 * Design
 *  - mc_collator wraps one UCollator from ucol_open(locale), with
 *    normalisation checking switched on so decomposed text collates like
 *    precomposed text. The CLDR "vi" rules give the Vietnamese alphabet
 *    (Ă Â after A, Đ after D, ...) and tones as secondary differences.
 *  - mc_collate compares UTF-8 directly with ucol_strcollUTF8.
 *  - Sorting many items uses sort keys: one ucol_getSortKey per item (via a
 *    UTF-16 copy, on the stack for titles up to 256 units), then qsort on
 *    (key, original index) with strcmp, which makes the sort stable, and a
 *    final permutation of the caller's array through a scratch copy.
 *  - mc_initial_letter takes the first letter plus its combining marks,
 *    decomposes it (NFD), drops the five Vietnamese tone marks (grave, hook
 *    above, tilde, acute, dot below), keeps vowel marks (breve, circumflex,
 *    horn), uppercases the base and recomposes (NFC). Fixed-size buffers:
 *    one letter never needs more.
 *  - No mutable global state; the collator is only read after creation.
 */
#include "collate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

struct mc_collator {
    UCollator *col;
};

/* ---- collator -------------------------------------------------------- */

mc_collator *mc_collator_new(const char *locale, mc_diag *d)
{
    if (!locale || !*locale) locale = "vi";
    UErrorCode e = U_ZERO_ERROR;
    UCollator *col = ucol_open(locale, &e);
    if (U_SUCCESS(e)) ucol_setAttribute(col, UCOL_NORMALIZATION_MODE, UCOL_ON, &e);
    if (U_FAILURE(e)) {
        ucol_close(col);
        mc_diag_set(d, NULL, 0, 0, "cannot open the collator for locale '%s' (%s)",
                    locale, u_errorName(e));
        return NULL;
    }
    mc_collator *c = malloc(sizeof *c);
    if (!c) {
        ucol_close(col);
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    c->col = col;
    return c;
}

void mc_collator_free(mc_collator *c)
{
    if (!c) return;
    ucol_close(c->col);
    free(c);
}

int mc_collate(const mc_collator *c, const char *a, const char *b)
{
    UErrorCode e = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(c->col, a, -1, b, -1, &e);
    if (U_FAILURE(e)) return strcmp(a, b); /* cannot happen for valid UTF-8 */
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/* ---- sort keys ------------------------------------------------------- */

/* Sort key of the UTF-16 text u[0..ulen) as a new NUL-terminated string. */
static char *key16(const UCollator *col, const UChar *u, int32_t ulen,
                   size_t *out_len)
{
    int32_t cap = ulen * 4 + 32;
    for (int tries = 0; tries < 2; tries++) {
        uint8_t *k = malloc((size_t)cap);
        if (!k) return NULL;
        int32_t len = ucol_getSortKey(col, u, ulen, k, cap);
        if (len > 0 && len <= cap) { /* len counts the final 0 byte */
            if (out_len) *out_len = (size_t)len - 1;
            return (char *)k;
        }
        free(k);
        if (len <= 0) return NULL;
        cap = len;
    }
    return NULL;
}

char *mc_collate_key(const mc_collator *c, const char *s, size_t n,
                     size_t *out_len, mc_diag *d)
{
    if (n > INT32_MAX / 8) {
        mc_diag_set(d, NULL, 0, 0, "text is too long to sort (%zu bytes)", n);
        return NULL;
    }
    UChar stack[256], *u = stack;
    if (n >= 256 && !(u = malloc((n + 1) * sizeof *u))) {
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &e);
    char *k = U_SUCCESS(e) ? key16(c->col, u, ulen, out_len) : NULL;
    if (u != stack) free(u);
    if (U_FAILURE(e))
        mc_diag_set(d, NULL, 0, 0, "invalid UTF-8 in a title to sort (%s)",
                    u_errorName(e));
    else if (!k)
        mc_diag_set(d, NULL, 0, 0, "out of memory making a sort key");
    return k;
}

/* ---- sorting --------------------------------------------------------- */

typedef struct {
    char *key;
    size_t idx;
} keyed;

static int keyed_cmp(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int r = strcmp(a->key, b->key);
    if (r) return r;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void free_keys(keyed *ks, size_t n)
{
    for (size_t i = 0; i < n; i++) free(ks[i].key);
    free(ks);
}

static keyed *make_keys(const mc_collator *c, const char *base, size_t count,
                        size_t size, const char *(*title)(const void *),
                        mc_diag *d)
{
    keyed *ks = calloc(count, sizeof *ks);
    if (!ks) {
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        const char *t = title(base + i * size);
        if (!t) t = "";
        ks[i].idx = i;
        ks[i].key = mc_collate_key(c, t, strlen(t), NULL, d);
        if (!ks[i].key) {
            free_keys(ks, i);
            return NULL;
        }
    }
    return ks;
}

int mc_collate_sort(const mc_collator *c, void *base, size_t count, size_t size,
                    const char *(*title)(const void *item), mc_diag *d)
{
    if (count < 2) return 0;
    if (size && count > SIZE_MAX / size)
        return mc_diag_set(d, NULL, 0, 0, "too many items to sort");
    char *items = base;
    char *scratch = malloc(count * size);
    if (!scratch) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    keyed *ks = make_keys(c, items, count, size, title, d);
    if (!ks) {
        free(scratch);
        return -1;
    }
    qsort(ks, count, sizeof *ks, keyed_cmp);
    memcpy(scratch, items, count * size);
    for (size_t i = 0; i < count; i++)
        memcpy(items + i * size, scratch + ks[i].idx * size, size);
    free(scratch);
    free_keys(ks, count);
    return 0;
}

static const char *string_title(const void *item)
{
    return *(const char *const *)item;
}

int mc_collate_sort_strings(const mc_collator *c, const char **v, size_t count,
                            mc_diag *d)
{
    return mc_collate_sort(c, (void *)v, count, sizeof *v, string_title, d);
}

/* ---- A–Z heading letter ---------------------------------------------- */

static int is_tone_mark(UChar32 c)
{
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 ||
           c == 0x0323;
}

static int is_mark(UChar32 c)
{
    int8_t t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
           t == U_ENCLOSING_MARK;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r) memcpy(r, s, n);
    return r;
}

/* Position of the first letter or digit of s (or -1); *cp receives it. */
static int32_t first_alnum(const uint8_t *s, int32_t len, UChar32 *cp)
{
    for (int32_t i = 0; i < len;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) {
            *cp = c;
            return start;
        }
    }
    return -1;
}

/* The letter at s[at..] with up to 7 following marks, as UTF-16 in u. */
static int32_t letter16(const uint8_t *s, int32_t at, int32_t len, UChar *u)
{
    int32_t ul = 0, i = at;
    for (int k = 0; k < 8 && i < len; k++) {
        int32_t prev = i;
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0 || (k > 0 && !is_mark(c))) {
            i = prev;
            break;
        }
        U16_APPEND_UNSAFE(u, ul, c);
    }
    return ul;
}

/* NFD of u[0..ul), tones dropped, base uppercased, back to NFC UTF-8. */
static char *strip_tone_upper(const UChar *u, int32_t ul)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    UChar dec[64], kept[64], comp[64];
    int32_t dl = unorm2_normalize(nfd, u, ul, dec, 64, &e), kl = 0;
    if (U_FAILURE(e)) return dup_str("#");
    for (int32_t i = 0; i < dl;) {
        UChar32 c;
        U16_NEXT(dec, i, dl, c);
        if (is_tone_mark(c)) continue;
        /* The macro evaluates its value once per code unit it writes: the
         * value must have no side effect and not read kl, which it moves. */
        UChar32 k = kl == 0 ? u_toupper(c) : c;
        U16_APPEND_UNSAFE(kept, kl, k);
    }
    int32_t cl = unorm2_normalize(nfc, kept, kl, comp, 64, &e);
    char out[256];
    int32_t ol = 0;
    u_strToUTF8(out, (int32_t)sizeof out, &ol, comp, cl, &e);
    if (U_FAILURE(e) || ol >= (int32_t)sizeof out) return dup_str("#");
    out[ol] = '\0';
    return dup_str(out);
}

char *mc_initial_letter(const char *s)
{
    size_t n = strlen(s);
    const uint8_t *b = (const uint8_t *)s;
    int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
    UChar32 c = 0;
    int32_t at = first_alnum(b, len, &c);
    if (at < 0) return dup_str(n == strspn(s, " \t\r\n\f\v") ? "" : "#");
    if (!u_isalpha(c)) return dup_str("#");
    UChar u[16];
    int32_t ul = letter16(b, at, len, u);
    return strip_tone_upper(u, ul);
}
