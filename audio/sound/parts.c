/* parts.c — a ward's file from shared parts (see parts.h).
 *
 * Each part runs the stages of pipeline.c (pipeline_internal.h) on a
 * program of its own: its segments, borrowed from the ward's program,
 * with the halves of the pauses at its ends. The encoder side keeps the
 * last samples back (HOLD) until the part's length on the timeline is
 * known, then gives LAME exactly what fills whole frames. The encoded part
 * is decoded from memory with libsndfile (libmpg123, which trims LAME's
 * delay and padding) and measured: those are the figures the file has.
 */
#include "parts.h"
#include "encode.h"
#include "loudness.h"
#include "memfile.h"
#include "mp3join.h"
#include "pipeline_internal.h"
#include "resample.h"

#include <lame/lame.h>
#include <math.h>
#include <stddef.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOLD 8192            /* samples kept back from LAME */
#define SILENT 1e-4f         /* below this a sample counts as silence (-80 dBFS) */
#define LAME_CHUNK 4096
#define LAME_BUF (LAME_CHUNK * 5 / 4 + 7200)

enum { PART_LEAD, PART_OPENING, PART_MIDDLE, PART_CLOSING, PART_TAIL, NPARTS };

/* The parts every ward has the same, made once (loa_shared_make); the
 * others are each ward's own. */
static const int part_shared[NPARTS] = {1, 0, 1, 0, 1};

/* Segments [from, to) of a program with pauses of lead and trail seconds
 * around them. */
typedef struct part_range {
    size_t from, to;
    double lead, trail;
} part_range;

/* What the wards' programs have in common at the edges of the opening and
 * the closing: so many segments the same in every ward at the start and
 * at the end of each (the sentences of "A lô, a lô! Đây là Đài truyền
 * thanh {ward}. Đài xin thông báo:" that do not name the ward). */
typedef struct common_edges {
    size_t open_head, open_tail, close_head, close_tail;
} common_edges;

/* The pauses at the joins go to the shared parts but for WARD_SILENCE
 * seconds (or half the pause, when that is shorter) on the ward's side:
 * silence the ward's part need not encode again for every ward, and every
 * join has silence on both sides. */
#define WARD_SILENCE 0.1

static double ward_side(double pause) { return pause / 2 < WARD_SILENCE ? pause / 2 : WARD_SILENCE; }

static int is_pause(const loa_program *p, size_t i) { return p->segs[i].kind == LOA_SEG_PAUSE; }

/* The closing's segments: [closing_at + 1, count - 1), none without one
 * (closing_at is then the last pause). */
static size_t closing_len(const loa_program *p)
{
    return p->closing_at + 1 < p->count ? p->count - 2 - p->closing_at : 0;
}

/* The ward's own stretch of [from, to) — its segments between `head` and
 * `tail` common ones — widened to the pauses around it: *a the last pause
 * before it (at least from - 1), *b the first at or after its end (at most
 * to). 0 when the stretch is empty (nothing of it is the ward's own). The
 * caller guarantees pauses at from - 1 and at to. */
static int own_stretch(const loa_program *p, size_t from, size_t to, size_t head, size_t tail,
                       size_t *a, size_t *b)
{
    if (to <= from || head + tail >= to - from) return 0;
    size_t f = from + head, l = to - tail;
    *a = f - 1;
    while (!is_pause(p, *a)) (*a)--;
    *b = l;
    while (!is_pause(p, *b)) (*b)++;
    return 1;
}

/* The program's five parts: the ward's opening between the pauses a and b
 * around what of it names the ward, its closing between c and e; the
 * lead-in before a, the middle from b to c, the tail after e, each taking
 * its side of the pause it ends or begins in. A part nothing of the ward
 * stands before or after is not cut off: without an opening of the ward's
 * own the middle begins the file, without a closing it ends it. */
