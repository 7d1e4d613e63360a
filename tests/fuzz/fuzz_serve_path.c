/* fuzz_serve_path.c — libFuzzer harness: a request path through the preview
 * server's decoder (percent-decoding, refusing encoded "..", slashes, NUL
 * and anything that would leave the published folder). Checks the promise:
 * what it returns never climbs out and never holds a NUL or a backslash. */
#include "safepath.h"
#include "serve.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *url = malloc(size + 1);
    if (!url) return 0;
    memcpy(url, data, size);
    url[size] = '\0';
    char *path = mc_serve_decode_path(url);
    if (path) {
        char *norm = mc_path_normalize(path);
        if (!norm || strchr(path, '\\')) abort(); /* it would leave the folder */
        free(norm);
        free(path);
    }
    free(url);
    return 0;
}
