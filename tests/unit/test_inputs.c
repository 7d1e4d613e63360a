/* test_inputs.c — the digest of a site's inputs (incremental.h): it changes
 * when a file's content or name changes, and it hands back the stamps it
 * took of the content files, which a build compares with the pages it read
 * meanwhile. */
#include "incremental.h"
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
    check_write_file(root, rel, text);
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

static void digest(char *out, mc_input_stamps *content)
{
    char theme[128];
    snprintf(theme, sizeof theme, "%s/theme", root);
    mc_inputs_digest(root, theme, "drafts=0", out, NULL, content);
}

static void digest_follows_the_files(mc_check *c)
{
    char a[MC_KEY_SIZE], b[MC_KEY_SIZE];
    long long old = now_ns() - 3600LL * 1000000000LL;
    set_mtime("content/a.md", old);
    digest(a, NULL);
    digest(b, NULL);
    CHECK(c, strcmp(a, b) == 0);
    CHECK(c, strlen(a) == MC_KEY_SIZE - 1);
    write_file("content/a.md", "---\ntitle: A\n---\nHai.\n");
    set_mtime("content/a.md", old);
    digest(b, NULL);
    CHECK(c, strcmp(a, b) != 0); /* one byte more, same mtime */
    write_file("theme/templates/page.mustache", "{{page.title}}!");
    digest(a, NULL);
    CHECK(c, strcmp(a, b) != 0);
}

static void content_stamps_as_seen(mc_check *c)
{
    char d[MC_KEY_SIZE], again[MC_KEY_SIZE];
    mc_input_stamps seen = {0};
    long long t = now_ns() - 7200LL * 1000000000LL;
    set_mtime("content/a.md", t);
    digest(d, &seen);
    digest(again, NULL);
    CHECK(c, strcmp(d, again) == 0); /* asking for the stamps changes nothing */
    if (CHECK(c, seen.count == 2)) {
        CHECK_STR(c, seen.names[0], "a.md");
        CHECK_STR(c, seen.names[1], "tin/b.md");
        struct stat st;
        char path[256];
        snprintf(path, sizeof path, "%s/content/a.md", root);
        CHECK(c, stat(path, &st) == 0 && seen.stamps[0].size == (long long)st.st_size);
        CHECK(c, seen.stamps[0].mtime_ns == t);
    }
    mc_input_stamps_free(&seen);
    CHECK(c, seen.names == NULL && seen.count == 0);
}

int main(void)
{
    mc_check c = {0};
    snprintf(root, sizeof root, "/tmp/mc-inputs-XXXXXX");
    if (!mkdtemp(root)) return 1;
    char path[256];
    const char *dirs[] = {"content", "content/tin", "theme", "theme/templates"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
        mkdir(path, 0755);
    }
    write_file("site.yaml", "title: Thử\n");
    write_file("content/a.md", "---\ntitle: A\n---\nMột.\n");
    write_file("content/tin/b.md", "---\ntitle: B\n---\nBa.\n");
    write_file("theme/templates/page.mustache", "{{page.title}}");
    RUN(&c, digest_follows_the_files);
    RUN(&c, content_stamps_as_seen);
    const char *files[] = {"content/a.md", "content/tin/b.md", "theme/templates/page.mustache",
                           "site.yaml", "theme/templates", "theme", "content/tin", "content", ""};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, files[i]);
        if (unlink(path) != 0) rmdir(path);
    }
    return check_finish(&c);
}
