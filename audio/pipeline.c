/* pipeline.c — program → loudness-normalised audio file (see pipeline.h).
 *
 * The spool keeps the rendered program so that the gain passes and the
 * encode pass read it instead of synthesising again. Each pass is a small
 * chain of sinks: spool reader → limiter → (meter | resampler → encoder).
 * Figures in the sidecar come from decoding the finished file, so they are
 * what a station will play, codec effects included.
 */
#include "pipeline.h"
#include "loudness.h"
#include "resample.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK 4096
#define PEAK_SCALE 8192.0f     /* spool peak: uint16 / 8192, up to 8.0 */
#define GAIN_PASSES 4
#define ENCODE_TRIES 3

void loa_output_defaults(loa_output_opts *o)
{
    o->format = loa_format_find("mp3");
    o->sample_rate = 44100;
    o->bitrate_kbps = 128;
    o->target_lufs = -16;
    o->ceiling_dbtp = -1.5;
}

/* ---- render into the spool ---- */

typedef struct spool_writer {
    FILE *f;
    loa_peak_est est;
    loa_meter *raw;
    int16_t rec[2 * BLOCK];
    size_t n;
    int failed;
    mc_diag *d;
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
    long s = lrintf(xd * 32768.0f);
    long p = (long)ceilf(pk * PEAK_SCALE);
    w->rec[2 * w->n] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    w->rec[2 * w->n + 1] = (int16_t)(uint16_t)(p > 65535 ? 65535 : p);
    if (++w->n == BLOCK) return spool_flush(w);
    return 0;
}

