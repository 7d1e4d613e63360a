/* ledger.c — the ledger of published addresses (see ledger.h).
 *
 * Addresses are compared as "/a/b/" under the base path: a folder whose
 * index.html the model writes. The ledger's lines become a JSON object
 * URL -> {file, title, line}; the new ledger is that object with the
 * addresses of this build over it, written in sorted order.
 */
#include "ledger.h"
#include "dates.h"
#include "fileio.h"
#include "incremental.h"
#include "safepath.h"
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

/* Parses the ledger text into URL -> {file, title, line}. */
static json_t *parse_ledger(char *text, mc_diag_list *errs)
{
    json_t *entries = json_object();
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
        json_object_set_new(entries, s, json_pack("{s:s, s:s, s:i}", "file", tab1 + 1,
                                                  "title", tab2 + 1, "line", line));
    }
    return entries;
}

static json_t *read_ledger(const mc_site *site, mc_diag_list *errs)
{
    int fd = mc_site_open(site, MC_LEDGER_FILE);
    if (fd < 0) return json_object(); /* the first build of a site makes it */
    size_t len = 0;
    struct stat st;
    mc_diag d;
    char *text = mc_read_fd_stat(fd, MC_LEDGER_FILE, &len, &st, &d);
    if (!text) {
        mc_diag_list_add(errs, &d);
        return json_object();
    }
    json_t *entries = parse_ledger(text, errs);
    free(text);
    return entries;
}

/* Every address the model writes: "/a/b/" -> output index. */
static json_t *produced_urls(const mc_model *m)
{
    json_t *urls = json_object();
    for (size_t i = 0; i < m->noutputs; i++) {
        char *url = url_of_output(m->outputs[i].path);
        if (url) json_object_set_new(urls, url, json_integer((json_int_t)i));
        free(url);
    }
    return urls;
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
static json_t *section_of(const mc_model *m, json_t *produced, const char *url)
{
    const char *slash = strchr(url + 1, '/');
    char *sec = slash && slash[1] ? mc_strf("%.*s", (int)(slash - url + 1), url) : NULL;
    json_t *idx = sec ? json_object_get(produced, sec) : NULL;
    json_t *title = NULL;
    if (idx) {
        const mc_output *o = &m->outputs[json_integer_value(idx)];
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

/* One `withdrawn:` entry of site.yaml: a gone page at its address. */
static void add_withdrawn(mc_model *m, json_t *ledger, json_t *produced, json_t *gone, size_t i,
                          json_t *entry, mc_diag_list *errs)
{
    char key[64];
    snprintf(key, sizeof key, "withdrawn/%zu", i);
    int line = mc_site_line(m->site, key);
    const char *raw = json_string_value(json_object_get(entry, "url"));
    char *url = normal_url(raw);
    const char *date_s = json_string_value(json_object_get(entry, "date"));
    mc_date date;
    mc_diag d;
    if (!url) {
        add_error(errs, "site.yaml", line, "withdrawn entry without a valid 'url:'; write it "
                  "like url: /thu-tuc/ten-cu/%s%s", "", "");
    } else if (json_object_get(produced, url)) {
        add_error(errs, "site.yaml", line, "%s is listed as withdrawn, but the site still "
                  "publishes it; remove the entry from 'withdrawn:'%s", url, "");
    } else if (!date_s || mc_date_parse(date_s, &date, "site.yaml", line, &d) != 0) {
        add_error(errs, "site.yaml", line, "withdrawn %s needs 'date:' (the day it was "
                  "withdrawn), like date: 2026-12-01%s", url, "");
    } else {
        json_t *old = json_object_get(ledger, url);
        json_t *title = json_object_get(entry, "title");
        if (!json_is_string(title)) title = json_object_get(old, "title");
        if (!json_is_string(title)) {
            add_error(errs, "site.yaml", line, "withdrawn %s is not in " MC_LEDGER_FILE
                      "; give the entry a 'title:'%s", url, "");
        } else {
            json_t *page = mc_model_generated_page(m, title, "gone", url + 1);
            json_object_set_new(page, "withdrawn", mc_date_forms(&date));
            json_object_set_new(page, "section", section_of(m, produced, url));
            json_t *ctx = mc_model_base_context(m, "vi");
            json_object_set_new(ctx, "page", page);
            mc_model_add(m, MC_OUT_TEMPLATE, mc_strf("%sindex.html", url + 1), "gone", ctx);
            json_object_set_new(gone, url, json_pack("{s:s, s:O}", "file",
                                old ? json_string_value(json_object_get(old, "file")) : "site.yaml",
                                "title", title));
        }
    }
    free(url);
}

/* The addresses this build publishes that belong in the ledger: content
 * pages a normal build publishes, and the aliases that redirect. */
static void record_outputs(const mc_model *m, json_t *ledger, json_t *redirects)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        const mc_output *o = &m->outputs[i];
        const mc_page *p = o->owner;
        int alias = o->template && !strcmp(o->template, "alias");
        if (!p || !(o->kind == MC_OUT_PAGE || alias)) continue;
        if (p->draft || (p->has_date && p->date.epoch > m->now)) continue;
        char *url = url_of_output(o->path);
        if (!url) continue;
        json_object_set_new(ledger, url, json_pack("{s:s, s:s}", "file", p->file,
                                                   "title", p->title ? p->title : ""));
        if (alias) json_object_set_new(redirects, url, json_string(p->url));
        free(url);
    }
}

static int sort_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of obj, sorted by bytes; the array is the caller's (free). */
static const char **sorted_keys(json_t *obj, size_t *n)
{
    *n = json_object_size(obj);
    const char **keys = calloc(*n + 1, sizeof *keys);
    size_t k = 0;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) if (keys) keys[k++] = key;
    if (keys) qsort(keys, *n, sizeof *keys, sort_keys);
    return keys;
}

