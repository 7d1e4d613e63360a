/* compose.c — running order of an announcement (see compose.h).
 *
 * Building is pure list work: texts are split at '\n' into utterances and
 * copied into segments, pauses are added between them. Rendering walks the
 * list: pauses are written as blocks of zeros, the chime comes from
 * chime.c, and each utterance goes to the TTS engine, whose samples flow
 * straight on to the sink.
 */
#include "compose.h"
#include "grow.h"
#include "chime.h"
#include "clip.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#define LOA_SILENCE_BLOCK 1024

void loa_script_defaults(loa_script *s)
{
    memset(s, 0, sizeof *s);
    s->repeat = 1;
    s->chime = 1;
    s->paragraph_pause = 0.6;
    s->sentence_pause = 0.3;
    s->part_pause = 1.0;
    s->repeat_pause = 1.0;
}

static int push(loa_program *p, loa_segment_kind kind, double seconds,
                const char *text, size_t len)
{
    loa_segment *grown = mc_grow(p->segs, p->count, &p->cap, sizeof *grown, 32);
    if (!grown) return -1;
    p->segs = grown;
    loa_segment *s = &p->segs[p->count];
    s->kind = kind;
    s->seconds = seconds;
    s->text = NULL;
    s->clip = NULL;
    if (text) {
        s->text = malloc(len + 1);
        if (!s->text) return -1;
        memcpy(s->text, text, len);
        s->text[len] = '\0';
    }
    p->count++;
    return 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* Adds each non-blank line of text as an utterance, paragraph pauses between. */
static int push_lines(loa_program *p, const char *text, double pause)
{
    int first = 1;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (!is_blank(line, n)) {
            if (!first && push(p, LOA_SEG_PAUSE, pause, NULL, 0) != 0) return -1;
            if (push(p, LOA_SEG_SPEECH, 0, line, n) != 0) return -1;
            first = 0;
        }
        line = end ? end + 1 : NULL;
    }
    return 0;
}

static int has_speech(const char *text)
{
    return text && !is_blank(text, strlen(text)) &&
           strspn(text, " \t\r\n") < strlen(text);
}

/* A recording segment for clip slot `slot` (made on first use). */
static int push_clip(loa_program *p, const loa_script *s, int slot, const char *path, mc_diag *d)
{
    if (!s->decode)
        return mc_diag_set(d, path, 0, 0, "this program cannot read recordings; render the "
                           "announcement with loa or motcua");
    if (!p->clips[slot] && !(p->clips[slot] = loa_clip_new(path, path, s->decode, d))) return -1;
    char mark[600];
    snprintf(mark, sizeof mark, "[recording %s %s]", loa_clip_base(p->clips[slot]),
             loa_clip_sha256(p->clips[slot]));
    if (push(p, LOA_SEG_RECORDING, 0, mark, strlen(mark)) != 0)
        return mc_diag_set(d, NULL, 0, 0, "out of memory");
    p->segs[p->count - 1].clip = p->clips[slot];
    return 0;
}

/* One part: its recording when it has one, else its text (if any). *any is
 * set when something was laid out. */
static int push_part(loa_program *p, const loa_script *s, int slot, const char *path,
                     const char *text, int *any, mc_diag *d)
{
    *any = 0;
    if (path) {
        *any = 1;
        return push_clip(p, s, slot, path, d);
    }
    if (!has_speech(text)) return 0;
    *any = 1;
    if (slot != LOA_CLIP_BODY) p->spoken_frame = 1;
    double pause = slot == LOA_CLIP_BODY ? s->paragraph_pause : s->sentence_pause;
    return push_lines(p, text, pause) ? mc_diag_set(d, NULL, 0, 0, "out of memory") : 0;
}

#define OOM(x) do { if (x) return mc_diag_set(d, NULL, 0, 0, "out of memory"); } while (0)

static int build(loa_program *p, const loa_script *s, mc_diag *d)
{
    int any;
    if (s->chime) OOM(push(p, LOA_SEG_PAUSE, 0.2, NULL, 0) || push(p, LOA_SEG_CHIME, 0, NULL, 0)
                      || push(p, LOA_SEG_PAUSE, 0.5, NULL, 0));
    else OOM(push(p, LOA_SEG_PAUSE, 0.2, NULL, 0));
    p->opening_at = p->count;
    if (push_part(p, s, LOA_CLIP_OPENING, s->opening_recording, s->opening, &any, d)) return -1;
    p->body_at = p->count;
    if (any) OOM(push(p, LOA_SEG_PAUSE, s->part_pause, NULL, 0));
    for (int r = 0; r < s->repeat; r++) {
        if (r > 0) OOM(push(p, LOA_SEG_PAUSE, s->repeat_pause, NULL, 0));
        if (r > 0 && has_speech(s->repeat_phrase))
            OOM(push_lines(p, s->repeat_phrase, s->paragraph_pause) ||
                push(p, LOA_SEG_PAUSE, s->part_pause, NULL, 0));
        if (push_part(p, s, LOA_CLIP_BODY, s->recording, s->body, &any, d))
            return -1;
    }
    size_t before = p->count;
    p->closing_at = before;
    OOM(push(p, LOA_SEG_PAUSE, s->part_pause, NULL, 0));
    if (push_part(p, s, LOA_CLIP_CLOSING, s->closing_recording, s->closing, &any, d)) return -1;
    if (!any) {
        for (size_t i = before; i < p->count; i++) free(p->segs[i].text);
        p->count = before;
    }
    OOM(push(p, LOA_SEG_PAUSE, 0.3, NULL, 0));
    return 0;
}

