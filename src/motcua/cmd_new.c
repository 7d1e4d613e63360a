/* cmd_new.c — `motcua new KIND "Tiêu đề"`: start a content file.
 *
 * The file gets the front matter its kind needs, each key with a short
 * Vietnamese comment, so staff fill in a form rather than remember keys. It
 * is created with O_EXCL: an existing file is never overwritten. The folder
 * comes from the kind (sections in site.yaml can rename it), the file name
 * from the slug of the title, the date from today in Việt Nam (+07:00).
 */
#include "commands.h"
#include "front_write.h"
#include "kinds.h"
#include "diag.h"
#include "fileio.h"
#include "text.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* YAML double-quoted form of s: backslash and quote escaped. */
static void today_in_vietnam(char out[16])
{
    time_t now = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static int write_new_file(const char *path, const char *text, mc_diag *d)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0 && errno == EEXIST)
        return mc_diag_set(d, path, 0, 0, "already exists and was left as it is; choose "
                           "another title or edit that file");
    if (fd < 0) return mc_diag_set(d, path, 0, 0, "cannot create: %s", strerror(errno));
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        unlink(path);
        return mc_diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    return 0;
}

static int create(const char *site, const mc_kind *k, const char *title, mc_diag *d)
{
    size_t len = strlen(title);
    if (mc_utf8_check(title, len, "(command line)", 1, d) != 0) return -1;
    char *nfc = mc_nfc(title, len, NULL, d);
    char *slug = nfc ? mc_slug(nfc, strlen(nfc), d) : NULL;
    char *quoted = nfc ? mc_yaml_quoted(nfc) : NULL;
    int status = -1;
    char date[16], dir[4096], path[4200];
    today_in_vietnam(date);
    if (slug && !slug[0]) {
        mc_diag_set(d, NULL, 0, 0, "the title \"%s\" has no letters or digits to make a file name from", title);
    } else if (slug && quoted) {
        snprintf(dir, sizeof dir, "%s/content%s%s", site, k->folder[0] ? "/" : "", k->folder);
        snprintf(path, sizeof path, "%s/%s.md", dir, slug);
        char *skeleton = mc_fields_skeleton(k->fields);
        size_t n = strlen(quoted) + (skeleton ? strlen(skeleton) : 0) + 256;
        char *text = skeleton ? malloc(n) : NULL;
        if (text) {
            snprintf(text, n, "---\ntitle: %s\ndate: %s\n%s---\n\nViết nội dung ở đây.\n",
                     quoted, date, skeleton);
            if (mc_mkdir_p(dir, d) == 0 && write_new_file(path, text, d) == 0) {
                printf("%s\n", path);
                status = 0;
            }
        }
        free(text);
        free(skeleton);
    }
    free(nfc);
    free(slug);
    free(quoted);
    return status;
}

static const mc_option new_options[] = {
    {.same = mc_opt_site},
    {.same = mc_opt_help},
    {0}};

int mc_cmd_new(int argc, char **argv)
{
    const char *site = ".";
    int c;
    mc_getopt g;
    mc_getopt_start(&g, new_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 's') site = optarg;
        else if (c == 'h') {
            mc_command_help(stdout, &mc_new_command);
            return 0;
        } else {
            return mc_usage_error("new: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return mc_usage_error("%s", "new: give a kind and a title, e.g. motcua new news \"Tiêu đề\"");
    const mc_kind *k = mc_kind_find(argv[optind]);
    if (!k) {
        char msg[512];
        snprintf(msg, sizeof msg, "new: unknown kind '%s'; use %s", argv[optind], mc_kind_names());
        return mc_usage_error("%s", msg);
    }
    mc_diag d;
    if (create(site, k, argv[optind + 1], &d) != 0) {
        mc_diag_print(stderr, &d);
        return 1;
    }
    return 0;
}

const mc_command mc_new_command = {
    .name = "new",
    .args = "KIND TITLE",
    .summary = "start a content file (KIND: news, procedure, announcement,\n"
               "page) with every key explained; never overwrites",
    .usage = "motcua new news|procedure|announcement|page \"Tiêu đề\" [-s SITE]\n",
    .description = "Create a content file with the front matter its kind needs, each key\n"
                   "explained in Vietnamese. Prints the path of the new file. An existing\n"
                   "file is never overwritten.\n",
    .options = new_options,
    .epilogue = "Example:\n"
                "  motcua new news \"Khai trương bộ phận một cửa mới\"\n"
                "    -> content/tin-tuc/khai-truong-bo-phan-mot-cua-moi.md\n",
    .run = mc_cmd_new,
};
