# build_helpers.sh — shared by tests/cli/test_build*.sh (sourced after lib.sh).
# Sets $work (a mktemp -d folder removed at exit) and $root (the repository).
# Tests never write into tests/sites/: fixtures are copied into $work first.
root=$(cd "$(dirname "$0")/../.." && pwd)
sites=$root/tests/sites
work=$(mktemp -d)
trap 'rm -f "$out" "$err"; rm -rf "$work"' EXIT

# fixture NAME DEST: copy tests/sites/NAME (without expected/) to DEST.
fixture() {
    mkdir -p "$2"
    for f in "$sites/$1"/*; do
        [ "$(basename "$f")" = expected ] || cp -R "$f" "$2/"
    done
}

# tree_sum DIR: every path (with type) and every file's checksum, sorted;
# the same text before and after means the folder was not touched.
tree_sum() {
    (cd "$1" && find . -printf '%y %p %m\n' | LC_ALL=C sort &&
     find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# same_tree A B: byte-identical trees (diff -r, also file types and names).
same_tree() { diff -r "$1" "$2" >/dev/null 2>&1; }

# no_staging_left DIR: no "*.staging-*" folder left beside DIR.
no_staging_left() {
    [ -z "$(find "$(dirname "$1")" -maxdepth 1 -name "$(basename "$1").staging-*" -print)" ]
}

# err_lines_ok: every stderr line but the closing "motcua: build failed"
# has the form FILE[:LINE[:COL]]: error: ...
err_lines_ok() {
    grep -v '^motcua: build failed' "$err" | grep -vqE '^[^ :][^:]*(:[0-9]+){0,2}: (error|warning): ' && return 1
    grep -q ': error: ' "$err"
}

# newest_err_has TEXT: stderr has TEXT (fixed string) — alias of stderr_has
# kept for readability in the error tests.
stderr_re() { grep -qE -- "$1" "$err"; }

# fixture_linked NAME DEST: fixture NAME copied to DEST, its themes/default
# (a relative link in tests/sites) linked again to the repository's theme.
fixture_linked() {
    fixture "$1" "$2"
    rm -f "$2/themes/default"; ln -s "$root/themes/default" "$2/themes/default"
}
