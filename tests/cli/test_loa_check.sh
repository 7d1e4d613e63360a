# test_loa_check.sh — the speech check before airing and the reading rules
# as staff meet them (issue 15): `loa check` (FILE:LINE:COL warnings,
# --strict, the site's tu-dien.tsv), `loa normalize --explain`, the same
# warnings in `motcua build`, and one reading of priority:/style:/voice: in
# `loa render`, `loa schedule` and `motcua build` (a spelling is accepted by
# all three or refused by all three at its line).
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT

# ---- loa check ----
mkdir -p "$tmp/tb"
printf -- '---\ntitle: "Thông báo của BQLDA"\n---\n\nBão **YAGI** đổ bộ, gọi 112.\nTiêm ngày 8 và 9/12 tại TYT.\nLiều 10mcg, mã số 123456789.\n' > "$tmp/tb/bao.md"
printf -- '---\ntitle: "Cắt nước"\n---\n\nCắt nước từ 8h ngày 10/12 tại TDP 5.\n' > "$tmp/tb/nuoc.md"
run "$LOA" check "$tmp/tb/bao.md" "$tmp/tb/nuoc.md"
ok "check: each doubtful token at FILE:LINE:COL with what will be said" eval '
  status_is 0 &&
  stdout_has "$tmp/tb/bao.md:2:23: warning: '"'"'BQLDA'"'"' will be read \"bê quy lờ dê a\"" &&
  stdout_has "$tmp/tb/bao.md:5:7: warning: '"'"'YAGI'"'"' will be read \"da ghi\"" &&
  stdout_has "$tmp/tb/bao.md:7:6: warning: '"'"'10mcg'"'"'" &&
  stdout_has "$tmp/tb/bao.md:7:19: warning: '"'"'123456789'"'"'" &&
  stdout_has "4 warnings in 2 files"'
ok "check: what is read with confidence is not reported" eval '
  ! stdout_has "nuoc.md" && ! stdout_has "'"'"'112'"'"'" && ! stdout_has "TYT" && ! stdout_has "9/12"'
run "$LOA" check --strict "$tmp/tb/nuoc.md"
ok "check --strict: a clean file exits 0" eval 'status_is 0 && stdout_has "0 warnings in 1 file"'
run "$LOA" check --strict "$tmp/tb/bao.md"
ok "check --strict: warnings exit 1" status_is 1
run "$LOA" check "$tmp/tb/khong-co.md"
ok "check: a missing file is an error, exit 1" eval 'status_is 1 && stdout_has "khong-co.md"'
run "$LOA" check
ok "check: no file is a usage error" status_is 2

# the site's dictionary silences (and changes) readings
mkdir -p "$tmp/site"
printf 'title: Phường\n' > "$tmp/site/site.yaml"
printf '# từ điển của phường\nabbr\tBQLDA\tban quản lý dự án\nloan\tyagi\tya ghi\nunit\tmcg\tmi crô gam\n' > "$tmp/site/tu-dien.tsv"
run "$LOA" check --site "$tmp/site" "$tmp/tb/bao.md"
ok "check --site: the site's tu-dien.tsv counts as a dictionary" eval '
  status_is 0 && stdout_has "1 warning in 1 file" && stdout_has "123456789" && ! stdout_has "BQLDA"'
printf 'abbr\tBQLDA\n' > "$tmp/site/tu-dien.tsv"
run "$LOA" check --site "$tmp/site" "$tmp/tb/bao.md"
ok "check --site: a bad line of tu-dien.tsv is an error at its line" eval '
  status_is 1 && stderr_has "tu-dien.tsv:1: error: expected 3 tab-separated fields"'

# ---- loa normalize --explain ----
run "$LOA" normalize --explain "Gọi 112, bão YAGI, theo 15/2020/NĐ-CP"
ok "normalize --explain: the rule behind each word, warnings marked, nothing on stderr" eval '
  status_is 0 && [ ! -s "$err" ] &&
  stdout_has "$(printf "112\tphone\tmột một hai")" &&
  stdout_has "$(printf "15/2020/NĐ-CP\tlegal-number\tnghị định số mười lăm năm hai nghìn không trăm hai mươi của Chính phủ")" &&
  stdout_has "$(printf "YAGI\trespelled\tda ghi\twarning: ")" &&
  [ "$(grep -c warning: "$out")" = 1 ]'
run "$LOA" --help
ok "--help names check and --explain" eval 'stdout_has "check FILE.md" && stdout_has "--explain"'
run "$LOA" check --help
ok "check --help documents --strict and tu-dien.tsv" eval 'stdout_has "--strict" && stdout_has "tu-dien.tsv"'
ok "the man page documents check, --explain and tu-dien.tsv" eval '
  grep -q "check" "$root/man/loa.1" && grep -q "explain" "$root/man/loa.1" && grep -q "tu.*dien.tsv" "$root/man/loa.1"'

