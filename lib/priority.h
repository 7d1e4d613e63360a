/* priority.h — the one mapping of an announcement's `priority:` value.
 *
 * Thông tư 39/2020/TT-BTTTT ranks bulletins thông thường < ưu tiên <
 * khẩn cấp. Front matter may write them in English (normal, urgent,
 * emergency, as in DESIGN.md) or as the Vietnamese ids the issue uses
 * (thong_thuong, uu_tien, khan_cap); both spellings are synonyms. Every
 * part of motcua and loa that reads `priority:` goes through
 * mc_priority_parse, so the two spellings can never drift apart.
 *
 * Memory: names are static strings.
 */
#ifndef MC_PRIORITY_H
#define MC_PRIORITY_H

typedef enum mc_priority {
    MC_PRIORITY_NORMAL = 0,     /* thông thường */
    MC_PRIORITY_URGENT = 1,     /* ưu tiên */
    MC_PRIORITY_EMERGENCY = 2   /* khẩn cấp */
} mc_priority;

/* Parses s (NULL = normal). Returns 0 and sets *out, or -1 when s is not
 * one of normal|urgent|emergency|thong_thuong|uu_tien|khan_cap, the
 * Vietnamese words thông thường|ưu tiên|khẩn cấp, or the labels the build's
 * field table gives them (Thường, Khẩn, bình thường) — compared without
 * case, tone marks, spaces or hyphens. */
int mc_priority_parse(const char *s, mc_priority *out);

/* "normal", "urgent", "emergency": the canonical (English) id. */
const char *mc_priority_name(mc_priority p);

/* "thong_thuong", "uu_tien", "khan_cap": the Thông tư 39 id. */
const char *mc_priority_vi_id(mc_priority p);

/* For messages: every accepted spelling, in words. */
const char *mc_priority_choices(void);

#endif
