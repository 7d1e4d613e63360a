# test_confinement.sh — nothing outside the site is read or published through
# a symbolic link or a ward id (safepath.h's one rule, settings.h's one ward
# id check):
#   - a link that leads out of the site, for each kind of file the build
#     reads (a static file, a page bundle's form, a .md page, a content
#     folder, a data file, an i18n file, a theme template, a theme static
#     file): exit 1, the link's path relative to the site, advice, the
#     previous site byte-identical and the outside file nowhere in it;
#   - a dangling link and a folder link to its own parent: the same, with
#     their own messages; a link that stays inside the site is published;
#   - a ward id such as ../../x: refused by motcua build, loa render, loa
#     send and loa schedule at its site.yaml line, nothing written outside;
#   - a link in a ward folder that leads out: loa send refuses it and
#     uploads nothing of it; a relative station folder may not leave the site.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
: "${LOA:?set LOA to the loa binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

secret=$work/outside/bi-mat.txt
mkdir -p "$work/outside/thu-muc"
echo "MAT-KHAU-NGOAI-SITE-$$" >"$secret"
printf -- '---\ntitle: "Trang ngoài"\n---\nMAT-KHAU-NGOAI-SITE-%s\n' $$ >"$work/outside/thu-muc/ngoai.md"
cp "$work/outside/thu-muc/ngoai.md" "$work/outside/ngoai.md"
printf 'MAT-KHAU-NGOAI-SITE-%s: 1\n' $$ >"$work/outside/du-lieu.yaml"

# case: a fresh site with a good build, its checksums in $work/before
n=0
fresh() {
    n=$((n + 1))
    s=$work/c$n/site; o=$work/c$n/public
    fixture basic "$s"
    "$MOTCUA" build -q -s "$s" -o "$o" || echo "FAIL setup: fixture did not build for case $n"
    tree_sum "$o" >"$work/before"
}
# refused NAME SHOWN MESSAGE: the build fails at SHOWN with MESSAGE, the old
# site is kept byte for byte, and the outside text is nowhere in it
refused() {
    at=$2; says=$3
    run "$MOTCUA" build -s "$s" -o "$o"
    ok "$1: exit 1, error at '$at'" eval 'status_is 1 && grep -qF "$at: error: $says" "$err"'
    ok "$1: message says what to do, names no absolute path" eval \
       'grep -F "$at: error:" "$err" | grep -qE "; (copy|restore|remove|write|save)|such as" && ! grep -qF "$work" "$err"'
    tree_sum "$o" >"$work/after"
    ok "$1: previous site unchanged, no staging left, secret not published" eval \
       'cmp -s "$work/before" "$work/after" && no_staging_left "$o" && ! grep -rqF "MAT-KHAU-NGOAI-SITE" "$o"'
}
OUT="path goes through a symbolic link that leads outside the site"

fresh; ln -s "$secret" "$s/static/files/lo.txt"
refused "static file linked out" "static/files/lo.txt" "$OUT"

fresh; f=$s/content/thu-tuc/dang-ky-khai-sinh/to-khai.txt; rm "$f"; ln -s "$secret" "$f"
refused "bundle form linked out" "content/thu-tuc/dang-ky-khai-sinh/to-khai.txt" "$OUT"

fresh; ln -s "$work/outside/ngoai.md" "$s/content/tin-tuc/ngoai.md"
refused ".md page linked out" "content/tin-tuc/ngoai.md" "$OUT"

fresh; ln -s "$work/outside/thu-muc" "$s/content/ngoai"
refused "content folder linked out" "content/ngoai" "$OUT"

fresh; ln -s "$work/outside/du-lieu.yaml" "$s/data/ngoai.yaml"
refused "data file linked out" "data/ngoai.yaml" "$OUT"

fresh; mkdir -p "$s/i18n"; ln -s "$work/outside/du-lieu.yaml" "$s/i18n/vi.yaml"
refused "i18n file linked out" "i18n/vi.yaml" "$OUT"

fresh; t=$s/themes/default/templates/robots.txt.mustache
cp "$t" "$work/outside/robots.mustache"; echo "MAT-KHAU-NGOAI-SITE-$$" >>"$work/outside/robots.mustache"
rm "$t"; ln -s "$work/outside/robots.mustache" "$t"
refused "theme template linked out" "themes/default/templates/robots.txt.mustache" "$OUT"

fresh; ln -s "$secret" "$s/themes/default/static/css/lo.css"
refused "theme static file linked out" "themes/default/static/css/lo.css" "$OUT"

fresh; mkdir -p "$work/outside/static"; cp "$secret" "$work/outside/static/"
rm -rf "$s/static"; ln -s "$work/outside/static" "$s/static"
refused "the static folder itself linked out" "static" "$OUT"

fresh; sed -i 's|^theme: default|theme: ../../outside|' "$s/site.yaml"
refused "a theme name that leaves themes/" "site.yaml:$(grep -n '^theme:' "$s/site.yaml" | cut -d: -f1)" "theme '../../outside' must be the name of a folder in themes/"

fresh; ln -s "$s/khong-co.txt" "$s/static/files/treo.txt"
refused "dangling link" "static/files/treo.txt" "symbolic link to a file that does not exist"

fresh; ln -s .. "$s/content/tin-tuc/vong"
refused "folder link to its own parent" "content/tin-tuc/vong" "symbolic link to a folder that contains it"

