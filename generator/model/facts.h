/* facts.h — ready-made values templates need but cannot compute.
 *
 * Templates are logic-less, so a fee of 0 cannot become "Miễn phí" and a
 * ward id cannot become its name inside a template. mc_facts_add puts such
 * values on a page's card, by kind:
 *   every page     has_summary
 *   procedure      see mc_procedure_facts in procedure.h (fees with
 *                  "Miễn phí", channels, forms with size and type, JSON-LD)
 *   document       see mc_document_facts below
 *   announcement   wards [{id, name}] or all_wards, is_normal / is_urgent /
 *                  is_emergency and priority ("normal" | "urgent" |
 *                  "emergency", from either spelling: lib/priority.h),
 *                  expires (date forms)
 * Values the front matter does not have are left out, never invented.
 *
 * Memory: adds new references to card; returns nothing to free.
 */
#ifndef MC_FACTS_H
#define MC_FACTS_H

#include <jansson.h>
#include "content.h"
#include "site.h"

void mc_facts_add(json_t *card, const mc_page *p, const mc_site *site);

/* A legal document's facts (document_facts.c): doc_type {code, label},
 * status {code, label, ended}, is_ended, number, issuer, issued /
 * effective / ended (date forms), doc_field, signer, document_file {file,
 * url, type, size, size_text} (the PDF or DOCX beside its index.md, inside
 * the site only), has_document_file, official_url, replaces_list
 * [strings]; labels in the page's language. */
void mc_document_facts(json_t *card, const mc_page *p, const mc_site *site);

/* 1 when document p no longer applies: its status ended it (fields.c,
 * ended) or `replaced_by:` names what replaced it. */
int mc_document_ended(const mc_page *p);

/* {file, url, type ("PDF"), size, size_text ("120 KB")} of a file beside
 * page p (a bundle's file); without size when it is not a regular file
 * inside the site (safepath.h: the check reports it). New reference, or
 * NULL when file is not a relative path. */
json_t *mc_bundle_file(const mc_page *p, const mc_site *site, const char *file);

/* "1.500.000 đồng" (vi) or "1,500,000 dong" (en) into buf. */
const char *mc_format_money(long long amount, const char *lang, char *buf, size_t n);

#endif
