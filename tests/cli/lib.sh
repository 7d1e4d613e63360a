# lib.sh — helpers for command-line tests (sourced, not run by run.sh).
# Each test calls `run CMD...` then checks with `expect_*`; `finish` prints
# the closing "N passed, N failed" line.
passed=0; failed=0; skipped=0
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

run() { "$@" >"$out" 2>"$err"; status=$?; }

# ok NAME CONDITION-COMMAND...
ok() {
    name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $name"
    else failed=$((failed + 1)); echo "FAIL $name"
         echo "  status: $status"; echo "  stdout: $(head -c 400 "$out")"; echo "  stderr: $(head -c 400 "$err")"
    fi
}
skip() { skipped=$((skipped + 1)); echo "skip $1: $2"; }
status_is() { [ "$status" -eq "$1" ]; }
stdout_is() { [ "$(cat "$out")" = "$1" ]; }
stdout_has() { grep -qF -- "$1" "$out"; }
stderr_has() { grep -qF -- "$1" "$err"; }
finish() {
    if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"
    else echo "$passed passed, $failed failed"; fi
    [ "$failed" -eq 0 ]
}
