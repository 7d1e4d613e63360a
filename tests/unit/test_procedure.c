/* test_procedure.c — procedure checks, facts, JSON-LD and index on the
 * tests/sites/procedures fixture (one complete procedure, one per kind of
 * problem). Messages are checked whole where their wording is the product
 * (what a communications officer reads); run from the repository root. */
#include "content.h"
#include "jsonld.h"
#include "model.h"
#include "procedure.h"
#include "site.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/sites/procedures"

typedef struct fixture {
    mc_site site;
    mc_scan scan;
    mc_page *pages;
    mc_model model;
    mc_diag_list errs;
} fixture;

static fixture fx;

static int fixture_open(void)
{
    memset(&fx, 0, sizeof fx);
    if (mc_site_load(&fx.site, FIXTURE, NULL, &fx.errs) != 0) return -1;
    if (mc_content_scan(FIXTURE, &fx.scan, &fx.errs) != 0) return -1;
    fx.pages = calloc(fx.scan.npages + 1, sizeof *fx.pages);
    for (size_t i = 0; i < fx.scan.npages; i++)
        mc_page_load(&fx.pages[i], &fx.site, fx.scan.pages[i], &fx.errs);
    mc_model_opts mo = {0, 0, 1893456000LL, 1, 1};
    return mc_model_build(&fx.model, &fx.site, fx.pages, fx.scan.npages, &fx.scan, &mo, &fx.errs);
}

static void fixture_close(void)
{
    mc_model_free(&fx.model);
    for (size_t i = 0; i < fx.scan.npages; i++) mc_page_free(&fx.pages[i]);
    free(fx.pages);
    mc_scan_free(&fx.scan);
    mc_site_free(&fx.site);
    mc_diag_list_free(&fx.errs);
}

static const mc_page *page(const char *rel)
{
    for (size_t i = 0; i < fx.scan.npages; i++)
        if (!strcmp(fx.pages[i].rel, rel)) return &fx.pages[i];
    return NULL;
}

static json_t *card(const char *rel)
{
    const mc_page *p = page(rel);
    return p ? json_array_get(fx.model.cards, (size_t)(p - fx.pages)) : NULL;
}

/* Runs the check on one page; returns the problem count, messages in l. */
static int check_one(const char *rel, mc_diag_list *l)
{
    const mc_page *p = page(rel);
    return p ? mc_procedure_check(p, &fx.site, MC_WARNING, l) : -1;
}

static void test_complete_has_no_problem(mc_check *c)
{
    mc_diag_list l = {0};
    CHECK(c, check_one("thu-tuc/dang-ky-khai-sinh/index.md", &l) == 0);
    CHECK(c, l.count == 0);
    mc_diag_list_free(&l);
}