static void split(const loa_program *p, const common_edges *ce, part_range r[NPARTS])
{
    memset(r, 0, NPARTS * sizeof *r);
    const loa_segment *s = p->segs;
    size_t a = 0, b = 0, c = 0, e = 0;
    /* a pause stands before the opening (after the chime) and after it
     * (the part pause at body_at), before the closing (closing_at) and
     * after it (the last segment) */
    int opening = own_stretch(p, p->opening_at, p->body_at, ce->open_head, ce->open_tail, &a, &b);
    int closing = own_stretch(p, p->closing_at + 1, p->closing_at + 1 + closing_len(p),
                              ce->close_head, ce->close_tail, &c, &e);
    if (opening) {
        r[PART_LEAD] = (part_range){0, a, 0, s[a].seconds - ward_side(s[a].seconds)};
        r[PART_OPENING] = (part_range){a + 1, b, ward_side(s[a].seconds), ward_side(s[b].seconds)};
        r[PART_MIDDLE].from = b + 1;
        r[PART_MIDDLE].lead = s[b].seconds - ward_side(s[b].seconds);
    }
    r[PART_MIDDLE].to = p->count;
    if (closing) {
        r[PART_MIDDLE].to = c;
        r[PART_MIDDLE].trail = s[c].seconds - ward_side(s[c].seconds);
        int last = e + 1 == p->count;   /* the closing ends the file */
        r[PART_CLOSING] = (part_range){c + 1, last ? p->count : e, ward_side(s[c].seconds),
                                       last ? 0 : ward_side(s[e].seconds)};
        if (!last) r[PART_TAIL] = (part_range){e + 1, p->count, s[e].seconds - ward_side(s[e].seconds), 0};
    }
}

/* How many segments from i (step +1 or -1, n at most) a and b have the
 * same. */
static size_t same_run(const loa_program *a, size_t i, const loa_program *b, size_t j, size_t n,
                       int step)
{
    size_t k = 0;
    for (; k < n; k++, i += (size_t)step, j += (size_t)step) {
        const loa_segment *x = &a->segs[i], *y = &b->segs[j];
        int texts = x->text && y->text ? !strcmp(x->text, y->text) : x->text == y->text;
        if (x->kind != y->kind || x->seconds != y->seconds || !texts) break;
    }
    return k;
}

static size_t min_size(size_t x, size_t y) { return x < y ? x : y; }

/* What every program of ps has in common with ps[0] at the edges of its
 * opening and closing (same_run reads nothing when n is 0). */
static common_edges common_of(const loa_program *const *ps, size_t n)
{
    const loa_program *p = ps[0];
    size_t olen = p->body_at - p->opening_at, clen = closing_len(p);
    common_edges ce = {olen, olen, clen, clen};
    for (size_t i = 1; i < n; i++) {
        const loa_program *q = ps[i];
        size_t mo = min_size(olen, q->body_at - q->opening_at), mc = min_size(clen, closing_len(q));
        ce.open_head = min_size(ce.open_head, same_run(p, p->opening_at, q, q->opening_at, mo, 1));
        ce.open_tail = min_size(ce.open_tail, same_run(p, p->body_at - 1, q, q->body_at - 1, mo, -1));
        ce.close_head = min_size(ce.close_head, same_run(p, p->closing_at + 1, q, q->closing_at + 1, mc, 1));
        ce.close_tail = min_size(ce.close_tail, same_run(p, p->count - 2, q, q->count - 2, mc, -1));
    }
    return ce;
}

static int range_empty(const part_range *r) { return r->from >= r->to && r->lead <= 0 && r->trail <= 0; }

/* Appends part r of p to dst (zeroed at first), its pauses around it; the
 * segments are borrowed (free only dst->segs). 0, or -1 out of memory. */
static int append_part(loa_program *dst, const loa_program *p, const part_range *r)
{
    loa_segment *grown = realloc(dst->segs, (dst->count + r->to - r->from + 2) * sizeof *grown);
    if (!grown) return -1;
    dst->segs = grown;
    if (r->lead > 0) dst->segs[dst->count++] = (loa_segment){LOA_SEG_PAUSE, r->lead, NULL, NULL};
    for (size_t i = r->from; i < r->to; i++) dst->segs[dst->count++] = p->segs[i];
    if (r->trail > 0) dst->segs[dst->count++] = (loa_segment){LOA_SEG_PAUSE, r->trail, NULL, NULL};
    return 0;
}

/* What identifies a part: each segment's kind, length and text. Caller
 * frees; NULL when out of memory. */
