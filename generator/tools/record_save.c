/* record_save.c — saving a browser recording into its announcement (see
 * record_save.h). Order of writes: the recording first, then the new
 * index.md, then (single files) the old file is removed; a failure in the
 * middle leaves the announcement as it was plus, at worst, an unused file.
 */
#include "record_save.h"
#include "fileio.h"
#include "safepath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct { const char *type, *ext; } recorder_types[] = {
    {"audio/webm", "webm"}, {"video/webm", "webm"}, {"audio/ogg", "ogg"},
    {"audio/mp4", "m4a"}, {"audio/x-m4a", "m4a"}, {"audio/mpeg", "mp3"},
    {"audio/wav", "wav"}, {"audio/x-wav", "wav"},
};

const char *mc_record_ext(const char *media_type)
{
    if (!media_type) return NULL;
    size_t n = strcspn(media_type, "; ");
    for (size_t i = 0; i < sizeof recorder_types / sizeof recorder_types[0]; i++)
        if (strlen(recorder_types[i].type) == n && !strncasecmp(media_type, recorder_types[i].type, n))
            return recorder_types[i].ext;
    return NULL;
}

/* The end of the line starting at p (its '\n' or the NUL). */
static const char *line_end(const char *p) { const char *e = strchr(p, '\n'); return e ? e : p + strlen(p); }

static int is_fence(const char *p, const char *e)
{
    while (e > p && (e[-1] == '\r' || e[-1] == ' ')) e--;
    return e - p == 3 && !strncmp(p, "---", 3);
}

char *mc_record_set_front(const char *text, size_t len, const char *name, const char *file,
                          mc_diag *d)
{
    (void)len;
    const char *start = text;
    if (!strncmp(start, "\xEF\xBB\xBF", 3)) start += 3;
    if (!is_fence(start, line_end(start)))
        return mc_diag_set(d, file, 1, 0, "the announcement has no YAML front matter (---); "
                           "add one to save a recording"), NULL;
    const char *p = *line_end(start) ? line_end(start) + 1 : line_end(start);
    const char *old = NULL, *close = NULL;
    while (*p) {
        const char *e = line_end(p);
        if (is_fence(p, e)) { close = p; break; }
        if (!strncmp(p, "recording:", 10)) old = p;
        p = *e ? e + 1 : e;
    }
    if (!close)
        return mc_diag_set(d, file, 1, 0, "the front matter is not closed with ---"), NULL;
    char line[300];
    snprintf(line, sizeof line, "recording: %s\n", name);
    const char *cut = old ? old : close;
    const char *resume = old ? (*line_end(old) ? line_end(old) + 1 : line_end(old)) : close;
    size_t n = (size_t)(cut - text) + strlen(line) + strlen(resume) + 1;
    char *out = malloc(n);
    if (!out) return mc_diag_set(d, file, 0, 0, "out of memory"), NULL;
    snprintf(out, n, "%.*s%s%s", (int)(cut - text), text, line, resume);
    return out;
}

/* site-relative "content/thong-bao/x.md" -> its bundle folder and index. */
static int bundle_paths(const char *source, char **dir, char **index)
{
    const char *slash = strrchr(source, '/'), *base = slash ? slash + 1 : source;
    size_t n = strlen(source) + 16;
    *dir = malloc(n);
    *index = malloc(n);
    if (!*dir || !*index) return -1;
    if (!strcmp(base, "index.md")) {
        snprintf(*dir, n, "%.*s", (int)(base - source - (slash ? 1 : 0)), source);
    } else {
        const char *dot = strrchr(base, '.');
        size_t keep = dot ? (size_t)(dot - source) : strlen(source);
        snprintf(*dir, n, "%.*s", (int)keep, source);
    }
    snprintf(*index, n, "%s/index.md", *dir);
    return 0;
}

int mc_record_save(const char *site, const char *source, const char *ext, const void *data,
                   size_t n, char **new_source, char **file, mc_diag *d)
{
    *new_source = *file = NULL;
    char *dir_rel = NULL, *index_rel = NULL, *old_abs = NULL, *dir_abs = NULL, *index_abs = NULL,
         *rec_abs = NULL, *text = NULL, *updated = NULL;
    char name[32];
    snprintf(name, sizeof name, "ghi-am.%s", ext);
    int rc = bundle_paths(source, &dir_rel, &index_rel) == 0 ? 0 : mc_diag_set(d, NULL, 0, 0, "out of memory");
    int single = rc == 0 && strcmp(source, index_rel) != 0;
    if (rc == 0) {
        old_abs = mc_path_join(site, source, d);
        dir_abs = old_abs ? mc_path_join(site, dir_rel, d) : NULL;
        index_abs = dir_abs ? mc_path_join(site, index_rel, d) : NULL;
        size_t rn = strlen(dir_rel) + strlen(name) + 2;
        char *rec_rel = index_abs ? malloc(rn) : NULL;
        if (rec_rel) snprintf(rec_rel, rn, "%s/%s", dir_rel, name);
        rec_abs = rec_rel ? mc_path_join(site, rec_rel, d) : NULL;
        free(rec_rel);
        if (!rec_abs) rc = -1;
    }
    size_t len = 0;
    struct stat st;
    if (rc == 0 && single && lstat(dir_abs, &st) == 0)
        rc = mc_diag_set(d, source, 0, 0, "cannot turn the announcement into a bundle: %s/ "
                         "already exists; move the file into it as index.md", dir_rel);
    if (rc == 0 && !(text = mc_read_file(old_abs, &len, d))) rc = -1;
    if (rc == 0 && !(updated = mc_record_set_front(text, len, name, source, d))) rc = -1;
    if (rc == 0 && single && mkdir(dir_abs, 0777) != 0)
        rc = mc_diag_set(d, source, 0, 0, "cannot create the folder %s: %s", dir_rel, strerror(errno));
    if (rc == 0) rc = mc_write_atomic(rec_abs, data, n, d);
    if (rc == 0) rc = mc_write_atomic(index_abs, updated, strlen(updated), d);
    if (rc == 0 && single && unlink(old_abs) != 0)
        rc = mc_diag_set(d, source, 0, 0, "cannot remove the old file after making the bundle: %s",
                         strerror(errno));
    if (rc == 0) {
        *new_source = index_rel;
        index_rel = NULL;
        size_t fn = strlen(dir_rel) + strlen(name) + 2;
        if ((*file = malloc(fn))) snprintf(*file, fn, "%s/%s", dir_rel, name);
    }
    free(dir_rel);
    free(index_rel);
    free(old_abs);
    free(dir_abs);
    free(index_abs);
    free(rec_abs);
    free(text);
    free(updated);
    return rc;
}
