/* test_options.c — unit tests for lib/options.c and lib/options_doc.c: one
 * option table gives getopt_long, --help, the man page and the synopsis. */
#include "options.h"
#include "options_doc.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_DRAFTS = MC_OPT_LONG, OPT_BASE_URL, OPT_DUMP };

static const mc_option shared_site[] = {
    {'s', "site", "SITE", "the site folder", NULL},
    {0}};

static const mc_option table[] = {
    {.same = shared_site},
    {'o', "output", "OUT", "where to write", NULL},
    {OPT_DRAFTS, "drafts", NULL, "include drafts", NULL},
    {OPT_BASE_URL, "base-url", "URL", "the address, first line\nsecond line", NULL},
    {OPT_DUMP, "dump-everything-there-is", "URL", "a long one", NULL},
    {'q', "quiet", NULL, "print nothing", NULL},
    {.same = mc_opt_help},
    {0}};

static int run_cmd(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static const mc_command cmd = {
    .name = "make",
    .args = "FILE... -o OUT",
    .summary = "make things",
    .usage = "prog make [OPTION]... FILE... -o OUT\n",
    .description = "Make things.\n.dot first\n  - a list item\n",
    .options = table,
    .column = 22,
    .epilogue = "Example:\n  prog make a -o b\n",
    .run = run_cmd,
};

static const mc_command long_cmd = {
    .name = "longer-than-the-column",
    .args = "",
    .summary = "first\nsecond",
    .usage = "prog longer-than-the-column\n",
    .description = "Long.\n",
    .options = NULL,
    .run = run_cmd,
};

static const mc_option prog_options[] = {
    {'h', "help", NULL, "show this help and exit", NULL},
    {'V', "version", NULL, "show the version and exit", NULL},
    {0}};

static const mc_command *const commands[] = {&cmd, &long_cmd, NULL};

static const mc_program prog = {
    .name = "prog",
    .usage = "prog COMMAND\n",
    .description = "Do things.\n",
    .commands = commands,
    .options = prog_options,
    .epilogue = "Bye.\n",
};

/* Output captured in memory: capture_start gives the stream to write to,
 * capture_end the text written (the caller frees it). */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *f;
} capture;

static FILE *capture_start(capture *cap)
{
    cap->buf = NULL;
    cap->f = open_memstream(&cap->buf, &cap->len);
    return cap->f;
}

static char *capture_end(capture *cap)
{
    fclose(cap->f);
    return cap->buf;
}

static void test_flat_splices_shared_tables(mc_check *c)
{
    const mc_option *opts[MC_OPT_MAX];
    size_t n = mc_options_flat(table, opts, MC_OPT_MAX);
    CHECK(c, n == 7);
    CHECK_STR(c, opts[0]->name, "site");
    CHECK_STR(c, opts[1]->name, "output");
    CHECK_STR(c, opts[6]->name, "help");
    CHECK(c, mc_options_flat(table, opts, 2) == 7);   /* the count, past max */
}

static void test_getopt_table(mc_check *c)
{
    mc_getopt g;
    mc_getopt_start(&g, table);
    CHECK_STR(c, g.shortopts, ":s:o:qh");
    CHECK_STR(c, g.longopts[3].name, "base-url");
    CHECK(c, g.longopts[3].has_arg == required_argument && g.longopts[3].val == OPT_BASE_URL);
    CHECK(c, g.longopts[2].has_arg == no_argument && g.longopts[2].val == OPT_DRAFTS);
    CHECK(c, g.longopts[7].name == NULL);
}

