/* tags.c — MP3 ID3v2.4 tags in UTF-8 through TagLib's C API (see tags.h),
 * written into room reserved before the audio.
 *
 * TagLib keeps two process-wide settings that matter here: strings are
 * UTF-8 (taglib_set_strings_unicode, its default) and new ID3v2 text frames
 * are UTF-8 (taglib_id3v2_set_default_text_encoding). Both are set on every
 * call, so the result does not depend on what else ran before.
 */
#include "tags.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <taglib/tag_c.h>
#include <unistd.h>

static unsigned year_of(const char *date)
{
    unsigned y = 0;
    for (int i = 0; date && i < 4 && date[i] >= '0' && date[i] <= '9'; i++)
        y = y * 10 + (unsigned)(date[i] - '0');
    return y >= 1000 ? y : 0;
}

/* Room for the tag: TagLib keeps an existing tag's size when what it
 * renders fits and leaves at most max(1 % of the file, 1024 bytes) of
 * padding (ID3v2::Tag::render); otherwise it moves the audio. Each text
 * frame takes at most its text plus 16 bytes (10 header, 1 encoding, 3
 * language and 1 separator for the comment, none for the others), so the
 * padding is between TAG_SLACK and TAG_SLACK + 80 bytes: under 1024. */
#define TAG_SLACK 512
#define FRAME_COST 16

static size_t text_cost(const char *s) { return s && *s ? FRAME_COST + strlen(s) : 0; }

long loa_tags_reserve_mp3(FILE *out, const loa_tags *t)
{
    size_t need = text_cost(t->title) + text_cost(t->artist) + text_cost(t->album) +
                  text_cost(t->comment) + (year_of(t->date) ? FRAME_COST + 4 : 0);
    if (need == 0) return 0;
    size_t body = need + TAG_SLACK;
    if (body >= (1u << 28)) return 0;        /* too large for the header: let TagLib insert it */
    unsigned char head[10] = {'I', 'D', '3', 4, 0, 0,  /* ID3v2.4.0, no flags */
                              (unsigned char)(body >> 21 & 0x7f), (unsigned char)(body >> 14 & 0x7f),
                              (unsigned char)(body >> 7 & 0x7f), (unsigned char)(body & 0x7f)};
    static const unsigned char zeros[256];
    if (fwrite(head, 1, sizeof head, out) != sizeof head) return -1;
    for (size_t left = body; left;) {
        size_t k = left < sizeof zeros ? left : sizeof zeros;
        if (fwrite(zeros, 1, k, out) != k) return -1;
        left -= k;
    }
    return (long)(sizeof head + body);
}

/* Removes a trailing 128-byte ID3v1 tag ("TAG" ...) from the file. */
static int cut_id3v1(const char *path, mc_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) return mc_diag_set(d, path, 0, 0, "cannot reopen: %s", strerror(errno));
    char head[3] = {0};
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0) size = ftell(f);
    int has = size >= 128 && fseek(f, size - 128, SEEK_SET) == 0 &&
              fread(head, 1, 3, f) == 3 && !memcmp(head, "TAG", 3);
    fclose(f);
    if (has && truncate(path, size - 128) != 0)
        return mc_diag_set(d, path, 0, 0, "cannot remove the ID3v1 tag: %s", strerror(errno));
    return 0;
}

/* TagLib's C binding keeps process-wide settings and a list of strings
 * (taglib_tag_free_strings): wards encoded on several threads tag their
 * files one at a time. */
static pthread_mutex_t taglib_lock = PTHREAD_MUTEX_INITIALIZER;

static int write_locked(const char *path, const loa_tags *t, mc_diag *d)
{
    taglib_set_strings_unicode(1);
    taglib_id3v2_set_default_text_encoding(TagLib_ID3v2_UTF8);
    TagLib_File *f = taglib_file_new_type(path, TagLib_File_MPEG);
    if (!f || !taglib_file_is_valid(f)) {
        if (f) taglib_file_free(f);
        return mc_diag_set(d, path, 0, 0, "TagLib cannot open the MP3 file to tag it");
    }
    TagLib_Tag *tag = taglib_file_tag(f);
    if (t->title) taglib_tag_set_title(tag, t->title);
    if (t->artist) taglib_tag_set_artist(tag, t->artist);
    if (t->album) taglib_tag_set_album(tag, t->album);
    if (t->comment) taglib_tag_set_comment(tag, t->comment);
    if (year_of(t->date)) taglib_tag_set_year(tag, year_of(t->date));
    int ok = taglib_file_save(f);
    taglib_tag_free_strings();
    taglib_file_free(f);
    if (!ok) return mc_diag_set(d, path, 0, 0, "TagLib could not save the MP3 tags");
    return 0;
}

int loa_tags_write_mp3(const char *path, const loa_tags *t, mc_diag *d)
{
    pthread_mutex_lock(&taglib_lock);
    int rc = write_locked(path, t, d);
    pthread_mutex_unlock(&taglib_lock);
    return rc == 0 ? cut_id3v1(path, d) : -1;
}
