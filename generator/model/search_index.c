/* search_index.c — building and encoding the search index (see search_index.h).
 *
 * Design
 *  - Folding is ICU work, so it is done once per distinct way a syllable is
 *    written: a hash map from the raw bytes ("Đăng", "ĐĂNG") to a variant
 *    ("đăng"), and from the variant to its term ("dang"). Text then costs
 *    one hash lookup per syllable. Strings live in an arena freed at once.
 *  - Postings are appended in document order, so "is this document already
 *    there?" is a look at the last entry, and delta coding needs no sort.
 *  - Writing first encodes every entry, then picks the shard count from the
 *    total size of the small entries, then fills the shards in term order
 *    (first appearance), so the same content gives the same bytes.
 *  - Maps use open addressing with FNV-1a; sizes are powers of two.
 */
#include "search_index.h"
#include "buf.h"
#include "grow.h"
#include "syllables.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define MAX_SYLLABLE 64   /* longer runs (hashes, long numbers) are not words */

/* ---- small containers ------------------------------------------------- */

typedef mc_sindex_list u32vec;

static int u32_push(u32vec *a, uint32_t x)
{
    uint32_t *grown = mc_grow(a->v, a->n, &a->cap, sizeof *grown, 4);
    if (!grown) return -1;
    a->v = grown;
    a->v[a->n++] = x;
    return 0;
}

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

static char *arena_copy(arena_block **head, const char *s, size_t n)
{
    arena_block *b = *head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = *head;
        b->used = 0;
        b->cap = cap;
        *head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(arena_block *b)
{
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
}

typedef struct smap_slot {
    const char *key;   /* in the arena; NULL = empty slot */
    uint32_t len, hash, value;
} smap_slot;

typedef struct smap {
    smap_slot *slots;
    size_t cap, count;
} smap;

uint32_t mc_sindex_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static smap_slot *smap_slot_for(const smap *m, const char *k, size_t n, uint32_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        smap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == n && !memcmp(s->key, k, n))) return s;
    }
}

