/* diag.c — fill and print mc_diag values; see diag.h for the contract. */
#include "diag.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

static void copy_bounded(char *dst, size_t n, const char *src)
{
    if (!src) src = "";
    size_t len = strlen(src);
    if (len >= n) len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

int mc_diag_vset(mc_diag *d, const char *file, int line, int col,
                 const char *fmt, va_list ap)
{
    if (!d) return -1;
    d->severity = MC_ERROR;
    copy_bounded(d->file, sizeof d->file, file);
    d->line = line;
    d->col = col;
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    return -1;
}

int mc_diag_set(mc_diag *d, const char *file, int line, int col,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_diag_vset(d, file, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

int mc_diag_warn(mc_diag *d, const char *file, int line, int col,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_diag_vset(d, file, line, col, fmt, ap);
    va_end(ap);
    if (d) d->severity = MC_WARNING;
    return 0;
}

void mc_diag_clear(mc_diag *d)
{
    if (!d) return;
    memset(d, 0, sizeof *d);
}

const char *mc_diag_format(const mc_diag *d, char *buf, size_t n)
{
    const char *sev = d->severity == MC_WARNING ? "warning" : "error";
    char where[600] = "";
    if (d->file[0] && d->line > 0 && d->col > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", d->file, d->line, d->col);
    else if (d->file[0] && d->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", d->file, d->line);
    else if (d->file[0])
        snprintf(where, sizeof where, "%s: ", d->file);
    snprintf(buf, n, "%s%s: %s", where, sev, d->message);
    return buf;
}

void mc_diag_print(FILE *out, const mc_diag *d)
{
    char buf[2048];
    fprintf(out, "%s\n", mc_diag_format(d, buf, sizeof buf));
}

int mc_diag_list_add(mc_diag_list *l, const mc_diag *d)
{
    int is_error = d->severity == MC_ERROR;
    if (is_error) l->errors++;
    if (!is_error && l->max_warnings && l->count - l->errors + 1 > l->max_warnings) {
        l->warnings_dropped++;
        return 0;
    }
    mc_diag *grown = mc_grow(l->items, l->count, &l->cap, sizeof *grown, 8);
    if (!grown) return is_error ? -1 : 0;
    l->items = grown;
    l->items[l->count++] = *d;
    return is_error ? -1 : 0;
}

int mc_diag_oom(mc_diag *d, const char *file)
{
    return mc_diag_set(d, file, 0, 0, "out of memory");
}

int mc_diag_list_oom(mc_diag_list *l)
{
    mc_diag d;
    mc_diag_oom(&d, NULL);
    return mc_diag_list_add(l, &d);
}

int mc_diag_list_error(mc_diag_list *l, const char *file, int line, const char *fmt, ...)
{
    mc_diag d;
    va_list ap;
    va_start(ap, fmt);
    mc_diag_vset(&d, file, line, 0, fmt, ap);
    va_end(ap);
    return mc_diag_list_add(l, &d);
}

void mc_diag_list_merge(mc_diag_list *dst, const mc_diag_list *src)
{
    for (size_t i = 0; i < src->count; i++)
        mc_diag_list_add(dst, &src->items[i]);
    dst->warnings_dropped += src->warnings_dropped;
}

void mc_diag_list_print(FILE *out, const mc_diag_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        mc_diag_print(out, &l->items[i]);
}

void mc_diag_list_free(mc_diag_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
