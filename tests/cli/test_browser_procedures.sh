# test_browser_procedures.sh — procedure guides and the default theme of
# issue #4 in headless Chromium (tests/browser/procedures.test.mjs): three
# clicks from home, 360 px and 320 px at 200%, print, axe-core on every page
# kind, keyboard. Serves the example site with nginx through the shared
# harness (tests/browser/harness.sh). axe-core comes from npm into
# tests/browser/a11y/node_modules. Screenshots: build/browser/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_example procedures.test.mjs "browser procedure tests"
finish
