/* speech_check.h — the speech check before airing: every token of an
 * announcement the normaliser could not read with confidence, as warnings
 * at FILE:LINE:COL.
 *
 * Used by `loa check` and, with the same messages, by `motcua build`.
 * A warning names the token, what the voice will say and what to do, e.g.
 *   thong-bao.md:7:12: warning: 'XYZW' will be read "xích uờ": unknown
 *   capitalised word…; add it to the dictionary (abbr or loan) if that is wrong
 *
 * Memory: warnings are appended to the caller's list (owned by it).
 */
#ifndef LOA_SPEECH_CHECK_H
#define LOA_SPEECH_CHECK_H

#include <stddef.h>
#include "diag.h"
#include "normalize.h"

/* Check text[0..len) — Markdown, the part of `file` that starts at line
 * first_line, column first_col (1, 1 for a whole file; first_col 0 when
 * the column of a one-line text is unknown: warnings on that line then have
 * none) — and append one warning per doubtful token to out. Returns the
 * number of warnings, or -1 with an error appended (invalid UTF-8 or out of
 * memory). */
long loa_speech_check(const loa_normalizer *nz, const char *file, int first_line,
                      int first_col, const char *text, size_t len, mc_diag_list *out);

#endif
