/* test_schedule.c — the broadcast plan (audio/schedule.h) and the delivery
 * target rules (audio/deliver.h): calendar parsing, both priority
 * spellings, slot expansion, expiry, ordering by slot then priority, the
 * session limit, and every front-matter error at its FILE:LINE.
 */
#include "../check.h"
#include "deliver.h"
#include "schedule.h"

#include <stdlib.h>
#include <string.h>

static loa_ward test_wards[] = {{.id = "a", .name = "Phường A"}, {.id = "b", .name = "Phường B"}};

static void settings(loa_settings *s)
{
    loa_settings_defaults(s);
    s->wards = test_wards;
    s->nwards = 2;
}

/* Adds one announcement given as front matter text; returns its status. */
static int add(loa_schedule *sch, const char *text, mc_diag_list *dl)
{
    mc_frontmatter fm = {0};
    mc_diag d;
    if (mc_frontmatter_parse("t.md", text, strlen(text), &fm, &d) != 0) return -9;
    int rc = loa_schedule_add(sch, "t.md", &fm, dl);
    mc_frontmatter_free(&fm);
    return rc;
}

static void test_dates(mc_check *c)
{
    int day, min;
    char buf[11];
    CHECK(c, loa_date_parse("1970-01-01", &day) == 0 && day == 0);
    CHECK(c, loa_date_parse("2026-12-01", &day) == 0);
    loa_date_format(day, buf);
    CHECK_STR(c, buf, "2026-12-01");
    CHECK(c, loa_weekday(day) == 2);                      /* a Tuesday */
    CHECK(c, loa_date_parse("2028-02-29", &day) == 0);    /* leap year */
    CHECK(c, loa_date_parse("2026-02-29", &day) != 0);
    CHECK(c, loa_date_parse("2026-13-01", &day) != 0);
    CHECK(c, loa_date_parse("2026-1-01", &day) != 0);
    CHECK(c, loa_date_parse("01/12/2026", &day) != 0);
    CHECK(c, loa_time_parse("06:00", &min) == 0 && min == 360);
    CHECK(c, loa_time_parse("6:30", &min) == 0 && min == 390);
    CHECK(c, loa_time_parse("24:00", &min) != 0);
    CHECK(c, loa_time_parse("12:60", &min) != 0);
    CHECK(c, loa_datetime_parse("2026-12-01 17:05", &day, &min) == 0 && min == 17 * 60 + 5);
    CHECK(c, loa_datetime_parse("2026-12-01T06:00", &day, &min) == 0);
    CHECK(c, loa_datetime_parse("2026-12-01", &day, &min) != 0);
}

static void test_priorities(mc_check *c)
{
    loa_priority p;
    CHECK(c, loa_priority_parse("khan_cap", &p) == 0 && p == LOA_PRIO_EMERGENCY);
    CHECK(c, loa_priority_parse("emergency", &p) == 0 && p == LOA_PRIO_EMERGENCY);
    CHECK(c, loa_priority_parse("uu_tien", &p) == 0 && p == LOA_PRIO_URGENT);
    CHECK(c, loa_priority_parse("urgent", &p) == 0 && p == LOA_PRIO_URGENT);
    CHECK(c, loa_priority_parse("thong_thuong", &p) == 0 && p == LOA_PRIO_NORMAL);
    CHECK(c, loa_priority_parse("normal", &p) == 0 && p == LOA_PRIO_NORMAL);
    CHECK(c, loa_priority_parse("high", &p) != 0);
    CHECK(c, loa_priority_parse(NULL, &p) != 0);
    CHECK(c, LOA_PRIO_EMERGENCY > LOA_PRIO_URGENT && LOA_PRIO_URGENT > LOA_PRIO_NORMAL);
    CHECK_STR(c, loa_priority_label(LOA_PRIO_EMERGENCY), "Khẩn cấp");
}

