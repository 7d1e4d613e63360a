/* check_links.c — internal links, #anchors, assets and alt text in the
 * built HTML (see check.h).
 *
 * The parser is a small tokenizer, not an HTML5 tree builder: it only
 * needs tags and their attributes. It skips comments, <!DOCTYPE>, and the
 * raw text of <script> and <style>, decodes the common entities in
 * attribute values, and counts lines. Link resolution follows
 * tests/tools/checklinks.py: a URL under the base URL, a root-relative one
 * or a relative one must name a file of the built site ("x/" means
 * "x/index.html"; a folder means its index.html), and a #fragment on an
 * HTML page must name an id there. A root-relative URL outside the base
 * path leaves the site and is broken too. Other schemes (mailto:, tel:,
 * data:, javascript:) are not checked; http(s) URLs of other sites are
 * collected for --external.
 */
#include "check_internal.h"
#include "grow.h"
#include "fileio.h"
#include "safepath.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- tokenizer ---- */

typedef struct attr {
    char name[32];
    char *value;              /* decoded; NULL for a bare attribute */
} attr;

typedef struct tag {
    char name[16];
    attr attrs[32];
    int nattrs;
    int line;
} tag;

static void put_utf8(char **o, unsigned long cp)
{
    char *p = *o;
    if (cp < 0x80) *p++ = (char)cp;
    else if (cp < 0x800) { *p++ = (char)(0xC0 | (cp >> 6)); *p++ = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        *p++ = (char)(0xE0 | (cp >> 12));
        *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *p++ = (char)(0xF0 | (cp >> 18));
        *p++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = p;
}

/* Decodes &amp; &lt; &gt; &quot; &apos; &#N; &#xN; (others stay as they are). */
static char *decode_entities(const char *s, size_t n)
{
    char *out = malloc(n * 2 + 1), *o = out;
    if (!out) return NULL;
    static const struct { const char *name; char c; } named[] = {
        {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') { *o++ = s[i]; continue; }
        size_t k;
        for (k = 0; k < 5; k++) {
            size_t len = strlen(named[k].name);
            if (i + 1 + len <= n && !strncmp(s + i + 1, named[k].name, len)) break;
        }
        if (k < 5) { *o++ = named[k].c; i += strlen(named[k].name); continue; }
        if (i + 2 < n && s[i + 1] == '#') {
            int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            char *end;
            unsigned long cp = strtoul(s + i + 2 + hex, &end, hex ? 16 : 10);
            if (*end == ';' && end > s + i + 2 + hex && cp > 0 && cp < 0x110000) {
                put_utf8(&o, cp);
                i = (size_t)(end - s);
                continue;
            }
        }
        *o++ = '&';
    }
    *o = '\0';
    return out;
}

static int count_lines(const char *from, const char *to)
{
    int n = 0;
    for (; from < to; from++) n += *from == '\n';
    return n;
}

/* Parses attributes from p (after the tag name) to the closing '>'. Returns
 * the position after '>'. */
static const char *parse_attrs(const char *p, const char *end, tag *t)
{
    while (p < end && *p != '>') {
        while (p < end && (isspace((unsigned char)*p) || *p == '/')) p++;
        if (p >= end || *p == '>') break;
        const char *name = p;
        while (p < end && !isspace((unsigned char)*p) && *p != '=' && *p != '>' && *p != '/') p++;
        size_t nlen = (size_t)(p - name);
        while (p < end && isspace((unsigned char)*p)) p++;
        const char *val = NULL;
        size_t vlen = 0;
        if (p < end && *p == '=') {
            p++;
            while (p < end && isspace((unsigned char)*p)) p++;
            char q = p < end && (*p == '"' || *p == '\'') ? *p++ : 0;
            val = p;
            while (p < end && (q ? *p != q : !isspace((unsigned char)*p) && *p != '>')) p++;
            vlen = (size_t)(p - val);
            if (q && p < end) p++;
        }
        if (nlen == 0) { p++; continue; }
        if (t->nattrs < 32 && nlen < sizeof t->attrs[0].name) {
            attr *a = &t->attrs[t->nattrs++];
            for (size_t i = 0; i < nlen; i++) a->name[i] = (char)tolower((unsigned char)name[i]);
            a->name[nlen] = '\0';
            a->value = val ? decode_entities(val, vlen) : NULL;
        }
    }
    return p < end ? p + 1 : end;
}

static const char *attr_get(const tag *t, const char *name)
{
    for (int i = 0; i < t->nattrs; i++)
        if (!strcmp(t->attrs[i].name, name)) return t->attrs[i].value ? t->attrs[i].value : "";
    return NULL;
}

static void free_tag(tag *t)
{
    for (int i = 0; i < t->nattrs; i++) free(t->attrs[i].value);
    t->nattrs = 0;
}

/* ---- collecting ---- */

static int add_link(mc_html_doc *doc, const char *url, size_t n, int line, int asset)
{
    mc_html_link *grown = mc_grow(doc->links, doc->nlinks, &doc->cap, sizeof *grown, 32);
    if (!grown) return -1;
    doc->links = grown;
    char *copy = strndup(url, n);
    if (!copy) return -1;
    doc->links[doc->nlinks++] = (mc_html_link){copy, line, asset};
    return 0;
}

static void add_srcset(mc_html_doc *doc, const char *v, int line)
{
    while (*v) {
        while (*v == ',' || isspace((unsigned char)*v)) v++;
        size_t n = strcspn(v, " \t\n,");
        if (n) add_link(doc, v, n, line, 1);
        v += n;
        v += strcspn(v, ",");
    }
}

static void add_no_alt(mc_html_doc *doc, const tag *t)
{
    const char *alt = attr_get(t, "alt");
    const char *role = attr_get(t, "role");
    const char *hidden = attr_get(t, "aria-hidden");
    if ((alt && *alt) || (role && !strcmp(role, "presentation")) || (hidden && !strcmp(hidden, "true")))
        return;
    int *grown = mc_grow(doc->img_no_alt, doc->nimg, &doc->img_cap, sizeof *grown, 8);
    if (!grown) return;
    doc->img_no_alt = grown;
    doc->img_no_alt[doc->nimg++] = t->line;
    const char *src = attr_get(t, "src");
    json_array_append_new(doc->img_src, json_string(src ? src : ""));
}

static int is_asset_link(const tag *t)
{
    const char *rel = attr_get(t, "rel");
    return rel && (strstr(rel, "stylesheet") || strstr(rel, "icon") || strstr(rel, "preload") ||
                   strstr(rel, "manifest"));
}

static void collect(mc_html_doc *doc, const tag *t)
{
    for (int i = 0; i < t->nattrs; i++) {
        const attr *a = &t->attrs[i];
        if (!a->value) continue;
        if (!strcmp(a->name, "id") || (!strcmp(a->name, "name") && !strcmp(t->name, "a")))
            json_object_set_new(doc->ids, a->value, json_true());
        else if (!strcmp(a->name, "href"))
            add_link(doc, a->value, strlen(a->value), t->line, !strcmp(t->name, "link") && is_asset_link(t));
        else if (!strcmp(a->name, "src") || !strcmp(a->name, "poster"))
            add_link(doc, a->value, strlen(a->value), t->line, 1);
        else if (!strcmp(a->name, "srcset"))
            add_srcset(doc, a->value, t->line);
    }
    if (!strcmp(t->name, "img")) add_no_alt(doc, t);
    const char *equiv = attr_get(t, "http-equiv");
    const char *content = attr_get(t, "content");
    if (!strcmp(t->name, "meta") && equiv && !strcasecmp(equiv, "refresh") && content) {
        const char *u = content;
        while (*u && strncasecmp(u, "url=", 4)) u++;
        if (*u) {
            u += 4;
            while (*u == '\'' || *u == '"' || isspace((unsigned char)*u)) u++;
            add_link(doc, u, strcspn(u, "'\""), t->line, 0);
        }
    }
}

/* After <script> or <style>: skip to its closing tag. */
static const char *skip_raw_text(const char *p, const char *end, const char *name)
{
    char close[24];
    snprintf(close, sizeof close, "</%s", name);
    size_t k = strlen(close);
    for (; p + k <= end; p++)
        if (*p == '<' && !strncasecmp(p, close, k)) return p;
    return end;
}

int mc_html_parse(const char *html, size_t n, mc_html_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->ids = json_object();
    doc->img_src = json_array();
    const char *p = html, *end = html + n, *counted = html;
    int line = 1;
    while ((p = memchr(p, '<', (size_t)(end - p)))) {
        if (end - p >= 4 && !strncmp(p, "<!--", 4)) {
            const char *c = strstr(p + 4, "-->");
            p = c ? c + 3 : end;
            continue;
        }
        if (p + 1 >= end || !isalpha((unsigned char)p[1])) { p++; continue; }
        line += count_lines(counted, p);
        counted = p;
        tag t = {.line = line};
        const char *name = ++p;
        while (p < end && (isalnum((unsigned char)*p) || *p == '-')) p++;
        size_t nlen = (size_t)(p - name) < sizeof t.name ? (size_t)(p - name) : sizeof t.name - 1;
        for (size_t i = 0; i < nlen; i++) t.name[i] = (char)tolower((unsigned char)name[i]);
        p = parse_attrs(p, end, &t);
        collect(doc, &t);
        free_tag(&t);
        if (!strcmp(t.name, "script") || !strcmp(t.name, "style")) p = skip_raw_text(p, end, t.name);
    }
    return 0;
}

void mc_html_doc_free(mc_html_doc *doc)
{
    for (size_t i = 0; i < doc->nlinks; i++) free(doc->links[i].url);
    free(doc->links);
    free(doc->img_no_alt);
    json_decref(doc->ids);
    json_decref(doc->img_src);
    memset(doc, 0, sizeof *doc);
}

/* ---- resolution ---- */

typedef struct link_check {
    mc_check_ctx *ctx;
    mc_check_report *r;
    json_t *docs;             /* output path -> parsed ids (object), cache */
} link_check;

/* The ids of the HTML file at output path rel, parsed once. */
static json_t *ids_of(link_check *lc, const char *rel)
{
    json_t *ids = json_object_get(lc->docs, rel);
    if (ids) return ids;
    size_t n = strlen(lc->ctx->out) + strlen(rel) + 2;
    char *path = malloc(n);
    if (!path) return NULL;
    snprintf(path, n, "%s/%s", lc->ctx->out, rel);
    size_t len;
    char *html = mc_read_file(path, &len, NULL);
    free(path);
    mc_html_doc doc;
    mc_html_parse(html ? html : "", html ? len : 0, &doc);
    free(html);
    ids = json_incref(doc.ids);
    mc_html_doc_free(&doc);
    json_object_set_new(lc->docs, rel, ids);
    return ids;
}

static char *percent_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
            isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else *o++ = s[i];
    }
    *o = '\0';
    return out;
}

