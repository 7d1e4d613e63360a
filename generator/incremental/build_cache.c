/* build_cache.c — the build cache file (see incremental.h for what it
 * records and why).
 *
 * A no-op build reads this file and nothing else of the last build, so it
 * is plain text a single pass can check without an allocation per entry:
 *
 *   motcua build cache 3
 *   generator motcua 0.1.0
 *   output /srv/cong/public
 *   inputs <SHA-256 of the inputs, hex>
 *   pages 10000
 *   next_change 0
 *   outputs 12303
 *   <key, hex> <size> <mtime ns> <path>      one line per output file
 *
 * The path is last, so it may hold spaces; an output whose path holds a
 * newline is left out (it is then rendered every time). Entries are saved
 * in the model's output order, so a lookup tries the same position first
 * and falls back to a binary search over the entries sorted by path.
 */
#include "incremental.h"
#include "fileio.h"
#include "strf.h"
#include "sidecar.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "motcua build cache 3"

typedef struct cache_entry {
    const char *key;       /* 64 hex digits */
    long long size, mtime;
    const char *path;
} cache_entry;

struct mc_cache {
    char *text;            /* the file, cut into fields in place */
    char inputs[MC_KEY_SIZE];
    size_t pages;
    long long next_change;
    cache_entry *entries;
    size_t n;
    cache_entry **by_path; /* the entries sorted by path, made on first need */
    unsigned char *as_written; /* per entry, from mc_cache_outputs_intact */
};

char *mc_cache_path(const char *site, const char *out)
{
    char *real = realpath(out, NULL);
    char hex[65];
    int hashed = real && loa_sha256_hex(real, strlen(real), hex) == 0;
    free(real);
    return hashed ? mc_strf("%s/.motcua/build-%.16s.cache", site, hex) : NULL;
}

/* ---- reading ---- */


