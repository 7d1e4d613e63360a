# test_serve.sh — `motcua serve` end to end on a copy of tests/sites/check:
# pages and MIME types, the site's 404 page, refused path traversal, the
# draft banner, live reload (new text within a second and "event: reload"
# on the event stream), the error page after a YAML error and the recovery,
# Ctrl-C, usage errors. The server listens on 127.0.0.1 on a free port
# (-p 0) and is stopped by the test; curl fetches.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

site=$work/site
fixture check "$site"
rm -f "$site/themes"; ln -s "$root/themes" "$site/themes"   # the fixture's link is relative
mkdir -p "$work/tmp"
printf -- '---\ntitle: "Tin nháp chưa đăng"\ndate: 2026-01-15\nsummary: "Nháp."\ndraft: true\n---\nNội dung nháp.\n' \
    >"$site/content/tin-tuc/tin-nhap.md"

server_pid=
events_pid=
cleanup_servers() {
    [ -n "$events_pid" ] && kill "$events_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -f "$out" "$err"; rm -rf "$work"
}
trap cleanup_servers EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# fetch PATH [curl options...]: body in $out, status code in $code
fetch() {
    p=$1; shift
    code=$(curl -s --path-as-is -o "$out" -w '%{http_code}' "$@" "http://127.0.0.1:$port$p")
}
# wait_for SECONDS COMMAND...: retry every 50 ms until it succeeds
wait_for() {
    limit=$(( $(now_ms) + $1 * 1000 )); shift
    while ! "$@"; do
        [ "$(now_ms)" -ge "$limit" ] && return 1
        sleep 0.05
    done
}

# ---- start ------------------------------------------------------------------
TMPDIR=$work/tmp "$MOTCUA" serve -s "$site" -p 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
wait_for 20 grep -q "^Serving at " "$work/serve.out"
port=$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/ (Ctrl-C to stop)$|\1|p' "$work/serve.out")
ok "prints 'Serving at http://127.0.0.1:PORT/ (Ctrl-C to stop)' with the port it picked" [ -n "$port" ]
[ -n "$port" ] || { finish; exit 1; }

fetch /
ok "home page: 200, text/html" eval '[ "$code" = 200 ] && [ "$(curl -s -o /dev/null -w "%{content_type}" "http://127.0.0.1:$port/")" = "text/html; charset=utf-8" ]'
ok "HTML gets the reload script before </body>" eval 'grep -qF "EventSource(\"/__motcua/events\")" "$out" && tr -d "\n" <"$out" | grep -qE "location.reload\(\);\}\);\}\)\(\);</script></body>"'
ok "the files on disk stay as a build writes them (no script in the private folder)" \
   eval '! grep -rqs "__motcua" "$work/tmp"/motcua-serve-*/site/index.html'
ok "public/ is not touched" test ! -e "$site/public"
mime() { curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$port$1"; }
css=$(cd "$site/themes/default/static" && find . -name '*.css' | head -n 1 | sed 's|^\.||')
ok "CSS served as text/css" eval '[ "$(mime "$css")" = "text/css; charset=utf-8" ]'
ok "PNG served as image/png" eval '[ "$(mime /images/logo.png)" = "image/png" ] && curl -s "http://127.0.0.1:$port/images/logo.png" | cmp -s - "$site/static/images/logo.png"'
ok "robots.txt as text/plain, sitemap.xml as XML" eval '[ "$(mime /robots.txt)" = "text/plain; charset=utf-8" ] && [ "$(mime /sitemap.xml)" = "application/xml" ]'
fetch /khong-co-trang-nay/
ok "missing page: status 404 with the site's 404.html" eval '[ "$code" = 404 ] && grep -q "<title>" "$out" && grep -qF "__motcua/events" "$out"'
fetch /tin-tuc
ok "a folder without '/' redirects to 'folder/'" eval '[ "$code" = 301 ] && curl -s -D - -o /dev/null "http://127.0.0.1:$port/tin-tuc" | grep -qi "^location: /tin-tuc/"'
ok "HEAD answers without a body" eval '[ "$(curl -s -I -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/")" = 200 ]'
fetch / -X POST
ok "POST refused with 405" [ "$code" = 405 ]

# ---- path traversal -----------------------------------------------------------
echo "SECRET-OUTSIDE" >"$work/secret.txt"
for p in "/../site.yaml" "/../../secret.txt" "/%2e%2e/site.yaml" "/%2E%2E/%2e%2e/secret.txt" \
         "/tin-tuc/..%2f..%2fsite.yaml" "/tin-tuc%2f..%2f..%2fsite.yaml" "/..%5csite.yaml" \
         '/tin-tuc/..\..\site.yaml' "/%00" "/index.html%00.png" "/./site.yaml" "/%zz"; do
    fetch "$p"
    ok "traversal '$p' refused (400/404, nothing from outside)" eval \
       '{ [ "$code" = 400 ] || [ "$code" = 404 ]; } && ! grep -q "SECRET-OUTSIDE\|base_url" "$out"'
done

# ---- drafts -------------------------------------------------------------------
fetch /tin-tuc/tin-nhap/
ok "draft page served with the 'Bản nháp' banner" eval '[ "$code" = 200 ] && grep -qF "Bản nháp — trang này chưa được xuất bản" "$out"'
fetch /gioi-thieu/
ok "published page has no draft banner" eval '[ "$code" = 200 ] && ! grep -qF "Bản nháp — trang này" "$out"'

# ---- live reload ----------------------------------------------------------------
curl -sN "http://127.0.0.1:$port/__motcua/events" >"$work/events" 2>/dev/null &
events_pid=$!
ok "event stream answers (': connected')" wait_for 5 grep -q "^: connected" "$work/events"
sleep 0.2
has_text() { curl -s "http://127.0.0.1:$port/gioi-thieu/" | grep -qF "$1"; }
t0=$(now_ms)
printf '\nĐoạn mới số 4242 vừa thêm.\n' >>"$site/content/gioi-thieu.md"
wait_for 3 has_text "Đoạn mới số 4242"
t1=$(now_ms)
ok "edited text served within a second ($((t1 - t0)) ms)" eval 'has_text "Đoạn mới số 4242" && [ $((t1 - t0)) -lt 1000 ]'
ok "'event: reload' on the event stream within a second" wait_for 1 grep -q "^event: reload" "$work/events"
# a text edit of the draft takes the quick path, which makes no model: the
# draft banner, learnt from the last model, stays
printf '\nThêm vào bản nháp 777.\n' >>"$site/content/tin-tuc/tin-nhap.md"
draft_edited() { fetch /tin-tuc/tin-nhap/; grep -qF "Thêm vào bản nháp 777" "$out"; }
wait_for 3 draft_edited
ok "a text edit of a draft keeps its banner" eval 'draft_edited && grep -qF "Bản nháp — trang này chưa được xuất bản" "$out"'

# ---- build errors ------------------------------------------------------------------
cp "$site/content/gioi-thieu.md" "$work/gioi-thieu.md"
printf -- '---\ntitle: "Giới thiệu <b>mới</b>\nsummary: [chưa đóng\n---\nThân bài.\n' >"$site/content/gioi-thieu.md"
page_fails() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/gioi-thieu/")" = 500 ]; }
ok "YAML error: every page becomes the error page (status 500)" wait_for 3 page_fails
fetch /
ok "error page lists FILE:LINE: error: for the file" eval 'grep -qE "content/gioi-thieu\.md:[0-9]+(:[0-9]+)?: error: " "$out"'
ok "error page is HTML-escaped and reloads itself" eval '! grep -qF "<b>mới" "$out" && grep -qF "__motcua/events" "$out"'
ok "the error is printed in the terminal too" wait_for 2 grep -qE "content/gioi-thieu\.md:[0-9]+(:[0-9]+)?: error: " "$work/serve.err"
n_before=$(grep -c "^event: reload" "$work/events")
cp "$work/gioi-thieu.md" "$site/content/gioi-thieu.md"
page_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/gioi-thieu/")" = 200 ]; }
ok "fixing the file brings the site back" eval 'wait_for 3 page_ok && has_text "Đoạn mới số 4242"'
ok "... and sends another reload" wait_for 2 eval '[ "$(grep -c "^event: reload" "$work/events")" -gt "$n_before" ]'

