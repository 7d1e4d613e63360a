/* normalize_rules.c — one utterance of text → spoken Vietnamese words.
 *
 * Design: the utterance is cut at spaces into tokens; each token loses its
 * surrounding quotes/brackets and keeps its trailing pause punctuation
 * aside. The token's core then goes through the rules in the fixed order
 * documented in normalize.h; the first rule that recognises the whole core
 * speaks it and the others are not tried. Rules see a little context: the
 * previous source word in lower case ("ngày", "thứ", "quý", "hotline"…),
 * whether the previous token ended in a number (so "5 km" reads the unit),
 * and the following tokens (phone numbers written "0229 3871 234").
 * Compound tokens (xã/phường, Covid-19, A&B) are split at the symbol and each
 * part goes through the rules again, to a small fixed depth.
 * Each token is looked at a constant number of times: linear time overall.
 */
#include "normalize_internal.h"
#include "normalize_latin.h"

#include <stdlib.h>
#include <string.h>

typedef struct token {
    const char *s;      /* core: the token without surrounding punctuation */
    size_t n;
    const char *trail;  /* trailing punctuation */
    size_t trail_n;
    int open;           /* it started with a bracket: a pause before it */
} token;

typedef struct ctx {
    const loa_normalizer *nz;
    mc_buf *out;
    const token *toks;
    size_t ntok, index;  /* tokens of the utterance and the current one */
    char prev[64];       /* previous source word, lower case ("" if none) */
    char prev2[64];      /* the word before that */
    int day_list;        /* reading "8, 9 và 10/12": days waiting for their month */
    int per;             /* inside "m3/hộ/tháng": a further '/' reads "mỗi" */
    int depth;           /* how deep compound tokens have been split */
    const char *rule;    /* name of the rule that read the current token */
    const char *doubt;   /* why that reading may be wrong, or NULL */
    loa_token_fn trace;  /* called after each token (loa_normalize_traced) */
    void *trace_arg;
    int prev_number;     /* previous token ended with a number */
    int ends_number;     /* the current token ended with a number */
    int sentence_start;  /* the previous token ended a sentence */
    size_t last_date;    /* 1 + index of the last token read as a date, or 0 */
    size_t last_number;  /* 1 + index of the last token that ended in a number */
} ctx;

enum { MAX_SPLIT_DEPTH = 3 };

static void say_core(ctx *c, const char *s, size_t n);
static void say_core_tail(ctx *c, const char *s, size_t n);

/* ---- small helpers ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

static int is_pause_punct(char p)
{
    return p && strchr(",;:.!?", p) != NULL;
}

static void say(ctx *c, const char *words)
{
    mc_buf_word(c->out, words);
}

static void say_num(ctx *c, unsigned long long v)
{
    loa_say_number(c->out, v, c->nz->style);
}

static const char *lookup(const ctx *c, loa_dict_kind kind, const char *s, size_t n)
{
    return loa_dict_get(c->nz->dict, kind, s, n);
}

static int word_in(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

static int prev_is(const ctx *c, const char *w)
{
    return strcmp(c->prev, w) == 0;
}

/* Length of a dash at s[i] ('-', en dash, em dash), or 0. */
static size_t dash_len(const char *s, size_t n, size_t i)
{
    if (s[i] == '-')
        return 1;
    if (i + 3 <= n && (memcmp(s + i, "\xe2\x80\x93", 3) == 0 ||
                       memcmp(s + i, "\xe2\x80\x94", 3) == 0))
        return 3;
    return 0;
}

/* First dash after position 0, or n when none; *dl gets its length. */
static size_t find_dash(const char *s, size_t n, size_t *dl)
{
    for (size_t i = 1; i < n; i++)
        if ((*dl = dash_len(s, n, i)) != 0)
            return i;
    return n;
}

/* ---- numbers read inside other rules ---- */

/* A numeric field of 1..maxd digits; returns its value or -1. */
static long field_value(const char *s, size_t n, size_t maxd)
{
    unsigned long long v;
    if (n == 0 || n > maxd || !loa_parse_uint(s, n, &v))
        return -1;
    return (long)v;
}

/* ---- URLs and e-mail addresses ---- */

static int has_vowel_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("aeiouyAEIOUY", s[i]))
            return 1;
    return 0;
}

/* Spell ASCII letters and digits one by one with Vietnamese letter names. */
static void spell_ascii(ctx *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char up = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
        const char *name = lookup(c, LOA_DICT_LETTER, &up, 1);
        if (is_digit(up))
            loa_say_digits(c->out, &up, 1);
        else if (name)
            say(c, name);
    }
}

/* One alphanumeric piece of an address: dictionary, digits, spelled, or as is. */
static void say_web_word(ctx *c, const char *s, size_t n)
{
    char low[128];
    if (n >= sizeof low) {
        mc_buf_wordn(c->out, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    const char *w = lookup(c, LOA_DICT_WEB, low, n);
    if (w) {
        say(c, w);
        return;
    }
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        int digits = is_digit(low[i]);
        while (j < n && is_digit(low[j]) == digits)
            j++;
        if (digits)
            loa_say_digits(c->out, low + i, j - i);
        else if (j - i <= 2 || !has_vowel_ascii(low + i, j - i) ||
                 !loa_say_syllables(c->out, low + i, j - i))
            spell_ascii(c, low + i, j - i); /* ubnd → "u bê nờ dê" */
        i = j;
    }
}

static int is_url_char(char c)
{
    return is_digit(c) || is_ascii_letter(c) || strchr("-._~:/?#@!$&'()*+,;=%", c);
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

static int known_tld(const char *s, size_t n)
{
    static const char *const TLDS[] = {"vn", "com", "net", "org", "gov", "edu",
                                       "info", "io", "int", NULL};
    char low[8];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    low[n] = '\0';
    return word_in(low, TLDS);
}

/* Host "a.b.vn" (up to the first '/'): letters first, a known last label. */
static int looks_like_host(const char *s, size_t n)
{
    const char *slash = memchr(s, '/', n);
    size_t h = slash ? (size_t)(slash - s) : n;
    const char *dot = NULL;
    for (size_t i = 0; i < h; i++) {
        if (!is_digit(s[i]) && !is_ascii_letter(s[i]) && s[i] != '-' && s[i] != '.')
            return 0;
        if (s[i] == '.')
            dot = s + i;
    }
    return dot && is_ascii_letter(s[0]) &&
           known_tld(dot + 1, (size_t)(s + h - dot - 1));
}

static int last_output_word_in(const ctx *c, const char *const *list)
{
    const mc_buf *b = c->out;
    size_t e = b->len;
    while (e > 0 && strchr(" ,:;", b->s[e - 1]))
        e--;
    size_t st = e;
    while (st > 0 && b->s[st - 1] != ' ' && b->s[st - 1] != '\n')
        st--;
    char w[32];
    if (e == st || e - st >= sizeof w)
        return 0;
    memcpy(w, b->s + st, e - st);
    w[e - st] = '\0';
    char *low = mc_lower(w, e - st, NULL, NULL);
    int in = low && word_in(low, list);
    free(low);
    return in;
}

/* Read an address: pieces, "chấm", "gạch chéo", "a còng"…; the query and
 * fragment (after ? or #) are not read. */
static void say_address(ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (is_digit(s[j]) || is_ascii_letter(s[j])))
            j++;
        if (j > i) {
            say_web_word(c, s + i, j - i);
            i = j;
            continue;
        }
        char ch = s[i++];
        int more = i < n && (is_digit(s[i]) || is_ascii_letter(s[i]));
        if (ch == '?' || ch == '#')
            return;
        if (!more)
            continue;
        if (ch == '.')
            say(c, "chấm");
        else if (ch == '/')
            say(c, "gạch chéo");
        else if (ch == '-')
            say(c, "gạch ngang");
        else if (ch == '_')
            say(c, "gạch dưới");
        else if (ch == '@')
            say(c, "a còng");
    }
}

