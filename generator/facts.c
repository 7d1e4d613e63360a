/* facts.c — template-ready values per page kind (see facts.h).
 * Each kind has one function; each reads the front matter and writes only
 * new keys, so the raw values stay available under page.params. */
#include "facts.h"
#include "dates.h"

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

/* Adds amount_text and free to a copy of an object holding `key`. */
static json_t *with_money(json_t *item, const char *key, const char *text_key, const char *lang)
{
    json_t *copy = json_is_object(item) ? json_copy(item) : json_pack("{s:O}", "name", item);
    json_t *amount = json_object_get(copy, key);
    if (json_is_integer(amount)) {
        char buf[64];
        long long v = json_integer_value(amount);
        json_object_set_new(copy, text_key, json_string(mc_format_money(v, lang, buf, sizeof buf)));
        json_object_set_new(copy, "free", json_boolean(v == 0));
    }
    return copy;
}

static json_t *money_list(json_t *list, const char *key, const char *text_key, const char *lang)
{
    json_t *out = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
        json_array_append_new(out, with_money(item, key, text_key, lang));
    return out;
}

static void procedure_facts(json_t *card, const mc_page *p)
{
    json_t *fees = json_object_get(p->params, "fees");
    if (json_is_array(fees) && json_array_size(fees) > 0)
        json_object_set_new(card, "fees", money_list(fees, "amount", "amount_text", p->lang));
    json_t *channels = json_object_get(p->params, "channels");
    if (json_is_array(channels) && json_array_size(channels) > 0)
        json_object_set_new(card, "channels", money_list(channels, "fee", "fee_text", p->lang));
    const char *status = json_string_value(json_object_get(p->params, "status"));
    json_object_set_new(card, "is_abolished", json_boolean(status && !strcmp(status, "bai_bo")));
    json_object_set_new(card, "is_amended", json_boolean(status && !strcmp(status, "sua_doi")));
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
    if (!priority) priority = "normal";
    char flag[48];
    snprintf(flag, sizeof flag, "is_%s", priority);
    json_object_set_new(card, flag, json_true());
    const char *expires = json_string_value(json_object_get(p->params, "expires"));
    mc_date t;
    if (expires && mc_date_parse(expires, &t, NULL, 0, NULL) == 0)
        json_object_set_new(card, "expires", mc_date_forms(&t));
}

void mc_facts_add(json_t *card, const mc_page *p, const mc_site *site)
{
    json_object_set_new(card, "has_summary", json_boolean(p->summary && p->summary[0]));
    if (!strcmp(p->kind, "procedure")) procedure_facts(card, p);
    else if (!strcmp(p->kind, "announcement")) announcement_facts(card, p, site);
}
