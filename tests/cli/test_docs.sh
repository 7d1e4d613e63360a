# test_docs.sh — the man pages and README's usage block say what the
# programs accept.
#
# Two ways: (1) man/*.1 and README.md are what `make docs` writes from the
# option tables now (DOCGEN is build/docgen, which `make test` passes); (2)
# independently of the writer, every option each command's --help lists is
# in the man page with its argument and in README's synopsis, and neither
# names an option the command's --help does not have.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}" "${LOA:?set LOA to the loa binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
DOCGEN=${DOCGEN:-$root/build/docgen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out" "$err"' EXIT

run "$DOCGEN" check
ok "option tables: keys and long names unique, every option has help" status_is 0
for p in motcua loa; do
    run "$DOCGEN" man $p "$root/man/$p.1.in"
    ok "man/$p.1 is what 'make docs' writes from the option tables" \
        eval 'status_is 0 && cmp -s "$out" "$root/man/$p.1" || { diff "$root/man/$p.1" "$out" | head -20; false; }'
done
run "$DOCGEN" readme "$root/README.md"
ok "README.md's usage block is what 'make docs' writes" \
    eval 'status_is 0 && cmp -s "$out" "$root/README.md" || { diff "$root/README.md" "$out" | head -20; false; }'

# The commands PROGRAM --help lists.
commands() { "$1" --help | sed -n '/^Commands:/,/^$/p' | sed -nE 's/^  ([a-z]+).*/\1/p'; }

# The options of PROGRAM COMMAND --help (the block of lines from the first
# option to the next blank line), one per line: "-s --site SITE", "- --drafts"
# (no letter, no argument).
help_options() {
    "$1" "$2" --help | awk '/^  (-[[:alnum:]], |    )--/ {on = 1} on && /^$/ {exit} on' |
        sed -nE 's/^      --([[:alnum:]-]+)(=([^ ]+))?( .*)?$/- --\1 \3/p
                 s/^  -([[:alnum:]]), --([[:alnum:]-]+)(=([^ ]+))?( .*)?$/-\1 --\2 \4/p' | sed 's/ *$//'
}

# The options the man page documents under ".SS COMMAND": "--site SITE".
man_options() {
    awk -v c="$2" '/^\.S[SH] /{cur = $2} cur == c' "$root/man/$1.1" | grep -E '^\.BR? ' |
        sed -e 's/\\-/-/g' | sed -nE 's/.*(--[[:alnum:]-]+)( =\\fI([^\\]+)\\fR)?$/\1 \3/p' | sed 's/ *$//'
}

# README's synopsis of PROGRAM COMMAND, continuation lines joined.
readme_synopsis() {
    sed -n '/^## Usage/,/^## /p' "$root/README.md" |
        awk -v p="$1" -v c="$2" '$1 == p && $2 == c {on = 1; printf "%s", $0; next}
                                 on && /^ / {printf "%s", $0; next} {on = 0}'
}

: >"$out"; : >"$err"   # what ok prints on failure: nothing from the runs above
for p in "$MOTCUA" "$LOA"; do
    prog=$(basename "$p")
    for c in $(commands "$p"); do
        help_options "$p" "$c" >"$tmp/help"
        man_options "$prog" "$c" >"$tmp/man"
        syn=$(readme_synopsis "$prog" "$c")
        missing=
        while read -r letter long arg; do
            grep -qxF -- "$long${arg:+ $arg}" "$tmp/man" || missing="$missing man:$long"
            [ "$long" = --help ] && continue
            word=$long; [ "$letter" != - ] && word=$letter
            case " $syn " in
                *"[$word${arg:+ $arg}]"* | *" $word${arg:+ $arg} "*) ;;
                *) missing="$missing README:$word" ;;
            esac
        done <"$tmp/help"
        extra=
        while read -r long arg; do
            grep -qE -- "^-[[:alnum:]]? $long( |\$)" "$tmp/help" || extra="$extra man:$long"
        done <"$tmp/man"
        for word in $(printf '%s\n' "$syn" | grep -oE '\[--?[[:alnum:]-]+' | tr -d '['); do
            grep -qE -- "(^$word |^-[[:alnum:]]? $word( |\$))" "$tmp/help" || extra="$extra README:$word"
        done
        ok "$prog $c: every option in the man page and README, with its argument${missing:+ (missing:$missing)}" \
            eval '[ -z "$missing" ] && [ -n "$syn" ]'
        ok "$prog $c: the man page and README name no option it lacks${extra:+ (extra:$extra)}" \
            eval '[ -z "$extra" ]'
    done
done
finish
