/* front_write.c — a content file's text as a person writes it (see
 * front_write.h). The loader (yamljson.h) reads every form written here
 * back to the same value: bare words are only written where they would
 * load as the same string.
 */
#include "front_write.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The keys written before the kind's own, in this order. */
static const char *const first_keys[] = {"title", "date"};

char *mc_yaml_quoted(const char *s)
{
    mc_buf b = MC_BUF_INIT;
    mc_buf_addc(&b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') { mc_buf_addc(&b, '\\'); mc_buf_addc(&b, (char)*p); }
        else if (*p == '\n') mc_buf_adds(&b, "\\n");
        else if (*p == '\t') mc_buf_adds(&b, "\\t");
        else if (*p < 0x20 || *p == 0x7f) mc_buf_printf(&b, "\\x%02x", *p);
        else mc_buf_addc(&b, (char)*p);
    }
    mc_buf_addc(&b, '"');
    if (b.oom) { mc_buf_free(&b); return NULL; }
    return mc_buf_take(&b, NULL);
}

static int is_date(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

/* A word the loader reads back as this same string: a code (a letter,
 * then letters, digits, '_', '-' or '.'; not true/false/null) or a date. */
static int plain_word(const char *s)
{
    static const char *const special[] = {"true", "false", "null", "yes", "no", "on", "off"};
    size_t n = strlen(s);
    if (is_date(s)) return 1;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
    if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n) return 0;
    for (size_t i = 0; i < sizeof special / sizeof *special; i++)
        if (!strcasecmp(s, special[i])) return 0;
    return 1;
}

/* Left out: null, and an empty string or list of a key not required. */
static int left_out(const mc_field *f, const json_t *v)
{
    if (!v || json_is_null(v)) return 1;
    if (f && f->required) return 0;
    return (json_is_string(v) && !json_string_length(v)) || (json_is_array(v) && !json_array_size(v));
}

static void scalar(mc_buf *b, const mc_field *f, const json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        int bare = plain_word(s) &&
                   ((f && (f->type == MC_F_CHOICE || f->type == MC_F_DATE)) || is_date(s));
        if (bare) { mc_buf_adds(b, s); return; }
        char *q = mc_yaml_quoted(s);
        if (!q) { b->oom = 1; return; }
        mc_buf_adds(b, q);
        free(q);
    } else if (json_is_integer(v)) {
        mc_buf_printf(b, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        mc_buf_printf(b, "%.17g", json_real_value(v));
    } else if (json_is_boolean(v)) {
        mc_buf_adds(b, json_is_true(v) ? "true" : "false");
    } else {
        mc_buf_adds(b, "null");
    }
}

static void mapping(mc_buf *b, const mc_field *table, const json_t *obj, int indent, int first_inline);

/* "key: value" at indent (no indent when inline), with nested values under it. */
static void member(mc_buf *b, const mc_field *f, const char *key, const json_t *v, int indent, int inline_)
{
    if (!inline_) mc_buf_printf(b, "%*s", indent, "");
    mc_buf_adds(b, key);
    mc_buf_addc(b, ':');
    const mc_field *items = f && f->type == MC_F_LIST ? f->items : NULL;
    if (json_is_array(v) && f && f->type == MC_F_TAGS) {
        /* terms on one line, as `motcua new` writes them: [a, b] */
        mc_buf_adds(b, " [");
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (i) mc_buf_adds(b, ", ");
            scalar(b, NULL, e);
        }
        mc_buf_adds(b, "]\n");
    } else if (json_is_array(v)) {
        if (!json_array_size(v)) { mc_buf_adds(b, " []\n"); return; }
        mc_buf_addc(b, '\n');
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            mc_buf_printf(b, "%*s- ", indent + 2, "");
            if (json_is_object(e) && json_object_size(e)) {
                mapping(b, items, e, indent + 4, 1);
            } else if (json_is_object(e) || json_is_array(e)) {
                mc_buf_adds(b, json_is_object(e) ? "{}\n" : "[]\n");
            } else {
                /* an item of a list of strings: quoted, unless a choice list */
                scalar(b, f && f->type == MC_F_CHOICE ? f : NULL, e);
                mc_buf_addc(b, '\n');
            }
        }
    } else if (json_is_object(v)) {
        if (!json_object_size(v)) { mc_buf_adds(b, " {}\n"); return; }
        mc_buf_addc(b, '\n');
        mapping(b, items, v, indent + 2, 0);
    } else {
        mc_buf_addc(b, ' ');
        scalar(b, f, v);
        mc_buf_addc(b, '\n');
    }
}

/* The members of obj at indent: those of table in its order, then the
 * others in theirs; the first on the current line when first_inline. */
static void mapping(mc_buf *b, const mc_field *table, const json_t *obj, int indent, int first_inline)
{
    int first = 1;
    for (const mc_field *f = table; f && f->key; f++) {
        json_t *v = json_object_get(obj, f->key);
        if (left_out(f, v)) continue;
        member(b, f, f->key, v, indent, first && first_inline);
        first = 0;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if ((table && mc_field_find(table, key)) || left_out(NULL, v)) continue;
        member(b, NULL, key, v, indent, first && first_inline);
        first = 0;
    }
    if (first && first_inline) mc_buf_adds(b, "{}\n");
}

char *mc_front_write(const mc_field *table, const json_t *params, const char *body)
{
    mc_buf b = MC_BUF_INIT;
    json_t *rest = json_deep_copy(params);
    if (!rest) return NULL;
    mc_buf_adds(&b, "---\n");
    for (size_t i = 0; i < sizeof first_keys / sizeof *first_keys; i++) {
        json_t *v = json_object_get(rest, first_keys[i]);
        if (!left_out(NULL, v)) member(&b, NULL, first_keys[i], v, 0, 0);
        json_object_del(rest, first_keys[i]);
    }
    mapping(&b, table, rest, 0, 0);
    json_decref(rest);
    mc_buf_adds(&b, "---\n");
    if (body && *body) {
        mc_buf_adds(&b, body);
        if (mc_buf_last(&b) != '\n') mc_buf_addc(&b, '\n');
    }
    if (b.oom) { mc_buf_free(&b); return NULL; }
    return mc_buf_take(&b, NULL);
}
