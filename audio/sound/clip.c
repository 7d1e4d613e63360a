/* clip.c — a recorded voice, decoded once and played cleaned (see clip.h).
 *
 * Preparing: decode → high-pass → spool (float samples) while every 10 ms
 * frame's level goes to a small array (12 KB a minute) and a histogram;
 * then the voice's bounds. Playing: the spool between the bounds (plus the
 * lead and tail), faded at both ends, through the compressor, in blocks.
 */
#include "clip.h"
#include "grow.h"
#include "voice_clean.h"

#include <errno.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK 4096
/* setvbuf with a NULL buffer keeps glibc's 4 KB one whatever the size
 * asked; the decoder hands over 4 KB frames, each then its own write. */
#define SPOOL_IOBUF (1 << 16)

struct loa_clip {
    char *path, *shown;
    char sha[65];
    int rate;                 /* prepared at this rate; 0 = not yet */
    loa_decode_fn decode;
    FILE *spool;
    char *iobuf;              /* the spool's stdio buffer, SPOOL_IOBUF bytes */
    size_t start, end;        /* samples of the spool played */
    double speech_db;
    loa_decode_info info;
};

static int hash_file(loa_clip *c, mc_diag *d)
{
    FILE *f = fopen(c->path, "rb");
    if (!f)
        return mc_diag_set(d, c->shown, 0, 0, "cannot open the recording: %s; put the file beside "
                           "the announcement (or fix the name)", strerror(errno));
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char buf[65536], sum[32];
    unsigned int len = 0;
    size_t k;
    int ok = md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
    while (ok && (k = fread(buf, 1, sizeof buf, f)) > 0) ok = EVP_DigestUpdate(md, buf, k) == 1;
    ok = ok && !ferror(f) && EVP_DigestFinal_ex(md, sum, &len) == 1 && len == 32;
    EVP_MD_CTX_free(md);
    fclose(f);
    if (!ok) return mc_diag_set(d, c->shown, 0, 0, "cannot read the recording");
    for (int i = 0; i < 32; i++) snprintf(c->sha + 2 * i, 3, "%02x", sum[i]);
    return 0;
}

loa_clip *loa_clip_new(const char *path, const char *shown, loa_decode_fn decode, mc_diag *d)
{
    loa_clip *c = calloc(1, sizeof *c);
    if (c) {
        c->decode = decode;
        c->path = strdup(path);
        c->shown = strdup(shown ? shown : path);
    }
    if (!c || !c->path || !c->shown) {
        loa_clip_free(c);
        mc_diag_set(d, shown, 0, 0, "out of memory");
        return NULL;
    }
    if (hash_file(c, d) != 0) {
        loa_clip_free(c);
        return NULL;
    }
    return c;
}

const char *loa_clip_sha256(const loa_clip *c) { return c->sha; }
const char *loa_clip_name(const loa_clip *c) { return c->shown; }

const char *loa_clip_base(const loa_clip *c)
{
    const char *slash = strrchr(c->shown, '/');
    return slash ? slash + 1 : c->shown;
}
const loa_decode_info *loa_clip_info(const loa_clip *c) { return c->rate ? &c->info : NULL; }

double loa_clip_seconds(const loa_clip *c)
{
    return c->rate ? (double)(c->end - c->start) / c->rate : 0;
}

/* ---- preparing ---- */

typedef struct prep {
    FILE *f;
    loa_highpass hp;
    float frame[BLOCK];
    size_t frame_len, in_frame;
    float *db;                /* level of every frame */
    size_t ndb, cap;
    loa_levels levels;
    size_t total;
    mc_diag *d;
} prep;

static int prep_frame(prep *p, const float *x, size_t n)
{
    float *g = mc_grow(p->db, p->ndb, &p->cap, sizeof *g, 1024);
    if (!g) return mc_diag_set(p->d, NULL, 0, 0, "out of memory");
    p->db = g;
    double db = loa_frame_db(x, n);
    p->db[p->ndb++] = (float)db;
    loa_levels_add(&p->levels, db);
    return 0;
}

static int prep_sink(void *ctx, const float *x, size_t n)
{
    prep *p = ctx;
    float buf[BLOCK];
    while (n) {
        size_t k = n < BLOCK ? n : BLOCK;
        memcpy(buf, x, k * sizeof *buf);
        loa_highpass_run(&p->hp, buf, k);
        if (fwrite(buf, sizeof *buf, k, p->f) != k)
            return mc_diag_set(p->d, NULL, 0, 0, "cannot write the temporary recording spool: %s; "
                               "check the free space in TMPDIR", strerror(errno));
        for (size_t i = 0; i < k; i++) {
            p->frame[p->in_frame++] = buf[i];
            if (p->in_frame == p->frame_len) {
                if (prep_frame(p, p->frame, p->in_frame) != 0) return -1;
                p->in_frame = 0;
            }
        }
        p->total += k;
        x += k;
        n -= k;
    }
    return 0;
}

