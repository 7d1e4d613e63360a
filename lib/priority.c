/* priority.c — announcement priorities and their two spellings (see
 * priority.h). One table: index = mc_priority. */
#include "priority.h"

#include <string.h>

static const struct {
    const char *name, *vi;
} names[] = {
    {"normal", "thong_thuong"},
    {"urgent", "uu_tien"},
    {"emergency", "khan_cap"},
};

/* Every other accepted spelling: the Vietnamese words as staff type them
 * (NFC, as the front matter reader delivers them). */
static const struct {
    const char *spelling;
    mc_priority p;
} words[] = {
    {"thông thường", MC_PRIORITY_NORMAL}, {"Thông thường", MC_PRIORITY_NORMAL},
    {"THÔNG THƯỜNG", MC_PRIORITY_NORMAL}, {"ưu tiên", MC_PRIORITY_URGENT},
    {"Ưu tiên", MC_PRIORITY_URGENT},      {"ƯU TIÊN", MC_PRIORITY_URGENT},
    {"khẩn cấp", MC_PRIORITY_EMERGENCY},  {"Khẩn cấp", MC_PRIORITY_EMERGENCY},
    {"KHẨN CẤP", MC_PRIORITY_EMERGENCY},
};

int mc_priority_parse(const char *s, mc_priority *out)
{
    if (!s) {
        *out = MC_PRIORITY_NORMAL;
        return 0;
    }
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (!strcmp(s, names[i].name) || !strcmp(s, names[i].vi)) {
            *out = (mc_priority)i;
            return 0;
        }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(s, words[i].spelling)) {
            *out = words[i].p;
            return 0;
        }
    return -1;
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
    return "thong_thuong, uu_tien or khan_cap (also written thông thường, ưu tiên, khẩn cấp, "
           "or normal, urgent, emergency)";
}