typedef enum { LINK_SKIP, LINK_EXTERNAL, LINK_INTERNAL, LINK_OUTSIDE } link_class;

static int has_scheme(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p)) return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.') p++;
    return *p == ':';
}

/* Classifies url; for internal links fills *path with the site path
 * ("/portal/a/b/" form, query and fragment removed, still escaped) and
 * *frag with the fragment (or NULL). page_dir: "/portal/tin-tuc/a/". */
static link_class classify(const mc_check_ctx *c, const char *url, const char *page_url,
                           char **path, char **frag)
{
    *path = *frag = NULL;
    if (!strncmp(url, "//", 2)) return LINK_EXTERNAL;
    if (has_scheme(url)) {
        if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) return LINK_SKIP;
        if (strncmp(url, c->base_url, strlen(c->base_url))) return LINK_EXTERNAL;
        url += strlen(c->base_url) - strlen(c->base_path);
    }
    size_t plen = strcspn(url, "?#");
    const char *hash = strchr(url, '#');
    if (hash && hash[1]) *frag = strdup(hash + 1);
    if (plen == 0) { *path = strdup(page_url); return LINK_INTERNAL; }
    if (url[0] == '/') *path = strndup(url, plen);
    else {
        size_t n = strlen(page_url) + plen + 1;
        *path = malloc(n);
        if (*path) snprintf(*path, n, "%s%.*s", page_url, (int)plen, url);
    }
    if (*path && strncmp(*path, c->base_path, strlen(c->base_path))) return LINK_OUTSIDE;
    return LINK_INTERNAL;
}

