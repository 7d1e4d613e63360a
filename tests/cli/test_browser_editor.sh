# test_browser_editor.sh — the content editor at /admin/ of `motcua serve`.
# With curl, against the server's local backend (Decap CMS's proxy
# protocol, editor_backend.h): requests from another origin, without the
# token or with a wrong one, of another type, and paths that leave the site
# or content/ (../, absolute, encoded, a link leading out, a hidden folder)
# are refused and nothing is written; a page saved through it is written as
# a person writes it (keys in the field table's order). The editor's config
# has every key of the field tables and no other. Then Chromium
# (tests/browser/editor.test.mjs) makes a procedure through the form, edits
# an existing one's fee and is refused an invalid value; afterwards
# `motcua check` passes on the site with the new page. The server listens on
# 127.0.0.1 only and is stopped at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
stop_all() {
    browser_cleanup
    rm -rf "$work"
}
trap stop_all EXIT INT TERM

browser_setup
if [ -n "$BROWSER_SKIP" ]; then skip "the content editor in the browser" "$BROWSER_SKIP"; finish; exit; fi
if [ ! -f "$(dirname "$MOTCUA")/build/editor/decap-cms/decap-cms.js" ]; then
    skip "the content editor" "its files are not installed (make editor)"; finish; exit
fi

site=$work/site
mkdir -p "$site/content/thu-tuc" "$site/content/tin-tuc" "$site/content/thong-bao" "$work/tmp" "$work/outside"
ln -s "$repo/themes" "$site/themes"
printf 'title: "Phường Thử"\nbase_url: "https://thu.example/"\n' >"$site/site.yaml"
cp -R "$repo/content/thu-tuc/dang-ky-ket-hon" "$site/content/thu-tuc/"
# its one link leads to a page this small site does not have
sed -i 's|\[\([^]]*\)\](\.\./cap-giay-xac-nhan-tinh-trang-hon-nhan\.md)|\1|' "$site/content/thu-tuc/dang-ky-ket-hon/index.md"
printf -- '---\ntitle: "Tin thường"\ndate: 2026-11-20\nsummary: "Một tin."\n---\nMột tin.\n' >"$site/content/tin-tuc/tin.md"
printf -- '---\ntitle: "Lịch họp tổ dân phố"\ndate: 2026-11-20\n---\nTổ dân phố số 3 họp lúc 19 giờ.\n' >"$site/content/thong-bao/hop-to.md"
echo "secret" >"$work/outside/secret.md"
ln -s "$work/outside" "$site/content/ra-ngoai"
mkdir -p "$site/content/.an"
before=$(cd "$site" && find . -type f -newer "$site/site.yaml" | sort)

serve_start "$site" "$work/tmp"
ok "the preview server starts" [ -n "$port" ]
[ -n "$port" ] || { cat "$work/tmp/serve.err"; finish; exit 1; }
base="http://127.0.0.1:$port"
api="$base/__motcua/cms"

curl -s "$base/admin/" >"$work/admin.html"
token=$(sed -n 's/.*var TOKEN="\([0-9a-f]*\)".*/\1/p' "$work/admin.html" | head -n 1)
ok "/admin/ is the editor's page with a session token" eval '[ ${#token} -eq 32 ] && grep -q "decap-cms.js" "$work/admin.html"'
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/admin/decap-cms.js")
ok "the editor's script is served from the build, not a CDN" eval '[ "$code" = 200 ] && ! grep -qiE "https?://(unpkg|cdn|jsdelivr)" "$work/admin.html"'
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: evil.example:$port" "$base/admin/")
ok "/admin/ under another host name (DNS rebinding) is refused" [ "$code" = 403 ]
ok "the published site has no /admin/" eval '! "$MOTCUA" build -q -s "$site" -o "$work/public" >/dev/null 2>&1 || [ ! -e "$work/public/admin" ]'

