/* cmd_new.c — `motcua new KIND "Tiêu đề"`: start a content file.
 *
 * The file gets the front matter its kind needs, each key with a short
 * Vietnamese comment, so staff fill in a form rather than remember keys. It
 * is created with O_EXCL: an existing file is never overwritten. The folder
 * comes from the kind (sections in site.yaml can rename it), the file name
 * from the slug of the title, the date from today in Việt Nam (+07:00).
 */
#include "commands.h"
#include "diag.h"
#include "fileio.h"
#include "text.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct kind_info {
    const char *name;      /* as typed on the command line */
    const char *folder;    /* content folder */
    const char *skeleton;  /* front matter after title and date; %s = date */
} kind_info;

static const kind_info kinds[] = {
    {"news", "tin-tuc",
     "summary: \"\"            # Tóm tắt một hai câu, hiện trong danh sách tin\n"
     "tags: []               # Chủ đề, ví dụ: [Cải cách hành chính, Chuyển đổi số]\n"
     "draft: true            # Bản nháp: đổi thành false để đăng\n"},
    {"procedure", "thu-tuc",
     "code: \"\"               # Mã thủ tục, ví dụ 1.001193.000.00.00.H42\n"
     "field: \"\"              # Lĩnh vực, ví dụ Hộ tịch\n"
     "level: xa              # Cấp thực hiện: tinh, huyen hoặc xa\n"
     "agency: \"\"             # Cơ quan thực hiện\n"
     "audience: []           # Đối tượng thực hiện\n"
     "steps: []              # Trình tự thực hiện, mỗi bước một dòng\n"
     "channels: []           # Cách thức thực hiện: {kind: truc_tiep|truc_tuyen|buu_chinh, time, fee}\n"
     "online: none           # Dịch vụ công trực tuyến: toan_trinh, mot_phan hoặc none\n"
     "documents: []          # Thành phần hồ sơ: {name, copies, original, form}\n"
     "processing_time: \"\"    # Thời hạn giải quyết, có đơn vị (ngày làm việc, giờ...)\n"
     "processing_days: 0     # Số ngày làm việc, dùng để sắp xếp\n"
     "fees: []               # Phí, lệ phí: {name, amount (đồng), note}; 0 là miễn phí\n"
     "conditions: []         # Yêu cầu, điều kiện\n"
     "result: \"\"             # Kết quả thực hiện\n"
     "legal_basis: []        # Căn cứ pháp lý: {title (có số hiệu văn bản), url}\n"
     "status: dang_ap_dung   # dang_ap_dung, sua_doi hoặc bai_bo\n"
     "draft: true            # Bản nháp: đổi thành false để đăng\n"},
    {"announcement", "thong-bao",
     "wards: all             # Phường nhận thông báo: all hoặc danh sách mã phường\n"
     "priority: normal       # normal, urgent hoặc emergency\n"
     "slots: []              # Giờ phát, ví dụ [\"2026-12-01 06:00\", \"2026-12-01 17:00\"]\n"
     "repeat: 2              # Số lần đọc nhắc lại\n"
     "expires: \"\"            # Ngày hết hạn, ví dụ 2026-12-31\n"
     "draft: true            # Bản nháp: đổi thành false để đăng\n"},
    {"page", "",
     "summary: \"\"            # Tóm tắt ngắn\n"},
};

static const kind_info *find_kind(const char *name)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].name, name)) return &kinds[i];
    return NULL;
}

/* YAML double-quoted form of s: backslash and quote escaped. */
static char *yaml_quote(const char *s)
{
    size_t n = strlen(s);
    char *q = malloc(2 * n + 3);
    if (!q) return NULL;
    size_t o = 0;
    q[o++] = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') q[o++] = '\\';
        q[o++] = *s;
    }
    q[o++] = '"';
    q[o] = '\0';
    return q;
}

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

static int create(const char *site, const kind_info *k, const char *title, mc_diag *d)
{
    size_t len = strlen(title);
    if (mc_utf8_check(title, len, "(command line)", 1, d) != 0) return -1;
    char *nfc = mc_nfc(title, len, NULL, d);
    char *slug = nfc ? mc_slug(nfc, strlen(nfc), d) : NULL;
    char *quoted = nfc ? yaml_quote(nfc) : NULL;
    int status = -1;
    char date[16], dir[4096], path[4200];
    today_in_vietnam(date);
    if (slug && !slug[0]) {
        mc_diag_set(d, NULL, 0, 0, "the title \"%s\" has no letters or digits to make a file name from", title);
    } else if (slug && quoted) {
        snprintf(dir, sizeof dir, "%s/content%s%s", site, k->folder[0] ? "/" : "", k->folder);
        snprintf(path, sizeof path, "%s/%s.md", dir, slug);
        size_t n = strlen(quoted) + strlen(k->skeleton) + 256;
        char *text = malloc(n);
        if (text) {
            snprintf(text, n, "---\ntitle: %s\ndate: %s\n%s---\n\nViết nội dung ở đây.\n",
                     quoted, date, k->skeleton);
            if (mc_mkdir_p(dir, d) == 0 && write_new_file(path, text, d) == 0) {
                printf("%s\n", path);
                status = 0;
            }
        }
        free(text);
    }
    free(nfc);
    free(slug);
    free(quoted);
    return status;
}

int mc_cmd_new(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"site", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *site = ".";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", longopts, NULL)) != -1) {
        if (c == 's') site = optarg;
        else if (c == 'h') {
            printf("Usage: motcua new news|procedure|announcement|page \"Tiêu đề\" [-s SITE]\n"
                   "Create a content file with the front matter its kind needs, each key\n"
                   "explained in Vietnamese. Prints the path of the new file. An existing\n"
                   "file is never overwritten.\n\n"
                   "  motcua new news \"Khai trương bộ phận một cửa mới\"\n"
                   "    -> content/tin-tuc/khai-truong-bo-phan-mot-cua-moi.md\n");
            return 0;
        } else {
            return mc_usage_error("new: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return mc_usage_error("%s", "new: give a kind and a title, e.g. motcua new news \"Tiêu đề\"");
    const kind_info *k = find_kind(argv[optind]);
    if (!k) return mc_usage_error("new: unknown kind '%s'; use news, procedure, announcement or page",
                                  argv[optind]);
    mc_diag d;
    if (create(site, k, argv[optind + 1], &d) != 0) {
        mc_diag_print(stderr, &d);
        return 1;
    }
    return 0;
}
