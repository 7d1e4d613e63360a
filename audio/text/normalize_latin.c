/* normalize_latin.c — Latin-script words that are not Vietnamese: is a word
 * a Vietnamese syllable, and how to respell one that is not.
 *
 * Design: a Vietnamese syllable written without marks is an onset from a
 * closed list, one to three vowels and a coda from a closed list; anything
 * else (website, Covid, YAGI) would make espeak-ng guess, and for many such
 * words it switches to its English voice. loa_respell_latin cuts the word
 * into consonant+vowel chunks and writes each chunk with Vietnamese letters
 * (j, z → d; f → ph; w → u; c/k, g/gh by the next vowel; a closing stop gets
 * the sắc mark it always carries in Vietnamese; a closing s, d, l… becomes
 * t or n as in the usual respellings vi rút, cô vít, nô en; a consonant
 * cluster gets "ờ" after its first letter: cờ lo). It works on ASCII
 * letters only; other bytes are left to the caller.
 */
#include "normalize_latin.h"

#include <string.h>

static int is_vowel(char c)
{
    return c && strchr("aeiouy", c) != NULL;
}

static size_t onset_len(const char *s, size_t n)
{
    static const char *const ONSETS[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu",
                                         "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m",
                                         "n", "p", "r", "s", "t", "v", "x", NULL};
    for (size_t i = 0; ONSETS[i]; i++) {
        size_t k = strlen(ONSETS[i]);
        if (k <= n && memcmp(s, ONSETS[i], k) == 0)
            return k;
    }
    return 0;
}

int loa_is_vietnamese_syllable(const char *s, size_t n)
{
    char low[32];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c < 'a' || c > 'z')
            return 0;
        low[i] = c;
    }
    size_t p = onset_len(low, n);
    if (p == 2 && memcmp(low, "gi", 2) == 0 && (n == 2 || !is_vowel(low[2])))
        p = 1; /* "gin": g + in */
    size_t v = p;
    while (v < n && is_vowel(low[v]))
        v++;
    if (v == p || v - p > 3)
        return 0;
    static const char *const CODAS[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL};
    for (size_t i = 0; CODAS[i]; i++)
        if (strlen(CODAS[i]) == n - v && memcmp(low + v, CODAS[i], n - v) == 0)
            return 1;
    return 0;
}

/* A closing consonant the way Vietnamese respellings end: stops stay, the
 * rest become the nearest allowed coda, or nothing. */
static const char *coda_of(char c)
{
    switch (c) {
    case 'c': case 'k': case 'g': case 'q': case 'x': return "c";
    case 'p': case 'b': case 'f': return "p";
    case 't': case 'd': case 's': case 'z': case 'j': return "t";
    case 'm': return "m";
    case 'n': case 'l': return "n";
    default: return "";
    }
}

/* The onset letters for one Latin consonant before vowel v. */
static const char *onset_of(char c, char v)
{
    int front = v == 'i' || v == 'e' || v == 'y';
    switch (c) {
    case 'c': case 'k': case 'q': return front ? "k" : "c";
    case 'g': return front ? "gh" : "g";
    case 'j': case 'z': return "d";
    case 'd': return "đ";
    case 'f': return "ph";
    case 'w': return "u";
    case 's': return "x";
    case 'y': return "d";
    default: return NULL; /* the letter itself */
    }
}

static void space_before(mc_buf *b)
{
    char last = mc_buf_last(b);
    if (last && last != ' ' && last != '\n')
        mc_buf_addc(b, ' ');
}

/* Vowel letters with a sắc mark, for syllables closed by a stop. */
static void add_vowels(mc_buf *b, const char *v, size_t n, int sac)
{
    static const struct { const char *latin, *plain, *sac; } GROUPS[] = {
        {"ei", "ây", "ấy"}, {"ey", "ây", "ấy"}, {"ee", "i", "í"}, {"oo", "u", "ú"},
        {"ou", "u", "ú"}, {"ea", "i", "í"}, {"ie", "ia", "ía"},
        {"ae", "e", "é"}};
    for (size_t g = 0; g < sizeof GROUPS / sizeof GROUPS[0]; g++)
        if (n == 2 && memcmp(v, GROUPS[g].latin, 2) == 0) {
            mc_buf_adds(b, sac ? GROUPS[g].sac : GROUPS[g].plain);
            return;
        }
    static const char *const SAC[] = {"á", "é", "í", "ó", "ú", "ý"};
    static const char PLAIN[] = "aeiouy";
    size_t mark = n >= 2 ? n - 2 : 0; /* the mark goes on the main vowel */
    for (size_t i = 0; i < n; i++) {
        const char *p = strchr(PLAIN, v[i]);
        if (sac && i == mark && p)
            mc_buf_adds(b, SAC[p - PLAIN]);
        else
            mc_buf_addc(b, v[i] == 'y' ? 'i' : v[i]);
    }
}

