#!/bin/sh
# bench/run.sh [SIZES...] — `motcua build` against Hugo on the same content.
#
#   sh bench/run.sh                  # 1000 and 10000 pages (a few minutes)
#   sh bench/run.sh 1000 10000 50000 # or BENCH_SIZES="1000 10000 50000"
#
# For each size N: generates N pages with ../shared/bench/ssg/gen-corpus.py
# (cached), lays them out as a motcua site (bench/site/site.yaml maps the
# corpus folders news/ and procedures/ to the news and procedure kinds; theme
# bench/site/themes/bench mirrors the Hugo skeleton's templates), then runs,
# interleaved, BENCH_REPS (3) times each:
#   motcua    ./motcua build -q --allow-incomplete -s SITE -o OUT (every core;
#             the generated procedures miss parts the publishing rules
#             require: they are published with warnings, the checks still run)
#   hugo      the skeleton in ../shared/bench/ssg/hugo, as its run-hugo.sh does
#   cmark-gfm every body in one process (-e table -e strikethrough -e autolink),
#             the Markdown floor, measured like ../shared/bench/ssg/RESULTS.md
# then, on motcua's last output, BENCH_REPS incremental rebuilds with nothing
# changed and BENCH_REPS after appending a paragraph to one news article.
# The same content is then built with the default theme (themes/default, with
# its search page and index, as a city starts from): BENCH_REPS clean builds,
# and BENCH_REPS each of: nothing changed, a new paragraph in one article, one
# article's title changed (issue #20's targets: 5, 10 and 20 % of its clean
# build). BENCH_DEFAULT=0 leaves these out.
# Wall time is a nanosecond clock around `/usr/bin/time -v`, which gives the
# CPU time and peak RSS. Outputs go to a tmpfs (/dev/shm) into fresh folders
# (see RESULTS.md, "Anything odd" 1, for why not ext4); inputs are read once,
# untimed, before every run. Prints the medians and writes them to
# bench/results/latest.md. Raw rows: $BENCH_TMP/results.tsv.
#
# BENCH_ONLY=default runs only the default theme's rows (its clean builds and
# rebuilds; no bench theme, Hugo or cmark-gfm): the quick measure while
# working on the rebuild paths. Its report has only that table.
#
# Environment: BENCH_SIZES, BENCH_REPS (3), BENCH_DEFAULT (1), BENCH_ONLY (all | default), BENCH_TMP (${TMPDIR:-/tmp}/motcua-bench:
# corpora, about 70 MB per 10k pages), BENCH_OUT (/dev/shm/motcua-bench-out),
# MOTCUA_SHARED (ROOT/../shared), MOTCUA (ROOT/motcua), SEED (1),
# HUGO_ARGS (extra hugo arguments, e.g. "--disableKinds RSS").
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
SHARED="${MOTCUA_SHARED:-$ROOT/../shared}"
SSG="$SHARED/bench/ssg"
MOTCUA="${MOTCUA:-$ROOT/motcua}"
REPS="${BENCH_REPS:-3}"
SEED="${SEED:-1}"
HUGO_ARGS="${HUGO_ARGS:-}"
DEFAULT_THEME="${BENCH_DEFAULT:-1}"
ONLY="${BENCH_ONLY:-all}"
case "$ONLY" in all|default) ;; *) echo "bench: BENCH_ONLY '$ONLY' is neither all nor default" >&2; exit 1;; esac
[ "$ONLY" = all ] || DEFAULT_THEME=1
WORK="${BENCH_TMP:-${TMPDIR:-/tmp}/motcua-bench}"
if [ -n "${BENCH_OUT:-}" ]; then OUT="$BENCH_OUT"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=/dev/shm/motcua-bench-out
else OUT="$WORK/out"; fi

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

if [ $# -gt 0 ]; then SIZES="$*"; else SIZES="${BENCH_SIZES:-1000 10000}"; fi
for n in $SIZES; do
  case "$n" in ''|*[!0-9]*) die "size '$n' is not a number of pages (e.g. 1000 10000 50000)";; esac
done

# ---- what the bench needs ----------------------------------------------------
if [ ! -f "$SSG/gen-corpus.py" ] || [ ! -d "$SSG/hugo/layouts" ]; then
  die "cannot find the shared SSG benchmark at $SSG (gen-corpus.py and hugo/);
       it lives in ../shared beside the repository; set MOTCUA_SHARED=/path/to/shared if it is elsewhere"
