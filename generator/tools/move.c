/* move.c — rename a page file or bundle and keep its old address (move.h).
 *
 * Order of work: check both paths, load the page(s) to learn the old URL,
 * rename, load them again for the new URL, add the alias, rewrite links in
 * the other pages. A failure after the rename renames back, so a move is
 * whole or not at all (links already rewritten are written back too).
 */
#include "move.h"
#include "content.h"
#include "fileio.h"
#include "model.h"
#include "safepath.h"
#include "site.h"
#include "strf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_PAGES 2 /* a page and its English translation */

typedef struct move {
    const char *root;
    mc_site site;
    char *old_rel, *new_rel;          /* content-relative: the file or the folder */
    int bundle;
    size_t npages;
    char *old_pages[MAX_PAGES];       /* content-relative page files */
    char *new_pages[MAX_PAGES];
    char *old_urls[MAX_PAGES];        /* "/thu-tuc/a/" */
    char *new_urls[MAX_PAGES];
    char *undo_path[64];              /* files whose old text is kept for a rollback */
    char *undo_text[64];
    size_t undo_len[64], nundo;
} move;

static int fail(mc_diag_list *errs, const char *file, int line, const char *fmt, const char *a,
                const char *b)
{
    mc_diag d;
    mc_diag_set(&d, file, line, 0, fmt, a, b);
    return mc_diag_list_add(errs, &d);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* "content/a/b.md" or "a/b.md" or "a/b/" -> "a/b.md" / "a/b"; NULL when it
 * leaves content/. */
static char *content_rel(const char *path)
{
    if (!strncmp(path, "./", 2)) path += 2;
    if (!strncmp(path, "content/", 8)) path += 8;
    char *norm = mc_path_normalize(path);
    if (norm && !norm[0]) {
        free(norm);
        return NULL;
    }
    return norm;
}

static char *abs_path(const move *mv, const char *rel)
{
    return mc_strf("%s/content/%s", mv->root, rel);
}

/* The kind of content/rel without following a link: 'f' file, 'd' folder,
 * 'l' link or other, 0 when it does not exist. */
static char kind_of(const move *mv, const char *rel)
{
    char *p = abs_path(mv, rel);
    struct stat st;
    char k = 0;
    if (p && lstat(p, &st) == 0) k = S_ISREG(st.st_mode) ? 'f' : S_ISDIR(st.st_mode) ? 'd' : 'l';
    free(p);
    return k;
}

/* Fills mv's paths from the command line's; errors name the argument. */
static int plan(move *mv, const char *old_path, const char *new_path, mc_diag_list *errs)
{
    mv->old_rel = content_rel(old_path);
    mv->new_rel = content_rel(new_path);
    if (!mv->old_rel) return fail(errs, old_path, 0, "not a path inside the content folder; give "
                                  "it like content/thu-tuc/ten-cu.md%s%s", "", "");
    if (!mv->new_rel) return fail(errs, new_path, 0, "not a path inside the content folder; give "
                                  "it like content/thu-tuc/ten-moi.md%s%s", "", "");
    /* neither may reach outside the site through a symbolic link */
    char *content = mc_strf("%s/content", mv->root);
    const char *rels[2] = {mv->old_rel, mv->new_rel}, *given[2] = {old_path, new_path};
    for (int i = 0; i < 2; i++) {
        mc_diag d;
        char *joined = content ? mc_path_join(content, rels[i], &d) : NULL;
        if (!joined) {
            free(content);
            return fail(errs, given[i], 0, "%s%s", content ? d.message : "out of memory", "");
        }
        free(joined);
    }
    free(content);
    const char *base = strrchr(mv->old_rel, '/') ? strrchr(mv->old_rel, '/') + 1 : mv->old_rel;
    if (!strcmp(base, "index.md") || !strcmp(base, "index.en.md")) {
        *strrchr(mv->old_rel, '/') = '\0'; /* a bundle's page: move the bundle */
        if (ends_with(mv->new_rel, "/index.md")) mv->new_rel[strlen(mv->new_rel) - 9] = '\0';
    }
    char k = kind_of(mv, mv->old_rel);
    base = strrchr(mv->old_rel, '/') ? strrchr(mv->old_rel, '/') + 1 : mv->old_rel;
    if (k == 'l') return fail(errs, old_path, 0, "is a symbolic link or a special file; move "
                              "the page it stands for%s%s", "", "");
    if (!k) return fail(errs, old_path, 0, "does not exist in the content folder%s%s", "", "");
    if (base[0] == '_' || base[0] == '.')
        return fail(errs, old_path, 0, "is a section's text or a hidden file, which has no "
                    "address of its own; move a page%s%s", "", "");
    if (k == 'd') {
        char *index = mc_strf("%s/index.md", mv->old_rel);
        int has_index = index && kind_of(mv, index) == 'f';
        free(index);
        if (!has_index) return fail(errs, old_path, 0, "is a folder without index.md, not a page "
                                    "bundle; move its pages one by one%s%s", "", "");
        mv->bundle = 1;
        if (ends_with(mv->new_rel, ".md"))
            return fail(errs, new_path, 0, "a bundle moves to a folder: give the new folder "
                        "name without .md%s%s", "", "");
        size_t n = strlen(mv->old_rel);
        if (!strncmp(mv->new_rel, mv->old_rel, n) && mv->new_rel[n] == '/')
            return fail(errs, new_path, 0, "is inside the bundle being moved%s%s", "", "");
    } else {
        if (!ends_with(mv->old_rel, ".md")) return fail(errs, old_path, 0, "is not a page "
                                                        "(a .md file) nor a bundle folder%s%s", "", "");
        if (ends_with(mv->old_rel, ".en.md"))
            return fail(errs, old_path, 0, "is a translation; move the Vietnamese page, and "
                        "its translation moves with it%s%s", "", "");
        if (!ends_with(mv->new_rel, ".md") || ends_with(mv->new_rel, ".en.md"))
            return fail(errs, new_path, 0, "give the new file name with .md (the English "
                        "translation is named after it)%s%s", "", "");
    }
    if (kind_of(mv, mv->new_rel))
        return fail(errs, new_path, 0, "already exists; choose another name or remove it "
                    "first%s%s", "", "");
    /* the page files: the Vietnamese one and, when there, its translation */
    for (int en = 0; en < 2; en++) {
        char *o, *n;
        if (mv->bundle) {
            o = mc_strf("%s/index%s.md", mv->old_rel, en ? ".en" : "");
            n = mc_strf("%s/index%s.md", mv->new_rel, en ? ".en" : "");
        } else {
            size_t ol = strlen(mv->old_rel) - 3, nl = strlen(mv->new_rel) - 3;
            o = mc_strf("%.*s%s.md", (int)ol, mv->old_rel, en ? ".en" : "");
            n = mc_strf("%.*s%s.md", (int)nl, mv->new_rel, en ? ".en" : "");
        }
        if (o && n && kind_of(mv, o) == 'f') {
            if (en && kind_of(mv, n))
                return fail(errs, new_path, 0, "its translation %s already exists; choose "
                            "another name%s", n, "");
            mv->old_pages[mv->npages] = o;
            mv->new_pages[mv->npages++] = n;
        } else {
            free(o);
            free(n);
        }
    }
    return 0;
}

/* "/thu-tuc/a/" of the page file content/rel. */
static char *url_of(move *mv, const char *rel, mc_page *p, mc_diag_list *errs)
{
    if (mc_page_load(p, &mv->site, rel, errs) != 0) return NULL;
    char *path = mc_model_page_path(p);
    char *url = path ? mc_strf("/%s", path) : NULL;
    free(path);
    return url;
}

/* Keeps the text of a file about to be changed, for a rollback. */
static void keep_for_undo(move *mv, const char *path, const char *text, size_t len)
{
    if (mv->nundo >= sizeof mv->undo_path / sizeof mv->undo_path[0]) return;
    mv->undo_path[mv->nundo] = strdup(path);
    mv->undo_text[mv->nundo] = malloc(len + 1);
    if (mv->undo_text[mv->nundo]) memcpy(mv->undo_text[mv->nundo], text, len);
    mv->undo_len[mv->nundo++] = len;
}

/* Start of line `line` (1-based) in text, or NULL. */
static char *line_start(char *text, int line)
{
    char *s = text;
    for (int i = 1; s && i < line; i++) {
        s = strchr(s, '\n');
        if (s) s++;
    }
    return s;
}

/* text with ins inserted at offset at; caller frees. */
static char *insert_at(const char *text, size_t at, const char *ins)
{
    return mc_strf("%.*s%s%s", (int)at, text, ins, text + at);
}

/* The front matter of page p (loaded from path) with url added to its
 * aliases; NULL with an error when its shape is not one this knows. */
static char *with_alias(const mc_page *p, char *text, size_t len, const char *url,
                        mc_diag_list *errs)
{
    json_t *aliases = json_object_get(p->params, "aliases");
    const char *eol = strstr(text, "\r\n") ? "\r\n" : "\n";
    if (!aliases) { /* a new line before the closing --- */
        char *close = NULL;
        for (char *s = strchr(text, '\n'); s && !close; s = strchr(s + 1, '\n'))
            if (!strncmp(s + 1, "---", 3) && (s[4] == '\n' || s[4] == '\r' || s[4] == '\0')) close = s + 1;
        if (strncmp(text, "---", 3) != 0 && strncmp(text, "\xEF\xBB\xBF---", 6) != 0) close = NULL;
        if (!close) {
            fail(errs, p->file, 1, "has no front matter to add the alias %s to; add "
                 "'aliases: [%s]' by hand", url, url);
            return NULL;
        }
        char *line = mc_strf("aliases: [\"%s\"]%s", url, eol);
        char *out = line ? insert_at(text, (size_t)(close - text), line) : NULL;
        free(line);
        return out;
    }
    if (!json_is_array(aliases)) {
        fail(errs, p->file, mc_page_line(p, "aliases"), "'aliases:' is not a list; make it one, "
             "like aliases: [%s]%s", url, "");
        return NULL;
    }
    size_t n = json_array_size(aliases);
    char *key_line = line_start(text, mc_page_line(p, "aliases"));
    char *key_end = key_line ? strchr(key_line, '\n') : NULL;
    char *open = key_line ? memchr(key_line, '[', (size_t)((key_end ? key_end : text + len) - key_line))
                          : NULL;
    if (open) { /* flow: [a, b] on the key's line */
        char *close = NULL;
        for (char *c = open; c < (key_end ? key_end : text + len); c++)
            if (*c == ']') close = c;
        if (!close) {
            fail(errs, p->file, mc_page_line(p, "aliases"), "the 'aliases:' list spans several "
                 "lines; add %s to it by hand%s", url, "");
            return NULL;
        }
        char *item = mc_strf("%s\"%s\"", n ? ", " : "", url);
        char *out = item ? insert_at(text, (size_t)(close - text), item) : NULL;
        free(item);
        return out;
    }
    if (n == 0) {
        fail(errs, p->file, mc_page_line(p, "aliases"), "the 'aliases:' list is empty but not "
             "written as []; write aliases: [%s]%s", url, "");
        return NULL;
    }
    char key[64];
    snprintf(key, sizeof key, "aliases/%zu", n - 1);
    char *last = line_start(text, mc_page_line(p, key));
    char *dash = last ? strchr(last, '-') : NULL;
    char *last_end = last ? strchr(last, '\n') : NULL;
    if (!dash || !last_end || dash > last_end) {
        fail(errs, p->file, mc_page_line(p, "aliases"), "cannot find the last item of "
             "'aliases:'; add %s to it by hand%s", url, "");
        return NULL;
    }
    char *item = mc_strf("%.*s- \"%s\"%s", (int)(dash - last), last, url, eol);
    char *out = item ? insert_at(text, (size_t)(last_end + 1 - text), item) : NULL;
    free(item);
    return out;
}

/* Adds url to the aliases of the page file at rel (already moved). */
static int add_alias(move *mv, const char *rel, const mc_page *p, const char *url,
                     mc_move_result *r, mc_diag_list *errs)
{
    size_t n;
    json_t *a;
    json_array_foreach(json_object_get(p->params, "aliases"), n, a) {
        const char *s = json_string_value(a);
        char *clean = s ? mc_path_normalize(s[0] == '/' ? s + 1 : s) : NULL;
        char *norm = clean ? mc_strf("/%s/", clean) : NULL;
        int same = norm && !strcmp(norm, url);
        free(clean);
        free(norm);
        if (same) return 0; /* already there */
    }
    char *path = abs_path(mv, rel);
    mc_diag d;
    size_t len = 0;
    char *text = path ? mc_read_file(path, &len, &d) : NULL;
    char *edited = text ? with_alias(p, text, len, url, errs) : NULL;
    int status = -1;
    if (!text) {
        mc_diag_list_add(errs, &d);
    } else if (edited) {
        if (mc_write_atomic(path, edited, strlen(edited), &d) != 0) {
            mc_diag_list_add(errs, &d);
        } else {
            r->aliases_added++;
            status = 0;
        }
    }
    free(edited);
    free(text);
    free(path);
    return status;
}

/* Path from folder dir to the content-relative file target: the shared
 * leading folders dropped, one "../" for each folder of dir left. */
static char *relative(const char *dir, const char *target)
{
    const char *d = dir, *t = target;
    while (*d) {
        size_t dl = strcspn(d, "/"), tl = strcspn(t, "/");
        if (t[tl] != '/' || dl != tl || strncmp(d, t, dl) != 0) break;
        d += dl;
        t += tl + 1;
        if (*d == '/') d++;
    }
    size_t ups = 0;
    if (*d) {
        ups = 1;
        for (const char *c = d; *c; c++) ups += *c == '/';
    }
    char *out = malloc(3 * ups + strlen(t) + 1);
    if (!out) return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < ups; i++) strcat(out, "../");
    strcat(out, t);
    return out;
}

