# test_build_schedules.sh — `motcua build` writes the broadcast schedules
# (issue 7, item 1) beside the portal: per ward and per day
# phat-thanh/<ward>/<date>.m3u8, .json and .html, from the fixture
# tests/sites/announce (three wards, overlapping slots, all priorities,
# an expired announcement, a session limit the 06:00 slot of 2026-12-01 in
# phuong-a exceeds). Checks the playlists (#EXTM3U, #EXTINF = the sidecars'
# durations, entries that resolve to the portal's audio), the JSON order
# (khan_cap first), the warnings, html-validate on the timetable, the link
# from the announcements list, -j 1 = -j 2 byte for byte, and that an
# unknown ward is an error at the wards: line leaving the output as it was.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
command -v python3 >/dev/null 2>&1 || { echo "missing python3"; echo "0 passed, 1 failed"; exit 1; }
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT
cp -R "$root/tests/sites/announce" "$tmp/site"
ln -s "$root/themes" "$tmp/site/themes"
site=$tmp/site
pub=$tmp/pub
# the fixture's announcements are dated 2026-11-30: --future keeps them
# published whatever the date of the test run
build() { (cd "$tmp" && "$MOTCUA" build -s site --future "$@" >"$out" 2>"$err"); status=$?; }

build -o pub -j 2
ok "the fixture builds with audio and schedules" status_is 0
ok "per ward and per day: .m3u8, .json and .html" eval '
  for w in phuong-a phuong-b phuong-c; do for d in 01 02 03; do
    for e in m3u8 json html; do [ -s "$pub/phat-thanh/$w/2026-12-$d.$e" ] || exit 1; done; done; done
  [ "$(find "$pub/phat-thanh" -type f -name "20*" | wc -l)" = 27 ]'
ok "playlist: #EXTM3U, play order khan_cap > uu_tien > thong_thuong" eval '
  [ "$(head -n 1 "$pub/phat-thanh/phuong-a/2026-12-01.m3u8")" = "#EXTM3U" ] &&
  [ "$(grep -v "^#" "$pub/phat-thanh/phuong-a/2026-12-01.m3u8" | sed "s|.*/||" | tr "\n" " ")" = "bao-khan-cap.mp3 cat-nuoc.mp3 hop-dan.mp3 tiem-chung.mp3 tiem-chung.mp3 " ]'
ok "playlists: relative URLs to the portal's audio, #EXTINF = sidecar durations" python3 -c '
import glob, json, os, sys
pub = sys.argv[1]; n = 0
for m3u in sorted(glob.glob(pub + "/phat-thanh/*/*.m3u8")):
    lines = open(m3u, encoding="utf-8").read().splitlines()
    assert lines[0] == "#EXTM3U", m3u
    for i, l in enumerate(lines):
        if not l.startswith("#EXTINF:"): continue
        dur = float(l[8:].split(",", 1)[0]); ref = lines[i + 1]
        assert ref.startswith("../../thong-bao/"), ref
        audio = os.path.normpath(os.path.join(os.path.dirname(m3u), ref))
        assert os.path.isfile(audio), audio
        side = json.load(open(audio + ".json"))
        assert abs(dur - side["duration_seconds"]) < 0.0006, (m3u, ref, dur)
        n += 1
assert n == 22, n' "$pub"
if command -v ffprobe >/dev/null 2>&1; then
    ok "#EXTINF within 0.05 s of the audio file's ffprobe duration" python3 -c '
import subprocess, sys, os
m3u = sys.argv[1] + "/phat-thanh/phuong-a/2026-12-01.m3u8"
lines = open(m3u, encoding="utf-8").read().splitlines()
for i, l in enumerate(lines):
    if l.startswith("#EXTINF:"):
        f = os.path.join(os.path.dirname(m3u), lines[i + 1])
        p = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", f],
                           capture_output=True, text=True, check=True)
        assert abs(float(p.stdout) - float(l[8:].split(",")[0])) < 0.05, (f, p.stdout, l)' "$pub"
else skip "ffprobe duration" "ffprobe not installed"; fi
ok "JSON timetables: slots by time, items by priority then title, totals" python3 -c '
import glob, json, sys
rank = {"khan_cap": 2, "uu_tien": 1, "thong_thuong": 0}
for f in glob.glob(sys.argv[1] + "/phat-thanh/*/*.json"):
    t = json.load(open(f))
    times = [s["time"] for s in t["slots"]]
    assert times == sorted(times) and len(set(times)) == len(times), f
    for s in t["slots"]:
        keys = [(-rank[i["priority"]], i["title"]) for i in s["items"]]
        assert keys == sorted(keys), (f, s["time"])
        assert abs(s["total_seconds"] - sum(i["duration_seconds"] for i in s["items"])) < 0.01
        assert s["over_limit"] == (s["total_seconds"] > t["session_limit_seconds"])
