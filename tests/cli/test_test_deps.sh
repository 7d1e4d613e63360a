# test_test_deps.sh — `make test-deps` asks apt only for the packages of the
# test tools that are missing, and never for Debian's npm where an npm
# command is there (NodeSource's nodejs bundles npm; apt's npm conflicts with
# it). Runs tests/tools/need-packages.sh with a PATH of chosen commands.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp -d)
trap 'rm -rf "$bin"; rm -f "$out" "$err"' EXIT

# path_with CMD...: a folder holding only the given commands (and what the
# script itself runs: sh, dpkg).
path_with() {
    rm -rf "$bin"/*
    for c in sh dpkg "$@"; do
        real=$(command -v "$c" 2>/dev/null) || real=/bin/true
        ln -s "$real" "$bin/$c"
    done
}
need() { PATH="$bin" sh "$root/tests/tools/need-packages.sh"; }

all="xmllint python3 node npm ffmpeg ffprobe sox curl nginx chromium icecast2 pdftoppm pdftotext zbarimg"
path_with $all
got=$(need | tr ' ' '\n' | grep -vE '^(libsox-fmt-mp3|python3-pyftpdlib)?$' | tr '\n' ' ')
ok "every tool there: no tool package asked for" eval '[ -z "$got" ]'

path_with $(echo "$all" | sed 's/xmllint//; s/nginx//')
got=$(need)
ok "missing xmllint and nginx: their packages, nothing else of the tools" \
    eval 'echo " $got " | grep -q " libxml2-utils " && echo " $got " | grep -q " nginx " && ! echo " $got " | grep -qE " (npm|nodejs|chromium|ffmpeg) "'

path_with $(echo "$all" | sed 's/chromium//')
got=$(need)
ok "NodeSource machine (node and npm there), chromium missing: npm is never asked for" \
    eval 'echo " $got " | grep -q " chromium " && ! echo " $got " | grep -qE " (npm|nodejs) "'

path_with $(echo "$all" | sed 's/ node / /; s/ npm / /')
got=$(need)
ok "plain Debian without Node.js: nodejs and npm" eval 'echo " $got " | grep -q " nodejs " && echo " $got " | grep -q " npm "'

path_with $(echo "$all" | sed 's/ffmpeg//; s/ffprobe//')
got=$(need)
ok "ffmpeg and ffprobe both missing: the ffmpeg package once" eval '[ "$(echo "$got" | tr " " "\n" | grep -c "^ffmpeg$")" -eq 1 ]'
finish
