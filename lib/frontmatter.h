/* frontmatter.h — split a content file into YAML front matter and Markdown.
 *
 * A content file may start (after an optional UTF-8 BOM) with a line "---";
 * the front matter then runs up to the next line that is exactly "---" or
 * "..." (trailing spaces, tabs and CR allowed), and the Markdown body is
 * everything after that line. Without an opening "---" the front matter is
 * an empty object and the whole file is the body. LF and CRLF line ends are
 * both accepted. The front matter must be a YAML mapping ("key: value"
 * lines); it is loaded with mc_yaml_load (see yamljson.h for typing rules,
 * aliases and limits).
 *
 * The text is put in Unicode NFC (text.h) before it is split, so keys,
 * values and body compare and search alike however they were typed.
 *
 * Checks, each an error with FILE:LINE[:COL] in the original file's
 * numbering: invalid UTF-8 anywhere in the file, an opening "---" never
 * closed, front matter larger than MC_FM_MAX_BYTES (1 MB; long data belongs
 * in data/ files), YAML syntax errors (libyaml's reason, with a hint when
 * indentation uses tabs), duplicate keys, front matter that is not a mapping.
 *
 * Memory: mc_frontmatter owns data, lines and body; release them with
 * mc_frontmatter_free. The input text is not kept and may be freed after
 * mc_frontmatter_parse returns.
 */
#ifndef MC_FRONTMATTER_H
#define MC_FRONTMATTER_H

#include <stddef.h>
#include <jansson.h>
#include "diag.h"

#define MC_FM_MAX_BYTES (1024 * 1024)

typedef struct mc_frontmatter {
    json_t *data;      /* owned; always a JSON object (empty without front matter) */
    json_t *lines;     /* owned; line map (see yamljson.h); use mc_fm_line */
    char *body;        /* owned copy, NUL-terminated, CRLF turned into LF */
    const char *body_view; /* mc_frontmatter_view only: the body inside the
                              caller's text (then body is NULL), not NUL-terminated */
    size_t body_len;   /* bytes in body, without the NUL */
    int body_line;     /* line of the original file where body starts (1-based) */
} mc_frontmatter;

/* Parse text[0..len) of the file named `file` (used in messages only).
 * Returns 0 and fills *out, or -1 with d filled and *out zeroed (safe to
 * pass to mc_frontmatter_free either way). */
int mc_frontmatter_parse(const char *file, const char *text, size_t len,
                         mc_frontmatter *out, mc_diag *d);

/* The same, but when the body needs no change (the file is NFC and has no
 * CRLF) it is not copied: body is NULL and body_view points into
 * text, which must then outlive its use. */
int mc_frontmatter_view(const char *file, const char *text, size_t len,
                        mc_frontmatter *out, mc_diag *d);

/* Free what fm owns and zero it. fm may be NULL. */
void mc_frontmatter_free(mc_frontmatter *fm);

/* Line in the original file of the value at path ("title",
 * "documents/2/name"; see yamljson.h for paths), or 0 when there is no such
 * value. For a key it is the key's line. */
int mc_fm_line(const mc_frontmatter *fm, const char *path);

#endif
