#!/bin/sh
# bench/audio/wards.sh [WARDS] — one announcement for many wards (issue
# #20): `loa render` of the storm bulletin of the example site
# (content/thong-bao/tin-bao-khan-cap-con-bao-so-9.md: 3 repeats, about
# 5 minutes per file) for 1 ward and for WARDS wards (100), in a site.yaml
# generated here with that many wards ({ward} in the opening and closing,
# so one file per ward; the closing's second sentence names no ward and is
# shared), and again (own-one, own-many) with a closing of one sentence
# that names the ward, so nothing of it is shared. Reports wall and CPU
# time (user + sys) and peak memory (GNU time -v) of each, the ratio of
# the wall times (target: at most 2.5) and the speech counts
# (LOA_DEBUG_SPEECH=1). With
# BENCH_ALONE=1 also the 100 wards without the shared speech
# (LOA_SPEECH_CACHE=off: every ward read in full, the way before #20).
# Refuses to run on a loaded machine unless BENCH_FORCE=1 (bench/load.sh).
# Needs `make` first and GNU time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/load.sh"   # refuses, or flags the results, on a loaded machine
bench_load_check
WARDS=${1:-100}
LOA=${LOA:-$root/loa}
[ -x "$LOA" ] || { echo "bench: no loa at $LOA; run make first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bulletin="$root/content/thong-bao/tin-bao-khan-cap-con-bao-so-9.md"

# the closing: its second sentence names no ward (shared, parts.h); with
# "own", one sentence that names the ward, nothing of it shared
closing() {
    if [ "$1" = own ]; then echo "Đài truyền thanh {ward} vừa thông báo, xin cảm ơn bà con đã lắng nghe."
    else echo "Đài truyền thanh {ward} vừa thông báo. Xin cảm ơn bà con đã lắng nghe."; fi
}

site() {  # N [own]: a site.yaml with N wards
    cat <<YAML
title: Tỉnh Thử
audio:
  opening: "Đài truyền thanh {ward} xin thông báo:"
  closing: "$(closing "${2:-}")"
  repeat_phrase: "Xin nhắc lại:"
wards:
YAML
    i=1
    while [ "$i" -le "$1" ]; do
        echo "  - {id: p$i, name: \"Phường số $i\"}"
        i=$((i + 1))
    done
}

# run NAME WARDS [ENV...]: renders, prints "NAME wall cpu rss files speech"
# (NAME "own...": the closing that names the ward in its only sentence)
run() {
    name=$1 n=$2; shift 2
    mkdir -p "$work/$name"
    case $name in own*) frame=own ;; *) frame= ;; esac
    site "$n" $frame > "$work/$name/site.yaml"
    cp "$bulletin" "$work/$name/bulletin.md"
    t0=$(date +%s.%N)
    (cd "$work/$name" && env LOA_DEBUG_SPEECH=1 "$@" /usr/bin/time -v -o time.txt \
        "$LOA" render bulletin.md -o out --site site.yaml > files.txt 2> err.txt) ||
        { cat "$work/$name/err.txt" >&2; exit 1; }
    t1=$(date +%s.%N)
    cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u + s}' "$work/$name/time.txt")
    rss=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2 / 1024}' "$work/$name/time.txt")
    speech=$(sed -n 's/^loa: speech: //p' "$work/$name/err.txt")
    printf '%s %.2f %s %s %s %s\n' "$name" "$(echo "$t1 - $t0" | bc -l)" "$cpu" "$rss" \
        "$(wc -l < "$work/$name/files.txt")" "${speech:-no shared speech}"
}

echo "bench: loa render, the storm bulletin, 1 and $WARDS wards; $(nproc) cores" >&2
one=$(run one 1)
many=$(run many "$WARDS")
own1=$(run own-one 1)
ownn=$(run own-many "$WARDS")
echo "| run | wards | wall s | CPU s | peak MiB | files | speech |"
echo "|---|---:|---:|---:|---:|---:|---|"
for r in "$one" "$many" "$own1" "$ownn"; do
    set -- $r
    name=$1 wall=$2 cpu=$3 rss=$4 files=$5; shift 5
    echo "| $name | $files | $wall | $cpu | $rss | $files | $* |"
done
if [ "${BENCH_ALONE:-0}" = 1 ]; then
    set -- $(run alone "$WARDS" LOA_SPEECH_CACHE=off)
    echo "| alone (no shared speech) | $5 | $2 | $3 | $4 | $5 | — |"
fi
set -- $one; w1=$2
set -- $many; wn=$2
set -- $own1; o1=$2
set -- $ownn; on=$2
echo
echo "$WARDS wards take $(echo "$wn / $w1" | bc -l | cut -c1-5) x the wall time of one (target: at most 2.5)."
echo "with a closing that is all the ward's own (own-*): $(echo "$on / $o1" | bc -l | cut -c1-5) x."
[ -z "$BENCH_LOAD_FLAG" ] || echo "$BENCH_LOAD_FLAG."
