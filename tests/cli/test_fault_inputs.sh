# test_fault_inputs.sh — the careless inputs that used to be taken silently
# or answered in the wrong form:
#   - draft: yes, "yes", on, "có", Có hide the page like true; no, không
#     publish it; 1 and maybe are errors at the draft: line (the page is not
#     published); loa schedule reads draft: the same way;
#   - tags: and aliases: given as a map, a string or with a non-text item:
#     an error naming the expected shape, at the line;
#   - dates: 2026-13-45 refused by loa render at its line (as by motcua),
#     0000-01-01 refused instead of reaching the feed;
#   - text without a letter or digit (emoji, punctuation) refused by loa say
#     like empty text; loa say -o FOLDER says it is a folder;
#   - a file whose lines end with CR alone says so at line 1;
#   - --clean on a read-only output: the error once.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
: "${LOA:?set LOA to the loa binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

s=$work/site; o=$work/public
fixture basic "$s"
"$MOTCUA" build -q -s "$s" -o "$o" || echo "FAIL setup: the fixture did not build"

# page VALUE...: content/nhap.md with the front matter lines given
page() {
    { printf -- '---\ntitle: "Trang nháp"\n'; for l in "$@"; do printf '%s\n' "$l"; done
      printf -- '---\nNội dung.\n'; } >"$s/content/nhap.md"
}
for v in yes '"yes"' on '"có"' Có YES true; do
    page "draft: $v"
    run "$MOTCUA" build -q -s "$s" -o "$o"
    ok "draft: $v keeps the page hidden" eval 'status_is 0 && [ ! -e "$o/nhap" ]'
done
for v in no '"không"' false; do
    page "draft: $v"
    run "$MOTCUA" build -q -s "$s" -o "$o"
    ok "draft: $v publishes the page" eval 'status_is 0 && [ -s "$o/nhap/index.html" ]'
done
rm -rf "$o"; "$MOTCUA" build -q -s "$s" -o "$o"
for v in 1 maybe '[true]'; do
    page "draft: $v"
    run "$MOTCUA" build -s "$s" -o "$o"
    ok "draft: $v is an error at content/nhap.md:3, naming the spellings" eval \
       'status_is 1 && stderr_has "content/nhap.md:3: error: draft: must be true or false (yes/no and có/không mean the same)" && err_lines_ok'
done

for case in 'tags: {khai-sinh: 1}|tags' 'tags: "khai sinh"|tags' 'aliases: {cu: /cu/}|aliases' \
            'aliases: [/cu/, 42]|aliases'; do
    line=${case%|*}; key=${case#*|}
    page "$line"
    run "$MOTCUA" build -s "$s" -o "$o"
    ok "$line: error at its line naming the shape (a list of text)" eval \
       'status_is 1 && grep -qE "^content/nhap\.md:3: error: $key: must be a list of text, for example $key: \[" "$err"'
done

page 'date: 0000-01-01'
run "$MOTCUA" build -s "$s" -o "$o"
ok "date: 0000-01-01 is refused at its line, not put in the feed" eval \
   'status_is 1 && stderr_has "content/nhap.md:3: error: '"'"'0000-01-01'"'"' is not a valid date"'
rm -f "$s/content/nhap.md"

printf -- '---\rtitle: "Trang Mac cũ"\r---\rNội dung.\r' >"$s/content/mac.md"
run "$MOTCUA" build -s "$s" -o "$o"
ok "CR-only line ends: said at line 1, with what to do (not 'no title')" eval \
   'status_is 1 && stderr_has "content/mac.md:1: error: the lines end with a carriage return alone" && stderr_has "LF or CRLF" && ! stderr_has "no title"'
rm -f "$s/content/mac.md"

# ---- loa -----------------------------------------------------------------------
a=$work/tb.md
printf -- '---\ntitle: "Thông báo"\ndate: 2026-13-45\n---\nXin thông báo.\n' >"$a"
run "$LOA" render "$a" -o "$work/audio"
ok "loa render: date 2026-13-45 refused at its line, nothing written" eval \
   'status_is 1 && stderr_has "$a:3: error: '"'"'2026-13-45'"'"' is not a valid date" && [ -z "$(ls -A "$work/audio" 2>/dev/null)" ]'
for t in "😀😀😀" "!!! ... ???" "— ★ —"; do
    run "$LOA" say "$t" -o "$work/x.mp3"
    ok "loa say '$t': refused like empty text, no file" eval 'status_is 1 && stderr_has "nothing to read aloud" && [ ! -e "$work/x.mp3" ]'
done
run "$LOA" say "Xin chào" -o "$work"
ok "loa say -o FOLDER: 'is a folder', not 'Device or resource busy'" eval \
   'status_is 1 && stderr_has "is a folder" && ! stderr_has "busy"'

# a schedule skips drafts the same way the portal does
sch=$work/sch; cp -R "$sites/announce" "$sch"
f=$(ls "$sch"/content/thong-bao/[a-z]*.md | head -n 1)
sed -i '0,/^title:/s//draft: "có"\ntitle:/' "$f"
run "$LOA" schedule "$sch/content/thong-bao" --site "$sch" -o "$work/lich" --audio "$work/none"
# (no audio was rendered, so every announcement it plans is an error naming it)
ok "loa schedule: draft: \"có\" leaves the announcement out" eval \
   'stderr_has "no audio for ward" && ! stderr_has "$(basename "$f"): error"'
sed -i 's/^draft: "có"$/draft: maybe/' "$f"
run "$LOA" schedule "$sch/content/thong-bao" --site "$sch" -o "$work/lich2" --audio "$work/none"
ok "loa schedule: draft: maybe is an error at its line" eval 'status_is 1 && stderr_has "$(basename "$f"):2: error: draft: must be true or false"'

# ---- --clean on a read-only output: one message ------------------------------------
ro=$work/ro; mkdir -p "$ro"; fixture basic "$work/site2"; s=$work/site2
"$MOTCUA" build -q -s "$s" -o "$ro/pub"
if mount --bind "$ro" "$ro" 2>/dev/null && mount -o remount,ro,bind "$ro" 2>/dev/null; then
    run "$MOTCUA" build -s "$s" -o "$ro/pub" --clean
    ok "--clean on a read-only output: exit 1, the error said once" eval \
       'status_is 1 && [ "$(grep -c ": error: " "$err")" -eq 1 ] && stderr_has "Read-only file system" && err_lines_ok'
    umount "$ro"
else
    skip "--clean on a read-only output" "cannot make a read-only bind mount here"
fi

finish
