/* list_refs.c — the outputs that show each page's card or feed entry, for
 * the page snapshot (see list_refs.h).
 */
#include "list_refs.h"
#include "grow.h"
#include "parallel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* ---- card hashes ---- */

/* Keys a title or summary edit may change: the card's own, and in params. */
static const char *const title_keys[] = {"title", "summary", "has_summary", "breadcrumb_jsonld", NULL};
static const char *const param_keys[] = {"title", "summary", NULL};

static int listed(const char *const *keys, const char *k)
{
    for (; *keys; keys++)
        if (!strcmp(*keys, k)) return 1;
    return 0;
}

static uint64_t pair_hash(const char *k, uint64_t hv)
{
    return XXH3_64bits_withSeed(k, strlen(k), hv) * 0x9E3779B97F4A7C15ULL;
}

static uint64_t hash_value(const json_t *v);

/* An object's hash without the keys skip lists (NULL: none); the pairs it
 * left out are added to *left. Pairs hash in any order: insertion order is
 * not the card's meaning. */
static uint64_t hash_object(const json_t *v, const char *const *skip, uint64_t *left)
{
    uint64_t acc = 0x6f626a;
    const char *k;
    json_t *x;
    json_object_foreach((json_t *)v, k, x) {
        if (skip && listed(skip, k)) *left += pair_hash(k, hash_value(x));
        else acc += pair_hash(k, hash_value(x));
    }
    return XXH3_64bits_withSeed(&acc, sizeof acc, 1);
}

static uint64_t hash_value(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return hash_object(v, NULL, NULL);
    case JSON_ARRAY: {
        uint64_t acc = 0x617272;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            uint64_t hv = hash_value(x);
            acc = XXH3_64bits_withSeed(&hv, sizeof hv, acc);
        }
        return acc;
    }
    case JSON_STRING:
        return XXH3_64bits_withSeed(json_string_value(v), json_string_length(v), 2);
    case JSON_INTEGER: {
        json_int_t n = json_integer_value(v);
        return XXH3_64bits_withSeed(&n, sizeof n, 3);
    }
    case JSON_REAL: {
        double d = json_real_value(v);
        return XXH3_64bits_withSeed(&d, sizeof d, 4);
    }
    default:
        return 5 + (uint64_t)json_typeof(v);
    }
}

/* Both hashes of a card in one walk: the shape leaves out title_keys and
 * params' param_keys; the whole card is the shape and what it left out. */
static void card_hashes(const json_t *card, uint64_t *whole, uint64_t *shape)
{
    uint64_t acc = 0x63617264, left = 0;
    const char *k;
    json_t *x;
    json_object_foreach((json_t *)card, k, x) {
        if (listed(title_keys, k)) left += pair_hash(k, hash_value(x));
        else if (!strcmp(k, "params") && json_is_object(x)) acc += pair_hash(k, hash_object(x, param_keys, &left));
        else acc += pair_hash(k, hash_value(x));
    }
    *shape = XXH3_64bits_withSeed(&acc, sizeof acc, 1);
    uint64_t both[2] = {*shape, left};
    *whole = XXH3_64bits_withSeed(both, sizeof both, 2);
    if (!*shape) *shape = 1;
    if (!*whole) *whole = 1;
}

uint64_t mc_card_hash(const json_t *card, int shape)
{
    uint64_t whole, sh;
    card_hashes(card, &whole, &sh);
    return shape ? sh : whole;
}

static void hash_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    mc_refs *r = ((void **)ctx)[0];
    const mc_model *m = ((void **)ctx)[1];
    json_t *card = json_array_get(m->cards, i);
    if (json_is_object(card)) card_hashes(card, &r->pages[i].card, &r->pages[i].shape);
}

/* ---- saving ---- */

typedef struct ref {
    const json_t *ptr;
    int entry;
    size_t page;
} ref;

static int ref_cmp(const void *a, const void *b)
{
    const json_t *x = ((const ref *)a)->ptr, *y = ((const ref *)b)->ptr;
    return x < y ? -1 : x > y;
}

typedef struct maker {
    const mc_model *m;
    mc_refs *r;
    ref *refs;
    size_t nrefs;
    json_t *texts;        /* title or summary -> [page index...] */
    size_t *seen, nseen, capseen; /* pages this output references */
    int bad;              /* an object looks like a reference */
} maker;

