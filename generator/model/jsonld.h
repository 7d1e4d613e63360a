/* jsonld.h — schema.org structured data as JSON-LD, built with Jansson.
 *
 * Templates cannot escape JSON, so the generator builds each block here and
 * puts the finished text in the context; the template prints it raw inside
 * <script type="application/ld+json">. The text is safe there: every "</"
 * is written "<\/" and every "<!--" as "\u003c!--", so no value can end the
 * script element or open an HTML comment in it.
 *
 *   GovernmentService  a procedure: name, identifier (the national code),
 *                      url, description, serviceType (field), provider
 *                      (agency), areaServed, audience, availableChannel
 *                      (office with address and hours; online URL),
 *                      offers (fees in VND), inLanguage.
 *   BreadcrumbList     the trail above a page (home, section, field) and
 *                      the page itself, with absolute URLs.
 *   GovernmentOffice   the one-stop centre from site.yaml one_stop: name,
 *                      address, telephone, email, url, hasMap, geo,
 *                      openingHoursSpecification.
 *
 * Memory: every function returns a new string the caller frees, or NULL
 * when there is nothing to describe (or out of memory).
 */
#ifndef MC_JSONLD_H
#define MC_JSONLD_H

#include <jansson.h>
#include "content.h"
#include "site.h"

/* JSON text of v, safe inside a <script> element. */
char *mc_jsonld_text(const json_t *v);

/* The GovernmentService of procedure page p whose card is already filled
 * with its facts (permalink, fees, channels, online). */
char *mc_jsonld_service(const json_t *card, const mc_page *p, const mc_site *site);

/* The GovernmentOffice of the site's one-stop centre, in lang ("vi" or
 * "en": name_en and address_en are used when present); url is the page's
 * permalink (may be NULL). NULL when site.yaml has no one_stop. */
char *mc_jsonld_office(const mc_site *site, const char *lang, const char *url);

/* The BreadcrumbList of a page: trail [{name, url}] (URLs from the site's
 * base path, made absolute with origin, "https://x.example"), then the
 * page's title and permalink. NULL when there is no trail above the page. */
char *mc_jsonld_breadcrumb(const json_t *trail, const char *title, const char *permalink,
                           const char *origin);

/* The office object itself (for embedding in a service). New reference. */
json_t *mc_jsonld_office_object(const mc_site *site, const char *lang, const char *url);

#endif
