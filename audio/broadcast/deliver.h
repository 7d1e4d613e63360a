/* deliver.h — upload each ward's folder of a schedule to its loudspeaker
 * station (`loa send`).
 *
 * site.yaml gives every ward a station target and, for remote ones, the
 * name of an environment variable holding "user:password":
 *   wards:
 *     - {id: hoa-lu, name: "Phường Hoa Lư", station: "stations/hoa-lu/"}
 *     - {id: yen-son, ..., station: "ftp://loa-yenson.example/thongbao/",
 *        auth_env: LOA_YEN_SON_AUTH}
 * Targets: a local folder (relative to the site folder; file:// too),
 * http:// or https:// (PUT of each file to TARGET/NAME, then HEAD to read
 * back its Content-Length), ftp:// or ftps:// (STOR to a hidden ".NAME.part"
 * then RNFR/RNTO, so the station never sees half a file; then SIZE),
 * sftp:// (when libcurl was built with libssh2; host keys checked against
 * ~/.ssh/known_hosts). A password written in the target URL itself is
 * refused: secrets live in the environment, not in the site.
 *
 * Only what changed is sent: OUT/.sent.json remembers, per ward, the target
 * and each file's size and SHA-256 as last confirmed on the station. A file
 * counts as sent only when the size read back equals the local size. Audio
 * goes first, timetables next, playlists (.m3u8) last, so a playlist never
 * names a file that has not arrived.
 *
 * Memory: loa_delivery owns its manifest (json) and strings; release with
 * loa_delivery_free. Results point into it.
 */
#ifndef LOA_DELIVER_H
#define LOA_DELIVER_H

#include <jansson.h>
#include <stdio.h>
#include "diag.h"
#include "settings.h"

typedef enum loa_target_kind {
    LOA_TARGET_NONE, LOA_TARGET_DIR, LOA_TARGET_HTTP, LOA_TARGET_FTP, LOA_TARGET_SFTP
} loa_target_kind;

/* What kind of target a station string is; LOA_TARGET_NONE for an unknown
 * scheme (e.g. "gopher://") or an empty string. */
loa_target_kind loa_target_kind_of(const char *target);

/* 1 when target (a URL) carries a password in its user-info part. */
int loa_target_has_password(const char *target);

typedef struct loa_delivery {
    const char *out_dir;      /* the schedule folder, OUT */
    const char *site_dir;     /* local targets are relative to this */
    json_t *manifest;         /* owned: OUT/.sent.json */
    long connect_timeout;     /* seconds (default 10) */
    long low_speed_time;      /* seconds below 1 byte/s before giving up (default 30) */
} loa_delivery;

typedef struct loa_ward_report {
    const loa_ward *ward;
    const char *target;       /* into the site settings; NULL = no station */
    int failed;               /* 1 = an error (message in d) */
    int skipped;              /* 1 = nothing to do (no station, no folder) */
    size_t sent, unchanged;
    long long bytes;
    mc_diag d;
} loa_ward_report;

/* Loads OUT/.sent.json (absent = nothing sent yet). 0 or -1 (d filled). */
int loa_delivery_open(loa_delivery *dl, const char *out_dir, const char *site_dir, mc_diag *d);

/* Sends OUT/<ward>/ to the ward's station from settings; fills rep. Never
 * stops at the first failed file: one failure fails the ward, and the
 * files confirmed before it are remembered. Returns 0, or -1 when failed. */
int loa_deliver_ward(loa_delivery *dl, const loa_settings *s, const loa_ward *w, loa_ward_report *rep);

/* Writes OUT/.sent.json atomically. 0 or -1 (d filled). */
int loa_delivery_save(loa_delivery *dl, mc_diag *d);

void loa_delivery_free(loa_delivery *dl);

#endif
