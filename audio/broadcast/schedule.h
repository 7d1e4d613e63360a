/* schedule.h — when each announcement plays in each ward: the broadcast plan
 * behind `loa schedule`.
 *
 * From an announcement's front matter (see ../shared/DESIGN.md):
 *   wards:    all | an id | a list of ids (ids from site.yaml wards:)
 *   priority: thong_thuong | uu_tien | khan_cap (Thông tư 39/2020/TT-BTTTT),
 *             or their DESIGN.md synonyms normal | urgent | emergency
 *             (parsed by lib/priority.h, the one mapping of both spellings);
 *             default thong_thuong. Order: khan_cap > uu_tien > thong_thuong.
 *   slots:    a list; each item is "YYYY-MM-DD HH:MM" or
 *             {daily: [HH:MM, ...] (or one HH:MM), from: DATE, to: DATE}
 *   expires:  DATE (plays through that whole day) or "YYYY-MM-DD HH:MM"
 *   draft:    true = not scheduled
 * Every wrong value is an error at FILE:LINE of the value (an unknown ward at
 * the line of the wards key). All problems of all files are collected in an
 * mc_diag_list, so the operator sees every one at once.
 *
 * The plan is built in steps: loa_schedule_add_file for each announcement
 * (parses and expands slots inside [from_day, to_day], dropping those after
 * `expires` with a warning), loa_schedule_attach_audio (finds each ward's
 * rendered audio and reads its duration from the sidecar FILE.json that
 * `loa render` wrote), then loa_schedule_finish (sorts every ward's items by
 * day, slot time, priority — khẩn cấp first — then title, and warns when a
 * slot's total length exceeds the session limit). schedule_write.c writes it.
 *
 * Dates are whole days since 1970-01-01 (proleptic Gregorian); times are
 * minutes after midnight, local station time.
 *
 * Memory: loa_schedule owns every announcement, item and string in it;
 * release with loa_schedule_free. It keeps pointers to the loa_ward records
 * of the settings it was built with, so the settings must outlive it.
 */
#ifndef LOA_SCHEDULE_H
#define LOA_SCHEDULE_H

#include <stddef.h>
#include "diag.h"
#include "frontmatter.h"
#include "settings.h"

#define LOA_SCHED_MAX_RANGE_DAYS 400   /* one daily: entry may span at most this */
#define LOA_SCHED_DEFAULT_LIMIT_MIN 15 /* Hà Nội's rule for urban wards */

typedef enum loa_priority {   /* same values as mc_priority (lib/priority.h) */
    LOA_PRIO_NORMAL = 0,     /* thông thường */
    LOA_PRIO_URGENT = 1,     /* ưu tiên */
    LOA_PRIO_EMERGENCY = 2   /* khẩn cấp */
} loa_priority;

/* Accepts both spellings (thong_thuong/normal, uu_tien/urgent,
 * khan_cap/emergency). 0, or -1 for anything else. */
int loa_priority_parse(const char *s, loa_priority *out);
const char *loa_priority_id(loa_priority p);      /* "khan_cap" */
const char *loa_priority_label(loa_priority p);   /* "Khẩn cấp" */

/* "YYYY-MM-DD" (a real calendar day) to days since 1970-01-01. 0 or -1. */
int loa_date_parse(const char *s, int *day);
/* Writes "YYYY-MM-DD" into out (11 bytes). */
void loa_date_format(int day, char out[11]);
/* 0 = Sunday ... 6 = Saturday. */
int loa_weekday(int day);
/* "HH:MM" (00:00 to 23:59; "6:00" accepted) to minutes. 0 or -1. */
int loa_time_parse(const char *s, int *minute);
/* "YYYY-MM-DD HH:MM" (or with 'T') to day and minute. 0 or -1. */
int loa_datetime_parse(const char *s, int *day, int *minute);

/* One announcement as the scheduler sees it. */
typedef struct loa_sched_ann {
    size_t index;            /* position in loa_schedule.anns */
    char *source;            /* the .md file, for messages and the timetable */
    char *slug, *title;
    loa_priority prio;
    int repeat;
    const loa_ward **wards;  /* into the settings */
    size_t nwards;
    int has_expires, expires_day, expires_minute; /* minute 1440 = whole day */
    char expires_text[20];
} loa_sched_ann;

/* One announcement played once at one time in one ward. */
typedef struct loa_sched_item {
    const loa_sched_ann *ann;
    int day, minute;
    char *audio_src;         /* owned: the rendered file found under --audio */
    char *audio_name;        /* owned: its name in OUT/<ward>/ */
    double duration;         /* seconds, from the sidecar */
} loa_sched_item;

typedef struct loa_sched_ward {
    const loa_ward *ward;
    loa_sched_item *items;
    size_t n, cap;
} loa_sched_ward;

typedef struct loa_schedule {
    const loa_settings *settings;
    loa_sched_ann **anns;
    size_t nanns, anns_cap;
    loa_sched_ward *wards;   /* one per site ward, in site order */
    size_t nwards;
    int from_day, to_day;    /* inclusive range kept; INT_MIN/INT_MAX = open */
    double limit_seconds;    /* session limit */
} loa_schedule;

/* Starts an empty plan for the wards of s. 0 or -1 (d filled). */
int loa_schedule_init(loa_schedule *sch, const loa_settings *s, mc_diag *d);

/* Reads audio.session_limit_minutes from the site (site_file for messages;
 * default 15). 0 or -1 with an error at its line in site.yaml. */
int loa_schedule_read_limit(loa_schedule *sch, const char *site_file, mc_diag *d);

/* Adds one parsed announcement file. Errors and warnings go to dl; returns
 * -1 when this file had an error (nothing of it is added), else 0. */
int loa_schedule_add(loa_schedule *sch, const char *file, const mc_frontmatter *fm,
                     mc_diag_list *dl);

/* Reads and parses file, then loa_schedule_add. */
int loa_schedule_add_file(loa_schedule *sch, const char *file, mc_diag_list *dl);

/* Finds every item's audio under audio_dir (AUDIO/<ward>/<slug>.<ext>, else
 * AUDIO/<slug>.<ext>; the site's format first) and its duration in the
 * sidecar. A missing file or sidecar is an error naming the announcement.
 * Returns -1 when any was missing. */
int loa_schedule_attach_audio(loa_schedule *sch, const char *audio_dir, mc_diag_list *dl);

/* Sorts and checks session lengths (warnings into dl). */
void loa_schedule_finish(loa_schedule *sch, mc_diag_list *dl);

/* Total seconds of the items [first, first + n) — one slot. */
double loa_schedule_slot_seconds(const loa_sched_item *first, size_t n);
/* How many items from items[i] on share items[i]'s day and minute. */
size_t loa_schedule_slot_len(const loa_sched_ward *w, size_t i);

void loa_schedule_free(loa_schedule *sch);

/* Writes OUT/<ward>/<day>.m3u8, .json, .html and copies the audio into
 * OUT/<ward>/ (only when it changed), for every ward and day that has items.
 * Every file is written atomically. Prints each written timetable path to
 * `list` when not NULL. 0 or -1 (d filled). */
int loa_schedule_write(const loa_schedule *sch, const char *out_dir, FILE *list, mc_diag *d);

#endif
