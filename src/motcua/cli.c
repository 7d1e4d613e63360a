/* cli.c — motcua's commands as data (options.h): the list main.c dispatches
 * from and `motcua --help` is written from, the program's own options, and
 * the options several commands share, and the usage-error message every
 * command prints. Each command's own entry is in its cmd_*.c file. The
 * documentation writer (src/docgen) links this file too. */
#include "commands.h"

const mc_option mc_opt_site[] = {
    {'s', "site", "SITE", "the site folder (holds site.yaml and content/)", NULL},
    {0}};

const mc_option mc_opt_allow_incomplete[] = {
    {MC_OPT_ALLOW_INCOMPLETE, "allow-incomplete", NULL, "publish procedures that are incomplete or have\n"
                                                        "invalid values, with warnings (emergencies only;\n"
                                                        "without it they fail the build)", NULL},
    {0}};

const mc_option mc_opt_jobs[] = {
    {'j', "jobs", "N", "threads for building (default: one per processor)", NULL},
    {0}};

static const mc_option program_options[] = {
    {'h', "help", NULL, "show this help and exit", NULL},
    {'V', "version", NULL, "show the version and exit", NULL},
    {0}};

static const mc_command *const commands[] = {
    &mc_build_command, &mc_serve_command, &mc_check_command, &mc_new_command, &mc_mv_command,
    &mc_fields_command, &mc_slug_command, NULL};

const mc_program mc_program_cli = {
    .name = "motcua",
    .usage = "motcua COMMAND [OPTION]... [ARGUMENT]...\n",
    .description = "Build the public-information portal of a Vietnamese city from Markdown.\n",
    .commands = commands,
    .options = program_options,
    .epilogue = "Exit status:\n"
                "  0  success\n"
                "  1  a problem in the content or while running (the message says FILE:LINE)\n"
                "  2  the command line was wrong\n"
                "\n"
                "Errors are printed as FILE:LINE: error: what went wrong, and what to do.\n"
                "Documentation: README.md and 'man motcua'.\n"
                "Report problems on the project's issue tracker, with the command you ran\n"
                "and the message it printed.\n",
};

int mc_usage_error(const char *fmt, const char *arg)
{
    return mc_program_usage_error(&mc_program_cli, fmt, arg);
}
