/* fields.h — the front-matter keys of each page kind, as data (fields.c).
 *
 * One entry per key: its Vietnamese and English labels, its type and shape,
 * its allowed values with their Vietnamese spellings, whether the rules on
 * publishing procedures require it, whether search indexes its text, and
 * what `motcua new` writes for it. The procedure checks (procedure.c),
 * `motcua new`, the search index, `motcua fields` and anything later that
 * needs the keys (an editor's form) read this table; nothing else lists
 * them.
 *
 * Allowed values (MC_F_CHOICE) are written by their code ("xa"), by their
 * Vietnamese label ("Cấp xã") or English label, or by one of the other
 * spellings staff use ("xã", "phường"): any of these with or without
 * diacritics, in any case. Amounts (MC_F_MONEY) are whole numbers of đồng,
 * or text as written in notices ("135.000 đồng", "135.000đ"; money.h). At
 * load a page's values are replaced by their codes and numbers
 * (mc_fields_canonical), so everything after the content stage sees codes
 * and numbers only.
 *
 * Memory: every returned pointer is into static tables, except where said.
 */
#ifndef MC_FIELDS_H
#define MC_FIELDS_H

#include <jansson.h>
#include <stddef.h>

typedef enum mc_field_type {
    MC_F_TEXT,      /* a string: "Ủy ban nhân dân phường" */
    MC_F_TEXTS,     /* a string, or a list of strings (one per line on the page) */
    MC_F_CHOICE,    /* one of the choices */
    MC_F_COUNT,     /* a whole number from 0 */
    MC_F_MONEY,     /* a whole number of đồng from 0 (0 = free) */
    MC_F_DATE,      /* a date, 2026-12-01 */
    MC_F_DATETIMES, /* a list of date-times, "2026-12-01 06:00" */
    MC_F_URL,       /* an http(s) address */
    MC_F_DURATION,  /* "05 ngày làm việc", or {value: 5, unit: ngày làm việc} */
    MC_F_LIST,      /* a list of objects with the item fields (or strings,
                       when the field says strings are items too) */
    MC_F_FILE,      /* a file beside the page (a bundle's file) */
    MC_F_BOOL,      /* true or false */
    MC_F_WARDS,     /* "all", or a list of ward ids from site.yaml */
    MC_F_TAGS,      /* a list of terms */
    MC_F_PROCEDURE  /* a procedure of the site by its name: "dang-ky-khai-sinh"
                       (journeys.h resolves it; an unknown one is an error) */
} mc_field_type;

typedef struct mc_choice {
    const char *code;   /* "xa": what front matter stores and templates see */
    const char *vi;     /* "Xã": the label, also accepted as a spelling */
    const char *en;     /* "Commune" */
    const char *also;   /* more accepted spellings, '|' between them ("xã|phường"), or NULL */
    int ended;          /* a document status under which the document no longer
                           applies (hết hiệu lực, ngưng hiệu lực): procedures citing
                           it are marked and fail `motcua check` */
} mc_choice;

typedef struct mc_field {
    const char *key;           /* NULL ends a table */
    const char *label_vi, *label_en;
    mc_field_type type;
    const mc_choice *choices;  /* MC_F_CHOICE: ends with a NULL code */
    const struct mc_field *items; /* MC_F_LIST: the keys of each item */
    unsigned required : 1;     /* the publishing rules require it */
    unsigned strings_too : 1;  /* MC_F_LIST: an item may be a plain string */
    unsigned in_new : 1;       /* `motcua new` writes it */
    const char *example;       /* a correct line, for messages and hints */
    const char *new_value;     /* what `motcua new` writes after "key: " */
    const char *hint;          /* `motcua new`'s comment: what to write, in Vietnamese */
    int search_order;          /* 0: search ignores it; else search indexes its strings,
                                  fields in this order (kinds.h: search_fields) */
} mc_field;

/* The keys of each kind (kinds.c points to them), each ending with a NULL
 * key: the common keys every page has (title, date, slug...) are not
 * repeated; only those a kind's pages write or `motcua new` offers. */
extern const mc_field mc_procedure_fields[], mc_news_fields[], mc_announcement_fields[],
    mc_document_fields[], mc_page_fields[], mc_journey_fields[];

/* The field of table named key (top level), or NULL. */
const mc_field *mc_field_find(const mc_field *table, const char *key);

/* The choice of f that value names (its code, its Vietnamese or English
 * label or one of its other spellings, with or without diacritics and in
 * any case), or NULL. */
const mc_choice *mc_field_choice(const mc_field *f, const char *value);

/* "tinh, huyen hoặc xa": the codes of f's choices, for messages. Static
 * storage, valid until the next call; not thread-safe. */
const char *mc_field_choice_list(const mc_field *f);

/* What a value of f looks like, in Vietnamese: "chữ", "danh sách ...". */
const char *mc_field_shape(const mc_field *f);

/* 1 when v has the shape f's type asks for (values of choices, dates and
 * amounts are checked by the caller). */
int mc_field_shape_ok(const mc_field *f, const json_t *v);

/* Replaces, in params, every choice value written in Vietnamese by its
 * code and every amount written as text by its number, at the top level
 * and in the items of lists. */
void mc_fields_canonical(const mc_field *table, json_t *params);

/* The skeleton `motcua new` writes after title and date: one line per
 * in_new field, "key: value" and its hint as a comment. Caller frees. */
char *mc_fields_skeleton(const mc_field *table);

#endif
