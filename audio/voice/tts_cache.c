/* tts_cache.c — utterances synthesised once, replayed from a temporary
 * file (see tts_cache.h).
 *
 * The index is an open-addressing hash table of "voice\x1ftext" keys, each
 * with the offset and length of its samples in the file. Filling appends
 * with pwrite; playing reads with pread, so players on several threads
 * share the file without a lock once filling is over.
 */
#include "tts_cache.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define LOA_CACHE_BLOCK 4096     /* samples read or written at once */

typedef struct entry {
    char *key;                   /* NULL = free slot */
    uint64_t hash;
    off_t off;                   /* bytes */
    size_t n;                    /* samples */
} entry;

struct loa_speech_cache {
    loa_tts *engine;
    FILE *file;
    int fd;
    off_t end;
    entry *slots;
    size_t cap, used;
    pthread_rwlock_t lock;       /* the index: written while filling, read by players */
    atomic_size_t synthesised, replayed;
};

int loa_speech_cache_enabled(void)
{
    const char *v = getenv("LOA_SPEECH_CACHE");
    return !(v && !strcmp(v, "off"));
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

loa_speech_cache *loa_speech_cache_new(loa_tts *engine, mc_diag *d)
{
    loa_speech_cache *c = calloc(1, sizeof *c);
    if (c) c->slots = calloc(64, sizeof *c->slots);
    if (!c || !c->slots) {
        free(c);
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    c->cap = 64;
    c->engine = engine;
    c->file = tmpfile();
    if (!c->file) {
        mc_diag_set(d, NULL, 0, 0, "cannot create a temporary file: %s; set TMPDIR to a "
                    "writable folder", strerror(errno));
        free(c->slots);
        free(c);
        return NULL;
    }
    c->fd = fileno(c->file);
    pthread_rwlock_init(&c->lock, NULL);
    atomic_init(&c->synthesised, 0);
    atomic_init(&c->replayed, 0);
    return c;
}

/* The key of text in voice: malloc'd, NULL when out of memory. */
static char *make_key(const char *voice, const char *text, size_t len)
{
    size_t vl = strlen(voice);
    char *k = malloc(vl + 1 + len + 1);
    if (!k) return NULL;
    memcpy(k, voice, vl);
    k[vl] = '\x1f';
    memcpy(k + vl + 1, text, len);
    k[vl + 1 + len] = '\0';
    return k;
}

static entry *find(const loa_speech_cache *c, const char *key, uint64_t h)
{
    for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        entry *e = &c->slots[i];
        if (!e->key) return e;
        if (e->hash == h && !strcmp(e->key, key)) return e;
    }
}

static int grow(loa_speech_cache *c)
{
    entry *old = c->slots;
    size_t oldcap = c->cap;
    entry *s = calloc(2 * oldcap, sizeof *s);
    if (!s) return -1;
    c->slots = s;
    c->cap = 2 * oldcap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key) *find(c, old[i].key, old[i].hash) = old[i];
    free(old);
    return 0;
}

/* ---- filling: the engine's samples into the file (and on to a sink) ---- */

typedef struct writer {
    loa_speech_cache *c;
    off_t at;
    size_t n;
    float buf[LOA_CACHE_BLOCK];
    size_t held;
    loa_pcm_sink sink;           /* also given every sample; may be NULL */
    void *ctx;
    int failed;
    mc_diag *d;
} writer;

static int write_out(writer *w)
{
    size_t bytes = w->held * sizeof *w->buf, done = 0;
    while (done < bytes) {
        ssize_t k = pwrite(w->c->fd, (char *)w->buf + done, bytes - done, w->at + (off_t)done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            w->failed = 1;
            return mc_diag_set(w->d, NULL, 0, 0, "cannot write the speech cache: %s; check the "
                               "free space in TMPDIR", strerror(errno));
        }
        done += (size_t)k;
    }
    w->at += (off_t)bytes;
    w->held = 0;
    return 0;
}

static int writer_sink(void *ctx, const float *x, size_t n)
{
    writer *w = ctx;
    if (w->sink && w->sink(w->ctx, x, n) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        w->buf[w->held++] = x[i];
        if (w->held == LOA_CACHE_BLOCK && write_out(w) != 0) return -1;
    }
    w->n += n;
    return 0;
}

/* Synthesises key's text into the file and indexes it, passing the
 * samples on to sink when not NULL. */
