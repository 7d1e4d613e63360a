/* search_synonyms.c — popular names added where official words are (see
 * search_synonyms.h). Official phrases are kept folded, padded with one
 * space each side (" giay chung nhan quyen su dung dat "), and looked for
 * in the folded syllables of a field's text, padded the same way: a whole
 * syllable sequence, never part of one. */
#include "search_synonyms.h"
#include "syllables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct group {
    char **official;   /* folded and padded */
    size_t nofficial;
    const char **also; /* as written (borrowed from the site data) */
    size_t nalso;
} group;

struct mc_synonyms {
    group *v;
    size_t n;
};

#define FILE_NAME "data/synonyms.yaml"

void mc_synonyms_free(mc_synonyms *s)
{
    for (size_t i = 0; s && i < s->n; i++) {
        for (size_t k = 0; k < s->v[i].nofficial; k++) free(s->v[i].official[k]);
        free(s->v[i].official);
        free(s->v[i].also);
    }
    if (s) free(s->v);
    free(s);
}

/* A string or a list of strings: how many, or -1 when it is neither or
 * empty. */
static int strings(const json_t *v)
{
    if (json_is_string(v)) return json_string_length(v) ? 1 : -1;
    if (!json_is_array(v) || !json_array_size(v)) return -1;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) if (!json_is_string(e) || !json_string_length(e)) return -1;
    return (int)json_array_size(v);
}

static const char *nth(const json_t *v, size_t k)
{
    return json_is_string(v) ? json_string_value(v) : json_string_value(json_array_get(v, k));
}

static char *padded_fold(const char *s)
{
    char *f = mc_syllables_folded(s, strlen(s), NULL);
    size_t n = f ? strlen(f) : 0;
    char *out = f && n ? malloc(n + 3) : NULL;
    if (out) snprintf(out, n + 3, " %s ", f);
    free(f);
    return out;
}

int mc_synonyms_load(const mc_site *site, mc_synonyms **out, mc_diag_list *errs)
{
    *out = NULL;
    json_t *data = json_object_get(site->data, "synonyms");
    if (!data) return 0;
    if (!json_is_array(data))
        return mc_diag_list_error(errs, FILE_NAME, 1, "the file must be a list of groups, each "
                                  "'- official: [...]' and 'also: [...]'");
    mc_synonyms *s = calloc(1, sizeof *s);
    s->v = s ? calloc(json_array_size(data) + 1, sizeof *s->v) : NULL;
    if (!s || !s->v) {
        mc_synonyms_free(s);
        return mc_diag_list_oom(errs);
    }
    size_t before = errs->errors, i;
    json_t *item;
    json_array_foreach(data, i, item) {
        json_t *official = json_object_get(item, "official"), *also = json_object_get(item, "also");
        int no = strings(official), na = strings(also);
        if (no < 0 || na < 0) {
            mc_diag_list_error(errs, FILE_NAME, 1, "group %zu: needs 'official:' and 'also:', each a "
                               "phrase or a list of phrases, e.g. official: [\"Giấy chứng nhận "
                               "quyền sử dụng đất\"] also: [\"sổ đỏ\", \"sổ hồng\"]", i + 1);
            continue;
        }
        group *g = &s->v[s->n++];
        g->official = calloc((size_t)no, sizeof *g->official);
        g->also = calloc((size_t)na, sizeof *g->also);
        if (!g->official || !g->also) { mc_diag_list_oom(errs); break; }
        for (int k = 0; k < no; k++) {
            char *f = padded_fold(nth(official, (size_t)k));
            if (f) g->official[g->nofficial++] = f;
        }
        for (int k = 0; k < na; k++) g->also[g->nalso++] = nth(also, (size_t)k);
    }
    if (errs->errors != before) {
        mc_synonyms_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int mc_synonyms_add(const mc_synonyms *s, mc_sindex *ix, int field, const char *text, size_t n,
                    mc_diag *d)
{
    if (!s || !s->n || !n) return 0;
    char *f = mc_syllables_folded(text, n, d);
    if (!f) return -1;
    size_t len = strlen(f);
    char *hay = malloc(len + 3);
    if (!hay) {
        free(f);
        return mc_diag_oom(d, NULL);
    }
    snprintf(hay, len + 3, " %s ", f);
    free(f);
    int status = 0;
    for (size_t i = 0; !status && i < s->n; i++) {
        const group *g = &s->v[i];
        int found = 0;
        for (size_t k = 0; !found && k < g->nofficial; k++) found = strstr(hay, g->official[k]) != NULL;
        for (size_t k = 0; found && !status && k < g->nalso; k++)
            status = mc_sindex_add_text(ix, field, g->also[k], strlen(g->also[k]), d);
    }
    free(hay);
    return status;
}
