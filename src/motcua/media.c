/* media.c — the motcua program's versions of the functions that live in
 * motcua-media.so (see media.h): each finds the real one with dlsym and
 * calls it. Linked into the motcua program only, never into libmotcua.a.
 *
 * dlopen is asked each time: the loader keeps one copy and hands back the
 * same handle (the library is never closed), so no state is kept here.
 * Functions that take an mc_audio do nothing on NULL without loading
 * anything: a site without announcement audio never loads the library to
 * learn that. Calls that cannot report an error (mc_audio_free, ...) are
 * only reached with an mc_audio that the library made, so it is loaded.
 */
#include "media.h"
#include "announce_audio.h"
#include "check_internal.h"
#include "serve.h"
#include "strf.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MEDIA_FILE "motcua-media.so"

/* The library beside the program, else the installed one; NULL when
 * neither loads (why: *why, from dlerror). */
static void *media_handle(const char **why)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    void *h = NULL;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) slash[1] = '\0';
        char *path = mc_strf("%s%s%s", exe, MEDIA_FILE, "");
        if (path) h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        free(path);
    }
    if (!h) h = dlopen(MC_LIBDIR "/" MEDIA_FILE, RTLD_NOW | RTLD_LOCAL);
    if (!h && why) *why = dlerror();
    return h;
}

/* The address of the library's function `name`, or NULL. */
static void *media_fn(const char *name)
{
    void *h = media_handle(NULL);
    return h ? dlsym(h, name) : NULL;
}

int mc_media_load(mc_diag *d)
{
    const char *why = NULL;
    if (media_handle(&why)) return 0;
    return mc_diag_set(d, MEDIA_FILE, 0, 0, "cannot load the audio and network part of "
                       "motcua (%s); it is built beside the program by make and installed "
                       "in %s by make install: build or install motcua again",
                       why ? why : "not found", MC_LIBDIR);
}

static int media_error(mc_diag_list *errs)
{
    mc_diag d;
    mc_media_load(&d);
    return mc_diag_list_add(errs, &d);
}

/* ---- announce_audio.h ---- */

typedef int (*plan_fn)(mc_model *, const mc_audio_opts *, mc_audio **, mc_diag_list *);
typedef int (*render_fn)(mc_audio *, const mc_model *, const mc_render_plan *, const char *, int,
                         int, mc_render_stats *, mc_diag_list *);
typedef void (*defer_fn)(mc_audio *, const char *);
typedef int (*fell_back_fn)(const mc_audio *);
typedef const char *(*salt_fn)(const mc_audio *, const char *);
typedef void (*on_ready_fn)(mc_audio *, mc_audio_ready_fn, void *, void (*)(void *));
typedef int (*file_fn)(const mc_audio *, const mc_page *, const char **, const char **);
typedef void (*free_fn)(mc_audio *);

/* Audio is off in site.yaml, or for this build: nothing to load. */
static int audio_off(const mc_model *m, const mc_audio_opts *o)
{
    return o->disabled || !mc_site_audio_on(m->site);
}

int mc_audio_plan(mc_model *m, const mc_audio_opts *o, mc_audio **out, mc_diag_list *errs)
{
    *out = NULL;
    if (audio_off(m, o)) return 0;
    plan_fn fn;
    *(void **)&fn = media_fn("mc_audio_plan");
    return fn ? fn(m, o, out, errs) : media_error(errs);
}

int mc_audio_render(mc_audio *a, const mc_model *m, const mc_render_plan *plan, const char *dir,
                    int jobs, int progress, mc_render_stats *stats, mc_diag_list *errs)
{
    if (!a) return mc_render_all(m, plan, dir, jobs, progress, stats, errs);
    render_fn fn;
    *(void **)&fn = media_fn("mc_audio_render");
    return fn ? fn(a, m, plan, dir, jobs, progress, stats, errs) : media_error(errs);
}

