/* test_site.c — site.yaml with defaults, base_url, theme words with site
 * overrides, and data files (YAML, JSON, CSV) with their errors. */
#include "site.h"
#include "kinds.h"
#include "fileio.h"
#include "../check.h"

#include <stdlib.h>
#include <sys/stat.h>

static char root[64];

static void put(const char *rel, const char *text)
{
    char path[512], dir[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    mc_mkdir_p(dir, NULL);
    mc_write_atomic(path, text, strlen(text), NULL);
}

static void fresh_site(void)
{
    if (root[0]) mc_remove_tree(root, NULL);
    snprintf(root, sizeof root, "/tmp/mc-site-XXXXXX");
    if (!mkdtemp(root)) abort();
}

static void defaults_fill_missing_keys(mc_check *c)
{
    fresh_site();
    put("site.yaml", "title: Cổng thông tin\nbase_url: https://ninhbinh.example/portal\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) == 0);
    CHECK_STR(c, json_string_value(json_object_get(s.config, "title")), "Cổng thông tin");
    CHECK_STR(c, s.base_url, "https://ninhbinh.example/portal/");
    CHECK_STR(c, s.base_path, "/portal/");
    CHECK(c, s.page_size == 10);
    CHECK(c, s.unsafe_html == 0);
    CHECK_STR(c, mc_site_section_kind(&s, "thu-tuc")->name, "procedure");
    CHECK_STR(c, mc_site_section_kind(&s, "gioi-thieu")->name, "page");
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

static void sections_and_base_url_override(mc_check *c)
{
    fresh_site();
    put("site.yaml", "title: T\nbase_url: https://x.example/\nsections:\n  news: news\n"
                     "pagination:\n  page_size: 3\nmarkdown:\n  unsafe: true\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, "http://localhost:8080", &errs) == 0);
    CHECK_STR(c, s.base_url, "http://localhost:8080/");
    CHECK_STR(c, s.base_path, "/");
    CHECK_STR(c, mc_site_section_kind(&s, "news")->name, "news");
    CHECK_STR(c, mc_site_section_kind(&s, "tin-tuc")->name, "news"); /* defaults kept */
    CHECK(c, s.page_size == 3 && s.unsafe_html == 1);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

static void site_words_override_theme_words(mc_check *c)
{
    fresh_site();
    put("site.yaml", "title: T\n");
    put("themes/default/i18n/vi.yaml", "read_more: Đọc tiếp\nsearch: Tìm kiếm\n");
    put("i18n/vi.yaml", "search: Tra cứu\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) == 0);
    json_t *vi = json_object_get(s.words, "vi");
    CHECK_STR(c, json_string_value(json_object_get(vi, "read_more")), "Đọc tiếp");
    CHECK_STR(c, json_string_value(json_object_get(vi, "search")), "Tra cứu");
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

static void data_files_of_three_kinds(mc_check *c)
{
    fresh_site();
    put("site.yaml", "title: T\n");
    put("data/phuong.yaml", "- id: ninh-khanh\n  name: Ninh Khánh\n");
    put("data/thong-ke.json", "{\"ho_so\": 1250}");
    put("data/le-phi.csv", "thu_tuc,muc_phi\r\n\"Đăng ký \"\"kết hôn\"\"\",0\r\nChứng thực,\"2.000\"\r\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) == 0);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(
                  json_object_get(s.data, "phuong"), 0), "name")), "Ninh Khánh");
    CHECK(c, json_integer_value(json_object_get(json_object_get(s.data, "thong-ke"), "ho_so")) == 1250);
    json_t *csv = json_object_get(s.data, "le-phi");
    CHECK(c, json_array_size(csv) == 2);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(csv, 0), "thu_tuc")),
              "Đăng ký \"kết hôn\"");
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(csv, 1), "muc_phi")), "2.000");
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

static void every_bad_file_is_reported(mc_check *c)
{
    fresh_site();
    put("site.yaml", "title: T\nbase_url: ninhbinh.gov.vn\n");
    put("data/a.json", "{\"x\": 1,}");
    put("data/b.csv", "a,b\n\"open,2\n");
    put("data/c.yaml", "x: [1\n");
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) == -1);
    CHECK(c, errs.errors == 4);
    char buf[2048];
    int saw_url = 0, saw_json = 0, saw_csv = 0, saw_yaml = 0;
    for (size_t i = 0; i < errs.count; i++) {
        mc_diag_format(&errs.items[i], buf, sizeof buf);
        saw_url |= strstr(buf, "site.yaml:2: error: base_url 'ninhbinh.gov.vn' is not a full address") != NULL;
        saw_json |= !strncmp(buf, "data/a.json:1:9: error:", 23);
        saw_csv |= !strncmp(buf, "data/b.csv:2: error:", 20) && strstr(buf, "quote") != NULL;
        saw_yaml |= !strncmp(buf, "data/c.yaml:2:1: error:", 23);
    }
    CHECK(c, saw_url && saw_json && saw_csv && saw_yaml);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

static void missing_site_yaml_is_an_error(mc_check *c)
{
    fresh_site();
    mc_site s;
    mc_diag_list errs = {0};
    CHECK(c, mc_site_load(&s, root, NULL, &errs) == -1);
    CHECK(c, errs.count == 1 && strstr(errs.items[0].message, "cannot open") != NULL);
    mc_site_free(&s);
    mc_diag_list_free(&errs);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, defaults_fill_missing_keys);
    RUN(&c, sections_and_base_url_override);
    RUN(&c, site_words_override_theme_words);
    RUN(&c, data_files_of_three_kinds);
    RUN(&c, every_bad_file_is_reported);
    RUN(&c, missing_site_yaml_is_an_error);
    mc_remove_tree(root, NULL);
    return check_finish(&c);
}
