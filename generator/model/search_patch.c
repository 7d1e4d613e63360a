/* search_patch.c — the search index's files updated in place for a few
 * edited documents (see search_patch.h for what it does and when it
 * refuses).
 *
 * Design
 *  - A shard is read as a list of entries, each kept as the span of its
 *    JSON value (in the shard or in its w file). Only the lists are looked
 *    at, to find an entry's first document and whether it holds an edited
 *    one; only such entries, and those the edited pages add, are decoded,
 *    changed and encoded again. A shard nothing touches is not written.
 *  - Order: an entry's place is (its first document, its place within that
 *    document). For a first document that was edited, the place within it
 *    is the one in the page's own index; for any other, the entries keep
 *    the order the old file gave them. Variants within an entry follow the
 *    same rule.
 */
#include "search_patch.h"
#include "search.h"
#include "grow.h"
#include "strf.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NONE UINT32_MAX

/* ---- reading ---------------------------------------------------------- */

/* A regular file dir/rel, not through a link; NULL when there is none. */
static char *read_below(const char *dir, const char *rel, size_t *len)
{
    char *path = mc_strf("%s/%s", dir, rel);
    int fd = path ? open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) : -1;
    free(path);
    struct stat st;
    if (fd < 0) return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    mc_diag d;
    return mc_read_fd_stat(fd, rel, len, NULL, &d);
}

static int digit_of(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 36;
    return c == '-' ? 62 : c == '_' ? 63 : -1;
}

/* Reads one number of a list (search_index.h); 0, or -1 when malformed. */
static int read_number(const char **s, const char *end, uint32_t *v)
{
    uint32_t x = 0;
    for (int shift = 0; *s < end && shift < 35; shift += 5) {
        int d = digit_of(*(*s)++);
        if (d < 0) return -1;
        x |= (uint32_t)(d & 31) << shift;
        if (d < 32) {
            *v = x;
            return 0;
        }
    }
    return -1;
}

/* A list as a span: strong (pairs) or body (docs or "~" bitmap). */
typedef struct span {
    const char *s;
    size_t n;
} span;

/* Calls each(doc, value, ctx) for every document of the list, in order;
 * stops when it returns non-zero. -1 when malformed. */
typedef int (*doc_fn)(uint32_t doc, uint32_t value, void *ctx);

static int walk_list(span l, int strong, doc_fn each, void *ctx)
{
    const char *s = l.s, *end = l.s + l.n;
    if (!strong && s < end && *s == '~') {
        for (uint32_t i = 0; ++s < end; i++) {
            int bits = digit_of(*s);
            if (bits < 0) return -1;
            for (uint32_t k = 0; k < 6; k++)
                if (bits & (1 << k) && each(6 * i + k, 0, ctx)) return 0;
        }
        return 0;
    }
    uint32_t doc = 0, delta, value = 0;
    while (s < end) {
        if (read_number(&s, end, &delta) || (strong && read_number(&s, end, &value))) return -1;
        doc += delta;
        if (each(doc, value, ctx)) return 0;
    }
    return 0;
}

static int take_first(uint32_t doc, uint32_t value, void *ctx)
{
    (void)value;
    uint32_t *first = ctx;
    if (doc < *first) *first = doc;
    return 1;
}

typedef struct edited_set {
    const mc_search_edit *v;
    size_t n;
    uint32_t max;        /* the highest edited document */
    int found;
} edited_set;

static int is_edited(const edited_set *e, uint32_t doc)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->v[i].doc == doc) return 1;
    return 0;
}

static int find_edited(uint32_t doc, uint32_t value, void *ctx)
{
    (void)value;
    edited_set *e = ctx;
    if (doc > e->max) return 1; /* lists are ascending */
    e->found |= is_edited(e, doc);
    return e->found;
}

static int push(mc_sindex_list *l, uint32_t x)
{
    uint32_t *grown = mc_grow(l->v, l->n, &l->cap, sizeof *grown, 8);
    if (!grown) return -1;
    l->v = grown;
    l->v[l->n++] = x;
    return 0;
}