static int smap_grow(smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    smap bigger = {calloc(cap, sizeof(smap_slot)), cap, m->count};
    if (!bigger.slots) return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *smap_slot_for(&bigger, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    *m = bigger;
    return 0;
}

/* The value of key k, or NONE. */
static uint32_t smap_get(const smap *m, const char *k, size_t n)
{
    if (!m->cap) return NONE;
    const smap_slot *s = smap_slot_for(m, k, n, mc_sindex_hash(k, n));
    return s->key ? s->value : NONE;
}

static int smap_put(smap *m, arena_block **arena, const char *k, size_t n, uint32_t value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && smap_grow(m) != 0) return -1;
    uint32_t h = mc_sindex_hash(k, n);
    smap_slot *s = smap_slot_for(m, k, n, h);
    if (!s->key) {
        s->key = arena_copy(arena, k, n);
        if (!s->key) return -1;
        s->len = (uint32_t)n;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return 0;
}

/* ---- the index -------------------------------------------------------- */

typedef struct variant {
    const char *form;  /* "đăng" */
    uint32_t term;
    u32vec strong;     /* doc, value, doc, value… */
    u32vec body;       /* docs */
} variant;

typedef struct term {
    const char *fold;  /* "dang" */
    u32vec variants;
} term;

typedef struct bigram {
    uint32_t first, second;  /* terms */
    u32vec strong;
} bigram;

struct mc_sindex {
    arena_block *arena;
    smap raw, forms, folds, pairs;
    variant *variants;
    size_t nvariants, capv;
    term *terms;
    size_t nterms, capt;
    bigram *bigrams;
    size_t nbigrams, capb;
    uint32_t ndocs;      /* the current document is ndocs - 1 */
    uint32_t title_len;  /* of the current document */
};

mc_sindex *mc_sindex_new(void)
{
    return calloc(1, sizeof(mc_sindex));
}

void mc_sindex_free(mc_sindex *ix)
{
    if (!ix) return;
    for (size_t i = 0; i < ix->nvariants; i++) {
        free(ix->variants[i].strong.v);
        free(ix->variants[i].body.v);
    }
    for (size_t i = 0; i < ix->nterms; i++) free(ix->terms[i].variants.v);
    for (size_t i = 0; i < ix->nbigrams; i++) free(ix->bigrams[i].strong.v);
    free(ix->variants);
    free(ix->terms);
    free(ix->bigrams);
    free(ix->raw.slots);
    free(ix->forms.slots);
    free(ix->folds.slots);
    free(ix->pairs.slots);
    arena_free(ix->arena);
    free(ix);
}

uint32_t mc_sindex_next_doc(mc_sindex *ix)
{
    ix->title_len = 0;
    return ix->ndocs++;
}

/* Grows array *v of *cap elements of size sz to hold one more. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap) return 0;
    size_t c = *cap ? *cap * 2 : 256;
    void *grown = realloc(*v, c * sz);
    if (!grown) return -1;
    *v = grown;
    *cap = c;
    return 0;
}

static uint32_t term_for(mc_sindex *ix, const char *fold, size_t n)
{
    uint32_t id = smap_get(&ix->folds, fold, n);
    if (id != NONE) return id;
    if (grow((void **)&ix->terms, &ix->capt, ix->nterms, sizeof *ix->terms) != 0) return NONE;
    term *t = &ix->terms[ix->nterms];
    memset(t, 0, sizeof *t);
    t->fold = arena_copy(&ix->arena, fold, n);
    id = (uint32_t)ix->nterms;
    if (!t->fold || smap_put(&ix->folds, &ix->arena, fold, n, id) != 0) return NONE;
    ix->nterms++;
    return id;
}

/* A new variant `form` of term t (NONE: out of memory). */
static uint32_t add_variant(mc_sindex *ix, const char *form, size_t n, uint32_t t)
{
    if (t == NONE ||
        grow((void **)&ix->variants, &ix->capv, ix->nvariants, sizeof *ix->variants) != 0)
        return NONE;
    variant *v = &ix->variants[ix->nvariants];
    memset(v, 0, sizeof *v);
    v->form = arena_copy(&ix->arena, form, n);
    v->term = t;
    uint32_t id = (uint32_t)ix->nvariants;
    if (!v->form || smap_put(&ix->forms, &ix->arena, form, n, id) != 0 ||
        u32_push(&ix->terms[t].variants, id) != 0)
        return NONE;
    ix->nvariants++;
    return id;
}

static uint32_t new_variant(mc_sindex *ix, const char *form, size_t n, mc_diag *d)
{
    size_t fl;
    char *fold = mc_fold(form, n, &fl, d);
    if (!fold) return NONE;
    uint32_t t = term_for(ix, fold, fl);
    free(fold);
    return add_variant(ix, form, n, t);
}

/* The variant of a syllable as written, made on first sight. */
static uint32_t variant_for(mc_sindex *ix, const char *s, size_t n, mc_diag *d)
{
    uint32_t id = smap_get(&ix->raw, s, n);
    if (id != NONE) return id;
    size_t ll;
    char *lower = mc_lower(s, n, &ll, d);
    if (!lower) return NONE;
    id = smap_get(&ix->forms, lower, ll);
    if (id == NONE) id = new_variant(ix, lower, ll, d);
    free(lower);
    if (id != NONE && smap_put(&ix->raw, &ix->arena, s, n, id) != 0) id = NONE;
    return id;
}

/* Records (doc, value) in a strong list, merging with the document's entry. */
static int add_strong(u32vec *list, uint32_t doc, uint32_t value)
{
    if (list->n >= 2 && list->v[list->n - 2] == doc) {
        list->v[list->n - 1] |= value;
        return 0;
    }
    return u32_push(list, doc) || u32_push(list, value) ? -1 : 0;
}

static uint32_t bigram_for(mc_sindex *ix, uint32_t first, uint32_t second)
{
    uint32_t key[2] = {first, second};
    uint32_t id = smap_get(&ix->pairs, (const char *)key, sizeof key);
    if (id != NONE) return id;
    if (grow((void **)&ix->bigrams, &ix->capb, ix->nbigrams, sizeof *ix->bigrams) != 0)
        return NONE;
    bigram *b = &ix->bigrams[ix->nbigrams];
    memset(b, 0, sizeof *b);
    b->first = first;
    b->second = second;
    id = (uint32_t)ix->nbigrams;
    if (smap_put(&ix->pairs, &ix->arena, (const char *)key, sizeof key, id) != 0) return NONE;
    ix->nbigrams++;
    return id;
}

typedef struct add_ctx {
    mc_sindex *ix;
    int field;
    uint32_t value;     /* strong posting value for this field */
    uint32_t prev;      /* previous syllable's term, for bigrams */
    int bigrams;
    mc_diag *d;
} add_ctx;

static int add_syllable(void *vctx, const char *s, size_t n)
{
    add_ctx *c = vctx;
    mc_sindex *ix = c->ix;
    if (n > MAX_SYLLABLE) { c->prev = NONE; return 0; }
    uint32_t id = variant_for(ix, s, n, c->d);
    if (id == NONE) return c->d->message[0] ? -1 : mc_diag_oom(c->d, NULL);
    variant *v = &ix->variants[id];
    uint32_t doc = ix->ndocs - 1;
    if (c->field == MC_SF_BODY) {
        if ((!v->body.n || v->body.v[v->body.n - 1] != doc) && u32_push(&v->body, doc) != 0)
            return mc_diag_oom(c->d, NULL);
        return 0;
    }
    if (add_strong(&v->strong, doc, c->value) != 0) return mc_diag_oom(c->d, NULL);
    if (c->bigrams && c->prev != NONE) {
        uint32_t b = bigram_for(ix, c->prev, v->term);
        if (b == NONE || add_strong(&ix->bigrams[b].strong, doc, c->value) != 0)
            return mc_diag_oom(c->d, NULL);
    }
    c->prev = v->term;
    return 0;
}

static int count_syllable(void *ctx, const char *s, size_t n)
{
    (void)s;
    if (n <= MAX_SYLLABLE) (*(uint32_t *)ctx)++;
    return 0;
}

int mc_sindex_add_text(mc_sindex *ix, int field, const char *text, size_t n, mc_diag *d)
{
    if (!ix->ndocs) return mc_diag_set(d, NULL, 0, 0, "search index: text before any document");
    mc_diag_clear(d);
    if (field == MC_SF_TITLE && !ix->title_len) { /* the first title: names added later
                                                     (search_synonyms.h) keep its length */
        uint32_t count = 0;
        mc_syllables_each(text, n, count_syllable, &count);
        ix->title_len = count > 31 ? 31 : count;
    }
    add_ctx c = {ix, field, (uint32_t)field, NONE, field != MC_SF_BODY && field != MC_SF_CODE, d};
    if (field == MC_SF_TITLE) c.value |= ix->title_len << 4;
    return mc_syllables_each(text, n, add_syllable, &c) ? -1 : 0;
}

/* Adds "1.001193.000.00" as itself, "1.001193" and "1.001193.000": every
 * prefix of two parts or more. */
static int add_code_syllable(void *vctx, const char *s, size_t n)
{
    add_ctx *c = vctx;
    int dots = 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '.' && ++dots > 1 && add_syllable(c, s, i) != 0) return -1;
    return add_syllable(c, s, n);
}

