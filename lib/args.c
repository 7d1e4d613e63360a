/* args.c — join arguments with spaces (see args.h). */
#include "args.h"

#include <stdlib.h>
#include <string.h>

char *mc_join_args(int argc, char **argv, size_t *len)
{
    size_t total = 1;
    for (int i = 0; i < argc; i++) total += strlen(argv[i]) + 1;
    char *text = malloc(total);
    if (!text) return NULL;
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        if (i) text[n++] = ' ';
        size_t k = strlen(argv[i]);
        memcpy(text + n, argv[i], k);
        n += k;
    }
    text[n] = '\0';
    if (len) *len = n;
    return text;
}
