/* test_fields.c — the page-kind and field tables (kinds.h, fields.h) and
 * what is driven by them: procedure checks (required parts, shapes,
 * choices), Vietnamese spellings of choices turned into codes at load,
 * sections: naming an unknown kind, and the default theme having a
 * template for every kind. Runs from the repository root. */
#include "content.h"
#include "fields.h"
#include "fileio.h"
#include "kinds.h"
#include "money.h"
#include "procedure.h"
#include "site.h"
#include "../check.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[64];

static void fresh_site(const char *site_yaml)
{
    if (root[0]) mc_remove_tree(root, NULL);
    snprintf(root, sizeof root, "/tmp/mc-fields-XXXXXX");
    if (!mkdtemp(root)) abort();
    char dir[128];
    snprintf(dir, sizeof dir, "%s/content/thu-tuc", root);
    mc_mkdir_p(dir, NULL);
    check_write_file(root, "site.yaml", site_yaml);
}

/* Loads content/REL of the current site; 0 or -1. Messages in errs. */
static int load_page(mc_site *s, mc_page *p, const char *rel, mc_diag_list *errs)
{
    memset(p, 0, sizeof *p);
    if (mc_site_load(s, root, NULL, errs) != 0) return -1;
    return mc_page_load(p, s, rel, errs);
}

/* 1 when some message in l contains text. */
static int has_message(const mc_diag_list *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (strstr(l->items[i].message, text)) return 1;
    return 0;
}

static const char complete[] =
    "code: \"1.001193.000.00.00.H42\"\nfield: \"Hộ tịch\"\nagency: \"UBND xã\"\n"
    "audience: [\"Cá nhân\"]\nsteps: [\"Nộp hồ sơ\"]\ncopies: \"01 bộ\"\n"
    "processing_time: \"01 ngày làm việc\"\nresult: \"Giấy khai sinh\"\n"
    "legal_basis: [{title: \"Luật Hộ tịch số 60/2014/QH13\"}]\n";

static void write_procedure(const char *name, const char *extra)
{
    char rel[128], text[4096];
    snprintf(rel, sizeof rel, "content/thu-tuc/%s", name);
    snprintf(text, sizeof text, "---\ntitle: \"Thử\"\n%s%s---\n\nNội dung.\n", complete, extra);
    check_write_file(root, rel, text);
}

/* Each value of the wrong shape is named with the shape its field asks for,
 * at its line, instead of being dropped from the page without a word. */
