/* options.h — every command-line option documented once, as data.
 *
 * Each command of motcua and loa has one table of mc_option entries: the
 * short letter, the long name, the argument's name and the help text. From
 * that table come, at run time, the getopt_long table (mc_getopt_start) and
 * the command's --help (mc_command_help); from the program's list of
 * commands come `motcua --help` and `loa --help` (mc_program_help); and
 * options_doc.h writes the man pages' COMMANDS section and README's usage
 * lines from the same data (`make docs`, checked by tests/cli/test_docs.sh).
 * As in curl, an option is described in one place.
 *
 * An option that several commands take (motcua's -s, --site; loa's audio
 * options) is one table, spliced into each command's table with an entry
 * whose `same` points at it.
 *
 * Memory: everything here is static data owned by the program; nothing is
 * allocated. mc_getopt holds its tables inline.
 */
#ifndef MC_OPTIONS_H
#define MC_OPTIONS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* Keys from MC_OPT_LONG up name options that have no short letter. */
#define MC_OPT_LONG 256

typedef struct mc_option {
    int key;              /* the short letter ('s' for -s), or a number from
                             MC_OPT_LONG up for a long-only option; getopt_long
                             returns it */
    const char *name;     /* the long name without "--": "site" */
    const char *arg;      /* the argument's name in help ("SITE"), NULL when
                             the option takes none */
    const char *help;     /* help lines, '\n' between them, no final '\n' */
    const struct mc_option *same; /* when set, this entry stands for that
                                     table's options (shared by commands) */
} mc_option;

/* Tables end with {0}. An option the command requires is written in its
 * mc_command.args ("TEXT... -o FILE"), and the synopsis does not repeat it
 * as optional. */

/* -h, --help, in every command's table. */
extern const mc_option mc_opt_help[];

typedef struct mc_command {
    const char *name;        /* "build" */
    const char *args;        /* operands and required options, as in the
                                synopsis: "FILE.md... -o DIR"; "" for none */
    const char *summary;     /* the program's --help list: lines, '\n' between */
    const char *usage;       /* --help: the lines after "Usage: " ('\n' ends
                                each; later lines indented by the caller's
                                text) */
    const char *description; /* --help: what the command does ('\n' ends each line) */
    const mc_option *options;/* NULL: the command reads no options */
    int column;              /* where option help starts in --help; 0 = 25 */
    const char *epilogue;    /* --help after the options (exit status,
                                example); NULL for none */
    int (*run)(int argc, char **argv);  /* argv[0] is the command's name */
} mc_command;

typedef struct mc_program {
    const char *name;                   /* "motcua" */
    const char *usage;                  /* after "Usage: ", '\n' ended */
    const char *description;            /* '\n' ended lines */
    const mc_command *const *commands;  /* NULL-terminated */
    const char *after_commands;         /* NULL or lines after the list */
    const mc_option *options;           /* the program's own: -h, -V */
    const char *epilogue;               /* exit status, where to read more */
} mc_program;

/* The options of table in order, `same` entries replaced by their tables'
 * options. Fills out[0..max) and returns the count (all of them, even past
 * max). */
size_t mc_options_flat(const mc_option *table, const mc_option **out, size_t max);

#define MC_OPT_MAX 48

/* What getopt_long needs, made from a table. */
typedef struct mc_getopt {
    struct option longopts[MC_OPT_MAX + 1];
    char shortopts[2 * MC_OPT_MAX + 2];
} mc_getopt;

/* Fills g from table and resets getopt (optind = 1, opterr = 0) for a new
 * parse. Short options string starts with ':' so that a missing value is
 * reported as ':'. */
void mc_getopt_start(mc_getopt *g, const mc_option *table);

/* The key of the option in table that arg names ("-h" or "--help"), else 0.
 * Used for the program's own options, before any command. */
int mc_option_match(const mc_option *table, const char *arg);

/* The command called name, or NULL. */
const mc_command *mc_program_command(const mc_program *p, const char *name);

/* A wrong command line: prints "PROGRAM: " and fmt with its one %s, then
 * "Try 'PROGRAM --help' for more information.", on stderr. Returns 2, the
 * exit status of a usage error. */
int mc_program_usage_error(const mc_program *p, const char *fmt, const char *arg);

/* A program's main after its own set-up: no argument → the program's help
 * on stderr and 2; -h, --help, help → help and 0; -V, --version → "NAME
 * VERSION" and 0; a command → its run(argc - 1, argv + 1); anything else
 * → a usage error (2). */
int mc_program_main(const mc_program *p, int argc, char **argv);

/* `PROGRAM COMMAND --help`: usage, description, options, epilogue. */
void mc_command_help(FILE *f, const mc_command *c);

/* `PROGRAM --help`: usage, description, the commands, options, epilogue. */
void mc_program_help(FILE *f, const mc_program *p);

#endif