static int rule_url(ctx *c, const char *s, size_t n)
{
    static const char *const ALREADY_SAID[] = {"tử", "web", "website", "trang", "cổng",
                                               "công", "chỉ", NULL};
    size_t skip = 0;
    if (starts_with(s, n, "https://"))
        skip = 8;
    else if (starts_with(s, n, "http://"))
        skip = 7;
    for (size_t i = 0; i < n; i++)
        if (!is_url_char(s[i]))
            return 0;
    if (skip == 0 && !starts_with(s, n, "www.") && !looks_like_host(s, n))
        return 0;
    if (skip == 0 && memchr(s, '@', n))
        return 0;
    if (skip && !last_output_word_in(c, ALREADY_SAID))
        say(c, "trang thông tin điện tử");
    say_address(c, s + skip, n - skip);
    return 1;
}

static int rule_email(ctx *c, const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s)
        return 0;
    size_t local = (size_t)(at - s);
    for (size_t i = 0; i < local; i++)
        if (!is_digit(s[i]) && !is_ascii_letter(s[i]) && !strchr("._+-", s[i]))
            return 0;
    if (!looks_like_host(at + 1, n - local - 1) || memchr(at + 1, '/', n - local - 1))
        return 0;
    say_address(c, s, n);
    return 1;
}

/* ---- spelling and abbreviations ---- */

/* Spell upper-case letters (any script the letter table knows). */
static void spell_letters(ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t len = 1;
        unsigned char b = (unsigned char)s[i];
        if (b >= 0xf0) len = 4;
        else if (b >= 0xe0) len = 3;
        else if (b >= 0xc0) len = 2;
        if (i + len > n)
            len = n - i;
        const char *name = lookup(c, LOA_DICT_LETTER, s + i, len);
        if (name)
            say(c, name);
        else if (is_digit(s[i]))
            loa_say_digits(c->out, s + i, 1);
        i += len;
    }
}

/* 1 when lower-case text has a vowel: an ASCII vowel or any non-ASCII
 * letter other than đ (Vietnamese non-ASCII letters are vowels with marks). */
static int has_vowel(const char *low)
{
    for (const unsigned char *p = (const unsigned char *)low; *p; p++) {
        if (*p < 0x80 && strchr("aeiouy", *p))
            return 1;
        if (*p >= 0xc0 && !(p[0] == 0xc4 && p[1] == 0x91)) /* not đ */
            return 1;
    }
    return 0;
}

/* Letters then digits: QH15 → "Quốc hội mười lăm", A4 → "a bốn". */
static int rule_letters_digits(ctx *c, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && !is_digit(s[k]))
        k++;
    if (k == 0 || k == n || !all_digits(s + k, n - k) || n - k > 4 ||
        !loa_all_upper(s, k))
        return 0;
    for (size_t i = 0; i < k; i++)
        if ((unsigned char)s[i] < 0x80 && !is_ascii_letter(s[i]))
            return 0;
    const char *w = lookup(c, LOA_DICT_DOC, s, k);
    if (!w)
        w = lookup(c, LOA_DICT_ABBR, s, k);
    if (w)
        say(c, w);
    else
        spell_letters(c, s, k);
    say_num(c, strtoull(s + k, NULL, 10));
    c->ends_number = 1;
    return 1;
}

/* One part of a legal document type: NĐ, CP, UBND, QH14, BTC… */
static void say_doc_part(ctx *c, const char *s, size_t n)
{
    const char *w = lookup(c, LOA_DICT_DOC, s, n);
    if (!w)
        w = lookup(c, LOA_DICT_ABBR, s, n);
    if (w)
        say(c, w);
    else if (!rule_letters_digits(c, s, n))
        spell_letters(c, s, n);
}

/* Each '-'-separated part of s[0..n): "NĐ-CP" → "nghị định Chính phủ". */
static void say_doc_parts(ctx *c, const char *s, size_t n)
{
    for (size_t p = 0; p < n;) {
        size_t e = p;
        while (e < n && s[e] != '-')
            e++;
        say_doc_part(c, s + p, e - p);
        p = e + 1;
    }
}

/* 1 when the words just said end with `words` (lower case), e.g. the text
 * already named the document type: "Nghị định số 15/2020/NĐ-CP". A final
 * "số" is looked past. */
static int ends_with_so(const mc_buf *b, size_t e)
{
    static const char SO[] = "số";
    size_t k = sizeof SO - 1;
    return e >= k && memcmp(b->s + e - k, SO, k) == 0 &&
           (e == k || b->s[e - k - 1] == ' ' || b->s[e - k - 1] == '\n');
}

static int said_last(const ctx *c, const char *words)
{
    const mc_buf *b = c->out;
    size_t e = b->len;
    if (ends_with_so(b, e))
        e -= e > strlen("số") ? strlen(" số") : strlen("số");
    size_t k = strlen(words);
    if (e < k || (e > k && b->s[e - k - 1] != ' ' && b->s[e - k - 1] != '\n'))
        return 0;
    char *low = mc_lower(b->s + e - k, k, NULL, NULL);
    int same = low && strcmp(low, words) == 0;
    free(low);
    return same;
}

/* 15/2020/NĐ-CP → "nghị định số mười lăm năm hai nghìn không trăm hai mươi
 * của Chính phủ" (the type is not repeated when the text just said it);
 * 15/QĐ-UBND → "quyết định số mười lăm của ủy ban nhân dân";
 * 59/2020/QH14 → "số năm mươi chín năm … của Quốc hội mười bốn". */
static int rule_legal(ctx *c, const char *s, size_t n)
{
    size_t a = loa_digit_run(s, n, 0);
    if (a == 0 || a > 5 || a >= n || s[a] != '/')
        return 0;
    size_t p = a + 1, y = loa_digit_run(s, n, p), year_at = 0;
    if (y == 4 && p + 4 < n && s[p + 4] == '/') {
        year_at = p;
        p += 5;
    }
    if (p >= n || !loa_starts_upper(s + p, n - p))
        return 0;
    for (size_t i = p; i < n; i++)
        if (!((unsigned char)s[i] >= 0x80 || is_ascii_letter(s[i]) || is_digit(s[i]) ||
              s[i] == '-' || s[i] == '&'))
            return 0;
    size_t e = p;
    while (e < n && s[e] != '-')
        e++;
    const char *type = e < n ? lookup(c, LOA_DICT_DOC, s + p, e - p) : NULL;
    if (type && !said_last(c, type))
        say(c, type);
    if (!ends_with_so(c->out, c->out->len))
        say(c, "số");
    say_num(c, strtoull(s, NULL, 10));
    if (year_at) {
        say(c, "năm");
        say_num(c, strtoull(s + year_at, NULL, 10));
    }
    const token *next = c->depth == 0 && c->index + 1 < c->ntok ? &c->toks[c->index + 1] : NULL;
    if (next && next->n == strlen("của") && memcmp(next->s, "của", next->n) == 0)
        return 1; /* "…/NĐ-CP của Chính phủ": the text names the issuer itself */
    say(c, "của");
    say_doc_parts(c, s + (type ? e + 1 : p), n - (type ? e + 1 : p));
    return 1;
}

