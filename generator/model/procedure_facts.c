/* procedure_facts.c — template-ready values of a procedure guide (the keys
 * are listed in procedure.h at mc_procedure_facts).
 *
 * Labels come from the theme words of the page's language (level_xa,
 * channel_truc_tiep...), so a theme or a site can rename them; the code is
 * shown when a word is missing. Forms get their type and size from the
 * file beside the page, read here, so a template never guesses them. Raw
 * front-matter values stay available under page.params.
 */
#include "procedure.h"
#include "dates.h"
#include "facts.h"
#include "jsonld.h"
#include "buf.h"
#include "safepath.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *word(const mc_site *site, const char *lang, const char *prefix,
                        const char *code)
{
    char key[96];
    snprintf(key, sizeof key, "%s%s", prefix, code);
    const char *w = json_string_value(json_object_get(json_object_get(site->words, lang), key));
    return w ? w : code;
}

/* {code, label} for a coded value, or NULL when the key is absent. */
static json_t *coded(const mc_page *p, const mc_site *site, const char *key, const char *prefix)
{
    const char *code = json_string_value(json_object_get(p->params, key));
    if (!code || !code[0]) return NULL;
    return json_pack("{s:s, s:s}", "code", code, "label", word(site, p->lang, prefix, code));
}

/* ---- money ---- */

/* A copy of item with text_key ("8.000 đồng") and free added when item[key]
 * is a whole number; text that is no amount (the checks report it, and
 * only --allow-incomplete publishes it) is shown as written, without a
 * second unit. */
static json_t *with_money(json_t *item, const char *key, const char *text_key, const char *lang)
{
    json_t *copy = json_is_object(item) ? json_copy(item) : json_pack("{s:O}", "name", item);
    json_t *amount = json_object_get(copy, key);
    if (json_is_integer(amount)) {
        char buf[64];
        long long v = json_integer_value(amount);
        json_object_set_new(copy, text_key, json_string(mc_format_money(v, lang, buf, sizeof buf)));
        json_object_set_new(copy, "free", json_boolean(v == 0));
    } else if (json_is_string(amount)) {
        json_object_set(copy, text_key, amount);
    }
    return copy;
}

static void add_fees(json_t *card, const mc_page *p)
{
    json_t *fees = json_object_get(p->params, "fees"), *out = json_array();
    size_t i;
    json_t *fee;
    json_array_foreach(fees, i, fee)
        json_array_append_new(out, with_money(fee, "amount", "amount_text", p->lang));
    json_object_set_new(card, "has_fees", json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, "fees", out);
}

static void add_channels(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *out = json_array();
    size_t i;
    json_t *ch;
    json_array_foreach(json_object_get(p->params, "channels"), i, ch) {
        json_t *c = with_money(ch, "fee", "fee_text", p->lang);
        const char *kind = json_string_value(json_object_get(c, "kind"));
        if (kind) json_object_set_new(c, "label", json_string(word(site, p->lang, "channel_", kind)));
        json_array_append_new(out, c);
    }
    json_object_set_new(card, "has_channels", json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, "channels", out);
}

/* ---- forms: URL, type and size of the file beside the page ---- */

