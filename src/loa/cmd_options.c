/* cmd_options.c — the options several loa commands share: their table
 * entries, and the audio ones applied to settings (see cmd_options.h).
 * Numbers must be complete ("-16", "1.2"); ranges are checked by the stage
 * that uses them, so the limits live in one place. */
#include "cmd_options.h"
#include "encode.h"

#include <stdlib.h>
#include <string.h>

const mc_option loa_audio_options[] = {
    {LOA_OPT_FORMAT, "format", "F", "mp3 (default; mono, constant 128 kbit/s), ogg,\n"
                                    "opus (48 kHz), flac, wav, or the web versions\n"
                                    "web-opus (24 kbit/s) or web-mp3 (32 kbit/s, 24 kHz)", NULL},
    {LOA_OPT_VOICE, "voice", "V", "vi (default), vi-vn-x-central, vi-vn-x-south", NULL},
    {LOA_OPT_STYLE, "style", "S", "north (nghìn, linh; default) or south (ngàn, lẻ)", NULL},
    {LOA_OPT_RATE, "rate", "R", "speaking speed, 0.5 to 2.0 (1.0 = normal)", NULL},
    {LOA_OPT_PITCH, "pitch", "P", "voice pitch, 0 to 100 (50 = normal)", NULL},
    {LOA_OPT_LOUDNESS, "loudness", "LUFS", "integrated loudness target (default -16; -23 for\n"
                                           "EBU R128 broadcast chains)", NULL},
    {LOA_OPT_TRUE_PEAK, "true-peak", "DBTP", "true-peak ceiling (default -1.5)", NULL},
    {LOA_OPT_SAMPLE_RATE, "sample-rate", "HZ", "output sample rate (default 44100)", NULL},
    {LOA_OPT_BITRATE, "bitrate", "KBPS", "MP3 bitrate, constant (default 128)", NULL},
    {0}};

const mc_option loa_opt_site[] = {
    {LOA_OPT_SITE, "site", "SITE", "site folder or site.yaml (default ./site.yaml)", NULL},
    {0}};

static int number(const char *arg, const char *opt, double *out, mc_diag *d)
{
    char *end = NULL;
    double v = strtod(arg, &end);
    if (!arg[0] || *end)
        return mc_diag_set(d, "(command line)", 0, 0, "%s needs a number, not '%s'", opt, arg);
    *out = v;
    return 0;
}

static int whole(const char *arg, const char *opt, int *out, mc_diag *d)
{
    double v;
    if (number(arg, opt, &v, d) != 0) return -1;
    if (v != (int)v)
        return mc_diag_set(d, "(command line)", 0, 0, "%s needs a whole number, not '%s'", opt, arg);
    *out = (int)v;
    return 0;
}

int loa_audio_option(loa_settings *s, int c, const char *arg, mc_diag *d)
{
    switch (c) {
    case LOA_OPT_FORMAT:
        if (!(s->out.format = loa_format_find(arg)))
        {
            char names[64];
            return mc_diag_set(d, "(command line)", 0, 0, "unknown format '%s'; use %s",
                               arg, loa_format_names(names, sizeof names));
        }
        return 0;
    case LOA_OPT_VOICE: s->tts.voice = arg; return 0;
    case LOA_OPT_STYLE:
        if (loa_style_parse(arg, &s->style) != 0)
            return mc_diag_set(d, "(command line)", 0, 0, "--style is north or south, not '%s'", arg);
        return 0;
    case LOA_OPT_RATE: return number(arg, "--rate", &s->tts.rate, d);
    case LOA_OPT_PITCH: return whole(arg, "--pitch", &s->tts.pitch, d);
    case LOA_OPT_LOUDNESS: return number(arg, "--loudness", &s->out.target_lufs, d);
    case LOA_OPT_TRUE_PEAK: return number(arg, "--true-peak", &s->out.ceiling_dbtp, d);
    case LOA_OPT_SAMPLE_RATE: return whole(arg, "--sample-rate", &s->out.sample_rate, d);
    case LOA_OPT_BITRATE: return whole(arg, "--bitrate", &s->out.bitrate_kbps, d);
    default: return 1;
    }
}
