/* schedule.c — the broadcast plan: front matter to (ward, day, time) items
 * (see schedule.h).
 *
 * Reading one announcement is done in two passes so a file with any error
 * adds nothing: first every slot is parsed and expanded into a small list of
 * (day, minute, line) times, checking each value at its line; then the times
 * inside the chosen date range and before `expires` become one item per
 * target ward. Dates are read and counted by lib/dates.c (days from civil), so
 * there is no dependence on the process time zone (mktime) at all.
 */
#include "schedule.h"
#include "grow.h"
#include "audio_name.h"
#include "dates.h"
#include "fileio.h"
#include "priority.h"
#include "front_enums.h"
#include "yamljson.h"
#include "yesno.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The spellings live in lib/priority.c (one mapping for motcua and loa);
 * here only the Vietnamese label for the timetable is added. */
static const char *const prio_labels[3] = {"Thông thường", "Ưu tiên", "Khẩn cấp"};

int loa_priority_parse(const char *s, loa_priority *out)
{
    mc_priority p;
    if (!s || mc_priority_parse(s, &p) != 0) return -1;
    *out = (loa_priority)p;
    return 0;
}

const char *loa_priority_id(loa_priority p) { return mc_priority_vi_id((mc_priority)p); }
const char *loa_priority_label(loa_priority p) { return prio_labels[p]; }

/* ---- calendar ------------------------------------------------------------ */

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

/* The day of the YYYY-MM-DD that starts s, read by the one date parser
 * (dates.h); broadcast days are 1970 or later. */
static int date_prefix(const char *s, int *day)
{
    char ymd[11];
    mc_date t;
    if (strnlen(s, 10) < 10) return -1;
    memcpy(ymd, s, 10);
    ymd[10] = '\0';
    if (mc_date_parse(ymd, &t, NULL, 0, NULL) != 0 || t.year < 1970) return -1;
    *day = (int)mc_days_from_civil(t.year, t.month, t.day);
    return 0;
}

int loa_date_parse(const char *s, int *day)
{
    return s && strlen(s) == 10 && date_prefix(s, day) == 0 ? 0 : -1;
}

