/* cmd_serve.c — `motcua serve`: build, serve, watch, rebuild, reload.
 *
 * The site is built (drafts and future pages included) into a private
 * temporary folder, never into public/, and served from there by serve.c.
 * The main thread then waits on the inotify watcher (watch.c); after a
 * change has settled it rebuilds the whole site into the same folder (the
 * build swaps its staging folder in atomically, so a request sees the old
 * site or the new one) and either publishes it, which sends "reload" to
 * every open tab, or shows the errors: in the terminal, as FILE:LINE:
 * error: lines, and in the browser, as the error page.
 *
 * Which pages are drafts (or dated in the future) is learned from the
 * build's model hook, so those pages can carry the "Bản nháp" banner.
 *
 * Ctrl-C (SIGINT) or SIGTERM sets stop_requested, the one piece of global
 * mutable state: a signal handler can reach nothing else. The loop sees it
 * within a quarter of a second, stops the server, and removes the folder.
 */
#include "build.h"
#include "commands.h"
#include "fileio.h"
#include "kinds.h"
#include "model.h"
#include "serve.h"
#include "watch.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set by the SIGINT/SIGTERM handler; read by the watch loop (see above). */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

enum { OPT_BIND = MC_OPT_LONG };

static const mc_option serve_options[] = {
    {.same = mc_opt_site},
    {'p', "port", "PORT", "the port to listen on (default: 1313; 0 picks a\n"
                          "free port and prints it)", NULL},
    {OPT_BIND, "bind", "ADDR", "the address to listen on (default: 127.0.0.1, this\n"
                               "computer only; 0.0.0.0 lets others on the network in)", NULL},
    {.same = mc_opt_jobs},
    {.same = mc_opt_allow_incomplete},
    {'q', "quiet", NULL, "print only the address and errors", NULL},
    {.same = mc_opt_help},
    {0}};

typedef struct serve_opts {
    const char *site, *bind;
    int port, jobs, quiet;
    int allow_incomplete; /* as motcua build --allow-incomplete */
} serve_opts;

typedef struct serve_run {
    serve_opts o;
    json_t *drafts, *recordable; /* what the last model said (collect_pages) */
    char *tmp;        /* the private folder (mkdtemp) */
    char *out;        /* tmp/site: the folder served */
    char base_url[300];
    mc_server *server;
    mc_watch *watch;
    int builds;       /* builds so far */
} serve_run;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What the model hook learns: drafts (output path -> true), the pages
 * that get the recording control (output path -> source file), and the
 * output path of every page's source (source file -> output path); seen
 * is 0 when the build made no model (build_opts.h): the last sets hold. */
typedef struct page_sets { json_t *drafts, *recordable, *outputs; int seen; } page_sets;

/* Model hook: every page output that is a draft or dated in the future,
 * and every announcement page (one page of its own, not a list). */
static void collect_pages(void *ctx, const mc_model *m)
{
    page_sets *sets = ctx;
    sets->seen = 1;
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        const mc_page *p = o->kind == MC_OUT_PAGE ? o->page : NULL;
        if (p && (p->draft || (p->has_date && p->date.epoch > m->now)))
            json_object_set_new(sets->drafts, o->path, json_true());
        if (p && !p->is_index && p->kind && p->kind->audio && p->file)
            json_object_set_new(sets->recordable, o->path, json_string(p->file));
        if (p && p->file && !json_object_get(sets->outputs, p->file))
            json_object_set_new(sets->outputs, p->file, json_string(o->path));
    }
}

/* Errors always; warnings (e.g. incomplete procedures, often hundreds)
 * only after the first build, then just their number. */
static void print_problems(const mc_diag_list *errs, int first)
{
    size_t warnings = errs->count - errs->errors;
    for (size_t i = 0; i < errs->count; i++)
        if (first || errs->items[i].severity == MC_ERROR) mc_diag_print(stderr, &errs->items[i]);
    if (!first && warnings)
        fprintf(stderr, "motcua: %zu warning%s (listed at start; 'motcua check' lists them all)\n",
                warnings, warnings == 1 ? "" : "s");
}

/* The build's messages by the output path of the page they are about
 * (messages about a source with no page are left out). */
static json_t *checks_by_page(const mc_diag_list *errs, json_t *outputs, const char *site)
{
    json_t *checks = json_object();
    size_t n = strlen(site);
    char line[2048];
    for (size_t i = 0; i < errs->count; i++) {
        const char *file = errs->items[i].file;
        /* messages name the source site-relative, or with the site's folder */
        if (!strncmp(file, site, n) && file[n] == '/') file += n + 1;
        const char *out = json_string_value(json_object_get(outputs, file));
        if (!out) continue;
        json_t *list = json_object_get(checks, out);
        if (!list) json_object_set_new(checks, out, list = json_array());
        json_array_append_new(list, json_string(mc_diag_format(&errs->items[i], line, sizeof line)));
    }
    return checks;
}

