/* fileio.c — whole-file reads, atomic writes, mkdir -p (see fileio.h).
 *
 * Atomic write: mkstemp() beside the destination, write() until done,
 * fchmod(0644) because mkstemp creates 0600 and web servers must read the
 * result, close() (its error is checked: NFS and full disks report there),
 * then rename(). No fsync: the guarantee is against a failed or interrupted
 * run, not against power loss, and syncing 50,000 pages would cost more
 * than the whole build. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *mc_read_file(const char *path, size_t *len, mc_diag *d)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        mc_diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 65536, used = 0;
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

int mc_write_atomic(const char *path, const void *data, size_t n, mc_diag *d)
{
    char *tmp = temp_name_for(path);
    if (!tmp) return mc_diag_set(d, path, 0, 0, "out of memory");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        mc_diag_set(d, path, 0, 0, "cannot create a file in its folder: %s; "
                    "check that the folder exists and is writable", strerror(errno));
        free(tmp);
        return -1;
    }
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

int mc_mkdir_p(const char *path, mc_diag *d)
{
    size_t n = strlen(path);
    char *p = malloc(n + 1);
    if (!p) return mc_diag_set(d, path, 0, 0, "out of memory");
    memcpy(p, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        char saved = p[i];
        p[i] = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            mc_diag_set(d, p, 0, 0, "cannot create folder: %s", strerror(errno));
            free(p);
            return -1;
        }
        p[i] = saved;
    }
    struct stat st;
    int ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok ? 0 : mc_diag_set(d, path, 0, 0, "exists but is not a folder; "
                                "move the file away or choose another path");
}
