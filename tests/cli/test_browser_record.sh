# test_browser_record.sh — recording an announcement in `motcua serve`:
# Chromium with a fake microphone (speech made by `loa say`) records on the
# preview page and saves (tests/browser/record.test.mjs); the single-file
# announcement becomes a bundle with the recording beside it and
# `recording:` in its front matter. With curl: a save from another origin,
# without the token, with the wrong token, of another type, too large or
# for a page that is not an announcement is refused and writes nothing.
# The server listens on 127.0.0.1 only and is stopped at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
: "${LOA:?set LOA to the loa binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
stop_all() {
    browser_cleanup
    rm -rf "$work"
}
trap stop_all EXIT INT TERM

browser_setup
if [ -n "$BROWSER_SKIP" ]; then skip "recording in the browser" "$BROWSER_SKIP"; finish; exit; fi

site=$work/site
mkdir -p "$site/content/thong-bao" "$site/content/tin-tuc" "$work/tmp"
ln -s "$repo/themes" "$site/themes"
cat >"$site/site.yaml" <<'YAML'
title: "Phường Thử"
base_url: "https://thu.example/"
audio:
  opening: "Đài truyền thanh phường xin thông báo:"
  closing: ""
YAML
printf -- '---\ntitle: "Lịch họp tổ dân phố"\ndate: 2026-11-20\n---\nTổ dân phố số 3 họp lúc 19 giờ tối thứ Sáu tại nhà văn hóa.\n' \
    >"$site/content/thong-bao/hop-to.md"
printf -- '---\ntitle: "Tin thường"\ndate: 2026-11-20\n---\nMột tin.\n' >"$site/content/tin-tuc/tin.md"
"$LOA" say "Kính thưa bà con, tổ dân phố số ba họp lúc mười chín giờ tối thứ sáu tại nhà văn hóa. Đề nghị các hộ gia đình cử người đến dự đầy đủ." \
    -o "$work/speech.wav" --format wav --sample-rate 48000 >/dev/null 2>&1

serve_start "$site" "$work/tmp"
ok "the preview server starts" [ -n "$port" ]
[ -n "$port" ] || { cat "$work/tmp/serve.err"; finish; exit 1; }
base="http://127.0.0.1:$port"
page=/thong-bao/hop-to/

curl -s "$base$page" >"$work/page.html"
token=$(sed -n 's/.*TOKEN="\([0-9a-f]*\)".*/\1/p' "$work/page.html" | head -n 1)
ok "an announcement page gets the control and a token" eval '[ ${#token} -eq 32 ] && grep -q "id=\"motcua-recorder\"" "$work/page.html"'
ok "other pages do not get it" eval '! curl -s "$base/tin-tuc/tin/" | grep -q motcua-recorder'
ok "the files on disk do not have it" eval '! grep -rqs motcua-recorder "$work/tmp"/motcua-serve-*/site/thong-bao/hop-to/index.html'

q="page=thong-bao%2Fhop-to%2Findex.html"
post() { # expected-status description curl-args...
    want=$1 what=$2; shift 2
    code=$(curl -s -o "$out" -w '%{http_code}' -X POST "$@" "$base/__motcua/record?$q")
    ok "$what: refused with $want ($(head -c 80 "$out"))" eval '[ "$code" = "$want" ] && [ -f "$site/content/thong-bao/hop-to.md" ] && [ ! -e "$site/content/thong-bao/hop-to" ]'
}
head -c 2000 /dev/urandom >"$work/body"
post 403 "another origin" -H "Origin: http://evil.example" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" --data-binary @"$work/body"
post 403 "no Origin" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" --data-binary @"$work/body"
post 403 "a rebinding host name" -H "Host: evil.example:$port" -H "Origin: http://evil.example:$port" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" --data-binary @"$work/body"
post 403 "no token" -H "Origin: $base" -H "Content-Type: audio/webm" --data-binary @"$work/body"
post 403 "a wrong token" -H "Origin: $base" -H "X-Motcua-Token: 0123456789abcdef0123456789abcdef" -H "Content-Type: audio/webm" --data-binary @"$work/body"
post 415 "a type no recorder makes" -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: text/html" --data-binary @"$work/body"
post 413 "more than 40 MB" -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" -H "Content-Length: 50000000" --data-binary @"$work/body"
code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" \
       --data-binary @"$work/body" "$base/__motcua/record?page=tin-tuc%2Ftin%2Findex.html")
ok "a page that is not an announcement: 404, nothing written" eval '[ "$code" = 404 ] && [ "$(ls "$site/content/tin-tuc")" = tin.md ]'
code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: audio/webm" \
       --data-binary @"$work/body" "$base/__motcua/record?page=..%2F..%2Fetc%2Fpasswd")
ok "a page path that climbs out: 404, nothing written" eval '[ "$code" = 404 ]'

BROWSER_URL="$base/" PAGE="$page" FAKE_MIC="$work/speech.wav" browser_run "$BROWSER_DIR/record.test.mjs"

bundle="$site/content/thong-bao/hop-to"
ok "the announcement became a bundle: index.md with recording:, the file beside it" eval \
   '[ ! -e "$site/content/thong-bao/hop-to.md" ] && grep -q "^recording: ghi-am\.\(webm\|ogg\|m4a\)$" "$bundle/index.md" &&
    [ -s "$bundle/$(sed -n "s/^recording: //p" "$bundle/index.md")" ] && grep -q "Tổ dân phố số 3" "$bundle/index.md"'
ok "only the announcement's folder was written" eval \
   '[ "$(cd "$site/content" && find . -type f | sort | tr "\n" " ")" = "./thong-bao/hop-to/$(sed -n "s/^recording: //p" "$bundle/index.md") ./thong-bao/hop-to/index.md ./tin-tuc/tin.md " ]'
finish
