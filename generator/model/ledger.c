/* ledger.c — the ledger of published addresses (see ledger.h).
 *
 * Addresses are compared as "/a/b/" under the base path: a folder whose
 * index.html the model writes. The ledger's lines, the addresses the model
 * writes and the ones this build records are sorted arrays of entries
 * (searched by bisection): at 10,000 pages, a JSON object per line cost
 * as much as making every page's card. The new ledger merges the old one
 * with what this build recorded, which wins for the same URL.
 */
#include "ledger.h"
#include "dates.h"
#include "fileio.h"
#include "grow.h"
#include "incremental.h"
#include "safepath.h"
#include "buf.h"
#include "strf.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "# " MC_LEDGER_FILE " — every address this site has published, kept by " \
               "`motcua build`.\n# Commit it with the content. A line: URL<TAB>file that " \
               "last produced it<TAB>title.\n# An address here must stay: move a page " \
               "with `motcua mv`, or list it under `withdrawn:` in site.yaml.\n"

/* One address: a ledger line, or one this build records. */
typedef struct entry {
    char *url;             /* "/a/b/", owned */
    const char *file;      /* borrowed: the ledger's text, a page or site.yaml */
    const char *title;     /* borrowed, likewise */
    const char *to;        /* an alias: the page's URL (borrowed); else NULL */
    int line;              /* in the ledger file; 0 for a new one */
    int gone;              /* a withdrawal of site.yaml */
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

static entry *push(entries *es, char *url)
{
    if (!url) return NULL;
    entry *grown = mc_grow(es->v, es->n, &es->cap, sizeof *grown, 256);
    if (!grown) {
        free(url);
        return NULL;
    }
    es->v = grown;
    entry *e = &es->v[es->n++];
    memset(e, 0, sizeof *e);
    e->url = url;
    return e;
}

static int by_url(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->url, ((const entry *)b)->url);
}

static void sort_entries(entries *es)
{
    if (es->n) qsort(es->v, es->n, sizeof *es->v, by_url);
}

static entry *find(const entries *es, const char *url)
{
    entry key = {.url = (char *)url};
    return es->n ? bsearch(&key, es->v, es->n, sizeof *es->v, by_url) : NULL;
}

static void entries_free(entries *es)
{
    for (size_t i = 0; i < es->n; i++) free(es->v[i].url);
    free(es->v);
    memset(es, 0, sizeof *es);
}

static void add_error(mc_diag_list *errs, const char *file, int line, const char *fmt,
                      const char *a, const char *b)
{
    mc_diag d;
    mc_diag_set(&d, file, line, 0, fmt, a, b);
    mc_diag_list_add(errs, &d);
}

/* "thu-tuc/a/index.html" -> "/thu-tuc/a/"; NULL for any other file. */
static char *url_of_output(const char *path)
{
    size_t n = strlen(path);
    if (n < 10 || strcmp(path + n - 10, "index.html") != 0 || (n > 10 && path[n - 11] != '/'))
        return NULL;
    return mc_strf("/%.*s", (int)(n - 10), path);
}

/* The ledger's lines (text is cut in place and must outlive them). */
static void parse_ledger(char *text, entries *old, mc_diag_list *errs)
{
    int line = 0;
    for (char *s = text, *next; s && *s; s = next) {
        line++;
        char *nl = strchr(s, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        if (*s == '#' || *s == '\0') continue;
        char *tab1 = strchr(s, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2 || s[0] != '/') {
            add_error(errs, MC_LEDGER_FILE, line, "this line is not URL<TAB>FILE<TAB>TITLE; "
                      "restore it from the version control history%s%s", "", "");
            continue;
        }
        *tab1 = *tab2 = '\0';
        entry *e = push(old, strdup(s));
        if (!e) continue;
        e->file = tab1 + 1;
        e->title = tab2 + 1;
        e->line = line;
    }
    sort_entries(old);
}

/* The ledger's text (the caller frees it; NULL when there is no ledger). */
static char *read_ledger(const mc_site *site, mc_diag_list *errs)
{
    int fd = mc_site_open(site, MC_LEDGER_FILE);
    if (fd < 0) return NULL; /* the first build of a site makes it */
    size_t len = 0;
    struct stat st;
    mc_diag d;
    char *text = mc_read_fd_stat(fd, MC_LEDGER_FILE, &len, &st, &d);
    if (!text) mc_diag_list_add(errs, &d);
    return text;
}

/* Every address the model writes, with the output's index in line. */
static void produced_urls(const mc_model *m, entries *out)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        entry *e = push(out, url_of_output(m->outputs[i].path));
        if (e) e->line = (int)i;
    }
    sort_entries(out);
}

