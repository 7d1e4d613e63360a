/* priority.c — announcement priorities and their two spellings (see
 * priority.h). One table: index = mc_priority. */
#include "priority.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *vi;
} names[] = {
    {"normal", "thong_thuong"},
    {"urgent", "uu_tien"},
    {"emergency", "khan_cap"},
};

/* Every accepted spelling, compared folded (lib/text.h mc_slug with '-' as
 * '_': case, tone marks, spaces and hyphens do not count), so "khẩn cấp",
 * "KHẨN CẤP", "Khan Cap" and "khan-cap" are one spelling. The list holds
 * the ids, the Thông tư 39 words and the labels of the priority field of
 * generator/content/fields.c ("Thường", "Khẩn", "bình thường"), which
 * motcua build also accepts: render, schedule and build accept the same. */
static const struct {
    const char *folded;
    mc_priority p;
} spellings[] = {
    {"normal", MC_PRIORITY_NORMAL},   {"thong_thuong", MC_PRIORITY_NORMAL},
    {"thuong", MC_PRIORITY_NORMAL},   {"binh_thuong", MC_PRIORITY_NORMAL},
    {"urgent", MC_PRIORITY_URGENT},   {"uu_tien", MC_PRIORITY_URGENT},
    {"khan", MC_PRIORITY_URGENT},     {"emergency", MC_PRIORITY_EMERGENCY},
    {"khan_cap", MC_PRIORITY_EMERGENCY},
};

int mc_priority_parse(const char *s, mc_priority *out)
{
    if (!s) {
        *out = MC_PRIORITY_NORMAL;
        return 0;
    }
    char *slug = mc_slug(s, strlen(s), NULL);
    int found = -1;
    for (char *c = slug; c && *c; c++)
        if (*c == '-')
            *c = '_';
    for (size_t i = 0; slug && i < sizeof spellings / sizeof spellings[0]; i++)
        if (!strcmp(slug, spellings[i].folded)) {
            *out = spellings[i].p;
            found = 0;
        }
    free(slug);
    return found;
}

const char *mc_priority_name(mc_priority p)
{
    return p >= MC_PRIORITY_NORMAL && p <= MC_PRIORITY_EMERGENCY ? names[p].name : "normal";
}

const char *mc_priority_vi_id(mc_priority p)
{
    return p >= MC_PRIORITY_NORMAL && p <= MC_PRIORITY_EMERGENCY ? names[p].vi : "thong_thuong";
}

const char *mc_priority_choices(void)
{
    return "thong_thuong, uu_tien or khan_cap (also written thông thường, ưu tiên, khẩn cấp in "
           "any case, or normal, urgent, emergency)";
}
