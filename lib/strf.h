/* strf.h — strings built in one call: a printf into new memory, and a path
 * joined from a folder and a name. Every module that makes paths and URLs
 * uses these instead of sizing buffers by hand.
 *
 * Memory: both return a string the caller frees with free(); NULL when out
 * of memory.
 */
#ifndef MC_STRF_H
#define MC_STRF_H

#include <stddef.h>

char *mc_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "dir/name"; no '/' when either part is empty ("" + "a.md" = "a.md"). */
char *mc_path2(const char *dir, const char *name);

/* bytes[0..n) as 2n lowercase hex digits and a NUL into out (2n+1 bytes,
 * the caller's). */
void mc_hex(const unsigned char *bytes, size_t n, char *out);

#endif
