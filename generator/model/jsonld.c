/* jsonld.c — GovernmentService and GovernmentOffice blocks (see jsonld.h).
 *
 * Each block is a Jansson object built from values the model already has,
 * dumped with sorted keys (so output is the same on every build), then
 * escaped for a <script> element. Missing values are left out, never
 * invented.
 */
#include "jsonld.h"

#include <stdlib.h>
#include <string.h>

static const char *const day_names[][2] = {
    {"mon", "Monday"}, {"tue", "Tuesday"}, {"wed", "Wednesday"}, {"thu", "Thursday"},
    {"fri", "Friday"}, {"sat", "Saturday"}, {"sun", "Sunday"},
};

char *mc_jsonld_text(const json_t *v)
{
    char *raw = json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT);
    if (!raw) return NULL;
    size_t n = strlen(raw), extra = 0;
    for (size_t i = 0; i < n; i++) extra += raw[i] == '<' ? 6 : 0;
    char *out = malloc(n + extra + 1), *o = out;
    for (size_t i = 0; out && i < n; i++) {
        if (raw[i] == '<' && raw[i + 1] == '/') {
            memcpy(o, "<\\/", 3);
            o += 3;
            i++;
        } else if (raw[i] == '<' && !strncmp(raw + i, "<!--", 4)) {
            memcpy(o, "\\u003c", 6);
            o += 6;
        } else {
            *o++ = raw[i];
        }
    }
    if (out) *o = '\0';
    free(raw);
    return out;
}

/* obj[key] = src[key] when it is a non-empty string. */
static void copy_string(json_t *obj, const char *key, const json_t *src, const char *src_key)
{
    json_t *v = json_object_get(src, src_key);
    if (json_is_string(v) && json_string_length(v) > 0) json_object_set(obj, key, v);
}

/* name_en / address_en on English pages when the site gives them. */
static const json_t *localized(const json_t *obj, const char *key, const char *lang)
{
    char en[64];
    snprintf(en, sizeof en, "%s_en", key);
    const json_t *v = json_object_get(obj, en);
    return !strcmp(lang, "en") && json_is_string(v) ? v : json_object_get(obj, key);
}

static json_t *opening_hours(const json_t *hours)
{
    json_t *out = json_array();
    size_t i;
    json_t *day;
    json_array_foreach(hours, i, day) {
        const char *code = json_string_value(json_object_get(day, "day"));
        const char *name = NULL;
        for (size_t d = 0; code && d < 7; d++)
            if (!strcmp(code, day_names[d][0])) name = day_names[d][1];
        if (!name) continue;
        static const char *const parts[] = {"morning", "afternoon", "evening"};
        for (size_t k = 0; k < 3; k++) {
            json_t *range = json_object_get(day, parts[k]);
            const char *opens = json_string_value(json_array_get(range, 0));
            const char *closes = json_string_value(json_array_get(range, 1));
            if (!opens || !closes) continue;
            char dow[64];
            snprintf(dow, sizeof dow, "https://schema.org/%s", name);
            json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "@type",
                                                 "OpeningHoursSpecification", "dayOfWeek", dow,
                                                 "opens", opens, "closes", closes));
        }
    }
    return out;
}

json_t *mc_jsonld_office_object(const mc_site *site, const char *lang, const char *url)
{
    const json_t *os = json_object_get(site->config, "one_stop");
    const json_t *name = localized(os, "name", lang), *address = localized(os, "address", lang);
    if (!json_is_object(os) || !json_is_string(name)) return NULL;
    json_t *office = json_pack("{s:s, s:O}", "@type", "GovernmentOffice", "name", name);
    if (json_is_string(address))
        json_object_set_new(office, "address", json_pack("{s:s, s:O, s:s}", "@type", "PostalAddress",
                                                         "streetAddress", address, "addressCountry", "VN"));
    copy_string(office, "telephone", os, "phone");
    copy_string(office, "email", os, "email");
    copy_string(office, "hasMap", os, "map_url");
    if (url && url[0]) json_object_set_new(office, "url", json_string(url));
    json_t *lat = json_object_get(os, "latitude"), *lon = json_object_get(os, "longitude");
    if (json_is_number(lat) && json_is_number(lon))
        json_object_set_new(office, "geo", json_pack("{s:s, s:O, s:O}", "@type", "GeoCoordinates",
                                                     "latitude", lat, "longitude", lon));
    json_t *hours = opening_hours(json_object_get(os, "opening_hours"));
    if (json_array_size(hours) > 0) json_object_set_new(office, "openingHoursSpecification", hours);
    else json_decref(hours);
    return office;
}

