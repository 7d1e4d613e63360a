/* front_enums.c — priority:, style: and voice: of an announcement (see
 * front_enums.h). A table of keys, each with its reader and its message. */
#include "front_enums.h"
#include "tts.h"

#include <stdio.h>

typedef int (*enum_reader)(const char *s, loa_front_enums *e);

static int read_priority(const char *s, loa_front_enums *e)
{
    return mc_priority_parse(s, &e->priority);
}

static int read_style(const char *s, loa_front_enums *e)
{
    e->has_style = 1;
    return loa_style_parse(s, &e->style);
}

static int read_voice(const char *s, loa_front_enums *e)
{
    e->voice = s;
    return loa_tts_voice_known(s) ? 0 : -1;
}

static const struct {
    const char *key;
    enum_reader read;
    const char *choices;
} KEYS[] = {
    {"priority", read_priority, NULL},
    {"style", read_style, "north or south"},
    {"voice", read_voice, "one of the embedded voices vi, vi-vn-x-central, vi-vn-x-south "
                          "(see 'loa voices')"},
};

int loa_front_enums_read(const json_t *data, loa_front_enums *e, const char **bad_key,
                         char *msg, size_t n)
{
    e->priority = MC_PRIORITY_NORMAL;
    e->has_style = 0;
    e->style = LOA_NORTH;
    e->voice = NULL;
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        json_t *v = json_object_get(data, KEYS[i].key);
        if (!v)
            continue;
        const char *s = json_string_value(v);
        if (s && KEYS[i].read(s, e) == 0)
            continue;
        *bad_key = KEYS[i].key;
        snprintf(msg, n, "%s: '%s' is not known; write %s", KEYS[i].key, s ? s : "(not text)",
                 KEYS[i].choices ? KEYS[i].choices : mc_priority_choices());
        return -1;
    }
    return 0;
}