int mc_sindex_add_code(mc_sindex *ix, const char *code, size_t n, mc_diag *d)
{
    if (!ix->ndocs) return mc_diag_set(d, NULL, 0, 0, "search index: code before any document");
    mc_diag_clear(d);
    add_ctx c = {ix, MC_SF_CODE, MC_SF_CODE, NONE, 0, d};
    return mc_syllables_each(code, n, add_code_syllable, &c) ? -1 : 0;
}

/* ---- appending an index built over the next documents ------------------- */

static int append_docs(u32vec *dst, const u32vec *src, uint32_t offset, size_t step)
{
    for (size_t i = 0; i < src->n; i++)
        if (u32_push(dst, i % step == 0 ? src->v[i] + offset : src->v[i]) != 0) return -1;
    return 0;
}

/* dst's term for each of src's terms, made in src's order; NULL if out of
 * memory. Variants and their postings come along. */
static uint32_t *append_terms(mc_sindex *dst, const mc_sindex *src, uint32_t offset)
{
    uint32_t *map = malloc((src->nterms + 1) * sizeof *map);
    for (size_t t = 0; map && t < src->nterms; t++) {
        const term *st = &src->terms[t];
        map[t] = term_for(dst, st->fold, strlen(st->fold));
        for (size_t k = 0; map[t] != NONE && k < st->variants.n; k++) {
            const variant *sv = &src->variants[st->variants.v[k]];
            size_t n = strlen(sv->form);
            uint32_t id = smap_get(&dst->forms, sv->form, n);
            if (id == NONE) id = add_variant(dst, sv->form, n, map[t]);
            if (id == NONE || append_docs(&dst->variants[id].strong, &sv->strong, offset, 2) ||
                append_docs(&dst->variants[id].body, &sv->body, offset, 1))
                map[t] = NONE;
        }
        if (map[t] == NONE) { free(map); return NULL; }
    }
    return map;
}

