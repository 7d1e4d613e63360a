/* announcements.h — what the portal shows about announcements beyond the
 * page itself, added to the model after the feeds and the audio plan.
 *
 *   cards      every announcement card gets times [{text}] (its slots: in
 *              words, e.g. "06:00, 17:00 hằng ngày, từ 10/11/2026 đến
 *              14/11/2026"), has_times, is_current / is_expired (expires:
 *              against the build time: an announcement runs through its
 *              last day) and is_alert (urgent or emergency).
 *   the list   the section list of announcements renders with the
 *              "announcements" template when the theme has one, with
 *              list.has_current / list.has_past for the page's cards.
 *   banner     every page's context gets alerts [{title, url, label,
 *              is_emergency, expires}] and has_alerts: the published,
 *              not yet expired urgent and emergency announcements,
 *              emergencies first, then newest first (base.mustache shows a
 *              site-wide banner from it).
 *   has_feeds  the announcement lists say whether they have feeds, once
 *              the podcast (podcast.h) has added its link.
 * CAP (cap.h) and the podcast (podcast.h) are passes of their own, between
 * the two (passes.h).
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_ANNOUNCEMENTS_H
#define MC_ANNOUNCEMENTS_H

#include "announce_audio.h"
#include "diag.h"
#include "model.h"

/* Card facts, the current/past list and the banner (after the audio plan). */
void mc_announcements_add(mc_model *m);

/* has_feeds on the announcement lists: after the podcast pass. */
void mc_announcements_mark_feeds(mc_model *m);

/* The banner's part of the per-language contexts (alerts, has_alerts),
 * which content pages render with: called once the cards exist
 * (mc_model_build_pages) and before any page renders. mc_announcements_add
 * calls it when the build has not, and never changes the contexts after. */
void mc_announcements_banner(mc_model *m);

/* 1 when p is a published Vietnamese announcement page with a card. */
int mc_is_announcement(const mc_model *m, size_t page_index);

/* 1 when p's expires: date has passed at the model's time. */
int mc_announcement_expired(const mc_model *m, const mc_page *p);


#endif
