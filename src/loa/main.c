/* main.c — the loa command line: option parsing and dispatch.
 *
 * loa turns announcement texts into broadcast-ready audio for the ward
 * loudspeaker stations. As in motcua, the work is done by modules in audio/
 * and lib/ that return mc_diag errors; this file reads arguments, prints
 * diagnostics and chooses the exit status (0 success, 1 content or runtime
 * error, 2 usage error). The commands and the help come from the tables in
 * cli.c and cmd_*.c.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        mc_program_help(stderr, &loa_program_cli);
        return 2;
    }
    const mc_program *p = &loa_program_cli;
    const char *cmd = argv[1];
    int key = mc_option_match(p->options, cmd);
    if (key == 'h' || !strcmp(cmd, "help")) {
        mc_program_help(stdout, p);
        return 0;
    }
    if (key == 'V') {
        printf("loa %s\n", MC_VERSION);
        return 0;
    }
    const mc_command *c = mc_program_command(p, cmd);
    if (c) return c->run(argc - 1, argv + 1);
    return loa_usage_error("unknown command '%s'", cmd);
}
