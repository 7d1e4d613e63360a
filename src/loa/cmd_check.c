/* cmd_check.c — `loa check`: the speech check before airing.
 *
 * Lists, at FILE:LINE:COL, every token of the announcements' titles and
 * texts the normaliser could not read with confidence (unknown all-caps
 * abbreviations, Latin-script words in no dictionary, digit strings of
 * ambiguous kind, unknown units), with what the voice will say and what to
 * do. The site's tu-dien.tsv and --dict files count as dictionaries. Exit 0
 * (1 with --strict when there is any warning; 1 on an unreadable file). */
#include "commands.h"
#include "fileio.h"
#include "frontmatter.h"
#include "normalize.h"
#include "speech_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_STRICT = MC_OPT_LONG, OPT_STYLE, OPT_DICT, OPT_SITE };

static const mc_option check_options[] = {
    {OPT_STRICT, "strict", NULL, "exit 1 when there is any warning", NULL},
    {OPT_STYLE, "style", "north|south", "reading style (default north)", NULL},
    {OPT_DICT, "dict", "FILE", "also use the words in FILE (repeatable; the\n"
                               "format of loa normalize --dict)", NULL},
    {OPT_SITE, "site", "SITE", "the site folder or its site.yaml (default:\n"
                               "site.yaml here, if any); its tu-dien.tsv is used", NULL},
    {.same = mc_opt_help},
    {0}};

/* Column (in characters) where value starts on line `line` of text, or 0
 * when it is not there verbatim (a YAML escape, a folded title). */
static int column_of(const char *text, int line, const char *value)
{
    const char *p = text;
    for (int l = 1; l < line && p; l++)
        if ((p = strchr(p, '\n')))
            p++;
    if (!p || !value[0])
        return 0;
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p) : strlen(p), k = strlen(value);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, value, k) == 0) {
            int col = 1;
            for (size_t j = 0; j < i; j++)
                col += ((unsigned char)p[j] & 0xc0) != 0x80;
            return col;
        }
    return 0;
}

/* Check the title and the body of one announcement. */
static long check_file(const loa_normalizer *nz, const char *file, mc_diag_list *out)
{
    mc_diag d;
    mc_diag_clear(&d);
    size_t len;
    char *text = mc_read_file(file, &len, &d);
    mc_frontmatter fm = {0};
    if (!text || mc_frontmatter_parse(file, text, len, &fm, &d) != 0) {
        free(text);
        mc_diag_list_add(out, &d);
        return -1;
    }
    long n = 0;
    const char *title = json_string_value(json_object_get(fm.data, "title"));
    if (title) {
        int line = mc_fm_line(&fm, "title");
        n = loa_speech_check(nz, file, line ? line : 1, line ? column_of(text, line, title) : 0,
                             title, strlen(title), out);
    }
    free(text);
    long m = n < 0 ? -1 : loa_speech_check(nz, file, fm.body_line, 1, fm.body, strlen(fm.body), out);
    mc_frontmatter_free(&fm);
    return m < 0 ? -1 : n + m;
}

int loa_cmd_check(int argc, char **argv)
{
    loa_style style = LOA_NORTH;
    const char *dicts[32], *site = NULL;
    int ndicts = 0, strict = 0, c;
    mc_getopt g;
    mc_getopt_start(&g, check_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_check_command); return 0; }
        if (c == OPT_STRICT) strict = 1;
        else if (c == OPT_STYLE && loa_style_parse(optarg, &style) == 0) continue;
        else if (c == OPT_STYLE) return loa_usage_error("check: --style is north or south, not '%s'", optarg);
        else if (c == OPT_DICT && ndicts < 32) dicts[ndicts++] = optarg;
        else if (c == OPT_DICT) return loa_usage_error("%s", "check: at most 32 --dict files");
        else if (c == OPT_SITE) site = optarg;
        else if (c == ':') return loa_usage_error("check: option '%s' needs a value", argv[optind - 1]);
        else return loa_usage_error("check: unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return loa_usage_error("%s", "check: missing FILE.md, e.g. loa check content/thong-bao/*.md");
    if (!site && access("site.yaml", R_OK) == 0) site = "site.yaml";
    mc_diag d;
    mc_diag_clear(&d);
    loa_normalizer *nz = loa_normalizer_new(style, &d);
    int ok = nz && (!site || loa_normalizer_load_site(nz, site, &d) == 0);
    for (int i = 0; ok && i < ndicts; i++) ok = loa_normalizer_load_tsv(nz, dicts[i], &d) == 0;
    if (!ok) {
        mc_diag_print(stderr, &d);
        loa_normalizer_free(nz);
        return 1;
    }
    mc_diag_list out = {0};
    long warnings = 0;
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        long n = check_file(nz, argv[i], &out);
        if (n < 0) failed = 1;
        else warnings += n;
    }
    mc_diag_list_print(stdout, &out);
    printf("%ld warning%s in %d file%s\n", warnings, warnings == 1 ? "" : "s", argc - optind,
           argc - optind == 1 ? "" : "s");
    mc_diag_list_free(&out);
    loa_normalizer_free(nz);
    return failed || (strict && warnings > 0) ? 1 : 0;
}

const mc_command loa_check_command = {
    .name = "check",
    .args = "FILE.md...",
    .summary = "list the words the voice may read wrongly, at\n"
               "FILE:LINE:COL (--strict: exit 1 if any)",
    .usage = "loa check [OPTION]... FILE.md...\n",
    .description = "List every word of the announcements the voice may read wrongly, at\n"
                   "FILE:LINE:COL: unknown all-caps abbreviations, Latin-script words in no\n"
                   "dictionary, digit strings of ambiguous kind, unknown units. Each warning\n"
                   "shows what the voice will say and what to do. motcua build prints the\n"
                   "same warnings.\n",
    .options = check_options,
    .column = 27,
    .epilogue = "Example:\n"
                "  loa check --strict content/thong-bao/*.md\n",
    .run = loa_cmd_check,
};