static void test_getopt_parses(mc_check *c)
{
    char *argv[] = {"make", "--site=x", "-q", "--drafts", "--base-url", "u", "-o", "out", "file", "-s", NULL};
    int argc = 10, k, keys[8], nkeys = 0;
    const char *args[8];
    mc_getopt g;
    mc_getopt_start(&g, table);
    while ((k = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1 && nkeys < 8) {
        args[nkeys] = optarg;
        keys[nkeys++] = k;
    }
    CHECK(c, nkeys == 6);
    CHECK(c, keys[0] == 's' && !strcmp(args[0], "x"));
    CHECK(c, keys[1] == 'q');
    CHECK(c, keys[2] == OPT_DRAFTS);
    CHECK(c, keys[3] == OPT_BASE_URL && !strcmp(args[3], "u"));
    CHECK(c, keys[4] == 'o' && !strcmp(args[4], "out"));
    CHECK(c, keys[5] == ':');   /* -s at the end has no value */

    char *bad[] = {"make", "--nope", NULL};
    mc_getopt_start(&g, table);   /* starts a new parse */
    CHECK(c, getopt_long(2, bad, g.shortopts, g.longopts, NULL) == '?');
}

static void test_option_match(mc_check *c)
{
    CHECK(c, mc_option_match(prog_options, "-h") == 'h');
    CHECK(c, mc_option_match(prog_options, "--help") == 'h');
    CHECK(c, mc_option_match(prog_options, "--version") == 'V');
    CHECK(c, mc_option_match(prog_options, "-V") == 'V');
    CHECK(c, mc_option_match(prog_options, "--vers") == 0);
    CHECK(c, mc_option_match(prog_options, "-hV") == 0);
    CHECK(c, mc_option_match(prog_options, "help") == 0);
}

static void test_command_help_layout(mc_check *c)
{
    capture cap;
    mc_command_help(capture_start(&cap), &cmd);
    char *h = capture_end(&cap);
    CHECK_STR(c, h,
              "Usage: prog make [OPTION]... FILE... -o OUT\n"
              "Make things.\n.dot first\n  - a list item\n"
              "\n"
              "  -s, --site=SITE     the site folder\n"
              "  -o, --output=OUT    where to write\n"
              "      --drafts        include drafts\n"
              "      --base-url=URL  the address, first line\n"
              "                      second line\n"
              "      --dump-everything-there-is=URL\n"
              "                      a long one\n"
              "  -q, --quiet         print nothing\n"
              "  -h, --help          show this help\n"
              "\n"
              "Example:\n  prog make a -o b\n");
    free(h);
    mc_command_help(capture_start(&cap), &long_cmd);   /* no options: no list */
    h = capture_end(&cap);
    CHECK_STR(c, h, "Usage: prog longer-than-the-column\nLong.\n");
    free(h);
}

static void test_program_help_lists_commands(mc_check *c)
{
    capture cap;
    mc_program_help(capture_start(&cap), &prog);
    char *h = capture_end(&cap);
    CHECK_STR(c, h,
              "Usage: prog COMMAND\n"
              "Do things.\n"
              "\n"
              "Commands:\n"
              "  make FILE... -o OUT\n"
              "                   make things\n"
              "  longer-than-the-column\n"
              "                   first\n"
              "                   second\n"
              "\n"
              "Options:\n"
              "  -h, --help       show this help and exit\n"
              "  -V, --version    show the version and exit\n"
              "\n"
              "Bye.\n");
    free(h);
}

static void test_synopsis(mc_check *c)
{
    capture cap;
    mc_program_synopsis(capture_start(&cap), &prog);
    char *s = capture_end(&cap);
    /* -o is in the operands, --help is left out, the rest wraps before 80 */
    CHECK_STR(c, s,
              "prog make FILE... -o OUT [-s SITE] [--drafts] [--base-url URL]\n"
              "          [--dump-everything-there-is URL] [-q]\n"
              "prog longer-than-the-column\n"
              "prog --help | --version\n");
    free(s);
}

static void test_man(mc_check *c)
{
    capture cap;
    mc_program_man(capture_start(&cap), &prog);
    char *m = capture_end(&cap);
    CHECK(c, strstr(m, ".SH COMMANDS\n.SS make\n.ad l\n\\fBprog make\\fR \\fIFILE... \\-o OUT\\fR"
                       " \\%[\\fB\\-s\\fR\\ \\fISITE\\fR] \\%[\\fB\\-\\-drafts\\fR]") != NULL);
    CHECK(c, strstr(m, " \\%[\\fB\\-q\\fR]\n.ad\n.PP\nMake things.\n") != NULL);
    CHECK(c, strstr(m, "\nMake things.\n\\&.dot first\n.nf\n  \\- a list item\n.fi\n") != NULL);
    CHECK(c, strstr(m, ".TP\n.BR \\-s \", \" \\-\\-site =\\fISITE\\fR\nthe site folder\n") != NULL);
    CHECK(c, strstr(m, ".TP\n.B \\-\\-drafts\ninclude drafts\n") != NULL);
    CHECK(c, strstr(m, ".TP\n.BR \\-\\-base\\-url =\\fIURL\\fR\nthe address, first line\nsecond line\n") != NULL);
    CHECK(c, strstr(m, ".PP\nExample:\n.nf\n  prog make a \\-o b\n.fi\n") != NULL);
    CHECK(c, strstr(m, ".SH OPTIONS\n.TP\n.BR \\-h \", \" \\-\\-help\n") != NULL);
    free(m);
}

static void test_check_finds_clashes(mc_check *c)
{
    mc_diag d;
    CHECK(c, mc_program_check(&prog, &d) == 0);
    static const mc_option clash[] = {
        {'s', "source", "SRC", "where from", NULL}, {.same = shared_site}, {0}};
    static const mc_command bad = {.name = "bad", .args = "", .summary = "x", .usage = "x\n",
                                   .description = "x\n", .options = clash, .run = run_cmd};
    static const mc_command *const bad_commands[] = {&bad, NULL};
    mc_program p = prog;
    p.commands = bad_commands;
    CHECK(c, mc_program_check(&p, &d) == -1);
    CHECK(c, strstr(d.message, "--source and --site") != NULL);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_flat_splices_shared_tables);
    RUN(&c, test_getopt_table);
    RUN(&c, test_getopt_parses);
    RUN(&c, test_option_match);
    RUN(&c, test_command_help_layout);
    RUN(&c, test_program_help_lists_commands);
    RUN(&c, test_synopsis);
    RUN(&c, test_man);
    RUN(&c, test_check_finds_clashes);
    return check_finish(&c);
}