/* Rewrites, in page q's file, every link whose target resolves to one of
 * the moved page files. */
static int rewrite_links(move *mv, const mc_page *q, mc_move_result *r, mc_diag_list *errs)
{
    json_t *changes = json_object(); /* target as written -> new target */
    for (size_t i = 0; i < q->n_md_links; i++) {
        const char *t = q->md_links[i];
        char *joined = q->dir[0] ? mc_strf("%s/%s", q->dir, t) : strdup(t);
        char *norm = joined ? mc_path_normalize(joined) : NULL;
        for (size_t k = 0; norm && k < mv->npages; k++) {
            if (strcmp(norm, mv->old_pages[k]) != 0) continue;
            char *to = relative(q->dir, mv->new_pages[k]);
            if (to) json_object_set_new(changes, t, json_string(to));
            free(to);
        }
        free(joined);
        free(norm);
    }
    if (!json_object_size(changes)) {
        json_decref(changes);
        return 0;
    }
    char *path = abs_path(mv, q->rel);
    mc_diag d;
    size_t len = 0;
    char *text = path ? mc_read_file(path, &len, &d) : NULL;
    int status = text ? 0 : -1;
    if (!text) mc_diag_list_add(errs, &d);
    for (size_t pos = 0; text && pos < len; pos++) { /* "](target" and "]: target" */
        if (text[pos] != ']' || (text[pos + 1] != '(' && text[pos + 1] != ':')) continue;
        size_t start = pos + 2;
        while (text[start] == ' ' || text[start] == '<') start++;
        const char *from;
        json_t *to;
        json_object_foreach(changes, from, to) {
            size_t fl = strlen(from);
            if (strncmp(text + start, from, fl) != 0 || !strchr(")#> \t\n\"", text[start + fl]))
                continue;
            char *edited = mc_strf("%.*s%s%s", (int)start, text, json_string_value(to),
                                   text + start + fl);
            if (!edited) break;
            free(text);
            text = edited;
            len = strlen(text);
            break;
        }
    }
    if (text && status == 0) {
        size_t olen = 0;
        char *old = mc_read_file(path, &olen, NULL);
        if (old) keep_for_undo(mv, path, old, olen);
        free(old);
        if (mc_write_atomic(path, text, len, &d) != 0) {
            mc_diag_list_add(errs, &d);
            status = -1;
        } else {
            r->links_updated++;
        }
    }
    free(text);
    free(path);
    json_decref(changes);
    return status;
}

