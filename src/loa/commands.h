/* commands.h — the loa subcommands. Each takes the arguments after its name
 * (argv[0] is the command name, for getopt) and returns the exit status:
 * 0 success, 1 text or runtime error, 2 usage error. */
#ifndef LOA_COMMANDS_H
#define LOA_COMMANDS_H

int loa_cmd_normalize(int argc, char **argv);
int loa_cmd_say(int argc, char **argv);
int loa_cmd_render(int argc, char **argv);
int loa_cmd_voices(int argc, char **argv);
int loa_cmd_schedule(int argc, char **argv);
int loa_cmd_stream(int argc, char **argv);
int loa_cmd_send(int argc, char **argv);

/* Prints "loa: MESSAGE" and the --help hint on stderr; returns 2. */
int loa_usage_error(const char *fmt, const char *arg);

#endif