int mc_sindex_append(mc_sindex *dst, const mc_sindex *src, mc_diag *d)
{
    uint32_t offset = dst->ndocs;
    uint32_t *map = append_terms(dst, src, offset);
    if (!map) return mc_diag_oom(d, NULL);
    for (size_t b = 0; b < src->nbigrams; b++) {
        const bigram *sb = &src->bigrams[b];
        uint32_t id = bigram_for(dst, map[sb->first], map[sb->second]);
        if (id == NONE || append_docs(&dst->bigrams[id].strong, &sb->strong, offset, 2)) {
            free(map);
            return mc_diag_oom(d, NULL);
        }
    }
    free(map);
    dst->ndocs += src->ndocs;
    return 0;
}

/* ---- encoding ------------------------------------------------------- */

/* A JSON string. Syllables hold only letters, marks, digits and '.'; the
 * escapes are for safety. */
void mc_sindex_put_key(mc_buf *b, const char *s)
{
    mc_buf_add(b, "\"", 1);
    for (; *s; s++) {
        char esc[8];
        if (*s == '"' || *s == '\\') { esc[0] = '\\'; esc[1] = *s; mc_buf_add(b, esc, 2); }
        else if ((unsigned char)*s < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", *s); mc_buf_adds(b, esc); }
        else mc_buf_add(b, s, 1);
    }
    mc_buf_add(b, "\"", 1);
}

size_t mc_sindex_put_number(char *out, uint32_t v)
{
    static const char digits[] = MC_SINDEX_ALPHABET;
    size_t n = 0;
    while (v >= 32) {
        out[n++] = digits[32 + (v & 31)];
        v >>= 5;
    }
    out[n++] = digits[v];
    return n;
}

static void put_number(mc_buf *b, uint32_t v)
{
    char tmp[8];
    mc_buf_add(b, tmp, mc_sindex_put_number(tmp, v));
}

void mc_sindex_encode_strong(mc_buf *b, const mc_sindex_list *list)
{
    uint32_t prev = 0;
    for (size_t i = 0; i + 1 < list->n; i += 2) {
        put_number(b, list->v[i] - prev);
        put_number(b, list->v[i + 1]);
        prev = list->v[i];
    }
}

static size_t number_len(uint32_t v)
{
    size_t n = 1;
    while (v >= 32) { v >>= 5; n++; }
    return n;
}

void mc_sindex_encode_body(mc_buf *b, const mc_sindex_list *docs)
{
    if (!docs->n) return;
    size_t list_len = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < docs->n; i++) { list_len += number_len(docs->v[i] - prev); prev = docs->v[i]; }
    size_t map_len = docs->v[docs->n - 1] / 6 + 2;
    if (list_len <= map_len) {
        prev = 0;
        for (size_t i = 0; i < docs->n; i++) { put_number(b, docs->v[i] - prev); prev = docs->v[i]; }
        return;
    }
    static const char digits[] = MC_SINDEX_ALPHABET;
    mc_buf_add(b, "~", 1);
    size_t i = 0;
    for (uint32_t chunk = 0; i < docs->n; chunk++) {
        unsigned bits = 0;
        for (; i < docs->n && docs->v[i] / 6 == chunk; i++) bits |= 1u << (docs->v[i] % 6);
        mc_buf_add(b, &digits[bits], 1);
    }
}

/* One variant of a syllable entry: "form","strong","body". */
static void encode_variant(mc_buf *b, const char *form, const u32vec *strong, const u32vec *body)
{
    mc_sindex_put_key(b, form);
    mc_buf_add(b, ",\"", 2);
    mc_sindex_encode_strong(b, strong);
    mc_buf_add(b, "\",\"", 3);
    mc_sindex_encode_body(b, body);
    mc_buf_add(b, "\"", 1);
}

static void encode_term(mc_buf *b, const mc_sindex *ix, const term *t)
{
    mc_buf_add(b, "[", 1);
    for (size_t i = 0; i < t->variants.n; i++) {
        const variant *v = &ix->variants[t->variants.v[i]];
        if (i) mc_buf_add(b, ",", 1);
        encode_variant(b, v->form, &v->strong, &v->body);
    }
    mc_buf_add(b, "]", 1);
}