/* ---- dates ---- */

/* "thứ Sáu, 11/12", "Chủ nhật 13/12": a weekday names a date. */
static int after_weekday(const ctx *c)
{
    static const char *const DAYS[] = {"hai", "ba", "tư", "năm", "sáu", "bảy", NULL};
    return (strcmp(c->prev2, "thứ") == 0 && word_in(c->prev, DAYS)) || prev_is(c, "nhật") ||
           prev_is(c, "cn");
}

static int date_context(const ctx *c)
{
    static const char *const WORDS[] = {
        "ngày", "mùng", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "từ", "đến",
        "tới", "trước", "sau", "hạn", "vào", "lễ", "tết", "khánh", "niệm", "nay", NULL};
    /* "ngày 30/4 và 1/5": a date just before makes the next one a date too */
    if (c->last_date && c->index + 1 - c->last_date <= 2)
        return 1;
    return word_in(c->prev, WORDS) || after_weekday(c) || c->day_list;
}

static void say_day(ctx *c, long d, int mung)
{
    if (mung && d <= 10)
        say(c, "mùng");
    say_num(c, (unsigned long long)d);
}

static void say_month(ctx *c, long m)
{
    if (m == 4)
        say(c, "tư");
    else
        say_num(c, (unsigned long long)m);
}

/* "ngày" before a date unless the text just said ngày/mùng/hôm; returns
 * whether the first day still needs "mùng". */
static int date_prefix(ctx *c)
{
    if (prev_is(c, "mùng"))
        return 0;
    if (!prev_is(c, "ngày") && !prev_is(c, "hôm"))
        say(c, "ngày");
    return 1;
}

typedef struct date_parts {
    long d, m, y;   /* -1 when absent */
} date_parts;

/* D/M, D/M/Y with one separator kind (seps: allowed separators). */
static int parse_day_month(const char *s, size_t n, const char *seps, date_parts *dp,
                           int *leading_zero)
{
    size_t a = loa_digit_run(s, n, 0);
    if (a == 0 || a > 2 || a >= n || !strchr(seps, s[a]))
        return 0;
    char sep = s[a];
    size_t b = loa_digit_run(s, n, a + 1);
    if (b == 0 || b > 2)
        return 0;
    dp->d = field_value(s, a, 2);
    dp->m = field_value(s + a + 1, b, 2);
    dp->y = -1;
    size_t p = a + 1 + b;
    if (p < n) {
        size_t y = loa_digit_run(s, n, p + 1);
        if (s[p] != sep || y != 4 || p + 1 + y != n)
            return 0;
        dp->y = field_value(s + p + 1, 4, 4);
    }
    *leading_zero = s[0] == '0' || s[a + 1] == '0';
    return dp->d >= 1 && dp->d <= 31 && dp->m >= 1 && dp->m <= 12;
}

static void say_day_month_year(ctx *c, const date_parts *dp, int mung)
{
    say_day(c, dp->d, mung);
    say(c, "tháng");
    say_month(c, dp->m);
    if (dp->y >= 0) {
        say(c, "năm");
        say_num(c, (unsigned long long)dp->y);
    }
}

/* M/YYYY → "tháng M năm Y" ("tháng" not repeated after "tháng"). */
static int rule_month_year(ctx *c, const char *s, size_t n)
{
    size_t a = loa_digit_run(s, n, 0);
    if (a == 0 || a > 2 || a + 5 != n || (s[a] != '/' && s[a] != '-') ||
        !all_digits(s + a + 1, 4))
        return 0;
    long m = field_value(s, a, 2);
    if (prev_is(c, "số")) { /* số 5/2024: a numbered document of that year */
        say_num(c, (unsigned long long)m);
        say(c, "năm");
        say_num(c, strtoull(s + a + 1, NULL, 10));
        return 1;
    }
    if (m < 1 || m > 12)
        return 0;
    if (!prev_is(c, "tháng"))
        say(c, "tháng");
    say_month(c, m);
    say(c, "năm");
    say_num(c, strtoull(s + a + 1, NULL, 10));
    return 1;
}

/* a/b that is not a date: "a phần b" (a < b) or "a trên b". */
static void say_fraction(ctx *c, const char *s, size_t slash)
{
    unsigned long long a = strtoull(s, NULL, 10), b = strtoull(s + slash + 1, NULL, 10);
    say_num(c, a);
    say(c, a < b ? "phần" : "trên");
    say_num(c, b);
    c->ends_number = 1;
}

static int rule_slash_numbers(ctx *c, const char *s, size_t n)
{
    size_t a = loa_digit_run(s, n, 0);
    if (a == 0 || a > 9 || a >= n || s[a] != '/' || !all_digits(s + a + 1, n - a - 1) ||
        n - a - 1 > 9)
        return 0;
    static const char *const ADDRESS[] = {"số", "nhà", "ngõ", "ngách", "hẻm", "kiệt", "lô",
                                          "thửa", "căn", "phòng", "kiốt", "sn", NULL};
    if (word_in(c->prev, ADDRESS) && n - a - 1 <= 4) {
        /* nhà số 10/4: a house number, "mười trên bốn" / "mười xẹt bốn" */
        say_num(c, strtoull(s, NULL, 10));
        say(c, c->nz->style == LOA_SOUTH ? "xẹt" : "trên");
        say_num(c, strtoull(s + a + 1, NULL, 10));
        c->rule = "house-number";
        c->ends_number = 1;
        return 1;
    }
    date_parts dp;
    int lz = 0;
    int day_month = parse_day_month(s, n, "/", &dp, &lz);
    if (day_month && c->day_list) { /* ngày 8 và 9/12 */
        say_day_month_year(c, &dp, 1);
        c->day_list = 0;
        return 1;
    }
    static const char *const COUNTING[] = {"đạt", "chiếm", "có", "được", "lệ", "số", NULL};
    int counting = !lz && word_in(c->prev, COUNTING); /* đạt 9/9 tiêu chí */
    if (day_month && !lz && dp.d == 24 && (dp.m == 7 || dp.m == 24) && !word_in(c->prev, (const char *const[]){
            "ngày", "hôm", "mùng", "sáng", "trưa", "chiều", "tối", "đêm", NULL}))
        counting = 1; /* "hỗ trợ 24/7": round the clock, not 24 July */
    if (day_month && !counting && (lz || date_context(c) || dp.d >= dp.m)) {
        say_day_month_year(c, &dp, date_prefix(c));
        return 1;
    }
    if (day_month && !counting && !c->doubt)
        c->doubt = "read as a fraction; if it is a date write \"ngày\" before it";
    c->rule = "fraction";
    say_fraction(c, s, a);
    return 1;
}

/* 01-05/12[/2026], 01/12-05/12[/2026], 01/12/2025-05/01/2026. */
static int rule_date_range(ctx *c, const char *s, size_t n)
{
    size_t dl = 0, k = find_dash(s, n, &dl);
    if (k == n || !memchr(s + k, '/', n - k))
        return 0;
    date_parts left, right;
    int lz;
    if (!parse_day_month(s + k + dl, n - k - dl, "/", &right, &lz))
        return 0;
    long d1 = field_value(s, k, 2);
    int day_only = d1 >= 1 && d1 <= 31;
    if (!day_only && !parse_day_month(s, k, "/", &left, &lz))
        return 0;
    int mung = date_prefix(c);
    if (day_only) {
        say_day(c, d1, mung);
        say(c, "đến");
        say_day_month_year(c, &right, 1);
        return 1;
    }
    say_day_month_year(c, &left, mung);
    say(c, "đến ngày");
    say_day_month_year(c, &right, 1);
    return 1;
}

