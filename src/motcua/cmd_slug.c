/* cmd_slug.c — `motcua slug TEXT...`: print the slug of a title, the file
 * name `motcua new` gives a page with that title (its URL comes from the
 * file name). */
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
    .summary = "print the slug made from TEXT (the file name 'new' gives a\n"
               "page): lower case, marks removed, đ as d, words joined by '-'\n"
               "  motcua slug \"Đăng ký khai sinh\"   ->  dang-ky-khai-sinh",
    .usage = "motcua slug TEXT...\n",
    .description = "Print the slug made from TEXT, the file name 'motcua new' gives a page\n"
                   "with that title (a page's URL comes from its file name, or 'slug:',\n"
                   "never from its title): text normalised to NFC, lower case, Vietnamese\n"
                   "tone and vowel marks removed, đ and Đ written as d, and runs of anything\n"
                   "but ASCII letters and digits replaced by one hyphen. Several arguments\n"
                   "are joined with spaces.\n",
    .options = NULL,
    .epilogue = "Example:\n"
                "  motcua slug \"Đẩy mạnh công tác cải cách thủ tục hành chính\"\n"
                "  -> day-manh-cong-tac-cai-cach-thu-tuc-hanh-chinh\n",
    .run = mc_cmd_slug,
};
