/* test_audio.c — unit tests of loa's audio modules: chime, composition,
 * true-peak limiter, meter, resampler, sha256, the format table (every
 * row encodes a file that ffprobe reads back as that row says), MP3 tags
 * written in the room left for them, and the
 * espeak-ng engine (which needs no sound device). */
#include "../check.h"
#include "chime.h"
#include "compose.h"
#include "encode.h"
#include "envelope.h"
#include "loudness.h"
#include "pipeline.h"
#include "resample.h"
#include "sidecar.h"
#include "tags.h"
#include "tts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_chime_is_bounded_and_deterministic(mc_check *c)
{
    size_t n = loa_chime_length(22050);
    float peak = 0;
    for (size_t i = 0; i < n; i++) peak = fmaxf(peak, fabsf(loa_chime_sample(i, 22050)));
    CHECK(c, n > 22050 && n < 3 * 22050);
    CHECK(c, peak > 0.1f && peak < 0.5f);
    CHECK(c, loa_chime_sample(1000, 22050) == loa_chime_sample(1000, 22050));
}

static void test_fill_ward(mc_check *c)
{
    char *s = loa_fill_ward("Đài {ward} xin thông báo, {ward}!", "Phường Hoa Lư");
    CHECK_STR(c, s, "Đài Phường Hoa Lư xin thông báo, Phường Hoa Lư!");
    free(s);
    s = loa_fill_ward("không có", NULL);
    CHECK_STR(c, s, "không có");
    free(s);
}

static void test_program_layout(mc_check *c)
{
    loa_script sc;
    loa_script_defaults(&sc);
    sc.body = "một\nhai";
    sc.opening = "mở đầu";
    sc.repeat_phrase = "xin nhắc lại";
    sc.repeat = 2;
    loa_program p;
    mc_diag d;
    CHECK(c, loa_program_build(&p, &sc, &d) == 0);
    char *text = loa_program_text(&p);
    CHECK_STR(c, text, "mở đầu\nmột\nhai\nxin nhắc lại\nmột\nhai");
    CHECK(c, p.segs[1].kind == LOA_SEG_CHIME);
    free(text);
    loa_program_free(&p);
    sc.body = "  \n ";
    CHECK(c, loa_program_build(&p, &sc, &d) == -1 && strstr(d.message, "nothing to read aloud"));
    sc.body = "x";
    sc.repeat = 11;
    CHECK(c, loa_program_build(&p, &sc, &d) == -1);
}

/* A loud square-ish burst through gain + limiter never passes the ceiling. */
static void test_limiter_holds_ceiling(mc_check *c)
{
    enum { N = 22050 };
    float *x = malloc(N * sizeof *x), *pk = malloc(N * sizeof *pk), *out = malloc((N + 256) * sizeof *out);
    loa_peak_est est;
    loa_peak_est_init(&est);
    float *xd = malloc(N * sizeof *xd);
    for (int i = 0; i < N; i++) {
        x[i] = (float)(0.9 * sin(2 * M_PI * 3000.0 * i / 22050) * (i % 5000 < 300 ? 1.0 : 0.1));
        loa_peak_est_push(&est, x[i], &xd[i], &pk[i]);
    }
    double ceiling = loa_db_to_linear(-3);
    loa_limiter *l = loa_limiter_new(22050, loa_db_to_linear(12), ceiling);
    size_t n = loa_limiter_run(l, xd, pk, N, out);
    n += loa_limiter_flush(l, out + n);
    float peak = 0;
    for (size_t i = 0; i < n; i++) peak = fmaxf(peak, fabsf(out[i]));
    CHECK(c, n == N);
    CHECK(c, peak <= ceiling + 1e-4);
    CHECK(c, peak > ceiling * 0.9);
    loa_limiter_free(l);
    free(x); free(pk); free(out); free(xd);
}

/* The peak estimate, its three phases computed at once, gives exactly
 * what phase after phase gives (the same four partial sums, in the same
 * order). */
static void test_peak_estimate_phase_by_phase(mc_check *c)
{
    loa_peak_est est;
    loa_peak_est_init(&est);
    float ring[LOA_PEAK_TAPS] = {0};
    int same = 1;
    unsigned r = 12345;
    for (int i = 0; i < 5000; i++) {
        r = r * 1103515245u + 12345u;
        float x = (float)((int)(r >> 8 & 0xffff) - 32768) / 32768.0f;
        memmove(ring, ring + 1, (LOA_PEAK_TAPS - 1) * sizeof *ring);
        ring[LOA_PEAK_TAPS - 1] = x;
        float xd, pk;
        loa_peak_est_push(&est, x, &xd, &pk);
        float want = fabsf(ring[LOA_PEAK_TAPS / 2 - 1]);
        for (int ph = 0; ph < 3; ph++) {
            float part[4] = {0, 0, 0, 0};
            for (int k = 0; k < LOA_PEAK_TAPS; k++) part[k % 4] += ring[k] * est.coef[k][ph];
            float y = (part[0] + part[1]) + (part[2] + part[3]);
            if (fabsf(y) > want) want = fabsf(y);
        }
        if (pk != want || xd != ring[LOA_PEAK_TAPS / 2 - 1]) same = 0;
    }
    CHECK(c, same);
}

