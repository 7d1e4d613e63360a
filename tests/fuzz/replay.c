/* replay.c — runs one fuzz harness (tests/fuzz/fuzz_NAME.c) without
 * libFuzzer, over every file of tests/fuzz/regressions/NAME/: the inputs
 * that once crashed it, kept so the crash stays fixed. Built by `make test`
 * with the ordinary compiler as build/tests/test_fuzz_NAME (and under ASan,
 * UBSan and valgrind by `make asan` and `make valgrind`); run from the
 * repository root. Prints "ok replay FILE" per input and the closing
 * "N passed, N failed" line; an input that crashes ends the program, which
 * the suite counts as a failure. */
#include "fileio.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(void)
{
    const char *dir = "tests/fuzz/regressions/" FUZZ_NAME;
    char **files = NULL;
    size_t count = 0, passed = 0, failed = 0;
    mc_diag d;
    if (mc_list_tree(dir, NULL, &files, &count, &d) != 0) {
        printf("FAIL %s: %s\n", dir, d.message);
        failed++;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
    printf("ok   replay of the empty input\n");
    passed++;
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len = 0;
        char *data = mc_read_file(path, &len, &d);
        if (!data) {
            printf("FAIL %s: %s\n", path, d.message);
            failed++;
            continue;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
        free(data);
        printf("ok   replay %s\n", path);
        passed++;
    }
    mc_free_list(files, count);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
