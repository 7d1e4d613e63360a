/* qr.c — a QR code as inline SVG (see qr.h).
 *
 * Dark modules are drawn row by row, each horizontal run as one
 * rectangle in a single path: a URL's symbol (version 3–6) is a few
 * hundred bytes of SVG. shape-rendering="crispEdges" keeps module edges
 * sharp when printed or scaled.
 */
#include "qr.h"
#include "buf.h"
#include "strf.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4

/* text with &, <, > and " as entities. */
static void put_escaped(mc_buf *b, const char *text)
{
    char one[2] = {0, 0};
    for (const char *c = text; *c; c++) {
        const char *e = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;"
                      : *c == '"' ? "&quot;" : NULL;
        one[0] = *c;
        mc_buf_adds(b, e ? e : one);
    }
}

char *mc_qr_svg(const char *text, const char *label)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return NULL;
    int w = qr->width, size = w + 2 * QUIET;
    char part[96];
    mc_buf b = MC_BUF_INIT;
    snprintf(part, sizeof part, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" ",
             size, size);
    mc_buf_adds(&b, part);
    mc_buf_adds(&b, "class=\"qr\" role=\"img\" aria-label=\"");
    put_escaped(&b, label);
    mc_buf_adds(&b, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                  "fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < w; y++) {
        for (int x = 0; x < w; x++) {
            if (!(qr->data[y * w + x] & 1)) continue;
            int run = 1;
            while (x + run < w && (qr->data[y * w + x + run] & 1)) run++;
            snprintf(part, sizeof part, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
            mc_buf_adds(&b, part);
            x += run - 1;
        }
    }
    mc_buf_adds(&b, "\"/></svg>");
    QRcode_free(qr);
    return mc_buf_take(&b, NULL);
}
