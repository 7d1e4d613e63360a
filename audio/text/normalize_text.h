/* normalize_text.h — the small text tools the normaliser is built from,
 * beside lib's buffer (buf.h) and NFC and lower case (text.h): the ICU
 * calls for upper case it needs.
 *
 * Internal to the normaliser (audio/normalize*.c, audio/numbers.c).
 *
 * Memory: nothing is allocated here; see buf.h and text.h.
 */
#ifndef LOA_NORMALIZE_TEXT_H
#define LOA_NORMALIZE_TEXT_H

#include <stddef.h>
#include "buf.h"
#include "diag.h"
#include "text.h"   /* mc_nfc, mc_lower */

/* Replace the first letter of b->s[from..] by its upper case (in place). */
void loa_upper_first(mc_buf *b, size_t from);
/* 1 when the first code point of s is an upper-case letter. */
int loa_starts_upper(const char *s, size_t n);
/* 1 when s[0..n) has a letter and no lower-case letter (e.g. "UBND"). */
int loa_all_upper(const char *s, size_t n);

#endif
