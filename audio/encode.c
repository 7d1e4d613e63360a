/* encode.c — libsndfile output behind encode.h.
 *
 * The temporary file is made with mkstemp and handed to sf_open_fd (which
 * closes it with the handle). For MP3 the CBR settings must be sent before
 * the first sample: the compression level first (libsndfile maps it to a
 * bitrate: kbps = 320 - level * 288 at 32..48 kHz, 160 - level * 152 at
 * 16..24 kHz, 64 - level * 56 below), then SF_BITRATE_MODE_CONSTANT (whose
 * return value is SF_FALSE on 1.2.0 even though it takes effect).
 */
#include "encode.h"
#include "tags.h"

#include <errno.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct loa_encoder {
    const loa_format *fmt;
    SNDFILE *sf;
    char *path, *tmp;
    loa_tags tags;
    int finished, committed;
};

static const loa_format formats[] = {
    {"mp3", "mp3", "mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 0, 1},
    {"ogg", "ogg", "vorbis", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0, 1},
    {"opus", "opus", "opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 1},
    {"flac", "flac", "flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, 0},
    {"wav", "wav", "pcm_s16le", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, 0},
};

const loa_format *loa_format_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
        if (!strcmp(formats[i].name, name)) return &formats[i];
    return NULL;
}

const char *loa_format_names(void) { return "mp3, ogg, opus, flac, wav"; }

static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0;
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (tmp) snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
    return tmp;
}

static int mp3_bitrate(SNDFILE *sf, int rate, int kbps)
{
    double hi = rate >= 32000 ? 320 : rate >= 16000 ? 160 : 64;
    double lo = rate >= 32000 ? 32 : 8;
    double level = (hi - kbps) / (hi - lo);
    int mode = SF_BITRATE_MODE_CONSTANT;
    if (sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level) != SF_TRUE) return -1;
    sf_command(sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    return sf_command(sf, SFC_GET_BITRATE_MODE, NULL, 0) == SF_BITRATE_MODE_CONSTANT ? 0 : -1;
}

static void set_strings(SNDFILE *sf, const loa_tags *t)
{
    if (t->title) sf_set_string(sf, SF_STR_TITLE, t->title);
    if (t->artist) sf_set_string(sf, SF_STR_ARTIST, t->artist);
    if (t->album) sf_set_string(sf, SF_STR_ALBUM, t->album);
    if (t->date) sf_set_string(sf, SF_STR_DATE, t->date);
    if (t->comment) sf_set_string(sf, SF_STR_COMMENT, t->comment);
}

static int open_sf(loa_encoder *e, int fd, int rate, int kbps, mc_diag *d)
{
    SF_INFO info = {.samplerate = rate, .channels = 1, .format = e->fmt->sf_format};
    e->sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (!e->sf) {
        close(fd);
        return mc_diag_set(d, e->path, 0, 0, "cannot write %s at %d Hz: %s", e->fmt->name,
                           rate, sf_strerror(NULL));
    }
    if (e->fmt->sf_format == (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)) {
        if (mp3_bitrate(e->sf, rate, kbps) != 0)
            return mc_diag_set(d, e->path, 0, 0, "libsndfile refused MP3 bitrate %d kbit/s", kbps);
    } else {
        set_strings(e->sf, &e->tags);
    }
    return 0;
}

loa_encoder *loa_encoder_open(const char *path, const loa_format *f, int rate,
                              int bitrate_kbps, const loa_tags *tags, mc_diag *d)
{
    if (f->sf_format == (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) &&
        (bitrate_kbps < 32 || bitrate_kbps > 320)) {
        mc_diag_set(d, path, 0, 0, "MP3 bitrate %d kbit/s is out of range; use 32 to 320", bitrate_kbps);
        return NULL;
    }
    loa_encoder *e = calloc(1, sizeof *e);
    if (!e || !(e->path = strdup(path)) || !(e->tmp = temp_name(path))) {
        loa_encoder_free(e);
        mc_diag_set(d, path, 0, 0, "out of memory");
        return NULL;
    }
    e->fmt = f;
    if (tags) e->tags = *tags;
    int fd = mkstemp(e->tmp);
    if (fd < 0) {
        mc_diag_set(d, path, 0, 0, "cannot create a file in its folder: %s; check that the "
                    "folder exists and is writable", strerror(errno));
        free(e->tmp);
        e->tmp = NULL;
        loa_encoder_free(e);
        return NULL;
    }
    if (open_sf(e, fd, rate, bitrate_kbps, d) != 0) {
        loa_encoder_free(e);
        return NULL;
    }
    return e;
}

int loa_encoder_write(loa_encoder *e, const float *x, size_t n, mc_diag *d)
{
    if (sf_writef_float(e->sf, x, (sf_count_t)n) != (sf_count_t)n)
        return mc_diag_set(d, e->path, 0, 0, "cannot write audio: %s; check the free space",
                           sf_strerror(e->sf));
    return 0;
}

int loa_encoder_finish(loa_encoder *e, mc_diag *d)
{
    int err = sf_close(e->sf);
    e->sf = NULL;
    if (err != 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot finish the audio file: %s; "
                           "check the free space", sf_error_number(err));
    if (chmod(e->tmp, 0644) != 0)
        return mc_diag_set(d, e->path, 0, 0, "cannot set permissions: %s", strerror(errno));
    if (e->fmt->sf_format == (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) &&
        loa_tags_write_mp3(e->tmp, &e->tags, d) != 0) {
        snprintf(d->file, sizeof d->file, "%s", e->path);
        return -1;
    }
    e->finished = 1;
    return 0;
}

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
    if (e->tmp && !e->committed) unlink(e->tmp);
    free(e->tmp);
    free(e->path);
    free(e);
}
