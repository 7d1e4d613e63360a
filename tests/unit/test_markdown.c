/* test_markdown.c — Markdown rendering: GFM extensions, safe mode, heading
 * ids, .md link rewriting and broken-link errors at the right line. */
#include "markdown.h"
#include "../check.h"

#include <pthread.h>
#include <stdlib.h>

static const char *resolve(void *ctx, const char *target)
{
    (void)ctx;
    if (!strcmp(target, "../thu-tuc/dang-ky-khai-sinh.md")) return "/thu-tuc/dang-ky-khai-sinh/";
    return NULL;
}

static char *render(const char *md, int unsafe, json_t **heads, mc_diag_list *errs)
{
    mc_markdown_opts o = {"content/tin-tuc/a.md", 5, unsafe, resolve, NULL, NULL};
    return mc_markdown_render(md, strlen(md), &o, heads, errs);
}

static void tables_strikethrough_autolinks(mc_check *c)
{
    mc_diag_list errs = {0};
    char *html = render("| Phí | Số tiền |\n|---|---:|\n| Lệ phí | 8.000 đ |\n\n"
                        "~~cũ~~ và https://dichvucong.gov.vn\n", 0, NULL, &errs);
    CHECK(c, html && strstr(html, "<table>") && strstr(html, "<td style=\"text-align: right\">8.000 đ</td>"));
    CHECK(c, html && strstr(html, "<del>cũ</del>"));
    CHECK(c, html && strstr(html, "<a href=\"https://dichvucong.gov.vn\">"));
    free(html);
    mc_diag_list_free(&errs);
}

static void raw_html_only_when_unsafe(mc_check *c)
{
    mc_diag_list errs = {0};
    char *safe = render("<script>alert(1)</script>\n\nchữ <b>đậm</b>\n", 0, NULL, &errs);
    CHECK(c, safe && !strstr(safe, "<script>") && !strstr(safe, "<b>"));
    char *unsafe = render("<div class=\"x\">khối</div>\n\nchữ <b>đậm</b>\n", 1, NULL, &errs);
    CHECK(c, unsafe && strstr(unsafe, "<div class=\"x\">") && strstr(unsafe, "<b>đậm</b>"));
    /* tagfilter still disarms <script> even in unsafe mode */
    char *filtered = render("<script>x</script>\n", 1, NULL, &errs);
    CHECK(c, filtered && strstr(filtered, "&lt;script>"));
    free(safe);
    free(unsafe);
    free(filtered);
    mc_diag_list_free(&errs);
}

static void headings_get_unique_folded_ids(mc_check *c)
{
    mc_diag_list errs = {0};
    json_t *heads = NULL;
    char *html = render("# Thủ tục\n\n## Bước 1: Nộp hồ sơ\n\ntext\n\n## Bước 1: Nộp hồ sơ\n\n"
                        "### *Đăng* `ký`\n\n## !!!\n", 0, &heads, &errs);
    CHECK(c, html && strstr(html, "<h1 id=\"thu-tuc\">Thủ tục</h1>"));
    CHECK(c, html && strstr(html, "<h2 id=\"buoc-1-nop-ho-so\">Bước 1: Nộp hồ sơ</h2>"));
    CHECK(c, html && strstr(html, "<h2 id=\"buoc-1-nop-ho-so-2\">"));
    CHECK(c, html && strstr(html, "<h3 id=\"dang-ky\"><em>Đăng</em> <code>ký</code></h3>"));
    CHECK(c, html && strstr(html, "<h2 id=\"muc-5\">!!!</h2>"));
    CHECK(c, json_array_size(heads) == 5);
    CHECK_STR(c, json_string_value(json_object_get(json_array_get(heads, 1), "text")),
              "Bước 1: Nộp hồ sơ");
    CHECK(c, json_integer_value(json_object_get(json_array_get(heads, 3), "level")) == 3);
    json_decref(heads);
    free(html);
    mc_diag_list_free(&errs);
}

static void marker_bytes_in_source_are_harmless(mc_check *c)
{
    mc_diag_list errs = {0};
    char *html = render("## A\x01" "0\x02 b\n", 0, NULL, &errs);
    CHECK(c, html && strstr(html, "<h2 id=\"a0-b\">A0 b</h2>"));
    free(html);
    mc_diag_list_free(&errs);
}