static void test_expand_and_order(mc_check *c)
{
    loa_settings s;
    loa_schedule sch;
    mc_diag_list dl = {0};
    settings(&s);
    CHECK(c, loa_schedule_init(&sch, &s, NULL) == 0);
    CHECK(c, add(&sch, "---\ntitle: Z thường\nwards: [a]\nslots:\n  - \"2026-12-01 06:00\"\n---\nx\n", &dl) == 0);
    CHECK(c, add(&sch, "---\ntitle: Bão\nwards: all\npriority: khan_cap\nslots:\n"
                 "  - daily: [\"17:00\", \"06:00\"]\n    from: 2026-12-01\n    to: 2026-12-03\n---\nx\n", &dl) == 0);
    CHECK(c, add(&sch, "---\ntitle: A ưu tiên\nwards: a\npriority: urgent\nslots: \"2026-12-01 06:00\"\n---\nx\n", &dl) == 0);
    CHECK(c, dl.count == 0);
    for (size_t i = 0; i < sch.wards[0].n; i++) sch.wards[0].items[i].duration = 400;
    loa_schedule_finish(&sch, &dl);
    loa_sched_ward *a = &sch.wards[0];
    CHECK(c, a->n == 8 && sch.wards[1].n == 6);
    CHECK(c, a->n == 8 && a->items[0].minute == 360 && a->items[0].ann->prio == LOA_PRIO_EMERGENCY);
    CHECK(c, a->n == 8 && !strcmp(a->items[1].ann->title, "A ưu tiên"));
    CHECK(c, a->n == 8 && !strcmp(a->items[2].ann->title, "Z thường"));
    CHECK(c, a->n == 8 && a->items[3].minute == 17 * 60 && a->items[3].day == a->items[0].day);
    CHECK(c, loa_schedule_slot_len(a, 0) == 3);
    /* 3 × 400 s at 06:00 on the first day is over 15 minutes: one warning */
    CHECK(c, dl.count == 1 && dl.errors == 0 && strstr(dl.items[0].message, "limit"));
    loa_schedule_free(&sch);
    mc_diag_list_free(&dl);
}

static void test_range_and_expiry(mc_check *c)
{
    loa_settings s;
    loa_schedule sch;
    mc_diag_list dl = {0};
    settings(&s);
    loa_schedule_init(&sch, &s, NULL);
    loa_date_parse("2026-12-02", &sch.from_day);
    loa_date_parse("2026-12-02", &sch.to_day);
    CHECK(c, add(&sch, "---\ntitle: T\nwards: [b]\nslots:\n  - daily: \"06:00\"\n    from: 2026-11-30\n"
                 "    to: 2026-12-05\n---\nx\n", &dl) == 0);
    CHECK(c, sch.wards[1].n == 1 && sch.wards[0].n == 0);
    CHECK(c, add(&sch, "---\ntitle: Cũ\nwards: all\nexpires: 2026-12-01\nslots:\n  - \"2026-12-02 06:00\"\n---\nx\n", &dl) == 0);
    CHECK(c, sch.wards[0].n == 0);
    CHECK(c, dl.count == 1 && dl.items[0].severity == MC_WARNING && dl.items[0].line == 4 &&
             strstr(dl.items[0].message, "expired"));
    CHECK(c, add(&sch, "---\ntitle: Nửa ngày\nwards: [a]\nexpires: \"2026-12-02 12:00\"\nslots:\n"
                 "  - daily: [\"06:00\", \"17:00\"]\n    from: 2026-12-02\n    to: 2026-12-02\n---\nx\n", &dl) == 0);
    CHECK(c, sch.wards[0].n == 1 && dl.count == 2 && strstr(dl.items[1].message, "1 slot after"));
    CHECK(c, add(&sch, "---\ntitle: Nháp\ndraft: true\nwards: [zz]\n---\nx\n", &dl) == 0);
    loa_schedule_free(&sch);
    mc_diag_list_free(&dl);
}

