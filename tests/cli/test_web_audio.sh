# test_web_audio.sh — the web version of an announcement's audio (issue 17,
# item 5), measured with ffprobe: a 3-minute bulletin read twice with the
# chime and the ward's opening and closing for the loudspeakers gets, for
# the portal's player, an Opus and an MP3 file that are each under 1 MB,
# mono, at their low bitrates, and as long as one reading (no chime, no
# opening, no repeat); a recorded announcement's web version is the
# recording once. The page plays them and offers the loudspeaker file as
# a download. Needs ffprobe (ffmpeg).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
: "${LOA:?set LOA to the loa binary}"

repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT
if ! command -v ffprobe >/dev/null 2>&1; then
    echo "FAIL ffprobe is missing: apt-get install ffmpeg"; echo "0 passed, 1 failed"; exit 1
fi

site=$tmp/site
mkdir -p "$site/content/thong-bao/ghi-am"
ln -s "$repo/themes" "$site/themes"
cat >"$site/site.yaml" <<'YAML'
title: "Cổng thử"
base_url: "https://thu.example/"
audio:
  voice: vi
  chime: true
  bitrate: 96
  opening: "A lô, a lô! Đây là Đài truyền thanh phường. Đài xin thông báo:"
  closing: "Đài truyền thanh phường vừa thông báo. Đề nghị bà con nhân dân biết và thực hiện."
YAML
# one paragraph is read in about 14 s; thirteen make a 3-minute bulletin
para="Ủy ban nhân dân phường thông báo lịch tiêm chủng mở rộng cho trẻ em dưới năm tuổi tại trạm y tế phường từ bảy giờ ba mươi đến mười một giờ ngày thứ Bảy. Phụ huynh mang theo sổ tiêm chủng và thẻ bảo hiểm y tế của trẻ, đến đúng giờ và thực hiện khai báo y tế."
{
    printf -- '---\ntitle: "Bản tin dài"\ndate: 2026-11-30\nrepeat: 2\n---\n'
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do printf '%s\n\n' "$para"; done
} >"$site/content/thong-bao/ban-tin-dai.md"
# a recording: 12 s of the voice, made with loa (WAV)
run "$LOA" say "$para" -o "$tmp/voice.wav"
ok "a recording for the fixture" status_is 0
cp "$tmp/voice.wav" "$site/content/thong-bao/ghi-am/ban-tin.wav"
printf -- '---\ntitle: "Ghi âm"\ndate: 2026-11-30\nrepeat: 2\nrecording: ban-tin.wav\n---\n%s\n' "$para" \
    >"$site/content/thong-bao/ghi-am/index.md"

run "$MOTCUA" build -s "$site" -o "$tmp/pub"
ok "the site builds with audio" status_is 0

# probe FILE KEY: one ffprobe value (stream first, then format)
probe() {
    ffprobe -v error -select_streams a:0 -show_entries "stream=$2:format=$2" -of default=nw=1:nk=1 "$1" |
        grep -v '^N/A$' | head -n 1
}
size() { wc -c <"$1"; }
between() { python3 -c 'import sys; a, lo, hi = map(float, sys.argv[1:]); sys.exit(0 if lo <= a <= hi else 1)' "$@"; }

d=$tmp/pub/thong-bao/ban-tin-dai
full=$(probe "$d/ban-tin-dai.mp3" duration)
# one reading of the same title and paragraphs, no chime, no opening or
# closing (the chime alone lasts 2.4 s)
text="Bản tin dài."
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do text="$text

$para"; done
run "$LOA" say "$text" -o "$tmp/once.wav"
once=$(probe "$tmp/once.wav" duration)
echo "# loudspeaker file: ${full}s, $(size "$d/ban-tin-dai.mp3") bytes; one reading: ${once}s"
ok "the bulletin is a 3-minute reading" between "$once" 150 240
for ext in web.opus web.mp3; do
    f=$d/ban-tin-dai.$ext
    dur=$(probe "$f" duration)
    echo "# $ext: ${dur}s, $(size "$f") bytes, $(probe "$f" bit_rate) bit/s, $(probe "$f" codec_name), $(probe "$f" sample_rate) Hz"
    ok "$ext: under 1 MB (1,000,000 bytes) for the 3-minute bulletin" eval '[ "$(size "$f")" -lt 1000000 ]'
    ok "$ext: mono" eval '[ "$(probe "$f" channels)" = 1 ]'
    ok "$ext: one reading, no chime, opening or repeat (within 1.5 s of one reading)" \
        python3 -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) <= 1.5 else 1)' "$dur" "$once"
    ok "$ext: less than half the loudspeaker file" python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) * 2 < float(sys.argv[2]) else 1)' "$dur" "$full"
done
ok "web.opus is Opus at about 24 kbit/s" eval '[ "$(probe "$d/ban-tin-dai.web.opus" codec_name)" = opus ] &&
  between $(($(size "$d/ban-tin-dai.web.opus") * 8 / ${once%.*})) 16000 32000'
ok "web.mp3 is MP3 at 32 kbit/s, 24 kHz" eval '[ "$(probe "$d/ban-tin-dai.web.mp3" codec_name)" = mp3 ] &&
  [ "$(probe "$d/ban-tin-dai.web.mp3" bit_rate)" = 32000 ] && [ "$(probe "$d/ban-tin-dai.web.mp3" sample_rate)" = 24000 ]'

page=$d/index.html
ok "the player offers Opus then MP3; the loudspeaker file is a download" eval '
  tr -d "\n" <"$page" | grep -q "<audio controls preload=\"none\"><source src=\"/thong-bao/ban-tin-dai/ban-tin-dai.web.opus\" type=\"audio/ogg; codecs=opus\"><source src=\"/thong-bao/ban-tin-dai/ban-tin-dai.web.mp3\" type=\"audio/mpeg\">" &&
  grep -q "<a href=\"/thong-bao/ban-tin-dai/ban-tin-dai.mp3\" download type=\"audio/mpeg\">" "$page"'

r=$tmp/pub/thong-bao/ghi-am
voice=$(probe "$tmp/voice.wav" duration)
rdur=$(probe "$r/ghi-am.web.opus" duration)
echo "# recording ${voice}s; its web version ${rdur}s, loudspeaker file $(probe "$r/ghi-am.mp3" duration)s"
ok "a recorded announcement's web version is the recording once (within 1.5 s)" \
    python3 -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) <= 1.5 else 1)' "$rdur" "$voice"
ok "its MP3 web version too" \
    python3 -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) <= 1.5 else 1)' "$(probe "$r/ghi-am.web.mp3" duration)" "$voice"

run "$MOTCUA" build -s "$site" -o "$tmp/pub" --clean -v
ok "a second build takes every version from the cache" stderr_has "2 announcements: 0 synthesised, 2 from the cache"
finish
