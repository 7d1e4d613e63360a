# test_build.sh — `motcua build` end to end on the fixture tests/sites/basic
# (golden output tree), determinism across -j, --drafts/--future,
# --base-url, the summary line, --quiet, --dump-context and usage errors.
# Bad input: test_build_errors.sh. Links and HTML validity: test_build_output.sh.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

site=$work/basic
fixture basic "$site"
page_count=9   # published pages of the fixture: 3 news, 3 procedures, 1 announcement, 2 plain (vi + en)

# ---- 1. golden tree ------------------------------------------------------
run "$MOTCUA" build -s "$site" -o "$work/golden" -j 2
ok "fixture builds, exit 0" status_is 0
# feeds and sitemaps are checked by test_feeds.sh, not frozen here
diff -r -x atom.xml -x rss.xml -x feed.json -x 'sitemap*.xml' \
    "$sites/basic/expected" "$work/golden" >"$work/golden.diff" 2>&1
ok "output equals tests/sites/basic/expected (diff -r)" eval '[ ! -s "$work/golden.diff" ] || { head -60 "$work/golden.diff" | sed "s/^/  | /"; false; }'

# focused checks of what the golden tree shows, so a failure says what broke
home=$work/golden/index.html
ok "home: procedure fields in Vietnamese order (Hộ tịch before Xây dựng), as on /linh-vuc/" eval \
   'awk "/Lĩnh vực<\/h2>/,/<\/ul>/" "$home" | grep -o "linh-vuc/[a-z-]*/" | tr "\n" " " | grep -qx "linh-vuc/ho-tich/ linh-vuc/xay-dung/ "'
ok "news newest first across pages (20/05, 10/04 | 02/03)" eval \
   'grep -o "<time datetime=\"[^\"]*\"" "$work/golden/tin-tuc/index.html" | tr "\n" " " | grep -q "2026-05-20.*2026-04-10" &&
    grep -q "2026-03-02" "$work/golden/tin-tuc/trang/2/index.html"'
ok "procedures in Vietnamese order (Ấn, Bổ | Đăng), not byte order" eval \
   'grep -o "thu-tuc/[a-z-]*/\">" "$work/golden/thu-tuc/index.html" | tr "\n" " " | grep -q "an-dinh-ten-duong.*bo-sung" &&
    grep -q "thu-tuc/dang-ky-khai-sinh/" "$work/golden/thu-tuc/trang/2/index.html"'
ok "bundle file is copied beside its page" eval 'cmp -s "$site/content/thu-tuc/dang-ky-khai-sinh/to-khai.txt" "$work/golden/thu-tuc/dang-ky-khai-sinh/to-khai.txt"'
ok ".md link rewritten with its #fragment" eval 'grep -qF "href=\"/thu-tuc/dang-ky-khai-sinh/#buoc-1-chuan-bi-ho-so\"" "$work/golden/gioi-thieu/index.html"'
ok "translations linked both ways" eval 'grep -qF "hreflang=\"en\" href=\"/en/" "$work/golden/gioi-thieu/index.html" && grep -qF "hreflang=\"vi\" href=\"/gioi-thieu/\"" "$work/golden/en/"*/index.html'
ok "alias page redirects to the page" eval 'grep -qF "url=/thu-tuc/dang-ky-khai-sinh/" "$work/golden/thu-tuc/khai-sinh/index.html"'
ok "titles are HTML-escaped" eval 'grep -qF "Tin &quot;đặc biệt&quot;: nộp hồ sơ trực tuyến &amp; nhận kết quả &lt;tại nhà&gt;" "$work/golden/tin-tuc/index.html" && ! grep -qF "<tại nhà>" "$work/golden/tin-tuc/index.html"'
ok "draft and future pages absent by default" eval '! grep -rqE "ban-nhap|Bản nháp|hen-gio|hẹn giờ|the/nhap|tuong-lai" "$work/golden"'

# ---- bundles: bugs the golden fixture does not contain -------------------
b=$work/bundles
fixture basic "$b"
mkdir -p "$b/content/thu-tuc/nhap"
printf -- '---\ntitle: "Thủ tục nháp"\ndraft: true\n---\nXem [mẫu](mau-nhap.txt).\n' >"$b/content/thu-tuc/nhap/index.md"
echo "mẫu của bản nháp" >"$b/content/thu-tuc/nhap/mau-nhap.txt"
printf -- '---\ntitle: "Birth registration"\n---\nDownload [the form](to-khai.txt).\n' >"$b/content/thu-tuc/dang-ky-khai-sinh/index.en.md"
run "$MOTCUA" build --allow-incomplete -s "$b" -o "$work/bundles-out" # the English page is a title only
ok "bundle with a translation builds" status_is 0
ok "files of a draft bundle are not published" eval '[ -z "$(find "$work/bundles-out" -name mau-nhap.txt)" ]'
ok "bundle file beside the Vietnamese page too when the bundle has index.en.md" \
   test -f "$work/bundles-out/thu-tuc/dang-ky-khai-sinh/to-khai.txt"
