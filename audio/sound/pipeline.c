/* pipeline.c — program → loudness-normalised audio file (see pipeline.h).
 *
 * The spool keeps the rendered program so that the gain passes and the
 * encode pass read it instead of synthesising again. Each pass is a small
 * chain of sinks: spool reader → limiter → (meter | resampler → encoder).
 * Passes read the spool with pread, so several can run at once (the
 * wards of `loa render` on every core, each with its own spool). The
 * written file is read back whole and measured. Figures in the sidecar
 * come from decoding what was encoded, so they are what a station will
 * play, codec effects included.
 */
#include "pipeline.h"
#include "pipeline_internal.h"
#include "envelope.h"
#include "loudness.h"
#include "resample.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK 16384          /* samples per spool read or write (64 KB) */
#define PEAK_SCALE 8192.0f     /* spool peak: uint16 / 8192, up to 8.0 */
#define GAIN_ROUNDS 4         /* measured passes at most */
#define ENCODE_TRIES 3

/* ---- a bounded pipe between two threads ---- */

/* Bytes in a ring of fixed size: put waits for room, get waits for data.
 * Either side can stop the other: the consumer with pipe_fail (put then
 * returns -1), the producer with pipe_close (get returns 0 once empty).
 * Everything put is a multiple of unit bytes, and so is everything got.
 * A side waits only when the ring is empty (full) for it, and is woken
 * when half the ring is ready for it (or at the end): waking on every
 * small put or get made the two threads trade the ring thousands of times
 * per program, each time a system call. */
typedef struct loa_pipe {
    pthread_mutex_t mu;
    pthread_cond_t has_data, has_space;
    unsigned char *ring;
    size_t cap, unit, head, len;
    int closed, failed;
} loa_pipe;

static int pipe_init(loa_pipe *p, size_t cap, size_t unit)
{
    memset(p, 0, sizeof *p);
    p->ring = malloc(cap);
    if (!p->ring) return -1;
    p->cap = cap;
    p->unit = unit;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->has_data, NULL);
    pthread_cond_init(&p->has_space, NULL);
    return 0;
}

static void pipe_destroy(loa_pipe *p)
{
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->has_data);
    pthread_cond_destroy(&p->has_space);
    free(p->ring);
}

static int pipe_put(loa_pipe *p, const void *data, size_t n)
{
    const unsigned char *b = data;
    pthread_mutex_lock(&p->mu);
    while (n && !p->failed) {
        size_t room = n < p->cap / 2 ? n : p->cap / 2;
        while (p->cap - p->len < room && !p->failed) pthread_cond_wait(&p->has_space, &p->mu);
        if (p->failed) break;
        size_t at = (p->head + p->len) % p->cap;
        size_t k = p->cap - p->len;
        if (k > p->cap - at) k = p->cap - at;
        if (k > n) k = n;
        memcpy(p->ring + at, b, k);
        p->len += k;
        b += k;
        n -= k;
        if (p->len >= p->cap / 2) pthread_cond_signal(&p->has_data);
    }
    int failed = p->failed;
    pthread_mutex_unlock(&p->mu);
    return failed ? -1 : 0;
}

/* Up to max bytes (a multiple of unit); 0 when closed and empty. */
static size_t pipe_get(loa_pipe *p, void *data, size_t max)
{
    pthread_mutex_lock(&p->mu);
    if (p->len < p->unit)
        while (p->len < p->cap / 2 && !p->closed) pthread_cond_wait(&p->has_data, &p->mu);
    size_t k = p->len < max ? p->len : max;
    if (k > p->cap - p->head) k = p->cap - p->head;
    k -= k % p->unit;
    memcpy(data, p->ring + p->head, k);
    p->head = (p->head + k) % p->cap;
    p->len -= k;
    if (p->cap - p->len >= p->cap / 2) pthread_cond_signal(&p->has_space);
    pthread_mutex_unlock(&p->mu);
    return k;
}

static void pipe_flag(loa_pipe *p, int failed)
{
    pthread_mutex_lock(&p->mu);
    if (failed) p->failed = 1;
    else p->closed = 1;
    pthread_cond_broadcast(&p->has_data);
    pthread_cond_broadcast(&p->has_space);
    pthread_mutex_unlock(&p->mu);
}

