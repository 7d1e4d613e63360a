/* editor_page.h — the page /admin/ of `motcua serve`: Decap CMS (its
 * script served from the editor folder beside it) started with the
 * configuration of editor_config.h and the local backend of
 * editor_backend.h at MC_SERVE_EDITOR_API.
 *
 * The page's own script (plain ES2017):
 *   - adds the session token (X-Motcua-Token, as the recorder sends it) to
 *     the editor's requests to the backend, and to nothing else;
 *   - before a new page is saved, asks the backend for `motcua slug` of
 *     its title and puts it where the collection's slug template reads it
 *     (MC_EDITOR_SLUG_KEY), so the file name is the one `motcua new` and
 *     `motcua slug` make (đ folds to d);
 *   - starts the editor in Vietnamese.
 * The configuration is JSON inside a <script>, with "</" written "<\/".
 *
 * Memory: the returned page is malloc'd for the caller.
 */
#ifndef MC_EDITOR_PAGE_H
#define MC_EDITOR_PAGE_H

#define MC_SERVE_EDITOR "/admin/"
#define MC_SERVE_EDITOR_API "/__motcua/cms"

/* The page for a server reached as host ("127.0.0.1:1313"), with the
 * session token (hex). NULL when out of memory or host has characters
 * other than [A-Za-z0-9.:[]-]. */
char *mc_editor_page(const char *token, const char *host);

/* The page shown when the editor's files are not installed. Static. */
const char *mc_editor_missing_page(void);

#endif