fi
[ -x "$MOTCUA" ] || die "no motcua binary at $MOTCUA; build it first with 'make'"
[ -f "$BENCH/site/site.yaml" ] || die "missing $BENCH/site/site.yaml"

. "$BENCH/load.sh"   # refuses, or flags the results, on a loaded machine
bench_load_check

missing=""
[ "$ONLY" = default ] || command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
[ "$ONLY" = default ] || command -v cmark-gfm >/dev/null 2>&1 || missing="$missing cmark-gfm"
[ -x /usr/bin/time ] || missing="$missing time"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  say "installing missing Debian packages with apt-get:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  # shellcheck disable=SC2086
  $SUDO apt-get install -y $missing >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y $missing >&2; } ||
    die "could not install$missing; install them (apt-get install$missing) and run again"
fi

mkdir -p "$WORK" "$OUT" "$BENCH/results"
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

# ---- helpers -------------------------------------------------------------------
warm() { find "$@" -type f -exec cat {} + > /dev/null; }

# measure TOOL N REP LOG -- CMD... : one row "tool n rep wall user sys rss_kb exit".
measure() {
  m_tool=$1 m_n=$2 m_rep=$3 m_log=$4; shift 5
  m_tv="$WORK/time.out"
  m_rc=0
  m_t0=$(date +%s%N)
  /usr/bin/time -v -o "$m_tv" "$@" > "$m_log" 2>&1 || m_rc=$?
  m_t1=$(date +%s%N)
  awk -F': ' -v tool="$m_tool" -v n="$m_n" -v rep="$m_rep" -v t0="$m_t0" -v t1="$m_t1" -v rc="$m_rc" '
    /User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2}
    /Maximum resident set size/ {r=$2}
    END {printf "%s\t%s\t%s\t%.3f\t%s\t%s\t%s\t%s\n", tool, n, rep, (t1-t0)/1e9, u, s, r, rc}' \
    "$m_tv" >> "$RESULTS"
  tail -n 1 "$RESULTS" | awk -F'\t' '{printf "bench: %-9s n=%-6s rep=%s wall=%ss cpu=%.2fs rss=%.0fMiB exit=%s\n",
    $1, $2, $3, $4, $5+$6, $7/1024, $8}' >&2
  if [ "$m_rc" -ne 0 ]; then
    sed 's/^/    /' "$m_log" | tail -n 20 >&2
    die "$m_tool failed on $m_n pages (exit $m_rc); see above"
  fi
}

# median TOOL N COLUMN -> median of that column over the reps (lower middle if even)
median() {
  awk -F'\t' -v t="$1" -v n="$2" -v c="$3" '$1==t && $2==n {print $c}' "$RESULTS" | sort -g |
    awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print "nan"}'
}
cpu_median() {
  awk -F'\t' -v t="$1" -v n="$2" '$1==t && $2==n {print $5+$6}' "$RESULTS" | sort -g |
    awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print "nan"}'
}
walls() { awk -F'\t' -v t="$1" -v n="$2" '$1==t && $2==n {printf "%s%s", sep, $4; sep=", "}' "$RESULTS"; }
count_index() { find "$1" -name index.html -type f | wc -l | tr -d ' '; }
count_files() { find "$1" -type f | wc -l | tr -d ' '; }
size_mib() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1048576}'; }

# corpus SITE N: content/ from gen-corpus.py, regenerated only when N, the seed
# or the generator changed; the Markdown bodies (front matter stripped, one
# file) for cmark-gfm beside it.
corpus() {
  c_site=$1 c_n=$2
  c_id="n=$c_n seed=$SEED gen=$(cksum < "$SSG/gen-corpus.py" | cut -d' ' -f1)"
  if [ ! -f "$c_site/corpus.id" ] || [ "$(cat "$c_site/corpus.id")" != "$c_id" ]; then
    say "generating the $c_n-page corpus in $c_site/content"
    rm -rf "$c_site"
    mkdir -p "$c_site"
    python3 "$SSG/gen-corpus.py" "$c_n" "$c_site/content" --seed "$SEED" 2>/dev/null
    python3 - "$c_site/content" "$c_site/bodies.md" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
with open(dst, "wb") as allf:
    for sec in ("news", "procedures"):
        for name in sorted(os.listdir(os.path.join(src, sec))):
            data = open(os.path.join(src, sec, name), "rb").read()
            assert data.startswith(b"---\n")
            allf.write(data[4:].split(b"\n---\n", 1)[1] + b"\n")
PY
    echo "$c_id" > "$c_site/corpus.id"
  fi
  # the site files are copied fresh every time, so edits to bench/site apply
  rm -rf "$c_site/themes" "$c_site/site.yaml"
  cp "$BENCH/site/site.yaml" "$c_site/site.yaml"
  cp -R "$BENCH/site/themes" "$c_site/themes"
}

