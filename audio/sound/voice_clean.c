/* voice_clean.c — high-pass, voice bounds and compressor for recorded
 * voices (see voice_clean.h). Small DSP written out: a biquad, a level
 * histogram and a one-pole envelope compressor; nothing here is worth a
 * library dependency of its own.
 */
#include "voice_clean.h"

#include <math.h>
#include <string.h>

#define MIN_DB -120.0

static void biquad_highpass(loa_biquad *h, int rate, double cutoff_hz, double q)
{
    memset(h, 0, sizeof *h);
    double w0 = 2.0 * M_PI * cutoff_hz / rate, cw = cos(w0), alpha = sin(w0) / (2.0 * q);
    double a0 = 1.0 + alpha;
    h->b0 = (1.0 + cw) / 2.0 / a0;
    h->b1 = -(1.0 + cw) / a0;
    h->b2 = h->b0;
    h->a1 = -2.0 * cw / a0;
    h->a2 = (1.0 - alpha) / a0;
}

/* The Q of the two sections of a fourth-order Butterworth filter. */
void loa_highpass_init(loa_highpass *h, int rate, double cutoff_hz)
{
    biquad_highpass(&h->stage[0], rate, cutoff_hz, 0.54119610);
    biquad_highpass(&h->stage[1], rate, cutoff_hz, 1.30656296);
}

/* Both sections in one loop (biquad.h): the second works on sample i
 * while the first computes i + 1 (the direct form with both sections
 * apart waited on four multiply-adds a sample, 3 % of rendering a
 * recording). */
void loa_highpass_run(loa_highpass *h, float *x, size_t n)
{
    loa_biquad a = h->stage[0], b = h->stage[1];
    for (size_t i = 0; i < n; i++) x[i] = (float)loa_biquad_run(&b, loa_biquad_run(&a, x[i]));
    loa_biquad_flush(&a);
    loa_biquad_flush(&b);
    h->stage[0] = a;
    h->stage[1] = b;
}

double loa_frame_db(const float *x, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += (double)x[i] * x[i];
    double db = n && sum > 0 ? 10.0 * log10(sum / n) : MIN_DB;
    return db < MIN_DB ? MIN_DB : db;
}

void loa_levels_add(loa_levels *l, double db)
{
    long bin = lround((db - MIN_DB) * 2.0);
    if (bin < 0) bin = 0;
    if (bin >= LOA_LEVEL_BINS) bin = LOA_LEVEL_BINS - 1;
    l->hist[bin]++;
    l->frames++;
}

double loa_levels_quantile(const loa_levels *l, double q)
{
    size_t want = (size_t)(q * (double)l->frames), seen = 0;
    for (size_t b = 0; b < LOA_LEVEL_BINS; b++) {
        seen += l->hist[b];
        if (seen > want) return MIN_DB + (double)b / 2.0;
    }
    return 0.0;
}

#define WINDOW 10       /* frames: 100 ms */
#define NEED 6          /* frames above the threshold in a window */

static int window_voiced(const float *db, size_t n, size_t at, double thr)
{
    int above = 0;
    for (size_t k = at; k < at + WINDOW && k < n; k++) above += db[k] > thr;
    return above >= NEED;
}

void loa_voice_find(const float *db, size_t n, const loa_levels *l, loa_voice_bounds *b)
{
    memset(b, 0, sizeof *b);
    b->speech_db = loa_levels_quantile(l, 0.95);
    b->noise_db = loa_levels_quantile(l, 0.10);
    double thr = fmax(b->noise_db + 10.0, b->speech_db - 35.0);
    b->threshold_db = fmin(thr, b->speech_db - 15.0);
    size_t i = 0;
    while (i < n && !window_voiced(db, n, i, b->threshold_db)) i++;
    if (i >= n) return;
    while (i < n && db[i] <= b->threshold_db) i++;       /* the window's first voiced frame */
    size_t j = n;
    while (j > i && !window_voiced(db, n, j - 1 >= WINDOW ? j - WINDOW : 0, b->threshold_db)) j--;
    while (j > i && db[j - 1] <= b->threshold_db) j--;   /* its last voiced frame */
    b->first_frame = i;
    b->end_frame = j;
    /* a voice stands out of the room noise (its pauses), or is loud */
    b->found = j > i && (b->speech_db - b->noise_db >= 12.0 || b->speech_db >= -35.0);
}

#define CONTROL 16      /* samples per gain update (the gain is ramped between) */

void loa_compressor_init(loa_compressor *c, int rate, double threshold_db)
{
    memset(c, 0, sizeof *c);
    c->threshold_db = threshold_db;
    c->ratio = 3.0;
    c->knee_db = 6.0;
    c->det_att = exp(-1.0 / (0.005 * rate));
    c->det_rel = exp(-1.0 / (0.100 * rate));
    c->g_att = exp(-CONTROL / (0.010 * rate));
    c->g_rel = exp(-CONTROL / (0.150 * rate));
    c->lin = 1.0;
}

/* Gain reduction (dB, <= 0) for a level, with the soft knee. */
static double reduction(const loa_compressor *c, double level_db)
{
    double over = level_db - c->threshold_db, half = c->knee_db / 2.0, slope = 1.0 - 1.0 / c->ratio;
    if (over <= -half) return 0.0;
    if (over >= half) return -slope * over;
    double k = over + half;
    return -slope * k * k / (2.0 * c->knee_db);
}

void loa_compressor_run(loa_compressor *c, float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double p = (double)x[i] * x[i];
        double a = p > c->det ? c->det_att : c->det_rel;
        c->det = a * c->det + (1.0 - a) * p;
        if (c->phase == 0) {
            double level = c->det > 1e-12 ? 10.0 * log10(c->det) : MIN_DB;
            double want = reduction(c, level);
            double g = want < c->gain_db ? c->g_att : c->g_rel;
            c->gain_db = g * c->gain_db + (1.0 - g) * want;
            double next = pow(10.0, c->gain_db / 20.0);
            c->step = (next - c->lin) / CONTROL;
        }
        c->lin += c->step;
        c->phase = (c->phase + 1) % CONTROL;
        x[i] = (float)(x[i] * c->lin);
    }
}
