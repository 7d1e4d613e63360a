/* results_data.h — the reform results a portal publishes (Quyết định
 * 766/QĐ-TTg: the service index for citizens and businesses; dossier and
 * satisfaction figures), read from data/ket-qua-cai-cach.csv.
 *
 * The indicators and the charts they are drawn in are tables
 * (results_data.c): an indicator has an id, labels, a unit (points with
 * the group's maximum, a percentage, a number of dossiers) and its chart.
 * The data file has one row per indicator and period:
 *
 *   indicator,period,value,source
 *   chi_so_cong_khai,2025,16.5,Số liệu minh họa
 *
 * `period` is written as people read it ("2025", "Quý 1/2025"); periods are
 * shown in the order they first appear. `value` takes a decimal point or a
 * decimal comma ("98,8" in quotes). `source` (optional) says where a
 * figure comes from; the page lists the sources under the charts.
 * Errors, at FILE:LINE of the row: an unknown indicator, a missing period
 * or value, a value that is not a number, a negative value, a percentage
 * over 100, points over the group's maximum, a count that is not whole, a
 * row given twice, a total that is not the sum of the five groups, dossiers
 * on time and late that exceed those received; a file without the columns
 * indicator, period and value is an error at line 1.
 *
 * Memory: mc_results_load fills a struct the caller frees with
 * mc_results_free; the tables are static.
 */
#ifndef MC_RESULTS_DATA_H
#define MC_RESULTS_DATA_H

#include <stddef.h>
#include "diag.h"
#include "site.h"

/* The data file, relative to the site. */
#define MC_RESULTS_FILE "data/ket-qua-cai-cach.csv"

typedef enum mc_unit {
    MC_UNIT_POINTS,    /* points of an index group, out of max */
    MC_UNIT_PERCENT,   /* 0–100 */
    MC_UNIT_COUNT      /* a whole number of dossiers */
} mc_unit;

typedef enum mc_chart_shape {
    MC_CHART_BARS,     /* one horizontal bar per indicator, the latest period */
    MC_CHART_COLUMNS,  /* columns per period, one per indicator, with a legend */
    MC_CHART_LINE      /* a line per indicator over the periods */
} mc_chart_shape;

typedef struct mc_chart {
    const char *id;              /* "chi-so-phuc-vu": anchor and file name */
    const char *title_vi, *title_en;
    mc_chart_shape shape;
} mc_chart;

typedef struct mc_indicator {
    const char *id;              /* "chi_so_cong_khai": the data file's name */
    const char *chart;           /* the chart it is drawn in */
    const char *label_vi, *label_en;
    mc_unit unit;
    double max;                  /* MC_UNIT_POINTS: the group's maximum */
    unsigned is_total : 1;       /* the index total: the sum of its chart's groups */
} mc_indicator;

typedef struct mc_result {
    const mc_indicator *indicator;
    size_t period;               /* index into periods */
    double value;
    char *source;                /* or NULL */
    int line;
} mc_result;

typedef struct mc_results {
    mc_result *rows;
    size_t n;
    char **periods;              /* in order of first appearance */
    size_t nperiods;
    char **sources;              /* distinct, in order of first appearance */
    size_t nsources;
} mc_results;

const mc_chart *mc_results_charts(size_t *n);
const mc_indicator *mc_results_indicators(size_t *n);

/* Reads MC_RESULTS_FILE of the site. Returns 1 when it was read and is
 * valid, 0 when the site has no such file, -1 with every problem in errs. */
int mc_results_load(const mc_site *site, mc_results *r, mc_diag_list *errs);
void mc_results_free(mc_results *r);

/* The value of indicator ind in period, or NULL. */
const mc_result *mc_results_get(const mc_results *r, const mc_indicator *ind, size_t period);

#endif