# ---- one reading of priority:, style:, voice: ----
cp -R "$root/tests/sites/announce" "$tmp/ann"
ln -s "$root/themes" "$tmp/ann/themes"
ann=$tmp/ann/content/thong-bao/cat-nuoc.md
cp "$ann" "$tmp/keep.md"
(cd "$tmp/ann" && "$LOA" render content/thong-bao/[a-z]*.md -o "$tmp/audio" >/dev/null 2>&1)
# every tool, with the same file: 0 when accepted, else the message
three() {
  (cd "$tmp/ann" && "$LOA" render content/thong-bao/cat-nuoc.md -o "$tmp/r" --format wav >"$tmp/r.out" 2>"$tmp/r.err"); r=$?
  "$LOA" schedule "$tmp/ann/content/thong-bao" -o "$tmp/s" --site "$tmp/ann" --audio "$tmp/audio" >"$tmp/s.out" 2>"$tmp/s.err"; s=$?
  "$MOTCUA" build -q -s "$tmp/ann" -o "$tmp/b" --future >"$tmp/b.out" 2>"$tmp/b.err"; b=$?
}
for spelling in "khẩn cấp" "KHẨN CẤP" "Khan Cap" "khẩn-cấp" "Ưu tiên" "Khẩn" "khan_cap" "emergency" "thong_thuong"; do
  sed "s/^priority: .*/priority: $spelling/" "$tmp/keep.md" > "$ann"
  three
  ok "priority: $spelling is accepted by render, schedule and build" eval '[ $r = 0 ] && [ $s = 0 ] && [ $b = 0 ]'
done
for spelling in "rat_gap" "gấp" "khan_cap_lam"; do
  sed "s/^priority: .*/priority: $spelling/" "$tmp/keep.md" > "$ann"
  three
  ok "priority: $spelling is refused by render, schedule and build at its line" eval '
    [ $r = 1 ] && [ $s = 1 ] && [ $b = 1 ] &&
    grep -qF "cat-nuoc.md:5: error: priority: '"'"'$spelling'"'"' is not known" "$tmp/r.err" &&
    grep -qF "cat-nuoc.md:5: error: priority: '"'"'$spelling'"'"' is not known" "$tmp/s.err" &&
    grep -qF "cat-nuoc.md:5: error: priority: '"'"'$spelling'"'"' is not known" "$tmp/b.err"'
done
sed "s/^priority: .*/priority: urgent\nstyle: west/" "$tmp/keep.md" > "$ann"
three
ok "style: west is refused by all three at its line" eval '
  [ $r = 1 ] && [ $s = 1 ] && [ $b = 1 ] && grep -qF "cat-nuoc.md:6: error: style:" "$tmp/r.err" &&
  grep -qF "cat-nuoc.md:6: error: style:" "$tmp/s.err" && grep -qF "cat-nuoc.md:6: error: style:" "$tmp/b.err"'
sed "s/^priority: .*/priority: urgent\nstyle: south/" "$tmp/keep.md" > "$ann"
three
ok "style: south is accepted by all three" eval '[ $r = 0 ] && [ $s = 0 ] && [ $b = 0 ]'
sed "s/^priority: .*/priority: urgent\nvoice: giong-la/" "$tmp/keep.md" > "$ann"
three
ok "voice: giong-la is refused by all three at its line" eval '
  [ $r = 1 ] && [ $s = 1 ] && [ $b = 1 ] && grep -qF "cat-nuoc.md:6: error: voice:" "$tmp/r.err" &&
  grep -qF "cat-nuoc.md:6: error: voice:" "$tmp/s.err" && grep -qF "cat-nuoc.md:6: error: voice:" "$tmp/b.err"'

# ---- the speech check inside motcua build ----
cp "$tmp/keep.md" "$ann"
printf '\nBão YAGI đổ bộ, liên hệ BQLDA.\n' >> "$ann"
"$MOTCUA" build -s "$tmp/ann" -o "$tmp/b" --future >"$out" 2>"$err"; status=$?
ok "motcua build prints the speech check's warnings" eval '
  status_is 0 && grep -qF "cat-nuoc.md:13:5: warning: '"'"'YAGI'"'"' will be read \"da ghi\"" "$err" &&
  grep -qF "cat-nuoc.md:13:25: warning: '"'"'BQLDA'"'"'" "$err"'
printf 'abbr\tBQLDA\tban quản lý dự án\nloan\tyagi\tya ghi\n' > "$tmp/ann/tu-dien.tsv"
"$MOTCUA" build -s "$tmp/ann" -o "$tmp/b" --future >"$out" 2>"$err"; status=$?
ok "motcua build uses the site's tu-dien.tsv" eval 'status_is 0 && ! grep -q "YAGI\|BQLDA" "$err"'
finish
