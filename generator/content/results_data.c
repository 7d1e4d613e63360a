/* results_data.c — the indicator and chart tables of the results dashboard
 * and the reader of its data file (see results_data.h). The file is read
 * with libcsv one line at a time, so every row knows its line for the
 * messages; each kind of bad value has one check in check_value.
 */
#include "results_data.h"
#include "fileio.h"
#include "grow.h"
#include "safepath.h"
#include "strf.h"
#include "utf8.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const mc_chart charts[] = {
    {"chi-so-phuc-vu", "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
     "Service index for citizens and businesses (Decision 766/QD-TTg)", MC_CHART_BARS},
    {"ty-le-danh-gia", "Tỷ lệ hài lòng và kết quả đánh giá",
     "Satisfaction and assessment rates", MC_CHART_BARS},
    {"ho-so", "Hồ sơ thủ tục hành chính", "Administrative dossiers", MC_CHART_COLUMNS},
    {"truc-tuyen", "Tỷ lệ hồ sơ nộp trực tuyến", "Share of dossiers filed online", MC_CHART_LINE},
};

/* Decision 766/QĐ-TTg (2022): five groups, 100 points in all. */
static const mc_indicator indicators[] = {
    {"chi_so_cong_khai", "chi-so-phuc-vu", "Công khai, minh bạch", "Transparency",
     MC_UNIT_POINTS, 18, 0},
    {"chi_so_tien_do", "chi-so-phuc-vu", "Tiến độ giải quyết", "Timeliness", MC_UNIT_POINTS, 20, 0},
    {"chi_so_so_hoa", "chi-so-phuc-vu", "Số hóa hồ sơ", "Digitised dossiers", MC_UNIT_POINTS, 22, 0},
    {"chi_so_truc_tuyen", "chi-so-phuc-vu", "Dịch vụ công trực tuyến", "Online public services",
     MC_UNIT_POINTS, 22, 0},
    {"chi_so_hai_long", "chi-so-phuc-vu", "Mức độ hài lòng", "Satisfaction", MC_UNIT_POINTS, 18, 0},
    {"chi_so_tong", "chi-so-phuc-vu", "Tổng điểm", "Total", MC_UNIT_POINTS, 100, 1},
    {"ty_le_hai_long", "ty-le-danh-gia", "Người dân, doanh nghiệp hài lòng",
     "Citizens and businesses satisfied", MC_UNIT_PERCENT, 100, 0},
    {"ty_le_cong_chuc_hoan_thanh_tot", "ty-le-danh-gia",
     "Công chức phòng, ban hoàn thành tốt nhiệm vụ trở lên",
     "Department officials rated good or better", MC_UNIT_PERCENT, 100, 0},
    {"ty_le_cong_chuc_xa_hoan_thanh_tot", "ty-le-danh-gia",
     "Công chức cấp xã hoàn thành tốt nhiệm vụ trở lên",
     "Commune officials rated good or better", MC_UNIT_PERCENT, 100, 0},
    {"ty_le_vien_chuc_hoan_thanh", "ty-le-danh-gia", "Viên chức hoàn thành nhiệm vụ",
     "Public employees who completed their duties", MC_UNIT_PERCENT, 100, 0},
    {"ho_so_tiep_nhan", "ho-so", "Hồ sơ tiếp nhận", "Dossiers received", MC_UNIT_COUNT, 0, 0},
    {"ho_so_dung_han", "ho-so", "Giải quyết đúng hạn", "Resolved on time", MC_UNIT_COUNT, 0, 0},
    {"ho_so_tre_han", "ho-so", "Giải quyết trễ hạn", "Resolved late", MC_UNIT_COUNT, 0, 0},
    {"ty_le_truc_tuyen", "truc-tuyen", "Hồ sơ nộp trực tuyến", "Dossiers filed online",
     MC_UNIT_PERCENT, 100, 0},
};

#define NCHARTS (sizeof charts / sizeof charts[0])
#define NINDICATORS (sizeof indicators / sizeof indicators[0])

const mc_chart *mc_results_charts(size_t *n)
{
    *n = NCHARTS;
    return charts;
}

const mc_indicator *mc_results_indicators(size_t *n)
{
    *n = NINDICATORS;
    return indicators;
}

static const mc_indicator *find_indicator(const char *id)
{
    for (size_t i = 0; i < NINDICATORS; i++)
        if (!strcmp(indicators[i].id, id)) return &indicators[i];
    return NULL;
}

const mc_result *mc_results_get(const mc_results *r, const mc_indicator *ind, size_t period)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].indicator == ind && r->rows[i].period == period) return &r->rows[i];
    return NULL;
}

/* ---- reading the CSV, one line at a time ---- */

typedef struct reader {
    char **cells;        /* the row being read */
    size_t ncells, cap;
    int line, row_line;  /* the line being fed, the line the row began on */
    char **header;
    size_t nheader;
    int col[4];          /* indicator, period, value, source: column or -1 */
    mc_results *r;
    const char *file;
    mc_diag_list *errs;
    size_t cap_rows, cap_periods, cap_sources;
    int oom;
} reader;