char *mc_jsonld_office(const mc_site *site, const char *lang, const char *url)
{
    json_t *office = mc_jsonld_office_object(site, lang, url);
    if (!office) return NULL;
    json_object_set_new(office, "@context", json_string("https://schema.org"));
    json_t *city = json_object_get(json_object_get(site->config, "city"), "name");
    if (json_is_string(city))
        json_object_set_new(office, "areaServed", json_pack("{s:s, s:O}", "@type",
                                                            "AdministrativeArea", "name", city));
    char *text = mc_jsonld_text(office);
    json_decref(office);
    return text;
}

/* ServiceChannel per channel: in person at the office, online at the URL. */
static json_t *channels(const json_t *card, const mc_site *site, const char *lang)
{
    json_t *out = json_array();
    const char *online_url = json_string_value(json_object_get(json_object_get(card, "online"), "url"));
    size_t i;
    json_t *ch;
    json_array_foreach(json_object_get(card, "channels"), i, ch) {
        const char *kind = json_string_value(json_object_get(ch, "kind"));
        json_t *c = json_pack("{s:s}", "@type", "ServiceChannel");
        copy_string(c, "name", ch, "label");
        copy_string(c, "description", ch, "time");
        if (kind && !strcmp(kind, "truc_tuyen") && online_url)
            json_object_set_new(c, "serviceUrl", json_string(online_url));
        json_t *office = kind && !strcmp(kind, "truc_tiep") ? mc_jsonld_office_object(site, lang, NULL)
                                                             : NULL;
        if (office) json_object_set_new(c, "serviceLocation", office);
        json_array_append_new(out, c);
    }
    return out;
}

static json_t *offers(const json_t *card)
{
    json_t *out = json_array();
    size_t i;
    json_t *fee;
    json_array_foreach(json_object_get(card, "fees"), i, fee) {
        json_t *amount = json_object_get(fee, "amount");
        if (!json_is_integer(amount)) continue;
        json_t *o = json_pack("{s:s, s:O, s:s}", "@type", "Offer", "price", amount,
                              "priceCurrency", "VND");
        copy_string(o, "name", fee, "name");
        copy_string(o, "description", fee, "note");
        json_array_append_new(out, o);
    }
    return out;
}

static void set_array(json_t *obj, const char *key, json_t *array)
{
    if (json_array_size(array) > 0) json_object_set_new(obj, key, array);
    else json_decref(array);
}

char *mc_jsonld_service(const json_t *card, const mc_page *p, const mc_site *site)
{
    json_t *s = json_pack("{s:s, s:s, s:s, s:s}", "@context", "https://schema.org", "@type",
                          "GovernmentService", "name", p->title, "inLanguage", p->lang);
    copy_string(s, "url", card, "permalink");
    copy_string(s, "identifier", p->params, "code");
    copy_string(s, "description", card, "summary");
    copy_string(s, "serviceType", p->params, "field");
    json_t *agency = json_object_get(p->params, "agency");
    if (json_is_string(agency))
        json_object_set_new(s, "provider", json_pack("{s:s, s:O}", "@type", "GovernmentOrganization",
                                                     "name", agency));
    json_t *city = json_object_get(json_object_get(site->config, "city"), "name");
    if (json_is_string(city))
        json_object_set_new(s, "areaServed", json_pack("{s:s, s:O}", "@type", "AdministrativeArea",
                                                       "name", city));
    json_t *audience = json_object_get(card, "audience_list");
    if (json_array_size(audience) > 0)
        json_object_set_new(s, "audience", json_pack("{s:s, s:O}", "@type", "Audience",
                                                     "audienceType", json_array_get(audience, 0)));
    set_array(s, "availableChannel", channels(card, site, p->lang));
    set_array(s, "offers", offers(card));
    char *text = mc_jsonld_text(s);
    json_decref(s);
    return text;
}

char *mc_jsonld_breadcrumb(const json_t *trail, const char *title, const char *permalink,
                           const char *origin)
{
    json_t *items = json_array();
    size_t i;
    json_t *t;
    json_array_foreach(trail, i, t) {
        const char *url = json_string_value(json_object_get(t, "url"));
        const char *name = json_string_value(json_object_get(t, "name"));
        if (!url || !name || !url[0]) continue;
        size_t len = strlen(origin) + strlen(url) + 1;
        char *abs = malloc(len);
        if (!abs) continue;
        snprintf(abs, len, "%s%s", url[0] == '/' ? origin : "", url);
        json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s}", "@type", "ListItem",
                                               "position", (json_int_t)(json_array_size(items) + 1),
                                               "name", name, "item", abs));
        free(abs);
    }
    if (title && permalink && permalink[0])
        json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s}", "@type", "ListItem",
                                               "position", (json_int_t)(json_array_size(items) + 1),
                                               "name", title, "item", permalink));
    char *out = NULL;
    if (json_array_size(items) > 1) {
        json_t *list = json_pack("{s:s, s:s, s:o}", "@context", "https://schema.org", "@type",
                                 "BreadcrumbList", "itemListElement", items);
        out = mc_jsonld_text(list);
        json_decref(list);
    } else {
        json_decref(items);
    }
    return out;
}