/* ---- render into the spool ---- */

typedef struct spool_writer {
    FILE *f;
    loa_peak_est est;
    float peak;             /* largest peak estimate so far */
    loa_envelope *env;
    size_t n;
    int failed;
    mc_diag *d;
    int16_t rec[2 * BLOCK]; /* last: not zeroed (loa_spool_render) */
} spool_writer;

static int spool_flush(spool_writer *w)
{
    if (w->n && fwrite(w->rec, 2 * sizeof(int16_t), w->n, w->f) != w->n) {
        w->failed = 1;
        mc_diag_set(w->d, NULL, 0, 0, "cannot write the temporary audio spool: %s; "
                    "check the free space in TMPDIR", strerror(errno));
        return -1;
    }
    w->n = 0;
    return 0;
}

static int spool_put(spool_writer *w, float x)
{
    float xd, pk;
    loa_peak_est_push(&w->est, x, &xd, &pk);
    if (pk > w->peak) w->peak = pk;
    if (loa_envelope_add(w->env, xd, pk) != 0) {
        w->failed = 1;
        return mc_diag_set(w->d, NULL, 0, 0, "out of memory");
    }
    /* rounding and ceiling by hand: lrintf and ceilf are calls into libm
     * on plain x86-64, two per sample, 1.3 % of rendering a recording */
    float sv = xd * 32768.0f, pv = pk * PEAK_SCALE;
    long s = (long)(sv + (sv < 0 ? -0.5f : 0.5f));
    long p = (long)pv;
    if ((float)p < pv) p++;
    w->rec[2 * w->n] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    w->rec[2 * w->n + 1] = (int16_t)(uint16_t)(p > 65535 ? 65535 : p);
    if (++w->n == BLOCK) return spool_flush(w);
    return 0;
}

static int spool_sink(void *ctx, const float *x, size_t n)
{
    spool_writer *w = ctx;
    for (size_t i = 0; i < n; i++)
        if (spool_put(w, x[i]) != 0) return -1;
    return 0;
}

/* The engine runs on the calling thread and hands its samples through a
 * pipe to this thread, which estimates the peaks, measures the raw
 * loudness and writes the spool: synthesis and the rest then overlap. */
typedef struct render_job {
    spool_writer *w;
    loa_pipe pipe;
    int rc;
    mc_diag d;
} render_job;

static void *render_consume(void *arg)
{
    render_job *j = arg;
    float buf[1024];
    size_t k;
    while ((k = pipe_get(&j->pipe, buf, sizeof buf)) > 0) {
        if (j->rc == 0 && spool_sink(j->w, buf, k / sizeof *buf) != 0) {
            j->rc = -1;
            pipe_flag(&j->pipe, 1);
        }
    }
    return NULL;
}

static int render_put(void *ctx, const float *x, size_t n)
{
    render_job *j = ctx;
    return pipe_put(&j->pipe, x, n * sizeof *x);
}

/* What to render into the spool: the program, the segments whose first
 * sample is wanted (loa_program_render), and whether the render may take
 * a thread of its own. */
typedef struct render_req {
    const loa_program *p;
    const size_t *marks;
    size_t n;
    size_t *at;
    int threads;
} render_req;

/* Runs the program through the engine into w, on two threads when one
 * may be and can be started. */
static int render_program(const render_req *r, loa_tts *t, spool_writer *w, mc_diag *d)
{
    render_job *j = r->threads > 1 ? calloc(1, sizeof *j) : NULL;
    pthread_t th;
    /* 1 MB: with 64 KB the two threads woke each other 2,000 times for
     * three minutes of audio, each wake a context switch */
    int piped = j && pipe_init(&j->pipe, 1 << 20, sizeof(float)) == 0;
    if (piped) {
        j->w = w;
        w->d = &j->d;
    }
    if (!piped || pthread_create(&th, NULL, render_consume, j) != 0) {
        if (piped) pipe_destroy(&j->pipe);
        free(j);
        w->d = d;
        return loa_program_render(r->p, t, spool_sink, w, r->marks, r->n, r->at, d);
    }
    int rc = loa_program_render(r->p, t, render_put, j, r->marks, r->n, r->at, d);
    pipe_flag(&j->pipe, 0);
    pthread_join(th, NULL);
    if (j->rc != 0) {
        *d = j->d;
        rc = -1;
    }
    w->d = d;
    pipe_destroy(&j->pipe);
    free(j);
    return rc;
}

