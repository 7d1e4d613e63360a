/* test_search.c — the search index (generator/search_index.h) and the
 * search outputs (generator/search.h): number and bitmap coding, variants
 * kept per folded term, field bits and title length, bigrams, procedure
 * codes and their prefixes, slices appended in order giving the same files,
 * Markdown reduced to text, and the outputs made for the example site (run
 * from the repository root, as `make test` does). */
#include "content.h"
#include "model.h"
#include "search.h"
#include "search_index.h"
#include "search_synonyms.h"
#include "site.h"
#include "../check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *number(uint32_t v, char *buf)
{
    buf[mc_sindex_put_number(buf, v)] = '\0';
    return buf;
}

static void test_numbers(mc_check *c)
{
    char b[16];
    CHECK_STR(c, number(0, b), "0");
    CHECK_STR(c, number(31, b), "v");
    CHECK_STR(c, number(32, b), "w1");
    CHECK_STR(c, number(65, b), "x2");
    CHECK_STR(c, number(1023, b), "_v");
    CHECK(c, strlen(number(UINT32_MAX, b)) == 7);
}

static void test_hash_is_fnv1a(mc_check *c)
{
    CHECK(c, mc_sindex_hash("", 0) == 2166136261u);
    CHECK(c, mc_sindex_hash("a", 1) == 0xe40c292cu);
    CHECK(c, mc_sindex_hash("foobar", 6) == 0xbf9cf968u);
}

static void add(mc_sindex *ix, int field, const char *text)
{
    mc_diag d;
    mc_sindex_add_text(ix, field, text, strlen(text), &d);
}

/* The entry of key, found in its shard as search.js finds it. */
static json_t *lookup(const mc_sindex_files *f, const char *key)
{
    char path[64];
    snprintf(path, sizeof path, "t/%u.json", mc_sindex_hash(key, strlen(key)) % f->nshards);
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->v[i].path, path)) continue;
        json_t *shard = json_loadb(f->v[i].bytes, f->v[i].nbytes, 0, NULL);
        json_t *e = json_incref(json_object_get(shard, key));
        json_decref(shard);
        return e;
    }
    return NULL;
}

static void test_variants_fields_and_titles(mc_check *c)
{
    mc_sindex *ix = mc_sindex_new();
    mc_sindex_next_doc(ix);
    add(ix, MC_SF_TITLE, "Đăng ký khai sinh");
    add(ix, MC_SF_BODY, "cà phê, cá kho và ca hát; ĐĂNG");
    mc_sindex_next_doc(ix);
    add(ix, MC_SF_TITLE, "Dâng hương");
    add(ix, MC_SF_SUMMARY, "đăng ký");
    mc_sindex_files f;
    mc_diag d;
    CHECK(c, mc_sindex_write(ix, &f, &d) == 0);
    json_t *dang = lookup(&f, "dang");
    /* variants in order of first sight: đăng (doc 0 title, doc 0 body, doc 1
     * summary), dâng (doc 1 title) */
    CHECK_STR(c, json_string_value(json_array_get(dang, 0)), "đăng");
    /* doc 0: TITLE | 4 syllables << 4 = 65 "x2"; doc 1 (+1): SUMMARY 8 */
    CHECK_STR(c, json_string_value(json_array_get(dang, 1)), "0x218");
    CHECK_STR(c, json_string_value(json_array_get(dang, 2)), "0");
    CHECK_STR(c, json_string_value(json_array_get(dang, 3)), "dâng");
    CHECK_STR(c, json_string_value(json_array_get(dang, 4)), "1x1");   /* doc 1, TITLE | 2 << 4 = 33 */
    json_t *ca = lookup(&f, "ca");
    CHECK(c, json_array_size(ca) == 9);
    CHECK_STR(c, json_string_value(json_array_get(ca, 0)), "cà");
    CHECK_STR(c, json_string_value(json_array_get(ca, 3)), "cá");
    CHECK_STR(c, json_string_value(json_array_get(ca, 6)), "ca");
    json_t *pair = lookup(&f, "khai sinh");
    CHECK(c, json_is_string(pair) && !strcmp(json_string_value(pair), "0x2"));
    CHECK(c, lookup(&f, "phe ca") == NULL); /* no bigrams in the body */
    CHECK(c, f.terms >= 9 && f.bigrams == 4);
    json_decref(dang);
    json_decref(ca);
    json_decref(pair);
    mc_sindex_files_free(&f);
    mc_sindex_free(ix);
}