# a theme folder may be shared by a link (the theme is code chosen in
# site.yaml, like the installed one); links inside it must stay in it
fresh; mv "$s/themes/default" "$work/shared-theme"; ln -s "$work/shared-theme" "$s/themes/default"
run "$MOTCUA" build -s "$s" -o "$o" --clean
ok "a theme folder linked to a shared theme builds the same site" eval 'status_is 0 && [ "$(tree_sum "$o")" = "$(cat "$work/before")" ]'
ln -s "$secret" "$work/shared-theme/static/css/lo.css"
refused "a link inside a shared theme leading out of it (named inside the theme)" "static/css/lo.css" "$OUT"

# a link that stays inside the site is followed: the form is the static file
fresh; f=$s/content/thu-tuc/dang-ky-khai-sinh/to-khai.txt; rm "$f"
ln -s ../../../static/files/huong-dan.txt "$f"
run "$MOTCUA" build -s "$s" -o "$o"
ok "link inside the site: built, the form holds the linked file's bytes" eval \
   'status_is 0 && cmp -s "$o/thu-tuc/dang-ky-khai-sinh/to-khai.txt" "$s/static/files/huong-dan.txt"'

# ---- ward ids ------------------------------------------------------------------
a=$work/announce
cp -R "$sites/announce" "$a"
cp -R "$root/themes" "$a/"
sed -i 's|  - id: phuong-b|  - id: "../../../../ngoai-ward"|' "$a/site.yaml"
line=$(grep -n 'ngoai-ward' "$a/site.yaml" | cut -d: -f1)
# the opening names the ward, so loa render writes one file per ward id
sed -i 's|  opening: "Xin thông báo."|  opening: "Đài {ward} xin thông báo."|' "$a/site.yaml"
mkdir -p "$work/r/o/u/t"
run "$LOA" render --site "$a" "$a/content/thong-bao/cat-nuoc.md" -o "$work/r/o/u/t/audio"
ok "loa render: ward id with '..' refused at its site.yaml line" eval \
   'status_is 1 && stderr_has "site.yaml:$line: error: ward id" && stderr_has "ASCII letters"'
ok "loa render: nothing written outside -o" eval '[ ! -e "$work/ngoai-ward" ] && [ ! -e "$work/r/ngoai-ward" ] && [ -z "$(find "$work" -name "*ngoai-ward*")" ]'
mkdir -p "$work/lich/phuong-a"; echo x >"$work/lich/phuong-a/a.m3u8"
run "$LOA" send "$work/lich" --site "$a"
ok "loa send: the same ward id refused at its line" eval 'status_is 1 && stderr_has "site.yaml:$line: error: ward id"'
run "$LOA" schedule "$a/content/thong-bao" --site "$a" -o "$work/lich2"
ok "loa schedule: the same ward id refused at its line" eval 'status_is 1 && stderr_has "site.yaml:$line: error: ward id"'
run "$MOTCUA" build -s "$a" -o "$work/pub-a"
ok "motcua build: the same check, the same line" eval 'status_is 1 && stderr_has "site.yaml:$line: error: ward id"'

# ---- loa send: links in a ward folder, stations inside the site ------------------
d=$work/send; mkdir -p "$d" "$work/lich3/phuong-a"
cat >"$d/site.yaml" <<YAML
wards:
  - id: phuong-a
    name: "Phường An"
    station: "tram-a/"
  - id: phuong-b
    name: "Phường Bắc"
    station: "../tram-ngoai/"
YAML
echo "#EXTM3U" >"$work/lich3/phuong-a/2026-12-01.m3u8"
ln -s "$secret" "$work/lich3/phuong-a/bi-mat.txt"
run "$LOA" send "$work/lich3" --site "$d" --only phuong-a
ok "loa send: a link in a ward folder leading out is refused, named" eval \
   'status_is 1 && stderr_has "phuong-a/bi-mat.txt" && stderr_has "leads outside"'
ok "loa send: the secret never reaches the station" eval '! grep -rqF "MAT-KHAU-NGOAI-SITE" "$d" 2>/dev/null'
rm "$work/lich3/phuong-a/bi-mat.txt"; mkdir -p "$work/lich3/phuong-b"; echo x >"$work/lich3/phuong-b/a.m3u8"
run "$LOA" send "$work/lich3" --site "$d" --only phuong-b
ok "loa send: a relative station folder with '..' is refused, nothing written there" eval \
   'status_is 1 && stderr_has "leaves its folder" && [ ! -e "$work/tram-ngoai" ]'
run "$LOA" send "$work/lich3" --site "$d" --only phuong-a
ok "loa send: a station folder inside the site still works" eval 'status_is 0 && cmp -s "$d/tram-a/2026-12-01.m3u8" "$work/lich3/phuong-a/2026-12-01.m3u8"'


# a ward's recorded opening reached through a link (a file or a folder) leading out
e="$work/site-rec"; mkdir -p "$e/thong-bao" "$e/audio"
printf 'x' > "$work/ngoai.m4a"
ln -s "$work/ngoai.m4a" "$e/audio/mo-dau.m4a"
ln -s "$work" "$e/ngoai"
printf -- '---\ntitle: "X"\ndate: 2026-12-05\n---\n\nBản tin.\n' > "$e/thong-bao/x.md"
for rec in audio/mo-dau.m4a ngoai/ngoai.m4a; do
    printf 'title: T\nwards:\n  - id: phuong-a\n    name: "A"\n    opening_recording: %s\n' "$rec" > "$e/site.yaml"
    run "$LOA" render --site "$e" "$e/thong-bao/x.md" -o "$e/out"
    ok "loa render: opening_recording $rec through a link leading out is refused at its line" eval \
       'status_is 1 && stderr_has "site.yaml:5: error: opening_recording:" && stderr_has "outside the site folder"'
done

finish
