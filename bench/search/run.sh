#!/bin/sh
# bench/search/run.sh [SIZES...] — the motcua search index against Pagefind.
#
#   sh bench/search/run.sh            # 10000 pages (BENCH_SIZES, e.g. "10000 50000")
#
# For each size N, on the corpus of ../shared/bench/ssg/gen-corpus.py laid
# out as bench/run.sh does (bench/site/site.yaml: news/ and procedures/),
# but with the default theme:
#   - index time and memory: `motcua build` BENCH_REPS (3) times with the
#     default theme and as often with a copy of it without search.mustache
#     (no search page, so no index); the index costs the difference of the
#     medians (wall time, peak RSS from /usr/bin/time -v);
#   - Pagefind (npm package pinned in package.json, installed with npm ci)
#     over the same built site, BENCH_REPS times: wall time and peak RSS;
#   - index sizes (bytes, files) and the HTML they cover;
#   - bytes over the network and time of a first and a second query in
#     headless Chromium (query.mjs) with the site served by nginx on
#     127.0.0.1 with gzip on: Q1 (default "thu tuc hanh chinh": four
#     syllables found in almost every page, the worst case) then Q2
#     ("dang ky ket hon").
# Prints a Markdown table and writes it to bench/search/results.md.
# Needs: python3, /usr/bin/time, nginx, chromium, node (tests/browser's
# playwright-core). Environment: BENCH_SIZES, BENCH_REPS, BENCH_TMP
# (${TMPDIR:-/tmp}/motcua-bench: the corpora, shared with bench/run.sh),
# BENCH_OUT (/dev/shm/motcua-search-bench), MOTCUA_SHARED, MOTCUA, SEED (1),
# Q1, Q2, PAGEFIND_MAX (10000: Pagefind needs about 3.5 GB at 10k pages, so
# larger sizes measure motcua only unless this is raised).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/bench/load.sh"   # refuses, or flags the results, on a loaded machine
bench_load_check
SSG="${MOTCUA_SHARED:-$ROOT/../shared}/bench/ssg"
MOTCUA="${MOTCUA:-$ROOT/motcua}"
REPS="${BENCH_REPS:-3}"
SEED="${SEED:-1}"
WORK="${BENCH_TMP:-${TMPDIR:-/tmp}/motcua-bench}"
OUT="${BENCH_OUT:-/dev/shm/motcua-search-bench}"
Q1="${Q1:-thu tuc hanh chinh}"
Q2="${Q2:-dang ky ket hon}"
PAGEFIND_MAX="${PAGEFIND_MAX:-10000}"
if [ $# -gt 0 ]; then SIZES="$*"; else SIZES="${BENCH_SIZES:-10000}"; fi

die() { echo "bench/search: $*" >&2; exit 1; }
say() { echo "bench/search: $*" >&2; }
[ -f "$SSG/gen-corpus.py" ] || die "no $SSG/gen-corpus.py; set MOTCUA_SHARED"
[ -x "$MOTCUA" ] || die "no motcua binary at $MOTCUA; run make"
for t in python3 node nginx; do command -v $t >/dev/null 2>&1 || [ -x /usr/sbin/$t ] || die "$t is missing"; done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
[ -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ] ||
    (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --silent) || die "npm ci in tests/browser failed"
[ -x "$HERE/node_modules/.bin/pagefind" ] ||
    (cd "$HERE" && npm ci --no-audit --no-fund --silent) || die "npm ci in bench/search failed"

mkdir -p "$WORK" "$OUT"
ROWS="$OUT/rows.tsv"; : > "$ROWS"
NGINX_PID=
cleanup() { [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null; true; }
trap cleanup EXIT INT TERM

# measure NAME N -- CMD...: appends "name n wall rss_kb" to $ROWS
measure() {
    m_name=$1 m_n=$2; shift 3
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$OUT/time.txt" "$@" >"$OUT/cmd.log" 2>&1 || { tail -n 20 "$OUT/cmd.log" >&2; die "$m_name failed"; }
    t1=$(date +%s%N)
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt")
    printf '%s\t%s\t%s\t%s\n' "$m_name" "$m_n" "$(echo "$t0 $t1" | awk '{printf "%.3f", ($2-$1)/1e9}')" "$rss" >> "$ROWS"
    say "$m_name n=$m_n $(tail -n 1 "$ROWS" | cut -f3)s $(tail -n 1 "$ROWS" | cut -f4)KB"
}
median() { awk -F'\t' -v t="$1" -v n="$2" -v c="$3" '$1==t && $2==n {print $c}' "$ROWS" | sort -g |
           awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
files() { find "$1" -type f | wc -l | tr -d ' '; }
gz_bytes() { find "$1" -type f -exec gzip -6 -c {} \; | wc -c | tr -d ' '; }

corpus() { # N -> prints the content folder
    id="n=$1 seed=$SEED gen=$(cksum < "$SSG/gen-corpus.py" | cut -d' ' -f1)"
    if [ ! -f "$WORK/site-$1/corpus.id" ] || [ "$(cat "$WORK/site-$1/corpus.id")" != "$id" ]; then
        say "generating the $1-page corpus"
        rm -rf "$WORK/site-$1"; mkdir -p "$WORK/site-$1"
        python3 "$SSG/gen-corpus.py" "$1" "$WORK/site-$1/content" --seed "$SEED" 2>/dev/null
        echo "$id" > "$WORK/site-$1/corpus.id"
    fi
    echo "$WORK/site-$1/content"
}

site() { # N with|without -> prints the site folder
    s="$OUT/site-$1-$2"
    rm -rf "$s"; mkdir -p "$s/themes"
    ln -s "$(corpus "$1")" "$s/content"
    sed 's/^theme: .*/theme: default/' "$ROOT/bench/site/site.yaml" > "$s/site.yaml"
    cp -R "$ROOT/themes/default" "$s/themes/default"
    [ "$2" = with ] || rm "$s/themes/default/templates/search.mustache"
    echo "$s"
}

serve() { # root -> sets PORT, starts nginx
    PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    ng="$OUT/nginx"; rm -rf "$ng"; mkdir -p "$ng"
    cat > "$ng/nginx.conf" <<CONF
worker_processes 1; pid $ng/nginx.pid; error_log $ng/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $ng/b; proxy_temp_path $ng/p; fastcgi_temp_path $ng/f; uwsgi_temp_path $ng/u; scgi_temp_path $ng/s;
  types { text/html html; text/css css; application/javascript js mjs; application/json json;
          application/wasm wasm; image/svg+xml svg; }
  default_type application/octet-stream;
  gzip on; gzip_min_length 256;
  gzip_types text/css application/javascript application/json application/wasm image/svg+xml application/octet-stream;
  server { listen 127.0.0.1:$PORT; root $1; index index.html; }
}
CONF
    chmod -R go+rX "$1"
    "$(command -v nginx || echo /usr/sbin/nginx)" -p "$ng" -c "$ng/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    sleep 0.5
}

for n in $SIZES; do
    with=$(site "$n" with); without=$(site "$n" without)
    for r in $(seq 1 "$REPS"); do
        rm -rf "$OUT/pub-without"; find "$with/content/" -type f -exec cat {} + >/dev/null
        measure without "$n" -- "$MOTCUA" build -q --allow-incomplete -s "$without" -o "$OUT/pub-without"
        rm -rf "$OUT/pub-with"
        measure with "$n" -- "$MOTCUA" build -q --allow-incomplete -s "$with" -o "$OUT/pub-with"
        rm -rf "$OUT/pf-$n"; mkdir -p "$OUT/pf-$n"
        [ "$n" -le "$PAGEFIND_MAX" ] && measure pagefind "$n" -- "$HERE/node_modules/.bin/pagefind" --site "$OUT/pub-with" --output-path "$OUT/pf-$n"
    done
    pub="$OUT/pub-with"
    html=$(find "$pub" -name index.html -not -path '*/tim-kiem/*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    printf 'size\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(bytes "$pub/tim-kiem/index")" "$(files "$pub/tim-kiem/index")" \
        "$(gz_bytes "$pub/tim-kiem/index")" "$(bytes "$OUT/pf-$n")" "$(files "$OUT/pf-$n")" "$html" >> "$ROWS"
    rm -rf "$pub/pagefind"; cp -R "$OUT/pf-$n" "$pub/pagefind"; cp "$HERE/pagefind-bench.html" "$pub/"
    serve "$pub"
    only=; [ "$n" -le "$PAGEFIND_MAX" ] || only=motcua
    node "$HERE/query.mjs" "http://127.0.0.1:$PORT/" "$Q1" "$Q2" $only | sed "s/^/query\t$n\t/" >> "$ROWS"
    kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=
    rm -rf "$pub/pagefind" "$OUT/pub-without" "$with" "$without"
done

REPORT="$HERE/results.md"
{
    echo "# Search index: motcua vs Pagefind"
    echo
    echo "$(date -u +%Y-%m-%d) · motcua $("$MOTCUA" --version | awk '{print $2}') · pagefind $(node -p "require('$HERE/node_modules/pagefind/package.json').version")" \
         "· $(nproc) CPU · median of $REPS · \`sh bench/search/run.sh $SIZES\`"
    echo
    if [ -n "$BENCH_LOAD_FLAG" ]; then echo "**$BENCH_LOAD_FLAG.**"; echo; fi
    echo "| pages | motcua index time s (build with − without) | motcua index memory MiB (peak RSS with − without) | Pagefind time s | Pagefind peak MiB | motcua index MB (files, gzip MB) | Pagefind MB (files) | HTML covered MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    for n in $SIZES; do
        ww=$(median with "$n" 3) wo=$(median without "$n" 3) rw=$(median with "$n" 4) ro=$(median without "$n" 4)
        pw=$(median pagefind "$n" 3) pr=$(median pagefind "$n" 4)
        awk -F'\t' -v n="$n" -v ww="$ww" -v wo="$wo" -v rw="$rw" -v ro="$ro" -v pw="$pw" -v pr="$pr" '
            $1=="size" && $2==n {
              if (pw == "") { pft = "not run (PAGEFIND_MAX)"; pfm = "—"; pfs = "—" }
              else { pft = sprintf("%.2f", pw); pfm = sprintf("%.0f", pr/1024); pfs = sprintf("%.1f (%d)", $6/1e6, $7) }
              printf "| %d | %.2f (%.2f − %.2f) | %.0f (%.0f − %.0f) | %s | %s | %.1f (%d, %.1f) | %s | %.1f |\n",
              n, ww-wo, ww, wo, (rw-ro)/1024, rw/1024, ro/1024, pft, pfm, $3/1e6, $4, $5/1e6, pfs, $8/1e6}' "$ROWS"
    done
    echo
    echo "Queries in Chromium, site on nginx with gzip (bytes over the network; \"index\" = index files only):"
    echo
    echo "| pages | engine | query | cache | all KB | index KB | ms | results |"
    echo "|---:|---|---|---|---:|---:|---:|---|"
    awk -F'\t' '$1=="query" {printf "| %s | %s | %s | %s | %.1f | %.1f | %s | %s |\n", $2, $3, $4, $5=="first"?"cold":"warm", $6/1024, $7/1024, $8, $9}' "$ROWS"
} > "$REPORT"
cat "$REPORT"
