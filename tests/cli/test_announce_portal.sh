# test_announce_portal.sh — announcements on the portal (issue 7, item 2)
# and their audio in `motcua build` (item 3), on a small fixture site:
# the page (HTML5 player, duration, transcript, wards, times), the list
# (current and past), the podcast RSS (xmllint, enclosure length = the
# file's size, absolute URL, audio/mpeg), CAP 1.2 (xmllint against
# tests/data/cap12.rng, since the official XSD cannot be had offline; the
# resource's size = the file's size) and its Atom index, the site-wide
# banner until expiry, both priority spellings, the cache (a second build
# synthesises nothing), --no-audio, -j byte-identity, and errors at
# FILE:LINE. Needs xmllint (libxml2-utils) and python3.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"

repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT
if ! command -v xmllint >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL xmllint or python3 is missing: apt-get install libxml2-utils python3"
    echo "0 passed, 1 failed"; exit 1
fi

site=$tmp/site
mkdir -p "$site/content/thong-bao"
ln -s "$repo/themes" "$site/themes"
cat >"$site/site.yaml" <<'EOF'
title: "Cổng thử"
base_url: "https://thu.example/cong/"
city:
  name: "Ninh Bình"
  authority: "Ủy ban nhân dân thử"
one_stop:
  email: "motcua@thu.example"
wards:
  - id: a
    name: "Phường A"
  - id: b
    name: "Phường B"
audio:
  voice: vi
  chime: false
  opening: ""
  closing: ""
EOF
cat >"$site/content/thong-bao/tin-bao-khan-cap.md" <<'EOF'
---
title: "Tin bão khẩn cấp"
date: 2026-11-20
priority: khan_cap
wards: all
expires: 2099-12-31
tags: ["thiên tai", "bão"]
summary: "Bão số 9 đổ bộ."
slots:
  - "2026-11-20 10:00"
  - daily: ["06:00", "17:00"]
    from: 2026-11-21
    to: 2026-11-22
---
Bão số 9 sắp đổ bộ. Bà con chằng chống nhà cửa.
EOF
cat >"$site/content/thong-bao/tam-ngung-cap-nuoc.md" <<'EOF'
---
title: "Tạm ngừng cấp nước"
date: 2020-01-02
priority: urgent
wards: [a]
expires: 2020-01-03
summary: "Ngừng cấp nước."
---
Ngày mai tạm ngừng cấp nước.
EOF
cat >"$site/content/thong-bao/tiem-chung.md" <<'EOF'
---
title: "Tiêm chủng"
date: 2026-11-18
priority: thong_thuong
wards: [a, b]
expires: 2099-01-01
repeat: 2
---
Trạm Y tế tổ chức tiêm chủng mở rộng.
EOF
cat >"$site/content/thong-bao/hop-to-dan-pho.md" <<'EOF'
---
title: "Họp tổ dân phố"
date: 2026-11-19
priority: uu_tien
wards: [b]
expires: 2099-01-01
---
Mời bà con họp tổ dân phố lúc 19 giờ.
EOF
pub=$tmp/pub
run "$MOTCUA" build -s "$site" -o "$pub" --verbose -j 4
ok "the fixture builds with audio" status_is 0
ok "four announcements synthesised, none from the cache" stderr_has "4 announcements: 4 synthesised, 0 from the cache"
ok "no warning" eval '! grep -q warning "$err"'

