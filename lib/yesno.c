/* yesno.c — yes/no values from YAML (see yesno.h): one table of spellings. */
#include "yesno.h"

#include <strings.h>

static const struct { const char *word; int yes; } spellings[] = {
    {"true", 1}, {"false", 0}, {"yes", 1}, {"no", 0}, {"on", 1}, {"off", 0},
    {"y", 1}, {"n", 0}, {"có", 1}, {"không", 0}, {"co", 1}, {"khong", 0},
    /* Vietnamese capitals: strcasecmp folds ASCII letters only */
    {"Có", 1}, {"CÓ", 1}, {"Không", 0}, {"KHÔNG", 0},
};

int mc_yes_no(const json_t *v)
{
    if (!v || json_is_false(v)) return 0;
    if (json_is_true(v)) return 1;
    const char *s = json_string_value(v);
    for (size_t i = 0; s && i < sizeof spellings / sizeof spellings[0]; i++)
        if (!strcasecmp(s, spellings[i].word)) return spellings[i].yes;
    return -1;
}
