/* schedules.c — broadcast schedules inside `motcua build` (see
 * schedules.h).
 *
 * Model time: the loa plan is made from the pages' front matter (no file
 * is read again), the (ward, day) pairs that have items become three
 * outputs each, deferred until the audio exists. Ready time (one thread,
 * after the audio thread is joined): each item gets its audio's relative
 * URL and the sidecar's duration, loa_schedule_finish sorts and warns, and
 * the three texts are written into the outputs' bytes. The texts are
 * those of `loa schedule` (audio/schedule_format.c); only the audio
 * reference differs: a URL into the portal, not a copy beside the playlist.
 */
#include "schedules.h"
#include "kinds.h"
#include "grow.h"
#include "fileio.h"
#include "yamljson.h"
#include "schedule.h"
#include "schedule_format.h"
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHED_DIR "phat-thanh"

typedef struct day_out {
    size_t ward;              /* index in sch.wards */
    int day;
    size_t out[3];            /* outputs: .m3u8, .json, .html */
} day_out;

typedef struct sched_ctx {
    loa_settings settings;
    loa_schedule sch;
    const mc_page **pages;    /* per loa_sched_ann index */
    mc_audio *audio;
    day_out *days;            /* ward order, then day order */
    size_t ndays, cap;
} sched_ctx;

static void ctx_free(void *p)
{
    sched_ctx *c = p;
    if (!c) return;
    loa_schedule_free(&c->sch);
    loa_settings_free(&c->settings);
    free(c->pages);
    free(c->days);
    free(c);
}

/* Fills output o with what fill writes. */
static int fill_output(const mc_model *m, size_t o, void (*fill)(FILE *, const loa_day_view *),
                       const loa_day_view *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return -1;
    fill(f, v);
    if (fclose(f) != 0) { free(buf); return -1; }
    mc_output *out = &m->outputs[o];
    free(out->bytes);
    out->bytes = buf;
    out->nbytes = len;
    return 0;
}

/* ---- once the audio exists ---- */

static double sidecar_seconds(const char *audio)
{
    size_t n = strlen(audio) + 6;
    char *side = malloc(n);
    if (!side) return -1;
    snprintf(side, n, "%s.json", audio);
    json_t *j = json_load_file(side, 0, NULL);
    json_t *v = json_object_get(j, "duration_seconds");
    double s = json_is_number(v) ? json_number_value(v) : -1;
    json_decref(j);
    free(side);
    return s;
}

static int attach(sched_ctx *c, mc_diag_list *errs)
{
    double *secs = calloc(c->sch.nanns + 1, sizeof *secs);
    if (!secs) return mc_diag_list_oom(errs);
    for (size_t i = 0; i < c->sch.nanns; i++) {
        const char *file = NULL;
        mc_audio_file(c->audio, c->pages[i], NULL, &file);
        secs[i] = file ? sidecar_seconds(file) : -1;
        if (secs[i] <= 0) {
            mc_diag d;
            mc_diag_set(&d, c->pages[i]->file, 1, 0, "no duration for the schedule: the audio's "
                        "sidecar in .motcua/audio-cache is missing or has no duration_seconds; "
                        "build again");
            mc_diag_list_add(errs, &d);
        }
    }
    int rc = 0;
    for (size_t w = 0; w < c->sch.nwards && rc == 0; w++) {
        loa_sched_ward *pw = &c->sch.wards[w];
        for (size_t i = 0; i < pw->n; i++) {
            loa_sched_item *it = &pw->items[i];
            const char *rel = NULL, *file = NULL;
            mc_audio_file(c->audio, c->pages[it->ann->index], &rel, &file);
            size_t n = strlen(rel) + 8;
            free(it->audio_name);
            free(it->audio_src);
            it->audio_name = malloc(n);
            it->audio_src = strdup(file);
            if (!it->audio_name || !it->audio_src) { rc = mc_diag_list_oom(errs); break; }
            snprintf(it->audio_name, n, "../../%s", rel);
            it->duration = secs[it->ann->index] > 0 ? secs[it->ann->index] : 0;
        }
    }
    free(secs);
    return rc;
}

