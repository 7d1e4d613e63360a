/* cmd_build.c — `motcua build`: options, then mc_build, then the summary.
 *
 * Output rules: errors on stderr as FILE:LINE: error: ..., all of them; a
 * progress line only when stderr is a terminal; one summary line on success
 * unless --quiet. */
#include "build.h"
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char build_help[] =
    "Usage: motcua build [OPTION]...\n"
    "Build the site in SITE (default: the current folder) into OUT.\n"
    "The new site replaces OUT only if the whole build succeeded; after an\n"
    "error the previous site is left exactly as it was.\n"
    "\n"
    "  -s, --site=SITE        the site folder (holds site.yaml and content/)\n"
    "  -o, --output=OUT       where to write the site (default: SITE/public)\n"
    "      --base-url=URL     the address the site is published at, overriding\n"
    "                         base_url in site.yaml (e.g. http://localhost:8080/)\n"
    "      --drafts           include pages marked 'draft: true'\n"
    "      --future           include pages dated in the future\n"
    "  -j, --jobs=N           threads to use (default: one per processor)\n"
    "      --no-audio         do not make the announcements' audio (site.yaml\n"
    "                         audio: enabled: false does the same)\n"
    "      --dump-context=URL print the data the template of the page at URL\n"
    "                         receives, as JSON, and write nothing\n"
    "      --clean            render every file again, ignoring the build cache\n"
    "                         (builds are incremental: what did not change is\n"
    "                         kept from the previous output; a build with no\n"
    "                         change does nothing)\n"
    "  -q, --quiet            print nothing but errors\n"
    "  -v, --verbose          print the time each phase took\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  motcua build --base-url http://localhost:8080/ -o /var/www/portal\n";

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
    static const struct option longopts[] = {
        {"site", required_argument, NULL, 's'},     {"output", required_argument, NULL, 'o'},
        {"base-url", required_argument, NULL, 'b'}, {"drafts", no_argument, NULL, 'D'},
        {"future", no_argument, NULL, 'F'},         {"jobs", required_argument, NULL, 'j'},
        {"dump-context", required_argument, NULL, 'C'}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},        {"help", no_argument, NULL, 'h'},
        {"no-audio", no_argument, NULL, 'A'},       {"clean", no_argument, NULL, 'K'},
        {NULL, 0, NULL, 0}};
    mc_build_opts o = {.site = "."};
    int quiet = 0, verbose = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:o:j:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o.site = optarg; break;
        case 'o': o.out = optarg; break;
        case 'b': o.base_url = optarg; break;
        case 'D': o.drafts = 1; break;
        case 'F': o.future = 1; break;
        case 'A': o.no_audio = 1; break;
        case 'K': o.clean = 1; break;
        case 'C': o.dump_context = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case 'h': fputs(build_help, stdout); return 0;
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