page=$pub/thong-bao/tin-bao-khan-cap/index.html
mp3=$pub/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.mp3
ok "the audio and its sidecar are beside the page" test -s "$mp3" -a -s "$mp3.json"
ok "the page's player plays the web versions, Opus first, then MP3" eval 'tr -d "\n" <"$page" | grep -q "<audio controls preload=\"none\"><source src=\"/cong/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.web.opus\" type=\"audio/ogg; codecs=opus\"><source src=\"/cong/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.web.mp3\" type=\"audio/mpeg\">"'
ok "the loudspeaker file is offered as a download" grep -q '<a href="/cong/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.mp3" download type="audio/mpeg">' "$page"
ok "the page gives the duration" grep -q '<time datetime="PT[0-9]*M[0-9]*S">[0-9]* giây</time>' "$page"
ok "the page has the transcript as written" eval 'grep -q "Nội dung thông báo" "$page" && grep -q "Bão số 9 sắp đổ bộ. Bà con chằng chống nhà cửa." "$page"'
ok "the page names the wards" eval 'grep -q "Tất cả các phường, xã" "$page" && grep -q "<li>Phường A</li>" "$pub/thong-bao/tiem-chung/index.html"'
ok "the page lists the broadcast times in words" eval 'grep -q "<li>10:00 ngày 20/11/2026</li>" "$page" && grep -q "<li>06:00, 17:00 hằng ngày, từ 21/11/2026 đến 22/11/2026</li>" "$page"'
ok "the page links its CAP alert for machines, in the head, and shows citizens no CAP link" eval 'grep -q "<link rel=\"alternate\" type=\"application/cap+xml\" href=\"/cong/cap/tin-bao-khan-cap.xml\">" "$page" && ! grep -q "<a [^>]*cap+xml" "$page" && ! grep -q "CAP 1.2" "$page"'
ok "a normal announcement has no CAP" eval '! grep -q "CAP 1.2" "$pub/thong-bao/tiem-chung/index.html" && [ ! -e "$pub/cap/tiem-chung.xml" ]'

# ---- the list: current and past ----
list=$pub/thong-bao/index.html
ok "the list has a current and a past part" eval 'grep -q "Thông báo hiện hành" "$list" && grep -q "Thông báo đã hết hiệu lực" "$list"'
ok "the expired announcement is under past" eval 'sed -n "/da-het-hieu-luc/,\$p" "$list" | grep -q "Tạm ngừng cấp nước" && ! sed -n "/hien-hanh/,/da-het-hieu-luc/p" "$list" | grep -q "Tạm ngừng cấp nước"'
ok "the list links the podcast" grep -q 'href="/cong/thong-bao/podcast.xml"' "$list"

# ---- banner ----
home=$pub/index.html
ok "the banner shows the emergency first, then the urgent (uu_tien) one" \
    eval 'grep -A3 "alert-banner" "$home" | grep -q "alert-emergency" && grep -q "Họp tổ dân phố" "$home"'
ok "the banner is on every page" grep -q 'class="alert-banner"' "$pub/thong-bao/tiem-chung/index.html"
ok "an expired alert is not in the banner" eval '! grep -A8 "alert-banner" "$home" | grep -q "Tạm ngừng cấp nước"'
ok "a normal announcement is not in the banner" eval '! grep -A8 "alert-banner" "$home" | grep -q "Tiêm chủng"'

# ---- podcast RSS ----
pod=$pub/thong-bao/podcast.xml
run xmllint --noout "$pod"
ok "the podcast feed is well-formed XML" status_is 0
cat >"$tmp/rss.rng" <<'EOF'
<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="rss"><attribute name="version"><value>2.0</value></attribute>
    <element name="channel"><interleave>
      <element name="title"><text/></element><element name="link"><data type="anyURI"/></element>
      <element name="description"><text/></element>
      <zeroOrMore><ref name="channel-other"/></zeroOrMore>
      <oneOrMore><element name="item"><interleave>
        <element name="title"><text/></element><element name="link"><data type="anyURI"/></element>
        <element name="guid"><optional><attribute name="isPermaLink"/></optional><text/></element>
        <element name="pubDate"><text/></element>
        <element name="enclosure">
          <attribute name="url"><data type="anyURI"><param name="pattern">https://.*</param></data></attribute>
          <attribute name="length"><data type="positiveInteger"/></attribute>
          <attribute name="type"><value>audio/mpeg</value></attribute>
        </element>
        <zeroOrMore><ref name="item-other"/></zeroOrMore>
      </interleave></element></oneOrMore>
    </interleave></element></element></start>
  <define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>
  <define name="channel-other"><element><anyName><except><name>item</name><name>title</name><name>link</name><name>description</name></except></anyName>
    <zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>
  <define name="item-other"><element><anyName><except><name>title</name><name>link</name><name>enclosure</name><name>guid</name><name>pubDate</name></except></anyName>
    <zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>
