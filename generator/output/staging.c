/* staging.c — staging folder and atomic swap (see staging.h).
 *
 * A staging folder is locked (flock) for as long as its build runs; the
 * lock goes with the process, even one killed with SIGKILL. So the next
 * build can tell a stale folder (its own name pattern, its own owner, no
 * lock) from one a concurrent build is filling, and removes only the
 * former. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */
#include "staging.h"
#include "fileio.h"
#include "strf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAGING_MARK ".staging-"

/* 1 when out is a mount point: the kernel says so (statx), or its parent
 * is on another file system. */
static int is_mount_point(const char *out)
{
    struct statx sx;
    if (statx(AT_FDCWD, out, 0, STATX_TYPE, &sx) == 0 &&
        (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
        return S_ISDIR(sx.stx_mode) && (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
    struct stat st, up;
    char *parent = mc_strf("%s/..", out);
    int mount = parent && stat(out, &st) == 0 && S_ISDIR(st.st_mode) && stat(parent, &up) == 0 &&
                (st.st_dev != up.st_dev || st.st_ino == up.st_ino);
    free(parent);
    return mount;
}

/* Removes the staging folders in dir named "PREFIX.staging-XXXXXX" (the
 * mkdtemp pattern) that belong to this user and that no running build
 * holds locked: what builds killed before they finished left behind. */
static void remove_stale_staging(const char *dir, const char *prefix)
{
    DIR *dp = opendir(dir);
    if (!dp) return;
    size_t n = strlen(prefix), mark = strlen(STAGING_MARK);
    struct dirent *e;
    while ((e = readdir(dp))) {
        const char *name = e->d_name;
        if (strncmp(name, prefix, n) != 0 || strncmp(name + n, STAGING_MARK, mark) != 0 ||
            strlen(name + n + mark) != 6)
            continue;
        int fd = openat(dirfd(dp), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
            flock(fd, LOCK_EX | LOCK_NB) == 0) {
            char *path = mc_path2(dir, name);
            if (path) mc_remove_tree(path, NULL);
            free(path);
        }
        if (fd >= 0) close(fd);
    }
    closedir(dp);
}

/* The folder that holds out's staging folders, and their name prefix
 * (both the caller's to free; NULL when out of memory). */
static int staging_place(const char *out, int inside, char **parent, char **prefix)
{
    const char *slash = strrchr(out, '/');
    *parent = inside ? strdup(out)
            : slash ? strndup(out, slash == out ? 1 : (size_t)(slash - out)) : strdup(".");
    *prefix = strdup(inside ? "" : slash ? slash + 1 : out);
    return *parent && *prefix ? 0 : -1;
}

void mc_staging_sweep(const char *out)
{
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/') n--;
    char *o = strndup(out, n), *parent = NULL, *prefix = NULL;
    if (o && staging_place(o, is_mount_point(o), &parent, &prefix) == 0)
        remove_stale_staging(parent, prefix);
    free(parent);
    free(prefix);
    free(o);
}

int mc_staging_open(mc_staging *s, const char *out, mc_diag *d)
{
    memset(s, 0, sizeof *s);
    s->lock = -1;
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/') n--; /* "public/" names the same folder */
    s->out = strndup(out, n);
    mc_mkdir_parent(s->out ? s->out : out, NULL);
    /* a mount point cannot be swapped: stage inside it, hidden */
    s->inside = s->out && is_mount_point(s->out);
    char *parent = NULL, *prefix = NULL;
    if (s->out && staging_place(s->out, s->inside, &parent, &prefix) == 0)
        s->dir = mc_strf("%s/%s" STAGING_MARK "XXXXXX", parent, prefix);
    if (s->dir) remove_stale_staging(parent, prefix);
    free(parent);
    free(prefix);
    if (!s->dir) {
        mc_staging_abort(s);
        return mc_diag_set(d, out, 0, 0, "out of memory");
    }
    if (!mkdtemp(s->dir)) {
        mc_diag_set(d, out, 0, 0, "cannot create a staging folder %s the output: %s; "
                    "check that %s is writable", s->inside ? "inside" : "beside",
                    strerror(errno), s->inside ? "the output folder" : "its parent folder");
        free(s->dir);
        s->dir = NULL;
        mc_staging_abort(s);
        return -1;
    }
    s->lock = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s->lock >= 0) flock(s->lock, LOCK_EX);
    chmod(s->dir, 0755); /* mkdtemp makes 0700; the web server must read it */
    return 0;
}

static void staging_free(mc_staging *s)
{
    if (s->lock >= 0) close(s->lock);
    free(s->dir);
    free(s->out);
    s->dir = s->out = NULL;
    s->lock = -1;
}

/* For an output that is a mount point: each top-level entry of the new
 * site is exchanged with the old one of the same name (each swap atomic),
 * and the old site's other entries are moved into the staging folder, which
 * is then removed with everything old. */
static int swap_contents(mc_staging *s, mc_diag *d)
{
    const char *own = strrchr(s->dir, '/') + 1;
    DIR *dp = opendir(s->dir);
    if (!dp) return mc_diag_set(d, s->out, 0, 0, "cannot read the staging folder: %s", strerror(errno));
    int status = 0;
    struct dirent *e;
    /* the old entries the new site does not have go first, into a
     * subfolder of the staging folder (removed with it) */
    char *old = mc_strf("%s/.old", s->dir);
    DIR *cur = old && mkdir(old, 0700) == 0 ? opendir(s->out) : NULL;
    while (cur && (e = readdir(cur))) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, own)) continue;
        char *fresh = mc_path2(s->dir, name);
        struct stat st;
        if (fresh && lstat(fresh, &st) != 0 && errno == ENOENT) {
            char *from = mc_path2(s->out, name), *to = mc_path2(old, name);
            if (from && to) rename(from, to);
            free(from);
            free(to);
        }
        free(fresh);
    }
    if (cur) closedir(cur);
    while (status == 0 && (e = readdir(dp))) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".old")) continue;
        char *from = mc_path2(s->dir, name), *to = mc_path2(s->out, name);
        if (!from || !to) status = mc_diag_set(d, s->out, 0, 0, "out of memory");
        else if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) != 0 &&
                 !(errno == ENOENT && rename(from, to) == 0))
            status = mc_diag_set(d, to, 0, 0, "cannot put the new file in place: %s",
                                 strerror(errno));
        free(from);
        free(to);
    }
    closedir(dp);
    free(old);
    return status;
}

