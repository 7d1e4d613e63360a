# test_browser_portal.sh — the portal as a citizen uses it on a phone
# (issue 17, items 3, 4 and 5), in headless Chromium at 360x740 through the
# shared harness (nginx on 127.0.0.1): the alert banner (colours, contrast,
# icon, instruction; an alert that ends disappears and one published later
# appears on a page built before, without a rebuild; without JavaScript the
# built banner stays), English (/en/ pages link only English pages or say
# "(tiếng Việt)", every page has a language switch to its translation, the
# English search placeholder finds results), /thong-bao/ without playlists
# or CAP links, the player's web version, axe-core (tests/browser/portal.test.mjs).
#
# The example site is copied and two of its alerts are made current: the
# emergency ends in 30 days, the urgent one in 2 (the build's clock is the
# real one). A second copy with one more alert is built only for its
# /canh-bao.json, which replaces the served one: the pages stay as built.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

site=$BROWSER_TMP/example
mkdir -p "$site"
cp -r "$repo/site.yaml" "$repo/content" "$repo/themes" "$repo/published-urls.txt" "$site/"
# the audio cache of the repository's own builds, when there is one: the
# same announcements are not synthesised again
[ -d "$repo/.motcua/audio-cache" ] && mkdir -p "$site/.motcua" && cp -r "$repo/.motcua/audio-cache" "$site/.motcua/"
soon=$(date -d '+2 days' +%F)
later=$(date -d '+30 days' +%F)
sed -i "s/^expires: .*/expires: $later/" "$site/content/thong-bao/tin-bao-khan-cap-con-bao-so-9.md"
sed -i "s/^expires: .*/expires: $soon/" "$site/content/thong-bao/tam-ngung-cap-nuoc-de-sua-chua-duong-ong.md"

browser_setup
axe_setup
[ -z "$BROWSER_SKIP" ] && browser_serve "$site"
if [ -n "$BROWSER_SKIP" ]; then
    skip "browser portal tests" "$BROWSER_SKIP"
    finish; exit
fi

# the newer site: one more emergency, with characters HTML must escape
newer=$BROWSER_TMP/newer
cp -r "$site" "$newer"
cat >"$newer/content/thong-bao/lu-quet.md" <<MD
---
title: "Lũ quét <b>xã</b> & sạt lở đất"
date: $(date +%F)
wards: all
priority: emergency
expires: $later
instruction: "Di chuyển ngay lên vùng cao, tránh xa sông suối <script>"
summary: "Nguy cơ lũ quét."
---
Nguy cơ lũ quét và sạt lở đất.
MD
"$MOTCUA" build -q -s "$newer" -o "$BROWSER_TMP/newer-site" --no-audio --base-url "$BROWSER_URL" \
    >"$BROWSER_TMP/newer.log" 2>&1
ok "the newer site builds (for its alerts file)" eval '[ -s "$BROWSER_TMP/newer-site/canh-bao.json" ]'

SITE_DIR=$BROWSER_TMP/site NEWER_ALERTS=$BROWSER_TMP/newer-site/canh-bao.json \
    SOON="$soon" LATER="$later" browser_run "$BROWSER_DIR/portal.test.mjs"
finish
