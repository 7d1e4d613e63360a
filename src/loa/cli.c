/* cli.c — loa's commands as data (options.h): the list main.c dispatches
 * from and `loa --help` is written from, and the program's own options.
 * Each command's entry is in its cmd_*.c file; options several commands
 * share are in cmd_options.c. Also the usage-error message every command
 * prints. The documentation writer (src/docgen) links this file too. */
#include "commands.h"

static const mc_option program_options[] = {
    {'h', "help", NULL, "show this help and exit", NULL},
    {'V', "version", NULL, "show the version and exit", NULL},
    {0}};

static const mc_command *const commands[] = {
    &loa_normalize_command, &loa_check_command, &loa_say_command, &loa_render_command, &loa_voices_command,
    &loa_schedule_command, &loa_stream_command, &loa_send_command, NULL};

const mc_program loa_program_cli = {
    .name = "loa",
    .usage = "loa COMMAND [OPTION]... [ARGUMENT]...\n",
    .description = "Turn Vietnamese announcements into audio for ward loudspeaker stations.\n",
    .commands = commands,
    .after_commands = "Run 'loa COMMAND --help' for a command's options.\n",
    .options = program_options,
    .epilogue = "Exit status:\n"
                "  0  success\n"
                "  1  a problem in the text or while running (the message says FILE:LINE)\n"
                "  2  the command line was wrong\n"
                "\n"
                "Errors are printed as FILE:LINE: error: what went wrong, and what to do.\n"
                "Documentation: README.md and 'man loa'.\n"
                "Report problems on the project's issue tracker, with the command you ran\n"
                "and the message it printed.\n",
};

int loa_usage_error(const char *fmt, const char *arg)
{
    return mc_program_usage_error(&loa_program_cli, fmt, arg);
}
