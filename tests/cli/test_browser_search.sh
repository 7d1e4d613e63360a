# test_browser_search.sh — the search page of issue #5 in headless Chromium:
# builds the example site (the repository root), serves it with nginx on
# 127.0.0.1 and runs tests/browser/search.test.mjs. Needs nginx, chromium
# and node (installed when missing; skipped with the reason when they
# cannot be) and playwright-core (npm ci in tests/browser).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../browser/harness.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)

browser_setup
[ -z "$BROWSER_SKIP" ] && browser_serve "$repo"
if [ -n "$BROWSER_SKIP" ]; then
    skip "browser search tests" "$BROWSER_SKIP"
else
    browser_run "$BROWSER_DIR/search.test.mjs"
fi
finish
