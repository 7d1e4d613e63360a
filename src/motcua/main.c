/* main.c — the motcua command line: option parsing and dispatch.
 *
 * The tool/library split follows curl: everything that does work lives in
 * lib/ and generator/ modules that return mc_diag errors; this file only
 * reads arguments, calls them, prints diagnostics and chooses the exit
 * status (0 success, 1 content or runtime error, 2 usage error). The
 * commands and the help come from the tables in cli.c and cmd_*.c.
 */
#include "commands.h"
#include "markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    mc_markdown_init();
    if (argc < 2) {
        mc_program_help(stderr, &mc_program_cli);
        return 2;
    }
    const mc_program *p = &mc_program_cli;
    const char *cmd = argv[1];
    int key = mc_option_match(p->options, cmd);
    if (key == 'h' || !strcmp(cmd, "help")) {
        mc_program_help(stdout, p);
        return 0;
    }
    if (key == 'V') {
        printf("motcua %s\n", MC_VERSION);
        return 0;
    }
    const mc_command *c = mc_program_command(p, cmd);
    if (c) return c->run(argc - 1, argv + 1);
    return mc_usage_error("unknown command '%s'", cmd);
}