/* "/thu-tuc/a" or "thu-tuc/a/" -> "/thu-tuc/a/"; NULL when not a path in the site. */
static char *normal_url(const char *s)
{
    char *norm = s ? mc_path_normalize(s[0] == '/' ? s + 1 : s) : NULL;
    char *url = norm && norm[0] ? mc_strf("/%s/", norm) : NULL;
    free(norm);
    return url;
}

/* The section an address belongs to: its first folder's list when the
 * site has one, else the home page. */
static json_t *section_of(const mc_model *m, const entries *produced, const char *url)
{
    const char *slash = strchr(url + 1, '/');
    char *sec = slash && slash[1] ? mc_strf("%.*s", (int)(slash - url + 1), url) : NULL;
    const entry *at = sec ? find(produced, sec) : NULL;
    json_t *title = NULL;
    if (at) {
        const mc_output *o = &m->outputs[at->line];
        title = json_object_get(json_object_get(o->context, "page"), "title");
    }
    json_t *section;
    if (title) {
        section = json_pack("{s:s+, s:O}", "url", m->site->base_path, sec + 1, "title", title);
    } else {
        const char *site_title = json_string_value(json_object_get(m->site->config, "title"));
        section = json_pack("{s:s, s:s}", "url", m->site->base_path, "title",
                            site_title ? site_title : "");
    }
    free(sec);
    return section;
}

/* One `withdrawn:` entry of site.yaml: a gone page at its address, and the
 * address in fresh. */
static void add_withdrawn(mc_model *m, const entries *old, const entries *produced, entries *fresh,
                          size_t i, json_t *item, mc_diag_list *errs)
{
    char key[64];
    snprintf(key, sizeof key, "withdrawn/%zu", i);
    int line = mc_site_line(m->site, key);
    char *url = normal_url(json_string_value(json_object_get(item, "url")));
    const char *date_s = json_string_value(json_object_get(item, "date"));
    const entry *was = url ? find(old, url) : NULL;
    json_t *title = json_object_get(item, "title");
    if (!json_is_string(title) && was) title = json_string(was->title);
    else json_incref(title);
    mc_date date;
    mc_diag d;
    if (!url) {
        add_error(errs, "site.yaml", line, "withdrawn entry without a valid 'url:'; write it "
                  "like url: /thu-tuc/ten-cu/%s%s", "", "");
    } else if (find(produced, url)) {
        add_error(errs, "site.yaml", line, "%s is listed as withdrawn, but the site still "
                  "publishes it; remove the entry from 'withdrawn:'%s", url, "");
    } else if (!date_s || mc_date_parse(date_s, &date, "site.yaml", line, &d) != 0) {
        add_error(errs, "site.yaml", line, "withdrawn %s needs 'date:' (the day it was "
                  "withdrawn), like date: 2026-12-01%s", url, "");
    } else if (!json_is_string(title)) {
        add_error(errs, "site.yaml", line, "withdrawn %s is not in " MC_LEDGER_FILE
                  "; give the entry a 'title:'%s", url, "");
    } else {
        json_t *page = mc_model_generated_page(m, title, "gone", url + 1);
        json_object_set_new(page, "withdrawn", mc_date_forms(&date));
        json_object_set_new(page, "section", section_of(m, produced, url));
        json_t *ctx = mc_model_base_context(m, "vi");
        json_object_set_new(ctx, "page", page);
        mc_model_add(m, MC_OUT_TEMPLATE, mc_strf("%sindex.html", url + 1), "gone", ctx);
        entry *e = push(fresh, url);
        url = NULL;
        if (e) {
            e->file = was ? was->file : "site.yaml";
            /* the title lives in the page's context, which the model keeps */
            e->title = json_string_value(json_object_get(page, "title"));
            e->gone = 1;
        }
    }
    json_decref(title);
    free(url);
}