/* 07-12 (leading zeros) or "ngày 7-12": day and month with a hyphen, as
 * newspapers write them; "7-12" alone stays a range of numbers. */
static int rule_day_month_dash(ctx *c, const char *s, size_t n)
{
    static const char *const WORDS[] = {"ngày", "hôm", "mùng", "sáng", "trưa", "chiều",
                                        "tối", "đêm", "nay", NULL};
    date_parts dp;
    int lz = 0;
    if (!memchr(s, '-', n) || !parse_day_month(s, n, "-", &dp, &lz) || dp.y >= 0)
        return 0;
    if (!(lz && n == 5) && !word_in(c->prev, WORDS) && !after_weekday(c))
        return 0;
    say_day_month_year(c, &dp, date_prefix(c));
    return 1;
}

static int rule_date(ctx *c, const char *s, size_t n)
{
    date_parts dp;
    int lz;
    if (parse_day_month(s, n, "/-.", &dp, &lz) && dp.y >= 0)
        say_day_month_year(c, &dp, date_prefix(c));
    else if (!rule_day_month_dash(c, s, n) && !rule_month_year(c, s, n) &&
             !rule_date_range(c, s, n) &&
             !rule_slash_numbers(c, s, n))
        return 0;
    if (c->ends_number == 0) /* rule_slash_numbers marks fractions with 1 */
        c->last_date = c->index + 1;
    c->ends_number = 1; /* a lone dash after it reads "đến" */
    return 1;
}

/* ---- times ---- */

typedef struct time_parts {
    long h, m, s;  /* m and s are -1 when absent */
} time_parts;

/* 7h, 7h30, 7g30, 7h30p, 17h00, 07:30, 07:30:15. */
static int parse_time(const char *s, size_t n, time_parts *t)
{
    size_t a = loa_digit_run(s, n, 0);
    if (a == 0 || a > 2 || a >= n)
        return 0;
    char sep = s[a];
    t->h = field_value(s, a, 2);
    t->m = t->s = -1;
    size_t p = a + 1;
    if (sep == ':') {
        if (loa_digit_run(s, n, p) != 2)
            return 0;
        t->m = field_value(s + p, 2, 2);
        p += 2;
        if (p < n) {
            if (s[p] != ':' || loa_digit_run(s, n, p + 1) != 2 || p + 3 != n)
                return 0;
            t->s = field_value(s + p + 1, 2, 2);
            p += 3;
        }
    } else if (sep == 'h' || sep == 'g' || sep == 'H') {
        size_t m = loa_digit_run(s, n, p);
        if (m == 2) {
            t->m = field_value(s + p, 2, 2);
            p += 2;
        } else if (m != 0) {
            return 0;
        }
        if (t->m >= 0 && (p + 1 == n && s[p] == 'p'))
            p = n;
        else if (t->m >= 0 && n - p == 2 && memcmp(s + p, "ph", 2) == 0)
            p = n;
    } else {
        return 0;
    }
    return p == n && t->h <= 24 && t->m <= 59 && t->s <= 59;
}

static void say_time(ctx *c, const time_parts *t)
{
    say_num(c, (unsigned long long)t->h);
    say(c, "giờ");
    if (t->m > 0 || t->s > 0) {
        say_num(c, (unsigned long long)(t->m < 0 ? 0 : t->m));
        say(c, "phút");
    }
    if (t->s > 0) {
        say_num(c, (unsigned long long)t->s);
        say(c, "giây");
    }
}

static int rule_time(ctx *c, const char *s, size_t n)
{
    time_parts t, left;
    if (parse_time(s, n, &t)) {
        say_time(c, &t);
        c->ends_number = 1;
        return 1;
    }
    size_t dl = 0, k = find_dash(s, n, &dl);
    if (k == n || !parse_time(s + k + dl, n - k - dl, &t))
        return 0;
    if (parse_time(s, k, &left)) {
        say_time(c, &left);
    } else {
        long h = field_value(s, k, 2);
        if (h < 0 || h > 24)
            return 0;
        say_num(c, (unsigned long long)h);
    }
    say(c, "đến");
    say_time(c, &t);
    c->ends_number = 1;
    return 1;
}

/* ---- phone and hotline numbers ---- */

static int phone_context(const ctx *c)
{
    static const char *const WORDS[] = {"hotline", "thoại", "nóng", "sđt", "đt", "fax",
                                        "zalo", "gọi", "máy", "tel", NULL};
    return word_in(c->prev, WORDS);
}

/* Digits with '.', '-' or ' ' between groups, optional leading '+'. */
static int phone_chars(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && !(s[i] == '.' || s[i] == '-') && !(i == 0 && s[i] == '+'))
            return 0;
    return is_digit(s[n - 1]);
}

static size_t count_digits(const char *s, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += is_digit(s[i]);
    return d;
}

/* Read digit groups g[0..ng) (each a string of digits) with ", " between. */
static void say_phone_groups(ctx *c, const char *digits, const size_t *len, size_t ng)
{
    size_t off = 0;
    for (size_t g = 0; g < ng; g++) {
        if (g > 0)
            mc_buf_addc(c->out, ',');
        loa_say_digits(c->out, digits + off, len[g]);
        off += len[g];
    }
}

/* Group lengths for an unseparated number: 4, then 3s (4+3 for 7, 4 for 4). */
static size_t regroup(size_t total, size_t *len)
{
    size_t ng = 0, rest = total;
    if (total == 9) { /* 912 345 678 after +84 */
        len[0] = len[1] = len[2] = 3;
        return 3;
    }
    len[ng++] = rest < 4 ? rest : 4;
    rest -= len[0];
    while (rest > 0 && ng < 15) {
        size_t take = (rest == 4 || rest == 7) ? 4 : (rest < 3 ? rest : 3);
        len[ng++] = take;
        rest -= take;
    }
    return ng;
}

static int phone_shape_ok(const ctx *c, const char *digits, size_t nd, int plus)
{
    if (plus)
        return nd >= 10 && nd <= 12 && memcmp(digits, "84", 2) == 0;
    if (digits[0] == '0' && nd >= 10 && nd <= 11)
        return 1;
    if ((memcmp(digits, "1800", 4) == 0 || memcmp(digits, "1900", 4) == 0) && nd >= 8 &&
        nd <= 10)
        return 1;
    return phone_context(c) && nd >= 3;
}

/* Returns the number of tokens read as one phone number (0 if not a phone). */
static size_t rule_phone(ctx *c)
{
    const token *t = &c->toks[c->index];
    if (!phone_chars(t->s, t->n) || (t->s[0] != '+' && !phone_context(c) &&
                                     t->s[0] != '0' && t->s[0] != '1'))
        return 0;
    char digits[32];
    size_t len[16], ng = 0, nd = 0, used = 0;
    for (size_t k = c->index; k < c->ntok; k++) {
        const token *u = &c->toks[k];
        if (k > c->index && (c->toks[k - 1].trail_n > 0 || !all_digits(u->s, u->n) ||
                             u->n > 4 || nd + u->n > 11))
            break;
        if (!phone_chars(u->s, u->n) || nd + count_digits(u->s, u->n) >= sizeof digits)
            break;
        for (size_t i = 0; i < u->n; i++) {
            if (is_digit(u->s[i])) {
                digits[nd++] = u->s[i];
                if (ng == 0 || i == 0 || !is_digit(u->s[i - 1])) {
                    if (ng == 16)
                        return 0;
                    len[ng++] = 0;
                }
                len[ng - 1]++;
            }
        }
        used = k - c->index + 1;
    }
    if (nd < 3 || !phone_shape_ok(c, digits, nd, t->s[0] == '+'))
        return 0;
    /* Prefer the shortest join that makes a phone number: "0229 3871 234". */
    if (ng == 1 && nd >= 8 && t->s[0] == '+') {
        len[0] = 2; /* country code 84 */
        ng = 1 + regroup(nd - 2, len + 1);
    } else if (ng == 1 && nd >= 8) {
        ng = regroup(nd, len);
    }
    if (t->s[0] == '+')
        say(c, "cộng");
    say_phone_groups(c, digits, len, ng);
    return used;
}

