/* cmd_normalize.c — `loa normalize`: print text as it will be spoken.
 *
 * Staff use it to check an announcement before it goes to the loudspeakers:
 * dates, times, phone numbers and abbreviations come out as the words the
 * voice will say, on one line. Text comes from the arguments, or from
 * standard input when the only argument is "-". */
#include "args.h"
#include "commands.h"
#include "fileio.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_STYLE = MC_OPT_LONG, OPT_DICT, OPT_EXPLAIN };

static const mc_option normalize_options[] = {
    {OPT_STYLE, "style", "north|south", "read numbers the northern way (nghìn, linh; the\n"
                                        "default) or the southern way (ngàn, lẻ)", NULL},
    {OPT_DICT, "dict", "FILE", "also use the words in FILE (repeatable): lines of\n"
                               "KIND<TAB>WRITTEN<TAB>SPOKEN, KIND one of abbr, doc,\n"
                               "unit, symbol, letter, web, loan; '#' starts a comment", NULL},
    {OPT_EXPLAIN, "explain", NULL, "one line per word instead: the word as written,\n"
                                   "the rule that read it, the words said, and a\n"
                                   "warning when the reading is not certain", NULL},
    {.same = mc_opt_help},
    {0}};

/* --explain: WRITTEN<TAB>RULE<TAB>SPOKEN[<TAB>warning: WHY] */
static void explain_token(void *arg, const loa_token_note *note)
{
    FILE *out = arg;
    fprintf(out, "%.*s\t%s\t%.*s", (int)note->n, note->text, note->rule, (int)note->spoken_n,
            note->spoken);
    if (note->doubt)
        fprintf(out, "\twarning: %s", note->doubt);
    fputc('\n', out);
}

static char *read_stdin(size_t *len, mc_diag *d)
{
    return mc_read_file("/dev/stdin", len, d);
}

int loa_cmd_normalize(int argc, char **argv)
{
    loa_style style = LOA_NORTH;
    const char *dicts[32];
    int ndicts = 0, c, explain = 0;
    mc_getopt g;
    mc_getopt_start(&g, normalize_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_normalize_command); return 0; }
        if (c == OPT_EXPLAIN) explain = 1;
        else if (c == OPT_STYLE && loa_style_parse(optarg, &style) == 0) continue;
        else if (c == OPT_STYLE) return loa_usage_error("normalize: --style is north or south, not '%s'", optarg);
        else if (c == OPT_DICT && ndicts < 32) dicts[ndicts++] = optarg;
        else if (c == OPT_DICT) return loa_usage_error("%s", "normalize: at most 32 --dict files");
        else if (c == ':') return loa_usage_error("normalize: option '%s' needs a value", argv[optind - 1]);
        else return loa_usage_error("normalize: unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return loa_usage_error("%s", "normalize: missing TEXT, e.g. loa normalize \"UBND phường\"");
    mc_diag d;
    mc_diag_clear(&d);
    size_t len = 0;
    int from_stdin = argc - optind == 1 && !strcmp(argv[optind], "-");
    char *text = from_stdin ? read_stdin(&len, &d) : mc_join_args(argc - optind, argv + optind, &len);
    loa_normalizer *nz = text ? loa_normalizer_new(style, &d) : NULL;
    char *spoken = NULL;
    int ok = nz != NULL;
    for (int i = 0; ok && i < ndicts; i++) ok = loa_normalizer_load_tsv(nz, dicts[i], &d) == 0;
    if (ok) {
        spoken = explain ? loa_normalize_traced(nz, text, len, explain_token, stdout, &d)
                         : loa_normalize_line(nz, text, len, &d);
        if (!spoken && !d.file[0])
            snprintf(d.file, sizeof d.file, "%s", from_stdin ? "(standard input)" : "(command line)");
    }
    if (spoken && !spoken[0]) {
        mc_diag_set(&d, from_stdin ? "(standard input)" : "(command line)", 0, 0,
                    "nothing to read aloud in this text; write the announcement in words");
        free(spoken);
        spoken = NULL;
    }
    if (!spoken) mc_diag_print(stderr, &d);
    else if (!explain) printf("%s\n", spoken);
    free(spoken);
    free(text);
    loa_normalizer_free(nz);
    return spoken ? 0 : 1;
}

const mc_command loa_normalize_command = {
    .name = "normalize",
    .args = "TEXT...",
    .summary = "print TEXT as the voice will read it: dates, times, phone\n"
               "numbers, money and abbreviations in words (--explain: which\n"
               "rule read each word)\n"
               "  loa normalize \"Họp lúc 7h30\"  ->  Họp lúc bảy giờ ba mươi phút",
    .usage = "loa normalize [OPTION]... TEXT...\n"
             "       loa normalize [OPTION]... -      (read the text from standard input)\n",
    .description = "Print TEXT as the announcement voice will read it, on one line.\n",
    .options = normalize_options,
    .column = 27,
    .epilogue = "Example:\n"
                "  loa normalize \"UBND phường họp lúc 7h30 ngày 01/12/2026\"\n"
                "  -> ủy ban nhân dân phường họp lúc bảy giờ ba mươi phút ngày mùng một\n"
                "     tháng mười hai năm hai nghìn không trăm hai mươi sáu\n",
    .run = loa_cmd_normalize,
};
