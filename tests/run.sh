#!/bin/sh
# run.sh — runs every test program and script, adds up their closing lines.
# Usage: run.sh BINDIR [unit]   (unit: only the unit test programs)
#
# Each unit test binary in $1 and each tests/cli/*.sh script prints its own
# results and ends with "N passed, N failed[, N skipped]". This script sums
# them and prints the same line for the whole suite. A program that crashes
# or prints no closing line counts as one failure. MC_TEST_WRAPPER (e.g.
# valgrind) is put in front of each unit test binary.
bindir=${1:-build/tests}
only=${2:-all}   # "unit": the unit test programs alone (make unit)
here=$(cd "$(dirname "$0")" && pwd)
total_p=0; total_f=0; total_s=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name, exit status
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$last" ]; then
        echo "FAIL $1: no result line (exit status $2)"
        total_f=$((total_f + 1)); return
    fi
    p=$(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$last" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    s=$(echo "$last" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $1: exit status $2 although no check failed"
        f=1
    fi
    total_p=$((total_p + p)); total_f=$((total_f + f)); total_s=$((total_s + ${s:-0}))
}

for t in "$bindir"/test_*; do
    [ -x "$t" ] || continue
    echo "== $(basename "$t")"
    $MC_TEST_WRAPPER "$t" >"$log" 2>&1
    st=$?
    grep -vE '^ok ' "$log" | grep -vE '^[0-9]+ passed, ' 
    tally "$(basename "$t")" $st
done

for t in "$here"/cli/test_*.sh; do
    [ -f "$t" ] && [ "$only" != unit ] || continue
    echo "== cli/$(basename "$t")"
    sh "$t" >"$log" 2>&1
    st=$?
    grep -vE '^ok ' "$log" | grep -vE '^[0-9]+ passed, '
    tally "cli/$(basename "$t")" $st
done

if [ "$total_s" -gt 0 ]; then
    echo "$total_p passed, $total_f failed, $total_s skipped"
else
    echo "$total_p passed, $total_f failed"
fi
[ "$total_f" -eq 0 ]
