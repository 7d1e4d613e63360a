/* yamljson.c — YAML text to Jansson values with a line map (see yamljson.h).
 *
 * Design: libyaml's event API (yaml_parser_parse) drives a small recursive
 * builder. build_node() receives the first event of a node and consumes the
 * events up to the node's end, returning a json_t. While descending, the
 * builder keeps the path of the current node in a growing buffer ("a/0/b");
 * each node's line is stored in the line map under that path (the caller of
 * a mapping value stores the key's line first, so a member's line is its
 * key's line). Anchored values are kept (one reference each) in a small
 * array together with their size in nodes; an alias adds that size to the
 * node count before deep-copying, so an alias bomb fails at the cap without
 * allocating. Errors go to the mc_diag once and the builder unwinds with
 * NULL; every path frees what it owns.
 */
#include "yamljson.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct mc_anchor {
    char *name;
    json_t *value;   /* one reference */
    size_t nodes;    /* values in the anchored subtree */
} mc_anchor;

typedef struct mc_yctx {
    yaml_parser_t parser;
    const char *file;
    const char *text;    /* the YAML text (after any BOM) */
    size_t len;
    int first_line;
    const char *what;    /* "the front matter", "the YAML" */
    json_t *lines;       /* path -> line */
    char *path;
    size_t path_len, path_cap;
    mc_anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t nodes;
    mc_diag *d;
} mc_yctx;

static json_t *build_node(mc_yctx *c, yaml_event_t *ev, int depth);

/* ---- positions and errors ---------------------------------------------- */

static int mark_line(const mc_yctx *c, yaml_mark_t m)
{
    return c->first_line + (int)m.line;
}

static json_t *fail_at(mc_yctx *c, yaml_mark_t m, const char *msg)
{
    mc_diag_set(c->d, c->file, mark_line(c, m), (int)m.column + 1, "%s", msg);
    return NULL;
}

static json_t *fail_oom(mc_yctx *c)
{
    mc_diag_set(c->d, c->file, 0, 0, "out of memory while reading YAML");
    return NULL;
}

