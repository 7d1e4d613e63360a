/* memfile.c — libsndfile's virtual I/O over bytes in memory (see
 * memfile.h). Writing is refused: only reading is needed. */
#include "memfile.h"

#include <stdio.h>
#include <string.h>

static sf_count_t mf_len(void *u) { return ((loa_memfile *)u)->n; }
static sf_count_t mf_tell(void *u) { return ((loa_memfile *)u)->pos; }

static sf_count_t mf_seek(sf_count_t off, int whence, void *u)
{
    loa_memfile *m = u;
    sf_count_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ? m->pos + off : m->n + off;
    if (to < 0 || to > m->n) return -1;
    m->pos = to;
    return to;
}

static sf_count_t mf_read(void *ptr, sf_count_t count, void *u)
{
    loa_memfile *m = u;
    if (count > m->n - m->pos) count = m->n - m->pos;
    memcpy(ptr, m->data + m->pos, (size_t)count);
    m->pos += count;
    return count;
}

static sf_count_t mf_write(const void *ptr, sf_count_t count, void *u)
{
    (void)ptr; (void)count; (void)u;
    return 0;
}

SNDFILE *loa_memfile_open(loa_memfile *m, const void *data, size_t n, SF_INFO *info)
{
    static SF_VIRTUAL_IO io = {mf_len, mf_seek, mf_read, mf_write, mf_tell};
    m->data = data;
    m->n = (sf_count_t)n;
    m->pos = 0;
    memset(info, 0, sizeof *info);
    return sf_open_virtual(&io, SFM_READ, info, m);
}
