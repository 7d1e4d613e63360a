# test_build_errors.sh — `motcua build` on bad input: the message at the
# right FILE:LINE[:COL], exit status 1, every error listed, and the previous
# site left exactly as it was (checksums of every file before and after).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

# bad NAME: a fresh copy of the fixture in $s and a good build of it in $o,
# with its checksum listing in $work/before. Break $s, then call `broken`.
n=0
bad() {
    n=$((n + 1))
    s=$work/case$n/site
    o=$work/case$n/public
    fixture basic "$s"
    "$MOTCUA" build -q -s "$s" -o "$o" || echo "FAIL setup: fixture did not build for case $n"
    tree_sum "$o" >"$work/before"
}

# broken NAME: build the broken site into the same $o and check what every
# failed build must do; the caller then checks the message itself.
broken() {
    run "$MOTCUA" build -s "$s" -o "$o" -j 2
    ok "$1: exit 1, 'build failed' and no summary" eval 'status_is 1 && stderr_has "motcua: build failed with" && ! stderr_has "motcua: built"'
    tree_sum "$o" >"$work/after"
    ok "$1: previous output unchanged, no staging folder left" eval 'cmp -s "$work/before" "$work/after" && no_staging_left "$o"'
    ok "$1: every message is FILE[:LINE[:COL]]: error: ..." err_lines_ok
}

# ---- duplicate URL -----------------------------------------------------------
bad
printf -- '---\nslug: "gioi-thieu"\ntitle: "Giới thiệu (bản hai)"\n---\nTrang thứ hai cùng địa chỉ.\n' >"$s/content/gioi-thieu-2.md"
broken "duplicate URL from a slug equal to another file's name"
ok "duplicate URL: one message at the slug line, naming both files and the URL" eval \
   'grep -E "^content/gioi-thieu(-2)?\.md:2: error: " "$err" | grep -F "/gioi-thieu/" | grep -F "content/gioi-thieu.md" | grep -qF "content/gioi-thieu-2.md"'

bad
printf -- '---\ntitle: "Tin một"\nslug: "trung-nhau"\ndate: 2026-01-01\n---\nMột.\n' >"$s/content/tin-tuc/mot.md"
printf -- '---\ntitle: "Tin hai"\nslug: "trung-nhau"\ndate: 2026-01-02\n---\nHai.\n' >"$s/content/tin-tuc/hai.md"
broken "duplicate URL from slugs"
ok "duplicate slug: reported at the 'slug:' line (3), naming both files" eval \
   'grep -E "^content/tin-tuc/(mot|hai)\.md:3: error: " "$err" | grep -F "content/tin-tuc/mot.md" | grep -qF "content/tin-tuc/hai.md"'

bad
printf -- '---\ntitle: "Trang cũ"\naliases: ["/gioi-thieu/"]\n---\nĐã chuyển.\n' >"$s/content/trang-cu.md"
broken "alias over a page"
ok "alias over a page: names both files, at the alias line of content/trang-cu.md (3)" eval \
   'grep -F "content/gioi-thieu.md" "$err" | grep -qE "^content/trang-cu\.md:3: error: .*/gioi-thieu/"'

# ---- broken .md links --------------------------------------------------------
bad
printf -- '---\ntitle: "Liên kết hỏng"\n---\nĐoạn đầu.\n\nXem [thủ tục](thu-tuc/khong-co.md) và\n[trang](../ngoai.md#muc).\n' >"$s/content/lien-ket.md"
printf -- '---\ntitle: "Liên kết hỏng hai"\ndate: 2026-01-01\n---\n\n\n\nXem [tin](khong-co-tin.md#x).\n' >"$s/content/tin-tuc/lien-ket-2.md"
broken "broken .md links"
ok "broken link: content/lien-ket.md:6 names the target" eval 'grep -qE "^content/lien-ket\.md:6: error: .*thu-tuc/khong-co\.md" "$err"'
ok "broken link: second link of the same paragraph at its own line 7" eval 'grep -qE "^content/lien-ket\.md:7: error: .*\.\./ngoai\.md" "$err"'
ok "broken link in a second file is listed too (content/tin-tuc/lien-ket-2.md:8)" eval 'grep -qE "^content/tin-tuc/lien-ket-2\.md:8: error: .*khong-co-tin\.md" "$err"'
ok "three broken links: exactly three errors, counted in the last line" eval '[ "$(grep -c ": error: " "$err")" -eq 3 ] && stderr_has "build failed with 3 errors"'