static void md_links_are_rewritten(mc_check *c)
{
    mc_diag_list errs = {0};
    char *html = render("Xem [khai sinh](../thu-tuc/dang-ky-khai-sinh.md#ho-so) và "
                        "[ngoài](https://x.example/a.md).\n", 0, NULL, &errs);
    CHECK(c, html && strstr(html, "href=\"/thu-tuc/dang-ky-khai-sinh/#ho-so\""));
    CHECK(c, html && strstr(html, "href=\"https://x.example/a.md\""));
    CHECK(c, errs.errors == 0);
    free(html);
    mc_diag_list_free(&errs);
}

static void broken_links_are_all_reported_with_lines(mc_check *c)
{
    mc_diag_list errs = {0};
    char *html = render("đoạn một\n\n[a](khong-co.md)\n\nđoạn\n\n[b](../mat.md#x)\n", 0, NULL, &errs);
    CHECK(c, html == NULL);
    CHECK(c, errs.errors == 2);
    char buf[2048];
    if (errs.count == 2) {
        CHECK_STR(c, mc_diag_format(&errs.items[0], buf, sizeof buf),
                  "content/tin-tuc/a.md:7: error: link to 'khong-co.md', but no page has "
                  "that file; fix the path (it is relative to this file) or create the page");
        CHECK(c, errs.items[1].line == 11);
    }
    mc_diag_list_free(&errs);
}

static void images_without_alt_text_warn(mc_check *c)
{
    mc_diag_list errs = {0};
    char *html = render("![Sơ đồ](a.png)\n\ntext\n\n![](b.png)\n", 0, NULL, &errs);
    CHECK(c, html != NULL);                 /* a warning does not stop rendering */
    CHECK(c, errs.errors == 0 && errs.count == 1);
    if (errs.count == 1) {
        CHECK(c, errs.items[0].severity == MC_WARNING);
        CHECK(c, errs.items[0].line == 9); /* body starts at line 5; image on its 5th line */
        CHECK(c, strstr(errs.items[0].message, "'b.png' has no alt text") != NULL);
    }
    free(html);
    mc_diag_list_free(&errs);
}

/* Two threads rendering at once, sharing the parse lock, must both see
 * autolinks and strikethrough every time: cmark-gfm's trigger-character
 * table is process-wide (see markdown.h, Threads). */
typedef struct race_arg {
    pthread_mutex_t *lock;
    int missed;
} race_arg;

static void *render_many(void *p)
{
    race_arg *a = p;
    const char *md = "Gửi qua https://dichvucong.gov.vn hoặc ~~bưu điện~~ nhé.\n";
    for (int i = 0; i < 3000; i++) {
        mc_diag_list errs = {0};
        mc_markdown_opts o = {"a.md", 1, 0, NULL, NULL, a->lock};
        char *html = mc_markdown_render(md, strlen(md), &o, NULL, &errs);
        if (!html || !strstr(html, "<a href=\"https://dichvucong.gov.vn\">") || !strstr(html, "<del>"))
            a->missed++;
        free(html);
        mc_diag_list_free(&errs);
    }
    return NULL;
}

static void parallel_rendering_keeps_autolinks(mc_check *c)
{
    pthread_mutex_t lock;
    pthread_mutex_init(&lock, NULL);
    race_arg a = {&lock, 0}, b = {&lock, 0};
    pthread_t t;
    int started = pthread_create(&t, NULL, render_many, &a) == 0;
    render_many(&b);
    if (started) pthread_join(t, NULL);
    CHECK(c, started);
    CHECK(c, a.missed == 0 && b.missed == 0);
    pthread_mutex_destroy(&lock);
}

int main(void)
{
    mc_check c = {0};
    mc_markdown_init();
    RUN(&c, tables_strikethrough_autolinks);
    RUN(&c, raw_html_only_when_unsafe);
    RUN(&c, headings_get_unique_folded_ids);
    RUN(&c, marker_bytes_in_source_are_harmless);
    RUN(&c, md_links_are_rewritten);
    RUN(&c, broken_links_are_all_reported_with_lines);
    RUN(&c, images_without_alt_text_warn);
    RUN(&c, parallel_rendering_keeps_autolinks);
    return check_finish(&c);
}
