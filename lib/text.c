/* text.c — NFC, fold and slug on ICU (see text.h for the contract).
 *
 * Design
 *  - Work directly on UTF-8 with ICU's U8_NEXT / U8_APPEND_UNSAFE; convert to
 *    UTF-16 only when ICU's normaliser really has to run.
 *  - mc_nfc first runs the Unicode quick check (UAX #15 §9) over the UTF-8,
 *    using ICU's per-character NFC_Quick_Check and combining class: all code
 *    points below U+0300 pass without a lookup, and precomposed Vietnamese
 *    letters pass with one. Only text that fails (decomposed, or "maybe")
 *    goes through u_strFromUTF8 -> unorm2_normalize -> u_strToUTF8.
 *  - mc_fold is one pass over the code points. ASCII is lowercased inline.
 *    Any other code point: a combining diacritic (the generic blocks used by
 *    Latin, Greek and Cyrillic) is dropped; a letter with no decomposition
 *    but an obvious base (đ, ø, ł, ß...) comes from a small const table;
 *    otherwise ICU's canonical decomposition (unorm2_getDecomposition on the
 *    NFD singleton) is used if, and only if, it contains such a diacritic —
 *    so "ấ" -> "a" while Hangul syllables, kana with voicing marks and Indic
 *    nukta forms are kept whole. Whatever remains is lowercased (u_tolower).
 *    If the output holds a character that might combine (NFC quick check
 *    not "yes", or a nonzero combining class), the result is re-normalised
 *    to NFC; for Vietnamese and other Latin text this never happens.
 *  - mc_slug folds, then squeezes the fold in place to [a-z0-9] runs joined
 *    by single '-'.
 *  - No mutable global state; ICU's normaliser singletons are read-only.
 */
#include "text.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* ---- small helpers --------------------------------------------------- */

static char *too_big(mc_diag *d)
{
    mc_diag_set(d, NULL, 0, 0, "text is larger than 2 GB; split it");
    return NULL;
}

static char *bad_utf8(mc_diag *d, size_t off)
{
    mc_diag_set(d, NULL, 0, 0,
                "invalid UTF-8 at byte %zu; the text must be checked with "
                "mc_utf8_check first", off);
    return NULL;
}

static char *icu_fail(mc_diag *d, const char *what, UErrorCode e)
{
    mc_diag_set(d, NULL, 0, 0, "ICU %s failed: %s", what, u_errorName(e));
    return NULL;
}

static char *copy_str(const char *s, size_t n, size_t *out_len, mc_diag *d)
{
    char *r = malloc(n + 1);
    if (!r) return mc_diag_oom(d, NULL), NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    if (out_len) *out_len = n;
    return r;
}

/* ---- NFC ------------------------------------------------------------- */

/* How many bytes of an eight-byte word come before the first flagged one
 * (stop has bit 7 of each flagged byte set; the lowest flag is exact). On
 * big-endian machines it says 0, and the bytes go one at a time. */
static int ascii_prefix(uint64_t stop)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return __builtin_ctzll(stop) / 8;
#else
    (void)stop;
    return 0;
#endif
}

/* 1: s[0..n) is well-formed UTF-8 without NUL bytes, and certainly NFC;
 * 0: it may not be (the slow path then composes it or reports the bad
 * bytes). */
