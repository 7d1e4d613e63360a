/* cap.h — urgent and emergency announcements as CAP 1.2 alerts.
 *
 * For every published Vietnamese announcement whose priority is urgent or
 * emergency (either spelling, lib/priority.h), cap/<slug>.xml is a CAP 1.2
 * <alert> (urn:oasis:names:tc:emergency:cap:1.2; template cap.xml) and
 * cap/atom.xml an Atom index of them, newest first (template
 * cap-atom.xml). Values:
 *   identifier  <site host>.<slug>      sender   the one-stop centre's
 *               e-mail, else the site's host
 *   sent        the announcement's date (ISO 8601 with +07:00)
 *   status Actual, msgType Alert, scope Public
 *   info        language vi-VN; category from `cap_category:` or guessed
 *               from the tags (bão, lũ, thiên tai → Met; y tế, dịch →
 *               Health; cháy → Fire; nước, điện → Infra; else Safety);
 *               event and headline the title; urgency / severity /
 *               certainty: emergency → Immediate / Severe / Likely,
 *               urgent → Expected / Moderate / Likely; effective the date,
 *               expires the end of the expires: day; senderName the
 *               authority; description the summary; web the page;
 *               resource: the audio (audio/mpeg, size in bytes, absolute
 *               uri) when there is audio; one <area> per ward (areaDesc =
 *               the ward's name), or the city for `all`.
 * Dates come from the content, so builds are repeatable. The card of each
 * alert gets cap_url. The CAP files wait for the audio (mc_audio_defer).
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_CAP_H
#define MC_CAP_H

#include "announce_audio.h"
#include "diag.h"
#include "model.h"

int mc_cap_add(mc_model *m, mc_audio *audio, mc_diag_list *errs);

#endif
