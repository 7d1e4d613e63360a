# test_incremental.sh — incremental builds: after each kind of edit the
# output is byte-identical to a clean build, only what depends on the edit
# is rewritten, unchanged files keep their inode, a no-op build touches
# nothing, and a corrupt or foreign cache is ignored with a warning.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work" "$out" "$err"' EXIT
site="$work/site"

# A 1,000-page site: news with tags over two years, procedures with fields.
mkdir -p "$site/content/tin-tuc" "$site/content/thu-tuc" "$site/data" "$site/themes"
cp -R "$root/tests/sites/basic/themes/default" "$site/themes/default"
printf 'title: Cổng thử\nbase_url: https://x.example/\npagination:\n  page_size: 10\n' > "$site/site.yaml"
printf -- '- ten: Phường Một\n' > "$site/data/phuong.yaml"
i=1
while [ $i -le 750 ]; do
    m=$(( (i % 12) + 1 )); d=$(( (i % 27) + 1 ))
    printf -- '---\ntitle: "Tin số %d về cải cách"\ndate: 2025-%02d-%02d\ntags: [Cải cách, Nhóm %d]\n---\nNội dung tin %d.\n' \
        $i $m $d $(( i % 5 )) $i > "$site/content/tin-tuc/tin-$i.md"
    i=$((i + 1))
done
procedures "$site/content/thu-tuc" 250

inode_of() { stat -c %i "$1"; }
clean_build() { rm -rf "$work/clean"; "$MOTCUA" build -s "$site" -o "$work/clean" --clean -q -j 2 >/dev/null 2>&1; }
unchanged_count() { sed -nE 's/^motcua: ([0-9]+) of ([0-9]+) files unchanged.*/\1/p' "$err"; }
total_count() { sed -nE 's/^motcua: ([0-9]+) of ([0-9]+) files unchanged.*/\2/p' "$err"; }

run "$MOTCUA" build -s "$site" -o "$work/out" -v
ok "first build renders everything" eval 'status_is 0 && [ "$(unchanged_count)" = 0 ]'
ino_other=$(inode_of "$work/out/tin-tuc/tin-77/index.html")

run "$MOTCUA" build -s "$site" -o "$work/out" -v
ok "no change: nothing done, output left as it was" eval 'status_is 0 && stderr_has "nothing changed since the last build" && [ "$(inode_of "$work/out/tin-tuc/tin-77/index.html")" = "$ino_other" ]'

# 1. one article's text
ino_out=$(inode_of "$work/out")
printf 'Đoạn mới thêm.\n' >> "$site/content/tin-tuc/tin-5.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "article edit: the output folder is patched in place, not swapped" eval '[ "$(inode_of "$work/out")" = "$ino_out" ] && [ -z "$(ls -d "$work"/out.staging-* 2>/dev/null)" ]'
ok "article edit: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null'
# its page, and the lists, tag pages and feeds that show its summary
rewritten=$(( $(total_count) - $(unchanged_count) ))
ok "article edit: only its page and the lists showing it rewritten ($rewritten of $(total_count))" eval '[ $rewritten -ge 1 ] && [ $rewritten -le 10 ]'
ok "article edit: other pages keep their inode" eval '[ "$(inode_of "$work/out/tin-tuc/tin-77/index.html")" = "$ino_other" ]'

# 2. an article's title: its page, the lists, feeds and tag pages it is on
sed -i 's/^title: "Tin số 6 về cải cách"/title: "Tin số 6 đã sửa"/' "$site/content/tin-tuc/tin-6.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "title edit: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null'
rewritten=$(( $(total_count) - $(unchanged_count) ))
ok "title edit: a few files rewritten, not the site ($rewritten of $(total_count))" eval '[ $rewritten -ge 3 ] && [ $rewritten -lt 40 ]'

# 3. a template: every page that uses it
sed -i 's/<main/<main data-sua="1"/' "$site/themes/default/templates/base.mustache"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "template edit: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null && grep -q "data-sua" "$work/out/index.html"'

# 4. a data file and site.yaml
printf -- '- ten: Phường Hai\n' >> "$site/data/phuong.yaml"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "data edit: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null'
sed -i 's/^title: Cổng thử/title: Cổng thử mới/' "$site/site.yaml"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "site.yaml edit: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null && grep -q "Cổng thử mới" "$work/out/index.html"'

# 4b. a failed build while patching leaves the output as it was
cp -R "$work/out" "$work/before"
printf '[hỏng](khong-co.md)\n' >> "$site/content/tin-tuc/tin-6.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
ok "broken edit: build fails, output untouched, no staging left" eval 'status_is 1 && diff -r "$work/out" "$work/before" >/dev/null && [ -z "$(ls -d "$work"/out.staging-* 2>/dev/null)" ]'
sed -i '/khong-co.md/d' "$site/content/tin-tuc/tin-6.md"
rm -rf "$work/before"

