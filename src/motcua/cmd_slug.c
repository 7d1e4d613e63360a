/* cmd_slug.c — `motcua slug TEXT...`: print the URL slug of a title, the
 * same one the build gives a page with that title. */
#include "args.h"
#include "commands.h"
#include "diag.h"
#include "text.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* motcua slug TEXT...: the words are joined with spaces, as a shell user
 * would expect from `motcua slug Đăng ký khai sinh` without quotes. */
int mc_cmd_slug(int argc, char **argv)
{
    argc--;
    argv++;
    if (argc < 1) return mc_usage_error("%s", "slug: missing TEXT, e.g. motcua slug \"Đăng ký khai sinh\"");
    char *text = mc_join_args(argc, argv, NULL);
    if (!text) return 1;
    mc_diag d;
    int status = 0;
    char *slug = NULL;
    if (mc_utf8_check(text, strlen(text), "(command line)", 1, &d) != 0 ||
        !(slug = mc_slug(text, strlen(text), &d))) {
        mc_diag_print(stderr, &d);
        status = 1;
    } else if (!slug[0]) {
        fprintf(stderr, "motcua: error: \"%s\" has no letters or digits to make a slug from\n", text);
        status = 1;
    } else {
        printf("%s\n", slug);
    }
    free(slug);
    free(text);
    return status;
}


/* slug reads no options: `motcua slug -x` is the slug of "-x". */
const mc_command mc_slug_command = {
    .name = "slug",
    .args = "TEXT...",
    .summary = "print the URL slug made from TEXT: lower case, Vietnamese\n"
               "marks removed, đ as d, words joined by '-'\n"
               "  motcua slug \"Đăng ký khai sinh\"   ->  dang-ky-khai-sinh",
    .usage = "motcua slug TEXT...\n",
    .description = "Print the URL slug made from TEXT, the one a page with that title gets:\n"
                   "text normalised to NFC, lower case, Vietnamese tone and vowel marks\n"
                   "removed, đ and Đ written as d, and runs of anything but ASCII letters\n"
                   "and digits replaced by one hyphen. Several arguments are joined with\n"
                   "spaces.\n",
    .options = NULL,
    .epilogue = "Example:\n"
                "  motcua slug \"Đẩy mạnh công tác cải cách thủ tục hành chính\"\n"
                "  -> day-manh-cong-tac-cai-cach-thu-tuc-hanh-chinh\n",
    .run = mc_cmd_slug,
};
