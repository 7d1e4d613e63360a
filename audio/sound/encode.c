/* encode.c — libmp3lame (MP3) and libsndfile (the other formats) behind
 * encode.h.
 *
 * The temporary file is made with mkstemp. MP3 is encoded with libmp3lame
 * directly: libsndfile drives LAME at its slow quality setting 2 and has no
 * command to change it, and encoding was then most of the run time. Here
 * LAME runs at LOA_MP3_QUALITY (7: about 4x faster than 2; at 128 kbit/s
 * mono the bitrate, not the search effort, decides how speech sounds) in
 * plain CBR, with the LAME/Info tag (frame count, encoder delay and padding,
 * so players and ffprobe know the exact length) written into the first
 * frame when the encoding is finished, as libsndfile does. Room for the
 * ID3v2 tag is left before the first frame (loa_tags_reserve_mp3), so
 * TagLib fills it in place instead of moving the whole file behind it. The low-pass
 * stands where the audio ends (loa_encoder_open's content_hz): speech made
 * at 22050 Hz holds nothing above 11 kHz, and coding the empty bands up to
 * LAME's default cost a tenth of the encoding.
 *
 * Other formats go through libsndfile: sf_open_fd takes the descriptor
 * (and closes it with the handle); tags are set before the first sample.
 */
#include "encode.h"
#include "tags.h"
#include "fileio.h"

#include <errno.h>
#include <lame/lame.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOA_MP3_QUALITY 7
#define LOA_MP3_CHUNK 4096      /* samples per lame_encode_buffer call */
#define LOA_MP3_BUF (LOA_MP3_CHUNK * 5 / 4 + 7200)
#define LOA_MP3_IOBUF (1 << 16)  /* a write per 64 KB, not per frame; setvbuf
                                    with a NULL buffer would keep glibc's 4 KB */

struct loa_encoder {
    const loa_format *fmt;
    SNDFILE *sf;             /* formats other than mp3 */
    lame_global_flags *lame; /* mp3 */
    FILE *out;               /* mp3: the temporary file */
    unsigned char *mp3buf;   /* mp3: LOA_MP3_BUF bytes */
    char *iobuf;             /* mp3: out's stdio buffer, LOA_MP3_IOBUF bytes */
    long audio_at;           /* mp3: where the frames start, after the tag's room */
    char *path, *tmp;
    loa_tags tags;
    int finished, committed;
};

static void set_strings(SNDFILE *sf, const loa_tags *t)
{
    if (t->title) sf_set_string(sf, SF_STR_TITLE, t->title);
    if (t->artist) sf_set_string(sf, SF_STR_ARTIST, t->artist);
    if (t->album) sf_set_string(sf, SF_STR_ALBUM, t->album);
    if (t->date) sf_set_string(sf, SF_STR_DATE, t->date);
    if (t->comment) sf_set_string(sf, SF_STR_COMMENT, t->comment);
}

