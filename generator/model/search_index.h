/* search_index.h — the inverted index behind /tim-kiem/, and its files.
 *
 * Documents are numbered 0, 1, 2… in the order they are added (the caller
 * orders them so that a lower number is the better tie-break). Each
 * document's text arrives field by field; every syllable (syllables.h) is
 * recorded under its folded form ("dang") and, within that, its exact
 * lowercase form ("đăng", "dâng"…: the term's variants), so a query typed
 * without marks finds every variant while one typed with marks can rank the
 * documents holding its exact form first.
 *
 * Fields, strongest first: TITLE, CODE, HEADING, SUMMARY, BODY. For the
 * four strong fields a posting records which fields hold the variant and,
 * with TITLE, the title's length in syllables (short exact titles win).
 * For BODY only the set of documents is kept, as a delta list or a bitmap,
 * whichever is shorter: common syllables ("thủ", "tục") are in almost
 * every page, and a bitmap holds 50,000 pages in 8.4 KB. Adjacent
 * syllables of a strong field also make a bigram posting ("khai sinh"),
 * which is how "consecutive syllables in order beat scattered ones".
 * A procedure code is indexed whole and by each dotted prefix, so
 * "1.001193" finds "1.001193.000.00.00.H42".
 *
 * Files (paths relative to the index folder), all JSON, for search.js:
 *   t/K.json    shard K (of nshards) of the term dictionary: an object from
 *               key to entry, K = FNV-1a-32(key) % nshards. Keys: a folded
 *               syllable ("dang"), or two joined by one space ("khai sinh").
 *               Syllable entry: ["variant", "strong", "body", …] (three
 *               strings per variant). Bigram entry: "strong".
 *               An entry longer than MC_SINDEX_BIG bytes is replaced by a
 *               number J and written alone to w/K-J.json.
 *   strong      pairs (doc delta, value) as numbers (below); value bits
 *               0-3 = fields TITLE 1, CODE 2, HEADING 4, SUMMARY 8, bits
 *               4-8 = title length (capped at 31) when TITLE is set.
 *   body        "" | numbers: doc deltas | "~" + bitmap: 6 documents per
 *               character, bit k of character i = document 6i+k.
 *   numbers     base-32 digits, least significant first; a digit is a
 *               character of MC_SINDEX_ALPHABET: index 32-63 = a digit with
 *               more to follow, 0-31 = the last digit. The first delta is
 *               the document number itself.
 *
 * Memory: the index owns everything it holds; mc_sindex_write returns
 * files the caller owns (mc_sindex_files_free). Not thread-safe: one index
 * per thread (build one per slice of documents, then mc_sindex_append).
 */
#ifndef MC_SEARCH_INDEX_H
#define MC_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "diag.h"

#define MC_SINDEX_ALPHABET "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
/* Entries longer than this go to a file of their own. */
#define MC_SINDEX_BIG 3072
/* About this many bytes of small entries per shard. */
#define MC_SINDEX_SHARD_BYTES 6144

enum {
    MC_SF_TITLE = 1,
    MC_SF_CODE = 2,
    MC_SF_HEADING = 4,
    MC_SF_SUMMARY = 8,
    MC_SF_BODY = 16
};

typedef struct mc_sindex mc_sindex;

typedef struct mc_sindex_file {
    char *path;    /* "t/3.json", "w/3-0.json" */
    char *bytes;
    size_t nbytes;
} mc_sindex_file;

typedef struct mc_sindex_files {
    mc_sindex_file *v;
    size_t n, cap;
    uint32_t nshards;  /* K ranges over 0..nshards-1 */
    size_t terms, bigrams, bytes;
} mc_sindex_files;

mc_sindex *mc_sindex_new(void);
void mc_sindex_free(mc_sindex *ix);

/* Starts the next document; returns its number. */
uint32_t mc_sindex_next_doc(mc_sindex *ix);

