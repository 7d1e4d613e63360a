/* editor_config.h — the configuration of the content editor (Decap CMS)
 * behind /admin/, made from the page kinds (kinds.h) and their field
 * tables (fields.h): nothing here lists a kind or a key by hand.
 *
 * One collection per kind: its folder under content/ (the page kind's is
 * content/ itself, one level deep), new pages as bundles
 * (FOLDER/SLUG/index.md) with their files beside index.md, and the
 * fields: title, date, then every key of the kind's table in its order,
 * then the body. Each field has its Vietnamese label, its hint (or its
 * example), "required" as the publishing rules say, the default `motcua
 * new` writes, and a widget chosen by its type from one table:
 *   text, duration   string              url      string with a pattern
 *   texts, tags      list of strings     choice   select of codes with
 *   count, money     whole number >= 0            their Vietnamese labels
 *   date             date (YYYY-MM-DD)   datetimes list of date-times
 *   list             list of objects with its item table's fields
 *   file             file (kept beside the page)   bool   yes/no
 *   wards            list of ward ids
 * The slug of a new page is `motcua slug` of its title: with the local
 * backend (name "proxy") the page's script asks it (editor_backend.h,
 * action "slug") before saving and the collection's slug template reads
 * the answer (MC_EDITOR_SLUG_KEY); with a Git host's backend Decap makes
 * it ("{{slug}}", ASCII, accents removed: đ -> d too).
 *
 * Memory: the returned config is a new reference for the caller.
 */
#ifndef MC_EDITOR_CONFIG_H
#define MC_EDITOR_CONFIG_H

#include <jansson.h>
#include "kinds.h"

/* The data key the editor's script sets to the slug before a save; the
 * backend never writes it to a file. */
#define MC_EDITOR_SLUG_KEY "motcua_slug"

/* The config for Decap CMS: backend (an object such as {"name": "proxy",
 * "proxy_url": ...} or a Git host's; the reference is taken), site_url
 * (where pages are previewed; may be NULL). NULL when out of memory. */
json_t *mc_editor_config(json_t *backend, const char *site_url);

/* The kind whose collection holds the site-relative path
 * ("content/thu-tuc/x/index.md"), as the config above lays them out, or
 * NULL when none does (not under content/, or too deep). */
const mc_kind *mc_editor_kind_of(const char *path);

#endif
