/* main.c — the motcua command line: option parsing and dispatch.
 *
 * The tool/library split follows curl: everything that does work lives in
 * lib/ and generator/ modules that return mc_diag errors; this file only
 * reads arguments, calls them, prints diagnostics and chooses the exit
 * status (0 success, 1 content or runtime error, 2 usage error).
 */
#include "commands.h"
#include "markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: motcua COMMAND [OPTION]... [ARGUMENT]...\n"
    "Build the public-information portal of a Vietnamese city from Markdown.\n"
    "\n"
    "Commands:\n"
    "  build            build the site into public/ (see 'motcua build --help')\n"
    "  serve            preview the site at http://127.0.0.1:1313/, rebuilt and\n"
    "                   reloaded on every save (see 'motcua serve --help')\n"
    "  check            report broken links, missing anchors and images, and\n"
    "                   unfinished content; --external checks other sites' links\n"
    "  new KIND TITLE   start a content file (KIND: news, procedure, announcement,\n"
    "                   page) with every key explained; never overwrites\n"
    "  slug TEXT...     print the URL slug made from TEXT: lower case, Vietnamese\n"
    "                   marks removed, đ as d, words joined by '-'\n"
    "                     motcua slug \"Đăng ký khai sinh\"   ->  dang-ky-khai-sinh\n"
    "\n"
    "Options:\n"
    "  -h, --help       show this help and exit\n"
    "  -V, --version    show the version and exit\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  a problem in the content or while running (the message says FILE:LINE)\n"
    "  2  the command line was wrong\n"
    "\n"
    "Errors are printed as FILE:LINE: error: what went wrong, and what to do.\n"
    "Documentation: README.md and 'man motcua'.\n"
    "Report problems on the project's issue tracker, with the command you ran\n"
    "and the message it printed.\n";

int mc_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "motcua: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'motcua --help' for more information.\n");
    return 2;
}

int main(int argc, char **argv)
{
    mc_markdown_init();
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
        printf("motcua %s\n", MC_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "build")) return mc_cmd_build(argc - 1, argv + 1);
    if (!strcmp(cmd, "new")) return mc_cmd_new(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return mc_cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return mc_cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "slug")) return mc_cmd_slug(argc - 1, argv + 1);
    return mc_usage_error("unknown command '%s'", cmd);
}
