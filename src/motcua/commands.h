/* commands.h — the motcua subcommands. Each takes the arguments after its
 * name (argv[0] is the command name, for getopt) and returns the exit
 * status: 0 success, 1 content or runtime error, 2 usage error. */
#ifndef MC_COMMANDS_H
#define MC_COMMANDS_H

int mc_cmd_build(int argc, char **argv);
int mc_cmd_slug(int argc, char **argv);
int mc_cmd_new(int argc, char **argv);
int mc_cmd_serve(int argc, char **argv);
int mc_cmd_check(int argc, char **argv);

/* Prints "motcua: MESSAGE" and the --help hint on stderr; returns 2. */
int mc_usage_error(const char *fmt, const char *arg);

#endif