/* ---- quantities: numbers, money, percent, units, ranges, ordinals ---- */

/* Speak a unit (or unit/unit, unit/word) written s[0..n); 0 if unknown. */
static int say_unit(ctx *c, const char *s, size_t n)
{
    const char *u = lookup(c, LOA_DICT_UNIT, s, n);
    if (u) {
        say(c, u);
        return 1;
    }
    const char *slash = memchr(s, '/', n);
    if (!slash || slash == s || slash == s + n - 1)
        return 0;
    size_t k = (size_t)(slash - s);
    const char *left = lookup(c, LOA_DICT_UNIT, s, k);
    if (!left)
        return 0;
    say(c, left);
    const char *right = lookup(c, LOA_DICT_UNIT, slash + 1, n - k - 1);
    if (right) {
        say(c, "trên");
        say(c, right);
    } else { /* m3/hộ/tháng → "mét khối mỗi hộ mỗi tháng" */
        say(c, "mỗi");
        c->per = 1;
        say_core(c, slash + 1, n - k - 1);
    }
    return 1;
}

/* numeral [unit]; after "thứ" a plain integer is an ordinal. */
static int say_quantity(ctx *c, const char *s, size_t n)
{
    size_t p = loa_numeral_prefix(s, n);
    if (p == 0)
        return 0;
    if (p == n) {
        unsigned long long v;
        if (prev_is(c, "thứ") && loa_parse_uint(s, n, &v))
            loa_say_ordinal(c->out, v, c->nz->style);
        else
            loa_say_numeral(c->out, s, n, c->nz->style);
        c->ends_number = 1;
        return 1;
    }
    size_t mark = c->out->len;
    loa_say_numeral(c->out, s, p, c->nz->style);
    if (say_unit(c, s + p, n - p)) {
        c->ends_number = 0;
        return 1;
    }
    c->out->len = mark; /* not a quantity after all: take the words back */
    if (c->out->s)
        c->out->s[mark] = '\0';
    return 0;
}

static int is_quantity(const ctx *c, const char *s, size_t n)
{
    size_t p = loa_numeral_prefix(s, n);
    if (p == 0)
        return 0;
    if (p == n || lookup(c, LOA_DICT_UNIT, s + p, n - p))
        return 1;
    const char *slash = memchr(s + p, '/', n - p);
    return slash && slash > s + p && lookup(c, LOA_DICT_UNIT, s + p, (size_t)(slash - s - p));
}

static int rule_quantity(ctx *c, const char *s, size_t n)
{
    if (n > 1 && s[0] == '$' && loa_numeral_prefix(s + 1, n - 1) == n - 1) {
        loa_say_numeral(c->out, s + 1, n - 1, c->nz->style);
        say(c, "đô la");
        return 1;
    }
    if (say_quantity(c, s, n))
        return 1;
    size_t dl = 0, k = find_dash(s, n, &dl);
    if (k == n || !is_quantity(c, s, k) || !is_quantity(c, s + k + dl, n - k - dl))
        return 0;
    int ordinal = prev_is(c, "thứ");
    say_quantity(c, s, k);
    say(c, ordinal ? "đến thứ" : "đến");
    say_quantity(c, s + k + dl, n - k - dl);
    return 1;
}

/* 1.2.3 → "một chấm hai chấm ba" (what is left of dotted digits). */
static int rule_version(ctx *c, const char *s, size_t n)
{
    if (!is_digit(s[0]) || !is_digit(s[n - 1]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && !(s[i] == '.' && i + 1 < n && is_digit(s[i + 1])))
            return 0;
    size_t i = 0;
    while (i < n) {
        size_t d = loa_digit_run(s, n, i);
        if (i > 0)
            say(c, "chấm");
        loa_say_numeral(c->out, s + i, d, c->nz->style);
        i += d + 1;
    }
    return memchr(s, '.', n) != NULL;
}

/* ---- Roman numerals in context ---- */

static int roman_in_context(const ctx *c, const char *s, size_t n)
{
    static const char *const WORDS[] = {"quý", "khóa", "khoá", "hội", "kỳ", "kỷ", "chương",
                                        "phần", "mục", "lục", "tập", "đợt", "cấp", "thứ",
                                        "lần", "số", NULL};
    if (n == 1 && !strchr("IVX", s[0]))
        return 0;
    int at_start = c->index == 0 && c->toks[0].trail_n > 0 && c->toks[0].trail[0] == '.';
    return loa_roman_value(s, n) > 0 && (word_in(c->prev, WORDS) || at_start);
}

static void say_roman(ctx *c, const char *s, size_t n)
{
    unsigned long long v = (unsigned long long)loa_roman_value(s, n);
    if (prev_is(c, "thứ"))
        loa_say_ordinal(c->out, v, c->nz->style);
    else
        say_num(c, v);
}

/* quý IV, Đại hội XIII, quý I/2024. */
static int rule_roman(ctx *c, const char *s, size_t n)
{
    const char *slash = memchr(s, '/', n);
    size_t k = slash ? (size_t)(slash - s) : n;
    if (!roman_in_context(c, s, k))
        return 0;
    if (slash && (n - k - 1 != 4 || !all_digits(slash + 1, 4)))
        return 0;
    say_roman(c, s, k);
    if (slash) {
        say(c, "năm");
        say_num(c, strtoull(slash + 1, NULL, 10));
    }
    return 1;
}

/* ---- abbreviations, symbols, plain words ---- */

static int rule_unit_after_number(ctx *c, const char *s, size_t n)
{
    return c->prev_number && say_unit(c, s, n);
}

static int rule_abbreviation(ctx *c, const char *s, size_t n)
{
    const char *w = lookup(c, LOA_DICT_ABBR, s, n);
    if (!w)
        return 0;
    say(c, w);
    return 1;
}

/* QĐ-UBND, NĐ-CP, TT-BTC: every part a document type or abbreviation. */
static int rule_document_type(ctx *c, const char *s, size_t n)
{
    if (!memchr(s, '-', n))
        return 0;
    for (size_t p = 0; p <= n;) {
        size_t e = p;
        while (e < n && s[e] != '-')
            e++;
        if (!lookup(c, LOA_DICT_DOC, s + p, e - p) && !lookup(c, LOA_DICT_ABBR, s + p, e - p))
            return 0;
        p = e + 1;
    }
    say_doc_parts(c, s, n);
    return 1;
}

/* A symbol standing alone: &, +, =, … */
static int rule_symbol(ctx *c, const char *s, size_t n)
{
    const char *w = lookup(c, LOA_DICT_SYMBOL, s, n);
    if (!w)
        return 0;
    say(c, w);
    return 1;
}

/* '/' inside a word, read by context:
 *   after a number, or after "m3/":  người/ngày → "người mỗi ngày";
 *   two known abbreviations:        PCTT/TKCN → "… và …";
 *   other capitals and codes:       A/H5N1 → nothing between the parts;
 *   words:                          xã/phường → "xã, phường" (a short pause).
 * '&' reads "và"; a dash joins the parts (Covid-19 → "cô vít mười chín"). */
static void say_slash(ctx *c, const char *l, size_t ln, const char *r, size_t rn)
{
    int counted = c->last_number && c->index + 1 - c->last_number <= 2; /* 2 kg gạo/khẩu */
    if (c->per || c->prev_number || counted) {
        say(c, "mỗi");
        c->per = 1;
    } else if (loa_all_upper(l, ln) && loa_all_upper(r, rn)) {
        if (lookup(c, LOA_DICT_ABBR, l, ln) && lookup(c, LOA_DICT_ABBR, r, rn))
            say(c, "và");
    } else if (!is_pause_punct(mc_buf_last(c->out))) {
        mc_buf_addc(c->out, ',');
    }
}

static int rule_split_symbols(ctx *c, const char *s, size_t n)
{
    if (c->depth >= MAX_SPLIT_DEPTH)
        return 0;
    for (size_t i = 1; i + 1 < n; i++) {
        size_t dl = dash_len(s, n, i);
        if (s[i] != '/' && s[i] != '&' && dl == 0)
            continue;
        size_t after = i + (dl ? dl : 1);
        if (after >= n)
            return 0;
        c->depth++;
        say_core(c, s, i);
        if (s[i] == '&') {
            say(c, "và");
        } else if (s[i] == '/') {
            const char *unit = lookup(c, LOA_DICT_UNIT, s + after, n - after);
            if (unit && !lookup(c, LOA_DICT_ABBR, s + after, n - after)) {
                say(c, "trên");
                say(c, unit);
                c->depth--;
                return 1;
            }
            size_t e = after;
            while (e < n && s[e] != '/' && s[e] != '&' && dash_len(s, n, e) == 0)
                e++;
            say_slash(c, s, i, s + after, e - after);
        }
        say_core(c, s + after, n - after);
        c->depth--;
        return 1;
    }
    return 0;
}

/* Capitals and digits mixed: H5N1 → "hát năm nờ một", EV71 → "e vê bảy mươi
 * mốt" (letters from the abbreviation table or spelled, digits as a number). */
static int rule_alnum_code(ctx *c, const char *s, size_t n)
{
    int letters = 0, digits = 0;
    if (n < 2 || n > 16 || (!is_ascii_letter(s[0]) && !is_digit(s[0])))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i]))
            digits = 1;
        else if (s[i] >= 'A' && s[i] <= 'Z')
            letters = 1;
        else
            return 0;
    }
    if (!letters || !digits)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int d = is_digit(s[i]);
        while (j < n && is_digit(s[j]) == d)
            j++;
        const char *w = d ? NULL : lookup(c, LOA_DICT_ABBR, s + i, j - i);
        if (d)
            loa_say_numeral(c->out, s + i, j - i, c->nz->style);
        else if (w)
            say(c, w);
        else
            spell_letters(c, s + i, j - i);
        i = j;
    }
    return 1;
}