/* Every other page: its links to the moved files follow them. */
static int rewrite_all_links(move *mv, mc_move_result *r, mc_diag_list *errs)
{
    mc_scan scan;
    if (mc_content_scan(mv->root, &scan, errs) != 0) return -1;
    int status = 0;
    size_t nl = strlen(mv->new_rel);
    for (size_t i = 0; i < scan.npages && status == 0; i++) {
        const char *rel = scan.pages[i];
        if (mv->bundle ? (!strncmp(rel, mv->new_rel, nl) && rel[nl] == '/')
                       : (!strcmp(rel, mv->new_pages[0]) ||
                          (mv->npages > 1 && !strcmp(rel, mv->new_pages[1]))))
            continue; /* links inside the moved page keep their relative targets */
        mc_page q;
        mc_diag_list ignored = {0};
        if (mc_page_load(&q, &mv->site, rel, &ignored) == 0) status = rewrite_links(mv, &q, r, errs);
        mc_diag_list_free(&ignored);
        mc_page_free(&q);
    }
    mc_scan_free(&scan);
    return status;
}

static int rename_rel(const move *mv, const char *from, const char *to, mc_diag_list *errs)
{
    char *a = abs_path(mv, from), *b = abs_path(mv, to);
    mc_diag d;
    int status = a && b && mc_mkdir_parent(b, &d) == 0 && rename(a, b) == 0 ? 0 : -1;
    if (status != 0) fail(errs, a ? a : from, 0, "cannot move it: %s%s", strerror(errno), "");
    free(a);
    free(b);
    return status;
}

