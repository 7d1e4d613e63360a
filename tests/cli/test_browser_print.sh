# test_browser_print.sh — printed pages lead back (issue #14): the example
# site served by nginx (tests/browser/harness.sh), printed to PDF by
# Chromium (tests/browser/print.test.mjs); the QR code on page 1 is decoded
# with zbarimg (zbar-tools) from pdftoppm's image (poppler-utils).
# Artefacts (PDFs, PNGs): build/browser/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_example print.test.mjs "print tests" pdftoppm:poppler-utils pdftotext:poppler-utils zbarimg:zbar-tools
finish
