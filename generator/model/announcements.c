/* announcements.c — card facts, the current/past list, the alert banner,
 * the feeds flag of the lists (see announcements.h).
 *
 * Everything here runs on the model thread before rendering. The banner
 * is put into the shared site context (page outputs copy it at render
 * time) and into every already made templated output whose context came
 * from it (those copied it at model time): they are recognised by their
 * "words" key.
 */
#include "announcements.h"
#include "kinds.h"
#include "dates.h"
#include "priority.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


int mc_is_announcement(const mc_model *m, size_t i)
{
    const mc_page *p = &m->pages[i];
    return !p->skip && p->url && !p->is_index && p->kind->audio &&
           !strcmp(p->lang, "vi") && json_is_object(json_array_get(m->cards, i));
}

int mc_announcement_expired(const mc_model *m, const mc_page *p)
{
    const char *s = json_string_value(json_object_get(p->params, "expires"));
    mc_date t;
    if (!s || !s[0] || mc_date_parse(s, &t, NULL, 0, NULL) != 0) return 0;
    return t.epoch + 86400 <= m->now;
}

/* ---- slots in words ---- */

/* "30/11/2026" or "06:00 ngày 30/11/2026" for an ISO date or date-time. */
static void when_text(const char *s, char *buf, size_t n)
{
    mc_date d;
    if (!s || mc_date_parse(s, &d, NULL, 0, NULL) != 0) {
        snprintf(buf, n, "%s", s ? s : "");
        return;
    }
    if (strlen(s) > 10)
        snprintf(buf, n, "%02d:%02d ngày %02d/%02d/%04d", d.hour, d.minute, d.day, d.month, d.year);
    else
        snprintf(buf, n, "%02d/%02d/%04d", d.day, d.month, d.year);
}

static json_t *daily_text(json_t *slot)
{
    char times[512] = "", from[64], to[64], out[800];
    size_t i, used = 0;
    json_t *t;
    json_array_foreach(json_object_get(slot, "daily"), i, t)
        if (json_is_string(t) && used < sizeof times - 16)
            used += (size_t)snprintf(times + used, sizeof times - used, "%s%s", i ? ", " : "",
                                     json_string_value(t));
    when_text(json_string_value(json_object_get(slot, "from")), from, sizeof from);
    when_text(json_string_value(json_object_get(slot, "to")), to, sizeof to);
    if (json_object_get(slot, "from") && json_object_get(slot, "to"))
        snprintf(out, sizeof out, "%s hằng ngày, từ %s đến %s", times, from, to);
    else
        snprintf(out, sizeof out, "%s hằng ngày", times);
    return json_pack("{s:s}", "text", out);
}

static json_t *slot_texts(const mc_page *p)
{
    json_t *slots = json_object_get(p->params, "slots");
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(slots, i, s) {
        if (json_is_object(s) && json_is_array(json_object_get(s, "daily"))) {
            json_array_append_new(out, daily_text(s));
        } else if (json_is_string(s)) {
            char buf[128];
            when_text(json_string_value(s), buf, sizeof buf);
            json_array_append_new(out, json_pack("{s:s}", "text", buf));
        }
    }
    return out;
}

static int is_alert(const mc_page *p, mc_priority *level)
{
    const char *s = json_string_value(json_object_get(p->params, "priority"));
    return mc_priority_parse(s, level) == 0 && *level != MC_PRIORITY_NORMAL;
}

static void card_facts(mc_model *m)
{
    for (size_t i = 0; i < m->npages; i++) {
        if (!mc_is_announcement(m, i)) continue;
        const mc_page *p = &m->pages[i];
        json_t *card = json_array_get(m->cards, i);
        json_t *times = slot_texts(p);
        json_object_set_new(card, "has_times", json_boolean(json_array_size(times) > 0));
        json_object_set_new(card, "times", times);
        int expired = mc_announcement_expired(m, p);
        json_object_set_new(card, "is_expired", json_boolean(expired));
        json_object_set_new(card, "is_current", json_boolean(!expired));
        mc_priority level;
        json_object_set_new(card, "is_alert", json_boolean(is_alert(p, &level)));
    }
}

/* ---- the list: current and past ---- */

static void split_list(mc_model *m)
{
    int own = mc_site_has_template(m->site, "announcements");
    for (size_t i = 0; i < m->noutputs; i++) {
        mc_output *o = &m->outputs[i];
        json_t *list = o->kind == MC_OUT_TEMPLATE ? json_object_get(o->context, "list") : NULL;
        const mc_kind *kind = mc_output_list_kind(o);
        if (!o->template || strcmp(o->template, "list") || !kind || !kind->audio) continue;
        int current = 0, past = 0;
        size_t k;
        json_t *c;
        json_array_foreach(json_object_get(list, "pages"), k, c) {
            if (json_is_true(json_object_get(c, "is_expired"))) past = 1;
            else current = 1;
        }
        json_object_set_new(list, "has_current", json_boolean(current));
        json_object_set_new(list, "has_past", json_boolean(past));
        if (own) o->template = "announcements";
    }
}

