/* passes.c — the passes that make the site model, in order (see passes.h).
 * Each entry says why it stands where it stands. */
#include "passes.h"
#include "alerts_file.h"
#include "journeys.h"
#include "announcements.h"
#include "cap.h"
#include "documents.h"
#include "english.h"
#include "feeds.h"
#include "fileio.h"
#include "ledger.h"
#include "podcast.h"
#include "results.h"
#include "safepath.h"
#include "schedules.h"
#include "search.h"
#include "strf.h"

#include <stdlib.h>
#include <string.h>

typedef struct pass_state {
    const mc_passes_in *in;
    mc_audio *audio;
} pass_state;

typedef struct pass {
    const char *name;
    int (*run)(mc_model *m, pass_state *st, mc_diag_list *errs);
    unsigned collecting : 1; /* runs after an earlier pass failed, to report more */
    unsigned pages_final : 1; /* content pages are final after it */
    const char *why;         /* why it stands here */
} pass;

/* The cards, the pages' outputs (whose contexts are the cards), then the
 * links between procedures and journeys, added to the cards before any
 * page is rendered (journeys.h). */
static int run_cards(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    const mc_passes_in *in = st->in;
    if (mc_model_build_pages(m, in->site, in->pages, in->scan->npages, &in->model, errs) != 0)
        return -1;
    return mc_journeys_link(m, errs);
}

static int run_documents(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_documents_link(m, errs);
}

static int run_register(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_documents_register(m, errs);
}

static int run_results(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_results_add(m, errs);
}

static int run_banner(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    (void)errs;
    mc_announcements_banner(m);
    mc_english_contexts(m);
    return 0;
}

static int run_lists(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    return mc_model_build_lists(m, st->in->scan, errs);
}

/* Files under dir become copies at the same relative path; a later folder's
 * file replaces an earlier one's (the site's static/ over the theme's).
 * Sources are stored as full paths. */
static int add_static_dir(mc_model *m, json_t *claimed, const char *dir, const char *confine,
                          mc_diag_list *errs)
{
    char **files = NULL;
    size_t count = 0;
    mc_diag d;
    if (mc_list_tree(dir, confine, &files, &count, &d) != 0) return mc_diag_list_add(errs, &d);
    for (size_t i = 0; i < count; i++) {
        json_t *prev = json_object_get(claimed, files[i]);
        mc_output *o = prev ? &m->outputs[json_integer_value(prev)]
                            : mc_model_add(m, MC_OUT_COPY, strdup(files[i]), NULL, NULL);
        if (!o) continue;
        if (!prev) json_object_set_new(claimed, files[i], json_integer((json_int_t)(o - m->outputs)));
        free(o->source);
        o->source = mc_path2(dir, files[i]);
    }
    mc_free_list(files, count);
    return 0;
}

/* The theme's static files, then the site's over them; a symbolic link
 * may not lead out of the site (out of the theme, for a theme kept
 * elsewhere: safepath.h). */
static int run_static(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    json_t *claimed = json_object();
    char *theme = mc_path2(m->site->theme_dir, "static");
    char *site = mc_path2(m->site->root, "static");
    int status = theme && site ? 0 : -1;
    if (theme && add_static_dir(m, claimed, theme, mc_confine_for(m->site->root, m->site->theme_dir),
                                errs) != 0)
        status = -1;
    if (site && add_static_dir(m, claimed, site, m->site->root, errs) != 0) status = -1;
    free(theme);
    free(site);
    json_decref(claimed);
    return status;
}

static int run_english(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_english_home(m, errs);
}

static int run_search(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_search_add(m, errs);
}

static int run_feeds(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_feeds_add(m, errs);
}

static int run_audio(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    return mc_audio_plan(m, &st->in->audio, &st->audio, errs);
}

static int run_announce(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    (void)errs;
    mc_announcements_add(m);
    return 0;
}

static int run_alerts_file(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_alerts_file_add(m, errs);
}

static int run_cap(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    return mc_cap_add(m, st->audio, errs);
}

static int run_podcast(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    return mc_podcast_add(m, st->audio, errs);
}

static int run_has_feeds(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    (void)errs;
    mc_announcements_mark_feeds(m);
    return 0;
}

static int run_schedules(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    return mc_schedules_add(m, st->audio, errs);
}

static int run_ledger(mc_model *m, pass_state *st, mc_diag_list *errs)
{
    (void)st;
    return mc_ledger_apply(m, &m->ledger, errs);
}

static const pass passes[] = {
    {"cards", run_cards, 0, 0,
     "first: URLs, cards and the per-language contexts are what every later pass reads"},
    {"documents", run_documents, 0, 0,
     "after the cards, before any page is final: procedures' legal basis links the "
     "documents it names and shows their status"},
    {"banner", run_banner, 0, 1,
     "before any page renders: content pages copy the per-language contexts, which the "
     "banner and the English menus go into and which never change after it"},
    {"lists", run_lists, 1, 0,
     "after the cards, which lists show; still run after an error in the cards, so that "
     "broken links and clashes in lists are reported too"},
    {"register", run_register, 0, 0,
     "with the lists: the section list of a documents folder is the register and its "
     "filter pages"},
    {"results", run_results, 0, 0,
     "after the lists, before the static files and search: the results dashboard and its "
     "CSV are pages of the site, listed in the sitemap"},
    {"english", run_english, 0, 0,
     "after the lists: the English home links the Vietnamese ones and the Vietnamese home "
     "links it; before the search pass, so the sitemap lists /en/"},
    {"static", run_static, 0, 0,
     "after the lists: a static file may replace a generated one only where no page claims it"},
    {"search", run_search, 0, 0,
     "before the feeds: the sitemap lists every page, /tim-kiem/ too"},
    {"feeds", run_feeds, 0, 0, "after every list exists: each list links its feeds"},
    {"audio", run_audio, 0, 0,
     "after the pages exist, before anything shows audio: which files there will be"},
    {"announce", run_announce, 0, 0,
     "after the audio plan: announcement cards and lists show their audio"},
    {"alerts-file", run_alerts_file, 0, 0,
     "after the banner and the static files: the alerts file holds the banner's alerts, "
     "for the theme's script"},
    {"cap", run_cap, 0, 0, "after the announcement cards: a CAP file carries its audio"},
    {"podcast", run_podcast, 0, 0,
     "after the announcement lists exist: the podcast link goes into their feeds"},
    {"has-feeds", run_has_feeds, 0, 0, "after the podcast: its link is one of the feeds"},
    {"schedules", run_schedules, 0, 0,
     "a schedule lists the audio files and links the announcement lists"},
    {"ledger", run_ledger, 0, 0,
     "last: every address the site writes is known, so the published ones that are "
     "missing can be named; it adds the withdrawn pages and the server files"},
};

#define NPASSES (sizeof passes / sizeof passes[0])

int mc_model_passes(mc_model *m, const mc_passes_in *in, mc_audio **audio, mc_diag_list *errs)
{
    pass_state st = {in, NULL};
    int status = 0;
    for (size_t i = 0; i < NPASSES; i++) {
        if (status != 0 && !passes[i].collecting) continue;
        if (passes[i].run(m, &st, errs) != 0) status = -1;
        if (passes[i].pages_final && status == 0 && in->pages_final) in->pages_final(in->ctx, m);
        if (in->after) in->after(in->ctx, passes[i].name);
    }
    *audio = st.audio;
    return status;
}

const char *const *mc_model_pass_names(void)
{
    static const char *names[NPASSES + 1];
    for (size_t i = 0; i < NPASSES; i++) names[i] = passes[i].name;
    return names;
}
