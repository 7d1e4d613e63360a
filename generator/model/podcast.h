/* podcast.h — the announcements' audio as a podcast (RSS 2.0 with
 * enclosures), so a ward station or a citizen's podcast app can subscribe.
 *
 * SECTION/podcast.xml (template podcast.xml) for the announcement section,
 * written only when the build made audio: the MC_FEED_MAX_ENTRIES newest
 * announcements with audio, each an <item> whose <enclosure> has the
 * absolute URL, length = the file's size in bytes and the audio's MIME
 * type; itunes:duration and itunes:summary are added (the itunes namespace
 * is declared). The feed's dates come from the content. The section list's
 * discovery links (feeds) get a podcast entry (format "podcast").
 *
 * Memory: everything added belongs to the model.
 */
#ifndef MC_PODCAST_H
#define MC_PODCAST_H

#include "announce_audio.h"
#include "diag.h"
#include "model.h"

int mc_podcast_add(mc_model *m, mc_audio *audio, mc_diag_list *errs);

#endif