static void row_error(reader *rd, int line, const char *fmt, const char *a, const char *b)
{
    mc_diag d;
    mc_diag_set(&d, rd->file, line, 0, fmt, a, b ? b : "");
    mc_diag_list_add(rd->errs, &d);
}

static void on_field(void *s, size_t len, void *data)
{
    reader *rd = data;
    if (rd->ncells == 0) rd->row_line = rd->line;
    char **grown = mc_grow(rd->cells, rd->ncells, &rd->cap, sizeof *grown, 8);
    char *cell = strndup(s ? s : "", s ? len : 0);
    if (!grown || !cell) { free(cell); rd->oom = 1; return; }
    rd->cells = grown;
    rd->cells[rd->ncells++] = cell;
}

static const char *cell(const reader *rd, int which)
{
    int c = rd->col[which];
    return c >= 0 && (size_t)c < rd->ncells ? rd->cells[c] : "";
}

/* "98.8", "98,8", " 1 234 " -> *v; -1 when it is not a number. */
static int parse_number(const char *s, double *v)
{
    char buf[64];
    size_t o = 0;
    for (; *s && o + 1 < sizeof buf; s++) {
        if (*s == ' ') continue;
        buf[o++] = *s == ',' ? '.' : *s;
    }
    buf[o] = '\0';
    if (!o) return -1;
    char *end;
    errno = 0;
    *v = strtod(buf, &end);
    return *end || errno || !isfinite(*v) ? -1 : 0;
}

static size_t intern(char ***v, size_t *n, size_t *cap, const char *s, int *oom)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s)) return i;
    char **grown = mc_grow(*v, *n, cap, sizeof *grown, 8);
    char *copy = strdup(s);
    if (!grown || !copy) { free(copy); *oom = 1; return 0; }
    *v = grown;
    (*v)[*n] = copy;
    return (*n)++;
}

/* A value out of its indicator's range; the messages say how to write it. */
static int check_value(reader *rd, const mc_indicator *ind, double v, const char *text)
{
    char max[32];
    snprintf(max, sizeof max, "%g", ind->max);
    if (v < 0) {
        row_error(rd, rd->row_line, "value %s of '%s' is negative; write a number from 0", text, ind->id);
        return -1;
    }
    if (ind->unit == MC_UNIT_PERCENT && v > 100) {
        row_error(rd, rd->row_line, "percentage %s of '%s' is over 100; write the share in "
                  "per cent, from 0 to 100", text, ind->id);
        return -1;
    }
    if (ind->unit == MC_UNIT_POINTS && v > ind->max) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s points of '%s' are over the group's maximum of %s; "
                 "check the figure", text, ind->id, max);
        row_error(rd, rd->row_line, "%s%s", msg, NULL);
        return -1;
    }
    if (ind->unit == MC_UNIT_COUNT && v != floor(v)) {
        row_error(rd, rd->row_line, "'%s' counts dossiers, but %s is not a whole number",
                  ind->id, text);
        return -1;
    }
    return 0;
}

static void read_header(reader *rd)
{
    static const char *const names[] = {"indicator", "period", "value", "source"};
    for (int k = 0; k < 4; k++) {
        rd->col[k] = -1;
        for (size_t c = 0; c < rd->ncells; c++)
            if (!strcmp(rd->cells[c], names[k])) rd->col[k] = (int)c;
    }
    rd->header = rd->cells; /* kept only as a marker that the header was read */
    rd->nheader = rd->ncells;
    rd->cells = NULL;
    rd->ncells = rd->cap = 0;
    if (rd->col[0] < 0 || rd->col[1] < 0 || rd->col[2] < 0)
        row_error(rd, rd->row_line, "the first line must name the columns %s%s",
                  "indicator,period,value", " (and source, if you like)");
}

static void read_row(reader *rd)
{
    const char *id = cell(rd, 0), *period = cell(rd, 1), *value = cell(rd, 2), *source = cell(rd, 3);
    const mc_indicator *ind = find_indicator(id);
    double v;
    if (!id[0]) {
        row_error(rd, rd->row_line, "the row names no indicator; write one of the names that "
                  "README.md lists, e.g. %s%s", "ty_le_hai_long", NULL);
        return;
    }
    if (!ind) {
        row_error(rd, rd->row_line, "unknown indicator '%s'; use one of the names README.md "
                  "lists under \"Results dashboard\", e.g. %s", id, "ty_le_hai_long");
        return;
    }
    if (!period[0]) {
        row_error(rd, rd->row_line, "'%s' has no period; write the year or quarter, e.g. %s", id,
                  "2025");
        return;
    }
    if (!value[0]) {
        row_error(rd, rd->row_line, "'%s' has no value for %s; write the figure, or delete the "
                  "row", id, period);
        return;
    }
    if (parse_number(value, &v) != 0) {
        row_error(rd, rd->row_line, "value '%s' of '%s' is not a number; write digits with a "
                  "decimal point or a decimal comma, e.g. 98.8", value, id);
        return;
    }
    if (check_value(rd, ind, v, value) != 0) return;
    size_t pi = intern(&rd->r->periods, &rd->r->nperiods, &rd->cap_periods, period, &rd->oom);
    if (rd->oom) return;
    const mc_result *dup = mc_results_get(rd->r, ind, pi);
    if (dup) {
        char what[200];
        snprintf(what, sizeof what, "'%s' for %s", id, period);
        char prev[32];
        snprintf(prev, sizeof prev, "%d", dup->line);
        row_error(rd, rd->row_line, "%s is given twice (also at line %s); keep one row", what, prev);
        return;
    }
    mc_result *grown = mc_grow(rd->r->rows, rd->r->n, &rd->cap_rows, sizeof *grown, 16);
    if (!grown) { rd->oom = 1; return; }
    rd->r->rows = grown;
    mc_result *row = &rd->r->rows[rd->r->n++];
    *row = (mc_result){ind, pi, v, source[0] ? strdup(source) : NULL, rd->row_line};
    if (source[0]) intern(&rd->r->sources, &rd->r->nsources, &rd->cap_sources, source, &rd->oom);
}

