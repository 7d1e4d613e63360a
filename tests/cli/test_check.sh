# test_check.sh — `motcua check` on copies of tests/sites/check: a clean
# site passes; broken internal links, a missing #anchor, a missing image,
# an image without alt text, drafts, future dates, news without a summary
# and an incomplete procedure are reported at their FILE:LINE; --format
# json; --external against tests/tools/linkserver.py on 127.0.0.1 (200,
# HEAD refused, 301, 404, 500, a 500 that recovers, and a timeout); the
# one-day cache; usage errors.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

linkserver_pid=
cleanup() {
    [ -n "$linkserver_pid" ] && kill "$linkserver_pid" 2>/dev/null
    rm -f "$out" "$err"; rm -rf "$work"
}
trap cleanup EXIT

# site NAME: a fresh copy of the fixture in $work/NAME
site() {
    fixture check "$work/$1"
    rm -f "$work/$1/themes"; ln -s "$root/themes" "$work/$1/themes"
}
# json_query EXPR: python3 evaluates EXPR with `d` the JSON report in $out
json_query() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$out"; }

# ---- a clean site -------------------------------------------------------------------
site clean
run "$MOTCUA" check -s "$work/clean"
ok "clean fixture: exit 0, no errors" eval 'status_is 0 && stdout_has ": 0 errors, 0 warnings"'
ok "public/ is not written" test ! -e "$work/clean/public"

# ---- broken internal links, anchors, images --------------------------------------------
site broken
b=$work/broken
cat >"$b/content/tin-tuc/lien-ket.md" <<'EOF'
---
title: "Liên kết hỏng"
date: 2026-03-03
summary: "Thử các liên kết."
---
Xem [trang không có](/thu-tuc/khong-co-thu-tuc-nay/).

