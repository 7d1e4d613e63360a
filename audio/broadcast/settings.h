/* settings.h — what loa needs from site.yaml (`audio:` and `wards:`), with
 * built-in defaults when there is no site.
 *
 *   audio:  voice, style (north|south), rate, loudness_target (LUFS),
 *           true_peak (dBTP), format, sample_rate, bitrate (kbit/s, mp3),
 *           pause_between_repeats (s), opening, closing, repeat_phrase
 *           ({ward} = the ward's name), chime (true|false)
 *   wards:  list of {id, name, opening_recording, closing_recording}
 *           (recordings: paths inside the site folder, checked with
 *           mc_path_join; read when an announcement is rendered)
 *   title:  the site title, used as the album tag
 * A wrong type or value is an error at its line in site.yaml.
 *
 * Memory: loa_settings owns the parsed site (json) and every string points
 * into it or into static defaults; release with loa_settings_free.
 */
#ifndef LOA_SETTINGS_H
#define LOA_SETTINGS_H

#include <jansson.h>
#include <stddef.h>
#include "compose.h"
#include "diag.h"
#include "normalize.h"
#include "pipeline.h"
#include "tts.h"

/* A ward; its opening and closing may be recorded (site.yaml
 * opening_recording / closing_recording: a file in the site folder): the
 * path joined onto the site folder (owned by the settings, NULL = none). */
typedef struct loa_ward {
    const char *id, *name;
    char *opening_recording, *closing_recording;
} loa_ward;

/* A ward id names a folder (OUT/<id>/ of loa render and loa schedule, the
 * station's folder of loa send, phat-thanh/<id>/ of motcua build), so the
 * one rule both programs apply when they read site.yaml: ASCII letters,
 * digits, '-' and '_', starting with a letter or digit, at most 64 bytes.
 * 1 when id follows it. */
int loa_ward_id_ok(const char *id);

typedef struct loa_settings {
    loa_style style;
    loa_tts_options tts;
    loa_output_opts out;
    const char *opening, *closing, *repeat_phrase;
    int chime;
    double repeat_pause;
    const char *album;
    loa_ward *wards;
    size_t nwards;
    json_t *site;      /* owned; NULL without a site */
    json_t *site_lines;/* owned; its line map (yamljson.h), for FILE:LINE errors */
} loa_settings;

void loa_settings_defaults(loa_settings *s);

/* Reads path (a site.yaml, or a folder holding one) over the defaults. */
int loa_settings_load_site(loa_settings *s, const char *path, mc_diag *d);

/* The ward with this id, or NULL. */
const loa_ward *loa_settings_ward(const loa_settings *s, const char *id);

void loa_settings_free(loa_settings *s);

#endif
