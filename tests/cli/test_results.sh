# test_results.sh — the reform results dashboard (issue #18) built from the
# documents fixture's data/ket-qua-cai-cach.csv: the Vietnamese and English
# pages exist without script; every chart's SVG (inline and as a file) is
# well-formed XML (xmllint) with a <title> and a <desc>; the numbers in each
# table and each <desc> are the data file's, written with a decimal comma
# in Vietnamese and a decimal point in English; the CSV download round-trips
# to the data file's figures; bad data (a missing value, a percentage over
# 100, an unknown indicator) is FILE:LINE: error: and exit 1, leaving the
# published site as it was. Needs python3 and xmllint (skipped without).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

site=$work/site
fixture_linked documents "$site"
pub=$work/pub
data=$site/data/ket-qua-cai-cach.csv

run "$MOTCUA" build -q -s "$site" -o "$pub"
ok "the site with the data file builds" status_is 0
ok "the dashboard, its English page, the CSV and one SVG per chart exist" sh -c \
   'test -f "$1/ket-qua-cai-cach/index.html" -a -f "$1/en/ket-qua-cai-cach/index.html" -a -f "$1/ket-qua-cai-cach/ket-qua-cai-cach.csv" -a -f "$1/ket-qua-cai-cach/chi-so-phuc-vu.svg" -a -f "$1/ket-qua-cai-cach/truc-tuyen.svg"' _ "$pub"
# The charts need no script: the only one a dashboard page may load is the
# site-wide alert banner's (js/canh-bao.js, every page has it).
ok "no script but the alert banner's and no chart library on the dashboard" sh -c \
   'for f in "$1/ket-qua-cai-cach/index.html" "$1/en/ket-qua-cai-cach/index.html"; do
        grep -oi "<script[^>]*>" "$f" | grep -v "src=\"[^\"]*/js/canh-bao.js\"" | grep -q . && exit 1
        grep -qiE "chart(\.min)?\.js|d3(\.min)?\.js|<canvas" "$f" && exit 1
    done; exit 0' _ "$pub"

if command -v xmllint >/dev/null; then
    run sh -c 'for f in "$1"/ket-qua-cai-cach/*.svg; do xmllint --noout "$f" || exit 1; done' _ "$pub"
    ok "every SVG file is well-formed XML (xmllint)" status_is 0
    run python3 - "$pub" "$work" <<'PY'
import os, re, subprocess, sys
root, work = sys.argv[1], sys.argv[2]
for lang in ("", "en/"):
    html = open(os.path.join(root, lang + "ket-qua-cai-cach/index.html"), encoding="utf-8").read()
    svgs = re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\".*?</svg>", html, re.S)
    assert len(svgs) == 4, len(svgs)
    for i, s in enumerate(svgs):
        p = os.path.join(work, "inline-%s%d.svg" % (lang.strip("/"), i))
        open(p, "w", encoding="utf-8").write(s)
        subprocess.run(["xmllint", "--noout", p], check=True)
        t = re.search(r'aria-labelledby="([^ "]+) ([^"]+)"', s)
        assert t and ('<title id="%s">' % t.group(1)) in s and ('<desc id="%s">' % t.group(2)) in s, s[:300]
        if not lang:  # the Vietnamese inline chart is the downloadable file
            name = re.search(r'<title id="([a-z-]+)-vi-t">', s).group(1)
            assert open(os.path.join(root, "ket-qua-cai-cach", name + ".svg"), encoding="utf-8").read() == s + "\n"
print("ok")
PY
    ok "every inline SVG validates, has its <title> and <desc>, and is the file offered for download" status_is 0
else
    skip "SVG validates" "xmllint is not installed"
fi

# The tables and the <desc> of each chart say the data file's figures, the
# page's way; the CSV download holds exactly the data file's rows.
run python3 - "$pub" "$data" <<'PY'
import csv, html as H, io, os, re, sys
root, data = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(data, encoding="utf-8")))
want = {(r["indicator"], r["period"]): float(r["value"].replace(",", ".")) for r in rows}
def vi(v):
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    i, _, d = s.partition(".")
    g = ""
    while len(i) > 3: g = "." + i[-3:] + g; i = i[:-3]
    return i + g + ("," + d if d else "")
def en(v):
    return vi(v).replace(".", "\0").replace(",", ".").replace("\0", ",")
