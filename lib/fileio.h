/* fileio.h — reading whole files and writing files so they appear whole or
 * not at all.
 *
 * mc_write_atomic writes into a temporary file in the destination folder
 * (".NAME.XXXXXX", so the rename never crosses file systems) and renames it
 * over the destination only after every byte was written and the file closed.
 * A reader, a web server or a loudspeaker station polling the folder, sees
 * the old file or the new one, never half of one. On any failure the
 * temporary file is removed and the destination is untouched.
 *
 * Memory: mc_read_file returns a buffer the caller frees with free(); it is
 * NUL-terminated (the terminator is not counted in *len).
 */
#ifndef MC_FILEIO_H
#define MC_FILEIO_H

#include <stddef.h>
#include <sys/stat.h>
#include "diag.h"

/* A file's size and modification time (ns): what the build cache and the
 * page loader compare to see whether a file is as they left it. */
typedef struct mc_file_stamp {
    long long size;
    long long mtime_ns;
} mc_file_stamp;

mc_file_stamp mc_stamp_of(const struct stat *st);
int mc_stamp_equal(mc_file_stamp a, mc_file_stamp b);

/* The next line of a text read whole (*p moves past it; its newline
 * becomes NUL), or NULL at the end. */
char *mc_next_line(char **p);

/* Read the whole file. Returns NULL and fills d on error. */
char *mc_read_file(const char *path, size_t *len, mc_diag *d);
/* Same from an open file, which it closes; path names it in messages, and
 * *st (may be NULL) gets its status as it was read. */
char *mc_read_fd_stat(int fd, const char *path, size_t *len, struct stat *st, mc_diag *d);

/* Creates the temporary file for path (".BASE.XXXXXX" in its folder, mode
 * 0600) and returns its descriptor, locked (flock) while it stays open;
 * *tmp gets its name (caller frees). First removes the temporary files of
 * path that runs killed before their rename left behind: this user's,
 * with that exact name pattern, locked by nobody. Returns -1 with d. */
int mc_temp_beside(const char *path, char **tmp, mc_diag *d);

/* Write data[0..n) to path atomically, mode 0644. Returns 0 or -1 (d filled).
 * The folder must exist. */
int mc_write_atomic(const char *path, const void *data, size_t n, mc_diag *d);

/* Create a folder and its parents (mode 0755); an existing folder is fine. */
int mc_mkdir_p(const char *path, mc_diag *d);
/* The same for path relative to the open folder dirfd (or AT_FDCWD);
 * base (may be NULL) is that folder's name, for messages. */
int mc_mkdir_p_at(int dirfd, const char *base, const char *path, mc_diag *d);

/* mc_mkdir_p of the folder that holds path ("a/b/c.html" -> "a/b"); 0 and
 * nothing made when path has no folder part. */
int mc_mkdir_parent(const char *path, mc_diag *d);

/* Every regular file under dir, as paths relative to dir ("a/b.md"), in
 * sorted order (byte order at each level, so the result does not depend on
 * the file system). Names starting with '.' are skipped, with their
 * contents. A missing dir gives an empty list. Symbolic links are
 * followed only under safepath.h's rule: their target must lie inside
 * confine (the site; NULL means dir itself), otherwise the walk stops with
 * an error at the link, named relative to confine. *files is an array of
 * strings; free each and the array with mc_free_list. Returns 0 or -1. */
int mc_list_tree(const char *dir, const char *confine, char ***files, size_t *count,
                 mc_diag *d);
void mc_free_list(char **list, size_t count);

/* Removes a folder and everything in it (symbolic links are removed, not
 * followed). A missing folder is fine. Returns 0 or -1. */
int mc_remove_tree(const char *dir, mc_diag *d);

#endif
