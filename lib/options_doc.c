/* options_doc.c — man page sections, README synopses and a sanity check,
 * from the option tables (see options_doc.h).
 *
 * Roff: text lines are escaped (backslash, '-' as \-, a leading '.' or '\''
 * guarded by \&) and left to roff to fill; lines of --help text that start
 * with a space (lists, examples) are kept as they are, between .nf and .fi;
 * a blank line starts a new paragraph.
 */
#include "options_doc.h"

#include <ctype.h>
#include <string.h>

#define SYNOPSIS_WIDTH 79

static void roff_escaped(FILE *f, const char *s, size_t n)
{
    if (n && (s[0] == '.' || s[0] == '\'')) fputs("\\&", f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') fputs("\\e", f);
        else if (s[i] == '-') fputs("\\-", f);
        else fputc(s[i], f);
    }
}

static void roff_str(FILE *f, const char *s)
{
    roff_escaped(f, s, strlen(s));
}

/* Help text (lines ended or separated by '\n') as roff paragraphs. */
static void roff_paragraphs(FILE *f, const char *text)
{
    int in_nf = 0;
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        int indented = len && line[0] == ' ';
        if (indented && !in_nf) fputs(".nf\n", f);
        if (!indented && in_nf) fputs(".fi\n", f);
        in_nf = indented;
        if (!len) {
            fputs(".PP\n", f);
        } else {
            roff_escaped(f, line, len);
            fputc('\n', f);
        }
        line = nl ? nl + 1 : NULL;
    }
    if (in_nf) fputs(".fi\n", f);
}

static size_t flat(const mc_option *table, const mc_option **opts)
{
    size_t n = mc_options_flat(table, opts, MC_OPT_MAX);
    return n > MC_OPT_MAX ? MC_OPT_MAX : n;
}

/* The option as the synopsis writes it: "-s" or "--base-url". */
static void option_word(char *buf, size_t size, const mc_option *o)
{
    if (o->key < MC_OPT_LONG) snprintf(buf, size, "-%c", o->key);
    else snprintf(buf, size, "--%s", o->name);
}

/* Whether the command's operands already name the option (-o FILE). */
static int in_args(const mc_command *c, const mc_option *o)
{
    char word[80];
    option_word(word, sizeof word, o);
    size_t n = strlen(word);
    for (const char *a = c->args; (a = strstr(a, word)) != NULL; a += n)
        if ((a == c->args || a[-1] == ' ') && (a[n] == ' ' || a[n] == '\0')) return 1;
    return 0;
}

/* Options the synopsis lists in brackets: all but --help and those in args. */
static int bracketed(const mc_command *c, const mc_option *o)
{
    return o->key != 'h' && !in_args(c, o);
}

static void man_option(FILE *f, const mc_option *o)
{
    fputs(".TP\n", f);
    fputs(o->key < MC_OPT_LONG || o->arg ? ".BR " : ".B ", f);
    if (o->key < MC_OPT_LONG) fprintf(f, "\\-%c \", \" ", o->key);
    fputs("\\-\\-", f);
    roff_str(f, o->name);
    if (o->arg) {
        fputs(" =\\fI", f);
        roff_str(f, o->arg);
        fputs("\\fR", f);
    }
    fputc('\n', f);
    roff_paragraphs(f, o->help);
    fputc('\n', f);
}

static void man_command(FILE *f, const mc_program *p, const mc_command *c)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t n = c->options ? flat(c->options, opts) : 0;
    /* the synopsis is set ragged right, its option names never hyphenated */
    fprintf(f, ".SS %s\n.ad l\n\\fB%s %s\\fR", c->name, p->name, c->name);
    if (c->args[0]) {
        fputs(" \\fI", f);
        roff_str(f, c->args);
        fputs("\\fR", f);
    }
    for (size_t i = 0; i < n; i++) {
        if (!bracketed(c, opts[i])) continue;
        char word[80];
        option_word(word, sizeof word, opts[i]);
        fputs(" \\%[\\fB", f);
        roff_str(f, word);
        fputs("\\fR", f);
        if (opts[i]->arg) {   /* "\ ": the option and its argument stay on one line */
            fputs("\\ \\fI", f);
            roff_str(f, opts[i]->arg);
            fputs("\\fR", f);
        }
        fputc(']', f);
    }
    fputs("\n.ad\n.PP\n", f);
    roff_paragraphs(f, c->description);
    for (size_t i = 0; i < n; i++) man_option(f, opts[i]);
    if (c->epilogue) {
        fputs(".PP\n", f);
        roff_paragraphs(f, c->epilogue);
    }
}