/* The error for text, expected at line with msg in its message. */
static void expect_error(mc_check *c, const char *text, int line, const char *msg)
{
    loa_settings s;
    loa_schedule sch;
    mc_diag_list dl = {0};
    settings(&s);
    loa_schedule_init(&sch, &s, NULL);
    int rc = add(&sch, text, &dl);
    int ok = rc == -1 && dl.errors >= 1 && dl.items[0].line == line && strstr(dl.items[0].message, msg);
    if (!CHECK(c, ok))
        printf("    for: %s    got line %d: %s\n", text, dl.count ? dl.items[0].line : -1,
               dl.count ? dl.items[0].message : "(nothing)");
    CHECK(c, sch.nanns == 0 && sch.wards[0].n == 0 && sch.wards[1].n == 0);
    loa_schedule_free(&sch);
    mc_diag_list_free(&dl);
}

static void test_errors(mc_check *c)
{
    expect_error(c, "---\ntitle: T\nwards: [a, nope]\nslots: \"2026-12-01 06:00\"\n---\n", 3, "unknown ward 'nope'");
    expect_error(c, "---\ntitle: T\nwards:\n  - a\n  - khong-co\nslots: \"2026-12-01 06:00\"\n---\n", 3, "unknown ward");
    expect_error(c, "---\ntitle: T\npriority: cao\nslots: \"2026-12-01 06:00\"\n---\n", 3, "khan_cap");
    expect_error(c, "---\ntitle: T\nslots:\n  - \"2026-12-01 06:00\"\n  - \"2026-02-30 06:00\"\n---\n", 5, "2026-02-30 06:00");
    expect_error(c, "---\ntitle: T\nslots:\n  - \"2026-12-01 25:00\"\n---\n", 4, "not a date and time");
    expect_error(c, "---\ntitle: T\nslots:\n  - daily: [\"06:00\", \"7h\"]\n    from: 2026-12-01\n    to: 2026-12-02\n---\n",
                 4, "daily time '7h'");
    expect_error(c, "---\ntitle: T\nslots:\n  - daily: \"06:00\"\n    from: 2026-12-01\n---\n", 4, "needs to:");
    expect_error(c, "---\ntitle: T\nslots:\n  - daily: \"06:00\"\n    from: 2026-12-05\n    to: 2026-12-01\n---\n",
                 4, "before the from");
    expect_error(c, "---\ntitle: T\nslots:\n  - daily: \"06:00\"\n    from: 01/12/2026\n    to: 2026-12-01\n---\n",
                 5, "'01/12/2026' is not a date");
    expect_error(c, "---\ntitle: T\nslots:\n  - daily: \"06:00\"\n    from: 2026-01-01\n    to: 2027-12-31\n---\n",
                 4, "400 days");
    expect_error(c, "---\ntitle: T\nexpires: ngày mai\nslots: \"2026-12-01 06:00\"\n---\n", 3, "expires:");
    expect_error(c, "---\ntitle: T\n---\n", 0, "slots: missing");
}

static void test_targets(mc_check *c)
{
    CHECK(c, loa_target_kind_of("stations/a/") == LOA_TARGET_DIR);
    CHECK(c, loa_target_kind_of("file:///srv/a") == LOA_TARGET_DIR);
    CHECK(c, loa_target_kind_of("https://x.example/up/") == LOA_TARGET_HTTP);
    CHECK(c, loa_target_kind_of("ftp://x.example/a/") == LOA_TARGET_FTP);
    CHECK(c, loa_target_kind_of("sftp://x.example/a/") == LOA_TARGET_SFTP);
    CHECK(c, loa_target_kind_of("gopher://x") == LOA_TARGET_NONE);
    CHECK(c, loa_target_kind_of("") == LOA_TARGET_NONE);
    CHECK(c, loa_target_has_password("ftp://u:p@x.example/a/"));
    CHECK(c, !loa_target_has_password("ftp://u@x.example/a/"));
    CHECK(c, !loa_target_has_password("https://x.example/a:b@c"));
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_dates);
    RUN(&c, test_priorities);
    RUN(&c, test_expand_and_order);
    RUN(&c, test_range_and_expiry);
    RUN(&c, test_errors);
    RUN(&c, test_targets);
    return check_finish(&c);
}
