/* search.h — the site search: the page /tim-kiem/ and the index it reads.
 *
 * After the model (and the feeds) exist, mc_search_add indexes every
 * published Vietnamese page — procedures, journeys, plain pages, news,
 * announcements; not abolished procedures, which no one can apply for any
 * more — plus the first page of each section list and
 * procedure-field list, so "thu tuc hanh chinh" can find /thu-tuc/ itself.
 * Indexed per page (search_index.h has the weights): title; procedure
 * code; Markdown headings, field and tags (as HEADING); summary; the body
 * with its Markdown stripped and, for procedures, the text of the guide's
 * front matter (steps, documents, conditions, fees…). Where a field holds
 * official words the site's data/synonyms.yaml names, the names people use
 * are indexed in that field too (search_synonyms.h: "sổ đỏ").
 *
 * Outputs (all under tim-kiem/):
 *   index.html        template "search", given the base context plus
 *                       page:   {title, kind: "search", url, permalink}
 *                       search: {index (URL of the index folder), version,
 *                                procedures ("FROM TO": the documents
 *                                FROM..TO-1 are the procedures in force,
 *                                which rank a little higher), docs,
 *                                shards, per_doc_file, script (URL of
 *                                js/search.js), fields: [{slug, name}],
 *                                has_fields}
 *   index/t/K.json, index/w/K-J.json   the term dictionary (search_index.h)
 *   index/d/K.json    documents MC_SEARCH_PER_DOC_FILE*K…: an array of
 *                     [url (after the base path), title, kind letter, meta,
 *                     excerpt]; kind letters: l section list, f field list,
 *                     p procedure, j journey, g page, n news, a announcement; meta is
 *                     the field (procedures), the date dd/mm/yyyy (news,
 *                     announcements) or the number of items (lists).
 *   index/f.json      procedure filters, read only when a filter is used:
 *                     {"fields": [slug…], "f": [0 | 1 + field index, per
 *                     document], "l": one character per document: t tinh,
 *                     h huyen, x xa, - none; "o": f toan_trinh, p mot_phan,
 *                     - neither}
 * The version is the XOR of mc_sindex_file_hash of every index file
 * (search_index.h), so a build that rewrites a few can update it; search.js adds it to each
 * URL it fetches, so a browser never mixes files of two builds.
 *
 * A theme without templates/search.mustache gets neither the page nor the
 * index.
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_SEARCH_H
#define MC_SEARCH_H

#include "diag.h"
#include "model.h"
#include "search_index.h"
#include "search_synonyms.h"

/* Documents per index/d/K.json file. */
#define MC_SEARCH_PER_DOC_FILE 16
/* Longest excerpt kept per document, in bytes. */
#define MC_SEARCH_EXCERPT 320

/* The path of the records file K in the index folder. */
#define MC_SEARCH_DOC_FILE "d/%zu.json"
/* The search page's output and the index folder. */
#define MC_SEARCH_PAGE "tim-kiem/index.html"
#define MC_SEARCH_INDEX_DIR "tim-kiem/index/"

/* Adds the search page and its index. Each indexed page gets its
 * document number + 1 in search_doc (0: not indexed). Returns 0, or -1 after appending an
 * error to errs. */
int mc_search_add(mc_model *m, mc_diag_list *errs);

/* Indexes page p (published, of the model m) as the current document of
 * ix, as the build does, with the site's synonyms syn (search_synonyms.h;
 * NULL: none); returns its record [url, title, kind, meta, excerpt] (a new
 * reference), or NULL with d set. */
json_t *mc_search_index_page(mc_sindex *ix, const mc_synonyms *syn, const mc_model *m,
                             const mc_page *p, mc_diag *d);

/* The plain text of Markdown md[0..n) (links without their targets, no
 * markup characters), and its ATX headings one per line. Caller frees both. */
int mc_search_plain_text(const char *md, size_t n, char **text, char **headings);

#endif
