/* normalize.h — Vietnamese announcement text → the words a reader says.
 *
 * `loa` feeds the result to a TTS engine (espeak-ng reads digits, dates and
 * abbreviations badly; this module says them in full).
 *
 * Pipeline (normalize.c, normalize_markdown.c, normalize_rules.c):
 *   1. UTF-8 check (error with line:column), then Unicode NFC (ICU).
 *   2. Markdown → utterances: each paragraph, heading, list item and table
 *      row is one utterance; markup (#, *, _, `, >, -, |, [text](url) → text,
 *      HTML tags, code fences) is never read aloud.
 *   3. Each utterance is split at spaces into tokens (surrounding quotes
 *      dropped, , ; : . ! ? kept as pauses, a bracket made a pause) and each
 *      token goes through the rules of normalize_rules.c's tables, in this
 *      fixed order, the first that matches wins (its name is what
 *      loa_normalize_traced reports):
 *        a lone dash (đến between numbers, else a pause) → an abbreviation
 *        with its dot (TP.) → a list of days sharing a month (8 và 9/12) →
 *        URL / e-mail → legal number (15/2020/NĐ-CP → "nghị định số … của
 *        Chính phủ") → date (DD/MM/YYYY, DD.MM.YYYY, DD-MM, MM/YYYY, ranges,
 *        house numbers "số 10/4", fractions) → time → phone / hotline (may
 *        join groups) → thousands grouped with spaces (20 000) → service
 *        numbers 111–115 → codes after "mã" and long digit strings →
 *        quantity (numeral + unit, ranges, "thứ 2") → version → Roman
 *        numerals in context → unit after a number → abbreviation → document
 *        type → loanword → symbol → letters+digits (QH15) → capitals and
 *        digits (H5N1, 10A1) → compound (/, &, - by context) → number with an
 *        unknown unit → plain word (Vietnamese as written; other Latin-script
 *        words respelled in Vietnamese syllables or spelled, normalize_latin.c).
 *   Decisions: a/b is a month/year when b is a 4-digit year and a ≤ 12; a
 *   house number after số, nhà, ngõ, hẻm…; a fraction after a counting word
 *   (đạt 9/9) and for 24/7; a date when it is a valid day/month and a date
 *   word or a weekday precedes it (ngày, mùng, từ, hôm, sáng, thứ Sáu, …),
 *   or it has a leading zero (01/12), or a ≥ b (15/8); otherwise a fraction
 *   ("a phần b" when a < b, else "a trên b"), reported as a doubt.

 * Output and pauses: loa_normalize returns one utterance per line ('\n'
 * between them, no trailing newline); the TTS layer puts a paragraph pause
 * between lines. Within a line, pauses are the punctuation kept from the
 * source (",", ";", ":", ".", "!", "?"); phone digit groups are separated by
 * ",". loa_normalize_line joins the utterances on one line, adding ". "
 * where an utterance does not already end in punctuation (`loa normalize`).
 * Nothing speakable → an empty string (not NULL).
 *
 * Dictionaries: the TSV files of audio/text/dict/, embedded at build time
 * (normalize_data.h), are loaded by loa_normalizer_new; staff extend or override them with loa_normalizer_load_tsv
 * (format in normalize_dict.h: KIND<TAB>WRITTEN<TAB>SPOKEN).
 *
 * Case: expansions are lower case (UBND → "ủy ban nhân dân") except proper
 * names; the first word of an expansion is capitalised when the source token
 * was capitalised and follows a sentence end (. ! ?) inside the utterance.
 *
 * Memory: the normaliser owns its dictionaries; loa_normalize,
 * loa_normalize_line and loa_read_number return malloc'd strings the caller
 * frees. A normaliser is not modified by loa_normalize, so one may be shared
 * by threads once loaded. Errors go to mc_diag; nothing is printed.
 */
#ifndef LOA_NORMALIZE_H
#define LOA_NORMALIZE_H

#include <stddef.h>
#include "diag.h"
#include "numbers.h"   /* loa_style, loa_read_number */

typedef struct loa_normalizer loa_normalizer;

/* A normaliser for the given reading style with the built-in dictionaries.
 * NULL (d filled) when out of memory. */
loa_normalizer *loa_normalizer_new(loa_style style, mc_diag *d);

/* Load a staff TSV file on top of the dictionaries. Returns 0, or -1 with d
 * set to FILE:LINE of the first bad line (earlier lines stay loaded). */
int loa_normalizer_load_tsv(loa_normalizer *nz, const char *file, mc_diag *d);

/* Same, from text in memory; `name` is used in errors. */
int loa_normalizer_load_tsv_text(loa_normalizer *nz, const char *text,
                                 size_t len, const char *name, mc_diag *d);

/* The site's own dictionary, SITE/tu-dien.tsv (same format), when the site
 * has one; `site` is the site folder or its site.yaml. Returns 0 (also when
 * there is no such file) or -1 with d set (a bad line, or a path that leaves
 * the site through a link). */
int loa_normalizer_load_site(loa_normalizer *nz, const char *site, mc_diag *d);

#define LOA_SITE_DICTIONARY "tu-dien.tsv"

void loa_normalizer_free(loa_normalizer *nz);

/* Spoken form of text[0..len), one utterance per line. NULL with d filled
 * on invalid UTF-8 (line and column of the bad byte) or out of memory. */
char *loa_normalize(const loa_normalizer *nz, const char *text, size_t len,
                    mc_diag *d);

/* What the normaliser did with one token, for `loa normalize --explain` and
 * the speech check (`loa check`). Pointers are valid during the call only:
 * `text` points into the NFC text of the utterance, `spoken` into the
 * output. `doubt` is NULL when the reading is certain, else why it may be
 * wrong (an unknown abbreviation, a Latin-script word in no dictionary, a
 * digit string of ambiguous kind, an unknown unit). */
typedef struct loa_token_note {
    const char *text;
    size_t n;
    const char *rule;   /* "date", "legal-number", "abbreviation"… */
    const char *spoken;
    size_t spoken_n;
    const char *doubt;
} loa_token_note;

typedef void (*loa_token_fn)(void *arg, const loa_token_note *note);

/* loa_normalize, calling fn for every token read (in order). */
char *loa_normalize_traced(const loa_normalizer *nz, const char *text, size_t len,
                           loa_token_fn fn, void *arg, mc_diag *d);

/* The same, all utterances on one line (for `loa normalize`). */
char *loa_normalize_line(const loa_normalizer *nz, const char *text,
                         size_t len, mc_diag *d);

#endif
