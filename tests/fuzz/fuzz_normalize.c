/* fuzz_normalize.c — libFuzzer harness: text through the normaliser (the
 * words the voice says: numbers, dates, times, money, units, abbreviations,
 * legal document numbers, URLs), in both reading styles. The first byte
 * picks the style; invalid UTF-8 must be refused, not read. */
#include "normalize.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static loa_normalizer *styles[2];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    int south = data[0] & 1;
    mc_diag d;
    if (!styles[south]) styles[south] = loa_normalizer_new(south ? LOA_SOUTH : LOA_NORTH, &d);
    if (!styles[south]) return 0;
    free(loa_normalize(styles[south], (const char *)data + 1, size - 1, &d));
    free(loa_normalize_line(styles[south], (const char *)data + 1, size - 1, &d));
    return 0;
}
