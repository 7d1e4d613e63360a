/* dates.h — ISO 8601 dates from front matter, and their display forms: the
 * one date parser of motcua and loa.
 *
 * Front matter holds dates as ISO strings ("2026-11-26", "2026-11-26 08:00",
 * "2026-11-26T08:00:00+07:00"). A date without a UTC offset is local time in
 * Việt Nam (+07:00, no daylight saving). mc_date_parse checks the string
 * (year MC_DATE_MIN_YEAR or later — a year 0 or 1 is a typing slip, and
 * feeds cannot show it —, month 1–12, day within the month, leap years)
 * and mc_date_forms gives a
 * template everything it may show, so templates stay logic-less:
 *   iso        2026-11-26T08:00:00+07:00   (also Atom's RFC 3339 form)
 *   ymd        2026-11-26
 *   vi         26/11/2026
 *   vi_long    Thứ Năm, 26/11/2026
 *   en         26 November 2026
 *   en_long    Thursday, 26 November 2026
 *   rfc822     Thu, 26 Nov 2026 08:00:00 +0700   (RSS)
 *   year, month, day (numbers), epoch (seconds since 1970, for sorting)
 *
 * Memory: mc_date is a plain value. mc_date_forms returns a new JSON object
 * the caller owns.
 */
#ifndef MC_DATES_H
#define MC_DATES_H

#include <jansson.h>
#include "diag.h"

typedef struct mc_date {
    int year, month, day, hour, minute, second;
    int offset_minutes;   /* east of UTC; 420 for Việt Nam */
    long long epoch;      /* UTC seconds since 1970-01-01 */
} mc_date;

#define MC_DATE_MIN_YEAR 1900

/* Days since 1970-01-01 of a calendar day (proleptic Gregorian), and the
 * length of a month (1–12) in a year. */
long long mc_days_from_civil(int y, int m, int d);
int mc_days_in_month(int y, int m);

/* Parses s; on failure fills d (file/line given by the caller) and returns -1. */
int mc_date_parse(const char *s, mc_date *out, const char *file, int line, mc_diag *d);

json_t *mc_date_forms(const mc_date *date);

/* Day of week, 0 = Sunday. */
int mc_date_weekday(const mc_date *date);

#endif