void loa_respell_latin(mc_buf *out, const char *s, size_t n)
{
    char low[64];
    if (n == 0 || n >= sizeof low)
        return;
    for (size_t i = 0; i < n; i++)
        low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    for (size_t i = 0; i + 1 < n; i++) /* y before a vowel is a consonant: Yagi */
        if (low[i] == 'y' && strchr("aeou", low[i + 1]))
            low[i] = 'j';
    size_t i = 0;
    while (i < n) {
        size_t c0 = i;
        while (i < n && !is_vowel(low[i]))
            i++;
        size_t v0 = i;
        while (i < n && is_vowel(low[i]))
            i++;
        size_t v1 = i;
        if (v0 == v1) { /* consonants only, at the end: each with "ờ" */
            for (size_t k = c0; k < v0; k++) {
                const char *o = onset_of(low[k], 'o');
                space_before(out);
                if (o) mc_buf_adds(out, o);
                else mc_buf_addc(out, low[k]);
                mc_buf_adds(out, "ờ");
            }
            break;
        }
        /* a cluster before the vowels: all but the last letter get "ờ" */
        size_t last = v0 > c0 ? v0 - 1 : v0;
        if (v0 - c0 >= 2 && onset_len(low + c0, v0 - c0) == v0 - c0)
            last = c0; /* ch, th, ng…: one Vietnamese onset */
        for (size_t k = c0; k < last && v0 > c0; k++) {
            const char *o = onset_of(low[k], 'o');
            space_before(out);
            if (o) mc_buf_adds(out, o);
            else mc_buf_addc(out, low[k]);
            mc_buf_adds(out, "ờ");
        }
        space_before(out);
        if (v0 > c0) {
            const char *o = last == c0 && v0 - c0 >= 2 ? NULL : onset_of(low[last], low[v0]);
            if (o && low[last] == 'y' && low[v0] == 'i')
                o = "";
            if (o) mc_buf_adds(out, o);
            else mc_buf_add(out, low + last, v0 - last);
        }
        /* a closing consonant stays in this syllable when no vowel follows it */
        const char *coda = "";
        char two[3] = "";
        int digraph_onset = i + 2 < n && onset_len(low + i, 2) == 2 && is_vowel(low[i + 2]);
        if (i < n && !is_vowel(low[i]) && (i + 1 == n || !is_vowel(low[i + 1])) &&
            !digraph_onset) {
            if (i + 2 <= n && (memcmp(low + i, "ng", 2) == 0 || memcmp(low + i, "nh", 2) == 0 ||
                               memcmp(low + i, "ch", 2) == 0) && (i + 2 == n || !is_vowel(low[i + 2]))) {
                memcpy(two, low + i, 2);
                coda = two;
                i += 2;
            } else {
                coda = coda_of(low[i]);
                i++;
            }
        }
        int stop = coda[0] && strchr("ptc", coda[0]) != NULL;
        add_vowels(out, low + v0, v1 - v0, stop);
        mc_buf_adds(out, coda);
    }
}

int loa_say_syllables(mc_buf *out, const char *s, size_t n)
{
    enum { MAX = 64, NONE = 1 << 20 };
    int cost[MAX + 1];
    size_t from[MAX + 1];
    if (n == 0 || n > MAX)
        return 0;
    cost[0] = 0;
    for (size_t e = 1; e <= n; e++) { /* best cut of s[0..e) */
        cost[e] = NONE;
        for (size_t b = e > 7 ? e - 7 : 0; b < e; b++) {
            if (cost[b] == NONE || !loa_is_vietnamese_syllable(s + b, e - b))
                continue;
            int c = cost[b] + 1 + (is_vowel((char)(s[b] | 0x20)) ? 2 : 0);
            if (c < cost[e]) {
                cost[e] = c;
                from[e] = b;
            }
        }
    }
    if (cost[n] == NONE)
        return 0;
    size_t cuts[MAX + 1], k = 0;
    for (size_t e = n; e > 0; e = from[e])
        cuts[k++] = e;
    size_t b = 0;
    while (k > 0) {
        size_t e = cuts[--k];
        space_before(out);
        mc_buf_add(out, s + b, e - b);
        b = e;
    }
    return 1;
}