/* Start of 0-based line `line` of the YAML text, or NULL. */
static const char *line_start(const mc_yctx *c, size_t line)
{
    const char *p = c->text, *end = c->text + c->len;
    for (size_t i = 0; i < line; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    return p;
}

/* Does 0-based line `line` have a tab in its leading whitespace? */
static int line_indented_with_tab(const mc_yctx *c, size_t line)
{
    const char *p = line_start(c, line), *end = c->text + c->len;
    for (; p && p < end && (*p == ' ' || *p == '\t'); p++)
        if (*p == '\t') return 1;
    return 0;
}

/* Report a libyaml reader error, which has a byte offset instead of a mark. */
static void reader_error(mc_yctx *c)
{
    size_t off = c->parser.problem_offset, i;
    int line = c->first_line, col = 1;
    if (off > c->len) off = c->len;
    for (i = 0; i < off; i++) {
        unsigned char b = (unsigned char)c->text[i];
        if (b == '\n') { line++; col = 1; }
        else if ((b & 0xC0) != 0x80) col++;
    }
    if (c->parser.problem_value >= 0)
        mc_diag_set(c->d, c->file, line, col, "%s (character U+%04X); remove it "
                    "from %s", c->parser.problem, (unsigned)c->parser.problem_value,
                    c->what);
    else
        mc_diag_set(c->d, c->file, line, col, "%s; check %s near this line",
                    c->parser.problem, c->what);
}

static void parser_error(mc_yctx *c)
{
    yaml_parser_t *p = &c->parser;
    yaml_mark_t m = p->problem_mark;
    int tab = line_indented_with_tab(c, m.line) ||
              (m.line > 0 && line_indented_with_tab(c, m.line - 1));
    if (p->error == YAML_MEMORY_ERROR) {
        fail_oom(c);
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        reader_error(c);
        return;
    }
    char started[64] = "";
    if (p->context && p->context_mark.line != m.line)
        snprintf(started, sizeof started, " started at line %d",
                 mark_line(c, p->context_mark));
    mc_diag_set(c->d, c->file, mark_line(c, m), (int)m.column + 1,
                "%s%s%s%s; check %s near this line%s",
                p->problem ? p->problem : "YAML syntax error",
                p->context ? " " : "", p->context ? p->context : "", started,
                c->what, tab ? " (YAML indentation must use spaces, not tabs)" : "");
}

static int next_event(mc_yctx *c, yaml_event_t *ev)
{
    if (yaml_parser_parse(&c->parser, ev)) return 0;
    parser_error(c);
    return -1;
}

/* ---- path and line map ------------------------------------------------- */

static int path_reserve(mc_yctx *c, size_t extra)
{
    size_t need = c->path_len + extra + 1;
    if (need <= c->path_cap) return 0;
    size_t cap = c->path_cap ? c->path_cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(c->path, cap);
    if (!p) return -1;
    c->path = p;
    c->path_cap = cap;
    return 0;
}

/* Append one escaped segment; returns the old length (for path_pop) or
 * (size_t)-1 when out of memory. */
static size_t path_push(mc_yctx *c, const char *key)
{
    size_t old = c->path_len;
    if (path_reserve(c, 2 * strlen(key) + 1)) return (size_t)-1;
    if (old) c->path[c->path_len++] = '/';
    for (const char *k = key; *k; k++) {
        if (*k == '~' || *k == '/') {
            c->path[c->path_len++] = '~';
            c->path[c->path_len++] = *k == '~' ? '0' : '1';
        } else {
            c->path[c->path_len++] = *k;
        }
    }
    c->path[c->path_len] = '\0';
    return old;
}

static void path_pop(mc_yctx *c, size_t old)
{
    c->path_len = old;
    c->path[old] = '\0';
}

static int line_set(mc_yctx *c, int line, int only_if_absent)
{
    if (only_if_absent && json_object_get(c->lines, c->path)) return 0;
    return json_object_set_new(c->lines, c->path, json_integer(line));
}

/* ---- anchors ----------------------------------------------------------- */

static int anchor_add(mc_yctx *c, const char *name, json_t *v, size_t nodes)
{
    if (c->n_anchors == c->cap_anchors) {
        size_t cap = c->cap_anchors ? 2 * c->cap_anchors : 8;
        mc_anchor *a = realloc(c->anchors, cap * sizeof *a);
        if (!a) return -1;
        c->anchors = a;
        c->cap_anchors = cap;
    }
    char *copy = strdup(name);
    if (!copy) return -1;
    c->anchors[c->n_anchors++] = (mc_anchor){copy, json_incref(v), nodes};
    return 0;
}

static const mc_anchor *anchor_find(const mc_yctx *c, const char *name)
{
    for (size_t i = c->n_anchors; i-- > 0;)   /* a redefinition wins */
        if (strcmp(c->anchors[i].name, name) == 0) return &c->anchors[i];
    return NULL;
}

static void anchors_free(mc_yctx *c)
{
    for (size_t i = 0; i < c->n_anchors; i++) {
        free(c->anchors[i].name);
        json_decref(c->anchors[i].value);
    }
    free(c->anchors);
}

static int count_nodes(mc_yctx *c, size_t n, yaml_mark_t m)
{
    if (c->nodes + n <= MC_YAML_MAX_NODES) {
        c->nodes += n;
        return 0;
    }
    char msg[200];
    snprintf(msg, sizeof msg, "more than %d values (aliases count in full); "
             "split the data into several files or use fewer aliases",
             MC_YAML_MAX_NODES);
    fail_at(c, m, msg);
    return -1;
}

/* ---- scalars ----------------------------------------------------------- */

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static int all_in(const char *s, const char *set)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!strchr(set, *s)) return 0;
    return 1;
}

static int is_null_word(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

/* 1 true, 0 false, -1 not a boolean */
static int bool_word(const char *s)
{
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) return 1;
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) return 0;
    return -1;
}

