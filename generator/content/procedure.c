/* procedure.c — completeness and validity checks of a procedure guide (see
 * procedure.h). The keys, which are required, their shapes and their
 * allowed values are the field table's (fields.c); each other kind of
 * invalid value has one small function. Every
 * message is Vietnamese, because the people who fix them write the
 * content: what is wrong, with the key, and how to write it. Facts are in
 * procedure_facts.c and the index in procedure_index.c.
 */
#include "procedure.h"
#include "fields.h"
#include "kinds.h"
#include "dates.h"
#include "safepath.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Units of a processing time (QĐ 766 "DonViTinh"), as written and as codes. */
static const char *const time_units[] = {"giờ", "ngày", "ngày làm việc", "tháng", "gio",
                                         "ngay", "ngay_lam_viec", "thang", NULL};

typedef struct checker {
    const mc_page *p;
    const mc_site *site;
    mc_diag_list *out;
    enum mc_severity severity;
    int problems;
} checker;

static void warn(checker *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(checker *c, const char *key, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mc_diag d;
    mc_diag_set(&d, c->p->file, mc_page_line(c->p, key), 0, "%s", msg);
    d.severity = c->severity;
    mc_diag_list_add(c->out, &d);
    c->problems++;
}

static int one_of(const char *s, const char *const *allowed)
{
    for (; s && *allowed; allowed++)
        if (!strcmp(s, *allowed)) return 1;
    return 0;
}

static int blank(const json_t *v)
{
    if (!v || json_is_null(v)) return 1;
    if (json_is_string(v)) {
        for (const char *s = json_string_value(v); *s; s++)
            if (!isspace((unsigned char)*s)) return 0;
        return 1;
    }
    if (json_is_array(v)) return json_array_size(v) == 0;
    if (json_is_object(v)) return json_object_size(v) == 0;
    return 0;
}

int mc_procedure_abolished(const mc_page *p)
{
    const char *s = json_string_value(json_object_get(p->params, "status"));
    return s && !strcmp(s, "bai_bo");
}

/* Every part the rules require (fields.c, required) is there. */
static void check_missing(checker *c)
{
    for (const mc_field *f = c->p->kind->fields; f && f->key; f++)
        if (f->required && blank(json_object_get(c->p->params, f->key)))
            warn(c, f->key, "thiếu \"%s\" (%s); thêm vào phần khai báo, ví dụ: %s", f->label_vi,
                 f->key, f->example);
}

/* A value of f at key (a key path: "channels/0/kind") that is not one of
 * its choices; an absent or blank one only when f is required. */
static void check_choice(checker *c, const mc_field *f, json_t *v, const char *key)
{
    if (blank(v) && !f->required) return;
    const char *s = json_string_value(v);
    if (!mc_field_choice(f, s))
        warn(c, key, "\"%s\" (%s) không hợp lệ: '%s'; dùng %s", f->label_vi, key,
             s ? s : v ? "(không phải chữ)" : "", mc_field_choice_list(f));
}

/* Values of the wrong shape (a number where a list belongs...) would be
 * dropped from the page without a word: each is named with the shape its
 * field asks for. Returns 1 when v has the right shape. */
static int check_shape(checker *c, const mc_field *f, json_t *v, const char *key)
{
    if (mc_field_shape_ok(f, v)) return 1;
    warn(c, key, "\"%s\" (%s) phải là %s %s", f->label_vi, key, mc_field_shape(f), f->example);
    return 0;
}

/* An amount in đồng (its shape, a whole number, is the table's): not
 * negative. */
static void check_money(checker *c, json_t *v, const char *key, const char *label)
{
    if (json_integer_value(v) < 0)
        warn(c, key, "\"%s\" (%s) là số âm: %lld; ghi số đồng từ 0 trở lên (0 là miễn phí)", label,
             key, (long long)json_integer_value(v));
}

/* A date of f that is not a date (blank ones are check_missing's). */
static void check_date(checker *c, const mc_field *f, json_t *v)
{
    mc_date t;
    if (json_is_string(v) && !blank(v) &&
        mc_date_parse(json_string_value(v), &t, NULL, 0, NULL) != 0)
        warn(c, f->key, "\"%s\" (%s) không phải ngày; viết năm-tháng-ngày, ví dụ %s", f->label_vi,
             f->key, f->example);
}

/* True when file, beside page p, is a regular file inside the site
 * (safepath.h: no way out through "..", an absolute path or a link). */
static int file_confined(const checker *c, const char *file)
{
    mc_diag d;
    size_t n = strlen(c->p->dir) + strlen(file) + 2;
    char *rel = malloc(n), *content = mc_path_join(c->site->root, "content", &d);
    if (rel) snprintf(rel, n, "%s%s%s", c->p->dir, c->p->dir[0] ? "/" : "", file);
    char *path = rel && content ? mc_path_join(content, rel, &d) : NULL;
    struct stat st;
    int ok = path && mc_link_confined(c->site->root, path, &st, &d) == 0 && S_ISREG(st.st_mode);
    free(rel);
    free(content);
    free(path);
    return ok;
}

/* A file of f that is not beside the page, inside the site. */
static void check_file(checker *c, const mc_field *f, json_t *v)
{
    const char *name = json_string_value(v);
    if (blank(v) || (name && file_confined(c, name))) return;
    if (c->p->is_bundle)
        warn(c, f->key, "tệp \"%s\" (%s) '%s' không có bên cạnh trang; đặt tệp vào content/%s/, "
             "cạnh index.md", f->label_vi, f->key, name ? name : "", c->p->dir);
    else
        warn(c, f->key, "tệp \"%s\" (%s) '%s' không có bên cạnh trang; làm trang thành thư mục "
             "content/%s%s%s/ với index.md và đặt tệp cạnh index.md", f->label_vi, f->key,
             name ? name : "", c->p->dir, c->p->dir[0] ? "/" : "", c->p->slug ? c->p->slug : "");
}

/* Shapes of every key of the kind's table and of the items of its lists,
 * the choices among them, dates, files, and amounts that are not
 * negative. */
static void check_fields(checker *c)
{
    for (const mc_field *f = c->p->kind->fields; f && f->key; f++) {
        json_t *v = json_object_get(c->p->params, f->key);
        if (!v || !check_shape(c, f, v, f->key)) continue;
        if (f->type == MC_F_CHOICE && !blank(v)) check_choice(c, f, v, f->key);
        if (f->type == MC_F_DATE) check_date(c, f, v);
        if (f->type == MC_F_FILE) check_file(c, f, v);
        if (f->type != MC_F_LIST || !f->items) continue;
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (!json_is_object(item)) continue;
            for (const mc_field *it = f->items; it->key; it++) {
                char key[96];
                snprintf(key, sizeof key, "%s/%zu/%s", f->key, i, it->key);
                json_t *iv = json_object_get(item, it->key);
                if (iv && !check_shape(c, it, iv, key)) continue;
                if (it->type == MC_F_CHOICE) check_choice(c, it, iv, key);
                if (it->type == MC_F_MONEY && iv) check_money(c, iv, key, it->label_vi);
            }
        }
    }
}

