/* resample.c — libsoxr behind resample.h.
 *
 * soxr_process is called with the caller's block and a fixed output buffer
 * sized for the rate ratio plus slack; it may keep input back (its filter
 * delay), which soxr_process(NULL, 0) drains at the end.
 */
#include "resample.h"

#include <soxr.h>
#include <stdlib.h>

#define LOA_RS_OUT 8192

struct loa_resampler {
    soxr_t soxr;          /* NULL when the rates are equal */
    loa_pcm_sink sink;
    void *ctx;
    float out[LOA_RS_OUT];
};

loa_resampler *loa_resampler_new(int in_rate, int out_rate, loa_pcm_sink sink,
                                 void *ctx, mc_diag *d)
{
    /* malloc, not calloc: out needs no zeros, and jemalloc zeroes a
     * reused block by handing its pages back (an madvise that stops the
     * other core), once per ward part */
    loa_resampler *r = malloc(sizeof *r);
    if (!r) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    r->soxr = NULL;
    r->sink = sink;
    r->ctx = ctx;
    if (in_rate == out_rate) return r;
    soxr_error_t err = NULL;
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    r->soxr = soxr_create(in_rate, out_rate, 1, &err, &io, &q, NULL);
    if (err || !r->soxr) {
        mc_diag_set(d, NULL, 0, 0, "cannot resample %d Hz to %d Hz: %s", in_rate, out_rate,
                    err ? err : "unknown soxr error");
        free(r);
        return NULL;
    }
    return r;
}

static int drain(loa_resampler *r, const float *x, size_t n, mc_diag *d)
{
    size_t in_done = 0, out_done = 0;
    do {
        soxr_error_t err = soxr_process(r->soxr, x, n, &in_done, r->out, LOA_RS_OUT, &out_done);
        if (err) return mc_diag_set(d, NULL, 0, 0, "resampling failed: %s", err);
        if (out_done && r->sink(r->ctx, r->out, out_done) != 0) return -1;
        if (x) { x += in_done; n -= in_done; }
    } while ((x && n > 0) || (!x && out_done > 0));
    return 0;
}

int loa_resampler_push(loa_resampler *r, const float *x, size_t n, mc_diag *d)
{
    if (!n) return 0;
    if (!r->soxr) return r->sink(r->ctx, x, n) != 0 ? -1 : 0;
    return drain(r, x, n, d);
}

int loa_resampler_flush(loa_resampler *r, mc_diag *d)
{
    if (!r->soxr) return 0;
    return drain(r, NULL, 0, d);
}

void loa_resampler_free(loa_resampler *r)
{
    if (!r) return;
    if (r->soxr) soxr_delete(r->soxr);
    free(r);
}
