/* utf8.h — check that bytes are well-formed UTF-8, and say where they are not.
 *
 * Every text the tools read (content, front matter, templates, data, command
 * line) passes through mc_utf8_check first, so later stages may assume valid
 * UTF-8. The decoder is ICU's U8_NEXT; this file only adds line and column
 * counting so the error can point at the bad byte.
 *
 * Memory: nothing is allocated.
 */
#ifndef MC_UTF8_H
#define MC_UTF8_H

#include <stddef.h>
#include "diag.h"

/* Returns 0 when s[0..n) is valid UTF-8 (NUL bytes are refused too: no text
 * file has them). Otherwise fills d with FILE:LINE:COL of the first bad byte,
 * counting lines from first_line (1 for a whole file; pass the body's first
 * line when checking a part of a file), and returns -1. Columns count
 * characters, 1-based. file may be NULL. */
int mc_utf8_check(const char *s, size_t n, const char *file, int first_line,
                  mc_diag *d);

#endif