static int nfc_quick_yes(const char *s, size_t n)
{
    const uint8_t *b = (const uint8_t *)s;
    int32_t i = 0, len = (int32_t)n;
    uint8_t last_cc = 0;
    while (i < len) {
        uint64_t v;
        const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
        if (i + 8 <= len) {
            memcpy(&v, b + i, 8);
            uint64_t stop = (v & high) | ((v - ones) & ~v & high); /* non-ASCII or NUL */
            int skip = stop == 0 ? 8 : ascii_prefix(stop);
            if (skip > 0) { /* that many ASCII bytes, none of them NUL */
                i += skip;
                last_cc = 0;
                continue;
            }
        }
        if (b[i] == 0) return 0;
        if (b[i] < 0x80) {
            i++;
            last_cc = 0;
            continue;
        }
        /* U+0080..U+02FF (lead C2..CB) and U+1E00..U+1EFF (E1 B8..BB),
         * where the Vietnamese letters are: every one a starter (combining
         * class 0) that NFC keeps as it is (test_text asks ICU) */
        if (b[i] >= 0xC2 && b[i] <= 0xCB && i + 1 < len && (b[i + 1] & 0xC0) == 0x80) {
            i += 2;
            last_cc = 0;
            continue;
        }
        if (b[i] == 0xE1 && i + 2 < len && b[i + 1] >= 0xB8 && b[i + 1] <= 0xBB &&
            (b[i + 2] & 0xC0) == 0x80) {
            i += 3;
            last_cc = 0;
            continue;
        }
        UChar32 c;
        U8_NEXT(b, i, len, c);
        if (c < 0) return 0;
        uint8_t cc = u_getCombiningClass(c);
        if (cc != 0 && last_cc > cc) return 0;
        if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) return 0;
        last_cc = cc;
    }
    return 1;
}

/* UTF-8 -> new UTF-16 buffer; *ulen gets its length. */
static UChar *to_utf16(const char *s, size_t n, int32_t *ulen, mc_diag *d)
{
    UChar *u = malloc((n + 1) * sizeof *u); /* UTF-16 never has more units */
    if (!u) return mc_diag_oom(d, NULL), NULL;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, (int32_t)n + 1, ulen, s, (int32_t)n, &e);
    if (U_FAILURE(e)) {
        free(u);
        mc_diag_set(d, NULL, 0, 0, "invalid UTF-8 in text (%s); the text must "
                    "be checked with mc_utf8_check first", u_errorName(e));
        return NULL;
    }
    return u;
}

/* UTF-16 -> new NUL-terminated UTF-8 string. */
static char *to_utf8(const UChar *u, int32_t ulen, size_t *out_len, mc_diag *d)
{
    size_t cap = (size_t)ulen * 3 + 1; /* one UTF-16 unit is <= 3 bytes */
    if (cap > INT32_MAX) return too_big(d);
    char *r = malloc(cap);
    if (!r) return mc_diag_oom(d, NULL), NULL;
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(r, (int32_t)cap, &len, u, ulen, &e);
    if (U_FAILURE(e)) {
        free(r);
        return icu_fail(d, "UTF-16 to UTF-8 conversion", e);
    }
    r[len] = '\0';
    if (out_len) *out_len = (size_t)len;
    return r;
}

/* Normalise u[0..ulen) with norm into a new buffer; *olen gets its length. */
static UChar *normalize16(const UNormalizer2 *norm, const UChar *u, int32_t ulen,
                          int32_t *olen, mc_diag *d)
{
    int32_t cap = ulen + ulen / 4 + 16;
    for (int tries = 0; tries < 2; tries++) {
        UChar *o = malloc((size_t)cap * sizeof *o);
        if (!o) return mc_diag_oom(d, NULL), NULL;
        UErrorCode e = U_ZERO_ERROR;
        int32_t len = unorm2_normalize(norm, u, ulen, o, cap, &e);
        if (U_SUCCESS(e)) {
            *olen = len;
            return o;
        }
        free(o);
        if (e != U_BUFFER_OVERFLOW_ERROR) return (UChar *)icu_fail(d, "normalisation", e);
        cap = len + 1;
    }
    return (UChar *)icu_fail(d, "normalisation", U_BUFFER_OVERFLOW_ERROR);
}

static char *nfc_slow(const char *s, size_t n, size_t *out_len, mc_diag *d)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e)) return icu_fail(d, "NFC data", e);
    int32_t ulen = 0, nlen = 0;
    UChar *u = to_utf16(s, n, &ulen, d);
    if (!u) return NULL;
    UChar *norm = normalize16(nfc, u, ulen, &nlen, d);
    free(u);
    if (!norm) return NULL;
    char *r = to_utf8(norm, nlen, out_len, d);
    free(norm);
    return r;
}

