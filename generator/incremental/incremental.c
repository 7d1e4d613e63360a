/* incremental.c — the build cache (see incremental.h for the design).
 *
 * Keys are SHA-256 (OpenSSL EVP) over length-prefixed parts, so no two
 * different sequences of parts can produce the same input to the hash. The
 * parts every output shares (generator version, every template file, the
 * base contexts) are hashed once into a global digest that starts every
 * key; a page adds the URLs its own .md links resolve to. Contexts are
 * hashed by walking them (hash_value); values a context shares by pointer
 * with its base context are left out, since the global digest covers them.
 */
#include "incremental.h"
#include "output_inputs.h"
#include "strf.h"
#include "fileio.h"
#include "safepath.h"
#include "parallel.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* ---- hashing ---- */

/* SHA-256 with small parts gathered in a buffer: a context hashes as
 * thousands of few-byte parts, and each EVP_DigestUpdate call costs more
 * than copying them. */
typedef struct hasher {
    EVP_MD_CTX *ctx;
    unsigned char buf[4096];
    size_t len;
} hasher;

static void hash_flush(hasher *h)
{
    if (!h->ctx) {
        h->ctx = EVP_MD_CTX_new();
        if (h->ctx && EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
            EVP_MD_CTX_free(h->ctx);
            h->ctx = NULL;
        }
    }
    if (h->ctx && h->len) EVP_DigestUpdate(h->ctx, h->buf, h->len);
    h->len = 0;
}

static void hash_bytes(hasher *h, const void *data, size_t n)
{
    if (h->len + n > sizeof h->buf) {
        hash_flush(h);
        if (n > sizeof h->buf) {
            if (h->ctx) EVP_DigestUpdate(h->ctx, data, n);
            return;
        }
    }
    memcpy(h->buf + h->len, data, n);
    h->len += n;
}

/* One part: its length as eight bytes, then its bytes. */
static void hash_part(hasher *h, const void *data, size_t n)
{
    uint64_t len = n;
    hash_bytes(h, &len, sizeof len);
    hash_bytes(h, data, n);
}

static void hash_str(hasher *h, const char *s)
{
    hash_part(h, s ? s : "", s ? strlen(s) : 0);
}

/* A card found among the model's cards, by pointer; see hash_value. */
typedef struct card_ref {
    const json_t *card;
    const char *digest;
} card_ref;

typedef struct card_table {
    card_ref *refs;
    size_t n;
} card_table;

static int card_ref_cmp(const void *a, const void *b)
{
    const json_t *x = ((const card_ref *)a)->card, *y = ((const card_ref *)b)->card;
    return x < y ? -1 : x > y;
}

static const char *card_digest_of(const card_table *t, const json_t *v)
{
    if (!t || !t->n || !json_is_object(v)) return NULL;
    card_ref key = {v, NULL};
    card_ref *r = bsearch(&key, t->refs, t->n, sizeof *t->refs, card_ref_cmp);
    return r ? r->digest : NULL;
}

/* Hashes a JSON value by walking it: a type letter, then the value, with
 * lengths and counts before contents, so two different values never give
 * the same bytes. Object keys are taken in insertion order: the model
 * builds every context in a fixed order, and a template that iterates an
 * object sees that order too. A card of `cards` is hashed as its digest
 * (lists hold the same card objects as the pages; hashing each card once
 * per list it appears in would cost more than rendering the list). */
static void hash_tagged(hasher *h, char tag, uint64_t n)
{
    hash_bytes(h, &tag, 1);
    hash_bytes(h, &n, sizeof n);
}