/* The envelope's prediction: nothing lost while the gained peaks stay
 * under the ceiling; a steady tone pushed 6 dB over it loses 6 dB. */
/* The envelope's prediction: nothing lost while the gained peaks stay
 * under the ceiling, the ceiling's ratio when a steady tone is pushed over
 * it, more loss with more gain. */
static void test_envelope_predicts_limiter_loss(mc_check *c)
{
    loa_envelope e;
    loa_envelope_init(&e, 22050);
    int ok = 1;
    for (int i = 0; i < 2 * 22050; i++) {
        float x = (float)(0.1 * sin(2 * M_PI * 440.0 * i / 22050));
        ok = ok && loa_envelope_add(&e, x, 0.1f) == 0;
    }
    ok = ok && loa_envelope_finish(&e) == 0;
    /* 100 ms = 2205 samples: nine blocks of 220 and one of 225 */
    CHECK(c, ok && e.block == 220 && e.count == 20 * 10 && e.samples == 2 * 22050);
    double ceiling = 0.5;
    CHECK(c, loa_envelope_loss_db(&e, 0.0, ceiling) == 0.0);
    CHECK(c, loa_envelope_loss_db(&e, 13.9, ceiling) == 0.0);
    double loss = loa_envelope_loss_db(&e, 20.0, ceiling);
    CHECK(c, fabs(loss - 20.0 * log10(0.5)) < 0.01);
    CHECK(c, loa_envelope_loss_db(&e, 26.0, ceiling) < loss);
    loa_envelope_free(&e);
}

/* The envelope's loudness is libebur128's (the meter's) for the same
 * samples, gating included: speech-like bursts of filtered noise with
 * pauses and a quiet stretch the relative gate drops, at three rates, and
 * with a gain. */
static void test_envelope_loudness_is_the_meters(mc_check *c)
{
    const int rates[] = {22050, 44100, 16000};
    for (size_t r = 0; r < sizeof rates / sizeof *rates; r++) {
        int rate = rates[r];
        size_t n = (size_t)rate * 7 + 123;
        float *x = malloc(n * sizeof *x);
        unsigned seed = 12345;
        double lp = 0;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            double white = ((seed >> 8) & 0xffff) / 32768.0 - 1.0;
            lp += 0.3 * (white - lp);                       /* a darker noise */
            double t = (double)i / rate;
            double burst = fmod(t, 0.9) < 0.6 ? 0.4 : 0.0;  /* words and pauses */
            if (t > 5.0) burst = 0.004;                     /* a quiet tail, gated out */
            x[i] = (float)(lp * burst * (0.6 + 0.4 * sin(2 * M_PI * 3.0 * t)));
        }
        mc_diag d;
        loa_meter *m = loa_meter_new(rate, 0, &d);
        loa_envelope e;
        loa_envelope_init(&e, rate);
        int ok = m != NULL;
        for (size_t i = 0; ok && i < n; i += 1000)
            ok = loa_meter_add(m, x + i, n - i < 1000 ? n - i : 1000, &d) == 0;
        for (size_t i = 0; ok && i < n; i++) ok = loa_envelope_add(&e, x[i], fabsf(x[i])) == 0;
        ok = ok && loa_envelope_finish(&e) == 0;
        double want = ok ? loa_meter_integrated(m) : 0, got = loa_envelope_lufs(&e, 0.0, HUGE_VAL);
        if (fabs(got - want) >= 0.005)
            fprintf(stderr, "  %d Hz: envelope %.4f LUFS, libebur128 %.4f\n", rate, got, want);
        CHECK(c, ok && isfinite(want) && fabs(got - want) < 0.005);
        CHECK(c, fabs(loa_envelope_lufs(&e, 6.0, HUGE_VAL) - (want + 6.0)) < 0.005);
        loa_meter_free(m);
        loa_envelope_free(&e);
        free(x);
    }
}

