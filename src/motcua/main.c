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
    return mc_program_main(&mc_program_cli, argc, argv);
}
