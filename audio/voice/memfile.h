/* memfile.h — libsndfile reading audio bytes held in memory (its virtual
 * I/O): a remote voice's answer (tts_http.c), an encoded MP3 part
 * (parts.c).
 *
 * Memory: the loa_memfile and the bytes are the caller's and must outlive
 * the SNDFILE, which the caller closes with sf_close.
 */
#ifndef LOA_MEMFILE_H
#define LOA_MEMFILE_H

#include <sndfile.h>
#include <stddef.h>

typedef struct loa_memfile {
    const unsigned char *data;
    sf_count_t n, pos;
} loa_memfile;

/* Opens data[0..n) for reading through m; NULL when libsndfile does not
 * recognise it (sf_strerror(NULL) says why). */
SNDFILE *loa_memfile_open(loa_memfile *m, const void *data, size_t n, SF_INFO *info);

#endif
