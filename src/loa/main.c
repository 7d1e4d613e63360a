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
    return mc_program_main(&loa_program_cli, argc, argv);
}
