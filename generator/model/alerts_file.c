/* alerts_file.c — /canh-bao.json from the banner's alerts (see
 * alerts_file.h). */
#include "alerts_file.h"

#include <stdlib.h>
#include <string.h>

#define ALERTS_PATH "canh-bao.json"
#define SCRIPT_PATH "js/canh-bao.js"

static int theme_has_script(const mc_model *m)
{
    for (size_t i = 0; i < m->noutputs; i++)
        if (m->outputs[i].kind == MC_OUT_COPY && !strcmp(m->outputs[i].path, SCRIPT_PATH)) return 1;
    return 0;
}

/* One alert as the script reads it: only what it shows. */
static json_t *public_entry(json_t *a)
{
    json_t *e = json_pack("{s:O, s:O, s:O}", "level", json_object_get(a, "level"), "title",
                          json_object_get(a, "title"), "url", json_object_get(a, "url"));
    json_t *v;
    if ((v = json_object_get(a, "instruction"))) json_object_set(e, "instruction", v);
    if ((v = json_object_get(a, "ends"))) json_object_set(e, "ends", v);
    json_t *exp = json_object_get(a, "expires");
    if (exp)
        json_object_set_new(e, "ends_text", json_pack("{s:O, s:O}", "vi", json_object_get(exp, "vi"),
                                                      "en", json_object_get(exp, "en")));
    return e;
}

int mc_alerts_file_add(mc_model *m, mc_diag_list *errs)
{
    if (!theme_has_script(m)) return 0;
    json_t *alerts = json_object_get(json_object_get(m->site_context, "vi"), "alerts");
    json_t *list = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(alerts, i, a) json_array_append_new(list, public_entry(a));
    json_t *doc = json_pack("{s:o}", "alerts", list);
    char *bytes = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    char *path = strdup(ALERTS_PATH);
    if (!bytes || !path) {
        free(bytes);
        free(path);
        return mc_diag_list_oom(errs);
    }
    mc_output *o = mc_model_add(m, MC_OUT_BYTES, path, NULL, NULL); /* frees path on failure */
    if (!o) {
        free(bytes);
        return mc_diag_list_oom(errs);
    }
    o->bytes = bytes;
    o->nbytes = strlen(bytes);
    return 0;
}