static int spool_sink(void *ctx, const float *x, size_t n)
{
    spool_writer *w = ctx;
    if (loa_meter_add(w->raw, x, n, w->d) != 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (spool_put(w, x[i]) != 0) return -1;
    return 0;
}

/* Renders p into a new spool; returns it rewound, raw loudness in *raw_lufs. */
static FILE *render_spool(const loa_program *p, loa_tts *t, double *raw_lufs, mc_diag *d)
{
    spool_writer *w = calloc(1, sizeof *w);
    if (!w) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    w->d = d;
    loa_peak_est_init(&w->est);
    w->f = tmpfile();
    if (!w->f) mc_diag_set(d, NULL, 0, 0, "cannot create a temporary file: %s; set TMPDIR "
                           "to a writable folder", strerror(errno));
    w->raw = w->f ? loa_meter_new(loa_tts_sample_rate(t), 0, d) : NULL;
    int ok = w->raw && loa_program_render(p, t, spool_sink, w, d) == 0;
    for (int i = 0; ok && i < LOA_PEAK_TAPS / 2; i++) ok = spool_put(w, 0.0f) == 0;
    ok = ok && spool_flush(w) == 0 && fflush(w->f) == 0;
    if (ok) *raw_lufs = loa_meter_integrated(w->raw);
    FILE *f = w->f;
    loa_meter_free(w->raw);
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

static int spool_pass(FILE *spool, int rate, double gain, double ceiling,
                      emit_fn emit, void *ctx, mc_diag *d)
{
    loa_limiter *lim = loa_limiter_new(rate, gain, ceiling);
    int16_t *rec = malloc(2 * BLOCK * sizeof *rec);
    float *buf = malloc(3 * BLOCK * sizeof *buf);
    int rc = lim && rec && buf ? 0 : mc_diag_set(d, NULL, 0, 0, "out of memory");
    rewind(spool);
    size_t got;
    while (rc == 0 && (got = fread(rec, 2 * sizeof(int16_t), BLOCK, spool)) > 0) {
        float *x = buf, *pk = buf + BLOCK, *out = buf + 2 * BLOCK;
        for (size_t i = 0; i < got; i++) {
            x[i] = rec[2 * i] / 32768.0f;
            pk[i] = (uint16_t)rec[2 * i + 1] / PEAK_SCALE;
        }
        size_t n = loa_limiter_run(lim, x, pk, got, out);
        if (n && emit(ctx, out, n) != 0) rc = -1;
    }
    if (rc == 0 && ferror(spool)) rc = mc_diag_set(d, NULL, 0, 0, "cannot read the temporary audio spool");
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

/* Loudness after gain and limiter, at the engine rate. */
static int measure_limited(FILE *spool, int rate, double gain, double ceiling,
                           double *lufs, mc_diag *d)
{
    meter_ctx c = {loa_meter_new(rate, 0, d), d};
    if (!c.m) return -1;
    int rc = spool_pass(spool, rate, gain, ceiling, meter_emit, &c, d);
    if (rc == 0) *lufs = loa_meter_integrated(c.m);
    loa_meter_free(c.m);
    return rc;
}

/* Finds the gain (dB) that brings the limited program to want_lufs. The
 * limiter makes loudness grow more slowly than the gain, so after the first
 * step the slope is taken from the last two measurements (secant method). */
static int find_gain(FILE *spool, int rate, double raw, double want, double ceiling,
                     double *gain_db, mc_diag *d)
{
    double g = want - raw, prev_g = 0, prev_got = 0;
    for (int i = 0; i < GAIN_PASSES; i++) {
        double got;
        if (measure_limited(spool, rate, loa_db_to_linear(g), ceiling, &got, d) != 0) return -1;
        double miss = want - got, slope = 1.0;
        if (fabs(miss) < 0.03) break;
        if (i > 0 && fabs(g - prev_g) > 1e-6) slope = (got - prev_got) / (g - prev_g);
        if (!(slope > 0.2 && slope <= 1.5)) slope = slope > 1.5 ? 1.5 : 0.2;
        prev_g = g;
        prev_got = got;
        g += miss / slope;
    }
    *gain_db = g;
    return 0;
}

/* ---- encode and verify ---- */

typedef struct encode_ctx {
    loa_resampler *rs;
    loa_encoder *enc;
    mc_diag *d;
} encode_ctx;

static int encoder_sink(void *ctx, const float *x, size_t n)
{
    encode_ctx *c = ctx;
    return loa_encoder_write(c->enc, x, n, c->d);
}

static int resample_emit(void *ctx, const float *x, size_t n)
{
    encode_ctx *c = ctx;
    return loa_resampler_push(c->rs, x, n, c->d);
}

static loa_encoder *encode_once(FILE *spool, int in_rate, int out_rate, double gain_db,
                                double ceiling, const loa_output_opts *o,
                                const loa_tags *tags, const char *path, mc_diag *d)
{
    encode_ctx c = {NULL, NULL, d};
    c.enc = loa_encoder_open(path, o->format, out_rate, o->bitrate_kbps, tags, d);
    c.rs = c.enc ? loa_resampler_new(in_rate, out_rate, encoder_sink, &c, d) : NULL;
    int ok = c.rs && spool_pass(spool, in_rate, loa_db_to_linear(gain_db), ceiling,
                                resample_emit, &c, d) == 0 &&
             loa_resampler_flush(c.rs, d) == 0 && loa_encoder_finish(c.enc, d) == 0;
    loa_resampler_free(c.rs);
    if (!ok) {
        loa_encoder_free(c.enc);
        return NULL;
    }
    return c.enc;
}

/* Decodes the written file and measures it. */
static int verify(const char *file, const char *shown, loa_output_result *res, mc_diag *d)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(file, SFM_READ, &info);
    if (!sf) return mc_diag_set(d, shown, 0, 0, "cannot read back the written audio: %s", sf_strerror(NULL));
    loa_meter *m = loa_meter_new(info.samplerate, 1, d);
    float buf[BLOCK];
    sf_count_t got, total = 0;
    int rc = m ? 0 : -1;
    while (rc == 0 && (got = sf_readf_float(sf, buf, BLOCK)) > 0) {
        rc = loa_meter_add(m, buf, (size_t)got, d);
        total += got;
    }
    sf_close(sf);
    if (rc == 0) {
        res->integrated = loa_meter_integrated(m);
        res->true_peak = loa_meter_true_peak_db(m);
        res->sample_rate = info.samplerate;
        res->duration = (double)total / info.samplerate;
    }
    loa_meter_free(m);
    return rc;
}

static int average_kbps(const char *file, double seconds)
{
    struct stat st;
    if (stat(file, &st) != 0 || seconds <= 0) return 0;
    return (int)lround(st.st_size * 8.0 / seconds / 1000.0);
}

/* Starting guesses for what the codec does: LAME at CBR <= 192 kbit/s
 * lowers the loudness by about 0.45 LU (measured, RESULTS.md section 4);
 * lossy codecs overshoot the true peak (measured on speech: MP3 128k about
 * 0.3 dB, Vorbis 0.5 dB, Opus up to 1.9 dB). The verify step corrects the
 * rest. */
static void codec_guess(const loa_output_opts *o, double *offset, double *margin)
{
    int mp3 = !strcmp(o->format->name, "mp3");
    *offset = mp3 && o->bitrate_kbps <= 192 ? 0.45 : 0.0;
    *margin = !o->format->lossy ? 0.15 : !strcmp(o->format->name, "opus") ? 2.2
              : !strcmp(o->format->name, "ogg") ? 0.7 : 0.4;
}

static int encode_verified(FILE *spool, int in_rate, int out_rate, double raw,
                           const loa_output_opts *o, const loa_tags *tags,
                           const char *path, loa_output_result *res, mc_diag *d)
{
    double offset, margin, gain_db;
    codec_guess(o, &offset, &margin);
    double ceiling_db = o->ceiling_dbtp - margin;
    if (find_gain(spool, in_rate, raw, o->target_lufs + offset,
                  loa_db_to_linear(ceiling_db), &gain_db, d) != 0) return -1;
    for (int tries = 1;; tries++) {
        loa_encoder *enc = encode_once(spool, in_rate, out_rate, gain_db,
                                       loa_db_to_linear(ceiling_db), o, tags, path, d);
        if (!enc) return -1;
        if (verify(loa_encoder_temp_path(enc), path, res, d) != 0) {
            loa_encoder_free(enc);
            return -1;
        }
        double miss = o->target_lufs - res->integrated;
        double over = res->true_peak - o->ceiling_dbtp;
        if (tries == ENCODE_TRIES || (fabs(miss) <= 0.3 && over <= 0)) {
            res->encodes = tries;
            res->bitrate_kbps = !strcmp(o->format->name, "mp3") ? o->bitrate_kbps
                                : average_kbps(loa_encoder_temp_path(enc), res->duration);
            int rc = loa_encoder_commit(enc, d);
            loa_encoder_free(enc);
            return rc;
        }
        loa_encoder_free(enc);
        if (over > 0) ceiling_db -= over + 0.1;
        if (over > 0 || fabs(miss) > 0.3)
            if (find_gain(spool, in_rate, raw, o->target_lufs + offset + miss,
                          loa_db_to_linear(ceiling_db), &gain_db, d) != 0) return -1;
        offset += miss;
    }
}

static int check_opts(const loa_output_opts *o, int *out_rate, mc_diag *d)
{
    *out_rate = o->format->fixed_rate ? o->format->fixed_rate
                : o->sample_rate ? o->sample_rate : 44100;
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

int loa_render_to_file(const loa_program *p, loa_tts *t, const loa_output_opts *o,
                       const loa_tags *tags, const char *path,
                       loa_output_result *res, mc_diag *d)
{
    int out_rate;
    memset(res, 0, sizeof *res);
    if (check_opts(o, &out_rate, d) != 0) return -1;
    double raw = -HUGE_VAL;
    FILE *spool = render_spool(p, t, &raw, d);
    if (!spool) return -1;
    int rc = 0;
    if (!isfinite(raw))
        rc = mc_diag_set(d, NULL, 0, 0, "the voice produced no audible sound for this text; "
                         "check that it contains Vietnamese words");
    if (rc == 0)
        rc = encode_verified(spool, loa_tts_sample_rate(t), out_rate, raw, o, tags, path, res, d);
    fclose(spool);
    return rc;
}
