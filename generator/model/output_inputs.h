/* output_inputs.h — what an output is made from, said in one place.
 *
 * Besides what every output shares (the theme's templates, the
 * per-language context from site.yaml and the theme words, the generator's
 * version), an output is made from:
 *   a page output       its page: its card, its Markdown body, and the URLs
 *                       its .md links resolve to;
 *   a templated output  its context, and the _index pages whose bodies are
 *                       the introductions of its "list" and its "home";
 *   bytes               its bytes (feeds, the search index...);
 *   a copy              its source file;
 * and, for the outputs that show announcement audio, the audio's key
 * (announce_audio.h, the key salt).
 *
 * Rendering (render.c) fetches the introductions through
 * mc_output_intro, the output keys (incremental.c) hash exactly the same,
 * and the quick path for text edits (edit_build.c) asks
 * mc_page_text_read_elsewhere whether any output but a page's own reads
 * its text: when one does, an edit of that text must go through the full
 * build. A new kind of input is added here, so that the three cannot
 * drift apart and leave a stale file behind.
 *
 * Memory: mc_intro_map returns a new reference (json_decref); pages are
 * borrowed from the model.
 */
#ifndef MC_OUTPUT_INPUTS_H
#define MC_OUTPUT_INPUTS_H

#include <jansson.h>
#include "content.h"
#include "model.h"

/* The context keys whose object may name an introduction (intro_file). */
#define MC_INTRO_KEYS 2
extern const char *const mc_intro_keys[MC_INTRO_KEYS];

/* Content-relative file → index in m->pages of every _index page. */
json_t *mc_intro_map(const mc_model *m);

/* The _index page whose body is the introduction of ctx[key] (key one of
 * mc_intro_keys), or NULL. map from mc_intro_map. */
const mc_page *mc_output_intro(const mc_model *m, json_t *map, json_t *ctx, const char *key);

/* 1 when an output other than p's own page and the search index reads
 * p's text: an _index page (the introduction of a list or the home page)
 * or an announcement (its audio). The search index holds every page's
 * words; the quick path updates it in place (search_patch.h). */
int mc_page_text_read_elsewhere(const mc_page *p);

/* 1 when rel names an _index file ("thu-tuc/_index.md", "_index.en.md"). */
int mc_is_index_file(const char *rel);

#endif
