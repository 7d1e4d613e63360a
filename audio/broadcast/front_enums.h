/* front_enums.h — the announcement's enumerated front-matter values,
 * priority:, style: and voice:, read one way for `loa render`,
 * `loa schedule` and `motcua build`, so a spelling one of them accepts the
 * others accept too, and one they reject is rejected by all three at its
 * line. Spellings: priority as lib/priority.h (thong_thuong, uu_tien,
 * khan_cap, the Vietnamese words, normal, urgent, emergency); style as
 * loa_style_parse (north, south); voice one of the embedded voices.
 *
 * Memory: voice points into the front matter json (valid while it lives).
 */
#ifndef LOA_FRONT_ENUMS_H
#define LOA_FRONT_ENUMS_H

#include <jansson.h>
#include "numbers.h"
#include "priority.h"

typedef struct loa_front_enums {
    mc_priority priority;   /* MC_PRIORITY_NORMAL when absent */
    int has_style;          /* style: was given */
    loa_style style;
    const char *voice;      /* NULL when absent */
} loa_front_enums;

/* Reads the three keys of data. Returns 0, or -1 with *bad_key set to the
 * first wrong key ("priority", "style", "voice") and msg (size n) filled
 * with "KEY: what went wrong, and what to do". */
int loa_front_enums_read(const json_t *data, loa_front_enums *e, const char **bad_key,
                         char *msg, size_t n);

#endif
