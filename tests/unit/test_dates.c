/* test_dates.c — ISO date parsing and the display forms templates get. */
#include "dates.h"
#include "../check.h"

static const char *form(json_t *f, const char *key)
{
    return json_string_value(json_object_get(f, key));
}

static void forms_of_a_plain_date(mc_check *c)
{
    mc_date t;
    mc_diag d;
    CHECK(c, mc_date_parse("2026-11-26", &t, "a.md", 3, &d) == 0);
    json_t *f = mc_date_forms(&t);
    CHECK_STR(c, form(f, "vi"), "26/11/2026");
    CHECK_STR(c, form(f, "vi_long"), "Thứ Năm, 26/11/2026");
    CHECK_STR(c, form(f, "en_long"), "Thursday, 26 November 2026");
    CHECK_STR(c, form(f, "iso"), "2026-11-26T00:00:00+07:00");
    CHECK_STR(c, form(f, "rfc822"), "Thu, 26 Nov 2026 00:00:00 +0700");
    CHECK(c, json_integer_value(json_object_get(f, "epoch")) == 1795626000LL);
    json_decref(f);
}

static void time_and_offset(mc_check *c)
{
    mc_date t;
    mc_diag d;
    CHECK(c, mc_date_parse("2026-01-04T06:30:00Z", &t, NULL, 0, &d) == 0);
    json_t *f = mc_date_forms(&t);
    CHECK_STR(c, form(f, "iso"), "2026-01-04T06:30:00+00:00");
    CHECK_STR(c, form(f, "vi_long"), "Chủ Nhật, 04/01/2026");
    json_decref(f);
    CHECK(c, mc_date_parse("2026-12-01 06:00", &t, NULL, 0, &d) == 0);
    CHECK(c, t.hour == 6 && t.offset_minutes == 420);
    mc_date u;
    CHECK(c, mc_date_parse("2026-11-30T23:00:00-00:00", &u, NULL, 0, &d) == 0);
    CHECK(c, u.epoch - t.epoch == 0); /* 06:00 +07 on 1 Dec is 23:00 UTC on 30 Nov */
}

static void leap_years_and_bad_dates(mc_check *c)
{
    mc_date t;
    mc_diag d;
    CHECK(c, mc_date_parse("2024-02-29", &t, NULL, 0, &d) == 0);
    CHECK(c, mc_date_parse("2026-02-29", &t, "content/tin-tuc/a.md", 4, &d) == -1);
    CHECK(c, d.line == 4 && strstr(d.message, "'2026-02-29' is not a valid date") != NULL);
    CHECK(c, mc_date_parse("2000-02-29", &t, NULL, 0, &d) == 0);
    CHECK(c, mc_date_parse("1900-02-29", &t, NULL, 0, &d) == -1);
    CHECK(c, mc_date_parse("26/11/2026", &t, NULL, 0, &d) == -1);
    CHECK(c, mc_date_parse("2026-13-01", &t, NULL, 0, &d) == -1);
    CHECK(c, mc_date_parse("2026-11-26x", &t, NULL, 0, &d) == -1);
    CHECK(c, mc_date_parse("2026-11-26T25:00", &t, NULL, 0, &d) == -1);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, forms_of_a_plain_date);
    RUN(&c, time_and_offset);
    RUN(&c, leap_years_and_bad_dates);
    return check_finish(&c);
}
