/* markdown.c — Markdown body → HTML (see markdown.h for the contract).
 *
 * Design: parse with cmark-gfm, then one walk over the tree before rendering:
 *   1. links whose URL ends in ".md" (before any '#') are rewritten through
 *      the resolver; broken ones are collected as FILE:LINE errors;
 *   2. each heading gets a text node prepended that holds a marker
 *      "\x01<index>\x02". cmark's HTML renderer writes it right after the
 *      opening "<hN>", and a single pass over the rendered HTML turns
 *      "<hN>\x01<index>\x02" into "<hN id=\"slug\">". Rendering through
 *      cmark keeps its escaping; the marker avoids re-implementing the
 *      renderer or depending on raw HTML (which the safe mode drops).
 * Control bytes \x01 and \x02 in the source are removed first, so a marker
 * can only come from this file.
 */
#include "markdown.h"
#include "text.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK_OPEN '\x01'
#define MARK_CLOSE '\x02'

void mc_markdown_init(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

static cmark_parser *new_parser(int options)
{
    static const char *const names[] = {"table", "autolink", "strikethrough", "tagfilter"};
    cmark_parser *parser = cmark_parser_new(options);
    for (size_t i = 0; parser && i < sizeof names / sizeof names[0]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
        if (ext) cmark_parser_attach_syntax_extension(parser, ext);
    }
    return parser;
}

/* Copy of s without marker bytes, or NULL with *out_len = len when s has
 * none (the usual case: no copy). *failed is set when out of memory. */
static char *strip_markers(const char *s, size_t len, size_t *out_len, int *failed)
{
    *out_len = len;
    *failed = 0;
    if (!memchr(s, MARK_OPEN, len) && !memchr(s, MARK_CLOSE, len)) return NULL;
    char *out = malloc(len + 1);
    if (!out) {
        *failed = 1;
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != MARK_OPEN && s[i] != MARK_CLOSE) out[n++] = s[i];
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* Appends the literal text under node (text, code, line breaks as spaces). */
static void collect_text(cmark_node *node, char **buf, size_t *len)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        const char *lit = NULL;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) lit = cmark_node_get_literal(c);
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) lit = " ";
        if (lit) {
            size_t add = strlen(lit);
            char *grown = realloc(*buf, *len + add + 1);
            if (!grown) return;
            memcpy(grown + *len, lit, add + 1);
            *buf = grown;
            *len += add;
        }
        collect_text(c, buf, len);
    }
}

static int id_taken(json_t *headings, const char *id)
{
    size_t i;
    json_t *h;
    json_array_foreach(headings, i, h)
        if (!strcmp(json_string_value(json_object_get(h, "id")), id)) return 1;
    return 0;
}

/* A slug unique among the ids already in headings: "x", "x-2", "x-3"... */
static char *unique_id(json_t *headings, const char *text, size_t index)
{
    char *base = mc_slug(text, strlen(text), NULL);
    if (!base || !base[0]) {
        free(base);
        base = malloc(32);
        if (base) snprintf(base, 32, "muc-%zu", index + 1);
    }
    if (!base || !id_taken(headings, base)) return base;
    size_t n = strlen(base) + 24;
    char *id = malloc(n);
    for (int k = 2; id; k++) {
        snprintf(id, n, "%s-%d", base, k);
        if (!id_taken(headings, id)) break;
    }
    free(base);
    return id;
}

static void mark_heading(cmark_node *heading, json_t *headings)
{
    char *text = calloc(1, 1);
    size_t len = 0;
    collect_text(heading, &text, &len);
    size_t index = json_array_size(headings);
    char *id = unique_id(headings, text ? text : "", index);
    json_array_append_new(headings, json_pack("{s:i, s:s, s:s}", "level",
                          cmark_node_get_heading_level(heading), "text",
                          text ? text : "", "id", id ? id : ""));
    char marker[32];
    snprintf(marker, sizeof marker, "%c%zu%c", MARK_OPEN, index, MARK_CLOSE);
    cmark_node *m = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(m, marker);
    cmark_node_prepend_child(heading, m);
    free(text);
    free(id);
}

static void rewrite_link(cmark_node *link, const mc_markdown_opts *opts,
                         mc_diag_list *errs)
{
    const char *url = cmark_node_get_url(link);
    if (!url || strstr(url, "://") || !strncmp(url, "mailto:", 7)) return;
    const char *hash = strchr(url, '#');
    size_t path_len = hash ? (size_t)(hash - url) : strlen(url);
    if (path_len < 3 || strncmp(url + path_len - 3, ".md", 3) != 0) return;
    char *target = strndup(url, path_len);
    const char *resolved = target ? opts->resolve_link(opts->resolve_ctx, target) : NULL;
    if (!resolved) {
        mc_diag d;
        mc_diag_set(&d, opts->file, opts->first_line + cmark_node_get_start_line(link) - 1, 0,
                    "link to '%s', but no page has that file; fix the path "
                    "(it is relative to this file) or create the page", target ? target : url);
        mc_diag_list_add(errs, &d);
    } else {
        size_t n = strlen(resolved) + (hash ? strlen(hash) : 0) + 1;
        char *full = malloc(n);
        if (full) {
            snprintf(full, n, "%s%s", resolved, hash ? hash : "");
            cmark_node_set_url(link, full);
            free(full);
        }
    }
    free(target);
}

