# test_browser_phone.sh — the portal as citizens use it on a phone (issue
# #17 items 1, 2, 6, 7) in headless Chromium (tests/browser/phone.test.mjs):
# jump links, checkboxes kept on the device, journeys, the first search
# result on the first screen, synonyms, abolished procedures out of search,
# one search landmark, Open Graph and BreadcrumbList, axe-core. Serves the
# example site with nginx through the shared harness
# (tests/browser/harness.sh). axe-core comes from npm into
# tests/browser/a11y/node_modules.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_example phone.test.mjs "browser phone tests"
finish
