#!/bin/sh
# bench/serve/run.sh [PAGES] — `motcua serve`: from saving a file to the
# reload event on the Server-Sent Events stream.
#
#   sh bench/serve/run.sh            # 1000 pages, 15 edits
#   BENCH_EDITS=30 sh bench/serve/run.sh 10000
#
# Generates PAGES pages with ../shared/bench/ssg/gen-corpus.py and lays them
# out as a motcua site exactly as bench/run.sh does (bench/site/site.yaml and
# its theme), starts `motcua serve -p 0` on 127.0.0.1, connects to
# /__motcua/events, then BENCH_EDITS times: appends a sentence to one news
# article (a different one each time), and measures, in the same Python
# process, the time from the write (file closed) to the "event: reload"
# line. Target (issue #8): median under 300 ms at 1000 pages; with the
# default theme (BENCH_THEME=default: themes/default, with its search
# index, issue #20) under 300 ms at 10,000 pages. Prints the figures and
# writes them to bench/results/serve.md (serve-default.md for the default
# theme), with the CPU time motcua serve spent over the edits.
#
# Environment: BENCH_THEME (bench | default), BENCH_EDITS (15), BENCH_TMP (${TMPDIR:-/tmp}/motcua-bench),
# MOTCUA_SHARED (ROOT/../shared), MOTCUA (ROOT/motcua), SEED (1).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/load.sh"   # refuses, or flags the results, on a loaded machine
bench_load_check
SSG="${MOTCUA_SHARED:-$ROOT/../shared}/bench/ssg"
MOTCUA="${MOTCUA:-$ROOT/motcua}"
N="${1:-1000}"
EDITS="${BENCH_EDITS:-15}"
SEED="${SEED:-1}"
WORK="${BENCH_TMP:-${TMPDIR:-/tmp}/motcua-bench}"
THEME="${BENCH_THEME:-bench}"
SITE="$WORK/serve-site-$N"

die() { echo "bench: $*" >&2; exit 1; }
case "$N" in ''|*[!0-9]*) die "'$N' is not a number of pages";; esac
case "$THEME" in bench|default) ;; *) die "BENCH_THEME '$THEME' is neither bench nor default";; esac
[ -f "$SSG/gen-corpus.py" ] || die "cannot find $SSG/gen-corpus.py; set MOTCUA_SHARED"
[ -x "$MOTCUA" ] || die "no motcua binary at $MOTCUA; build it first with 'make'"

# the corpus, regenerated only when N, the seed or the generator changed
id="n=$N seed=$SEED gen=$(cksum < "$SSG/gen-corpus.py" | cut -d' ' -f1)"
if [ ! -f "$SITE/corpus.id" ] || [ "$(cat "$SITE/corpus.id")" != "$id" ]; then
  echo "bench: generating the $N-page corpus in $SITE/content" >&2
  rm -rf "$SITE"; mkdir -p "$SITE"
  python3 "$SSG/gen-corpus.py" "$N" "$SITE/content" --seed "$SEED" 2>/dev/null
  echo "$id" > "$SITE/corpus.id"
fi
rm -rf "$SITE/themes" "$SITE/site.yaml"
cp "$ROOT/bench/site/site.yaml" "$SITE/site.yaml"
cp -R "$ROOT/bench/site/themes" "$SITE/themes"
if [ "$THEME" = default ]; then
  cp -R "$ROOT/themes/default" "$SITE/themes/default"
  sed -i 's/^theme: .*/theme: default/' "$SITE/site.yaml"
fi
cp -R "$SITE/content" "$WORK/serve-content-backup-$$"   # edits are undone at the end

LOG="$WORK/serve.log"
# the generated procedures miss parts the publishing rules require: served
# with warnings, as bench/run.sh builds them (--allow-incomplete)
"$MOTCUA" serve -s "$SITE" -p 0 --allow-incomplete > "$WORK/serve.out" 2> "$LOG" &
PID=$!
cleanup() {
  kill -INT "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$SITE/content"; mv "$WORK/serve-content-backup-$$" "$SITE/content"
}
trap cleanup EXIT
i=0
while ! grep -q '^Serving at ' "$WORK/serve.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 600 ] || die "motcua serve did not start; see $LOG"
  sleep 0.1
done
PORT=$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
BUILD_MS=$(sed -n 's/^motcua: built .* in \([0-9]*\) ms$/\1/p' "$LOG" | head -n 1)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
TICKS0=$(cpu_ticks)

python3 - "$PORT" "$SITE/content/news" "$EDITS" > "$WORK/serve-times.txt" <<'PY'
import os, socket, sys, time
port, folder, edits = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /__motcua/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
f = s.makefile("rb")
while b"connected" not in f.readline():
    pass
names = sorted(os.listdir(folder))
for i in range(edits):
    time.sleep(0.4)  # let the previous rebuild settle
    path = os.path.join(folder, names[(i * 37) % len(names)])
    t0 = time.monotonic()
    with open(path, "a") as fh:
        fh.write(f"\nCâu thêm số {i} để đo thời gian tải lại.\n")
    while True:
        line = f.readline()
        if not line:
            sys.exit("event stream closed")
        if line.startswith(b"event: reload"):
            break
    print(f"{(time.monotonic() - t0) * 1000:.1f}")
PY

CPU_MS=$(awk -v a="$TICKS0" -v b="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" -v n="$EDITS" \
         'BEGIN {printf "%.0f", (b - a) * 1000 / hz / n}')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
MED=$(sort -g "$WORK/serve-times.txt" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
MIN=$(sort -g "$WORK/serve-times.txt" | head -n 1)
MAX=$(sort -g "$WORK/serve-times.txt" | tail -n 1)
ALL=$(tr '\n' ' ' < "$WORK/serve-times.txt")
REBUILDS=$(sed -n 's/^motcua: built .* in \([0-9]*\) ms$/\1/p' "$LOG" | tail -n +2 | sort -g |
           awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print "?"}')
mkdir -p "$ROOT/bench/results"
REPORT="$ROOT/bench/results/serve.md"
[ "$THEME" = bench ] || REPORT="$ROOT/bench/results/serve-$THEME.md"
{
  echo "# motcua serve: save → reload event"
  echo
  echo "$(date -u +%Y-%m-%d) · motcua $("$MOTCUA" --version | awk '{print $2}') · $(nproc) CPU ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1))"
  echo
  if [ -n "$BENCH_LOAD_FLAG" ]; then echo "**$BENCH_LOAD_FLAG.**"; echo; fi
  echo "Command: \`BENCH_THEME=$THEME sh bench/serve/run.sh $N\` ($EDITS edits of different news articles, 0.4 s apart)." \
       "Theme: $THEME. Load average after: $LOAD."
  echo
  echo "| pages | median ms | min ms | max ms | first build ms | median rebuild ms (motcua's own figure) | CPU ms per edit |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $N | $MED | $MIN | $MAX | ${BUILD_MS:-?} | $REBUILDS | $CPU_MS |"
  echo
  echo "Every edit, ms: $ALL"
  echo
  echo "Save → reload = inotify event, 30 ms of quiet (debounce), a build into the private folder (a text edit takes the quick path, edit_build.h), the event."
} > "$REPORT"
cat "$REPORT"