static int prepare(loa_clip *c, int rate, mc_diag *d)
{
    if (c->spool) fclose(c->spool);
    c->spool = NULL;
    c->rate = 0;
    prep *p = calloc(1, sizeof *p);
    if (!p) return mc_diag_set(d, c->shown, 0, 0, "out of memory");
    mc_diag sd;
    mc_diag_clear(&sd);
    p->d = &sd;
    p->frame_len = (size_t)(LOA_CLEAN_FRAME_SECONDS * rate + 0.5);
    loa_highpass_init(&p->hp, rate, LOA_CLEAN_HIGHPASS_HZ);
    p->f = tmpfile();
    if (!c->iobuf) c->iobuf = malloc(SPOOL_IOBUF);
    if (p->f && c->iobuf) setvbuf(p->f, c->iobuf, _IOFBF, SPOOL_IOBUF);
    int rc = p->f ? 0 : mc_diag_set(d, c->shown, 0, 0, "cannot create a temporary file: %s; set "
                                    "TMPDIR to a writable folder", strerror(errno));
    if (rc == 0 && c->decode(c->path, c->shown, rate, prep_sink, p, &c->info, d) != 0) {
        if (!d->message[0]) { *d = sd; snprintf(d->file, sizeof d->file, "%s", c->shown); }
        rc = -1;
    }
    if (rc == 0 && fflush(p->f) != 0)
        rc = mc_diag_set(d, c->shown, 0, 0, "cannot write the temporary recording spool: %s",
                         strerror(errno));
    loa_voice_bounds b;
    if (rc == 0) {
        loa_voice_find(p->db, p->ndb, &p->levels, &b);
        if (!b.found)
            rc = mc_diag_set(d, c->shown, 0, 0, "the recording holds no voice, only silence or "
                             "noise (%.1f s, loudest %.0f dBFS); check the microphone and record "
                             "again", c->info.seconds, b.speech_db);
    }
    if (rc == 0) {
        size_t lead = (size_t)(LOA_CLEAN_LEAD_SECONDS * rate), tail = (size_t)(LOA_CLEAN_TAIL_SECONDS * rate);
        size_t s = b.first_frame * p->frame_len, e = b.end_frame * p->frame_len;
        c->start = s > lead ? s - lead : 0;
        c->end = e + tail < p->total ? e + tail : p->total;
        c->speech_db = b.speech_db;
        c->spool = p->f;
        c->rate = rate;
        p->f = NULL;
    }
    if (p->f) fclose(p->f);
    free(p->db);
    free(p);
    return rc;
}

/* ---- playing ---- */

int loa_clip_render(loa_clip *c, int rate, loa_pcm_sink sink, void *ctx, mc_diag *d)
{
    if (c->rate != rate && prepare(c, rate, d) != 0) return -1;
    loa_compressor comp;
    loa_compressor_init(&comp, rate, c->speech_db - 10.0);
    size_t fade_in = (size_t)(0.010 * rate), fade_out = (size_t)(0.020 * rate);
    size_t len = c->end - c->start;
    float buf[BLOCK];
    if (fseek(c->spool, (long)(c->start * sizeof *buf), SEEK_SET) != 0)
        return mc_diag_set(d, c->shown, 0, 0, "cannot read the temporary recording spool: %s",
                           strerror(errno));
    for (size_t done = 0; done < len;) {
        size_t k = len - done < BLOCK ? len - done : BLOCK;
        if (fread(buf, sizeof *buf, k, c->spool) != k)
            return mc_diag_set(d, c->shown, 0, 0, "cannot read the temporary recording spool");
        for (size_t i = 0; i < k; i++) {
            size_t at = done + i;
            if (at < fade_in) buf[i] *= (float)at / (float)fade_in;
            if (len - at <= fade_out) buf[i] *= (float)(len - at - 1) / (float)fade_out;
        }
        loa_compressor_run(&comp, buf, k);
        if (sink(ctx, buf, k) != 0) return -1;
        done += k;
    }
    return 0;
}

void loa_clip_free(loa_clip *c)
{
    if (!c) return;
    if (c->spool) fclose(c->spool);
    free(c->iobuf);
    free(c->path);
    free(c->shown);
    free(c);
}
