/* list_refs.h — which outputs show each page's card or feed entry, kept in
 * the page snapshot (edit_build.h) so that a title or summary edit renders
 * only the page and those outputs.
 *
 * A full build's lists, home page, term pages, aliases and feeds hold the
 * cards (model.h) and feed entries (feeds.h) by reference. Each output
 * that holds one is saved as the part of its context it does not share
 * with its per-language base context (the base keys it lacks listed under
 * "$absent"), every card written {"$card": I} and
 * every entry {"$entry": I} (I: the page's index in the snapshot); a
 * feed.json is saved as its feed object (template "=feed.json"). Per page
 * the snapshot keeps the outputs that hold it, a hash of its card and one
 * of its card without the keys a title or summary makes (its "shape"),
 * and whether its title or summary is found as text in an output outside
 * a reference (a copy no reference brings back: only the full build may
 * then take a title or summary edit).
 *
 * Memory: mc_refs_make fills r (mc_refs_free); mc_refs_resolve returns a
 * new reference.
 */
#ifndef MC_LIST_REFS_H
#define MC_LIST_REFS_H

#include <jansson.h>
#include <stdint.h>
#include "model.h"

/* The key of a saved context that lists the base keys it lacks. */
#define MC_REFS_ABSENT "$absent"

typedef struct mc_page_refs {
    uint64_t card, shape;  /* 0 when the page has no card */
    int elsewhere;         /* its title or summary is copied outside a reference */
    size_t *outs;          /* saved output numbers */
    size_t nouts, cap;
} mc_page_refs;

typedef struct mc_refs {
    mc_page_refs *pages;   /* m->npages of them */
    char *outputs;         /* "outputs N\n" and N lines PATH\tTEMPLATE\tLANG\tFLAGS\tJSON */
    size_t noutputs;
} mc_refs;

/* jobs: threads for the card hashes. */
int mc_refs_make(const mc_model *m, int jobs, mc_refs *r);
void mc_refs_free(mc_refs *r, size_t npages);

/* The hash of a card; with shape, without title, summary, has_summary,
 * breadcrumb_jsonld and params.title/summary. Never 0. */
uint64_t mc_card_hash(const json_t *card, int shape);

/* saved with every {"$card": I} and {"$entry": I} replaced by what
 * lookup gives (a new reference, or NULL: then the result is NULL). */
typedef json_t *(*mc_refs_lookup)(void *ctx, int entry, size_t page);
json_t *mc_refs_resolve(const json_t *saved, mc_refs_lookup lookup, void *ctx);

#endif