/* Renders p into a new spool; returns it rewound, raw figures in *raw
 * (whose envelope the caller frees, also on failure). */
FILE *loa_spool_render(const loa_program *p, loa_tts *t, const size_t *marks, size_t nmarks,
                       size_t *at, int threads, loa_raw_figures *raw, mc_diag *d)
{
    render_req req = {p, marks, nmarks, at, threads};
    /* zeroed but for rec: jemalloc zeroes a reused block by handing its
     * pages back (an madvise that stops the other core) */
    spool_writer *w = malloc(sizeof *w);
    if (!w) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    memset(w, 0, offsetof(spool_writer, rec));
    w->d = d;
    loa_peak_est_init(&w->est);
    loa_envelope_init(&raw->env, loa_tts_sample_rate(t));
    w->env = &raw->env;
    w->f = tmpfile();
    if (w->f) setvbuf(w->f, NULL, _IONBF, 0);  /* rec is the buffer: 64 KB a write, not 4 KB ones */
    if (!w->f) mc_diag_set(d, NULL, 0, 0, "cannot create a temporary file: %s; set TMPDIR "
                           "to a writable folder", strerror(errno));
    int ok = w->f && render_program(&req, t, w, d) == 0;
    for (int i = 0; ok && i < LOA_PEAK_TAPS / 2; i++) ok = spool_put(w, 0.0f) == 0;
    ok = ok && spool_flush(w) == 0 && fflush(w->f) == 0;
    if (ok && loa_envelope_finish(&raw->env) != 0) ok = mc_diag_set(d, NULL, 0, 0, "out of memory") == 0;
    if (ok) {
        raw->lufs = loa_envelope_lufs(&raw->env, 0.0, HUGE_VAL);
        raw->peak_db = loa_linear_to_db(w->peak);
    }
    FILE *f = w->f;
    free(w);
    if (!ok) {
        if (f) fclose(f);
        return NULL;
    }
    rewind(f);
    return f;
}

/* ---- one pass over the spool ---- */

typedef int (*emit_fn)(void *ctx, const float *x, size_t n);

/* Reads up to max records at *off; returns how many (0 at the end), -1 on
 * an error. pread leaves the FILE's position alone, so passes may run on
 * several threads at once. */
static long spool_read(int fd, off_t *off, int16_t *rec, size_t max)
{
    size_t want = max * 2 * sizeof *rec, got = 0;
    while (got < want) {
        ssize_t k = pread(fd, (char *)rec + got, want - got, *off + (off_t)got);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return -1;
        if (k == 0) break;
        got += (size_t)k;
    }
    *off += (off_t)got;
    return (long)(got / (2 * sizeof *rec));
}

int loa_spool_pass(int fd, int rate, double gain, double ceiling,
                      emit_fn emit, void *ctx, mc_diag *d)
{
    loa_limiter *lim = loa_limiter_new(rate, gain, ceiling);
    int16_t *rec = malloc(2 * BLOCK * sizeof *rec);
    float *buf = malloc(3 * BLOCK * sizeof *buf);
    int rc = lim && rec && buf ? 0 : mc_diag_set(d, NULL, 0, 0, "out of memory");
    off_t off = 0;
    long got = 0;
    while (rc == 0 && (got = spool_read(fd, &off, rec, BLOCK)) > 0) {
        float *x = buf, *pk = buf + BLOCK, *out = buf + 2 * BLOCK;
        for (long i = 0; i < got; i++) {
            x[i] = rec[2 * i] / 32768.0f;
            pk[i] = (uint16_t)rec[2 * i + 1] / PEAK_SCALE;
        }
        size_t n = loa_limiter_run(lim, x, pk, (size_t)got, out);
        if (n && emit(ctx, out, n) != 0) rc = -1;
    }
    if (rc == 0 && got < 0) rc = mc_diag_set(d, NULL, 0, 0, "cannot read the temporary audio spool: %s",
                                             strerror(errno));
    if (rc == 0) {
        size_t n = loa_limiter_flush(lim, buf);
        if (n && emit(ctx, buf, n) != 0) rc = -1;
    }
    loa_limiter_free(lim);
    free(rec);
    free(buf);
    return rc;
}