/* A fee without its amount (the amount's value is check_fields's). */
static void check_fees(checker *c)
{
    size_t i;
    json_t *fee;
    json_array_foreach(json_object_get(c->p->params, "fees"), i, fee) {
        if (json_object_get(fee, "amount")) continue;
        char key[64];
        snprintf(key, sizeof key, "fees/%zu", i);
        warn(c, key, "thiếu mức thu của \"Phí, lệ phí\" (%s/amount); ghi số đồng, 0 là miễn phí",
             key);
    }
}

static void check_online(checker *c)
{
    const char *online = json_string_value(json_object_get(c->p->params, "online"));
    const mc_choice *level = mc_field_choice(mc_field_find(mc_procedure_fields, "online"), online);
    if (!level || strcmp(level->code, "none") == 0) return;
    const char *url = json_string_value(json_object_get(c->p->params, "online_url"));
    if (!url || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)))
        warn(c, json_object_get(c->p->params, "online_url") ? "online_url" : "online",
             "thiếu \"Địa chỉ nộp hồ sơ trực tuyến\" (online_url) cho dịch vụ công trực tuyến %s; "
             "ghi địa chỉ đầy đủ, ví dụ online_url: \"https://dichvucong.gov.vn/...\"", online);
}

/* True when the file named by a form key exists beside the page. */
static int form_exists(const checker *c, const char *file)
{
    char *norm = mc_path_normalize(file);
    if (!norm) return 0;
    size_t n = strlen(c->site->root) + strlen(c->p->dir) + strlen(norm) + 16;
    char *path = malloc(n);
    struct stat st;
    int ok = path && snprintf(path, n, "%s/content/%s%s%s", c->site->root, c->p->dir,
                              c->p->dir[0] ? "/" : "", norm) > 0 &&
             stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    free(norm);
    return ok;
}

static void check_form(checker *c, json_t *file, const char *key)
{
    if (!file) return;
    const char *name = json_string_value(file);
    if (name && form_exists(c, name)) return;
    warn(c, key, "mẫu đơn (%s) '%s' không có bên cạnh trang; đặt tệp vào content/%s%s (thủ tục "
         "có mẫu đơn nên là thư mục, tệp đặt cạnh index.md)", key, name ? name : "",
         c->p->dir, c->p->dir[0] ? "/" : "");
}

