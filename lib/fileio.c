/* fileio.c — whole-file reads, atomic writes, mkdir -p (see fileio.h).
 *
 * Atomic write: mkstemp() beside the destination, write() until done,
 * fchmod(0644) because mkstemp creates 0600 and web servers must read the
 * result, close() (its error is checked: NFS and full disks report there),
 * then rename(). No fsync: the guarantee is against a failed or interrupted
 * run, not against power loss, and syncing 50,000 pages would cost more
 * than the whole build. */
#define _DEFAULT_SOURCE /* d_type and DT_* of readdir entries */
#include "fileio.h"
#include "grow.h"
#include "safepath.h"
#include "strf.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>


mc_file_stamp mc_stamp_of(const struct stat *st)
{
    return (mc_file_stamp){(long long)st->st_size,
                           (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec};
}

int mc_stamp_equal(mc_file_stamp a, mc_file_stamp b)
{
    return a.size == b.size && a.mtime_ns == b.mtime_ns;
}

char *mc_next_line(char **p)
{
    if (!*p || !**p) return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = NULL;
    }
    return line;
}

char *mc_read_file(const char *path, size_t *len, mc_diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        mc_diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    return mc_read_fd_stat(fd, path, len, NULL, d);
}

char *mc_read_fd_stat(int fd, const char *path, size_t *len, struct stat *st_out, mc_diag *d)
{
    struct stat st;
    int sized = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (st_out) {
        if (!sized) memset(&st, 0, sizeof st);
        *st_out = st;
    }
    /* one read for a regular file (one byte more, to see the end); pipes
     * and files that grow meanwhile take the doubling path */
    size_t cap = sized && st.st_size < (off_t)1 << 30 ? (size_t)st.st_size + 1 : 65536, used = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (used == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) break;
            buf = bigger;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got == 0) {
            close(fd);
            buf[used] = '\0';
            if (len) *len = used;
            return buf;
        }
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            mc_diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        used += (size_t)got;
    }
    free(buf);
    close(fd);
    mc_diag_set(d, path, 0, 0, "out of memory reading the file");
    return NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t put = write(fd, p, n);
        if (put < 0 && errno == EINTR) continue;
        if (put < 0) return -1;
        p += put;
        n -= (size_t)put;
    }
    return 0;
}

/* Builds "DIR/.BASE.XXXXXX" for mkstemp; returns NULL when out of memory. */
static char *temp_name_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = dirlen + 1 + strlen(base) + 8;
    char *tmp = malloc(n);
    if (tmp) snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return tmp;
}

/* Removes the ".BASE.XXXXXX" files beside path that earlier runs, killed
 * before their rename, left: this user's, and locked by no one (a running
 * writer holds its lock until it renames or removes the file). */
static void sweep_temps(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    DIR *dp = dir ? opendir(dir) : NULL;
    struct dirent *e;
    while (dp && (e = readdir(dp))) {
        const char *name = e->d_name;
        if (name[0] != '.' || strncmp(name + 1, base, n) != 0 || name[n + 1] != '.' ||
            strlen(name + n + 2) != 6)
            continue;
        int fd = openat(dirfd(dp), name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
            flock(fd, LOCK_EX | LOCK_NB) == 0)
            unlinkat(dirfd(dp), name, 0);
        if (fd >= 0) close(fd);
    }
    if (dp) closedir(dp);
    free(dir);
}

int mc_temp_beside(const char *path, char **tmp_out, mc_diag *d)
{
    *tmp_out = NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return mc_diag_set(d, path, 0, 0, "is a folder, not a file name; name a file to "
                           "write, inside it or elsewhere");
    char *tmp = temp_name_for(path);
    if (!tmp) return mc_diag_set(d, path, 0, 0, "out of memory");
    sweep_temps(path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        mc_diag_set(d, path, 0, 0, "cannot create a file in its folder: %s; "
                    "check that the folder exists and is writable", strerror(errno));
        free(tmp);
        return -1;
    }
    flock(fd, LOCK_EX); /* a new file: nobody else holds it */
    *tmp_out = tmp;
    return fd;
}

int mc_write_atomic(const char *path, const void *data, size_t n, mc_diag *d)
{
    char *tmp;
    int fd = mc_temp_beside(path, &tmp, d);
    if (fd < 0) return -1;
    int failed = write_all(fd, data, n) != 0 || fchmod(fd, 0644) != 0;
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(tmp, path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(tmp);
        mc_diag_set(d, path, 0, 0, "cannot write: %s; the previous file, if any, "
                    "was left as it was", strerror(saved));
    }
    free(tmp);
    return failed ? -1 : 0;
}

/* mkdir p, making its parents first when they are missing. The common
 * case, a new folder in an existing one, costs one system call. p is
 * changed while parents are made and restored. Returns 0 when p was made,
 * 1 when something named p was there already, -1 on failure (errno). */
