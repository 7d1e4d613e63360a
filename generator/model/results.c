/* results.c — the results dashboard (see results.h): the page contexts,
 * the SVG drawing of each chart shape, and the CSV of every figure. The
 * drawing is plain arithmetic on a 640-unit-wide view box; each shape has
 * one function (shapes[]).
 */
#include "results.h"
#include "buf.h"
#include "model.h"
#include "results_data.h"
#include "strf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 640
static const char *const colours[] = {"#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c"};
#define NCOLOURS (sizeof colours / sizeof colours[0])

const char *mc_results_number(double v, int decimals, const char *lang, char *buf, size_t n)
{
    int en = !strcmp(lang, "en");
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    char *dot = strchr(raw, '.');
    if (dot) { /* no trailing zeros */
        char *end = raw + strlen(raw);
        while (end > dot + 1 && end[-1] == '0') *--end = '\0';
        if (end == dot + 1) *dot = '\0';
    }
    size_t intlen = dot && *dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
    char out[96];
    if (v < 0 && strcmp(raw, "0")) out[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0) out[o++] = en ? ',' : '.';
        out[o++] = raw[i];
    }
    if (dot && *dot) {
        out[o++] = en ? '.' : ',';
        for (const char *s = dot + 1; *s && o + 1 < sizeof out; s++) out[o++] = *s;
    }
    out[o] = '\0';
    snprintf(buf, n, "%s", out);
    return buf;
}

/* "16,5/18", "98,8%", "1.234" */
static void value_text(const mc_indicator *ind, double v, const char *lang, char *buf, size_t n)
{
    char num[64], max[32];
    mc_results_number(v, 2, lang, num, sizeof num);
    mc_results_number(ind->max, 2, lang, max, sizeof max);
    const char *tail = ind->unit == MC_UNIT_POINTS ? "/" : ind->unit == MC_UNIT_PERCENT ? "%" : "";
    size_t used = strlen(num) < n ? strlen(num) : n - 1;
    memcpy(buf, num, used);
    buf[used] = '\0';
    strncat(buf, tail, n - 1 - used);
    if (ind->unit == MC_UNIT_POINTS) strncat(buf, max, n - 1 - strlen(buf));
}

static const char *unit_word(const mc_indicator *ind, const char *lang)
{
    static const char *const vi[] = {"điểm", "%", "hồ sơ"}, *const en[] = {"points", "%", "dossiers"};
    return (strcmp(lang, "en") ? vi : en)[ind->unit];
}

static const char *label(const mc_indicator *ind, const char *lang)
{
    return strcmp(lang, "en") ? ind->label_vi : ind->label_en;
}

static void xml_text(mc_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') mc_buf_adds(b, "&lt;");
        else if (*s == '>') mc_buf_adds(b, "&gt;");
        else if (*s == '&') mc_buf_adds(b, "&amp;");
        else if (*s == '"') mc_buf_adds(b, "&quot;");
        else mc_buf_addc(b, *s);
    }
}

/* ---- one chart ---- */

typedef struct chart_data {
    const mc_chart *chart;
    const mc_results *r;
    const char *lang;
    const mc_indicator *inds[16]; /* the chart's indicators that have a value */
    size_t ninds;
    size_t periods[64];           /* the periods in which any of them has one */
    size_t nperiods;
} chart_data;

static void text_at(mc_buf *b, double x, double y, const char *anchor, const char *s)
{
    mc_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s>", x, y, anchor ? " text-anchor=\"" : "",
                  anchor ? anchor : "", anchor ? "\"" : "");
    xml_text(b, s);
    mc_buf_adds(b, "</text>\n");
}

static double value_of(const chart_data *c, size_t k, size_t p)
{
    const mc_result *r = mc_results_get(c->r, c->inds[k], c->periods[p]);
    return r ? r->value : NAN;
}