/* Adds text of one field (MC_SF_*) to the current document. Bigrams join
 * syllables within one call only. The title's length is that of the first
 * TITLE text of the document. Returns 0, or -1 with d set. */
int mc_sindex_add_text(mc_sindex *ix, int field, const char *text, size_t n, mc_diag *d);

/* Adds a procedure code (field CODE): each syllable whole and by each
 * prefix that ends before a '.'. */
int mc_sindex_add_code(mc_sindex *ix, const char *code, size_t n, mc_diag *d);

/* Appends the documents of src after those of dst, renumbered (src's
 * document 0 becomes dst's next one); src is unchanged. Indexes built over
 * consecutive slices of the documents and appended in order give the same
 * files as one index over all of them. Returns 0, or -1 with d set. */
int mc_sindex_append(mc_sindex *dst, const mc_sindex *src, mc_diag *d);

/* Encodes the index into files. Returns 0, or -1 with d set. */
int mc_sindex_write(const mc_sindex *ix, mc_sindex_files *out, mc_diag *d);
void mc_sindex_files_free(mc_sindex_files *f);

/* FNV-1a, 32 bits (the shard of a key; search.js computes the same). */
uint32_t mc_sindex_hash(const char *s, size_t n);

/* Appends number v to out (which has room for 7 bytes); returns the count. */
size_t mc_sindex_put_number(char *out, uint32_t v);

/* What the search page's version is made of: the XOR of this hash of
 * every index file (path relative to the index folder, and bytes), so
 * that a build changing a few files can update it from their old and new
 * bytes alone. */
uint32_t mc_sindex_file_hash(const char *path, const char *bytes, size_t n);

/* ---- the files' entries, for updating them in place (search_patch.h) ----
 *
 * A dictionary entry decoded: a syllable (key "dang") with its variants in
 * order, or a bigram (key "khai sinh", bigram 1) with one variant whose
 * form is NULL and body empty. Lists are ascending document numbers:
 * strong holds pairs (doc, value), body docs. */
typedef struct mc_sindex_list {
    uint32_t *v;
    size_t n, cap;
} mc_sindex_list;

typedef struct mc_sindex_variant {
    char *form;
    mc_sindex_list strong, body;
} mc_sindex_variant;

typedef struct mc_sindex_entry {
    char *key;
    int bigram;
    mc_sindex_variant *v;
    size_t nv, capv;
} mc_sindex_entry;

/* Every entry of ix: the syllables in the order the files hold them
 * (first appearance), then the bigrams likewise. The caller frees them
 * with mc_sindex_entries_free; NULL when out of memory. */
mc_sindex_entry *mc_sindex_entries(const mc_sindex *ix, size_t *count);
void mc_sindex_entries_free(mc_sindex_entry *e, size_t n);
void mc_sindex_entry_clear(mc_sindex_entry *e);

/* Appends entry e's JSON as the files hold it. */
void mc_sindex_encode_entry(mc_buf *b, const mc_sindex_entry *e);
void mc_sindex_encode_strong(mc_buf *b, const mc_sindex_list *list);
void mc_sindex_encode_body(mc_buf *b, const mc_sindex_list *docs);
/* Appends s as a JSON string. */
void mc_sindex_put_key(mc_buf *b, const char *s);

/* Appends `"key":json` to shard k being written in sh (which starts with
 * "{"); an entry longer than MC_SINDEX_BIG is written instead to its own
 * file w/k-J.json, added to out (J = (*nbig)++, json's bytes move there).
 * Returns 0, or -1 when out of memory. */
int mc_sindex_place(mc_sindex_files *out, mc_buf *sh, uint32_t k, uint32_t *nbig,
                    const char *key, mc_buf *json);

/* The shard count: the bytes of the small entries (mc_sindex_small_size
 * of each, 0 for a big one) over MC_SINDEX_SHARD_BYTES, plus one. */
size_t mc_sindex_small_size(const char *key, size_t json_len);
uint32_t mc_sindex_shard_count(size_t small);

#endif