static int ascii_letters(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ascii_letter(s[i]))
            return 0;
    return n > 0;
}

/* A loanword from the table, case ignored: Covid, WIFI, website. */
static int rule_loanword(ctx *c, const char *s, size_t n)
{
    char *low = ascii_letters(s, n) || memchr(s, '-', n) ? mc_lower(s, n, NULL, NULL) : NULL;
    const char *w = low ? lookup(c, LOA_DICT_LOAN, low, strlen(low)) : NULL;
    free(low);
    if (!w)
        return 0;
    say(c, w);
    return 1;
}

/* 10mcg, 5ppm: a number and letters no unit table knows. */
static int rule_unknown_unit(ctx *c, const char *s, size_t n)
{
    size_t p = loa_numeral_prefix(s, n);
    if (p == 0 || p == n || !ascii_letters(s + p, n - p) || n - p > 8)
        return 0;
    loa_say_numeral(c->out, s, p, c->nz->style);
    spell_ascii(c, s + p, n - p);
    if (!c->doubt)
        c->doubt = "unknown unit, spelled letter by letter; write it in words or add it to "
                   "the dictionary (unit)";
    return 1;
}

/* BQLDA, KTXH: three consonants in a row, or two at the start that are no
 * Vietnamese onset: letters of an abbreviation, not a name to read. */
static int consonant_cluster(const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = strchr("AEIOUYaeiouy", s[i]) ? 0 : run + 1;
        if (run >= 3)
            return 1;
    }
    static const char *const PAIRS[] = {"CH", "GH", "GI", "KH", "NG", "NH", "PH", "QU", "TH", "TR", NULL};
    if (n >= 2 && !strchr("AEIOUY", s[0]) && !strchr("AEIOUY", s[1])) {
        char two[3] = {s[0], s[1], '\0'};
        return !word_in(two, PAIRS);
    }
    return 0;
}

/* A word no other rule read. Vietnamese words (any with marks, or a
 * syllable spelled without them) are said as written, capitals lowered.
 * A Latin-script word that is not Vietnamese is respelled in Vietnamese
 * syllables (YAGI → "da ghi"), except capitals of up to three letters or
 * without vowels, which are spelled letter by letter (ABC → "a bê xê").
 * These are the readings `loa check` warns about. */
static int rule_plain_word(ctx *c, const char *s, size_t n)
{
    int latin = ascii_letters(s, n);
    if (n >= 2 && loa_all_upper(s, n)) {
        char *low = mc_lower(s, n, NULL, NULL);
        if (low && (!has_vowel(low) || (latin && (n <= 3 || consonant_cluster(s, n))))) {
            spell_letters(c, s, n);
            c->rule = "spelled";
            if (!c->doubt)
                c->doubt = "unknown abbreviation, spelled letter by letter; add it to the "
                           "dictionary (abbr) or write it in full";
        } else if (low && latin && !loa_is_vietnamese_syllable(s, n)) {
            loa_respell_latin(c->out, s, n);
            c->rule = "respelled";
            if (!c->doubt)
                c->doubt = "unknown capitalised word, read as written in Vietnamese syllables; "
                           "add it to the dictionary (abbr or loan) if that is wrong";
        } else if (low) {
            say(c, low);
        }
        free(low);
        return 1;
    }
    const char *unit = latin && n >= 2 && !loa_is_vietnamese_syllable(s, n)
                           ? lookup(c, LOA_DICT_UNIT, s, n) : NULL;
    if (unit) { /* "một kg" */
        say(c, unit);
        c->rule = "unit";
        return 1;
    }
    if (latin && n >= 2 && !loa_is_vietnamese_syllable(s, n)) {
        loa_respell_latin(c->out, s, n);
        c->rule = "respelled";
        if (!c->doubt)
            c->doubt = "Latin-script word in no dictionary, read as written in Vietnamese "
                       "syllables; add it to the dictionary (loan)";
        return 1;
    }
    mc_buf_wordn(c->out, s, n);
    return 1;
}

/* 111–115 (police, fire, ambulance…) digit by digit wherever they stand,
 * unless they count something: "có 113 hộ". */
