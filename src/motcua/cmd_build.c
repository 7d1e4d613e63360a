/* cmd_build.c — `motcua build`: options, then mc_build, then the summary.
 *
 * Output rules: errors on stderr as FILE:LINE: error: ..., all of them; a
 * progress line only when stderr is a terminal; one summary line on success
 * unless --quiet. */
#include "build.h"
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_BASE_URL = MC_OPT_LONG, OPT_DRAFTS, OPT_FUTURE, OPT_NO_AUDIO, OPT_DUMP_CONTEXT, OPT_CLEAN };

static const mc_option build_options[] = {
    {.same = mc_opt_site},
    {'o', "output", "OUT", "where to write the site (default: SITE/public; a\n"
                           "mount point is fine)", NULL},
    {OPT_BASE_URL, "base-url", "URL", "the address the site is published at, overriding\n"
                                      "base_url in site.yaml (e.g. http://localhost:8080/)", NULL},
    {OPT_DRAFTS, "drafts", NULL, "include pages marked 'draft: true' (or yes, on, có)", NULL},
    {OPT_FUTURE, "future", NULL, "include pages dated in the future", NULL},
    {.same = mc_opt_allow_incomplete},
    {.same = mc_opt_jobs},
    {OPT_NO_AUDIO, "no-audio", NULL, "do not make the announcements' audio (site.yaml\n"
                                     "audio: enabled: false does the same)", NULL},
    {OPT_DUMP_CONTEXT, "dump-context", "URL", "print the data the template of the page at URL\n"
                                              "receives, as JSON, and write nothing", NULL},
    {OPT_CLEAN, "clean", NULL, "render every file again, ignoring the build cache\n"
                               "(builds are incremental: what did not change is\n"
                               "kept from the previous output; a build with no\n"
                               "change does nothing)", NULL},
    {'q', "quiet", NULL, "print nothing but errors", NULL},
    {'v', "verbose", NULL, "print the time each phase took", NULL},
    {.same = mc_opt_help},
    {0}};

/* Warnings shown before the rest are only counted: a site with thousands
 * of incomplete procedures would otherwise bury its errors. */
#define MAX_WARNINGS_SHOWN 30

/* Every error; warnings up to MAX_WARNINGS_SHOWN, none when quiet. */
static void print_diagnostics(const mc_diag_list *l, int quiet)
{
    size_t warnings = 0, hidden = 0;
    for (size_t i = 0; i < l->count; i++) {
        const mc_diag *d = &l->items[i];
        if (d->severity == MC_WARNING && (quiet || ++warnings > MAX_WARNINGS_SHOWN)) {
            hidden++;
            continue;
        }
        mc_diag_print(stderr, d);
    }
    hidden += l->warnings_dropped;
    if (hidden && !quiet)
        fprintf(stderr, "motcua: %zu more warning%s not shown; 'motcua check' lists them all\n",
                hidden, hidden == 1 ? "" : "s");
}

/* Memory at exit: taking apart the model of a 10,000-page site, object by
 * object, costs about 0.2 s, more than a tenth of the build, and the system
 * reclaims it at once when the process ends. So `motcua build` leaves it
 * (serve and check, which build again, free everything). Builds with
 * AddressSanitizer free everything, so its leak check still covers this
 * code. */
static int exits_without_freeing(void)
{
#ifdef __SANITIZE_ADDRESS__
    return 0;
#else
    return 1;
#endif
}

int mc_cmd_build(int argc, char **argv)
{
    mc_build_opts o = {.site = "."};
    int quiet = 0, verbose = 0, c;
    mc_getopt g;
    mc_getopt_start(&g, build_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        switch (c) {
        case 's': o.site = optarg; break;
        case 'o': o.out = optarg; break;
        case OPT_BASE_URL: o.base_url = optarg; break;
        case OPT_DRAFTS: o.drafts = 1; break;
        case OPT_FUTURE: o.future = 1; break;
        case MC_OPT_ALLOW_INCOMPLETE: o.allow_incomplete = 1; break;
        case OPT_NO_AUDIO: o.no_audio = 1; break;
        case OPT_CLEAN: o.clean = 1; break;
        case OPT_DUMP_CONTEXT: o.dump_context = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case 'h': mc_command_help(stdout, &mc_build_command); return 0;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return mc_usage_error("build: -j needs a number of threads from 1 to 256, not '%s'", optarg);
            o.jobs = (int)n;
            break;
        }
        case ':': return mc_usage_error("build: option '%s' needs a value", argv[optind - 1]);
        default: return mc_usage_error("build: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return mc_usage_error("build: unexpected argument '%s'; use -s SITE", argv[optind]);
    o.progress = !quiet && isatty(2);
    o.verbose = verbose ? stderr : NULL;
    o.exiting = exits_without_freeing();
    o.write_ledger = 1;
    mc_diag_list errs = {0};
    errs.max_warnings = MAX_WARNINGS_SHOWN;
    mc_build_result r;
    int status = mc_build(&o, &r, &errs);
    print_diagnostics(&errs, quiet);
    if (status != 0) {
        fprintf(stderr, "motcua: build failed with %zu error%s; the previous site was left "
                "as it was\n", errs.errors, errs.errors == 1 ? "" : "s");
    } else if (!quiet && !o.dump_context && r.up_to_date) {
        fprintf(stderr, "motcua: nothing changed since the last build; the output was left as "
                "it was (%.2f s)\n", r.seconds);
    } else if (!quiet && !o.dump_context) {
        fprintf(stderr, "motcua: built %zu page%s, %zu files (%.1f MB written, %zu files "
                "unchanged) in %.2f s\n", r.pages, r.pages == 1 ? "" : "s", r.files,
                (double)r.bytes / 1e6, r.reused, r.seconds);
    }
    mc_diag_list_free(&errs);
    return status == 0 ? 0 : 1;
}

const mc_command mc_build_command = {
    .name = "build",
    .args = "",
    .summary = "build the site into public/ (see 'motcua build --help')",
    .usage = "motcua build [OPTION]...\n",
    .description = "Build the site in SITE (default: the current folder) into OUT.\n"
                   "The new site replaces OUT only if the whole build succeeded; after an\n"
                   "error the previous site is left exactly as it was. An OUT that is a\n"
                   "mount point is built in a hidden staging folder inside it, whose entries\n"
                   "then replace the old ones one by one; staging folders a killed build left\n"
                   "are removed by the next one. A symbolic link may lead to another place in\n"
                   "the site, not out of it (a theme folder may be a link to a shared theme).\n",
    .options = build_options,
    .epilogue = "Example:\n"
                "  motcua build --base-url http://localhost:8080/ -o /var/www/portal\n",
    .run = mc_cmd_build,
};
