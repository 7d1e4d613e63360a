/* schedule_write.c — the files of a broadcast plan (see schedule.h).
 *
 * A ward's folder OUT/<ward-id>/ is exactly what its station needs, so
 * `loa send` can upload it as it is: the audio files the plan uses (copied
 * from --audio, rewritten only when their bytes changed) and, per day,
 *   <date>.m3u8   #EXTM3U playlist, UTF-8, #EXTINF:<seconds>,<title> and the
 *                 audio's name (relative to the playlist), in play order;
 *                 a "# HH:MM" comment opens each slot
 *   <date>.json   the timetable: slots in time order, each with its items
 *                 ordered by priority (khẩn cấp first), durations, totals
 *   <date>.html   the same timetable as a printable page for the operator
 *                 (lang=vi, UTF-8, every value escaped, A4 print styles,
 *                 a tick column and a signature line)
 * The texts come from schedule_format.c. Text is built in memory (open_memstream) and each file is written with
 * mc_write_atomic, so a station polling the folder never sees half a file.
 */
#include "schedule.h"
#include "schedule_format.h"
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* dir/name[.ext] into buf; -1 when it does not fit. */
static int join(char *buf, size_t n, const char *dir, const char *name, const char *ext)
{
    int k = ext ? snprintf(buf, n, "%s/%s.%s", dir, name, ext) : snprintf(buf, n, "%s/%s", dir, name);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

/* ---- finding the rendered audio -------------------------------------------- */

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int find_audio(const loa_schedule *sch, const char *dir, const loa_sched_ann *a,
                      const loa_ward *w, char *path, size_t n)
{
    const char *first = (sch->settings->out.format ? sch->settings->out.format : loa_format_at(0))->ext;
    for (int with_ward = 1; with_ward >= 0; with_ward--)
        for (size_t e = 0; e == 0 || loa_format_at(e - 1); e++) {
            const char *ext = e == 0 ? first : loa_format_at(e - 1)->ext;
            if (with_ward) snprintf(path, n, "%s/%s/%s.%s", dir, w->id, a->slug, ext);
            else snprintf(path, n, "%s/%s.%s", dir, a->slug, ext);
            if (is_file(path)) return 0;
        }
    return -1;
}

static int sidecar_duration(const char *audio, double *out)
{
    char path[4200];
    if (snprintf(path, sizeof path, "%s.json", audio) >= (int)sizeof path) return -1;
    json_t *j = json_load_file(path, 0, NULL);
    json_t *v = json_object_get(j, "duration_seconds");
    int rc = json_is_number(v) && json_number_value(v) > 0 ? 0 : -1;
    if (rc == 0) *out = json_number_value(v);
    json_decref(j);
    return rc;
}

typedef struct resolved { char *src; double duration; int state; } resolved; /* state 1 ok, -1 failed */

static int resolve(const loa_schedule *sch, const char *dir, const loa_sched_ann *a,
                   const loa_ward *w, resolved *r, mc_diag_list *dl)
{
    char path[4096];
    mc_diag d;
    r->state = -1;
    if (find_audio(sch, dir, a, w, path, sizeof path) != 0) {
        mc_diag_set(&d, a->source, 0, 0, "no audio for ward %s: looked for %s/%s/%s.<ext> and "
                    "%s/%s.<ext>; render it first: loa render %s -o %s", w->id, dir, w->id, a->slug,
                    dir, a->slug, a->source, dir);
        return mc_diag_list_add(dl, &d);
    }
    if (sidecar_duration(path, &r->duration) != 0) {
        mc_diag_set(&d, path, 0, 0, "no duration: the sidecar %s.json is missing or has no "
                    "duration_seconds; render the announcement again with loa render", path);
        return mc_diag_list_add(dl, &d);
    }
    r->src = strdup(path);
    r->state = r->src ? 1 : -1;
    return r->src ? 0 : mc_diag_list_add(dl, (mc_diag_set(&d, NULL, 0, 0, "out of memory"), &d));
}

static int attach_ward(loa_schedule *sch, loa_sched_ward *pw, const char *dir, resolved *res,
                       mc_diag_list *dl)
{
    int rc = 0;
    memset(res, 0, sch->nanns * sizeof *res);
    for (size_t i = 0; i < pw->n; i++) {
        loa_sched_item *it = &pw->items[i];
        resolved *r = &res[it->ann->index];
        if (!r->state && resolve(sch, dir, it->ann, pw->ward, r, dl) != 0) rc = -1;
        if (r->state != 1) continue;
        const char *base = strrchr(r->src, '/');
        it->audio_src = strdup(r->src);
        it->audio_name = strdup(base ? base + 1 : r->src);
        it->duration = r->duration;
        if (!it->audio_src || !it->audio_name) rc = -1;
    }
    for (size_t i = 0; i < sch->nanns; i++) free(res[i].src);
    return rc;
}

int loa_schedule_attach_audio(loa_schedule *sch, const char *audio_dir, mc_diag_list *dl)
{
    resolved *res = calloc(sch->nanns + 1, sizeof *res);
    if (!res) {
        mc_diag d;
        return mc_diag_list_add(dl, (mc_diag_set(&d, NULL, 0, 0, "out of memory"), &d));
    }
    int rc = 0;
    for (size_t w = 0; w < sch->nwards; w++)
        if (attach_ward(sch, &sch->wards[w], audio_dir, res, dl) != 0) rc = -1;
    free(res);
    return rc;
}

/* ---- files ---------------------------------------------------------------------- */

static int write_text(const char *dir, const char *name, const char *ext,
                      void (*fill)(FILE *, const loa_day_view *), const loa_day_view *v, mc_diag *d)
{
    char path[4096], *buf = NULL;
    size_t len = 0;
    if (join(path, sizeof path, dir, name, ext) != 0) return mc_diag_set(d, dir, 0, 0, "path too long");
    FILE *f = open_memstream(&buf, &len);
    if (!f) return mc_diag_set(d, path, 0, 0, "out of memory");
    fill(f, v);
    int rc = fclose(f) == 0 ? mc_write_atomic(path, buf, len, d) : mc_diag_set(d, path, 0, 0, "out of memory");
    free(buf);
    return rc;
}

static int write_day(const char *dir, const loa_day_view *v, FILE *list, mc_diag *d)
{
    int rc = write_text(dir, v->date, "json", loa_schedule_json, v, d);
    if (rc == 0) rc = write_text(dir, v->date, "m3u8", loa_schedule_m3u, v, d);
    if (rc == 0) rc = write_text(dir, v->date, "html", loa_schedule_html, v, d);
    if (rc == 0 && list) fprintf(list, "%s/%s.m3u8\n", dir, v->date);
    return rc;
}

/* Copies src to dst unless dst already holds the same bytes. */
static int copy_if_changed(const char *src, const char *dst, mc_diag *d)
{
    size_t n, m;
    char *a = mc_read_file(src, &n, d);
    if (!a) return -1;
    char *b = is_file(dst) ? mc_read_file(dst, &m, NULL) : NULL;
    int same = b && m == n && memcmp(a, b, n) == 0;
    int rc = same ? 0 : mc_write_atomic(dst, a, n, d);
    free(a);
    free(b);
    return rc;
}

static int copy_audio(const loa_sched_ward *w, const char *dir, mc_diag *d)
{
    for (size_t i = 0; i < w->n; i++) {
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++) seen = w->items[k].ann == w->items[i].ann;
        if (seen) continue;
        char dst[4096];
        if (join(dst, sizeof dst, dir, w->items[i].audio_name, NULL) != 0)
            return mc_diag_set(d, dir, 0, 0, "path too long");
        if (copy_if_changed(w->items[i].audio_src, dst, d) != 0) return -1;
    }
    return 0;
}

static int write_ward(const loa_schedule *sch, const loa_sched_ward *w, const char *out,
                      FILE *list, mc_diag *d)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", out, w->ward->id);
    if (mc_mkdir_p(dir, d) != 0 || copy_audio(w, dir, d) != 0) return -1;
    for (size_t i = 0; i < w->n;) {
        loa_day_view v = {sch, w, i, 0, ""};
        while (i + v.n < w->n && w->items[i + v.n].day == w->items[i].day) v.n++;
        loa_date_format(w->items[i].day, v.date);
        if (write_day(dir, &v, list, d) != 0) return -1;
        i += v.n;
    }
    return 0;
}

int loa_schedule_write(const loa_schedule *sch, const char *out_dir, FILE *list, mc_diag *d)
{
    if (mc_mkdir_p(out_dir, d) != 0) return -1;
    for (size_t w = 0; w < sch->nwards; w++)
        if (sch->wards[w].n && write_ward(sch, &sch->wards[w], out_dir, list, d) != 0) return -1;
    return 0;
}
