# bench/load.sh — sourced by every bench script before it measures: wall
# times and their ratios taken while other work runs mislead, so a bench
# refuses to run when the load average (1 minute) is above the number of
# cores, or with BENCH_FORCE=1 runs and flags every figure it reports.
#   . "$ROOT/bench/load.sh"; bench_load_check   # sets BENCH_LOAD_FLAG
# BENCH_LOAD_FLAG is "" on a quiet machine, else a sentence to print with
# (and write beside) the results.
bench_load_check() {
    cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
    BENCH_LOAD_FLAG=""
    if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > c) }'; then
        if [ "${BENCH_FORCE:-0}" = 1 ]; then
            BENCH_LOAD_FLAG="FLAGGED: load average $load was above the $cores cores before the run; the figures are not comparable"
            echo "bench: $BENCH_LOAD_FLAG" >&2
        else
            echo "bench: the load average is $load, above the $cores cores: other work would distort the figures." >&2
            echo "bench: wait for a quiet machine, or set BENCH_FORCE=1 to run anyway with the results flagged." >&2
            exit 3
        fi
    else
        echo "bench: load average $load on $cores cores" >&2
    fi
}