/* Integer per the core schema; NULL when s is not one we keep as a number. */
static json_t *int_value(const char *s)
{
    const char *digits = s + (*s == '+' || *s == '-');
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        base = s[1] == 'x' ? 16 : 8;
        if (!all_in(s + 2, base == 16 ? "0123456789abcdefABCDEF" : "01234567"))
            return NULL;
        errno = 0;
        unsigned long long u = strtoull(s + 2, NULL, base);
        if (errno || u > (unsigned long long)LLONG_MAX) return NULL;
        return json_integer((json_int_t)u);
    }
    if (!all_in(digits, "0123456789")) return NULL;
    if (digits[0] == '0' && digits[1]) return NULL;   /* "0912..." stays text */
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno) return NULL;
    return json_integer((json_int_t)v);
}

static int is_float_syntax(const char *s)
{
    size_t i = 0, int_digits = 0, frac_digits = 0, exp_digits = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    for (; is_digit(s[i]); i++) int_digits++;
    if (s[i] == '.')
        for (i++; is_digit(s[i]); i++) frac_digits++;
    if (!int_digits && !frac_digits) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-') i++;
        for (; is_digit(s[i]); i++) exp_digits++;
        if (!exp_digits) return 0;
    }
    return s[i] == '\0';
}

/* Real per the core schema, parsed independently of the C locale. */
static json_t *real_value(const char *s, size_t n)
{
    if (!is_float_syntax(s)) return NULL;
    char *buf = malloc(n + 1);
    if (!buf) return NULL;
    memcpy(buf, s, n + 1);
    const char *dp = localeconv()->decimal_point;
    char *dot = strchr(buf, '.');
    if (dot && dp && dp[0] && dp[0] != '.' && !dp[1]) *dot = dp[0];
    double v = strtod(buf, NULL);
    free(buf);
    if (isinf(v) || isnan(v)) return NULL;
    return json_real(v);
}

static json_t *plain_value(const char *s, size_t n)
{
    json_t *v;
    int b;
    if (is_null_word(s)) return json_null();
    if ((b = bool_word(s)) >= 0) return json_boolean(b);
    if ((v = int_value(s))) return v;
    /* digits only but not kept as an integer (leading zero, too large):
     * text, not a real */
    if (!all_in(s + (*s == '+' || *s == '-'), "0123456789") &&
        (v = real_value(s, n)))
        return v;
    return json_stringn(s, n);
}

/* Check a tag: returns 1 for "treat as string", 0 for "resolve as usual",
 * -1 (after reporting) for a tag we do not support. */
static int tag_kind(mc_yctx *c, const char *tag, yaml_mark_t m, int scalar)
{
    static const char *const plain_ok[] = {
        YAML_NULL_TAG, YAML_BOOL_TAG, YAML_INT_TAG, YAML_FLOAT_TAG};
    if (!tag) return 0;
    if (scalar && (!strcmp(tag, "!") || !strcmp(tag, YAML_STR_TAG))) return 1;
    if (scalar) {
        for (size_t i = 0; i < sizeof plain_ok / sizeof *plain_ok; i++)
            if (!strcmp(tag, plain_ok[i])) return 0;
    } else if (!strcmp(tag, "!") || !strcmp(tag, YAML_SEQ_TAG) ||
               !strcmp(tag, YAML_MAP_TAG)) {
        return 0;
    }
    char msg[400];
    snprintf(msg, sizeof msg, "unsupported YAML tag '%.200s'; remove it "
             "(only plain values, lists and mappings are understood)", tag);
    fail_at(c, m, msg);
    return -1;
}

