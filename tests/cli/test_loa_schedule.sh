# test_loa_schedule.sh — `loa schedule`: per-ward, per-day playlists (M3U8),
# JSON timetables and printable HTML timetables from the fixture
# tests/sites/announce (overlapping slots in three wards, all three
# priorities in both spellings, an expired announcement, a slot over the
# session limit), checked with python3; then errors at FILE:LINE (unknown
# ward, impossible dates and times, a bad priority) that write nothing.
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
command -v python3 >/dev/null 2>&1 || { echo "missing python3"; echo "0 passed, 1 failed"; exit 1; }
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out" "$err"' EXIT
cp -R "$root/tests/sites/announce" "$tmp/site"
tb=$tmp/site/content/thong-bao
py() { python3 -c "$1" "$tmp/out"; }

run "$LOA" render --site "$tmp/site" "$tb"/[a-z]*.md -o "$tmp/audio"
ok "render the fixture's announcements" eval 'status_is 0 && [ -s "$tmp/audio/bao-khan-cap.mp3.json" ]'

(cd "$tmp" && "$LOA" schedule site/content/thong-bao --audio audio --site site -o out >"$out" 2>"$err"); status=$?
ok "schedule exits 0 and lists the playlists" eval 'status_is 0 && stdout_has "out/phuong-a/2026-12-01.m3u8"'
ok "per ward and per day: .m3u8, .json, .html and the audio" eval '
  for w in phuong-a phuong-b phuong-c; do for d in 01 02 03; do
    for e in m3u8 json html; do [ -s "$tmp/out/$w/2026-12-$d.$e" ] || exit 1; done; done; done
  [ -s "$tmp/out/phuong-a/bao-khan-cap.mp3" ] && [ ! -e "$tmp/out/phuong-c/tiem-chung.mp3" ]'