# the config has every key of the field tables, and no other
sed -n 's/.*CONFIG=\(.*\);$/\1/p' "$work/admin.html" | sed 's|<\\/|</|g' >"$work/config.json"
"$MOTCUA" fields --format json >"$work/fields.json"
node -e '
const cfg = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const kinds = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const common = ["title", "date", "body"];
let bad = [];
const keys = (fs) => fs.map((f) => f.name || f.key);
function same(where, table, editor, top) {
  for (const f of table) {
    const e = editor.find((x) => x.name === f.key);
    if (!e) { bad.push(`${where}${f.key} is in the tables but not in the editor`); continue; }
    if (e.label !== f.label_vi) bad.push(`${where}${f.key}: label ${e.label}`);
    if (!!e.required !== !!f.required) bad.push(`${where}${f.key}: required`);
    if (f.choices) {
      const opts = (e.options || (e.field && e.field.options) || []).map((o) => o.value + "=" + o.label);
      const want = f.choices.map((c) => c.code + "=" + c.vi);
      if (opts.join() !== want.join()) bad.push(`${where}${f.key}: choices ${opts}`);
    }
    if (f.items) same(`${where}${f.key}.`, f.items, e.fields || [], false);
  }
  for (const e of editor)
    if (!table.find((f) => f.key === e.name) && !(top && common.includes(e.name)))
      bad.push(`${where}${e.name} is in the editor but not in the tables`);
}
for (const k of kinds) {
  const c = cfg.collections.find((c) => c.name === k.kind);
  if (!c) { bad.push(`kind ${k.kind} has no collection`); continue; }
  if (c.label !== k.label_vi) bad.push(`kind ${k.kind}: label ${c.label}`);
  same(k.kind + ": ", k.fields, c.fields, true);
  if (keys(c.fields).join() !== ["title", "date", ...keys(k.fields), "body"].join())
    bad.push(`kind ${k.kind}: fields out of the table order`);
}
if (cfg.collections.length !== kinds.length) bad.push("a collection without a kind");
if (cfg.locale !== "vi") bad.push("the locale is not vi");
if (bad.length) console.log(bad.join("\n"));
process.exit(bad.length ? 1 : 0);
' "$work/config.json" "$work/fields.json" >"$out" 2>&1
ok "the editor has every field of the tables, with its label, required mark and choices, and no other" eval '[ ! -s "$out" ] && [ -s "$work/config.json" ]'

cms() { # expected-status description json [curl-args...]
    want=$1 what=$2 body=$3; shift 3
    code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Content-Type: application/json" "$@" --data-binary "$body" "$api")
    ok "$what: $want ($(head -c 100 "$out" | tr '\\\n' '/ '))" [ "$code" = "$want" ]
}
good() { echo "-H Origin:$base -H X-Motcua-Token:$token"; }
cms 403 "another origin" '{"action":"info","params":{}}' -H "Origin: http://evil.example" -H "X-Motcua-Token: $token"
cms 403 "no Origin" '{"action":"info","params":{}}' -H "X-Motcua-Token: $token"
cms 403 "a rebinding host name" '{"action":"info","params":{}}' -H "Host: evil.example:$port" -H "Origin: http://evil.example:$port" -H "X-Motcua-Token: $token"
cms 403 "no token" '{"action":"info","params":{}}' -H "Origin: $base"
cms 403 "a wrong token" '{"action":"info","params":{}}' -H "Origin: $base" -H "X-Motcua-Token: 0123456789abcdef0123456789abcdef"
code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: text/plain" --data-binary '{"action":"info"}' "$api")
ok "a form post (text/plain) is refused: $code" [ "$code" = 415 ]
code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Origin: $base" -H "X-Motcua-Token: $token" -H "Content-Type: application/json" -H "Content-Length: 90000000" --data-binary '{}' "$api")
ok "more than 64 MB is refused: $code" [ "$code" = 413 ]
cms 200 "info" '{"action":"info","params":{}}' $(good)
cms 200 "slug folds đ as motcua slug does" '{"action":"slug","params":{"title":"Đăng ký: Đổi (mới)!! 1.2"}}' $(good)
ok "  ... the same slug" eval '[ "$(cat "$out")" = "{\"slug\":\"$("$MOTCUA" slug "Đăng ký: Đổi (mới)!! 1.2")\"}" ]'
for p in "content/../site.yaml" "../outside/secret.md" "/etc/passwd" "content/../../outside/secret.md" \
         "content/ra-ngoai/secret.md" "content/.an/x.md" "site.yaml" "themes/default/x.md"; do
    cms 403 "reading $p" "{\"action\":\"getEntry\",\"params\":{\"path\":\"$p\"}}" $(good)
    cms 403 "writing $p" "{\"action\":\"persistEntry\",\"params\":{\"dataFiles\":[{\"path\":\"$p\",\"raw\":\"---\\ntitle: x\\n---\\n\"}],\"assets\":[],\"options\":{}}}" $(good)
    cms 403 "a file at $p" "{\"action\":\"persistMedia\",\"params\":{\"asset\":{\"path\":\"$p.txt\",\"content\":\"eA==\",\"encoding\":\"base64\"}}}" $(good)
    cms 403 "deleting $p" "{\"action\":\"deleteFile\",\"params\":{\"path\":\"$p\"}}" $(good)
done
cms 403 "listing outside content/" '{"action":"entriesByFolder","params":{"folder":"..","extension":"md","depth":3}}' $(good)
cms 403 "a list through a link that leads out" '{"action":"getMedia","params":{"mediaFolder":"content/ra-ngoai"}}' $(good)
cms 422 "a page whose YAML does not load: its FILE:LINE message" '{"action":"persistEntry","params":{"dataFiles":[{"path":"content/tin-tuc/hong.md","raw":"---\ntitle: [x\n---\n"}],"assets":[],"options":{}}}' $(good)
ok "  ... the message names the file and line" grep -q 'content/tin-tuc/hong.md:[0-9]*' "$out"
ok "nothing was written or read outside, site.yaml untouched" eval \
   '[ "$(cat "$work/outside/secret.md")" = secret ] && [ ! -e "$site/content/tin-tuc/hong.md" ] &&
    [ "$(cd "$site" && find . -type f -newer "$site/site.yaml" | sort)" = "$before" ] && [ ! -e "$work/outside/secret.md.txt" ]'

