/* test_mp3join.c — the MP3 frame joiner (audio/sound/mp3join.c): frame
 * headers of MPEG-1 and MPEG-2 Layer III, the LAME/Info tag read and
 * rewritten (a single part's tag comes out as LAME wrote it, CRCs and
 * seek table included), CRC-16 and its combination, streams joined into
 * one whose tag counts every frame and whose length is the parts', and
 * the refusal of a part that borrows from the bit reservoir before it. */
#include "../check.h"
#include "encode.h"
#include "mp3join.h"

#include <lame/lame.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A LAME stream of n samples of a tone (Info frame first), as parts.c
 * makes one. Caller frees *out. */
static size_t encode_tone(int rate, int kbps, size_t n, double hz, unsigned char **out, int *padding)
{
    mc_diag d;
    lame_global_flags *l = loa_lame_new(rate, kbps, 0, "test", &d);
    size_t cap = n + 100000, len = 0;
    unsigned char *b = malloc(cap);
    float x[1152];
    for (size_t done = 0; l && b && done < n;) {
        size_t k = n - done < 1152 ? n - done : 1152;
        for (size_t i = 0; i < k; i++) x[i] = (float)(0.3 * sin(2 * M_PI * hz * (double)(done + i) / rate));
        len += (size_t)lame_encode_buffer_ieee_float(l, x, x, (int)k, b + len, (int)(cap - len));
        done += k;
    }
    if (l && b) {
        len += (size_t)lame_encode_flush(l, b + len, (int)(cap - len));
        unsigned char tag[2048];
        size_t t = lame_get_lametag_frame(l, tag, sizeof tag);
        memcpy(b, tag, t);
        *padding = lame_get_encoder_padding(l);
    }
    if (l) lame_close(l);
    *out = b;
    return len;
}

static void test_headers(mc_check *c)
{
    loa_mp3_header h;
    const unsigned char v1[4] = {0xFF, 0xFB, 0x90, 0xC4};   /* MPEG-1, 128k, 44.1k, mono */
    CHECK(c, loa_mp3_header_parse(v1, 4, &h) == 0);
    CHECK(c, h.version == 1 && h.rate == 44100 && h.kbps == 128 && h.mono);
    CHECK(c, h.bytes == 417 && h.samples == 1152 && h.side_info == 17);
    const unsigned char v1pad[4] = {0xFF, 0xFB, 0x92, 0xC4};
    CHECK(c, loa_mp3_header_parse(v1pad, 4, &h) == 0 && h.bytes == 418);
    const unsigned char v2[4] = {0xFF, 0xF3, 0x44, 0xC4};   /* MPEG-2, 32k, 24k, mono */
    CHECK(c, loa_mp3_header_parse(v2, 4, &h) == 0);
    CHECK(c, h.version == 2 && h.rate == 24000 && h.kbps == 32 && h.bytes == 96 && h.samples == 576);
    const unsigned char bad[][4] = {{0xFF, 0xFD, 0x90, 0xC4},   /* layer II */
                                    {0xFF, 0xFB, 0xF0, 0xC4},   /* bitrate 15 */
                                    {0xFF, 0xFB, 0x9C, 0xC4},   /* rate 3 */
                                    {0xFE, 0xFB, 0x90, 0xC4}};  /* no sync */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK(c, loa_mp3_header_parse(bad[i], 4, &h) != 0);
}

static void test_crc16_combine(mc_check *c)
{
    unsigned char a[1000], b[3333];
    for (size_t i = 0; i < sizeof a; i++) a[i] = (unsigned char)(i * 7 + 3);
    for (size_t i = 0; i < sizeof b; i++) b[i] = (unsigned char)(i * 13 + 1);
    CHECK(c, loa_crc16(0, "123456789", 9) == 0xBB3D);   /* CRC-16/ARC check value */
    uint16_t whole = loa_crc16(loa_crc16(0, a, sizeof a), b, sizeof b);
    CHECK(c, loa_crc16_combine(loa_crc16(0, a, sizeof a), loa_crc16(0, b, sizeof b), sizeof b) == whole);
    CHECK(c, loa_crc16_combine(loa_crc16(0, a, sizeof a), 0, 0) == loa_crc16(0, a, sizeof a));
}

/* One part rejoined alone is LAME's own tag, byte for byte: the counts,
 * seek table, padding, music length and both CRCs are computed as LAME
 * computes them. At 44.1 kHz (MPEG-1) and 24 kHz (MPEG-2; at 32 kbit/s
 * its frames are too small for a tag, and LAME writes none). */
static void test_single_part_tag_is_lames(mc_check *c)
{
    const int rates[2] = {44100, 24000}, kbps[2] = {128, 64};
    for (int r = 0; r < 2; r++) {
        unsigned char *b;
        int pad;
        /* 20 s: 766 frames, more than LAME's seek bag of 400 holds */
        long len = (long)rates[r] * (r ? 3 : 20) + 123;
        size_t n = encode_tone(rates[r], kbps[r], (size_t)len, 440, &b, &pad);
        loa_mp3_stream s;
        char why[200] = "";
        CHECK(c, loa_mp3_stream_parse(b, n, &s, why, sizeof why) == 0);
        if (why[0]) printf("  %s\n", why);
        CHECK(c, s.delay == 576 && s.padding == pad);
        CHECK(c, loa_mp3_stream_samples(&s) == len);
        loa_mp3_tag_layout t;
        CHECK(c, loa_mp3_tag_find(s.tag, s.tag_len, &t) == 0 && t.lame > 0);
        CHECK(c, s.music_crc == (s.tag[t.lame + 32] << 8 | s.tag[t.lame + 33]));
        unsigned char out[2048];
        CHECK(c, loa_mp3_join_tag(&s, 1, out, why, sizeof why) == 0);
        CHECK(c, memcmp(out, s.tag, s.tag_len) == 0);
        free(b);
    }
}

