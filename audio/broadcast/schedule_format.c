/* schedule_format.c — the three texts of one ward's day (see
 * schedule_format.h): the M3U8 playlist, the JSON timetable and the
 * printable HTML timetable. `loa schedule` writes them beside copies of the
 * audio; `motcua build` writes them into the portal with URLs into it.
 * Every value that reaches HTML is escaped; titles are put on one line in
 * the playlist, which is line-based.
 */
#include "schedule_format.h"

#include <stdio.h>
#include <string.h>

/* ---- text helpers ---- */

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

static void put_line(FILE *f, const char *s)
{
    for (; *s; s++) fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void mmss(char *buf, size_t n, double seconds)
{
    int t = (int)(seconds + 0.5);
    snprintf(buf, n, "%d:%02d", t / 60, t % 60);
}

void loa_date_dmy(char *buf, size_t n, int day)
{
    char iso[11];
    loa_date_format(day, iso);
    snprintf(buf, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void loa_schedule_m3u(FILE *f, const loa_day_view *v)
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

static json_t *slot_json(const loa_day_view *v, size_t i, size_t n)
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

void loa_schedule_json(FILE *f, const loa_day_view *v)
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
    if (root) json_dumpf(root, f, JSON_INDENT(2));
    json_decref(root);
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
    "a { color: inherit; }\n"
    ".khan_cap { font-weight: bold; }\n"
    ".num, .dur { text-align: right; white-space: nowrap; }\n"
    ".tick { width: 14mm; }\n"
    ".over { font-weight: bold; }\n"
    ".sign { margin-top: 2em; display: flex; justify-content: space-between; }\n"
    "@media print { body { margin: 0; max-width: none; } tbody th { background: none; }\n"
    "  a { text-decoration: none; } }\n";

static void html_item(FILE *f, const loa_sched_item *it, size_t order)
{
    char dur[16];
    const char *base = strrchr(it->audio_name, '/');
    mmss(dur, sizeof dur, it->duration);
    fprintf(f, "<tr class=\"%s\"><td class=\"num\">%zu</td><td>", loa_priority_id(it->ann->prio), order);
    put_html(f, loa_priority_label(it->ann->prio));
    fputs("</td><td>", f);
    put_html(f, it->ann->title);
    fprintf(f, "</td><td class=\"dur\">%s</td><td><a href=\"", dur);
    put_html(f, it->audio_name);
    fputs("\">", f);
    put_html(f, base ? base + 1 : it->audio_name);
    fputs("</a></td><td class=\"tick\"></td></tr>\n", f);
}

static void html_slot(FILE *f, const loa_day_view *v, size_t i, size_t n)
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

void loa_schedule_html(FILE *f, const loa_day_view *v)
{
    char when[64], d[16], lim[16];
    int day = v->w->items[v->first].day;
    loa_date_dmy(d, sizeof d, day);
    snprintf(when, sizeof when, "%s, %s", weekdays[loa_weekday(day)], d);
    mmss(lim, sizeof lim, v->sch->limit_seconds);
    fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Lịch phát thanh – ", f);
    put_html(f, v->w->ward->name);
    fprintf(f, " – %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>Lịch phát thanh %s</h1>\n"
            "<p class=\"meta\">Đài truyền thanh ", when, html_style, when);
    put_html(f, v->w->ward->name);
    fprintf(f, " · mã phường ");
    put_html(f, v->w->ward->id);
    fprintf(f, " · giới hạn mỗi buổi %s · danh sách phát <a href=\"%s.m3u8\">%s.m3u8</a></p>\n"
            "<table>\n<thead><tr><th scope=\"col\">TT</th>"
            "<th scope=\"col\">Mức độ</th><th scope=\"col\">Thông báo</th><th scope=\"col\">Thời lượng</th>"
            "<th scope=\"col\">Tệp</th><th scope=\"col\">Đã phát</th></tr></thead>\n",
            lim, v->date, v->date);
    for (size_t i = v->first; i < v->first + v->n;) {
        size_t n = loa_schedule_slot_len(v->w, i);
        html_slot(f, v, i, n);
        i += n;
    }
    fputs("</table>\n<div class=\"sign\"><p>Người trực: ..............................</p>"
          "<p>Ký tên: ..............................</p></div>\n</main>\n</body>\n</html>\n", f);
}

