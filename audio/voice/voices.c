/* voices.c — the embedded espeak-ng Vietnamese voices, by id. Kept apart
 * from tts_espeak.c so that checking a voice: name (motcua build, loa
 * schedule) needs no speech engine linked in. */
#include "tts.h"

#include <string.h>

static const loa_tts_voice voices[] = {
    {"vi", "Vietnamese (Northern), male - espeak-ng"},
    {"vi-vn-x-central", "Vietnamese (Central), male - espeak-ng"},
    {"vi-vn-x-south", "Vietnamese (Southern), male - espeak-ng"},
};

const loa_tts_voice *loa_tts_voices(size_t *count)
{
    *count = sizeof voices / sizeof voices[0];
    return voices;
}

int loa_tts_voice_known(const char *id)
{
    for (size_t i = 0; i < sizeof voices / sizeof voices[0]; i++)
        if (id && !strcmp(voices[i].id, id)) return 1;
    return 0;
}