/* One whole build; publishes it or shows its errors. Returns 0 on success. */
static int rebuild(serve_run *r)
{
    page_sets sets = {json_object(), json_object(), json_object(), 0};
    json_t *drafts = sets.drafts;
    mc_build_opts bo = {.site = r->o.site, .out = r->out, .base_url = r->base_url,
                        .drafts = 1, .future = 1, .jobs = r->o.jobs,
                        .allow_incomplete = r->o.allow_incomplete,
                        .on_model = collect_pages, .on_model_ctx = &sets};
    mc_diag_list errs = {0};
    mc_build_result res;
    double t0 = now_ms();
    int status = mc_build(&bo, &res, &errs);
    print_problems(&errs, r->builds++ == 0);
    if (status == 0 && !sets.seen) { /* a shortcut: the last model's sets */
        json_decref(sets.drafts);
        json_decref(sets.recordable);
        drafts = sets.drafts = r->drafts ? json_deep_copy(r->drafts) : json_object();
        sets.recordable = r->recordable ? json_deep_copy(r->recordable) : json_object();
    } else if (status == 0) {
        json_decref(r->drafts);
        json_decref(r->recordable);
        r->drafts = json_deep_copy(sets.drafts);
        r->recordable = json_deep_copy(sets.recordable);
    }
    if (status == 0) {
        if (mc_server_allow_recording(r->server, r->o.site, sets.recordable) != 0)
            fprintf(stderr, "motcua: warning: no random session token could be made; the "
                    "recording control is off\n");
        sets.recordable = NULL;
        /* a shortcut build keeps the last model's checks */
        if (sets.seen) mc_server_set_checks(r->server, checks_by_page(&errs, sets.outputs, r->o.site));
        mc_server_publish(r->server, r->out, drafts);
        if (!r->o.quiet)
            fprintf(stderr, "motcua: built %zu page%s in %.0f ms\n", res.pages,
                    res.pages == 1 ? "" : "s", now_ms() - t0);
    } else {
        json_decref(drafts);
        json_decref(sets.recordable);
        mc_server_fail(r->server, &errs);
        fprintf(stderr, "motcua: build failed with %zu error%s; the browser shows them until "
                "they are fixed\n", errs.errors, errs.errors == 1 ? "" : "s");
    }
    json_decref(sets.outputs);
    mc_diag_list_free(&errs);
    return status;
}

static void watch_loop(serve_run *r)
{
    char changed[512];
    while (!stop_requested) {
        int c = mc_watch_wait(r->watch, 250, 30, changed, sizeof changed);
        if (c < 0) {
            fprintf(stderr, "motcua: error: watching %s stopped working; restart motcua serve\n",
                    r->o.site);
            return;
        }
        if (c == 0 || stop_requested) continue;
        if (!r->o.quiet) fprintf(stderr, "motcua: %s changed, rebuilding\n", changed);
        rebuild(r);
    }
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* The private output folder: $TMPDIR/motcua-serve-XXXXXX/site, or in
 * /dev/shm (memory: a rebuild then costs no disk writes) without TMPDIR. */
static int make_private_out(serve_run *r)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir) tmpdir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/motcua-serve-XXXXXX", tmpdir);
    if (!mkdtemp(pattern)) {
        fprintf(stderr, "motcua: error: cannot create a temporary folder in %s; set TMPDIR "
                "to a writable folder\n", tmpdir);
        return -1;
    }
    r->tmp = strdup(pattern);
    size_t n = strlen(pattern) + 8;
    r->out = malloc(n);
    if (!r->tmp || !r->out) return -1;
    snprintf(r->out, n, "%s/site", pattern);
    return 0;
}

static void set_base_url(serve_run *r)
{
    const char *host = r->o.bind;
    if (!strcmp(host, "0.0.0.0") || !strcmp(host, "::")) host = "127.0.0.1";
    int v6 = strchr(host, ':') != NULL;
    snprintf(r->base_url, sizeof r->base_url, "http://%s%s%s:%d/", v6 ? "[" : "", host,
             v6 ? "]" : "", mc_server_port(r->server));
}

#ifndef MC_EDITOR_BUILD
#define MC_EDITOR_BUILD "build/editor/decap-cms"
#endif

/* The editor's files (Decap CMS, `make editor`): MC_EDITOR_BUILD beside
 * this program (a build), else the installed copy; NULL when neither has
 * decap-cms.js. Caller frees. */