/* Output-relative file for a site path: NULL when it leaves the folder;
 * "x/" and folders mean their index.html. *exists tells whether it is there. */
static char *target_file(const mc_check_ctx *c, const char *path, int *exists)
{
    char *decoded = percent_decode(path + strlen(c->base_path), strlen(path) - strlen(c->base_path));
    char *norm = decoded ? mc_path_normalize(decoded) : NULL;
    free(decoded);
    *exists = 0;
    if (!norm) return NULL;
    size_t n = strlen(c->out) + strlen(norm) + 16;
    char *full = malloc(n), *rel = NULL;
    struct stat st;
    if (!full) { free(norm); return NULL; }
    snprintf(full, n, "%s/%s", c->out, norm);
    int dir = path[strlen(path) - 1] == '/' || !norm[0] ||
              (stat(full, &st) == 0 && S_ISDIR(st.st_mode));
    size_t rn = strlen(norm) + 12;
    rel = malloc(rn);
    if (rel) snprintf(rel, rn, "%s%s%s", norm, dir && norm[0] ? "/" : "", dir ? "index.html" : "");
    if (rel) snprintf(full, n, "%s/%s", c->out, rel);
    *exists = rel && stat(full, &st) == 0 && S_ISREG(st.st_mode);
    free(full);
    free(norm);
    return rel;
}

