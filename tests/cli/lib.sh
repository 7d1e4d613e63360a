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
# procedures DIR N: N procedure guides thu-tuc-1.md… in DIR, over four fields
# (the incremental tests' sites).
procedures() {
    p_i=1
    # every part the publishing rules require (procedure.h), or the build fails
    p_parts='code: "1.000000.000.00.00.H42"\nlevel: xa\nagency: "UBND phường"\naudience: ["Cá nhân"]\nsteps: ["Nộp hồ sơ."]\nchannels: [{kind: truc_tiep}]\ndocuments: [{name: "Tờ khai"}]\ncopies: "01 bộ"\nprocessing_time: "03 ngày làm việc"\nfees: [{amount: 0}]\nresult: "Giấy xác nhận"\nlegal_basis: [{title: "Luật Hộ tịch số 60/2014/QH13"}]\nstatus: dang_ap_dung\n'
    while [ $p_i -le "$2" ]; do
        printf -- "---\ntitle: \"Thủ tục %d\"\nfield: Lĩnh vực %d\n$p_parts---\nHướng dẫn %d.\n" $p_i $(( p_i % 4 )) $p_i \
            > "$1/thu-tuc-$p_i.md"
        p_i=$((p_i + 1))
    done
}
finish() {
    if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"
    else echo "$passed passed, $failed failed"; fi
    [ "$failed" -eq 0 ]
}