static void wrong_shapes_are_named(mc_check *c)
{
    static const struct { const char *yaml, *message; } cases[] = {
        {"level: xa\nstatus: dang_ap_dung\nchannels: [{kind: truc_tiep}]\ndocuments: [{name: A}]\n"
         "fees: 42\n", "\"Phí, lệ phí\" (fees) phải là danh sách"},
        {"level: xa\nstatus: dang_ap_dung\nchannels: [{kind: truc_tiep}]\nfees: [{amount: 0}]\n"
         "documents: 42\n", "\"Thành phần hồ sơ\" (documents) phải là danh sách"},
        {"level: xa\nstatus: dang_ap_dung\nchannels: [{kind: truc_tiep}]\nfees: [{amount: 0}]\n"
         "documents: [{name: A}]\nagency2: 1\n", NULL},
        {"level: xa\nstatus: dang_ap_dung\nfees: [{amount: 0}]\ndocuments: [{name: A}]\n"
         "channels: \"zzz\"\n", "\"Cách thức thực hiện\" (channels) phải là danh sách"},
        {"level: xa\nstatus: dang_ap_dung\nfees: [{amount: \"khoảng 8.000\"}]\ndocuments: [{name: A}]\n"
         "channels: [{kind: truc_tiep}]\n", "(fees/0/amount) phải là số đồng"},
        {"level: xa\nstatus: dang_ap_dung\nfees: [{amount: 0}]\ndocuments: [{name: {x: 1}}]\n"
         "channels: [{kind: truc_tiep}]\n", "(documents/0/name) phải là chữ"},
        {"level: [xa]\nstatus: dang_ap_dung\nfees: [{amount: 0}]\ndocuments: [{name: A}]\n"
         "channels: [{kind: truc_tiep}]\n", "\"Cấp thực hiện\" (level) phải là một trong"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fresh_site("title: T\n");
        write_procedure("a.md", cases[k].yaml);
        mc_site s;
        mc_page p;
        mc_diag_list errs = {0}, l = {0};
        CHECK(c, load_page(&s, &p, "thu-tuc/a.md", &errs) == 0);
        int n = mc_procedure_check(&p, &s, MC_WARNING, &l);
        if (cases[k].message) {
            CHECK(c, n >= 1);
            if (!CHECK(c, has_message(&l, cases[k].message)))
                for (size_t i = 0; i < l.count; i++) fprintf(stderr, "  got: %s\n", l.items[i].message);
            CHECK(c, l.count && l.items[0].line > 1);
        } else {
            CHECK(c, n == 0); /* keys the table does not know are left alone */
        }
        mc_page_free(&p);
        mc_site_free(&s);
        mc_diag_list_free(&errs);
        mc_diag_list_free(&l);
    }
}

/* `legal_basis: "Luật …"` (a string where a list belongs) and `agency: {x: 1}`. */
static void string_for_list_and_map_for_text(mc_check *c)
{
    fresh_site("title: T\n");
    check_write_file(root, "content/thu-tuc/b.md",
                     "---\ntitle: B\ncode: \"1.1\"\nfield: F\nlevel: xa\nagency: {x: 1}\n"
                     "audience: A\nsteps: S\nchannels: [{kind: truc_tiep}]\ndocuments: [A]\n"
                     "copies: \"01 bộ\"\nprocessing_time: \"1 ngày\"\nfees: [{amount: 0}]\n"
                     "result: R\nlegal_basis: \"Luật Hộ tịch số 60/2014/QH13\"\n"
                     "status: dang_ap_dung\n---\n");
    mc_site s;
    mc_page p;
    mc_diag_list errs = {0}, l = {0};
    CHECK(c, load_page(&s, &p, "thu-tuc/b.md", &errs) == 0);
    CHECK(c, mc_procedure_check(&p, &s, MC_WARNING, &l) == 2);
    CHECK(c, has_message(&l, "\"Cơ quan thực hiện\" (agency) phải là chữ"));
    CHECK(c, has_message(&l, "\"Căn cứ pháp lý\" (legal_basis) phải là danh sách"));
    mc_page_free(&p);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
    mc_diag_list_free(&l);
}

/* Staff write the allowed values as they say them: "tỉnh", "Đang áp dụng",
 * "trực tiếp", "bản chính". They are accepted and become codes. */
static void vietnamese_spellings_become_codes(mc_check *c)
{
    fresh_site("title: T\n");
    write_procedure("v.md", "level: \"tỉnh\"\nstatus: \"Đang áp dụng\"\nonline: \"Toàn trình\"\n"
                            "online_url: \"https://dichvucong.gov.vn/x\"\n"
                            "channels: [{kind: \"trực tiếp\"}, {kind: \"Bưu chính\"}]\n"
                            "documents: [{name: A, original: \"bản chính hoặc bản sao\"}]\n"
                            "fees: [{amount: \"135.000 đồng\"}, {amount: \"135.000đ\"}, "
                            "{amount: \"Miễn phí\"}, {amount: \"1.200.000 VNĐ\"}]\n");
    mc_site s;
    mc_page p;
    mc_diag_list errs = {0}, l = {0};
    CHECK(c, load_page(&s, &p, "thu-tuc/v.md", &errs) == 0);
    CHECK(c, mc_procedure_check(&p, &s, MC_WARNING, &l) == 0);
    CHECK_STR(c, json_string_value(json_object_get(p.params, "level")), "tinh");
    CHECK_STR(c, json_string_value(json_object_get(p.params, "status")), "dang_ap_dung");
    CHECK_STR(c, json_string_value(json_object_get(p.params, "online")), "toan_trinh");
    json_t *ch = json_object_get(p.params, "channels");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(ch, 0), "kind")), "truc_tiep");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(ch, 1), "kind")), "buu_chinh");
    json_t *doc = json_array_get(json_object_get(p.params, "documents"), 0);
    CHECK_STR(c, json_string_value(json_object_get(doc, "original")), "ban_chinh_hoac_ban_sao");
    static const long long amounts[] = {135000, 135000, 0, 1200000};
    for (size_t i = 0; i < 4; i++)
        CHECK(c, json_integer_value(json_object_get(
                     json_array_get(json_object_get(p.params, "fees"), i), "amount")) == amounts[i]);
    mc_page_free(&p);
    mc_diag_list_free(&l);
    /* the level as the two-tier units name it, with and without marks */
    fresh_site("title: T\n");
    write_procedure("x.md", "level: \"Phường\"\nstatus: \"con hieu luc\"\nchannels: [{kind: \"qua mang\"}]\n"
                            "documents: [{name: A}]\nfees: [{amount: 0}]\n");
    CHECK(c, load_page(&s, &p, "thu-tuc/x.md", &errs) == 0);
    CHECK(c, mc_procedure_check(&p, &s, MC_WARNING, &l) == 0);
    CHECK_STR(c, json_string_value(json_object_get(p.params, "level")), "xa");
    CHECK_STR(c, json_string_value(json_object_get(p.params, "status")), "dang_ap_dung");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(json_object_get(p.params, "channels"), 0),
                                                   "kind")), "truc_tuyen");
    mc_page_free(&p);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
    mc_diag_list_free(&l);
    /* a word that is none of them is still refused, with the codes */
    fresh_site("title: T\n");
    write_procedure("w.md", "level: \"thôn\"\nstatus: dang_ap_dung\nchannels: [{kind: truc_tiep}]\n"
                            "documents: [{name: A}]\nfees: [{amount: 0}]\n");
    CHECK(c, load_page(&s, &p, "thu-tuc/w.md", &errs) == 0);
    CHECK(c, mc_procedure_check(&p, &s, MC_WARNING, &l) == 1);
    CHECK(c, has_message(&l, "\"Cấp thực hiện\" (level) không hợp lệ: 'thôn'; dùng tinh, huyen hoặc xa"));
    mc_page_free(&p);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
    mc_diag_list_free(&l);
}

