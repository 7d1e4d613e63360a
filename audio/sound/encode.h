/* encode.h — audio files: mp3 with libmp3lame, ogg (Vorbis), opus, flac
 * and wav with libsndfile; mono.
 *
 * A loa_encoder writes into a temporary file ".NAME.XXXXXX" created in the
 * destination's folder (so the final rename never crosses file systems).
 * loa_encoder_finish closes it and adds the tags; loa_encoder_commit
 * renames it over the destination; loa_encoder_abort (and free without
 * commit) deletes it. A loudspeaker station polling the folder therefore
 * sees a whole file or none.
 *
 * Formats (the table in formats.c; loa_format_find):
 *   mp3   MPEG Layer III with libmp3lame, constant bitrate (default
 *         128 kbit/s; LAME takes the nearest standard bitrate), LAME
 *         quality 7, with a LAME/Info header frame
 *   ogg   Ogg Vorbis, libsndfile's default quality
 *   opus  Ogg Opus; libsndfile only takes 8/12/16/24/48 kHz, so 48 kHz
 *   flac  FLAC 16-bit      wav  WAV PCM 16-bit
 *   web-opus, web-mp3  the portal's web versions: Opus 24 kbit/s, MP3
 *         32 kbit/s at 24 kHz (the table's kbps column)
 * Tags: title, artist, album, date and comment. Non-MP3 formats get them
 * through sf_set_string before the first sample (UTF-8 is kept); MP3 gets
 * an ID3v2.4 UTF-8 tag from tags.c after the audio (libsndfile would mark
 * UTF-8 text as Latin-1).
 *
 * Memory: the encoder owns its temporary path and libsndfile handle;
 * loa_encoder_free releases them (deleting an uncommitted file). The
 * loa_format table is static.
 */
#ifndef LOA_ENCODE_H
#define LOA_ENCODE_H

#include <stddef.h>
#include "diag.h"
#include "tags.h"   /* loa_tags */

/* Which library writes a format. */
typedef enum loa_encoder_kind {
    LOA_ENC_LAME,       /* libmp3lame, with the ID3v2.4 tag of tags.c */
    LOA_ENC_SNDFILE     /* libsndfile, sf_format below */
} loa_encoder_kind;

/* One output format: a row of the table in formats.c, the only list of
 * formats (options, messages, --help, sidecars, MIME types, file search).
 * Adding a format is adding a row there. */
typedef struct loa_format {
    const char *name;          /* "mp3": --format, site.yaml audio: format: */
    const char *ext;           /* "mp3": the file extension, without the dot */
    const char *mime;          /* "audio/mpeg": feeds, CAP, podcast enclosures */
    const char *codec;         /* what ffprobe calls it: "mp3", "vorbis", ... */
    const char *bitrate_mode;  /* "constant", "variable" or "lossless" (sidecar) */
    loa_encoder_kind encoder;
    int sf_format;             /* SF_FORMAT_...; 0 for LOA_ENC_LAME */
    int fixed_rate;            /* sample rate: 0 (any), or the only one (opus: 48000) */
    int lossy;
    /* Starting guesses for the loudness pass (pipeline.c; the verify step
     * corrects the rest): how much the codec lowers the loudness, in LU, at
     * bitrates up to 192 kbit/s, and how far it overshoots the true peak,
     * in dB. */
    double loudness_offset;
    double peak_margin;
    int kbps;                  /* the bitrate it always has (web versions), in
                              * place of --bitrate; 0 = the settings' (mp3) or
                              * the codec's own choice. Opus takes it too. */
} loa_format;

/* The format called name, or NULL (then list loa_format_names). */
const loa_format *loa_format_find(const char *name);

/* The format whose files end in ".ext" (ext without the dot), or NULL. */
const loa_format *loa_format_by_ext(const char *ext);

/* The i-th format of the table (0 = the default, mp3), NULL past the end. */
const loa_format *loa_format_at(size_t i);

/* "mp3, ogg, opus, flac or wav" into buf (n bytes, the caller's), for
 * messages and --help; returns buf. 64 bytes are enough for the table. */
const char *loa_format_names(char *buf, size_t n);

typedef struct loa_encoder loa_encoder;

/* Opens a temporary file beside path. bitrate_kbps applies to mp3
 * (32..320) whose row has no kbps of its own. content_hz: the highest frequency the audio can hold (half
 * the rate it was made at; 0 = unknown): MP3 is low-passed there instead
 * of at LAME's default (about 17 kHz at 128 kbit/s), so LAME does not code
 * bands that are empty anyway. NULL with d filled on failure (folder
 * missing or not writable, rate not supported). */
loa_encoder *loa_encoder_open(const char *path, const loa_format *f, int rate,
                              int bitrate_kbps, int content_hz, const loa_tags *tags,
                              mc_diag *d);

/* An encoder whose MP3 frames are made elsewhere (parts.c joins them,
 * mp3join.h): loa_encoder_put_bytes appends bytes after the room kept for
 * the tags; finish, commit and free as for the others. f must be an
 * LOA_ENC_LAME row. NULL with d filled. */
loa_encoder *loa_encoder_open_frames(const char *path, const loa_format *f, const loa_tags *tags,
                                     mc_diag *d);
int loa_encoder_put_bytes(loa_encoder *e, const void *b, size_t n, mc_diag *d);

/* The MP3 bitrate of format f when asked kbit/s were asked (0: 128): the
 * format's own (the web versions), else the one asked. */
int loa_mp3_kbps(const loa_format *f, int asked);

/* 0, or -1 with d filled (naming path) when kbps is not 32 to 320. */
int loa_mp3_kbps_check(int kbps, const char *path, mc_diag *d);

/* LAME set up as loa writes MP3: mono, constant kbps, quality 7, low-pass
 * at content_hz, a LAME/Info tag frame first, no ID3 tags (tags.c writes
 * them). path only names messages. NULL with d filled; lame_close frees. */
struct lame_global_struct;
struct lame_global_struct *loa_lame_new(int rate, int kbps, int content_hz, const char *path,
                                        mc_diag *d);

/* The constant bitrate LAME uses (mp3), else 0. */
int loa_encoder_kbps(const loa_encoder *e);

/* Writes n mono samples. 0 or -1 (d filled). */
int loa_encoder_write(loa_encoder *e, const float *x, size_t n, mc_diag *d);

/* Closes the audio and writes the tags. After it, loa_encoder_temp_path
 * names a complete file. 0 or -1. */
int loa_encoder_finish(loa_encoder *e, mc_diag *d);

const char *loa_encoder_temp_path(const loa_encoder *e);

/* Renames the finished file to its destination. 0 or -1 (file removed). */
int loa_encoder_commit(loa_encoder *e, mc_diag *d);

/* Deletes the temporary file and frees e. e may be NULL. */
void loa_encoder_free(loa_encoder *e);

#endif
