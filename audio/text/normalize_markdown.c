/* normalize_markdown.c — Markdown structure → utterances, markup removed.
 *
 * Design: announcements are short Markdown files, so a line-based reading of
 * the block structure is enough and keeps the normaliser independent of the
 * HTML renderer: a paragraph (lines joined by spaces), an ATX heading, a list
 * item (with its continuation lines) and a table row each become one
 * utterance. Blank lines, thematic breaks and setext underlines only end
 * utterances; fenced code is skipped (nobody reads code on a loudspeaker).
 * Inline markup is stripped by loa_markdown_inline: emphasis markers,
 * backticks, HTML tags, link and image syntax (the text or alt is kept, the
 * URL dropped; an autolink <https://…> keeps the address, which the URL rule
 * then reads).
 * Every byte is looked at a bounded number of times: linear time.
 */
#include "normalize_internal.h"

#include <string.h>

typedef struct md_state {
    loa_utterance_fn fn;
    void *arg;
    mc_buf para;   /* current paragraph or list item, markup removed */
    int in_fence;
} md_state;

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static int is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (unsigned char)c >= 0x80;
}

static void flush(md_state *st)
{
    if (st->para.len)
        st->fn(st->arg, st->para.s, st->para.len);
    st->para.len = 0;
    if (st->para.s)
        st->para.s[0] = '\0';
}

static void emit_now(md_state *st, const char *s, size_t n)
{
    flush(st);
    loa_markdown_inline(s, n, &st->para);
    flush(st);
}

static void add_to_para(md_state *st, const char *s, size_t n)
{
    if (st->para.len)
        mc_buf_addc(&st->para, ' ');
    loa_markdown_inline(s, n, &st->para);
}

/* Index of the first non-space at or after i. */
static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && is_space(s[i]))
        i++;
    return i;
}

static int is_fence(const char *s, size_t n)
{
    size_t i = skip_spaces(s, n, 0);
    return n - i >= 3 && (memcmp(s + i, "```", 3) == 0 || memcmp(s + i, "~~~", 3) == 0);
}

/* A line of only -, *, _ or = (and spaces), at least three of them. */
static int is_break_line(const char *s, size_t n)
{
    size_t marks = 0;
    char mark = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i]))
            continue;
        if (!strchr("-*_=", s[i]) || (mark && s[i] != mark))
            return 0;
        mark = s[i];
        marks++;
    }
    return marks >= 3;
}

/* Heading: returns the text start (and *end), or 0 if not a heading. */
static size_t heading_text(const char *s, size_t n, size_t *end)
{
    size_t i = skip_spaces(s, n, 0), hashes = 0;
    while (i < n && s[i] == '#') {
        i++;
        hashes++;
    }
    if (hashes == 0 || hashes > 6 || (i < n && !is_space(s[i])))
        return 0;
    size_t e = n;
    while (e > i && (is_space(s[e - 1]) || s[e - 1] == '#'))
        e--;
    *end = e;
    return i == n ? n : i + 1;
}

/* List marker length ("- ", "* ", "+ ", "12. ", "3) "), or 0. */
static size_t list_marker(const char *s, size_t n)
{
    size_t i = skip_spaces(s, n, 0);
    if (i < n && strchr("-*+", s[i]) && i + 1 < n && is_space(s[i + 1]))
        return i + 2;
    size_t d = i;
    while (d < n && s[d] >= '0' && s[d] <= '9' && d - i < 9)
        d++;
    if (d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && is_space(s[d + 1]))
        return d + 2;
    return 0;
}

static int is_table_separator(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("|:- \t", s[i]))
            return 0;
    return 1;
}

/* "| a | b |" → "a, b" as one utterance. */
static void table_row(md_state *st, const char *s, size_t n)
{
    flush(st);
    if (is_table_separator(s, n))
        return;
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '|' || is_space(s[i])))
            i++;
        size_t start = i;
        while (i < n && s[i] != '|')
            i++;
        size_t e = i;
        while (e > start && is_space(s[e - 1]))
            e--;
        if (e > start) {
            if (st->para.len)
                mc_buf_adds(&st->para, ", ");
            loa_markdown_inline(s + start, e - start, &st->para);
        }
    }
    flush(st);
}