static const ref *find_ref(const maker *mk, const json_t *v)
{
    ref key = {v, 0, 0};
    return mk->nrefs ? bsearch(&key, mk->refs, mk->nrefs, sizeof *mk->refs, ref_cmp) : NULL;
}

static void note_page(maker *mk, size_t page)
{
    size_t *grown = mc_grow(mk->seen, mk->nseen, &mk->capseen, sizeof *grown, 16);
    if (!grown) { mk->bad = 1; return; }
    mk->seen = grown;
    mk->seen[mk->nseen++] = page;
}

static void mark_elsewhere(maker *mk, const json_t *pages)
{
    size_t i;
    json_t *x;
    json_array_foreach(pages, i, x) mk->r->pages[json_integer_value(x)].elsewhere = 1;
}

/* Notes the pages v refers to and checks its strings against the texts;
 * 1 when it holds a reference. Nothing is copied: most outputs (the
 * sitemap, the search page) hold none and are not saved. */
static int scan(maker *mk, json_t *v)
{
    if (json_is_object(v) || json_is_array(v)) {
        const ref *rf = find_ref(mk, v);
        if (rf) {
            note_page(mk, rf->page);
            return 1;
        }
    }
    int found = 0;
    if (json_is_object(v)) {
        if (json_object_size(v) == 1 && (json_object_get(v, "$card") || json_object_get(v, "$entry")))
            mk->bad = 1;
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) found |= scan(mk, x);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) found |= scan(mk, x);
    } else if (json_is_string(v)) {
        json_t *pages = json_object_get(mk->texts, json_string_value(v));
        if (pages) mark_elsewhere(mk, pages);
    }
    return found;
}

/* v with references written as such (after scan). */
static json_t *convert(maker *mk, json_t *v)
{
    if (json_is_object(v) || json_is_array(v)) {
        const ref *rf = find_ref(mk, v);
        if (rf) return json_pack("{s:I}", rf->entry ? "$entry" : "$card", (json_int_t)rf->page);
    }
    if (json_is_object(v)) {
        json_t *out = json_object();
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) json_object_set_new(out, k, convert(mk, x));
        return out;
    }
    if (json_is_array(v)) {
        json_t *out = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) json_array_append_new(out, convert(mk, x));
        return out;
    }
    return json_incref(v);
}

static void add_text(json_t *texts, const char *s, size_t page)
{
    if (!s || !s[0]) return;
    json_t *pages = json_object_get(texts, s);
    if (!pages) {
        pages = json_array();
        json_object_set_new(texts, s, pages);
    }
    json_array_append_new(pages, json_integer((json_int_t)page));
}

static int index_refs(maker *mk, int jobs)
{
    const mc_model *m = mk->m;
    void *ctx[2] = {mk->r, (void *)m};
    mc_parallel_for(m->npages, jobs, hash_one, ctx);
    mk->refs = calloc(2 * m->npages + 1, sizeof *mk->refs);
    mk->texts = json_object();
    if (!mk->refs || !mk->texts) return -1;
    for (size_t i = 0; i < m->npages; i++) {
        json_t *card = json_array_get(m->cards, i), *e = json_array_get(m->feed_entries, i);
        if (json_is_object(card)) {
            mk->refs[mk->nrefs++] = (ref){card, 0, i};
            add_text(mk->texts, m->pages[i].title, i);
            add_text(mk->texts, m->pages[i].summary, i);
        }
        if (json_is_object(e)) mk->refs[mk->nrefs++] = (ref){e, 1, i};
    }
    qsort(mk->refs, mk->nrefs, sizeof *mk->refs, ref_cmp);
    return 0;
}

/* The part of ctx not shared with its base context, and under "$absent"
 * the base's keys it lacks (a context copied from the base before a later
 * pass added to it, as an alias's is). */
static json_t *own_part(maker *mk, json_t *ctx, const char **lang)
{
    *lang = json_string_value(json_object_get(ctx, "lang"));
    if (!*lang || !json_object_get(mk->m->site_context, *lang)) *lang = "vi";
    json_t *base = json_object_get(mk->m->site_context, *lang);
    const char *k;
    json_t *v;
    int found = 0;
    json_object_foreach(ctx, k, v)
        if (json_object_get(base, k) != v) found |= scan(mk, v);
    if (!found) return NULL;
    json_t *out = json_object(), *absent = json_array();
    json_object_foreach(base, k, v)
        if (!json_object_get(ctx, k)) json_array_append_new(absent, json_string(k));
    if (json_object_get(ctx, MC_REFS_ABSENT)) mk->bad = 1;
    json_object_foreach(ctx, k, v)
        if (json_object_get(base, k) != v) json_object_set_new(out, k, convert(mk, v));
    if (json_array_size(absent)) json_object_set(out, MC_REFS_ABSENT, absent);
    json_decref(absent);
    return out;
}