</grammar>
EOF
run xmllint --noout --relaxng "$tmp/rss.rng" "$pod"
ok "the podcast feed has items with absolute enclosure URLs, lengths and audio/mpeg" status_is 0
cat >"$tmp/enclosures.py" <<'EOF'
import os, sys, xml.etree.ElementTree as ET
pub, base = sys.argv[1], sys.argv[2]
items = ET.parse(os.path.join(pub, "thong-bao/podcast.xml")).getroot().findall("channel/item")
bad = []
for it in items:
    e = it.find("enclosure")
    path = os.path.join(pub, e.get("url")[len(base):])
    if not os.path.isfile(path) or os.path.getsize(path) != int(e.get("length")):
        bad.append(e.get("url"))
print(len(items), "items;", "bad:", bad)
sys.exit(1 if bad or len(items) != 4 else 0)
EOF
run python3 "$tmp/enclosures.py" "$pub" "https://thu.example/cong/"
ok "every enclosure length equals its file's size (4 items)" status_is 0
ok "items carry itunes:duration" eval '[ $(grep -c "<itunes:duration>00:00:[0-9][0-9]</itunes:duration>" "$pod") -eq 4 ]'

# ---- CAP 1.2 ----
rng=$repo/tests/data/cap12.rng
ok "one CAP file per urgent or emergency announcement (both spellings)" \
    eval '[ -f "$pub/cap/tin-bao-khan-cap.xml" ] && [ -f "$pub/cap/hop-to-dan-pho.xml" ] && [ -f "$pub/cap/tam-ngung-cap-nuoc.xml" ] && [ $(ls "$pub/cap" | wc -l) -eq 4 ]'
run xmllint --noout --relaxng "$rng" "$pub"/cap/tin-bao-khan-cap.xml "$pub"/cap/hop-to-dan-pho.xml "$pub"/cap/tam-ngung-cap-nuoc.xml
ok "every CAP file validates against the CAP 1.2 grammar" status_is 0
sed 's|<scope>Public</scope>||' "$pub/cap/tin-bao-khan-cap.xml" >"$tmp/noscope.xml"
sed 's|<urgency>Immediate</urgency>|<urgency>Soon</urgency>|' "$pub/cap/tin-bao-khan-cap.xml" >"$tmp/badurgency.xml"
run xmllint --noout --relaxng "$rng" "$tmp/noscope.xml"
st1=$status
run xmllint --noout --relaxng "$rng" "$tmp/badurgency.xml"
ok "the grammar refuses a CAP without scope or with a wrong urgency" eval '[ $st1 -ne 0 ] && [ $status -ne 0 ]'
cap=$pub/cap/tin-bao-khan-cap.xml
ok "emergency: Immediate, Severe, category Met from the tags" \
    eval 'grep -q "<urgency>Immediate</urgency>" "$cap" && grep -q "<severity>Severe</severity>" "$cap" && grep -q "<category>Met</category>" "$cap"'
ok "urgent (uu_tien): Expected, Moderate" \
    eval 'grep -q "<urgency>Expected</urgency>" "$pub/cap/hop-to-dan-pho.xml" && grep -q "<severity>Moderate</severity>" "$pub/cap/hop-to-dan-pho.xml"'
ok "identifier, sender, sent, expires" \
    eval 'grep -q "<identifier>thu.example.tin-bao-khan-cap</identifier>" "$cap" && grep -q "<sender>motcua@thu.example</sender>" "$cap" && grep -q "<sent>2026-11-20T00:00:00+07:00</sent>" "$cap" && grep -q "<expires>2099-12-31T23:59:59+07:00</expires>" "$cap"'
ok "one area per ward" eval 'grep -q "<areaDesc>Phường B</areaDesc>" "$pub/cap/hop-to-dan-pho.xml"'
size=$(sed -n 's|.*<size>\([0-9]*\)</size>.*|\1|p' "$cap")
ok "the resource is the audio: audio/mpeg, size = the file's size, absolute uri" \
    eval 'grep -q "<mimeType>audio/mpeg</mimeType>" "$cap" && [ "$size" = "$(wc -c <"$mp3")" ] && grep -q "<uri>https://thu.example/cong/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.mp3</uri>" "$cap"'
run xmllint --noout "$pub/cap/atom.xml"
ok "the CAP Atom index is well-formed" status_is 0
ok "the index lists the alerts newest first" \
    eval '[ $(grep -c "<entry>" "$pub/cap/atom.xml") -eq 3 ] && grep -m1 "<title>" "$pub/cap/atom.xml" >/dev/null && sed -n "/<entry>/,\$p" "$pub/cap/atom.xml" | grep -m1 "<title>" | grep -q "Tin bão khẩn cấp"'

