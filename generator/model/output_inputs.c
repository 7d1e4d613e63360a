/* output_inputs.c — what an output is made from (see output_inputs.h). */
#include "output_inputs.h"
#include "kinds.h"

#include <string.h>

const char *const mc_intro_keys[MC_INTRO_KEYS] = {"list", "home"};

json_t *mc_intro_map(const mc_model *m)
{
    json_t *map = json_object();
    for (size_t i = 0; i < m->npages; i++)
        if (m->pages[i].is_index)
            json_object_set_new(map, m->pages[i].rel, json_integer((json_int_t)i));
    return map;
}

const mc_page *mc_output_intro(const mc_model *m, json_t *map, json_t *ctx, const char *key)
{
    const char *rel = json_string_value(json_object_get(json_object_get(ctx, key), "intro_file"));
    json_t *idx = rel ? json_object_get(map, rel) : NULL;
    return idx ? &m->pages[json_integer_value(idx)] : NULL;
}

int mc_is_index_file(const char *rel)
{
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    return !strcmp(base, "_index.md") || !strcmp(base, "_index.en.md");
}

int mc_page_text_read_elsewhere(const mc_page *p)
{
    return p->is_index || mc_is_index_file(p->rel) || p->kind->audio;
}