# default_theme_runs SITE N: the corpus of SITE with the default theme, in
# SITE-default (a copy: the edits are undone after); rows dclean, dnoop,
# dedit (a new paragraph in one article), dtitle (one article's title).
default_theme_runs() {
  d_src=$1 d_n=$2 d_site="$1-default" d_out="$OUT/motcua-default-$2"
  if [ ! -f "$d_site/corpus.id" ] || [ "$(cat "$d_site/corpus.id")" != "$(cat "$d_src/corpus.id")" ]; then
    rm -rf "$d_site"; mkdir -p "$d_site"
    cp -R "$d_src/content" "$d_site/content"
    cp "$d_src/corpus.id" "$d_site/corpus.id"
  fi
  rm -rf "$d_site/themes" "$d_site/.motcua"; mkdir -p "$d_site/themes"
  cp -R "$ROOT/themes/default" "$d_site/themes/default"
  sed 's/^theme: .*/theme: default/' "$BENCH/site/site.yaml" > "$d_site/site.yaml"
  for r in $(seq 1 "$REPS"); do
    rm -rf "$d_out"; warm "$d_site/content" "$d_site/themes" "$MOTCUA"
    measure dclean "$d_n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$d_site" -o "$d_out"
  done
  for r in $(seq 1 "$REPS"); do
    measure dnoop "$d_n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$d_site" -o "$d_out"
  done
  d_edit="$d_site/content/news/$(ls "$d_site/content/news" | sort | head -n 1)"
  d_title="$d_site/content/news/$(ls "$d_site/content/news" | sort | sed -n 2p)"
  cp "$d_edit" "$WORK/dedit.orig"; cp "$d_title" "$WORK/dtitle.orig"
  for r in $(seq 1 "$REPS"); do
    printf '\nĐoạn bổ sung số %s.\n' "$r" >> "$d_edit"
    measure dedit "$d_n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$d_site" -o "$d_out"
  done
  for r in $(seq 1 "$REPS"); do
    sed -i "0,/^title: /s/^title: \"\(.*\)\"$/title: \"\1 (sửa $r)\"/" "$d_title"
    measure dtitle "$d_n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$d_site" -o "$d_out"
  done
  cp "$WORK/dedit.orig" "$d_edit"; cp "$WORK/dtitle.orig" "$d_title"
  rm -rf "$d_out"
}

