/* podcast.c — the announcements' podcast feed (see podcast.h).
 *
 * The items are the cards of announcements that have audio; each item
 * holds a reference to the card's audio object, which gets its size and
 * duration once the audio exists, before this deferred output renders.
 */
#include "podcast.h"
#include "kinds.h"
#include "strf.h"
#include "announcements.h"
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_newest(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    json_int_t da = json_integer_value(json_object_get(json_object_get(a, "date"), "epoch"));
    json_int_t db = json_integer_value(json_object_get(json_object_get(b, "date"), "epoch"));
    if (da != db) return da > db ? -1 : 1;
    return strcmp(json_string_value(json_object_get(a, "url")), json_string_value(json_object_get(b, "url")));
}

/* Cards with audio and a date, newest first (at most MC_FEED_MAX_ENTRIES). */
static json_t *items(const mc_model *m)
{
    json_t **v = calloc(m->npages + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v && i < m->npages; i++) {
        json_t *card = json_array_get(m->cards, i);
        if (mc_is_announcement(m, i) && json_object_get(card, "audio") && json_object_get(card, "date"))
            v[n++] = card;
    }
    if (n) qsort(v, n, sizeof *v, cmp_newest);
    json_t *out = json_array();
    for (size_t i = 0; i < n && i < MC_FEED_MAX_ENTRIES; i++) json_array_append(out, v[i]);
    free(v);
    return out;
}

static json_t *feed_object(const mc_model *m, json_t *list, const char *dir)
{
    const char *title = json_string_value(json_object_get(m->site->config, "title"));
    const char *desc = json_string_value(json_object_get(m->site->config, "description"));
    const char *author = json_string_value(json_object_get(json_object_get(m->site->config, "city"),
                                                           "authority"));
    const char *section = json_string_value(json_object_get(json_object_get(m->site->words, "vi"),
                                                            "section_announcement"));
    char *full = mc_strf("%s%s%s", section ? section : "Thông báo", " · ", title ? title : "");
    char *self = mc_strf("%s%s%s", m->site->base_url, dir, "podcast.xml");
    char *alt = mc_strf("%s%s%s", m->site->base_url, dir, "");
    json_t *f = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:o}", "title", full ? full : "",
                          "description", desc ? desc : (title ? title : ""), "author",
                          author ? author : (title ? title : ""), "self", self ? self : "",
                          "alternate", alt ? alt : "", "generator", "motcua " MC_VERSION,
                          "updated", json_object_get(json_array_get(list, 0), "date"), "items", list);
    free(full);
    free(self);
    free(alt);
    return f;
}

/* A podcast entry in the announcement list's discovery links. */
static void discovery(mc_model *m, const char *dir)
{
    char *url = mc_strf("%s%s%s", m->site->base_path, dir, "podcast.xml");
    char *link = mc_strf("%s%s%s", m->site->base_url, dir, "podcast.xml");
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "Podcast", "url", url ? url : "",
                          "permalink", link ? link : "", "type", "application/rss+xml", "format",
                          "podcast");
    free(url);
    free(link);
    json_t *shared = NULL;
    for (size_t i = 0; i < m->noutputs; i++) {
        json_t *ctx = m->outputs[i].context;
        const mc_kind *kind = mc_output_list_kind(&m->outputs[i]);
        if (!kind || !kind->audio || json_object_get(json_object_get(ctx, "list"), "taxonomy"))
            continue;
        json_t *feeds = json_object_get(ctx, "feeds");
        if (!feeds) json_object_set_new(ctx, "feeds", feeds = json_array());
        if (feeds != shared) json_array_append(feeds, d);  /* the lists share one array */
        shared = feeds;
    }
    json_decref(d);
}

int mc_podcast_add(mc_model *m, mc_audio *audio, mc_diag_list *errs)
{
    if (!audio || !mc_site_has_template(m->site, "podcast.xml")) return 0;
    json_t *list = items(m);
    if (!json_array_size(list)) {
        json_decref(list);
        return 0;
    }
    /* the section folder of the announcements: "thong-bao/" */
    const char *section = json_string_value(json_object_get(json_array_get(list, 0), "section"));
    char *dir = mc_strf("%s%s%s", section ? section : mc_kind_audio()->folder, "/", "");
    char *path = dir ? mc_strf("%s%s%s", dir, "podcast.xml", "") : NULL;
    json_t *ctx = mc_model_base_context(m, "vi");
    json_object_set_new(ctx, "podcast", feed_object(m, list, dir ? dir : ""));
    mc_audio_defer(audio, path);
    int ok = path && mc_model_add(m, MC_OUT_TEMPLATE, path, "podcast.xml", ctx);
    if (ok) discovery(m, dir);
    free(dir);
    if (ok) return 0;
    mc_diag d;
    mc_diag_set(&d, NULL, 0, 0, "out of memory while making the podcast feed");
    return mc_diag_list_add(errs, &d);
}