# a save through the protocol is written as by hand: keys in table order, codes bare, Vietnamese choices as codes
cms 200 "a news page saved through the backend" '{"action":"persistEntry","params":{"dataFiles":[{"path":"content/tin-tuc/moi/index.md","raw":"---\ndraft: false\ntags:\n  - Hộ tịch\nsummary: Tóm tắt \"ngắn\"\ndate: 2026-12-01\ntitle: Tin mới\nmotcua_slug: moi\n---\nNội dung.\n"}],"assets":[{"path":"content/tin-tuc/moi/anh.txt","content":"eGluIGNow6Bv","encoding":"base64"}],"options":{}}}' $(good)
printf -- '---\ntitle: "Tin mới"\ndate: 2026-12-01\nsummary: "Tóm tắt \\"ngắn\\""\ntags: ["Hộ tịch"]\ndraft: false\n---\nNội dung.\n' >"$work/want.md"
ok "  ... written as a person writes it" cmp "$work/want.md" "$site/content/tin-tuc/moi/index.md"
ok "  ... its file beside it" eval '[ "$(cat "$site/content/tin-tuc/moi/anh.txt")" = "xin chào" ]'
cms 200 "reading it back" '{"action":"getEntry","params":{"path":"content/tin-tuc/moi/index.md"}}' $(good)
ok "  ... the same text, with its id" eval 'node -e "const e=JSON.parse(require(\"fs\").readFileSync(process.argv[1]));process.exit(e.data===require(\"fs\").readFileSync(process.argv[2],\"utf8\")&&/^[0-9a-f]{64}$/.test(e.file.id)?0:1)" "$out" "$work/want.md"'

# the site builds again without the link that leads out
rm -f "$site/content/ra-ngoai"; rmdir "$site/content/.an"

# the checks of a saved page show on its preview page
cms 200 "an incomplete procedure saved" '{"action":"persistEntry","params":{"dataFiles":[{"path":"content/thu-tuc/thieu/index.md","raw":"---\ntitle: Thủ tục <thiếu>\nlevel: Cấp xã\n---\n"}],"assets":[],"options":{}}}' $(good)
ok "  ... its choice written as the code" grep -q "^level: xa$" "$site/content/thu-tuc/thieu/index.md"
# (wait for this page's own check: before the rebuild the preview may be
# an earlier error page, which lists other files' checks)
i=0
while ! curl -s "$base/thu-tuc/thieu/" | grep -q 'thiếu &quot;Lĩnh vực&quot; (field)'; do
    i=$((i + 1)); [ $i -gt 200 ] && break; sleep 0.1
done
curl -s "$base/thu-tuc/thieu/" >"$work/thieu.html"
# (missing parts are errors: the preview is the error page, listing them escaped)
ok "  ... its preview lists the procedure checks, escaped" grep -q "thiếu &quot;Lĩnh vực&quot; (field)" "$work/thieu.html"
rm -rf "$site/content/thu-tuc/thieu"
i=0
while curl -s "$base/thu-tuc/dang-ky-ket-hon/" | grep -q 'thiếu &quot;'; do
    i=$((i + 1)); [ $i -gt 200 ] && break; sleep 0.1
done
ok "  ... a complete page has no such list" eval '! curl -s "$base/thu-tuc/dang-ky-ket-hon/" | grep -q "thiếu &quot;"' 
BROWSER_URL="$base/" SITE="$site" NEW_SLUG="$("$MOTCUA" slug "Cấp đổi Giấy phép đăng ký hộ kinh doanh (thử)")" \
    browser_run "$BROWSER_DIR/editor.test.mjs"

new="$site/content/thu-tuc/cap-doi-giay-phep-dang-ky-ho-kinh-doanh-thu/index.md"
ok "the new procedure is a bundle named by motcua slug" [ -f "$new" ]
keys=$(sed -n '2,/^---$/p' "$new" | grep -oE '^[a-z_]+:' | tr -d : | tr '\n' ' ')
order=$(node -e 'const k=JSON.parse(require("fs").readFileSync(process.argv[1])).find(k=>k.kind==="procedure");console.log(["title","date",...k.fields.map(f=>f.key)].join(" "))' "$work/fields.json")
ok "its keys are in the field table's order ($keys)" eval 'node -e "const o=process.argv[2].split(\" \");const k=process.argv[1].trim().split(\" \");let i=0;for(const x of k){const j=o.indexOf(x);if(j<i)process.exit(1);i=j}" "$keys" "$order"'
ok "its lists are written one item a line" eval 'grep -q "^  - name: \"Giấy đề nghị cấp đổi \\\\\"bản gốc\\\\\"\"$" "$new" && grep -q "^    original: ban_chinh$" "$new" && grep -q "^  - amount: 75000$\|^    amount: 75000$" "$new"'
run "$MOTCUA" check -s "$site"
ok "motcua check passes on the site with the saved pages" status_is 0
finish
