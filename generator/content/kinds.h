/* kinds.h — the page kinds, one table (kinds.c).
 *
 * A page's kind comes from the folder it is in (site.yaml `sections:` maps
 * folders to kinds) or its `type:`. Everything that differs between kinds
 * is a column of this table, not a comparison of names somewhere else:
 * how its section list is sorted, whether it has a field table that is
 * checked (procedures), whether loa reads it aloud (announcements), which
 * feeds it gets, how it ranks among search results, what `motcua new`
 * writes for it. Adding a kind is one entry here plus its template
 * (themes/default/templates/KIND.mustache); adding a front-matter key of a
 * kind is one entry in fields.c.
 *
 * Memory: every returned pointer is into static tables; nothing to free.
 */
#ifndef MC_KINDS_H
#define MC_KINDS_H

#include <stddef.h>
#include "fields.h"

typedef enum mc_kind_sort {
    MC_SORT_DATE_DESC, /* newest first (news, announcements, pages) */
    MC_SORT_TITLE,     /* A–Z in Vietnamese order (procedures) */
    MC_SORT_ISSUED     /* newest `issued:` first, then newest date (documents) */
} mc_kind_sort;

typedef enum mc_kind_feeds {
    MC_FEEDS_NONE,     /* its section has no feed (procedures, pages) */
    MC_FEEDS_XML,      /* Atom and RSS */
    MC_FEEDS_ALL       /* Atom, RSS and JSON Feed */
} mc_kind_feeds;

typedef struct mc_kind {
    const char *name;      /* "procedure": site.yaml sections: values, the page
                              template's name, "kind" and "is_KIND" in contexts */
    const char *folder;    /* the usual content folder ("thu-tuc"): where
                              `motcua new` writes, and where the home page looks
                              when site.yaml maps no folder to the kind */
    const char *label_vi, *label_en;
    mc_kind_sort sort;     /* order of its section list and term pages */
    unsigned listed : 1;   /* its folder gets a section list and its pages a
                              breadcrumb to it (plain pages: no) */
    unsigned index : 1;    /* the section list is an index with filter pages
                              (procedure.h) when the theme has its templates */
    unsigned documents : 1;/* the section list is the register of legal documents
                              with filter pages (documents.h) when the theme has
                              its template, and its pages are what procedures'
                              legal-basis entries link to by number */
    unsigned field_terms : 1; /* its `field:` makes the /linh-vuc/ taxonomy and
                              the breadcrumb's field (procedures) */
    unsigned checked : 1;  /* its fields are checked at build (procedure.h) */
    unsigned audio : 1;    /* an announcement: audio, schedules, CAP, podcast */
    unsigned printed : 1;  /* printed and posted: its page gets a QR code of
                              its URL for the print view (page.qr_svg) */
    unsigned links_procedures : 1; /* a journey: its `procedures:` link
                              procedures in order (journeys.h) */
    mc_kind_feeds feeds;   /* the feeds of its section list */
    unsigned home_feeds : 1;      /* the home page links its section's feeds */
    unsigned needs_summary : 1;   /* `motcua check` asks for a summary */
    unsigned search_fields : 1;   /* search indexes its field texts */
    unsigned search_date : 1;     /* a search result shows its date */
    const char *home_key;  /* the home context's list of its 5 latest, or NULL */
    int search_rank;       /* order among equally good search results */
    int search_rank_retired;      /* the same for a retired page (status: bai_bo) */
    const char *search_letter;    /* its kind in the search index records */
    const mc_field *fields;       /* its front-matter keys (fields.h) */
} mc_kind;

/* The kinds, in table order; *n receives their count. */
const mc_kind *mc_kinds(size_t *n);

/* The kind named name, or NULL. */
const mc_kind *mc_kind_find(const char *name);

/* The kind of a page in no section: "page". */
const mc_kind *mc_kind_page(void);

/* The kind whose pages loa reads aloud (announcements). */
const mc_kind *mc_kind_audio(void);

/* "procedure, news, announcement or page" (for messages). */
const char *mc_kind_names(void);

#endif
