/* documents.h — the legal documents section (văn bản, Nghị định 42/2022
 * Điều 4): the facts a document page shows, the register with its filter
 * pages, and the links from procedures' legal basis to the documents.
 *
 * The facts of one document's card are document_facts.c's (facts.h).
 *
 * Register (mc_documents_register, the "register" model pass, after the
 * section lists): /van-ban/ lists every document,
 * newest issue date first, with filter links by kind (/van-ban/loai/
 * nghi-dinh/), issuing body (/van-ban/co-quan/chinh-phu/), year of issue
 * (/van-ban/nam/2010/), field (/van-ban/linh-vuc/ho-tich/) and status
 * (/van-ban/tinh-trang/het-hieu-luc/): ready pages, so filtering works
 * without JavaScript. Only values some document has get a page.
 *
 * Links (mc_documents_link, the "documents" model pass, before any page
 * is final): a document is found by its number whatever way it is written
 * ("63/2010/NĐ-CP", "63/2010/ND-CP", "63/2010/nđ-cp" are one: the number's
 * slug). Each procedure legal-basis entry whose number (its `number:` or
 * the first number in its title) names a document gets doc_url, doc_number,
 * doc_status (the status label), doc_ended, doc_replaced_by {number, in_register, url};
 * each document card gets replaced_by_doc {number, in_register, url, title} and
 * replaces_docs [the same] for the numbers it replaces.
 * Procedures citing a document that has ended are warnings in the build
 * and failures of `motcua check` (mc_documents_basis_problems).
 *
 * Memory: facts and links add new references to cards; nothing returned
 * needs freeing.
 */
#ifndef MC_DOCUMENTS_H
#define MC_DOCUMENTS_H

#include <jansson.h>
#include "content.h"
#include "diag.h"
#include "site.h"

struct mc_model;

/* Adds, for every folder of the documents kind, /SECTION/ and its filter
 * pages (template "documents"; without it, model.c makes a plain list).
 * Returns 0, or -1 when out of memory (errs). */
int mc_documents_register(struct mc_model *m, mc_diag_list *errs);

/* The "documents" pass: links legal-basis entries and documents (above);
 * a build's warnings for procedures citing ended documents go to errs. */
int mc_documents_link(struct mc_model *m, mc_diag_list *errs);

/* One warning per legal-basis entry of page p (a published page of the
 * model, after mc_documents_link) that cites a document no longer in
 * force, at FILE:LINE of the entry; none for an abolished procedure
 * (status: bai_bo), which keeps the basis it had. Returns their number. */
int mc_documents_basis_problems(const struct mc_model *m, const mc_page *p, mc_diag_list *out);

#endif
