# test_new.sh — `motcua new`: the file, its front matter, no overwriting.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
site=$(mktemp -d)
trap 'rm -rf "$site" "$out" "$err"' EXIT

run "$MOTCUA" new news "Khai trương bộ phận \"một cửa\" mới" -s "$site"
file="$site/content/tin-tuc/khai-truong-bo-phan-mot-cua-moi.md"
ok "new news prints the path of the new file" eval 'status_is 0 && stdout_is "$file" && [ -f "$file" ]'
ok "new news keeps the title, quotes escaped" grep -qF 'title: "Khai trương bộ phận \"một cửa\" mới"' "$file"
ok "new news has a date and draft: true" eval 'grep -qE "^date: [0-9]{4}-[0-9]{2}-[0-9]{2}$" "$file" && grep -q "^draft: true" "$file"'

printf 'changed\n' >> "$file"
run "$MOTCUA" new news "Khai trương bộ phận \"một cửa\" mới" -s "$site"
ok "new refuses to overwrite" eval 'status_is 1 && stderr_has "already exists and was left as it is" && tail -n 1 "$file" | grep -qx changed'

run "$MOTCUA" new procedure "Đăng ký khai sinh" -s "$site"
pfile="$site/content/thu-tuc/dang-ky-khai-sinh.md"
ok "new procedure has the procedure keys with Vietnamese comments" eval 'status_is 0 && grep -q "^code: " "$pfile" && grep -q "^fees: \[\]  *# Phí, lệ phí" "$pfile" && grep -q "^legal_basis: " "$pfile"'
run "$MOTCUA" new announcement "Lịch tiêm phòng dại" -s "$site"
ok "new announcement has wards, priority and slots" eval 'status_is 0 && grep -q "^wards: all" "$site/content/thong-bao/lich-tiem-phong-dai.md" && grep -q "^slots: " "$site/content/thong-bao/lich-tiem-phong-dai.md"'
run "$MOTCUA" new page "Giới thiệu" -s "$site"
ok "new page goes to the top of content/" eval 'status_is 0 && [ -f "$site/content/gioi-thieu.md" ]'

# the files it makes are valid content: the site builds with them published
mkdir -p "$site/themes"
ln -s "$(pwd)/themes/default" "$site/themes/default"
printf 'title: Thử\nbase_url: http://localhost/\n' > "$site/site.yaml"
sed -i 's/^draft: true/draft: false/' "$site"/content/*/*.md
run "$MOTCUA" build -s "$site" --quiet --future
ok "a new procedure published before it is filled in fails the build, at the lines of its parts" eval \
   'status_is 1 && stderr_has "content/thu-tuc/dang-ky-khai-sinh.md:4: error: thiếu \"Mã thủ tục\" (code)" && [ ! -e "$site/public" ]'
run "$MOTCUA" build -s "$site" --quiet --future --allow-incomplete
ok "files made by new build without errors (--allow-incomplete for the empty procedure)" eval 'status_is 0 && [ -f "$site/public/tin-tuc/khai-truong-bo-phan-mot-cua-moi/index.html" ]'

run "$MOTCUA" new memo "X" -s "$site"
ok "unknown kind is a usage error" eval 'status_is 2 && stderr_has "unknown kind '\''memo'\''"'
run "$MOTCUA" new news "!!!" -s "$site"
ok "a title without letters is refused" eval 'status_is 1 && stderr_has "no letters or digits"'
run "$MOTCUA" new news
ok "missing title is a usage error" eval 'status_is 2'
finish