int mc_staging_commit(mc_staging *s, mc_diag *d)
{
    struct stat st;
    int status = 0;
    if (s->inside) {
        status = swap_contents(s, d);
    } else if (lstat(s->out, &st) != 0) {
        if (rename(s->dir, s->out) != 0)
            status = mc_diag_set(d, s->out, 0, 0, "cannot move the new site into place: %s",
                                 strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        status = mc_diag_set(d, s->out, 0, 0, "the output exists and is not a folder; "
                             "move it away or choose another output with -o");
    } else if (renameat2(AT_FDCWD, s->dir, AT_FDCWD, s->out, RENAME_EXCHANGE) != 0) {
        status = mc_diag_set(d, s->out, 0, 0, "cannot swap the new site into place: %s",
                             strerror(errno));
    }
    /* after a swap the staging path holds the previous site; after a failure,
     * the new one: remove either way */
    mc_remove_tree(s->dir, NULL);
    staging_free(s);
    return status;
}

void mc_staging_abort(mc_staging *s)
{
    if (s->dir) mc_remove_tree(s->dir, NULL);
    staging_free(s);
}

/* Removes OUT/rel and then each parent folder left empty, up to OUT. */
static void remove_stale(const char *out, const char *rel)
{
    char *path = mc_path2(out, rel);
    if (!path) return;
    if (unlink(path) == 0 || errno == ENOENT) {
        size_t root = strlen(out);
        for (char *slash = strrchr(path, '/'); slash && (size_t)(slash - path) > root;
             slash = strrchr(path, '/')) {
            *slash = '\0';
            if (rmdir(path) != 0) break;
        }
    }
    free(path);
}

int mc_staging_patch(mc_staging *s, char *const *changed, size_t nchanged,
                     char *const *stale, size_t nstale, mc_diag *d)
{
    int status = 0;
    for (size_t i = 0; status == 0 && i < nchanged; i++) {
        char *from = mc_path2(s->dir, changed[i]);
        char *to = mc_path2(s->out, changed[i]);
        if (!from || !to) status = mc_diag_set(d, s->out, 0, 0, "out of memory");
        else if (mc_mkdir_parent(to, d) != 0) status = -1;
        else if (rename(from, to) != 0)
            status = mc_diag_set(d, to, 0, 0, "cannot put the new file in place: %s",
                                 strerror(errno));
        free(from);
        free(to);
    }
    for (size_t i = 0; status == 0 && i < nstale; i++) remove_stale(s->out, stale[i]);
    mc_remove_tree(s->dir, NULL);
    staging_free(s);
    return status;
}