/* Bars of the latest period, each against its maximum. */
static double draw_bars(mc_buf *b, const chart_data *c)
{
    size_t last = c->nperiods - 1;
    char head[200];
    snprintf(head, sizeof head, "%s: %s", strcmp(c->lang, "en") ? "Kỳ" : "Period",
             c->r->periods[c->periods[last]]);
    text_at(b, 0, 18, NULL, head);
    double y = 34;
    for (size_t k = 0; k < c->ninds; k++) {
        double v = value_of(c, k, last);
        if (isnan(v)) continue;
        const mc_indicator *ind = c->inds[k];
        char val[64];
        value_text(ind, v, c->lang, val, sizeof val);
        text_at(b, 0, y + 16, NULL, label(ind, c->lang));
        mc_buf_printf(b, "<rect x=\"0\" y=\"%.1f\" width=\"500\" height=\"18\" fill=\"#e5e7eb\"/>\n", y + 22);
        mc_buf_printf(b, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n", y + 22,
                      500.0 * v / ind->max, ind->is_total ? "#111827" : colours[0]);
        text_at(b, 508, y + 36, NULL, val);
        y += 50;
    }
    return y + 4;
}

/* A round top for an axis from 0 to max: 1, 2 or 5 times a power of ten. */
static double nice_top(double max, int percent)
{
    if (percent) return 100;
    if (max <= 0) return 1;
    double p = pow(10, floor(log10(max)));
    for (int i = 0; i < 3; i++) {
        static const double steps[] = {1, 2, 5};
        if (steps[i] * p >= max) return steps[i] * p;
    }
    return 10 * p;
}

#define PLOT_X 70.0
#define PLOT_W 560.0
#define PLOT_TOP 30.0
#define PLOT_H 200.0

static void axes(mc_buf *b, const chart_data *c, double top)
{
    char num[64];
    for (int t = 0; t <= 4; t++) {
        double v = top * t / 4, y = PLOT_TOP + PLOT_H - PLOT_H * t / 4;
        mc_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                      PLOT_X, y, PLOT_X + PLOT_W, y, t ? "#d1d5db" : "#374151");
        mc_results_number(v, 1, c->lang, num, sizeof num);
        text_at(b, PLOT_X - 6, y + 5, "end", num);
    }
    double slot = PLOT_W / (double)c->nperiods;
    for (size_t p = 0; p < c->nperiods; p++)
        text_at(b, PLOT_X + slot * ((double)p + 0.5), PLOT_TOP + PLOT_H + 20, "middle",
                c->r->periods[c->periods[p]]);
}

static double legend(mc_buf *b, const chart_data *c, double y)
{
    for (size_t k = 0; k < c->ninds; k++) {
        mc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\"/>\n",
                      PLOT_X, y, colours[k % NCOLOURS]);
        char item[300];
        snprintf(item, sizeof item, "%s (%s)", label(c->inds[k], c->lang), unit_word(c->inds[k], c->lang));
        text_at(b, PLOT_X + 20, y + 12, NULL, item);
        y += 22;
    }
    return y;
}

static double max_value(const chart_data *c)
{
    double max = 0;
    for (size_t k = 0; k < c->ninds; k++)
        for (size_t p = 0; p < c->nperiods; p++)
            if (!isnan(value_of(c, k, p)) && value_of(c, k, p) > max) max = value_of(c, k, p);
    return max;
}

/* Columns: per period, one per indicator, the value above each. */
static double draw_columns(mc_buf *b, const chart_data *c)
{
    double top = nice_top(max_value(c), c->inds[0]->unit == MC_UNIT_PERCENT);
    axes(b, c, top);
    double slot = PLOT_W / (double)c->nperiods, bw = slot * 0.8 / (double)c->ninds;
    for (size_t p = 0; p < c->nperiods; p++)
        for (size_t k = 0; k < c->ninds; k++) {
            double v = value_of(c, k, p);
            if (isnan(v)) continue;
            double h = PLOT_H * v / top, x = PLOT_X + slot * (double)p + slot * 0.1 + bw * (double)k;
            mc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                          x, PLOT_TOP + PLOT_H - h, bw - 2, h, colours[k % NCOLOURS]);
            char num[64];
            mc_results_number(v, 2, c->lang, num, sizeof num);
            mc_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">",
                          x + (bw - 2) / 2, PLOT_TOP + PLOT_H - h - 4);
            xml_text(b, num);
            mc_buf_adds(b, "</text>\n");
        }
    return legend(b, c, PLOT_TOP + PLOT_H + 36) + 4;
}