/* The addresses this build publishes that belong in the ledger: content
 * pages a normal build publishes, and the aliases that redirect. */
static void record_outputs(const mc_model *m, entries *fresh)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        const mc_page *p = o->owner;
        int alias = o->template && !strcmp(o->template, "alias");
        if (!p || !(o->kind == MC_OUT_PAGE || alias)) continue;
        if (p->draft || (p->has_date && p->date.epoch > m->now)) continue;
        entry *e = push(fresh, url_of_output(o->path));
        if (!e) continue;
        e->file = p->file;
        e->title = p->title ? p->title : "";
        e->to = alias ? p->url : NULL;
    }
}

/* s with tabs and line ends as spaces, so a field stays on its line. */
static void put_field(mc_buf *b, const char *s)
{
    char chunk[256];
    size_t n = 0;
    for (; s && *s; s++) {
        chunk[n++] = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
        if (n == sizeof chunk - 1 || !s[1]) {
            chunk[n] = '\0';
            mc_buf_adds(b, chunk);
            n = 0;
        }
    }
}

static void put_entry(mc_buf *b, const entry *e)
{
    mc_buf_adds(b, e->url);
    mc_buf_adds(b, "\t");
    put_field(b, e->file);
    mc_buf_adds(b, "\t");
    put_field(b, e->title);
    mc_buf_adds(b, "\n");
}

/* The old ledger and this build's addresses (both sorted), merged: a line
 * never leaves, and this build's file and title win. */
static char *ledger_text(const entries *old, const entries *fresh)
{
    mc_buf text = MC_BUF_INIT;
    mc_buf_adds(&text, HEADER);
    size_t i = 0, j = 0;
    while (i < old->n || j < fresh->n) {
        int c = i == old->n ? 1 : j == fresh->n ? -1 : strcmp(old->v[i].url, fresh->v[j].url);
        if (c < 0) {
            put_entry(&text, &old->v[i++]);
        } else {
            put_entry(&text, &fresh->v[j++]);
            if (c == 0) i++;
        }
    }
    return mc_buf_take(&text, NULL);
}

/* A path a server file can hold as it is: no quoting, no spaces, no
 * regex or nginx syntax. Others are left out of the server files (the
 * redirect pages still work). */
static int plain_path(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("/-_.~", *s)))
            return 0;
    return 1;
}

/* "/a.b/" as a regex: dots escaped. */
static char *regex_of(const char *path)
{
    char *out = malloc(2 * strlen(path) + 1), *o = out;
    for (; out && *path; path++) {
        if (*path == '.') *o++ = '\\';
        *o++ = *path;
    }
    if (out) *o = '\0';
    return out;
}

/* Adds a finished file to the output; the model takes text. */
static void add_bytes(mc_model *m, const char *path, char *text)
{
    mc_output *o = text ? mc_model_add(m, MC_OUT_BYTES, strdup(path), NULL, NULL) : NULL;
    if (o) {
        o->bytes = text;
        o->nbytes = strlen(text);
    } else {
        free(text);
    }
}

/* Puts line (made by mc_strf, may be NULL) into b and frees it. */
static void put_line(mc_buf *b, char *line)
{
    if (line) mc_buf_adds(b, line);
    free(line);
}

/* .htaccess and nginx-redirects.conf from the aliases and withdrawals of
 * fresh (sorted). */
