/* check.h — `motcua check`: what a reader would trip over, before they do.
 *
 * mc_check_run builds the site the way `motcua build` would publish it
 * (no drafts, no future pages) into a temporary folder, leaving public/
 * alone, and then reports:
 *   - content: pages that are drafts or dated in the future (warnings: they
 *     are not published), news without a summary (warning), procedures
 *     missing a part the publishing rules require (errors, from
 *     mc_procedure_check in procedure.h);
 *   - images without alt text (errors: a screen reader announces nothing);
 *   - internal links: every href/src/srcset/poster and meta refresh of the
 *     built HTML names a file of the site, and a "#fragment" names an id
 *     on the target page (kind "link", "anchor"), and every src, stylesheet
 *     and icon exists (kind "asset");
 *   - with `external`, every http(s) URL outside the site (check_external.c).
 * Each problem is mapped back to the content file (and line, found by
 * looking for the URL in it) that produced the page; problems coming from
 * the theme or site.yaml are reported there, once.
 *
 * Memory: the report owns its problems (mc_check_report_free). opts is
 * borrowed.
 */
#ifndef MC_CHECK_H
#define MC_CHECK_H

#include <stdio.h>
#include "diag.h"

typedef struct mc_check_opts {
    const char *site;         /* the site folder */
    int external;             /* also check external URLs */
    int fresh;                /* ignore the cache of external results */
    double timeout;           /* seconds per external request (default 15) */
    int jobs;                 /* build threads; < 1: one per core */
    long long now;            /* epoch seconds; 0 = the clock */
} mc_check_opts;

typedef struct mc_check_problem {
    enum mc_severity severity;
    char *file;               /* "content/tin-tuc/a.md", "site.yaml", ... */
    int line;                 /* 0 when unknown */
    const char *kind;         /* "link", "anchor", "asset", "alt", "content",
                                 "procedure", "external", "redirect" (static) */
    char *url;                /* the link as written in the page, or NULL */
    char *target;             /* a redirect's target, or NULL */
    char *message;
} mc_check_problem;

typedef struct mc_check_report {
    mc_check_problem *items;
    size_t count, cap;
    size_t errors, warnings;
    size_t pages;             /* HTML files read */
    size_t links;             /* internal links checked */
    size_t external;          /* distinct external URLs */
    size_t external_cached;   /* of which answered from the cache */
} mc_check_report;

/* Runs every check. Returns 0 when the checks ran (the report then says
 * whether anything is broken), -1 when the site did not build or the
 * checks could not run: errs holds why. */
int mc_check_run(const mc_check_opts *opts, mc_check_report *report, mc_diag_list *errs);

/* Grouped by file, sorted by line: "FILE:LINE: error: message" lines with a
 * blank line between files, and a closing summary line. */
void mc_check_print_text(FILE *out, const mc_check_report *r);
/* {"ok", "errors", "warnings", "checked": {...}, "files": [{"file",
 * "problems": [{"line", "severity", "kind", "url", "target", "message"}]}]} */
void mc_check_print_json(FILE *out, const mc_check_report *r);

void mc_check_report_free(mc_check_report *r);

/* Appends a problem (copies file, url, target and the formatted message). */
void mc_check_add(mc_check_report *r, enum mc_severity sev, const char *kind, const char *file,
                  int line, const char *url, const char *target, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#endif
