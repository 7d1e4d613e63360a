/* commands.h — the loa subcommands. Each takes the arguments after its name
 * (argv[0] is the command name, for getopt) and returns the exit status:
 * 0 success, 1 text or runtime error, 2 usage error.
 *
 * Each cmd_*.c defines its command's entry (options.h: name, options, help)
 * beside the function; cli.c lists them in loa_program_cli, from which
 * main.c dispatches and `loa --help` is written. */
#ifndef LOA_COMMANDS_H
#define LOA_COMMANDS_H

#include "options.h"

int loa_cmd_normalize(int argc, char **argv);
int loa_cmd_check(int argc, char **argv);
int loa_cmd_say(int argc, char **argv);
int loa_cmd_render(int argc, char **argv);
int loa_cmd_voices(int argc, char **argv);
int loa_cmd_schedule(int argc, char **argv);
int loa_cmd_stream(int argc, char **argv);
int loa_cmd_send(int argc, char **argv);

extern const mc_command loa_normalize_command, loa_check_command, loa_say_command, loa_render_command,
    loa_voices_command, loa_schedule_command, loa_stream_command, loa_send_command;

/* loa: its commands, its own options and its --help. */
extern const mc_program loa_program_cli;

/* Prints "loa: MESSAGE" and the --help hint on stderr; returns 2. */
int loa_usage_error(const char *fmt, const char *arg);

#endif
