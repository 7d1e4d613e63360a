/* journeys.h — procedures linked to each other: life-event journeys and
 * related procedures (journeys.c).
 *
 * A journey is a page of the kind that links procedures (kinds.h,
 * links_procedures: content/su-kien-cuoc-song/khi-sinh-con.md) whose
 * `procedures:` name the procedures a life event needs, in the order they
 * are done ("Khi sinh con": birth registration, permanent residence,
 * health insurance). A procedure's `related:` names others a citizen may
 * need next. Each name is a procedure's file name ("dang-ky-khai-sinh",
 * also "thu-tuc/dang-ky-khai-sinh" or with ".md"), or an item
 * {procedure: name, note: "..."}.
 *
 * mc_journeys_link resolves every name once all cards exist (the cards
 * pass, passes.c), before any page is rendered, and adds to the cards
 * (which are the pages' contexts):
 *   journey:   steps [{number, title, url, summary, note, processing_time_text,
 *              is_online}], has_steps, step_count
 *   procedure: journeys [{title, url, number, count, prev {title, url},
 *              next {title, url}}] (every journey it is a step of),
 *              has_journeys; related [{title, url, summary, note}], has_related
 * A name that is no published procedure in force (unknown, a draft left
 * out of the build, abolished) is an error at the line of the name:
 *   content/su-kien-cuoc-song/khi-sinh-con.md:6: error: "Các thủ tục, theo
 *   thứ tự" (procedures/1): không có thủ tục 'dang-ky-thuong-tru' ...
 * A page links procedures of its own language first, else Vietnamese ones.
 *
 * Memory: the cards own what is added.
 */
#ifndef MC_JOURNEYS_H
#define MC_JOURNEYS_H

#include "diag.h"
#include "model.h"

/* Links journeys and related procedures (above). Returns 0, or -1 after
 * appending every error to errs. */
int mc_journeys_link(mc_model *m, mc_diag_list *errs);

#endif