typedef struct meter_ctx { loa_meter *m; mc_diag *d; } meter_ctx;

static int meter_emit(void *ctx, const float *x, size_t n)
{
    meter_ctx *c = ctx;
    return loa_meter_add(c->m, x, n, c->d);
}

/* One measurement of the loudness after gain and limiter, at the engine
 * rate: a whole pass over the spool. */
static int measure(int fd, int rate, double gain_db, double ceiling, double *lufs, mc_diag *d)
{
    meter_ctx c = {loa_meter_new(rate, 0, d), d};
    int rc = c.m ? loa_spool_pass(fd, rate, loa_db_to_linear(gain_db), ceiling, meter_emit, &c, d) : -1;
    if (rc == 0) *lufs = loa_meter_integrated(c.m);
    loa_meter_free(c.m);
    return rc;
}

/* The predicted loudness after gain g: the raw loudness, the gain, the
 * envelope's limiter loss, and the correction the measurements found
 * (linear in the gain through the last two measured points). */
typedef struct gain_model {
    const loa_raw_figures *raw;
    double ceiling;
    double g[2], bias[2];   /* measured points: gain, measured - predicted */
    int points;
} gain_model;

static double model_uncorrected(const gain_model *m, double g)
{
    return loa_envelope_lufs(&m->raw->env, g, m->ceiling);
}

static double model_at(const gain_model *m, double g)
{
    double bias = 0;
    if (m->points == 1 || (m->points == 2 && fabs(m->g[1] - m->g[0]) < 1e-6)) {
        bias = m->bias[m->points - 1];
    } else if (m->points == 2) {
        double slope = (m->bias[1] - m->bias[0]) / (m->g[1] - m->g[0]);
        bias = m->bias[1] + slope * (g - m->g[1]);
    }
    return model_uncorrected(m, g) + bias;
}

/* The gain at which the model reaches want (bisection: the loudness only
 * grows with the gain; the limiter can never make it fall). */
static double model_solve(const gain_model *m, double want)
{
    double lo = want - m->raw->lufs - 20.0, hi = want - m->raw->lufs + 60.0;
    for (int i = 0; i < 30; i++) {
        double mid = (lo + hi) / 2;
        if (model_at(m, mid) < want) lo = mid;
        else hi = mid;
    }
    return (lo + hi) / 2;
}

/* Finds the gain (dB) that brings the limited program to want_lufs. The
 * envelope predicts the loudness at any gain (envelope.h); the prediction
 * is measured at its answer, corrected by what the measurement found, and
 * solved again. The answer is accepted when the correction moved it by at
 * most 0.5 dB (the correction changes little over that: the result is then
 * within a few hundredths of a LU) or the measurement hit the target.
 *
 * The envelope's only guess is what the limiter takes (it applies the
 * limiter's gain block by block, not sample by sample); the loudness
 * before the limiter and the gain are exact. Where the limiter takes under
 * GAIN_TRUST_LOSS_DB, the prediction alone was within 0.07 LU of the
 * measured pass on every example announcement (4 to 10 dB of limiting)
 * and a 3-minute recording (3.3 dB), so with may_trust the measured pass
 * is left to the encoded file's own check (loa_gain_next), which holds a
 * trusted prediction to GAIN_TRUST_MISS and otherwise measures. *trusted
 * says which was done. */
#define GAIN_ACCEPT_DB 0.5
#define GAIN_TRUST_LOSS_DB 12.0
#define GAIN_TRUST_MISS 0.1

