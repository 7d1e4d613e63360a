/* syllables.h — splitting Vietnamese text into the syllables search indexes.
 *
 * Vietnamese writes one syllable per space-separated word ("Đăng ký khai
 * sinh" is four syllables, two words), so the search unit is the syllable:
 * a maximal run of letters, combining marks and digits. Everything else
 * (spaces, punctuation, symbols) separates syllables. One exception keeps
 * procedure codes and amounts whole: a '.' right after a digit and right
 * before a letter or digit joins, so "1.001193.000.00.00.H42" and "8.000"
 * are one syllable each, while "năm 2025. Tiếp" is three.
 *
 * Forms of a syllable:
 *   original  as written            "ĐĂNG", "Đa\xCC\x86ng" (decomposed)
 *   lower     mc_lower (text.h)     "đăng"   (the exact-diacritic form)
 *   folded    mc_fold of it         "dang"   (what matching ignores marks by)
 * The same rule is implemented in themes/default/static/js/search.js for
 * queries; both must change together.
 *
 * Input is valid UTF-8 (checked by the caller: every text the tools read
 * went through mc_utf8_check). Memory: mc_syllables_folded returns
 * a new string the caller frees; mc_syllables_each
 * allocates nothing. Thread-safe: no global mutable state.
 */
#ifndef MC_SYLLABLES_H
#define MC_SYLLABLES_H

#include <stddef.h>
#include "diag.h"

/* Called for each syllable s[0..len) (a slice of the text, not terminated).
 * Return nonzero to stop the walk; mc_syllables_each then returns it. */
typedef int (*mc_syllable_fn)(void *ctx, const char *s, size_t len);

/* Walks the syllables of text[0..n) in order. Returns 0 or the first nonzero
 * value fn returned. */
int mc_syllables_each(const char *text, size_t n, mc_syllable_fn fn, void *ctx);

/* The folded syllables of text[0..n) joined by single spaces:
 * "ĐĂNG KÝ, kết-hôn!" -> "dang ky ket hon". "" when there are none;
 * NULL with d set on error. (For tests and tools; the index folds each
 * distinct syllable once.) */
char *mc_syllables_folded(const char *text, size_t n, mc_diag *d);

#endif
