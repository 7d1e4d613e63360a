/* audio_name.c — the file name an announcement's audio gets, shared by
 * `loa render`, which writes the file, and `loa schedule`, which finds it:
 * the front matter's slug when it is a plain name, else the Markdown file's
 * name without ".md" (the bundle's folder name for an index.md). */
#include "audio_name.h"

#include <string.h>

char *loa_audio_name(const char *file, const json_t *front_matter)
{
    const char *slug = json_string_value(json_object_get(front_matter, "slug"));
    if (slug && slug[0] && !strchr(slug, '/') && slug[0] != '.') return strdup(slug);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 3 && !strcmp(base + n - 3, ".md")) n -= 3;
    if (n == 5 && !strncmp(base, "index", 5) && base != file) {
        const char *end = base - 1, *start = end;
        while (start > file && start[-1] != '/') start--;
        if (end > start) { base = start; n = (size_t)(end - start); }
    }
    return strndup(base, n);
}
