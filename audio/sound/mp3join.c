/* mp3join.c — Layer III frame headers, the LAME/Info tag, joined streams
 * (see mp3join.h).
 *
 * Header fields after ISO/IEC 11172-3 and 13818-3; the LAME tag after the
 * LAME project's "Mp3 Info Tag rev 1" description: the Xing part (flags,
 * frames, bytes, 100-entry seek table, quality) and then 36 bytes: encoder
 * name (9), revision (1), low-pass (1), peak (4), two replay gains (2+2),
 * flags (1), bitrate (1), delay and padding (12 bits each), misc (1), mp3
 * gain (1), preset (2), music length (4), music CRC (2) and the CRC of
 * the tag frame up to there (2).
 */
#include "mp3join.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const int kbps_v1[16] = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};
static const int kbps_v2[16] = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
static const int rates_v1[3] = {44100, 48000, 32000};

int loa_mp3_header_parse(const unsigned char *b, size_t n, loa_mp3_header *h)
{
    if (n < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0) return -1;
    int ver = (b[1] >> 3) & 3, layer = (b[1] >> 1) & 3;
    int bi = b[2] >> 4, ri = (b[2] >> 2) & 3, pad = (b[2] >> 1) & 1;
    if (ver == 1 || layer != 1 || bi == 0 || bi == 15 || ri == 3) return -1;
    memset(h, 0, sizeof *h);
    h->version = ver == 3 ? 1 : ver == 2 ? 2 : 25;
    h->rate = rates_v1[ri] / (h->version == 1 ? 1 : h->version == 2 ? 2 : 4);
    h->kbps = h->version == 1 ? kbps_v1[bi] : kbps_v2[bi];
    h->mono = (b[3] >> 6) == 3;
    h->crc = !(b[1] & 1);
    h->samples = h->version == 1 ? 1152 : 576;
    h->bytes = (size_t)(h->samples / 8 * 1000 * h->kbps / h->rate + pad);
    h->side_info = h->version == 1 ? (h->mono ? 17 : 32) : (h->mono ? 9 : 17);
    return 0;
}

int loa_mp3_main_data_begin(const unsigned char *frame, const loa_mp3_header *h)
{
    const unsigned char *si = frame + 4 + (h->crc ? 2 : 0);
    if (h->version == 1) return (si[0] << 1) | (si[1] >> 7);
    return si[0];
}

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put_be32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

int loa_mp3_tag_find(const unsigned char *frame, size_t n, loa_mp3_tag_layout *t)
{
    loa_mp3_header h;
    if (loa_mp3_header_parse(frame, n, &h) != 0 || h.bytes > n) return -1;
    long x = 4 + (h.crc ? 2 : 0) + (long)h.side_info;
    if ((size_t)x + 8 > h.bytes || (memcmp(frame + x, "Info", 4) && memcmp(frame + x, "Xing", 4)))
        return -1;
    uint32_t flags = be32(frame + x + 4);
    long at = x + 8;
    t->xing = x;
    t->frames = flags & 1 ? at : -1;
    at += flags & 1 ? 4 : 0;
    t->bytes = flags & 2 ? at : -1;
    at += flags & 2 ? 4 : 0;
    t->toc = flags & 4 ? at : -1;
    at += flags & 4 ? 100 : 0;
    at += flags & 8 ? 4 : 0;
    t->lame = (size_t)at + 36 <= h.bytes ? at : -1;
    return 0;
}

static uint16_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
    for (unsigned i = 0; i < 256; i++) {
        uint16_t c = (uint16_t)i;
        for (int k = 0; k < 8; k++) c = (uint16_t)(c & 1 ? (c >> 1) ^ 0xA001 : c >> 1);
        crc_table[i] = c;
    }
}

uint16_t loa_crc16(uint16_t crc, const void *b, size_t n)
{
    const uint16_t *table = crc_table;
    pthread_once(&crc_once, crc_init);
    const unsigned char *p = b;
    for (size_t i = 0; i < n; i++) crc = (uint16_t)((crc >> 8) ^ table[(crc ^ p[i]) & 0xFF]);
    return crc;
}

/* GF(2) 16x16 matrices as 16 columns: the operator that runs the CRC
 * register through zero bits (zlib's crc32_combine, for 16 bits). */
static uint16_t gf2_times(const uint16_t *mat, uint16_t vec)
{
    uint16_t sum = 0;
    for (; vec; vec >>= 1, mat++)
        if (vec & 1) sum ^= *mat;
    return sum;
}

static void gf2_square(uint16_t *sq, const uint16_t *mat)
{
    for (int n = 0; n < 16; n++) sq[n] = gf2_times(mat, mat[n]);
}

uint16_t loa_crc16_combine(uint16_t a, uint16_t b, size_t len_b)
{
    uint16_t even[16], odd[16];
    if (len_b == 0) return a;
    odd[0] = 0xA001;                       /* one zero bit */
    for (int n = 1; n < 16; n++) odd[n] = (uint16_t)(1u << (n - 1));
    gf2_square(even, odd);                 /* two bits */
    gf2_square(odd, even);                 /* four */
    for (;;) {
        gf2_square(even, odd);             /* one byte, then 4, 16, ... */
        if (len_b & 1) a = gf2_times(even, a);
        len_b >>= 1;
        if (!len_b) break;
        gf2_square(odd, even);
        if (len_b & 1) a = gf2_times(odd, a);
        len_b >>= 1;
        if (!len_b) break;
    }
    return a ^ b;
}

