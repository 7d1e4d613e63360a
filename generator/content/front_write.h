/* front_write.h — the text of a content file as a person writes it by
 * hand: YAML front matter between "---" lines, then the Markdown body.
 *
 * Used when a tool (the content editor of `motcua serve`) saves a page, so
 * that a saved file reads and diffs like a hand-written one:
 *   - key order: title and date first (as `motcua new` writes them), then
 *     the kind's keys in the order of its field table (fields.h), then any
 *     other key in the order it came;
 *   - strings in double quotes ("\"" and "\\" escaped, a line break as
 *     \n), except allowed values (codes: `level: xa`) and dates
 *     (`date: 2026-12-01`), which are written bare when they are plain;
 *     numbers and true/false bare; a null or an empty string of a key that
 *     is not required is left out;
 *   - lists one item a line ("  - "), an item that is a mapping with its
 *     keys under it in its item table's order; an empty list is "[]";
 *     tags (MC_F_TAGS) on one line: tags: ["Hộ tịch", "Cư trú"];
 *   - the body after the closing "---", ending with one line break.
 *
 * Memory: the returned text is malloc'd for the caller.
 */
#ifndef MC_FRONT_WRITE_H
#define MC_FRONT_WRITE_H

#include <jansson.h>
#include <stddef.h>
#include "fields.h"

/* The file for params (an object) of a page whose kind has the keys of
 * table (may be NULL: every key in the order it came) and body (may be
 * NULL). NULL when out of memory. */
char *mc_front_write(const mc_field *table, const json_t *params, const char *body);

/* s as a double-quoted YAML string. Caller frees; NULL when out of memory. */
char *mc_yaml_quoted(const char *s);

#endif
