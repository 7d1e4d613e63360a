# test_build_output.sh — checks on built sites: every internal link and
# asset resolves (tests/tools/checklinks.py, Python standard library only)
# and every HTML file is valid HTML5 (html-validate from npm, installed into
# tests/tools/node_modules from package-lock.json; skipped with a reason
# when npm is not available). Sites: the fixture tests/sites/basic (also
# under a base path), and the example site at the repository root.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"
tools=$root/tests/tools

# ---- build the sites --------------------------------------------------------
fixture basic "$work/basic"
# one more page than the golden fixture: a table with aligned columns
printf -- '---\ntitle: "Bảng lệ phí"\n---\n| Thủ tục | Lệ phí (đồng) | Ghi chú |\n| :--- | ---: | :---: |\n| Khai sinh | 0 | miễn |\n| Kết hôn | 20000 | |\n' >"$work/basic/content/bang-le-phi.md"
run "$MOTCUA" build -q -s "$work/basic" -o "$work/site-basic"
ok "fixture builds" status_is 0
ok "aligned table columns use style=\"text-align: ...\", not the obsolete align= attribute" eval \
   '! grep -q " align=" "$work/site-basic/bang-le-phi/index.html" && grep -qF "text-align: right" "$work/site-basic/bang-le-phi/index.html"'
run "$MOTCUA" build -q -s "$work/basic" -o "$work/site-portal" --base-url http://localhost:8080/portal/
ok "fixture builds under /portal/" status_is 0
run "$MOTCUA" build -q -s "$work/basic" -o "$work/site-drafts" --drafts --future
ok "fixture builds with --drafts --future" status_is 0
run "$MOTCUA" build -s "$root" -o "$work/site-example"
example=1
if [ "$status" -ne 0 ]; then
    example=0
    if [ -n "$MC_EXAMPLE_MUST_BUILD" ]; then
        ok "the example site builds" false
    else
        skip "checks on the example site" "it does not build yet (content being written; set MC_EXAMPLE_MUST_BUILD=1 to fail instead): $(head -n 1 "$err")"
    fi
else
    ok "the example site builds without warnings (only the summary on stderr)" eval '[ "$(wc -l <"$err")" -eq 1 ] && grep -q "^motcua: built " "$err"'
fi
example_base=$(sed -nE 's/^base_url: *"?([^"#]*)"?.*/\1/p' "$root/site.yaml" | head -n 1)

# ---- links ---------------------------------------------------------------------
if ! command -v python3 >/dev/null 2>&1; then
    skip "link checks" "python3 is not installed"
else
    # the checker itself must catch a broken link, a missing file and a bad #fragment
    mkdir -p "$work/probe/a"
    printf '<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body><h2 id="x">x</h2><a href="/a/">ok</a> <a href="/b/">no</a> <a href="/a/#y">frag</a> <a href="#x">here</a> <img src="missing.png" alt=""></body></html>\n' >"$work/probe/a/index.html"
    run python3 "$tools/checklinks.py" "$work/probe" /
    ok "checklinks.py reports exactly the 3 broken links of a probe page" eval 'status_is 1 && [ "$(grep -c "broken link" "$out")" -eq 3 ] && stdout_has "'"'"'/b/'"'"'" && stdout_has "'"'"'/a/#y'"'"'" && stdout_has "missing.png"'

    run python3 "$tools/checklinks.py" "$work/site-basic" https://cong.example/
    ok "fixture: every internal link and asset resolves" status_is 0
    run python3 "$tools/checklinks.py" "$work/site-portal" http://localhost:8080/portal/
    ok "fixture under /portal/: every internal link (and canonical URL) resolves" status_is 0
    run python3 "$tools/checklinks.py" "$work/site-drafts" https://cong.example/
    ok "fixture with --drafts --future: every internal link resolves" status_is 0
    if [ "$example" = 1 ]; then
        run python3 "$tools/checklinks.py" "$work/site-example" "${example_base:-/}"
        ok "example site: every internal link and asset resolves" status_is 0
    fi
fi

# ---- HTML5 validity ---------------------------------------------------------
validator=$tools/node_modules/.bin/html-validate
if [ ! -x "$validator" ] && command -v npm >/dev/null 2>&1; then
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1 ||
        npm install --prefix "$tools" --no-audit --no-fund --loglevel=error >>"$work/npm.log" 2>&1
fi
if ! command -v node >/dev/null 2>&1 || [ ! -x "$validator" ]; then
    why="npm is not installed"
    command -v npm >/dev/null 2>&1 && why="npm could not install html-validate: $(tail -n 1 "$work/npm.log" 2>/dev/null)"
    skip "HTML5 validation" "$why"
else
    validate() { # DIR: every .html file under it
        find "$1" -name '*.html' -print0 | xargs -0 "$validator" --config "$tools/htmlvalidate.config.cjs" >"$out" 2>"$err"
        status=$?
    }
    printf '<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body><p><div>khối trong đoạn</div></p><a href="/">x</a><a href="/">y</a><span id="d"></span><span id="d"></span></body></html>\n' >"$work/probe/a/index.html"
    validate "$work/probe"
    ok "html-validate rejects an invalid probe page" eval '! status_is 0 && stdout_has "no-dup-id"'
    validate "$work/site-basic"
    ok "fixture: every HTML file is valid HTML5" status_is 0
    validate "$work/site-drafts"
    ok "fixture with --drafts --future: every HTML file is valid HTML5" status_is 0
    if [ "$example" = 1 ]; then
        validate "$work/site-example"
        ok "example site: every HTML file is valid HTML5 (default theme)" status_is 0
        [ "$status" -eq 0 ] || head -n 40 "$out" | sed 's/^/  | /'
    fi
fi
finish