# ---- run ------------------------------------------------------------------------
HUGO_SRC="$WORK/hugo-skeleton"   # a copy: nothing is ever written into ../shared
rm -rf "$HUGO_SRC"
cp -R "$SSG/hugo" "$HUGO_SRC"
PHASES="$WORK/phases.txt"
: > "$PHASES"
COUNTS="$WORK/counts.tsv"
: > "$COUNTS"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
  SITE="$WORK/site-$n"
  corpus "$SITE" "$n"
  MO="$OUT/motcua-$n" HO="$OUT/hugo-$n" CO="$OUT/cmark-$n"
  if [ "$ONLY" = default ]; then default_theme_runs "$SITE" "$n"; continue; fi
  for r in $(seq 1 "$REPS"); do
    rm -rf "$MO"; warm "$SITE/content" "$SITE/themes" "$SITE/site.yaml" "$MOTCUA"
    measure motcua "$n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$SITE" -o "$MO"
    rm -rf "$HO" "$OUT/hugo-cache"; warm "$SITE/content" "$HUGO_SRC"
    # shellcheck disable=SC2086
    measure hugo "$n" "$r" "$WORK/hugo.log" -- hugo --quiet --noBuildLock --source "$HUGO_SRC" \
      --contentDir "$SITE/content" --destination "$HO" --cacheDir "$OUT/hugo-cache" $HUGO_ARGS
    rm -rf "$CO"; mkdir -p "$CO"; warm "$SITE/bodies.md"
    measure cmark-gfm "$n" "$r" "$WORK/cmark.log" -- sh -c \
      'cmark-gfm -e table -e strikethrough -e autolink "$1" > "$2/all.html"' _ "$SITE/bodies.md" "$CO"
  done
  # incremental rebuilds of the last motcua output (its cache is in SITE/.motcua):
  # with nothing changed, then after one news article gets a new paragraph
  for r in $(seq 1 "$REPS"); do
    measure noop "$n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$SITE" -o "$MO"
  done
  EDIT="$SITE/content/news/$(ls "$SITE/content/news" | sort | head -n 1)"
  cp "$EDIT" "$WORK/edit.orig"
  for r in $(seq 1 "$REPS"); do
    printf '\nĐoạn bổ sung số %s.\n' "$r" >> "$EDIT"
    measure edit "$n" "$r" "$WORK/motcua.log" -- "$MOTCUA" build -q --allow-incomplete -s "$SITE" -o "$MO"
  done
  cp "$WORK/edit.orig" "$EDIT"
  [ "$DEFAULT_THEME" = 0 ] || default_theme_runs "$SITE" "$n"
  # comparable outputs: both trees, counted on the last build
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" \
    "$(count_index "$MO")" "$(count_files "$MO")" "$(size_mib "$MO")" \
    "$(count_index "$HO")" "$(count_files "$HO")" "$(size_mib "$HO")" \
    "$(find "$MO/news" "$MO/procedures" -mindepth 2 -maxdepth 2 -name index.html | wc -l | tr -d ' ')" \
    "$(find "$HO/news" "$HO/procedures" -mindepth 2 -maxdepth 2 -name index.html | wc -l | tr -d ' ')" >> "$COUNTS"
  # where motcua's time goes: one more, verbose build (not in the medians)
  rm -rf "$MO"; warm "$SITE/content"
  "$MOTCUA" build -v --allow-incomplete -s "$SITE" -o "$MO" 2>&1 |
    awk -v n="$n" '$1 == "motcua:" && $4 == "s" && NF == 4 {printf "%s%s %s s", (k++ ? ", " : n "\t"), $2, $3}
                   END {print ""}' >> "$PHASES"
  rm -rf "$MO" "$HO" "$CO" "$OUT/hugo-cache"
done