static int find_gain(int fd, int rate, const loa_raw_figures *raw, double want,
                     double ceiling, int may_trust, double *gain_db, int *trusted,
                     mc_diag *d)
{
    gain_model m = {raw, ceiling, {0, 0}, {0, 0}, 0};
    double g = model_solve(&m, want);
    *trusted = may_trust && loa_envelope_loss_db(&raw->env, g, ceiling) > -GAIN_TRUST_LOSS_DB;
    if (*trusted) {
        *gain_db = g;
        return 0;
    }
    for (int round = 0; round < GAIN_ROUNDS; round++) {
        double got;
        if (measure(fd, rate, g, ceiling, &got, d) != 0) return -1;
        *gain_db = g;
        if (fabs(want - got) < 0.02) break;
        if (m.points == 2) {
            m.g[0] = m.g[1];
            m.bias[0] = m.bias[1];
            m.points = 1;
        }
        m.g[m.points] = g;
        m.bias[m.points] = got - model_uncorrected(&m, g);
        m.points++;
        double next = model_solve(&m, want);
        *gain_db = next;
        if (fabs(next - g) <= GAIN_ACCEPT_DB) break;
        g = next;
    }
    return 0;
}

/* ---- encode and verify ---- */

typedef struct encode_ctx {
    loa_resampler *rs;
    loa_encoder *enc;
    size_t written;         /* samples at the output rate */
    mc_diag *d;
} encode_ctx;

static int encoder_sink(void *ctx, const float *x, size_t n)
{
    encode_ctx *c = ctx;
    c->written += n;
    return loa_encoder_write(c->enc, x, n, c->d);
}

static int resample_emit(void *ctx, const float *x, size_t n)
{
    encode_ctx *c = ctx;
    return loa_resampler_push(c->rs, x, n, c->d);
}

/* libsndfile reading through a buffered FILE: its MP3 reader (libmpg123)
 * asks for each frame header and frame apart, 14,000 reads of 4 and 414
 * bytes for three minutes, each a system call on a plain descriptor. The
 * buffer is ours: setvbuf with a NULL one keeps glibc's 4 KB. */
#define VERIFY_IOBUF (1 << 16)
static sf_count_t vio_len(void *f)
{
    struct stat st;
    return fstat(fileno(f), &st) == 0 ? (sf_count_t)st.st_size : -1;
}
static sf_count_t vio_seek(sf_count_t off, int whence, void *f)
{
    return fseeko(f, (off_t)off, whence) == 0 ? (sf_count_t)ftello(f) : -1;
}
static sf_count_t vio_read(void *buf, sf_count_t n, void *f) { return (sf_count_t)fread(buf, 1, (size_t)n, f); }
static sf_count_t vio_write(const void *buf, sf_count_t n, void *f) { (void)buf; (void)n; (void)f; return 0; }
static sf_count_t vio_tell(void *f) { return (sf_count_t)ftello(f); }

/* Decodes the written file with libsndfile (MP3 through libmpg123, which
 * reads the LAME/Info tag and gives back exactly the samples encoded) and
 * measures it. written: samples given to the encoder; a file that decodes
 * to fewer is not what was measured, and is refused. */