static void report(link_check *lc, const char *page, const mc_html_link *l, const char *kind,
                   const char *fmt, const char *a, const char *b)
{
    const char *file;
    int line, theme;
    mc_check_locate(lc->ctx, page, l->url, &file, &line, &theme);
    char key[1024];
    snprintf(key, sizeof key, "%s|%s|%d|%s", kind, file, line, l->url);
    if (json_object_get(lc->ctx->reported, key)) return; /* the theme's: once */
    json_object_set_new(lc->ctx->reported, key, json_true());
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, a, b);
    if (theme) mc_check_add(lc->r, MC_ERROR, kind, file, line, l->url, NULL, "%s (on /%s and maybe "
                            "other pages)", msg, page);
    else mc_check_add(lc->r, MC_ERROR, kind, file, line, l->url, NULL, "%s", msg);
}

static void note_external(mc_check_ctx *c, const char *page, const mc_html_link *l)
{
    const char *file;
    int line, theme;
    int proto_relative = !strncmp(l->url, "//", 2);
    size_t n = strcspn(l->url, "#") + 8;
    char *url = malloc(n);
    if (!url) return;
    snprintf(url, n, "%s%.*s", proto_relative ? "https:" : "", (int)strcspn(l->url, "#"), l->url);
    mc_check_locate(c, page, l->url, &file, &line, &theme);
    json_t *where = json_object_get(c->external, url);
    if (!where) json_object_set_new(c->external, url, where = json_array());
    size_t i;
    json_t *w;
    json_array_foreach(where, i, w)
        if (!strcmp(json_string_value(json_array_get(w, 0)), file) &&
            json_integer_value(json_array_get(w, 1)) == line) { free(url); return; }
    json_array_append_new(where, json_pack("[s,i]", file, line));
    free(url);
}