static char *find_editor(void)
{
    char exe[4096], dir[4200], js[4300];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) slash[1] = '\0';
    const char *candidates[] = {MC_EDITOR_BUILD, MC_DATADIR "/editor/decap-cms"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        int absolute = candidates[i][0] == '/';
        snprintf(dir, sizeof dir, "%s%s", absolute || !slash ? "" : exe, candidates[i]);
        snprintf(js, sizeof js, "%s/decap-cms.js", dir);
        if (access(js, R_OK) == 0) return strdup(dir);
    }
    return NULL;
}

static int start(serve_run *r)
{
    mc_diag d;
    if (make_private_out(r) != 0) return -1;
    r->server = mc_server_start(r->o.bind, r->o.port, &d);
    if (r->server) r->watch = mc_watch_open(r->o.site, &d);
    if (!r->server || !r->watch) {
        mc_diag_print(stderr, &d);
        return -1;
    }
    set_base_url(r);
    char *editor = find_editor();
    if (mc_server_allow_editor(r->server, r->o.site, editor) != 0)
        fprintf(stderr, "motcua: warning: no random session token could be made; the editor "
                "at /admin/ is off\n");
    free(editor);
    rebuild(r);
    printf("Serving at %s (Ctrl-C to stop)\n", r->base_url);
    fflush(stdout);
    return 0;
}

static void finish(serve_run *r)
{
    mc_server_stop(r->server);
    mc_watch_close(r->watch);
    if (r->tmp) mc_remove_tree(r->tmp, NULL);
    free(r->tmp);
    free(r->out);
    json_decref(r->drafts);
    json_decref(r->recordable);
}

static int parse_number(const char *arg, long lo, long hi, long *v)
{
    char *end;
    *v = strtol(arg, &end, 10);
    return *arg && !*end && *v >= lo && *v <= hi ? 0 : -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, serve_opts *o)
{
    int c;
    long v;
    mc_getopt g;
    mc_getopt_start(&g, serve_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        switch (c) {
        case 's': o->site = optarg; break;
        case OPT_BIND: o->bind = optarg; break;
        case MC_OPT_ALLOW_INCOMPLETE: o->allow_incomplete = 1; break;
        case 'q': o->quiet = 1; break;
        case 'h': mc_command_help(stdout, &mc_serve_command); return 0;
        case 'p':
            if (parse_number(optarg, 0, 65535, &v) != 0)
                return mc_usage_error("serve: -p needs a port from 0 to 65535, not '%s'", optarg);
            o->port = (int)v;
            break;
        case 'j':
            if (parse_number(optarg, 1, 256, &v) != 0)
                return mc_usage_error("serve: -j needs a number of threads from 1 to 256, not '%s'", optarg);
            o->jobs = (int)v;
            break;
        case ':': return mc_usage_error("serve: option '%s' needs a value", argv[optind - 1]);
        default: return mc_usage_error("serve: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return mc_usage_error("serve: unexpected argument '%s'; use -s SITE", argv[optind]);
    return -1;
}

int mc_cmd_serve(int argc, char **argv)
{
    serve_run r;
    memset(&r, 0, sizeof r);
    r.o = (serve_opts){.site = ".", .bind = "127.0.0.1", .port = 1313};
    int status = parse_args(argc, argv, &r.o);
    if (status >= 0) return status;
    install_signals();
    status = start(&r) == 0 ? 0 : 1;
    if (status == 0) watch_loop(&r);
    finish(&r);
    if (status == 0 && !r.o.quiet) fprintf(stderr, "motcua: stopped\n");
    return status;
}

const mc_command mc_serve_command = {
    .name = "serve",
    .args = "",
    .summary = "preview the site at http://127.0.0.1:1313/, rebuilt and\n"
               "reloaded on every save (see 'motcua serve --help')",
    .usage = "motcua serve [OPTION]...\n",
    .description = "Preview the site in SITE (default: the current folder) in a browser.\n"
                   "The site is built, with drafts and pages dated in the future (marked\n"
                   "'Bản nháp'), into a temporary folder (public/ is not touched) and served\n"
                   "at http://127.0.0.1:PORT/. Every time a file in content/, themes/,\n"
                   "static/, data/, i18n/ or site.yaml is saved, the site is rebuilt and open\n"
                   "pages reload themselves. Build errors are printed here and shown in the\n"
                   "browser until they are fixed. Ctrl-C stops. One client address may hold\n"
                   "64 connections; a connection silent for 30 seconds is closed.\n"
                   "Announcement pages get a 'Ghi âm' box: record the bulletin from the\n"
                   "microphone, listen, and 'Lưu' saves it beside the announcement as its\n"
                   "recording: (only from this computer, and only from the preview's pages).\n",
    .options = serve_options,
    .epilogue = "Example:\n"
                "  motcua serve -p 8080     then open http://127.0.0.1:8080/\n",
    .run = mc_cmd_serve,
};
