# test_browser_print.sh — printed pages lead back (issue #14): the example
# site served by nginx (tests/browser/harness.sh), printed to PDF by
# Chromium (tests/browser/print.test.mjs); the QR code on page 1 is decoded
# with zbarimg (zbar-tools) from pdftoppm's image (poppler-utils).
# Artefacts (PDFs, PNGs): build/browser/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_setup
for tool in pdftoppm:poppler-utils pdftotext:poppler-utils zbarimg:zbar-tools; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || apt_install "${tool#*:}"
    command -v "${tool%%:*}" >/dev/null 2>&1 ||
        BROWSER_SKIP="${tool%%:*} is not installed and could not be (apt-get install ${tool#*:})"
done
[ -z "$BROWSER_SKIP" ] && browser_serve "$repo"
if [ -n "$BROWSER_SKIP" ]; then
    skip "print tests" "$BROWSER_SKIP"
else
    ARTEFACTS="$repo/build/browser" browser_run "$BROWSER_DIR/print.test.mjs"
fi
finish
