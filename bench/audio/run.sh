#!/bin/bash
# bench/audio/run.sh — text to finished MP3 (44.1 kHz mono CBR 128k, target
# -16 LUFS / -1.5 dBTP), timed in one run for loa and for the two technician
# pipelines of ../shared/bench/audio/bench.sh on the same text:
#   ffmpeg:  espeak-ng | two-pass ffmpeg loudnorm → MP3
#   sox:     espeak-ng | sox … rate 44100 norm -1.5 → MP3
# Reports the median wall time of N runs (default 5), the loudness reached
# (ffmpeg ebur128 on the MP3) and the peak memory (GNU time -v).
# Usage: bash bench/audio/run.sh [TEXT-FILE]     (needs espeak-ng ffmpeg sox
#        libsox-fmt-mp3 time bc; run `make` first)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bench/load.sh"   # refuses, or flags the results, on a loaded machine
bench_load_check
TXT=${1:-$root/../shared/bench/audio/long60.txt}
N=${N:-5}
LOA=${LOA:-$root/loa}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
ebur() { ffmpeg -hide_banner -nostats -i "$1" -filter_complex ebur128=peak=true -f null - 2>&1 |
         awk '/Summary:/{s=1} s&&/ I:/{i=$2} s&&/Peak:/{p=$2} END{printf "I=%s LUFS  TP=%s dBTP", i, p}'; }

cat > "$out/ffmpeg2pass.sh" <<'EOS'
set -e
espeak-ng -v vi -w "$2/b.wav" -f "$1"
J=$(ffmpeg -hide_banner -nostats -i "$2/b.wav" -af loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json -f null - 2>&1 | sed -n '/^{/,/^}/p')
g() { echo "$J" | sed -n "s/.*\"$1\" : \"\([^\"]*\)\".*/\1/p"; }
ffmpeg -y -hide_banner -nostats -i "$2/b.wav" -af "loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=$(g input_i):measured_TP=$(g input_tp):measured_LRA=$(g input_lra):measured_thresh=$(g input_thresh):offset=$(g target_offset):linear=true" -ar 44100 -ac 1 -c:a libmp3lame -b:a 128k "$2/ffmpeg.mp3"
EOS

# bench NAME COMMAND: N runs, prints "NAME median-wall max-rss-kB"
bench() {
    local name=$1; shift
    : > "$out/$name.wall"; : > "$out/$name.rss"
    for i in $(seq "$N"); do
        local t0 t1
        t0=$(date +%s.%N)
        /usr/bin/time -v -o "$out/$name.time" bash -c "$*" > "$out/$name.log" 2>&1
        t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc -l >> "$out/$name.wall"
        awk -F': ' '/Maximum resident set size/{print $2}' "$out/$name.time" >> "$out/$name.rss"
    done
    echo "$name $(median < "$out/$name.wall") $(sort -n "$out/$name.rss" | tail -n 1)"
}

[ -z "$BENCH_LOAD_FLAG" ] || echo "$BENCH_LOAD_FLAG"
echo "text: $TXT ($(wc -w < "$TXT") words); $N runs each; $(nproc) cores"
r_loa=$(bench loa "'$LOA' say - -o '$out/loa.mp3' < '$TXT'")
r_ff=$(bench ffmpeg "bash '$out/ffmpeg2pass.sh' '$TXT' '$out'")
r_sox=$(bench sox "espeak-ng -v vi --stdout -f '$TXT' | sox -t wav - -C 128 '$out/sox.mp3' rate 44100 norm -1.5")
printf '%-8s %10s %12s  %s\n' tool "wall (s)" "max RSS" "result (ffmpeg ebur128)"
for r in "$r_loa" "$r_ff" "$r_sox"; do
    set -- $r
    printf '%-8s %10.3f %9s kB  %s  %s\n' "$1" "$2" "$3" "$(ebur "$out/$1.mp3")" \
        "$(ffprobe -v error -show_entries stream=sample_rate,channels,bit_rate -of csv=p=0 "$out/$1.mp3")"
done
set -- $r_loa; L=$2; set -- $r_ff; F=$2; set -- $r_sox; S=$2
echo "loa vs ffmpeg two-pass: $(echo "$F / $L" | bc -l | cut -c1-4)x faster; loa vs sox: $(echo "$S / $L" | bc -l | cut -c1-4)x"
echo "duration of loa's file: $(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out/loa.mp3") s"