static void check_one(link_check *lc, const char *page, const char *page_url, const mc_html_link *l)
{
    char *path, *frag;
    link_class k = classify(lc->ctx, l->url, page_url, &path, &frag);
    if (k == LINK_EXTERNAL) note_external(lc->ctx, page, l);
    if (k == LINK_INTERNAL || k == LINK_OUTSIDE) lc->r->links++;
    if (k == LINK_OUTSIDE) report(lc, page, l, "link", "link '%s' leaves the site: it is outside "
                                  "the base path %s", l->url, lc->ctx->base_path);
    if (k != LINK_INTERNAL || !path) { free(path); free(frag); return; }
    int exists;
    char *rel = target_file(lc->ctx, path, &exists);
    const char *kind = l->asset ? "asset" : "link";
    if (!rel)
        report(lc, page, l, kind, "link '%s' leaves the site's folder%s", l->url, "");
    else if (!exists)
        report(lc, page, l, kind, l->asset ? "missing file: '%s' (no %s in the built site)"
                                           : "broken link '%s': the site has no %s", l->url, rel);
    else if (frag && strlen(rel) > 5 && !strcmp(rel + strlen(rel) - 5, ".html")) {
        char *id = percent_decode(frag, strlen(frag));
        if (id && !json_object_get(ids_of(lc, rel), id))
            report(lc, page, l, "anchor", "link '%s': no heading or element with id '%s' "
                   "on that page", l->url, id);
        free(id);
    }
    free(rel);
    free(path);
    free(frag);
}

static void check_alt(link_check *lc, const char *page, const mc_html_doc *doc)
{
    for (size_t i = 0; i < doc->nimg; i++) {
        const char *src = json_string_value(json_array_get(doc->img_src, i));
        mc_html_link l = {(char *)src, doc->img_no_alt[i], 1};
        report(lc, page, &l, "alt", "image '%s' has no alt text: describe it for readers who "
               "cannot see it, e.g. ![Sơ đồ bộ phận một cửa](%s)", src, src);
    }
}

/* "/portal/tin-tuc/a/" for "tin-tuc/a/index.html". */
static char *page_url_of(const mc_check_ctx *c, const char *rel)
{
    const char *slash = strrchr(rel, '/');
    size_t dir = slash ? (size_t)(slash - rel) + 1 : 0;
    size_t n = strlen(c->base_path) + dir + 1;
    char *u = malloc(n);
    if (u) snprintf(u, n, "%s%.*s", c->base_path, (int)dir, rel);
    return u;
}

static void check_page(link_check *lc, const char *rel)
{
    size_t n = strlen(lc->ctx->out) + strlen(rel) + 2, len;
    char *path = malloc(n);
    if (!path) return;
    snprintf(path, n, "%s/%s", lc->ctx->out, rel);
    char *html = mc_read_file(path, &len, NULL);
    free(path);
    if (!html) return;
    mc_html_doc doc;
    mc_html_parse(html, len, &doc);
    free(html);
    json_object_set(lc->docs, rel, doc.ids);
    char *page_url = page_url_of(lc->ctx, rel);
    for (size_t i = 0; page_url && i < doc.nlinks; i++) check_one(lc, rel, page_url, &doc.links[i]);
    check_alt(lc, rel, &doc);
    free(page_url);
    mc_html_doc_free(&doc);
    lc->r->pages++;
}

int mc_check_links(mc_check_ctx *ctx, mc_check_report *r, mc_diag *d)
{
    char **files = NULL;
    size_t count = 0;
    if (mc_list_tree(ctx->out, NULL, &files, &count, d) != 0) return -1;
    link_check lc = {ctx, r, json_object()};
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(files[i]);
        if (n > 5 && !strcmp(files[i] + n - 5, ".html")) check_page(&lc, files[i]);
    }
    json_decref(lc.docs);
    mc_free_list(files, count);
    return 0;
}