static void add_server_files(mc_model *m, const entries *fresh)
{
    const char *base = m->site->base_path;
    size_t longest = 0;
    mc_buf moved = MC_BUF_INIT, withdrawn = MC_BUF_INIT, apache = MC_BUF_INIT, nginx = MC_BUF_INIT;
    mc_buf_adds(&apache, "# .htaccess — made by `motcua build`: the site's moved (301) and "
                  "withdrawn (410)\n# addresses, for Apache with AllowOverride FileInfo.\n");
    for (int gone = 0; gone < 2; gone++) { /* all the 301s, then all the 410s */
        for (size_t i = 0; i < fresh->n; i++) {
            const entry *e = &fresh->v[i];
            if (gone ? !e->gone : !e->to) continue;
            char *at = mc_strf("%s%s", base, e->url + 1);
            char *re = at ? regex_of(at) : NULL;
            if (re && plain_path(at) && (gone || plain_path(e->to))) {
                if (strlen(at) > longest) longest = strlen(at);
                if (gone) {
                    put_line(&withdrawn, mc_strf("    %s %sindex.html;\n    %sindex.html "
                                                 "%sindex.html;\n", at, at, at, at));
                    put_line(&apache, mc_strf("RedirectMatch 410 ^%s(index\\.html)?$\n<If \"%%{"
                                              "REQUEST_URI} =~ m#^%s(index\\.html)?$#\">\n    "
                                              "ErrorDocument 410 %sindex.html\n</If>\n", re, re, at));
                } else {
                    put_line(&moved, mc_strf("    %s %s;\n    %sindex.html %s;\n", at, e->to, at,
                                             e->to));
                    put_line(&apache, mc_strf("RedirectMatch 301 ^%s(index\\.html)?$ %s\n", re,
                                              e->to));
                }
            }
            free(re);
            free(at);
        }
    }
    /* nginx refuses a map whose longest key does not fit its hash bucket;
     * the size must come before the maps */
    size_t bucket = 64;
    while (bucket < 2 * longest + 32) bucket *= 2;
    char *moved_s = mc_buf_take(&moved, NULL), *withdrawn_s = mc_buf_take(&withdrawn, NULL);
    mc_buf_adds(&nginx, "# nginx-redirects.conf — made by `motcua build`: the site's moved (301) "
                  "and withdrawn (410)\n# addresses. Include it inside http { }, and in the "
                  "site's server { } add:\n#     if ($motcua_moved) { return 301 $motcua_moved; }"
                  "\n#     if ($motcua_gone) { return 410; }\n#     error_page 410 @motcua_gone;"
                  "\n#     location @motcua_gone { try_files $motcua_gone =410; }\n");
    put_line(&nginx, mc_strf("map_hash_bucket_size %zu;\nmap $uri $motcua_moved {\n%s}\n"
                             "map $uri $motcua_gone {\n%s}\n", bucket, moved_s ? moved_s : "",
                             withdrawn_s ? withdrawn_s : ""));
    free(moved_s);
    free(withdrawn_s);
    add_bytes(m, "nginx-redirects.conf", mc_buf_take(&nginx, NULL));
    add_bytes(m, ".htaccess", mc_buf_take(&apache, NULL));
}

int mc_ledger_apply(mc_model *m, char **text_out, mc_diag_list *errs)
{
    size_t before = errs->errors;
    *text_out = NULL;
    entries old = {0}, produced = {0}, fresh = {0};
    char *text = read_ledger(m->site, errs);
    if (text) parse_ledger(text, &old, errs);
    produced_urls(m, &produced);
    size_t i;
    json_t *item, *withdrawn = json_object_get(m->site->config, "withdrawn");
    if (withdrawn && !json_is_array(withdrawn))
        add_error(errs, "site.yaml", mc_site_line(m->site, "withdrawn"), "'withdrawn:' must be a "
                  "list of entries with url: and date:%s%s", "", "");
    json_array_foreach(withdrawn, i, item)
        add_withdrawn(m, &old, &produced, &fresh, i, item, errs);
    sort_entries(&fresh);
    for (i = 0; i < old.n; i++) {
        const entry *e = &old.v[i];
        if (find(&produced, e->url) || find(&fresh, e->url)) continue;
        char *msg = mc_strf("%s (last published by %s) is no longer published; add it to the "
                            "'aliases:' of the page that replaces it (motcua mv does it), or "
                            "list it under 'withdrawn:' in site.yaml with the date", e->url, e->file);
        add_error(errs, MC_LEDGER_FILE, e->line, "%s%s", msg ? msg : e->url, "");
        free(msg);
    }
    record_outputs(m, &fresh);
    sort_entries(&fresh);
    add_server_files(m, &fresh);
    if (errs->errors == before) *text_out = ledger_text(&old, &fresh);
    entries_free(&old);
    entries_free(&produced);
    entries_free(&fresh);
    free(text);
    return errs->errors == before ? 0 : -1;
}