int mc_is_nfc(const char *s, size_t n)
{
    return n <= INT32_MAX / 4 && nfc_quick_yes(s, n);
}

char *mc_nfc(const char *s, size_t n, size_t *out_len, mc_diag *d)
{
    if (n > INT32_MAX / 4) return too_big(d);
    if (nfc_quick_yes(s, n)) return copy_str(s, n, out_len, d);
    return nfc_slow(s, n, out_len, d);
}

/* ---- lower case ------------------------------------------------------ */

/* u[0..ulen) in Vietnamese lower case, into a new buffer; *olen its length. */
static UChar *lower16(const UChar *u, int32_t ulen, int32_t *olen, mc_diag *d)
{
    int32_t cap = ulen + ulen / 4 + 16;
    for (int tries = 0; tries < 2; tries++) {
        UChar *o = malloc((size_t)cap * sizeof *o);
        if (!o) return mc_diag_oom(d, NULL), NULL;
        UErrorCode e = U_ZERO_ERROR;
        int32_t len = u_strToLower(o, cap, u, ulen, "vi", &e);
        if (U_SUCCESS(e)) {
            *olen = len;
            return o;
        }
        free(o);
        if (e != U_BUFFER_OVERFLOW_ERROR) return icu_fail(d, "lower-casing", e), NULL;
        cap = len + 1;
    }
    return icu_fail(d, "lower-casing", U_BUFFER_OVERFLOW_ERROR), NULL;
}

char *mc_lower(const char *s, size_t n, size_t *out_len, mc_diag *d)
{
    if (n > INT32_MAX / 4) return too_big(d);
    char *nfc = NULL;
    if (!nfc_quick_yes(s, n)) {
        if (!(nfc = nfc_slow(s, n, &n, d))) return NULL;
        s = nfc;
    }
    int32_t ulen = 0, llen = 0;
    UChar *u = to_utf16(s, n, &ulen, d);
    free(nfc);
    UChar *low = u ? lower16(u, ulen, &llen, d) : NULL;
    free(u);
    char *r = low ? to_utf8(low, llen, out_len, d) : NULL;
    free(low);
    return r;
}

/* ---- fold ------------------------------------------------------------ */

/* The generic combining diacritics (Latin, Greek, Cyrillic): the tone and
 * vowel marks of Vietnamese are all in U+0300..U+036F. */
static int is_diacritic(UChar32 c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

/* Letters with a base letter but no Unicode decomposition. */
static const char *special_fold(UChar32 c)
{
    switch (c) {
    case 0x0110: case 0x0111: /* Đ đ */
    case 0x00D0: case 0x00F0: /* Ð ð (eth; also Đ mistyped by old converters) */
    case 0x0189: case 0x0256: /* Ɖ ɖ (African D) */
        return "d";
    case 0x00D8: case 0x00F8: return "o";  /* Ø ø */
    case 0x0141: case 0x0142: return "l";  /* Ł ł */
    case 0x00DF: case 0x1E9E: return "ss"; /* ß ẞ */
    case 0x00C6: case 0x00E6: return "ae"; /* Æ æ */
    case 0x0152: case 0x0153: return "oe"; /* Œ œ */
    case 0x00DE: case 0x00FE: return "th"; /* Þ þ */
    case 0x0131: return "i";               /* dotless ı */
    case 0x0126: case 0x0127: return "h";  /* Ħ ħ */
    case 0x0166: case 0x0167: return "t";  /* Ŧ ŧ */
    default: return NULL;
    }
}

/* Append lowercase c; note when the result may need NFC again. */
static void emit_lower(mc_buf *b, UChar32 c, int *need_nfc)
{
    c = u_tolower(c);
    if (c >= 0x300 && (u_getCombiningClass(c) != 0 ||
                       u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES))
        *need_nfc = 1;
    U8_APPEND_UNSAFE(b->s, b->len, c);
}

static int has_diacritic(const UChar *u, int32_t len)
{
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(u, i, len, c);
        if (is_diacritic(c)) return 1;
    }
    return 0;
}