static int save_output(maker *mk, FILE *f, const mc_output *o)
{
    const char *lang = "vi", *tmpl = o->template;
    json_t *saved;
    mk->nseen = 0;
    mk->bad = 0;
    if (o->kind == MC_OUT_TEMPLATE && json_is_object(o->context)) {
        saved = own_part(mk, o->context, &lang);
    } else if (o->kind == MC_OUT_BYTES && json_is_object(o->context)) {
        saved = scan(mk, o->context) ? convert(mk, o->context) : NULL; /* a feed.json's feed object */
        tmpl = "=feed.json";
    } else {
        return 0;
    }
    if (!tmpl || strpbrk(tmpl, "\t\n") || strpbrk(o->path, "\t\n")) mk->bad = 1;
    int kept = 0;
    if (mk->bad) {
        for (size_t k = 0; k < mk->nseen; k++) mk->r->pages[mk->seen[k]].elsewhere = 1;
    } else if (mk->nseen && saved) {
        char *json = json_dumps(saved, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (json) {
            fprintf(f, "%s\t%s\t%s\t%s\t%s\n", o->path, tmpl, lang, o->by_title ? "t" : "-", json);
            for (size_t k = 0; k < mk->nseen; k++) {
                mc_page_refs *pr = &mk->r->pages[mk->seen[k]];
                if (pr->nouts && pr->outs[pr->nouts - 1] == mk->r->noutputs) continue;
                size_t *grown = mc_grow(pr->outs, pr->nouts, &pr->cap, sizeof *grown, 8);
                if (!grown) { pr->elsewhere = 1; continue; }
                pr->outs = grown;
                pr->outs[pr->nouts++] = mk->r->noutputs;
            }
            kept = 1;
        } else {
            for (size_t k = 0; k < mk->nseen; k++) mk->r->pages[mk->seen[k]].elsewhere = 1;
        }
        free(json);
    }
    json_decref(saved);
    mk->r->noutputs += kept;
    return 0;
}

int mc_refs_make(const mc_model *m, int jobs, mc_refs *r)
{
    memset(r, 0, sizeof *r);
    r->pages = calloc(m->npages + 1, sizeof *r->pages);
    maker mk = {.m = m, .r = r};
    char *body = NULL;
    size_t len = 0;
    FILE *f = r->pages && index_refs(&mk, jobs) == 0 ? open_memstream(&body, &len) : NULL;
    for (size_t i = 0; f && i < m->noutputs; i++) save_output(&mk, f, &m->outputs[i]);
    if (f) fclose(f);
    if (body) {
        r->outputs = malloc(len + 32);
        if (r->outputs) snprintf(r->outputs, len + 32, "outputs %zu\n%s", r->noutputs, body);
    }
    free(body);
    free(mk.refs);
    free(mk.seen);
    json_decref(mk.texts);
    return r->outputs ? 0 : -1;
}

void mc_refs_free(mc_refs *r, size_t npages)
{
    for (size_t i = 0; r->pages && i < npages; i++) free(r->pages[i].outs);
    free(r->pages);
    free(r->outputs);
    memset(r, 0, sizeof *r);
}

/* ---- restoring ---- */

json_t *mc_refs_resolve(const json_t *saved, mc_refs_lookup lookup, void *ctx)
{
    if (json_is_object(saved)) {
        json_t *c = json_object_get(saved, "$card"), *e = json_object_get(saved, "$entry");
        if (json_object_size(saved) == 1 && (json_is_integer(c) || json_is_integer(e)))
            return lookup(ctx, e != NULL, (size_t)json_integer_value(e ? e : c));
        json_t *out = json_object();
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)saved, k, x) {
            json_t *y = mc_refs_resolve(x, lookup, ctx);
            if (!y) { json_decref(out); return NULL; }
            json_object_set_new(out, k, y);
        }
        return out;
    }
    if (json_is_array(saved)) {
        json_t *out = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(saved, i, x) {
            json_t *y = mc_refs_resolve(x, lookup, ctx);
            if (!y) { json_decref(out); return NULL; }
            json_array_append_new(out, y);
        }
        return out;
    }
    return json_incref((json_t *)saved);
}