static long decoded_samples(const unsigned char *b, size_t n)
{
    char path[] = "/tmp/test_mp3join_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    long total = write(fd, b, n) == (ssize_t)n ? 0 : -1;
    close(fd);
    SF_INFO info = {0};
    SNDFILE *sf = total == 0 ? sf_open(path, SFM_READ, &info) : NULL;
    float buf[4096];
    sf_count_t got;
    while (sf && (got = sf_readf_float(sf, buf, 4096)) > 0) total += got;
    if (sf) sf_close(sf);
    unlink(path);
    return sf ? total : -1;
}

/* Two parts joined: the tag counts both, takes the last one's padding,
 * and the joined stream decodes (libsndfile, libmpg123: delay and padding
 * from the tag) to the frames of the first plus what the second decodes
 * to. */
static void test_join_two_parts(mc_check *c)
{
    unsigned char *b1, *b2;
    int pad1, pad2;
    size_t n1 = encode_tone(44100, 128, 38 * 1152 - 1152, 440, &b1, &pad1);   /* fills 38 frames */
    size_t n2 = encode_tone(44100, 128, 30000, 660, &b2, &pad2);
    loa_mp3_stream s[2];
    char why[200] = "";
    CHECK(c, loa_mp3_stream_parse(b1, n1, &s[0], why, sizeof why) == 0);
    CHECK(c, loa_mp3_stream_parse(b2, n2, &s[1], why, sizeof why) == 0);
    CHECK(c, pad1 == 576 && s[0].frames == 38);
    unsigned char tag[2048];
    CHECK(c, loa_mp3_join_tag(s, 2, tag, why, sizeof why) == 0);
    size_t n = s[0].tag_len + s[0].audio_len + s[1].audio_len;
    unsigned char *joined = malloc(n);
    memcpy(joined, tag, s[0].tag_len);
    memcpy(joined + s[0].tag_len, s[0].audio, s[0].audio_len);
    memcpy(joined + s[0].tag_len + s[0].audio_len, s[1].audio, s[1].audio_len);
    loa_mp3_stream all;
    CHECK(c, loa_mp3_stream_parse(joined, n, &all, why, sizeof why) == 0);
    CHECK(c, all.frames == s[0].frames + s[1].frames && all.padding == pad2);
    CHECK(c, all.music_crc == loa_crc16(0, joined + s[0].tag_len, n - s[0].tag_len));
    long want = (long)s[0].frames * 1152 + 30000;
    CHECK(c, loa_mp3_stream_samples(&all) == want);
    CHECK(c, decoded_samples(joined, n) == want);
    free(joined);
    free(b1);
    free(b2);
}

/* A part must not borrow from the bit reservoir before it: LAME's later
 * frames do borrow (so a stream cut between frames is refused), and a
 * first frame whose main_data_begin says so is refused. */
static void test_reservoir_refused(mc_check *c)
{
    unsigned char *b;
    int pad;
    size_t n = encode_tone(44100, 128, 44100 * 2, 440, &b, &pad);
    loa_mp3_stream s;
    char why[200] = "";
    CHECK(c, loa_mp3_stream_parse(b, n, &s, why, sizeof why) == 0);
    /* the first audio frame takes nothing from before it */
    loa_mp3_header h;
    CHECK(c, loa_mp3_header_parse(s.audio, s.audio_len, &h) == 0);
    CHECK(c, loa_mp3_main_data_begin(s.audio, &h) == 0);
    /* a later frame that does borrow, and the stream cut there: its tag
     * frame followed by the frames from that one on */
    size_t at = 0, found = 0;
    for (size_t k = 0; at < s.audio_len && !found; k++) {
        loa_mp3_header f;
        loa_mp3_header_parse(s.audio + at, s.audio_len - at, &f);
        if (k > 0 && loa_mp3_main_data_begin(s.audio + at, &f) > 0) found = 1;
        else at += f.bytes;
    }
    CHECK(c, found);
    unsigned char *cut = malloc(n);
    memcpy(cut, s.tag, s.tag_len);
    memcpy(cut + s.tag_len, s.audio + at, s.audio_len - at);
    loa_mp3_stream bad;
    why[0] = '\0';
    CHECK(c, loa_mp3_stream_parse(cut, s.tag_len + s.audio_len - at, &bad, why, sizeof why) != 0);
    CHECK(c, strstr(why, "bit reservoir") != NULL);
    /* a frame that is not whole */
    CHECK(c, loa_mp3_stream_parse(b, n - 10, &bad, why, sizeof why) != 0);
    free(cut);
    free(b);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_headers);
    RUN(&c, test_crc16_combine);
    RUN(&c, test_single_part_tag_is_lames);
    RUN(&c, test_join_two_parts);
    RUN(&c, test_reservoir_refused);
    return check_finish(&c);
}
