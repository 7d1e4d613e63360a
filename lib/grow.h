/* grow.h — room for one more item in a growing array.
 *
 * The project's arrays are a pointer, a count and a capacity; adding an
 * item doubles the capacity when it is full:
 *
 *     mc_output *grown = mc_grow(m->outputs, m->noutputs, &m->cap, sizeof *grown, 256);
 *     if (!grown) return -1;
 *     m->outputs = grown;
 *     m->outputs[m->noutputs++] = ...;
 *
 * Memory: returns the array (moved when it grew, *cap then updated), or
 * NULL when out of memory, in which case the old array is unchanged and
 * still the caller's.
 */
#ifndef MC_GROW_H
#define MC_GROW_H

#include <stddef.h>

/* first: the capacity of an empty array's first allocation. */
void *mc_grow(void *items, size_t count, size_t *cap, size_t size, size_t first);

#endif