/* Renames the page files (or the bundle); back = 1 renames them back. */
static int rename_pages(const move *mv, int back, mc_diag_list *errs)
{
    if (mv->bundle)
        return back ? rename_rel(mv, mv->new_rel, mv->old_rel, errs)
                    : rename_rel(mv, mv->old_rel, mv->new_rel, errs);
    for (size_t k = 0; k < mv->npages; k++) {
        if (back) {
            rename_rel(mv, mv->new_pages[k], mv->old_pages[k], errs);
        } else if (rename_rel(mv, mv->old_pages[k], mv->new_pages[k], errs) != 0) {
            while (k-- > 0) rename_rel(mv, mv->new_pages[k], mv->old_pages[k], errs);
            return -1;
        }
    }
    return 0;
}

static void undo_edits(move *mv)
{
    for (size_t i = 0; i < mv->nundo; i++)
        if (mv->undo_path[i] && mv->undo_text[i])
            mc_write_atomic(mv->undo_path[i], mv->undo_text[i], mv->undo_len[i], NULL);
}

static void move_free(move *mv)
{
    free(mv->old_rel);
    free(mv->new_rel);
    for (size_t k = 0; k < MAX_PAGES; k++) {
        free(mv->old_pages[k]);
        free(mv->new_pages[k]);
        free(mv->old_urls[k]);
        free(mv->new_urls[k]);
    }
    for (size_t i = 0; i < mv->nundo; i++) {
        free(mv->undo_path[i]);
        free(mv->undo_text[i]);
    }
    mc_site_free(&mv->site);
}

