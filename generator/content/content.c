/* content.c — scan the content folder and load pages (see content.h).
 *
 * Scanning is a sorted recursive walk (scandir + alphasort), so the order of
 * pages, and therefore the output, never depends on the file system. Loading
 * turns one file into an mc_page: its URL's last part comes from the file's
 * name (a bundle's folder name) unless front matter sets `slug:`, so editing
 * a title never moves a page. The text is checked as UTF-8, normalised to
 * NFC (so slugs, sorting and search treat pasted text like typed text), then
 * split into front matter and body. Summaries default to the first paragraph
 * of the body, read from the Markdown source with the markup characters
 * dropped: cheap, and good enough for a list entry.
 */
#include "content.h"
#include "kinds.h"
#include "strf.h"
#include "fileio.h"
#include "frontmatter.h"
#include "text.h"
#include "utf8.h"
#include "yesno.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <xxhash.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUMMARY_MAX 200

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* A path component starting with '_' hides the file, except _index files. */
static int hidden_path(const char *rel)
{
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    for (const char *p = rel; p; p = strchr(p, '/')) {
        if (*p == '/') p++;
        if (*p == '_' && !(p == base && (!strcmp(base, "_index.md") ||
                                         !strcmp(base, "_index.en.md"))))
            return 1;
    }
    return 0;
}

int mc_content_scan(const char *site_root, mc_scan *out, mc_diag_list *errs)
{
    memset(out, 0, sizeof *out);
    char *root = mc_path2(site_root, "content");
    struct stat st;
    mc_diag d;
    if (!root || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        mc_diag_set(&d, "content", 0, 0, "no content folder; create it and put the "
                    "site's Markdown files in it");
        free(root);
        return mc_diag_list_add(errs, &d);
    }
    char **files = NULL;
    size_t count = 0;
    int status = mc_list_tree(root, site_root, &files, &count, &d);
    free(root);
    if (status != 0) return mc_diag_list_add(errs, &d);
    out->pages = calloc(count + 1, sizeof *out->pages);
    out->assets = calloc(count + 1, sizeof *out->assets);
    for (size_t i = 0; i < count; i++) {
        if (!out->pages || !out->assets || hidden_path(files[i])) free(files[i]);
        else if (ends_with(files[i], ".md")) out->pages[out->npages++] = files[i];
        else out->assets[out->nassets++] = files[i];
    }
    free(files);
    return 0;
}

void mc_scan_free(mc_scan *scan)
{
    for (size_t i = 0; i < scan->npages; i++) free(scan->pages[i]);
    for (size_t i = 0; i < scan->nassets; i++) free(scan->assets[i]);
    free(scan->pages);
    free(scan->assets);
    memset(scan, 0, sizeof *scan);
}

int mc_page_line(const mc_page *p, const char *path)
{
    json_t *line = json_object_get(p->lines, path);
    return json_is_integer(line) ? (int)json_integer_value(line) : 1;
}

static void page_error(const mc_page *p, mc_diag_list *errs, const char *key, const char *fmt,
                       const char *arg)
{
    mc_diag d;
    mc_diag_set(&d, p->file, mc_page_line(p, key), 0, fmt, arg);
    mc_diag_list_add(errs, &d);
}

/* Path facts that need no reading: language, key, section, folder, index. */
static void set_path_facts(mc_page *p, const char *rel)
{
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    int english = ends_with(rel, ".en.md");
    strcpy(p->lang, english ? "en" : "vi");
    p->key = strndup(rel, strlen(rel) - (english ? 6 : 3));
    p->dir = strndup(rel, (size_t)(base - rel) - (base > rel ? 1 : 0));
    const char *slash = strchr(rel, '/');
    p->section = slash ? strndup(rel, (size_t)(slash - rel)) : strdup("");
    p->is_index = !strncmp(base, "_index.", 7);
    p->is_bundle = !strncmp(base, "index.", 6);
    /* the URL's last part: the file's name, or a bundle's folder name */
    const char *name = base, *end = base + strlen(base) - (english ? 6 : 3);
    if (p->is_bundle) {
        end = p->dir + strlen(p->dir);
        name = strrchr(p->dir, '/') ? strrchr(p->dir, '/') + 1 : p->dir;
    }
    p->name = strndup(name, (size_t)(end - name));
}

