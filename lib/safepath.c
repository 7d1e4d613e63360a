/* safepath.c — root-confined path joining (see safepath.h).
 *
 * Two checks, in order. First lexical: split rel on '/', drop "" and ".",
 * pop on "..", and refuse when a ".." has nothing to pop. Then physical:
 * realpath() the root and the longest prefix of the joined path that exists;
 * the latter must be the root or lie under it, otherwise a symbolic link led
 * out. The physical check costs a few system calls, so callers join once per
 * file, not per byte written. */
#include "safepath.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

int mc_path_stays_inside(const char *rel)
{
    if (rel[0] == '/') return 0;
    for (const char *p = rel; *p;) {
        size_t len = strcspn(p, "/");
        if (len == 2 && p[0] == '.' && p[1] == '.') return 0;
        p += len;
        if (*p == '/') p++;
    }
    return 1;
}

char *mc_path_normalize(const char *rel)
{
    if (rel[0] == '/') return NULL;
    size_t n = strlen(rel);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t used = 0;
    const char *p = rel;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (used == 0) { free(out); return NULL; }
            while (used > 0 && out[used - 1] != '/') used--;
            if (used > 0) used--; /* the separator before the popped part */
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            if (used > 0) out[used++] = '/';
            memcpy(out + used, p, len);
            used += len;
        }
        p += len;
        if (*p == '/') p++;
    }
    out[used] = '\0';
    return out;
}

/* realpath() of the longest existing prefix of path; NULL if none exists. */
static char *real_existing_prefix(const char *path)
{
    char *probe = strdup(path);
    while (probe) {
        char *real = realpath(probe, NULL);
        if (real || errno != ENOENT) { free(probe); return real; }
        char *slash = strrchr(probe, '/');
        if (!slash || slash == probe) { free(probe); return NULL; }
        *slash = '\0';
    }
    return NULL;
}

/* The one wording of the rule's refusals. */
#define LEADS_OUT "path goes through a symbolic link that leads outside the site; " \
                  "copy the file into the site instead of linking it"
#define DANGLING "symbolic link to a file that does not exist; restore the file " \
                 "or remove the link"
#define LOOPS "symbolic link to a folder that contains it (the walk would never " \
              "end); remove the link"

static int is_inside(const char *real_root, const char *real_path)
{
    size_t n = strlen(real_root);
    if (strncmp(real_root, real_path, n) != 0) return 0;
    return real_path[n] == '\0' || real_path[n] == '/' || (n == 1 && real_root[0] == '/');
}

char *mc_path_join(const char *root, const char *rel, mc_diag *d)
{
    char *norm = mc_path_normalize(rel);
    if (!norm) {
        mc_diag_set(d, rel, 0, 0, "path leaves its folder ('..' or an absolute path); "
                    "use a path relative to the page's own folder");
        return NULL;
    }
    size_t n = strlen(root) + 1 + strlen(norm) + 1;
    char *joined = malloc(n);
    if (!joined) { free(norm); mc_diag_set(d, rel, 0, 0, "out of memory"); return NULL; }
    if (norm[0]) snprintf(joined, n, "%s/%s", root, norm);
    else snprintf(joined, n, "%s", root);
    free(norm);

    char *real_root = realpath(root, NULL);
    char *real_path = real_root ? real_existing_prefix(joined) : NULL;
    int ok = real_root && real_path && is_inside(real_root, real_path);
    if (!real_root)
        mc_diag_set(d, root, 0, 0, "folder does not exist: %s", strerror(errno));
    else if (!ok)
        mc_diag_set(d, rel, 0, 0, "%s", LEADS_OUT);
    free(real_root);
    free(real_path);
    if (!ok) { free(joined); return NULL; }
    return joined;
}

const char *mc_path_shown(const char *confine, const char *path)
{
    size_t n = strlen(confine);
    while (n > 1 && confine[n - 1] == '/') n--;
    if (strncmp(path, confine, n) == 0 && path[n] == '/') return path + n + 1;
    return path;
}

const char *mc_confine_for(const char *site, const char *dir)
{
    char *real_site = realpath(site, NULL);
    char *real_dir = real_site ? realpath(dir, NULL) : NULL;
    int inside = real_dir && is_inside(real_site, real_dir);
    free(real_site);
    free(real_dir);
    return inside || !real_dir ? site : dir;
}

int mc_link_confined(const char *confine, const char *path, struct stat *st, mc_diag *d)
{
    const char *shown = mc_path_shown(confine, path);
    struct stat target;
    if (stat(path, &target) != 0) {
        struct stat self;
        if (errno == ENOENT && lstat(path, &self) == 0 && S_ISLNK(self.st_mode))
            return mc_diag_set(d, shown, 0, 0, DANGLING);
        if (errno == ELOOP) return mc_diag_set(d, shown, 0, 0, LOOPS);
        return mc_diag_set(d, shown, 0, 0, "cannot read: %s", strerror(errno));
    }
    if (st) *st = target;
    struct stat self;
    if (lstat(path, &self) == 0 && !S_ISLNK(self.st_mode)) {
        /* not a link itself; its folders were checked as they were walked */
        return 0;
    }
    char *real_root = realpath(confine, NULL);
    char *real = real_root ? realpath(path, NULL) : NULL;
    int status = 0;
    if (!real_root || !real) {
        status = mc_diag_set(d, shown, 0, 0, "cannot read: %s", strerror(errno));
    } else if (!is_inside(real_root, real)) {
        status = mc_diag_set(d, shown, 0, 0, LEADS_OUT);
    } else if (S_ISDIR(target.st_mode)) {
        /* a folder link to the folder it is in, or one of its parents */
        char *parent = strdup(path);
        char *slash = parent ? strrchr(parent, '/') : NULL;
        if (slash) *slash = '\0';
        char *real_parent = slash ? realpath(parent, NULL) : NULL;
        if (real_parent && is_inside(real, real_parent)) status = mc_diag_set(d, shown, 0, 0, LOOPS);
        free(real_parent);
        free(parent);
    }
    free(real);
    free(real_root);
    return status;
}