/* Popular names are indexed in the field that holds the official words,
 * as their own bigram, and keep the official title's length. */
static void test_synonyms_count_as_official_words(mc_check *c)
{
    mc_site site;
    memset(&site, 0, sizeof site);
    site.data = json_loads("{\"synonyms\": [{\"official\": [\"giấy chứng nhận quyền sử dụng đất\", "
                           "\"Đăng ký đất đai\"], \"also\": [\"sổ đỏ\", \"sổ hồng\"]}]}", 0, NULL);
    mc_synonyms *syn = NULL;
    mc_diag_list errs = {0};
    CHECK(c, mc_synonyms_load(&site, &syn, &errs) == 0 && syn != NULL);
    mc_sindex *ix = mc_sindex_new();
    mc_diag d;
    const char *title = "ĐĂNG KÝ ĐẤT ĐAI, cấp Giấy chứng nhận lần đầu"; /* 10 syllables */
    const char *body = "Cấp lại giấy chứng nhận khuyết tật; số đó."; /* not the official words */
    mc_sindex_next_doc(ix);
    add(ix, MC_SF_TITLE, title);
    CHECK(c, mc_synonyms_add(syn, ix, MC_SF_TITLE, title, strlen(title), &d) == 0);
    mc_sindex_next_doc(ix);
    add(ix, MC_SF_BODY, body);
    CHECK(c, mc_synonyms_add(syn, ix, MC_SF_BODY, body, strlen(body), &d) == 0);
    mc_sindex_files f;
    CHECK(c, mc_sindex_write(ix, &f, &d) == 0);
    json_t *pair = lookup(&f, "so do"), *wrong = lookup(&f, "do so"), *so = lookup(&f, "so");
    /* doc 0 (delta 0), TITLE | 10 syllables << 4 */
    char want[16];
    size_t k = mc_sindex_put_number(want, 0);
    want[k + mc_sindex_put_number(want + k, 1 | 10 << 4)] = '\0';
    CHECK(c, json_is_string(pair) && !strcmp(json_string_value(pair), want)); /* doc 0, TITLE */
    CHECK(c, wrong == NULL);
    /* "sổ": doc 0 in the title with the official title's length; doc 1's
     * "số" is another variant, and doc 1 gets no "sổ" */
    int found = 0;
    for (size_t v = 0; v + 2 < json_array_size(so); v += 3)
        if (!strcmp(json_string_value(json_array_get(so, v)), "sổ")) {
            found = 1;
            CHECK_STR(c, json_string_value(json_array_get(so, v + 1)), want);
            CHECK_STR(c, json_string_value(json_array_get(so, v + 2)), "");
        }
    CHECK(c, found);
    json_decref(pair);
    json_decref(so);
    mc_sindex_files_free(&f);
    mc_sindex_free(ix);
    mc_synonyms_free(syn);
    /* a group without also: is refused, naming the file */
    json_decref(site.data);
    site.data = json_loads("{\"synonyms\": [{\"official\": \"sổ đỏ\"}]}", 0, NULL);
    CHECK(c, mc_synonyms_load(&site, &syn, &errs) == -1 && syn == NULL);
    CHECK(c, errs.count == 1 && !strcmp(errs.items[0].file, "data/synonyms.yaml"));
    json_decref(site.data);
    mc_diag_list_free(&errs);
}

static void test_codes_and_prefixes(mc_check *c)
{
    mc_sindex *ix = mc_sindex_new();
    mc_diag d;
    mc_sindex_next_doc(ix);
    mc_sindex_next_doc(ix);
    const char *code = "1.001193.000.00.00.H42";
    CHECK(c, mc_sindex_add_code(ix, code, strlen(code), &d) == 0);
    mc_sindex_files f;
    CHECK(c, mc_sindex_write(ix, &f, &d) == 0);
    const char *keys[] = {"1.001193", "1.001193.000", "1.001193.000.00.00", "1.001193.000.00.00.h42"};
    for (size_t i = 0; i < 4; i++) {
        json_t *e = lookup(&f, keys[i]);
        CHECK(c, e && !strcmp(json_string_value(json_array_get(e, 1)), "12")); /* doc 1, CODE */
        json_decref(e);
    }
    CHECK(c, lookup(&f, "1") == NULL && lookup(&f, "001193") == NULL);
    mc_sindex_files_free(&f);
    mc_sindex_free(ix);
}

