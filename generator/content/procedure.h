/* procedure.h — procedure guides: completeness checks, template-ready
 * facts, and the procedure index (by field, by level, online, A–Z).
 *
 * Checks. The rules on publishing administrative procedures (Nghị định
 * 63/2010, Điều 8 khoản 2, as amended; Thông tư 02/2017/TT-VPCP) require
 * every part of a procedure to be published. mc_procedure_check appends one
 * warning per problem, at FILE:LINE of the key, naming the part in
 * Vietnamese with its key:
 *   content/thu-tuc/x.md:1: warning: thiếu "Thời hạn giải quyết"
 *   (processing_time); thêm ví dụ: processing_time: "05 ngày làm việc"
 * Missing parts: code, field, level, agency, audience, steps, channels,
 * documents, copies, processing_time, fees, result, legal_basis, status
 * (an abolished procedure, status bai_bo, is not checked for missing
 * parts). Invalid values: unknown level, online level, channel, original
 * or copy, status or processing-time unit; a negative or non-integer fee;
 * online service without online_url; a form file that is not beside the
 * page; a legal-basis entry without a document number ("60/2014/QH13");
 * an effective date that is not a date. `motcua build` fails on them,
 * listing every one, and leaves the published site as it was; a draft
 * (built with --drafts) or a build with --allow-incomplete (emergencies)
 * prints them as warnings. `motcua check` reports them as failures.
 *
 * Facts (mc_procedure_facts) are the values the procedure template needs
 * and cannot compute: fee texts ("Miễn phí", "8.000 đồng"), labels of the
 * level, online level, channel and original/copy (from the theme words
 * level_xa, online_toan_trinh, channel_truc_tiep, original_ban_chinh...),
 * forms with their URL, file type and size, lists normalised from a string
 * or a list, legal-basis numbers, the share links, and the JSON-LD
 * GovernmentService. Keys are listed at mc_procedure_facts.
 *
 * Index (mc_procedure_index_add): /thu-tuc/ grouped by field with counts,
 * filter pages by level (/thu-tuc/cap/xa/) and online service
 * (/thu-tuc/truc-tuyen/toan-trinh/), which work without JavaScript, and an
 * A–Z list in Vietnamese order (/thu-tuc/a-z/). Abolished procedures are
 * in none of them.
 *
 * Memory: nothing returned needs freeing; facts add new references to card.
 */
#ifndef MC_PROCEDURE_H
#define MC_PROCEDURE_H

#include <jansson.h>
#include "content.h"
#include "diag.h"
#include "site.h"

struct mc_model;

/* Appends one diagnostic of the given severity to out per problem of
 * procedure page p. Returns the number of problems found (0: complete and
 * valid). */
int mc_procedure_check(const mc_page *p, const mc_site *site, enum mc_severity severity,
                       mc_diag_list *out);

/* The severity of a procedure's problems at build (the publishing rules):
 * an error, which stops the build, unless the page is a draft (built with
 * --drafts) or the build allows incomplete procedures (--allow-incomplete),
 * when it is a warning. */
enum mc_severity mc_procedure_severity(const mc_page *p, int allow_incomplete);

/* True when p has status: bai_bo (it keeps its page but leaves every list). */
int mc_procedure_abolished(const mc_page *p);

/* Adds to a procedure's card (p->url must be set):
 *   fees [{name, amount, amount_text, free, note}], channels [{kind, label,
 *   time, fee, fee_text, free, note}], has_channels, level {code, label},
 *   online {code, label, is_full, is_partial, url} (absent when none),
 *   documents [{number, name, copies, original, original_label, form}],
 *   forms [{title, file, url, type, size, size_text}], has_forms,
 *   audience_list, steps_list, conditions_list, result_list (arrays of
 *   strings), legal_basis [{title, url, number}], processing_time_text,
 *   processing_days, status {code, label}, is_abolished, is_amended,
 *   effective (date forms), share {email, facebook}, feedback_mailto,
 *   lookup_url (site.yaml dossier_lookup with {code} filled in),
 *   page_feedback_url (site.yaml page_feedback: a form with {url} and
 *   {title} filled in, or a mailto: link to the address given),
 *   has_guide (the Markdown body is not blank), jsonld (a JSON string
 *   safe inside <script>). */
void mc_procedure_facts(json_t *card, const mc_page *p, const mc_site *site);

/* Adds the index outputs to the model: /thu-tuc/ (or the folder of the
 * procedure section), the filter pages and the A–Z page. pages: the
 * section's published, not abolished, Vietnamese procedures in A–Z order.
 * list: extra keys for every page's "list" object (title, intro_file...),
 * consumed. */
void mc_procedure_index_add(struct mc_model *m, const char *section, const mc_page *const *pages,
                            size_t n, json_t *list);

#endif