for lang, fmt in (("", vi), ("en/", en)):
    page = open(os.path.join(root, lang + "ket-qua-cai-cach/index.html"), encoding="utf-8").read()
    seen = 0
    for table in re.findall(r'<table class="result-table">(.*?)</table>', page, re.S):
        periods = [H.unescape(p) for p in re.findall(r'<th scope="col">([^<]*)</th>', table)[1:]]
        for label, cells in re.findall(r'<tr><th scope="row">(.*?) <span class="unit">.*?</th>(.*?)</tr>', table):
            values = re.findall(r"<td>([^<]*)</td>", cells)
            assert len(values) == len(periods)
            for p, text in zip(periods, values):
                keys = [k for k in want if k[1] == p]
                num = text.split("/")[0].rstrip("%")
                assert any(fmt(want[k]) == num for k in keys), (lang, label, p, text)
                seen += 1
    assert seen == len(want), (lang, seen, len(want))
    descs = " ".join(H.unescape(d) for d in re.findall(r"<desc id=[^>]*>(.*?)</desc>", page, re.S))
    for (ind, period), v in want.items():  # "2025 16,5/18", "Quý 1/2025 41,5%", "Quý 1/2025 2.140"
        assert re.search(r"(^|[ :]) ?%s %s(/\d+|%%)?[;. ]" % (re.escape(period), re.escape(fmt(v))), descs), (lang, ind, period)
vi_page = open(os.path.join(root, "ket-qua-cai-cach/index.html"), encoding="utf-8").read()
assert "99,03%" in vi_page and "98,8%" in vi_page and "2.140" in vi_page, "Vietnamese forms"
en_page = open(os.path.join(root, "en/ket-qua-cai-cach/index.html"), encoding="utf-8").read()
assert "99.03%" in en_page and "2,140" in en_page and '<html lang="en">' in en_page
assert 'hreflang="en"' in vi_page and 'href="/en/ket-qua-cai-cach/"' in vi_page
# the CSV download round-trips to the data file
got = list(csv.DictReader(io.open(os.path.join(root, "ket-qua-cai-cach/ket-qua-cai-cach.csv"), encoding="utf-8", newline="")))
assert [(r["indicator"], r["period"], float(r["value"]), r["source"]) for r in got] == \
       [(r["indicator"], r["period"], float(r["value"].replace(",", ".")), r["source"]) for r in rows]
assert all(r["unit"] in ("points", "percent", "dossiers") and r["label"] for r in got)
print("ok")
PY
ok "tables and <desc> say the data file's figures (98,8 % / 98.8%); the CSV round-trips" status_is 0

validator=$root/tests/tools/node_modules/.bin/html-validate
if [ -x "$validator" ]; then
    run "$validator" --config "$root/tests/tools/htmlvalidate.config.cjs" "$pub/ket-qua-cai-cach/index.html" \
        "$pub/en/ket-qua-cai-cach/index.html"
    ok "both dashboard pages are valid HTML (html-validate)" status_is 0
else
    skip "dashboard pages are valid HTML" "html-validate is not installed (npm ci in tests/tools)"
fi

run "$MOTCUA" build -s "$site" -o "$work/ctx" --dump-context /ket-qua-cai-cach/
ok "--dump-context /ket-qua-cai-cach/ shows the charts" eval 'status_is 0 && stdout_has "\"charts\"" && stdout_has "\"svg_url\""'

# ---- bad data: FILE:LINE: error:, exit 1, the published site untouched -----------------------
before=$(tree_sum "$pub")
bad() { # NAME LINE-TO-APPEND EXPECTED-LINE EXPECTED-TEXT
    cp "$data" "$work/saved.csv"
    printf '%s\n' "$2" >> "$data"
    n=$(wc -l < "$data")
    run "$MOTCUA" build -q -s "$site" -o "$pub"
    ok "$1: data/ket-qua-cai-cach.csv:$n: error, exit 1" eval \
       'status_is 1 && stderr_has "data/ket-qua-cai-cach.csv:$n: error: $3" && err_lines_ok'
    cp "$work/saved.csv" "$data"
}
bad "a missing value" "ty_le_hai_long,2026,,Báo cáo" "'ty_le_hai_long' has no value for 2026"
bad "a percentage over 100" "ty_le_truc_tuyen,2026,104.5,Báo cáo" "percentage 104.5 of 'ty_le_truc_tuyen' is over 100"
bad "an unknown indicator" "ty_le_vui_ve,2026,50,Báo cáo" "unknown indicator 'ty_le_vui_ve'"
bad "points over the group's maximum" "chi_so_so_hoa,2026,23,Báo cáo" "23 points of 'chi_so_so_hoa' are over the group's maximum of 22"
ok "after every failed build the published site is exactly as it was" eval '[ "$(tree_sum "$pub")" = "$before" ]'
printf 'period,value\n2025,1\n' > "$data"
run "$MOTCUA" build -q -s "$site" -o "$work/other"
ok "a file without the indicator column is an error at line 1" eval \
   'status_is 1 && stderr_has "data/ket-qua-cai-cach.csv:1: error: the first line must name the columns indicator,period,value"'
rm "$data"
run "$MOTCUA" build -q -s "$site" -o "$work/none"
ok "a site without the data file has no dashboard" eval 'status_is 0 && [ ! -e "$work/none/ket-qua-cai-cach" ]'
finish