/* Fold one non-ASCII code point into b (which has room for 32 bytes). */
static void fold_cp(mc_buf *b, UChar32 c, const UNormalizer2 *nfd, int *need_nfc)
{
    if (is_diacritic(c)) return;
    const char *sp = special_fold(c);
    if (sp) {
        size_t k = strlen(sp);
        memcpy(b->s + b->len, sp, k);
        b->len += k;
        return;
    }
    UChar dec[8]; /* canonical decompositions are at most 4 code points */
    UErrorCode e = U_ZERO_ERROR;
    int32_t dl = unorm2_getDecomposition(nfd, c, dec, 8, &e);
    if (U_FAILURE(e) || dl <= 0 || !has_diacritic(dec, dl)) {
        emit_lower(b, c, need_nfc);
        return;
    }
    for (int32_t i = 0; i < dl;) {
        UChar32 p;
        U16_NEXT(dec, i, dl, p);
        if (!is_diacritic(p)) emit_lower(b, p, need_nfc);
    }
}

static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Fold into b, which on entry has room for n + 1 bytes. Returns 0, or the
 * byte offset + 1 of ill-formed UTF-8, or -1 when out of memory. */
static long fold_into(mc_buf *b, const char *s, size_t n, const UNormalizer2 *nfd,
                      int *need_nfc)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        if (p[i] < 0x80) {
            b->s[b->len++] = (char)ascii_lower(p[i++]);
            continue;
        }
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, len, c);
        if (c < 0) return (long)start + 1;
        if (mc_buf_reserve(b, (size_t)(len - i) + 40)) return -1;
        fold_cp(b, c, nfd, need_nfc);
    }
    b->s[b->len] = '\0';
    return 0;
}

char *mc_fold(const char *s, size_t n, size_t *out_len, mc_diag *d)
{
    if (n > INT32_MAX / 4) return too_big(d);
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    if (U_FAILURE(e)) return icu_fail(d, "NFD data", e);
    mc_buf b = MC_BUF_INIT;
    if (mc_buf_reserve(&b, n)) return mc_diag_oom(d, NULL), NULL;
    int need_nfc = 0;
    long r = fold_into(&b, s, n, nfd, &need_nfc);
    if (r != 0) {
        mc_buf_free(&b);
        return r < 0 ? (mc_diag_oom(d, NULL), NULL) : bad_utf8(d, (size_t)(r - 1));
    }
    if (!need_nfc) {
        if (out_len) *out_len = b.len;
        return b.s;
    }
    char *nfc = nfc_slow(b.s, b.len, out_len, d);
    mc_buf_free(&b);
    return nfc;
}

/* ---- slug ------------------------------------------------------------ */

static int ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char *mc_slug(const char *s, size_t n, mc_diag *d)
{
    size_t flen = 0;
    char *f = mc_fold(s, n, &flen, d);
    if (!f) return NULL;
    size_t o = 0;
    int gap = 0;
    for (size_t i = 0; i < flen; i++) {
        int c = (unsigned char)f[i];
        if (!ascii_alnum(c)) {
            gap = 1;
            continue;
        }
        if (gap && o > 0) f[o++] = '-';
        gap = 0;
        f[o++] = (char)c;
    }
    f[o] = '\0';
    return f;
}

int mc_has_words(const char *s)
{
    int32_t n = (int32_t)strlen(s);
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) return 1;
    }
    return 0;
}

size_t mc_sentence_length(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (!strchr(".!?", s[i]) || (s[i + 1] != ' ' && s[i + 1] != '\n')) continue;
        size_t w = i;
        while (w > 0 && s[w - 1] >= 'A' && s[w - 1] <= 'Z') w--;
        int abbreviation = s[i] == '.' && i - w >= 1 && i - w <= 4 && (w == 0 || s[w - 1] == ' ');
        if (!abbreviation) return i + 1;
    }
    return strlen(s);
}