static int collect_strong(uint32_t doc, uint32_t value, void *ctx)
{
    mc_sindex_list *l = ctx;
    return push(l, doc) || push(l, value) ? -2 : 0;
}

static int collect_body(uint32_t doc, uint32_t value, void *ctx)
{
    (void)value;
    return push(ctx, doc) ? -2 : 0;
}

/* A JSON string at *p (escapes as mc_sindex_put_key writes them); the
 * span of its raw text, and its value when out is not NULL. */
static int read_string(const char **p, const char *end, span *raw, char **out)
{
    const char *s = *p;
    if (s >= end || *s != '"') return -1;
    const char *start = ++s;
    int escaped = 0;
    while (s < end && *s != '"') {
        if (*s == '\\') { escaped = 1; s++; }
        s++;
    }
    if (s >= end) return -1;
    raw->s = start;
    raw->n = (size_t)(s - start);
    *p = s + 1;
    if (!out) return 0;
    char *v = malloc(raw->n + 1), *w = v;
    if (!v) return -1;
    for (const char *r = start; r < s; r++) {
        if (!escaped || *r != '\\') { *w++ = *r; continue; }
        r++;
        if (*r == 'u' && s - r > 4) {
            unsigned x;
            if (sscanf(r + 1, "%4x", &x) != 1 || x >= 0x80) { free(v); return -1; }
            *w++ = (char)x;
            r += 4;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    *out = v;
    return 0;
}

/* ---- one shard -------------------------------------------------------- */

typedef struct sentry {
    char *key;
    int bigram;
    span val;            /* its JSON as the old files hold it */
    int big;             /* val is a w file's */
    uint32_t first;      /* first document before, NONE for a new entry */
    size_t pos;          /* place in the old shard */
    int touched;         /* decoded into dec, to be encoded again */
    mc_sindex_entry dec;
    uint32_t first_new;
    size_t rank;         /* tie-break among equal first_new */
} sentry;

typedef struct shard {
    uint32_t k;
    char *text;
    size_t len;
    char **wbufs;        /* old w files by J */
    size_t *wlens;
    size_t nw;
    sentry *e;
    size_t n, cap;
} shard;

static void shard_free(shard *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        free(sh->e[i].key);
        mc_sindex_entry_clear(&sh->e[i].dec);
    }
    for (size_t j = 0; j < sh->nw; j++) free(sh->wbufs[j]);
    free(sh->wbufs);
    free(sh->wlens);
    free(sh->e);
    free(sh->text);
    memset(sh, 0, sizeof *sh);
}

/* The triples ["form","strong","body",…] or the string "strong" of a
 * value; each(form, strong, body) per variant (form.s NULL for a bigram). */
typedef int (*variant_fn)(span form, span strong, span body, void *ctx);

static int walk_value(span v, variant_fn each, void *ctx)
{
    const char *p = v.s, *end = v.s + v.n;
    span form = {NULL, 0}, strong, body = {"", 0};
    if (p < end && *p == '"')
        return read_string(&p, end, &strong, NULL) || p != end ? -1 : each(form, strong, body, ctx);
    if (p >= end || *p++ != '[') return -1;
    while (p < end && *p != ']') {
        if (read_string(&p, end, &form, NULL) || p >= end || *p++ != ',' ||
            read_string(&p, end, &strong, NULL) || p >= end || *p++ != ',' ||
            read_string(&p, end, &body, NULL) || each(form, strong, body, ctx))
            return -1;
        if (p < end && *p == ',') p++;
    }
    return p + 1 == end ? 0 : -1;
}

typedef struct scan_ctx {
    uint32_t first;
    edited_set *edited;
} scan_ctx;

/* Whether a bitmap body holds doc: one character, no walk. */
static int bitmap_has(span body, uint32_t doc)
{
    size_t at = doc / 6 + 1;
    return at < body.n && (digit_of(body.s[at]) & (1 << (doc % 6))) > 0;
}

static int scan_variant(span form, span strong, span body, void *vctx)
{
    (void)form;
    scan_ctx *c = vctx;
    edited_set *ed = c->edited;
    if (walk_list(strong, 1, take_first, &c->first) || walk_list(body, 0, take_first, &c->first))
        return -1;
    if (!ed->found && walk_list(strong, 1, find_edited, ed)) return -1;
    if (!ed->found && body.n && body.s[0] == '~') {
        for (size_t i = 0; i < ed->n; i++) ed->found |= bitmap_has(body, ed->v[i].doc);
    } else if (!ed->found && walk_list(body, 0, find_edited, ed)) {
        return -1;
    }
    return 0;
}

/* ---- entries an edit leaves as they are --------------------------------
 * Most words of an edited page were there before and stay: the entry then
 * holds the same postings of the edited documents, and is kept as it is
 * rather than decoded and encoded again. */

typedef struct posting_ctx {
    uint32_t doc, value;
    int found;
} posting_ctx;

static int find_posting(uint32_t doc, uint32_t value, void *vctx)
{
    posting_ctx *c = vctx;
    if (doc >= c->doc) {
        c->found = doc == c->doc;
        c->value = value;
        return 1;
    }
    return 0;
}

/* Document doc's posting in one variant: its strong value (NONE: none)
 * and whether the body holds it. -1 when malformed. */
static int posting_of(span strong, span body, uint32_t doc, uint32_t *value, int *in_body)
{
    posting_ctx c = {doc, 0, 0};
    if (walk_list(strong, 1, find_posting, &c)) return -1;
    *value = c.found ? c.value : NONE;
    if (body.n && body.s[0] == '~') {
        *in_body = bitmap_has(body, doc);
        return 0;
    }
    c.found = 0;
    if (walk_list(body, 0, find_posting, &c)) return -1;
    *in_body = c.found;
    return 0;
}

typedef struct same_ctx {
    const edited_set *ed;
    const mc_sindex_entry **mini;  /* per edit: its entry for this key, or NULL */
    size_t *matched;               /* per edit: mini variants found */
    int same;
} same_ctx;

static int same_variant(span form, span strong, span body, void *vctx)
{
    same_ctx *c = vctx;
    if (form.s && memchr(form.s, '\\', form.n)) { c->same = 0; return 0; }
    for (size_t i = 0; c->same && i < c->ed->n; i++) {
        uint32_t old_value, new_value = NONE;
        int old_body, new_body = 0;
        if (posting_of(strong, body, c->ed->v[i].doc, &old_value, &old_body)) return -1;
        const mc_sindex_entry *m = c->mini[i];
        for (size_t k = 0; m && k < m->nv; k++)
            if (!form.s || (strlen(m->v[k].form) == form.n && !memcmp(m->v[k].form, form.s, form.n))) {
                new_value = m->v[k].strong.n ? m->v[k].strong.v[1] : NONE;
                new_body = m->v[k].body.n > 0;
                c->matched[i]++;
                break;
            }
        c->same = old_value == new_value && old_body == new_body;
    }
    return 0;
}

static int decode_variant(span form, span strong, span body, void *vctx)
{
    mc_sindex_entry *e = vctx;
    mc_sindex_variant *grown = mc_grow(e->v, e->nv, &e->capv, sizeof *grown, 2);
    if (!grown) return -1;
    e->v = grown;
    mc_sindex_variant *v = &e->v[e->nv++];
    memset(v, 0, sizeof *v);
    if (form.s) {
        const char *p = form.s - 1;
        span raw;
        if (read_string(&p, form.s + form.n + 1, &raw, &v->form)) return -1;
    }
    return walk_list(strong, 1, collect_strong, &v->strong) || walk_list(body, 0, collect_body, &v->body);
}

static sentry *add_sentry(shard *sh)
{
    sentry *grown = mc_grow(sh->e, sh->n, &sh->cap, sizeof *grown, 64);
    if (!grown) return NULL;
    sh->e = grown;
    sentry *e = &sh->e[sh->n++];
    memset(e, 0, sizeof *e);
    e->first = NONE;
    return e;
}

/* Reads t/K.json and its w files into sh. 0, or -1 when it cannot. */
static int read_shard(const char *dir, shard *sh, edited_set *edited)
{
    char rel[64];
    snprintf(rel, sizeof rel, "t/%u.json", sh->k);
    if (!(sh->text = read_below(dir, rel, &sh->len))) return -1;
    const char *p = sh->text, *end = p + sh->len;
    if (p >= end || *p++ != '{') return -1;
    while (p < end && *p != '}') {
        sentry *e = add_sentry(sh);
        span raw;
        if (!e || read_string(&p, end, &raw, &e->key) || p >= end || *p++ != ':') return -1;
        e->pos = sh->n - 1;
        e->bigram = strchr(e->key, ' ') != NULL;
        if (*p >= '0' && *p <= '9') {
            char *num_end;
            unsigned long j = strtoul(p, &num_end, 10);
            if (j != sh->nw) return -1;
            p = num_end;
            char **wb = realloc(sh->wbufs, (sh->nw + 1) * sizeof *wb);
            size_t *wl = wb ? realloc(sh->wlens, (sh->nw + 1) * sizeof *wl) : NULL;
            if (wb) sh->wbufs = wb;
            if (!wl) return -1;
            sh->wlens = wl;
            snprintf(rel, sizeof rel, "w/%u-%lu.json", sh->k, j);
            if (!(sh->wbufs[sh->nw] = read_below(dir, rel, &sh->wlens[sh->nw]))) return -1;
            e->val = (span){sh->wbufs[sh->nw], sh->wlens[sh->nw]};
            e->big = 1;
            sh->nw++;
        } else {
            const char *start = p;
            int depth = 0, in_str = 0;
            for (; p < end; p++) {
                if (in_str) { if (*p == '\\') p++; else if (*p == '"') in_str = 0; continue; }
                if (*p == '"') in_str = 1;
                else if (*p == '[') depth++;
                else if (*p == ']') depth--;
                else if ((*p == ',' || *p == '}') && depth == 0) break;
            }
            e->val = (span){start, (size_t)(p - start)};
        }
        scan_ctx c = {NONE, edited};
        edited->found = 0;
        if (walk_value(e->val, scan_variant, &c)) return -1;
        e->first = c.first;
        e->touched = edited->found;
        if (p < end && *p == ',') p++;
    }
    return p + 1 == end ? 0 : -1;
}

/* ---- changing the entries ------------------------------------------- */

static void list_remove(mc_sindex_list *l, const edited_set *ed, size_t step)
{
    size_t w = 0;
    for (size_t i = 0; i + step <= l->n; i += step)
        if (!is_edited(ed, l->v[i])) {
            memmove(&l->v[w], &l->v[i], step * sizeof *l->v);
            w += step;
        }
    l->n = w;
}

/* Inserts doc (and value) in order. */
static int list_insert(mc_sindex_list *l, uint32_t doc, uint32_t value, size_t step)
{
    size_t at = 0;
    while (at < l->n && l->v[at] < doc) at += step;
    for (size_t k = 0; k < step; k++)
        if (push(l, 0)) return -1;
    memmove(&l->v[at + step], &l->v[at], (l->n - step - at) * sizeof *l->v);
    l->v[at] = doc;
    if (step == 2) l->v[at + 1] = value;
    return 0;
}

static uint32_t variant_first(const mc_sindex_variant *v)
{
    uint32_t a = v->strong.n ? v->strong.v[0] : NONE, b = v->body.n ? v->body.v[0] : NONE;
    return a < b ? a : b;
}

/* An item to place: first document before and after, and the tie-break. */
typedef struct placed {
    uint32_t first_old, first_new;
    size_t rank, index;
} placed;

static int cmp_placed(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    if (a->first_new != b->first_new) return a->first_new < b->first_new ? -1 : 1;
    return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/* Sorts v[0..n) into the clean build's order; -1 when that order depends
 * on a page not read: an item leaving an edited document for a first
 * document another item shares. */
static int place(placed *v, size_t n, const edited_set *ed)
{
    qsort(v, n, sizeof *v, cmp_placed);
    for (size_t i = 0; i < n; i++) {
        int moved = v[i].first_old != v[i].first_new && !is_edited(ed, v[i].first_new);
        if (moved && ((i > 0 && v[i - 1].first_new == v[i].first_new) ||
                      (i + 1 < n && v[i + 1].first_new == v[i].first_new)))
            return -1;
    }
    return 0;
}

/* The variant of mini entry `from` in e: found by form, or added. */
static mc_sindex_variant *variant_in(mc_sindex_entry *e, const mc_sindex_variant *from)
{
    for (size_t i = 0; i < e->nv; i++)
        if (e->bigram || !strcmp(e->v[i].form, from->form)) return &e->v[i];
    mc_sindex_variant *grown = mc_grow(e->v, e->nv, &e->capv, sizeof *grown, 2);
    if (!grown) return NULL;
    e->v = grown;
    mc_sindex_variant *v = &e->v[e->nv++];
    memset(v, 0, sizeof *v);
    if (from->form && !(v->form = strdup(from->form))) { e->nv--; return NULL; }
    return v;
}

/* The mini entry of edit i for key, and its index there; NULL if none. */
typedef struct minis {
    mc_sindex_entry **e;   /* per edit: its entries */
    size_t *n;
} minis;

static const mc_sindex_entry *mini_for(const minis *mi, size_t i, const char *key, size_t *at)
{
    for (size_t k = 0; k < mi->n[i]; k++)
        if (!strcmp(mi->e[i][k].key, key)) {
            *at = k;
            return &mi->e[i][k];
        }
    return NULL;
}

/* The edit whose document is doc. */
static size_t edit_of(const edited_set *ed, uint32_t doc)
{
    size_t i = 0;
    while (i < ed->n && ed->v[i].doc != doc) i++;
    return i;
}

/* Takes the edited documents out of e and puts their new postings in;
 * then orders its variants. 0, 1 when the order is not known, -1 OOM. */
static int patch_entry(sentry *se, const edited_set *ed, const minis *mi)
{
    mc_sindex_entry *e = &se->dec;
    size_t olds = e->nv;
    uint32_t *first_old = calloc(e->nv + 8, sizeof *first_old);
    if (!first_old) return -1;
    for (size_t i = 0; i < e->nv; i++) {
        first_old[i] = variant_first(&e->v[i]);
        list_remove(&e->v[i].strong, ed, 2);
        list_remove(&e->v[i].body, ed, 1);
    }
    for (size_t i = 0; i < ed->n; i++) {
        size_t at;
        const mc_sindex_entry *m = mini_for(mi, i, e->key, &at);
        for (size_t k = 0; m && k < m->nv; k++) {
            mc_sindex_variant *v = variant_in(e, &m->v[k]);
            if (!v || (m->v[k].strong.n && list_insert(&v->strong, ed->v[i].doc, m->v[k].strong.v[1], 2)) ||
                (m->v[k].body.n && list_insert(&v->body, ed->v[i].doc, 0, 1))) {
                free(first_old);
                return -1;
            }
        }
    }
    placed *pl = calloc(e->nv + 1, sizeof *pl);
    size_t n = 0;
    for (size_t i = 0; pl && i < e->nv; i++) {
        uint32_t f = variant_first(&e->v[i]);
        if (f == NONE) continue; /* no document holds it any more */
        size_t rank = i, at;
        if (is_edited(ed, f)) { /* its place within that page */
            size_t k = edit_of(ed, f);
            const mc_sindex_entry *m = mini_for(mi, k, e->key, &at);
            for (rank = 0; m && rank < m->nv; rank++)
                if (e->bigram || !strcmp(m->v[rank].form, e->v[i].form)) break;
        }
        pl[n++] = (placed){i < olds ? first_old[i] : NONE, f, rank, i};
    }
    free(first_old);
    if (!pl) return -1;
    int status = place(pl, n, ed) ? 1 : 0;
    mc_sindex_variant *v = status ? NULL : calloc(n + 1, sizeof *v);
    if (!status && !v) status = -1;
    if (!status) {
        unsigned char *kept = calloc(e->nv + 1, 1);
        if (!kept) status = -1;
        for (size_t i = 0; kept && i < n; i++) {
            v[i] = e->v[pl[i].index];
            kept[pl[i].index] = 1;
        }
        for (size_t i = 0; kept && i < e->nv; i++)
            if (!kept[i]) {
                free(e->v[i].form);
                free(e->v[i].strong.v);
                free(e->v[i].body.v);
            }
        if (kept) {
            free(e->v);
            e->v = v;
            e->nv = e->capv = n;
            se->first_new = n ? pl[0].first_new : NONE;
        } else {
            free(v);
        }
        free(kept);
    }
    free(pl);
    return status;
}

/* ---- writing ---------------------------------------------------------- */

static int add_out(mc_sindex_files *out, const char *path, mc_buf *bytes, const char *old,
                   size_t oldlen, uint32_t *version)
{
    mc_sindex_file *grown = mc_grow(out->v, out->n, &out->cap, sizeof *grown, 16);
    char *p = strdup(path);
    if (!grown || !p || bytes->oom) { free(p); if (grown) out->v = grown; return -1; }
    out->v = grown;
    *version ^= mc_sindex_file_hash(path, old, oldlen) ^ mc_sindex_file_hash(path, bytes->s ? bytes->s : "", bytes->len);
    out->v[out->n++] = (mc_sindex_file){p, bytes->s, bytes->len};
    out->bytes += bytes->len;
    mc_buf_init(bytes);
    return 0;
}

/* Orders the entries of one group (syllables or bigrams) of sh into
 * order[]; 0, 1 when the order is not known, -1 OOM. */
static int order_group(shard *sh, int bigram, const edited_set *ed, const minis *mi,
                       size_t *order, size_t *count)
{
    placed *pl = calloc(sh->n + 1, sizeof *pl);
    if (!pl) return -1;
    size_t n = 0;
    for (size_t i = 0; i < sh->n; i++) {
        sentry *e = &sh->e[i];
        if (e->bigram != bigram) continue;
        if (!e->touched) e->first_new = e->first;
        if (e->first_new == NONE) continue;
        size_t rank = e->pos, at = 0;
        if (is_edited(ed, e->first_new)) {
            mini_for(mi, edit_of(ed, e->first_new), e->key, &at);
            rank = at;
        }
        pl[n++] = (placed){e->first, e->first_new, rank, i};
    }
    int status = place(pl, n, ed) ? 1 : 0;
    for (size_t i = 0; !status && i < n; i++) order[(*count)++] = pl[i].index;
    free(pl);
    return status;
}

typedef struct patch_state {
    const char *dir;
    const edited_set *ed;
    const minis *mi;
    mc_sindex_files *out;
    uint32_t *version;
    size_t small;
    const char *why;
} patch_state;

/* Adds the small size of every entry of an untouched shard. */
static void count_untouched(patch_state *st, const shard *sh)
{
    for (size_t i = 0; i < sh->n; i++)
        st->small += mc_sindex_small_size(sh->e[i].key, sh->e[i].val.n);
}

/* Encodes shard sh again and adds its changed files. 0, 1, -1. */
static int write_shard(patch_state *st, shard *sh)
{
    size_t *order = calloc(sh->n + 1, sizeof *order), count = 0;
    if (!order) return -1;
    int status = order_group(sh, 0, st->ed, st->mi, order, &count);
    if (!status) status = order_group(sh, 1, st->ed, st->mi, order, &count);
    if (status == 1) st->why = "a word left a page for a page not read";
    mc_sindex_files files = {0};
    mc_buf text = MC_BUF_INIT;
    uint32_t nbig = 0;
    mc_buf_add(&text, "{", 1);
    for (size_t i = 0; !status && i < count; i++) {
        sentry *e = &sh->e[order[i]];
        mc_buf json = MC_BUF_INIT;
        if (e->touched) mc_sindex_encode_entry(&json, &e->dec);
        else mc_buf_add(&json, e->val.s, e->val.n);
        st->small += mc_sindex_small_size(e->key, json.len);
        status = json.oom || mc_sindex_place(&files, &text, sh->k, &nbig, e->key, &json) ? -1 : 0;
        mc_buf_free(&json);
    }
    mc_buf_add(&text, "}", 1);
    if (!status && nbig != sh->nw) {
        status = 1;
        st->why = "an entry became big or small";
    }
    char rel[64];
    snprintf(rel, sizeof rel, "t/%u.json", sh->k);
    if (!status && (text.len != sh->len || memcmp(text.s, sh->text, sh->len)))
        status = add_out(st->out, rel, &text, sh->text, sh->len, st->version);
    for (size_t j = 0; !status && j < files.n; j++) {
        mc_sindex_file *f = &files.v[j];
        if (f->nbytes == sh->wlens[j] && !memcmp(f->bytes, sh->wbufs[j], f->nbytes)) continue;
        mc_buf b = {.s = f->bytes, .len = f->nbytes, .cap = f->nbytes};
        f->bytes = NULL;
        status = add_out(st->out, f->path, &b, sh->wbufs[j], sh->wlens[j], st->version);
        mc_buf_free(&b);
    }
    mc_buf_free(&text);
    mc_sindex_files_free(&files);
    free(order);
    return status;
}

/* 1 when the edits leave entry e as it is. */
static int entry_unchanged(const sentry *e, const edited_set *ed, const minis *mi)
{
    const mc_sindex_entry **mini = calloc(ed->n + 1, sizeof *mini);
    size_t *matched = calloc(ed->n + 1, sizeof *matched);
    same_ctx c = {ed, mini, matched, mini && matched};
    for (size_t i = 0; c.same && i < ed->n; i++) {
        size_t at;
        mini[i] = mini_for(mi, i, e->key, &at);
    }
    if (c.same && walk_value(e->val, same_variant, &c)) c.same = 0;
    for (size_t i = 0; c.same && i < ed->n; i++) c.same = matched[i] == (mini[i] ? mini[i]->nv : 0);
    free(mini);
    free(matched);
    return c.same;
}

/* Reads, changes and writes shard k. */
static int patch_shard(patch_state *st, uint32_t k, uint32_t nshards)
{
    shard sh = {.k = k};
    edited_set scan = *st->ed;
    int status = read_shard(st->dir, &sh, &scan) ? 1 : 0;
    if (status) st->why = "an index file is missing or malformed";
    /* the edited pages' entries that belong in this shard */
    for (size_t i = 0; !status && i < st->ed->n; i++)
        for (size_t j = 0; !status && j < st->mi->n[i]; j++) {
            const mc_sindex_entry *m = &st->mi->e[i][j];
            if (mc_sindex_hash(m->key, strlen(m->key)) % nshards != k) continue;
            size_t at = 0;
            while (at < sh.n && strcmp(sh.e[at].key, m->key)) at++;
            if (at == sh.n) {
                sentry *e = add_sentry(&sh);
                if (!e || !(e->key = strdup(m->key)) || !(e->dec.key = strdup(m->key))) { status = -1; break; }
                e->bigram = e->dec.bigram = m->bigram;
                e->pos = sh.n - 1;
                e->touched = 1;
            } else {
                sh.e[at].touched = 1;
            }
        }
    int any = 0;
    for (size_t i = 0; !status && i < sh.n; i++) {
        sentry *e = &sh.e[i];
        if (e->touched && e->val.s && entry_unchanged(e, st->ed, st->mi)) e->touched = 0;
        any |= e->touched;
    }
    for (size_t i = 0; !status && i < sh.n; i++) {
        sentry *e = &sh.e[i];
        if (!e->touched) continue;
        if (!e->dec.key) {
            if (!(e->dec.key = strdup(e->key))) { status = -1; break; }
            e->dec.bigram = e->bigram;
            if (walk_value(e->val, decode_variant, &e->dec)) {
                status = 1;
                st->why = "an index file is malformed";
                break;
            }
        }
        status = patch_entry(e, st->ed, st->mi);
        if (status == 1) st->why = "a variant left a page for a page not read";
    }
    if (!status) {
        if (any) status = write_shard(st, &sh);
        else count_untouched(st, &sh);
    }
    shard_free(&sh);
    return status;
}

int mc_search_patch(const char *dir, uint32_t nshards, const mc_search_edit *edits, size_t n,
                    mc_sindex_files *out, uint32_t *version, const char **why)
{
    memset(out, 0, sizeof *out);
    edited_set ed = {edits, n, 0, 0};
    for (size_t i = 0; i < n; i++)
        if (edits[i].doc > ed.max) ed.max = edits[i].doc;
    minis mi = {calloc(n + 1, sizeof *mi.e), calloc(n + 1, sizeof *mi.n)};
    int status = mi.e && mi.n && nshards ? 0 : -1;
    for (size_t i = 0; !status && i < n; i++)
        if (!(mi.e[i] = mc_sindex_entries(edits[i].ix, &mi.n[i]))) status = -1;
    patch_state st = {dir, &ed, &mi, out, version, 0, NULL};
    for (uint32_t k = 0; !status && k < nshards; k++) status = patch_shard(&st, k, nshards);
    if (!status && mc_sindex_shard_count(st.small) != nshards) {
        status = 1;
        st.why = "the number of shards changes";
    }
    for (size_t i = 0; mi.e && i < n; i++) mc_sindex_entries_free(mi.e[i], mi.n[i]);
    free(mi.e);
    free(mi.n);
    if (status == -1) st.why = "out of memory";
    *why = st.why;
    return status;
}

int mc_search_patch_records(const char *dir, const mc_search_edit *edits, size_t n,
                            mc_sindex_files *out, uint32_t *version, const char **why)
{
    for (size_t i = 0; i < n; i++) {
        size_t file = edits[i].doc / MC_SEARCH_PER_DOC_FILE;
        int done = 0; /* an earlier edit in the same file did it */
        for (size_t j = 0; j < i; j++) done |= edits[j].doc / MC_SEARCH_PER_DOC_FILE == file;
        if (done) continue;
        char rel[64];
        snprintf(rel, sizeof rel, MC_SEARCH_DOC_FILE, file);
        size_t len;
        char *old = read_below(dir, rel, &len);
        json_t *records = old ? json_loadb(old, len, 0, NULL) : NULL;
        int ok = json_is_array(records);
        for (size_t j = i; ok && j < n; j++)
            if (edits[j].doc / MC_SEARCH_PER_DOC_FILE == file)
                ok = json_array_set(records, edits[j].doc % MC_SEARCH_PER_DOC_FILE, edits[j].record) == 0;
        char *now = ok ? json_dumps(records, JSON_COMPACT) : NULL;
        json_decref(records);
        mc_buf b = MC_BUF_INIT;
        if (now) mc_buf_adds(&b, now);
        free(now);
        int status = !ok || b.oom ? 1 : 0;
        if (!status && (b.len != len || memcmp(b.s, old, len)))
            status = add_out(out, rel, &b, old, len, version) ? 1 : 0;
        mc_buf_free(&b);
        free(old);
        if (status) {
            *why = "a records file is missing or malformed";
            return 1;
        }
    }
    return 0;
}