ok "playlist: #EXTM3U, slots in time order, khan_cap > uu_tien > thong_thuong" eval '
  [ "$(head -n 1 "$tmp/out/phuong-a/2026-12-01.m3u8")" = "#EXTM3U" ] &&
  [ "$(grep -v "^#" "$tmp/out/phuong-a/2026-12-01.m3u8" | tr "\n" " ")" = "bao-khan-cap.mp3 cat-nuoc.mp3 hop-dan.mp3 tiem-chung.mp3 tiem-chung.mp3 " ]'
ok "playlist durations equal the sidecars' durations" py '
import json, os, sys, glob
out = sys.argv[1]; n = 0
for m3u in glob.glob(out + "/*/*.m3u8"):
    lines = open(m3u, encoding="utf-8").read().splitlines()
    for i, l in enumerate(lines):
        if l.startswith("#EXTINF:"):
            dur = float(l[8:].split(",", 1)[0]); name = lines[i + 1]
            side = json.load(open(os.path.join(out, "..", "audio", name + ".json")))
            assert abs(dur - side["duration_seconds"]) < 0.0006, (m3u, name, dur)
            assert os.path.isfile(os.path.join(os.path.dirname(m3u), name)), name
            n += 1
assert n == 22, n'
ok "JSON timetables: slots by time, items by priority then title" py '
import json, sys, glob
rank = {"khan_cap": 2, "uu_tien": 1, "thong_thuong": 0}
for f in glob.glob(sys.argv[1] + "/*/*.json"):
    t = json.load(open(f))
    times = [s["time"] for s in t["slots"]]
    assert times == sorted(times) and len(set(times)) == len(times), f
    for s in t["slots"]:
        keys = [(-rank[i["priority"]], i["title"]) for i in s["items"]]
        assert keys == sorted(keys), (f, s["time"])
        assert abs(s["total_seconds"] - sum(i["duration_seconds"] for i in s["items"])) < 0.01
        assert s["over_limit"] == (s["total_seconds"] > t["session_limit_seconds"])
t = json.load(open(sys.argv[1] + "/phuong-a/2026-12-01.json"))
assert t["ward"]["name"] == "Phường An <Bình> & Co" and t["weekday"] == "Thứ Ba"
assert [i["priority"] for i in t["slots"][0]["items"]] == ["khan_cap", "uu_tien", "thong_thuong", "thong_thuong"]'
ok "over-long session: a warning naming ward, day and slot, over_limit in the JSON" eval '
  grep -q "warning: phuong-a, 2026-12-01 06:00: the session lasts 0:2[0-9] with 4 announcements, more than the 0:15 limit" "$err" &&
  [ "$(grep -c "the session lasts" "$err")" = 1 ] &&
  py "import json,sys; t=json.load(open(sys.argv[1]+\"/phuong-a/2026-12-01.json\")); assert t[\"slots\"][0][\"over_limit\"] and not t[\"slots\"][1][\"over_limit\"]"'
ok "expired announcement: warning at its expires: line, not scheduled" eval '
  grep -q "^site/content/thong-bao/het-han.md:8: warning: the announcement expired on 2026-11-30; it is not scheduled" "$err" &&
  ! grep -rq "het-han" "$tmp/out" && ! grep -q "_index" "$err"'
ok "the printable timetable: lang=vi, UTF-8, A4, escaped, priorities in Vietnamese" eval '
  h="$tmp/out/phuong-a/2026-12-01.html"
  grep -q "<html lang=\"vi\">" "$h" && grep -q "<meta charset=\"utf-8\">" "$h" && grep -q "size: A4" "$h" &&
  grep -q "Phường An &lt;Bình&gt; &amp; Co" "$h" && ! grep -q "<Bình>" "$h" &&
  grep -q "Khẩn cấp" "$h" && grep -q "Ưu tiên" "$h" && grep -q "Thứ Ba, 01/12/2026" "$h" && grep -q "vượt giới hạn" "$h"'
hv="$root/tests/tools/node_modules/.bin/html-validate"
if [ -x "$hv" ] && command -v node >/dev/null 2>&1; then
    run "$hv" --config "$root/tests/tools/htmlvalidate.config.cjs" "$tmp/out/phuong-a/2026-12-01.html" "$tmp/out/phuong-c/2026-12-03.html"
    ok "the timetable pages are valid HTML (html-validate)" status_is 0
else skip "html-validate" "tests/tools/node_modules not installed"; fi

mt=$(stat -c %Y "$tmp/out/phuong-a/bao-khan-cap.mp3"); sleep 1.1
(cd "$tmp" && "$LOA" schedule site/content/thong-bao --audio audio --site site -o out >"$out" 2>"$err"); status=$?
ok "a second run leaves unchanged audio untouched" eval 'status_is 0 && [ "$(stat -c %Y "$tmp/out/phuong-a/bao-khan-cap.mp3")" = "$mt" ]'

run "$LOA" schedule "$tb" --audio "$tmp/audio" --site "$tmp/site" -o "$tmp/one" --date 2026-12-02
ok "--date: only that day" eval 'status_is 0 && [ "$(ls "$tmp/one/phuong-a" | grep -c m3u8)" = 1 ] && [ -s "$tmp/one/phuong-a/2026-12-02.m3u8" ]'
run "$LOA" schedule "$tb" --audio "$tmp/audio" --site "$tmp/site" -o "$tmp/range" --from 2026-12-03 --to 2026-12-03
ok "--from/--to: the range only" eval 'status_is 0 && [ "$(ls "$tmp/range"/*/*.m3u8 | wc -l)" = 3 ] && [ -s "$tmp/range/phuong-b/2026-12-03.m3u8" ]'

# ---- errors: every one at its FILE:LINE, nothing written ------------------------
mkdir -p "$tmp/bad"
cat >"$tmp/bad/sai-phuong.md" <<'MD'
---
title: "Sai phường"
wards: [phuong-a, phuong-z]
slots: ["2026-12-01 06:00"]
---
x
MD
cat >"$tmp/bad/sai-gio.md" <<'MD'
---
title: "Sai giờ"
priority: rat_gap
slots:
  - "2026-12-01 06:00"
  - "2026-02-30 06:00"
  - daily: ["06:00", "25:00"]
    from: 2026-12-01
    to: 2026-12-02
---
x
MD
run "$LOA" schedule "$tmp/bad" --audio "$tmp/audio" --site "$tmp/site" -o "$tmp/badout"
ok "unknown ward: error at the wards: line" eval 'status_is 1 && stderr_has "$tmp/bad/sai-phuong.md:3: error: unknown ward '"'"'phuong-z'"'"'"'
ok "bad priority, impossible date, bad daily time: each at its line" eval '
  stderr_has "$tmp/bad/sai-gio.md:3: error: priority: '"'"'rat_gap'"'"' is not known; write thong_thuong, uu_tien or khan_cap" &&
  stderr_has "$tmp/bad/sai-gio.md:6: error: slots: '"'"'2026-02-30 06:00'"'"' is not a date and time" &&
  stderr_has "$tmp/bad/sai-gio.md:7: error: slots: daily time '"'"'25:00'"'"' is not a time"'
ok "with errors nothing is written" eval '[ ! -e "$tmp/badout" ] && stderr_has "nothing written"'
rm -f "$tmp/audio/tiem-chung.mp3"
run "$LOA" schedule "$tb" --audio "$tmp/audio" --site "$tmp/site" -o "$tmp/noaudio"
ok "missing audio: error naming the announcement and how to render it" eval 'status_is 1 && stderr_has "tiem-chung.md: error: no audio for ward phuong-a" && stderr_has "loa render"'
run "$LOA" schedule "$tb" -o "$tmp/x" --from 2026-12-05 --to 2026-12-01 --site "$tmp/site"
ok "--to before --from: usage error" eval 'status_is 2 && stderr_has "before"'
run "$LOA" schedule "$tb" --site "$tmp/site"
ok "missing -o: usage error" eval 'status_is 2 && stderr_has "missing -o"'
run "$LOA" schedule --help
ok "--help documents both priority spellings" eval 'status_is 0 && stdout_has "khan_cap (emergency)"'
finish
