/* money.c — "135.000 đồng" and its other spellings as a number of đồng
 * (see money.h). The text is folded first (text.h), so the unit is matched
 * without its marks and case: "đồng", "Đồng", "dong", "đ", "VNĐ", "vnd". */
#include "money.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Units written after the number, folded; and the words for free. */
static const char *const units[] = {"dong", "d", "vnd", "vn dong", NULL};
static const char *const free_words[] = {"mien phi", "khong thu", "khong", NULL};

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int one_of(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && !strncmp(s, *words, n)) return 1;
    return 0;
}

/* Digits at s with thousands separators; *end after them. -1 when the
 * groups are not of three digits after a separator. */
static int read_number(const char *s, const char **end, long long *out)
{
    long long v = 0;
    int first = 1, digits = 0;
    const char *p = s;
    for (;;) {
        int group = 0;
        while (isdigit((unsigned char)*p)) {
            if (v > 99999999999999LL) return -1; /* far beyond any fee */
            v = v * 10 + (*p++ - '0');
            group++;
        }
        if (!group || (!first && group != 3)) return -1;
        digits += group;
        first = 0;
        if ((*p == '.' || *p == ',' || *p == ' ') && isdigit((unsigned char)p[1])) {
            const char *q = p + 1;
            int next = 0;
            while (isdigit((unsigned char)q[next])) next++;
            if (next != 3) {
                if (*p == ' ') break; /* "100 000" is a group; "100 5" is not ours */
                return -1;            /* "135,5": a decimal part */
            }
            p++;
            continue;
        }
        break;
    }
    *end = p;
    *out = v;
    return digits ? 0 : -1;
}

int mc_money_parse(const char *s, long long *out)
{
    if (!s) return -1;
    char *f = mc_fold(s, strlen(s), NULL, NULL);
    if (!f) return -1;
    const char *p = f, *end;
    size_t n = strlen(f);
    while (n > 0 && is_space(f[n - 1])) n--;
    while (is_space(*p)) p++;
    f[n] = '\0';
    int status = -1;
    if (one_of(p, strlen(p), free_words)) {
        *out = 0;
        status = 0;
    } else {
        int neg = *p == '-';
        long long v;
        if (neg) p++;
        if (read_number(p, &end, &v) == 0) {
            while (is_space(*end)) end++;
            if (!*end || one_of(end, strlen(end), units)) {
                *out = neg ? -v : v;
                status = 0;
            }
        }
    }
    free(f);
    return status;
}
