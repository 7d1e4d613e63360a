/* main.c — the loa command line: option parsing and dispatch.
 *
 * loa turns announcement texts into broadcast-ready audio for the ward
 * loudspeaker stations. As in motcua, the work is done by modules in audio/
 * and lib/ that return mc_diag errors; this file reads arguments, prints
 * diagnostics and chooses the exit status (0 success, 1 content or runtime
 * error, 2 usage error).
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "Usage: loa COMMAND [OPTION]... [ARGUMENT]...\n"
    "Turn Vietnamese announcements into audio for ward loudspeaker stations.\n"
    "\n"
    "Commands:\n"
    "  normalize TEXT   print TEXT as the voice will read it: dates, times, phone\n"
    "                   numbers, money and abbreviations in words\n"
    "                     loa normalize \"Họp lúc 7h30\"  ->  Họp lúc bảy giờ ba mươi phút\n"
    "  say TEXT -o FILE speak TEXT into an audio file at broadcast loudness\n"
    "                   (mp3 by default; FILE.json describes it)\n"
    "  render FILE.md... -o DIR\n"
    "                   announcements to audio: chime, opening, the text read\n"
    "                   'repeat:' times, closing; one file per ward\n"
    "  voices           list the Vietnamese voices\n"
    "  schedule DIR -o OUT\n"
    "                   per ward and day: playlist (.m3u8), timetable (.json)\n"
    "                   and printable timetable (.html), khan_cap first\n"
    "  stream FILE --to URL\n"
    "                   play FILE live to an Icecast mount, at its real speed\n"
    "  send OUT         upload each ward's folder of OUT to its station\n"
    "                   (site.yaml wards: station:), only what changed\n"
    "Run 'loa COMMAND --help' for a command's options.\n"
    "\n"
    "Options:\n"
    "  -h, --help       show this help and exit\n"
    "  -V, --version    show the version and exit\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  a problem in the text or while running (the message says FILE:LINE)\n"
    "  2  the command line was wrong\n"
    "\n"
    "Errors are printed as FILE:LINE: error: what went wrong, and what to do.\n"
    "Documentation: README.md and 'man loa'.\n"
    "Report problems on the project's issue tracker, with the command you ran\n"
    "and the message it printed.\n";

int loa_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "loa: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'loa --help' for more information.\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("loa %s\n", MC_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "normalize")) return loa_cmd_normalize(argc - 1, argv + 1);
    if (!strcmp(cmd, "say")) return loa_cmd_say(argc - 1, argv + 1);
    if (!strcmp(cmd, "render")) return loa_cmd_render(argc - 1, argv + 1);
    if (!strcmp(cmd, "voices")) return loa_cmd_voices(argc - 1, argv + 1);
    if (!strcmp(cmd, "schedule")) return loa_cmd_schedule(argc - 1, argv + 1);
    if (!strcmp(cmd, "stream")) return loa_cmd_stream(argc - 1, argv + 1);
    if (!strcmp(cmd, "send")) return loa_cmd_send(argc - 1, argv + 1);
    return loa_usage_error("unknown command '%s'", cmd);
}