static void test_body_list_or_bitmap(mc_check *c)
{
    mc_sindex *ix = mc_sindex_new();
    for (int i = 0; i < 12; i++) {
        mc_sindex_next_doc(ix);
        add(ix, MC_SF_BODY, "thủ tục");
        if (i == 11) add(ix, MC_SF_BODY, "hiếm");
    }
    mc_sindex_files f;
    mc_diag d;
    CHECK(c, mc_sindex_write(ix, &f, &d) == 0);
    json_t *thu = lookup(&f, "thu"), *hiem = lookup(&f, "hiem");
    CHECK_STR(c, json_string_value(json_array_get(thu, 2)), "~__");  /* docs 0-11 */
    CHECK_STR(c, json_string_value(json_array_get(hiem, 2)), "b");   /* doc 11 */
    json_decref(thu);
    json_decref(hiem);
    mc_sindex_files_free(&f);
    mc_sindex_free(ix);
}

static void fill(mc_sindex *ix, int from, int to)
{
    char text[128];
    for (int i = from; i < to; i++) {
        mc_sindex_next_doc(ix);
        snprintf(text, sizeof text, "Thủ tục số %d về đăng ký", i);
        add(ix, MC_SF_TITLE, text);
        snprintf(text, sizeof text, "nội dung %d Đăng ký, khai sinh, số %d", i * 7, i % 5);
        add(ix, MC_SF_BODY, text);
        if (i % 3 == 0) add(ix, MC_SF_HEADING, i % 2 ? "Hồ sơ" : "Lệ phí");
    }
}

static int same_files(const mc_sindex_files *a, const mc_sindex_files *b)
{
    if (a->n != b->n || a->nshards != b->nshards) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i].path, b->v[i].path) || a->v[i].nbytes != b->v[i].nbytes ||
            memcmp(a->v[i].bytes, b->v[i].bytes, a->v[i].nbytes))
            return 0;
    return 1;
}

static void test_slices_append_to_the_same_files(mc_check *c)
{
    mc_sindex *whole = mc_sindex_new(), *first = mc_sindex_new(), *second = mc_sindex_new(),
              *third = mc_sindex_new();
    fill(whole, 0, 400);
    fill(first, 0, 150);
    fill(second, 150, 151);
    fill(third, 151, 400);
    mc_diag d;
    CHECK(c, mc_sindex_append(first, second, &d) == 0);
    CHECK(c, mc_sindex_append(first, third, &d) == 0);
    mc_sindex_files a, b;
    CHECK(c, mc_sindex_write(whole, &a, &d) == 0);
    CHECK(c, mc_sindex_write(first, &b, &d) == 0);
    CHECK(c, a.n > 1 && same_files(&a, &b));
    mc_sindex_files_free(&a);
    mc_sindex_files_free(&b);
    mc_sindex_free(whole);
    mc_sindex_free(first);
    mc_sindex_free(second);
    mc_sindex_free(third);
}

static void test_big_entries_get_their_own_file(mc_check *c)
{
    mc_sindex *ix = mc_sindex_new();
    char text[64];
    for (int i = 0; i < 3000; i++) {
        mc_sindex_next_doc(ix);
        snprintf(text, sizeof text, "Tin số %d", i * 3);
        add(ix, MC_SF_TITLE, text);
    }
    mc_sindex_files f;
    mc_diag d;
    CHECK(c, mc_sindex_write(ix, &f, &d) == 0);
    json_t *tin = lookup(&f, "tin");
    CHECK(c, json_is_integer(tin));
    char path[64];
    snprintf(path, sizeof path, "w/%u-%d.json", mc_sindex_hash("tin", 3) % f.nshards,
             (int)json_integer_value(tin));
    int found = 0;
    for (size_t i = 0; i < f.n; i++) found |= !strcmp(f.v[i].path, path);
    CHECK(c, found);
    json_decref(tin);
    mc_sindex_files_free(&f);
    mc_sindex_free(ix);
}