Xem [bước không có](../huong-dan-nop-ho-so.md#buoc-9-khong-co).

![Sơ đồ tổ chức](/images/so-do-khong-co.png)

![](/images/logo.png)

Một [liên kết tốt](../gioi-thieu.md#lich-tiep-dan) và [một bước có thật](../huong-dan-nop-ho-so.md#buoc-2-nop-ho-so).
EOF
printf -- '---\ntitle: "Tin nháp"\ndate: 2026-01-10\nsummary: "Nháp."\ndraft: true\n---\nNháp.\n' >"$b/content/tin-tuc/nhap.md"
printf -- '---\ntitle: "Tin hẹn giờ"\ndate: 2099-01-01\nsummary: "Sau này."\n---\nSau này.\n' >"$b/content/tin-tuc/hen-gio.md"
printf -- '---\ntitle: "Tin thiếu tóm tắt"\ndate: 2026-02-02\n---\nKhông có tóm tắt.\n' >"$b/content/tin-tuc/thieu-tom-tat.md"
printf -- '---\ntitle: "Thủ tục còn thiếu"\nfield: "Hộ tịch"\n---\nChưa viết xong.\n' >"$b/content/thu-tuc/thu-tuc-con-thieu.md"
tree_sum "$b" >"$work/before.sum"
run "$MOTCUA" check -s "$b"
f=content/tin-tuc/lien-ket.md
ok "broken site: exit 1" status_is 1
ok "broken link at its line" stdout_has "$f:6: error: broken link '/thu-tuc/khong-co-thu-tuc-nay/'"
ok "missing #anchor at its line" eval 'grep -qF "$f:8: error: link '"'"'/huong-dan-nop-ho-so/#buoc-9-khong-co'"'"': no heading or element with id '"'"'buoc-9-khong-co'"'"'" "$out"'
ok "missing image at its line" stdout_has "$f:10: error: missing file: '/images/so-do-khong-co.png'"
ok "image without alt text at its line" stdout_has "$f:12: error: image '/images/logo.png' has no alt text"
ok "good links and existing anchors are not reported" eval '! grep -qE "$f:14:" "$out"'
ok "draft reported as a warning at its 'draft:' line" stdout_has "content/tin-tuc/nhap.md:5: warning: draft"
ok "future date reported as a warning at its 'date:' line" stdout_has "content/tin-tuc/hen-gio.md:3: warning: dated in the future"
ok "news without a summary reported" stdout_has "content/tin-tuc/thieu-tom-tat.md:1: warning: news without a summary"
ok "incomplete procedure reported as errors (procedure.h rules)" \
   eval 'grep -qE "^content/thu-tuc/thu-tuc-con-thieu\.md:[0-9]+: error: " "$out"'
ok "grouped by file: one block per file, separated by blank lines" eval \
   'awk -F: "/: (error|warning): /{ if (\$1 != last && seen[\$1]++) bad=1; last=\$1 } END { exit bad }" "$out" && grep -q "^$" "$out"'
ok "summary line counts errors and warnings" eval 'tail -n 1 "$out" | grep -qE "^motcua: checked [0-9]+ pages, [0-9]+ internal links: [0-9]+ errors, 3 warnings$"'
ok "the site folder is left exactly as it was" eval 'tree_sum "$b" | cmp -s - "$work/before.sum"'

run "$MOTCUA" check -s "$b" --format json
ok "--format json: valid JSON, ok false, exit 1" eval 'status_is 1 && json_query "d[\"ok\"] is False and d[\"errors\"] >= 5 and d[\"warnings\"] == 3"'
ok "--format json: problems grouped by file with line, kind and url" json_query \
   '[ (p["line"], p["kind"], p["url"]) for g in d["files"] if g["file"] == "content/tin-tuc/lien-ket.md" for p in g["problems"] ] == [(6, "link", "/thu-tuc/khong-co-thu-tuc-nay/"), (8, "anchor", "/huong-dan-nop-ho-so/#buoc-9-khong-co"), (10, "asset", "/images/so-do-khong-co.png"), (12, "alt", "/images/logo.png")]'

# a site that does not build: its errors, exit 1
site nobuild
printf -- '---\ntitle: [chưa đóng\n---\n' >"$work/nobuild/content/hong.md"
run "$MOTCUA" check -s "$work/nobuild"
ok "a site that does not build: exit 1 with its FILE:LINE errors" eval 'status_is 1 && grep -qE "^content/hong\.md:[0-9]+(:[0-9]+)?: error: " "$err"'

# ---- external links -------------------------------------------------------------------
python3 "$root/tests/tools/linkserver.py" "$work/requests.log" >"$work/linkserver.port" 2>/dev/null &
linkserver_pid=$!
i=0; while [ ! -s "$work/linkserver.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
lp=$(head -n 1 "$work/linkserver.port")
site ext
e=$work/ext
u=http://127.0.0.1:$lp
cat >"$e/content/tin-tuc/ngoai.md" <<EOF
---
title: "Liên kết ngoài"
date: 2026-03-04
summary: "Thử liên kết ngoài."
---
[tốt]($u/ok)

[không nhận HEAD]($u/no-head)

[đã chuyển]($u/moved)

[không còn]($u/missing)

[lỗi máy chủ]($u/error)

[lúc được lúc không]($u/flaky)

[không trả lời]($u/slow)

[tốt, lần nữa]($u/ok#phan-2)
EOF
t0=$(date +%s)
run "$MOTCUA" check -s "$e" --external --timeout 1 --format json
t1=$(date +%s)
g=content/tin-tuc/ngoai.md
probs() { python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
for g in d['files']:
    if g['file'] == sys.argv[2]:
        for p in g['problems']: print(p['line'], p['severity'], p['kind'], p['url'], p.get('target', ''), p['message'])
" "$out" "$g"; }
probs >"$work/ext.txt"
ok "--external: exit 1 (broken links), finished in bounded time ($((t1 - t0)) s)" eval 'status_is 1 && [ $((t1 - t0)) -lt 20 ]'
ok "200: not reported" eval '! awk -v u="$u/ok" "\$4 == u || \$4 == u \"#phan-2\"" "$work/ext.txt" | grep -q .'
ok "HEAD refused (405): asked again with GET, not reported" eval \
   '! grep -qF "/no-head" "$work/ext.txt" && grep -qx "HEAD /no-head" "$work/requests.log" && grep -qx "GET /no-head" "$work/requests.log"'
ok "301: a warning at its line with the redirect target" eval 'grep -qxF "10 warning redirect $u/moved $u/ok link '"'"'$u/moved'"'"' redirects (HTTP 301) to $u/ok; link to the new address" "$work/ext.txt"'
ok "404: an error at its line" eval 'grep -qE "^12 error external $u/missing .*HTTP 404" "$work/ext.txt"'
ok "500: an error after 2 retries (3 requests)" eval 'grep -qE "^14 error external $u/error .*HTTP 500 \(tried 3 times\)" "$work/ext.txt" && [ "$(grep -c " /error$" "$work/requests.log")" -eq 3 ]'
ok "a 500 that recovers on retry: not reported" eval '! grep -qF "/flaky" "$work/ext.txt" && [ "$(grep -c " /flaky$" "$work/requests.log")" -eq 2 ]'
ok "no answer: an error naming the timeout" eval 'grep -qE "^18 error external $u/slow .*no answer within 1.0 s" "$work/ext.txt"'
ok "one request per URL: the #fragment does not make another" eval '[ "$(grep -c " /ok$" "$work/requests.log")" -eq 1 ]'
ok "results cached in SITE/.motcua/links.json" eval 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"version\"] == 1 and sys.argv[2] + \"/ok\" in d[\"urls\"]" "$e/.motcua/links.json" "$u"'

: >"$work/requests.log"
run "$MOTCUA" check -s "$e" --external --timeout 1
ok "second run: 200, 301 and 404 come from the cache (no request)" eval \
   '! grep -qE " /(ok|moved|missing|no-head)$" "$work/requests.log" && stdout_has "from the cache"'
ok "second run: 500 and timeouts are asked again" eval 'grep -qE " /error$" "$work/requests.log"'
ok "second run: same verdicts, text grouped with FILE:LINE" eval \
   'status_is 1 && stdout_has "$g:12: error: broken external link '"'"'$u/missing'"'"': HTTP 404" && stdout_has "$g:10: warning: link '"'"'$u/moved'"'"' redirects"'
: >"$work/requests.log"
run "$MOTCUA" check -s "$e" --external --fresh --timeout 1
ok "--fresh ignores the cache" eval 'grep -qE "^HEAD /ok$" "$work/requests.log"'
echo "not json" >"$e/.motcua/links.json"
run "$MOTCUA" check -s "$e" --external --timeout 1
ok "a corrupt cache is ignored with a warning" eval 'stdout_has "link cache is not one motcua wrote" && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$e/.motcua/links.json"'
run "$MOTCUA" check -s "$e"
ok "without --external, no request is made to other sites" eval '[ "$(grep -c . "$work/requests.log")" -gt 0 ] && n=$(grep -c . "$work/requests.log") && "$MOTCUA" check -s "$e" >/dev/null; [ "$(grep -c . "$work/requests.log")" -eq "$n" ]'

# ---- command line -------------------------------------------------------------------
run "$MOTCUA" check --format xml
ok "--format xml: exit 2" eval 'status_is 2 && stderr_has "--format is '"'"'text'"'"' or '"'"'json'"'"'"'
run "$MOTCUA" check --timeout 0
ok "--timeout 0: exit 2" status_is 2
run "$MOTCUA" check --help
ok "--help describes --external and --format" eval 'status_is 0 && stdout_has "--external" && stdout_has "--format=FORMAT"'

finish
