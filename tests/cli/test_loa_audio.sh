# test_loa_audio.sh — `loa say`, `loa render` and `loa voices`, with the
# audio checked by independent tools: ffmpeg's ebur128 filter (loudness,
# true peak), ffprobe (codec, rate, channels, bitrate, duration, tags) and
# sox (clipping). Needs ffmpeg, ffprobe, sox with MP3 support (Debian
# packages ffmpeg, sox, libsox-fmt-mp3) and python3; installs nothing.
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
for tool in ffmpeg ffprobe sox python3; do
    command -v $tool >/dev/null 2>&1 || { echo "missing $tool (install ffmpeg sox libsox-fmt-mp3 python3)"; echo "0 passed, 1 failed"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out" "$err"' EXIT
TITLE="Thông báo lịch tiêm chủng mở rộng tháng 12 – Phường Đông Hoa Lư"
BODY="Kính thưa toàn thể nhân dân! Trạm Y tế phường tổ chức tiêm chủng mở rộng vào ngày 01/12/2026, từ 7h30 đến 11h00. Đề nghị các gia đình có trẻ em trong độ tuổi đưa trẻ đến tiêm đúng lịch, mang theo sổ tiêm chủng và CCCD của cha mẹ. Mọi thắc mắc xin liên hệ số 0229.3871.234."

# integrated loudness and true peak as ffmpeg measures them: "I TP"
ebur() { ffmpeg -hide_banner -nostats -i "$1" -filter_complex ebur128=peak=true -f null - 2>&1 |
         awk '/Summary:/{s=1} s&&/ I:/{i=$2} s&&/Peak:/{p=$2} END{print i, p}'; }
probe() { ffprobe -v error -select_streams a:0 -show_entries "$2" -of default=nw=1:nk=1 "$1" | head -n 1; }
near() { python3 -c "import sys; sys.exit(0 if abs(float('$1') - float('$2')) <= float('$3') else 1)"; }
le() { python3 -c "import sys; sys.exit(0 if float('$1') <= float('$2') else 1)"; }
json_get() { python3 -c "import json,sys; print(json.load(open('$1'))['$2'])"; }
only_files() { [ "$(ls -A "$1" | tr '\n' ' ')" = "$2" ]; }

run "$LOA" voices
ok "voices lists the three Vietnamese voices" eval 'status_is 0 && stdout_has "vi	" && stdout_has "vi-vn-x-central" && stdout_has "vi-vn-x-south"'

# --- say: MP3 at the default target -----------------------------------------
run "$LOA" say "$BODY" -o "$tmp/say.mp3"
ok "say writes an MP3 and its sidecar" eval 'status_is 0 && [ -s "$tmp/say.mp3" ] && [ -s "$tmp/say.mp3.json" ]'
set -- $(ebur "$tmp/say.mp3")
I=$1 TP=$2
ok "say: integrated loudness -16 LUFS +-0.5 (ffmpeg ebur128: $I)" near "$I" -16 0.5
ok "say: true peak <= -1.4 dBTP (ffmpeg ebur128: $TP)" le "$TP" -1.4
ok "say: mp3, 44100 Hz, mono" eval '[ "$(probe "$tmp/say.mp3" stream=codec_name)" = mp3 ] && [ "$(probe "$tmp/say.mp3" stream=sample_rate)" = 44100 ] && [ "$(probe "$tmp/say.mp3" stream=channels)" = 1 ]'
BR=$(probe "$tmp/say.mp3" stream=bit_rate)
ok "say: constant 128 kbit/s (ffprobe: $BR)" near "$BR" 128000 1000
ok "say: sidecar loudness matches ffmpeg within 0.2" near "$(json_get "$tmp/say.mp3.json" integrated_loudness_lufs)" "$I" 0.2
ok "say: sidecar true peak matches ffmpeg within 0.3 dB" near "$(json_get "$tmp/say.mp3.json" true_peak_dbtp)" "$TP" 0.3
ok "say: sidecar names voice, engine, format and a sha256" eval '[ "$(json_get "$tmp/say.mp3.json" voice)" = vi ] && [ "$(json_get "$tmp/say.mp3.json" format)" = mp3 ] && json_get "$tmp/say.mp3.json" engine | grep -q espeak-ng && json_get "$tmp/say.mp3.json" text_sha256 | grep -qE "^[0-9a-f]{64}$"'
DUR=$(probe "$tmp/say.mp3" format=duration)
ok "say: sidecar duration matches ffprobe within 0.1 s" near "$(json_get "$tmp/say.mp3.json" duration_seconds)" "$DUR" 0.1
run sox "$tmp/say.mp3" -n stats
ok "say: no clipped samples (sox stats)" eval '! grep -qi clip "$err" && awk "/Pk lev dB/{exit !(\$4 < 0)}" "$err"'

# --- loudness target -23 ------------------------------------------------------
run "$LOA" say --loudness -23 --format wav "$BODY" -o "$tmp/quiet.wav"
set -- $(ebur "$tmp/quiet.wav")
I=$1 TP=$2
ok "--loudness -23 gives -23 LUFS +-0.5 (ffmpeg: $I)" eval 'status_is 0 && near "$I" -23 0.5 && le "$TP" -1.4'

# --- read twice lasts twice as long -----------------------------------------
LONG="$BODY $BODY $BODY"
run "$LOA" say "$LONG" -o "$tmp/once.wav"
run "$LOA" say --repeat 2 "$LONG" -o "$tmp/twice.wav"
D1=$(probe "$tmp/once.wav" format=duration); D2=$(probe "$tmp/twice.wav" format=duration)
ok "read twice lasts twice as long +-10% ($D1 s, $D2 s)" python3 -c "import sys; r=$D2/$D1; sys.exit(0 if 1.8 <= r <= 2.2 else 1)"
run "$LOA" say --repeat 2 --chime "Xin chào" -o "$tmp/chime.wav"
ok "--chime plays the chime before the text" eval 'status_is 0 && python3 -c "import sys; sys.exit(0 if float(\"$(probe "$tmp/chime.wav" format=duration)\") > 3.5 else 1)"'

# --- render: every format, Vietnamese title read back exactly ----------------
mkdir -p "$tmp/site"
cat > "$tmp/site/site.yaml" <<YAML
title: "Cổng thông tin thử"
wards:
  - id: dong-hoa-lu
    name: "Phường Đông Hoa Lư"
  - id: tay-hoa-lu
    name: "Phường Tây Hoa Lư"
audio:
  opening: "Đài truyền thanh xin thông báo:"
  closing: "Đài vừa thông báo."
  repeat_phrase: "Xin nhắc lại:"
  chime: true
YAML
cat > "$tmp/tiem-chung.md" <<MD
---
title: "$TITLE"
date: 2026-11-26
wards: [dong-hoa-lu]
repeat: 1
voice: vi
---

$BODY
MD
# Each format: the sidecar names its codec and bitrate mode (from the
# format table); ffprobe must find that codec in the file.
for f in mp3 ogg opus flac wav; do
    run "$LOA" render --site "$tmp/site" --format $f "$tmp/tiem-chung.md" -o "$tmp/out-$f"
    file="$tmp/out-$f/tiem-chung.$f"
    codec=$(json_get "$file.json" codec 2>/dev/null) mode=$(json_get "$file.json" bitrate_mode 2>/dev/null)
    ok "render $f: ffprobe finds the sidecar's codec ($codec); bitrate mode $mode" eval \
       '[ -n "$codec" ] && [ "$(probe "$file" stream=codec_name)" = "$codec" ] && case $f in mp3) [ "$mode" = constant ];; ogg|opus) [ "$mode" = variable ];; *) [ "$mode" = lossless ];; esac'
    got=$(ffprobe -v error -show_entries format_tags=title:stream_tags=title -of default=nw=1:nk=1 "$file" | head -n 1)
    set -- $(ebur "$file")
    I=$1 TP=$2
    ok "render $f: written, title read back exactly, -16 +-0.5 LUFS ($I), TP <= -1.4 ($TP)" eval \
       'status_is 0 && [ "$got" = "$TITLE" ] && near "$I" -16 0.5 && le "$TP" -1.4 && only_files "$tmp/out-$f" "tiem-chung.$f tiem-chung.$f.json "'
done
ok "opus is written at 48 kHz" eval '[ "$(probe "$tmp/out-opus/tiem-chung.opus" stream=sample_rate)" = 48000 ] && [ "$(probe "$tmp/out-opus/tiem-chung.opus" stream=codec_name)" = opus ]'
ok "flac and wav are 44100 Hz mono" eval '[ "$(probe "$tmp/out-flac/tiem-chung.flac" stream=sample_rate)" = 44100 ] && [ "$(probe "$tmp/out-wav/tiem-chung.wav" stream=channels)" = 1 ]'
ART=$(ffprobe -v error -show_entries format_tags=artist -of default=nw=1:nk=1 "$tmp/out-mp3/tiem-chung.mp3")
ok "mp3 artist tag is the station, in UTF-8 ($ART)" eval '[ "$ART" = "Đài truyền thanh phường" ]'
ok "mp3 has no Latin-1 ID3v1 trailer" eval '[ "$(tail -c 128 "$tmp/out-mp3/tiem-chung.mp3" | head -c 3)" != TAG ]'

# --- render: one file per ward when the opening names the ward ---------------
sed -i 's/Đài truyền thanh xin thông báo:/Đài truyền thanh {ward} xin thông báo:/' "$tmp/site/site.yaml"
sed -i 's/^wards: .*/wards: all/' "$tmp/tiem-chung.md"
run "$LOA" render --site "$tmp/site" --format wav "$tmp/tiem-chung.md" -o "$tmp/wards"
ok "render makes DIR/<ward>/<slug>.ext for each ward" eval 'status_is 0 && [ -s "$tmp/wards/dong-hoa-lu/tiem-chung.wav" ] && [ -s "$tmp/wards/tay-hoa-lu/tiem-chung.wav" ] && [ "$(json_get "$tmp/wards/tay-hoa-lu/tiem-chung.wav.json" ward)" = tay-hoa-lu ]'
ok "the per-ward files differ in their spoken text" eval '[ "$(json_get "$tmp/wards/dong-hoa-lu/tiem-chung.wav.json" text_sha256)" != "$(json_get "$tmp/wards/tay-hoa-lu/tiem-chung.wav.json" text_sha256)" ]'
sed -i 's/^wards: .*/wards: [khong-co]/' "$tmp/tiem-chung.md"
run "$LOA" render --site "$tmp/site" "$tmp/tiem-chung.md" -o "$tmp/bad-ward"
ok "an unknown ward is an error at its line" eval 'status_is 1 && stderr_has "tiem-chung.md:4: error: unknown ward" && ! ls "$tmp/bad-ward"/*/* >/dev/null 2>&1'

# --- bad input: clear error, exit 1, no file left ------------------------------
mkdir -p "$tmp/bad"
sed -i 's/^wards: .*/wards: [dong-hoa-lu]/' "$tmp/tiem-chung.md"
run "$LOA" say "" -o "$tmp/bad/x.mp3"
ok "empty text is refused" eval 'status_is 1 && stderr_has "nothing to read aloud" && only_files "$tmp/bad" ""'
run "$LOA" say "* * *" "!!!" -o "$tmp/bad/x.mp3"
ok "text with nothing speakable is refused" eval 'status_is 1 && stderr_has "nothing to read aloud" && only_files "$tmp/bad" ""'
run "$LOA" say "$(printf 'Xin ch\303 \377')" -o "$tmp/bad/x.mp3"
ok "invalid UTF-8 is refused with line and column" eval 'status_is 1 && stderr_has "(command line):1:" && stderr_has "invalid UTF-8" && only_files "$tmp/bad" ""'
run "$LOA" say --voice en-us "Xin chào" -o "$tmp/bad/x.mp3"
ok "unknown voice is refused" eval 'status_is 1 && stderr_has "unknown voice '"'"'en-us'"'"'" && only_files "$tmp/bad" ""'
run "$LOA" say --format aac "Xin chào" -o "$tmp/bad/x.mp3"
ok "unknown format is refused, the formats named" eval 'status_is 1 && stderr_has "unknown format '"'"'aac'"'"'; use mp3, ogg" && only_files "$tmp/bad" ""'
run "$LOA" say "Xin chào" -o "$tmp/bad/missing/x.mp3"
ok "a missing output folder is refused" eval 'status_is 1 && stderr_has "cannot create a file in its folder" && only_files "$tmp/bad" ""'
: > "$tmp/bad/plainfile"
run "$LOA" render --site "$tmp/site" "$tmp/tiem-chung.md" -o "$tmp/bad/plainfile/out"
ok "an output folder that cannot be made is refused" eval 'status_is 1 && stderr_has "cannot create folder" && only_files "$tmp/bad" "plainfile "'
printf -- '---\ntitle: "x"\nrepeat: 50\n---\nXin chào\n' > "$tmp/bad/r.md"
run "$LOA" render --site "$tmp/site" "$tmp/bad/r.md" -o "$tmp/bad"
ok "repeat out of range is an error at its line" eval 'status_is 1 && stderr_has "r.md:3: error: repeat:" && only_files "$tmp/bad" "plainfile r.md "'
run "$LOA" say --loudness abc "x" -o "$tmp/bad/x.mp3"
ok "a non-number option value is refused" eval 'status_is 1 && stderr_has "--loudness needs a number"'
run "$LOA" say "Xin chào"
ok "say without -o is a usage error" eval 'status_is 2 && stderr_has "missing -o FILE"'
echo "Xin chào cả nhà" > "$tmp/old.txt"
cp "$tmp/say.mp3" "$tmp/keep.mp3"; sum=$(cksum < "$tmp/keep.mp3")
run "$LOA" say --voice nope "Xin chào" -o "$tmp/keep.mp3"
ok "a failed run leaves an existing file untouched" eval 'status_is 1 && [ "$(cksum < "$tmp/keep.mp3")" = "$sum" ]'
finish