ok "bundle file beside the English page" eval '[ -n "$(find "$work/bundles-out/en" -name to-khai.txt)" ]'

# ---- 2. -j 1 and -j 4 give identical trees --------------------------------
# a generated site large enough for the workers to interleave
big=$work/big
fixture basic "$big"
i=1
while [ $i -le 150 ]; do
    d=$(printf '2025-%02d-%02d' $((i % 12 + 1)) $((i % 28 + 1)))
    printf -- '---\ntitle: "Tin số %d về cải cách"\ndate: %s\ntags: [Tag %d, Cải cách]\n---\nNội dung %d. Xem [giới thiệu](../gioi-thieu.md).\n\n## Mục %d\n' \
        $i "$d" $((i % 7)) $i $i >"$big/content/tin-tuc/tin-$i.md"
    printf -- '---\ntitle: "Thủ tục %d"\nfield: "Lĩnh vực %d"\n---\nBước %d.\n' $i $((i % 5)) $i >"$big/content/thu-tuc/tt-$i.md"
    i=$((i + 1))
done
# (its procedures are a title and a field: --allow-incomplete)
run "$MOTCUA" build --allow-incomplete -s "$big" -o "$work/j1" -j 1
st1=$status
run "$MOTCUA" build --allow-incomplete -s "$big" -o "$work/j4" -j 4
ok "generated 300-page site builds with -j 1 and -j 4" eval '[ $st1 -eq 0 ] && status_is 0'
ok "-j 1 and -j 4 trees are byte-identical (generated site)" same_tree "$work/j1" "$work/j4"
run "$MOTCUA" build --allow-incomplete -s "$big" -o "$work/j4b" -j 4
ok "two -j 4 builds are byte-identical" same_tree "$work/j4" "$work/j4b"

# the example site at the repository root, while its content builds
run "$MOTCUA" build -s "$root" -o "$work/ex1" -j 1
if [ "$status" -ne 0 ]; then
    skip "-j 1 vs -j 4 on the example site" "the example site does not build yet: $(head -n 1 "$err")"
else
    run "$MOTCUA" build -s "$root" -o "$work/ex4" -j 4
    ok "-j 1 and -j 4 trees are byte-identical (example site)" eval 'status_is 0 && same_tree "$work/ex1" "$work/ex4"'
    same_tree "$work/ex1" "$work/ex4" || diff -r "$work/ex1" "$work/ex4" | head -n 20
fi

# ---- 3. --drafts and --future ---------------------------------------------
run "$MOTCUA" build -s "$site" -o "$work/drafts" --drafts
ok "--drafts: the draft page is published" eval 'status_is 0 && grep -qF "Bản nháp chưa đăng" "$work/drafts"/tin-tuc/*/index.html'
ok "--drafts: its tag page exists" test -f "$work/drafts/the/nhap/index.html"
ok "--drafts: the news list counts 4" eval 'grep -qF "<p>4 news</p>" "$work/drafts/tin-tuc/index.html"'
ok "--drafts alone: future page still absent" eval '! grep -rqF "Tin hẹn giờ đăng" "$work/drafts"'
run "$MOTCUA" build -s "$site" -o "$work/future" --future
ok "--future: the future page is published, first in the list" eval 'status_is 0 && grep -qF "Tin hẹn giờ đăng" "$work/future/tin-tuc/index.html" &&
   grep -o "<time datetime=\"[^\"]*\"" "$work/future/tin-tuc/index.html" | head -n 1 | grep -q 2099-12-31'
ok "--future alone: draft still absent" eval '! grep -rqF "Bản nháp chưa đăng" "$work/future"'
run "$MOTCUA" build -s "$site" -o "$work/both" --drafts --future
ok "--drafts --future: 5 news, both pages and their tags" eval 'status_is 0 && grep -qF "<p>5 news</p>" "$work/both/tin-tuc/index.html" &&
   test -f "$work/both/the/nhap/index.html" && test -f "$work/both/the/tuong-lai/index.html" && grep -q "2099-12-31" "$work/both/tin-tuc/index.html"'

# ---- 4. --base-url ----------------------------------------------------------
run "$MOTCUA" build -s "$site" -o "$work/portal" --base-url http://localhost:8080/portal/
ok "--base-url with a path builds" status_is 0
ok "--base-url: files stay at the output root (no portal/ folder)" eval 'test -f "$work/portal/gioi-thieu/index.html" && ! test -e "$work/portal/portal"'
ok "--base-url: every root-relative href/src is under /portal/" eval \
   '! grep -rhoE "(href|src)=\"/[^\"]*\"" "$work/portal" --include="*.html" | grep -vE "=\"/portal/"'
ok "--base-url: same number of root-relative links as without it" eval \
   '[ "$(grep -rhoE "(href|src)=\"/portal/" "$work/portal" --include="*.html" | wc -l)" -eq "$(grep -rhoE "(href|src)=\"/" "$work/golden" --include="*.html" | wc -l)" ]'
