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

enum { OPT_STYLE = MC_OPT_LONG, OPT_DICT };

static const mc_option normalize_options[] = {
    {OPT_STYLE, "style", "north|south", "read numbers the northern way (nghìn, linh; the\n"
                                        "default) or the southern way (ngàn, lẻ)", NULL},
    {OPT_DICT, "dict", "FILE", "also use the words in FILE (repeatable): lines of\n"
                               "KIND<TAB>WRITTEN<TAB>SPOKEN, KIND one of abbr, doc,\n"
                               "unit, symbol, letter, web; '#' starts a comment", NULL},
    {.same = mc_opt_help},
    {0}};

static char *read_stdin(size_t *len, mc_diag *d)
{
    return mc_read_file("/dev/stdin", len, d);
}

int loa_cmd_normalize(int argc, char **argv)
{
    loa_style style = LOA_NORTH;
    const char *dicts[32];
    int ndicts = 0, c;
    mc_getopt g;
    mc_getopt_start(&g, normalize_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_normalize_command); return 0; }
        if (c == OPT_STYLE && !strcmp(optarg, "north")) style = LOA_NORTH;
        else if (c == OPT_STYLE && !strcmp(optarg, "south")) style = LOA_SOUTH;
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
        spoken = loa_normalize_line(nz, text, len, &d);
        if (!spoken && !d.file[0])
            snprintf(d.file, sizeof d.file, "%s", from_stdin ? "(standard input)" : "(command line)");
    }
    if (spoken && !spoken[0]) {
        mc_diag_set(&d, from_stdin ? "(standard input)" : "(command line)", 0, 0,
                    "nothing to read aloud in this text; write the announcement in words");
        free(spoken);
        spoken = NULL;
    }
    if (spoken) printf("%s\n", spoken);
    else mc_diag_print(stderr, &d);
    free(spoken);
    free(text);
    loa_normalizer_free(nz);
    return spoken ? 0 : 1;
}

const mc_command loa_normalize_command = {
    .name = "normalize",
    .args = "TEXT...",
    .summary = "print TEXT as the voice will read it: dates, times, phone\n"
               "numbers, money and abbreviations in words\n"
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
