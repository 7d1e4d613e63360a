/* fuzz_frontmatter.c — libFuzzer harness: a content file's bytes through the
 * front-matter reader (BOM, CRLF, the YAML loader with its line map and
 * limits), the way the generator reads every page. */
#include "frontmatter.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    mc_frontmatter fm;
    mc_diag d;
    if (mc_frontmatter_parse("fuzz.md", text, size, &fm, &d) == 0) {
        (void)mc_fm_line(&fm, "title");
        mc_frontmatter_free(&fm);
    }
    if (mc_frontmatter_view("fuzz.md", text, size, &fm, &d) == 0) mc_frontmatter_free(&fm);
    free(text);
    return 0;
}
