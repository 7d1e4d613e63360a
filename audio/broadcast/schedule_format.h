/* schedule_format.h — the files of one day of one ward's broadcast plan:
 *   loa_schedule_m3u   #EXTM3U playlist: #EXTINF:<seconds>,<title> and the
 *                      item's audio_name (a path or URL relative to the
 *                      playlist), in play order; "# HH:MM" opens each slot
 *   loa_schedule_json  the timetable: slots in time order, items by priority
 *                      (khẩn cấp first), durations, totals, over_limit
 *   loa_schedule_html  the same as a printable page for the operator (A4,
 *                      lang=vi, a tick column and a signature line), linking
 *                      the audio and the day's playlist
 * Used by `loa schedule` (schedule_write.c) and `motcua build`
 * (generator/schedules.c), so stations and the portal get the same files.
 *
 * Memory: nothing is allocated that the caller must free; output goes to f.
 */
#ifndef LOA_SCHEDULE_FORMAT_H
#define LOA_SCHEDULE_FORMAT_H

#include <stdio.h>
#include "schedule.h"

/* items[first .. first + n) of ward w are the day `date` (YYYY-MM-DD). */
typedef struct loa_day_view {
    const loa_schedule *sch;
    const loa_sched_ward *w;
    size_t first, n;
    char date[11];
} loa_day_view;

void loa_schedule_m3u(FILE *f, const loa_day_view *v);
void loa_schedule_json(FILE *f, const loa_day_view *v);
void loa_schedule_html(FILE *f, const loa_day_view *v);

/* Day number (as in schedule.h) as "DD/MM/YYYY" into buf. */
void loa_date_dmy(char *buf, size_t n, int day);

#endif
