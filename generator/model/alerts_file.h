/* alerts_file.h — /canh-bao.json, the alerts in force at the build, for
 * the theme's script (js/canh-bao.js) that keeps the banner of pages
 * already cached current without a rebuild: an alert whose end has passed
 * disappears, one published since appears.
 *
 *   {"alerts": [{"level": "emergency" | "urgent", "title", "url",
 *                "instruction"?, "ends"?: "2026-12-01T23:59:59+07:00",
 *                "ends_text"?: {"vi": "01/12/2026", "en": "1 December 2026"}}]}
 *
 * In the banner's order (emergencies first, then newest). The file holds
 * nothing of the build's time, so an unchanged site writes the same
 * bytes. Written only when the theme ships js/canh-bao.js (a static file
 * of the model): a theme without the script gets no file.
 *
 * Memory: the output and its bytes belong to the model.
 */
#ifndef MC_ALERTS_FILE_H
#define MC_ALERTS_FILE_H

#include "diag.h"
#include "model.h"

/* Adds the output from the banner's alerts (announcements.h), after the
 * banner and the static files. 0, or -1 after adding an error. */
int mc_alerts_file_add(mc_model *m, mc_diag_list *errs);

#endif
