/* test_results.c — the results dashboard's data file and number forms
 * (results_data.h, results.h): a good file reads back its figures; each
 * kind of bad row is an error at its own line; numbers are written the
 * Vietnamese way (decimal comma, dot between thousands) and the English way.
 * Also the document status table: spellings, and which statuses end a
 * document (fields.c). */
#include "fields.h"
#include "fileio.h"
#include "kinds.h"
#include "results.h"
#include "results_data.h"
#include "../check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[64];

/* Loads text as the site's data file; errs gets the messages. */
static int load(const char *text, mc_results *r, mc_diag_list *errs)
{
    if (root[0]) mc_remove_tree(root, NULL);
    snprintf(root, sizeof root, "/tmp/mc-results-XXXXXX");
    if (!mkdtemp(root)) abort();
    char dir[96];
    snprintf(dir, sizeof dir, "%s/data", root);
    if (mkdir(dir, 0755) != 0) abort();
    check_write_file(root, MC_RESULTS_FILE, text);
    mc_site s;
    memset(&s, 0, sizeof s);
    s.root = root;
    return mc_results_load(&s, r, errs);
}

static int has(const mc_diag_list *errs, int line, const char *part)
{
    for (size_t i = 0; i < errs->count; i++)
        if (errs->items[i].line == line && strstr(errs->items[i].message, part) &&
            !strcmp(errs->items[i].file, MC_RESULTS_FILE))
            return 1;
    return 0;
}

static void numbers(mc_check *c)
{
    char b[64];
    CHECK_STR(c, mc_results_number(1234.5, 2, "vi", b, sizeof b), "1.234,5");
    CHECK_STR(c, mc_results_number(1234.5, 2, "en", b, sizeof b), "1,234.5");
    CHECK_STR(c, mc_results_number(98.8, 2, "vi", b, sizeof b), "98,8");
    CHECK_STR(c, mc_results_number(99.03, 2, "vi", b, sizeof b), "99,03");
    CHECK_STR(c, mc_results_number(100, 2, "vi", b, sizeof b), "100");
    CHECK_STR(c, mc_results_number(2610, 2, "vi", b, sizeof b), "2.610");
    CHECK_STR(c, mc_results_number(1250000, 1, "en", b, sizeof b), "1,250,000");
    CHECK_STR(c, mc_results_number(0.5, 2, "vi", b, sizeof b), "0,5");
    CHECK_STR(c, mc_results_number(-3, 2, "vi", b, sizeof b), "-3");
}

static void good_file(mc_check *c)
{
    mc_results r;
    mc_diag_list errs = {0};
    int got = load("indicator,period,value,source\n"
                   "ty_le_hai_long,2025,\"98,8\",Báo cáo\n"
                   "\n"
                   "chi_so_cong_khai,2025,16.5,\n"
                   "ho_so_tiep_nhan,Quý 1/2025,2140,Minh họa\n"
                   "ho_so_tiep_nhan,Quý 2/2025,2385,Minh họa\n", &r, &errs);
    CHECK(c, got == 1 && errs.count == 0);
    CHECK(c, r.n == 4 && r.nperiods == 3 && r.nsources == 2);
    CHECK(c, r.n == 4 && r.rows[0].value == 98.8 && r.rows[0].line == 2);
    CHECK(c, r.n == 4 && r.rows[1].line == 4 && r.rows[1].source == NULL);
    CHECK(c, r.nperiods == 3 && !strcmp(r.periods[1], "Quý 1/2025"));
    mc_results_free(&r);
    mc_diag_list_free(&errs);
}

static void no_file(mc_check *c)
{
    mc_site s;
    memset(&s, 0, sizeof s);
    s.root = "/nonexistent-site";
    mc_results r;
    mc_diag_list errs = {0};
    CHECK(c, mc_results_load(&s, &r, &errs) == 0 && errs.count == 0);
}

