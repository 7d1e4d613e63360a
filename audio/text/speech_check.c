/* speech_check.c — warnings for the tokens the normaliser doubts (see
 * speech_check.h).
 *
 * Design: the normaliser reports each token with the rule that read it and
 * any doubt (loa_normalize_traced). A token's text is a piece of the NFC
 * source, met in source order, so its place is found by searching forward
 * from the previous token's place: one pass over the text, whatever its
 * length. Lines and columns count from first_line; columns are characters.
 */
#include "speech_check.h"
#include "normalize_text.h"

#include <stdlib.h>
#include <string.h>

typedef struct checker {
    const char *file;
    const char *src;     /* NFC source */
    size_t len, pos;     /* where the search resumes */
    int line, col;       /* of src[pos] */
    int first_line, first_col;
    long count;
    mc_diag_list *out;
} checker;

/* Move pos to `to`, counting lines and characters. */
static void advance(checker *k, size_t to)
{
    for (; k->pos < to; k->pos++) {
        unsigned char b = (unsigned char)k->src[k->pos];
        if (b == '\n') {
            k->line++;
            k->col = 1;
        } else if ((b & 0xc0) != 0x80) {
            k->col++;
        }
    }
}

static void on_token(void *arg, const loa_token_note *note)
{
    checker *k = arg;
    if (!note->doubt || note->n == 0)
        return;
    const char *hit = NULL;
    for (size_t i = k->pos; i + note->n <= k->len && !hit; i++)
        if (memcmp(k->src + i, note->text, note->n) == 0)
            hit = k->src + i;
    if (hit)
        advance(k, (size_t)(hit - k->src));
    mc_diag d;
    int spoken = note->spoken_n > 200 ? 200 : (int)note->spoken_n;
    int col = !hit ? 0 : k->line > k->first_line ? k->col
            : k->first_col ? k->first_col - 1 + k->col : 0;
    mc_diag_warn(&d, k->file, k->line, col, "'%.*s' will be read \"%.*s\": %s",
                 (int)(note->n > 100 ? 100 : note->n), note->text, spoken, note->spoken,
                 note->doubt);
    mc_diag_list_add(k->out, &d);
    k->count++;
}

long loa_speech_check(const loa_normalizer *nz, const char *file, int first_line,
                      int first_col, const char *text, size_t len, mc_diag_list *out)
{
    mc_diag d;
    mc_diag_clear(&d);
    char *nfc = mc_nfc(text, len, NULL, &d);
    checker k = {file, nfc, nfc ? strlen(nfc) : 0, 0, first_line, 1, first_line, first_col, 0, out};
    char *spoken = nfc ? loa_normalize_traced(nz, nfc, k.len, on_token, &k, &d) : NULL;
    free(spoken);
    free(nfc);
    if (!spoken) {
        if (!d.file[0])
            snprintf(d.file, sizeof d.file, "%s", file);
        d.line += d.line ? first_line - 1 : 0;
        mc_diag_list_add(out, &d);
        return -1;
    }
    return k.count;
}
