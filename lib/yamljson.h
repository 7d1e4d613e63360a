/* yamljson.h — load YAML text into Jansson values, remembering the line of
 * every value.
 *
 * Used for front matter (frontmatter.h), site.yaml, i18n files and the
 * YAML files in data/.
 * The text must already be valid UTF-8 (mc_utf8_check).
 *
 * Typing (YAML 1.2 core schema, for plain = unquoted scalars only):
 *   null, Null, NULL, ~, empty            -> json null
 *   true/True/TRUE, false/False/FALSE     -> json boolean
 *   123, -7, +7, 0x1F, 0o17               -> json integer
 *   1.5, -0.5, .5, 1e3, 2.5E-3            -> json real
 *   everything else                       -> json string
 * Quoted, literal (|) and folded (>) scalars are always strings, as are
 * scalars tagged !!str or '!'. Deliberate exceptions, so no text is lost:
 *   - decimal integers with a leading zero ("0912345678", a phone number)
 *     stay strings;
 *   - integers outside 64 bits and reals that overflow stay strings;
 *   - .inf, -.inf and .nan stay strings (JSON cannot hold them).
 * Dates and times ("2026-11-26", "2026-11-26T08:00:00+07:00", "08:00") are
 * not in the core schema and stay strings. Keys are always the scalar's text
 * ("123: x" has key "123"); a key that is a list or mapping is an error, and
 * so is the same key twice in one mapping. Other tags (!!binary, !include...)
 * are errors. The YAML 1.1 merge key "<<" is an ordinary key.
 *
 * Anchors and aliases: "*name" is replaced by a deep copy of the value of the
 * anchor "&name" defined before it. The whole loaded tree (aliases counted
 * with their full size) may hold at most MC_YAML_MAX_NODES values, and nest
 * at most MC_YAML_MAX_DEPTH levels, so "billion laughs" files fail fast.
 *
 * Lines: Jansson values cannot carry extra data, so the loader also returns a
 * "line map": a flat JSON object from a path to a 1-based line number in the
 * ORIGINAL file. A path names a value like a JSON pointer without the leading
 * '/': "" is the root, "title" a top-level key, "documents/2/name" the key
 * "name" of the third item of the list "documents". In keys, '~' is written
 * "~0" and '/' is written "~1". For a mapping member the line is the line of
 * its key; for a list item it is the line where the item starts. Values that
 * came from an alias have only the alias's line; mc_yaml_line answers the
 * nearest enclosing line for paths inside them.
 *
 * Memory: returned json_t values (data and line map) belong to the caller
 * (json_decref). The input text is only read and may be freed after the call.
 */
#ifndef MC_YAMLJSON_H
#define MC_YAMLJSON_H

#include <stddef.h>
#include <jansson.h>
#include "diag.h"

#define MC_YAML_MAX_NODES 2000000
#define MC_YAML_MAX_DEPTH 100

/* Parse one YAML document from text[0..len). first_line is the line number
 * in the original file of text's first line (1 for a whole file). A UTF-8 BOM
 * at the start is skipped. Returns a new reference to the value (json null
 * for an empty document or one with only comments), and, when lines_out is
 * not NULL, a new line map in *lines_out. On error returns NULL, sets
 * *lines_out to NULL and fills d as FILE:LINE:COL with libyaml's reason and
 * "check the YAML near this line". file names the file in messages. */
json_t *mc_yaml_load(const char *file, const char *text, size_t len,
                     int first_line, json_t **lines_out, mc_diag *d);

/* The same, with `what` naming the text in the syntax-error hint
 * ("the front matter" gives "check the front matter near this line");
 * NULL means "the YAML". */
json_t *mc_yaml_load_named(const char *file, const char *text, size_t len,
                           int first_line, const char *what,
                           json_t **lines_out, mc_diag *d);

/* Line of the value at path (see above) in data, using the line map lines.
 * Returns the 1-based line, or the line of the nearest enclosing value that
 * has one (values copied from aliases), or 0 when path names no value in
 * data or lines is NULL. */
int mc_yaml_line(const json_t *data, const json_t *lines, const char *path);

/* Append key to a path buffer as one segment, escaped ('~' -> "~0",
 * '/' -> "~1"), with a '/' before it unless path is empty. Writes at most n
 * bytes including the NUL; returns 0, or -1 when it does not fit. Handy for
 * callers building paths for mc_yaml_line from arbitrary keys. */
int mc_yaml_path_append(char *path, size_t n, const char *key);

#endif