static json_t *build_scalar(mc_yctx *c, yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    int kind = tag_kind(c, (const char *)ev->data.scalar.tag, ev->start_mark, 1);
    if (kind < 0) return NULL;
    if (strlen(s) != n)
        return fail_at(c, ev->start_mark, "text contains a NUL character "
                       "(\\0); remove it");
    json_t *v = (kind == 0 && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
                    ? plain_value(s, n) : json_stringn(s, n);
    return v ? v : fail_oom(c);
}

/* ---- collections ------------------------------------------------------- */

static json_t *build_alias(mc_yctx *c, yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    const mc_anchor *a = anchor_find(c, name);
    char msg[400];
    if (!a) {
        snprintf(msg, sizeof msg, "alias '*%.100s' refers to no anchor "
                 "'&%.100s' defined before it; define the anchor first",
                 name, name);
        return fail_at(c, ev->start_mark, msg);
    }
    if (count_nodes(c, a->nodes, ev->start_mark)) return NULL;
    json_t *v = json_deep_copy(a->value);
    return v ? v : fail_oom(c);
}

static json_t *build_seq(mc_yctx *c, int depth)
{
    json_t *arr = json_array();
    if (!arr) return fail_oom(c);
    for (size_t i = 0;; i++) {
        yaml_event_t e;
        if (next_event(c, &e)) goto fail;
        if (e.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&e);
            return arr;
        }
        char idx[32];
        snprintf(idx, sizeof idx, "%zu", i);
        size_t old = path_push(c, idx);
        if (old == (size_t)-1) {
            yaml_event_delete(&e);
            fail_oom(c);
            goto fail;
        }
        json_t *child = build_node(c, &e, depth + 1);
        path_pop(c, old);
        if (!child) goto fail;
        if (json_array_append_new(arr, child)) {
            fail_oom(c);
            goto fail;
        }
    }
fail:
    json_decref(arr);
    return NULL;
}

/* Read one key event; returns a malloc'd key, or NULL at the mapping's end
 * (*done = 1) or on error (*done = 0). */
static char *read_key(mc_yctx *c, int *done, yaml_mark_t *km)
{
    yaml_event_t e;
    char *key = NULL;
    *done = 0;
    if (next_event(c, &e)) return NULL;
    *km = e.start_mark;
    if (e.type == YAML_MAPPING_END_EVENT) {
        *done = 1;
    } else if (e.type != YAML_SCALAR_EVENT) {
        fail_at(c, e.start_mark, "a key must be plain text, not a list, a "
                "mapping or an alias; write 'name: value'");
    } else if (strlen((const char *)e.data.scalar.value) != e.data.scalar.length) {
        fail_at(c, e.start_mark, "key contains a NUL character (\\0); remove it");
    } else if (!(key = strdup((const char *)e.data.scalar.value))) {
        fail_oom(c);
    }
    yaml_event_delete(&e);
    return key;
}

static int duplicate_key(mc_yctx *c, const char *key, yaml_mark_t km)
{
    json_int_t first = json_integer_value(json_object_get(c->lines, c->path));
    mc_diag_set(c->d, c->file, mark_line(c, km), 0,
                "duplicate key '%.200s' (first at line %d); remove one of them",
                key, (int)first);
    return -1;
}

/* One "key: value" member into obj; returns 1 at the mapping's end, 0 after
 * a member, -1 on error. */
static int build_member(mc_yctx *c, json_t *obj, int depth)
{
    yaml_mark_t km;
    int done, rc = -1;
    char *key = read_key(c, &done, &km);
    if (!key) return done ? 1 : -1;
    size_t old = path_push(c, key);
    if (old == (size_t)-1) {
        free(key);
        fail_oom(c);
        return -1;
    }
    if (json_object_get(obj, key)) {
        duplicate_key(c, key, km);
    } else if (line_set(c, mark_line(c, km), 0)) {
        fail_oom(c);
    } else {
        yaml_event_t e;
        json_t *child = next_event(c, &e) ? NULL : build_node(c, &e, depth + 1);
        if (child && json_object_set_new(obj, key, child))
            fail_at(c, km, "key is not valid text; save the file as UTF-8");
        else if (child)
            rc = 0;
    }
    path_pop(c, old);
    free(key);
    return rc;
}

