# test_search.sh — the search outputs of `motcua build` (issue #5) on the
# example site: the page and its index files exist, parse, agree with each
# other, are the same for every -j, validate as HTML; search.js stays under
# 8 KB gzipped; a theme without search.mustache gets no search. Needs
# python3; html-validate (tests/tools, npm) when installed.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT

run "$MOTCUA" build -q -s "$repo" -o "$tmp/a" -j 1
ok "the example site builds with one job" status_is 0
run "$MOTCUA" build -q -s "$repo" -o "$tmp/b" -j 4
ok "the example site builds with four jobs" status_is 0
idx=$tmp/a/tim-kiem/index
ok "the search page, its script and the index exist" \
    test -f "$tmp/a/tim-kiem/index.html" -a -f "$tmp/a/js/search.js" -a -f "$idx/t/0.json" -a -f "$idx/d/0.json" -a -f "$idx/f.json"
ok "the index is byte-identical for -j 1 and -j 4" diff -r "$tmp/a/tim-kiem" "$tmp/b/tim-kiem"

run python3 - "$tmp/a" <<'PY'
import glob, json, os, re, sys, unicodedata
root = sys.argv[1]
html = open(os.path.join(root, "tim-kiem/index.html"), encoding="utf-8").read()
attr = lambda name: re.search(r'data-%s="([^"]*)"' % name, html).group(1)
shards, docs, per = int(attr("shards")), int(attr("docs")), int(attr("per-file"))
idx = os.path.join(root, "tim-kiem/index")
t = sorted(glob.glob(idx + "/t/*.json")); d = glob.glob(idx + "/d/*.json")
assert len(t) == shards, (len(t), shards)
assert len(d) == (docs + per - 1) // per, (len(d), docs)
def fnv(s):
    h = 2166136261
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h
keys = 0
for f in t:
    k = int(os.path.basename(f)[:-5])
    for key, entry in json.load(open(f, encoding="utf-8")).items():
        keys += 1
        assert fnv(key) % shards == k, key
        assert key == unicodedata.normalize("NFC", key).lower(), key
        if isinstance(entry, int):
            assert os.path.exists("%s/w/%d-%d.json" % (idx, k, entry)), key
records = [r for f in d for r in json.load(open(f, encoding="utf-8"))]
assert len(records) == docs
urls = [r[0] for r in records]
assert "thu-tuc/dang-ky-khai-sinh/" in urls and "thu-tuc/" in urls, urls[:5]
for r in records:
    assert os.path.exists(os.path.join(root, r[0], "index.html")), r[0]
    assert r[2] in "lfpgnadj" and len(r) == 5
filt = json.load(open(idx + "/f.json", encoding="utf-8"))
assert len(filt["f"]) == len(filt["l"]) == len(filt["o"]) == docs
print("keys", keys, "docs", docs)
PY
ok "shards, entries, documents and filters agree (FNV-1a shards, every URL exists)" status_is 0

ok "search.js is at most 8 KB gzipped" sh -c '[ $(gzip -9 -c "$1" | wc -c) -le 8192 ]' _ "$tmp/a/js/search.js"
ok "the page has the live region, the no-JavaScript notice and the script" sh -c \
    'grep -q "aria-live=\"polite\"" "$1" && grep -q "<noscript>" "$1" && grep -q "class=\"search-nojs\"" "$1" && grep -q "js/search.js" "$1" && grep -q "id=\"tu-khoa\"" "$1"' _ "$tmp/a/tim-kiem/index.html"

validator=$repo/tests/tools/node_modules/.bin/html-validate
if [ -x "$validator" ]; then
    run "$validator" --config "$repo/tests/tools/htmlvalidate.config.cjs" "$tmp/a/tim-kiem/index.html"
    ok "the search page is valid HTML (html-validate)" status_is 0
else
    skip "the search page is valid HTML" "html-validate is not installed (npm ci in tests/tools)"
fi

run "$MOTCUA" build -s "$repo" -o "$tmp/a" --dump-context /tim-kiem/
ok "--dump-context /tim-kiem/ shows the search object" sh -c 'grep -q "\"per_doc_file\"" "$1"' _ "$out"

mkdir -p "$tmp/site/themes"
cp -R "$repo/site.yaml" "$repo/content" "$tmp/site/"
cp -R "$repo/themes/default" "$tmp/site/themes/default"
rm "$tmp/site/themes/default/templates/search.mustache"
run "$MOTCUA" build -q -s "$tmp/site" -o "$tmp/c"
ok "a theme without search.mustache builds, without a search page or index" \
    eval 'status_is 0 && [ ! -e "$tmp/c/tim-kiem" ]'
finish
