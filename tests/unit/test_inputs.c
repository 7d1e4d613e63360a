/* test_inputs.c — the digest of a site's inputs (incremental.h): it changes
 * when a file's content or name changes, and it tells a file saved while a
 * build was reading the site from one that was older or dated ahead. */
#include "../../generator/incremental.h"
#include "../check.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char root[64];

static void write_file(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Sets rel's mtime to t (epoch ns). */
static void set_mtime(const char *rel, long long t)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    struct timespec times[2] = {{t / 1000000000LL, t % 1000000000LL},
                                {t / 1000000000LL, t % 1000000000LL}};
    utimensat(AT_FDCWD, path, times, 0);
}

static void digest(char *out, long long since, int *modified)
{
    char theme[128];
    snprintf(theme, sizeof theme, "%s/theme", root);
    mc_inputs_digest(root, theme, "drafts=0", out, since, modified);
}

static void digest_follows_the_files(mc_check *c)
{
    char a[MC_KEY_SIZE], b[MC_KEY_SIZE];
    int modified = -1;
    long long old = now_ns() - 3600LL * 1000000000LL;
    set_mtime("content/a.md", old);
    digest(a, 0, &modified);
    digest(b, 0, NULL);
    CHECK(c, strcmp(a, b) == 0);
    CHECK(c, modified == 0);
    CHECK(c, strlen(a) == MC_KEY_SIZE - 1);
    write_file("content/a.md", "---\ntitle: A\n---\nHai.\n");
    set_mtime("content/a.md", old);
    digest(b, 0, NULL);
    CHECK(c, strcmp(a, b) != 0); /* one byte more, same mtime */
    write_file("theme/templates/page.mustache", "{{page.title}}!");
    digest(a, 0, NULL);
    CHECK(c, strcmp(a, b) != 0);
}

static void saved_during_a_build(mc_check *c)
{
    char d[MC_KEY_SIZE];
    int modified = -1;
    long long start = now_ns() - 60LL * 1000000000LL;
    set_mtime("content/a.md", start - 1000000000LL);      /* before the build */
    set_mtime("theme/templates/page.mustache", start - 1000000000LL);
    set_mtime("site.yaml", start - 1000000000LL);
    digest(d, start, &modified);
    CHECK(c, modified == 0);
    set_mtime("content/a.md", start + 1000000000LL);      /* while it ran */
    digest(d, start, &modified);
    CHECK(c, modified == 1);
    /* dated an hour ahead (a copied file, another machine's clock): not
     * a save during the build */
    set_mtime("content/a.md", now_ns() + 3600LL * 1000000000LL);
    digest(d, start, &modified);
    CHECK(c, modified == 0);
    digest(d, 0, &modified); /* no start given: no check */
    CHECK(c, modified == 0);
}

int main(void)
{
    mc_check c = {0};
    snprintf(root, sizeof root, "/tmp/mc-inputs-XXXXXX");
    if (!mkdtemp(root)) return 1;
    char path[256];
    const char *dirs[] = {"content", "theme", "theme/templates"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
        mkdir(path, 0755);
    }
    write_file("site.yaml", "title: Thử\n");
    write_file("content/a.md", "---\ntitle: A\n---\nMột.\n");
    write_file("theme/templates/page.mustache", "{{page.title}}");
    RUN(&c, digest_follows_the_files);
    RUN(&c, saved_during_a_build);
    const char *files[] = {"content/a.md", "theme/templates/page.mustache", "site.yaml",
                           "theme/templates", "theme", "content", ""};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, files[i]);
        if (unlink(path) != 0) rmdir(path);
    }
    return check_finish(&c);
}