static void test_plain_text(mc_check *c)
{
    const char *md = "# Tiêu đề một\nXem [trang *này*](http://x.example/a(b)) và <b>đậm</b>.\n"
                     "| Cột | Hai |\n|---|:--:|\n[ref]: http://u.example\n  ## Bước 2 ##\n- mục `mã`\n";
    char *text = NULL, *heads = NULL;
    CHECK(c, mc_search_plain_text(md, strlen(md), &text, &heads) == 0);
    CHECK(c, heads && strstr(heads, "Tiêu đề một") && strstr(heads, "Bước 2"));
    CHECK(c, text && strstr(text, "Xem  trang  này ") && strstr(text, "đậm"));
    CHECK(c, text && !strstr(text, "http") && !strstr(text, "example") && !strstr(text, "Tiêu"));
    CHECK(c, text && strstr(text, "Cột") && strstr(text, "mã"));
    free(text);
    free(heads);
}

/* The example site: its search outputs exist and agree with each other. */
static void test_example_site_outputs(mc_check *c)
{
    mc_site site;
    mc_scan scan = {0};
    mc_diag_list errs = {0};
    mc_model m;
    memset(&m, 0, sizeof m);
    if (mc_site_load(&site, ".", NULL, &errs) != 0 || mc_content_scan(".", &scan, &errs) != 0) {
        CHECK(c, !"the example site loads");
        mc_diag_list_free(&errs);
        return;
    }
    mc_page *pages = calloc(scan.npages + 1, sizeof *pages);
    for (size_t i = 0; i < scan.npages; i++) mc_page_load(&pages[i], &site, scan.pages[i], &errs);
    mc_model_opts mo = {0, 0, 1893456000LL, 1, 0};
    CHECK(c, mc_model_build(&m, &site, pages, scan.npages, &scan, &mo, &errs) == 0);
    size_t before = m.noutputs;
    CHECK(c, mc_search_add(&m, &errs) == 0);
    const mc_output *page = NULL;
    size_t shards = 0, docfiles = 0, filters = 0;
    for (size_t i = before; i < m.noutputs; i++) {
        const mc_output *o = &m.outputs[i];
        if (!strcmp(o->path, "tim-kiem/index.html")) page = o;
        shards += !strncmp(o->path, "tim-kiem/index/t/", 17);
        docfiles += !strncmp(o->path, "tim-kiem/index/d/", 17);
        filters += !strcmp(o->path, "tim-kiem/index/f.json");
    }
    json_t *s = page ? json_object_get(page->context, "search") : NULL;
    CHECK(c, page && !strcmp(page->template, "search"));
    CHECK(c, (size_t)json_integer_value(json_object_get(s, "shards")) == shards && shards > 0);
    size_t docs = (size_t)json_integer_value(json_object_get(s, "docs"));
    CHECK(c, docs > 40 && docfiles == (docs + MC_SEARCH_PER_DOC_FILE - 1) / MC_SEARCH_PER_DOC_FILE);
    CHECK(c, filters == 1 && json_array_size(json_object_get(s, "fields")) >= 5);
    CHECK_STR(c, json_string_value(json_object_get(json_object_get(page->context, "page"), "url")),
              "/tim-kiem/");
    mc_model_free(&m);
    for (size_t i = 0; i < scan.npages; i++) mc_page_free(&pages[i]);
    free(pages);
    mc_scan_free(&scan);
    mc_site_free(&site);
    mc_diag_list_free(&errs);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, test_numbers);
    RUN(&c, test_hash_is_fnv1a);
    RUN(&c, test_variants_fields_and_titles);
    RUN(&c, test_synonyms_count_as_official_words);
    RUN(&c, test_codes_and_prefixes);
    RUN(&c, test_body_list_or_bitmap);
    RUN(&c, test_slices_append_to_the_same_files);
    RUN(&c, test_big_entries_get_their_own_file);
    RUN(&c, test_plain_text);
    RUN(&c, test_example_site_outputs);
    return check_finish(&c);
}