static json_t *build_map(mc_yctx *c, int depth)
{
    json_t *obj = json_object();
    int rc;
    if (!obj) return fail_oom(c);
    while ((rc = build_member(c, obj, depth)) == 0) {
    }
    if (rc < 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* ---- nodes ------------------------------------------------------------- */

static const char *event_anchor(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return (const char *)ev->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return (const char *)ev->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return (const char *)ev->data.mapping_start.anchor;
    default: return NULL;
    }
}

static const char *event_tag(const yaml_event_t *ev)
{
    if (ev->type == YAML_SEQUENCE_START_EVENT)
        return (const char *)ev->data.sequence_start.tag;
    if (ev->type == YAML_MAPPING_START_EVENT)
        return (const char *)ev->data.mapping_start.tag;
    return NULL;
}

/* Build the collection whose start event is ev (already checked). */
static json_t *build_collection(mc_yctx *c, yaml_event_t *ev, int depth)
{
    if (depth >= MC_YAML_MAX_DEPTH) {
        char msg[160];
        snprintf(msg, sizeof msg, "values nested more than %d levels deep; "
                 "flatten the data", MC_YAML_MAX_DEPTH);
        return fail_at(c, ev->start_mark, msg);
    }
    if (tag_kind(c, event_tag(ev), ev->start_mark, 0) < 0) return NULL;
    int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
    yaml_event_delete(ev);
    return is_seq ? build_seq(c, depth) : build_map(c, depth);
}

/* Build the node starting with ev; consumes (deletes) ev. */
static json_t *build_node(mc_yctx *c, yaml_event_t *ev, int depth)
{
    json_t *v = NULL;
    size_t before = c->nodes;
    char *anchor = NULL;
    if (event_anchor(ev) && !(anchor = strdup(event_anchor(ev)))) {
        yaml_event_delete(ev);
        return fail_oom(c);
    }
    if (line_set(c, mark_line(c, ev->start_mark), 1)) {
        fail_oom(c);
    } else if (ev->type == YAML_ALIAS_EVENT) {
        v = build_alias(c, ev);
    } else if (count_nodes(c, 1, ev->start_mark)) {
        /* reported */
    } else if (ev->type == YAML_SCALAR_EVENT) {
        v = build_scalar(c, ev);
    } else if (ev->type == YAML_SEQUENCE_START_EVENT ||
               ev->type == YAML_MAPPING_START_EVENT) {
        v = build_collection(c, ev, depth);
    } else {
        fail_at(c, ev->start_mark, "unexpected YAML structure; check the YAML");
    }
    yaml_event_delete(ev);   /* safe twice: delete zeroes the event */
    if (v && anchor && anchor_add(c, anchor, v, c->nodes - before)) {
        json_decref(v);
        v = fail_oom(c);
    }
    free(anchor);
    return v;
}

/* Read the next event into got: 0 when it has the given type, 1 when it
 * has another (got must then be deleted), -1 on a parse error. */
static int expect(mc_yctx *c, yaml_event_type_t type, yaml_event_t *got)
{
    if (next_event(c, got)) return -1;
    if (got->type == type) return 0;
    return 1;
}

static json_t *load_stream(mc_yctx *c)
{
    yaml_event_t e;
    json_t *root;
    int rc = expect(c, YAML_STREAM_START_EVENT, &e);
    if (rc) {
        if (rc > 0) {
            fail_at(c, e.start_mark, "not a YAML stream");
            yaml_event_delete(&e);
        }
        return NULL;
    }
    yaml_event_delete(&e);
    if (next_event(c, &e)) return NULL;
    if (e.type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&e);
        return json_null();
    }
    yaml_event_delete(&e);   /* DOCUMENT_START */
    if (next_event(c, &e) || !(root = build_node(c, &e, 0))) return NULL;
    if ((rc = expect(c, YAML_DOCUMENT_END_EVENT, &e)) > 0) {
        fail_at(c, e.start_mark, "unexpected YAML structure after the document");
        yaml_event_delete(&e);
    }
    if (rc) goto fail;
    yaml_event_delete(&e);
    rc = expect(c, YAML_STREAM_END_EVENT, &e);
    if (rc == 0) {
        yaml_event_delete(&e);
        return root;
    }
    if (rc > 0) {
        fail_at(c, e.start_mark, "a second YAML document starts here; a file "
                "holds one document: remove the '---' line");
        yaml_event_delete(&e);
    }
fail:
    json_decref(root);
    return NULL;
}

