/* dates.c — ISO 8601 parsing and display forms (see dates.h).
 * Calendar arithmetic uses the days-from-civil algorithm (proleptic
 * Gregorian), so no time-zone database or locale is involved and the output
 * is identical on every machine. */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const vi_weekdays[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                          "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
static const char *const en_weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
static const char *const en_months[] = {"January", "February", "March", "April", "May",
                                        "June", "July", "August", "September",
                                        "October", "November", "December"};

long long mc_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int mc_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads exactly n digits at *p; -1 if they are not all digits. */
static int read_digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i])) return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

static int parse_time(const char **p, mc_date *t)
{
    t->hour = read_digits(p, 2);
    if (t->hour < 0 || **p != ':') return -1;
    (*p)++;
    t->minute = read_digits(p, 2);
    if (t->minute < 0) return -1;
    if (**p == ':') {
        (*p)++;
        t->second = read_digits(p, 2);
        if (t->second < 0) return -1;
        if (**p == '.') /* fractions of a second are accepted and dropped */
            while (isdigit((unsigned char)*++(*p))) {}
    }
    return t->hour <= 23 && t->minute <= 59 && t->second <= 60 ? 0 : -1;
}

static int parse_offset(const char **p, mc_date *t)
{
    if (**p == 'Z') { (*p)++; t->offset_minutes = 0; return 0; }
    if (**p != '+' && **p != '-') return 0;
    int sign = **p == '-' ? -1 : 1;
    (*p)++;
    int h = read_digits(p, 2);
    if (**p == ':') (*p)++;
    int m = read_digits(p, 2);
    if (h < 0 || m < 0 || h > 14 || m > 59) return -1;
    t->offset_minutes = sign * (h * 60 + m);
    return 0;
}

int mc_date_parse(const char *s, mc_date *out, const char *file, int line, mc_diag *d)
{
    mc_date t = {0};
    t.offset_minutes = 7 * 60;
    const char *p = s;
    t.year = read_digits(&p, 4);
    int ok = t.year >= MC_DATE_MIN_YEAR && *p++ == '-';
    ok = ok && (t.month = read_digits(&p, 2)) >= 1 && t.month <= 12 && *p++ == '-';
    ok = ok && (t.day = read_digits(&p, 2)) >= 1 && t.day <= mc_days_in_month(t.year, t.month);
    if (ok && (*p == 'T' || *p == ' ')) {
        p++;
        ok = parse_time(&p, &t) == 0 && parse_offset(&p, &t) == 0;
    }
    if (!ok || *p != '\0')
        return mc_diag_set(d, file, line, 0, "'%s' is not a valid date; write it as "
                           "YYYY-MM-DD (a real day, year %d or later), e.g. 2026-11-26, or "
                           "2026-11-26 08:00", s, MC_DATE_MIN_YEAR);
    t.epoch = mc_days_from_civil(t.year, t.month, t.day) * 86400LL + t.hour * 3600 +
              t.minute * 60 + t.second - t.offset_minutes * 60LL;
    *out = t;
    return 0;
}

int mc_date_weekday(const mc_date *t)
{
    long long days = mc_days_from_civil(t->year, t->month, t->day);
    return (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
}

json_t *mc_date_forms(const mc_date *t)
{
    char iso[40], ymd[16], vi[16], vi_long[48], en[40], en_long[56], rfc822[48];
    int off = t->offset_minutes < 0 ? -t->offset_minutes : t->offset_minutes;
    char sign = t->offset_minutes < 0 ? '-' : '+';
    int wd = mc_date_weekday(t);
    snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", t->year, t->month, t->day);
    snprintf(iso, sizeof iso, "%sT%02d:%02d:%02d%c%02d:%02d", ymd, t->hour, t->minute,
             t->second, sign, off / 60, off % 60);
    snprintf(vi, sizeof vi, "%02d/%02d/%04d", t->day, t->month, t->year);
    snprintf(vi_long, sizeof vi_long, "%s, %s", vi_weekdays[wd], vi);
    snprintf(en, sizeof en, "%d %s %04d", t->day, en_months[t->month - 1], t->year);
    snprintf(en_long, sizeof en_long, "%s, %s", en_weekdays[wd], en);
    snprintf(rfc822, sizeof rfc822, "%.3s, %02d %.3s %04d %02d:%02d:%02d %c%02d%02d",
             en_weekdays[wd], t->day, en_months[t->month - 1], t->year, t->hour,
             t->minute, t->second, sign, off / 60, off % 60);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:I}",
                     "iso", iso, "ymd", ymd, "vi", vi, "vi_long", vi_long, "en", en,
                     "en_long", en_long, "rfc822", rfc822, "year", t->year, "month",
                     t->month, "day", t->day, "epoch", (json_int_t)t->epoch);
}
