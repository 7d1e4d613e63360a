/* build_opts.h — what `motcua build` is asked to do and what it reports
 * (build.h runs it; edit_build.h's shortcut takes the same).
 *
 * Memory: the strings are borrowed from the caller.
 */
#ifndef MC_BUILD_OPTS_H
#define MC_BUILD_OPTS_H

#include <stddef.h>
#include <stdio.h>

struct mc_model;

/* Called by mc_build once the model is complete and every output path is
 * unique, before anything is rendered (motcua serve and check learn there
 * which page each output comes from). The model is borrowed: copy what
 * outlives the call. A build done by a shortcut (nothing changed, or the
 * quick path for text edits, which keeps every page's kind, draft and
 * date: edit_build.h) makes no model and does not call it: what the last
 * call said still holds. */
typedef void (*mc_build_model_hook)(void *ctx, const struct mc_model *m);

typedef struct mc_build_opts {
    const char *site;         /* site folder (default ".") */
    const char *out;          /* output folder (default SITE/public) */
    const char *base_url;     /* overrides site.yaml base_url; may be NULL */
    const char *dump_context; /* URL: print that output's context, write nothing */
    int drafts, future;
    int allow_incomplete;     /* 1 = an incomplete or invalid procedure is a
                                 warning, not an error (--allow-incomplete) */
    int jobs;                 /* threads; < 1 means one per core */
    int progress;             /* show a progress line (terminals) */
    FILE *verbose;            /* phase times go here when not NULL */
    long long now;            /* epoch seconds for "future"; 0 = the clock */
    int no_audio;             /* 1 = no announcement audio (--no-audio) */
    int no_cache;             /* 1 = neither read nor write the build cache */
    int clean;                /* 1 = ignore the build cache, render everything */
    int write_ledger;         /* 1 = update SITE/published-urls.txt (ledger.h):
                                 motcua build, not serve nor check */
    int exiting;              /* 1 = the process exits right after: the pages and
                                 the model are left for the system to reclaim */
    mc_build_model_hook on_model; /* may be NULL (motcua build leaves it so) */
    void *on_model_ctx;
} mc_build_opts;

typedef struct mc_build_result {
    size_t pages;             /* content pages published */
    size_t files;             /* files written */
    size_t bytes;
    size_t reused;            /* of the files, unchanged since the last build */
    int up_to_date;           /* 1 = nothing changed: the output was left as it was */
    double seconds;
} mc_build_result;

#endif
