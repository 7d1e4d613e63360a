/* test_tts_http.c — the pure parts of the remote-voice engine and the
 * priority mapping: splitting long text under a character limit at
 * sentence ends, the site.yaml remote: section (defaults, errors with
 * their line), decoding WAV from memory at another rate, and both
 * spellings of announcement priorities. The HTTP exchanges themselves are
 * tested against a loopback server in tests/cli/test_tts_remote.sh. */
#include "../check.h"
#include "tts_http.h"
#include "priority.h"
#include "yamljson.h"

#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void split_at_sentences(mc_check *c)
{
    const char *t = "một hai ba. bốn năm sáu! bảy tám chín mười, mười một mười hai";
    size_t st[16], ln[16];
    size_t n = loa_http_split(t, strlen(t), 20, st, ln, 16);
    CHECK(c, n >= 3);
    CHECK(c, ln[0] == strlen("một hai ba."));
    CHECK(c, !strncmp(t + st[1], "bốn năm sáu!", ln[1]));
    for (size_t i = 0; i < n && i < 16; i++) CHECK(c, chars(t + st[i], ln[i]) <= 20);
    /* nothing lost: every word is in some piece */
    size_t total = 0;
    for (size_t i = 0; i < n && i < 16; i++) total += chars(t + st[i], ln[i]);
    CHECK(c, total + (n - 1) == chars(t, strlen(t)));
}

static void split_short_and_hard(mc_check *c)
{
    size_t st[8], ln[8];
    CHECK(c, loa_http_split("xin chào", 9, 100, st, ln, 8) == 1 && ln[0] == 9);
    CHECK(c, loa_http_split("", 0, 100, st, ln, 8) == 0);
    /* no space at all: cut at a character boundary, never inside one */
    const char *t = "đđđđđđđđđđ";   /* 10 two-byte characters */
    size_t n = loa_http_split(t, strlen(t), 4, st, ln, 8);
    CHECK(c, n == 3 && ln[0] == 8 && ln[2] == 4);
}

static json_t *yaml(const char *text, json_t **lines)
{
    mc_diag d;
    return mc_yaml_load_named("site.yaml", text, strlen(text), 1, "site.yaml", lines, &d);
}

static void config_defaults_and_errors(mc_check *c)
{
    json_t *lines = NULL;
    json_t *site = yaml("audio:\n  engine: remote\n  remote:\n    api: fpt\n"
                        "    url: \"https://api.example/tts\"\n    key_env: K\n", &lines);
    loa_http_config cfg;
    mc_diag d;
    mc_diag_clear(&d);
    CHECK(c, loa_http_config_load(site, lines, "site.yaml", &cfg, &d) == 1);
    CHECK(c, cfg.api == LOA_HTTP_FPT && cfg.max_chars == 5000 && cfg.retries == 2);
    CHECK_STR(c, cfg.key_env, "K");
    json_decref(site);
    json_decref(lines);

    site = yaml("title: x\naudio:\n  engine: remote\n  remote:\n    api: fpt\n"
                "    url: \"ftp://x\"\n", &lines);
    CHECK(c, loa_http_config_load(site, lines, "site.yaml", &cfg, &d) == -1);
    CHECK(c, d.line == 6 && strstr(d.message, "url"));
    json_decref(site);
    json_decref(lines);

    site = yaml("audio:\n  engine: espeak-ng\n", &lines);
    CHECK(c, loa_http_config_load(site, lines, "site.yaml", &cfg, &d) == 0);
    json_decref(site);
    json_decref(lines);

    site = yaml("audio:\n  engine: remote\n  remote:\n    api: nope\n    url: \"https://x\"\n", &lines);
    CHECK(c, loa_http_config_load(site, lines, "site.yaml", &cfg, &d) == -1 && d.line == 4);
    json_decref(site);
    json_decref(lines);
}

typedef struct counter { size_t n; double peak; } counter;

static int count_sink(void *ctx, const float *x, size_t n)
{
    counter *k = ctx;
    k->n += n;
    for (size_t i = 0; i < n; i++) if (x[i] > k->peak) k->peak = x[i];
    return 0;
}

/* A 0.5 s 16 kHz stereo sine as WAV bytes, through a temporary file. */
static unsigned char *sine_wav(size_t *len)
{
    char path[] = "/tmp/test_tts_http_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    SF_INFO info = {0, 16000, 2, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, 0};
    SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, 1);
    float frame[2];
    for (int i = 0; sf && i < 8000; i++) {
        frame[0] = frame[1] = 0.5f * (float)__builtin_sin(2 * 3.14159265 * 440 * i / 16000.0);
        sf_writef_float(sf, frame, 1);
    }
    if (sf) sf_close(sf);
    FILE *f = fopen(path, "rb");
    unsigned char *buf = malloc(200000);
    *len = f && buf ? fread(buf, 1, 200000, f) : 0;
    if (f) fclose(f);
    remove(path);
    return buf;
}

static void decode_resamples(mc_check *c)
{
    size_t len = 0;
    unsigned char *wav = sine_wav(&len);
    counter k = {0, 0};
    mc_diag d;
    CHECK(c, wav && len > 1000);
    CHECK(c, loa_http_decode(wav, len, 24000, count_sink, &k, &d) == 0);
    CHECK(c, k.n > 11800 && k.n < 12200);        /* 0.5 s at 24 kHz */
    CHECK(c, k.peak > 0.45 && k.peak < 0.55);    /* stereo mixed down, not summed */
    CHECK(c, loa_http_decode((const unsigned char *)"{\"error\":1}", 11, 24000, count_sink, &k, &d) == -1);
    CHECK(c, strstr(d.message, "not audio") != NULL);
    free(wav);
}

static void priority_spellings(mc_check *c)
{
    mc_priority p;
    CHECK(c, mc_priority_parse("khan_cap", &p) == 0 && p == MC_PRIORITY_EMERGENCY);
    CHECK(c, mc_priority_parse("emergency", &p) == 0 && p == MC_PRIORITY_EMERGENCY);
    CHECK(c, mc_priority_parse("uu_tien", &p) == 0 && p == MC_PRIORITY_URGENT);
    CHECK(c, mc_priority_parse("thong_thuong", &p) == 0 && p == MC_PRIORITY_NORMAL);
    CHECK(c, mc_priority_parse(NULL, &p) == 0 && p == MC_PRIORITY_NORMAL);
    /* the Vietnamese words and the build's field labels, in any case or marks */
    CHECK(c, mc_priority_parse("Khẩn cấp", &p) == 0 && p == MC_PRIORITY_EMERGENCY);
    CHECK(c, mc_priority_parse("KHAN CAP", &p) == 0 && p == MC_PRIORITY_EMERGENCY);
    CHECK(c, mc_priority_parse("Khẩn", &p) == 0 && p == MC_PRIORITY_URGENT);
    CHECK(c, mc_priority_parse("ưu tiên", &p) == 0 && p == MC_PRIORITY_URGENT);
    CHECK(c, mc_priority_parse("gấp", &p) == -1);
    CHECK(c, mc_priority_parse("khan_cap_lam", &p) == -1);
    CHECK_STR(c, mc_priority_name(MC_PRIORITY_URGENT), "urgent");
    CHECK_STR(c, mc_priority_vi_id(MC_PRIORITY_EMERGENCY), "khan_cap");
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, split_at_sentences);
    RUN(&c, split_short_and_hard);
    RUN(&c, config_defaults_and_errors);
    RUN(&c, decode_resamples);
    RUN(&c, priority_spellings);
    return check_finish(&c);
}
