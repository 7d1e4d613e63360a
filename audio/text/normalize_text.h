/* normalize_text.h — the small text tools the normaliser is built from: a
 * growable output buffer and the ICU calls it needs (NFC, lower case, upper
 * case of one letter).
 *
 * Internal to the normaliser (audio/normalize*.c, audio/numbers.c).
 *
 * Memory: a loa_buf owns its bytes; loa_buf_take hands them to the caller
 * (free()) and leaves the buffer empty. A failed allocation sets `oom` and
 * makes every later append a no-op, so callers check once at the end.
 * loa_nfc and loa_lower return malloc'd NUL-terminated strings the caller
 * frees, or NULL on failure.
 */
#ifndef LOA_NORMALIZE_TEXT_H
#define LOA_NORMALIZE_TEXT_H

#include <stddef.h>
#include "diag.h"

typedef struct loa_buf {
    char *s;        /* NUL-terminated when cap > 0 */
    size_t len, cap;
    int oom;        /* an allocation failed; contents are incomplete */
} loa_buf;

void loa_buf_init(loa_buf *b);
void loa_buf_free(loa_buf *b);
void loa_buf_add(loa_buf *b, const char *s, size_t n);
void loa_buf_adds(loa_buf *b, const char *s);
void loa_buf_addc(loa_buf *b, char c);
/* Append a word (or several space-separated words), putting one space
 * before it unless the buffer is empty or already ends in a space/newline. */
void loa_buf_word(loa_buf *b, const char *w);
void loa_buf_wordn(loa_buf *b, const char *w, size_t n);
/* The bytes, NUL-terminated (an empty string for an empty buffer); the
 * buffer is reset. NULL when an allocation failed (the buffer is freed). */
char *loa_buf_take(loa_buf *b);
/* Last byte, or 0 when empty. */
char loa_buf_last(const loa_buf *b);

/* Unicode NFC of s[0..n) (valid UTF-8). NULL and d filled on failure. */
char *loa_nfc(const char *s, size_t n, mc_diag *d);
/* Vietnamese lower case of s[0..n) (valid UTF-8); NULL on failure. */
char *loa_lower(const char *s, size_t n);
/* Replace the first letter of b->s[from..] by its upper case (in place). */
void loa_upper_first(loa_buf *b, size_t from);
/* 1 when the first code point of s is an upper-case letter. */
int loa_starts_upper(const char *s, size_t n);
/* 1 when s[0..n) has a letter and no lower-case letter (e.g. "UBND"). */
int loa_all_upper(const char *s, size_t n);

#endif
