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
 * Text is built in memory (open_memstream) and each file is written with
 * mc_write_atomic, so a station polling the folder never sees half a file.
 */
#include "schedule.h"
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const audio_exts[] = {"mp3", "ogg", "opus", "flac", "wav"};

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
    const char *first = sch->settings->out.format ? sch->settings->out.format->ext : "mp3";
    for (int with_ward = 1; with_ward >= 0; with_ward--)
        for (int e = -1; e < 5; e++) {
            const char *ext = e < 0 ? first : audio_exts[e];
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

/* ---- small text helpers ------------------------------------------------------ */

static const char *const weekdays[7] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                        "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};

static void put_html(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* A title on one line (playlists are line-based). */
static void put_line(FILE *f, const char *s)
{
    for (; *s; s++) fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void mmss(char *buf, size_t n, double seconds)
{
    int t = (int)(seconds + 0.5);
    snprintf(buf, n, "%d:%02d", t / 60, t % 60);
}

static void human_date(char *buf, size_t n, int day)
{
    char iso[11];
    loa_date_format(day, iso);
    snprintf(buf, n, "%s, %.2s/%.2s/%.4s", weekdays[loa_weekday(day)], iso + 8, iso + 5, iso);
}

/* ---- one day of one ward ------------------------------------------------------ */

typedef struct day_view {
    const loa_schedule *sch;
    const loa_sched_ward *w;
    size_t first, n;       /* items[first .. first + n) are this day */
    char date[11];
} day_view;

static void write_m3u(FILE *f, const day_view *v)
{
    fprintf(f, "#EXTM3U\n#PLAYLIST:");
    put_line(f, v->w->ward->name);
    fprintf(f, " %s\n", v->date);
    int last = -1;
    for (size_t i = v->first; i < v->first + v->n; i++) {
        const loa_sched_item *it = &v->w->items[i];
        if (it->minute != last) fprintf(f, "# %02d:%02d\n", it->minute / 60, it->minute % 60);
        last = it->minute;
        fprintf(f, "#EXTINF:%.3f,", it->duration);
        put_line(f, it->ann->title);
        fprintf(f, "\n%s\n", it->audio_name);
    }
}

static json_t *item_json(const loa_sched_item *it, size_t order)
{
    const loa_sched_ann *a = it->ann;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:s, s:i}", "order", (json_int_t)order,
                          "title", a->title, "priority", loa_priority_id(a->prio),
                          "priority_label", loa_priority_label(a->prio), "file", it->audio_name,
                          "duration_seconds", it->duration, "source", a->source, "repeat", a->repeat);
    if (o && a->has_expires) json_object_set_new(o, "expires", json_string(a->expires_text));
    return o;
}

static json_t *slot_json(const day_view *v, size_t i, size_t n)
{
    const loa_sched_item *first = &v->w->items[i];
    double total = loa_schedule_slot_seconds(first, n);
    char t[16];
    snprintf(t, sizeof t, "%02d:%02d", first->minute / 60 % 24, first->minute % 60);
    json_t *items = json_array();
    for (size_t k = 0; k < n; k++) json_array_append_new(items, item_json(&first[k], k + 1));
    return json_pack("{s:s, s:f, s:b, s:o}", "time", t, "total_seconds", total, "over_limit",
                     total > v->sch->limit_seconds + 0.0005, "items", items);
}

static char *timetable_json(const day_view *v)
{
    json_t *slots = json_array();
    for (size_t i = v->first; i < v->first + v->n;) {
        size_t n = loa_schedule_slot_len(v->w, i);
        json_array_append_new(slots, slot_json(v, i, n));
        i += n;
    }
    json_t *root = json_pack("{s:{s:s, s:s}, s:s, s:s, s:f, s:o}", "ward", "id", v->w->ward->id,
                             "name", v->w->ward->name, "date", v->date, "weekday",
                             weekdays[loa_weekday(v->w->items[v->first].day)],
                             "session_limit_seconds", v->sch->limit_seconds, "slots", slots);
    char *text = root ? json_dumps(root, JSON_INDENT(2)) : NULL;
    json_decref(root);
    return text;
}

static const char html_style[] =
    "@page { size: A4; margin: 15mm; }\n"
    "body { font-family: \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif; font-size: 11pt;\n"
    "       color: #000; background: #fff; max-width: 180mm; margin: 1em auto; line-height: 1.35; }\n"
    "h1 { font-size: 16pt; margin: 0 0 .2em; }\n"
    "p.meta { margin: 0 0 1em; }\n"
    "table { width: 100%; border-collapse: collapse; }\n"
    "th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }\n"
    "thead { display: table-header-group; }\n"
    "tbody { break-inside: avoid; page-break-inside: avoid; }\n"
    "tbody th { background: #eee; }\n"
    ".khan_cap { font-weight: bold; }\n"
    ".num, .dur { text-align: right; white-space: nowrap; }\n"
    ".tick { width: 14mm; }\n"
    ".over { font-weight: bold; }\n"
    ".sign { margin-top: 2em; display: flex; justify-content: space-between; }\n"
    "@media print { body { margin: 0; max-width: none; } tbody th { background: none; } }\n";

static void html_item(FILE *f, const loa_sched_item *it, size_t order)
{
    char dur[16];
    mmss(dur, sizeof dur, it->duration);
    fprintf(f, "<tr class=\"%s\"><td class=\"num\">%zu</td><td>", loa_priority_id(it->ann->prio), order);
    put_html(f, loa_priority_label(it->ann->prio));
    fputs("</td><td>", f);
    put_html(f, it->ann->title);
    fprintf(f, "</td><td class=\"dur\">%s</td><td>", dur);
    put_html(f, it->audio_name);
    fputs("</td><td class=\"tick\"></td></tr>\n", f);
}

static void html_slot(FILE *f, const day_view *v, size_t i, size_t n)
{
    const loa_sched_item *first = &v->w->items[i];
    double total = loa_schedule_slot_seconds(first, n);
    char tot[16], lim[16];
    mmss(tot, sizeof tot, total);
    mmss(lim, sizeof lim, v->sch->limit_seconds);
    int over = total > v->sch->limit_seconds + 0.0005;
    fprintf(f, "<tbody>\n<tr><th colspan=\"6\" scope=\"rowgroup\"%s>%02d:%02d — %zu thông báo, "
            "tổng %s%s%s%s</th></tr>\n", over ? " class=\"over\"" : "", first->minute / 60,
            first->minute % 60, n, tot, over ? " (vượt giới hạn " : "", over ? lim : "", over ? ")" : "");
    for (size_t k = 0; k < n; k++) html_item(f, &first[k], k + 1);
    fputs("</tbody>\n", f);
}

static void write_html(FILE *f, const day_view *v)
{
    char when[64], lim[16];
    human_date(when, sizeof when, v->w->items[v->first].day);
    mmss(lim, sizeof lim, v->sch->limit_seconds);
    fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Lịch phát thanh – ", f);
    put_html(f, v->w->ward->name);
    fprintf(f, " – %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>Lịch phát thanh %s</h1>\n"
            "<p class=\"meta\">Đài truyền thanh ", when, html_style, when);
    put_html(f, v->w->ward->name);
    fprintf(f, " · mã phường ");
    put_html(f, v->w->ward->id);
    fprintf(f, " · giới hạn mỗi buổi %s · danh sách phát %s.m3u8</p>\n<table>\n<thead><tr><th scope=\"col\">TT</th>"
            "<th scope=\"col\">Mức độ</th><th scope=\"col\">Thông báo</th><th scope=\"col\">Thời lượng</th>"
            "<th scope=\"col\">Tệp</th><th scope=\"col\">Đã phát</th></tr></thead>\n",
            lim, v->date);
    for (size_t i = v->first; i < v->first + v->n;) {
        size_t n = loa_schedule_slot_len(v->w, i);
        html_slot(f, v, i, n);
        i += n;
    }
    fputs("</table>\n<div class=\"sign\"><p>Người trực: ..............................</p>"
          "<p>Ký tên: ..............................</p></div>\n</body>\n</html>\n", f);
}

/* ---- files ---------------------------------------------------------------------- */

static int write_text(const char *dir, const char *name, const char *ext,
                      void (*fill)(FILE *, const day_view *), const day_view *v, mc_diag *d)
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

static int write_day(const char *dir, const day_view *v, FILE *list, mc_diag *d)
{
    char path[4096];
    if (join(path, sizeof path, dir, v->date, "json") != 0) return mc_diag_set(d, dir, 0, 0, "path too long");
    char *json = timetable_json(v);
    int rc = json ? 0 : mc_diag_set(d, path, 0, 0, "out of memory");
    if (rc == 0) rc = mc_write_atomic(path, json, strlen(json), d);
    free(json);
    if (rc == 0) rc = write_text(dir, v->date, "m3u8", write_m3u, v, d);
    if (rc == 0) rc = write_text(dir, v->date, "html", write_html, v, d);
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
        day_view v = {sch, w, i, 0, ""};
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
