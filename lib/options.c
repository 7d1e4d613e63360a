/* options.c — option tables to getopt_long and to --help (see options.h).
 *
 * Help layout, as GNU tools print it: the option ("  -s, --site=SITE" or
 * "      --drafts") then its help from a fixed column, further help lines
 * indented to that column. An option too long for the column stands on its
 * own line, its help below it. The program's command list is laid out the
 * same way at column 19.
 */
#include "options.h"

#include <string.h>

#define DEFAULT_COLUMN 25
#define PROGRAM_COLUMN 19

const mc_option mc_opt_help[] = {
    {'h', "help", NULL, "show this help", NULL},
    {0}};

static void flatten(const mc_option *t, const mc_option **out, size_t max, size_t *n)
{
    for (; t && (t->key || t->same); t++) {
        if (t->same) {
            flatten(t->same, out, max, n);
            continue;
        }
        if (*n < max) out[*n] = t;
        (*n)++;
    }
}

size_t mc_options_flat(const mc_option *table, const mc_option **out, size_t max)
{
    size_t n = 0;
    flatten(table, out, max, &n);
    return n;
}

void mc_getopt_start(mc_getopt *g, const mc_option *table)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t n = mc_options_flat(table, opts, MC_OPT_MAX), s = 0;
    if (n > MC_OPT_MAX) n = MC_OPT_MAX;
    memset(g, 0, sizeof *g);
    g->shortopts[s++] = ':';
    for (size_t i = 0; i < n; i++) {
        const mc_option *o = opts[i];
        g->longopts[i] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->key};
        if (o->key < MC_OPT_LONG) {
            g->shortopts[s++] = (char)o->key;
            if (o->arg) g->shortopts[s++] = ':';
        }
    }
    optind = 1;
    opterr = 0;
}

int mc_option_match(const mc_option *table, const char *arg)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t n = mc_options_flat(table, opts, MC_OPT_MAX);
    if (n > MC_OPT_MAX) n = MC_OPT_MAX;
    for (size_t i = 0; i < n; i++) {
        const mc_option *o = opts[i];
        if (arg[0] == '-' && arg[1] == '-' && !strcmp(arg + 2, o->name)) return o->key;
        if (o->key < MC_OPT_LONG && arg[0] == '-' && arg[1] == o->key && !arg[2]) return o->key;
    }
    return 0;
}

const mc_command *mc_program_command(const mc_program *p, const char *name)
{
    for (const mc_command *const *c = p->commands; *c; c++)
        if (!strcmp((*c)->name, name)) return *c;
    return NULL;
}

int mc_program_usage_error(const mc_program *p, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", p->name);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", p->name);
    return 2;
}

/* heading, then the lines of text from column `col` on. */
static void entry(FILE *f, const char *heading, const char *text, int col)
{
    int w = (int)strlen(heading);
    fputs(heading, f);
    if (w + 1 > col) {
        fputc('\n', f);
        w = 0;
    }
    for (const char *line = text; line;) {
        const char *nl = strchr(line, '\n');
        int len = nl ? (int)(nl - line) : (int)strlen(line);
        fprintf(f, "%*s%.*s\n", col - w, "", len, line);
        w = 0;
        line = nl ? nl + 1 : NULL;
    }
}

static void options_help(FILE *f, const mc_option *table, int col)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t n = mc_options_flat(table, opts, MC_OPT_MAX);
    if (n > MC_OPT_MAX) n = MC_OPT_MAX;
    for (size_t i = 0; i < n; i++) {
        const mc_option *o = opts[i];
        char heading[128];
        int k = o->key < MC_OPT_LONG
                    ? snprintf(heading, sizeof heading, "  -%c, --%s", o->key, o->name)
                    : snprintf(heading, sizeof heading, "      --%s", o->name);
        if (o->arg && k > 0 && (size_t)k < sizeof heading)
            snprintf(heading + k, sizeof heading - (size_t)k, "=%s", o->arg);
        entry(f, heading, o->help, col);
    }
}

void mc_command_help(FILE *f, const mc_command *c)
{
    fprintf(f, "Usage: %s%s", c->usage, c->description);
    if (c->options) {
        fputc('\n', f);
        options_help(f, c->options, c->column ? c->column : DEFAULT_COLUMN);
    }
    if (c->epilogue) fprintf(f, "\n%s", c->epilogue);
}

void mc_program_help(FILE *f, const mc_program *p)
{
    fprintf(f, "Usage: %s%s\nCommands:\n", p->usage, p->description);
    for (const mc_command *const *c = p->commands; *c; c++) {
        char heading[128];
        snprintf(heading, sizeof heading, "  %s%s%s", (*c)->name, (*c)->args[0] ? " " : "", (*c)->args);
        entry(f, heading, (*c)->summary, PROGRAM_COLUMN);
    }
    if (p->after_commands) fputs(p->after_commands, f);
    fputs("\nOptions:\n", f);
    options_help(f, p->options, PROGRAM_COLUMN);
    fprintf(f, "\n%s", p->epilogue);
}

int mc_program_main(const mc_program *p, int argc, char **argv)
{
    if (argc < 2) {
        mc_program_help(stderr, p);
        return 2;
    }
    const char *cmd = argv[1];
    int key = mc_option_match(p->options, cmd);
    if (key == 'h' || !strcmp(cmd, "help")) {
        mc_program_help(stdout, p);
        return 0;
    }
    if (key == 'V') {
        printf("%s %s\n", p->name, MC_VERSION);
        return 0;
    }
    const mc_command *c = mc_program_command(p, cmd);
    if (c) return c->run(argc - 1, argv + 1);
    return mc_program_usage_error(p, "unknown command '%s'", cmd);
}
