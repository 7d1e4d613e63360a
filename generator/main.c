/* main.c — the motcua command line: option parsing and dispatch.
 *
 * The tool/library split follows curl: everything that does work lives in
 * lib/ and generator/ modules that return mc_diag errors; this file only
 * reads arguments, calls them, prints diagnostics and chooses the exit
 * status (0 success, 1 content or runtime error, 2 usage error).
 */
#include "diag.h"
#include "text.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: motcua COMMAND [OPTION]... [ARGUMENT]...\n"
    "Build the public-information portal of a Vietnamese city from Markdown.\n"
    "\n"
    "Commands:\n"
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

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "motcua: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'motcua --help' for more information.\n");
    return 2;
}

/* motcua slug TEXT...: the words are joined with spaces, as a shell user
 * would expect from `motcua slug Đăng ký khai sinh` without quotes. */
static int cmd_slug(int argc, char **argv)
{
    if (argc < 1) return usage_error("%s", "slug: missing TEXT, e.g. motcua slug \"Đăng ký khai sinh\"");
    size_t total = 0;
    for (int i = 0; i < argc; i++) total += strlen(argv[i]) + 1;
    char *text = malloc(total + 1);
    if (!text) return 1;
    text[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i) strcat(text, " ");
        strcat(text, argv[i]);
    }
    mc_diag d;
    int status = 0;
    char *slug = NULL;
    if (mc_utf8_check(text, strlen(text), "(command line)", 1, &d) != 0 ||
        !(slug = mc_slug(text, strlen(text), &d))) {
        mc_diag_print(stderr, &d);
        status = 1;
    } else if (!slug[0]) {
        fprintf(stderr, "motcua: error: \"%s\" has no letters or digits to make a slug from\n", text);
        status = 1;
    } else {
        printf("%s\n", slug);
    }
    free(slug);
    free(text);
    return status;
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
        printf("motcua %s\n", MC_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "slug")) return cmd_slug(argc - 2, argv + 2);
    return usage_error("unknown command '%s'", cmd);
}
