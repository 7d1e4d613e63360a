/* normalize_latin.h — Latin-script words that are not Vietnamese (see
 * normalize_latin.c): recognise a Vietnamese syllable written without marks,
 * and respell any other ASCII word in Vietnamese syllables.
 *
 * Memory: loa_respell_latin appends to the caller's buffer.
 */
#ifndef LOA_NORMALIZE_LATIN_H
#define LOA_NORMALIZE_LATIN_H

#include <stddef.h>
#include "normalize_text.h"

/* 1 when s[0..n) (ASCII letters, any case) is one Vietnamese syllable:
 * onset, one to three vowels, coda ("trong", "nghieng"); 0 otherwise. */
int loa_is_vietnamese_syllable(const char *s, size_t n);

/* If s[0..n) (ASCII letters, under 64) is Vietnamese syllables written
 * together without marks ("tanmai", "phuong"), append them separated by
 * spaces and return 1; else append nothing and return 0. Of several cuts
 * the one with fewest syllables starting with a vowel wins (hanoi → "ha
 * noi", not "han oi"). */
int loa_say_syllables(mc_buf *out, const char *s, size_t n);

/* Append s[0..n) (ASCII letters, under 64) respelled in Vietnamese
 * syllables: "YAGI" → "da ghi", "Matmo" → "mát mô". */
void loa_respell_latin(mc_buf *out, const char *s, size_t n);

#endif
