/* journeys.c — resolves the procedures a journey or a procedure names and
 * adds the links both ways to the cards (see journeys.h). */
#include "journeys.h"
#include "fields.h"
#include "kinds.h"
#include "procedure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The name written in an item: the string, or its `procedure:`. */
static const char *item_name(json_t *item)
{
    return json_is_string(item) ? json_string_value(item)
                                : json_string_value(json_object_get(item, "procedure"));
}

/* 1 when name ("dang-ky-khai-sinh", "thu-tuc/dang-ky-khai-sinh.md",
 * "/thu-tuc/dang-ky-khai-sinh/") names page p. */
static int names_page(const char *name, const mc_page *p)
{
    while (*name == '/') name++;
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == '/') n--;
    if (n > 3 && !strncmp(name + n - 3, ".md", 3)) n -= 3;
    if (n > 6 && !strncmp(name + n - 6, "/index", 6)) n -= 6;
    const char *key = p->key; /* "thu-tuc/dang-ky-khai-sinh" or ".../index" */
    size_t kn = strlen(key);
    if (kn > 6 && !strcmp(key + kn - 6, "/index")) kn -= 6;
    if (n == kn && !strncmp(name, key, n)) return 1;
    return p->name && strlen(p->name) == n && !strncmp(name, p->name, n);
}

/* The procedure page name names, in lang or else in Vietnamese; NULL with
 * *why set when there is none to link. */
static const mc_page *find(const mc_model *m, const char *name, const char *lang, const char **why)
{
    const mc_page *found = NULL, *other = NULL;
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (!p->kind->checked || p->is_index || !names_page(name, p)) continue;
        if (!strcmp(p->lang, lang)) found = p;
        else if (!strcmp(p->lang, "vi")) other = p;
    }
    if (!found) found = other;
    *why = !found ? "không có thủ tục này trong nội dung"
         : found->skip || !found->url ? "thủ tục này chưa được đăng (bản nháp hoặc hẹn ngày)"
         : mc_procedure_abolished(found) ? "thủ tục này đã bãi bỏ" : NULL;
    return *why ? NULL : found;
}

static json_t *card_of(const mc_model *m, const mc_page *p)
{
    return json_array_get(m->cards, (size_t)(p - m->pages));
}

static json_t *link_of(json_t *card)
{
    return json_pack("{s:O, s:O}", "title", json_object_get(card, "title"), "url",
                     json_object_get(card, "url"));
}

/* Resolves page p's list under key; the linked pages go to out (n of them,
 * room for the list's size), their notes to notes. */
static size_t resolve(const mc_model *m, const mc_page *p, const char *key, const mc_page **out,
                      json_t **notes, mc_diag_list *errs)
{
    const mc_field *f = mc_field_find(p->kind->fields, key);
    size_t i, n = 0;
    json_t *item;
    json_array_foreach(json_object_get(p->params, key), i, item) {
        const char *name = item_name(item), *why = "không ghi tên thủ tục";
        const mc_page *q = name ? find(m, name, p->lang, &why) : NULL;
        if (q) {
            notes[n] = json_object_get(item, "note");
            out[n++] = q;
            continue;
        }
        char path[64];
        snprintf(path, sizeof path, "%s/%zu%s", key, i, json_is_object(item) ? "/procedure" : "");
        mc_diag_list_error(errs, p->file, mc_page_line(p, path),
                           "\"%s\" (%s): '%s': %s; ghi tên tệp của một thủ tục đang áp dụng, "
                           "ví dụ dang-ky-khai-sinh (xem content/%s/)", f ? f->label_vi : key, path,
                           name ? name : "", why, mc_model_kind_folder(m, mc_kind_find("procedure")));
    }
    return n;
}

/* A journey's steps, and on each procedure its place in the journey. */
static void link_journey(mc_model *m, const mc_page *p, const mc_page **steps, json_t **notes,
                         mc_diag_list *errs)
{
    size_t n = resolve(m, p, "procedures", steps, notes, errs);
    json_t *card = card_of(m, p), *list = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *c = card_of(m, steps[k]);
        json_t *step = json_pack("{s:I, s:O, s:O, s:O, s:b}", "number", (json_int_t)(k + 1),
                                 "title", json_object_get(c, "title"), "url",
                                 json_object_get(c, "url"), "summary", json_object_get(c, "summary"),
                                 "is_online", json_is_true(json_object_get(c, "is_online")));
        json_t *time = json_object_get(c, "processing_time_text");
        if (time) json_object_set(step, "processing_time_text", time);
        if (json_is_string(notes[k])) json_object_set(step, "note", notes[k]);
        json_array_append_new(list, step);

        json_t *place = json_pack("{s:O, s:O, s:I, s:I}", "title", json_object_get(card, "title"),
                                  "url", json_object_get(card, "url"), "number",
                                  (json_int_t)(k + 1), "count", (json_int_t)n);
        if (k > 0) json_object_set_new(place, "prev", link_of(card_of(m, steps[k - 1])));
        if (k + 1 < n) json_object_set_new(place, "next", link_of(card_of(m, steps[k + 1])));
        json_t *journeys = json_object_get(c, "journeys");
        if (!journeys) {
            journeys = json_array();
            json_object_set_new(c, "journeys", journeys);
            json_object_set_new(c, "has_journeys", json_true());
        }
        json_array_append_new(journeys, place);
    }
    json_object_set_new(card, "has_steps", json_boolean(n > 0));
    json_object_set_new(card, "step_count", json_integer((json_int_t)n));
    json_object_set_new(card, "steps", list);
}

static void link_related(mc_model *m, const mc_page *p, const mc_page **out, json_t **notes,
                         mc_diag_list *errs)
{
    size_t n = resolve(m, p, "related", out, notes, errs);
    json_t *list = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *c = card_of(m, out[k]), *one = link_of(c);
        json_object_set(one, "summary", json_object_get(c, "summary"));
        if (json_is_string(notes[k])) json_object_set(one, "note", notes[k]);
        json_array_append_new(list, one);
    }
    json_object_set_new(card_of(m, p), "has_related", json_boolean(n > 0));
    json_object_set_new(card_of(m, p), "related", list);
}

int mc_journeys_link(mc_model *m, mc_diag_list *errs)
{
    size_t before = errs->errors, most = 0;
    for (size_t i = 0; i < m->npages; i++) {
        size_t a = json_array_size(json_object_get(m->pages[i].params, "procedures"));
        size_t b = json_array_size(json_object_get(m->pages[i].params, "related"));
        if (a > most) most = a;
        if (b > most) most = b;
    }
    const mc_page **pages = calloc(most + 1, sizeof *pages);
    json_t **notes = calloc(most + 1, sizeof *notes);
    if (!pages || !notes) {
        free(pages);
        free(notes);
        return mc_diag_list_oom(errs);
    }
    for (size_t i = 0; i < m->npages; i++) {
        const mc_page *p = &m->pages[i];
        if (p->skip || !p->url || p->is_index) continue;
        if (p->kind->links_procedures) link_journey(m, p, pages, notes, errs);
        else if (p->kind->checked && json_object_get(p->params, "related"))
            link_related(m, p, pages, notes, errs);
    }
    free(pages);
    free(notes);
    return errs->errors == before ? 0 : -1;
}
