/* strf.c — printf into new memory, folder + name (see strf.h). The length
 * is measured with a first vsnprintf, so nothing is cut. */
#include "strf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

char *mc_strf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

char *mc_path2(const char *dir, const char *name)
{
    return mc_strf("%s%s%s", dir, dir[0] && name[0] ? "/" : "", name);
}
