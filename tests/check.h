/* check.h — the small test runner every unit test program uses.
 *
 * A test program makes one mc_check in main(), calls its test functions with
 * it, and ends with `return check_finish(&c);`, which prints the closing line
 *   N passed, N failed[, N skipped]
 * that tests/run.sh adds up. Each CHECK is one assertion; a test function
 * counts as passed when none of its assertions failed. Failures print
 * FILE:LINE and the expression, so a broken feature names itself.
 */
#ifndef MC_CHECK_H
#define MC_CHECK_H

#include <stdio.h>
#include <string.h>

typedef struct mc_check {
    int passed, failed, skipped;
    int test_failed;       /* assertions failed in the current test */
    const char *test_name;
} mc_check;

static inline void check_begin(mc_check *c, const char *name)
{
    c->test_name = name;
    c->test_failed = 0;
}

static inline void check_end(mc_check *c)
{
    if (c->test_failed) {
        c->failed++;
        printf("FAIL %s\n", c->test_name);
    } else {
        c->passed++;
        printf("ok   %s\n", c->test_name);
    }
}

static inline void check_skip(mc_check *c, const char *name, const char *why)
{
    c->skipped++;
    printf("skip %s: %s\n", name, why);
}

static inline int check_true(mc_check *c, int cond, const char *expr,
                             const char *file, int line)
{
    if (!cond) {
        c->test_failed++;
        printf("  %s:%d: check failed: %s\n", file, line, expr);
    }
    return cond;
}

static inline int check_str(mc_check *c, const char *got, const char *want,
                            const char *expr, const char *file, int line)
{
    int ok = got && want && strcmp(got, want) == 0;
    if (!ok) {
        c->test_failed++;
        printf("  %s:%d: %s\n    got:  \"%s\"\n    want: \"%s\"\n", file, line,
               expr, got ? got : "(null)", want ? want : "(null)");
    }
    return ok;
}

/* Writes text to ROOT/rel (the folder must exist), for fixtures made by
 * a test. */
static inline void check_write_file(const char *root, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Run one test function as a named test. */
#define RUN(c, fn) do { check_begin((c), #fn); fn(c); check_end(c); } while (0)
#define CHECK(c, cond) check_true((c), !!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(c, got, want) check_str((c), (got), (want), #got, __FILE__, __LINE__)

static inline int check_finish(const mc_check *c)
{
    if (c->skipped)
        printf("%d passed, %d failed, %d skipped\n", c->passed, c->failed, c->skipped);
    else
        printf("%d passed, %d failed\n", c->passed, c->failed);
    return c->failed ? 1 : 0;
}

#endif
