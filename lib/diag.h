/* diag.h — one error type for the whole project, and one way to print it.
 *
 * Library code never prints: it fills an mc_diag and returns failure, and the
 * command-line tools decide what to show. Printed form is the GNU one,
 *   FILE:LINE:COL: error: message
 * with LINE and COL left out when unknown (0).
 *
 * Memory: an mc_diag owns nothing on the heap; it holds fixed-size copies of
 * the file name and message, so it can be copied, returned, and dropped.
 */
#ifndef MC_DIAG_H
#define MC_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum mc_severity { MC_ERROR = 0, MC_WARNING = 1 };

typedef struct mc_diag {
    enum mc_severity severity;
    char file[512];     /* "" when there is no file (e.g. a command-line argument) */
    int line;           /* 1-based; 0 when unknown */
    int col;            /* 1-based; 0 when unknown */
    char message[1024]; /* "what went wrong, and what to do", no trailing newline */
} mc_diag;

/* Fill d (if d is not NULL) with an error at file:line:col. Returns -1 so
 * callers can write `return mc_diag_set(d, ...);`. file may be NULL. */
int mc_diag_set(mc_diag *d, const char *file, int line, int col,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int mc_diag_vset(mc_diag *d, const char *file, int line, int col,
                 const char *fmt, va_list ap);

/* Same as mc_diag_set but marks the diagnostic a warning. Returns 0. */
int mc_diag_warn(mc_diag *d, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "out of memory" at file (may be NULL) into d; returns -1. The one
 * message every module gives when an allocation fails. */
int mc_diag_oom(mc_diag *d, const char *file);

/* Clear d to "no error". */
void mc_diag_clear(mc_diag *d);

/* Write "FILE:LINE:COL: error: message\n" (parts omitted when unknown). */
void mc_diag_print(FILE *out, const mc_diag *d);

/* Format into buf (size n) without the newline; returns buf. */
const char *mc_diag_format(const mc_diag *d, char *buf, size_t n);

/* A growing list of diagnostics, for stages that report every problem they
 * find rather than stopping at the first. Zero-initialise it; the list owns
 * its array, freed by mc_diag_list_free. */
typedef struct mc_diag_list {
    mc_diag *items;
    size_t count, cap;
    size_t errors;          /* how many items are MC_ERROR */
    size_t max_warnings;    /* keep at most this many warnings; 0 = all */
    size_t warnings_dropped;/* warnings counted but not kept (max_warnings) */
} mc_diag_list;

/* Appends a copy of d (a warning past max_warnings is only counted in
 * warnings_dropped: a site with thousands of incomplete pages would
 * otherwise hold megabytes of messages nobody is shown). Returns -1 when d
 * is an error (so callers can
 * `return mc_diag_list_add(...)`), 0 for a warning or when out of memory
 * (the diagnostic is then counted but not kept). */
int mc_diag_list_add(mc_diag_list *l, const mc_diag *d);
/* Appends an error made as mc_diag_set makes it; returns -1. */
int mc_diag_list_error(mc_diag_list *l, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends mc_diag_oom's error; returns -1. */
int mc_diag_list_oom(mc_diag_list *l);
/* Appends every item of src to dst. */
void mc_diag_list_merge(mc_diag_list *dst, const mc_diag_list *src);
void mc_diag_list_print(FILE *out, const mc_diag_list *l);
void mc_diag_list_free(mc_diag_list *l);

#endif
