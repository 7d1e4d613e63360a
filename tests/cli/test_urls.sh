# test_urls.sh — addresses that never break (issue #14), on a copy of the
# example site: the URL comes from the file name (a title edit changes
# nothing else), the ledger published-urls.txt (made by the first build,
# kept sorted, never losing a line), a renamed page without an alias fails
# the build at its ledger line and leaves the previous output as it was,
# aliases and withdrawals, `motcua mv` on a page file and on a bundle with
# its form, and the nginx include served by the real nginx on 127.0.0.1
# (301 for a moved address, 410 with the "đã gỡ bỏ" page for a withdrawn
# one).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../browser/harness.sh"
. "$(dirname "$0")/../tools/build_helpers.sh"
trap 'browser_cleanup; rm -rf "$work"' EXIT INT TERM

s=$work/site
o=$work/public
mkdir -p "$s"
cp -R "$root/site.yaml" "$root/content" "$root/themes" "$s/"
ledger=$s/published-urls.txt
build() { run "$MOTCUA" build -q --no-audio -s "$s" "$@"; }
# the ledger's address lines (comments dropped)
urls() { grep -v '^#' "$ledger" | cut -f1; }
ledger_line() { grep -nF "$1	" "$ledger" | cut -d: -f1; }

# ---- first build: the ledger is made ------------------------------------------
build -o "$o"
ok "first build of a site without a ledger succeeds" status_is 0
ok "it writes published-urls.txt" test -s "$ledger"
ok "the ledger is sorted by URL" eval 'urls | LC_ALL=C sort -c'
ok "a line is URL<TAB>file<TAB>title" \
   grep -qxF "/thu-tuc/dang-ky-khai-tu/	content/thu-tuc/dang-ky-khai-tu.md	Đăng ký khai tử" "$ledger"
ok "every content page of the output is in the ledger" eval \
   '[ "$(urls | grep -c .)" -ge 40 ] && for u in $(urls); do [ -f "$o${u}index.html" ] || exit 1; done'
ok "a draft is not in the ledger" eval '! grep -q du-thao-ke-hoach "$ledger"'
ok "the home page, lists and tags are not in it" eval '! urls | grep -qxE "/|/tin-tuc/|/the/.*"'
run "$MOTCUA" build --no-audio -s "$s" -o "$o"
ok "the ledger the build wrote is not a change: the next build does nothing" \
   eval 'status_is 0 && stderr_has "nothing changed"'

# ---- the title never moves a page ---------------------------------------------
proc=content/thu-tuc/dang-ky-khai-tu.md
old_title="Đăng ký khai tử"
new_title="Đăng ký khai tử cho người thân đã mất"
cp -R "$s" "$work/before-title"
sed -i "s/^title: \"$old_title\"/title: \"$new_title\"/" "$s/$proc"
build -o "$work/title" --clean
ok "a page with a longer title builds" status_is 0
ok "its URL stays /thu-tuc/dang-ky-khai-tu/" test -f "$work/title/thu-tuc/dang-ky-khai-tu/index.html"
# every output file but the search index is the same once the title (as
# written and percent-encoded, in share links) is put back
same_but_title() {
    python3 - "$o" "$work/title" "$old_title" "$new_title" <<'PY'
import os, sys, urllib.parse
a, b, old, new = sys.argv[1:]
def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
if files(a) != files(b):
    sys.exit("the two outputs have different files")
for f in files(b):
    if f.startswith("tim-kiem/"):
        continue
    text = open(os.path.join(b, f), "rb").read()
    for n, o in ((new, old), (urllib.parse.quote(new, safe=""), urllib.parse.quote(old, safe=""))):
        text = text.replace(n.encode(), o.encode())
    if text != open(os.path.join(a, f), "rb").read():
        sys.exit("differs beyond the title: " + f)
PY
}
ok "the output is identical except the title" same_but_title
ok "the ledger keeps the URL, with the new title" \
   grep -qxF "/thu-tuc/dang-ky-khai-tu/	$proc	$new_title" "$ledger"
rm -rf "$s" && mv "$work/before-title" "$s"

