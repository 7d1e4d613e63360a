/* audio_name.h — the base name (no folder, no extension) of the audio file
 * made from an announcement. Both the renderer and the scheduler use it, so
 * the playlists always point at the files that were written.
 *
 * Memory: the returned string is the caller's to free(); NULL when out of
 * memory.
 */
#ifndef LOA_AUDIO_NAME_H
#define LOA_AUDIO_NAME_H

#include <jansson.h>

char *loa_audio_name(const char *file, const json_t *front_matter);

#endif