static void test_each_problem_is_one_warning(mc_check *c)
{
    static const struct { const char *rel; int line; const char *start; } cases[] = {
        {"thu-tuc/thieu-thoi-han.md", 1, "thiếu \"Thời hạn giải quyết\" (processing_time); "},
        {"thu-tuc/le-phi-am.md", 35, "\"Phí, lệ phí\" (fees/1/amount) là số âm: -8000"},
        {"thu-tuc/cap-sai.md", 5, "\"Cấp thực hiện\" (level) không hợp lệ: 'thon'"},
        {"thu-tuc/don-vi-sai.md", 29, "\"Thời hạn giải quyết\" (processing_time/unit) có đơn vị không hợp lệ: 'tuần'"},
        {"thu-tuc/can-cu-thieu-so.md", 40, "\"Căn cứ pháp lý\" (legal_basis/0) thiếu số hiệu văn bản"},
        {"thu-tuc/trang-thai-sai.md", 42, "\"Tình trạng hiệu lực\" (status) không hợp lệ: 'het_hieu_luc'"},
        {"thu-tuc/truc-tuyen-thieu-url.md", 19, "thiếu \"Địa chỉ nộp hồ sơ trực tuyến\" (online_url)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_diag_list l = {0};
        CHECK(c, check_one(cases[i].rel, &l) == 1);
        CHECK(c, l.count == 1 && l.errors == 0);
        if (l.count == 1) {
            CHECK(c, l.items[0].severity == MC_WARNING);
            CHECK(c, l.items[0].line == cases[i].line);
            CHECK(c, !strncmp(l.items[0].message, cases[i].start, strlen(cases[i].start)));
            CHECK(c, strstr(l.items[0].file, cases[i].rel) != NULL);
        }
        mc_diag_list_free(&l);
    }
}

static void test_missing_form_and_bare_page(mc_check *c)
{
    mc_diag_list l = {0};
    CHECK(c, check_one("thu-tuc/mau-don-thieu.md", &l) == 2);
    mc_diag_list_free(&l);
    memset(&l, 0, sizeof l);
    CHECK(c, check_one("thu-tuc/chi-co-tieu-de.md", &l) == 14);
    mc_diag_list_free(&l);
    memset(&l, 0, sizeof l);
    CHECK(c, check_one("thu-tuc/da-bai-bo.md", &l) == 0); /* abolished: no missing parts */
    mc_diag_list_free(&l);
}

static void test_allowed_build_reports_warnings_only(mc_check *c)
{
    CHECK(c, fx.errs.errors == 0);
    CHECK(c, fx.errs.count >= 9 + 14);
}

static void test_fee_and_form_facts(mc_check *c)
{
    json_t *k = card("thu-tuc/dang-ky-khai-sinh/index.md");
    json_t *fees = json_object_get(k, "fees");
    CHECK(c, json_is_true(json_object_get(json_array_get(fees, 0), "free")));
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(fees, 1), "amount_text")), "8.000 đồng");
    json_t *form = json_array_get(json_object_get(k, "forms"), 0);
    CHECK_STR(c, json_string_value(json_object_get(form, "type")), "TXT");
    CHECK_STR(c, json_string_value(json_object_get(form, "url")), "/thu-tuc/dang-ky-khai-sinh/to-khai.txt");
    CHECK(c, json_integer_value(json_object_get(form, "size")) > 0);
    CHECK_STR(c, json_string_value(json_object_get(form, "size_text")), "73 byte");
    json_t *doc = json_array_get(json_object_get(k, "documents"), 0);
    CHECK_STR(c, json_string_value(json_object_get(doc, "original_label")), "Bản chính");
    CHECK_STR(c, json_string_value(json_object_get(json_object_get(doc, "form"), "type")), "TXT");
    CHECK_STR(c, json_string_value(json_object_get(json_object_get(k, "level"), "label")), "Cấp xã");
    CHECK(c, json_is_true(json_object_get(json_object_get(k, "online"), "is_full")));
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(json_object_get(k, "legal_basis"), 0),
                                                   "number")), "60/2014/QH13");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(json_object_get(k, "channels"), 0),
                                                   "label")), "Trực tiếp");
}

static void test_jsonld_service(mc_check *c)
{
    json_t *k = card("thu-tuc/dang-ky-khai-sinh/index.md");
    const char *text = json_string_value(json_object_get(k, "jsonld"));
    CHECK(c, text != NULL);
    if (!text) return;
    CHECK(c, strstr(text, "</") == NULL);       /* the summary holds "</script>" */
    CHECK(c, strstr(text, "<\\/script>") != NULL);
    json_t *ld = json_loads(text, 0, NULL);
    CHECK_STR(c, json_string_value(json_object_get(ld, "@type")), "GovernmentService");
    CHECK_STR(c, json_string_value(json_object_get(ld, "identifier")), "1.001193.000.00.00.H42");
    CHECK_STR(c, json_string_value(json_object_get(ld, "url")), "https://thutuc.example/thu-tuc/dang-ky-khai-sinh/");
    CHECK(c, json_is_object(json_object_get(ld, "provider")));
    CHECK(c, json_array_size(json_object_get(ld, "availableChannel")) == 2);
    CHECK(c, json_array_size(json_object_get(ld, "offers")) == 2);
    json_decref(ld);
}

static void test_jsonld_office(mc_check *c)
{
    char *text = mc_jsonld_office(&fx.site, "en", "https://thutuc.example/x/");
    json_t *ld = text ? json_loads(text, 0, NULL) : NULL;
    CHECK_STR(c, json_string_value(json_object_get(ld, "@type")), "GovernmentOffice");
    CHECK_STR(c, json_string_value(json_object_get(ld, "name")), "One-stop centre");
    CHECK_STR(c, json_string_value(json_object_get(ld, "telephone")), "0229.000.000");
    CHECK(c, json_array_size(json_object_get(ld, "openingHoursSpecification")) == 3);
    json_decref(ld);
    free(text);
}

