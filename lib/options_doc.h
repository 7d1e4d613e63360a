/* options_doc.h — the manual and README's usage lines, written from the
 * option tables (options.h) that --help is written from, so that what the
 * programs accept and what their documentation says cannot drift apart.
 *
 * `make docs` runs src/docgen over man/NAME.1.in and README.md;
 * tests/cli/test_docs.sh fails when the committed files differ from what
 * it would write.
 *
 * Memory: nothing is allocated; the writers print to f.
 */
#ifndef MC_OPTIONS_DOC_H
#define MC_OPTIONS_DOC_H

#include "diag.h"
#include "options.h"

#include <stdio.h>

/* The man page sections COMMANDS (each command: its synopsis, description,
 * options and epilogue) and OPTIONS (the program's own), in roff. */
void mc_program_man(FILE *f, const mc_program *p);

/* One synopsis per command, as README's "## Usage" block shows them:
 * "motcua build [-s SITE] [-o OUT] ...", wrapped before column 80, and the
 * program's own options last ("motcua --help | --version"). */
void mc_program_synopsis(FILE *f, const mc_program *p);

/* Checks the tables of p: in every command, keys and long names are
 * unique, a key below MC_OPT_LONG is a letter or digit, and every option
 * has help. Returns 0, or -1 with d naming the command and the option. */
int mc_program_check(const mc_program *p, mc_diag *d);

#endif
