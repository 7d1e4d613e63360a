#!/bin/sh
# bench/audio/recording.sh — issue #16's figure: a 3-minute phone recording
# (synthetic speech, 48 kHz mono, in AAC/M4A at 64 kbit/s, as an iPhone
# voice memo) rendered for one ward by `loa render`: decoded, cleaned, with
# the chime, the ward's synthesised opening and closing, read once, to the
# loudspeaker MP3. Prints the CPU time (user + sys) and peak memory of each
# of N runs (default 5, GNU time -v), their median, and the loudness of the
# result (ffmpeg's ebur128). Target: under 1 s of CPU, under 64 MB.
# Refuses to run on a loaded machine unless BENCH_FORCE=1 (bench/load.sh).
# Needs `make` first, ffmpeg and GNU time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/load.sh"
bench_load_check
N=${N:-5}
LOA=${LOA:-$root/loa}
[ -x "$LOA" ] || { echo "bench: no loa at $LOA; run make first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# three minutes of speech: the example's storm bulletin read until 180 s
text=$(sed '1,/^---$/{/^---$/!d}; /^---$/d' "$root/content/thong-bao/tin-bao-khan-cap-con-bao-so-9.md")
"$LOA" say "$text $text $text" -o "$work/speech.wav" --format wav --sample-rate 48000 >/dev/null
mkdir -p "$work/site/content/thong-bao/ban-tin"
ffmpeg -nostdin -v error -y -i "$work/speech.wav" -t 180 -ar 48000 -ac 1 -c:a aac -b:a 64k \
    "$work/site/content/thong-bao/ban-tin/ban-tin.m4a"
cat > "$work/site/site.yaml" <<'YAML'
title: Phường Thử
audio:
  opening: "Đài truyền thanh phường xin thông báo:"
  closing: "Đài truyền thanh phường vừa thông báo. Xin cảm ơn bà con đã lắng nghe."
YAML
printf -- '---\ntitle: Bản tin\ndate: 2026-12-01\nrecording: ban-tin.m4a\n---\nBản tin của phường.\n' \
    > "$work/site/content/thong-bao/ban-tin/index.md"

: > "$work/cpu"
i=0
while [ "$i" -lt "$N" ]; do
    (cd "$work/site" && /usr/bin/time -v -o "$work/time.txt" \
        "$LOA" render content/thong-bao/ban-tin/index.md -o "$work/out" --site . >/dev/null)
    awk -F': ' '/User time/{u=$2} /System time/{s=$2} /Maximum resident/{m=$2}
        END{printf "%.2f %.0f\n", u + s, m / 1024}' "$work/time.txt" | tee -a "$work/cpu" |
        awk '{printf "run: %s s CPU, %s MB\n", $1, $2}'
    i=$((i + 1))
done
mp3=$(ls "$work"/out/*.mp3 | head -n 1)
lufs=$(ffmpeg -hide_banner -nostats -i "$mp3" -filter_complex ebur128=peak=true -f null - 2>&1 |
       awk '/Summary:/{s=1} s&&/ I:/{i=$2} s&&/Peak:/{p=$2} END{printf "%s LUFS, %s dBTP", i, p}')
dur=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$mp3")
sort -g "$work/cpu" | awk -v n="$N" -v l="$lufs" -v d="$dur" '{c[NR]=$1; if ($2 > m) m = $2}
    END{printf "median of %d: %.2f s CPU (target under 1 s), peak %d MB (under 64); %.1f s of MP3, %s\n",
        n, (n % 2) ? c[(n + 1) / 2] : (c[n / 2] + c[n / 2 + 1]) / 2, m, d, l}'
[ -z "$BENCH_LOAD_FLAG" ] || echo "$BENCH_LOAD_FLAG."