/* A line per indicator over the periods, the value above each point. */
static double draw_line(mc_buf *b, const chart_data *c)
{
    double top = nice_top(max_value(c), c->inds[0]->unit == MC_UNIT_PERCENT);
    axes(b, c, top);
    double slot = PLOT_W / (double)c->nperiods;
    for (size_t k = 0; k < c->ninds; k++) {
        mc_buf_printf(b, "<polyline fill=\"none\" stroke-width=\"3\" stroke=\"%s\" points=\"",
                      colours[k % NCOLOURS]);
        for (size_t p = 0; p < c->nperiods; p++) {
            double v = value_of(c, k, p);
            if (!isnan(v))
                mc_buf_printf(b, "%s%.1f,%.1f", p ? " " : "", PLOT_X + slot * ((double)p + 0.5),
                              PLOT_TOP + PLOT_H - PLOT_H * v / top);
        }
        mc_buf_adds(b, "\"/>\n");
        for (size_t p = 0; p < c->nperiods; p++) {
            double v = value_of(c, k, p);
            if (isnan(v)) continue;
            double x = PLOT_X + slot * ((double)p + 0.5), y = PLOT_TOP + PLOT_H - PLOT_H * v / top;
            mc_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n", x, y,
                          colours[k % NCOLOURS]);
            char val[64];
            value_text(c->inds[k], v, c->lang, val, sizeof val);
            text_at(b, x, y - 10, "middle", val);
        }
    }
    return legend(b, c, PLOT_TOP + PLOT_H + 36) + 4;
}

static double (*const shapes[])(mc_buf *, const chart_data *) = {
    [MC_CHART_BARS] = draw_bars, [MC_CHART_COLUMNS] = draw_columns, [MC_CHART_LINE] = draw_line};

/* "Công khai, minh bạch: 2025 16,5/18; ..." — every figure of the chart. */
static char *describe(const chart_data *c)
{
    mc_buf b = MC_BUF_INIT;
    for (size_t k = 0; k < c->ninds; k++) {
        mc_buf_printf(&b, "%s%s (%s):", k ? "; " : "", label(c->inds[k], c->lang),
                      unit_word(c->inds[k], c->lang));
        for (size_t p = 0; p < c->nperiods; p++) {
            double v = value_of(c, k, p);
            char val[64];
            if (isnan(v)) continue;
            value_text(c->inds[k], v, c->lang, val, sizeof val);
            mc_buf_printf(&b, " %s %s", c->r->periods[c->periods[p]], val);
        }
    }
    mc_buf_addc(&b, '.');
    return mc_buf_take(&b, NULL);
}

static char *draw(const chart_data *c, const char *title)
{
    mc_buf body = MC_BUF_INIT, b = MC_BUF_INIT;
    double h = shapes[c->chart->shape](&body, c);
    char *desc = describe(c);
    mc_buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %.0f\" width=\"%d\" "
                  "height=\"%.0f\" role=\"img\" aria-labelledby=\"%s-%s-t %s-%s-d\" class=\"chart\" "
                  "font-family=\"sans-serif\" font-size=\"14\" fill=\"#111827\">\n",
                  W, ceil(h), W, ceil(h), c->chart->id, c->lang, c->chart->id, c->lang);
    mc_buf_printf(&b, "<title id=\"%s-%s-t\">", c->chart->id, c->lang);
    xml_text(&b, title);
    mc_buf_printf(&b, "</title>\n<desc id=\"%s-%s-d\">", c->chart->id, c->lang);
    xml_text(&b, desc ? desc : "");
    mc_buf_adds(&b, "</desc>\n");
    if (body.s) mc_buf_add(&b, body.s, body.len);
    mc_buf_adds(&b, "</svg>\n");
    free(desc);
    mc_buf_free(&body);
    return mc_buf_take(&b, NULL);
}

