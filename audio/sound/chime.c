/* chime.c — the attention chime, synthesised (see chime.h).
 *
 * Each note is  a(t) * (sin(wt) + 0.3 sin(2wt) + 0.1 sin(3wt))  with a 5 ms
 * linear attack and exp(-t / 0.35 s) decay, cut off after 1 s with a 50 ms
 * fade. Notes start 0.3 s apart, so up to four ring together; the amplitude
 * per note (0.12) keeps the sum under 0.5. Computing a sample is a pure
 * function of (i, rate), so the chime is identical on every run and at
 * every rate.
 */
#include "chime.h"

#include <math.h>

#define CHIME_NOTES 4
#define CHIME_STEP 0.3      /* seconds between note starts */
#define CHIME_RING 1.0      /* seconds a note lasts */
#define CHIME_AMP 0.12
#define CHIME_BLOCK 1024

static const double chime_freq[CHIME_NOTES] = {392.00, 523.25, 659.26, 783.99};

size_t loa_chime_length(int rate)
{
    return (size_t)((CHIME_STEP * (CHIME_NOTES - 1) + CHIME_RING) * rate);
}

static double note_envelope(double t)
{
    if (t < 0 || t >= CHIME_RING) return 0;
    double env = exp(-t / 0.35);
    if (t < 0.005) env *= t / 0.005;
    if (t > CHIME_RING - 0.05) env *= (CHIME_RING - t) / 0.05;
    return env;
}

float loa_chime_sample(size_t i, int rate)
{
    double t = (double)i / rate, sum = 0;
    for (int k = 0; k < CHIME_NOTES; k++) {
        double tn = t - k * CHIME_STEP;
        double env = note_envelope(tn);
        if (env == 0) continue;
        double w = 2 * M_PI * chime_freq[k] * tn;
        sum += env * (sin(w) + 0.3 * sin(2 * w) + 0.1 * sin(3 * w));
    }
    return (float)(CHIME_AMP * sum);
}

int loa_chime_render(int rate, loa_pcm_sink sink, void *ctx)
{
    float block[CHIME_BLOCK];
    size_t total = loa_chime_length(rate);
    for (size_t done = 0; done < total;) {
        size_t k = total - done < CHIME_BLOCK ? total - done : CHIME_BLOCK;
        for (size_t j = 0; j < k; j++) block[j] = loa_chime_sample(done + j, rate);
        if (sink(ctx, block, k) != 0) return -1;
        done += k;
    }
    return 0;
}