# ---- the cache, -j, --no-audio ----
run "$MOTCUA" build -s "$site" -o "$tmp/pub2" --verbose -j 1
ok "second build: nothing synthesised (cache counts in --verbose)" stderr_has "4 announcements: 0 synthesised, 4 from the cache"
ok "-j 4 and -j 1 give byte-identical trees, audio included" diff -r "$pub" "$tmp/pub2"
run "$MOTCUA" build -s "$site" -o "$tmp/pub3" --verbose
ok "without --verbose no cache line; with it the line is there" stderr_has "from the cache"
run "$MOTCUA" build -s "$site" -o "$tmp/noaudio" --no-audio
ok "--no-audio builds" status_is 0
ok "--no-audio: no audio, no podcast, no player" \
    eval '[ ! -e "$tmp/noaudio/thong-bao/tin-bao-khan-cap/tin-bao-khan-cap.mp3" ] && [ ! -e "$tmp/noaudio/thong-bao/podcast.xml" ] && ! grep -q "<audio" "$tmp/noaudio/thong-bao/tin-bao-khan-cap/index.html"'
run xmllint --noout --relaxng "$rng" "$tmp/noaudio/cap/tin-bao-khan-cap.xml"
ok "--no-audio: CAP still written and valid, without a resource" \
    eval 'status_is 0 && ! grep -q "<resource>" "$tmp/noaudio/cap/tin-bao-khan-cap.xml"'
sed 's/^audio:/audio:\n  enabled: false/' "$site/site.yaml" >"$tmp/off.yaml"
cp "$site/site.yaml" "$tmp/on.yaml"
cp "$tmp/off.yaml" "$site/site.yaml"
run "$MOTCUA" build -s "$site" -o "$tmp/off" --verbose
ok "audio: enabled: false turns the audio off" eval 'status_is 0 && ! stderr_has "from the cache" && [ ! -e "$tmp/off/thong-bao/podcast.xml" ]'
cp "$tmp/on.yaml" "$site/site.yaml"

# ---- errors at FILE:LINE ----
cp "$site/content/thong-bao/tiem-chung.md" "$tmp/keep.md"
sed -i 's/^repeat: 2/repeat: 20/' "$site/content/thong-bao/tiem-chung.md"
run "$MOTCUA" build -s "$site" -o "$pub"
ok "repeat out of range is an error at its line, the site is left as it was" \
    eval 'status_is 1 && stderr_has "content/thong-bao/tiem-chung.md:7: error: repeat: must be a whole number from 1 to 10" && [ -f "$mp3" ]'
cp "$tmp/keep.md" "$site/content/thong-bao/tiem-chung.md"
sed -i 's/^priority: thong_thuong/priority: thong_thuong\nvoice: giong-la/' "$site/content/thong-bao/tiem-chung.md"
run "$MOTCUA" build -s "$site" -o "$pub"
ok "an unknown voice is an error at its line" eval 'status_is 1 && stderr_has "content/thong-bao/tiem-chung.md:5: error: voice: '"'"'giong-la'"'"' is not known"'
cp "$tmp/keep.md" "$site/content/thong-bao/tiem-chung.md"
printf -- '---\ntitle: "Trống"\ndate: 2026-11-01\n---\n\n' >"$site/content/thong-bao/trong.md"
run "$MOTCUA" build -s "$site" -o "$pub"
ok "an announcement with nothing to read is an error naming its file" \
    eval 'status_is 1 && stderr_has "content/thong-bao/trong.md" && stderr_has "nothing to read aloud"'
rm "$site/content/thong-bao/trong.md"

# ---- a fixture without audio: settings makes no audio and no podcast ----
# (a copy: a build writes the site's ledger, and tests never write into tests/sites/)
mkdir "$tmp/basic-site"
for f in "$repo/tests/sites/basic"/*; do [ "$(basename "$f")" = expected ] || cp -R "$f" "$tmp/basic-site/"; done
run "$MOTCUA" build -q -s "$tmp/basic-site" -o "$tmp/basic"
ok "a site without audio: settings builds without audio" \
    eval 'status_is 0 && [ -z "$(find "$tmp/basic" -name "*.mp3")" ] && [ ! -e "$tmp/basic/thong-bao/podcast.xml" ]'

finish