static void check_documents(checker *c)
{
    size_t i;
    json_t *doc;
    json_array_foreach(json_object_get(c->p->params, "documents"), i, doc) {
        char key[64];
        snprintf(key, sizeof key, "documents/%zu", i);
        if (json_is_object(doc) && blank(json_object_get(doc, "name")))
            warn(c, key, "giấy tờ trong \"Thành phần hồ sơ\" (%s/name) chưa có tên", key);
        snprintf(key, sizeof key, "documents/%zu/form", i);
        check_form(c, json_object_get(doc, "form"), key);
    }
    json_t *form;
    json_array_foreach(json_object_get(c->p->params, "forms"), i, form) {
        char key[64];
        snprintf(key, sizeof key, "forms/%zu/file", i);
        check_form(c, json_is_string(form) ? form : json_object_get(form, "file"), key);
    }
}

/* A document number has digits, a slash and digits: "60/2014/QH13". */
static int has_document_number(const char *s)
{
    for (; s && *s; s++)
        if (isdigit((unsigned char)*s)) {
            while (isdigit((unsigned char)*s)) s++;
            if (*s == '/' && isdigit((unsigned char)s[1])) return 1;
            if (!*s) break;
        }
    return 0;
}

static void check_legal_basis(checker *c)
{
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(c->p->params, "legal_basis"), i, entry) {
        char key[64];
        snprintf(key, sizeof key, "legal_basis/%zu", i);
        const char *title = json_is_string(entry) ? json_string_value(entry)
                                                   : json_string_value(json_object_get(entry, "title"));
        const char *number = json_string_value(json_object_get(entry, "number"));
        if (!has_document_number(number) && !has_document_number(title))
            warn(c, key, "\"Căn cứ pháp lý\" (%s) thiếu số hiệu văn bản: '%s'; ghi số hiệu, ví dụ "
                 "title: \"Luật Hộ tịch số 60/2014/QH13\"", key, title ? title : "");
        const char *url = json_string_value(json_object_get(entry, "url"));
        if (url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) {
            snprintf(key, sizeof key, "legal_basis/%zu/url", i);
            warn(c, key, "\"Căn cứ pháp lý\" (%s) không phải địa chỉ web: '%s'; ghi đầy đủ, bắt "
                 "đầu bằng https://", key, url);
        }
    }
}

static void check_processing_time(checker *c)
{
    json_t *v = json_object_get(c->p->params, "processing_time");
    if (json_is_object(v)) {
        const char *unit = json_string_value(json_object_get(v, "unit"));
        if (!one_of(unit, time_units))
            warn(c, json_object_get(v, "unit") ? "processing_time/unit" : "processing_time",
                 "\"Thời hạn giải quyết\" (processing_time/unit) có đơn vị không hợp lệ: '%s'; "
                 "dùng giờ, ngày, ngày làm việc hoặc tháng", unit ? unit : "");
        json_t *value = json_object_get(v, "value");
        if (!json_is_integer(value) || json_integer_value(value) < 0)
            warn(c, value ? "processing_time/value" : "processing_time",
                 "\"Thời hạn giải quyết\" (processing_time/value) phải là số nguyên không âm, "
                 "ví dụ value: 5");
    } else if (json_is_string(v) && !blank(v)) {
        const char *s = json_string_value(v);
        if (!strstr(s, "giờ") && !strstr(s, "ngày") && !strstr(s, "tháng"))
            warn(c, "processing_time", "\"Thời hạn giải quyết\" (processing_time) không ghi đơn "
                 "vị: '%s'; ghi rõ giờ, ngày, ngày làm việc hoặc tháng, ví dụ \"05 ngày làm việc\"", s);
    } /* other shapes: check_fields */
    json_t *days = json_object_get(c->p->params, "processing_days");
    if (json_is_integer(days) && json_integer_value(days) < 0)
        warn(c, "processing_days", "\"Số ngày làm việc\" (processing_days) phải là số nguyên không "
             "âm, ví dụ processing_days: 5");
}

enum mc_severity mc_procedure_severity(const mc_page *p, int allow_incomplete)
{
    return allow_incomplete || p->draft ? MC_WARNING : MC_ERROR;
}

int mc_procedure_check(const mc_page *p, const mc_site *site, enum mc_severity severity,
                       mc_diag_list *out)
{
    checker c = {p, site, out, severity, 0};
    if (!mc_procedure_abolished(p)) check_missing(&c);
    check_fields(&c);
    check_online(&c);
    check_fees(&c);
    check_documents(&c);
    check_legal_basis(&c);
    check_processing_time(&c);
    return c.problems;
}
