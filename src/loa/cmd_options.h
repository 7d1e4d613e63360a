/* cmd_options.h — the options several loa commands share: the audio options
 * of `loa say` and `loa render`, and --site.
 *
 * Each command splices loa_audio_options into its option table (options.h)
 * and hands every option it does not handle itself to loa_audio_option,
 * which applies it to a loa_settings. Values are checked where they are used (engine,
 * pipeline), except names (format, style) which are checked here.
 *
 * Memory: option values point into argv.
 */
#ifndef LOA_CMD_OPTIONS_H
#define LOA_CMD_OPTIONS_H

#include "diag.h"
#include "options.h"
#include "settings.h"

enum {
    LOA_OPT_FORMAT = MC_OPT_LONG, LOA_OPT_VOICE, LOA_OPT_STYLE, LOA_OPT_RATE, LOA_OPT_PITCH,
    LOA_OPT_LOUDNESS, LOA_OPT_TRUE_PEAK, LOA_OPT_SAMPLE_RATE, LOA_OPT_BITRATE,
    LOA_OPT_SITE, LOA_OPT_REPEAT, LOA_OPT_CHIME, LOA_OPT_NO_CHIME
};

/* --format, --voice, --style, ... (options.h), spliced into the tables of
 * `loa say` and `loa render` with {.same = loa_audio_options}. */
extern const mc_option loa_audio_options[];

/* --site=SITE, "site folder or site.yaml", of render, schedule and send. */
extern const mc_option loa_opt_site[];

/* Applies option c (a LOA_OPT_ value) with argument arg to s. Returns 0, 1
 * when c is not an audio option, or -1 with d filled for a bad value
 * (unknown format or style, a number that is not a number). */
int loa_audio_option(loa_settings *s, int c, const char *arg, mc_diag *d);

#endif