static int verify_file(const char *file, const char *shown, size_t written,
                       loa_output_result *res, mc_diag *d)
{
    SF_INFO info = {0};
    SF_VIRTUAL_IO vio = {vio_len, vio_seek, vio_read, vio_write, vio_tell};
    FILE *in = fopen(file, "rb");
    char *iobuf = in ? malloc(VERIFY_IOBUF) : NULL;  /* before the first read, or ignored */
    if (iobuf) setvbuf(in, iobuf, _IOFBF, VERIFY_IOBUF);
    SNDFILE *sf = in ? sf_open_virtual(&vio, SFM_READ, &info, in) : NULL;
    if (!sf) {
        if (in) fclose(in);
        free(iobuf);
        return mc_diag_set(d, shown, 0, 0, "cannot read back the written audio: %s",
                           in ? sf_strerror(NULL) : strerror(errno));
    }
    loa_meter *m = info.channels == 1 ? loa_meter_new(info.samplerate, 1, d) : NULL;
    float buf[BLOCK];
    sf_count_t got, total = 0;
    int rc = m ? 0 : info.channels == 1 ? -1
             : mc_diag_set(d, shown, 0, 0, "the written audio has %d channels, not one", info.channels);
    while (rc == 0 && (got = sf_readf_float(sf, buf, BLOCK)) > 0) {
        rc = loa_meter_add(m, buf, (size_t)got, d);
        total += got;
    }
    sf_close(sf);
    fclose(in);
    free(iobuf);
    if (rc == 0 && (size_t)total < written)
        rc = mc_diag_set(d, shown, 0, 0, "the written audio decodes to %lld samples of %zu; "
                         "the encoded stream is incomplete", (long long)total, written);
    if (rc == 0) {
        res->integrated = loa_meter_integrated(m);
        res->true_peak = loa_meter_true_peak_db(m);
        res->sample_rate = info.samplerate;
        res->duration = (double)total / info.samplerate;
    }
    loa_meter_free(m);
    return rc;
}

/* Encodes the spool at gain_db into a new temporary file and measures what
 * was encoded, read back from the finished file. Returns the finished
 * encoder, or NULL. */
static loa_encoder *encode_once(int fd, int in_rate, int out_rate, double gain_db,
                                double ceiling, const loa_output_opts *o,
                                const loa_tags *tags, const char *path,
                                loa_output_result *res, mc_diag *d)
{
    encode_ctx c = {NULL, NULL, 0, d};
    c.enc = loa_encoder_open(path, o->format, out_rate, o->bitrate_kbps, in_rate / 2, tags, d);
    c.rs = c.enc ? loa_resampler_new(in_rate, out_rate, encoder_sink, &c, d) : NULL;
    int ok = c.rs && loa_spool_pass(fd, in_rate, loa_db_to_linear(gain_db), ceiling,
                                resample_emit, &c, d) == 0 &&
             loa_resampler_flush(c.rs, d) == 0 && loa_encoder_finish(c.enc, d) == 0 &&
             verify_file(loa_encoder_temp_path(c.enc), path, c.written, res, d) == 0;
    loa_resampler_free(c.rs);
    if (!ok) {
        loa_encoder_free(c.enc);
        return NULL;
    }
    return c.enc;
}

static int average_kbps(const char *file, double seconds)
{
    struct stat st;
    if (stat(file, &st) != 0 || seconds <= 0) return 0;
    return (int)lround(st.st_size * 8.0 / seconds / 1000.0);
}

/* ---- the gain loop (pipeline_internal.h) ---- */

/* First guesses of what the codec does (the format table, formats.c); the
 * check of the encoded file corrects the rest. */
int loa_gain_start(loa_gain_loop *g, int fd, int rate, const loa_raw_figures *raw,
                   const loa_output_opts *o, mc_diag *d)
{
    *g = (loa_gain_loop){.fd = fd, .rate = rate, .raw = raw, .o = o, .tries = 1};
    g->offset = o->bitrate_kbps <= 192 ? o->format->loudness_offset : 0.0;
    g->ceiling_db = o->ceiling_dbtp - o->format->peak_margin;
    g->silent = !isfinite(raw->lufs);
    if (g->silent) return 0;
    return find_gain(fd, rate, raw, o->target_lufs + g->offset, loa_db_to_linear(g->ceiling_db),
                     1, &g->gain_db, &g->trusted, d);
}

/* An encoded file is accepted within GAIN_TRUST_MISS of the target after a
 * trusted prediction, 0.3 LU after a measured gain, and under the ceiling;
 * else the ceiling comes down by what the codec added, the gain is
 * measured for the target moved by the miss, and it is encoded again, at
 * most ENCODE_TRIES times in all. */
