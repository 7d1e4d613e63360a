/* fuzz_search_tokens.c — libFuzzer harness: the search tokenizer (the
 * syllable splitter, its lower and folded forms) and the index builder fed
 * with the same text as a body, a title and a procedure code, then encoded
 * into its shard files; on valid UTF-8, as the build checks it first. */
#include "utf8.h"
#include "search_index.h"
#include "syllables.h"
#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static int each(void *ctx, const char *s, size_t len)
{
    mc_diag d;
    size_t n;
    free(mc_lower(s, len, &n, &d)); /* the exact-diacritic form the index keeps */
    (*(size_t *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    mc_diag d;
    if (mc_utf8_check(s, size, "fuzz", 1, &d) != 0) return 0;
    size_t count = 0;
    mc_syllables_each(s, size, each, &count);
    free(mc_syllables_folded(s, size, &d));
    mc_sindex *ix = mc_sindex_new();
    if (!ix) return 0;
    mc_sindex_next_doc(ix);
    mc_sindex_add_text(ix, MC_SF_TITLE, s, size, &d);
    mc_sindex_add_text(ix, MC_SF_BODY, s, size, &d);
    mc_sindex_add_code(ix, s, size, &d);
    mc_sindex_files files;
    if (mc_sindex_write(ix, &files, &d) == 0) mc_sindex_files_free(&files);
    mc_sindex_free(ix);
    return 0;
}
