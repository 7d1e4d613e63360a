/* decode.h — reading a recorded voice from what phones and browsers make.
 *
 * FFmpeg's libraries do the work (libavformat finds the container and the
 * audio track, libavcodec decodes it, libswresample mixes it down to mono
 * and converts the rate): AAC in M4A/MP4 (iPhone voice memos), AMR or AAC
 * in 3GP (older Android), Opus or Vorbis in WebM and Ogg (browsers, Zalo),
 * MP3, WAV, FLAC, and whatever else the installed FFmpeg reads. The ffmpeg
 * program is never run.
 *
 * A file FFmpeg cannot open, one without an audio track, one that stops
 * short of the length its container declares (a truncated upload) and one
 * longer than the limit are errors naming the file and what was found in
 * it. Samples go to a sink in blocks, so memory does not depend on the
 * length of the recording.
 *
 * Memory: nothing is kept; info is filled in the caller's struct.
 */
#ifndef LOA_DECODE_H
#define LOA_DECODE_H

#include <stddef.h>
#include "diag.h"
#include "tts.h"   /* loa_pcm_sink */

/* The longest recording loa takes (seconds): a ward broadcast session is
 * 15 minutes by default; twice that leaves room and refuses a forgotten
 * recorder left running. */
#define LOA_RECORDING_MAX_SECONDS (30.0 * 60.0)

typedef struct loa_decode_info {
    char container[64];     /* FFmpeg's demuxer name: "mov,mp4,m4a,3gp,3g2,mj2", "ogg" */
    char codec[32];         /* "aac", "opus", "mp3", "amr_nb", ... */
    int channels;           /* in the file */
    int sample_rate;        /* in the file */
    double seconds;         /* decoded length */
} loa_decode_info;

/* Decodes the audio of path (shown names it in messages) to mono float at
 * rate into sink. Returns 0 with *info filled, or -1 with d filled (or left
 * to the sink when the sink stopped: then d->message is empty). */
int loa_decode_file(const char *path, const char *shown, int rate, loa_pcm_sink sink,
                    void *ctx, loa_decode_info *info, mc_diag *d);

/* A decoder as the composer takes it (clip.h, compose.h): the programs
 * hand in loa_decode_file, so that code which never plays a recording
 * (the unit tests of the audio pipeline) links no FFmpeg library. */
typedef int (*loa_decode_fn)(const char *path, const char *shown, int rate, loa_pcm_sink sink,
                             void *ctx, loa_decode_info *info, mc_diag *d);

#endif