static int synthesise(loa_speech_cache *c, const char *key, uint64_t h, const char *text,
                      size_t len, loa_pcm_sink sink, void *ctx, mc_diag *d)
{
    writer *w = calloc(1, sizeof *w);
    if (!w) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    *w = (writer){.c = c, .at = c->end, .sink = sink, .ctx = ctx, .d = d};
    int rc = loa_tts_speak(c->engine, text, len, writer_sink, w, d);
    if (rc == 0 && w->held) rc = write_out(w);
    if (rc != 0 && w->failed) rc = -1;
    entry e = {NULL, h, c->end, w->n};
    if (rc == 0) {
        c->end = w->at;
        atomic_fetch_add(&c->synthesised, 1);
    }
    free(w);
    if (rc != 0) return -1;
    /* the samples are in the file before the index names them */
    pthread_rwlock_wrlock(&c->lock);
    if ((c->used + 1) * 2 <= c->cap || grow(c) == 0) e.key = strdup(key);
    if (e.key) {
        *find(c, key, h) = e;
        c->used++;
    }
    pthread_rwlock_unlock(&c->lock);
    return e.key ? 0 : mc_diag_set(d, NULL, 0, 0, "out of memory");
}

int loa_speech_cache_fill(loa_speech_cache *c, const char *text, size_t len, mc_diag *d)
{
    char *key = make_key(loa_tts_voice_id(c->engine), text, len);
    if (!key) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    uint64_t h = fnv1a(key, strlen(key));
    int rc = find(c, key, h)->key ? 0 : synthesise(c, key, h, text, len, NULL, NULL, d);
    free(key);
    return rc;
}

/* ---- playing ---- */

typedef struct player {
    loa_speech_cache *c;
    int may_synthesise;
    char voice[64];
    float buf[LOA_CACHE_BLOCK];
} player;

static int replay(player *p, const entry *e, loa_pcm_sink sink, void *ctx, mc_diag *d)
{
    off_t at = e->off;
    for (size_t done = 0; done < e->n;) {
        size_t k = e->n - done < LOA_CACHE_BLOCK ? e->n - done : LOA_CACHE_BLOCK;
        size_t want = k * sizeof *p->buf, got = 0;
        while (got < want) {
            ssize_t r = pread(p->c->fd, (char *)p->buf + got, want - got, at + (off_t)got);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0)
                return mc_diag_set(d, NULL, 0, 0, "cannot read the speech cache: %s",
                                   r < 0 ? strerror(errno) : "it is shorter than written");
            got += (size_t)r;
        }
        if (sink(ctx, p->buf, k) != 0) return -1;
        at += (off_t)want;
        done += k;
    }
    atomic_fetch_add(&p->c->replayed, 1);
    return 0;
}

static int player_speak(void *impl, const char *text, size_t len, loa_pcm_sink sink,
                        void *ctx, mc_diag *d)
{
    player *p = impl;
    loa_speech_cache *c = p->c;
    char *key = make_key(p->voice, text, len);
    if (!key) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    uint64_t h = fnv1a(key, strlen(key));
    pthread_rwlock_rdlock(&c->lock);   /* another thread may be filling */
    entry e = *find(c, key, h);
    pthread_rwlock_unlock(&c->lock);
    int rc;
    if (e.key) rc = replay(p, &e, sink, ctx, d);
    else if (p->may_synthesise) rc = synthesise(c, key, h, text, len, sink, ctx, d);
    else rc = mc_diag_set(d, NULL, 0, 0, "internal error: an utterance was not prepared "
                          "for the speech cache");
    free(key);
    return rc;
}

static int player_rate(void *impl) { return loa_tts_sample_rate(((player *)impl)->c->engine); }
static const char *player_name(void *impl) { return loa_tts_engine_name(((player *)impl)->c->engine); }
static const char *player_voice(void *impl) { return ((player *)impl)->voice; }
static void player_free(void *impl) { free(impl); }

static const loa_tts_engine player_engine = {
    player_rate, player_name, player_voice, NULL, player_speak, player_free,
};

loa_tts *loa_speech_cache_tts(loa_speech_cache *c, int may_synthesise, mc_diag *d)
{
    player *p = calloc(1, sizeof *p);
    if (!p) {
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    p->c = c;
    p->may_synthesise = may_synthesise;
    snprintf(p->voice, sizeof p->voice, "%s", loa_tts_voice_id(c->engine));
    return loa_tts_new_engine(&player_engine, p, d);
}

void loa_speech_cache_counts(const loa_speech_cache *c, size_t *synthesised, size_t *replayed)
{
    *synthesised = atomic_load(&((loa_speech_cache *)c)->synthesised);
    *replayed = atomic_load(&((loa_speech_cache *)c)->replayed);
}

void loa_speech_cache_free(loa_speech_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->cap; i++) free(c->slots[i].key);
    free(c->slots);
    pthread_rwlock_destroy(&c->lock);
    fclose(c->file);
    free(c);
}
