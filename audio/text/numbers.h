/* numbers.h — reading numbers aloud in Vietnamese.
 *
 * Rules (research/domain.md §5.1): digits không…chín; "mười" for tens digit
 * 1, "X mươi" otherwise; unit 1 after "mươi" → "mốt", 4 → "tư", 5 after a
 * tens word → "lăm"; tens digit 0 inside a number → "linh" (northern) or
 * "lẻ" (southern), and "linh tư"; groups nghìn/ngàn, triệu, tỷ (and
 * "nghìn tỷ" by recursion); a non-leading group keeps "không trăm"
 * (2026 → "hai nghìn không trăm hai mươi sáu"). Decimal comma → "phẩy" and
 * the decimals digit by digit, except two without a leading zero, read as a
 * number (1,65 → "một phẩy sáu mươi lăm"); dots between 3-digit groups are thousands
 * separators.
 *
 * Memory: loa_read_number returns a malloc'd string the caller frees (NULL
 * when out of memory); the loa_say_* functions append to a mc_buf.
 */
#ifndef LOA_NUMBERS_H
#define LOA_NUMBERS_H

#include <stddef.h>
#include "normalize_text.h"

/* Regional reading: northern "nghìn", "linh"; southern "ngàn", "lẻ". */
typedef enum { LOA_NORTH, LOA_SOUTH } loa_style;

/* The one reader of a style name (site.yaml, --style, front matter):
 * "north" or "south". Returns 0 and sets *out, or -1. */
int loa_style_parse(const char *s, loa_style *out);

/* "hai mươi mốt" for 21. Negative numbers start with "âm". */
char *loa_read_number(long long n, loa_style style);

/* Append the words for n ≥ 0. */
void loa_say_number(mc_buf *b, unsigned long long n, loa_style style);
/* Append one word per ASCII digit in s[0..n); other bytes are skipped. */
void loa_say_digits(mc_buf *b, const char *s, size_t n);
/* Append the ordinal after "thứ": 1 → "nhất", 4 → "tư", else the number. */
void loa_say_ordinal(mc_buf *b, unsigned long long n, loa_style style);

/* If s[0..n) is exactly one numeral — optional sign (+, -, U+2212), digits
 * with optional thousands dots (1.000.000), optional decimal comma
 * (98,8) — append its words and return 1; otherwise append nothing and
 * return 0. Integers longer than 18 digits are read digit by digit. */
int loa_say_numeral(mc_buf *b, const char *s, size_t n, loa_style style);

/* Length of the longest numeral prefix of s[0..n) (0 if none), with the same
 * syntax as loa_say_numeral. */
size_t loa_numeral_prefix(const char *s, size_t n);

/* How many ASCII digits s[0..n) has from position i on. */
size_t loa_digit_run(const char *s, size_t n, size_t i);

/* If s[0..n) is all ASCII digits (1..18 of them), store the value and
 * return 1. */
int loa_parse_uint(const char *s, size_t n, unsigned long long *v);

/* Value of a valid upper-case Roman numeral (I…MMMCMXCIX), or 0. */
int loa_roman_value(const char *s, size_t n);

#endif