static int make_dir(int dirfd, char *p)
{
    if (mkdirat(dirfd, p, 0755) == 0) return 0;
    if (errno == EEXIST) return 1;
    if (errno != ENOENT) return -1;
    char *slash = strrchr(p, '/');
    while (slash && slash > p && slash[-1] == '/') slash--;
    if (!slash || slash == p) return -1;
    *slash = '\0';
    int rc = make_dir(dirfd, p);
    *slash = '/';
    if (rc < 0) return -1;
    if (mkdirat(dirfd, p, 0755) == 0) return 0;
    return errno == EEXIST ? 1 : -1;
}

/* A message about folder path (in base, when given). */
static int mkdir_error(const char *base, const char *path, mc_diag *d, const char *why)
{
    char *shown = base ? mc_path2(base, path) : NULL;
    mc_diag_set(d, shown ? shown : path, 0, 0, "%s", why);
    free(shown);
    return -1;
}

int mc_mkdir_p_at(int dirfd, const char *base, const char *path, mc_diag *d)
{
    size_t n = strlen(path);
    char *p = malloc(n + 1);
    if (!p) return mkdir_error(base, path, d, "out of memory");
    memcpy(p, path, n + 1);
    while (n > 1 && p[n - 1] == '/') p[--n] = '\0';
    int made = make_dir(dirfd, p);
    struct stat st;
    const char *why = NULL;
    char reason[256];
    if (made < 0) {
        snprintf(reason, sizeof reason, "cannot create folder: %s", strerror(errno));
        why = reason;
    } else if (made == 1 && !(fstatat(dirfd, p, &st, 0) == 0 && S_ISDIR(st.st_mode))) {
        why = "exists but is not a folder; move the file away or choose another path";
    }
    free(p);
    return why ? mkdir_error(base, path, d, why) : 0;
}

int mc_mkdir_p(const char *path, mc_diag *d)
{
    return mc_mkdir_p_at(AT_FDCWD, NULL, path, d);
}

int mc_mkdir_parent(const char *path, mc_diag *d)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return 0;
    char *dir = strndup(path, (size_t)(slash - path));
    if (!dir) return mc_diag_set(d, path, 0, 0, "out of memory");
    int rc = mc_mkdir_p(dir, d);
    free(dir);
    return rc;
}

typedef struct name_list {
    char **items;
    size_t count, cap;
} name_list;

static int name_list_push(name_list *l, char *s)
{
    if (!s) return -1;
    char **grown = mc_grow(l->items, l->count, &l->cap, sizeof *grown, 64);
    if (!grown) { free(s); return -1; }
    l->items = grown;
    l->items[l->count++] = s;
    return 0;
}

static int list_level(const char *root, const char *confine, const char *rel, name_list *out,
                      mc_diag *d)
{
    char *dir = rel[0] ? mc_path2(root, rel) : strdup(root);
    struct dirent **names = NULL;
    int n = dir ? scandir(dir, &names, NULL, alphasort) : -1;
    int status = 0;
    if (n < 0 && errno != ENOENT)
        status = mc_diag_set(d, dir ? mc_path_shown(confine, dir) : root, 0, 0,
                             "cannot read folder: %s", strerror(errno));
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.' && status == 0) {
            char *child = mc_path2(rel, name);
            struct stat st;
            /* the folder listing usually says what an entry is; a symbolic
             * link, or an entry of unknown type, goes through the
             * confinement rule, which also stats its target */
            unsigned char type = names[i]->d_type;
            int known = type == DT_DIR || type == DT_REG;
            char *full = child && !known ? mc_path2(root, child) : NULL;
            if (known) st.st_mode = type == DT_DIR ? S_IFDIR : S_IFREG;
            if (!child || (!known && !full)) {
                status = mc_diag_set(d, name, 0, 0, "out of memory");
                free(child);
            } else if (!known && mc_link_confined(confine, full, &st, d) != 0) {
                status = -1;
                free(child);
            } else if (S_ISDIR(st.st_mode)) {
                status = list_level(root, confine, child, out, d);
                free(child);
            } else if (S_ISREG(st.st_mode)) {
                status = name_list_push(out, child);
            } else {
                free(child);
            }
            free(full);
        }
        free(names[i]);
    }
    free(names);
    free(dir);
    return status;
}

int mc_list_tree(const char *dir, const char *confine, char ***files, size_t *count, mc_diag *d)
{
    name_list l = {0};
    struct stat st;
    /* the folder itself ("static", "content") may not be a link out */
    int status = confine && strcmp(confine, dir) != 0 && lstat(dir, &st) == 0 &&
                         S_ISLNK(st.st_mode)
                     ? mc_link_confined(confine, dir, NULL, d) : 0;
    if (status == 0) status = list_level(dir, confine ? confine : dir, "", &l, d);
    if (status != 0) {
        mc_free_list(l.items, l.count);
        l.items = NULL;
        l.count = 0;
    }
    *files = l.items;
    *count = l.count;
    return status;
}

void mc_free_list(char **list, size_t count)
{
    for (size_t i = 0; i < count; i++) free(list[i]);
    free(list);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int mc_remove_tree(const char *dir, mc_diag *d)
{
    struct stat st;
    if (lstat(dir, &st) != 0) return 0;
    if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return mc_diag_set(d, dir, 0, 0, "cannot remove: %s", strerror(errno));
    return 0;
}
