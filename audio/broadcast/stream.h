/* stream.h — play one audio file live to an Icecast mount point (`loa stream`).
 *
 * Icecast 2.4 and later take a source by HTTP PUT to the mount URL with
 * Content-Type audio/mpeg (or audio/ogg), Basic authentication (user
 * "source") and ice-* headers. Icecast relays whatever arrives at once, so
 * an upload pushed as fast as the network allows reaches the listeners
 * about six times faster than real time and they miss most of it. The
 * request body is therefore paced in the read callback: after a short
 * burst (default 1 s, which Icecast's burst-on-connect hands to listeners
 * that join late) no more than bytes_per_second × elapsed time has been
 * sent, so 60 s of audio takes about 60 s.
 *
 * The pace is the file's size divided by its duration, read from the
 * sidecar FILE.json that `loa say`/`loa render` wrote, else from the file
 * itself (libsndfile), else given by the caller (kbit/s).
 *
 * Credentials are the URL's user:password or opts->auth ("user:password",
 * a bare password means user "source"), never a file. TLS certificates and
 * host names are always verified; connecting is bounded by
 * connect_timeout, the whole transfer by the duration plus a minute.
 *
 * Memory: nothing returned is allocated; every input stays the caller's.
 */
#ifndef LOA_STREAM_H
#define LOA_STREAM_H

#include <stdio.h>
#include "diag.h"

typedef struct loa_stream_opts {
    const char *file;          /* an MP3 or Ogg file */
    const char *url;           /* http(s)://[user:pass@]host:port/mount */
    const char *auth;          /* "user:password" or a password; NULL = URL's or none */
    const char *name;          /* ice-name; NULL = the sidecar title or the file name */
    double kbps;               /* > 0: pace at this bit rate instead of the measured one */
    double burst_seconds;      /* sent at once at the start (default 1) */
    long connect_timeout;      /* seconds (default 10) */
    FILE *progress;            /* "\rstreaming 12/60 s" lines, or NULL */
} loa_stream_opts;

typedef struct loa_stream_result {
    double audio_seconds;      /* the file's duration */
    double bytes_per_second;   /* the pace used */
    double elapsed;            /* wall-clock seconds of the upload */
    long long bytes;           /* bytes sent */
} loa_stream_result;

/* The file's duration and pace (bytes per second). 0 or -1 (d filled). */
int loa_stream_measure(const char *file, double *seconds, double *bytes_per_second, mc_diag *d);

/* "/mount" and "host:port" of url, without any user or password, into the
 * buffers. 0 or -1 when url is not an http(s) URL. */
int loa_stream_describe(const char *url, char *mount, size_t mn, char *host, size_t hn);

/* Streams o->file to o->url at real time. 0, or -1 with d filled: a refused
 * password names the mount and says HTTP 401. */
int loa_stream(const loa_stream_opts *o, loa_stream_result *r, mc_diag *d);

#endif