static int open_sf(loa_encoder *e, int fd, int rate, mc_diag *d)
{
    SF_INFO info = {.samplerate = rate, .channels = 1, .format = e->fmt->sf_format};
    e->sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (!e->sf) {
        close(fd);
        return mc_diag_set(d, e->path, 0, 0, "cannot write %s at %d Hz: %s", e->fmt->name,
                           rate, sf_strerror(NULL));
    }
    /* libsndfile's Opus encoder takes its bitrate as a compression level
     * from 0 (256 kbit/s) to 1 (6 kbit/s), linear per channel */
    double level = 1.0 - (e->fmt->kbps - 6) / 250.0;
    if (e->fmt->kbps && (e->fmt->sf_format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS &&
        sf_command(e->sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level) != SF_TRUE) {
        sf_close(e->sf);
        e->sf = NULL;
        return mc_diag_set(d, e->path, 0, 0, "cannot set the Opus bitrate to %d kbit/s", e->fmt->kbps);
    }
    set_strings(e->sf, &e->tags);
    return 0;
}

static int uses_lame(const loa_format *f) { return f->encoder == LOA_ENC_LAME; }

static void lame_quiet(const char *fmt, va_list ap) { (void)fmt; (void)ap; }

int loa_mp3_kbps(const loa_format *f, int asked) { return f->kbps ? f->kbps : asked ? asked : 128; }

int loa_mp3_kbps_check(int kbps, const char *path, mc_diag *d)
{
    if (kbps >= 32 && kbps <= 320) return 0;
    return mc_diag_set(d, path, 0, 0, "MP3 bitrate %d kbit/s is out of range; use 32 to 320", kbps);
}

lame_global_flags *loa_lame_new(int rate, int kbps, int content_hz, const char *path, mc_diag *d)
{
    lame_global_flags *l = lame_init();
    if (!l) {
        mc_diag_set(d, path, 0, 0, "out of memory");
        return NULL;
    }
    lame_set_errorf(l, lame_quiet);
    lame_set_debugf(l, lame_quiet);
    lame_set_msgf(l, lame_quiet);
    lame_set_num_channels(l, 1);
    lame_set_mode(l, MONO);
    lame_set_in_samplerate(l, rate);
    lame_set_out_samplerate(l, rate);
    lame_set_VBR(l, vbr_off);
    lame_set_brate(l, kbps);
    lame_set_quality(l, LOA_MP3_QUALITY);
    if (content_hz > 0 && content_hz < rate / 2) lame_set_lowpassfreq(l, content_hz);
    lame_set_bWriteVbrTag(l, 1);          /* the LAME/Info tag of a CBR file */
    lame_set_write_id3tag_automatic(l, 0); /* tags.c writes them */
    if (lame_init_params(l) < 0 || lame_get_out_samplerate(l) != rate) {
        lame_close(l);
        mc_diag_set(d, path, 0, 0, "cannot write mp3 at %d Hz; MP3 takes 8000 to 48000 Hz", rate);
        return NULL;
    }
    return l;
}

/* The temporary file as a buffered FILE, room for the tags reserved. */
static int open_out(loa_encoder *e, int fd, mc_diag *d)
{
    e->out = fdopen(fd, "wb");
    if (!e->out) {
        close(fd);
        return mc_diag_set(d, e->path, 0, 0, "cannot write: %s", strerror(errno));
    }
    e->iobuf = malloc(LOA_MP3_IOBUF);
    if (e->iobuf) setvbuf(e->out, e->iobuf, _IOFBF, LOA_MP3_IOBUF);
    e->audio_at = loa_tags_reserve_mp3(e->out, &e->tags);
    if (e->audio_at < 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot write: %s; check the free space", strerror(errno));
    return 0;
}

static int open_lame(loa_encoder *e, int fd, int rate, int kbps, int content_hz, mc_diag *d)
{
    if (open_out(e, fd, d) != 0) return -1;
    e->mp3buf = malloc(LOA_MP3_BUF);
    if (!e->mp3buf) return mc_diag_set(d, e->path, 0, 0, "out of memory");
    e->lame = loa_lame_new(rate, kbps, content_hz, e->path, d);
    return e->lame ? 0 : -1;
}

/* Writes n encoded bytes to the file. */
static int put_bytes(loa_encoder *e, const unsigned char *b, int n, mc_diag *d)
{
    if (n < 0)
        return mc_diag_set(d, e->path, 0, 0, "the MP3 encoder failed (LAME error %d)", n);
    if (n && fwrite(b, 1, (size_t)n, e->out) != (size_t)n)
        return mc_diag_set(d, e->path, 0, 0, "cannot write audio: %s; check the free space",
                           strerror(errno));
    return 0;
}

/* Flushes LAME, puts the final LAME/Info tag into the first frame (after
 * the room reserved for the ID3v2 tag). */
static int finish_lame(loa_encoder *e, mc_diag *d)
{
    int n = lame_encode_flush(e->lame, e->mp3buf, LOA_MP3_BUF);
    if (put_bytes(e, e->mp3buf, n, d) != 0) return -1;
    size_t tag = lame_get_lametag_frame(e->lame, e->mp3buf, LOA_MP3_BUF);
    if (tag > LOA_MP3_BUF ||
        (tag && (fflush(e->out) != 0 || fseek(e->out, e->audio_at, SEEK_SET) != 0 ||
                 fwrite(e->mp3buf, 1, tag, e->out) != tag)))
        return mc_diag_set(d, e->path, 0, 0, "cannot write the MP3 header: %s", strerror(errno));
    int err = fclose(e->out);
    e->out = NULL;
    if (err != 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot finish the audio file: %s; "
                           "check the free space", strerror(errno));
    return 0;
}

/* A new encoder with its temporary file (descriptor in *fd), or NULL. */
static loa_encoder *encoder_new(const char *path, const loa_format *f, const loa_tags *tags,
                                int *fd, mc_diag *d)
{
    loa_encoder *e = calloc(1, sizeof *e);
    if (!e || !(e->path = strdup(path))) {
        loa_encoder_free(e);
        mc_diag_set(d, path, 0, 0, "out of memory");
        return NULL;
    }
    e->fmt = f;
    if (tags) e->tags = *tags;
    *fd = mc_temp_beside(path, &e->tmp, d);
    if (*fd < 0) {
        loa_encoder_free(e);
        return NULL;
    }
    return e;
}

loa_encoder *loa_encoder_open(const char *path, const loa_format *f, int rate,
                              int bitrate_kbps, int content_hz, const loa_tags *tags,
                              mc_diag *d)
{
    bitrate_kbps = loa_mp3_kbps(f, bitrate_kbps);
    if (uses_lame(f) && loa_mp3_kbps_check(bitrate_kbps, path, d) != 0) return NULL;
    int fd;
    loa_encoder *e = encoder_new(path, f, tags, &fd, d);
    if (!e) return NULL;
    if ((uses_lame(f) ? open_lame(e, fd, rate, bitrate_kbps, content_hz, d) : open_sf(e, fd, rate, d)) != 0) {
        loa_encoder_free(e);
        return NULL;
    }
    return e;
}

loa_encoder *loa_encoder_open_frames(const char *path, const loa_format *f, const loa_tags *tags,
                                     mc_diag *d)
{
    int fd;
    loa_encoder *e = encoder_new(path, f, tags, &fd, d);
    if (e && open_out(e, fd, d) != 0) {
        loa_encoder_free(e);
        return NULL;
    }
    return e;
}

int loa_encoder_put_bytes(loa_encoder *e, const void *b, size_t n, mc_diag *d)
{
    if (n && fwrite(b, 1, n, e->out) != n)
        return mc_diag_set(d, e->path, 0, 0, "cannot write audio: %s; check the free space",
                           strerror(errno));
    return 0;
}

int loa_encoder_write(loa_encoder *e, const float *x, size_t n, mc_diag *d)
{
    if (e->lame) {
        for (size_t done = 0; done < n;) {
            int k = n - done < LOA_MP3_CHUNK ? (int)(n - done) : LOA_MP3_CHUNK;
            int got = lame_encode_buffer_ieee_float(e->lame, x + done, x + done, k,
                                                    e->mp3buf, LOA_MP3_BUF);
            if (put_bytes(e, e->mp3buf, got, d) != 0) return -1;
            done += (size_t)k;
        }
        return 0;
    }
    if (sf_writef_float(e->sf, x, (sf_count_t)n) != (sf_count_t)n)
        return mc_diag_set(d, e->path, 0, 0, "cannot write audio: %s; check the free space",
                           sf_strerror(e->sf));
    return 0;
}

int loa_encoder_finish(loa_encoder *e, mc_diag *d)
{
    if (e->lame) {
        if (finish_lame(e, d) != 0) return -1;
    } else if (e->out) {         /* frames made elsewhere */
        int err = fclose(e->out);
        e->out = NULL;
        if (err != 0)
            return mc_diag_set(d, e->path, 0, 0, "cannot finish the audio file: %s; "
                               "check the free space", strerror(errno));
    } else {
        int err = sf_close(e->sf);
        e->sf = NULL;
        if (err != 0)
            return mc_diag_set(d, e->path, 0, 0, "cannot finish the audio file: %s; "
                               "check the free space", sf_error_number(err));
    }
    if (chmod(e->tmp, 0644) != 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot set permissions: %s", strerror(errno));
    if (uses_lame(e->fmt) && loa_tags_write_mp3(e->tmp, &e->tags, d) != 0) {
        snprintf(d->file, sizeof d->file, "%s", e->path);
        return -1;
    }
    e->finished = 1;
    return 0;
}

int loa_encoder_kbps(const loa_encoder *e) { return e->lame ? lame_get_brate(e->lame) : 0; }

const char *loa_encoder_temp_path(const loa_encoder *e) { return e->tmp; }

int loa_encoder_commit(loa_encoder *e, mc_diag *d)
{
    if (!e->finished) return mc_diag_set(d, e->path, 0, 0, "internal error: audio not finished");
    if (rename(e->tmp, e->path) != 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot write: %s; the previous file, if any, "
                           "was left as it was", strerror(errno));
    e->committed = 1;
    return 0;
}

void loa_encoder_free(loa_encoder *e)
{
    if (!e) return;
    if (e->sf) sf_close(e->sf);
    if (e->lame) lame_close(e->lame);
    if (e->out) fclose(e->out);
    free(e->iobuf);
    free(e->mp3buf);
    if (e->tmp && !e->committed) unlink(e->tmp);
    free(e->tmp);
    free(e->path);
    free(e);
}
