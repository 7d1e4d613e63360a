/* test_speech.c — the dictionaries read back, the voice kept Vietnamese, and
 * the speech check before airing.
 *
 * Every entry of the built-in dictionaries is put in a sentence and must be
 * read with its spoken form. Every loanword respelling and every
 * abbreviation reading is given to espeak-ng's Vietnamese voice, which must
 * not switch to its English voice for any of them (espeak-ng marks such a
 * switch "(en)" in its phoneme output). Then the per-token notes behind
 * `loa normalize --explain` and the warnings of `loa check` (FILE:LINE:COL).
 */
#include "../check.h"
#include "normalize_internal.h"
#include "speech_check.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static loa_normalizer *north;

typedef struct readback {
    mc_check *c;
    int entries, wrong, english;
} readback;

static char *say_line(const char *text)
{
    mc_diag d;
    mc_diag_clear(&d);
    return loa_normalize_line(north, text, strlen(text), &d);
}

/* 1 when espeak-ng's Vietnamese voice switches language on text. */
static int switches_to_english(const char *text)
{
    const void *p = text;
    int english = 0;
    while (p) {
        const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, espeakPHONEMES_SHOW);
        if (ph && strstr(ph, "(en)"))
            english = 1;
    }
    return english;
}

static void read_entry(void *arg, loa_dict_kind kind, const char *written, const char *spoken)
{
    readback *r = arg;
    char in[512], want[512];
    int exact = 0;
    switch (kind) {
    case LOA_DICT_ABBR: /* "X tiếp": a dot-final entry needs a word after it */
        snprintf(in, sizeof in, "%s tiếp", written);
        snprintf(want, sizeof want, "%s tiếp", spoken);
        exact = 1;
        break;
    case LOA_DICT_LOAN:
        snprintf(in, sizeof in, "%s", written);
        snprintf(want, sizeof want, "%s", spoken);
        exact = 1;
        break;
    case LOA_DICT_DOC:
        snprintf(in, sizeof in, "5/2020/%s", written);
        snprintf(want, sizeof want, "%s", spoken);
        break;
    case LOA_DICT_UNIT:
        snprintf(in, sizeof in, "5 %s", written);
        snprintf(want, sizeof want, "%s", spoken);
        break;
    case LOA_DICT_SYMBOL:
        snprintf(in, sizeof in, "a %s b", written);
        snprintf(want, sizeof want, "%s", spoken);
        break;
    case LOA_DICT_WEB:
        snprintf(in, sizeof in, "www.%s.vn", written);
        snprintf(want, sizeof want, "%s", spoken);
        break;
    case LOA_DICT_LETTER: /* spelled in a word of capitals without vowels */
        if (strchr("AEIOUY", written[0]) || (unsigned char)written[0] >= 0x80) {
            if (strcmp(written, "Đ") != 0)
                return; /* vowels are spelled only inside addresses, tested there */
        }
        snprintf(in, sizeof in, "%s%s%s", written, written, written);
        snprintf(want, sizeof want, "%s %s %s", spoken, spoken, spoken);
        exact = 1;
        break;
    default:
        return;
    }
    r->entries++;
    char *got = say_line(in);
    int ok = got && (exact ? strcmp(got, want) == 0 : strstr(got, want) != NULL);
    if (!ok) {
        r->wrong++;
        printf("  %s: read \"%s\", wanted %s\"%s\"\n", in, got ? got : "(error)",
               exact ? "" : "it to contain ", want);
    }
    free(got);
    if ((kind == LOA_DICT_LOAN || kind == LOA_DICT_ABBR) && switches_to_english(spoken)) {
        r->english++;
        printf("  espeak-ng switches to English on \"%s\" (%s)\n", spoken, written);
    }
}

static void test_every_entry_read_back(mc_check *c)
{
    readback r = {c, 0, 0, 0};
    loa_dict_each(north->dict, read_entry, &r);
    printf("  %d dictionary entries read back, %d wrong, %d in the English voice\n", r.entries,
           r.wrong, r.english);
    CHECK(c, r.entries > 600);
    CHECK(c, r.wrong == 0);
    CHECK(c, r.english == 0);
}

/* Latin-script names no dictionary knows are respelled so the Vietnamese
 * voice reads them (storm names, loanwords staff have not added yet). */
static void test_unknown_latin_stays_vietnamese(mc_check *c)
{
    static const char *const NAMES[] = {"YAGI", "Kajiki", "Ragasa", "Wipha", "Matmo", "Bualoi",
                                        "Noru", "Doksuri", "Saola", "Haiyan", "website",
                                        "Molave", "Damrey", "Talim", "Kalmaegi", NULL};
    CHECK(c, switches_to_english("website") && switches_to_english("Covid"));
    for (size_t i = 0; NAMES[i]; i++) {
        char *got = say_line(NAMES[i]);
        CHECK(c, got && got[0]);
        if (got && switches_to_english(got))
            printf("  %s -> \"%s\" is still read in English\n", NAMES[i], got);
        CHECK(c, got && !switches_to_english(got));
        free(got);
    }
}