json_t *mc_yaml_load_named(const char *file, const char *text, size_t len,
                           int first_line, const char *what,
                           json_t **lines_out, mc_diag *d)
{
    mc_yctx c;
    memset(&c, 0, sizeof c);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    c.file = file;
    c.text = text;
    c.len = len;
    c.first_line = first_line > 0 ? first_line : 1;
    c.what = what ? what : "the YAML";
    c.d = d;
    if (lines_out) *lines_out = NULL;
    if (!yaml_parser_initialize(&c.parser)) return fail_oom(&c);
    yaml_parser_set_input_string(&c.parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
    json_t *root = NULL;
    c.lines = json_object();
    if (!c.lines || path_reserve(&c, 0)) {
        fail_oom(&c);
    } else {
        c.path[0] = '\0';
        root = load_stream(&c);
    }
    yaml_parser_delete(&c.parser);
    anchors_free(&c);
    free(c.path);
    if (root && lines_out) *lines_out = c.lines;
    else json_decref(c.lines);
    return root;
}

json_t *mc_yaml_load(const char *file, const char *text, size_t len,
                     int first_line, json_t **lines_out, mc_diag *d)
{
    return mc_yaml_load_named(file, text, len, first_line, NULL, lines_out, d);
}

/* ---- looking lines up -------------------------------------------------- */

/* Unescape the segment seg[0..n) into buf (size >= n + 1). */
static void unescape_segment(const char *seg, size_t n, char *buf)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (seg[i] == '~' && i + 1 < n && (seg[i + 1] == '0' || seg[i + 1] == '1'))
            buf[j++] = seg[++i] == '0' ? '~' : '/';
        else
            buf[j++] = seg[i];
    }
    buf[j] = '\0';
}

static const json_t *child_of(const json_t *v, const char *key)
{
    if (json_is_object(v)) return json_object_get(v, key);
    if (!json_is_array(v) || !all_in(key, "0123456789")) return NULL;
    if (key[0] == '0' && key[1]) return NULL;
    errno = 0;
    unsigned long long i = strtoull(key, NULL, 10);
    if (errno || i >= json_array_size(v)) return NULL;
    return json_array_get(v, (size_t)i);
}

static int path_exists(const json_t *data, const char *path)
{
    const json_t *v = data;
    size_t n = strlen(path);
    char *buf;
    if (!*path) return data != NULL;
    if (!(buf = malloc(n + 1))) return 0;
    for (const char *p = path; v;) {
        const char *slash = strchr(p, '/');
        size_t seg = slash ? (size_t)(slash - p) : strlen(p);
        unescape_segment(p, seg, buf);
        v = child_of(v, buf);
        if (!slash) break;
        p = slash + 1;
    }
    free(buf);
    return v != NULL;
}

int mc_yaml_line(const json_t *data, const json_t *lines, const char *path)
{
    if (!lines || !path || !path_exists(data, path)) return 0;
    char *buf = strdup(path);
    int line = 0;
    if (!buf) return 0;
    for (;;) {
        const json_t *v = json_object_get(lines, buf);
        if (json_is_integer(v)) {
            line = (int)json_integer_value(v);
            break;
        }
        if (!*buf) break;
        char *slash = strrchr(buf, '/');
        if (slash) *slash = '\0';
        else buf[0] = '\0';
    }
    free(buf);
    return line;
}

int mc_yaml_path_append(char *path, size_t n, const char *key)
{
    size_t len = strlen(path), need = len + (len > 0);
    for (const char *k = key; *k; k++) need += (*k == '~' || *k == '/') ? 2 : 1;
    if (need + 1 > n) return -1;
    char *p = path + len;
    if (len) *p++ = '/';
    for (const char *k = key; *k; k++) {
        if (*k == '~' || *k == '/') {
            *p++ = '~';
            *p++ = *k == '~' ? '0' : '1';
        } else {
            *p++ = *k;
        }
    }
    *p = '\0';
    return 0;
}
