/* commands.h — the motcua subcommands. Each takes the arguments after its
 * name (argv[0] is the command name, for getopt) and returns the exit
 * status: 0 success, 1 content or runtime error, 2 usage error.
 *
 * Each cmd_*.c defines its command's entry (options.h: name, options, help)
 * beside the function; cli.c lists them in mc_program_cli, from which main.c
 * dispatches and `motcua --help` is written. */
#ifndef MC_COMMANDS_H
#define MC_COMMANDS_H

#include "options.h"

int mc_cmd_build(int argc, char **argv);
int mc_cmd_slug(int argc, char **argv);
int mc_cmd_new(int argc, char **argv);
int mc_cmd_fields(int argc, char **argv);
int mc_cmd_serve(int argc, char **argv);
int mc_cmd_check(int argc, char **argv);
int mc_cmd_mv(int argc, char **argv);

extern const mc_command mc_build_command, mc_serve_command, mc_check_command,
    mc_new_command, mc_slug_command,
    mc_fields_command, mc_mv_command;

/* Options several commands take: -s, --site=SITE, -j, --jobs=N and
 * --allow-incomplete (build and serve; its key is past any command's own). */
#define MC_OPT_ALLOW_INCOMPLETE (MC_OPT_LONG + 100)
extern const mc_option mc_opt_site[], mc_opt_jobs[], mc_opt_allow_incomplete[];

/* motcua: its commands, its own options and its --help. */
extern const mc_program mc_program_cli;

/* Prints "motcua: MESSAGE" and the --help hint on stderr; returns 2. */
int mc_usage_error(const char *fmt, const char *arg);

#endif