static char *signature(const loa_program *p, const part_range *r)
{
    loa_program sub = {0};
    if (append_part(&sub, p, r) != 0) {
        free(sub.segs);
        return NULL;
    }
    size_t n = 1;
    for (size_t i = 0; i < sub.count; i++) n += 40 + (sub.segs[i].text ? strlen(sub.segs[i].text) : 0);
    char *s = malloc(n);
    size_t at = 0;
    for (size_t i = 0; s && i < sub.count; i++)
        at += (size_t)snprintf(s + at, n - at, "%d %.6f %s\n", (int)sub.segs[i].kind,
                               sub.segs[i].seconds, sub.segs[i].text ? sub.segs[i].text : "");
    if (s && !at) s[0] = '\0';
    free(sub.segs);
    return s;
}

/* ---- one part encoded ---- */

typedef struct part_out {
    unsigned char *bytes;   /* the part's LAME stream (tag frame first) */
    size_t len;
    loa_mp3_stream st;      /* points into bytes */
    long samples;           /* its length on the file's timeline */
    loa_meter *meter;       /* the decoded part, measured */
    double lufs, peak_db;
} part_out;

static void part_clear(part_out *po)
{
    free(po->bytes);
    loa_meter_free(po->meter);
    memset(po, 0, sizeof *po);
}

typedef struct part_enc {
    lame_global_flags *lame;
    unsigned char *out;
    size_t len, cap;
    size_t held, total, fed, sound_end;
    loa_resampler *rs;
    const char *name;
    mc_diag *d;
    /* last: not zeroed (enc_new) */
    unsigned char mp3buf[LAME_BUF];
    float hold[2 * HOLD];
} part_enc;

static int put_mp3(part_enc *e, int got)
{
    if (got < 0) return mc_diag_set(e->d, e->name, 0, 0, "the MP3 encoder failed (LAME error %d)", got);
    if (e->len + (size_t)got > e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 1 << 16;
        while (cap < e->len + (size_t)got) cap *= 2;
        unsigned char *grown = realloc(e->out, cap);
        if (!grown) return mc_diag_set(e->d, e->name, 0, 0, "out of memory");
        e->out = grown;
        e->cap = cap;
    }
    memcpy(e->out + e->len, e->mp3buf, (size_t)got);
    e->len += (size_t)got;
    return 0;
}

static int feed(part_enc *e, const float *x, size_t n)
{
    for (size_t done = 0; done < n;) {
        int k = n - done < LAME_CHUNK ? (int)(n - done) : LAME_CHUNK;
        if (put_mp3(e, lame_encode_buffer_ieee_float(e->lame, x + done, x + done, k,
                                                     e->mp3buf, LAME_BUF)) != 0) return -1;
        done += (size_t)k;
    }
    e->fed += n;
    return 0;
}

/* The resampler's output: kept back HOLD samples deep. */
static int hold_sink(void *ctx, const float *x, size_t n)
{
    part_enc *e = ctx;
    for (size_t i = 0; i < n; i++)
        if (fabsf(x[i]) > SILENT) e->sound_end = e->total + i + 1;
    e->total += n;
    while (n) {
        size_t k = 2 * HOLD - e->held < n ? 2 * HOLD - e->held : n;
        memcpy(e->hold + e->held, x, k * sizeof *x);
        e->held += k;
        x += k;
        n -= k;
        if (e->held == 2 * HOLD) {
            if (feed(e, e->hold, HOLD) != 0) return -1;
            memmove(e->hold, e->hold + HOLD, HOLD * sizeof *x);
            e->held = HOLD;
        }
    }
    return 0;
}

/* Gives LAME the rest: all of it for the last part, else exactly what
 * fills whole frames after LAME's delay and its smallest padding, at the
 * frame nearest the part's own end and at least a frame after its last
 * sound. *samples: the part's length on the timeline. */
static int feed_rest(part_enc *e, int last, long *samples)
{
    size_t want = e->total;
    size_t fs = (size_t)lame_get_framesize(e->lame), lead = 2 * (size_t)lame_get_encoder_delay(e->lame);
    size_t slot = 0;
    if (!last) {
        slot = (e->total + fs / 2) / fs * fs;
        while (slot < lead + e->sound_end + fs) slot += fs;
        want = slot - lead;
    }
    if (want < e->fed)
        return mc_diag_set(e->d, e->name, 0, 0, "internal error: the part's end was given "
                           "to the encoder too early");
    size_t from_hold = want - e->fed < e->held ? want - e->fed : e->held;
    if (feed(e, e->hold, from_hold) != 0) return -1;
    static const float zeros[1024];
    while (e->fed < want) {
        size_t k = want - e->fed < 1024 ? want - e->fed : 1024;
        if (feed(e, zeros, k) != 0) return -1;
    }
    *samples = (long)(last ? want : slot);
    return 0;
}

