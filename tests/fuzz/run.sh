#!/bin/sh
# run.sh BUILD SECONDS NAME... — runs each libFuzzer harness BUILD/fuzz_NAME
# for SECONDS on its corpus (BUILD/corpus/NAME, seeded by seeds.sh) under
# ASan and UBSan, and prints its executions per second. A crash leaves its
# input in BUILD/crashes/ and fails the run: copy that file into
# tests/fuzz/regressions/NAME/ (the suite then replays it), fix the bug.
build=$1; seconds=$2; shift 2
failed=0
for name in "$@"; do
    corpus=$build/corpus/$name
    sh tests/fuzz/seeds.sh "$name" "$corpus" || exit 2
    mkdir -p "$build/crashes"
    log=$build/fuzz_$name.log
    "$build/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/crashes/$name-" "$corpus" >"$log" 2>&1
    st=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    if [ $st -ne 0 ]; then
        failed=$((failed + 1))
        echo "fuzz_$name: FAILED (exit $st) after ${runs:-?} runs; see $log and $build/crashes/"
        grep -m 3 -E 'ERROR|runtime error|SUMMARY' "$log"
    else
        echo "fuzz_$name: ${runs:-?} runs in $seconds s, ${secs:-?} executions per second, no crash"
    fi
done
[ $failed -eq 0 ]