static void size_text(long long bytes, const char *lang, char *buf, size_t n)
{
    int vi = strcmp(lang, "en") != 0;
    if (bytes < 1024) {
        snprintf(buf, n, "%lld %s", bytes, vi ? "byte" : bytes == 1 ? "byte" : "bytes");
    } else if (bytes < 1024 * 1024) {
        snprintf(buf, n, "%lld KB", (bytes + 512) / 1024);
    } else {
        snprintf(buf, n, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
        char *dot = strchr(buf, '.');
        if (dot && vi) *dot = ',';
    }
}

/* "PDF" for "a/b.pdf"; "" without an extension. */
static void file_type(const char *file, char *buf, size_t n)
{
    const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
    size_t o = 0;
    if (dot && (!slash || dot > slash))
        for (const char *s = dot + 1; *s && o + 1 < n; s++)
            buf[o++] = (char)toupper((unsigned char)*s);
    buf[o] = '\0';
}

json_t *mc_bundle_file(const mc_page *p, const mc_site *site, const char *file)
{
    char *norm = mc_path_normalize(file);
    if (!norm) return NULL;
    size_t n = strlen(site->root) + strlen(p->dir) + strlen(p->url) + strlen(site->base_path) +
               strlen(norm) + 16;
    char *rel = malloc(n), *url = malloc(n);
    char type[16], size[32];
    json_t *f = NULL;
    if (rel && url) {
        const char *sep = p->dir[0] ? "/" : "";
        snprintf(rel, n, "content/%s%s%s", p->dir, sep, norm);
        if (p->is_bundle) snprintf(url, n, "%s%s", p->url, norm);
        else snprintf(url, n, "%s%s%s%s", site->base_path, p->dir, sep, norm);
        file_type(norm, type, sizeof type);
        f = json_pack("{s:s, s:s, s:s}", "file", norm, "url", url, "type", type);
        mc_diag d;
        char *path = mc_path_join(site->root, rel, &d); /* never a way out (safepath.h) */
        struct stat st;
        if (path && mc_link_confined(site->root, path, &st, &d) == 0 && S_ISREG(st.st_mode)) {
            size_text((long long)st.st_size, p->lang, size, sizeof size);
            json_object_set_new(f, "size", json_integer((json_int_t)st.st_size));
            json_object_set_new(f, "size_text", json_string(size));
        }
        free(path);
    }
    free(rel);
    free(url);
    free(norm);
    return f;
}

static void add_forms(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *out = json_array();
    size_t i;
    json_t *form;
    json_array_foreach(json_object_get(p->params, "forms"), i, form) {
        const char *file = json_is_string(form) ? json_string_value(form)
                                                : json_string_value(json_object_get(form, "file"));
        json_t *f = file ? mc_bundle_file(p, site, file) : NULL;
        if (!f) continue;
        json_t *title = json_object_get(form, "title");
        json_object_set_new(f, "title", json_is_string(title) ? json_incref(title) : json_string(file));
        json_array_append_new(out, f);
    }
    json_object_set_new(card, "has_forms", json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, "forms", out);
}

static void add_documents(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *out = json_array();
    size_t i;
    json_t *doc;
    json_array_foreach(json_object_get(p->params, "documents"), i, doc) {
        json_t *d = json_is_object(doc) ? json_copy(doc) : json_pack("{s:O}", "name", doc);
        json_object_set_new(d, "number", json_integer((json_int_t)i + 1));
        const char *original = json_string_value(json_object_get(d, "original"));
        if (original)
            json_object_set_new(d, "original_label",
                                json_string(word(site, p->lang, "original_", original)));
        const char *file = json_string_value(json_object_get(d, "form"));
        json_t *f = file ? mc_bundle_file(p, site, file) : NULL;
        if (f) json_object_set_new(d, "form", f);
        else json_object_del(d, "form");
        json_array_append_new(out, d);
    }
    json_object_set_new(card, "has_documents", json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, "documents", out);
}

/* ---- lists, legal basis, processing time ---- */

/* key as an array of strings (a string becomes a one-item list). */
static void add_list(json_t *card, const mc_page *p, const char *key, const char *out_key)
{
    json_t *v = json_object_get(p->params, key), *out = json_array();
    if (json_is_string(v) && json_string_length(v) > 0) json_array_append(out, v);
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
        if (json_is_string(item)) json_array_append(out, item);
    char flag[64];
    snprintf(flag, sizeof flag, "has_%s", out_key);
    json_object_set_new(card, flag, json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, out_key, out);
}

/* The first "60/2014/QH13"-like token of s, or NULL. Caller frees. */
static char *document_number(const char *s)
{
    for (const char *t = s; t && *t; t++) {
        if (!isdigit((unsigned char)*t) || (t > s && !isspace((unsigned char)t[-1]))) continue;
        const char *e = t;
        while (isdigit((unsigned char)*e)) e++;
        if (*e != '/' || !isdigit((unsigned char)e[1])) continue;
        while (*e && !isspace((unsigned char)*e) && *e != ',' && *e != ')' && *e != ';') e++;
        return strndup(t, (size_t)(e - t));
    }
    return NULL;
}

static void add_legal_basis(json_t *card, const mc_page *p)
{
    json_t *out = json_array();
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(p->params, "legal_basis"), i, entry) {
        json_t *e = json_is_object(entry) ? json_copy(entry) : json_pack("{s:O}", "title", entry);
        const char *title = json_string_value(json_object_get(e, "title"));
        char *number = json_object_get(e, "number") ? NULL : document_number(title);
        if (number) json_object_set_new(e, "number", json_string(number));
        free(number);
        json_array_append_new(out, e);
    }
    json_object_set_new(card, "has_legal_basis", json_boolean(json_array_size(out) > 0));
    json_object_set_new(card, "legal_basis", out);
}

