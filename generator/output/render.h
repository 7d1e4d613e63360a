/* render.h — turn the model's outputs into files in a folder, in parallel.
 *
 * Each worker thread has its own template set (a set caches parsed
 * templates and is not thread-safe) and its own error list. A page output
 * is rendered entirely inside its worker: Markdown to HTML (links to other
 * .md files resolved through the model), context, template, file. Errors
 * are sorted by file and line at the end, so messages, like the files
 * written, are the same for every number of threads.
 *
 * A page's template is named after its kind ("procedure", "news",
 * "announcement", "page"); a theme without "procedure.mustache" falls back
 * to "page.mustache". Templates are strict: a missing partial is an error.
 *
 * Memory: mc_render_context returns a new context the caller owns.
 */
#ifndef MC_RENDER_H
#define MC_RENDER_H

#include <stddef.h>
#include "model.h"

typedef struct mc_render_stats {
    size_t files;      /* files written */
    size_t bytes;      /* bytes written */
    size_t reused;     /* of the files, linked unchanged from the previous build */
} mc_render_stats;

/* How this build writes the finished model: what it keeps from the
 * previous output and what is written already. The model says what the
 * site is; the plan, made by the build after the model (build.c,
 * plan_reuse, and the early render), says how to write it this time.
 * Indexes are the model's output indexes. A NULL plan, or NULL fields:
 * render everything, record nothing. */
typedef struct mc_render_plan {
    const unsigned char *reuse;   /* reuse[i] = 1: output i is kept: linked from
                                     reuse_dir, or left where it is (in_place:
                                     the build patches the output folder, staging.h) */
    const char *reuse_dir;
    int in_place;
    mc_file_stamp *stamps;        /* filled with the size and mtime each output
                                     is left with (incremental.h) */
    const unsigned char *rendered; /* rendered[i] = 1: written by the early render */
} mc_render_plan;

/* Writes every output under dir (which must exist), as plan says (may be
 * NULL). progress: print a progress line on stderr while working (for
 * terminals). */
int mc_render_all(const mc_model *m, const mc_render_plan *plan, const char *dir, int jobs,
                  int progress, mc_render_stats *stats, mc_diag_list *errs);

/* A copy of m that lists only the outputs keep(ctx, o) selects, for
 * rendering part of a model (announcement audio renders in two parts;
 * early rendering, below), with its own plan mapped from plan (may be
 * NULL); its stamps are made even when plan has none. orig[k] is the model
 * index of view output k. end: copies the view's stamps into plan->stamps
 * (when plan is not NULL and has them) and frees what make made. make
 * returns -1 when out of memory (nothing to free). */
typedef int (*mc_output_filter)(void *ctx, const mc_output *o);
typedef struct mc_render_view {
    mc_model m;
    mc_render_plan plan;
    size_t *orig;
    unsigned char *reuse, *rendered;
    mc_file_stamp *stamps;
} mc_render_view;
int mc_render_view_make(mc_render_view *v, const mc_model *m, const mc_render_plan *plan,
                        mc_output_filter keep, void *ctx);
void mc_render_view_end(mc_render_view *v, const mc_render_plan *plan);

/* Clean builds render content pages while the rest of the model is made
 * (render.c, Early rendering). Start after mc_model_build_pages and
 * mc_announcements_banner, with dir the staging folder; NULL when there is
 * nothing to start (no content pages, a template problem the full render
 * will report, no memory): the full render then does everything.
 * finish: waits for the pages (the caller's thread helps), sets
 * rendered[i] for each model output it wrote (rendered has m->noutputs
 * bytes, zeroed by the caller) and the stamps of those outputs when
 * plan->stamps is set, adds to stats and errs, frees e; returns -1 when a page
 * failed. cancel: stops as soon as the pages being written are done and
 * frees e (NULL is fine). */
typedef struct mc_render_early mc_render_early;
mc_render_early *mc_render_early_start(const mc_model *m, const char *dir, int jobs);
int mc_render_early_finish(mc_render_early *e, const mc_render_plan *plan, unsigned char *rendered,
                           mc_render_stats *stats, mc_diag_list *errs);
void mc_render_early_cancel(mc_render_early *e);

/* The context the template of output o receives (for --dump-context). */
json_t *mc_render_context(const mc_model *m, const mc_output *o, mc_diag_list *errs);

#endif
