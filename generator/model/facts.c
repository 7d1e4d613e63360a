/* facts.c — template-ready values per page kind (see facts.h).
 * Each kind has one function; each reads the front matter and writes only
 * new keys, so the raw values stay available under page.params. Procedure
 * facts live in procedure_facts.c (mc_procedure_facts). */
#include "facts.h"
#include "kinds.h"
#include "dates.h"
#include "priority.h"
#include "procedure.h"

#include <stdio.h>
#include <string.h>

const char *mc_format_money(long long amount, const char *lang, char *buf, size_t n)
{
    int english = !strcmp(lang, "en");
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%lld", amount < 0 ? -amount : amount);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) grouped[o++] = english ? ',' : '.';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    snprintf(buf, n, "%s%s %s", amount < 0 ? "-" : "", grouped, english ? "dong" : "đồng");
    return buf;
}

static const char *ward_name(const mc_site *site, const char *id)
{
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(site->config, "wards"), i, w)
        if (!strcmp(json_string_value(json_object_get(w, "id")) ? json_string_value(
                        json_object_get(w, "id")) : "", id))
            return json_string_value(json_object_get(w, "name"));
    return NULL;
}

static void announcement_facts(json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *wards = json_object_get(p->params, "wards");
    if ((json_is_string(wards) && !strcmp(json_string_value(wards), "all")) ||
        (json_is_array(wards) && json_array_size(wards) == 1 &&
         !strcmp(json_string_value(json_array_get(wards, 0)) ? json_string_value(
                     json_array_get(wards, 0)) : "", "all"))) {
        json_object_set_new(card, "all_wards", json_true());
    } else if (json_is_array(wards)) {
        json_t *named = json_array();
        size_t i;
        json_t *w;
        json_array_foreach(wards, i, w) {
            const char *id = json_string_value(w);
            const char *name = id ? ward_name(site, id) : NULL;
            if (id) json_array_append_new(named, json_pack("{s:s, s:s}", "id", id, "name", name ? name : id));
        }
        json_object_set_new(card, "wards", named);
    }
    const char *priority = json_string_value(json_object_get(p->params, "priority"));
    mc_priority level;
    if (mc_priority_parse(priority, &level) == 0) {  /* both spellings, see priority.h */
        char flag[48];
        snprintf(flag, sizeof flag, "is_%s", mc_priority_name(level));
        json_object_set_new(card, flag, json_true());
        json_object_set_new(card, "priority", json_string(mc_priority_name(level)));
    }
    const char *expires = json_string_value(json_object_get(p->params, "expires"));
    mc_date t;
    if (expires && mc_date_parse(expires, &t, NULL, 0, NULL) == 0)
        json_object_set_new(card, "expires", mc_date_forms(&t));
}

void mc_facts_add(json_t *card, const mc_page *p, const mc_site *site)
{
    json_object_set_new(card, "has_summary", json_boolean(p->summary && p->summary[0]));
    if (p->kind->index) mc_procedure_facts(card, p, site);
    else if (p->kind->documents) mc_document_facts(card, p, site);
    else if (p->kind->audio) announcement_facts(card, p, site);
}
