#!/bin/sh
# seeds.sh NAME DIR — writes the seed corpus of fuzz harness NAME into DIR,
# from the example site and the test fixtures (so the fuzzers start from
# real pages, templates, announcements, texts and URLs), plus the crash
# regressions of tests/fuzz/regressions/NAME/. Run from the repository root.
name=$1; dir=$2
mkdir -p "$dir"
n=0
put() { n=$((n + 1)); cat >"$dir/seed-$n"; }
pages() { find content tests/sites -name '*.md' -type f | LC_ALL=C sort; }
case $name in
frontmatter|search_tokens)
    for f in $(pages); do put <"$f"; done ;;
speech_markdown)
    for f in $(pages | grep -E 'thong-bao|announce'); do sed '1,/^---$/{/^---$/!d}' "$f" | put; done
    for f in $(pages | head -n 20); do put <"$f"; done ;;
mustache)
    for f in $(find themes tests/sites -name '*.mustache' -type f | LC_ALL=C sort); do
        { cat "$f"; printf '\0{{#page}}{{title}}{{/page}}\0{"page":{"title":"Đăng ký <khai sinh>","url":"/a/"},"site":{"title":"Cổng"}}'; } | put
    done ;;
normalize|text)
    # the inputs of the normaliser's test table, one per seed (style byte first)
    grep -v '^#' tests/data/normalize.tsv | cut -f 2 | while IFS= read -r line; do
        printf '\0%s' "$line" | put
    done
    for f in $(pages | head -n 30); do { printf '\1'; cat "$f"; } | put; done ;;
serve_path)
    for f in $(cd tests/sites/basic/expected && find . -type f | LC_ALL=C sort); do
        printf '%s' "${f#.}" | put
    done
    for u in / /thu-tuc/ /a%20b/ /%2e%2e/etc/passwd /a/../b /a%2fb /%00 /a%5cb '/t%C3%ACm-ki%E1%BA%BFm/?q=a'; do
        printf '%s' "$u" | put
    done ;;
*) echo "seeds.sh: unknown harness $name" >&2; exit 2 ;;
esac
[ -d "tests/fuzz/regressions/$name" ] && cp tests/fuzz/regressions/"$name"/* "$dir"/ 2>/dev/null
exit 0
