/* normalize_dict.h — the normaliser's dictionaries (abbreviations, document
 * types, units, symbols, letter names, web-address words) and their TSV
 * format.
 *
 * TSV format, one entry a line, UTF-8:
 *     KIND<TAB>WRITTEN<TAB>SPOKEN
 * KIND is one of abbr, doc, unit, symbol, letter, web, loan (see loa_dict_kind).
 * Lines that are empty or start with '#' are ignored. WRITTEN and SPOKEN are
 * put in NFC; a later entry with the same KIND and WRITTEN replaces the
 * earlier one, so staff files loaded after the built-in tables override them.
 * Lookups are exact (case-sensitive) except `web` and `loan`, whose keys are
 * stored and looked up in lower case.
 *
 * Memory: the dictionary owns copies of every key and value; loa_dict_get
 * returns a pointer valid until the dictionary is freed or reloaded.
 */
#ifndef LOA_NORMALIZE_DICT_H
#define LOA_NORMALIZE_DICT_H

#include <stddef.h>
#include "diag.h"

typedef enum {
    LOA_DICT_ABBR,   /* whole-word abbreviation: UBND → ủy ban nhân dân */
    LOA_DICT_DOC,    /* part of a legal document number: NĐ → nghị định */
    LOA_DICT_UNIT,   /* unit or currency after a number: km, m2, đ, % */
    LOA_DICT_SYMBOL, /* a symbol standing alone: & → và */
    LOA_DICT_LETTER, /* letter name for spelling: B → bê */
    LOA_DICT_WEB,    /* word inside a web or e-mail address: vn → vê en */
    LOA_DICT_LOAN,   /* Latin-script loanword respelled: vitamin → vi ta min */
    LOA_DICT_KINDS
} loa_dict_kind;

typedef struct loa_dict loa_dict;

loa_dict *loa_dict_new(void);
void loa_dict_free(loa_dict *dict);

/* Parse TSV text[0..len) named `name` (used in errors as FILE:LINE). On a
 * malformed line, fills d with name:line and returns -1; entries of earlier
 * lines stay loaded. */
int loa_dict_load_text(loa_dict *dict, const char *text, size_t len,
                       const char *name, mc_diag *d);

/* Calls fn for every entry (in no particular order). */
void loa_dict_each(const loa_dict *dict,
                   void (*fn)(void *arg, loa_dict_kind kind, const char *written,
                              const char *spoken),
                   void *arg);

/* Kind of the name s[0..n) ("abbr"…), or -1. */
int loa_dict_kind_of(const char *s, size_t n);

/* Spoken form for key[0..n), or NULL. */
const char *loa_dict_get(const loa_dict *dict, loa_dict_kind kind,
                         const char *key, size_t n);

#endif