int mc_ledger_save(const char *site_root, const char *text, mc_diag *d)
{
    char *path = mc_path2(site_root, MC_LEDGER_FILE);
    if (!path) return mc_diag_set(d, MC_LEDGER_FILE, 0, 0, "out of memory");
    size_t len = 0;
    char *old = mc_read_file(path, &len, NULL);
    int same = old && len == strlen(text) && !memcmp(old, text, len);
    free(old);
    int status = same ? 0 : mc_write_atomic(path, text, strlen(text), d) == 0 ? 1 : -1;
    free(path);
    return status;
}

int mc_ledger_retitle(const char *site_root, const char *const *paths, size_t n,
                      const char *file, const char *title, mc_diag *d)
{
    char *path = mc_path2(site_root, MC_LEDGER_FILE);
    char *text = path ? mc_read_file(path, NULL, NULL) : NULL;
    free(path);
    if (!text) return 0; /* no ledger: the next full build makes it */
    char **urls = calloc(n + 1, sizeof *urls);
    mc_buf out = MC_BUF_INIT;
    for (size_t k = 0; urls && k < n; k++) urls[k] = url_of_output(paths[k]);
    for (char *s = text, *next; urls && s && *s; s = next) {
        char *nl = strchr(s, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        char *tab = strchr(s, '\t');
        int mine = 0;
        for (size_t k = 0; tab && *s == '/' && k < n && !mine; k++)
            mine = urls[k] && strlen(urls[k]) == (size_t)(tab - s) && !strncmp(s, urls[k], (size_t)(tab - s));
        if (mine) {
            entry e = {.url = urls[0], .file = file, .title = title};
            *tab = '\0';
            e.url = s;
            put_entry(&out, &e); /* as record_outputs and ledger_text write it */
        } else {
            mc_buf_adds(&out, s);
            if (nl) mc_buf_adds(&out, "\n");
        }
    }
    for (size_t k = 0; urls && k < n; k++) free(urls[k]);
    int status = urls ? 0 : -1;
    free(urls);
    free(text);
    char *result = mc_buf_take(&out, NULL);
    if (status == 0 && result) status = mc_ledger_save(site_root, result, d);
    else mc_diag_set(d, MC_LEDGER_FILE, 0, 0, "out of memory");
    free(result);
    return result ? status : -1;
}

void mc_ledger_seal(const char *site_root, const char *digest, char *out)
{
    char *path = mc_path2(site_root, MC_LEDGER_FILE);
    struct stat st;
    char stamp[96] = "-";
    if (path && stat(path, &st) == 0)
        snprintf(stamp, sizeof stamp, "%lld %lld.%09ld", (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    free(path);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) && EVP_DigestUpdate(c, digest, strlen(digest)) &&
        EVP_DigestUpdate(c, "\n", 1) && EVP_DigestUpdate(c, stamp, strlen(stamp)) &&
        EVP_DigestFinal_ex(c, md, &n) && n == 32) {
        mc_hex(md, 32, out);
    } else {
        snprintf(out, MC_KEY_SIZE, "%s", digest);
    }
    EVP_MD_CTX_free(c);
}
