/* normalize_dict.c — dictionaries as one open-addressing hash table.
 *
 * Design: every entry is (kind, written, spoken); the table is keyed by kind
 * and written form, probed linearly and doubled at half load, so loading and
 * lookups stay linear however large staff files grow. The built-in tables
 * (the TSV files of audio/text/dict) and staff files go through the same parser, so the
 * embedded data is proof that the documented format works.
 */
#include "normalize_dict.h"
#include "normalize_text.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct dict_entry {
    char *key;   /* NULL for an empty slot */
    char *value;
    int kind;
} dict_entry;

struct loa_dict {
    dict_entry *slots;
    size_t cap, count;
};

static const char *const KIND_NAME[LOA_DICT_KINDS] = {
    "abbr", "doc", "unit", "symbol", "letter", "web", "loan"};

static uint64_t hash_key(int kind, const char *key, size_t n)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ULL;
    }
    return h;
}

loa_dict *loa_dict_new(void)
{
    loa_dict *dict = calloc(1, sizeof *dict);
    if (!dict)
        return NULL;
    dict->cap = 256;
    dict->slots = calloc(dict->cap, sizeof *dict->slots);
    if (!dict->slots) {
        free(dict);
        return NULL;
    }
    return dict;
}

void loa_dict_free(loa_dict *dict)
{
    if (!dict)
        return;
    for (size_t i = 0; i < dict->cap; i++) {
        free(dict->slots[i].key);
        free(dict->slots[i].value);
    }
    free(dict->slots);
    free(dict);
}

static dict_entry *find_slot(dict_entry *slots, size_t cap, int kind,
                             const char *key, size_t n)
{
    size_t i = (size_t)(hash_key(kind, key, n) & (cap - 1));
    while (slots[i].key) {
        if (slots[i].kind == kind && strlen(slots[i].key) == n &&
            memcmp(slots[i].key, key, n) == 0)
            return &slots[i];
        i = (i + 1) & (cap - 1);
    }
    return &slots[i];
}

static int grow(loa_dict *dict)
{
    size_t cap = dict->cap * 2;
    dict_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < dict->cap; i++) {
        dict_entry *e = &dict->slots[i];
        if (e->key)
            *find_slot(slots, cap, e->kind, e->key, strlen(e->key)) = *e;
    }
    free(dict->slots);
    dict->slots = slots;
    dict->cap = cap;
    return 0;
}

/* Takes ownership of key and value. */
static int dict_put(loa_dict *dict, int kind, char *key, char *value)
{
    if ((dict->count + 1) * 2 > dict->cap && grow(dict) != 0) {
        free(key);
        free(value);
        return -1;
    }
    dict_entry *e = find_slot(dict->slots, dict->cap, kind, key, strlen(key));
    if (e->key) {
        free(key);
        free(e->value);
        e->value = value;
        return 0;
    }
    e->key = key;
    e->value = value;
    e->kind = kind;
    dict->count++;
    return 0;
}

const char *loa_dict_get(const loa_dict *dict, loa_dict_kind kind,
                         const char *key, size_t n)
{
    if (n == 0)
        return NULL;
    dict_entry *e = find_slot(dict->slots, dict->cap, (int)kind, key, n);
    return e->key ? e->value : NULL;
}

void loa_dict_each(const loa_dict *dict,
                   void (*fn)(void *arg, loa_dict_kind kind, const char *written,
                              const char *spoken),
                   void *arg)
{
    for (size_t i = 0; i < dict->cap; i++)
        if (dict->slots[i].key)
            fn(arg, (loa_dict_kind)dict->slots[i].kind, dict->slots[i].key,
               dict->slots[i].value);
}

int loa_dict_kind_of(const char *s, size_t n)
{
    for (int k = 0; k < LOA_DICT_KINDS; k++)
        if (strlen(KIND_NAME[k]) == n && memcmp(KIND_NAME[k], s, n) == 0)
            return k;
    return -1;
}

/* Trim spaces and a trailing '\r' from field s[0..*n). */
static const char *trim(const char *s, size_t *n)
{
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\r'))
        (*n)--;
    while (*n && *s == ' ') {
        s++;
        (*n)--;
    }
    return s;
}

/* Parse one non-comment line into its three fields. */
static int split_fields(const char *line, size_t n, const char *f[3], size_t fl[3])
{
    size_t start = 0, nf = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && line[i] != '\t')
            continue;
        if (nf == 3)
            return -1;
        fl[nf] = i - start;
        f[nf] = trim(line + start, &fl[nf]);
        nf++;
        start = i + 1;
    }
    return nf == 3 ? 0 : -1;
}

static int load_line(loa_dict *dict, const char *line, size_t n,
                     const char *name, int lineno, mc_diag *d)
{
    const char *f[3];
    size_t fl[3];
    if (mc_utf8_check(line, n, name, lineno, d) != 0)
        return -1;
    if (split_fields(line, n, f, fl) != 0)
        return mc_diag_set(d, name, lineno, 0,
                           "expected 3 tab-separated fields: KIND, WRITTEN, SPOKEN");
    int kind = loa_dict_kind_of(f[0], fl[0]);
    if (kind < 0)
        return mc_diag_set(d, name, lineno, 0,
                           "unknown kind '%.*s' (use abbr, doc, unit, symbol, letter, web or loan)",
                           (int)fl[0], f[0]);
    if (fl[1] == 0 || fl[2] == 0)
        return mc_diag_set(d, name, lineno, 0, "empty %s field",
                           fl[1] == 0 ? "WRITTEN" : "SPOKEN");
    char *key = kind == LOA_DICT_WEB || kind == LOA_DICT_LOAN ? mc_lower(f[1], fl[1], NULL, NULL) : mc_nfc(f[1], fl[1], NULL, d);
    char *value = mc_nfc(f[2], fl[2], NULL, d);
    if (!key || !value || dict_put(dict, kind, key, value) != 0) {
        if (!key || !value) {
            free(key);
            free(value);
        }
        return mc_diag_set(d, name, lineno, 0, "out of memory");
    }
    return 0;
}

int loa_dict_load_text(loa_dict *dict, const char *text, size_t len,
                       const char *name, mc_diag *d)
{
    size_t pos = 0;
    int lineno = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        lineno++;
        const char *line = text + pos;
        size_t n = end - pos;
        if (lineno == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
            line += 3; /* byte-order mark from Windows editors */
            n -= 3;
        }
        size_t tn = n;
        trim(line, &tn);
        if (tn > 0 && line[0] != '#' &&
            load_line(dict, line, n, name, lineno, d) != 0)
            return -1;
        pos = end + 1;
    }
    return 0;
}
