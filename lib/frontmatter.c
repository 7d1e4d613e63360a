/* frontmatter.c — split front matter from the Markdown body (frontmatter.h).
 *
 * Design: the whole file is checked as UTF-8 first (after the BOM), so every
 * later stage sees valid text. The splitter then works on lines: it finds the
 * opening "---" line and the closing "---"/"..." line by scanning for '\n',
 * which makes CRLF and LF alike (a trailing '\r' is whitespace). The YAML
 * between them is handed to mc_yaml_load_named as a slice of the input with
 * first_line 2, so every line it reports is already in file numbering; the
 * body is copied with CRLF turned into LF. Nothing here keeps a pointer to
 * the input.
 */
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "utf8.h"
#include "yamljson.h"

/* One line of the input: [start, end) without the '\n', next = after it. */
typedef struct mc_line {
    size_t start, end, next;
} mc_line;

static mc_line line_at(const char *t, size_t len, size_t pos)
{
    const char *nl = memchr(t + pos, '\n', len - pos);
    mc_line l = {pos, nl ? (size_t)(nl - t) : len, nl ? (size_t)(nl - t) + 1 : len};
    return l;
}

/* Is the line exactly `mark` (3 bytes) plus optional spaces, tabs, CR? */
static int line_is(const char *t, mc_line l, const char *mark)
{
    if (l.end - l.start < 3 || memcmp(t + l.start, mark, 3) != 0) return 0;
    for (size_t i = l.start + 3; i < l.end; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') return 0;
    return 1;
}

static int has_crlf(const char *t, size_t n)
{
    for (const char *cr = memchr(t, '\r', n); cr; cr = memchr(cr + 1, '\r', n - (size_t)(cr + 1 - t)))
        if ((size_t)(cr + 1 - t) < n && cr[1] == '\n') return 1;
    return 0;
}

/* Copy t[0..n) into fm->body with CRLF turned into LF; with `view`, point
 * fm->body_view at t instead when there is no CRLF (the copy would be the
 * same bytes). */
static int copy_body(mc_frontmatter *fm, const char *t, size_t n, int view)
{
    if (view && !has_crlf(t, n)) {
        fm->body_view = t;
        fm->body_len = n;
        return 0;
    }
    char *b = malloc(n + 1);
    size_t j = 0;
    if (!b) return -1;
    for (size_t i = 0; i < n; i++)
        if (!(t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')) b[j++] = t[i];
    b[j] = '\0';
    fm->body = b;
    fm->body_len = j;
    return 0;
}

static const char *kind_of(const json_t *v)
{
    if (json_is_array(v)) return "a list";
    if (json_is_string(v)) return "plain text";
    if (json_is_number(v)) return "a number";
    if (json_is_boolean(v)) return "true/false";
    return "something else";
}

/* Load the YAML slice; the result is always an object on success. */
static int load_yaml(const char *file, const char *y, size_t n,
                     mc_frontmatter *fm, mc_diag *d)
{
    fm->data = mc_yaml_load_named(file, y, n, 2, "the front matter",
                                  &fm->lines, d);
    if (!fm->data) return -1;
    if (json_is_null(fm->data)) {
        json_decref(fm->data);
        fm->data = json_object();
        return fm->data ? 0 : mc_diag_set(d, file, 0, 0, "out of memory");
    }
    if (json_is_object(fm->data)) return 0;
    return mc_diag_set(d, file, mc_fm_line(fm, ""), 0,
                       "front matter must be 'key: value' lines, but it is %s; "
                       "write for example 'title: My page'", kind_of(fm->data));
}

/* Text after the opening line t[0..open.next): find the closing line, load
 * the YAML, copy the body. */
static int split(const char *file, const char *t, size_t len, mc_line open,
                 mc_frontmatter *fm, int view, mc_diag *d)
{
    size_t pos = open.next;
    int line = 2;
    for (; pos < len; line++) {
        mc_line l = line_at(t, len, pos);
        if (line_is(t, l, "---") || line_is(t, l, "...")) {
            size_t n = pos - open.next;
            if (n > MC_FM_MAX_BYTES)
                return mc_diag_set(d, file, 1, 0, "front matter is %zu bytes; "
                                   "the limit is 1 MB: move long data into "
                                   "data/ files", n);
            if (load_yaml(file, t + open.next, n, fm, d)) return -1;
            fm->body_line = line + 1;
            return copy_body(fm, t + l.next, len - l.next, view)
                       ? mc_diag_set(d, file, 0, 0, "out of memory") : 0;
        }
        pos = l.next;
    }
    return mc_diag_set(d, file, 1, 0, "front matter starts with '---' but is "
                       "never closed; add a line '---' after the last key");
}

static int parse_nfc(const char *file, const char *text, size_t len, mc_frontmatter *out,
                     int view, mc_diag *d)
{
    mc_line open = line_at(text, len, 0);
    int rc;
    if (len > 4 && !memcmp(text, "---\r", 4) && text[4] != '\n')
        return mc_diag_set(d, file, 1, 0, "the lines end with a carriage return alone (an "
                           "old Mac format), so the front matter cannot be read; save the "
                           "file with ordinary line ends (LF or CRLF)");
    if (open.next > open.end && line_is(text, open, "---")) {
        rc = split(file, text, len, open, out, view, d);
    } else {
        out->body_line = 1;
        out->data = json_object();
        out->lines = json_object();
        rc = (!out->data || !out->lines || copy_body(out, text, len, view))
                 ? mc_diag_set(d, file, 0, 0, "out of memory") : 0;
    }
    return rc;
}

static int parse(const char *file, const char *text, size_t len, mc_frontmatter *out,
                 int view, mc_diag *d)
{
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    /* NFC keeps every line break, so lines and columns stay the file's */
    char *nfc = NULL;
    if (!mc_is_nfc(text, len)) {
        if (mc_utf8_check(text, len, file, 1, d)) return -1;
        size_t nfc_len = 0;
        nfc = mc_nfc(text, len, &nfc_len, d);
        if (!nfc) return -1;
        text = nfc;
        len = nfc_len;
        view = 0;
    }
    int rc = parse_nfc(file, text, len, out, view, d);
    free(nfc);
    if (rc) mc_frontmatter_free(out);
    return rc;
}

int mc_frontmatter_parse(const char *file, const char *text, size_t len,
                         mc_frontmatter *out, mc_diag *d)
{
    return parse(file, text, len, out, 0, d);
}

int mc_frontmatter_view(const char *file, const char *text, size_t len,
                        mc_frontmatter *out, mc_diag *d)
{
    return parse(file, text, len, out, 1, d);
}

void mc_frontmatter_free(mc_frontmatter *fm)
{
    if (!fm) return;
    json_decref(fm->data);
    json_decref(fm->lines);
    free(fm->body);
    memset(fm, 0, sizeof *fm);
}

int mc_fm_line(const mc_frontmatter *fm, const char *path)
{
    return fm ? mc_yaml_line(fm->data, fm->lines, path) : 0;
}
