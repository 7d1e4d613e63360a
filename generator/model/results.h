/* results.h — the reform results dashboard: /ket-qua-cai-cach/ and
 * /en/ket-qua-cai-cach/ from data/ket-qua-cai-cach.csv (results_data.h).
 *
 * Each chart of the chart table is drawn at build time as SVG (no script,
 * no chart library in the page): horizontal bars of the latest period
 * (each against its maximum: the group's points, or 100 %), columns per
 * period, or a line over the periods. Every SVG has a <title> and a
 * <desc> that says all its figures, and beside it a table of the same
 * figures; numbers are written the page's way (98,8 % and 1.234 in
 * Vietnamese, 98.8% and 1,234 in English). The charts are also files
 * (ket-qua-cai-cach/CHART.svg) and every figure is in
 * ket-qua-cai-cach/ket-qua-cai-cach.csv (indicator, label, unit, period,
 * value with a decimal point, source).
 *
 * Template "results"; its context's "results" holds title, charts [{id,
 * title, svg, svg_url, periods [names], rows [{label, unit, cells
 * [text]}]}], csv_url, sources, has_sources. A site without the data file
 * gets no dashboard; a theme without the template gets a warning.
 *
 * Memory: the outputs are the model's.
 */
#ifndef MC_RESULTS_H
#define MC_RESULTS_H

#include "diag.h"

struct mc_model;

/* The "results" pass. Errors in the data file are appended to errs (and
 * fail the build); returns 0 or -1. */
int mc_results_add(struct mc_model *m, mc_diag_list *errs);

/* v the way lang writes it, with at most `decimals` decimals and no
 * trailing zeros: "1.234,5" (vi), "1,234.5" (en). Into buf. */
const char *mc_results_number(double v, int decimals, const char *lang, char *buf, size_t n);

#endif
