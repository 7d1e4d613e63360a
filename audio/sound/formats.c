/* formats.c — the output formats loa writes (encode.h) and the default
 * output settings (pipeline.h): a table and constants, in a file of their
 * own so that reading settings (settings.c, which the site generator uses
 * for broadcast schedules) needs no audio library. sndfile.h gives only
 * the format numbers here; nothing of libsndfile is called.
 */
#include "encode.h"
#include "pipeline.h"

#include <sndfile.h>
#include <string.h>

static const loa_format formats[] = {
    {"mp3", "mp3", "mp3", 0, 0, 1},
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

void loa_output_defaults(loa_output_opts *o)
{
    o->format = loa_format_find("mp3");
    o->sample_rate = 44100;
    o->bitrate_kbps = 128;
    o->target_lufs = -16;
    o->ceiling_dbtp = -1.5;
}