/* First paragraph of the Markdown body without markup, cut at a word. */
static char *summary_from_body(const char *body)
{
    const char *p = body;
    for (;;) { /* skip blank lines, headings, images, tables, quotes' markers */
        while (*p == '\n' || *p == ' ') p++;
        if (*p == '#' || *p == '|' || *p == '!' || *p == '<' || !strncmp(p, "```", 3)) {
            const char *nl = strchr(p, '\n');
            if (!nl) return strdup("");
            p = nl + 1;
            continue;
        }
        break;
    }
    char *out = malloc(SUMMARY_MAX + 8);
    if (!out) return NULL;
    size_t n = 0, last_space = 0;
    for (; *p && n < SUMMARY_MAX; p++) {
        if (p[0] == '\n' && (p[1] == '\n' || p[1] == '\0')) break;
        char c = *p == '\n' ? ' ' : *p;
        if (strchr("*_`[]>#", c)) continue;
        if (c == '(' && n > 0 && p[-1] == ']') { /* drop a link's (url) */
            const char *close = strchr(p, ')');
            if (close) { p = close; continue; }
        }
        if (c == ' ') last_space = n;
        out[n++] = c;
    }
    if (*p && n >= SUMMARY_MAX && last_space > 0) {
        n = last_space;
        memcpy(out + n, "…", strlen("…"));
        n += strlen("…");
    }
    out[n] = '\0';
    return out;
}

static void load_dates(mc_page *p, mc_diag_list *errs)
{
    static const char *const keys[] = {"date", "updated"};
    for (int i = 0; i < 2; i++) {
        json_t *v = json_object_get(p->params, keys[i]);
        if (!v || json_is_null(v)) continue;
        mc_diag d;
        mc_date *t = i == 0 ? &p->date : &p->updated;
        if (!json_is_string(v) ||
            mc_date_parse(json_string_value(v), t, p->file, mc_page_line(p, keys[i]), &d) != 0) {
            if (!json_is_string(v))
                mc_diag_set(&d, p->file, mc_page_line(p, keys[i]), 0,
                            "'%s' must be a date like 2026-11-26", keys[i]);
            mc_diag_list_add(errs, &d);
            continue;
        }
        if (i == 0) p->has_date = 1;
        else p->has_updated = 1;
    }
}

/* Front matter keys that hold a list of text, and how to write one. */
static const struct { const char *key, *example; } text_lists[] = {
    {"tags", "tags: [\"khai sinh\", \"hộ tịch\"]"},
    {"aliases", "aliases: [/thu-tuc/ten-cu/]"},
};

/* A value of the wrong shape would be dropped without a word (a map of
 * tags, a number among the aliases): each is an error at its line. */
static void check_text_lists(const mc_page *p, mc_diag_list *errs)
{
    for (size_t k = 0; k < sizeof text_lists / sizeof text_lists[0]; k++) {
        const char *key = text_lists[k].key;
        json_t *v = json_object_get(p->params, key);
        char msg[256];
        snprintf(msg, sizeof msg, "%s: must be a list of text, for example %%s", key);
        if (v && !json_is_array(v)) {
            page_error(p, errs, key, msg, text_lists[k].example);
            continue;
        }
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (json_is_string(item)) continue;
            char path[64];
            snprintf(path, sizeof path, "%s/%zu", key, i);
            page_error(p, errs, path, msg, text_lists[k].example);
        }
    }
}

static void load_fields(mc_page *p, const mc_site *site, const char *body, mc_diag_list *errs)
{
    const char *title = json_string_value(json_object_get(p->params, "title"));
    if (!title || !title[0]) {
        if (!p->is_index)
            page_error(p, errs, "title", "the page has no title; add a line "
                       "'title: ...' to the front matter%s", "");
        title = "";
    }
    p->title = strdup(title);
    const char *type = json_string_value(json_object_get(p->params, "type"));
    p->kind = mc_site_section_kind(site, type ? type : p->section);
    if (type && p->kind == mc_kind_page() && strcmp(type, "page") != 0)
        p->kind = mc_site_section_kind(site, "");
    if (p->kind->fields) mc_fields_canonical(p->kind->fields, p->params);
    int draft = mc_yes_no(json_object_get(p->params, "draft"));
    if (draft < 0)
        page_error(p, errs, "draft", "draft: must be %s; the page was not published", MC_YES_NO_HINT);
    p->draft = draft != 0; /* a value not understood keeps the page hidden */
    check_text_lists(p, errs);
    const char *slug = json_string_value(json_object_get(p->params, "slug"));
    const char *name = p->name ? p->name : "";
    p->slug = slug ? mc_slug(slug, strlen(slug), NULL) : mc_slug(name, strlen(name), NULL);
    if (p->slug && !p->slug[0] && !p->is_index)
        page_error(p, errs, "slug", "cannot make a URL from '%s'; add a 'slug:' with "
                   "letters or digits, or rename the file", slug ? slug : name);
    const char *summary = json_string_value(json_object_get(p->params, "summary"));
    p->summary = summary && summary[0] ? strdup(summary) : summary_from_body(body);
    load_dates(p, errs);
}

/* The .md link targets of the body, found as incremental keys need them:
 * inline links "](x.md)" and reference definitions "]: x.md". */
