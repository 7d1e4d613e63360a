/* cap.c — CAP 1.2 alerts and their Atom index (see cap.h).
 *
 * The generator prepares every value (enumerations already mapped, dates
 * already in the CAP form); the templates only place them. An alert's
 * context holds a reference to the card's audio object, which the audio
 * stage completes (size) before the deferred CAP outputs render.
 */
#include "cap.h"
#include "kinds.h"
#include "strf.h"
#include "announcements.h"
#include "dates.h"
#include "feeds.h"
#include "priority.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cap_site {
    char host[256];
    const char *sender;
    const char *authority;
    const char *city;
} cap_site;

static void site_facts(const mc_model *m, cap_site *s)
{
    const char *u = strstr(m->site->base_url, "://");
    u = u ? u + 3 : m->site->base_url;
    size_t n = strcspn(u, "/:?#");
    snprintf(s->host, sizeof s->host, "%.*s", (int)n, u);
    json_t *cfg = m->site->config;
    s->sender = json_string_value(json_object_get(json_object_get(cfg, "one_stop"), "email"));
    if (!s->sender || strpbrk(s->sender, " ,&<")) s->sender = s->host;
    s->authority = json_string_value(json_object_get(json_object_get(cfg, "city"), "authority"));
    if (!s->authority) s->authority = json_string_value(json_object_get(cfg, "title"));
    s->city = json_string_value(json_object_get(json_object_get(cfg, "city"), "name"));
}

/* CAP category from cap_category:, else from the tags. */
static const char *category(const mc_page *p)
{
    static const char *const cats[] = {"Geo", "Met", "Safety", "Security", "Rescue", "Fire",
                                       "Health", "Env", "Transport", "Infra", "CBRNE", "Other"};
    static const struct { const char *word, *cat; } guess[] = {
        {"bão", "Met"}, {"lũ", "Met"}, {"thiên tai", "Met"}, {"mưa", "Met"},
        {"y tế", "Health"}, {"dịch", "Health"}, {"cháy", "Fire"}, {"nước", "Infra"},
        {"điện", "Infra"}, {"giao thông", "Transport"}};
    const char *given = json_string_value(json_object_get(p->params, "cap_category"));
    for (size_t i = 0; given && i < sizeof cats / sizeof cats[0]; i++)
        if (!strcmp(given, cats[i])) return cats[i];
    json_t *tags = json_object_get(p->params, "tags");
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t)
        for (size_t k = 0; json_is_string(t) && k < sizeof guess / sizeof guess[0]; k++)
            if (strstr(json_string_value(t), guess[k].word)) return guess[k].cat;
    return "Safety";
}

static json_t *areas(const mc_model *m, const cap_site *s, json_t *card)
{
    json_t *out = json_array();
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(card, "wards"), i, w)
        json_array_append_new(out, json_pack("{s:O}", "desc", json_object_get(w, "name")));
    if (!json_array_size(out)) {
        const char *all = json_string_value(json_object_get(json_object_get(m->site->words, "vi"),
                                                            "all_wards"));
        char desc[512];
        snprintf(desc, sizeof desc, "%s%s%s", all ? all : "Tất cả các phường, xã",
                 s->city ? ", " : "", s->city ? s->city : "");
        json_array_append_new(out, json_pack("{s:s}", "desc", desc));
    }
    return out;
}

static void set_expires(json_t *alert, const mc_page *p)
{
    const char *s = json_string_value(json_object_get(p->params, "expires"));
    mc_date d;
    if (!s || mc_date_parse(s, &d, NULL, 0, NULL) != 0) return;
    char buf[40];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT23:59:59+07:00", d.year, d.month, d.day);
    json_object_set_new(alert, "expires", json_string(buf));
}

static json_t *alert_object(const mc_model *m, const cap_site *s, const mc_page *p, json_t *card,
                            mc_priority level)
{
    int emergency = level == MC_PRIORITY_EMERGENCY;
    char id[512];
    snprintf(id, sizeof id, "%s.%s", s->host, p->slug);
    json_t *date = json_object_get(card, "date");
    json_t *a = json_pack("{s:s, s:s, s:O, s:s, s:O, s:s, s:s, s:s, s:s, s:s, s:O, s:o}",
                          "identifier", id, "sender", s->sender, "sent",
                          json_object_get(date, "iso"), "category", category(p), "title",
                          json_object_get(card, "title"), "urgency",
                          emergency ? "Immediate" : "Expected", "severity",
                          emergency ? "Severe" : "Moderate", "certainty", "Likely",
                          "sender_name", s->authority ? s->authority : s->host, "priority",
                          mc_priority_vi_id(level), "web", json_object_get(card, "permalink"),
                          "areas", areas(m, s, card));
    json_object_set(a, "summary", json_object_get(card, "summary"));
    json_object_set_new(a, "has_summary", json_boolean(p->summary && p->summary[0]));
    set_expires(a, p);
    json_t *audio = json_object_get(card, "audio");
    if (audio) json_object_set(a, "audio", audio);
    return a;
}

