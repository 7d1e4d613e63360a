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
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char stream_help[] =
    "Usage: loa stream FILE --to URL [--auth-env NAME] [--name TEXT]\n"
    "Play an MP3 or Ogg announcement live to an Icecast 2.4+ mount point (HTTP\n"
    "PUT), paced at the audio's own rate, so a 60 s file takes about 60 s and\n"
    "listeners hear all of it.\n"
    "\n"
    "      --to=URL         the mount, e.g. http://127.0.0.1:8000/hoa-lu.mp3;\n"
    "                       may hold the source user and password:\n"
    "                       http://source:PASSWORD@host:8000/hoa-lu.mp3\n"
    "      --auth-env=NAME  read \"user:password\" (or just the password, user\n"
    "                       'source') from the environment variable NAME\n"
    "      --name=TEXT      stream name shown to listeners (default: the title in\n"
    "                       FILE.json, else the file name)\n"
    "      --bitrate=KBPS   pace at this bit rate instead of the file's measured one\n"
    "      --burst=SECONDS  audio sent at once at the start (default 1)\n"
    "      --connect-timeout=SECONDS  give up connecting after this (default 10)\n"
    "  -h, --help           show this help\n"
    "\n"
    "HTTPS certificates are always verified. A refused password ends with\n"
    "'refused the source password for mount /NAME (HTTP 401)' and exit status 1.\n"
    "\n"
    "Example:\n"
    "  LOA_ICECAST=source:secret loa stream audio/hoa-lu/tin-bao.mp3 \\\n"
    "      --to http://127.0.0.1:8000/hoa-lu.mp3 --auth-env LOA_ICECAST\n";

enum { OPT_TO = 1, OPT_AUTH_ENV, OPT_NAME, OPT_BITRATE, OPT_BURST, OPT_CONNECT };

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
    static const struct option longopts[] = {
        {"to", required_argument, NULL, OPT_TO}, {"auth-env", required_argument, NULL, OPT_AUTH_ENV},
        {"name", required_argument, NULL, OPT_NAME}, {"bitrate", required_argument, NULL, OPT_BITRATE},
        {"burst", required_argument, NULL, OPT_BURST}, {"connect-timeout", required_argument, NULL, OPT_CONNECT},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') { fputs(stream_help, stdout); return 0; }
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