/* Every required field of the table is asked for when it is missing. */
static void every_required_field_is_checked(mc_check *c)
{
    fresh_site("title: T\n");
    check_write_file(root, "content/thu-tuc/trong.md", "---\ntitle: Trống\n---\n");
    mc_site s;
    mc_page p;
    mc_diag_list errs = {0}, l = {0};
    CHECK(c, load_page(&s, &p, "thu-tuc/trong.md", &errs) == 0);
    mc_procedure_check(&p, &s, MC_WARNING, &l);
    size_t required = 0;
    for (const mc_field *f = mc_procedure_fields; f->key; f++) {
        if (!f->required) continue;
        required++;
        char want[128];
        snprintf(want, sizeof want, "thiếu \"%s\" (%s)", f->label_vi, f->key);
        if (!CHECK(c, has_message(&l, want))) fprintf(stderr, "  missing: %s\n", want);
    }
    CHECK(c, required >= 14 && l.count == required);
    mc_page_free(&p);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
    mc_diag_list_free(&l);
}

/* A kind site.yaml names that is not in the table is an error at its line. */
static void unknown_section_kind(mc_check *c)
{
    fresh_site("title: T\nsections:\n  tin-tuc: news\n  blog: blog\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) != 0);
    CHECK(c, errs.count == 1 && errs.items[0].line == 4);
    CHECK(c, has_message(&errs, "the section 'blog' has the kind 'blog', which is not a page kind; "
                                "use news, procedure, announcement, document, journey or page"));
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

/* The tables hang together: every kind has a template in the default theme
 * and a field table; every choice field has choices, every list its items;
 * keys are unique; `motcua new` writes every in_new key. */
static void tables_are_consistent(mc_check *c)
{
    size_t n;
    const mc_kind *k = mc_kinds(&n);
    CHECK(c, n >= 4);
    for (size_t i = 0; i < n; i++) {
        char path[256];
        struct stat st;
        snprintf(path, sizeof path, "themes/default/templates/%s.mustache", k[i].name);
        if (!CHECK(c, stat(path, &st) == 0)) fprintf(stderr, "  no template: %s\n", path);
        CHECK(c, mc_kind_find(k[i].name) == &k[i]);
        CHECK(c, k[i].fields != NULL && k[i].label_vi && k[i].label_en && k[i].search_letter);
        char *skeleton = mc_fields_skeleton(k[i].fields);
        for (const mc_field *f = k[i].fields; f && f->key; f++) {
            CHECK(c, mc_field_find(k[i].fields, f->key) == f); /* unique */
            CHECK(c, f->label_vi && f->label_en && f->example);
            CHECK(c, (f->type == MC_F_CHOICE) == (f->choices != NULL));
            if (f->type == MC_F_LIST) CHECK(c, f->items != NULL);
            char line[128];
            snprintf(line, sizeof line, "\n%s: ", f->key);
            char *with_nl = NULL;
            if (skeleton && (with_nl = malloc(strlen(skeleton) + 2))) {
                with_nl[0] = '\n';
                strcpy(with_nl + 1, skeleton);
            }
            CHECK(c, with_nl && (strstr(with_nl, line) != NULL) == f->in_new);
            free(with_nl);
        }
        free(skeleton);
    }
    CHECK(c, mc_kind_find("blog") == NULL);
    CHECK(c, mc_kind_page()->listed == 0 && mc_kind_audio() && mc_kind_audio()->audio);
}

/* Amounts as notices write them, and what is no amount of đồng. */
static void money_as_written(mc_check *c)
{
    static const struct { const char *s; long long v; } good[] = {
        {"135.000 đồng", 135000}, {"135.000đ", 135000}, {"135.000 Đ", 135000},
        {"135000", 135000}, {"1,200,000 VND", 1200000}, {"1 200 000 dong", 1200000},
        {"Miễn phí", 0}, {"0 đồng", 0}, {"-5.000 đồng", -5000}, {" 8.000 vnđ ", 8000},
    };
    static const char *const bad[] = {"135,5 đồng", "khoảng 100.000", "100.00", "đồng",
                                      "100.000 đồng/lần", "", "1.2345"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        long long v = -1;
        if (!CHECK(c, mc_money_parse(good[i].s, &v) == 0 && v == good[i].v))
            fprintf(stderr, "  '%s' -> %lld\n", good[i].s, v);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long long v;
        if (!CHECK(c, mc_money_parse(bad[i], &v) != 0)) fprintf(stderr, "  '%s' read\n", bad[i]);
    }
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, wrong_shapes_are_named);
    RUN(&c, string_for_list_and_map_for_text);
    RUN(&c, vietnamese_spellings_become_codes);
    RUN(&c, money_as_written);
    RUN(&c, every_required_field_is_checked);
    RUN(&c, unknown_section_kind);
    RUN(&c, tables_are_consistent);
    if (root[0]) mc_remove_tree(root, NULL);
    return check_finish(&c);
}
