/* cmd_stream.c — `loa stream FILE --to URL`: play an announcement live on an
 * Icecast mount point, at its real speed (the work is in stream.c).
 *
 * The source password is taken from the URL (http://source:PASS@host/mount)
 * or from the environment variable named by --auth-env; never from a file.
 * A summary line goes to stderr; progress too when stderr is a terminal.
 */
#include "commands.h"
#include "stream.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_TO = MC_OPT_LONG, OPT_AUTH_ENV, OPT_NAME, OPT_BITRATE, OPT_BURST, OPT_CONNECT };

static const mc_option stream_options[] = {
    {OPT_TO, "to", "URL", "the mount, e.g. http://127.0.0.1:8000/hoa-lu.mp3;\n"
                          "may hold the source user and password:\n"
                          "http://source:PASSWORD@host:8000/hoa-lu.mp3", NULL},
    {OPT_AUTH_ENV, "auth-env", "NAME", "read \"user:password\" (or just the password, user\n"
                                       "'source') from the environment variable NAME", NULL},
    {OPT_NAME, "name", "TEXT", "stream name shown to listeners (default: the title in\n"
                               "FILE.json, else the file name)", NULL},
    {OPT_BITRATE, "bitrate", "KBPS", "pace at this bit rate instead of the file's measured one", NULL},
    {OPT_BURST, "burst", "SECONDS", "audio sent at once at the start (default 1)", NULL},
    {OPT_CONNECT, "connect-timeout", "SECONDS", "give up connecting after this (default 10)", NULL},
    {.same = mc_opt_help},
    {0}};

typedef struct stream_args { const char *auth_env; loa_stream_opts o; } stream_args;

static int number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int option(int c, stream_args *a)
{
    double v = 0;
    switch (c) {
    case OPT_TO: a->o.url = optarg; return 0;
    case OPT_AUTH_ENV: a->auth_env = optarg; return 0;
    case OPT_NAME: a->o.name = optarg; return 0;
    case OPT_BITRATE:
        if (number(optarg, 8, 1000, &a->o.kbps)) return loa_usage_error("stream: --bitrate '%s': give kbit/s, 8 to 1000", optarg);
        return 0;
    case OPT_BURST:
        if (number(optarg, 0, 30, &a->o.burst_seconds)) return loa_usage_error("stream: --burst '%s': give 0 to 30 seconds", optarg);
        return 0;
    case OPT_CONNECT:
        if (number(optarg, 1, 300, &v)) return loa_usage_error("stream: --connect-timeout '%s': give 1 to 300 seconds", optarg);
        a->o.connect_timeout = (long)v;
        return 0;
    }
    return 2;
}

static int parse(int argc, char **argv, stream_args *a)
{
    int c;
    mc_getopt g;
    mc_getopt_start(&g, stream_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_stream_command); return 0; }
        if (c == ':') return loa_usage_error("stream: option '%s' needs a value", argv[optind - 1]);
        if (c == '?') return loa_usage_error("stream: unknown option '%s'", argv[optind - 1]);
        int st = option(c, a);
        if (st) return st;
    }
    if (optind >= argc) return loa_usage_error("%s", "stream: missing FILE, the audio to play");
    if (optind + 1 < argc) return loa_usage_error("stream: one FILE at a time ('%s' is one too many)", argv[optind + 1]);
    if (!a->o.url) return loa_usage_error("%s", "stream: missing --to URL, the Icecast mount");
    a->o.file = argv[optind];
    return -1;
}

int loa_cmd_stream(int argc, char **argv)
{
    stream_args a;
    memset(&a, 0, sizeof a);
    int st = parse(argc, argv, &a);
    if (st >= 0) return st;
    if (a.auth_env) {
        a.o.auth = getenv(a.auth_env);
        if (!a.o.auth || !a.o.auth[0]) {
            fprintf(stderr, "loa: stream: error: the environment variable %s (--auth-env) is not set; "
                    "set it to user:password for the Icecast mount\n", a.auth_env);
            return 1;
        }
    }
    a.o.progress = isatty(fileno(stderr)) ? stderr : NULL;
    mc_diag d;
    mc_diag_clear(&d);
    loa_stream_result r;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = loa_stream(&a.o, &r, &d);
    curl_global_cleanup();
    char mount[1024] = "", host[512] = "";
    loa_stream_describe(a.o.url, mount, sizeof mount, host, sizeof host);
    if (rc != 0) {
        fputs("loa: stream: ", stderr);
        mc_diag_print(stderr, &d);
        return 1;
    }
    fprintf(stderr, "loa: streamed %s (%.1f s of audio, %lld bytes) to mount %s at %s in %.1f s\n",
            a.o.file, r.audio_seconds, r.bytes, mount, host, r.elapsed);
    return 0;
}

const mc_command loa_stream_command = {
    .name = "stream",
    .args = "FILE --to URL",
    .summary = "play FILE live to an Icecast mount, at its real speed",
    .usage = "loa stream FILE --to URL [--auth-env NAME] [--name TEXT]\n",
    .description = "Play an MP3 or Ogg announcement live to an Icecast 2.4+ mount point (HTTP\n"
                   "PUT), paced at the audio's own rate, so a 60 s file takes about 60 s and\n"
                   "listeners hear all of it.\n",
    .options = stream_options,
    .column = 23,
    .epilogue = "HTTPS certificates are always verified. A refused password ends with\n"
                "'refused the source password for mount /NAME (HTTP 401)' and exit status 1.\n"
                "\n"
                "Example:\n"
                "  LOA_ICECAST=source:secret loa stream audio/hoa-lu/tin-bao.mp3 \\\n"
                "      --to http://127.0.0.1:8000/hoa-lu.mp3 --auth-env LOA_ICECAST\n",
    .run = loa_cmd_stream,
};