# 5. a page removed: gone from the output too (its address leaves the
# ledger by hand: otherwise the build asks for an alias or a withdrawal,
# tests/cli/test_urls.sh)
rm "$site/content/tin-tuc/tin-9.md"
sed -i '\|^/tin-tuc/tin-9/	|d' "$site/published-urls.txt"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "page removed: identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null && [ ! -e "$work/out/tin-tuc/tin-9" ]'

# 6. an output file changed by hand is not trusted
printf 'sửa tay' > "$work/out/tin-tuc/tin-77/index.html"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "a hand-edited output file is rendered again" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null'

# 7. corrupt and foreign caches are ignored with a warning
cache=$(grep -l '^output .*/out$' "$site"/.motcua/build-*.cache)
head -c 900 "$cache" > "$work/cut" && cat "$work/cut" > "$cache" # cut inside an entry
printf '\n' >> "$site/content/tin-tuc/tin-10.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
clean_build
ok "corrupt cache: warning, everything rendered, correct output" eval 'status_is 0 && stderr_has "warning: ignoring the build cache (it is damaged)" && [ "$(unchanged_count)" = 0 ] && diff -r "$work/out" "$work/clean" >/dev/null'
sed -i 's/^generator motcua .*/generator motcua 0.0.0/' "$cache"
printf '\n' >> "$site/content/tin-tuc/tin-10.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v
ok "foreign cache: warning, everything rendered" eval 'status_is 0 && stderr_has "another version of motcua wrote it" && [ "$(unchanged_count)" = 0 ]'
printf '{"format": 2}' > "$cache" # the JSON cache of earlier versions
run "$MOTCUA" build -s "$site" -o "$work/out" -v
ok "a file of another format: warning, everything rendered" eval 'status_is 0 && stderr_has "it is not a build cache of this format" && [ "$(unchanged_count)" = 0 ]'

# 8. a future page appears when its day comes, without any edit
printf -- '---\ntitle: "Tin tương lai"\ndate: 2099-01-01\n---\nx\n' > "$site/content/tin-tuc/tuong-lai.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -q
ok "future page left out today" eval 'status_is 0 && [ ! -e "$work/out/tin-tuc/tuong-lai" ]'
# --future is an option of the cache: a build with it is not a no-op
run "$MOTCUA" build -s "$site" -o "$work/out" -q --future
ok "changing an option rebuilds (--future shows the page)" eval 'status_is 0 && [ -e "$work/out/tin-tuc/tuong-lai/index.html" ]'

# 9. --clean renders everything
run "$MOTCUA" build -s "$site" -o "$work/out" -v --clean --future
ok "--clean renders every file" eval 'status_is 0 && [ "$(unchanged_count)" = 0 ]'

# 10. audio on but no announcement: no audio is written, so the folder is
# patched, and the kept files' stamps reach the cache (the next build is a
# no-op)
printf 'audio:\n  enabled: true\n' >> "$site/site.yaml"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ino_out=$(inode_of "$work/out")
printf 'Thêm nữa.\n' >> "$site/content/tin-tuc/tin-7.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ok "audio on, no announcement: an edit patches the folder" eval 'status_is 0 && [ "$(inode_of "$work/out")" = "$ino_out" ]'
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ok "audio on, no announcement: then nothing to do" eval 'status_is 0 && stderr_has "nothing changed since the last build"'

# 11. with an announcement read aloud, what waits for its audio (its page,
# the audio file and its facts) is kept too while the audio is the same
mkdir -p "$site/content/thong-bao"
printf -- '---\ntitle: "Thông báo cắt điện"\ndate: 2026-11-20\n---\nNgày mai cắt điện từ 7 giờ.\n' \
    > "$site/content/thong-bao/cat-dien.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