t = json.load(open(sys.argv[1] + "/phat-thanh/phuong-a/2026-12-01.json"))
assert t["ward"]["name"] == "Phường An <Bình> & Co" and t["weekday"] == "Thứ Ba"
assert [i["priority"] for i in t["slots"][0]["items"]] == ["khan_cap", "uu_tien", "thong_thuong", "thong_thuong"]
assert t["slots"][0]["over_limit"] and not t["slots"][1]["over_limit"]
assert t["slots"][0]["items"][0]["source"] == "content/thong-bao/bao-khan-cap.md"' "$pub"
ok "warnings: the over-long session once, the expired announcement at its expires: line" eval '
  grep -q "warning: phuong-a, 2026-12-01 06:00: the session lasts 0:2[0-9] with 4 announcements, more than the 0:15 limit" "$err" &&
  [ "$(grep -c "the session lasts" "$err")" = 1 ] &&
  grep -q "^content/thong-bao/het-han.md:8: warning: the announcement expired on 2026-11-30; it is not scheduled" "$err" &&
  ! grep -rq "het-han" "$pub/phat-thanh"'
ok "the printable timetable: lang=vi, A4, escaped, links the audio and the playlist" eval '
  h="$pub/phat-thanh/phuong-a/2026-12-01.html"
  grep -q "<html lang=\"vi\">" "$h" && grep -q "size: A4" "$h" && grep -q "Phường An &lt;Bình&gt; &amp; Co" "$h" &&
  grep -q "Khẩn cấp" "$h" && grep -q "Thứ Ba, 01/12/2026" "$h" && grep -q "vượt giới hạn" "$h" &&
  grep -q "href=\"../../thong-bao/bao-khan-cap/bao-khan-cap.mp3\"" "$h" && grep -q "href=\"2026-12-01.m3u8\"" "$h"'
ok "the operators' page /phat-thanh/ links every timetable and playlist, noindex" eval '
  l="$pub/phat-thanh/index.html"
  [ "$(grep -o "href=\"/phat-thanh/[a-z-]*/2026-12-0[1-3].html\"" "$l" | sort -u | wc -l)" = 9 ] &&
  grep -q "href=\"/phat-thanh/phuong-c/2026-12-03.m3u8\"" "$l" && grep -q "<meta name=\"robots\" content=\"noindex\">" "$l"'
ok "the citizens' list links only the operators' page: no timetable, playlist or JSON" eval '
  l="$pub/thong-bao/index.html"
  [ "$(grep -o "href=\"/phat-thanh/[^\"]*\"" "$l" | sort -u)" = "href=\"/phat-thanh/\"" ] && ! grep -q "m3u8" "$l"'
hv="$root/tests/tools/node_modules/.bin/html-validate"
if [ -x "$hv" ] && command -v node >/dev/null 2>&1; then
    run "$hv" --config "$root/tests/tools/htmlvalidate.config.cjs" "$pub/phat-thanh/phuong-a/2026-12-01.html" \
        "$pub/phat-thanh/phuong-c/2026-12-03.html" "$pub/thong-bao/index.html" "$pub/phat-thanh/index.html"
    ok "the timetable pages and the list are valid HTML (html-validate)" status_is 0
else skip "html-validate" "tests/tools/node_modules not installed"; fi

build -o pub1 -j 1
s1=$status
build -o pub2 -j 2 --clean
ok "-j 1 and -j 2 write the same schedules, byte for byte" eval '
  [ "$s1" = 0 ] && status_is 0 && diff -r "$tmp/pub1/phat-thanh" "$tmp/pub2/phat-thanh" >/dev/null &&
  diff -r "$pub/phat-thanh" "$tmp/pub1/phat-thanh" >/dev/null'

build -o pub -j 2
ok "a second build with nothing changed keeps the schedules" eval 'status_is 0 && [ -s "$pub/phat-thanh/phuong-a/2026-12-01.m3u8" ]'

sed -i "s/^wards: \[phuong-a\]$/wards: [phuong-a, phuong-z]/" "$site/content/thong-bao/cat-nuoc.md"
before=$(cd "$pub" && find . -type f -exec sha256sum {} + | sort)
build -o pub -j 2
ok "unknown ward: an error at the wards: line, the previous output untouched" eval '
  [ "$status" -ne 0 ] && grep -q "^content/thong-bao/cat-nuoc.md:4: error: unknown ward .phuong-z." "$err" &&
  [ "$(cd "$pub" && find . -type f -exec sha256sum {} + | sort)" = "$before" ]'

sed -i "s/^wards: \[phuong-a, phuong-z\]$/wards: [phuong-a]/" "$site/content/thong-bao/cat-nuoc.md"
build -o noaudio --no-audio
ok "--no-audio: no schedules" eval 'status_is 0 && [ ! -e "$tmp/noaudio/phat-thanh" ] && ! grep -q "phat-thanh" "$tmp/noaudio/thong-bao/index.html"'
finish
