/* cmd_check.c — `motcua check`: options, mc_check_run, the report.
 *
 * Exit status: 0 when nothing is broken (warnings allowed), 1 when
 * something is (or the site does not build), 2 for a wrong command line.
 * The report goes to stdout (text grouped by file, or JSON with
 * --format json); build errors go to stderr as in `motcua build`. */
#include "check.h"
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_EXTERNAL = MC_OPT_LONG, OPT_FRESH, OPT_TIMEOUT, OPT_FORMAT };

static const mc_option check_options[] = {
    {.same = mc_opt_site},
    {OPT_EXTERNAL, "external", NULL, "also check every link to another site (HEAD, then\n"
                                     "GET; results are kept a day in .motcua/links.json)", NULL},
    {OPT_FRESH, "fresh", NULL, "ask again even for links checked in the last day", NULL},
    {OPT_TIMEOUT, "timeout", "SECONDS", "give up on a site after this long (default: 15)", NULL},
    {OPT_FORMAT, "format", "FORMAT", "'text' (default) or 'json' (for programs)", NULL},
    {.same = mc_opt_jobs},
    {.same = mc_opt_help},
    {0}};

typedef struct check_args {
    mc_check_opts o;
    int json;
} check_args;

static int parse_seconds(const char *arg, double *v)
{
    char *end;
    *v = strtod(arg, &end);
    return *arg && !*end && *v > 0 && *v <= 600 ? 0 : -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, check_args *a)
{
    int c;
    mc_getopt g;
    mc_getopt_start(&g, check_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        switch (c) {
        case 's': a->o.site = optarg; break;
        case OPT_EXTERNAL: a->o.external = 1; break;
        case OPT_FRESH: a->o.fresh = 1; break;
        case 'h': mc_command_help(stdout, &mc_check_command); return 0;
        case OPT_TIMEOUT:
            if (parse_seconds(optarg, &a->o.timeout) != 0)
                return mc_usage_error("check: --timeout needs seconds from 0.1 to 600, not '%s'", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return mc_usage_error("check: --format is 'text' or 'json', not '%s'", optarg);
            a->json = !strcmp(optarg, "json");
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return mc_usage_error("check: -j needs a number of threads from 1 to 256, not '%s'", optarg);
            a->o.jobs = (int)n;
            break;
        }
        case ':': return mc_usage_error("check: option '%s' needs a value", argv[optind - 1]);
        default: return mc_usage_error("check: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return mc_usage_error("check: unexpected argument '%s'; use -s SITE", argv[optind]);
    return -1;
}

int mc_cmd_check(int argc, char **argv)
{
    check_args a = {.o = {.site = ".", .timeout = 15}};
    int status = parse_args(argc, argv, &a);
    if (status >= 0) return status;
    mc_check_report r;
    mc_diag_list errs = {0};
    if (mc_check_run(&a.o, &r, &errs) != 0) {
        mc_diag_list_print(stderr, &errs);
        fprintf(stderr, "motcua: check stopped: the site does not build (%zu error%s)\n",
                errs.errors, errs.errors == 1 ? "" : "s");
        status = 1;
    } else {
        if (a.json) mc_check_print_json(stdout, &r);
        else mc_check_print_text(stdout, &r);
        status = r.errors > 0;
    }
    mc_check_report_free(&r);
    mc_diag_list_free(&errs);
    return status;
}

const mc_command mc_check_command = {
    .name = "check",
    .args = "",
    .summary = "report broken links, missing anchors and images, and\n"
               "unfinished content; --external checks other sites' links",
    .usage = "motcua check [OPTION]...\n",
    .description = "Build the site in SITE (default: the current folder) into a temporary\n"
                   "folder (public/ is not touched) and report what readers would trip over:\n"
                   "  - broken internal links, links to a #heading that does not exist,\n"
                   "    missing images, styles and other files;\n"
                   "  - images without alt text; procedures missing a part the rules require;\n"
                   "  - drafts, pages dated in the future, news without a summary (warnings);\n"
                   "  - with --external, links to other sites that are dead or redirect.\n"
                   "Problems are listed by file, as FILE:LINE: error: message.\n",
    .options = check_options,
    .epilogue = "Exit status: 0 nothing is broken (warnings may remain), 1 something is\n"
                "broken or the site does not build, 2 the command line was wrong.\n"
                "\n"
                "Example:\n"
                "  motcua check --external\n",
    .run = mc_cmd_check,
};