/* Every bad row is reported, each at its line, and nothing is kept. */
static void bad_rows(mc_check *c)
{
    mc_results r;
    mc_diag_list errs = {0};
    int got = load("indicator,period,value,source\n"
                   "ty_le_hai_long,2025,,x\n"            /* 2: missing value */
                   "ty_le_truc_tuyen,2025,100.5,x\n"     /* 3: over 100 */
                   "ty_le_hanh_phuc,2025,50,x\n"         /* 4: unknown indicator */
                   "chi_so_cong_khai,2025,19,x\n"        /* 5: over the group's 18 */
                   "ho_so_tiep_nhan,2025,12.5,x\n"       /* 6: not whole */
                   "ty_le_hai_long,,90,x\n"              /* 7: no period */
                   "ty_le_truc_tuyen,2024,abc,x\n"       /* 8: not a number */
                   "ty_le_truc_tuyen,2024,-1,x\n"        /* 9: negative */
                   "ty_le_truc_tuyen,2023,40,x\n"
                   "ty_le_truc_tuyen,2023,41,x\n",       /* 11: twice */
                   &r, &errs);
    CHECK(c, got == -1 && errs.errors == 9);
    CHECK(c, has(&errs, 2, "has no value"));
    CHECK(c, has(&errs, 3, "over 100"));
    CHECK(c, has(&errs, 4, "unknown indicator 'ty_le_hanh_phuc'"));
    CHECK(c, has(&errs, 5, "maximum of 18"));
    CHECK(c, has(&errs, 6, "not a whole number"));
    CHECK(c, has(&errs, 7, "no period"));
    CHECK(c, has(&errs, 8, "not a number"));
    CHECK(c, has(&errs, 9, "negative"));
    CHECK(c, has(&errs, 11, "given twice (also at line 10)"));
    CHECK(c, r.n == 0 && r.rows == NULL);
    mc_diag_list_free(&errs);
}

static void sums_agree(mc_check *c)
{
    mc_results r;
    mc_diag_list errs = {0};
    int got = load("indicator,period,value\n"
                   "chi_so_cong_khai,2025,16\nchi_so_tien_do,2025,20\nchi_so_so_hoa,2025,17\n"
                   "chi_so_truc_tuyen,2025,15\nchi_so_hai_long,2025,17\nchi_so_tong,2025,90\n"
                   "ho_so_tiep_nhan,2025,10\nho_so_dung_han,2025,9\nho_so_tre_han,2025,2\n",
                   &r, &errs);
    CHECK(c, got == -1 && errs.errors == 2);
    CHECK(c, has(&errs, 7, "not the sum of the groups (85)"));
    CHECK(c, has(&errs, 10, "more than those received"));
    mc_diag_list_free(&errs);
    got = load("period,value\n2025,1\n", &r, &errs);
    CHECK(c, got == -1 && has(&errs, 1, "indicator,period,value"));
    mc_diag_list_free(&errs);
    got = load("indicator,period,value\nty_le_hai_long,2025,\"9\"8\n", &r, &errs);
    CHECK(c, got == -1 && has(&errs, 2, "quotes"));
    mc_diag_list_free(&errs);
}

static void document_statuses(mc_check *c)
{
    const mc_kind *k = mc_kind_find("document");
    CHECK(c, k && k->documents && k->fields == mc_document_fields && !k->field_terms);
    const mc_field *status = mc_field_find(mc_document_fields, "status");
    const mc_choice *s = mc_field_choice(status, "Hết hiệu lực");
    CHECK(c, s && !strcmp(s->code, "het_hieu_luc") && s->ended);
    s = mc_field_choice(status, "het hieu luc toan bo");
    CHECK(c, s && !strcmp(s->code, "het_hieu_luc"));
    s = mc_field_choice(status, "Còn hiệu lực");
    CHECK(c, s && !strcmp(s->code, "con_hieu_luc") && !s->ended);
    s = mc_field_choice(status, "ngung_hieu_luc");
    CHECK(c, s && s->ended);
    CHECK(c, mc_field_choice(mc_field_find(mc_document_fields, "doc_type"), "Nghị định") != NULL);
    CHECK(c, mc_field_find(mc_document_fields, "number")->required);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, numbers);
    RUN(&c, good_file);
    RUN(&c, no_file);
    RUN(&c, bad_rows);
    RUN(&c, sums_agree);
    RUN(&c, document_statuses);
    if (root[0]) mc_remove_tree(root, NULL);
    return check_finish(&c);
}
