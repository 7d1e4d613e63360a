/* yesno.h — the one reading of a yes/no value (draft:, markdown.unsafe,
 * audio.enabled, audio.chime), so every switch accepts the same spellings.
 *
 * Accepted (any letter case): YAML booleans true/false, and the strings
 * yes/no, on/off, y/n (YAML 1.1's spellings, which the YAML 1.2 loader
 * keeps as text) and Vietnamese có/không (also typed without marks: co,
 * khong). Anything else (1, "maybe", a list) is not a yes/no: the caller
 * reports it at its FILE:LINE with MC_YES_NO_HINT.
 *
 * Memory: nothing is allocated.
 */
#ifndef MC_YESNO_H
#define MC_YESNO_H

#include <jansson.h>

/* What a refusal tells the writer to use. */
#define MC_YES_NO_HINT "true or false (yes/no and có/không mean the same)"

/* 1 yes, 0 no, -1 not a yes/no value. A missing value (NULL) is no. */
int mc_yes_no(const json_t *v);

#endif