static void hash_value(hasher *h, const json_t *v, const card_table *cards)
{
    const char *digest = card_digest_of(cards, v);
    if (digest) {
        hash_bytes(h, "c", 1);
        hash_str(h, digest);
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        hash_tagged(h, 'o', json_object_size(v));
        json_object_foreach((json_t *)v, k, x) {
            hash_str(h, k);
            hash_value(h, x, cards);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        hash_tagged(h, 'a', json_array_size(v));
        json_array_foreach(v, i, x) hash_value(h, x, cards);
        break;
    }
    case JSON_STRING:
        hash_bytes(h, "s", 1);
        hash_part(h, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        hash_tagged(h, 'i', (uint64_t)json_integer_value(v));
        break;
    case JSON_REAL: {
        double r = json_real_value(v);
        hash_bytes(h, "r", 1);
        hash_bytes(h, &r, sizeof r);
        break;
    }
    case JSON_TRUE: hash_bytes(h, "t", 1); break;
    case JSON_FALSE: hash_bytes(h, "f", 1); break;
    default: hash_bytes(h, "n", 1); break;
    }
}

static void hash_json(hasher *h, const json_t *v)
{
    hash_value(h, v, NULL);
}

/* Hex SHA-256 of what h was given into out (MC_KEY_SIZE bytes); resets h. */
static void hash_finish(hasher *h, char *out)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    hash_flush(h);
    /* Init_ex2 with no type keeps the context's SHA-256: fetching it again
     * for each of 20,000 keys cost more than hashing them */
    if (!h->ctx || EVP_DigestFinal_ex(h->ctx, md, &n) != 1 ||
        EVP_DigestInit_ex2(h->ctx, NULL, NULL) != 1 || n != 32)
        memset(md, 0, 32);
    mc_hex(md, 32, out);
}

static void hash_free(hasher *h)
{
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
}

/* ---- inputs ---- */

static void hash_stat(hasher *h, const struct stat *st)
{
    mc_file_stamp s = mc_stamp_of(st);
    long long stamp[2] = {s.size, s.mtime_ns};
    hash_part(h, stamp, sizeof stamp);
}

/* Hashes a file's name with its size and mtime (or a mark that it is
 * missing: then *seen, when given, gets size -1). */
static void hash_file_stamp(hasher *h, int dirfd, const char *name, const char *shown,
                            mc_file_stamp *seen)
{
    struct stat st;
    hash_str(h, shown);
    int found = fstatat(dirfd, name, &st, 0) == 0;
    if (found) hash_stat(h, &st);
    else hash_part(h, "-", 1);
    if (seen) *seen = found ? mc_stamp_of(&st) : (mc_file_stamp){-1, 0};
}

static int is_page_file(const char *name)
{
    size_t n = strlen(name);
    return n >= 3 && !strcmp(name + n - 3, ".md");
}

/* Every file under dir, in sorted order, stat'ed relative to the folder
 * (opened once) so each lookup walks only the file's own path. With pages
 * (the content folder), a page's name goes to h and its stamp to pages;
 * with seen, the names and stamps are kept there. */
static void hash_tree(hasher *h, hasher *pages, const char *confine, const char *dir,
                      const char *prefix, mc_input_stamps *seen)
{
    char **names = NULL;
    size_t count = 0;
    hash_str(h, prefix);
    if (mc_list_tree(dir, confine, &names, &count, NULL) != 0) {
        hash_str(h, "(refused)"); /* the build reports why */
        return;
    }
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    mc_file_stamp *stamps = seen ? calloc(count + 1, sizeof *stamps) : NULL;
    for (size_t i = 0; i < count; i++) {
        hasher *to = h;
        if (pages && is_page_file(names[i])) {
            hash_str(h, names[i]);
            to = pages;
        }
        hash_file_stamp(to, dirfd, names[i], names[i], stamps ? &stamps[i] : NULL);
    }
    if (dirfd >= 0) close(dirfd);
    if (stamps) {
        seen->names = names;
        seen->stamps = stamps;
        seen->count = count;
    } else {
        mc_free_list(names, count);
    }
}

const mc_file_stamp *mc_input_stamp_seek(const mc_input_stamps *s, size_t *k, const char *name)
{
    while (*k < s->count && strcmp(s->names[*k], name) != 0) (*k)++;
    return *k < s->count ? &s->stamps[*k] : NULL;
}

void mc_input_stamps_free(mc_input_stamps *s)
{
    mc_free_list(s->names, s->count);
    free(s->stamps);
    memset(s, 0, sizeof *s);
}

