# harness.sh — serve a built site with nginx on 127.0.0.1 for browser tests
# (sourced by tests/cli/test_browser_*.sh after tests/cli/lib.sh).
#
#   browser_setup            installs what is missing (Debian: nginx,
#                            chromium; npm ci of playwright-core into
#                            tests/browser/node_modules); sets BROWSER_SKIP
#                            to a reason when the tests cannot run
#   axe_setup                after browser_setup: installs axe-core into
#                            tests/browser/a11y/node_modules when missing
#                            (lib.mjs: axeViolations), or sets BROWSER_SKIP
#   browser_serve SITE_ROOT  builds the site at SITE_ROOT with motcua into a
#                            temporary folder, with --base-url
#                            http://127.0.0.1:PORT/, and starts nginx there
#                            (gzip on, like a real server); sets BROWSER_URL
#   browser_run FILE.mjs     runs one test file with node; its ok/FAIL lines
#                            are counted into lib.sh's passed/failed/skipped
#   browser_example FILE.mjs WHAT [TOOL:PACKAGE...]
#                            the whole run of a test file on the example
#                            site: setup, the programs it runs (apt-get
#                            install PACKAGE when TOOL is missing),
#                            axe-core, build and serve REPO,
#                            run (screenshots into REPO/build/browser), or
#                            skip WHAT saying why
#   serve_start SITE TMP     starts `motcua serve` of SITE on a free port of
#                            127.0.0.1 (its build folder in TMP, its output
#                            in TMP/serve.out and serve.err); sets port
#                            (empty when it did not start) and SERVE_PID;
#                            stopped on exit like nginx
#   nginx_start ROOT         starts nginx on a free port serving the folder
#                            ROOT as it is (no build); sets BROWSER_URL.
#                            NGINX_HTTP and NGINX_SERVER, when set, are
#                            added to the http { } and server { } blocks
#                            (the site's nginx-redirects.conf, for example)
#
# nginx runs as `nginx -p TMP -c TMP/nginx.conf -g 'daemon off;'` with its
# pid, logs and temp folders in TMP, and is stopped (by its pid) on exit.
# Nothing listens anywhere but 127.0.0.1, and the browser is not allowed to
# reach any other address (see lib.mjs).
BROWSER_DIR=$(cd "$(dirname "$0")/../browser" && pwd)
BROWSER_TMP=$(mktemp -d)
BROWSER_SKIP=
BROWSER_URL=
NGINX_PID=
SERVE_PID=
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
browser_cleanup() {
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
    rm -rf "$BROWSER_TMP"
    rm -f "$out" "$err"
}
trap browser_cleanup EXIT INT TERM

apt_install() { # packages...
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" \
        >"$BROWSER_TMP/apt.log" 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" \
        >"$BROWSER_TMP/apt.log" 2>&1; }
}

browser_setup() {
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
    [ -x "$CHROMIUM" ] || apt_install chromium
    command -v node >/dev/null 2>&1 || apt_install nodejs npm
    if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
        BROWSER_SKIP="nginx is not installed and could not be (apt-get install nginx)"; return
    fi
    if [ ! -x "$CHROMIUM" ]; then
        BROWSER_SKIP="chromium is not installed and could not be (apt-get install chromium)"; return
    fi
    if ! command -v node >/dev/null 2>&1; then
        BROWSER_SKIP="node is not installed and could not be (apt-get install nodejs npm)"; return
    fi
    if [ ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ]; then
        (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --silent) >"$BROWSER_TMP/npm.log" 2>&1 ||
            { BROWSER_SKIP="npm ci in tests/browser failed (no registry?): $(tail -n 1 "$BROWSER_TMP/npm.log")"; return; }
    fi
}

axe_setup() {
    [ -n "$BROWSER_SKIP" ] || [ -f "$BROWSER_DIR/a11y/node_modules/axe-core/axe.min.js" ] && return
    (cd "$BROWSER_DIR/a11y" && npm install --no-audit --no-fund --silent) >"$BROWSER_TMP/npm-axe.log" 2>&1 ||
        BROWSER_SKIP="npm could not install axe-core: $(tail -n 1 "$BROWSER_TMP/npm-axe.log")"
}

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

