/* collate.h — Vietnamese alphabetical order for A–Z lists, on ICU.
 *
 * Byte order (strcmp) puts "Đăng ký" after "Yêu cầu" and "Ăn" after "Z";
 * the ICU collator for "vi" gives the real Vietnamese order
 *   A < Ă < Â < B < C < D < Đ < E < Ê < G < H < I < K < L < M < N < O < Ô
 *     < Ơ < P < Q < R < S < T < U < Ư < V < X < Y
 * with tones as secondary differences: "ca" < "cà" < "cả" < "cã" < "cá"
 * < "cạ" < "cb" (a tone only breaks ties between otherwise equal words).
 * Case is a tertiary difference (lowercase first). Decomposed and precomposed
 * text compare equal.
 *
 * Memory: mc_collator_new returns an object the caller releases with
 * mc_collator_free. mc_collate_key and mc_initial_letter return new strings
 * the caller frees with free(). A collator is not changed by use, so one
 * collator may be shared by threads that only compare, sort and make keys.
 */
#ifndef MC_COLLATE_H
#define MC_COLLATE_H

#include <stddef.h>
#include "diag.h"

typedef struct mc_collator mc_collator;

/* Opens the collator for a BCP 47 / ICU locale ("vi", "vi-VN", "en").
 * NULL or "" means "vi". A locale without its own rules (e.g. "en") gets the
 * Unicode default order, which is right for English. NULL + d on failure. */
mc_collator *mc_collator_new(const char *locale, mc_diag *d);

/* Frees the collator; NULL is fine. */
void mc_collator_free(mc_collator *c);

/* Compares NUL-terminated UTF-8 strings: <0, 0 or >0 as a sorts before,
 * with, or after b. Equal means equal at every level (identical text,
 * or the same text decomposed). */
int mc_collate(const mc_collator *c, const char *a, const char *b);

/* Sort key of s[0..n) (UTF-8): comparing two keys with strcmp gives the same
 * answer as mc_collate on the strings, so keys can be computed once per item
 * and stored or sorted cheaply. The key has no inner NUL; *out_len (if not
 * NULL) receives its length without the final NUL. NULL + d on failure. */
char *mc_collate_key(const mc_collator *c, const char *s, size_t n,
                     size_t *out_len, mc_diag *d);

/* Sorts an array of count items of size bytes each by the string that
 * title(item) returns (NUL-terminated UTF-8; NULL counts as ""). The sort is
 * stable: items that compare equal keep their order. Each title's sort key
 * is made once. Returns 0, or -1 with d filled (the array is then
 * unchanged). */
int mc_collate_sort(const mc_collator *c, void *base, size_t count, size_t size,
                    const char *(*title)(const void *item), mc_diag *d);

/* Sorts an array of NUL-terminated UTF-8 strings (the pointers move, the
 * strings do not). Same contract as mc_collate_sort. */
int mc_collate_sort_strings(const mc_collator *c, const char **v, size_t count,
                            mc_diag *d);

/* Heading letter of a title for an A–Z list: its first letter, uppercase,
 * with the tone removed but the vowel mark kept, in NFC:
 *   "Đăng ký" -> "Đ", "ăn" -> "Ă", "Ấp" -> "Â", "Ở" -> "Ơ", "chứng" -> "C".
 * Leading spaces and punctuation ("“Đăng ký”", "- Mẫu đơn") are skipped.
 * Gives "#" when the first letter-or-digit is a digit, or the title has no
 * letter or digit but is not blank; "" for an empty or all-space title.
 * s is NUL-terminated UTF-8 (ill-formed bytes are skipped as punctuation).
 * Returns a new string, or NULL only when out of memory. */
char *mc_initial_letter(const char *s);

#endif
