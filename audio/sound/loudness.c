/* loudness.c — true-peak estimate, look-ahead limiter, R128 meter (see
 * loudness.h for the method).
 *
 * The limiter keeps four small ring buffers sized to the look-ahead window
 * L: the delayed input samples, a monotonic deque of (index, needed gain)
 * for the sliding minimum, and the released gains with a running sum for
 * the moving average. Each sample costs O(1) amortised.
 */
#include "loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double loa_db_to_linear(double db) { return pow(10.0, db / 20.0); }
double loa_linear_to_db(double x) { return x > 0 ? 20.0 * log10(x) : -HUGE_VAL; }

/* ---- peak estimate ---- */

static double sinc(double x) { return x == 0 ? 1.0 : sin(M_PI * x) / (M_PI * x); }

void loa_peak_est_init(loa_peak_est *e)
{
    memset(e, 0, sizeof *e);
    const int half = LOA_PEAK_TAPS / 2;
    for (int ph = 0; ph < 3; ph++) {
        double f = (ph + 1) / 4.0;
        for (int k = 0; k < LOA_PEAK_TAPS; k++) {
            double t = f - (k - half + 1);            /* taps x[c-5 .. c+6] */
            double w = 0.5 + 0.5 * cos(M_PI * t / (half + 0.5));
            e->coef[k][ph] = (float)(sinc(t) * w);
        }
    }
}

/* ---- limiter ---- */

struct loa_limiter {
    size_t L;              /* look-ahead window, samples */
    double gain, ceiling, release;
    float *xs;             /* delayed input, ring of L */
    size_t *dq_idx;        /* sliding-minimum deque, ring of L + 1 */
    float *dq_val;
    size_t dq_head, dq_len;
    float *env;            /* released gains, ring of L */
    double env_sum, last_env;
    size_t n;              /* samples pushed so far */
    size_t pos;            /* n % L, kept without dividing */
};

loa_limiter *loa_limiter_new(int rate, double gain, double ceiling)
{
    loa_limiter *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->L = (size_t)(0.005 * rate) + 1;
    l->gain = gain;
    l->ceiling = ceiling;
    l->release = 1.0 - exp(-1.0 / (0.08 * rate));
    l->last_env = 1.0;
    l->xs = calloc(l->L, sizeof *l->xs);
    l->dq_idx = calloc(l->L + 1, sizeof *l->dq_idx);
    l->dq_val = calloc(l->L + 1, sizeof *l->dq_val);
    l->env = calloc(l->L, sizeof *l->env);
    if (!l->xs || !l->dq_idx || !l->dq_val || !l->env) {
        loa_limiter_free(l);
        return NULL;
    }
    for (size_t i = 0; i < l->L; i++) l->env[i] = 1.0f;
    l->env_sum = (double)l->L;
    return l;
}

/* The deque is a ring of cap = L + 1 slots; indices wrap by comparison
 * (this runs once per sample, where a division would dominate). */
static void deque_push(loa_limiter *l, size_t idx, float v)
{
    size_t cap = l->L + 1;
    while (l->dq_len) {
        size_t back = l->dq_head + l->dq_len - 1;
        if (back >= cap) back -= cap;
        if (l->dq_val[back] < v) break;
        l->dq_len--;
    }
    size_t at = l->dq_head + l->dq_len;
    if (at >= cap) at -= cap;
    l->dq_idx[at] = idx;
    l->dq_val[at] = v;
    l->dq_len++;
    while (l->dq_idx[l->dq_head] + l->L <= idx) {
        if (++l->dq_head == cap) l->dq_head = 0;
        l->dq_len--;
    }
}

/* One sample in; returns 1 and *out once the look-ahead is full.
 * a[m] = min of the needed gain over the last L samples, e[m] = a[m] with
 * release, s[m] = mean of e over the last L samples, output x[m-L+1]*s[m].
 * For a peak at p the output at m = p+L-1 averages e[p..p+L-1], and every
 * one of those windows contains p, so the applied gain is <= the need. */
static inline int limiter_step(loa_limiter *l, float x, float peak, float *out)
{
    double p = peak * l->gain;
    float need = p > l->ceiling ? (float)(l->ceiling / p) : 1.0f;
    size_t m = l->n++, at = l->pos;
    if (++l->pos == l->L) l->pos = 0;       /* = (m + 1) % L */
    l->xs[at] = x;
    if (need < 1.0f || l->dq_len == 0 || l->dq_val[l->dq_head] < 1.0f ||
        l->dq_len > 1)
        deque_push(l, m, need);
    else                                    /* only ones in the window: keep one */
        l->dq_idx[l->dq_head] = m;
    double minimum = l->dq_val[l->dq_head];
    double e = l->last_env;
    if (e < 1.0 || minimum < 1.0) {
        double released = e + (1.0 - e) * l->release;
        e = minimum < released ? minimum : released;
        l->last_env = e;
    }
    l->env_sum += e - l->env[at];
    l->env[at] = (float)e;
    if ((m & 4095) == 0) {                  /* refresh the sum against drift */
        double sum = 0;
        for (size_t i = 0; i < l->L; i++) sum += l->env[i];
        l->env_sum = sum;
    }
    if (m + 1 < l->L) return 0;
    double g = l->env_sum / (double)l->L;
    *out = (float)(l->xs[l->pos] * l->gain * g);
    return 1;
}

size_t loa_limiter_run(loa_limiter *l, const float *x, const float *peak,
                       size_t n, float *out)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += (size_t)limiter_step(l, x[i], peak[i], &out[w]);
    return w;
}

size_t loa_limiter_flush(loa_limiter *l, float *out)
{
    size_t w = 0;
    for (size_t i = 0; i + 1 < l->L; i++)
        w += (size_t)limiter_step(l, 0.0f, 0.0f, &out[w]);
    return w;
}

