/* grow.c — growing arrays by doubling (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *mc_grow(void *items, size_t count, size_t *cap, size_t size, size_t first)
{
    if (count < *cap && items) return items;
    size_t want = *cap ? *cap * 2 : first;
    if (want <= count) want = count + 1;
    if (size && want > SIZE_MAX / size) return NULL;
    void *grown = realloc(items, want * size);
    if (grown) *cap = want;
    return grown;
}