static int on_ready(void *p, const mc_model *m, mc_diag_list *errs)
{
    sched_ctx *c = p;
    size_t before = errs->errors;
    if (attach(c, errs) != 0 || errs->errors != before) return -1;
    loa_schedule_finish(&c->sch, errs);
    size_t k = 0;
    for (size_t w = 0; w < c->sch.nwards; w++) {
        const loa_sched_ward *pw = &c->sch.wards[w];
        for (size_t i = 0; i < pw->n;) {
            loa_day_view v = {&c->sch, pw, i, 0, ""};
            while (i + v.n < pw->n && pw->items[i + v.n].day == pw->items[i].day) v.n++;
            loa_date_format(pw->items[i].day, v.date);
            if (k >= c->ndays || c->days[k].ward != w || c->days[k].day != pw->items[i].day)
                return mc_diag_list_oom(errs); /* cannot happen: the same items as at model time */
            const day_out *o = &c->days[k++];
            if (fill_output(m, o->out[0], loa_schedule_m3u, &v) != 0 ||
                fill_output(m, o->out[1], loa_schedule_json, &v) != 0 ||
                fill_output(m, o->out[2], loa_schedule_html, &v) != 0)
                return mc_diag_list_oom(errs);
            i += v.n;
        }
    }
    return 0;
}

/* ---- model time ---- */

static int add_page(sched_ctx *c, const mc_page *p, mc_diag_list *errs)
{
    mc_frontmatter fm = {.data = p->params, .lines = p->lines};   /* borrowed */
    size_t before = c->sch.nanns;
    if (loa_schedule_add(&c->sch, p->file, &fm, errs) != 0 || c->sch.nanns == before) return 0;
    const mc_page **pages = realloc(c->pages, (c->sch.nanns + 1) * sizeof *pages);
    if (!pages) return mc_diag_list_oom(errs);
    c->pages = pages;
    c->pages[c->sch.nanns - 1] = p;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int add_day(sched_ctx *c, mc_model *m, size_t w, int day)
{
    static const char *const exts[3] = {"m3u8", "json", "html"};
    day_out *grown = mc_grow(c->days, c->ndays, &c->cap, sizeof *grown, 32);
    if (!grown) return -1;
    c->days = grown;
    day_out *d = &c->days[c->ndays++];
    d->ward = w;
    d->day = day;
    char date[11];
    loa_date_format(day, date);
    for (int e = 0; e < 3; e++) {
        size_t n = strlen(c->sch.wards[w].ward->id) + 40;
        char *path = malloc(n);
        char *bytes = strdup("");
        if (path) snprintf(path, n, SCHED_DIR "/%s/%s.%s", c->sch.wards[w].ward->id, date, exts[e]);
        mc_output *o = path && bytes ? mc_model_add(m, MC_OUT_BYTES, path, NULL, NULL) : NULL;
        if (!o) { free(path); free(bytes); return -1; }
        o->bytes = bytes;
        o->nbytes = 0;
        d->out[e] = (size_t)(o - m->outputs);
        mc_audio_defer(c->audio, o->path);
    }
    return 0;
}

static json_t *day_link(const mc_model *m, const char *ward, int day)
{
    char date[11], text[16], url[600], pl[600], js[600];
    loa_date_format(day, date);
    loa_date_dmy(text, sizeof text, day);
    snprintf(url, sizeof url, "%s" SCHED_DIR "/%s/%s.html", m->site->base_path, ward, date);
    snprintf(pl, sizeof pl, "%s" SCHED_DIR "/%s/%s.m3u8", m->site->base_path, ward, date);
    snprintf(js, sizeof js, "%s" SCHED_DIR "/%s/%s.json", m->site->base_path, ward, date);
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "date", date, "date_text", text, "url", url,
                     "playlist", pl, "json", js);
}

