/* section.h — typed values from one section of site.yaml ("audio",
 * "audio/remote"), each wrong value an error at its line:
 *   site.yaml:7: error: audio: remote: api must be one of openai, ...
 * A missing key leaves *out as it was (the caller's default).
 *
 * Memory: values returned in *out are borrowed from the section's JSON.
 */
#ifndef MC_SECTION_H
#define MC_SECTION_H

#include <jansson.h>
#include "diag.h"

typedef struct mc_section {
    const char *file;      /* "site.yaml", for messages */
    const json_t *root;    /* the whole file's data and its line map */
    const json_t *lines;   /*   (yamljson.h) */
    const json_t *obj;     /* the section itself (may be NULL: all keys missing) */
    const char *path;      /* its path in root: "audio/remote" */
    mc_diag *d;
} mc_section;

/* "SECTION: KEY must be WANT" at the key's line; returns -1. */
int mc_section_bad(const mc_section *s, const char *key, const char *want);

/* Text; with nonempty, "" is refused too. */
int mc_section_str(const mc_section *s, const char *key, int nonempty, const char **out);

/* A number in [lo, hi]; lo > hi means any number. */
int mc_section_num(const mc_section *s, const char *key, double lo, double hi, double *out);

/* A whole number in [lo, hi]; lo > hi means any whole number. */
int mc_section_int(const mc_section *s, const char *key, int lo, int hi, int *out);

#endif