static int same_kind(const loa_mp3_header *a, const loa_mp3_header *b)
{
    return a->version == b->version && a->rate == b->rate && a->kbps == b->kbps && a->mono == b->mono;
}

int loa_mp3_stream_parse(const unsigned char *b, size_t n, loa_mp3_stream *s,
                         char *why, size_t wn)
{
    memset(s, 0, sizeof *s);
    loa_mp3_tag_layout t;
    if (loa_mp3_header_parse(b, n, &s->first) != 0 || loa_mp3_tag_find(b, n, &t) != 0 || t.lame < 0) {
        snprintf(why, wn, "the stream does not start with a LAME/Info tag frame");
        return -1;
    }
    s->tag = b;
    s->tag_len = s->first.bytes;
    const unsigned char *d = b + t.lame + 21;
    s->delay = d[0] << 4 | d[1] >> 4;
    s->padding = (d[1] & 0x0F) << 8 | d[2];
    s->audio = b + s->tag_len;
    size_t at = s->tag_len;
    while (at < n) {
        loa_mp3_header h;
        if (loa_mp3_header_parse(b + at, n - at, &h) != 0 || !same_kind(&h, &s->first) ||
            at + h.bytes > n) {
            snprintf(why, wn, "frame %zu at byte %zu is not a whole frame like the first",
                     s->frames + 1, at);
            return -1;
        }
        if (s->frames == 0 && loa_mp3_main_data_begin(b + at, &h) != 0) {
            snprintf(why, wn, "the first audio frame takes %d bytes from before it (the bit "
                     "reservoir); it cannot start a part", loa_mp3_main_data_begin(b + at, &h));
            return -1;
        }
        at += h.bytes;
        s->frames++;
    }
    s->audio_len = at - s->tag_len;
    s->music_crc = loa_crc16(0, s->audio, s->audio_len);
    return 0;
}

long loa_mp3_stream_samples(const loa_mp3_stream *s)
{
    return (long)s->frames * s->first.samples - s->delay - s->padding;
}

/* The seek table LAME writes for `frames` frames of one bitrate: its
 * VbrTag.c keeps the running sum at every `want`-th frame in a bag of 400,
 * halving the bag (and doubling want) when it is full, and entry i is
 * 256 x the sum at i % of the bag over the whole sum. At one bitrate the
 * sums count frames. */
static void seek_table(size_t frames, unsigned char *toc)
{
    enum { BAG = 400 };
    long bag[BAG];
    long pos = 0, want = 1, seen = 0, sum = 0;
    for (size_t f = 0; f < frames; f++) {
        sum++;
        if (++seen < want) continue;
        if (pos < BAG) {
            bag[pos++] = sum;
            seen = 0;
        }
        if (pos == BAG) {
            for (int i = 1; i < BAG; i += 2) bag[i / 2] = bag[i];
            want *= 2;
            pos /= 2;
        }
    }
    toc[0] = 0;
    for (int i = 1; i < 100 && pos > 0; i++) {
        float j = (float)i / 100.0f;
        long k = (long)floor(j * (float)pos);
        if (k > pos - 1) k = pos - 1;
        float act = (float)bag[k], all = (float)sum;
        int v = (int)(256.0 * act / all);
        toc[i] = (unsigned char)(v > 255 ? 255 : v);
    }
}

int loa_mp3_join_tag(const loa_mp3_stream *parts, size_t n, unsigned char *out,
                     char *why, size_t wn)
{
    const loa_mp3_stream *f = &parts[0];
    loa_mp3_tag_layout t;
    if (n == 0 || loa_mp3_tag_find(f->tag, f->tag_len, &t) != 0 || t.lame < 0) {
        snprintf(why, wn, "the first part has no LAME tag");
        return -1;
    }
    size_t frames = 0, bytes = 0;
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        if (!same_kind(&parts[i].first, &f->first)) {
            snprintf(why, wn, "part %zu differs in rate, bitrate or mode", i + 1);
            return -1;
        }
        crc = i ? loa_crc16_combine(crc, parts[i].music_crc, parts[i].audio_len) : parts[i].music_crc;
        frames += parts[i].frames;
        bytes += parts[i].audio_len;
    }
    memcpy(out, f->tag, f->tag_len);
    /* counts: what the first part's tag said, moved by what the other parts add */
    if (t.frames >= 0) put_be32(out + t.frames, (uint32_t)(be32(f->tag + t.frames) - f->frames + frames));
    if (t.bytes >= 0) put_be32(out + t.bytes, (uint32_t)(be32(f->tag + t.bytes) - f->audio_len + bytes));
    if (t.toc >= 0) seek_table(frames, out + t.toc);
    unsigned char *l = out + t.lame;
    int pad = parts[n - 1].padding;
    l[22] = (unsigned char)((l[22] & 0xF0) | (pad >> 8));
    l[23] = (unsigned char)pad;
    put_be32(l + 28, (uint32_t)(be32(f->tag + t.lame + 28) - f->audio_len + bytes));
    l[32] = (unsigned char)(crc >> 8);
    l[33] = (unsigned char)crc;
    uint16_t tag_crc = loa_crc16(0, out, (size_t)t.lame + 34);
    l[34] = (unsigned char)(tag_crc >> 8);
    l[35] = (unsigned char)tag_crc;
    return 0;
}
