/* biquad.h — one second-order filter section in transposed direct form
 * II, shared by the recording's high-pass (voice_clean.c) and the
 * envelope's K-weighting (envelope.c). Each output waits on one
 * multiply-add of its own state, so two sections run one after the other
 * per sample overlap in the processor.
 *
 * Memory: a plain value the caller owns.
 */
#ifndef LOA_BIQUAD_H
#define LOA_BIQUAD_H

#include <math.h>

typedef struct loa_biquad {
    double b0, b1, b2, a1, a2;
    double s1, s2;          /* state */
} loa_biquad;

static inline double loa_biquad_run(loa_biquad *h, double in)
{
    double y = h->b0 * in + h->s1;
    h->s1 = h->b1 * in - h->a1 * y + h->s2;
    h->s2 = h->b2 * in - h->a2 * y;
    return y;
}

/* State under 1e-30 set to 0, so silence never turns denormal (slow);
 * once per block of samples is enough. */
static inline void loa_biquad_flush(loa_biquad *h)
{
    if (fabs(h->s1) < 1e-30) h->s1 = 0.0;
    if (fabs(h->s2) < 1e-30) h->s2 = 0.0;
}

#endif