# ---- renaming a file without an alias fails at the ledger's line --------------
build -o "$o"
tree_sum "$o" >"$work/sum-before"
cp "$ledger" "$work/ledger-before"
mv "$s/content/thu-tuc/dang-ky-giam-ho.md" "$s/content/thu-tuc/giam-ho.md"
build -o "$o"
n=$(ledger_line /thu-tuc/dang-ky-giam-ho/)
ok "renamed without an alias: exit 1" status_is 1
ok "the error is at published-urls.txt:LINE and names the old URL and its file" \
   stderr_has "published-urls.txt:$n: error: /thu-tuc/dang-ky-giam-ho/ (last published by content/thu-tuc/dang-ky-giam-ho.md) is no longer published"
ok "it says how to resolve it: aliases, motcua mv or withdrawn" eval \
   'stderr_has "aliases:" && stderr_has "motcua mv" && stderr_has "withdrawn:"'
tree_sum "$o" >"$work/sum-after"
ok "the previous output is untouched" eval 'cmp -s "$work/sum-before" "$work/sum-after" && no_staging_left "$o"'
ok "the ledger is untouched" cmp -s "$ledger" "$work/ledger-before"

sed -i 's|^title: |aliases: ["/thu-tuc/dang-ky-giam-ho/"]\ntitle: |' "$s/content/thu-tuc/giam-ho.md"
build -o "$o"
ok "with aliases: it builds" status_is 0
ok "the old URL is a redirect page to the new one" \
   grep -qF 'http-equiv="refresh" content="0; url=/thu-tuc/giam-ho/"' "$o/thu-tuc/dang-ky-giam-ho/index.html"
ok "the ledger has both addresses, the old one now from the new file" eval '
   grep -qxF "/thu-tuc/dang-ky-giam-ho/	content/thu-tuc/giam-ho.md	Đăng ký giám hộ" "$ledger" &&
   grep -qxF "/thu-tuc/giam-ho/	content/thu-tuc/giam-ho.md	Đăng ký giám hộ" "$ledger"'
ok "the nginx include redirects it" \
   grep -qxF "    /thu-tuc/dang-ky-giam-ho/ /thu-tuc/giam-ho/;" "$o/nginx-redirects.conf"
ok "the .htaccess redirects it with 301" \
   grep -qxF 'RedirectMatch 301 ^/thu-tuc/dang-ky-giam-ho/(index\.html)?$ /thu-tuc/giam-ho/' "$o/.htaccess"

# ---- a procedure withdrawn in law keeps its URL -------------------------------
abolished=content/thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen.md
ok "a bai_bo procedure keeps its URL, says so, and stays in the ledger" eval '
   grep -q "^status: bai_bo" "$s/$abolished" &&
   grep -q "Thủ tục này đã bị bãi bỏ" "$o/thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/index.html" &&
   grep -qF "/thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/	$abolished" "$ledger"'

