/* pipeline_internal.h — the stages of pipeline.c, for parts.c, which runs
 * them on the parts of a program (the shared body, each ward's opening and
 * closing) instead of on the whole.
 *
 * Memory: loa_spool_render returns a temporary file the caller fcloses
 * and fills raw, whose envelope the caller frees (loa_envelope_free), also
 * on failure.
 */
#ifndef LOA_PIPELINE_INTERNAL_H
#define LOA_PIPELINE_INTERNAL_H

#include "envelope.h"
#include "pipeline.h"

#include <stdio.h>

/* What the render pass learns about the program before any gain. */
typedef struct loa_raw_figures {
    double lufs;            /* integrated loudness */
    double peak_db;         /* true peak (estimate), dBTP */
    loa_envelope env;       /* levels and peaks per 10 ms, for the gain search */
} loa_raw_figures;

/* p rendered with t into a spool (rewound), its raw figures in *raw;
 * NULL with d filled. at[k]: the samples rendered before segment
 * marks[k] (loa_program_render); the spool holds LOA_PEAK_TAPS / 2
 * samples more at its start. threads 2: the engine on the calling thread,
 * the spool written on another (worth it for long programs); 1: all on
 * the calling thread (a ward's few seconds: a thread costs more than it
 * saves). */
FILE *loa_spool_render(const loa_program *p, loa_tts *t, const size_t *marks, size_t nmarks,
                       size_t *at, int threads, loa_raw_figures *raw, mc_diag *d);

/* The gain search and the encode-again rule, one for the whole program
 * (pipeline.c) and for the parts (parts.c). loa_gain_start finds the
 * first gain and ceiling (the envelope's prediction where it is trusted,
 * else measured passes); after each encoding, loa_gain_next takes the
 * encoded file's loudness and true peak and says 1: accepted, 0: encode
 * again at the gain and ceiling it has set, -1: failed (d filled). A
 * silent program is accepted at once (gain 0). g keeps raw and o. */
typedef struct loa_gain_loop {
    int fd, rate;
    const loa_raw_figures *raw;
    const loa_output_opts *o;
    double offset;          /* what the codec is taken to add, LU */
    double gain_db, ceiling_db;
    int trusted, silent;
    int tries;              /* encodings so far, counting the next */
} loa_gain_loop;

int loa_gain_start(loa_gain_loop *g, int fd, int rate, const loa_raw_figures *raw,
                   const loa_output_opts *o, mc_diag *d);
int loa_gain_next(loa_gain_loop *g, double lufs, double peak_db, mc_diag *d);

/* One pass over the spool: gain (linear), limiter at ceiling (linear),
 * the samples to emit. 0 or -1. */
int loa_spool_pass(int fd, int rate, double gain, double ceiling,
                   int (*emit)(void *, const float *, size_t), void *ctx, mc_diag *d);

/* "The voice produced no audible sound…" into d; returns -1. */
int loa_no_sound(mc_diag *d);

/* The rate a file of o will have: the format's own, o's, or 44.1 kHz. */
int loa_output_rate(const loa_output_opts *o);

/* Checks o; *out_rate the rate the file will have (loa_output_rate). 0 or -1. */
int loa_output_check(const loa_output_opts *o, int *out_rate, mc_diag *d);

#endif
