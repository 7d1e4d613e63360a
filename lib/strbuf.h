/* strbuf.h — a string built by appending, for files made in memory (the
 * ledger, the server files, a QR code's SVG).
 *
 *     mc_strbuf b = {0};
 *     mc_strbuf_put(&b, "a");  mc_strbuf_put(&b, "b");
 *     char *s = mc_strbuf_take(&b);   // "ab", or NULL when memory ran out
 *
 * The capacity doubles when full, so n appends cost O(total length).
 *
 * Memory: the buffer is the mc_strbuf's until mc_strbuf_take hands it to
 * the caller (free); mc_strbuf_free drops it.
 */
#ifndef MC_STRBUF_H
#define MC_STRBUF_H

#include <stddef.h>

typedef struct mc_strbuf {
    char *s;       /* NUL-terminated once anything was put */
    size_t len, cap;
    int failed;    /* out of memory: later puts do nothing, take gives NULL */
} mc_strbuf;

void mc_strbuf_put(mc_strbuf *b, const char *s);
/* The string (caller frees; "" when nothing was put), or NULL after a
 * failure; b is empty afterwards. */
char *mc_strbuf_take(mc_strbuf *b);
void mc_strbuf_free(mc_strbuf *b);

#endif