# ---- withdrawn addresses -----------------------------------------------------
news=tin-tuc/ket-qua-cai-cach-hanh-chinh-nam-2025
rm "$s/content/$news.md"
sed -i "s|(\\(\\.\\./tin-tuc/\\)\\?ket-qua-cai-cach-hanh-chinh-nam-2025\\.md)|(../tin-tuc/khao-sat-muc-do-hai-long-cua-nguoi-dan-doanh-nghiep-nam-2026.md)|" \
    "$s"/content/tin-tuc/*.md
build -o "$o"
ok "a deleted page without an alias or withdrawal fails" eval \
   'status_is 1 && stderr_has "/$news/ (last published by content/$news.md) is no longer published"'
printf 'withdrawn:\n  - url: /%s/\n' "$news" >>"$s/site.yaml"
yline=$(grep -n "^  - url: /$news/" "$s/site.yaml" | cut -d: -f1)
build -o "$o"
ok "a withdrawal without a date is an error at its site.yaml line" eval \
   'status_is 1 && stderr_has "site.yaml:$yline: error: withdrawn /$news/ needs '"'"'date:'"'"'"'
printf '    date: 2026-12-01\n' >>"$s/site.yaml"
build -o "$o"
gone=$o/$news/index.html
ok "withdrawn with a date: it builds" status_is 0
ok "the withdrawn address has a 'Trang đã gỡ bỏ' page with the page's title" \
   grep -qF "<h1>Trang đã gỡ bỏ: Kết quả cải cách hành chính năm 2025</h1>" "$gone"
ok "it shows the date and links to its section, and is noindex" eval '
   grep -qF "<time datetime=\"2026-12-01\">01/12/2026</time>" "$gone" &&
   grep -qF "<a href=\"/tin-tuc/\">" "$gone" && grep -qF "<meta name=\"robots\" content=\"noindex\">" "$gone"'
ok "the ledger keeps the withdrawn address" \
   grep -qF "/$news/	content/$news.md	Kết quả cải cách hành chính năm 2025" "$ledger"
ok "the nginx include marks it gone" \
   grep -qxF "    /$news/ /$news/index.html;" "$o/nginx-redirects.conf"
ok "the .htaccess answers 410 with the page" eval \
   'grep -qxF "RedirectMatch 410 ^/$news/(index\\.html)?\$" "$o/.htaccess" &&
    grep -qF "ErrorDocument 410 /$news/index.html" "$o/.htaccess"'

# ---- nginx answers 301 and 410 as written --------------------------------------
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    skip "nginx: 301 and 410" "nginx is not installed and could not be"
elif ! command -v node >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    skip "nginx: 301 and 410" "node and curl are needed (apt-get install nodejs curl)"
else
    NGINX_HTTP="include $o/nginx-redirects.conf;"
    NGINX_SERVER='if ($motcua_moved) { return 301 $motcua_moved; }
        if ($motcua_gone) { return 410; }
        error_page 410 @motcua_gone;
        location @motcua_gone { try_files $motcua_gone =410; }'
    chmod 755 "$work" # the nginx worker reads $o
    nginx_start "$o"
    if [ -n "$BROWSER_SKIP" ]; then
        skip "nginx: 301 and 410" "$BROWSER_SKIP"
    else
        get() { curl -s -o "$work/body" -w '%{http_code} %{redirect_url}' "$BROWSER_URL${1#/}"; }
        ok "nginx: a moved address answers 301 to its new address" \
           eval '[ "$(get /thu-tuc/dang-ky-giam-ho/)" = "301 ${BROWSER_URL}thu-tuc/giam-ho/" ]'
        ok "nginx: its index.html too" \
           eval '[ "$(get /thu-tuc/dang-ky-giam-ho/index.html)" = "301 ${BROWSER_URL}thu-tuc/giam-ho/" ]'
        ok "nginx: the new address answers 200" eval '[ "$(get /thu-tuc/giam-ho/)" = "200 " ]'
        ok "nginx: a withdrawn address answers 410 with the 'đã gỡ bỏ' page" \
           eval '[ "$(get /$news/)" = "410 " ] && grep -qF "Trang đã gỡ bỏ: Kết quả cải cách" "$work/body"'
        ok "nginx: an address never published answers 404" eval '[ "$(get /khong-co/)" = "404 " ]'
    fi
fi

# ---- motcua mv ---------------------------------------------------------------
run "$MOTCUA" mv -s "$s" content/thu-tuc/dang-ky-khai-tu.md content/thu-tuc/khai-tu.md
ok "mv a page file: exit 0, says what it did" eval \
   'status_is 0 && stdout_has "/thu-tuc/dang-ky-khai-tu/ now redirects to /thu-tuc/khai-tu/"'
ok "mv: the file is renamed" eval \
   '[ ! -e "$s/content/thu-tuc/dang-ky-khai-tu.md" ] && [ -f "$s/content/thu-tuc/khai-tu.md" ]'
ok "mv: the old URL is in its aliases" \
   grep -qxF 'aliases: ["/thu-tuc/dang-ky-khai-tu/"]' "$s/content/thu-tuc/khai-tu.md"
ok "mv: links to the old file follow it" eval \
   'grep -qF "](khai-tu.md)" "$s/content/thu-tuc/ho-tro-chi-phi-mai-tang.md" &&
    ! grep -rqF "dang-ky-khai-tu.md" "$s/content"'
bundle=content/thu-tuc/dang-ky-ket-hon
run "$MOTCUA" mv -s "$s" "$bundle" content/thu-tuc/ket-hon
ok "mv a bundle: exit 0" status_is 0
ok "mv: the bundle folder moves with its form" eval \
   '[ ! -e "$s/$bundle" ] && [ -f "$s/content/thu-tuc/ket-hon/index.md" ] &&
    [ -f "$s/content/thu-tuc/ket-hon/to-khai-dang-ky-ket-hon.txt" ]'
ok "mv: the bundle's page gets the alias" \
   grep -qxF 'aliases: ["/thu-tuc/dang-ky-ket-hon/"]' "$s/content/thu-tuc/ket-hon/index.md"
build -o "$o"
ok "after both moves the site builds" status_is 0
ok "the moved bundle's form is published beside its page, and the page links it" eval '
   [ -f "$o/thu-tuc/ket-hon/to-khai-dang-ky-ket-hon.txt" ] &&
   grep -qF "href=\"/thu-tuc/ket-hon/to-khai-dang-ky-ket-hon.txt\"" "$o/thu-tuc/ket-hon/index.html"'
ok "both old addresses redirect" eval '
   grep -qF "url=/thu-tuc/khai-tu/\"" "$o/thu-tuc/dang-ky-khai-tu/index.html" &&
   grep -qF "url=/thu-tuc/ket-hon/\"" "$o/thu-tuc/dang-ky-ket-hon/index.html"'
run "$MOTCUA" mv -s "$s" content/thu-tuc/khai-tu.md content/thu-tuc/tach-ho.md
ok "mv to a name that exists: exit 1, nothing moved" eval \
   'status_is 1 && stderr_has "already exists" && [ -f "$s/content/thu-tuc/khai-tu.md" ]'
run "$MOTCUA" mv -s "$s" content/thu-tuc/khai-tu.md ../../outside.md
ok "mv out of the content folder is refused" eval \
   'status_is 1 && stderr_has "not a path inside the content folder" && [ ! -e "$work/outside.md" ]'
printf -- '---\ntitle: "Tin tức"\n---\n' >"$s/content/tin-tuc/_index.md"
run "$MOTCUA" mv -s "$s" content/tin-tuc/_index.md content/tin-tuc/x.md
ok "mv of a section's _index.md is refused" eval \
   'status_is 1 && stderr_has "has no address of its own" && [ -f "$s/content/tin-tuc/_index.md" ]'
mkdir "$work/outside-dir"
ln -s "$work/outside-dir" "$s/content/lien-ket"
run "$MOTCUA" mv -s "$s" content/thu-tuc/tach-ho.md content/lien-ket/tach-ho.md
ok "mv through a symbolic link out of the site is refused" eval \
   'status_is 1 && stderr_has "symbolic link" && [ -z "$(ls "$work/outside-dir")" ] && [ -f "$s/content/thu-tuc/tach-ho.md" ]'
rm "$s/content/lien-ket"
run "$MOTCUA" mv -s "$s" content/thu-tuc/khai-tu.md
ok "mv with one argument is a usage error" status_is 2

# ---- the ledger is an input ----------------------------------------------------
build -o "$o"
printf '/thu-tuc/chua-tung-co/\tcontent/thu-tuc/chua-tung-co.md\tChưa từng có\n' >>"$ledger"
build -o "$o"
n=$(ledger_line /thu-tuc/chua-tung-co/)
ok "a line added to the ledger by hand is checked by the next build" eval \
   'status_is 1 && stderr_has "published-urls.txt:$n: error: /thu-tuc/chua-tung-co/ (last published by content/thu-tuc/chua-tung-co.md)"'
sed -i '$d' "$ledger"
printf 'not a ledger line\n' >>"$ledger"
build -o "$o"
n=$(grep -n "^not a ledger line" "$ledger" | cut -d: -f1)
ok "a line that is not URL<TAB>FILE<TAB>TITLE is an error at its line" \
   stderr_has "published-urls.txt:$n: error: this line is not URL<TAB>FILE<TAB>TITLE"
finish
