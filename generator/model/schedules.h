/* schedules.h — `loa schedule` inside `motcua build`: per ward and per day,
 * a playlist, a JSON timetable and a printable timetable page.
 *
 * When the build has announcement audio (announce_audio.h) and site.yaml
 * lists wards:, every published announcement with slots: is planned with
 * the loa schedule API (audio/schedule.h: the same front matter, the same
 * order — day, slot time, khan_cap > uu_tien > thong_thuong, title — and
 * the same messages: an unknown ward is an error at the wards: line, an
 * expired announcement or an over-long session a warning). For every ward
 * and day that has slots the output gets
 *   phat-thanh/<ward-id>/<YYYY-MM-DD>.m3u8  #EXTM3U, #EXTINF:<sidecar
 *                                          seconds>,<title>, then the
 *                                          portal's audio file by a URL
 *                                          relative to the playlist
 *                                          (../../thong-bao/<slug>/<slug>.mp3),
 *                                          so the folder works under any
 *                                          base_url and when copied whole
 *   phat-thanh/<ward-id>/<YYYY-MM-DD>.json  the timetable (as loa schedule's)
 *   phat-thanh/<ward-id>/<YYYY-MM-DD>.html  the printable timetable
 * and the announcements list gets timetables [{id, name, days: [{date,
 * date_text, url, playlist, json}]}] and has_timetables, for operators.
 * An announcement without slots: is only on the portal (no error).
 *
 * The files are MC_OUT_BYTES outputs added at model time (so their paths
 * are checked and known to the list) and filled through mc_audio_on_ready
 * once the audio exists, when the durations are known; they are deferred
 * outputs, rendered after that. Nothing in them depends on the build time.
 *
 * Memory: the plan belongs to the mc_audio (released by mc_audio_free);
 * the outputs belong to the model.
 */
#ifndef MC_SCHEDULES_H
#define MC_SCHEDULES_H

#include "announce_audio.h"
#include "diag.h"
#include "model.h"

/* audio may be NULL (nothing to do). Returns 0, or -1 after adding errors. */
int mc_schedules_add(mc_model *m, mc_audio *audio, mc_diag_list *errs);

#endif