/* A content image must say what it shows, for screen readers and slow
 * connections: empty alt text is a warning at the image's line. */
static void warn_missing_alt(cmark_node *image, const mc_markdown_opts *opts,
                             mc_diag_list *errs)
{
    char *alt = calloc(1, 1);
    size_t len = 0;
    collect_text(image, &alt, &len);
    int blank = 1;
    for (size_t i = 0; alt && i < len; i++)
        if (alt[i] != ' ' && alt[i] != '\t') blank = 0;
    if (blank) {
        mc_diag d;
        const char *url = cmark_node_get_url(image);
        mc_diag_warn(&d, opts->file, opts->first_line + cmark_node_get_start_line(image) - 1, 0,
                     "image '%s' has no alt text; describe what it shows between the "
                     "brackets: ![Sơ đồ nơi nộp hồ sơ](%s)", url ? url : "", url ? url : "");
        mc_diag_list_add(errs, &d);
    }
    free(alt);
}

static void walk(cmark_node *root, const mc_markdown_opts *opts, json_t *headings,
                 mc_diag_list *errs)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    /* Headings are marked after the walk: prepending a child while the
     * iterator stands on the node would make it visit the new node. */
    size_t nheads = 0, cap = 0;
    cmark_node **heads = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (t == CMARK_NODE_IMAGE) {
            warn_missing_alt(node, opts, errs);
        } else if (t == CMARK_NODE_LINK && opts->resolve_link) {
            rewrite_link(node, opts, errs);
        } else if (t == CMARK_NODE_HEADING) {
            if (nheads == cap) {
                cap = cap ? cap * 2 : 16;
                cmark_node **grown = realloc(heads, cap * sizeof *grown);
                if (!grown) break;
                heads = grown;
            }
            heads[nheads++] = node;
        }
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < nheads; i++) mark_heading(heads[i], headings);
    free(heads);
}

/* Replaces each "<hN>\x01K\x02" with "<hN id=\"ID\">". */
static char *insert_heading_ids(const char *html, json_t *headings)
{
    size_t extra = 0, i;
    json_t *h;
    json_array_foreach(headings, i, h)
        extra += strlen(json_string_value(json_object_get(h, "id"))) + 8;
    size_t n = strlen(html);
    char *out = malloc(n + extra + 1);
    if (!out) return NULL;
    size_t o = 0;
    const char *p = html, *stop = html + n;
    while (p < stop) {
        const char *mark = memchr(p, MARK_OPEN, (size_t)(stop - p));
        size_t run = mark ? (size_t)(mark - p) : (size_t)(stop - p);
        memcpy(out + o, p, run); /* the text up to the next marker, at once */
        o += run;
        p += run;
        if (!mark) break;
        if (o > 0 && out[o - 1] == '>') {
            char *end;
            unsigned long k = strtoul(p + 1, &end, 10);
            json_t *hd = json_array_get(headings, k);
            if (*end == MARK_CLOSE && hd) {
                o--; /* drop '>' and reopen the tag with the id */
                o += (size_t)sprintf(out + o, " id=\"%s\">",
                                     json_string_value(json_object_get(hd, "id")));
                p = end + 1;
                continue;
            }
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
    return out;
}

char *mc_markdown_render(const char *body, size_t len, const mc_markdown_opts *opts,
                         json_t **headings_out, mc_diag_list *errs)
{
    size_t clean_len;
    int failed;
    char *clean = strip_markers(body, len, &clean_len, &failed);
    /* style attributes: HTML5 has no align attribute on table cells */
    int options = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES |
                  (opts->unsafe ? CMARK_OPT_UNSAFE : 0);
    cmark_parser *parser = failed ? NULL : new_parser(options);
    if (!parser) { free(clean); return NULL; }
    cmark_parser_feed(parser, clean ? clean : body, clean_len);
    if (opts->parse_lock) pthread_mutex_lock(opts->parse_lock);
    cmark_node *doc = cmark_parser_finish(parser); /* inlines: see markdown.h, Threads */
    if (opts->parse_lock) pthread_mutex_unlock(opts->parse_lock);
    json_t *headings = json_array();
    size_t errors_before = errs->errors;
    walk(doc, opts, headings, errs);
    char *html = NULL;
    if (errs->errors == errors_before) {
        char *raw = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
        html = raw ? insert_heading_ids(raw, headings) : NULL;
        free(raw);
    }
    cmark_node_free(doc);
    cmark_parser_free(parser);
    free(clean);
    if (headings_out && html) *headings_out = headings;
    else json_decref(headings);
    return html;
}
