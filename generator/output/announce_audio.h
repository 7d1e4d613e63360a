/* announce_audio.h — announcement audio inside `motcua build`.
 *
 * Plan (model phase, one thread): for every published Vietnamese
 * announcement the loa library normalises the text and lays out the
 * program exactly as `loa render` would (site.yaml audio: settings, the
 * page's repeat: and voice:), and a cache key is made: SHA-256 over the
 * whole program (every utterance, pause and the chime), the voice, the
 * engine (espeak-ng, or the remote service and every setting that changes
 * its sound), the output settings and the tags. The audio file is an
 * output beside the page: thong-bao/<slug>/<slug>.mp3 plus its sidecar
 * <slug>.mp3.json. Each announcement's card gets
 *   audio: {url, permalink, type, file}            (at once)
 *          + {size, size_text, duration, duration_text, iso_duration,
 *             engine, voice, fallback?}            (once the audio exists)
 *
 * Render: one audio thread makes what the cache lacks (espeak-ng is one
 * per process, so one thread) while the other outputs render on every
 * core; the outputs that show audio facts (announcement pages, audio
 * copies, and files registered with mc_audio_defer: the podcast feed, CAP)
 * wait and render after it. Cache: SITE/.motcua/audio-cache/<key>/ holds
 * the audio and its sidecar, so an unchanged announcement is never
 * synthesised again. A remote voice that fails gives a warning at the
 * announcement and the embedded voice (the sidecar says why, under
 * "fallback"); such audio is kept apart (fallback-<key>/) and the remote
 * voice is tried again next build. A failed synthesis is an error at the
 * announcement's FILE:LINE.
 *
 * Audio is on when site.yaml has an audio: section whose enabled: is not
 * false, and the build was not run with --no-audio.
 *
 * Memory: mc_audio owns its jobs and the loa settings; outputs added to
 * the model belong to the model. mc_audio_free releases the rest.
 */
#ifndef MC_ANNOUNCE_AUDIO_H
#define MC_ANNOUNCE_AUDIO_H

#include <stdio.h>
#include "diag.h"
#include "model.h"
#include "render.h"

typedef struct mc_audio mc_audio;

typedef struct mc_audio_opts {
    int disabled;       /* --no-audio */
    FILE *verbose;      /* cache counts go here when not NULL */
} mc_audio_opts;

/* Plans the audio. *out = NULL (and 0) when audio is off or the site has
 * no announcements. -1 after adding errors to errs. */
int mc_audio_plan(mc_model *m, const mc_audio_opts *o, mc_audio **out, mc_diag_list *errs);

/* Marks an output path (output-relative) as needing the audio facts: it
 * renders after the audio is made. a may be NULL (then nothing waits). */
void mc_audio_defer(mc_audio *a, const char *path);

/* Renders every output of m into dir as mc_render_all does, with the
 * audio made meanwhile (see the top). */
int mc_audio_render(mc_audio *a, const mc_model *m, const mc_render_plan *plan,
                    const char *dir, int jobs, int progress,
                    mc_render_stats *stats, mc_diag_list *errs);

/* 1 when some announcement fell back to the embedded voice this build
 * (the build cache is then not saved, so the next build tries the remote
 * voice again instead of finding nothing to do). */
int mc_audio_fell_back(const mc_audio *a);

/* For the build cache: outputs that wait for the audio (announcement pages,
 * their audio files, broadcast schedules) are made from facts known only
 * once it exists (durations, sizes), so their keys take this string too:
 * every announcement's audio key and whether its file is in the audio
 * cache. NULL for other outputs. Borrowed from a. Safe from many threads. */
const char *mc_audio_key_salt(const mc_audio *a, const char *output_path);


/* Called once the audio exists, after the facts above are filled and
 * before the deferred outputs render (on the calling thread, so what it
 * adds to errs comes out the same for every -j); it may change deferred
 * outputs of m (e.g. fill MC_OUT_BYTES). Returns 0, or -1 after adding
 * errors. done (may be NULL) releases ctx in mc_audio_free. One hook. */
typedef int (*mc_audio_ready_fn)(void *ctx, const mc_model *m, mc_diag_list *errs);
void mc_audio_on_ready(mc_audio *a, mc_audio_ready_fn fn, void *ctx, void (*done)(void *ctx));

/* Where p's audio is: *rel its output-relative path ("thong-bao/x/x.mp3")
 * and, once the audio exists (in an mc_audio_on_ready hook), *file the
 * cached file with its sidecar FILE.json. NULL-safe; 0, or -1 when p has no
 * audio. */
int mc_audio_file(const mc_audio *a, const mc_page *p, const char **rel, const char **file);

void mc_audio_free(mc_audio *a);

#endif