static int add_alert(mc_model *m, mc_audio *audio, const cap_site *s, size_t i, mc_priority level,
                     json_t *index)
{
    const mc_page *p = &m->pages[i];
    json_t *card = json_array_get(m->cards, i);
    if (!json_object_get(card, "date")) return 0;   /* CAP needs the sent time */
    json_t *alert = alert_object(m, s, p, card, level);
    char *path = mc_strf("%s%s%s", "cap/", p->slug, ".xml");
    char *url = path ? mc_strf("%s%s%s", m->site->base_path, path, "") : NULL;
    char *link = path ? mc_strf("%s%s%s", m->site->base_url, path, "") : NULL;
    json_object_set_new(card, "cap_url", json_string(url ? url : ""));
    json_t *entry = json_pack("{s:O, s:s, s:O, s:O, s:O}", "title", json_object_get(card, "title"),
                              "cap", link ? link : "", "url", json_object_get(card, "permalink"),
                              "date", json_object_get(card, "date"), "id",
                              json_object_get(alert, "identifier"));
    json_array_append_new(index, entry);
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "alert", alert);
    mc_audio_defer(audio, path);
    int rc = path && mc_model_add(m, MC_OUT_TEMPLATE, path, "cap.xml", ctx) ? 0 : -1;
    free(url);
    free(link);
    return rc;
}

static int cmp_entry(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    json_int_t da = json_integer_value(json_object_get(json_object_get(a, "date"), "epoch"));
    json_int_t db = json_integer_value(json_object_get(json_object_get(b, "date"), "epoch"));
    if (da != db) return da > db ? -1 : 1;
    return strcmp(json_string_value(json_object_get(a, "cap")), json_string_value(json_object_get(b, "cap")));
}

static int add_index(mc_model *m, mc_audio *audio, json_t *entries)
{
    size_t n = json_array_size(entries);
    json_t **v = calloc(n + 1, sizeof *v);
    if (!v) return -1;
    for (size_t i = 0; i < n; i++) v[i] = json_array_get(entries, i);
    qsort(v, n, sizeof *v, cmp_entry);
    json_t *sorted = json_array();
    for (size_t i = 0; i < n && i < MC_FEED_MAX_ENTRIES; i++) json_array_append(sorted, v[i]);
    char *self = mc_strf("%s%s%s", m->site->base_url, "cap/atom.xml", "");
    char *alt = mc_strf("%s%s/", m->site->base_url, mc_model_kind_folder(m, mc_kind_audio()));
    const char *title = json_string_value(json_object_get(m->site->config, "title"));
    json_t *feed = json_pack("{s:s, s:s, s:s, s:O, s:o}", "self", self ? self : "", "alternate",
                             alt ? alt : "", "title", title ? title : "", "updated",
                             json_object_get(v[0], "date"), "entries", sorted);
    free(v);
    free(self);
    free(alt);
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "cap", feed);
    (void)audio;
    return mc_model_add(m, MC_OUT_TEMPLATE, strdup("cap/atom.xml"), "cap-atom.xml", ctx) ? 0 : -1;
}

int mc_cap_add(mc_model *m, mc_audio *audio, mc_diag_list *errs)
{
    if (!mc_site_has_template(m->site, "cap.xml") || !mc_site_has_template(m->site, "cap-atom.xml")) return 0;
    cap_site s;
    site_facts(m, &s);
    json_t *index = json_array();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->npages; i++) {
        mc_priority level;
        const char *pr = json_string_value(json_object_get(m->pages[i].params, "priority"));
        if (mc_is_announcement(m, i) && mc_priority_parse(pr, &level) == 0 &&
            level != MC_PRIORITY_NORMAL)
            rc = add_alert(m, audio, &s, i, level, index);
    }
    if (rc == 0 && json_array_size(index)) rc = add_index(m, audio, index);
    json_decref(index);
    if (rc == 0) return 0;
    mc_diag d;
    mc_diag_set(&d, NULL, 0, 0, "out of memory while making the CAP alerts");
    return mc_diag_list_add(errs, &d);
}
