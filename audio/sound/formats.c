/* formats.c — the output formats loa writes (encode.h) and the default
 * output settings (pipeline.h): a table and constants, in a file of their
 * own so that reading settings (settings.c, which the site generator uses
 * for broadcast schedules) needs no audio library. sndfile.h gives only
 * the format numbers here; nothing of libsndfile is called.
 *
 * The loudness offset and peak margins were measured on speech (RESULTS.md
 * section 4): LAME at CBR <= 192 kbit/s lowers the loudness by about
 * 0.45 LU; lossy codecs overshoot the true peak (MP3 128k about 0.3 dB,
 * Vorbis 0.5 dB, Opus up to 1.9 dB), lossless ones only by rounding.
 *
 * web-opus and web-mp3 are the portal's web versions of an announcement
 * (announce_audio.c: one reading, no chime, for a phone on a prepaid data
 * plan): mono speech at a fixed low bitrate, Opus at 24 kbit/s (about
 * 180 KB a minute) and MP3 at 32 kbit/s, 24 kHz (MPEG-2; 240 KB a minute)
 * for browsers without Opus. Their files end in .web.opus and .web.mp3, so
 * they sit beside the loudspeaker file of the same announcement.
 */
#include "encode.h"
#include "pipeline.h"

#include <sndfile.h>
#include <stdio.h>
#include <string.h>

static const loa_format formats[] = {
    /* name  ext     MIME          codec        bitrate mode  encoder
     *       sf_format                           rate  lossy offset margin kbps */
    {"mp3", "mp3", "audio/mpeg", "mp3", "constant", LOA_ENC_LAME,
     0, 0, 1, 0.45, 0.4, 0},
    {"ogg", "ogg", "audio/ogg", "vorbis", "variable", LOA_ENC_SNDFILE,
     SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0, 1, 0, 0.7, 0},
    {"opus", "opus", "audio/ogg", "opus", "variable", LOA_ENC_SNDFILE,
     SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 1, 0, 2.2, 0},
    {"flac", "flac", "audio/flac", "flac", "lossless", LOA_ENC_SNDFILE,
     SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, 0, 0, 0.15, 0},
    {"wav", "wav", "audio/wav", "pcm_s16le", "lossless", LOA_ENC_SNDFILE,
     SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, 0, 0, 0.15, 0},
    {"web-opus", "web.opus", "audio/ogg", "opus", "variable", LOA_ENC_SNDFILE,
     SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, 1, 0, 2.2, 24},
    {"web-mp3", "web.mp3", "audio/mpeg", "mp3", "constant", LOA_ENC_LAME,
     0, 24000, 1, 0.45, 0.6, 32},
};

#define NFORMATS (sizeof formats / sizeof formats[0])

const loa_format *loa_format_at(size_t i) { return i < NFORMATS ? &formats[i] : NULL; }

const loa_format *loa_format_find(const char *name)
{
    for (size_t i = 0; name && i < NFORMATS; i++)
        if (!strcmp(formats[i].name, name)) return &formats[i];
    return NULL;
}

const loa_format *loa_format_by_ext(const char *ext)
{
    for (size_t i = 0; ext && i < NFORMATS; i++)
        if (!strcmp(formats[i].ext, ext)) return &formats[i];
    return NULL;
}

const char *loa_format_names(char *buf, size_t n)
{
    size_t used = 0;
    if (n) buf[0] = '\0';
    for (size_t i = 0; i < NFORMATS && used < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 == NFORMATS ? " or " : ", ";
        int k = snprintf(buf + used, n - used, "%s%s", sep, formats[i].name);
        if (k < 0) break;
        used += (size_t)k;
    }
    return buf;
}

void loa_output_defaults(loa_output_opts *o)
{
    o->format = &formats[0];
    o->sample_rate = 44100;
    o->bitrate_kbps = 128;
    o->target_lufs = -16;
    o->ceiling_dbtp = -1.5;
}