typedef struct entry {
    char *key;    /* owned */
    uint32_t hash;
    mc_buf json;
} entry;

static int make_entries(const mc_sindex *ix, entry *e)
{
    size_t k = 0;
    for (size_t i = 0; i < ix->nterms; i++, k++) {
        e[k].key = strdup(ix->terms[i].fold);
        encode_term(&e[k].json, ix, &ix->terms[i]);
    }
    for (size_t i = 0; i < ix->nbigrams; i++, k++) {
        const bigram *bg = &ix->bigrams[i];
        const char *a = ix->terms[bg->first].fold, *c = ix->terms[bg->second].fold;
        size_t n = strlen(a) + strlen(c) + 2;
        e[k].key = malloc(n);
        if (e[k].key) snprintf(e[k].key, n, "%s %s", a, c);
        mc_buf_add(&e[k].json, "\"", 1);
        mc_sindex_encode_strong(&e[k].json, &bg->strong);
        mc_buf_add(&e[k].json, "\"", 1);
    }
    for (size_t i = 0; i < k; i++) {
        if (!e[i].key || e[i].json.oom) return -1;
        e[i].hash = mc_sindex_hash(e[i].key, strlen(e[i].key));
    }
    return 0;
}

static int add_file(mc_sindex_files *out, char *path, mc_buf *content)
{
    if (!path || content->oom ||
        grow((void **)&out->v, &out->cap, out->n, sizeof *out->v) != 0) {
        free(path);
        return -1;
    }
    out->v[out->n++] = (mc_sindex_file){path, content->s, content->len};
    out->bytes += content->len;
    mc_buf_init(content);
    return 0;
}

static char *printf_path(const char *fmt, uint32_t a, uint32_t b)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, fmt, a, b);
    return strdup(tmp);
}

int mc_sindex_place(mc_sindex_files *out, mc_buf *sh, uint32_t k, uint32_t *nbig,
                    const char *key, mc_buf *json)
{
    mc_buf_add(sh, sh->len > 1 ? "," : "", sh->len > 1);
    mc_sindex_put_key(sh, key);
    mc_buf_add(sh, ":", 1);
    if (json->len <= MC_SINDEX_BIG) {
        mc_buf_add(sh, json->s, json->len);
        return sh->oom ? -1 : 0;
    }
    char num[16];
    snprintf(num, sizeof num, "%u", *nbig);
    mc_buf_adds(sh, num);
    return add_file(out, printf_path("w/%u-%u.json", k, (*nbig)++), json);
}

size_t mc_sindex_small_size(const char *key, size_t json_len)
{
    return json_len <= MC_SINDEX_BIG ? json_len + strlen(key) + 4 : 0;
}

uint32_t mc_sindex_shard_count(size_t small)
{
    return (uint32_t)(small / MC_SINDEX_SHARD_BYTES + 1);
}

static int write_shards(mc_sindex_files *out, entry *e, size_t n, uint32_t nshards)
{
    mc_buf *shards = calloc(nshards, sizeof *shards);
    uint32_t *nbig = calloc(nshards, sizeof *nbig);
    int status = shards && nbig ? 0 : -1;
    for (uint32_t k = 0; k < nshards && !status; k++) mc_buf_add(&shards[k], "{", 1);
    for (size_t i = 0; i < n && !status; i++) {
        uint32_t k = e[i].hash % nshards;
        status = mc_sindex_place(out, &shards[k], k, &nbig[k], e[i].key, &e[i].json);
    }
    for (uint32_t k = 0; k < nshards && !status; k++) {
        mc_buf_add(&shards[k], "}", 1);
        status = add_file(out, printf_path("t/%u.json", k, 0), &shards[k]);
    }
    for (uint32_t k = 0; shards && k < nshards; k++) mc_buf_free(&shards[k]);
    free(shards);
    free(nbig);
    return status;
}