/* Decodes the part and measures it; it must decode to `expect` samples. */
static int measure_part(part_out *po, int rate, long expect, const char *name, mc_diag *d)
{
    loa_memfile m;
    SF_INFO info;
    SNDFILE *sf = loa_memfile_open(&m, po->bytes, po->len, &info);
    if (!sf) return mc_diag_set(d, name, 0, 0, "cannot read back the encoded part: %s", sf_strerror(NULL));
    po->meter = loa_meter_new(rate, 1, d);
    float buf[4096];
    sf_count_t got, total = 0;
    int rc = po->meter ? 0 : -1;
    while (rc == 0 && (got = sf_readf_float(sf, buf, 4096)) > 0) {
        rc = loa_meter_add(po->meter, buf, (size_t)got, d);
        total += got;
    }
    sf_close(sf);
    if (rc == 0 && (info.channels != 1 || info.samplerate != rate || total != expect))
        rc = mc_diag_set(d, name, 0, 0, "an encoded part decodes to %lld samples of %ld; "
                         "the stream is not what was encoded", (long long)total, expect);
    if (rc == 0) {
        po->lufs = loa_meter_integrated(po->meter);
        po->peak_db = loa_meter_true_peak_db(po->meter);
    }
    return rc;
}

typedef struct part_ctx {
    int in_rate, out_rate, kbps;
    const char *name;       /* for messages: the destination */
} part_ctx;

/* A group: parts at one gain, rendered into one spool and encoded in one
 * pass whose samples go to each part's encoder in turn (the lead-in, the
 * middle and the tail: one gain for all that is shared, the chime
 * counted). */
#define GROUP_MAX 3
typedef struct group {
    size_t n;
    const part_range *r[GROUP_MAX];
    int last[GROUP_MAX];
    part_out *po[GROUP_MAX];
    size_t split[GROUP_MAX];   /* spool sample where each part begins */
    size_t at, cur;            /* samples passed so far; the part they went to */
    part_enc *e[GROUP_MAX];
    int threads;               /* for loa_spool_render */
} group;

static int group_emit(void *ctx, const float *x, size_t n)
{
    group *g = ctx;
    while (n) {
        while (g->cur + 1 < g->n && g->at >= g->split[g->cur + 1]) g->cur++;
        size_t k = n, i = g->cur;
        if (i + 1 < g->n && g->at + k > g->split[i + 1]) k = g->split[i + 1] - g->at;
        if (loa_resampler_push(g->e[i]->rs, x, k, g->e[i]->d) != 0) return -1;
        g->at += k;
        x += k;
        n -= k;
    }
    return 0;
}

static void enc_free(part_enc *e)
{
    if (!e) return;
    loa_resampler_free(e->rs);
    if (e->lame) lame_close(e->lame);
    free(e->out);
    free(e);
}

static part_enc *enc_new(const part_ctx *c, mc_diag *d)
{
    /* zeroed but for the buffers: jemalloc zeroes a reused block by
     * handing its pages back (an madvise that stops the other core), and
     * this is made twice for every ward */
    part_enc *e = malloc(sizeof *e);
    if (!e) {
        mc_diag_set(d, c->name, 0, 0, "out of memory");
        return NULL;
    }
    memset(e, 0, offsetof(part_enc, mp3buf));
    e->name = c->name;
    e->d = d;
    e->lame = loa_lame_new(c->out_rate, c->kbps, c->in_rate / 2, c->name, d);
    e->rs = e->lame ? loa_resampler_new(c->in_rate, c->out_rate, hold_sink, e, d) : NULL;
    if (!e->rs) {
        enc_free(e);
        return NULL;
    }
    return e;
}

/* The rest of one part after the pass: LAME flushed, its tag put in, the
 * stream checked and handed to po, then decoded and measured. */