bad
printf -- '---\ntitle: "Trang chủ"\n---\nXem [khai sinh](thu-tuc/khong-co.md).\n' >"$s/content/_index.md"
broken "broken link in _index.md"
ok "broken link in the home's _index.md at its line" eval 'grep -qE "^content/_index\.md:4: error: .*thu-tuc/khong-co\.md" "$err"'

bad
printf -- '---\ntitle: "Liên kết tới bản nháp"\n---\nXem [bản nháp](tin-tuc/ban-nhap.md).\n' >"$s/content/toi-ban-nhap.md"
broken "link to a draft page"
ok "a link to an unpublished draft is an error at its line" eval 'grep -qE "^content/toi-ban-nhap\.md:4: error: .*ban-nhap\.md" "$err"'

# ---- invalid front matter ---------------------------------------------------
bad
printf -- '---\ntitle: "YAML hỏng"\ntags: [một, hai\ndate: 2026-01-01\n---\nx\n' >"$s/content/yaml-hong.md"
broken "invalid YAML"
ok "invalid YAML: content/yaml-hong.md:LINE:COL on line 3 or 4 with libyaml's reason" eval \
   'grep -qE "^content/yaml-hong\.md:[34]:[0-9]+: error: .*(flow sequence|expected)" "$err"'

bad
printf -- '---\ntitle: "Thụt lề bằng Tab"\n\tdate: 2026-01-01\n---\nx\n' >"$s/content/tab.md"
broken "a tab in front matter"
ok "tab indentation: content/tab.md:3:COL" eval 'grep -qE "^content/tab\.md:3:[0-9]+: error: " "$err"'

bad
printf -- '---\ntitle: "Khóa trùng"\ndate: 2026-01-01\ntitle: "Lần hai"\n---\nx\n' >"$s/content/trung-khoa.md"
broken "duplicate key"
ok "duplicate key: content/trung-khoa.md:4" eval 'grep -qE "^content/trung-khoa\.md:4(:[0-9]+)?: error: .*title" "$err"'

# ---- encoding ---------------------------------------------------------------
bad
printf -- '---\ntitle: "Sai mã"\n---\nDòng một.\nTiếng Vi\352t Nam\n' >"$s/content/sai-ma.md"
broken "non-UTF-8 file (Latin-1/TCVN bytes)"
ok "non-UTF-8: content/sai-ma.md:5:9 (column in characters) names the byte 0xEA" eval 'grep -qE "^content/sai-ma\.md:5:9: error: invalid UTF-8 byte 0xEA" "$err"'

bad
printf -- '---\ntitle: "Lỗi ở phần khai báo"\nsummary: "T\363m t\341t"\n---\nx\n' >"$s/content/sai-ma-dau.md"
broken "non-UTF-8 byte in front matter"
ok "non-UTF-8 in front matter: content/sai-ma-dau.md:3:12" eval 'grep -qE "^content/sai-ma-dau\.md:3:12: error: invalid UTF-8 byte 0xF3" "$err"'

bad
printf '\377\376-\000-\000-\000\n\000' >"$s/content/utf16.md"
broken "UTF-16 file"
ok "UTF-16 file: content/utf16.md:1:COL error" eval 'grep -qE "^content/utf16\.md:1:[0-9]+: error: " "$err"'

# ---- page fields --------------------------------------------------------------
bad
printf -- '---\ndate: 2026-01-01\ntags: [x]\n---\nKhông có tiêu đề.\n' >"$s/content/tin-tuc/khong-tieu-de.md"
broken "page without a title"
ok "no title: content/tin-tuc/khong-tieu-de.md:1 says to add 'title:'" eval 'grep -qE "^content/tin-tuc/khong-tieu-de\.md:1: error: .*title" "$err"'
ok "no title: one error for one problem (no second 'cannot make a URL' message)" eval '[ "$(grep -c "khong-tieu-de.md" "$err")" -eq 1 ]'

bad
printf -- '---\ntitle: "Ngày sai"\n\ndate: 2026-02-30\n---\nx\n' >"$s/content/tin-tuc/ngay-sai.md"
broken "invalid date"
ok "invalid date: content/tin-tuc/ngay-sai.md:4 quotes the date" eval 'grep -qE "^content/tin-tuc/ngay-sai\.md:4: error: .*2026-02-30" "$err"'