static void chart_data_of(chart_data *c, const mc_chart *chart, const mc_results *r, const char *lang)
{
    memset(c, 0, sizeof *c);
    c->chart = chart;
    c->r = r;
    c->lang = lang;
    size_t n;
    const mc_indicator *inds = mc_results_indicators(&n);
    for (size_t i = 0; i < n && c->ninds < 16; i++) {
        if (strcmp(inds[i].chart, chart->id)) continue;
        int has = 0;
        for (size_t p = 0; p < r->nperiods; p++) has |= mc_results_get(r, &inds[i], p) != NULL;
        if (has) c->inds[c->ninds++] = &inds[i];
    }
    for (size_t p = 0; p < r->nperiods && c->nperiods < 64; p++) {
        int has = 0;
        for (size_t k = 0; k < c->ninds; k++) has |= mc_results_get(r, c->inds[k], p) != NULL;
        if (has) c->periods[c->nperiods++] = p;
    }
}

/* {id, title, svg, svg_url, periods, rows} of one chart. */
static json_t *chart_object(mc_model *m, const chart_data *c)
{
    const char *title = strcmp(c->lang, "en") ? c->chart->title_vi : c->chart->title_en;
    char *svg = draw(c, title);
    /* one file per chart, beside the Vietnamese page */
    char *svg_url = mc_strf("%sket-qua-cai-cach/%s.svg", m->site->base_path, c->chart->id);
    json_t *periods = json_array(), *rows = json_array();
    for (size_t p = 0; p < c->nperiods; p++)
        json_array_append_new(periods, json_string(c->r->periods[c->periods[p]]));
    for (size_t k = 0; k < c->ninds; k++) {
        json_t *cells = json_array();
        for (size_t p = 0; p < c->nperiods; p++) {
            double v = value_of(c, k, p);
            char val[64] = "–";
            if (!isnan(v)) value_text(c->inds[k], v, c->lang, val, sizeof val);
            json_array_append_new(cells, json_string(val));
        }
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:o}", "id", c->inds[k]->id, "label",
                                              label(c->inds[k], c->lang), "unit",
                                              unit_word(c->inds[k], c->lang), "cells", cells));
    }
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "id", c->chart->id, "title", title,
                          "svg", svg ? svg : "", "svg_url", svg_url ? svg_url : "", "periods",
                          periods, "rows", rows);
    free(svg);
    free(svg_url);
    return o;
}

static void add_bytes(mc_model *m, char *path, char *bytes)
{
    mc_output *o = path && bytes ? mc_model_add(m, MC_OUT_BYTES, path, NULL, NULL) : NULL;
    if (!o) { free(path); free(bytes); return; }
    o->bytes = bytes;
    o->nbytes = strlen(bytes);
}

static void csv_cell(mc_buf *b, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) mc_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"') mc_buf_addc(b, '"');
        mc_buf_addc(b, *s);
    }
    if (quote) mc_buf_addc(b, '"');
    mc_buf_adds(b, last ? "\r\n" : ",");
}