typedef struct notes {
    char rules[512];
    int doubts;
    char doubted[128];
} notes;

static void collect(void *arg, const loa_token_note *n)
{
    notes *s = arg;
    size_t used = strlen(s->rules);
    snprintf(s->rules + used, sizeof s->rules - used, "%.*s=%s ", (int)n->n, n->text, n->rule);
    if (n->doubt) {
        s->doubts++;
        used = strlen(s->doubted);
        snprintf(s->doubted + used, sizeof s->doubted - used, "%.*s ", (int)n->n, n->text);
    }
}

static void test_each_token_names_its_rule(mc_check *c)
{
    const char *text = "Gọi 112 ngày 8 và 9/12, bão YAGI, 15/2020/NĐ-CP, PCTT 20 000 đồng";
    notes s = {"", 0, ""};
    mc_diag d;
    mc_diag_clear(&d);
    char *out = loa_normalize_traced(north, text, strlen(text), collect, &s, &d);
    CHECK(c, out != NULL);
    CHECK_STR(c, s.rules, "Gọi=word 112=phone ngày=word 8=date-list và=word 9/12=date bão=word "
                          "YAGI=respelled 15/2020/NĐ-CP=legal-number PCTT=abbreviation "
                          "20 000=spaced-thousands đồng=unit ");
    CHECK(c, s.doubts == 1);
    CHECK_STR(c, s.doubted, "YAGI ");
    free(out);
}

/* Line and column (in characters) of the first `token` of text, counted
 * from first_line: the place a warning must name. */
static void place_of(const char *text, const char *token, int first_line, int *line, int *col)
{
    const char *hit = strstr(text, token);
    *line = first_line;
    *col = 1;
    for (const char *p = text; hit && p < hit; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)*p & 0xc0) != 0x80) {
            (*col)++;
        }
    }
}

static void test_speech_check_points_at_tokens(mc_check *c)
{
    const char *body = "Thông báo của BQLDA.\n\nBão **YAGI** đổ bộ; uống 3/7 cốc, 10mcg,\n"
                       "mã 123 và số 123456789, ngày 11/12.\n";
    static const char *const DOUBTED[] = {"BQLDA", "YAGI", "3/7", "10mcg", "123456789"};
    mc_diag_list out = {0};
    long n = loa_speech_check(north, "tb.md", 5, 1, body, strlen(body), &out);
    CHECK(c, n == 5);
    CHECK(c, out.count == 5 && out.errors == 0);
    for (size_t i = 0; i < out.count && i < 5; i++) {
        int line, col;
        char quoted[64];
        place_of(body, DOUBTED[i], 5, &line, &col);
        snprintf(quoted, sizeof quoted, "'%s' will be read", DOUBTED[i]);
        CHECK(c, out.items[i].severity == MC_WARNING);
        CHECK_STR(c, out.items[i].file, "tb.md");
        CHECK(c, out.items[i].line == line && out.items[i].col == col);
        CHECK(c, strstr(out.items[i].message, quoted) == out.items[i].message);
        if (out.items[i].line != line || out.items[i].col != col)
            printf("  %s at %d:%d, wanted %d:%d\n", out.items[i].message, out.items[i].line,
                   out.items[i].col, line, col);
    }
    /* a dictionary entry silences its warning */
    mc_diag d;
    loa_normalizer *nz = loa_normalizer_new(LOA_NORTH, &d);
    const char *tsv = "abbr\tBQLDA\tban quản lý dự án\nloan\tyagi\tya ghi\n";
    CHECK(c, nz && loa_normalizer_load_tsv_text(nz, tsv, strlen(tsv), "t.tsv", &d) == 0);
    mc_diag_list out2 = {0};
    CHECK(c, nz && loa_speech_check(nz, "tb.md", 5, 1, body, strlen(body), &out2) == 3);
    mc_diag_list_free(&out2);
    loa_normalizer_free(nz);
    mc_diag_list_free(&out);
}

int main(void)
{
    mc_check c = {0};
    mc_diag d;
    mc_diag_clear(&d);
    north = loa_normalizer_new(LOA_NORTH, &d);
    if (!north || espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0) <= 0 ||
        espeak_SetVoiceByName("vi") != EE_OK) {
        check_begin(&c, "normaliser and espeak-ng start");
        CHECK(&c, 0);
        check_end(&c);
        return check_finish(&c);
    }
    RUN(&c, test_every_entry_read_back);
    RUN(&c, test_unknown_latin_stays_vietnamese);
    RUN(&c, test_each_token_names_its_rule);
    RUN(&c, test_speech_check_points_at_tokens);
    espeak_Terminate();
    loa_normalizer_free(north);
    return check_finish(&c);
}
