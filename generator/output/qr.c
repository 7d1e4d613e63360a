/* qr.c — a QR code as inline SVG (see qr.h).
 *
 * Dark modules are drawn row by row, each horizontal run as one
 * rectangle in a single path: a URL's symbol (version 3–6) is a few
 * hundred bytes of SVG. shape-rendering="crispEdges" keeps module edges
 * sharp when printed or scaled.
 */
#include "qr.h"
#include "strf.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4

/* Appends s to the growing buffer; returns -1 when out of memory. */
static int put(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t c = (*cap + n + 1) * 2;
        char *grown = realloc(*buf, c);
        if (!grown) return -1;
        *buf = grown;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return 0;
}

/* text with &, <, > and " as entities. */
static int put_escaped(char **buf, size_t *len, size_t *cap, const char *text)
{
    char one[2] = {0, 0};
    for (const char *c = text; *c; c++) {
        const char *e = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;"
                      : *c == '"' ? "&quot;" : NULL;
        one[0] = *c;
        if (put(buf, len, cap, e ? e : one) != 0) return -1;
    }
    return 0;
}

char *mc_qr_svg(const char *text, const char *label)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return NULL;
    int w = qr->width, size = w + 2 * QUIET;
    char *buf = NULL, part[96];
    size_t len = 0, cap = 0;
    snprintf(part, sizeof part, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" ",
             size, size);
    int failed = put(&buf, &len, &cap, part) || put(&buf, &len, &cap, "class=\"qr\" role=\"img\" aria-label=\"") ||
                 put_escaped(&buf, &len, &cap, label) ||
                 put(&buf, &len, &cap, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" "
                     "height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < w && !failed; y++) {
        for (int x = 0; x < w && !failed; x++) {
            if (!(qr->data[y * w + x] & 1)) continue;
            int run = 1;
            while (x + run < w && (qr->data[y * w + x + run] & 1)) run++;
            snprintf(part, sizeof part, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
            failed = put(&buf, &len, &cap, part);
            x += run - 1;
        }
    }
    if (!failed) failed = put(&buf, &len, &cap, "\"/></svg>");
    QRcode_free(qr);
    if (failed) {
        free(buf);
        return NULL;
    }
    return buf;
}