/* Every figure, machine-readable: a decimal point, no grouping. */
static char *csv_of(const mc_results *r)
{
    static const char *const units[] = {"points", "percent", "dossiers"};
    mc_buf b = MC_BUF_INIT;
    mc_buf_adds(&b, "indicator,label,unit,period,value,source\r\n");
    for (size_t i = 0; i < r->n; i++) {
        const mc_result *x = &r->rows[i];
        char v[64];
        snprintf(v, sizeof v, "%.10g", x->value);
        csv_cell(&b, x->indicator->id, 0);
        csv_cell(&b, x->indicator->label_vi, 0);
        csv_cell(&b, units[x->indicator->unit], 0);
        csv_cell(&b, r->periods[x->period], 0);
        csv_cell(&b, v, 0);
        csv_cell(&b, x->source ? x->source : "", 1);
    }
    return mc_buf_take(&b, NULL);
}

static const char *word(const mc_model *m, const char *lang, const char *key, const char *fallback)
{
    const char *w = json_string_value(json_object_get(json_object_get(m->site->words, lang), key));
    return w ? w : fallback;
}

static void add_page(mc_model *m, const mc_results *r, const char *lang)
{
    int en = !strcmp(lang, "en");
    const char *dir = en ? "en/ket-qua-cai-cach/" : "ket-qua-cai-cach/";
    const char *other = en ? "ket-qua-cai-cach/" : "en/ket-qua-cai-cach/";
    json_t *charts = json_array();
    size_t n;
    const mc_chart *table = mc_results_charts(&n);
    for (size_t i = 0; i < n; i++) {
        chart_data c;
        chart_data_of(&c, &table[i], r, lang);
        if (!c.ninds) continue;
        json_array_append_new(charts, chart_object(m, &c));
        if (!en) add_bytes(m, mc_strf("%s%s.svg", dir, table[i].id), draw(&c, table[i].title_vi));
    }
    json_t *sources = json_array();
    for (size_t i = 0; i < r->nsources; i++) json_array_append_new(sources, json_string(r->sources[i]));
    const char *title = word(m, lang, "results_title", en ? "Administrative reform results"
                                                           : "Kết quả cải cách hành chính");
    char *csv_url = mc_strf("%sket-qua-cai-cach/ket-qua-cai-cach.csv", m->site->base_path);
    json_t *results = json_pack("{s:s, s:o, s:s, s:b, s:o}", "title", title, "charts", charts,
                                "csv_url", csv_url ? csv_url : "", "has_sources",
                                r->nsources > 0, "sources", sources);
    free(csv_url);
    json_t *ctx = mc_model_base_context(m, lang);
    json_t *t = json_string(title);
    json_t *page = mc_model_generated_page(m, t, "results", dir);
    json_decref(t);
    const char *other_lang = en ? "vi" : "en";
    json_t *other_title = json_string(word(m, other_lang, "results_title", title));
    json_t *other_page = mc_model_generated_page(m, other_title, "results", other);
    json_decref(other_title);
    json_object_set_new(other_page, "lang", json_string(other_lang));
    json_object_set_new(page, "lang", json_string(lang));
    json_object_set_new(page, "translation", other_page);
    json_object_set_new(ctx, "page", page);
    json_object_set_new(ctx, "results", results);
    mc_model_add(m, MC_OUT_TEMPLATE, mc_strf("%sindex.html", dir), "results", ctx);
}

int mc_results_add(mc_model *m, mc_diag_list *errs)
{
    mc_results r;
    int found = mc_results_load(m->site, &r, errs);
    if (found <= 0) return found;
    if (!mc_site_has_template(m->site, "results")) {
        mc_diag d;
        char *path = mc_strf("%s/templates/results.mustache", m->site->theme_dir);
        mc_diag_warn(&d, path ? path : "results", 0, 0, "the theme has no template 'results', so "
                     "%s makes no dashboard; copy it from the default theme", MC_RESULTS_FILE);
        mc_diag_list_add(errs, &d);
        free(path);
        mc_results_free(&r);
        return 0;
    }
    add_page(m, &r, "vi");
    add_page(m, &r, "en");
    add_bytes(m, strdup("ket-qua-cai-cach/ket-qua-cai-cach.csv"), csv_of(&r));
    mc_results_free(&r);
    return 0;
}
