/* search_synonyms.h — the names people use for official words, from the
 * site's data/synonyms.yaml, counted as those words in the search index
 * (search_synonyms.c).
 *
 * Citizens search for "sổ đỏ", not "Giấy chứng nhận quyền sử dụng đất";
 * for "CMND", not "căn cước". The site lists each group once:
 *
 *   - official: ["Giấy chứng nhận quyền sử dụng đất", "đăng ký đất đai"]
 *     also: ["sổ đỏ", "sổ hồng"]
 *
 * Wherever a page's field text (title, headings, summary, body) holds one
 * of the official phrases (compared folded, syllable by syllable: marks and
 * case do not matter), every `also` name is added to that field of that
 * page, each as its own text (so "sổ đỏ" is a bigram there, "đỏ sổ" is
 * not). A query for "so do" then finds the land-use procedure as strongly
 * as a query for its title words would. Nothing changes in search.js or
 * in the index format.
 *
 * Memory: mc_synonyms_load returns a set the caller frees with
 * mc_synonyms_free (NULL when the site has none, which is not an error).
 */
#ifndef MC_SEARCH_SYNONYMS_H
#define MC_SEARCH_SYNONYMS_H

#include <stddef.h>
#include "diag.h"
#include "search_index.h"
#include "site.h"

typedef struct mc_synonyms mc_synonyms;

/* The groups of site.data.synonyms. *out is NULL when there are none.
 * Returns 0, or -1 after appending an error per malformed group to errs
 * (data/synonyms.yaml: item N ...). */
int mc_synonyms_load(const mc_site *site, mc_synonyms **out, mc_diag_list *errs);
void mc_synonyms_free(mc_synonyms *s);

/* Adds to ix's current document, in field, the `also` names of every group
 * whose official phrase text[0..n) holds. s may be NULL (nothing to do).
 * Returns 0, or -1 with d set. */
int mc_synonyms_add(const mc_synonyms *s, mc_sindex *ix, int field, const char *text, size_t n,
                    mc_diag *d);

#endif