int loa_gain_next(loa_gain_loop *g, double lufs, double peak_db, mc_diag *d)
{
    double miss = g->o->target_lufs - lufs, over = peak_db - g->o->ceiling_dbtp;
    double allowed = g->trusted ? GAIN_TRUST_MISS : 0.3;
    if (g->silent || g->tries == ENCODE_TRIES || (fabs(miss) <= allowed && over <= 0)) return 1;
    if (over > 0) g->ceiling_db -= over + 0.1;
    if (find_gain(g->fd, g->rate, g->raw, g->o->target_lufs + g->offset + miss,
                  loa_db_to_linear(g->ceiling_db), 0, &g->gain_db, &g->trusted, d) != 0) return -1;
    g->offset += miss;
    g->tries++;
    return 0;
}

static int encode_verified(int fd, int in_rate, int out_rate, const loa_raw_figures *raw,
                           const loa_output_opts *o, const loa_tags *tags,
                           const char *path, loa_output_result *res, mc_diag *d)
{
    loa_gain_loop g;
    if (loa_gain_start(&g, fd, in_rate, raw, o, d) != 0) return -1;
    for (;;) {
        loa_encoder *enc = encode_once(fd, in_rate, out_rate, g.gain_db,
                                       loa_db_to_linear(g.ceiling_db), o, tags, path, res, d);
        if (!enc) return -1;
        int done = loa_gain_next(&g, res->integrated, res->true_peak, d);
        if (done == 1) {
            res->encodes = g.tries;
            res->bitrate_kbps = loa_encoder_kbps(enc) ? loa_encoder_kbps(enc)
                                : average_kbps(loa_encoder_temp_path(enc), res->duration);
            int rc = loa_encoder_commit(enc, d);
            loa_encoder_free(enc);
            return rc;
        }
        loa_encoder_free(enc);
        if (done < 0) return -1;
    }
}

int loa_no_sound(mc_diag *d)
{
    return mc_diag_set(d, NULL, 0, 0, "the voice produced no audible sound for this text; "
                       "check that it contains Vietnamese words");
}

int loa_output_rate(const loa_output_opts *o)
{
    return o->format->fixed_rate ? o->format->fixed_rate : o->sample_rate ? o->sample_rate : 44100;
}

int loa_output_check(const loa_output_opts *o, int *out_rate, mc_diag *d)
{
    *out_rate = loa_output_rate(o);
    if (*out_rate < 8000 || *out_rate > 192000)
        return mc_diag_set(d, NULL, 0, 0, "sample rate %d Hz is out of range; use 8000 to 192000",
                           *out_rate);
    if (!(o->target_lufs >= -40 && o->target_lufs <= -5))
        return mc_diag_set(d, NULL, 0, 0, "loudness target %g LUFS is out of range; use -40 to -5",
                           o->target_lufs);
    if (!(o->ceiling_dbtp >= -20 && o->ceiling_dbtp <= 0))
        return mc_diag_set(d, NULL, 0, 0, "true-peak ceiling %g dBTP is out of range; use -20 to 0",
                           o->ceiling_dbtp);
    return 0;
}

int loa_render_to_files(const loa_program *p, loa_tts *t, size_t n, const loa_output_opts *o,
                        const loa_tags *tags, const char *const *paths,
                        loa_output_result *res, mc_diag *d)
{
    int out_rate;
    for (size_t i = 0; i < n; i++) {
        memset(&res[i], 0, sizeof res[i]);
        if (loa_output_check(&o[i], &out_rate, d) != 0) return -1;
    }
    loa_raw_figures raw = {-HUGE_VAL, -HUGE_VAL, {0}};
    FILE *spool = loa_spool_render(p, t, NULL, 0, NULL, 2, &raw, d);
    if (!spool) {
        loa_envelope_free(&raw.env);
        return -1;
    }
    int rc = 0;
    if (!isfinite(raw.lufs)) rc = loa_no_sound(d);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = encode_verified(fileno(spool), loa_tts_sample_rate(t), loa_output_rate(&o[i]), &raw,
                             &o[i], tags, paths[i], &res[i], d);
    }
    fclose(spool);
    loa_envelope_free(&raw.env);
    return rc;
}

int loa_render_to_file(const loa_program *p, loa_tts *t, const loa_output_opts *o,
                       const loa_tags *tags, const char *path,
                       loa_output_result *res, mc_diag *d)
{
    return loa_render_to_files(p, t, 1, o, tags, &path, res, d);
}