# the first build after the audio was made renders what shows it once more
# (its key records whether the audio came from the cache)
printf 'Một đoạn.\n' >> "$site/content/tin-tuc/tin-8.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ino_ann=$(inode_of "$work/out/thong-bao/cat-dien/index.html")
ino_mp3=$(inode_of "$work/out/thong-bao/cat-dien/cat-dien.mp3")
printf 'Thêm đoạn.\n' >> "$site/content/tin-tuc/tin-8.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
rm -rf "$work/clean"; "$MOTCUA" build -s "$site" -o "$work/clean" --clean -q --future >/dev/null 2>&1
rewritten=$(( $(total_count) - $(unchanged_count) ))
ok "announcement audio: a news edit rewrites a few files ($rewritten), identical to a clean build" eval 'status_is 0 && [ $rewritten -ge 1 ] && [ $rewritten -le 12 ] && diff -r "$work/out" "$work/clean" >/dev/null'
ok "announcement audio: its page and audio file are kept (same inode)" eval '[ "$(inode_of "$work/out/thong-bao/cat-dien/index.html")" = "$ino_ann" ] && [ "$(inode_of "$work/out/thong-bao/cat-dien/cat-dien.mp3")" = "$ino_mp3" ]'
printf 'Xin thông báo lại.\n' >> "$site/content/thong-bao/cat-dien.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
rm -rf "$work/clean"; "$MOTCUA" build -s "$site" -o "$work/clean" --clean -q --future >/dev/null 2>&1
ok "announcement edit: new audio and pages, identical to a clean build" eval 'status_is 0 && diff -r "$work/out" "$work/clean" >/dev/null && ls "$work/out/thong-bao/cat-dien/"*.mp3 >/dev/null'

# 12. a new paragraph in an article (its summary, the first paragraph,
# stays): only that page is rendered, without the model
fresh_clean() { rm -rf "$work/clean"; "$MOTCUA" build -s "$site" -o "$work/clean" --clean -q --future >/dev/null 2>&1; }
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ino_other=$(inode_of "$work/out/tin-tuc/tin-31/index.html")
ino_page=$(inode_of "$work/out/tin-tuc/tin-30/index.html")
printf '\nMột đoạn mới, có [liên kết](tin-31.md).\n' >> "$site/content/tin-tuc/tin-30.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
fresh_clean
ok "text edit: built without the model, one file rendered" eval 'status_is 0 && stderr_has "1 edited page, nothing else changed: rendered 1 file" && [ "$(unchanged_count)" = $(( $(total_count) - 1 )) ]'
ok "text edit: identical to a clean build" eval 'diff -r "$work/out" "$work/clean" >/dev/null && grep -q "tin-31/" "$work/out/tin-tuc/tin-30/index.html"'
ok "text edit: the page is new, the others keep their inode" eval '[ "$(inode_of "$work/out/tin-tuc/tin-30/index.html")" != "$ino_page" ] && [ "$(inode_of "$work/out/tin-tuc/tin-31/index.html")" = "$ino_other" ]'
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
ok "text edit: then nothing to do" eval 'status_is 0 && stderr_has "nothing changed since the last build"'
printf '\nĐoạn hai.\n' >> "$site/content/tin-tuc/tin-40.md"
printf '\nĐoạn ba.\n' >> "$site/content/thu-tuc/thu-tuc-9.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
fresh_clean
ok "two text edits: both pages, identical to a clean build" eval 'status_is 0 && stderr_has "2 edited pages" && diff -r "$work/out" "$work/clean" >/dev/null'
# the first paragraph is the summary lists and feeds show: the page and
# the outputs that show its card are rendered again (edit_build.h)
sed -i 's/^Nội dung tin 41\./Nội dung mới của tin 41./' "$site/content/tin-tuc/tin-41.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
fresh_clean
ok "summary edit: the page and the lists that show it, identical to a clean build" eval 'status_is 0 && stderr_has "1 edited page, title or summary changed" && [ "$(unchanged_count)" -lt $(( $(total_count) - 1 )) ] && diff -r "$work/out" "$work/clean" >/dev/null'
# a link to a page that does not exist: the full build reports it, at its line
cp "$site/content/tin-tuc/tin-42.md" "$work/tin-42.md"
cp -R "$work/out" "$work/before"
printf '\nXem [trang cũ](khong-co.md).\n' >> "$site/content/tin-tuc/tin-42.md"
run "$MOTCUA" build -s "$site" -o "$work/out" --future
ok "text edit with a broken link: error at its line, output untouched" eval 'status_is 1 && stderr_has "content/tin-tuc/tin-42.md:8: error: link to '"'"'khong-co.md'"'"'" && diff -r "$work/out" "$work/before" >/dev/null'
cp "$work/tin-42.md" "$site/content/tin-tuc/tin-42.md"
# a title edit goes through the full build, which writes a new snapshot:
# the next text edit is quick again
sed -i 's/^title: "Tin số 43 về cải cách"/title: "Tin số 43 về cải cách hành chính"/' "$site/content/tin-tuc/tin-43.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
printf '\nĐoạn bốn.\n' >> "$site/content/tin-tuc/tin-44.md"
run "$MOTCUA" build -s "$site" -o "$work/out" -v --future
fresh_clean
ok "after a title edit, a text edit is quick again, identical to a clean build" eval 'status_is 0 && stderr_has "1 edited page" && diff -r "$work/out" "$work/clean" >/dev/null'
# the quick path on a theme with a search page: test_incremental_search.sh
finish
