/* normalize_data.h — the built-in dictionaries, as TSV text.
 *
 * Each table is one file of audio/text/dict/ (abbreviations.tsv, units.tsv,
 * loanwords.tsv), in the staff TSV format of normalize_dict.h
 * (KIND<TAB>WRITTEN<TAB>SPOKEN), turned into C by audio/text/dict/tsv2c.sh
 * when the programs are built, and loaded by the same parser, in order,
 * before any staff file.
 *
 * Memory: static constant data.
 */
#ifndef LOA_NORMALIZE_DATA_H
#define LOA_NORMALIZE_DATA_H

#include <stddef.h>

typedef struct loa_builtin_table {
    const char *name; /* used in error messages, e.g. "<built-in abbreviations>" */
    const char *tsv;
} loa_builtin_table;

extern const loa_builtin_table loa_builtin_tables[];
extern const size_t loa_builtin_table_count;

#endif