# ---- report -----------------------------------------------------------------------
REPORT="$BENCH/results/latest.md"
[ "$ONLY" = all ] || REPORT="$BENCH/results/default-theme.md"
{
  if [ "$ONLY" = all ]; then echo "# motcua build vs Hugo"; else echo "# motcua build, default theme: clean and rebuilds"; fi
  echo
  echo "$(date -u +%Y-%m-%d) · motcua $("$MOTCUA" --version | awk '{print $2}') at $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$( (cd "$ROOT" && git status --porcelain -- generator lib themes 2>/dev/null | grep -q .) && echo ' + uncommitted changes')" \
       "$([ "$ONLY" = default ] || echo "· $(hugo version | awk '{print $1, $2}') · $(cmark-gfm --version | head -n 1 | awk '{print $1, $2}')")" \
       "· $(nproc) CPU ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)) · $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo
  echo "Corpus: \`../shared/bench/ssg/gen-corpus.py N --seed $SEED\` (70 % news, 30 % procedures, 4–8 KiB bodies)." \
       "Median of $REPS interleaved runs; outputs on tmpfs, inputs warm. Command: \`$([ "$ONLY" = all ] || echo "BENCH_ONLY=default ")sh bench/run.sh $SIZES\`." \
       "Load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times; CPU times below are steadier)."
  if [ -n "$HUGO_ARGS" ]; then echo "Hugo extra arguments: \`$HUGO_ARGS\`."; fi
  if [ -n "$BENCH_LOAD_FLAG" ]; then echo; echo "**$BENCH_LOAD_FLAG.**"; fi
  if [ "$ONLY" = all ]; then
  echo
  echo "| pages | motcua wall s | motcua peak MiB | hugo wall s | hugo peak MiB | speed ratio (hugo/motcua) | memory ratio (hugo/motcua) | cmark-gfm wall s | motcua/cmark-gfm |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in $SIZES; do
    mw=$(median motcua "$n" 4) mr=$(median motcua "$n" 7)
    hw=$(median hugo "$n" 4) hr=$(median hugo "$n" 7)
    cw=$(median cmark-gfm "$n" 4)
    awk -v n="$n" -v mw="$mw" -v mr="$mr" -v hw="$hw" -v hr="$hr" -v cw="$cw" 'BEGIN {
      printf "| %d | %.3f | %.0f | %.3f | %.0f | %.1f× | %.1f× | %.3f | %.2f× |\n",
        n, mw, mr/1024, hw, hr/1024, hw/mw, hr/mr, cw, mw/cw }'
  done
  echo
  echo "CPU s (user+sys), median: $(for n in $SIZES; do printf '%s pages: motcua %s, hugo %s, cmark-gfm %s. ' "$n" \
       "$(cpu_median motcua "$n")" "$(cpu_median hugo "$n")" "$(cpu_median cmark-gfm "$n")"; done)"
  echo "Wall s of every run: $(for n in $SIZES; do printf '%s pages: motcua %s; hugo %s. ' "$n" \
       "$(walls motcua "$n")" "$(walls hugo "$n")"; done)"
  echo
  echo "Incremental rebuilds (median of $REPS each, after the clean builds above): \`motcua build\` again with nothing changed," \
       "and after one news article gets a new paragraph (a different one each time). Percentages are of motcua's clean build in the same run."
  echo
  echo "| pages | motcua clean s | no change s | % of clean | one article edited s | % of clean | hugo full build s |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for n in $SIZES; do
    awk -v n="$n" -v mw="$(median motcua "$n" 4)" -v nw="$(median noop "$n" 4)" \
        -v ew="$(median edit "$n" 4)" -v hw="$(median hugo "$n" 4)" 'BEGIN {
      printf "| %d | %.3f | %.3f | %.1f %% | %.3f | %.1f %% | %.3f |\n", n, mw, nw, 100*nw/mw, ew, 100*ew/mw, hw }'
  done
  fi
  if [ "$DEFAULT_THEME" != 0 ]; then
    echo
    echo "Default theme (\`themes/default\`, with its search page and index), same content, same run:" \
         "clean builds, then rebuilds with nothing changed, after a new paragraph in one article, and after" \
         "one article's title changed (median of $REPS each). Percentages are of the default theme's clean build;" \
         "wall and CPU (user+sys) each. Targets (issue #20): no change ≤ 5 %, paragraph ≤ 10 %, title ≤ 20 %."
    echo
    echo "| pages | clean wall s | clean CPU s | no change wall % | CPU % | paragraph wall % | CPU % | title wall % | CPU % |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for n in $SIZES; do
      awk -v n="$n" -v cw="$(median dclean "$n" 4)" -v cc="$(cpu_median dclean "$n")" \
          -v nw="$(median dnoop "$n" 4)" -v nc="$(cpu_median dnoop "$n")" \
          -v ew="$(median dedit "$n" 4)" -v ec="$(cpu_median dedit "$n")" \
          -v tw="$(median dtitle "$n" 4)" -v tc="$(cpu_median dtitle "$n")" 'BEGIN {
        printf "| %d | %.3f | %.2f | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% |\n",
          n, cw, cc, 100*nw/cw, 100*nc/cc, 100*ew/cw, 100*ec/cc, 100*tw/cw, 100*tc/cc }'
    done
  fi
  if [ "$ONLY" = all ]; then
  echo
  echo "Outputs (last build of each): content pages = \`news/*/index.html\` + \`procedures/*/index.html\`." \
       "Hugo has RSS for every list and term with no item limit, plus \`/page/1/\` alias pages; motcua has Atom, RSS and JSON Feed of the newest 20."
  echo
  echo "| pages | motcua index.html | hugo index.html | motcua content pages | hugo content pages | motcua files | hugo files | motcua MiB | hugo MiB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $5, $8, $9, $3, $6, $4, $7}' "$COUNTS"
  echo
  echo "motcua phases (\`motcua build -v\`, one extra build):"
  echo
  awk -F'\t' '{printf "- %s pages: %s\n", $1, $2}' "$PHASES"
  fi
} > "$REPORT"

cat "$REPORT"
# a warning when the two sites differ by more than 10 % in pages
[ "$ONLY" = default ] || awk -F'\t' '{d = $2 - $5; if (d < 0) d = -d; if (d > 0.1 * $5) printf "bench: warning: %s pages: motcua wrote %s index.html files, hugo %s\n", $1, $2, $5 > "/dev/stderr"}' "$COUNTS"
say "wrote $REPORT (raw runs in $RESULTS)"