void mc_program_man(FILE *f, const mc_program *p)
{
    fputs(".SH COMMANDS\n", f);
    for (const mc_command *const *c = p->commands; *c; c++) man_command(f, p, *c);
    fputs(".SH OPTIONS\n", f);
    const mc_option *opts[MC_OPT_MAX];
    size_t n = flat(p->options, opts);
    for (size_t i = 0; i < n; i++) man_option(f, opts[i]);
}

/* Adds word to the synopsis line, wrapping before SYNOPSIS_WIDTH. */
static void synopsis_word(FILE *f, const char *word, size_t *col, size_t indent)
{
    size_t n = strlen(word);
    if (*col + 1 + n > SYNOPSIS_WIDTH) {
        fprintf(f, "\n%*s", (int)indent, "");
        *col = indent;
    } else {
        fputc(' ', f);
        (*col)++;
    }
    fputs(word, f);
    *col += n;
}

void mc_program_synopsis(FILE *f, const mc_program *p)
{
    for (const mc_command *const *cp = p->commands; *cp; cp++) {
        const mc_command *c = *cp;
        const mc_option *opts[MC_OPT_MAX];
        size_t n = c->options ? flat(c->options, opts) : 0;
        size_t col = (size_t)fprintf(f, "%s %s", p->name, c->name), indent = col + 1;
        if (c->args[0]) synopsis_word(f, c->args, &col, indent);
        for (size_t i = 0; i < n; i++) {
            if (!bracketed(c, opts[i])) continue;
            char word[80], item[200];
            option_word(word, sizeof word, opts[i]);
            if (opts[i]->arg) snprintf(item, sizeof item, "[%s %s]", word, opts[i]->arg);
            else snprintf(item, sizeof item, "[%s]", word);
            synopsis_word(f, item, &col, indent);
        }
        fputc('\n', f);
    }
    const mc_option *opts[MC_OPT_MAX];
    size_t n = flat(p->options, opts);
    fputs(p->name, f);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s--%s", i ? " | " : " ", opts[i]->name);
    fputc('\n', f);
}

static int check_table(const mc_program *p, const char *cmd, const mc_option *table, mc_diag *d)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t total = mc_options_flat(table, opts, MC_OPT_MAX);
    if (total > MC_OPT_MAX)
        return mc_diag_set(d, NULL, 0, 0, "%s %s: %zu options, more than %d; raise MC_OPT_MAX in "
                           "lib/options.h", p->name, cmd, total, MC_OPT_MAX);
    for (size_t i = 0; i < total; i++) {
        const mc_option *o = opts[i];
        if (o->key < MC_OPT_LONG && !isalnum(o->key))
            return mc_diag_set(d, NULL, 0, 0, "%s %s --%s: key %d is neither a letter nor a number "
                               "from MC_OPT_LONG up", p->name, cmd, o->name, o->key);
        if (!o->name || !o->name[0] || !o->help || !o->help[0])
            return mc_diag_set(d, NULL, 0, 0, "%s %s: an option without a long name or help",
                               p->name, cmd);
        for (size_t j = 0; j < i; j++) {
            if (opts[j]->key == o->key || !strcmp(opts[j]->name, o->name))
                return mc_diag_set(d, NULL, 0, 0, "%s %s: --%s and --%s have the same key or name; "
                                   "each option needs its own", p->name, cmd, opts[j]->name, o->name);
        }
    }
    return 0;
}

int mc_program_check(const mc_program *p, mc_diag *d)
{
    if (check_table(p, "", p->options, d) != 0) return -1;
    for (const mc_command *const *c = p->commands; *c; c++) {
        if (!(*c)->name || !(*c)->args || !(*c)->summary || !(*c)->usage || !(*c)->description)
            return mc_diag_set(d, NULL, 0, 0, "%s %s: name, args, summary, usage and description "
                               "are all needed", p->name, (*c)->name ? (*c)->name : "?");
        if ((*c)->options && check_table(p, (*c)->name, (*c)->options, d) != 0) return -1;
    }
    return 0;
}
