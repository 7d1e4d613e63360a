# test_fuzz_pass.sh — a short pass of every libFuzzer harness (tests/fuzz/)
# under ASan and UBSan, inside the suite so that CI's one test command runs
# it: on CI (CI=true) 6 s a harness, or MC_FUZZ_SECONDS=N; skipped
# otherwise (make fuzz runs the long pass, 60 s a harness by default).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${MC_FUZZ_SECONDS:-}
[ -z "$secs" ] && [ "${CI:-}" = true ] && secs=6
if [ -z "$secs" ]; then
    skip "short fuzz pass" "runs on CI (CI=true) or with MC_FUZZ_SECONDS=N; 'make fuzz' is the long pass"
    finish
    exit $?
fi
run make -C "$root" fuzz FUZZ_SECONDS="$secs"
ok "every fuzz harness ran $secs s under ASan and UBSan without a crash" status_is 0
finish
