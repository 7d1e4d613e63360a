/* site.h — a site folder's configuration: site.yaml with embedded defaults,
 * theme words (i18n), and the data/ files templates may read.
 *
 * Defaults are compiled in, so a site.yaml with only a title builds. Keys
 * the generator reads (all optional except title):
 *   title, base_url, language (vi), theme (default), pagination.page_size,
 *   markdown.unsafe, sections: {folder: kind}, menus, and anything else,
 *   which templates see unchanged under "site".
 * Theme words come from themes/<theme>/i18n/<lang>.yaml, overridden key by
 * key by the site's own i18n/<lang>.yaml.
 *
 * Memory: mc_site owns every field; mc_site_free releases them.
 */
#ifndef MC_SITE_H
#define MC_SITE_H

#include <jansson.h>
#include "diag.h"

typedef struct mc_site {
    char *root;           /* site folder */
    char *theme_dir;      /* root/themes/<theme> */
    json_t *config;       /* site.yaml merged over the defaults */
    json_t *config_lines; /* line map of site.yaml (yamljson.h) */
    json_t *words;        /* {"vi": {...}, "en": {...}} theme words per language */
    json_t *data;         /* data/NAME.yaml|json -> value under "NAME" */
    char *base_url;       /* with a trailing '/', e.g. "https://x.example/portal/" */
    char *base_path;      /* path part of base_url: "/portal/" or "/" */
    int page_size;
    int unsafe_html;
    int root_fd;          /* root, open, for opening files by their relative path
                             (shorter lookups: 10,000 pages are read twice); or -1 */
} mc_site;

/* Loads SITE/site.yaml, the theme's and the site's i18n files and data/.
 * base_url_override (from --base-url) may be NULL. Every problem found is
 * appended to errs; returns 0 when there were no errors. */
int mc_site_load(mc_site *site, const char *root, const char *base_url_override,
                 mc_diag_list *errs);

void mc_site_free(mc_site *site);

/* Whether any of the theme's templates mentions word ("qr_svg"): values
 * that cost time to make are made only for a theme that shows them. */
int mc_site_theme_uses(const mc_site *site, const char *word);

/* Whether the theme has templates/NAME.mustache. */
int mc_site_has_template(const mc_site *site, const char *name);

/* Opens SITE/rel for reading; -1 with errno set on failure. */
int mc_site_open(const mc_site *site, const char *rel);

/* Kind of the pages in a top-level content folder (sections: in site.yaml,
 * whose defaults map thu-tuc, tin-tuc and thong-bao); the page kind for a
 * folder it does not name. Static (kinds.h). */
const struct mc_kind *mc_site_section_kind(const mc_site *site, const char *folder);

/* Site-relative line of a site.yaml key path, 0 when unknown. */
/* 1 when site.yaml has an audio: section not turned off by enabled: (any
 * yesno.h spelling of no). */
int mc_site_audio_on(const mc_site *site);

int mc_site_line(const mc_site *site, const char *path);

#endif