/* "05 ngày làm việc" from a string, or from {value, unit, note}. */
static void add_processing_time(json_t *card, const mc_page *p)
{
    json_t *v = json_object_get(p->params, "processing_time");
    if (json_is_string(v)) {
        json_object_set(card, "processing_time_text", v);
    } else if (json_is_object(v)) {
        const char *unit = json_string_value(json_object_get(v, "unit"));
        const char *note = json_string_value(json_object_get(v, "note"));
        char buf[512];
        snprintf(buf, sizeof buf, "%lld %s%s%s", (long long)json_integer_value(json_object_get(v, "value")),
                 unit ? unit : "", note ? "; " : "", note ? note : "");
        json_object_set_new(card, "processing_time_text", json_string(buf));
    }
    json_t *days = json_object_get(p->params, "processing_days");
    if (json_is_integer(days)) json_object_set(card, "processing_days", days);
}

/* ---- sharing and feedback ---- */

/* Percent-encodes s for a URL query value. Caller frees. */
static char *url_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    if (!out) return NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (isalnum(*c) || strchr("-_.~", *c)) {
            *o++ = (char)*c;
        } else {
            *o++ = '%';
            *o++ = hex[*c >> 4];
            *o++ = hex[*c & 15];
        }
    }
    *o = '\0';
    return out;
}

static void add_share(json_t *card, const mc_page *p, const mc_site *site)
{
    const char *permalink = json_string_value(json_object_get(card, "permalink"));
    const char *email = json_string_value(json_object_get(json_object_get(site->config, "one_stop"),
                                                          "email"));
    char *title = url_encode(p->title), *link = url_encode(permalink ? permalink : "");
    size_t n = (title ? strlen(title) : 0) + (link ? strlen(link) : 0) + (email ? strlen(email) : 0) + 128;
    char *buf = malloc(n);
    if (title && link && buf) {
        json_t *share = json_object();
        snprintf(buf, n, "mailto:?subject=%s&body=%s", title, link);
        json_object_set_new(share, "email", json_string(buf));
        snprintf(buf, n, "https://www.facebook.com/sharer/sharer.php?u=%s", link);
        json_object_set_new(share, "facebook", json_string(buf));
        json_object_set_new(card, "share", share);
        if (email) {
            snprintf(buf, n, "mailto:%s?subject=%s%s", email, strcmp(p->lang, "en") ? "G%C3%B3p%20%C3%BD%3A%20"
                                                                                      : "Feedback%3A%20", title);
            json_object_set_new(card, "feedback_mailto", json_string(buf));
        }
    }
    free(title);
    free(link);
    free(buf);
}

/* site.yaml value template with each {name} replaced by its value,
 * percent-encoded (names and values in pairs, NULL-ended). Caller frees. */
static char *fill_template(const char *t, const char *const *pairs)
{
    mc_buf b = MC_BUF_INIT;
    while (*t) {
        size_t k, len = 0;
        for (k = 0; pairs[2 * k]; k++) {
            len = strlen(pairs[2 * k]);
            if (t[0] == '{' && !strncmp(t + 1, pairs[2 * k], len) && t[len + 1] == '}') break;
        }
        if (!pairs[2 * k]) {
            mc_buf_addc(&b, *t++);
            continue;
        }
        char *enc = url_encode(pairs[2 * k + 1]);
        if (enc) mc_buf_adds(&b, enc);
        free(enc);
        t += len + 2;
    }
    return mc_buf_take(&b, NULL);
}

/* The dossier lookup (site.yaml dossier_lookup, {code} = the procedure
 * code) and the page feedback (page_feedback: a form address with {url}
 * and {title}, or an e-mail address). site.c checks both addresses. */