static void block_line(md_state *st, const char *s, size_t n)
{
    if (st->in_fence) {
        st->in_fence = !is_fence(s, n);
        return;
    }
    if (is_fence(s, n)) {
        flush(st);
        st->in_fence = 1;
        return;
    }
    size_t i = skip_spaces(s, n, 0);
    while (i < n && s[i] == '>') /* block quote: read its content */
        i = skip_spaces(s, n, i + 1);
    s += i;
    n -= i;
    size_t end, start;
    if (n == 0 || is_break_line(s, n)) {
        flush(st);
    } else if ((start = heading_text(s, n, &end)) != 0) {
        emit_now(st, s + start, start < end ? end - start : 0);
    } else if (s[0] == '|') {
        table_row(st, s, n);
    } else if ((start = list_marker(s, n)) != 0) {
        flush(st);
        add_to_para(st, s + start, n - start);
    } else {
        add_to_para(st, s, n);
    }
}

void loa_markdown_utterances(const char *text, size_t n, loa_utterance_fn fn,
                             void *arg)
{
    md_state st = {fn, arg, {NULL, 0, 0, 0}, 0};
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(text + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - text) : n;
        size_t e = end;
        if (e > pos && text[e - 1] == '\r')
            e--;
        block_line(&st, text + pos, e - pos);
        pos = end + 1;
    }
    flush(&st);
    mc_buf_free(&st.para);
}

/* ---- inline markup ---- */

/* If s[i] starts "[text](url)" or "[text][ref]", set the text span and the
 * index after the construct; returns 1 when it does. */
static int link_at(const char *s, size_t n, size_t i, size_t *t0, size_t *t1,
                   size_t *after)
{
    const char *close = memchr(s + i + 1, ']', n - i - 1);
    if (!close)
        return 0;
    size_t c = (size_t)(close - s);
    if (c + 1 >= n || (s[c + 1] != '(' && s[c + 1] != '['))
        return 0;
    const char *end = memchr(s + c + 2, s[c + 1] == '(' ? ')' : ']', n - c - 2);
    if (!end)
        return 0;
    *t0 = i + 1;
    *t1 = c;
    *after = (size_t)(end - s) + 1;
    return 1;
}

/* "<https://…>" or "<a@b>" → 1 with the inner span; an HTML tag → 2 with
 * *after set; otherwise 0. */
static int angle_at(const char *s, size_t n, size_t i, size_t *after)
{
    const char *close = memchr(s + i + 1, '>', n - i - 1);
    if (!close || i + 1 >= n)
        return 0;
    size_t c = (size_t)(close - s);
    *after = c + 1;
    for (size_t k = i + 1; k < c; k++)
        if (is_space(s[k]))
            goto tag;
    if ((n - i > 5 && memcmp(s + i + 1, "http", 4) == 0) ||
        memchr(s + i + 1, '@', c - i - 1))
        return 1;
tag:
    if ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z') ||
        s[i + 1] == '/' || s[i + 1] == '!')
        return 2;
    return 0;
}

void loa_markdown_inline(const char *s, size_t n, mc_buf *out)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        size_t t0, t1, after;
        int kind;
        if (c == '!' && i + 1 < n && s[i + 1] == '[') {
            i++;
        } else if (c == '[' && link_at(s, n, i, &t0, &t1, &after)) {
            loa_markdown_inline(s + t0, t1 - t0, out);
            i = after;
        } else if (c == '<' && (kind = angle_at(s, n, i, &after)) != 0) {
            if (kind == 1)
                mc_buf_add(out, s + i + 1, after - i - 2);
            i = after;
        } else if (c == '*' || c == '`' || (c == '~' && i + 1 < n && s[i + 1] == '~')) {
            i += c == '~' ? 2 : 1;
        } else if (c == '_' && !(i > 0 && is_ascii_alnum(s[i - 1]) &&
                                 i + 1 < n && is_ascii_alnum(s[i + 1]))) {
            i++;
        } else if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|<>~", s[i + 1])) {
            mc_buf_addc(out, s[i + 1]);
            i += 2;
        } else {
            mc_buf_addc(out, c);
            i++;
        }
    }
}
