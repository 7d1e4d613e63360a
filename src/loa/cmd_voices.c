/* cmd_voices.c — `loa voices`: the Vietnamese voices loa can speak with.
 * One voice per line, "ID<TAB>DESCRIPTION", so scripts can cut the id. */
#include "commands.h"
#include "tts.h"

#include <stdio.h>
#include <string.h>

int loa_cmd_voices(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs("Usage: loa voices\nList the Vietnamese voices (ID, then a description);\n"
              "use an ID with --voice or in an announcement's 'voice:'.\n", stdout);
        return 0;
    }
    if (argc > 1) return loa_usage_error("voices: unexpected argument '%s'", argv[1]);
    size_t n;
    const loa_tts_voice *v = loa_tts_voices(&n);
    for (size_t i = 0; i < n; i++) printf("%s\t%s\n", v[i].id, v[i].description);
    return 0;
}
