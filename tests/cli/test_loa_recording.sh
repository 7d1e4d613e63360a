# test_loa_recording.sh — recorded voices in `loa render` and `motcua build`:
# fixtures made here from synthetic speech (`loa say`) with noise, a click
# and silence around it, converted by the ffmpeg program into what phones
# and browsers make (AAC in M4A and 3GP, Opus in WebM and Ogg, MP3, WAV,
# FLAC; mono and stereo; 8 to 48 kHz). Every fixture is rendered to every
# output format and measured with ffmpeg's ebur128 filter, ffprobe and sox:
# loudness, true peak, duration (chime + opening + recording x repeat +
# phrase + closing) and leading silence. Then the bad recordings (truncated,
# text named .m4a, 0 seconds, 2 hours, missing, outside the folder), a
# ward's recorded opening and closing, and a site build whose podcast and
# schedule take the recording's audio. Needs ffmpeg, ffprobe, sox, python3.
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
for tool in ffmpeg ffprobe sox python3; do
    command -v $tool >/dev/null 2>&1 || { echo "missing $tool (install ffmpeg sox python3)"; echo "0 passed, 1 failed"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out" "$err"' EXIT

ffmpeg() { command ffmpeg -nostdin "$@"; }
ebur() { ffmpeg -hide_banner -nostats -i "$1" -filter_complex ebur128=peak=true -f null - 2>&1 |
         awk '/Summary:/{s=1} s&&/ I:/{i=$2} s&&/Peak:/{p=$2} END{print i, p}'; }
dur() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
near() { python3 -c "import sys; sys.exit(0 if abs(float('$1') - float('$2')) <= float('$3') else 1)"; }
le() { python3 -c "import sys; sys.exit(0 if float('$1') <= float('$2') else 1)"; }
calc() { python3 -c "print(round($1, 3))"; }
json_get() { python3 -c "import json,sys; d=json.load(open('$1'))
for k in '$2'.split('.'): d=d[k]
print(d)"; }
# seconds before the first sample louder than -45 dBFS (sox, as WAV)
lead_silence() {
    sox "$1" -c 1 "$tmp/lead-all.wav" 2>/dev/null
    sox "$tmp/lead-all.wav" "$tmp/lead-cut.wav" silence 1 0.001 -45d 2>/dev/null
    calc "$(soxi -D "$tmp/lead-all.wav") - $(soxi -D "$tmp/lead-cut.wav")"
}

# --- the voice: synthetic speech, trimmed by sox to measure its length -----
BODY="Kính thưa bà con! Ủy ban nhân dân phường thông báo lịch họp tổ dân phố vào lúc bảy giờ tối thứ sáu tại nhà văn hóa khu phố."
OPENING="Đài truyền thanh phường xin thông báo:"
CLOSING="Đài truyền thanh phường vừa thông báo."
PHRASE="Xin nhắc lại:"
"$LOA" say "$BODY" -o "$tmp/speech.wav" --format wav --sample-rate 48000 >/dev/null 2>&1
sox "$tmp/speech.wav" "$tmp/voice.wav" silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse
VOICE=$(soxi -D "$tmp/voice.wav")
# what the clean-up keeps: the voice plus 0.05 s before and 0.15 s after it
REC=$(calc "$VOICE + 0.2")
# the spoken parts as loa says them alone (0.2 s before, 0.3 s after)
part() { "$LOA" say "$1" -o "$tmp/part.wav" --format wav >/dev/null 2>&1; calc "$(dur "$tmp/part.wav") - 0.5"; }
OPEN_S=$(part "$OPENING"); CLOSE_S=$(part "$CLOSING"); PHRASE_S=$(part "$PHRASE")
# chime 0.2 + 1.9 + 0.5; opening + 1.0; rec; 1.0 + phrase + 1.0 + rec; 1.0 + closing + 0.3
EXPECT=$(calc "2.6 + $OPEN_S + 1.0 + $REC + 1.0 + $PHRASE_S + 1.0 + $REC + 1.0 + $CLOSE_S + 0.3")

# handling noise around it: 1.0 s of quiet room noise with a tap (15 ms) at
# 0.3 s, the voice, a low rumble (50 Hz) under everything, 1.3 s of noise after
ffmpeg -v error -y -f lavfi -i "anoisesrc=a=0.002:c=pink:r=48000:d=1.0" -i "$tmp/speech.wav" \
    -f lavfi -i "anoisesrc=a=0.002:c=pink:r=48000:d=1.3" \
    -f lavfi -i "aevalsrc=0.3*sin(2*PI*900*t)*between(t\,0.3\,0.315):s=48000:d=1.0" \
    -f lavfi -i "sine=f=50:r=48000:d=30" -filter_complex \
    "[1]aformat=sample_rates=48000:channel_layouts=mono[v];[0][3]amix=inputs=2:normalize=0[head];[head][v][2]concat=n=3:v=0:a=1[c];[4]volume=0.05[hum];[c][hum]amix=inputs=2:duration=first:normalize=0" \
    -ac 1 "$tmp/raw.wav"

site="$tmp/site"
mkdir -p "$site/content/thong-bao"
cat > "$site/site.yaml" <<EOF
title: Phường Thử
audio:
  opening: "$OPENING"
  closing: "$CLOSING"
  repeat_phrase: "$PHRASE"
EOF

# name container-args
fixtures="m4a-aac-44100-stereo:-ar 44100 -ac 2 -c:a aac -b:a 96k
3gp-aac-16000-mono:-ar 16000 -ac 1 -c:a aac -b:a 32k
webm-opus-48000-mono:-ar 48000 -ac 1 -c:a libopus -b:a 32k
ogg-opus-24000-stereo:-ar 24000 -ac 2 -c:a libopus -b:a 24k
mp3-mp3-22050-mono:-ar 22050 -ac 1 -c:a libmp3lame -b:a 48k
wav-pcm-8000-mono:-ar 8000 -ac 1 -c:a pcm_s16le
flac-flac-32000-stereo:-ar 32000 -ac 2 -c:a flac"
echo "$fixtures" | while IFS=: read -r name args; do
    ext=${name%%-*}
    dir="$site/content/thong-bao/$name"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    ffmpeg -nostdin -v error -y -i "$tmp/raw.wav" $args "$dir/ban-tin.$ext"
    printf -- '---\ntitle: Họp tổ dân phố\ndate: 2026-12-01\nrepeat: 2\nrecording: ban-tin.%s\n---\n%s\n' "$ext" "$BODY" > "$dir/index.md"
done

for fx in $(echo "$fixtures" | cut -d: -f1); do
    for fmt in mp3 ogg opus flac wav; do
        run "$LOA" render "$site/content/thong-bao/$fx/index.md" -o "$tmp/out/$fmt" --site "$site" --format $fmt
        f="$tmp/out/$fmt/$fx.$fmt"
        if ! status_is 0 || [ ! -s "$f" ]; then ok "$fx -> $fmt renders" false; continue; fi
        set -- $(ebur "$f")
        I=$1 TP=$2
        D=$(dur "$f")
        L=$(lead_silence "$f")
        ok "$fx -> $fmt: $I LUFS (-16 +-0.5), true peak $TP dBTP (<= -1.4), ${D} s (expected $EXPECT +-0.3), leading silence $L s (< 0.5)" \
            eval 'near "$I" -16 0.5 && le "$TP" -1.4 && near "$D" "$EXPECT" 0.3 && le "$L" 0.5'
    done
    ok "$fx: sidecar says the voice is a recording, read by whom the frame was" eval \
        '[ "$(json_get "$tmp/out/mp3/$fx.mp3.json" voice_source)" = recording ] &&
         [ "$(json_get "$tmp/out/mp3/$fx.mp3.json" recording.file)" = "ban-tin.${fx%%-*}" ] &&
         json_get "$tmp/out/mp3/$fx.mp3.json" opening_closing_engine | grep -q espeak-ng'
done
# the 50 Hz hum's share of the whole signal, in dB (two narrow band-passes)
hum_share() {
    ffmpeg -v error -y -i "$1" -ac 1 -af "bandpass=f=50:width_type=h:w=8,bandpass=f=50:width_type=h:w=8" "$tmp/hum.wav"
    ffmpeg -v error -y -i "$1" -ac 1 "$tmp/all.wav"
    python3 -c "import math; print(round(20*math.log10($(sox "$tmp/hum.wav" -n stat 2>&1 | awk '/RMS +amplitude/{print $3}') / $(sox "$tmp/all.wav" -n stat 2>&1 | awk '/RMS +amplitude/{print $3}')), 1))"
}
HUM_IN=$(hum_share "$site/content/thong-bao/flac-flac-32000-stereo/ban-tin.flac")
HUM_OUT=$(hum_share "$tmp/out/flac/flac-flac-32000-stereo.flac")
ok "the high-pass takes out the rumble: 50 Hz is $HUM_IN dB of the source, $HUM_OUT dB of the broadcast (at least 10 dB less)" \
   le "$HUM_OUT" "$(calc "$HUM_IN - 10")"
TAGS=$(ffprobe -v error -show_entries format_tags=comment -of default=nw=1:nk=1 "$tmp/out/mp3/m4a-aac-44100-stereo.mp3")
ok "the MP3 comment tag says a recorded voice, the frame by espeak-ng ($TAGS)" eval \
   'echo "$TAGS" | grep -q "recorded voice; opening and closing: espeak-ng"'

# --- bad recordings: clear errors, nothing lost -------------------------------
bad="$site/content/thong-bao/bad"
mkdir -p "$bad" "$tmp/keep"
good="$site/content/thong-bao/m4a-aac-44100-stereo/ban-tin.m4a"
"$LOA" render "$site/content/thong-bao/m4a-aac-44100-stereo/index.md" -o "$tmp/keep" --site "$site" >/dev/null 2>&1
cp "$tmp/keep/m4a-aac-44100-stereo.mp3" "$tmp/before.mp3"
try_bad() {  # file-in-bundle expected-message
    printf -- '---\ntitle: Hỏng\nrecording: %s\n---\nVăn bản.\n' "$1" > "$bad/index.md"
    mkdir -p "$tmp/bad-out"
    cp "$tmp/before.mp3" "$tmp/bad-out/bad.mp3"
    run "$LOA" render "$bad/index.md" -o "$tmp/bad-out" --site "$site"
}
size=$(wc -c < "$good")
head -c $((size / 2)) "$good" > "$bad/cut.m4a"
try_bad cut.m4a
ok "a truncated M4A: error naming the file, the previous audio kept" eval \
   'status_is 1 && stderr_has "cut.m4a: error:" && cmp -s "$tmp/bad-out/bad.mp3" "$tmp/before.mp3" && [ ! -e "$tmp/bad-out/bad.mp3.json" ]'
echo "Đây là một tệp văn bản, không phải âm thanh." > "$bad/text.m4a"
try_bad text.m4a
ok "a text file named .m4a: 'does not recognise it as audio'" eval \
   'status_is 1 && stderr_has "text.m4a: error: cannot read the recording: FFmpeg does not recognise it as audio" && cmp -s "$tmp/bad-out/bad.mp3" "$tmp/before.mp3"'
ffmpeg -v error -y -f lavfi -i anullsrc=r=16000:cl=mono -t 0 -c:a pcm_s16le "$bad/empty.wav"
try_bad empty.wav
ok "a 0-second recording: 'holds no sound'" eval 'status_is 1 && stderr_has "empty.wav: error: the recording holds no sound"'
ffmpeg -v error -y -f lavfi -i anullsrc=r=8000:cl=mono -t 7200 -c:a flac "$bad/long.flac"
try_bad long.flac
ok "a 2-hour recording: the limit, in words" eval \
   'status_is 1 && stderr_has "long.flac: error: the recording is 2:00:00 long; loa reads recordings of at most 30 minutes"'
ffmpeg -v error -y -f lavfi -i "anoisesrc=a=0.002:r=16000:d=3" "$bad/noise.wav"
try_bad noise.wav
ok "a recording of room noise only: 'holds no voice'" eval 'status_is 1 && stderr_has "noise.wav: error: the recording holds no voice"'
ffprobe -v error "$bad/video.webm" >/dev/null 2>&1
ffmpeg -v error -y -f lavfi -i "color=c=black:s=32x32:d=1" -c:v libvpx-vp9 "$bad/video.webm" 2>/dev/null
if [ -s "$bad/video.webm" ]; then
    try_bad video.webm
    ok "a WebM without sound: names what it holds" eval 'status_is 1 && stderr_has "has no audio track" && stderr_has "video vp9"'
fi
try_bad missing.m4a
ok "a missing file: error at the recording: line" eval 'status_is 1 && stderr_has "index.md:3: error: recording: there is no file '"'"'missing.m4a'"'"'"'
try_bad ../m4a-aac-44100-stereo/ban-tin.m4a
ok "a path outside the announcement's folder is refused" eval 'status_is 1 && stderr_has "index.md:3: error: recording:" && stderr_has "outside the announcement"'

# --- a ward's recorded opening and closing ------------------------------------
mkdir -p "$site/audio"
"$LOA" say "Đài truyền thanh phường Một xin thông báo" -o "$site/audio/mo-dau.wav" --format wav >/dev/null 2>&1
"$LOA" say "Xin cảm ơn bà con" -o "$site/audio/ket-thuc.m4a.wav" --format wav >/dev/null 2>&1
ffmpeg -v error -y -i "$site/audio/ket-thuc.m4a.wav" -c:a aac "$site/audio/ket-thuc.m4a"
cat > "$site/site.yaml" <<EOF
title: Phường Thử
audio:
  opening: "Đài truyền thanh {ward} xin thông báo:"
  closing: "$CLOSING"
  repeat_phrase: "$PHRASE"
wards:
  - id: p1
    name: phường Một
    opening_recording: audio/mo-dau.wav
    closing_recording: audio/ket-thuc.m4a
  - id: p2
    name: phường Hai
EOF
run "$LOA" render "$site/content/thong-bao/webm-opus-48000-mono/index.md" -o "$tmp/wards" --site "$site"
sc1="$tmp/wards/p1/webm-opus-48000-mono.mp3.json"
sox "$site/audio/mo-dau.wav" "$tmp/o.wav" silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse
sox "$site/audio/ket-thuc.m4a.wav" "$tmp/c.wav" silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse
EXPECT1=$(calc "2.6 + $(soxi -D "$tmp/o.wav") + 0.2 + 1.0 + $REC + 1.0 + $PHRASE_S + 1.0 + $REC + 1.0 + $(soxi -D "$tmp/c.wav") + 0.2 + 0.3")
D1=$(dur "$tmp/wards/p1/webm-opus-48000-mono.mp3")
ok "ward p1: recorded opening and closing, ${D1} s (expected $EXPECT1 +-0.3)" eval \
   'status_is 0 && near "$D1" "$EXPECT1" 0.3 && [ "$(json_get "$sc1" opening_closing_engine)" = recording ] &&
    [ "$(json_get "$sc1" opening_recording.file)" = mo-dau.wav ] && [ "$(json_get "$sc1" closing_recording.file)" = ket-thuc.m4a ]'
T1=$(ffprobe -v error -show_entries format_tags=comment -of default=nw=1:nk=1 "$tmp/wards/p1/webm-opus-48000-mono.mp3")
ok "ward p1: the tags no longer name espeak-ng ($T1)" eval 'echo "$T1" | grep -q "recorded voice" && ! echo "$T1" | grep -q espeak'
ok "ward p2: the synthetic opening, named in the sidecar" eval \
   'json_get "$tmp/wards/p2/webm-opus-48000-mono.mp3.json" opening_closing_engine | grep -q espeak-ng'
printf '  - id: p3\n    name: phường Ba\n    opening_recording: ../../etc/passwd\n' >> "$site/site.yaml"
bad_line=$(grep -n "etc/passwd" "$site/site.yaml" | cut -d: -f1)
run "$LOA" render "$site/content/thong-bao/webm-opus-48000-mono/index.md" -o "$tmp/wards" --site "$site"
ok "a ward recording outside the site folder: error at its line in site.yaml" eval \
   'status_is 1 && stderr_has "site.yaml:$bad_line: error: opening_recording:" && stderr_has "outside the site folder"'

# --- motcua build: the portal player, podcast and schedule use the recording ----
if [ -n "${MOTCUA:-}" ] && [ -x "$MOTCUA" ]; then
    ps="$tmp/portal"
    mkdir -p "$ps/content/thong-bao/hop"
    ln -s "$(cd "$(dirname "$0")/../.." && pwd)/themes" "$ps/themes"
    cp "$site/content/thong-bao/m4a-aac-44100-stereo/ban-tin.m4a" "$ps/content/thong-bao/hop/"
    cat > "$ps/site.yaml" <<EOF
title: Phường Thử
base_url: https://example.test/
language: vi
audio:
  opening: "$OPENING"
  closing: "$CLOSING"
  repeat_phrase: "$PHRASE"
wards:
  - id: p1
    name: phường Một
EOF
    printf -- '---\ntitle: Họp tổ dân phố\ndate: 2026-12-01\nrepeat: 2\nrecording: ban-tin.m4a\nwards: [p1]\nslots: ["2026-12-02 06:00"]\n---\n%s\n' "$BODY" > "$ps/content/thong-bao/hop/index.md"
    run "$MOTCUA" build -s "$ps" -o "$ps/public"
    pub="$ps/public/thong-bao/hop"
    ok "motcua build: the announcement's audio is the recording" eval \
       'status_is 0 && [ "$(json_get "$pub/hop.mp3.json" voice_source)" = recording ] && near "$(dur "$pub/hop.mp3")" "$EXPECT" 0.3'
    ok "motcua build: the page shows the transcript and plays the broadcast version" eval \
       'grep -q "hop.mp3" "$pub/index.html" && grep -q "nhà văn hóa khu phố" "$pub/index.html"'
    SD=$(json_get "$pub/hop.mp3.json" duration_seconds)
    ok "motcua build: the schedule's #EXTINF is the recording's real duration ($SD s)" eval \
       'grep -q "#EXTINF:$SD," "$ps/public/phat-thanh/p1/2026-12-02.m3u8" && near "$SD" "$EXPECT" 0.3'
    ok "motcua build: the podcast encloses it" eval 'grep -q "thong-bao/hop/hop.mp3" "$ps/public/thong-bao/podcast.xml"'
    cp "$pub/hop.mp3" "$tmp/site-before.mp3"
    echo "không phải âm thanh" > "$ps/content/thong-bao/hop/ban-tin.m4a"
    run "$MOTCUA" build -s "$ps" -o "$ps/public"
    ok "motcua build: a broken recording is an error naming it; the published audio stays" eval \
       'status_is 1 && stderr_has "content/thong-bao/hop/index.md:1: error: cannot make the announcement'"'"'s audio: content/thong-bao/hop/ban-tin.m4a: cannot read the recording" && cmp -s "$pub/hop.mp3" "$tmp/site-before.mp3"'
else
    skip "motcua build with a recording" "MOTCUA is not set"
fi
finish