static void collect_md_links(mc_page *p, const char *b)
{
    for (const char *q = strchr(b, ']'); q; q = strchr(q + 1, ']')) {
        const char *start = q[1] == '(' ? q + 2 : (q[1] == ':' ? q + 2 : NULL);
        if (!start) continue;
        while (*start == ' ' || *start == '<') start++;
        size_t n = strcspn(start, " )>#\n\t\"");
        if (n < 3 || n > 1000 || strncmp(start + n - 3, ".md", 3) != 0) continue;
        char **grown = realloc(p->md_links, (p->n_md_links + 1) * sizeof *grown);
        char *target = grown ? strndup(start, n) : NULL;
        if (grown) p->md_links = grown;
        if (!target) return;
        p->md_links[p->n_md_links++] = target;
    }
}

/* What the build needs of the body before rendering. */
static void take_body_facts(mc_page *p, const char *body)
{
    XXH128_hash_t h = XXH3_128bits(body, p->body_len);
    XXH128_canonicalFromHash((XXH128_canonical_t *)p->body_digest, h);
    for (size_t i = 0; i < p->body_len && !p->body_has_text; i++)
        p->body_has_text = !isspace((unsigned char)body[i]);
    collect_md_links(p, body);
}

/* page_digest (content.h) of a page whose body is raw + p->body_offset. */
static void take_page_digest(mc_page *p, const char *raw)
{
    XXH3_state_t *s = XXH3_createState();
    if (!s || XXH3_128bits_reset(s) != XXH_OK) {
        XXH3_freeState(s);
        return;
    }
    const char *summary = p->summary ? p->summary : "";
    unsigned char has_text = (unsigned char)p->body_has_text;
    XXH3_128bits_update(s, raw, p->body_offset);
    XXH3_128bits_update(s, "", 1);
    XXH3_128bits_update(s, summary, strlen(summary) + 1);
    XXH3_128bits_update(s, &has_text, 1);
    XXH128_canonicalFromHash((XXH128_canonical_t *)p->page_digest, XXH3_128bits_digest(s));
    p->page_digest_ok = 1;
    XXH3_freeState(s);
}

static const char *body_error(mc_diag *d, const mc_page *p, const char *why)
{
    mc_diag_set(d, p->file, 0, 0, "%s; run the build again", why);
    return NULL;
}

const char *mc_page_body(const mc_page *p, const mc_site *site, size_t *len,
                         char **owned, mc_diag *d)
{
    *owned = NULL;
    *len = p->body_len;
    if (p->body || !p->file) return p->body ? p->body : "";
    int fd = mc_site_open(site, p->file);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0) close(fd);
        return body_error(d, p, "the file can no longer be read");
    }
    char *buf = mc_stamp_equal(mc_stamp_of(&st), p->file_stamp) ? malloc(p->body_len + 1) : NULL;
    size_t got = 0;
    while (buf && got < p->body_len) {
        ssize_t n = pread(fd, buf + got, p->body_len - got, (off_t)(p->body_offset + got));
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != p->body_len) {
        free(buf);
        return body_error(d, p, "the file changed while the site was being built");
    }
    buf[got] = '\0';
    *owned = buf;
    return buf;
}

int mc_page_load(mc_page *p, const mc_site *site, const char *rel, mc_diag_list *errs)
{
    memset(p, 0, sizeof *p);
    size_t errors_before = errs->errors;
    p->rel = strdup(rel);
    p->file = mc_path2("content", rel);
    set_path_facts(p, rel);
    mc_diag d;
    size_t len = 0;
    struct stat st;
    int fd = p->file ? mc_site_open(site, p->file) : -1;
    if (fd < 0) mc_diag_set(&d, p->file ? p->file : rel, 0, 0, "cannot open: %s", strerror(errno));
    char *raw = fd >= 0 ? mc_read_fd_stat(fd, p->file, &len, &st, &d) : NULL;
    mc_frontmatter fm = {0};
    if (!raw || mc_frontmatter_view(p->file, raw, len, &fm, &d) != 0) {
        mc_diag_list_add(errs, &d);
    } else {
        const char *body = fm.body ? fm.body : fm.body_view; /* NUL-terminated either way */
        p->params = fm.data;
        p->lines = fm.lines;
        p->body_len = fm.body_len;
        p->body_line = fm.body_line;
        p->file_stamp = mc_stamp_of(&st);
        load_fields(p, site, body, errs);
        take_body_facts(p, body);
        if (fm.body_view) { /* left in the file, read again to render */
            p->body_offset = (size_t)(fm.body_view - raw);
            take_page_digest(p, raw);
        } else {            /* changed in memory (CRLF, NFC): kept */
            p->body = fm.body;
        }
    }
    free(raw);
    if (!p->params) p->params = json_object();
    return errs->errors == errors_before ? 0 : -1;
}

void mc_page_free(mc_page *p)
{
    free(p->file);
    free(p->rel);
    free(p->key);
    free(p->section);
    free(p->dir);
    free(p->title);
    free(p->slug);
    free(p->name);
    free(p->summary);
    free(p->body);
    for (size_t i = 0; i < p->n_md_links; i++) free(p->md_links[i]);
    free(p->md_links);
    free(p->url);
    free(p->sort_key);
    json_decref(p->params);
    json_decref(p->lines);
    memset(p, 0, sizeof *p);
}