static int enc_finish(const part_ctx *c, part_enc *e, int last, part_out *po, mc_diag *d)
{
    long samples = 0;
    int rc = loa_resampler_flush(e->rs, d);
    if (rc == 0) rc = feed_rest(e, last, &samples);
    if (rc == 0) rc = put_mp3(e, lame_encode_flush(e->lame, e->mp3buf, LAME_BUF));
    if (rc == 0) {
        size_t tag = lame_get_lametag_frame(e->lame, e->mp3buf, LAME_BUF);
        if (tag == 0 || tag > e->len) rc = mc_diag_set(d, c->name, 0, 0, "LAME wrote no Info tag");
        else memcpy(e->out, e->mp3buf, tag);
    }
    char why[200];
    if (rc == 0 && loa_mp3_stream_parse(e->out, e->len, &po->st, why, sizeof why) != 0)
        rc = mc_diag_set(d, c->name, 0, 0, "an encoded part cannot be joined: %s", why);
    long decoded = (long)e->fed;
    if (rc == 0 && !last && (loa_mp3_stream_samples(&po->st) != decoded ||
                             (long)po->st.frames * po->st.first.samples != samples))
        rc = mc_diag_set(d, c->name, 0, 0, "internal error: a part does not fill whole frames");
    po->bytes = e->out;
    po->len = e->len;
    po->samples = samples;
    e->out = NULL;
    if (rc == 0) rc = measure_part(po, c->out_rate, decoded, c->name, d);
    return rc;
}

/* One encoding of the group's spool at a gain and ceiling (dB). */
static int encode_group(const part_ctx *c, group *g, int fd, double gain_db, double ceiling_db,
                        mc_diag *d)
{
    int rc = 0;
    g->at = g->cur = 0;
    for (size_t i = 0; i < g->n; i++) {
        part_clear(g->po[i]);
        g->e[i] = rc == 0 ? enc_new(c, d) : NULL;
        if (!g->e[i]) rc = -1;
    }
    if (rc == 0) rc = loa_spool_pass(fd, c->in_rate, loa_db_to_linear(gain_db),
                                     loa_db_to_linear(ceiling_db), group_emit, g, d);
    for (size_t i = 0; rc == 0 && i < g->n; i++) rc = enc_finish(c, g->e[i], g->last[i], g->po[i], d);
    for (size_t i = 0; i < g->n; i++) {
        enc_free(g->e[i]);
        g->e[i] = NULL;
    }
    return rc;
}

/* The group brought to o's target: rendered, its gain found, encoded and
 * measured, and encoded again while loa_gain_next asks for it, as for a
 * whole program (pipeline.c). */
static int make_group(const part_ctx *c, const loa_program *p, group *g, loa_tts *t,
                      const loa_output_opts *o, mc_diag *d)
{
    /* one program: the parts' segments one after another, marked where
     * each part after the first begins */
    loa_program all = {0};
    loa_raw_figures raw = {-HUGE_VAL, -HUGE_VAL, {0}};
    size_t marks[GROUP_MAX], at[GROUP_MAX];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < g->n; i++) {
        if (i) marks[i - 1] = all.count;
        if (append_part(&all, p, g->r[i]) != 0) rc = mc_diag_set(d, c->name, 0, 0, "out of memory");
    }
    FILE *spool = rc == 0 ? loa_spool_render(&all, t, marks, g->n - 1, at, g->threads, &raw, d) : NULL;
    free(all.segs);
    if (rc == 0 && !spool) rc = -1;
    /* the spool starts LOA_PEAK_TAPS / 2 samples late */
    g->split[0] = 0;
    for (size_t i = 1; rc == 0 && i < g->n; i++) g->split[i] = LOA_PEAK_TAPS / 2 + at[i - 1];
    loa_gain_loop gl;
    if (rc == 0) rc = loa_gain_start(&gl, fileno(spool), c->in_rate, &raw, o, d);
    for (int done = 0; rc == 0 && !done;) {
        rc = encode_group(c, g, gl.fd, gl.gain_db, gl.ceiling_db, d);
        if (rc != 0) break;
        loa_meter *m[GROUP_MAX];
        double peak = -HUGE_VAL;
        for (size_t i = 0; i < g->n; i++) {
            m[i] = g->po[i]->meter;
            if (g->po[i]->peak_db > peak) peak = g->po[i]->peak_db;
        }
        done = loa_gain_next(&gl, loa_meter_integrated_of(m, g->n), peak, d);
        if (done < 0) rc = -1;
    }
    if (spool) fclose(spool);
    loa_envelope_free(&raw.env);
    return rc;
}

