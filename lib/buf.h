/* buf.h — the project's one growable byte buffer: append bytes, strings,
 * characters, words and printf output; take the result as a C string.
 *
 *     mc_buf b = MC_BUF_INIT;
 *     mc_buf_adds(&b, "<p>");
 *     mc_buf_printf(&b, "%d trang", n);
 *     char *html = mc_buf_take(&b);      // NULL when an allocation failed
 *
 * The buffer doubles when it is full, so building a text is linear in its
 * length. A failed allocation sets `oom` and makes every later append a
 * no-op, so callers check once, at the end (b.oom, or a NULL from
 * mc_buf_take). After mc_buf_reserve(b, k) succeeds, a caller may write up
 * to k bytes at b->s + b->len itself and add them to b->len (the hot loops
 * of lib/text.c do).
 *
 * Memory: an mc_buf owns its bytes. mc_buf_take hands them to the caller
 * (free()) and leaves the buffer empty; mc_buf_free releases them. s is
 * NUL-terminated whenever cap > 0; it is NULL before the first append.
 */
#ifndef MC_BUF_H
#define MC_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct mc_buf {
    char *s;        /* the bytes; NUL-terminated when cap > 0 */
    size_t len;     /* bytes in s, without the NUL */
    size_t cap;     /* bytes allocated */
    int oom;        /* an allocation failed; the contents are incomplete */
} mc_buf;

#define MC_BUF_INIT {NULL, 0, 0, 0}

void mc_buf_init(mc_buf *b);
/* Frees the bytes and empties b (oom cleared). */
void mc_buf_free(mc_buf *b);

/* Room for extra more bytes and a NUL: 0, or -1 (oom set, or already set). */
int mc_buf_reserve(mc_buf *b, size_t extra);

/* Appends s[0..n). */
static inline void mc_buf_add(mc_buf *b, const void *s, size_t n)
{
    if (b->oom || (b->cap - b->len <= n && mc_buf_reserve(b, n) != 0)) return;
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Appends the string s; NULL appends nothing. */
static inline void mc_buf_adds(mc_buf *b, const char *s)
{
    if (s) mc_buf_add(b, s, strlen(s));
}

static inline void mc_buf_addc(mc_buf *b, char c) { mc_buf_add(b, &c, 1); }

/* Appends printf output. */
void mc_buf_printf(mc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a word (or several space-separated words), with one space before
 * it unless the buffer is empty or already ends in a space or newline.
 * An empty word appends nothing. */
void mc_buf_wordn(mc_buf *b, const char *w, size_t n);
void mc_buf_word(mc_buf *b, const char *w);

/* Last byte, or 0 when empty. */
static inline char mc_buf_last(const mc_buf *b) { return b->len ? b->s[b->len - 1] : 0; }

/* Cuts the text to its first len bytes (len <= b->len). */
void mc_buf_truncate(mc_buf *b, size_t len);

/* The bytes, NUL-terminated (an empty string for an empty buffer); *len
 * (if not NULL) gets their length. The buffer is left empty. NULL when an
 * allocation failed (the buffer is then freed). */
char *mc_buf_take(mc_buf *b, size_t *len);

#endif
