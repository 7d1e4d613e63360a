/* fuzz_text.c — libFuzzer harness: NFC, fold and slug (the keys of URLs and
 * search) on any bytes; ill-formed UTF-8 must come back as an error. Checks
 * what the functions promise: the slug is ASCII letters, digits and single
 * inner hyphens, and fold(nfc(x)) == fold(x). */
#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    mc_diag d;
    size_t nl = 0, fl = 0, gl = 0;
    char *nfc = mc_nfc(s, size, &nl, &d);
    char *fold = mc_fold(s, size, &fl, &d);
    char *slug = mc_slug(s, size, &d);
    if (nfc && fold) {
        char *fold2 = mc_fold(nfc, nl, &gl, &d);
        if (!fold2 || gl != fl || memcmp(fold, fold2, fl) != 0) abort();
        free(fold2);
    }
    if (slug) {
        size_t n = strlen(slug);
        for (size_t i = 0; i < n; i++) {
            char c = slug[i];
            int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     (c == '-' && i > 0 && i + 1 < n && slug[i - 1] != '-');
            if (!ok) abort();
        }
    }
    (void)mc_has_words(nfc ? nfc : "");
    free(nfc);
    free(fold);
    free(slug);
    return 0;
}
