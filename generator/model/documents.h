/* documents.h — the legal documents section (văn bản, Nghị định 42/2022
 * Điều 4): the facts a document page shows, the register with its filter
 * pages, and the links from procedures' legal basis to the documents.
 *
 * Facts (mc_document_facts) on a document's card: doc_type {code, label},
 * status {code, label, ended}, is_ended (its status ended it, or another
 * document replaces it), number, issuer, issued / effective / ended (date
 * forms), doc_field, signer, document_file {file, url, type, size,
 * size_text} (the PDF or DOCX beside its index.md, inside the site only),
 * has_document_file, official_url (the official text), replaces_list
 * [strings]; labels in the page's language.
 *
 * Register (mc_documents_index_add): /van-ban/ lists every document,
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

void mc_document_facts(json_t *card, const mc_page *p, const mc_site *site);

/* Adds /SECTION/ and its filter pages (template "documents"). pages: the
 * section's published Vietnamese documents; list: extra keys of every
 * page's "list" object, consumed. */
void mc_documents_index_add(struct mc_model *m, const char *section, const mc_page *const *pages,
                            size_t n, json_t *list);

/* The "documents" pass: links legal-basis entries and documents (above);
 * a build's warnings for procedures citing ended documents go to errs. */
int mc_documents_link(struct mc_model *m, mc_diag_list *errs);

/* One warning per legal-basis entry of page p (a published page of the
 * model, after mc_documents_link) that cites a document no longer in
 * force, at FILE:LINE of the entry; none for an abolished procedure
 * (status: bai_bo), which keeps the basis it had. Returns their number. */
int mc_documents_basis_problems(const struct mc_model *m, const mc_page *p, mc_diag_list *out);

#endif
