/* staging.c — staging folder and atomic swap (see staging.h). */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */
#include "staging.h"
#include "fileio.h"
#include "strf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mc_staging_open(mc_staging *s, const char *out, mc_diag *d)
{
    memset(s, 0, sizeof *s);
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/') n--; /* "public/" names the same folder */
    s->out = strndup(out, n);
    s->dir = malloc(n + 32);
    if (!s->out || !s->dir) {
        mc_staging_abort(s);
        return mc_diag_set(d, out, 0, 0, "out of memory");
    }
    snprintf(s->dir, n + 32, "%s.staging-XXXXXX", s->out);
    mc_mkdir_parent(s->out, NULL);
    if (!mkdtemp(s->dir)) {
        mc_diag_set(d, out, 0, 0, "cannot create a staging folder beside the output: %s; "
                    "check that its parent folder is writable", strerror(errno));
        free(s->dir);
        s->dir = NULL;
        mc_staging_abort(s);
        return -1;
    }
    chmod(s->dir, 0755); /* mkdtemp makes 0700; the web server must read it */
    return 0;
}

int mc_staging_commit(mc_staging *s, mc_diag *d)
{
    struct stat st;
    int status = 0;
    if (lstat(s->out, &st) != 0) {
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
    free(s->dir);
    free(s->out);
    s->dir = s->out = NULL;
    return status;
}

void mc_staging_abort(mc_staging *s)
{
    if (s->dir) mc_remove_tree(s->dir, NULL);
    free(s->dir);
    free(s->out);
    s->dir = s->out = NULL;
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
    free(s->dir);
    free(s->out);
    s->dir = s->out = NULL;
    return status;
}
