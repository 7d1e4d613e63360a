/* cmd_schedule.c — `loa schedule DIR -o OUT`: per-ward, per-day playlists and
 * timetables from announcements (the plan itself is schedule.c).
 *
 * DIR is a folder of announcements (every .md under it except _index.md),
 * or announcement files themselves. Their audio comes from --audio AUDIO
 * (the -o folder of `loa render`), by default DIR itself. Every problem in
 * every file is reported (FILE:LINE: error: ...) before anything is
 * written; warnings (expired announcements, over-long sessions) do not stop
 * the schedule. The written playlists are listed on stdout.
 */
#include "cmd_options.h"
#include "commands.h"
#include "fileio.h"
#include "schedule.h"
#include "settings.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_DATE = MC_OPT_LONG, OPT_FROM, OPT_TO };

static const mc_option schedule_options[] = {
    {'o', "output", "OUT", "folder to write into (created if missing)", NULL},
    {'a', "audio", "AUDIO", "folder of rendered audio and sidecars (default DIR)", NULL},
    {.same = loa_opt_site},
    {OPT_DATE, "date", "DATE", "only this day (YYYY-MM-DD)", NULL},
    {OPT_FROM, "from", "DATE", "only from this day on", NULL},
    {OPT_TO, "to", "DATE", "only up to this day", NULL},
    {.same = mc_opt_help},
    {0}};

typedef struct sched_args {
    const char *out, *audio, *site, *date, *from, *to;
} sched_args;