int mc_sindex_write(const mc_sindex *ix, mc_sindex_files *out, mc_diag *d)
{
    memset(out, 0, sizeof *out);
    size_t n = ix->nterms + ix->nbigrams;
    entry *e = calloc(n + 1, sizeof *e);
    int status = e ? make_entries(ix, e) : -1;
    size_t small = 0;
    for (size_t i = 0; i < n && !status; i++) small += mc_sindex_small_size(e[i].key, e[i].json.len);
    out->nshards = mc_sindex_shard_count(small);
    out->terms = ix->nterms;
    out->bigrams = ix->nbigrams;
    if (!status) status = write_shards(out, e, n, out->nshards);
    for (size_t i = 0; e && i < n; i++) { free(e[i].key); mc_buf_free(&e[i].json); }
    free(e);
    if (status) {
        mc_sindex_files_free(out);
        return mc_diag_oom(d, NULL);
    }
    return 0;
}

void mc_sindex_files_free(mc_sindex_files *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].path);
        free(f->v[i].bytes);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

/* ---- entries, for updating the files in place ----------------------- */

static int copy_list(mc_sindex_list *dst, const u32vec *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < src->n; i++)
        if (u32_push(dst, src->v[i]) != 0) return -1;
    return 0;
}

static int add_entry_variant(mc_sindex_entry *e, const char *form, const u32vec *strong,
                             const u32vec *body)
{
    mc_sindex_variant *grown = mc_grow(e->v, e->nv, &e->capv, sizeof *grown, 2);
    if (!grown) return -1;
    e->v = grown;
    mc_sindex_variant *v = &e->v[e->nv++];
    memset(v, 0, sizeof *v);
    if (form && !(v->form = strdup(form))) return -1;
    return copy_list(&v->strong, strong) || (body && copy_list(&v->body, body)) ? -1 : 0;
}

mc_sindex_entry *mc_sindex_entries(const mc_sindex *ix, size_t *count)
{
    size_t n = ix->nterms + ix->nbigrams;
    mc_sindex_entry *e = calloc(n + 1, sizeof *e);
    int status = e ? 0 : -1;
    for (size_t i = 0; !status && i < ix->nterms; i++) {
        const term *t = &ix->terms[i];
        status = (e[i].key = strdup(t->fold)) ? 0 : -1;
        for (size_t k = 0; !status && k < t->variants.n; k++) {
            const variant *v = &ix->variants[t->variants.v[k]];
            status = add_entry_variant(&e[i], v->form, &v->strong, &v->body);
        }
    }
    for (size_t i = 0; !status && i < ix->nbigrams; i++) {
        const bigram *bg = &ix->bigrams[i];
        mc_sindex_entry *x = &e[ix->nterms + i];
        size_t len = strlen(ix->terms[bg->first].fold) + strlen(ix->terms[bg->second].fold) + 2;
        x->bigram = 1;
        status = (x->key = malloc(len)) ? 0 : -1;
        if (!status) snprintf(x->key, len, "%s %s", ix->terms[bg->first].fold, ix->terms[bg->second].fold);
        if (!status) status = add_entry_variant(x, NULL, &bg->strong, NULL);
    }
    if (status) {
        mc_sindex_entries_free(e, n);
        return NULL;
    }
    *count = n;
    return e;
}

void mc_sindex_entry_clear(mc_sindex_entry *e)
{
    for (size_t k = 0; k < e->nv; k++) {
        free(e->v[k].form);
        free(e->v[k].strong.v);
        free(e->v[k].body.v);
    }
    free(e->v);
    free(e->key);
    memset(e, 0, sizeof *e);
}

void mc_sindex_entries_free(mc_sindex_entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) mc_sindex_entry_clear(&e[i]);
    free(e);
}

void mc_sindex_encode_entry(mc_buf *b, const mc_sindex_entry *e)
{
    if (e->bigram) {
        mc_buf_add(b, "\"", 1);
        if (e->nv) mc_sindex_encode_strong(b, &e->v[0].strong);
        mc_buf_add(b, "\"", 1);
        return;
    }
    mc_buf_add(b, "[", 1);
    for (size_t i = 0; i < e->nv; i++) {
        if (i) mc_buf_add(b, ",", 1);
        encode_variant(b, e->v[i].form, &e->v[i].strong, &e->v[i].body);
    }
    mc_buf_add(b, "]", 1);
}

uint32_t mc_sindex_file_hash(const char *path, const char *bytes, size_t n)
{
    uint32_t h = mc_sindex_hash(path, strlen(path) + 1); /* with its NUL: path and bytes apart */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)bytes[i];
        h *= 16777619u;
    }
    return h;
}