nginx_conf() { # root port
    cat <<CONF
worker_processes 1;
pid $BROWSER_TMP/nginx.pid;
error_log $BROWSER_TMP/error.log;
events { worker_connections 64; }
http {
    access_log $BROWSER_TMP/access.log;
    client_body_temp_path $BROWSER_TMP/body;
    proxy_temp_path $BROWSER_TMP/proxy;
    fastcgi_temp_path $BROWSER_TMP/fastcgi;
    uwsgi_temp_path $BROWSER_TMP/uwsgi;
    scgi_temp_path $BROWSER_TMP/scgi;
    types {
        text/html html; text/css css; application/javascript js; application/json json;
        image/svg+xml svg; application/xml xml; text/plain txt; application/pdf pdf;
        image/png png; image/jpeg jpg jpeg; audio/mpeg mp3;
    }
    default_type application/octet-stream;
    gzip on;
    gzip_min_length 256;
    gzip_types text/css application/javascript application/json image/svg+xml application/xml text/plain;
    ${NGINX_HTTP:-}
    server {
        listen 127.0.0.1:$2;
        root $1;
        index index.html;
        error_page 404 /404.html;
        ${NGINX_SERVER:-}
    }
}
CONF
}

browser_serve() { # site root
    port=$(free_port) || { BROWSER_SKIP="no free port on 127.0.0.1"; return; }
    chmod 755 "$BROWSER_TMP"
    "$MOTCUA" build -q -s "$1" -o "$BROWSER_TMP/site" --base-url "http://127.0.0.1:$port/" \
        >"$BROWSER_TMP/build.log" 2>&1 ||
        { cat "$BROWSER_TMP/build.log"; BROWSER_SKIP="the site did not build"; return 1; }
    nginx_run "$BROWSER_TMP/site" "$port"
}

serve_start() { # site tmp
    TMPDIR=$2 "$MOTCUA" serve -s "$1" -p 0 -q >"$2/serve.out" 2>"$2/serve.err" &
    SERVE_PID=$!
    i=0
    while ! grep -q "^Serving at " "$2/serve.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 400 ] && break; sleep 0.05
    done
    port=$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/ (Ctrl-C to stop)$|\1|p' "$2/serve.out")
}

nginx_start() { # root
    port=$(free_port) || { BROWSER_SKIP="no free port on 127.0.0.1"; return 1; }
    chmod 755 "$BROWSER_TMP"
    nginx_run "$1" "$port"
}

nginx_run() { # root port
    port=$2
    chmod -R go+rX "$1"
    nginx_conf "$1" "$port" >"$BROWSER_TMP/nginx.conf"
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    "$nginx" -p "$BROWSER_TMP" -c "$BROWSER_TMP/nginx.conf" -g 'daemon off;' 2>>"$BROWSER_TMP/error.log" &
    NGINX_PID=$!
    i=0
    while ! node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port"; do
        i=$((i + 1))
        if [ $i -gt 50 ] || ! kill -0 "$NGINX_PID" 2>/dev/null; then
            cat "$BROWSER_TMP/error.log"; BROWSER_SKIP="nginx did not start"; return 1
        fi
        sleep 0.1
    done
    BROWSER_URL="http://127.0.0.1:$port/"
}

browser_example() { # test file, what it tests, [TOOL:PACKAGE...]; needs repo
    browser_setup
    b_file=$1 b_what=$2
    shift 2
    for tool in "$@"; do # programs the test file runs, installed when missing
        command -v "${tool%%:*}" >/dev/null 2>&1 || apt_install "${tool#*:}"
        command -v "${tool%%:*}" >/dev/null 2>&1 ||
            BROWSER_SKIP="${tool%%:*} is not installed and could not be (apt-get install ${tool#*:})"
    done
    set -- "$b_file" "$b_what"
    axe_setup
    [ -z "$BROWSER_SKIP" ] && browser_serve "$repo"
    if [ -n "$BROWSER_SKIP" ]; then
        skip "$2" "$BROWSER_SKIP"
    else
        ARTEFACTS="$repo/build/browser" browser_run "$BROWSER_DIR/$1"
    fi
}

browser_run() { # test file
    BROWSER_URL="$BROWSER_URL" CHROMIUM="$CHROMIUM" node "$1" >"$BROWSER_TMP/node.out" 2>&1
    st=$?
    grep -vE '^[0-9]+ passed, ' "$BROWSER_TMP/node.out"
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$BROWSER_TMP/node.out" | tail -n 1)
    if [ -z "$last" ]; then
        failed=$((failed + 1)); echo "FAIL $(basename "$1"): no result line (exit status $st)"; return
    fi
    passed=$((passed + $(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$last" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
    s=$(echo "$last" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
    skipped=$((skipped + ${s:-0}))
}