int mc_move_page(const char *root, const char *old_path, const char *new_path,
                 mc_move_result *r, mc_diag_list *errs)
{
    memset(r, 0, sizeof *r);
    move mv;
    memset(&mv, 0, sizeof mv);
    mv.root = root;
    size_t before = errs->errors;
    if (mc_site_load(&mv.site, root, NULL, errs) != 0 || plan(&mv, old_path, new_path, errs) != 0) {
        move_free(&mv);
        return -1;
    }
    mc_page pages[MAX_PAGES];
    memset(pages, 0, sizeof pages);
    for (size_t k = 0; k < mv.npages; k++) {
        mc_page old;
        mv.old_urls[k] = url_of(&mv, mv.old_pages[k], &old, errs);
        mc_page_free(&old);
    }
    int moved = errs->errors == before && rename_pages(&mv, 0, errs) == 0;
    for (size_t k = 0; moved && k < mv.npages; k++)
        mv.new_urls[k] = url_of(&mv, mv.new_pages[k], &pages[k], errs);
    for (size_t k = 0; moved && k < mv.npages && errs->errors == before; k++) {
        if (!mv.old_urls[k] || !mv.new_urls[k] || !strcmp(mv.old_urls[k], mv.new_urls[k])) continue;
        char *path = abs_path(&mv, mv.new_pages[k]);
        size_t len = 0;
        char *text = path ? mc_read_file(path, &len, NULL) : NULL;
        if (text) keep_for_undo(&mv, path, text, len);
        free(text);
        free(path);
        add_alias(&mv, mv.new_pages[k], &pages[k], mv.old_urls[k], r, errs);
    }
    if (moved && errs->errors == before) rewrite_all_links(&mv, r, errs);
    for (size_t k = 0; k < mv.npages; k++) mc_page_free(&pages[k]);
    if (moved && errs->errors != before) { /* whole or not at all */
        undo_edits(&mv);
        rename_pages(&mv, 1, errs);
    }
    if (errs->errors == before) {
        r->from = mc_strf("content/%s", mv.old_rel);
        r->to = mc_strf("content/%s", mv.new_rel);
        r->old_url = mv.old_urls[0] ? strdup(mv.old_urls[0]) : NULL;
        r->new_url = mv.new_urls[0] ? strdup(mv.new_urls[0]) : NULL;
    }
    move_free(&mv);
    return errs->errors == before ? 0 : -1;
}

void mc_move_result_free(mc_move_result *r)
{
    free(r->from);
    free(r->to);
    free(r->old_url);
    free(r->new_url);
    memset(r, 0, sizeof *r);
}
