/* document_facts.c — the facts a legal document's card carries (see
 * mc_document_facts in facts.h): labels of its kind and status from the
 * field table, its dates, its file, what it replaces. */
#include "facts.h"
#include "dates.h"
#include "fields.h"
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *param(const mc_page *p, const char *key)
{
    const char *s = json_string_value(json_object_get(p->params, key));
    return s && s[0] ? s : NULL;
}

/* The choice of a document's key (doc_type, status), or NULL. */
static const mc_choice *choice_of(const mc_page *p, const char *key)
{
    return mc_field_choice(mc_field_find(p->kind->fields, key), param(p, key));
}

static const char *choice_label(const mc_choice *c, const char *lang)
{
    return strcmp(lang, "en") ? c->vi : c->en;
}

/* A document no longer applies: its status ended it, or another replaces it. */
int mc_document_ended(const mc_page *p)
{
    const mc_choice *s = choice_of(p, "status");
    return (s && s->ended) || param(p, "replaced_by");
}

/* ---- facts ---- */

static void date_fact(json_t *card, const mc_page *p, const char *key)
{
    mc_date t;
    const char *s = param(p, key);
    if (s && mc_date_parse(s, &t, NULL, 0, NULL) == 0) json_object_set_new(card, key, mc_date_forms(&t));
}

void mc_document_facts(json_t *card, const mc_page *p, const mc_site *site)
{
    /* front-matter key -> card key (the card's own url and file stay the page's) */
    static const char *const texts[][2] = {{"number", "number"}, {"issuer", "issuer"},
                                           {"field", "doc_field"}, {"signer", "signer"},
                                           {"url", "official_url"}};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        if (param(p, texts[k][0]))
            json_object_set_new(card, texts[k][1], json_string(param(p, texts[k][0])));
    const mc_choice *type = choice_of(p, "doc_type"), *status = choice_of(p, "status");
    if (type)
        json_object_set_new(card, "doc_type", json_pack("{s:s, s:s}", "code", type->code, "label",
                                                        choice_label(type, p->lang)));
    if (status)
        json_object_set_new(card, "status", json_pack("{s:s, s:s, s:b}", "code", status->code,
                                                      "label", choice_label(status, p->lang),
                                                      "ended", status->ended));
    json_object_set_new(card, "is_ended", json_boolean(mc_document_ended(p)));
    date_fact(card, p, "issued");
    date_fact(card, p, "effective");
    date_fact(card, p, "ended");
    json_t *file = param(p, "file") ? mc_bundle_file(p, site, param(p, "file")) : NULL;
    json_object_set_new(card, "has_document_file", json_boolean(file != NULL));
    if (file) json_object_set_new(card, "document_file", file);
    json_t *replaces = json_object_get(p->params, "replaces"), *list = json_array();
    if (json_is_string(replaces)) json_array_append(list, replaces);
    size_t i;
    json_t *r;
    json_array_foreach(replaces, i, r)
        if (json_is_string(r)) json_array_append(list, r);
    json_object_set_new(card, "replaces_list", list);
}
