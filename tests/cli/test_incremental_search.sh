# test_incremental_search.sh — incremental builds with the default theme,
# whose search page indexes every page: after each kind of edit the output
# is byte-identical to a clean build (no stale shard, record or version),
# a text edit takes the quick path and rewrites only the index files that
# hold the page's old or new words, and the index finds the new words and
# has forgotten the old ones.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work" "$out" "$err"' EXIT
site="$work/site"

# 400 news pages with words of their own (so the dictionary has many
# shards), tags and dates; 40 procedures.
mkdir -p "$site/content/tin-tuc" "$site/content/thu-tuc" "$site/themes"
cp -R "$root/themes/default" "$site/themes/default"
printf 'title: Cổng thử\nbase_url: https://x.example/\npagination:\n  page_size: 10\n' > "$site/site.yaml"
i=1
while [ $i -le 400 ]; do
    m=$(( (i % 12) + 1 )); d=$(( (i % 27) + 1 ))
    printf -- '---\ntitle: "Tin số %d về cải cách"\ndate: 2025-%02d-%02d\ntags: [Cải cách, Nhóm %d]\n---\nNội dung tin %d, mã riêng tu%dx và ky%dz.\n\n## Mục %d\n\nĐoạn hai của tin %d nói về hồ sơ số %d, phường %d.\n' \
        $i $m $d $(( i % 5 )) $i $i $i $i $i $i $(( i % 7 )) > "$site/content/tin-tuc/tin-$i.md"
    i=$((i + 1))
done
procedures "$site/content/thu-tuc" 40