void mc_inputs_digest(const char *site, const char *theme_dir, const char *options, char *out,
                      char *rest_out, mc_input_stamps *content)
{
    static const char *const dirs[] = {"static", "data", "i18n"};
    hasher rest = {0}, pages = {0}, all = {0};
    hash_str(&rest, options);
    char *dir = mc_path2(site, "content");
    if (dir) hash_tree(&rest, &pages, site, dir, "content", content);
    free(dir);
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        dir = mc_path2(site, dirs[i]);
        if (dir) hash_tree(&rest, NULL, site, dir, dirs[i], NULL);
        free(dir);
    }
    hash_tree(&rest, NULL, mc_confine_for(site, theme_dir), theme_dir, "(theme)", NULL);
    char *yaml = mc_path2(site, "site.yaml");
    if (yaml) hash_file_stamp(&rest, AT_FDCWD, yaml, "site.yaml", NULL);
    free(yaml);
    char rest_hex[MC_KEY_SIZE], pages_hex[MC_KEY_SIZE];
    hash_finish(&rest, rest_hex);
    hash_finish(&pages, pages_hex);
    hash_str(&all, rest_hex);
    hash_str(&all, pages_hex);
    hash_finish(&all, out);
    if (rest_out) memcpy(rest_out, rest_hex, MC_KEY_SIZE);
    hash_free(&rest);
    hash_free(&pages);
    hash_free(&all);
}

/* ---- keys ---- */

typedef struct key_job {
    const mc_model *m;
    char *keys;
    char global[MC_KEY_SIZE];
    json_t *index_pages;   /* rel of _index files -> page index */
    hasher *hashers;       /* one per worker */
    char *card_digests;    /* MC_KEY_SIZE per page: digest of its card */
    card_table cards;      /* card objects by pointer -> their digests */
    mc_key_salt_fn salt;   /* may be NULL */
    void *salt_ctx;
} key_job;

static void hash_templates(hasher *h, const char *theme_dir)
{
    char *dir = mc_path2(theme_dir, "templates");
    char **names = NULL;
    size_t count = 0;
    if (dir && mc_list_tree(dir, NULL, &names, &count, NULL) == 0) {
        for (size_t i = 0; i < count; i++) {
            char *path = mc_path2(dir, names[i]);
            size_t len = 0;
            char *text = path ? mc_read_file(path, &len, NULL) : NULL;
            hash_str(h, names[i]);
            hash_part(h, text ? text : "", text ? len : 0);
            free(text);
            free(path);
        }
        mc_free_list(names, count);
    }
    free(dir);
}

static void global_key(key_job *job)
{
    hasher h = {0};
    hash_str(&h, "motcua " MC_VERSION);
    hash_templates(&h, job->m->site->theme_dir);
    hash_json(&h, job->m->site_context);
    hash_part(&h, &job->m->site->unsafe_html, sizeof job->m->site->unsafe_html);
    hash_finish(&h, job->global);
    hash_free(&h);
}

/* The URL each .md link of the body resolves to: a page changes when a page
 * it links to moves, and not when any other page does. The targets were
 * found at load (content.c); the Markdown renderer resolves the same. */
static void hash_md_links(hasher *h, const mc_model *m, const mc_page *p)
{
    for (size_t i = 0; i < p->n_md_links; i++) {
        hash_str(h, p->md_links[i]);
        hash_str(h, mc_model_resolve(m, p->dir, p->md_links[i]));
    }
}

static void hash_page_body(hasher *h, const mc_page *p)
{
    hash_str(h, p->file);
    hash_part(h, p->body_digest, sizeof p->body_digest);
    hash_part(h, &p->body_line, sizeof p->body_line);
    hash_str(h, p->dir);
    hash_str(h, p->lang);
}

/* The context without the values it shares with its base context (the
 * global digest covers those), cards as digests. */