static int parse(int argc, char **argv, sched_args *a)
{
    int c;
    mc_getopt g;
    mc_getopt_start(&g, schedule_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        switch (c) {
        case 'h': mc_command_help(stdout, &loa_schedule_command); return 0;
        case 'o': a->out = optarg; break;
        case 'a': a->audio = optarg; break;
        case LOA_OPT_SITE: a->site = optarg; break;
        case OPT_DATE: a->date = optarg; break;
        case OPT_FROM: a->from = optarg; break;
        case OPT_TO: a->to = optarg; break;
        case ':': return loa_usage_error("schedule: option '%s' needs a value", argv[optind - 1]);
        default: return loa_usage_error("schedule: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return loa_usage_error("%s", "schedule: missing DIR, the folder of announcements");
    if (!a->out) return loa_usage_error("%s", "schedule: missing -o OUT, the folder to write into");
    if (a->date && (a->from || a->to))
        return loa_usage_error("%s", "schedule: give --date or --from/--to, not both");
    return -1;
}

static int range(const sched_args *a, loa_schedule *sch)
{
    const char *from = a->date ? a->date : a->from, *to = a->date ? a->date : a->to;
    if (from && loa_date_parse(from, &sch->from_day) != 0)
        return loa_usage_error("schedule: '%s' is not a date; write YYYY-MM-DD", from);
    if (to && loa_date_parse(to, &sch->to_day) != 0)
        return loa_usage_error("schedule: '%s' is not a date; write YYYY-MM-DD", to);
    if (sch->from_day > sch->to_day && sch->to_day != INT_MAX)
        return loa_usage_error("%s", "schedule: --to is before --from");
    return -1;
}

static int is_announcement(const char *name)
{
    size_t n = strlen(name);
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return n > 3 && !strcmp(name + n - 3, ".md") && strcmp(base, "_index.md") != 0;
}

static int add_dir(loa_schedule *sch, const char *dir, mc_diag_list *dl)
{
    char **files = NULL;
    size_t n = 0;
    mc_diag d;
    if (mc_list_tree(dir, NULL, &files, &n, &d) != 0) return mc_diag_list_add(dl, &d);
    for (size_t i = 0; i < n; i++) {
        if (!is_announcement(files[i])) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        loa_schedule_add_file(sch, path, dl);
    }
    mc_free_list(files, n);
    return 0;
}

static void add_inputs(loa_schedule *sch, int argc, char **argv, mc_diag_list *dl)
{
    for (int i = optind; i < argc; i++) {
        struct stat st;
        mc_diag d;
        if (stat(argv[i], &st) != 0) {
            mc_diag_set(&d, argv[i], 0, 0, "no such file or folder");
            mc_diag_list_add(dl, &d);
        } else if (S_ISDIR(st.st_mode)) add_dir(sch, argv[i], dl);
        else loa_schedule_add_file(sch, argv[i], dl);
    }
}

static char *site_path(const char *site)
{
    struct stat st;
    if (!site) return access("site.yaml", R_OK) == 0 ? strdup("site.yaml") : NULL;
    size_t n = strlen(site) + 12;
    char *p = malloc(n);
    if (p) snprintf(p, n, stat(site, &st) == 0 && S_ISDIR(st.st_mode) ? "%s/site.yaml" : "%s", site);
    return p;
}

static size_t count_items(const loa_schedule *sch, size_t *wards)
{
    size_t n = 0;
    *wards = 0;
    for (size_t w = 0; w < sch->nwards; w++) {
        n += sch->wards[w].n;
        *wards += sch->wards[w].n > 0;
    }
    return n;
}

/* Plans and writes; prints every diagnostic. Returns the exit status. */
static int plan(loa_schedule *sch, const sched_args *a, int argc, char **argv)
{
    mc_diag_list dl = {0};
    mc_diag d;
    add_inputs(sch, argc, argv, &dl);
    if (!dl.errors) loa_schedule_attach_audio(sch, a->audio ? a->audio : argv[optind], &dl);
    if (!dl.errors) loa_schedule_finish(sch, &dl);
    mc_diag_list_print(stderr, &dl);
    int failed = dl.errors > 0;
    mc_diag_list_free(&dl);
    if (failed) {
        fprintf(stderr, "loa: schedule: nothing written; correct the errors above\n");
        return 1;
    }
    if (loa_schedule_write(sch, a->out, stdout, &d) != 0) {
        mc_diag_print(stderr, &d);
        return 1;
    }
    size_t wards, items = count_items(sch, &wards);
    fprintf(stderr, "loa: schedule: %zu plays of %zu announcements in %zu wards\n", items, sch->nanns, wards);
    return 0;
}

int loa_cmd_schedule(int argc, char **argv)
{
    sched_args a = {0};
    int st = parse(argc, argv, &a);
    if (st >= 0) return st;
    loa_settings s;
    loa_schedule sch;
    mc_diag d;
    mc_diag_clear(&d);
    loa_settings_defaults(&s);
    memset(&sch, 0, sizeof sch);
    char *site = site_path(a.site);
    st = site && loa_settings_load_site(&s, site, &d) != 0 ? 1 : -1;
    if (st < 0 && (loa_schedule_init(&sch, &s, &d) != 0 || loa_schedule_read_limit(&sch, site, &d) != 0))
        st = 1;
    if (st == 1) mc_diag_print(stderr, &d);
    if (st < 0) st = range(&a, &sch);
    if (st < 0) st = plan(&sch, &a, argc, argv);
    loa_schedule_free(&sch);
    loa_settings_free(&s);
    free(site);
    return st;
}

const mc_command loa_schedule_command = {
    .name = "schedule",
    .args = "DIR... -o OUT",
    .summary = "per ward and day: playlist (.m3u8), timetable (.json)\n"
               "and printable timetable (.html), khan_cap first",
    .usage = "loa schedule DIR... -o OUT [--audio AUDIO] [--site SITE]\n"
             "                    [--date DATE | --from DATE --to DATE]\n",
    .description = "Plan when each announcement plays in each ward. DIR holds announcements\n"
                   "(front matter wards:, priority:, slots:, expires:); AUDIO holds their audio\n"
                   "as written by 'loa render ... -o AUDIO' (default: DIR). For each ward and\n"
                   "day OUT/<ward>/ gets DATE.m3u8 (playlist), DATE.json (timetable) and\n"
                   "DATE.html (printable timetable), with the audio files beside them.\n"
                   "Within a slot, khan_cap (emergency) plays first, then uu_tien (urgent),\n"
                   "then thong_thuong (normal).\n",
    .options = schedule_options,
    .column = 23,
    .epilogue = "Warnings: a slot longer than audio: session_limit_minutes in site.yaml\n"
                "(default 15), and announcements past their expires: date (not scheduled).\n"
                "\n"
                "Example:\n"
                "  loa render content/thong-bao/*.md -o build/audio\n"
                "  loa schedule content/thong-bao --audio build/audio -o build/lich --from 2026-11-23 --to 2026-11-29\n",
    .run = loa_cmd_schedule,
};
