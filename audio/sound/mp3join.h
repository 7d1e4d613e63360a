/* mp3join.h — MPEG audio Layer III frames: their headers, the LAME/Info
 * tag, and several LAME streams joined into one (parts.c).
 *
 * A stream that LAME encoded alone starts with its LAME/Info tag frame
 * (frame count, byte count, seek table, encoder delay and padding, a CRC
 * of the audio and one of the tag), then its audio frames; its first
 * audio frame takes nothing from the bit reservoir (main_data_begin 0),
 * since nothing came before it. Joined streams keep that property at each
 * join: the frames of one part never reference bytes of the part before,
 * so a decoder reads them as one stream. loa_mp3_join_tag writes the tag
 * of the whole: the first part's tag with the counts of all parts, the
 * last part's padding (so gapless decoders and ffprobe trim exactly the
 * end LAME added), the music length and CRC of the joined audio, and the
 * tag's own CRC.
 *
 * Memory: nothing is allocated; a loa_mp3_stream points into the caller's
 * bytes, which must outlive it.
 */
#ifndef LOA_MP3JOIN_H
#define LOA_MP3JOIN_H

#include <stddef.h>
#include <stdint.h>

typedef struct loa_mp3_header {
    int version;            /* 1 = MPEG-1, 2 = MPEG-2, 25 = MPEG-2.5 */
    int rate;               /* Hz */
    int kbps;
    int mono;
    int crc;                /* 1 when a CRC follows the header */
    size_t bytes;           /* the whole frame, header included */
    int samples;            /* per frame: 1152 (MPEG-1) or 576 */
    size_t side_info;       /* bytes of side information */
} loa_mp3_header;

/* Reads the Layer III frame header at b (n bytes available). 0, or -1
 * when it is not one (no sync, another layer, a reserved value, a free
 * bitrate). */
int loa_mp3_header_parse(const unsigned char *b, size_t n, loa_mp3_header *h);

/* The frame's main_data_begin: how many bytes before it its audio data
 * starts (the bit reservoir). */
int loa_mp3_main_data_begin(const unsigned char *frame, const loa_mp3_header *h);

/* One stream as LAME wrote it. */
typedef struct loa_mp3_stream {
    const unsigned char *tag;   /* the LAME/Info frame */
    size_t tag_len;
    const unsigned char *audio; /* the audio frames after it */
    size_t audio_len;
    size_t frames;              /* audio frames */
    loa_mp3_header first;       /* the header of the tag frame */
    int delay, padding;         /* samples, from the tag */
    uint16_t music_crc;         /* CRC-16 of the audio frames */
} loa_mp3_stream;

/* Splits b (n bytes) into its tag frame and audio frames and checks that
 * it can be joined: every frame parses and has the tag frame's version,
 * rate, bitrate and mode, the first audio frame's main_data_begin is 0,
 * and nothing follows the last frame. 0, or -1 with why (wn bytes) said. */
int loa_mp3_stream_parse(const unsigned char *b, size_t n, loa_mp3_stream *s,
                         char *why, size_t wn);

/* The tag frame of parts[0..n) joined in order, into out (parts[0].tag_len
 * bytes). The parts must share version, rate, bitrate and mode. 0 or -1
 * (why said). */
int loa_mp3_join_tag(const loa_mp3_stream *parts, size_t n, unsigned char *out,
                     char *why, size_t wn);

/* The samples a decoder gives for a stream of `frames` audio frames with
 * this delay and padding (what gapless players and ffprobe report). */
long loa_mp3_stream_samples(const loa_mp3_stream *s);

/* CRC-16 as the LAME tag uses it (polynomial 0x8005, reflected, start 0),
 * continued from crc over b[0..n). */
uint16_t loa_crc16(uint16_t crc, const void *b, size_t n);

/* The CRC-16 of A followed by B from crc(A), crc(B) and B's length. */
uint16_t loa_crc16_combine(uint16_t crc_a, uint16_t crc_b, size_t len_b);

/* Where the tag's fields are in its frame: offsets from the frame's start
 * (for tests and loa_mp3_join_tag); -1 when the frame holds no tag. */
typedef struct loa_mp3_tag_layout {
    long xing;                  /* "Info" or "Xing" */
    long frames, bytes, toc;    /* -1 when the flags leave them out */
    long lame;                  /* "LAME" extension, -1 without */
} loa_mp3_tag_layout;
int loa_mp3_tag_find(const unsigned char *frame, size_t n, loa_mp3_tag_layout *t);

#endif
