/* qr.h — a QR code of a page's address, drawn as inline SVG at build time.
 *
 * A printed procedure or announcement carries its full URL as a QR code so
 * a phone leads back to the page (and its audio). libqrencode makes the
 * symbol (error correction level M, 8-bit mode); this module draws it as
 * one SVG path of dark modules with the 4-module quiet zone the standard
 * asks for, so the page needs no script and no image file.
 *
 * Memory: the returned string is the caller's (free); NULL when the text
 * cannot be encoded (too long) or memory ran out.
 */
#ifndef MC_QR_H
#define MC_QR_H

/* <svg> of a QR code of text; label becomes its accessible name (escaped
 * here: both may hold any text). */
char *mc_qr_svg(const char *text, const char *label);

#endif
