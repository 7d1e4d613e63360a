/* test_content.c — loading content files: which bodies stay in memory,
 * what is taken from them at load, and reading a body again for rendering
 * (refused when the file changed meanwhile). Works in a temporary site. */
#include "content.h"
#include "site.h"
#include "../check.h"

#include <xxhash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void write_file(const char *rel, const char *text)
{
    check_write_file(root, rel, text);
}

static int site_open(mc_site *site, mc_diag_list *errs)
{
    strcpy(root, "/tmp/mc-content-XXXXXX");
    if (!mkdtemp(root)) return -1;
    const char *dirs[] = {"content", "content/tin-tuc", "content/thong-bao"};
    char dir[128];
    for (size_t i = 0; i < 3; i++) {
        snprintf(dir, sizeof dir, "%s/%s", root, dirs[i]);
        mkdir(dir, 0755);
    }
    write_file("site.yaml", "title: Thử\nbase_url: https://example.gov.vn/\n");
    return mc_site_load(site, root, NULL, errs);
}

static void site_close(mc_site *site)
{
    mc_site_free(site);
    const char *rels[] = {"content/tin-tuc/a.md", "content/tin-tuc/crlf.md",
                          "content/tin-tuc/nfd.md", "content/tin-tuc/empty.md",
                          "content/thong-bao/tb.md", "content/tin-tuc",
                          "content/thong-bao", "content", "site.yaml"};
    char path[256];
    for (size_t i = 0; i < sizeof rels / sizeof rels[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, rels[i]);
        if (unlink(path) != 0) rmdir(path);
    }
    rmdir(root);
}

static void bodies_are_read_again_from_the_file(mc_check *c)
{
    mc_site site = {0};
    mc_diag_list errs = {0};
    CHECK(c, site_open(&site, &errs) == 0);
    const char *body = "Xin chào [b](b.md) và [c](../c.md#buoc-1).\n\n[d]: <d.md>\n";
    char text[512];
    snprintf(text, sizeof text, "---\ntitle: Tin A\n---\n%s", body);
    write_file("content/tin-tuc/a.md", text);
    mc_page p;
    CHECK(c, mc_page_load(&p, &site, "tin-tuc/a.md", &errs) == 0);
    CHECK(c, p.body == NULL);                  /* left in the file */
    CHECK(c, p.body_len == strlen(body));
    CHECK(c, p.body_has_text);
    CHECK(c, p.n_md_links == 3);
    if (p.n_md_links == 3) {
        CHECK_STR(c, p.md_links[0], "b.md");
        CHECK_STR(c, p.md_links[1], "../c.md");
        CHECK_STR(c, p.md_links[2], "d.md");
    }
    XXH128_canonical_t md; /* the digest is xxHash's own XXH3-128, big-endian */
    XXH128_canonicalFromHash(&md, XXH3_128bits(body, strlen(body)));
    CHECK(c, sizeof p.body_digest == sizeof md.digest);
    CHECK(c, memcmp(md.digest, p.body_digest, sizeof md.digest) == 0);
    size_t len;
    char *owned;
    mc_diag d;
    const char *again = mc_page_body(&p, &site, &len, &owned, &d);
    CHECK_STR(c, again, body);
    CHECK(c, len == strlen(body));
    free(owned);
    /* an edit after loading: the body is refused, not mixed with old data */
    write_file("content/tin-tuc/a.md", "---\ntitle: Tin A\n---\nĐã sửa.\n");
    CHECK(c, mc_page_body(&p, &site, &len, &owned, &d) == NULL);
    CHECK(c, strstr(d.message, "changed while the site was being built") != NULL);
    CHECK(c, strstr(d.file, "tin-tuc/a.md") != NULL);
    mc_page_free(&p);
    mc_diag_list_free(&errs);
    site_close(&site);
}

/* Bodies the file does not hold byte for byte stay in memory; the rest
 * (announcements too) are left in their files. */
static void changed_bodies_stay_in_memory(mc_check *c)
{
    mc_site site = {0};
    mc_diag_list errs = {0};
    CHECK(c, site_open(&site, &errs) == 0);
    write_file("content/tin-tuc/crlf.md", "---\r\ntitle: B\r\n---\r\nDòng một\r\nDòng hai\r\n");
    write_file("content/tin-tuc/nfd.md", "---\ntitle: C\n---\nKho\xCC\x82" "ng\n");
    write_file("content/tin-tuc/empty.md", "---\ntitle: D\n---\n  \n\n");
    write_file("content/thong-bao/tb.md", "---\ntitle: E\n---\nLoa phát lúc 7 giờ.\n");
    mc_page p[4];
    CHECK(c, mc_page_load(&p[0], &site, "tin-tuc/crlf.md", &errs) == 0);
    CHECK_STR(c, p[0].body, "Dòng một\nDòng hai\n");
    CHECK(c, mc_page_load(&p[1], &site, "tin-tuc/nfd.md", &errs) == 0);
    CHECK_STR(c, p[1].body, "Không\n");
    CHECK(c, mc_page_load(&p[2], &site, "tin-tuc/empty.md", &errs) == 0);
    CHECK(c, !p[2].body_has_text);
    CHECK(c, mc_page_load(&p[3], &site, "thong-bao/tb.md", &errs) == 0);
    CHECK(c, p[3].body == NULL); /* an announcement's too: the audio reads it again */
    size_t len;
    char *owned = (char *)"x";
    mc_diag d;
    CHECK_STR(c, mc_page_body(&p[3], &site, &len, &owned, &d), "Loa phát lúc 7 giờ.\n");
    free(owned);
    CHECK_STR(c, mc_page_body(&p[1], &site, &len, &owned, &d), "Không\n");
    CHECK(c, owned == NULL);
    for (int i = 0; i < 4; i++) mc_page_free(&p[i]);
    mc_diag_list_free(&errs);
    site_close(&site);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, bodies_are_read_again_from_the_file);
    RUN(&c, changed_bodies_stay_in_memory);
    return check_finish(&c);
}