/* ---- the banner ---- */

static int cmp_alert(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int ea = json_is_true(json_object_get(a, "is_emergency"));
    int eb = json_is_true(json_object_get(b, "is_emergency"));
    if (ea != eb) return eb - ea;
    json_int_t da = json_integer_value(json_object_get(json_object_get(a, "date"), "epoch"));
    json_int_t db = json_integer_value(json_object_get(json_object_get(b, "date"), "epoch"));
    if (da != db) return da > db ? -1 : 1;
    return strcmp(json_string_value(json_object_get(a, "url")), json_string_value(json_object_get(b, "url")));
}

/* The last moment p is in force: the end of its expires: day in Việt Nam
 * time, as CAP writes it (cap.c); "" without a valid expires:. */
static void ends_iso(const mc_page *p, char *buf, size_t n)
{
    const char *s = json_string_value(json_object_get(p->params, "expires"));
    mc_date t;
    buf[0] = '\0';
    if (s && s[0] && mc_date_parse(s, &t, NULL, 0, NULL) == 0)
        snprintf(buf, n, "%04d-%02d-%02dT23:59:59+07:00", t.year, t.month, t.day);
}

static json_t *alert_entry(const mc_model *m, size_t i, mc_priority level)
{
    json_t *card = json_array_get(m->cards, i);
    const char *key = level == MC_PRIORITY_EMERGENCY ? "priority_emergency" : "priority_urgent";
    const char *label = json_string_value(json_object_get(json_object_get(m->site->words, "vi"), key));
    json_t *e = json_pack("{s:O, s:O, s:s, s:b, s:s}", "title", json_object_get(card, "title"), "url",
                          json_object_get(card, "url"), "label",
                          label ? label : level == MC_PRIORITY_EMERGENCY ? "Khẩn cấp" : "Khẩn",
                          "is_emergency", level == MC_PRIORITY_EMERGENCY, "level",
                          level == MC_PRIORITY_EMERGENCY ? "emergency" : "urgent");
    if (json_object_get(card, "expires")) json_object_set(e, "expires", json_object_get(card, "expires"));
    if (json_object_get(card, "date")) json_object_set(e, "date", json_object_get(card, "date"));
    json_t *instruction = json_object_get(m->pages[i].params, "instruction");
    if (json_is_string(instruction) && json_string_length(instruction))
        json_object_set(e, "instruction", instruction);
    char ends[40];
    ends_iso(&m->pages[i], ends, sizeof ends);
    if (ends[0]) json_object_set_new(e, "ends", json_string(ends));
    return e;
}

static json_t *active_alerts(const mc_model *m)
{
    json_t **v = calloc(m->npages + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v && i < m->npages; i++) {
        mc_priority level;
        if (mc_is_announcement(m, i) && is_alert(&m->pages[i], &level) &&
            !mc_announcement_expired(m, &m->pages[i]))
            v[n++] = alert_entry(m, i, level);
    }
    if (n) qsort(v, n, sizeof *v, cmp_alert);
    json_t *alerts = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(alerts, v[i]);
    free(v);
    return alerts;
}

static void set_banner(json_t *ctx, json_t *alerts)
{
    json_object_set(ctx, "alerts", alerts);
    json_object_set_new(ctx, "has_alerts", json_boolean(json_array_size(alerts) > 0));
}

void mc_announcements_banner(mc_model *m)
{
    json_t *alerts = active_alerts(m);
    const char *lang;
    json_t *ctx;
    json_object_foreach(m->site_context, lang, ctx) set_banner(ctx, alerts);
    json_decref(alerts);
}

/* Template outputs made before the banner (aliases) get it too; the
 * per-language contexts are read, not changed: pages may be rendering. */
static void add_banner(mc_model *m)
{
    json_t *vi = json_object_get(m->site_context, "vi");
    if (!json_object_get(vi, "alerts")) mc_announcements_banner(m);
    json_t *alerts = json_object_get(vi, "alerts");
    for (size_t i = 0; i < m->noutputs; i++) {
        mc_output *o = &m->outputs[i];
        if (o->kind == MC_OUT_TEMPLATE && json_object_get(o->context, "words"))
            set_banner(o->context, alerts);
    }
}

void mc_announcements_mark_feeds(mc_model *m)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        mc_output *o = &m->outputs[i];
        if (o->kind == MC_OUT_TEMPLATE && o->template && !strcmp(o->template, "announcements"))
            json_object_set_new(o->context, "has_feeds",
                                json_boolean(json_array_size(json_object_get(o->context, "feeds")) > 0));
    }
}

void mc_announcements_add(mc_model *m)
{
    card_facts(m);
    split_list(m);
    add_banner(m);
}