/* One ward's days: outputs and the list's links. */
static int add_ward(sched_ctx *c, mc_model *m, size_t w, json_t *links)
{
    const loa_sched_ward *pw = &c->sch.wards[w];
    if (!pw->n) return 0;
    int *days = malloc(pw->n * sizeof *days);
    if (!days) return -1;
    for (size_t i = 0; i < pw->n; i++) days[i] = pw->items[i].day;
    qsort(days, pw->n, sizeof *days, cmp_int);
    json_t *list = json_array();
    int rc = 0;
    for (size_t i = 0; i < pw->n && rc == 0; i++) {
        if (i && days[i] == days[i - 1]) continue;
        rc = add_day(c, m, w, days[i]);
        json_array_append_new(list, day_link(m, pw->ward->id, days[i]));
    }
    free(days);
    json_array_append_new(links, json_pack("{s:s, s:s, s:o}", "id", pw->ward->id, "name",
                                           pw->ward->name, "days", list));
    return rc;
}

/* The operators' page /phat-thanh/ lists every ward's timetables and
 * playlists (template "broadcast"; without it, no page); the announcement
 * lists, which citizens read, only link it. */
static int link_lists(mc_model *m, json_t *links)
{
    if (!json_array_size(links) || !mc_site_has_template(m->site, "broadcast")) return 0;
    json_t *ctx = mc_model_base_context(m, "vi");
    const char *title = json_string_value(json_object_get(json_object_get(ctx, "words"), "broadcast_title"));
    json_t *page = mc_model_generated_page(m, json_string(title ? title : "Lịch phát thanh"),
                                           "broadcast", SCHED_DIR "/");
    const char *url = json_string_value(json_object_get(page, "url"));
    for (size_t i = 0; i < m->noutputs; i++) {
        mc_output *o = &m->outputs[i];
        const mc_kind *kind = mc_output_list_kind(o);
        if (kind && kind->audio) json_object_set_new(o->context, "broadcast_url", json_string(url));
    }
    json_object_set_new(ctx, "page", page);
    json_object_set(ctx, "timetables", links);
    return mc_model_add(m, MC_OUT_TEMPLATE, strdup(SCHED_DIR "/index.html"), "broadcast", ctx) ? 0 : -1;
}

static int load(sched_ctx *c, const mc_model *m, mc_diag_list *errs)
{
    mc_diag d;
    mc_diag_clear(&d);
    loa_settings_defaults(&c->settings);
    if (loa_settings_load_site(&c->settings, m->site->root, &d) != 0) return mc_diag_list_add(errs, &d);
    if (!c->settings.nwards) return 1;   /* no wards: nothing to schedule */
    size_t n = strlen(m->site->root) + 12;
    char *site_file = malloc(n);
    if (!site_file) return mc_diag_list_oom(errs);
    snprintf(site_file, n, "%s/site.yaml", m->site->root);
    int rc = loa_schedule_init(&c->sch, &c->settings, &d) == 0 &&
             loa_schedule_read_limit(&c->sch, site_file, &d) == 0 ? 0 : mc_diag_list_add(errs, &d);
    free(site_file);
    return rc;
}

int mc_schedules_add(mc_model *m, mc_audio *audio, mc_diag_list *errs)
{
    if (!audio) return 0;
    sched_ctx *c = calloc(1, sizeof *c);
    if (!c) return mc_diag_list_oom(errs);
    c->audio = audio;
    int rc = load(c, m, errs);
    size_t before = errs->errors;
    for (size_t i = 0; rc == 0 && i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (json_object_get(p->params, "slots") && mc_audio_file(audio, p, NULL, NULL) == 0)
            rc = add_page(c, p, errs);
    }
    if (rc == 0 && errs->errors != before) rc = -1;
    json_t *links = rc == 0 ? json_array() : NULL;
    for (size_t w = 0; links && w < c->sch.nwards; w++)
        if (add_ward(c, m, w, links) != 0) { rc = mc_diag_list_oom(errs); break; }
    if (rc == 0 && link_lists(m, links) != 0) rc = mc_diag_list_oom(errs);
    json_decref(links);
    if (rc != 0 || c->ndays == 0) {
        ctx_free(c);
        return rc < 0 ? -1 : 0;
    }
    mc_audio_on_ready(audio, on_ready, c, ctx_free);
    return 0;
}