/* One part on its own (a ward's opening or closing). */
static int make_part(const part_ctx *c, const loa_program *p, const part_range *r, loa_tts *t,
                     const loa_output_opts *o, int last, part_out *po, mc_diag *d)
{
    group g = {.n = 1, .r = {r}, .last = {last}, .po = {po}, .threads = 1};
    return make_group(c, p, &g, t, o, d);
}

/* The part of r that ends the file: the last one not empty. */
static int last_part(const part_range r[NPARTS])
{
    int last = PART_MIDDLE;
    for (int i = PART_MIDDLE; i < NPARTS; i++)
        if (!range_empty(&r[i])) last = i;
    return last;
}

/* ---- the shared parts and a ward's file ---- */

struct loa_shared {
    loa_output_opts o;
    part_ctx c;
    common_edges ce;        /* what every ward has the same */
    char *sig[NPARTS];      /* the shared parts: what they are made from */
    part_out part[NPARTS];  /* the shared parts (bytes NULL: empty) */
    int made;               /* loa_shared_make done */
};

struct loa_ward_parts {
    part_out own[NPARTS];   /* the ward's own parts (bytes NULL: empty) */
};

int loa_shared_supported(const loa_output_opts *o)
{
    if (!o->format || o->format->encoder != LOA_ENC_LAME) return 0;
    /* LAME writes its Info tag only into a frame that holds it (at
     * 32 kbit/s and 24 kHz a frame is 96 bytes): without the tag's delay
     * and padding the joined file's length would be wrong */
    int rate = loa_output_rate(o);
    int kbps = loa_mp3_kbps(o->format, o->bitrate_kbps);
    int samples = rate >= 32000 ? 1152 : 576, side = rate >= 32000 ? 17 : 9;
    return (long)samples / 8 * kbps * 1000 / rate >= 4 + side + 120 + 36 + 8;
}

/* The plan's encoding settings; in_rate is the engine's, set by each call
 * that renders (loa_shared_make, loa_shared_own) on its own copy. */
static int shared_ctx(const loa_output_opts *o, part_ctx *c, mc_diag *d)
{
    c->kbps = loa_mp3_kbps(o->format, o->bitrate_kbps);
    c->name = NULL;
    if (loa_mp3_kbps_check(c->kbps, NULL, d) != 0) return -1;
    return loa_output_check(o, &c->out_rate, d);
}