static int rule_service_number(ctx *c, const char *s, size_t n)
{
    static const char *const COUNTED[] = {"hộ", "người", "ca", "căn", "ngôi", "nhà", "xã",
                                          "phường", "học", "em", "cháu", "lượt", "trường",
                                          "gia", "đơn", "tấn", "con", "chiếc", "cái", "km",
                                          "ha", "thửa", "lao", "bệnh", "trẻ", "năm", "ngày",
                                          "cán", "công", "đảng", "đoàn", "hội", NULL};
    unsigned long long v;
    if (n != 3 || !loa_parse_uint(s, n, &v) || v < 111 || v > 115 || c->depth > 0)
        return 0;
    if (c->index + 1 < c->ntok && c->toks[c->index].trail_n == 0) {
        const token *next = &c->toks[c->index + 1];
        char *low = mc_lower(next->s, next->n, NULL, NULL);
        int counted = low && (word_in(low, COUNTED) || lookup(c, LOA_DICT_UNIT, next->s, next->n));
        free(low);
        if (counted)
            return 0;
    }
    loa_say_digits(c->out, s, n);
    return 1;
}

/* A long digit string that is not a phone number may be a code. */
static int rule_long_number(ctx *c, const char *s, size_t n)
{
    static const char *const CODE[] = {"mã", "otp", "pin", "khoản", "hiệu", "seri", NULL};
    if (!all_digits(s, n) || c->depth > 0)
        return 0;
    if (word_in(c->prev, CODE)) { /* mã 123456: a code, digit by digit */
        loa_say_digits(c->out, s, n);
        c->rule = "code";
        return 1;
    }
    if (n < 5)
        return 0;
    loa_say_numeral(c->out, s, n, c->nz->style);
    c->ends_number = 1;
    c->doubt = "digit string of ambiguous kind, read as a number; write it with thousands "
               "dots (20.000) if it is one, or spell it out if it is a code";
    return 1;
}

typedef int (*rule_fn)(ctx *c, const char *s, size_t n);

typedef struct rule {
    const char *name; /* shown by `loa normalize --explain` */
    rule_fn fn;
} rule;

/* Every rule except phone numbers and spaced thousands (which need the
 * following tokens), in the order of normalize.h; the first that reads the
 * token wins. */
static const rule HEAD_RULES[] = {
    {"url", rule_url}, {"email", rule_email}, {"legal-number", rule_legal},
    {"date", rule_date}, {"time", rule_time},
};

static const rule TAIL_RULES[] = {
    {"service-number", rule_service_number}, {"long-number", rule_long_number},
    {"quantity", rule_quantity}, {"version", rule_version}, {"roman", rule_roman},
    {"unit", rule_unit_after_number}, {"abbreviation", rule_abbreviation},
    {"document-type", rule_document_type}, {"loanword", rule_loanword},
    {"symbol", rule_symbol}, {"letters-digits", rule_letters_digits},
    {"code", rule_alnum_code}, {"compound", rule_split_symbols},
    {"unknown-unit", rule_unknown_unit}, {"word", rule_plain_word},
};

static int run_rules(ctx *c, const rule *rules, size_t count, const char *s, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (rules[i].fn(c, s, n)) {
            if (c->depth == 0 && !c->rule)
                c->rule = rules[i].name;
            return 1;
        }
    return 0;
}

static int say_core_head(ctx *c, const char *s, size_t n)
{
    return run_rules(c, HEAD_RULES, sizeof HEAD_RULES / sizeof HEAD_RULES[0], s, n);
}

static void say_core_tail(ctx *c, const char *s, size_t n)
{
    run_rules(c, TAIL_RULES, sizeof TAIL_RULES / sizeof TAIL_RULES[0], s, n);
}

static void say_core(ctx *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (!say_core_head(c, s, n))
        say_core_tail(c, s, n);
}

/* ---- tokens and punctuation ---- */

/* Length of a space at s[i] (ASCII space/tab, no-break and thin spaces). */
static size_t space_len(const char *s, size_t n, size_t i)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
        return 1;
    if (i + 2 <= n && memcmp(s + i, "\xc2\xa0", 2) == 0)
        return 2;
    if (i + 3 <= n && (memcmp(s + i, "\xe2\x80\xaf", 3) == 0 ||
                       memcmp(s + i, "\xe2\x80\x89", 3) == 0))
        return 3;
    return 0;
}

static size_t lead_punct(const char *s, size_t n)
{
    if (n >= 1 && strchr("([{\"'", s[0]))
        return 1;
    if (n >= 3 && (memcmp(s, "\xe2\x80\x9c", 3) == 0 || memcmp(s, "\xe2\x80\x98", 3) == 0))
        return 3;
    if (n >= 2 && memcmp(s, "\xc2\xab", 2) == 0)
        return 2;
    return 0;
}

static size_t trail_punct(const char *s, size_t n)
{
    if (n >= 1 && strchr(",.;:!?)]}\"'", s[n - 1]))
        return 1;
    if (n >= 3 && (memcmp(s + n - 3, "\xe2\x80\x9d", 3) == 0 ||
                   memcmp(s + n - 3, "\xe2\x80\x99", 3) == 0 ||
                   memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0))
        return 3;
    if (n >= 2 && memcmp(s + n - 2, "\xc2\xbb", 2) == 0)
        return 2;
    return 0;
}

static token make_token(const char *s, size_t n)
{
    token t;
    size_t k;
    t.open = n > 0 && (s[0] == '(' || s[0] == '[');
    while ((k = lead_punct(s, n)) != 0) {
        s += k;
        n -= k;
    }
    size_t e = n;
    while ((k = trail_punct(s, e)) != 0)
        e -= k;
    t.s = s;
    t.n = e;
    t.trail = s + e;
    t.trail_n = n - e;
    return t;
}

/* Split at spaces; returns a malloc'd array (NULL when empty or no memory). */
static token *tokenize(const char *s, size_t n, size_t *count)
{
    size_t cap = 16, nt = 0, i = 0;
    token *toks = malloc(cap * sizeof *toks);
    while (toks && i < n) {
        size_t sl;
        while (i < n && (sl = space_len(s, n, i)) != 0)
            i += sl;
        size_t start = i;
        while (i < n && space_len(s, n, i) == 0)
            i++;
        if (i == start)
            break;
        if (nt == cap) {
            token *bigger = realloc(toks, cap * 2 * sizeof *toks);
            if (!bigger) {
                free(toks);
                return NULL;
            }
            toks = bigger;
            cap *= 2;
        }
        toks[nt++] = make_token(s + start, i - start);
    }
    *count = nt;
    return toks;
}


/* Keep , ; : . ! ? (… as .) right after the last word; drop brackets/quotes. */
static void emit_trail(ctx *c, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char p = t[i];
        if (i + 3 <= n && memcmp(t + i, "\xe2\x80\xa6", 3) == 0)
            p = '.';
        else if (p == ')' || p == ']') /* a bracket closes with a pause */
            p = ',';
        else if (!is_pause_punct(p))
            continue;
        if (c->out->len && mc_buf_last(c->out) == ',' && p != ',') {
            c->out->s[c->out->len - 1] = p; /* "(7h-9h);": the stronger pause */
            if (p == '.' || p == '!' || p == '?')
                c->sentence_start = 1;
            continue;
        }
        if (c->out->len == 0 || is_pause_punct(mc_buf_last(c->out)) ||
            mc_buf_last(c->out) == '\n')
            continue;
        mc_buf_addc(c->out, p);
        if (p == '.' || p == '!' || p == '?')
            c->sentence_start = 1;
    }
}

