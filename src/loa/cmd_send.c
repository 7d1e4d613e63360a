/* cmd_send.c — `loa send OUT`: deliver every ward's schedule folder to its
 * station (the work is in deliver.c).
 *
 * Every ward is tried, whatever happened to the others; the summary on
 * stdout says, per ward, what reached which station, and errors name the
 * ward on stderr. Exit status 1 when any ward failed. The list of files
 * already confirmed (OUT/.sent.json) is saved even then, so the next run
 * sends only what is still missing or changed.
 */
#include "cmd_options.h"
#include "commands.h"
#include "deliver.h"
#include "settings.h"

#include <curl/curl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_ONLY = MC_OPT_LONG, OPT_CONNECT };

static const mc_option send_options[] = {
    {.same = loa_opt_site},
    {OPT_ONLY, "only", "WARD", "send only this ward (its id)", NULL},
    {OPT_CONNECT, "connect-timeout", "SECONDS", "give up connecting after this (default 10)", NULL},
    {.same = mc_opt_help},
    {0}};

typedef struct send_args { const char *out, *site, *only; long connect_timeout; } send_args;

static int parse(int argc, char **argv, send_args *a)
{
    int c;
    char *end;
    mc_getopt g;
    mc_getopt_start(&g, send_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 'h') { mc_command_help(stdout, &loa_send_command); return 0; }
        else if (c == LOA_OPT_SITE) a->site = optarg;
        else if (c == OPT_ONLY) a->only = optarg;
        else if (c == OPT_CONNECT) {
            a->connect_timeout = strtol(optarg, &end, 10);
            if (*end || a->connect_timeout < 1 || a->connect_timeout > 300)
                return loa_usage_error("send: --connect-timeout '%s': give 1 to 300 seconds", optarg);
        } else if (c == ':') return loa_usage_error("send: option '%s' needs a value", argv[optind - 1]);
        else return loa_usage_error("send: unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc) return loa_usage_error("%s", "send: missing OUT, the folder written by loa schedule");
    if (optind + 1 < argc) return loa_usage_error("send: one OUT folder ('%s' is one too many)", argv[optind + 1]);
    a->out = argv[optind];
    return -1;
}

/* site.yaml path and its folder (owned by the caller). */
static int site_paths(const char *site, char **file, char **dir)
{
    struct stat st;
    int is_dir = site && stat(site, &st) == 0 && S_ISDIR(st.st_mode);
    if (!site) site = "site.yaml";
    size_t n = strlen(site) + 12;
    *file = malloc(n);
    *dir = malloc(n);
    if (!*file || !*dir) return -1;
    snprintf(*file, n, is_dir ? "%s/site.yaml" : "%s", site);
    snprintf(*dir, n, "%s", *file);
    char *parent = dirname(*dir);
    memmove(*dir, parent, strlen(parent) + 1);
    return 0;
}

static void report(const loa_ward_report *r)
{
    if (r->skipped) {
        printf("%s (%s): nothing sent: %s\n", r->ward->id, r->ward->name,
               r->target ? "no schedule folder for this ward" : "no station: in site.yaml");
        return;
    }
    printf("%s (%s) -> %s: %s%zu sent (%lld bytes), %zu unchanged\n", r->ward->id, r->ward->name,
           r->target, r->failed ? "FAILED after " : "", r->sent, r->bytes, r->unchanged);
    if (r->failed)
        fprintf(stderr, "loa: send: error: ward %s (%s): %s%s%s\n", r->ward->id, r->ward->name,
                r->d.file, r->d.file[0] ? ": " : "", r->d.message);
}

static int send_wards(loa_delivery *dl, const loa_settings *s, const char *only)
{
    size_t reached = 0, failed = 0, files = 0;
    for (size_t i = 0; i < s->nwards; i++) {
        if (only && strcmp(only, s->wards[i].id)) continue;
        loa_ward_report r;
        loa_deliver_ward(dl, s, &s->wards[i], &r);
        report(&r);
        fflush(stdout);
        failed += r.failed;
        reached += !r.failed && !r.skipped;
        files += r.sent;
    }
    printf("loa: send: %zu files sent; %zu wards reached, %zu failed\n", files, reached, failed);
    return failed ? 1 : 0;
}

static int run(const send_args *a, loa_settings *s, const char *site_dir)
{
    loa_delivery dl = {0};
    mc_diag d;
    mc_diag_clear(&d);
    if (a->only && !loa_settings_ward(s, a->only)) {
        loa_usage_error("send: --only '%s' is not a ward id of site.yaml", a->only);
        return 2;
    }
    dl.connect_timeout = a->connect_timeout;
    if (loa_delivery_open(&dl, a->out, site_dir, &d) != 0) {
        mc_diag_print(stderr, &d);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int st = send_wards(&dl, s, a->only);
    curl_global_cleanup();
    if (loa_delivery_save(&dl, &d) != 0) {
        mc_diag_print(stderr, &d);
        st = 1;
    }
    loa_delivery_free(&dl);
    return st;
}

int loa_cmd_send(int argc, char **argv)
{
    send_args a = {0};
    int st = parse(argc, argv, &a);
    if (st >= 0) return st;
    char *file = NULL, *dir = NULL;
    loa_settings s;
    mc_diag d;
    mc_diag_clear(&d);
    loa_settings_defaults(&s);
    if (site_paths(a.site, &file, &dir) != 0 || loa_settings_load_site(&s, file, &d) != 0) {
        mc_diag_print(stderr, &d);
        st = 1;
    } else if (!s.nwards) {
        fprintf(stderr, "%s: error: the site lists no wards; add a wards: list with station: targets\n", file);
        st = 1;
    } else st = run(&a, &s, dir);
    loa_settings_free(&s);
    free(file);
    free(dir);
    return st;
}

const mc_command loa_send_command = {
    .name = "send",
    .args = "OUT",
    .summary = "upload each ward's folder of OUT to its station\n"
               "(site.yaml wards: station:), only what changed",
    .usage = "loa send OUT [--site SITE] [--only WARD]\n",
    .description = "Upload each ward's folder OUT/<ward>/ (from 'loa schedule ... -o OUT') to the\n"
                   "ward's station: station: in the wards: list of site.yaml, a local folder\n"
                   "(relative to the site), an https:// or http:// address (PUT), ftp:// or\n"
                   "ftps://, or sftp://. The password is read from the environment variable\n"
                   "named by the ward's auth_env: (it holds user:password), never from a file.\n"
                   "Only files that changed since the last send are uploaded (OUT/.sent.json);\n"
                   "each upload is checked by reading its size back from the station.\n",
    .options = send_options,
    .column = 23,
    .epilogue = "Exit status: 0 every ward reached, 1 some ward failed (the others are\n"
                "still sent), 2 a wrong command line.\n"
                "\n"
                "Example:\n"
                "  LOA_YEN_SON_AUTH=loa:secret loa send build/lich --site .\n",
    .run = loa_cmd_send,
};
