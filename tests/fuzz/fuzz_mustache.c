/* fuzz_mustache.c — libFuzzer harness: a template through the Mustache
 * engine. The input is "TEMPLATE\0PARTIAL\0JSON": the template is parsed
 * and rendered with the JSON as its context and the partial registered as
 * "p" (so partials, parents and blocks are reached), in strict and lenient
 * mode. */
#include "mustache.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The next NUL-separated part of data[*at..size), copied and terminated. */
static char *part(const uint8_t *data, size_t size, size_t *at, size_t *len)
{
    const uint8_t *start = data + *at;
    const uint8_t *nul = *at < size ? memchr(start, 0, size - *at) : NULL;
    *len = nul ? (size_t)(nul - start) : size - *at;
    char *s = malloc(*len + 1);
    if (s) {
        if (*len) memcpy(s, start, *len);
        s[*len] = '\0';
    }
    *at += *len + (nul ? 1 : 0);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t at = 0, tl, pl, jl;
    char *tmpl = part(data, size, &at, &tl);
    char *partial = part(data, size, &at, &pl);
    char *json = part(data, size, &at, &jl);
    json_t *ctx = json ? json_loadb(json, jl, JSON_DECODE_ANY, NULL) : NULL;
    json_t *partials = json_object();
    if (partial && partials) json_object_set_new(partials, "p", json_stringn(partial, pl));
    for (int strict = 0; strict < 2 && tmpl; strict++) {
        mc_tmpl_set *set = mc_tmpl_set_new_json(partials, strict);
        mc_diag d;
        mc_tmpl *t = set ? mc_tmpl_parse(set, "fuzz", tmpl, tl, &d) : NULL;
        if (t) free(mc_tmpl_render(set, t, ctx, NULL, &d));
        mc_tmpl_set_free(set);
    }
    json_decref(partials);
    json_decref(ctx);
    free(tmpl);
    free(partial);
    free(json);
    return 0;
}
