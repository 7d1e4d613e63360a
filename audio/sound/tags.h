/* tags.h — ID3v2 tags for MP3 files, in UTF-8, with TagLib's C API.
 *
 * libsndfile hands MP3 tag text to LAME, which writes ID3v2.3 frames marked
 * ISO-8859-1 around UTF-8 bytes: "Thông báo" shows as "ThÃ´ng bÃ¡o". So loa
 * writes MP3 files without tags and then lets TagLib add an ID3v2.4 tag
 * whose text frames are marked UTF-8 (taglib_id3v2_set_default_text_encoding).
 * TagLib also writes an ID3v1 trailer, which can only hold Latin-1 and would
 * carry mangled Vietnamese to players that read it; TagLib 1.13's C API
 * cannot turn it off, so loa_tags_write_mp3 cuts the 128-byte "TAG" trailer
 * after saving.
 *
 * The date goes to TDRC as the year (the C API takes a year only); the full
 * date is in the sidecar.
 *
 * Memory: nothing is kept; TagLib's returned strings are freed here.
 */
#ifndef LOA_TAGS_H
#define LOA_TAGS_H

#include "diag.h"

#include <stdio.h>

/* The tags of one audio file. */
typedef struct loa_tags {
    const char *title, *artist, *album, *date, *comment;  /* UTF-8; NULL = none */
} loa_tags;

/* Reserves room for the tags at the start of an MP3 file about to be
 * written: an empty ID3v2.4 tag (header and zeros) somewhat larger than
 * what tags will need, so that loa_tags_write_mp3 fills it in place
 * instead of moving every MPEG frame behind a new tag (TagLib then copies
 * the whole file in thousands of small reads and writes). Writes nothing
 * when no tag is set. Returns the bytes written (where the MPEG frames
 * start), or -1 when writing failed (errno set). */
long loa_tags_reserve_mp3(FILE *out, const loa_tags *tags);

/* Writes tags into the MP3 file at path (into the room reserved, when it
 * fits; else TagLib makes room). 0 or -1 (d filled). */
int loa_tags_write_mp3(const char *path, const loa_tags *tags, mc_diag *d);

#endif
