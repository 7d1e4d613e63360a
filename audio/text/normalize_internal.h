/* normalize_internal.h — what the normaliser's own files share.
 *
 * normalize.c owns the loa_normalizer; normalize_markdown.c cuts Markdown
 * into utterances; normalize_rules.c turns one utterance into spoken words.
 */
#ifndef LOA_NORMALIZE_INTERNAL_H
#define LOA_NORMALIZE_INTERNAL_H

#include "normalize.h"
#include "normalize_dict.h"
#include "normalize_text.h"

struct loa_normalizer {
    loa_style style;
    loa_dict *dict;
};

/* Append the spoken form of one utterance text[0..n) (no newlines) to out;
 * trace (may be NULL) is called after each token. */
void loa_say_utterance(const loa_normalizer *nz, const char *text, size_t n,
                       mc_buf *out, loa_token_fn trace, void *trace_arg);

/* Called for each utterance found in Markdown (plain text, markup removed
 * except what loa_say_utterance handles). */
typedef void (*loa_utterance_fn)(void *arg, const char *text, size_t n);

/* Split Markdown text[0..n) into utterances, calling fn for each. */
void loa_markdown_utterances(const char *text, size_t n, loa_utterance_fn fn,
                             void *arg);

/* Markdown inline markup removed from s[0..n), appended to out. */
void loa_markdown_inline(const char *s, size_t n, mc_buf *out);

#endif