void loa_date_format(int day, char out[11])
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    int y = yoe + era * 400 + (m <= 2);
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int loa_weekday(int day)
{
    return (int)(((long)day % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
}

int loa_time_parse(const char *s, int *minute)
{
    int h, m;
    if (!s) return -1;
    size_t n = strlen(s);
    int hl = n == 5 ? 2 : n == 4 ? 1 : 0;
    if (!hl || digits(s, hl, &h) || s[hl] != ':' || digits(s + hl + 1, 2, &m)) return -1;
    if (h > 23 || m > 59) return -1;
    *minute = h * 60 + m;
    return 0;
}

int loa_datetime_parse(const char *s, int *day, int *minute)
{
    if (!s || strlen(s) < 15 || (s[10] != ' ' && s[10] != 'T')) return -1;
    const char *t = s + 11;
    while (*t == ' ') t++;
    return date_prefix(s, day) == 0 && loa_time_parse(t, minute) == 0 ? 0 : -1;
}

/* ---- the plan ------------------------------------------------------------ */

int loa_schedule_init(loa_schedule *sch, const loa_settings *s, mc_diag *d)
{
    memset(sch, 0, sizeof *sch);
    sch->settings = s;
    sch->from_day = INT_MIN;
    sch->to_day = INT_MAX;
    sch->limit_seconds = LOA_SCHED_DEFAULT_LIMIT_MIN * 60.0;
    if (!s->nwards)
        return mc_diag_set(d, NULL, 0, 0, "the site lists no wards: a schedule is made per ward; "
                           "give the site with --site SITE (its site.yaml needs a wards: list)");
    sch->wards = calloc(s->nwards, sizeof *sch->wards);
    if (!sch->wards) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    sch->nwards = s->nwards;
    for (size_t i = 0; i < s->nwards; i++) sch->wards[i].ward = &s->wards[i];
    return 0;
}

int loa_schedule_read_limit(loa_schedule *sch, const char *site_file, mc_diag *d)
{
    json_t *audio = json_object_get(sch->settings->site, "audio");
    json_t *v = json_object_get(audio, "session_limit_minutes");
    if (!v) return 0;
    if (json_is_number(v) && json_number_value(v) > 0) {
        sch->limit_seconds = json_number_value(v) * 60.0;
        return 0;
    }
    int line = 0;
    size_t len;
    char *text = site_file ? mc_read_file(site_file, &len, NULL) : NULL;
    json_t *lines = NULL, *data = text ? mc_yaml_load(site_file, text, len, 1, &lines, NULL) : NULL;
    line = mc_yaml_line(data, lines, "audio/session_limit_minutes");
    json_decref(data);
    json_decref(lines);
    free(text);
    return mc_diag_set(d, site_file, line, 0, "audio: session_limit_minutes must be a number of "
                       "minutes greater than 0 (e.g. 15)");
}

static void ann_free(loa_sched_ann *a)
{
    if (!a) return;
    free(a->source);
    free(a->slug);
    free(a->title);
    free(a->wards);
    free(a);
}

void loa_schedule_free(loa_schedule *sch)
{
    for (size_t w = 0; w < sch->nwards; w++) {
        for (size_t i = 0; i < sch->wards[w].n; i++) {
            free(sch->wards[w].items[i].audio_src);
            free(sch->wards[w].items[i].audio_name);
        }
        free(sch->wards[w].items);
    }
    free(sch->wards);
    for (size_t i = 0; i < sch->nanns; i++) ann_free(sch->anns[i]);
    free(sch->anns);
    memset(sch, 0, sizeof *sch);
}

/* ---- reading one announcement -------------------------------------------- */

typedef struct slot_time { int day, minute, line; } slot_time;

typedef struct reader {
    loa_schedule *sch;
    const char *file;
    const mc_frontmatter *fm;
    mc_diag_list *dl;
    int errors;
    slot_time *times;
    size_t ntimes, cap;
} reader;

static void err(reader *r, const char *path, const char *fmt, const char *arg)
{
    mc_diag d;
    mc_diag_set(&d, r->file, path ? mc_fm_line(r->fm, path) : 0, 0, fmt, arg ? arg : "");
    mc_diag_list_add(r->dl, &d);
    r->errors++;
}

static int add_time(reader *r, int day, int minute, int line)
{
    slot_time *grown = mc_grow(r->times, r->ntimes, &r->cap, sizeof *grown, 16);
    if (!grown) { err(r, NULL, "out of memory%s", NULL); return -1; }
    r->times = grown;
    r->times[r->ntimes++] = (slot_time){day, minute, line};
    return 0;
}


static void read_wards(reader *r, loa_sched_ann *a)
{
    const loa_settings *s = r->sch->settings;
    json_t *w = json_object_get(r->fm->data, "wards");
    int all = !w || (json_is_string(w) && !strcmp(json_string_value(w), "all"));
    size_t count = all ? s->nwards : json_is_array(w) ? json_array_size(w) : json_is_string(w) ? 1 : 0;
    if (!all && !json_is_array(w) && !json_is_string(w)) {
        err(r, "wards", "wards: must be all, a ward id or a list of ward ids%s", NULL);
        return;
    }
    a->wards = calloc(count + 1, sizeof *a->wards);
    if (!a->wards) { err(r, NULL, "out of memory%s", NULL); return; }
    for (size_t i = 0; i < count; i++) {
        if (all) { a->wards[a->nwards++] = &s->wards[i]; continue; }
        const char *id = json_string_value(json_is_string(w) ? w : json_array_get(w, i));
        const loa_ward *found = id ? loa_settings_ward(s, id) : NULL;
        if (!found) {
            err(r, "wards", "unknown ward '%s'; use an id from the wards: list in site.yaml, or all",
                id ? id : "(not text)");
            continue;
        }
        int dup = 0;
        for (size_t k = 0; k < a->nwards; k++) dup |= a->wards[k] == found;
        if (!dup) a->wards[a->nwards++] = found;
    }
}

/* priority:, and style: and voice: checked the way render and motcua
 * build check them (front_enums.h). */
static void read_priority(reader *r, loa_sched_ann *a)
{
    loa_front_enums e;
    const char *key = NULL;
    char msg[400];
    a->prio = LOA_PRIO_NORMAL;
    if (loa_front_enums_read(r->fm->data, &e, &key, msg, sizeof msg) != 0)
        err(r, key, "%s", msg);
    else
        a->prio = (loa_priority)e.priority;
}

static void read_expires(reader *r, loa_sched_ann *a)
{
    json_t *e = json_object_get(r->fm->data, "expires");
    const char *s = json_string_value(e);
    if (!e || json_is_null(e)) return;
    a->has_expires = 1;
    a->expires_minute = 24 * 60;
    if (s && loa_date_parse(s, &a->expires_day) == 0) {
    } else if (!s || loa_datetime_parse(s, &a->expires_day, &a->expires_minute) != 0) {
        err(r, "expires", "expires: '%s' is not a date; write YYYY-MM-DD (e.g. 2026-12-31) or "
            "\"YYYY-MM-DD HH:MM\"", s ? s : "(not text)");
        return;
    }
    snprintf(a->expires_text, sizeof a->expires_text, "%s", s);
}

static void one_datetime(reader *r, json_t *v, const char *path)
{
    int day, minute;
    if (loa_datetime_parse(json_string_value(v), &day, &minute) != 0) {
        err(r, path, "slots: '%s' is not a date and time; write \"YYYY-MM-DD HH:MM\" "
            "(e.g. \"2026-12-01 06:00\") or {daily: [\"06:00\"], from: DATE, to: DATE}",
            json_string_value(v));
        return;
    }
    add_time(r, day, minute, mc_fm_line(r->fm, path));
}

static int range_end(reader *r, json_t *slot, const char *base, const char *key, int *day)
{
    char path[96];
    snprintf(path, sizeof path, "%s/%s", base, key);
    json_t *v = json_object_get(slot, key);
    if (!v) {
        snprintf(path, sizeof path, "%s", base);
        err(r, path, !strcmp(key, "from") ? "slots: a daily entry needs from: DATE (YYYY-MM-DD), "
            "the first day of the range%s" : "slots: a daily entry needs to: DATE (YYYY-MM-DD), "
            "the last day of the range%s", NULL);
        return -1;
    }
    if (loa_date_parse(json_string_value(v), day) != 0) {
        err(r, path, "slots: '%s' is not a date; write YYYY-MM-DD (e.g. 2026-12-01), a day that "
            "exists in the calendar", json_is_string(v) ? json_string_value(v) : "(not text)");
        return -1;
    }
    return 0;
}

static int daily_times(reader *r, json_t *daily, const char *base, int *mins, size_t *n)
{
    char path[96];
    size_t count = json_is_array(daily) ? json_array_size(daily) : 1;
    *n = 0;
    for (size_t i = 0; i < count && i < 48; i++) {
        json_t *t = json_is_array(daily) ? json_array_get(daily, i) : daily;
        if (json_is_array(daily)) snprintf(path, sizeof path, "%s/daily/%zu", base, i);
        else snprintf(path, sizeof path, "%s/daily", base);
        if (loa_time_parse(json_string_value(t), &mins[*n]) != 0) {
            err(r, path, "slots: daily time '%s' is not a time; write HH:MM in quotes, 24-hour "
                "(e.g. \"06:00\", \"17:30\")", json_is_string(t) ? json_string_value(t) : "(not text)");
            return -1;
        }
        (*n)++;
    }
    if (count > 48) err(r, base, "slots: at most 48 daily times%s", NULL);
    return count > 48 ? -1 : 0;
}

static void one_daily(reader *r, json_t *slot, const char *base)
{
    json_t *daily = json_object_get(slot, "daily");
    int from, to, mins[48];
    size_t n;
    if (!daily) {
        err(r, base, "slots: an entry must be \"YYYY-MM-DD HH:MM\" or have daily: [HH:MM, ...] "
            "with from: and to: dates%s", NULL);
        return;
    }
    if (daily_times(r, daily, base, mins, &n) || range_end(r, slot, base, "from", &from) ||
        range_end(r, slot, base, "to", &to)) return;
    if (to < from) { err(r, base, "slots: the to: date is before the from: date%s", NULL); return; }
    if (to - from >= LOA_SCHED_MAX_RANGE_DAYS) {
        err(r, base, "slots: a daily range may span at most 400 days; split it or shorten it%s", NULL);
        return;
    }
    int line = mc_fm_line(r->fm, base);
    for (int day = from; day <= to; day++)
        for (size_t i = 0; i < n; i++)
            if (add_time(r, day, mins[i], line) != 0) return;
}

static void read_slots(reader *r)
{
    json_t *slots = json_object_get(r->fm->data, "slots");
    if (json_is_string(slots)) { one_datetime(r, slots, "slots"); return; }
    if (!json_is_array(slots)) {
        err(r, slots ? "slots" : NULL, "slots: %s", slots ? "must be a list of times, e.g.\n"
            "  slots:\n    - \"2026-12-01 06:00\"\n    - daily: [\"06:00\", \"17:00\"]\n"
            "      from: 2026-12-01\n      to: 2026-12-05" : "missing; the announcement has no "
            "time to play. Add slots: with \"YYYY-MM-DD HH:MM\" items or daily times");
        return;
    }
    size_t i;
    json_t *slot;
    json_array_foreach(slots, i, slot) {
        char base[48];
        snprintf(base, sizeof base, "slots/%zu", i);
        if (json_is_object(slot)) one_daily(r, slot, base);
        else one_datetime(r, slot, base);
    }
}

static int expired(const loa_sched_ann *a, const slot_time *t)
{
    if (!a->has_expires) return 0;
    return t->day > a->expires_day || (t->day == a->expires_day && t->minute >= a->expires_minute);
}

static int add_item(loa_sched_ward *w, const loa_sched_ann *a, int day, int minute)
{
    loa_sched_item *grown = mc_grow(w->items, w->n, &w->cap, sizeof *grown, 16);
    if (!grown) return -1;
    w->items = grown;
    w->items[w->n++] = (loa_sched_item){a, day, minute, NULL, NULL, 0};
    return 0;
}

static loa_sched_ward *plan_of(loa_schedule *sch, const loa_ward *ward)
{
    for (size_t i = 0; i < sch->nwards; i++)
        if (sch->wards[i].ward == ward) return &sch->wards[i];
    return NULL;
}

static void warn_expired(reader *r, const loa_sched_ann *a, size_t dropped, size_t kept)
{
    mc_diag d;
    int line = mc_fm_line(r->fm, "expires");
    if (kept == 0)
        mc_diag_warn(&d, r->file, line, 0, "the announcement expired on %s; it is not scheduled "
                     "(%zu slot%s after that). Change expires: or the slots: if it should still play",
                     a->expires_text, dropped, dropped == 1 ? "" : "s");
    else
        mc_diag_warn(&d, r->file, line, 0, "%zu slot%s after expires: %s %s not scheduled",
                     dropped, dropped == 1 ? "" : "s", a->expires_text, dropped == 1 ? "is" : "are");
    mc_diag_list_add(r->dl, &d);
}

static int place(reader *r, loa_sched_ann *a)
{
    size_t dropped = 0, kept = 0;
    for (size_t i = 0; i < r->ntimes; i++) {
        const slot_time *t = &r->times[i];
        if (t->day < r->sch->from_day || t->day > r->sch->to_day) continue;
        if (expired(a, t)) { dropped++; continue; }
        kept++;
        for (size_t w = 0; w < a->nwards; w++)
            if (add_item(plan_of(r->sch, a->wards[w]), a, t->day, t->minute) != 0) return -1;
    }
    if (dropped) warn_expired(r, a, dropped, kept);
    return 0;
}

static int keep_ann(loa_schedule *sch, loa_sched_ann *a)
{
    loa_sched_ann **grown = mc_grow(sch->anns, sch->nanns, &sch->anns_cap, sizeof *grown, 16);
    if (!grown) return -1;
    sch->anns = grown;
    a->index = sch->nanns;
    sch->anns[sch->nanns++] = a;
    return 0;
}

static void read_basics(reader *r, loa_sched_ann *a)
{
    const char *title = json_string_value(json_object_get(r->fm->data, "title"));
    json_t *rep = json_object_get(r->fm->data, "repeat");
    if (!title || !title[0]) err(r, NULL, "the announcement has no title:; add one to the front matter%s", NULL);
    a->source = strdup(r->file);
    a->slug = loa_audio_name(r->file, r->fm->data);
    a->title = strdup(title ? title : "");
    a->repeat = json_is_integer(rep) ? (int)json_integer_value(rep) : 1;
    if (!a->source || !a->slug || !a->title) err(r, NULL, "out of memory%s", NULL);
}

int loa_schedule_add(loa_schedule *sch, const char *file, const mc_frontmatter *fm, mc_diag_list *dl)
{
    reader r = {sch, file, fm, dl, 0, NULL, 0, 0};
    int draft = mc_yes_no(json_object_get(fm->data, "draft"));
    if (draft < 0) err(&r, "draft", "draft: must be %s", MC_YES_NO_HINT);
    if (draft != 0) return draft < 0 ? -1 : 0;
    loa_sched_ann *a = calloc(1, sizeof *a);
    if (!a) { err(&r, NULL, "out of memory%s", NULL); return -1; }
    read_basics(&r, a);
    read_wards(&r, a);
    read_priority(&r, a);
    read_expires(&r, a);
    read_slots(&r);
    int rc = r.errors ? -1 : 0;
    if (rc == 0 && (keep_ann(sch, a) != 0 || place(&r, a) != 0)) {
        err(&r, NULL, "out of memory%s", NULL);
        rc = -1;
    }
    if (rc != 0 && (!sch->nanns || sch->anns[sch->nanns - 1] != a)) ann_free(a);
    free(r.times);
    return rc;
}

int loa_schedule_add_file(loa_schedule *sch, const char *file, mc_diag_list *dl)
{
    mc_diag d;
    mc_diag_clear(&d);
    size_t len;
    char *text = mc_read_file(file, &len, &d);
    mc_frontmatter fm = {0};
    int rc = text && mc_frontmatter_parse(file, text, len, &fm, &d) == 0 ? 0 : -1;
    free(text);
    if (rc != 0) mc_diag_list_add(dl, &d);
    else rc = loa_schedule_add(sch, file, &fm, dl);
    mc_frontmatter_free(&fm);
    return rc;
}

/* ---- order and session lengths -------------------------------------------- */

static int item_cmp(const void *pa, const void *pb)
{
    const loa_sched_item *a = pa, *b = pb;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    if (a->minute != b->minute) return a->minute < b->minute ? -1 : 1;
    if (a->ann->prio != b->ann->prio) return a->ann->prio > b->ann->prio ? -1 : 1;
    int c = strcmp(a->ann->title, b->ann->title);
    return c ? c : strcmp(a->ann->source, b->ann->source);
}

size_t loa_schedule_slot_len(const loa_sched_ward *w, size_t i)
{
    size_t j = i;
    while (j < w->n && w->items[j].day == w->items[i].day && w->items[j].minute == w->items[i].minute) j++;
    return j - i;
}

double loa_schedule_slot_seconds(const loa_sched_item *first, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) total += first[i].duration;
    return total;
}

static void warn_session(const loa_schedule *sch, const loa_sched_ward *w, size_t i, size_t n,
                         mc_diag_list *dl)
{
    char date[11];
    mc_diag d;
    double total = loa_schedule_slot_seconds(&w->items[i], n);
    loa_date_format(w->items[i].day, date);
    int t = (int)(total + 0.5), lim = (int)(sch->limit_seconds + 0.5);
    mc_diag_warn(&d, NULL, 0, 0, "%s, %s %02d:%02d: the session lasts %d:%02d with %zu announcements, "
                 "more than the %d:%02d limit (audio: session_limit_minutes in site.yaml); move "
                 "some to another slot", w->ward->id, date, w->items[i].minute / 60,
                 w->items[i].minute % 60, t / 60, t % 60, n, lim / 60, lim % 60);
    mc_diag_list_add(dl, &d);
}

void loa_schedule_finish(loa_schedule *sch, mc_diag_list *dl)
{
    for (size_t w = 0; w < sch->nwards; w++) {
        loa_sched_ward *pw = &sch->wards[w];
        if (pw->n) qsort(pw->items, pw->n, sizeof *pw->items, item_cmp);
        for (size_t i = 0; i < pw->n;) {
            size_t n = loa_schedule_slot_len(pw, i);
            if (loa_schedule_slot_seconds(&pw->items[i], n) > sch->limit_seconds + 0.0005)
                warn_session(sch, pw, i, n, dl);
            i += n;
        }
    }
}
