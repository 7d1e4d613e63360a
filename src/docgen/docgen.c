/* docgen.c — writes the manual and README's usage lines from the option
 * tables of motcua and loa (lib/options_doc.h), for `make docs` and for
 * tests/cli/test_docs.sh, which compares its output with the committed
 * files.
 *
 *   docgen man motcua|loa TEMPLATE   the man page: TEMPLATE (man/NAME.1.in)
 *                                    with its @COMMANDS@ line replaced by
 *                                    the COMMANDS and OPTIONS sections
 *   docgen readme README.md          README.md with the code block under
 *                                    "## Usage" replaced by every command's
 *                                    synopsis
 *   docgen check                     the tables' sanity (options_doc.h)
 *
 * Output goes to stdout; errors to stderr, exit status 1 (2 for a wrong
 * command line). The two programs' tables are linked in here, which is why
 * this tool is built from their command objects (not their main.o).
 */
#include "fileio.h"
#include "options_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Defined in src/motcua/cli.c and src/loa/cli.c. */
extern const mc_program mc_program_cli, loa_program_cli;

static const mc_program *const programs[] = {&mc_program_cli, &loa_program_cli};
#define NPROGRAMS (sizeof programs / sizeof programs[0])

#define MAN_MARK "@COMMANDS@\n"
#define README_START "## Usage\n\n```\n"

static const mc_program *find_program(const char *name)
{
    for (size_t i = 0; i < NPROGRAMS; i++)
        if (!strcmp(programs[i]->name, name)) return programs[i];
    return NULL;
}

static int fail(const mc_diag *d)
{
    mc_diag_print(stderr, d);
    return 1;
}

/* TEMPLATE with the COMMANDS and OPTIONS sections at its mark. */
static int man(const mc_program *p, const char *path)
{
    mc_diag d;
    size_t len;
    char *text = mc_read_file(path, &len, &d);
    if (!text) return fail(&d);
    char *mark = strstr(text, MAN_MARK);
    if (!mark) {
        mc_diag_set(&d, path, 0, 0, "no line %.*s to put the commands at", (int)strlen(MAN_MARK) - 1, MAN_MARK);
        free(text);
        return fail(&d);
    }
    fwrite(text, 1, (size_t)(mark - text), stdout);
    mc_program_man(stdout, p);
    fputs(mark + strlen(MAN_MARK), stdout);
    free(text);
    return 0;
}

static int readme(const char *path)
{
    mc_diag d;
    size_t len;
    char *text = mc_read_file(path, &len, &d);
    if (!text) return fail(&d);
    char *start = strstr(text, README_START);
    char *end = start ? strstr(start + strlen(README_START), "```\n") : NULL;
    if (!end) {
        mc_diag_set(&d, path, 0, 0, "no code block right under \"## Usage\" to put the synopses in");
        free(text);
        return fail(&d);
    }
    start += strlen(README_START);
    fwrite(text, 1, (size_t)(start - text), stdout);
    for (size_t i = 0; i < NPROGRAMS; i++) mc_program_synopsis(stdout, programs[i]);
    fputs(end, stdout);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "man") && find_program(argv[2]))
        return man(find_program(argv[2]), argv[3]);
    if (argc == 3 && !strcmp(argv[1], "readme")) return readme(argv[2]);
    if (argc == 2 && !strcmp(argv[1], "check")) {
        mc_diag d;
        for (size_t i = 0; i < NPROGRAMS; i++)
            if (mc_program_check(programs[i], &d) != 0) return fail(&d);
        return 0;
    }
    fputs("usage: docgen man motcua|loa TEMPLATE | docgen readme README.md | docgen check\n", stderr);
    return 2;
}
