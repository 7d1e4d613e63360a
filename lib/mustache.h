/* mustache.h — a logic-less Mustache template engine over Jansson data.
 *
 * Complete to the official Mustache spec: interpolation, sections, inverted
 * sections, comments, partials, set delimiters, template inheritance
 * ({{<parent}} and {{$block}}) and dynamic names ({{>*name}}, {{<*name}}).
 * Lambdas are not supported: templates are logic-less, and the generator puts
 * ready values in the context.
 *
 * Use:
 *   mc_tmpl_set *set = mc_tmpl_set_new_dir("themes/default/templates", 1);
 *   mc_tmpl *page = mc_tmpl_get(set, "page", &d);      // page.mustache
 *   char *html = mc_tmpl_render(set, page, data, &len, &d);
 *   ...; free(html);                                   // render again at will
 *   mc_tmpl_set_free(set);                             // frees every mc_tmpl
 *
 * A template is parsed once into a tree and rendered any number of times.
 * Partials ({{>name}}) and parents ({{<name}}) are found by name through the
 * set's loader and cached after their first parse:
 *   - a directory loader reads DIR/NAME.mustache; names containing "..", a
 *     backslash, or starting with "/" are refused (they would leave DIR);
 *   - a JSON loader looks NAME up in a {name: template text} object.
 *
 * Data: false, null and the empty array are falsey; everything else
 * (including "" and 0) is truthy. Values print as: strings as they are,
 * integers plainly, reals in the shortest form that reads back the same
 * (1.21 prints "1.21"), true/false as "true"/"false", null as nothing.
 * {{name}} escapes & < > " ' as &amp; &lt; &gt; &quot; &#39;.
 *
 * Missing partials and parents render as nothing, as the spec says, unless
 * the set is strict: then they are an error naming the file to create. A
 * dynamic name that does not resolve to a string is treated the same way.
 *
 * Errors come back as an mc_diag "TEMPLATE:LINE: error: ..." (TEMPLATE is
 * the file path for the directory loader, else the name given); nothing is
 * printed. Detected: unclosed tag, unclosed section, mismatched closing tag,
 * bad set-delimiter tag, invalid UTF-8 (with line and column), sections
 * nested more than MC_TMPL_MAX_DEPTH deep, and partial/parent/block
 * expansion more than MC_TMPL_MAX_DEPTH levels deep (endless recursion, parent
 * cycles).
 *
 * Memory: the set owns every mc_tmpl it returns (from mc_tmpl_get or
 * mc_tmpl_parse); they stay valid until mc_tmpl_set_free. mc_tmpl_render
 * returns a NUL-terminated string the caller frees with free(). Data and the
 * partials object are borrowed: the JSON set takes its own reference to the
 * partials object; data only needs to live through the render call.
 * A set is not thread-safe (its cache fills in while rendering).
 */
#ifndef MC_MUSTACHE_H
#define MC_MUSTACHE_H

#include <stddef.h>
#include <jansson.h>
#include "diag.h"

/* Deepest nesting of partials/parents/blocks while rendering, and of
 * sections within one template. */
#define MC_TMPL_MAX_DEPTH 100

typedef struct mc_tmpl_set mc_tmpl_set; /* loader + cache of parsed templates */
typedef struct mc_tmpl mc_tmpl;         /* one parsed template, owned by its set */

/* A set loading DIR/NAME.mustache. strict: missing partials/parents are
 * errors. Returns NULL only when out of memory. dir is copied. */
mc_tmpl_set *mc_tmpl_set_new_dir(const char *dir, int strict);

/* A template file that is a symbolic link is read only when its target
 * lies inside confine (safepath.h's rule; by default dir itself). A
 * generator passes the site folder, so a theme may link to another theme
 * of the same site. confine is copied. Returns 0, or -1 when out of memory. */
int mc_tmpl_set_confine(mc_tmpl_set *set, const char *confine);

/* A set loading templates from a JSON object {name: "template text"}.
 * partials may be NULL (no partials); the set holds its own reference. */
mc_tmpl_set *mc_tmpl_set_new_json(json_t *partials, int strict);

/* Frees the set, every template it parsed, and its partials reference. */
void mc_tmpl_set_free(mc_tmpl_set *set);

/* Loads, checks (UTF-8), parses and caches template NAME; later calls return
 * the cached tree. A missing template is always an error here. NULL + d on
 * failure. */
mc_tmpl *mc_tmpl_get(mc_tmpl_set *set, const char *name, mc_diag *d);

/* Parses text[0..len) as a template named NAME (used in messages only; it
 * is not registered as a partial). Owned by the set. NULL + d on failure. */
mc_tmpl *mc_tmpl_parse(mc_tmpl_set *set, const char *name, const char *text,
                       size_t len, mc_diag *d);

/* Renders t (which must belong to set) with data as the context (NULL: no
 * data). Returns a malloc'd NUL-terminated string, its length in *len_out
 * (if not NULL); NULL + d on failure. The caller frees the result. */
char *mc_tmpl_render(mc_tmpl_set *set, const mc_tmpl *t, json_t *data,
                     size_t *len_out, mc_diag *d);

/* Checks, without rendering, that every partial and parent t names (and
 * those they name, transitively) exists and parses, so a typo in a branch no
 * data reaches is still found. Dynamic names are skipped: they are known
 * only when rendering. Returns 0, or -1 with d at the tag's TEMPLATE:LINE. */
int mc_tmpl_check_refs(mc_tmpl_set *set, const mc_tmpl *t, mc_diag *d);

#endif