/* "NAME VALUE": the value, or NULL when the line is not that. */
static const char *field(char *line, const char *name)
{
    size_t n = strlen(name);
    return line && !strncmp(line, name, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

static int is_hex64(const char *s)
{
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

/* "KEY SIZE MTIME PATH" into e; 0 when the line is well formed. */
static int parse_entry(char *line, cache_entry *e)
{
    if (strlen(line) < 70 || !is_hex64(line) || line[64] != ' ') return -1;
    line[64] = '\0';
    e->key = line;
    char *end;
    e->size = strtoll(line + 65, &end, 10);
    if (*end != ' ') return -1;
    e->mtime = strtoll(end + 1, &end, 10);
    if (*end != ' ' || !end[1]) return -1;
    e->path = end + 1;
    return 0;
}

/* Parses c->text; NULL when it is a valid cache for `real`, else why not. */
static const char *parse(mc_cache *c, const char *real)
{
    char *p = c->text;
    const char *v = mc_next_line(&p);
    if (!v || strcmp(v, CACHE_MAGIC) != 0) return "it is not a build cache of this format";
    if (!(v = field(mc_next_line(&p), "generator")) || strcmp(v, "motcua " MC_VERSION) != 0)
        return "another version of motcua wrote it";
    if (!(v = field(mc_next_line(&p), "output")) || !real || strcmp(v, real) != 0)
        return "it was written for another output folder";
    if (!(v = field(mc_next_line(&p), "inputs")) || strlen(v) != 64 || !is_hex64(v))
        return "it is damaged";
    memcpy(c->inputs, v, MC_KEY_SIZE);
    char *end;
    if (!(v = field(mc_next_line(&p), "pages")) || (c->pages = strtoull(v, &end, 10), *end))
        return "it is damaged";
    if (!(v = field(mc_next_line(&p), "next_change")) || (c->next_change = strtoll(v, &end, 10), *end))
        return "it is damaged";
    size_t n;
    if (!(v = field(mc_next_line(&p), "outputs")) || (n = strtoull(v, &end, 10), *end) ||
        n > strlen(p ? p : "") / 70 + 1)
        return "it is damaged";
    c->entries = calloc(n + 1, sizeof *c->entries);
    if (!c->entries) return "out of memory";
    for (c->n = 0; c->n < n; c->n++) {
        char *line = mc_next_line(&p);
        if (!line || parse_entry(line, &c->entries[c->n]) != 0) return "it is damaged";
    }
    return p && *p ? "it is damaged" : NULL;
}

static void cache_warn(mc_diag_list *errs, const char *path, const char *why)
{
    mc_diag d;
    mc_diag_warn(&d, path, 0, 0, "ignoring the build cache (%s); building everything", why);
    mc_diag_list_add(errs, &d);
}

mc_cache *mc_cache_load(const char *path, const char *out, mc_diag_list *errs)
{
    if (!path || access(path, F_OK) != 0) return NULL;
    mc_cache *c = calloc(1, sizeof *c);
    size_t len = 0;
    if (c) c->text = mc_read_file(path, &len, NULL);
    char *real = realpath(out, NULL);
    const char *why = !c ? "out of memory"
                      : !c->text || strlen(c->text) != len ? "it cannot be read as text"
                      : parse(c, real);
    free(real);
    if (why) {
        cache_warn(errs, path, why);
        mc_cache_free(c);
        return NULL;
    }
    return c;
}

void mc_cache_free(mc_cache *c)
{
    if (!c) return;
    free(c->text);
    free(c->entries);
    free(c->by_path);
    free(c->as_written);
    free(c);
}

/* ---- questions ---- */

/* The output file still has the size and mtime the cache recorded. outfd
 * is the output folder, opened once: fstatat from it walks only the
 * output-relative part of each path. */
static int file_as_written(int outfd, const cache_entry *e)
{
    struct stat st;
    return outfd >= 0 && fstatat(outfd, e->path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(st.st_mode) && mc_stamp_equal(mc_stamp_of(&st), (mc_file_stamp){e->size, e->mtime});
}

int mc_cache_outputs_intact(mc_cache *c, const char *out)
{
    int outfd = c ? open(out, O_RDONLY | O_DIRECTORY) : -1;
    if (outfd < 0) return 0;
    /* every entry is looked at (and remembered): a build that goes on
     * needs them all for mc_cache_reusable */
    free(c->as_written);
    c->as_written = malloc(c->n + 1);
    int intact = 1;
    for (size_t i = 0; i < c->n; i++) {
        int ok = file_as_written(outfd, &c->entries[i]);
        if (c->as_written) c->as_written[i] = (unsigned char)ok;
        intact &= ok;
    }
    close(outfd);
    return intact;
}

int mc_cache_is_current(const mc_cache *c, const char *inputs, long long now, size_t *pages)
{
    if (!c || strcmp(c->inputs, inputs) != 0) return 0;
    if (c->next_change > 0 && now >= c->next_change) return 0;
    *pages = c->pages;
    return 1;
}

static int cmp_entry_path(const void *a, const void *b)
{
    return strcmp((*(cache_entry *const *)a)->path, (*(cache_entry *const *)b)->path);
}

/* The entry for path; `hint` is where it stood when the cache was saved. */
static const cache_entry *find(mc_cache *c, const char *path, size_t hint)
{
    if (hint < c->n && !strcmp(c->entries[hint].path, path)) return &c->entries[hint];
    if (!c->by_path) {
        c->by_path = malloc((c->n + 1) * sizeof *c->by_path);
        if (!c->by_path) return NULL;
        for (size_t i = 0; i < c->n; i++) c->by_path[i] = &c->entries[i];
        qsort(c->by_path, c->n, sizeof *c->by_path, cmp_entry_path);
    }
    cache_entry key = {.path = path}, *kp = &key;
    cache_entry **found = bsearch(&kp, c->by_path, c->n, sizeof *c->by_path, cmp_entry_path);
    return found ? *found : NULL;
}

unsigned char *mc_cache_reusable(mc_cache *c, const mc_model *m, const char *keys,
                                 const char *out, size_t *count, mc_file_stamp *stamps)
{
    unsigned char *reuse = calloc(m->noutputs + 1, 1);
    *count = 0;
    int outfd = c && !c->as_written ? open(out, O_RDONLY | O_DIRECTORY) : -1;
    for (size_t i = 0; reuse && c && i < m->noutputs; i++) {
        const cache_entry *e = find(c, m->outputs[i].path, i);
        if (!e || memcmp(e->key, keys + i * MC_KEY_SIZE, MC_KEY_SIZE - 1) != 0 ||
            !(c->as_written ? c->as_written[e - c->entries] : file_as_written(outfd, e)))
            continue;
        reuse[i] = 1;
        (*count)++;
        if (stamps) stamps[i] = (mc_file_stamp){e->size, e->mtime};
    }
    if (outfd >= 0) close(outfd);
    return reuse;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **mc_cache_stale(const mc_cache *c, const mc_model *m, size_t *count)
{
    *count = 0;
    const char **now = c ? malloc((m->noutputs + 1) * sizeof *now) : NULL;
    if (!now) return NULL;
    for (size_t i = 0; i < m->noutputs; i++) now[i] = m->outputs[i].path;
    qsort(now, m->noutputs, sizeof *now, cmp_str_ptr);
    char **stale = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const char *path = c->entries[i].path;
        if (bsearch(&path, now, m->noutputs, sizeof *now, cmp_str_ptr)) continue;
        char **grown = realloc(stale, (*count + 1) * sizeof *grown);
        char *copy = grown ? strdup(path) : NULL;
        if (grown) stale = grown;
        if (!copy) break;
        stale[(*count)++] = copy;
    }
    free(now);
    return stale;
}

/* ---- writing ---- */

int mc_cache_save(const char *path, const char *out, const char *inputs, long long next_change,
                  const mc_model *m, const char *keys, const mc_file_stamp *stamps,
                  size_t pages, mc_diag *d)
{
    char *real = realpath(out, NULL);
    char *text = NULL;
    size_t len = 0;
    FILE *f = real ? open_memstream(&text, &len) : NULL;
    if (f) {
        fprintf(f, "%s\ngenerator motcua %s\noutput %s\ninputs %s\npages %zu\nnext_change %lld\n",
                CACHE_MAGIC, MC_VERSION, real, inputs, pages, next_change > 0 ? next_change : 0);
        size_t n = 0;
        for (size_t i = 0; i < m->noutputs; i++) n += !strchr(m->outputs[i].path, '\n');
        fprintf(f, "outputs %zu\n", n);
        for (size_t i = 0; i < m->noutputs; i++)
            if (!strchr(m->outputs[i].path, '\n'))
                fprintf(f, "%.64s %lld %lld %s\n", keys + i * MC_KEY_SIZE, stamps[i].size,
                        stamps[i].mtime_ns, m->outputs[i].path);
        fclose(f);
    }
    free(real);
    int status = -1;
    if (!text) mc_diag_set(d, path, 0, 0, "out of memory");
    else if (mc_mkdir_parent(path, d) == 0) status = mc_write_atomic(path, text, len, d);
    free(text);
    return status;
}

/* ---- after an edit of pages only (edit_build.h) ---- */

const char *mc_cache_inputs(const mc_cache *c) { return c->inputs; }
size_t mc_cache_pages(const mc_cache *c) { return c->pages; }
long long mc_cache_next_change(const mc_cache *c) { return c->next_change; }
size_t mc_cache_outputs(const mc_cache *c) { return c->n; }

int mc_cache_has_output(const mc_cache *c, const char *path)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->entries[i].path, path)) return 1;
    return 0;
}

/* The key a rewritten output gets: hex, so the file stays a valid cache,
 * and equal to no key a build makes, so the next full build renders the
 * output again rather than trust a key this one did not compute. */
#define UNKNOWN_KEY "0000000000000000000000000000000000000000000000000000000000000000"

int mc_cache_resave(const mc_cache *c, const char *path, const char *out, const char *inputs,
                    char *const *paths, const mc_file_stamp *stamps, size_t n, mc_diag *d)
{
    char *real = realpath(out, NULL);
    char *text = NULL;
    size_t len = 0;
    FILE *f = real ? open_memstream(&text, &len) : NULL;
    if (f) {
        fprintf(f, "%s\ngenerator motcua %s\noutput %s\ninputs %s\npages %zu\nnext_change %lld\n"
                "outputs %zu\n", CACHE_MAGIC, MC_VERSION, real, inputs, c->pages, c->next_change, c->n);
        for (size_t i = 0; i < c->n; i++) {
            const cache_entry *e = &c->entries[i];
            size_t k = 0;
            while (k < n && strcmp(paths[k], e->path) != 0) k++;
            if (k < n)
                fprintf(f, "%s %lld %lld %s\n", UNKNOWN_KEY, stamps[k].size, stamps[k].mtime_ns, e->path);
            else
                fprintf(f, "%.64s %lld %lld %s\n", e->key, e->size, e->mtime, e->path);
        }
        fclose(f);
    }
    free(real);
    int status = -1;
    if (!text) mc_diag_set(d, path, 0, 0, "out of memory");
    else status = mc_write_atomic(path, text, len, d);
    free(text);
    return status;
}
