/* editor_backend.c — Decap CMS's proxy protocol on the site folder (see
 * editor_backend.h). Each action is one row of `actions`; each answers
 * with a JSON value or fails with a status and a message.
 */
#include "editor_backend.h"
#include "editor_config.h"
#include "fields.h"
#include "fileio.h"
#include "front_write.h"
#include "frontmatter.h"
#include "kinds.h"
#include "safepath.h"
#include "text.h"
#include "utf8.h"

#include <errno.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct call {
    const char *site;
    json_t *params;
    unsigned status;   /* set with the message when the action fails */
    char error[1200];
} call;

static json_t *fail(call *c, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static json_t *fail(call *c, unsigned status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    c->status = status;
    return NULL;
}

static json_t *fail_diag(call *c, unsigned status, const mc_diag *d)
{
    char msg[1100];
    return fail(c, status, "%s", mc_diag_format(d, msg, sizeof msg));
}

/* ---- paths ---- */

/* The file rel names in the site, or NULL (c failed) when rel is not a
 * path under content/ that stays in the site. Caller frees. */
static char *confined(call *c, const char *rel)
{
    if (!rel) return fail(c, 400, "a path is missing"), NULL;
    char *norm = mc_path_normalize(rel);
    int ok = norm && (!strcmp(norm, "content") || !strncmp(norm, "content/", 8));
    for (const char *seg = norm; ok && seg; seg = strchr(seg, '/')) {
        if (*seg == '/') seg++;
        if (*seg == '.') ok = 0;
    }
    mc_diag d;
    char *full = ok ? mc_path_join(c->site, norm, &d) : NULL;
    if (ok && !full) fail(c, 403, "%s: refused: it leads out of the site folder", rel);
    else if (!ok) fail(c, 403, "%s: refused: the editor reads and writes only under content/", rel);
    free(norm);
    return full;
}

/* ---- file contents ---- */

static char *sha256_hex(const void *data, size_t n)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    char *hex = malloc(2 * EVP_MAX_MD_SIZE + 1);
    if (!hex || !EVP_Digest(data, n, md, &len, EVP_sha256(), NULL)) { free(hex); return NULL; }
    for (unsigned i = 0; i < len; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return hex;
}

static char *base64(const void *data, size_t n)
{
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    if (out) EVP_EncodeBlock((unsigned char *)out, data, (int)n);
    return out;
}

/* base64 text to bytes; NULL when it is not base64. */
static unsigned char *unbase64(const char *s, size_t *n)
{
    size_t len = strlen(s);
    if (len % 4 || len > MC_EDITOR_MAX_BYTES) return NULL;
    unsigned char *out = malloc(len / 4 * 3 + 1);
    int k = out ? EVP_DecodeBlock(out, (const unsigned char *)s, (int)len) : -1;
    if (k < 0) { free(out); return NULL; }
    *n = (size_t)k - (len && s[len - 1] == '=') - (len > 1 && s[len - 2] == '=');
    return out;
}

/* The page at rel in the shapes the editor's form expects, or the text as
 * it is when its front matter does not load (the editor then says so). */
static char *for_editor(const char *rel, const char *text, size_t n)
{
    const mc_kind *k = mc_editor_kind_of(rel);
    mc_frontmatter fm;
    mc_diag d;
    if (!k || mc_frontmatter_parse(rel, text, n, &fm, &d) != 0) {
        mc_frontmatter_free(&fm);
        return strdup(text);
    }
    mc_fields_canonical(k->fields, fm.data);
    for (const mc_field *f = k->fields; f->key; f++) {
        json_t *v = json_object_get(fm.data, f->key);
        int list_of = f->type == MC_F_TEXTS || f->type == MC_F_DATETIMES || f->type == MC_F_WARDS ||
                      f->type == MC_F_TAGS;
        if (list_of && json_is_string(v)) {
            json_object_set_new(fm.data, f->key, json_pack("[O]", v));
        } else if (f->type == MC_F_LIST && f->items && json_is_array(v)) {
            size_t i;
            json_t *e;
            json_array_foreach(v, i, e)
                if (json_is_string(e)) json_array_set_new(v, i, json_pack("{s:O}", f->items[0].key, e));
        }
    }
    char *out = mc_front_write(k->fields, fm.data, fm.body);
    mc_frontmatter_free(&fm);
    return out;
}

/* {data, file: {path, id}} of the page at rel; data null when unreadable. */
static json_t *entry(call *c, const char *rel, const char *label)
{
    char *full = confined(c, rel);
    if (!full) return NULL;
    size_t n = 0;
    char *text = mc_read_file(full, &n, NULL);
    char *id = text ? sha256_hex(text, n) : NULL;
    char *data = text && mc_utf8_check(text, n, rel, 1, NULL) == 0 ? for_editor(rel, text, n) : NULL;
    json_t *file = json_pack("{s:s, s:s?}", "path", rel, "id", id);
    if (label) json_object_set_new(file, "label", json_string(label));
    json_t *e = json_pack("{s:s?, s:o}", "data", data, "file", file);
    free(data);
    free(id);
    free(text);
    free(full);
    return e;
}

/* {id, content, encoding, path, name} of the file at rel. */
static json_t *media(call *c, const char *rel)
{
    char *full = confined(c, rel);
    if (!full) return NULL;
    size_t n = 0;
    char *bytes = mc_read_file(full, &n, NULL);
    free(full);
    if (!bytes) return fail(c, 404, "%s: cannot read it: %s", rel, strerror(errno));
    char *id = sha256_hex(bytes, n), *b64 = base64(bytes, n);
    const char *slash = strrchr(rel, '/');
    json_t *m = json_pack("{s:s?, s:s?, s:s, s:s, s:s}", "id", id, "content", b64, "encoding",
                          "base64", "path", rel, "name", slash ? slash + 1 : rel);
    free(id);
    free(b64);
    free(bytes);
    return m;
}

/* Files under the site folder rel, at most depth levels down, whose names
 * end with ext (every file when ext is "" or NULL), as site-relative paths. */
static json_t *listing(call *c, const char *rel, const char *ext, int depth)
{
    char *full = confined(c, rel);
    if (!full) return NULL;
    char **files = NULL;
    size_t count = 0;
    mc_diag d;
    if (mc_list_tree(full, c->site, &files, &count, &d) != 0) {
        free(full);
        return fail_diag(c, 403, &d);
    }
    free(full);
    json_t *out = json_array();
    size_t k = ext ? strlen(ext) : 0;
    for (size_t i = 0; i < count; i++) {
        int levels = 1;
        for (const char *p = files[i]; *p; p++) levels += *p == '/';
        size_t n = strlen(files[i]);
        if (levels > depth || (k && (n < k || strcmp(files[i] + n - k, ext)))) continue;
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", rel, files[i]);
        json_array_append_new(out, json_string(path));
    }
    mc_free_list(files, count);
    return out;
}

/* ---- writing ---- */

static int write_file(call *c, const char *rel, const void *data, size_t n)
{
    char *full = confined(c, rel);
    if (!full) return -1;
    mc_diag d;
    int rc = mc_mkdir_parent(full, &d) == 0 && mc_write_atomic(full, data, n, &d) == 0 ? 0 : -1;
    if (rc) {
        char msg[1100];
        fail(c, 500, "%s: cannot write: %s", rel, mc_diag_format(&d, msg, sizeof msg));
    }
    free(full);
    return rc;
}

/* The text a person would write for the editor's raw text of rel, or NULL
 * (c failed) when its front matter does not load. */
static char *as_by_hand(call *c, const char *rel, const char *raw)
{
    const mc_kind *k = mc_editor_kind_of(rel);
    size_t n = strlen(raw);
    if (!k) return fail(c, 403, "%s: refused: not a page of any kind's folder", rel), NULL;
    mc_frontmatter fm;
    mc_diag d;
    if (mc_utf8_check(raw, n, rel, 1, &d) != 0 || mc_frontmatter_parse(rel, raw, n, &fm, &d) != 0) {
        mc_frontmatter_free(&fm);
        return fail_diag(c, 422, &d), NULL;
    }
    json_object_del(fm.data, MC_EDITOR_SLUG_KEY);
    mc_fields_canonical(k->fields, fm.data);
    char *out = mc_front_write(k->fields, fm.data, fm.body);
    mc_frontmatter_free(&fm);
    if (!out) fail(c, 500, "out of memory");
    return out;
}

static int ends_md(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n > 3 && !strcmp(s + n - 3, ".md");
}

static int save_asset(call *c, const json_t *a)
{
    const char *path = json_string_value(json_object_get(a, "path"));
    const char *content = json_string_value(json_object_get(a, "content"));
    if (!path || !content || ends_md(path)) {
        fail(c, 400, "%s: a file needs a path (not a .md page) and base64 content", path ? path : "?");
        return -1;
    }
    size_t n = 0;
    unsigned char *bytes = unbase64(content, &n);
    if (!bytes) { fail(c, 400, "%s: the content is not base64", path); return -1; }
    int rc = write_file(c, path, bytes, n);
    free(bytes);
    return rc;
}

/* ---- the actions ---- */

static const char *param(call *c, const char *key)
{
    return json_string_value(json_object_get(c->params, key));
}

static json_t *act_info(call *c)
{
    const char *base = strrchr(c->site, '/');
    return json_pack("{s:s, s:[s], s:s}", "repo", base && base[1] ? base + 1 : c->site,
                     "publish_modes", "simple", "type", "local_fs");
}

static json_t *act_slug(call *c)
{
    const char *title = param(c, "title");
    mc_diag d;
    if (!title || mc_utf8_check(title, strlen(title), "title", 1, &d) != 0)
        return fail(c, 400, "the title is missing or not UTF-8");
    char *nfc = mc_nfc(title, strlen(title), NULL, &d);
    char *slug = nfc ? mc_slug(nfc, strlen(nfc), &d) : NULL;
    free(nfc);
    if (!slug || !*slug) {
        free(slug);
        return fail(c, 422, "Tiêu đề cần có chữ hoặc số để làm địa chỉ trang");
    }
    json_t *out = json_pack("{s:s}", "slug", slug);
    free(slug);
    return out;
}

static json_t *entries(call *c, json_t *paths, int with_labels)
{
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(paths, i, p) {
        const char *path = json_is_string(p) ? json_string_value(p) : json_string_value(json_object_get(p, "path"));
        json_t *e = entry(c, path, with_labels ? json_string_value(json_object_get(p, "label")) : NULL);
        if (!e) { json_decref(out); return NULL; }
        json_array_append_new(out, e);
    }
    return out;
}

static json_t *act_entries_by_folder(call *c)
{
    json_int_t depth = json_integer_value(json_object_get(c->params, "depth"));
    json_t *paths = listing(c, param(c, "folder"), param(c, "extension"), depth > 0 ? (int)depth : 1);
    json_t *out = paths ? entries(c, paths, 0) : NULL;
    json_decref(paths);
    return out;
}

static json_t *act_entries_by_files(call *c)
{
    json_t *files = json_object_get(c->params, "files");
    if (!json_is_array(files)) return fail(c, 400, "files is missing");
    return entries(c, files, 1);
}

static json_t *act_get_entry(call *c)
{
    return entry(c, param(c, "path"), NULL);
}

static json_t *act_persist_entry(call *c)
{
    json_t *files = json_object_get(c->params, "dataFiles");
    json_t *one = json_object_get(c->params, "entry");
    json_t *list = json_is_array(files) ? json_incref(files) : json_pack("[O]", one ? one : json_null());
    size_t i;
    json_t *f, *a;
    char **texts = calloc(json_array_size(list) + 1, sizeof *texts);
    json_t *out = NULL;
    /* every page is checked before anything is written */
    json_array_foreach(list, i, f) {
        const char *path = json_string_value(json_object_get(f, "path"));
        const char *raw = json_string_value(json_object_get(f, "raw"));
        char *full = confined(c, path);
        free(full);
        if (!full) goto done;
        if (!raw || !ends_md(path)) { fail(c, 400, "%s: a page needs a .md path and its text", path); goto done; }
        if (json_object_get(f, "newPath")) { fail(c, 422, "%s: moving a page is done with motcua mv", path); goto done; }
        if (!(texts[i] = as_by_hand(c, path, raw))) goto done;
    }
    json_array_foreach(json_object_get(c->params, "assets"), i, a) {
        char *full = confined(c, json_string_value(json_object_get(a, "path")));
        free(full);
        if (!full) goto done;
    }
    json_array_foreach(json_object_get(c->params, "assets"), i, a)
        if (save_asset(c, a) != 0) goto done;
    json_array_foreach(list, i, f)
        if (write_file(c, json_string_value(json_object_get(f, "path")), texts[i], strlen(texts[i])) != 0) goto done;
    out = json_pack("{s:s}", "message", "entry persisted");
done:
    for (i = 0; texts && i < json_array_size(list); i++) free(texts[i]);
    free(texts);
    json_decref(list);
    return out;
}

static json_t *act_get_media(call *c)
{
    const char *folder = param(c, "mediaFolder");
    json_t *paths = listing(c, folder, NULL, 1), *out = paths ? json_array() : NULL;
    size_t i;
    json_t *p;
    json_array_foreach(paths, i, p) {
        if (ends_md(json_string_value(p))) continue;
        json_t *m = media(c, json_string_value(p));
        if (!m) { json_decref(out); out = NULL; break; }
        json_array_append_new(out, m);
    }
    json_decref(paths);
    return out;
}

static json_t *act_get_media_file(call *c)
{
    return media(c, param(c, "path"));
}

static json_t *act_persist_media(call *c)
{
    json_t *a = json_object_get(c->params, "asset");
    if (save_asset(c, a) != 0) return NULL;
    return media(c, json_string_value(json_object_get(a, "path")));
}

static int delete_one(call *c, const char *rel)
{
    char *full = confined(c, rel);
    if (!full) return -1;
    int rc = unlink(full) == 0 || errno == ENOENT ? 0 : -1;
    if (rc) fail(c, 500, "%s: cannot delete it: %s", rel, strerror(errno));
    free(full);
    return rc;
}

static json_t *act_delete_file(call *c)
{
    return delete_one(c, param(c, "path")) == 0 ? json_pack("{s:s}", "message", "deleted") : NULL;
}

static json_t *act_delete_files(call *c)
{
    size_t i;
    json_t *p;
    json_t *paths = json_object_get(c->params, "paths");
    json_array_foreach(paths, i, p) {
        char *full = confined(c, json_string_value(p));
        free(full);
        if (!full) return NULL;
    }
    json_array_foreach(paths, i, p)
        if (delete_one(c, json_string_value(p)) != 0) return NULL;
    return json_pack("{s:s}", "message", "deleted");
}

static json_t *act_nothing(call *c)
{
    (void)c;
    return json_null();
}

static json_t *act_no_entries(call *c)
{
    (void)c;
    return json_array();
}

static const struct {
    const char *name;
    json_t *(*run)(call *c);
} actions[] = {
    {"info", act_info},
    {"slug", act_slug},
    {"entriesByFolder", act_entries_by_folder},
    {"entriesByFiles", act_entries_by_files},
    {"getEntry", act_get_entry},
    {"persistEntry", act_persist_entry},
    {"getMedia", act_get_media},
    {"getMediaFile", act_get_media_file},
    {"persistMedia", act_persist_media},
    {"deleteFile", act_delete_file},
    {"deleteFiles", act_delete_files},
    {"getDeployPreview", act_nothing},
    {"unpublishedEntries", act_no_entries},
};

static unsigned reply_error(char **reply, unsigned status, const char *msg)
{
    json_t *e = json_pack("{s:s}", "error", msg);
    *reply = e ? json_dumps(e, JSON_COMPACT) : NULL;
    json_decref(e);
    return status;
}

unsigned mc_editor_answer(const char *site, const char *body, size_t n, char **reply)
{
    *reply = NULL;
    json_error_t je;
    json_t *req = n <= MC_EDITOR_MAX_BYTES ? json_loadb(body, n, 0, &je) : NULL;
    if (!req) return reply_error(reply, 400, "the request is not JSON");
    const char *name = json_string_value(json_object_get(req, "action"));
    call c = {.site = site, .params = json_object_get(req, "params"), .status = 500};
    if (!json_is_object(c.params)) c.params = json_object_get(req, "params") ? NULL : req;
    unsigned status = 422;
    for (size_t i = 0; c.params && name && i < sizeof actions / sizeof *actions; i++) {
        if (strcmp(name, actions[i].name)) continue;
        json_t *out = actions[i].run(&c);
        if (out) {
            *reply = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY);
            json_decref(out);
            json_decref(req);
            return 200;
        }
        status = reply_error(reply, c.status, c.error);
        json_decref(req);
        return status;
    }
    json_decref(req);
    return reply_error(reply, status, "unknown action");
}
