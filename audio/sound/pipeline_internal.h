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
 * NULL with d filled. */
FILE *loa_spool_render(const loa_program *p, loa_tts *t, loa_raw_figures *raw, mc_diag *d);

/* The gain (dB) that brings the limited spool to want LUFS; with
 * may_trust the envelope's prediction may be taken without a measured
 * pass (*trusted then 1). 0 or -1. */
int loa_spool_gain(int fd, int rate, const loa_raw_figures *raw, double want,
                   double ceiling, int may_trust, double *gain_db, int *trusted, mc_diag *d);

/* How far (LU) the encoded file may miss the target before it is encoded
 * again, after a trusted prediction or a measured one. */
double loa_gain_allowed_miss(int trusted);

/* One pass over the spool: gain (linear), limiter at ceiling (linear),
 * the samples to emit. 0 or -1. */
int loa_spool_pass(int fd, int rate, double gain, double ceiling,
                   int (*emit)(void *, const float *, size_t), void *ctx, mc_diag *d);

/* The format table's first guesses of what the codec does to the loudness
 * (LU) and the true peak (dB). */
void loa_codec_guess(const loa_output_opts *o, double *offset, double *margin);

/* Checks o; *out_rate the rate the file will have. 0 or -1. */
int loa_output_check(const loa_output_opts *o, int *out_rate, mc_diag *d);

#endif
