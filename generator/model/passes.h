/* passes.h — the site model is made by one ordered list of passes, and is
 * finished before anything but content pages is rendered.
 *
 *   cards     URLs, cards, per-language contexts, page outputs (model.h)
 *   banner    the alert banner in the per-language contexts
 *             ── from here content pages are final: a clean build starts
 *                rendering them (render.h, early rendering) ──
 *   lists     section lists, taxonomies, home, fixed files, assets
 *   static    the theme's and the site's static/ files
 *   search    the search page and its index
 *   feeds     Atom, RSS, JSON Feed and the sitemap
 *   audio     which announcement audio to make, and which is cached
 *   announce  announcement cards, the current/past list
 *   cap       CAP 1.2 files for alerts and their index
 *   podcast   the announcements' podcast feed
 *   has-feeds the announcement lists learn they have feeds
 *   schedules the ward broadcast schedules
 *   ledger    published addresses checked, withdrawn pages, server files
 *             (ledger.h)
 *
 * Why each pass stands where it does is written once, beside it in
 * passes.c. A pass that fails stops the list, except the passes marked as
 * collecting (lists), which still run so a build reports all its errors.
 *
 * Memory: *audio (the audio plan, or NULL) is the caller's to free with
 * mc_audio_free; everything else belongs to the model.
 */
#ifndef MC_PASSES_H
#define MC_PASSES_H

#include <stdio.h>
#include "announce_audio.h"
#include "content.h"
#include "diag.h"
#include "model.h"

typedef struct mc_passes_in {
    const mc_site *site;
    mc_page *pages;           /* the loaded pages, owned by the caller */
    const mc_scan *scan;
    mc_model_opts model;
    mc_audio_opts audio;
    /* Called once content pages are final (may be NULL): a clean build
     * starts writing them here while the other passes run. */
    void (*pages_final)(void *ctx, const mc_model *m);
    void *ctx;
    /* Called after each pass with its name (may be NULL: phase timing). */
    void (*after)(void *ctx, const char *pass);
} mc_passes_in;

/* Runs every pass on m (zeroed by the caller). 0, or -1 after adding
 * every error found to errs. *audio receives the audio plan. */
int mc_model_passes(mc_model *m, const mc_passes_in *in, mc_audio **audio, mc_diag_list *errs);

/* Names of the passes in order, NULL-terminated (documentation, tests). */
const char *const *mc_model_pass_names(void);

#endif