static void test_jsonld_text_escapes(mc_check *c)
{
    json_t *v = json_pack("{s:s}", "a", "</script><!-- x");
    char *text = mc_jsonld_text(v);
    CHECK_STR(c, text, "{\"a\":\"<\\/script>\\u003c!-- x\"}");
    json_t *back = text ? json_loads(text, 0, NULL) : NULL;
    CHECK_STR(c, json_string_value(json_object_get(back, "a")), "</script><!-- x");
    json_decref(back);
    json_decref(v);
    free(text);
}

/* The index output of path, or NULL. */
static json_t *index_list(const char *path)
{
    for (size_t i = 0; i < fx.model.noutputs; i++)
        if (!strcmp(fx.model.outputs[i].path, path))
            return json_object_get(fx.model.outputs[i].context, "list");
    return NULL;
}

static void test_index_groups_and_filters(mc_check *c)
{
    json_t *l = index_list("thu-tuc/index.html");
    CHECK(c, l != NULL);
    /* 12 procedures, one abolished: 11 listed, in 3 fields (Chứng thực, Hộ
     * tịch, and "Khác" for the one without a field) */
    CHECK(c, json_integer_value(json_object_get(l, "count")) == 11);
    CHECK_STR(c, json_string_value(json_object_get(l, "count_text")), "3 lĩnh vực, 11 thủ tục");
    json_t *fields = json_object_get(l, "fields");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(fields, 0), "name")), "Chứng thực");
    CHECK(c, json_integer_value(json_object_get(json_array_get(fields, 1), "count")) == 9);
    json_t *huyen = index_list("thu-tuc/cap/huyen/index.html");
    CHECK(c, huyen && json_integer_value(json_object_get(huyen, "count")) == 1);
    json_t *partial = index_list("thu-tuc/truc-tuyen/mot-phan/index.html");
    CHECK(c, partial && json_integer_value(json_object_get(partial, "count")) == 1);
    CHECK(c, index_list("thu-tuc/cap/tinh/index.html") == NULL); /* no procedure at that level */
    json_t *az = index_list("thu-tuc/a-z/index.html");
    json_t *letters = json_object_get(az, "letters");
    size_t n = json_array_size(letters);
    CHECK(c, n >= 3);
    /* Vietnamese order of initials: C, Đ, L, M, T (Đ is its own letter) */
    char order[64] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(order, json_string_value(json_object_get(json_array_get(letters, i), "letter")));
        strcat(order, " ");
    }
    CHECK_STR(c, order, "C Đ L M T ");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(letters, 1), "anchor")), "chu-d");
}

static void test_abolished_leaves_lists(mc_check *c)
{
    const mc_page *p = page("thu-tuc/da-bai-bo.md");
    CHECK(c, p && mc_procedure_abolished(p));
    json_t *k = card("thu-tuc/da-bai-bo.md");
    CHECK(c, json_is_true(json_object_get(k, "is_abolished")));
    int has_page = 0;
    for (size_t i = 0; i < fx.model.noutputs; i++)
        if (!strcmp(fx.model.outputs[i].path, "thu-tuc/da-bai-bo/index.html")) has_page = 1;
    CHECK(c, has_page);
    char *all = json_dumps(index_list("thu-tuc/index.html"), 0);
    CHECK(c, all && !strstr(all, "da-bai-bo"));
    free(all);
}

int main(void)
{
    mc_check c = {0};
    if (fixture_open() != 0) {
        printf("FAIL fixture: %s\n", fx.errs.count ? fx.errs.items[0].message : "?");
        fixture_close();
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(&c, test_complete_has_no_problem);
    RUN(&c, test_each_problem_is_one_warning);
    RUN(&c, test_missing_form_and_bare_page);
    RUN(&c, test_allowed_build_reports_warnings_only);
    RUN(&c, test_fee_and_form_facts);
    RUN(&c, test_jsonld_service);
    RUN(&c, test_jsonld_office);
    RUN(&c, test_jsonld_text_escapes);
    RUN(&c, test_index_groups_and_filters);
    RUN(&c, test_abolished_leaves_lists);
    fixture_close();
    return check_finish(&c);
}