static void test_meter_sine(mc_check *c)
{
    /* A 1 kHz sine at -20 dBFS peak reads about -23 LUFS (BS.1770). */
    mc_diag d;
    loa_meter *m = loa_meter_new(48000, 1, &d);
    float buf[4800];
    for (int s = 0; s < 50; s++) {
        for (int i = 0; i < 4800; i++)
            buf[i] = (float)(0.1 * sin(2 * M_PI * 1000.0 * (s * 4800 + i) / 48000));
        loa_meter_add(m, buf, 4800, &d);
    }
    CHECK(c, fabs(loa_meter_integrated(m) - (-23.0)) < 0.2);
    CHECK(c, fabs(loa_meter_true_peak_db(m) - (-20.0)) < 0.2);
    loa_meter_free(m);
}

typedef struct counter { size_t n; } counter;
static int count_sink(void *ctx, const float *x, size_t n) { (void)x; ((counter *)ctx)->n += n; return 0; }

static void test_resampler_length(mc_check *c)
{
    counter k = {0};
    mc_diag d;
    loa_resampler *r = loa_resampler_new(22050, 44100, count_sink, &k, &d);
    float zeros[1000] = {0};
    for (int i = 0; i < 22; i++) loa_resampler_push(r, zeros, 1000, &d);
    loa_resampler_flush(r, &d);
    CHECK(c, k.n >= 43990 && k.n <= 44010);
    loa_resampler_free(r);
}

static void test_sha256_and_formats(mc_check *c)
{
    char hex[65], names[64];
    CHECK(c, loa_sha256_hex("abc", 3, hex) == 0);
    CHECK_STR(c, hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(c, loa_format_find("opus") && loa_format_find("opus")->fixed_rate == 48000);
    CHECK(c, loa_format_find("aac") == NULL && loa_format_by_ext("m4a") == NULL);
    loa_format_names(names, sizeof names);
    size_t i = 0;
    for (const loa_format *f; (f = loa_format_at(i)); i++) {
        CHECK(c, loa_format_find(f->name) == f && loa_format_by_ext(f->ext) == f);
        CHECK(c, strstr(names, f->name) != NULL);
        CHECK(c, !strncmp(f->mime, "audio/", 6));
        CHECK(c, f->lossy == !!strcmp(f->bitrate_mode, "lossless"));
        CHECK(c, (f->encoder == LOA_ENC_LAME) == (f->sf_format == 0));
        CHECK(c, f->peak_margin > 0 && f->loudness_offset >= 0);
    }
    CHECK(c, i >= 5 && strlen(names) + 1 < sizeof names);
    loa_output_opts o;
    loa_output_defaults(&o);
    CHECK(c, o.format == loa_format_at(0));
}

/* ffprobe's "KEY=VALUE" lines about path into out (n bytes); 0 or -1. */
static int ffprobe(const char *path, char *out, size_t n)
{
    int fds[2];
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execlp("ffprobe", "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
               "stream=codec_name,sample_rate,channels:format=format_name", "-of",
               "default=nw=1", path, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t k;
    while (pid > 0 && got + 1 < n && (k = read(fds[0], out + got, n - 1 - got)) > 0) got += (size_t)k;
    out[got] = '\0';
    close(fds[0]);
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The value of "key=" in ffprobe's output, into v (n bytes). */
static const char *probe_value(const char *out, const char *key, char *v, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "%s=", key);
    const char *at = strstr(out, pat);
    size_t len = at ? strcspn(at + strlen(pat), "\n") : 0;
    snprintf(v, n, "%.*s", (int)len, at ? at + strlen(pat) : "");
    return v;
}

/* The registered MIME type of what ffprobe found the container to be:
 * the test's own knowledge, not the table's. */
static const char *mime_of_container(const char *format_name)
{
    static const char *const map[][2] = {
        {"mp3", "audio/mpeg"}, {"ogg", "audio/ogg"}, {"flac", "audio/flac"}, {"wav", "audio/wav"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], format_name)) return map[i][1];
    return "unknown";
}

static void test_every_format_encodes_what_it_says(mc_check *c)
{
    char dir[] = "/tmp/loa-formats-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(c, 0);
        return;
    }
    float tone[4800];
    for (size_t i = 0; i < 4800; i++) tone[i] = 0.25f * (float)sin(2 * M_PI * 440 * i / 48000.0);
    for (size_t i = 0; loa_format_at(i); i++) {
        const loa_format *f = loa_format_at(i);
        char path[128], out[1024], v[64];
        snprintf(path, sizeof path, "%s/x.%s", dir, f->ext);
        int rate = f->fixed_rate ? f->fixed_rate : 44100;
        mc_diag d;
        loa_tags tags = {"Thử định dạng", NULL, NULL, NULL, NULL};
        loa_encoder *e = loa_encoder_open(path, f, rate, 128, 0, &tags, &d);
        int ok = e && loa_encoder_write(e, tone, 4800, &d) == 0 && loa_encoder_write(e, tone, 4800, &d) == 0 &&
                 loa_encoder_finish(e, &d) == 0 && loa_encoder_commit(e, &d) == 0;
        loa_encoder_free(e);
        CHECK(c, ok);
        if (!ok) printf("  %s: %s\n", f->name, d.message);
        CHECK(c, ffprobe(path, out, sizeof out) == 0);
        CHECK_STR(c, probe_value(out, "codec_name", v, sizeof v), f->codec);
        CHECK_STR(c, mime_of_container(probe_value(out, "format_name", v, sizeof v)), f->mime);
        CHECK(c, atoi(probe_value(out, "sample_rate", v, sizeof v)) == rate);
        CHECK_STR(c, probe_value(out, "channels", v, sizeof v), "1");
        unlink(path);
    }
    rmdir(dir);
}

