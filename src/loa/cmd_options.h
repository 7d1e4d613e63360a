/* cmd_options.h — the audio options `loa say` and `loa render` share.
 *
 * Each command lists LOA_AUDIO_LONGOPTS in its getopt_long table and hands
 * every option it does not handle itself to loa_audio_option, which applies
 * it to a loa_settings. Values are checked where they are used (engine,
 * pipeline), except names (format, style) which are checked here.
 *
 * Memory: option values point into argv.
 */
#ifndef LOA_CMD_OPTIONS_H
#define LOA_CMD_OPTIONS_H

#include "diag.h"
#include "settings.h"

enum {
    LOA_OPT_FORMAT = 1000, LOA_OPT_VOICE, LOA_OPT_STYLE, LOA_OPT_RATE, LOA_OPT_PITCH,
    LOA_OPT_LOUDNESS, LOA_OPT_TRUE_PEAK, LOA_OPT_SAMPLE_RATE, LOA_OPT_BITRATE,
    LOA_OPT_SITE, LOA_OPT_REPEAT, LOA_OPT_CHIME, LOA_OPT_NO_CHIME
};

#define LOA_AUDIO_LONGOPTS                                                   \
    {"format", required_argument, NULL, LOA_OPT_FORMAT},                     \
    {"voice", required_argument, NULL, LOA_OPT_VOICE},                       \
    {"style", required_argument, NULL, LOA_OPT_STYLE},                       \
    {"rate", required_argument, NULL, LOA_OPT_RATE},                         \
    {"pitch", required_argument, NULL, LOA_OPT_PITCH},                       \
    {"loudness", required_argument, NULL, LOA_OPT_LOUDNESS},                 \
    {"true-peak", required_argument, NULL, LOA_OPT_TRUE_PEAK},               \
    {"sample-rate", required_argument, NULL, LOA_OPT_SAMPLE_RATE},           \
    {"bitrate", required_argument, NULL, LOA_OPT_BITRATE}

#define LOA_AUDIO_OPTIONS_HELP                                                 \
    "      --format=F         mp3 (default; mono, constant 128 kbit/s), ogg,\n" \
    "                         opus (48 kHz), flac or wav\n"                      \
    "      --voice=V          vi (default), vi-vn-x-central, vi-vn-x-south\n"     \
    "      --style=S          north (nghìn, linh; default) or south (ngàn, lẻ)\n" \
    "      --rate=R           speaking speed, 0.5 to 2.0 (1.0 = normal)\n"       \
    "      --pitch=P          voice pitch, 0 to 100 (50 = normal)\n"             \
    "      --loudness=LUFS    integrated loudness target (default -16; -23 for\n" \
    "                         EBU R128 broadcast chains)\n"                      \
    "      --true-peak=DBTP   true-peak ceiling (default -1.5)\n"                \
    "      --sample-rate=HZ   output sample rate (default 44100)\n"              \
    "      --bitrate=KBPS     MP3 bitrate, constant (default 128)\n"

/* Applies option c (a LOA_OPT_ value) with argument arg to s. Returns 0, 1
 * when c is not an audio option, or -1 with d filled for a bad value
 * (unknown format or style, a number that is not a number). */
int loa_audio_option(loa_settings *s, int c, const char *arg, mc_diag *d);

#endif
