/* normalize.c — the normaliser object and its pipeline.
 *
 * Design: loa_normalize checks UTF-8 (so errors point at line:column of the
 * source), puts the text in NFC with ICU, lets normalize_markdown.c cut it
 * into utterances and normalize_rules.c speak each one; utterances are joined
 * with '\n'. The normaliser holds only the reading style and the
 * dictionaries, and normalising never changes it.
 */
#include "normalize_internal.h"
#include "normalize_data.h"
#include "fileio.h"
#include "safepath.h"
#include "utf8.h"

#include <sys/stat.h>
#include <unistd.h>

#include <stdlib.h>
#include <string.h>

loa_normalizer *loa_normalizer_new(loa_style style, mc_diag *d)
{
    loa_normalizer *nz = calloc(1, sizeof *nz);
    if (!nz || !(nz->dict = loa_dict_new())) {
        free(nz);
        mc_diag_set(d, NULL, 0, 0, "out of memory creating the text normaliser");
        return NULL;
    }
    nz->style = style;
    for (size_t i = 0; i < loa_builtin_table_count; i++) {
        const loa_builtin_table *t = &loa_builtin_tables[i];
        if (loa_dict_load_text(nz->dict, t->tsv, strlen(t->tsv), t->name, d) != 0) {
            loa_normalizer_free(nz);
            return NULL;
        }
    }
    return nz;
}

int loa_normalizer_load_tsv_text(loa_normalizer *nz, const char *text, size_t len,
                                 const char *name, mc_diag *d)
{
    return loa_dict_load_text(nz->dict, text, len, name, d);
}

int loa_normalizer_load_tsv(loa_normalizer *nz, const char *file, mc_diag *d)
{
    size_t len = 0;
    char *text = mc_read_file(file, &len, d);
    if (!text)
        return -1;
    int rc = loa_normalizer_load_tsv_text(nz, text, len, file, d);
    free(text);
    return rc;
}

int loa_normalizer_load_site(loa_normalizer *nz, const char *site, mc_diag *d)
{
    struct stat st;
    char *dir = strdup(site);
    if (!dir)
        return mc_diag_set(d, site, 0, 0, "out of memory");
    if (stat(site, &st) == 0 && !S_ISDIR(st.st_mode)) { /* SITE/site.yaml */
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
    }
    char *path = mc_path_join(dir, LOA_SITE_DICTIONARY, d);
    free(dir);
    if (!path)
        return -1;
    int rc = access(path, F_OK) == 0 ? loa_normalizer_load_tsv(nz, path, d) : 0;
    free(path);
    return rc;
}

void loa_normalizer_free(loa_normalizer *nz)
{
    if (!nz)
        return;
    loa_dict_free(nz->dict);
    free(nz);
}

typedef struct speak_state {
    const loa_normalizer *nz;
    mc_buf out;
    loa_token_fn trace;
    void *trace_arg;
} speak_state;

static void speak_utterance(void *arg, const char *text, size_t n)
{
    speak_state *st = arg;
    size_t before = st->out.len;
    if (before > 0)
        mc_buf_addc(&st->out, '\n');
    size_t start = st->out.len;
    loa_say_utterance(st->nz, text, n, &st->out, st->trace, st->trace_arg);
    if (st->out.len == start && !st->out.oom) { /* nothing speakable */
        st->out.len = before;
        if (st->out.s)
            st->out.s[before] = '\0';
    }
}

char *loa_normalize(const loa_normalizer *nz, const char *text, size_t len,
                    mc_diag *d)
{
    return loa_normalize_traced(nz, text, len, NULL, NULL, d);
}

char *loa_normalize_traced(const loa_normalizer *nz, const char *text, size_t len,
                           loa_token_fn fn, void *arg, mc_diag *d)
{
    if (mc_utf8_check(text, len, NULL, 1, d) != 0)
        return NULL;
    char *nfc = mc_nfc(text, len, NULL, d);
    if (!nfc)
        return NULL;
    speak_state st = {nz, {NULL, 0, 0, 0}, fn, arg};
    loa_markdown_utterances(nfc, strlen(nfc), speak_utterance, &st);
    free(nfc);
    char *out = mc_buf_take(&st.out, NULL);
    if (!out)
        mc_diag_set(d, NULL, 0, 0, "out of memory normalising text");
    return out;
}

char *loa_normalize_line(const loa_normalizer *nz, const char *text, size_t len,
                         mc_diag *d)
{
    char *lines = loa_normalize(nz, text, len, d);
    if (!lines)
        return NULL;
    mc_buf b;
    mc_buf_init(&b);
    const char *p = lines;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (b.len > 0)
            mc_buf_adds(&b, strchr(",;:.!?", mc_buf_last(&b)) ? " " : ". ");
        mc_buf_add(&b, p, n);
        p += n + (nl ? 1 : 0);
    }
    free(lines);
    char *out = mc_buf_take(&b, NULL);
    if (!out)
        mc_diag_set(d, NULL, 0, 0, "out of memory normalising text");
    return out;
}