void loa_limiter_free(loa_limiter *l)
{
    if (!l) return;
    free(l->xs);
    free(l->dq_idx);
    free(l->dq_val);
    free(l->env);
    free(l);
}

/* ---- meter ---- */

/* Integrated loudness from libebur128 (EBUR128_MODE_I); the true peak from
 * loa_peak_est (4x oversampling with 12 taps per phase, the structure
 * BS.1770-4 Annex 2 describes), which is several times cheaper than
 * libebur128's EBUR128_MODE_TRUE_PEAK. */
struct loa_meter {
    ebur128_state *st;
    int true_peak;
    loa_peak_est est;
    float peak;
    float bound;       /* |estimate| <= bound * max |taps|: sum of |coef| */
};

#define LOA_TP_RUN 64  /* samples checked against the bound at once */

/* The larger of a and b (neither is NaN here): fmaxf is a call into libm,
 * which cost more than the rest of the skipping. */
static inline float max2(float a, float b) { return a > b ? a : b; }

/* Pushes x into the estimator's window without estimating. */
static void peak_est_skip(loa_peak_est *e, const float *x, size_t n)
{
    for (size_t i = n > LOA_PEAK_TAPS ? n - LOA_PEAK_TAPS : 0; i < n; i++) {
        e->ring[e->pos] = e->ring[e->pos + LOA_PEAK_TAPS] = x[i];
        if (++e->pos == LOA_PEAK_TAPS) e->pos = 0;
    }
}

/* Raises m->peak with the estimates of x. A run of samples is estimated
 * only when the bound allows it to beat the peak so far: every estimate
 * that ends in the run uses the run and the LOA_PEAK_TAPS samples before it
 * (in the estimator's ring), and is at most bound * their largest
 * magnitude. Speech spends most of its time far below its peaks, so most
 * runs are skipped. */
static void meter_peaks(loa_meter *m, const float *x, size_t n)
{
    float ring_max = 0;
    for (int k = 0; k < LOA_PEAK_TAPS; k++) ring_max = max2(ring_max, fabsf(m->est.ring[k]));
    for (size_t at = 0; at < n; at += LOA_TP_RUN) {
        size_t k = n - at < LOA_TP_RUN ? n - at : LOA_TP_RUN;
        float mx = ring_max, tail = 0;
        for (size_t i = 0; i < k; i++) mx = max2(mx, fabsf(x[at + i]));
        for (size_t i = k > LOA_PEAK_TAPS ? k - LOA_PEAK_TAPS : 0; i < k; i++)
            tail = max2(tail, fabsf(x[at + i]));
        if (mx * m->bound <= m->peak) {
            peak_est_skip(&m->est, x + at, k);
        } else {
            float peak = m->peak, xd, pk;
            for (size_t i = 0; i < k; i++) {
                loa_peak_est_push(&m->est, x[at + i], &xd, &pk);
                if (pk > peak) peak = pk;
            }
            m->peak = peak;
        }
        /* the ring now holds the last LOA_PEAK_TAPS samples: those of this
         * run, plus older ones when the run was shorter */
        ring_max = k >= LOA_PEAK_TAPS ? tail : max2(ring_max, tail);
    }
}

loa_meter *loa_meter_new(int rate, int with_true_peak, mc_diag *d)
{
    loa_meter *m = calloc(1, sizeof *m);
    if (m) m->st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I);
    if (!m || !m->st) {
        free(m);
        mc_diag_set(d, NULL, 0, 0, "cannot start the loudness meter (out of memory)");
        return NULL;
    }
    m->true_peak = with_true_peak;
    if (with_true_peak) {
        loa_peak_est_init(&m->est);
        float b = 1.0f;
        for (int ph = 0; ph < 3; ph++) {
            float sum = 0;
            for (int k = 0; k < LOA_PEAK_TAPS; k++) sum += fabsf(m->est.coef[k][ph]);
            b = fmaxf(b, sum);
        }
        m->bound = b * 1.001f;   /* float rounding */
    }
    return m;
}

int loa_meter_add(loa_meter *m, const float *x, size_t n, mc_diag *d)
{
    if (ebur128_add_frames_float(m->st, x, n) != EBUR128_SUCCESS)
        return mc_diag_set(d, NULL, 0, 0, "loudness measurement failed (out of memory)");
    if (m->true_peak) meter_peaks(m, x, n);
    return 0;
}

double loa_meter_integrated(loa_meter *m)
{
    double v = -HUGE_VAL;
    if (ebur128_loudness_global(m->st, &v) != EBUR128_SUCCESS) return -HUGE_VAL;
    return v;
}

double loa_meter_integrated_of(loa_meter *const *m, size_t n)
{
    ebur128_state *st[8];
    double v;
    if (n == 0 || n > sizeof st / sizeof st[0]) return -HUGE_VAL;
    for (size_t i = 0; i < n; i++) st[i] = m[i]->st;
    if (ebur128_loudness_global_multiple(st, n, &v) != EBUR128_SUCCESS) return -HUGE_VAL;
    return v;
}

double loa_meter_true_peak_db(loa_meter *m)
{
    if (!m->true_peak) return -HUGE_VAL;
    loa_peak_est tail = m->est;              /* the last samples' estimates */
    float peak = m->peak, xd, pk;
    for (int i = 0; i < LOA_PEAK_TAPS / 2; i++) {
        loa_peak_est_push(&tail, 0.0f, &xd, &pk);
        if (pk > peak) peak = pk;
    }
    return loa_linear_to_db(peak);
}

void loa_meter_free(loa_meter *m)
{
    if (!m) return;
    ebur128_destroy(&m->st);
    free(m);
}