static void add_portal_links(json_t *card, const mc_page *p, const mc_site *site)
{
    const char *lookup = json_string_value(json_object_get(site->config, "dossier_lookup"));
    const char *feedback = json_string_value(json_object_get(site->config, "page_feedback"));
    const char *code = json_string_value(json_object_get(p->params, "code"));
    const char *permalink = json_string_value(json_object_get(card, "permalink"));
    const char *const pairs[] = {"code", code ? code : "", "url", permalink ? permalink : "",
                                 "title", p->title, NULL};
    char *url = lookup ? fill_template(lookup, pairs) : NULL;
    if (url) json_object_set_new(card, "lookup_url", json_string(url));
    free(url);
    if (!feedback) return;
    if (!strstr(feedback, "://") && strchr(feedback, '@')) {
        char *title = url_encode(p->title), *link = url_encode(permalink ? permalink : "");
        size_t n = strlen(feedback) + (title ? strlen(title) : 0) + (link ? strlen(link) : 0) + 64;
        char *buf = title && link ? malloc(n) : NULL;
        if (buf) {
            snprintf(buf, n, "mailto:%s?subject=%s%s&body=%s", feedback,
                     strcmp(p->lang, "en") ? "G%C3%B3p%20%C3%BD%3A%20" : "Feedback%3A%20", title,
                     link);
            json_object_set_new(card, "page_feedback_url", json_string(buf));
        }
        free(buf);
        free(title);
        free(link);
        return;
    }
    url = fill_template(feedback, pairs);
    if (url) json_object_set_new(card, "page_feedback_url", json_string(url));
    free(url);
}

static void add_status(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *status = coded(p, site, "status", "status_");
    const char *code = status ? json_string_value(json_object_get(status, "code")) : "";
    if (status) json_object_set_new(card, "status", status);
    json_object_set_new(card, "is_abolished", json_boolean(!strcmp(code, "bai_bo")));
    if (!strcmp(code, "bai_bo")) { /* its tags' pages do not list it: no links to them */
        json_object_set_new(card, "has_tags", json_false());
        json_object_set_new(card, "tags", json_array());
    }
    json_object_set_new(card, "is_amended", json_boolean(!strcmp(code, "sua_doi")));
    const char *effective = json_string_value(json_object_get(p->params, "effective"));
    mc_date t;
    if (effective && mc_date_parse(effective, &t, NULL, 0, NULL) == 0)
        json_object_set_new(card, "effective", mc_date_forms(&t));
}

static void add_online(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *online = coded(p, site, "online", "online_");
    const char *code = online ? json_string_value(json_object_get(online, "code")) : "none";
    if (!online || !strcmp(code, "none")) {
        json_decref(online);
        json_object_set_new(card, "is_online", json_false());
        return;
    }
    json_object_set_new(online, "is_full", json_boolean(!strcmp(code, "toan_trinh")));
    json_object_set_new(online, "is_partial", json_boolean(!strcmp(code, "mot_phan")));
    json_t *url = json_object_get(p->params, "online_url");
    if (json_is_string(url)) json_object_set(online, "url", url);
    json_object_set_new(card, "online", online);
    json_object_set_new(card, "is_online", json_true());
}

void mc_procedure_facts(json_t *card, const mc_page *p, const mc_site *site)
{
    json_object_set_new(card, "has_guide", json_boolean(p->body_has_text));
    add_fees(card, p);
    add_channels(card, p, site);
    json_t *level = coded(p, site, "level", "level_");
    if (level) json_object_set_new(card, "level", level);
    add_online(card, p, site);
    add_status(card, p, site);
    add_documents(card, p, site);
    add_forms(card, p, site);
    add_list(card, p, "audience", "audience_list");
    add_list(card, p, "steps", "steps_list");
    add_list(card, p, "conditions", "conditions_list");
    add_list(card, p, "result", "result_list");
    add_legal_basis(card, p);
    add_processing_time(card, p);
    add_share(card, p, site);
    add_portal_links(card, p, site);
    char *ld = mc_jsonld_service(card, p, site);
    if (ld) json_object_set_new(card, "jsonld", json_string(ld));
    free(ld);
}
