/* cmd_voices.c — `loa voices`: the Vietnamese voices loa can speak with.
 * One voice per line, "ID<TAB>DESCRIPTION", so scripts can cut the id. */
#include "commands.h"
#include "tts.h"

#include <stdio.h>
#include <string.h>

int loa_cmd_voices(int argc, char **argv)
{
    if (argc > 1 && mc_option_match(mc_opt_help, argv[1]) == 'h') {
        mc_command_help(stdout, &loa_voices_command);
        return 0;
    }
    if (argc > 1) return loa_usage_error("voices: unexpected argument '%s'", argv[1]);
    size_t n;
    const loa_tts_voice *v = loa_tts_voices(&n);
    for (size_t i = 0; i < n; i++) printf("%s\t%s\n", v[i].id, v[i].description);
    return 0;
}

const mc_command loa_voices_command = {
    .name = "voices",
    .args = "",
    .summary = "list the Vietnamese voices",
    .usage = "loa voices\n",
    .description = "List the Vietnamese voices (ID, then a description);\n"
                   "use an ID with --voice or in an announcement's 'voice:'.\n",
    .options = mc_opt_help,
    .run = loa_cmd_voices,
};