/* Appends to *buf (a growing string). */
static void append(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *grown = *buf ? realloc(*buf, *len + n + 1) : NULL;
    if (!grown) return;
    memcpy(grown + *len, s, n + 1);
    *buf = grown;
    *len += n;
}

/* s with tabs and line ends as spaces, so a field stays on its line. */
static char *one_line(const char *s)
{
    char *out = strdup(s ? s : "");
    for (char *c = out; c && *c; c++)
        if (*c == '\t' || *c == '\n' || *c == '\r') *c = ' ';
    return out;
}

static char *ledger_text(json_t *ledger)
{
    size_t n, len = 0;
    const char **keys = sorted_keys(ledger, &n);
    char *text = strdup(HEADER);
    len = strlen(HEADER);
    for (size_t i = 0; keys && i < n; i++) {
        json_t *e = json_object_get(ledger, keys[i]);
        char *file = one_line(json_string_value(json_object_get(e, "file")));
        char *title = one_line(json_string_value(json_object_get(e, "title")));
        char *line = file && title ? mc_strf("%s\t%s\t%s\n", keys[i], file, title) : NULL;
        if (line) append(&text, &len, line);
        free(line);
        free(file);
        free(title);
    }
    free(keys);
    return text;
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

/* .htaccess and nginx-redirects.conf from the aliases and withdrawals. */
static void add_server_files(mc_model *m, json_t *redirects, json_t *gone)
{
    const char *base = m->site->base_path;
    size_t nginx_len = 0, apache_len = 0, longest = 0;
    char *nginx = strdup("# nginx-redirects.conf — made by `motcua build`: the site's moved (301) "
                         "and withdrawn (410)\n# addresses. Include it inside http { }, and in "
                         "the site's server { } add:\n#     if ($motcua_moved) { return 301 "
                         "$motcua_moved; }\n#     if ($motcua_gone) { return 410; }\n#     "
                         "error_page 410 @motcua_gone;\n#     location @motcua_gone { try_files "
                         "$motcua_gone =410; }\nmap $uri $motcua_moved {\n");
    char *apache = strdup("# .htaccess — made by `motcua build`: the site's moved (301) and "
                          "withdrawn (410)\n# addresses, for Apache with AllowOverride FileInfo.\n");
    nginx_len = nginx ? strlen(nginx) : 0;
    apache_len = apache ? strlen(apache) : 0;
    size_t n;
    const char **keys = sorted_keys(redirects, &n);
    for (size_t i = 0; keys && i < n; i++) {
        const char *to = json_string_value(json_object_get(redirects, keys[i]));
        char *from = mc_strf("%s%s", base, keys[i] + 1);
        char *re = from ? regex_of(from) : NULL;
        if (re && plain_path(from) && plain_path(to)) {
            char *l = mc_strf("    %s %s;\n    %sindex.html %s;\n", from, to, from, to);
            if (strlen(from) > longest) longest = strlen(from);
            if (l) append(&nginx, &nginx_len, l);
            free(l);
            l = mc_strf("RedirectMatch 301 ^%s(index\\.html)?$ %s\n", re, to);
            if (l) append(&apache, &apache_len, l);
            free(l);
        }
        free(re);
        free(from);
    }
    free(keys);
    append(&nginx, &nginx_len, "}\nmap $uri $motcua_gone {\n");
    keys = sorted_keys(gone, &n);
    for (size_t i = 0; keys && i < n; i++) {
        char *at = mc_strf("%s%s", base, keys[i] + 1);
        char *re = at ? regex_of(at) : NULL;
        if (re && plain_path(at)) {
            char *l = mc_strf("    %s %sindex.html;\n    %sindex.html %sindex.html;\n", at, at, at, at);
            if (strlen(at) > longest) longest = strlen(at);
            if (l) append(&nginx, &nginx_len, l);
            free(l);
            l = mc_strf("RedirectMatch 410 ^%s(index\\.html)?$\n<If \"%%{REQUEST_URI} =~ "
                        "m#^%s(index\\.html)?$#\">\n    ErrorDocument 410 %sindex.html\n</If>\n",
                        re, re, at);
            if (l) append(&apache, &apache_len, l);
            free(l);
        }
        free(re);
        free(at);
    }
    free(keys);
    append(&nginx, &nginx_len, "}\n");
    /* nginx refuses a map whose longest key does not fit its hash bucket;
     * the size must come before the maps */
    size_t bucket = 64;
    while (bucket < 2 * longest + 32) bucket *= 2;
    char *marker = nginx ? strstr(nginx, "map $uri") : NULL;
    char *sized = marker ? mc_strf("%.*smap_hash_bucket_size %zu;\n%s", (int)(marker - nginx), nginx,
                                   bucket, marker) : NULL;
    if (sized) {
        free(nginx);
        nginx = sized;
        nginx_len = strlen(sized);
    }
    mc_output *o = nginx ? mc_model_add(m, MC_OUT_BYTES, strdup("nginx-redirects.conf"), NULL, NULL)
                         : NULL;
    if (o) {
        o->bytes = nginx;
        o->nbytes = nginx_len;
    } else {
        free(nginx);
    }
    o = apache ? mc_model_add(m, MC_OUT_BYTES, strdup(".htaccess"), NULL, NULL) : NULL;
    if (o) {
        o->bytes = apache;
        o->nbytes = apache_len;
    } else {
        free(apache);
    }
}

int mc_ledger_apply(mc_model *m, char **text_out, mc_diag_list *errs)
{
    size_t before = errs->errors;
    *text_out = NULL;
    json_t *ledger = read_ledger(m->site, errs);
    json_t *produced = produced_urls(m);
    json_t *gone = json_object(), *redirects = json_object();
    size_t i;
    json_t *entry;
    json_t *withdrawn = json_object_get(m->site->config, "withdrawn");
    if (withdrawn && !json_is_array(withdrawn))
        add_error(errs, "site.yaml", mc_site_line(m->site, "withdrawn"), "'withdrawn:' must be a "
                  "list of entries with url: and date:%s%s", "", "");
    json_array_foreach(withdrawn, i, entry)
        add_withdrawn(m, ledger, produced, gone, i, entry, errs);
    const char *url;
    json_t *e;
    json_object_foreach(ledger, url, e) {
        if (json_object_get(produced, url) || json_object_get(gone, url)) continue;
        char *msg = mc_strf("%s (last published by %s) is no longer published; add it to the "
                            "'aliases:' of the page that replaces it (motcua mv does it), or "
                            "list it under 'withdrawn:' in site.yaml with the date",
                            url, json_string_value(json_object_get(e, "file")));
        add_error(errs, MC_LEDGER_FILE, (int)json_integer_value(json_object_get(e, "line")),
                  "%s%s", msg ? msg : url, "");
        free(msg);
    }
    record_outputs(m, ledger, redirects);
    json_object_update(ledger, gone);
    add_server_files(m, redirects, gone);
    if (errs->errors == before) *text_out = ledger_text(ledger);
    json_decref(ledger);
    json_decref(produced);
    json_decref(gone);
    json_decref(redirects);
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