ok "--base-url: nav, rewritten .md link, pagination, alias under /portal/" eval \
   'grep -qF "href=\"/portal/thu-tuc/\"" "$work/portal/index.html" &&
    grep -qF "href=\"/portal/thu-tuc/dang-ky-khai-sinh/#buoc-1-chuan-bi-ho-so\"" "$work/portal/gioi-thieu/index.html" &&
    grep -qF "href=\"/portal/tin-tuc/trang/2/\"" "$work/portal/tin-tuc/index.html" &&
    grep -qF "url=/portal/thu-tuc/dang-ky-khai-sinh/" "$work/portal/thu-tuc/khai-sinh/index.html"'
ok "--base-url: canonical permalink is http://localhost:8080/portal/gioi-thieu/ (base path once)" \
   grep -qF 'rel="canonical" href="http://localhost:8080/portal/gioi-thieu/"' "$work/portal/gioi-thieu/index.html"
ok "--base-url: the site.yaml address appears nowhere" eval '! grep -rqF "https://cong.example" "$work/portal"'
ok "--base-url: robots.txt names the new address" eval 'grep -qF "Sitemap: http://localhost:8080/portal/sitemap.xml" "$work/portal/robots.txt"'
run "$MOTCUA" build -s "$site" -o "$work/portal2" --base-url http://localhost:8080/portal
ok "--base-url without the trailing / gives the same site" eval 'status_is 0 && same_tree "$work/portal" "$work/portal2"'
run "$MOTCUA" build -s "$site" -o "$work/badurl" --base-url portal
ok "--base-url that is not a full address is refused" eval 'status_is 1 && stderr_has "error:" && ! test -e "$work/badurl"'

# ---- 7. summary, --quiet, --verbose, --dump-context, -j usage --------------
run "$MOTCUA" build -s "$site" -o "$work/sum"
nfiles=$(find "$work/sum" -type f | wc -l)
ok "summary line: pages and files match the output" eval 'status_is 0 && grep -qE "^motcua: built $page_count pages, $nfiles files \([0-9.]+ MB written, [0-9]+ files unchanged\) in [0-9.]+ s$" "$err" && [ ! -s "$out" ]'
ok "summary is the only line on stderr" eval '[ "$(wc -l <"$err")" -eq 1 ]'
run "$MOTCUA" build -s "$site" -o "$work/quiet" --quiet
ok "--quiet prints nothing on success" eval 'status_is 0 && [ ! -s "$out" ] && [ ! -s "$err" ] && test -f "$work/quiet/index.html"'
run "$MOTCUA" build -s "$site" -o "$work/quiet2" -q
ok "-q prints nothing on success" eval 'status_is 0 && [ ! -s "$out" ] && [ ! -s "$err" ]'
run "$MOTCUA" build -s "$site" -o "$work/verbose" --verbose
ok "--verbose prints each phase's time and the summary" eval 'status_is 0 && grep -qE "^motcua: +load +[0-9.]+ s$" "$err" && grep -qE "^motcua: +render +[0-9.]+ s$" "$err" && grep -q "^motcua: built " "$err"'

run "$MOTCUA" build -s "$site" -o "$work/dump" --dump-context /gioi-thieu/
ok "--dump-context prints valid JSON with the page's title and content" eval \
   'status_is 0 && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"page\"][\"title\"]==\"Giới thiệu\", d[\"page\"][\"title\"]; assert \"gio-lam-viec\" in d[\"page\"][\"content\"]" "$out"'
ok "--dump-context writes nothing (no output folder, no public/, no staging)" eval \
   '! test -e "$work/dump" && ! test -e "$site/public" && no_staging_left "$work/dump"'
run "$MOTCUA" build -s "$site" -o "$work/dump" --dump-context https://cong.example/tin-tuc/trang/2/
ok "--dump-context of a list page by full URL" eval 'status_is 0 && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"list\"][\"pagination\"][\"current\"]==2" "$out"'
run "$MOTCUA" build -s "$site" -o "$work/dump" --dump-context /khong-co/
ok "--dump-context of an unknown URL: exit 1, nothing written" eval 'status_is 1 && stderr_has "/khong-co/" && ! test -e "$work/dump"'

for j in 0 abc -1 257 1x; do
    run "$MOTCUA" build -s "$site" -o "$work/j-$j" -j "$j"
    ok "-j $j is a usage error (exit 2, nothing written)" eval 'status_is 2 && stderr_has "-j" && ! test -e "$work/j-$j"'
done
run "$MOTCUA" build -s "$site" -o "$work/extra" stray
ok "a stray argument is a usage error" eval 'status_is 2 && ! test -e "$work/extra"'
run "$MOTCUA" build --help
ok "build --help lists the options" eval 'status_is 0 && stdout_has "--dump-context" && stdout_has "--base-url" && stdout_has "--jobs"'

# the default output folder is SITE/public
d=$work/default-out
fixture basic "$d"
run sh -c "cd '$d' && '$MOTCUA' build -q"
ok "default output is SITE/public" eval 'status_is 0 && test -f "$d/public/index.html"'
finish