int loa_program_build(loa_program *p, const loa_script *s, mc_diag *d)
{
    memset(p, 0, sizeof *p);
    if (!s->recording && !has_speech(s->body))
        return mc_diag_set(d, NULL, 0, 0, "nothing to read aloud in this text; "
                           "write the announcement in words");
    if (s->repeat < 1 || s->repeat > 10)
        return mc_diag_set(d, NULL, 0, 0, "repeat %d is out of range; read an announcement "
                           "1 to 10 times", s->repeat);
    if (build(p, s, d) != 0) {
        loa_program_free(p);
        return -1;
    }
    return 0;
}

static int render_silence(double seconds, int rate, loa_pcm_sink sink, void *ctx)
{
    static const float zeros[LOA_SILENCE_BLOCK];
    size_t total = (size_t)(seconds * rate + 0.5);
    for (size_t done = 0; done < total;) {
        size_t k = total - done < LOA_SILENCE_BLOCK ? total - done : LOA_SILENCE_BLOCK;
        if (sink(ctx, zeros, k) != 0) return -1;
        done += k;
    }
    return 0;
}

/* A sink that counts what passes on to the next. */
typedef struct counting_sink {
    loa_pcm_sink sink;
    void *ctx;
    size_t n;
} counting_sink;

static int count_put(void *ctx, const float *x, size_t n)
{
    counting_sink *c = ctx;
    c->n += n;
    return c->sink(c->ctx, x, n);
}

int loa_program_render(const loa_program *p, loa_tts *t, loa_pcm_sink sink, void *ctx,
                       const size_t *marks, size_t nmarks, size_t *at, mc_diag *d)
{
    int rate = loa_tts_sample_rate(t);
    counting_sink c = {sink, ctx, 0};
    size_t k = 0;
    for (size_t i = 0; i < p->count; i++) {
        for (; k < nmarks && marks[k] <= i; k++) at[k] = c.n;
        const loa_segment *s = &p->segs[i];
        int rc = 0;
        if (s->kind == LOA_SEG_PAUSE) rc = render_silence(s->seconds, rate, count_put, &c);
        else if (s->kind == LOA_SEG_CHIME) rc = loa_chime_render(rate, count_put, &c);
        else if (s->kind == LOA_SEG_RECORDING) rc = loa_clip_render(s->clip, rate, count_put, &c, d);
        else rc = loa_tts_speak(t, s->text, strlen(s->text), count_put, &c, d);
        if (rc != 0) return -1;
    }
    for (; k < nmarks; k++) at[k] = c.n;
    return 0;
}

char *loa_program_text(const loa_program *p)
{
    size_t total = 1;
    for (size_t i = 0; i < p->count; i++)
        if (p->segs[i].text) total += strlen(p->segs[i].text) + 1;
    char *out = malloc(total), *w = out;
    if (!out) return NULL;
    for (size_t i = 0; i < p->count; i++) {
        if (!p->segs[i].text) continue;
        if (w != out) *w++ = '\n';
        size_t n = strlen(p->segs[i].text);
        memcpy(w, p->segs[i].text, n);
        w += n;
    }
    *w = '\0';
    return out;
}

void loa_program_free(loa_program *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->count; i++) free(p->segs[i].text);
    for (size_t i = 0; i < sizeof p->clips / sizeof p->clips[0]; i++) loa_clip_free(p->clips[i]);
    free(p->segs);
    memset(p, 0, sizeof *p);
}

char *loa_fill_ward(const char *tmpl, const char *ward)
{
    static const char key[] = "{ward}";
    size_t klen = sizeof key - 1, wlen = ward ? strlen(ward) : 0, count = 0;
    for (const char *q = strstr(tmpl, key); q; q = strstr(q + klen, key)) count++;
    size_t n = strlen(tmpl) + count * wlen + 1;
    char *out = malloc(n), *w = out;
    if (!out) return NULL;
    for (const char *q = tmpl; *q;) {
        if (!strncmp(q, key, klen)) {
            if (wlen) memcpy(w, ward, wlen);
            w += wlen;
            q += klen;
        } else {
            *w++ = *q++;
        }
    }
    *w = '\0';
    return out;
}
