/* money.h — an amount of đồng as staff write it (money.c).
 *
 * Fees in front matter are whole numbers of đồng (fields.h MC_F_MONEY).
 * Staff copy them from decisions and notices, where they read
 * "135.000 đồng", "135.000đ", "135.000 VNĐ" or "Miễn phí"; each of these
 * is read here as the number it means, so the page shows "135.000 đồng"
 * once, never the unit twice. Groups of three digits may be separated by
 * '.', ',' or a space ("1.200.000", "1,200,000", "1 200 000"); a decimal
 * part is not an amount of đồng and is refused.
 *
 * Memory: nothing is allocated.
 */
#ifndef MC_MONEY_H
#define MC_MONEY_H

/* The amount s names, in *out: 0, or -1 when s is not an amount ("khoảng
 * 100.000", "135,5 đồng"). A leading '-' gives a negative amount, which
 * the procedure checks report. */
int mc_money_parse(const char *s, long long *out);

#endif