/* The MP3's ID3v2 tag is written into the room loa_tags_reserve_mp3 left
 * before the frames: the tag keeps the reserved size (TagLib, making room
 * itself, would have moved the frames and left 1024 bytes of padding), the
 * first MPEG frame starts right behind it, and the UTF-8 text is in it. */
static void test_mp3_tags_fill_reserved_room(mc_check *c)
{
    char dir[] = "/tmp/loa-tags-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(c, 0);
        return;
    }
    loa_tags tags = {"Thông báo lịch tiêm chủng mở rộng tháng mười hai", "Đài truyền thanh phường Bến Nghé",
                     "Phường Bến Nghé", "2026-12-01", "loa 0.1.0, recorded voice"};
    FILE *probe = tmpfile();
    long room = probe ? loa_tags_reserve_mp3(probe, &tags) : -1;
    if (probe) fclose(probe);
    CHECK(c, room > 10);
    float tone[4800];
    for (size_t i = 0; i < 4800; i++) tone[i] = 0.25f * (float)sin(2 * M_PI * 440 * i / 48000.0);
    char path[128];
    snprintf(path, sizeof path, "%s/x.mp3", dir);
    mc_diag d;
    loa_encoder *e = loa_encoder_open(path, loa_format_find("mp3"), 44100, 128, 0, &tags, &d);
    int ok = e && loa_encoder_write(e, tone, 4800, &d) == 0 && loa_encoder_finish(e, &d) == 0 &&
             loa_encoder_commit(e, &d) == 0;
    loa_encoder_free(e);
    CHECK(c, ok);
    static unsigned char b[1 << 16];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f) fclose(f);
    CHECK(c, n > (size_t)room + 4 && !memcmp(b, "ID3\x04", 4));
    if (n <= (size_t)room + 4) return;
    long size = 10 + ((long)b[6] << 21 | (long)b[7] << 14 | (long)b[8] << 7 | (long)b[9]);
    CHECK(c, size == room);
    CHECK(c, b[room] == 0xFF && (b[room + 1] & 0xE0) == 0xE0);
    const char *title = tags.title;
    int found = 0;
    for (long i = 10; i + (long)strlen(title) <= room && !found; i++)
        found = !memcmp(b + i, title, strlen(title));
    CHECK(c, found);
    unlink(path);
    rmdir(dir);
}

static void test_espeak_speaks_without_sound_device(mc_check *c)
{
    mc_diag d;
    loa_tts_options o = {"vi-vn-x-south", 1.0, 50};
    loa_tts *t = loa_tts_new(&o, &d);
    CHECK(c, t != NULL);
    if (!t) return;
    CHECK(c, loa_tts_sample_rate(t) == 22050);
    counter k = {0};
    CHECK(c, loa_tts_speak(t, "xin chào", strlen("xin chào"), count_sink, &k, &d) == 0);
    CHECK(c, k.n > 22050 / 4 && k.n < 22050 * 3);
    CHECK(c, loa_tts_set_voice(t, "fr", &d) == -1 && strstr(d.message, "unknown voice"));
    loa_tts_free(t);
    o.voice = "xx";
    CHECK(c, loa_tts_new(&o, &d) == NULL);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_chime_is_bounded_and_deterministic);
    RUN(&c, test_fill_ward);
    RUN(&c, test_program_layout);
    RUN(&c, test_limiter_holds_ceiling);
    RUN(&c, test_peak_estimate_phase_by_phase);
    RUN(&c, test_envelope_predicts_limiter_loss);
    RUN(&c, test_envelope_loudness_is_the_meters);
    RUN(&c, test_meter_sine);
    RUN(&c, test_resampler_length);
    RUN(&c, test_sha256_and_formats);
    RUN(&c, test_every_format_encodes_what_it_says);
    RUN(&c, test_mp3_tags_fill_reserved_room);
    RUN(&c, test_espeak_speaks_without_sound_device);
    return check_finish(&c);
}
