/* cmd_say.c — `loa say TEXT -o FILE`: speak a text into one audio file.
 *
 * The quick way to hear a sentence or make a one-off recording: the text is
 * normalised, spoken (optionally several times with "Xin nhắc lại" between,
 * optionally after the chime), brought to the loudness target and written
 * with its sidecar FILE.json. No opening or closing is added: that is what
 * `loa render` does for announcements. The format comes from --format, else
 * from the file's extension, else mp3.
 */
#include "args.h"
#include "announce.h"
#include "cmd_options.h"
#include "commands.h"
#include "encode.h"
#include "fileio.h"
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const mc_option say_options[] = {
    {'o', "output", "FILE", "the audio file to write (its folder must exist)", NULL},
    {LOA_OPT_REPEAT, "repeat", "N", "read the text N times, \"Xin nhắc lại\" between", NULL},
    {LOA_OPT_CHIME, "chime", NULL, "play the attention chime first", NULL},
    {LOA_OPT_SITE, "site", "SITE", "take the audio settings from SITE/site.yaml", NULL},
    {.same = loa_audio_options},
    {.same = mc_opt_help},
    {0}};

typedef struct say_args {
    const char *out, *site;
    int repeat, chime, explicit_format;
    mc_diag d;
} say_args;

static void format_from_name(loa_settings *s, const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    const loa_format *f = dot && (!slash || dot > slash) ? loa_format_by_ext(dot + 1) : NULL;
    if (f) s->out.format = f;
}

/* Parses options; returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, loa_settings *s, say_args *a)
{
    int c;
    mc_getopt g;
    mc_getopt_start(&g, say_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_say_command); return 0; }
        if (c == 'o') a->out = optarg;
        else if (c == LOA_OPT_REPEAT) a->repeat = atoi(optarg);
        else if (c == LOA_OPT_CHIME) a->chime = 1;
        else if (c == LOA_OPT_SITE) a->site = optarg;
        else if (c == ':') return loa_usage_error("say: option '%s' needs a value", argv[optind - 1]);
        else if (c == '?') return loa_usage_error("say: unknown option '%s'", argv[optind - 1]);
        else {
            if (c == LOA_OPT_FORMAT) a->explicit_format = 1;
            if (loa_audio_option(s, c, optarg, &a->d) != 0) return 1;
        }
    }
    if (optind >= argc) return loa_usage_error("%s", "say: missing TEXT, e.g. loa say \"Xin chào\" -o x.mp3");
    if (!a->out) return loa_usage_error("%s", "say: missing -o FILE, the audio file to write");
    return -1;
}

static int speak(loa_settings *s, say_args *a, const char *text, size_t len, const char *source)
{
    loa_normalizer *nz = loa_normalizer_new(s->style, &a->d);
    loa_tts *tts = nz ? loa_tts_new(&s->tts, &a->d) : NULL;
    loa_announcement an = {text, len, source, 1, NULL, NULL, NULL, a->repeat, 0, a->chime, NULL, NULL};
    int rc = tts ? loa_announce(s, nz, tts, &an, a->out, &a->d) : -1;
    if (rc != 0 && !a->d.file[0]) snprintf(a->d.file, sizeof a->d.file, "%s", source);
    loa_tts_free(tts);
    loa_normalizer_free(nz);
    return rc;
}

int loa_cmd_say(int argc, char **argv)
{
    loa_settings s;
    loa_settings_defaults(&s);
    say_args a = {NULL, NULL, 1, 0, 0, {0}};
    mc_diag_clear(&a.d);
    int st = parse(argc, argv, &s, &a);
    if (st < 0 && a.site) {
        loa_settings site;
        loa_settings_defaults(&site);
        st = loa_settings_load_site(&site, a.site, &a.d) == 0 ? -1 : 1;
        if (st < 0) {   /* site first, then the command line again over it */
            loa_settings_free(&s);
            s = site;
            st = parse(argc, argv, &s, &a);
        } else {
            loa_settings_free(&site);
        }
    }
    if (st >= 0) {
        if (st == 1) mc_diag_print(stderr, &a.d);
        loa_settings_free(&s);
        return st;
    }
    if (!a.explicit_format) format_from_name(&s, a.out);
    int from_stdin = argc - optind == 1 && !strcmp(argv[optind], "-");
    size_t len = 0;
    char *text = from_stdin ? mc_read_file("/dev/stdin", &len, &a.d)
                            : mc_join_args(argc - optind, argv + optind, &len);
    const char *source = from_stdin ? "(standard input)" : "(command line)";
    int rc = text ? speak(&s, &a, text, len, source) : -1;
    if (rc != 0) mc_diag_print(stderr, &a.d);
    free(text);
    loa_settings_free(&s);
    return rc == 0 ? 0 : 1;
}

const mc_command loa_say_command = {
    .name = "say",
    .args = "TEXT... -o FILE",
    .summary = "speak TEXT into an audio file at broadcast loudness\n"
               "(mp3 by default; FILE.json describes it)",
    .usage = "loa say [OPTION]... TEXT... -o FILE\n"
             "       loa say [OPTION]... - -o FILE     (read the text from standard input)\n",
    .description = "Speak TEXT into the audio file FILE, at broadcast loudness, and write\n"
                   "FILE.json beside it (duration, loudness, true peak, format, voice, SHA-256\n"
                   "of the spoken text).\n",
    .options = say_options,
    .column = 27,
    .epilogue = "Example:\n"
                "  loa say \"Họp tổ dân phố lúc 19h30 tối nay\" -o hop.mp3\n",
    .run = loa_cmd_say,
};