index="$work/out/tim-kiem/index"
build() { run "$MOTCUA" build -s "$site" -o "$work/out" -v; }
fresh_clean() { rm -rf "$work/clean"; "$MOTCUA" build -s "$site" -o "$work/clean" -q >/dev/null 2>&1; }
identical() { diff -r "$work/out" "$work/clean" >/dev/null; }
# inode and name of every index file, to count the ones written again
index_inodes() { (cd "$index" && find . -type f -printf '%i %p\n' | sort -k2); }
rewritten_count() { index_inodes | diff "$work/inodes" - | grep -c '^>'; }
rewritten_said() { sed -nE 's/^motcua: search index updated in place: ([0-9]+) files? rewritten$/\1/p' "$err"; }
shards_holding() { grep -l -- "\"$1\"" "$index"/t/*.json "$index"/w/*.json 2>/dev/null | wc -l; }

build
ok "first build: a search index of several shards" eval 'status_is 0 && [ "$(ls "$index/t" | wc -l)" -ge 8 ]'
total=$(find "$index" -type f | wc -l)

# 1. a new paragraph with a new word
index_inodes > "$work/inodes"
printf '\nĐoạn mới có từ lạ quasarzz.\n' >> "$site/content/tin-tuc/tin-50.md"
build
fresh_clean
n=$(rewritten_said)
ok "paragraph: the quick path, the index updated in place" eval 'status_is 0 && stderr_has "1 edited page, nothing else changed" && [ -n "$n" ] && [ "$n" -ge 1 ]'
ok "paragraph: identical to a clean build" identical
ok "paragraph: only the files said rewritten are new ($n of $total), not the index" eval '[ "$(rewritten_count)" = "$n" ] && [ "$n" -lt $(( total / 4 )) ]'
ok "paragraph: the new word is in exactly one shard" eval '[ "$(shards_holding quasarzz)" = 1 ]'

# 2. the paragraph taken out again: the word leaves the index
index_inodes > "$work/inodes"
sed -i '/quasarzz/d' "$site/content/tin-tuc/tin-50.md"
build
fresh_clean
ok "word removed: the quick path, identical to a clean build" eval 'status_is 0 && stderr_has "1 edited page" && identical'
ok "word removed: no shard holds it any more" eval '[ "$(shards_holding quasarzz)" = 0 ]'
ok "word removed: few index files rewritten" eval '[ "$(rewritten_count)" = "$(rewritten_said)" ] && [ "$(rewritten_said)" -lt $(( total / 4 )) ]'

# 3. two pages edited at once, sharing a new word; then it leaves the
# first of them, then the other (its first page changes each time)
printf '\nTừ chung hiemgap.\n' >> "$site/content/tin-tuc/tin-60.md"
printf '\nCũng có hiemgap và HIEMGAP.\n' >> "$site/content/tin-tuc/tin-70.md"
build
fresh_clean
ok "two edits, a shared word: the quick path, identical to a clean build" eval 'status_is 0 && stderr_has "2 edited pages" && identical'
sed -i '/hiemgap/d' "$site/content/tin-tuc/tin-70.md"
build
fresh_clean
ok "a shared word leaves one page: identical to a clean build" eval 'status_is 0 && identical && (stderr_has "1 edited page" || stderr_has "cannot be updated in place")'
sed -i '/hiemgap/d' "$site/content/tin-tuc/tin-60.md"
build
fresh_clean
ok "and the other: identical, no shard holds it" eval 'status_is 0 && identical && [ "$(shards_holding hiemgap)" = 0 ]'

# 4. a heading (a strong field, with bigrams) and a word's variant
printf '\n## Hướng dẫn ĐĂNG ký mới\n\nDâng hoa.\n' >> "$site/content/tin-tuc/tin-80.md"
build
fresh_clean
ok "heading: the quick path, identical to a clean build" eval 'status_is 0 && stderr_has "1 edited page" && identical'

# 5. nothing changed
build
ok "no change: nothing done" eval 'status_is 0 && stderr_has "nothing changed since the last build"'

# 6. the edits that change what lists show. A title or summary edit
# renders the page, the outputs that show its card (lists, term pages,
# home page, feeds) and the index files of its words; a tag or date edit,
# or a title edit of a page listed in title order, takes the full build
# and says why. Each is identical to a clean build.
edit_case() { # NAME SED-EXPRESSION FILE: the output and the ledger as a clean build's
    sed -i "$2" "$site/content/$3"
    build
    cp "$site/published-urls.txt" "$work/ledger"
    fresh_clean
    ok "$1: identical to a clean build" eval 'status_is 0 && identical && cmp -s "$work/ledger" "$site/published-urls.txt"'
}
quick_lists() { stderr_has "1 edited page, title or summary changed" && stderr_has "search index updated in place"; }
full_because() { ! stderr_has "1 edited page," && stderr_has "not made again alone ($1)"; }
edit_case "title edit" 's/^title: "Tin số 90 về cải cách"/title: "Tin số 90 về cải cách hành chính"/' tin-tuc/tin-90.md
ok "title edit: the quick path, the lists that show it made again" quick_lists
ok "title edit: its term page shows the new title" eval 'grep -q "Tin số 90 về cải cách hành chính" "$work/out/the/nhom-0/trang/"*/index.html "$work/out/the/nhom-0/index.html"'
edit_case "summary edit" 's/^Nội dung tin 91,/Nội dung đã sửa của tin 91,/' tin-tuc/tin-91.md
ok "summary edit: the quick path" quick_lists
# tin-107 is the newest: on the home page and in every feed of its lists
edit_case "title edit of the newest page" 's/^title: "Tin số 107 về cải cách"/title: "Tin số 107 về cải cách, đã đổi tên"/' tin-tuc/tin-107.md
ok "newest page: the quick path" quick_lists
ok "newest page: the home page, the feeds and the ledger show the new title" eval 'grep -q "Tin số 107 về cải cách, đã đổi tên" "$work/out/index.html" && grep -q "Tin số 107 về cải cách, đã đổi tên" "$work/out/tin-tuc/atom.xml" && grep -q "Tin số 107 về cải cách, đã đổi tên" "$work/out/the/nhom-2/feed.json" && grep -q "^/tin-tuc/tin-107/	.*Tin số 107 về cải cách, đã đổi tên\$" "$work/ledger"'
edit_case "summary edit of the newest page" 's/^Nội dung tin 107,/Tin 107 có tóm tắt mới. Nội dung tin 107,/' tin-tuc/tin-107.md
ok "newest page, summary: the quick path, the feed shows it" eval 'quick_lists && grep -q "Tin 107 có tóm tắt mới" "$work/out/tin-tuc/feed.json"'
# a page with an old address: its redirect page shows the title too
edit_case "an alias added" 's|^tags: \[Cải cách, Nhóm 1\]|aliases: [/cu/tin-96/]\ntags: [Cải cách, Nhóm 1]|' tin-tuc/tin-96.md
edit_case "title edit of a page with an alias" 's/^title: "Tin số 96 về cải cách"/title: "Tin số 96 về cải cách, tên mới"/' tin-tuc/tin-96.md
ok "alias: the quick path, the redirect page and its ledger line show the new title" eval 'quick_lists && grep -q "Tin số 96 về cải cách, tên mới" "$work/out/cu/tin-96/index.html" && grep -q "^/cu/tin-96/	.*tên mới\$" "$work/ledger"'
edit_case "tag edit" 's/^tags: \[Cải cách, Nhóm 2\]/tags: [Cải cách, Nhóm mới]/' tin-tuc/tin-92.md
ok "tag edit: the full build, saying why" full_because "more than its title or summary changed"
# the newest date moves the page to the first page of every list it is in
edit_case "date edit across pagination pages" 's/^date: .*/date: 2026-01-15/' tin-tuc/tin-93.md
ok "date edit: the full build, saying why" full_because "more than its title or summary changed"
ok "date edit: first on the first list page" eval 'grep -o "/tin-tuc/tin-[0-9]*/" "$work/out/tin-tuc/index.html" | head -n 1 | grep -qx "/tin-tuc/tin-93/"'
edit_case "title edit of a procedure" 's/^title: "Thủ tục 7"/title: "A Thủ tục bảy"/' thu-tuc/thu-tuc-7.md
ok "procedure title: listed in title order, the full build" full_because "a list that shows it is in title order"
printf -- '---\ntitle: "Tin mới toanh"\ndate: 2025-06-06\n---\nBài mới có từ novazz.\n' > "$site/content/tin-tuc/tin-moi.md"
build
fresh_clean
ok "new page: identical to a clean build, its word found" eval 'status_is 0 && identical && [ "$(shards_holding novazz)" = 1 ]'
rm "$site/content/tin-tuc/tin-moi.md"
sed -i '\|^/tin-tuc/tin-moi/	|d' "$site/published-urls.txt" # withdrawn by hand (test_urls.sh)
build
fresh_clean
ok "deleted page: identical to a clean build, its word gone" eval 'status_is 0 && identical && [ "$(shards_holding novazz)" = 0 ]'

# 7. after those full builds, a text edit is quick again
printf '\nMột đoạn cuối.\n' >> "$site/content/tin-tuc/tin-94.md"
build
fresh_clean
ok "then a text edit is quick again, identical to a clean build" eval 'status_is 0 && stderr_has "1 edited page" && stderr_has "search index updated in place" && identical'

# 8. an index file changed by hand is not trusted (the cache sees it):
# the full build runs
printf '{}' > "$index/t/0.json"
printf '\nVà thêm.\n' >> "$site/content/tin-tuc/tin-95.md"
build
fresh_clean
ok "a hand-edited shard: the full build, identical to a clean build" eval 'status_is 0 && ! stderr_has "edited page" && identical'
finish