# ---- a new folder and file are picked up ---------------------------------------------
mkdir -p "$site/content/tin-tuc/2026"
printf -- '---\ntitle: "Tin trong thư mục mới"\ndate: 2026-02-01\nsummary: "Mới."\n---\nThư mục mới.\n' \
    >"$site/content/tin-tuc/2026/tin-moi.md"
new_page() { curl -s "http://127.0.0.1:$port/tin-tuc/" | grep -qF "Tin trong thư mục mới"; }
ok "a file in a new folder is watched and built" wait_for 3 new_page

# ---- stop ---------------------------------------------------------------------------
kill "$events_pid" 2>/dev/null; events_pid=
kill -INT "$server_pid"
wait "$server_pid"; st=$?
server_pid=
ok "Ctrl-C stops cleanly (exit 0)" [ "$st" -eq 0 ]
ok "the private build folder is removed" eval '[ -z "$(ls -A "$work/tmp")" ]'

# ---- an incomplete procedure: an error page, or with --allow-incomplete a warning ------
printf -- '---\ntitle: "Thủ tục thiếu phần"\n---\nChưa có gì.\n' >"$site/content/thu-tuc/thieu-phan.md"
TMPDIR=$work/tmp "$MOTCUA" serve -s "$site" -p 0 --allow-incomplete >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
wait_for 20 grep -q "^Serving at " "$work/serve.out"
port=$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/ (Ctrl-C to stop)$|\1|p' "$work/serve.out")
fetch /thu-tuc/thieu-phan/
ok "--allow-incomplete: the incomplete procedure is served, with warnings" eval '[ "$code" = 200 ] && grep -qF "Thủ tục thiếu phần" "$out" && grep -q "thieu-phan.md.*warning" "$work/serve.err"'
kill -INT "$server_pid"; wait "$server_pid"; server_pid=
"$MOTCUA" build -s "$site" -o "$work/strict" -q >/dev/null 2>"$work/strict.err"
ok "... which without it fails the build" grep -q "thieu-phan.md.*error" "$work/strict.err"
rm "$site/content/thu-tuc/thieu-phan.md"

# ---- command line ---------------------------------------------------------------------
run "$MOTCUA" serve -p abc
ok "-p abc: exit 2 with a message" eval 'status_is 2 && stderr_has "port from 0 to 65535"'
run "$MOTCUA" serve -s "$site" --bind 999.1.1.1 -p 0
ok "--bind with a bad address: exit 1 with a message" eval 'status_is 1 && stderr_has "999.1.1.1"'
run "$MOTCUA" serve --help
ok "--help describes -p, --bind and --allow-incomplete" eval 'status_is 0 && stdout_has "--bind=ADDR" && stdout_has "--port=PORT" && stdout_has "--allow-incomplete"'
run "$MOTCUA" --help
ok "motcua --help lists serve and check" eval 'stdout_has "  serve " && stdout_has "  check "'

finish