static void free_cells(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++) free(cells[i]);
    free(cells);
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *rd = data;
    if (rd->oom) return;
    int blank = rd->ncells == 1 && !rd->cells[0][0];
    if (!blank) {
        if (!rd->header) read_header(rd);
        else read_row(rd);
    }
    for (size_t i = 0; i < rd->ncells; i++) free(rd->cells[i]);
    rd->ncells = 0;
}

/* Sums and totals that must agree, once every row is read. */
static void check_sums(reader *rd)
{
    const mc_results *r = rd->r;
    for (size_t p = 0; p < r->nperiods; p++) {
        for (size_t i = 0; i < NINDICATORS; i++) {
            const mc_indicator *total = &indicators[i];
            const mc_result *t = total->is_total ? mc_results_get(r, total, p) : NULL;
            if (!t) continue;
            double sum = 0;
            int all = 1;
            for (size_t k = 0; k < NINDICATORS; k++)
                if (k != i && !strcmp(indicators[k].chart, total->chart)) {
                    const mc_result *g = mc_results_get(r, &indicators[k], p);
                    if (g) sum += g->value;
                    else all = 0;
                }
            if (all && fabs(sum - t->value) > 0.005) {
                char a[32], b[32];
                snprintf(a, sizeof a, "%g", t->value);
                snprintf(b, sizeof b, "%g", sum);
                row_error(rd, t->line, "the total %s is not the sum of the groups (%s); check "
                          "the figures of this period", a, b);
            }
        }
        const mc_result *in = mc_results_get(r, find_indicator("ho_so_tiep_nhan"), p);
        const mc_result *on = mc_results_get(r, find_indicator("ho_so_dung_han"), p);
        const mc_result *late = mc_results_get(r, find_indicator("ho_so_tre_han"), p);
        if (in && on && late && on->value + late->value > in->value)
            row_error(rd, late->line, "dossiers resolved on time and late in %s are more than "
                      "those received; check the figures%s", r->periods[p], NULL);
    }
}

int mc_results_load(const mc_site *site, mc_results *r, mc_diag_list *errs)
{
    memset(r, 0, sizeof *r);
    mc_diag d;
    char *path = mc_path_join(site->root, MC_RESULTS_FILE, &d);
    struct stat st;
    if (!path || lstat(path, &st) != 0) { free(path); return 0; }
    size_t before = errs->errors, len;
    char *text = mc_link_confined(site->root, path, NULL, &d) == 0 ? mc_read_file(path, &len, &d) : NULL;
    free(path);
    if (!text || mc_utf8_check(text, len, MC_RESULTS_FILE, 1, &d) != 0) {
        free(text);
        return mc_diag_list_add(errs, &d);
    }
    reader rd = {.line = 1, .r = r, .file = MC_RESULTS_FILE, .errs = errs};
    struct csv_parser parser;
    int ok = csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    for (size_t at = 0; ok && at < len; rd.line++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
        ok = csv_parse(&parser, text + at, n, on_field, on_row, &rd) == n;
        at += n;
    }
    if (ok) ok = csv_fini(&parser, on_field, on_row, &rd) == 0;
    else rd.line--;
    if (!ok) {
        char err[160];
        snprintf(err, sizeof err, "%s", csv_strerror(csv_error(&parser)));
        row_error(&rd, rd.line, "%s; check the quotes in this row (a quote inside a field is "
                  "written \"\")%s", err, NULL);
    }
    csv_free(&parser);
    free(text);
    free_cells(rd.cells, rd.ncells);
    free_cells(rd.header, rd.nheader);
    if (!rd.header && ok)
        row_error(&rd, 1, "the file is empty; its first line names the columns %s%s",
                  "indicator,period,value,source", NULL);
    if (rd.oom) mc_diag_list_oom(errs);
    if (errs->errors == before) check_sums(&rd);
    if (errs->errors != before) { mc_results_free(r); return -1; }
    return 1;
}

void mc_results_free(mc_results *r)
{
    for (size_t i = 0; i < r->n; i++) free(r->rows[i].source);
    free(r->rows);
    free_cells(r->periods, r->nperiods);
    free_cells(r->sources, r->nsources);
    memset(r, 0, sizeof *r);
}
