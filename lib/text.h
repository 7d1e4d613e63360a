/* text.h — the Vietnamese-correct text core: NFC normalisation, lower case,
 * fold, slug. The project's one place for each: other modules call these.
 *
 * Every text the tools read is first checked with mc_utf8_check and then
 * passed through mc_nfc, because text pasted from Word or macOS is often
 * decomposed ("a" + U+0306 + U+0300 instead of "ằ") and would otherwise
 * compare, search and slug differently from the same words typed precomposed.
 *
 *   mc_nfc   "Đa\xCC\x86ng ky\xCC\x81"    -> "Đăng ký"        (Unicode NFC)
 *   mc_lower "ĐĂNG KÝ KẾT HÔN"           -> "đăng ký kết hôn"  (NFC, lower case)
 *   mc_fold  "ĐĂNG KÝ KẾT HÔN"           -> "dang ky ket hon"  (search key)
 *   mc_slug  "  Thủ tục: Đăng ký (mới)!! " -> "thu-tuc-dang-ky-moi"
 *
 * Input: s[0..n) is UTF-8 (need not be NUL-terminated; may be decomposed).
 * Ill-formed UTF-8 is refused with an error in d, never guessed at.
 *
 * Memory: every function returns a new NUL-terminated string that the caller
 * frees with free(), or NULL with d filled (out of memory, ill-formed UTF-8,
 * text over 2 GB). Nothing else is allocated or kept; all functions are
 * thread-safe (no mutable global state).
 */
#ifndef MC_TEXT_H
#define MC_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"

/* Unicode NFC of s[0..n). Text that is already NFC (the usual case) is found
 * so by a quick check over the UTF-8 and only copied. *out_len (if out_len
 * is not NULL) receives the length of the result without its NUL. */
char *mc_nfc(const char *s, size_t n, size_t *out_len, mc_diag *d);

/* 1 when s[0..n) is well-formed UTF-8 without NUL bytes and certainly in
 * NFC already: one quick pass. A text it cannot vouch for gets 0, to be
 * checked with mc_utf8_check and composed with mc_nfc. */
int mc_is_nfc(const char *s, size_t n);

/* Vietnamese lower case (ICU, locale "vi") of the NFC of s[0..n):
 * "ĐĂNG Ký" and "Đa\xCC\x86NG Ky\xCC\x81" -> "đăng ký". *out_len (if not NULL)
 * receives the length without the NUL. */
char *mc_lower(const char *s, size_t n, size_t *out_len, mc_diag *d);

/* Search fold of s[0..n): lowercase, tone and vowel marks removed, đ/Đ -> d
 * (also ð ø ł ß æ œ þ ı ħ -> d o l ss ae oe th i h). Latin, Greek and
 * Cyrillic letters with diacritics fold to their base letters (é ü ñ -> e u n);
 * other scripts are only lowercased (CJK, Hangul, kana and Indic text keep
 * their own marks). Spaces, punctuation and digits are kept as they are.
 * Decomposed and precomposed input give the same result, and the result is
 * NFC. *out_len (if not NULL) receives the length without the NUL. */
char *mc_fold(const char *s, size_t n, size_t *out_len, mc_diag *d);

/* URL slug of s[0..n): the fold, with every run of characters other than
 * ASCII letters and digits turned into one '-', and no '-' at either end.
 * Characters that fold to non-ASCII (CJK...) count as separators.
 *   "Nghị định 63/2010" -> "nghi-dinh-63-2010"
 * Returns "" (not NULL) when nothing is left; the caller picks a fallback.
 * The length is not capped: callers that make file names from slugs must
 * cut long ones themselves (most file systems allow 255 bytes). */
char *mc_slug(const char *s, size_t n, mc_diag *d);

/* 1 when s (UTF-8, NUL-terminated) holds at least one letter or digit:
 * text a voice can read, as opposed to punctuation, symbols and emoji. */
int mc_has_words(const char *s);

/* The length of the first sentence of s (NUL-terminated): up to and with
 * a '.', '!' or '?' that a space or newline follows, unless the word
 * before a '.' is an abbreviation in capitals ("TP. Huế", "UBND. "); all
 * of s when it holds one sentence.
 *   "A lô, a lô! Đây là Đài truyền thanh." -> 11 ("A lô, a lô!") */
size_t mc_sentence_length(const char *s);

#endif
