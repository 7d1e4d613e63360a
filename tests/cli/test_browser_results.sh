# test_browser_results.sh — the documents section and the results
# dashboard of issue #18 in headless Chromium (tests/browser/results.test.mjs):
# axe-core on the new pages, the register's filters with scripts blocked, the
# red mark of an ended legal basis, the dashboard on at most two A4 pages
# (pdfinfo, poppler-utils). Serves the example site with nginx through the
# shared harness (tests/browser/harness.sh). PDFs: build/browser/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_example results.test.mjs "browser results tests" pdfinfo:poppler-utils pdftotext:poppler-utils
finish