loa_shared *loa_shared_plan(const loa_program *const *ps, size_t n, const loa_output_opts *o,
                            mc_diag *d)
{
    loa_shared *s = calloc(1, sizeof *s);
    if (!s) {
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    s->o = *o;
    s->ce = common_of(ps, n);
    part_range r[NPARTS];
    split(ps[0], &s->ce, r);
    int rc = shared_ctx(o, &s->c, d);
    for (int i = 0; rc == 0 && i < NPARTS; i++)
        if (part_shared[i] && !range_empty(&r[i]) && !(s->sig[i] = signature(ps[0], &r[i])))
            rc = mc_diag_set(d, NULL, 0, 0, "out of memory");
    if (rc != 0) {
        loa_shared_free(s);
        return NULL;
    }
    return s;
}

int loa_shared_make(loa_shared *s, const loa_program *p, loa_tts *t, mc_diag *d)
{
    if (!loa_shared_fits(s, p))
        return mc_diag_set(d, NULL, 0, 0, "internal error: the shared parts are made from "
                           "a program they do not fit");
    part_range r[NPARTS];
    split(p, &s->ce, r);
    int last = last_part(r);
    group g = {.threads = 2};
    for (int i = 0; i < NPARTS; i++) {
        if (!part_shared[i] || range_empty(&r[i])) continue;
        g.r[g.n] = &r[i];
        g.last[g.n] = i == last;
        g.po[g.n++] = &s->part[i];
    }
    part_ctx c = s->c;
    c.in_rate = loa_tts_sample_rate(t);
    int rc = make_group(&c, p, &g, t, &s->o, d);
    if (rc == 0 && !isfinite(s->part[PART_MIDDLE].lufs)) rc = loa_no_sound(d);
    s->made = rc == 0;
    return rc;
}

int loa_shared_fits(const loa_shared *s, const loa_program *p)
{
    part_range r[NPARTS];
    split(p, &s->ce, r);
    int fits = 1;
    for (int i = 0; fits && i < NPARTS; i++) {
        if (!part_shared[i]) continue;
        char *sig = range_empty(&r[i]) ? NULL : signature(p, &r[i]);
        fits = sig ? s->sig[i] && !strcmp(sig, s->sig[i]) : !s->sig[i] && range_empty(&r[i]);
        free(sig);
    }
    return fits;
}

/* The file: the tag of the whole, then every part's audio frames. */
static int write_file(const loa_shared *s, const part_out *parts[], size_t n, const loa_tags *tags,
                      const char *path, mc_diag *d)
{
    loa_mp3_stream st[NPARTS];
    unsigned char tag[2048];
    char why[200];
    for (size_t i = 0; i < n; i++) st[i] = parts[i]->st;
    if (st[0].tag_len > sizeof tag || loa_mp3_join_tag(st, n, tag, why, sizeof why) != 0)
        return mc_diag_set(d, path, 0, 0, "cannot join the parts: %s", why);
    loa_encoder *e = loa_encoder_open_frames(path, s->o.format, tags, d);
    int rc = e ? loa_encoder_put_bytes(e, tag, st[0].tag_len, d) : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = loa_encoder_put_bytes(e, st[i].audio, st[i].audio_len, d);
    if (rc == 0) rc = loa_encoder_finish(e, d);
    if (rc == 0) rc = loa_encoder_commit(e, d);
    loa_encoder_free(e);
    return rc;
}

loa_ward_parts *loa_shared_own(const loa_shared *s, const loa_program *p, loa_tts *t,
                               const char *path, mc_diag *d)
{
    if (!loa_shared_fits(s, p)) {
        mc_diag_set(d, path, 0, 0, "internal error: the ward's program does not share the "
                    "parts it is made from");
        return NULL;
    }
    loa_ward_parts *w = calloc(1, sizeof *w);
    if (!w) {
        mc_diag_set(d, path, 0, 0, "out of memory");
        return NULL;
    }
    part_range r[NPARTS];
    split(p, &s->ce, r);
    part_ctx c = s->c;
    c.name = path;
    c.in_rate = loa_tts_sample_rate(t);
    int rc = 0, last = last_part(r);
    for (int i = 0; rc == 0 && i < NPARTS; i++)
        if (!part_shared[i] && !range_empty(&r[i]))
            rc = make_part(&c, p, &r[i], t, &s->o, i == last, &w->own[i], d);
    if (rc != 0) {
        loa_ward_parts_free(w);
        return NULL;
    }
    return w;
}

void loa_ward_parts_free(loa_ward_parts *w)
{
    if (!w) return;
    for (int i = 0; i < NPARTS; i++) part_clear(&w->own[i]);
    free(w);
}

int loa_shared_write(const loa_shared *s, const loa_ward_parts *w, const loa_tags *tags,
                     const char *path, loa_output_result *res, mc_diag *d)
{
    memset(res, 0, sizeof *res);
    if (!s->made) return mc_diag_set(d, path, 0, 0, "internal error: the shared parts are not made");
    const part_out *parts[NPARTS];
    loa_meter *meters[NPARTS];
    size_t n = 0;
    long samples = 0;
    double peak = -HUGE_VAL;
    int rate = s->c.out_rate;
    for (int i = 0; i < NPARTS; i++) {
        const part_out *po = part_shared[i] ? &s->part[i] : &w->own[i];
        if (!po->bytes) continue;
        if (n) res->joins[res->njoins++] = (double)samples / rate;
        parts[n] = po;
        meters[n++] = po->meter;
        samples += po->samples;
        if (po->peak_db > peak) peak = po->peak_db;
    }
    int rc = write_file(s, parts, n, tags, path, d);
    if (rc == 0) {
        res->duration = (double)samples / rate;
        res->integrated = loa_meter_integrated_of(meters, n);
        res->true_peak = peak;
        res->sample_rate = rate;
        res->bitrate_kbps = s->c.kbps;
        res->encodes = 1;
    }
    return rc;
}

void loa_shared_free(loa_shared *s)
{
    if (!s) return;
    for (int i = 0; i < NPARTS; i++) {
        free(s->sig[i]);
        part_clear(&s->part[i]);
    }
    free(s);
}
