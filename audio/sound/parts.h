/* parts.h — one announcement for many wards, made from shared parts.
 *
 * A program (compose.h) is five parts on the file's timeline:
 *   lead-in   0.2 s, the chime, its pause and the opening's    shared
 *             sentences before the ward's own
 *   opening   the opening's sentences that differ per ward     per ward
 *   middle    the opening's last shared sentences, the body    shared
 *             × repeat with the repeat phrase, the closing's
 *             first shared sentences
 *   closing   the closing's sentences that differ per ward     per ward
 *   tail      the closing's last shared sentences, the last    shared
 *             pause
 * What differs is found by comparing the wards' programs segment by
 * segment from both ends of the opening and of the closing (each sentence
 * of a site.yaml template is its own utterance, announce.c). A part with
 * nothing of the ward's own beside it is not cut off: without an opening
 * of the ward's own the middle starts the file (no lead-in), without a
 * closing it ends it (no tail).
 * The pause between two parts is split: 0.1 s of it (half, when it is
 * shorter) on the ward's side, the rest on the shared side, so every join
 * has digital silence on both sides and the wards encode little of it
 * again. Each part is rendered into its own spool, brought to the
 * loudness target (the shared parts in one spool at one gain found on all
 * of them: one gain for the shared body, the chime counted; each ward's
 * part with its own gain, to the same target), limited, resampled and
 * encoded by a LAME encoder of its own, and the encoded part decoded and
 * measured. loa_shared_make does this once for the shared parts,
 * loa_shared_own for one ward's own parts (at the same time: they need
 * only the plan), and loa_shared_write writes the ward's file as the
 * parts' MP3 frames one after another (mp3join.h), with one LAME/Info tag
 * for the whole.
 *
 * Frames are joined, not samples: a part that is followed by another is
 * given exactly as many samples that LAME's delay (576) and its padding
 * (576 then) fill a whole number of frames, so the next part's frames
 * start where its samples belong. The silence at the end of the part is
 * shortened or lengthened for that by at most half a frame (13 ms at
 * 44.1 kHz), and never to less than a frame after the last sound (more
 * only when needed for that). The
 * file's length is the sum of its parts' (to the sample); its loudness is
 * measured from the decoded parts' gating blocks taken together
 * (loa_meter_integrated_of), its true peak is the largest of theirs.
 *
 * Only MP3 (LAME formats) is joined; loa_shared_supported says which.
 * Memory: loa_shared_plan returns an object loa_shared_free releases; it
 * keeps no pointer into the programs or engine it was made from.
 * loa_shared_own and loa_shared_write may run on several threads at once
 * for one loa_shared (each with its own engine), and loa_shared_own
 * beside loa_shared_make.
 */
#ifndef LOA_PARTS_H
#define LOA_PARTS_H

#include "compose.h"
#include "diag.h"
#include "pipeline.h"
#include "tags.h"
#include "tts.h"

typedef struct loa_shared loa_shared;
typedef struct loa_ward_parts loa_ward_parts;

/* 1 when files of format o can be made from shared parts (MP3). */
int loa_shared_supported(const loa_output_opts *o);

/* What the programs of ps (n of them, one per ward) have the same, from
 * ps[0], for o: no sound is made yet. NULL with d filled. */
loa_shared *loa_shared_plan(const loa_program *const *ps, size_t n, const loa_output_opts *o,
                            mc_diag *d);

/* 1 when p's shared parts are the ones s plans. */
int loa_shared_fits(const loa_shared *s, const loa_program *p);

/* Renders, measures and encodes the shared parts from p (a program that
 * fits) with t. 0 or -1 (d filled). */
int loa_shared_make(loa_shared *s, const loa_program *p, loa_tts *t, mc_diag *d);

/* p's own parts (a program that fits s), read with t; path names them in
 * messages. Needs only the plan, so wards can be made while the shared
 * parts are. NULL with d filled; loa_ward_parts_free releases it. */
loa_ward_parts *loa_shared_own(const loa_shared *s, const loa_program *p, loa_tts *t,
                               const char *path, mc_diag *d);
void loa_ward_parts_free(loa_ward_parts *w);

/* The ward's file at path from s (made) and its own parts w; res filled as
 * loa_render_to_file does. 0 or -1 (d filled; nothing left at path's
 * temporary name, an existing file at path untouched). */
int loa_shared_write(const loa_shared *s, const loa_ward_parts *w, const loa_tags *tags,
                     const char *path, loa_output_result *res, mc_diag *d);

void loa_shared_free(loa_shared *s);

#endif
