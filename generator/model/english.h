/* english.h — the English side of the portal: what an English reader
 * follows stays English, or says it is not.
 *
 *   menus     on English pages each menu item of site.yaml (main, footer)
 *             leads to the English translation of the page it names when
 *             there is one; otherwise it keeps the Vietnamese address and
 *             gets in_vietnamese (true) and hreflang "vi", which the theme
 *             shows as "(tiếng Việt)".
 *   home_url  every context gets the home of its language ("/" or "/en/");
 *   lang_home and the other language's home (the language switch of a
 *             page without a translation leads there).
 *   cards     the breadcrumb of an English page starts at /en/.
 *   /en/      the English home (template "home_en", when the theme has
 *             it): english_pages [cards of the published English pages,
 *             A to Z], sections [{name, url}] of the Vietnamese section
 *             lists (said to be in Vietnamese), the text of
 *             content/_index.en.md as home.intro, and a translation link
 *             to the Vietnamese home (which links back).
 * Only when site.yaml's languages: has en.
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_ENGLISH_H
#define MC_ENGLISH_H

#include "diag.h"
#include "model.h"

/* Menus, home URLs and breadcrumbs: after the cards, before any page
 * renders (the banner pass). */
void mc_english_contexts(mc_model *m);

/* The /en/ home, after the lists. 0, or -1 after adding an error. */
int mc_english_home(mc_model *m, mc_diag_list *errs);

#endif