/* A dash standing alone: "đến" between numbers, a pause elsewhere. */
static void say_lone_dash(ctx *c)
{
    const token *next = c->index + 1 < c->ntok ? &c->toks[c->index + 1] : NULL;
    if (c->prev_number && next && next->n > 0 && is_digit(next->s[0]))
        say(c, "đến");
    else if (c->out->len && !is_pause_punct(mc_buf_last(c->out)))
        mc_buf_addc(c->out, ',');
}

/* "TP." "v.v." "P." …: a dictionary entry that includes its final dot. */
static int rule_abbreviation_with_dot(ctx *c, const token *t)
{
    if (t->trail_n == 0 || t->trail[0] != '.' || c->index + 1 >= c->ntok)
        return 0;
    const char *w = lookup(c, LOA_DICT_ABBR, t->s, t->n + 1);
    if (!w)
        return 0;
    say(c, w);
    return 1;
}

static void remember_previous(ctx *c, const token *t)
{
    memcpy(c->prev2, c->prev, sizeof c->prev2);
    c->prev[0] = '\0';
    if (t->n == 0 || t->n >= sizeof c->prev)
        return;
    char *low = mc_lower(t->s, t->n, NULL, NULL);
    if (low && strlen(low) < sizeof c->prev)
        strcpy(c->prev, low);
    free(low);
}

/* "20 000", "1 500 000 đồng": thousands grouped with spaces. Returns the
 * tokens read (0 when the token does not start such a number). */
static size_t rule_spaced_thousands(ctx *c)
{
    const token *t = &c->toks[c->index];
    if (t->n == 0 || t->n > 3 || !all_digits(t->s, t->n) || t->trail_n || t->s[0] == '0')
        return 0;
    char buf[64];
    size_t len = t->n, k = c->index + 1;
    memcpy(buf, t->s, t->n);
    while (k < c->ntok) {
        const token *u = &c->toks[k];
        if (loa_digit_run(u->s, u->n, 0) != 3 || len + u->n >= sizeof buf ||
            (u->n > 3 && !lookup(c, LOA_DICT_UNIT, u->s + 3, u->n - 3)) || u->open)
            break;
        memcpy(buf + len, u->s, u->n);
        len += u->n;
        k++;
        if (u->n > 3 || u->trail_n)
            break;
    }
    if (k == c->index + 1)
        return 0;
    c->depth++; /* one number, not a digit string to doubt */
    say_core_tail(c, buf, len);
    c->depth--;
    c->rule = "spaced-thousands";
    return k - c->index;
}

static int is_join_word(const token *t)
{
    static const char *const JOIN[] = {"và", "hoặc", "đến", "tới", NULL};
    for (size_t i = 0; JOIN[i]; i++)
        if (strlen(JOIN[i]) == t->n && memcmp(JOIN[i], t->s, t->n) == 0)
            return 1;
    return t->n > 0 && dash_len(t->s, t->n, 0) == t->n;
}

/* "8, 9 và 10/12", "8 - 10/12": days sharing the month written after the
 * last one. 1 when token c->index starts such a list. */
static int day_list_ahead(const ctx *c)
{
    size_t k = c->index;
    for (int days = 0; days < 10 && k < c->ntok; days++) {
        const token *t = &c->toks[k];
        long d = field_value(t->s, t->n, 2);
        if (d < 1 || d > 31 || ++k >= c->ntok)
            return 0;
        if (is_join_word(&c->toks[k]))
            k++;
        else if (t->trail_n != 1 || t->trail[0] != ',')
            return 0;
        if (k >= c->ntok)
            return 0;
        date_parts dp;
        int lz;
        const token *v = &c->toks[k];
        if (parse_day_month(v->s, v->n, "/", &dp, &lz))
            return 1;
    }
    return 0;
}

/* A day of such a list: "mùng tám" after "ngày". */
static int rule_list_day(ctx *c)
{
    const token *t = &c->toks[c->index];
    long d = field_value(t->s, t->n, 2);
    if (d < 1 || d > 31 || !(date_context(c) || c->day_list) || !day_list_ahead(c))
        return 0;
    int mung = c->day_list ? 1 : date_prefix(c);
    say_day(c, d, mung);
    c->day_list = 1;
    c->ends_number = 1;
    c->rule = "date-list";
    return 1;
}

static void report(ctx *c, const token *first, const token *last, size_t mark)
{
    if (!c->trace)
        return;
    loa_token_note note;
    note.text = first->s;
    note.n = (size_t)(last->s + last->n - first->s);
    note.rule = c->rule ? c->rule : "word";
    while (mark < c->out->len && (c->out->s[mark] == ' ' || c->out->s[mark] == ','))
        mark++; /* the space (or bracket pause) before the words */
    note.spoken = c->out->s ? c->out->s + mark : "";
    note.spoken_n = c->out->len - mark;
    note.doubt = c->doubt;
    c->trace(c->trace_arg, &note);
}

/* Speak token c->index (and any it absorbs); returns tokens used. */
static size_t say_token(ctx *c)
{
    const token *t = &c->toks[c->index];
    size_t used = 1;
    if (t->open && c->out->len && !is_pause_punct(mc_buf_last(c->out)) &&
        mc_buf_last(c->out) != '\n')
        mc_buf_addc(c->out, ',');
    size_t mark = c->out->len;
    int cap = c->sentence_start && loa_starts_upper(t->s, t->n);
    const char *trail = t->trail;
    size_t trail_n = t->trail_n;
    c->ends_number = 0;
    c->per = 0;
    c->rule = NULL;
    c->doubt = NULL;
    if (t->n > 0 && dash_len(t->s, t->n, 0) == t->n) {
        say_lone_dash(c);
        c->rule = "pause";
    } else if (rule_abbreviation_with_dot(c, t)) {
        trail++;
        trail_n--;
        c->rule = "abbreviation";
    } else if (rule_list_day(c)) {
        /* read */
    } else if (!say_core_head(c, t->s, t->n)) {
        used = rule_phone(c);
        if (used)
            c->rule = "phone";
        else
            used = rule_spaced_thousands(c);
        if (used == 0) {
            used = 1;
            say_core_tail(c, t->s, t->n);
        } else {
            const token *last = &c->toks[c->index + used - 1];
            trail = last->trail;
            trail_n = last->trail_n;
        }
    }
    if (c->day_list && c->rule && strcmp(c->rule, "date-list") && !is_join_word(t))
        c->day_list = 0;
    if (cap)
        loa_upper_first(c->out, mark);
    if (c->out->len > mark || trail_n > 0)
        c->sentence_start = 0;
    report(c, t, &c->toks[c->index + used - 1], mark);
    emit_trail(c, trail, trail_n);
    c->prev_number = c->ends_number && trail_n == 0;
    if (c->ends_number)
        c->last_number = c->index + used;
    remember_previous(c, &c->toks[c->index + used - 1]);
    return used;
}

void loa_say_utterance(const loa_normalizer *nz, const char *text, size_t n,
                       mc_buf *out, loa_token_fn trace, void *trace_arg)
{
    size_t ntok = 0;
    token *toks = tokenize(text, n, &ntok);
    if (!toks) {
        out->oom = out->oom || n > 0;
        return;
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.nz = nz;
    c.out = out;
    c.toks = toks;
    c.ntok = ntok;
    c.trace = trace;
    c.trace_arg = trace_arg;
    size_t start = out->len;
    while (c.index < ntok)
        c.index += say_token(&c);
    if (out->len > start && mc_buf_last(out) == ',') /* a bracket closed the utterance */
        out->s[--out->len] = '\0';
    free(toks);
}