void mc_audio_defer(mc_audio *a, const char *path)
{
    defer_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_defer") : NULL;
    if (fn) fn(a, path);
}

int mc_audio_fell_back(const mc_audio *a)
{
    fell_back_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_fell_back") : NULL;
    return fn ? fn(a) : 0;
}

const char *mc_audio_key_salt(const mc_audio *a, const char *output_path)
{
    salt_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_key_salt") : NULL;
    return fn ? fn(a, output_path) : NULL;
}

void mc_audio_on_ready(mc_audio *a, mc_audio_ready_fn ready, void *ctx, void (*done)(void *ctx))
{
    on_ready_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_on_ready") : NULL;
    if (fn) fn(a, ready, ctx, done);
}

int mc_audio_file(const mc_audio *a, const mc_page *p, const char **rel, const char **file)
{
    file_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_file") : NULL;
    return fn ? fn(a, p, rel, file) : -1;
}

void mc_audio_free(mc_audio *a)
{
    free_fn fn;
    *(void **)&fn = a ? media_fn("mc_audio_free") : NULL;
    if (fn) fn(a);
}

/* ---- serve.h ---- */

typedef mc_server *(*start_fn)(const char *, int, mc_diag *);
typedef int (*port_fn)(const mc_server *);
typedef void (*publish_fn)(mc_server *, const char *, json_t *);
typedef void (*fail_fn)(mc_server *, const mc_diag_list *);
typedef void (*stop_fn)(mc_server *);
typedef int (*allow_fn)(mc_server *, const char *, json_t *);

mc_server *mc_server_start(const char *bind, int port, mc_diag *d)
{
    start_fn fn;
    *(void **)&fn = media_fn("mc_server_start");
    if (!fn) {
        mc_media_load(d);
        return NULL;
    }
    return fn(bind, port, d);
}

int mc_server_port(const mc_server *s)
{
    port_fn fn;
    *(void **)&fn = media_fn("mc_server_port");
    return fn ? fn(s) : 0;
}

void mc_server_publish(mc_server *s, const char *root, json_t *drafts)
{
    publish_fn fn;
    *(void **)&fn = media_fn("mc_server_publish");
    if (fn) fn(s, root, drafts);
    else json_decref(drafts); /* the server takes the reference */
}

int mc_server_allow_recording(mc_server *s, const char *site, json_t *pages)
{
    allow_fn fn;
    *(void **)&fn = media_fn("mc_server_allow_recording");
    if (fn) return fn(s, site, pages);
    json_decref(pages); /* the server takes the reference */
    return -1;
}

void mc_server_set_checks(mc_server *s, json_t *checks)
{
    void (*fn)(mc_server *, json_t *);
    *(void **)&fn = media_fn("mc_server_set_checks");
    if (fn) fn(s, checks);
    else json_decref(checks); /* the server takes the reference */
}

int mc_server_allow_editor(mc_server *s, const char *site, const char *editor_dir)
{
    int (*fn)(mc_server *, const char *, const char *);
    *(void **)&fn = media_fn("mc_server_allow_editor");
    return fn ? fn(s, site, editor_dir) : -1;
}

void mc_server_fail(mc_server *s, const mc_diag_list *errs)
{
    fail_fn fn;
    *(void **)&fn = media_fn("mc_server_fail");
    if (fn) fn(s, errs);
}

void mc_server_stop(mc_server *s)
{
    stop_fn fn;
    *(void **)&fn = s ? media_fn("mc_server_stop") : NULL;
    if (fn) fn(s);
}

/* ---- check_internal.h ---- */

typedef int (*external_fn)(mc_check_ctx *, const mc_check_opts *, mc_check_report *,
                           mc_diag_list *);

int mc_check_external(mc_check_ctx *ctx, const mc_check_opts *o, mc_check_report *r,
                      mc_diag_list *errs)
{
    external_fn fn;
    *(void **)&fn = media_fn("mc_check_external");
    return fn ? fn(ctx, o, r, errs) : media_error(errs);
}
