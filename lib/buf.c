/* buf.c — the growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void mc_buf_init(mc_buf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void mc_buf_free(mc_buf *b)
{
    free(b->s);
    mc_buf_init(b);
}

int mc_buf_reserve(mc_buf *b, size_t extra)
{
    if (b->oom) return -1;
    if (b->cap - b->len > extra) return 0;
    if (extra >= (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= extra) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    if (!b->s) s[0] = '\0';
    b->s = s;
    b->cap = cap;
    return 0;
}

void mc_buf_printf(mc_buf *b, const char *fmt, ...)
{
    if (b->oom) return;
    va_list ap;
    va_start(ap, fmt);
    char room[1];
    int n = vsnprintf(b->cap > b->len ? b->s + b->len : room,
                      b->cap > b->len ? b->cap - b->len : sizeof room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;   /* an encoding error: the text is incomplete all the same */
        return;
    }
    if ((size_t)n < b->cap - b->len) {
        b->len += (size_t)n;
        return;
    }
    if (b->cap > b->len) b->s[b->len] = '\0';
    if (mc_buf_reserve(b, (size_t)n) != 0) return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void mc_buf_wordn(mc_buf *b, const char *w, size_t n)
{
    if (n == 0) return;
    char last = mc_buf_last(b);
    if (last && last != ' ' && last != '\n') mc_buf_addc(b, ' ');
    mc_buf_add(b, w, n);
}

void mc_buf_word(mc_buf *b, const char *w) { mc_buf_wordn(b, w, strlen(w)); }

void mc_buf_truncate(mc_buf *b, size_t len)
{
    if (len >= b->len) return;
    b->len = len;
    b->s[len] = '\0';
}

char *mc_buf_take(mc_buf *b, size_t *len)
{
    if (b->oom) {
        mc_buf_free(b);
        return NULL;
    }
    char *s = b->s ? b->s : calloc(1, 1);
    if (s && len) *len = b->len;
    mc_buf_init(b);
    return s;
}
