/* cmd_mv.c — `motcua mv OLD NEW`: rename a page file or bundle, keeping
 * its old address as an alias (generator/tools/move.h does the work). */
#include "commands.h"
#include "diag.h"
#include "move.h"

#include <getopt.h>
#include <stdio.h>

static const mc_option mv_options[] = {
    {.same = mc_opt_site},
    {.same = mc_opt_help},
    {0}};

int mc_cmd_mv(int argc, char **argv)
{
    const char *site = ".";
    int c;
    mc_getopt g;
    mc_getopt_start(&g, mv_options);
    while ((c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL)) != -1) {
        if (c == 's') {
            site = optarg;
        } else if (c == 'h') {
            mc_command_help(stdout, &mc_mv_command);
            return 0;
        } else {
            return mc_usage_error("mv: unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return mc_usage_error("%s", "mv: give the page and its new name, e.g. motcua mv "
                              "content/thu-tuc/cu.md content/thu-tuc/moi.md");
    mc_diag_list errs = {0};
    mc_move_result r;
    int status = mc_move_page(site, argv[optind], argv[optind + 1], &r, &errs);
    for (size_t i = 0; i < errs.count; i++) mc_diag_print(stderr, &errs.items[i]);
    if (status == 0) {
        printf("%s -> %s\n", r.from, r.to);
        if (r.aliases_added)
            printf("%s now redirects to %s (added to 'aliases:')\n", r.old_url, r.new_url);
        else
            printf("the address %s did not change\n", r.new_url ? r.new_url : "");
        if (r.links_updated) printf("links updated in %zu other pages\n", r.links_updated);
    } else {
        fprintf(stderr, "motcua: nothing was moved\n");
    }
    mc_move_result_free(&r);
    mc_diag_list_free(&errs);
    return status == 0 ? 0 : 1;
}

const mc_command mc_mv_command = {
    .name = "mv",
    .args = "OLD NEW",
    .summary = "rename a page file or bundle; its old address becomes an\n"
               "alias (a redirect) and links to it follow it",
    .usage = "motcua mv OLD NEW [-s SITE]\n",
    .description = "Rename a page file (and its .en.md translation) or a page bundle (the\n"
                   "folder with index.md and its forms). A page's address comes from its file\n"
                   "name, so when it changes the old address is added to the page's\n"
                   "'aliases:' (the build publishes a redirect there and it stays in\n"
                   "published-urls.txt), and links to the old .md file in other pages are\n"
                   "rewritten. NEW must not exist; paths are in the site folder. If anything\n"
                   "fails, every file is left as it was.\n",
    .options = mv_options,
    .epilogue = "Examples:\n"
                "  motcua mv content/thu-tuc/dang-ky-khai-tu.md content/thu-tuc/khai-tu.md\n"
                "  motcua mv content/thu-tuc/dang-ky-ket-hon content/thu-tuc/ket-hon\n",
    .run = mc_cmd_mv,
};