bad
printf -- '---\ntitle: "Ngày kiểu Việt"\ndate: 26/11/2026\nupdated: 2026-13-01\n---\nx\n' >"$s/content/tin-tuc/ngay-viet.md"
broken "two invalid dates in one page"
ok "both invalid dates of one page are listed at lines 3 and 4" eval 'grep -qE "^content/tin-tuc/ngay-viet\.md:3: error: .*26/11/2026" "$err" && grep -qE "^content/tin-tuc/ngay-viet\.md:4: error: .*2026-13-01" "$err"'

# ---- several errors in one build --------------------------------------------
bad
printf -- '---\ndate: 2026-01-01\n---\nx\n' >"$s/content/a-khong-tieu-de.md"
printf -- '---\ntitle: "b"\ndate: 2026-02-31\n---\nx\n' >"$s/content/b-ngay-sai.md"
printf -- '---\ntitle: "c"\ntags: [\n---\nx\n' >"$s/content/c-yaml.md"
printf -- '---\ntitle: "d"\n---\n\377\n' >"$s/content/d-ma.md"
broken "four broken files"
ok "four broken files: all four listed, in file order" eval \
   'grep -oE "^content/[a-d]-[a-z-]+\.md" "$err" | uniq | tr "\n" " " | grep -qx "content/a-khong-tieu-de.md content/b-ngay-sai.md content/c-yaml.md content/d-ma.md "'

# ---- theme errors -----------------------------------------------------------
bad
rm "$s/themes/default/templates/list.mustache"
broken "missing template"
ok "missing template: names list.mustache and the theme folder" eval 'stderr_has "list.mustache" && stderr_has "themes/default/templates"'
ok "missing template: reported once" eval '[ "$(grep -c "list" "$err")" -eq 1 ]'

bad
printf '{{<base}}{{$main}}<h1>{{page.title}}</h1>\n{{>nope}}\n{{/main}}{{/base}}\n' >"$s/themes/default/templates/404.mustache"
broken "unknown partial"
ok "unknown partial: themes/default/templates/404.mustache:2 names 'nope'" eval 'grep -qE "themes/default/templates/404\.mustache:2: error: .*partial .nope." "$err"'

bad
printf '{{<base}}{{$main}}\n{{#page.khong_co}}\n<p>{{>nope}}</p>\n{{/page.khong_co}}\n{{/main}}{{/base}}\n' >"$s/themes/default/templates/404.mustache"
broken "unknown partial in a section no page renders"
ok "unknown partial is found even where no context reaches it (404.mustache:3)" eval 'grep -qE "themes/default/templates/404\.mustache:3: error: .*nope" "$err"'

bad
printf '{{<base}}{{$main}}\n<ul>\n{{#list.pages}}\n<li>{{title}}</li>\n{{/main}}{{/base}}\n' >"$s/themes/default/templates/list.mustache"
broken "unclosed section"
ok "unclosed section: list.mustache:3 names list.pages" eval 'grep -qE "themes/default/templates/list\.mustache:[35]: error: .*list\.pages" "$err"'

bad
printf '{{<base}}{{$main}}\n<h1>{{page.title}}</h1>\n{{/main}}{{/base}}\n{{/thua}}\n' >"$s/themes/default/templates/page.mustache"
broken "stray closing tag"
ok "stray closing tag: page.mustache:4" eval 'grep -qE "themes/default/templates/page\.mustache:4: error: .*thua" "$err"'

# ---- site.yaml --------------------------------------------------------------
bad
printf 'title: "Cổng"\npagination:\n  page_size: 2\n menus: [\n' >"$s/site.yaml"
broken "invalid site.yaml"
ok "invalid site.yaml: site.yaml:LINE:COL" eval 'grep -qE "site\.yaml:[0-9]+:[0-9]+: error: " "$err"'

# ---- a failed first build creates nothing ----------------------------------
s=$work/first/site
fixture basic "$s"
printf -- '---\ntitle: "x"\n---\n[a](khong.md)\n' >"$s/content/hong.md"
run "$MOTCUA" build -s "$s" -o "$work/first/public"
ok "failed first build: exit 1, no output folder, no staging folder" eval 'status_is 1 && ! test -e "$work/first/public" && no_staging_left "$work/first/public"'
finish
