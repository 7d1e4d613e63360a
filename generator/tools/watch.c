/* watch.c — inotify watches over a site's source folders (see watch.h).
 *
 * One inotify descriptor; one watch per folder. Each watch remembers the
 * folder's site-relative path ("" for the site folder itself), so an event
 * can be named ("content/tin-tuc/a.md") and a new sub-folder can be added.
 * The site folder's watch only reports the top-level names a build reads.
 */
#define _DEFAULT_SOURCE /* DT_DIR in struct dirent */
#include "watch.h"
#include "grow.h"
#include "strf.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | \
                    IN_ATTRIB | IN_DELETE_SELF | IN_MODIFY)

static const char *const source_dirs[] = {"content", "themes", "static", "data", "i18n", NULL};

typedef struct watched {
    int wd;
    char *rel;            /* site-relative folder, "" for the site itself */
} watched;

struct mc_watch {
    int fd;
    char *site;
    watched *dirs;
    size_t ndirs, cap;
};

static int is_source_top(const char *name)
{
    if (!strcmp(name, "site.yaml")) return 1;
    for (int i = 0; source_dirs[i]; i++)
        if (!strcmp(name, source_dirs[i])) return 1;
    return 0;
}

static int ignored_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || n == 0 || name[n - 1] == '~' || !strcmp(name, "4913");
}

static const watched *find_wd(const mc_watch *w, int wd)
{
    for (size_t i = 0; i < w->ndirs; i++)
        if (w->dirs[i].wd == wd) return &w->dirs[i];
    return NULL;
}

/* Watches the folder SITE/rel and, recursively, its sub-folders. */
static void add_tree(mc_watch *w, const char *rel)
{
    char *path = mc_path2(w->site, rel);
    if (!path) return;
    int wd = inotify_add_watch(w->fd, path, WATCH_MASK | IN_ONLYDIR);
    if (wd < 0 || find_wd(w, wd)) { free(path); return; }
    watched *grown = mc_grow(w->dirs, w->ndirs, &w->cap, sizeof *grown, 32);
    if (!grown) { free(path); return; }
    w->dirs = grown;
    w->dirs[w->ndirs].wd = wd;
    w->dirs[w->ndirs].rel = strdup(rel);
    w->ndirs++;
    DIR *dir = opendir(path);
    free(path);
    if (!dir) return;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (ignored_name(e->d_name) || e->d_type != DT_DIR) continue;
        char *sub = mc_path2(rel, e->d_name);
        if (sub) add_tree(w, sub);
        free(sub);
    }
    closedir(dir);
}

mc_watch *mc_watch_open(const char *site, mc_diag *d)
{
    mc_watch *w = calloc(1, sizeof *w);
    if (!w) { mc_diag_set(d, site, 0, 0, "out of memory"); return NULL; }
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->site = strdup(site);
    if (w->fd < 0 || !w->site) {
        mc_diag_set(d, site, 0, 0, "cannot watch the site folder: %s", strerror(errno));
        mc_watch_close(w);
        return NULL;
    }
    int wd = inotify_add_watch(w->fd, site, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                               IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR);
    if (wd < 0) {
        mc_diag_set(d, site, 0, 0, "cannot watch the site folder: %s", strerror(errno));
        mc_watch_close(w);
        return NULL;
    }
    w->dirs = calloc(32, sizeof *w->dirs);
    w->cap = w->dirs ? 32 : 0;
    if (w->dirs) { w->dirs[0].wd = wd; w->dirs[0].rel = strdup(""); w->ndirs = 1; }
    for (int i = 0; source_dirs[i]; i++) add_tree(w, source_dirs[i]);
    return w;
}

/* Handles one event; returns 1 when it is a change a build cares about. */
static int handle_event(mc_watch *w, const struct inotify_event *ev, char *changed, size_t n)
{
    const watched *dir = find_wd(w, ev->wd);
    if (!dir || (ev->mask & IN_IGNORED)) return 0;
    const char *name = ev->len ? ev->name : "";
    if (ev->len && ignored_name(name)) return 0;
    if (!dir->rel[0] && !is_source_top(name)) return 0;
    char *rel = mc_path2(dir->rel, name);
    if (!rel) return 1;
    if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR)) add_tree(w, rel);
    if (changed && n && !changed[0]) snprintf(changed, n, "%s", rel);
    free(rel);
    return 1;
}

/* Reads every pending event; returns how many mattered, -1 on error. */
static int drain(mc_watch *w, char *changed, size_t n)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int relevant = 0;
    for (;;) {
        ssize_t len = read(w->fd, buf, sizeof buf);
        if (len < 0 && errno == EINTR) continue;
        if (len < 0 && errno == EAGAIN) return relevant;
        if (len <= 0) return -1;
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            relevant += handle_event(w, ev, changed, n);
            p += sizeof *ev + ev->len;
        }
    }
}

static int wait_readable(int fd, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r = poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR) return 0;
    return r;
}

int mc_watch_wait(mc_watch *w, int timeout_ms, int debounce_ms, char *changed, size_t n)
{
    if (changed && n) changed[0] = '\0';
    int r = wait_readable(w->fd, timeout_ms);
    if (r <= 0) return r;
    int relevant = drain(w, changed, n);
    if (relevant < 0) return -1;
    if (relevant == 0) return 0;
    /* debounce: keep reading until the folder stays quiet */
    while ((r = wait_readable(w->fd, debounce_ms)) > 0)
        if (drain(w, changed, n) < 0) return -1;
    return r < 0 ? -1 : 1;
}

void mc_watch_close(mc_watch *w)
{
    if (!w) return;
    if (w->fd >= 0) close(w->fd);
    for (size_t i = 0; i < w->ndirs; i++) free(w->dirs[i].rel);
    free(w->dirs);
    free(w->site);
    free(w);
}
