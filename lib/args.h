/* args.h — command-line arguments as one text: `motcua slug Đăng ký khai
 * sinh` and `loa say Xin chào` take unquoted words as a shell user types
 * them, joined by single spaces.
 *
 * Memory: the returned string is the caller's to free(); NULL when out of
 * memory. *len (if not NULL) receives its length.
 */
#ifndef MC_ARGS_H
#define MC_ARGS_H

#include <stddef.h>

char *mc_join_args(int argc, char **argv, size_t *len);

#endif