static void hash_context(hasher *h, const key_job *job, json_t *ctx)
{
    const mc_model *m = job->m;
    const char *lang = json_string_value(json_object_get(ctx, "lang"));
    json_t *base = json_object_get(m->site_context, lang ? lang : "vi");
    const char *k;
    json_t *v;
    json_object_foreach(ctx, k, v)
        if (json_object_get(base, k) != v) {
            hash_str(h, k);
            hash_value(h, v, &job->cards);
        }
}

static void card_digest_one(void *ctx, size_t i, int worker)
{
    key_job *job = ctx;
    hasher *h = &job->hashers[worker];
    hash_json(h, json_array_get(job->m->cards, i));
    hash_finish(h, job->card_digests + i * MC_KEY_SIZE);
}

static void make_card_digests(key_job *job, int jobs)
{
    const mc_model *m = job->m;
    job->card_digests = calloc(m->npages + 1, MC_KEY_SIZE);
    job->cards.refs = calloc(m->npages + 1, sizeof *job->cards.refs);
    if (!job->card_digests || !job->cards.refs) return;
    mc_parallel_for(m->npages, jobs, card_digest_one, job);
    for (size_t i = 0; i < m->npages; i++) {
        json_t *card = json_array_get(m->cards, i);
        if (json_is_object(card))
            job->cards.refs[job->cards.n++] = (card_ref){card, job->card_digests + i * MC_KEY_SIZE};
    }
    qsort(job->cards.refs, job->cards.n, sizeof *job->cards.refs, card_ref_cmp);
}

static void hash_intro(hasher *h, const key_job *job, json_t *ctx, const char *key)
{
    const mc_page *p = mc_output_intro(job->m, job->index_pages, ctx, key);
    if (p) {
        hash_page_body(h, p);
        hash_md_links(h, job->m, p);
    }
}

static void key_one(void *ctx, size_t i, int worker)
{
    key_job *job = ctx;
    hasher *h = &job->hashers[worker];
    const mc_output *o = &job->m->outputs[i];
    hash_str(h, job->global);
    hash_part(h, &o->kind, sizeof o->kind);
    hash_str(h, o->path);
    hash_str(h, o->template);
    const char *salt = job->salt ? job->salt(job->salt_ctx, o) : NULL;
    if (salt) hash_str(h, salt);
    if (o->kind == MC_OUT_PAGE) {
        hash_str(h, job->card_digests ? job->card_digests +
                 (size_t)(o->page - job->m->pages) * MC_KEY_SIZE : "");
        hash_page_body(h, o->page);
        hash_md_links(h, job->m, o->page);
    } else if (o->kind == MC_OUT_TEMPLATE) {
        hash_context(h, job, o->context);
        for (int k = 0; k < MC_INTRO_KEYS; k++) hash_intro(h, job, o->context, mc_intro_keys[k]);
    } else if (o->kind == MC_OUT_BYTES) {
        hash_part(h, o->bytes, o->nbytes);
    } else {
        struct stat st;
        hash_str(h, o->source);
        if (stat(o->source, &st) == 0) hash_stat(h, &st);
        else hash_part(h, "-", 1);
    }
    hash_finish(h, job->keys + i * MC_KEY_SIZE);
}

char *mc_output_keys(const mc_model *m, int jobs, mc_key_salt_fn salt, void *salt_ctx)
{
    if (jobs < 1) jobs = 1;
    key_job job = {.m = m, .salt = salt, .salt_ctx = salt_ctx};
    job.keys = calloc(m->noutputs + 1, MC_KEY_SIZE);
    job.hashers = calloc((size_t)jobs, sizeof *job.hashers);
    if (!job.keys || !job.hashers) { free(job.keys); free(job.hashers); return NULL; }
    job.index_pages = mc_intro_map(m);
    global_key(&job);
    make_card_digests(&job, jobs);
    mc_parallel_for(m->noutputs, jobs, key_one, &job);
    free(job.card_digests);
    free(job.cards.refs);
    for (int w = 0; w < jobs; w++) hash_free(&job.hashers[w]);
    free(job.hashers);
    json_decref(job.index_pages);
    return job.keys;
}
