/* pipeline.h — one announcement program to one finished audio file at a
 * loudness target.
 *
 * Stages, all streaming in blocks of 4096 samples:
 *   render   compose.h program → TTS/chime/pauses at the engine rate
 *            → true-peak estimate per sample → spool (a temporary file
 *            from tmpfile(): 4 bytes per sample, 16-bit sample + 16-bit
 *            peak; 2.7 MB per minute at 22050 Hz, deleted automatically)
 *            and the raw loudness (libebur128).
 *   gain     the render pass also keeps each 10 ms block's level and
 *            peak (envelope.h), from which the limiter's loss at any gain
 *            is predicted; spool → gain → true-peak limiter → loudness
 *            measures the predicted gain, the prediction is corrected by
 *            what was measured and solved again (one pass usually, at most
 *            4). A pass over the spool costs a few ms per minute, much
 *            less than synthesising again.
 *   encode   spool → gain → limiter → libsoxr → libsndfile into a
 *            temporary file beside the destination.
 *   verify   the temporary file is decoded with libsndfile (MP3 with
 *            libmpg123, through a buffered FILE) and measured
 *            with libebur128 (integrated loudness, true peak); the sidecar
 *            reports these figures. If the codec moved the loudness by more
 *            than 0.3 LU or the true peak went over the ceiling, the gain
 *            or the limiter ceiling is corrected and the file encoded again
 *            (at most twice). Then the file is renamed into place.
 * Memory does not depend on the length of the text: the spool is on disk,
 * everything else is fixed-size blocks (plus the encoder's own state).
 *
 * Memory: the caller owns everything passed in; results are plain values.
 */
#ifndef LOA_PIPELINE_H
#define LOA_PIPELINE_H

#include "compose.h"
#include "diag.h"
#include "encode.h"
#include "tts.h"

typedef struct loa_output_opts {
    const loa_format *format;   /* required */
    int sample_rate;            /* 0 = 44100; opus always 48000 */
    int bitrate_kbps;           /* mp3 only; 0 = 128 */
    double target_lufs;         /* e.g. -16 */
    double ceiling_dbtp;        /* e.g. -1.5 */
} loa_output_opts;

/* Defaults: mp3, 44100 Hz, 128 kbit/s, -16 LUFS, -1.5 dBTP. */
void loa_output_defaults(loa_output_opts *o);

typedef struct loa_output_result {
    double duration;        /* seconds, as decoded */
    double integrated;      /* LUFS, measured on the written file */
    double true_peak;       /* dBTP, measured on the written file */
    int sample_rate;
    int bitrate_kbps;       /* mp3: the constant bitrate; others: average */
    int encodes;            /* how many times the file was encoded */
    double joins[4];        /* made from parts (parts.h): where one part ends
                             * and the next begins, seconds; else njoins 0 */
    int njoins;
} loa_output_result;

/* Renders p with t into the file path. Returns 0 (file in place, *res
 * filled) or -1 with d filled; on failure nothing is left at path's
 * temporary name and an existing file at path is untouched. */
int loa_render_to_file(const loa_program *p, loa_tts *t, const loa_output_opts *o,
                       const loa_tags *tags, const char *path,
                       loa_output_result *res, mc_diag *d);

/* loa_render_to_file into n files from one rendering: the program is
 * synthesised once into the spool, which is encoded for each o[i] into
 * paths[i] (res[i] filled). On failure the files already finished stay. */
int loa_render_to_files(const loa_program *p, loa_tts *t, size_t n, const loa_output_opts *o,
                        const loa_tags *tags, const char *const *paths,
                        loa_output_result *res, mc_diag *d);

#endif
