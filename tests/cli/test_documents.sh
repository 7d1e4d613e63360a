# test_documents.sh — the legal documents section (issue #18) on the
# documents fixture: a page per document with every fact Nghị định 42/2022
# asks for and its file; the register and its filter pages by kind, issuing
# body, year, field and status, which are plain links (no script); feeds of
# new documents; procedures' legal-basis entries linking the documents they
# name, however the number is written, with "Hết hiệu lực" marked; `motcua
# check` failing on a procedure whose basis has ended (not on an abolished
# one); the search index finding a document by its number in every common
# form; `motcua new document`, `motcua fields document` and --dump-context.
# Needs python3; xmllint for the feeds.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

site=$work/site
fixture_linked documents "$site"
pub=$work/pub

run "$MOTCUA" build -s "$site" -o "$pub"
ok "the fixture builds (warnings only)" status_is 0
ok "a procedure citing a document no longer in force is a warning at the entry's line" \
   stderr_has "content/thu-tuc/trich-luc-ho-tich.md:26: warning: \"Căn cứ pháp lý\" (legal_basis/1) dẫn văn bản 06/2012/NĐ-CP không còn hiệu lực (Hết hiệu lực, đã được thay thế bởi 123/2015/NĐ-CP)"
ok "a suspended document is no longer in force either" \
   stderr_has "content/thu-tuc/le-phi-ho-tich.md:25: warning: \"Căn cứ pháp lý\" (legal_basis/0) dẫn văn bản 01/2026/QĐ-UBND không còn hiệu lực (Ngưng hiệu lực)"
ok "an abolished procedure keeps its old basis without a warning" eval '! grep -q "ho-tich-cu.md" "$err"'
ok "a document with every fact has no warning" eval '! grep -q "content/van-ban/" "$err"'

# ---- the document pages ---------------------------------------------------------
run python3 - "$pub" <<'PY'
import html, os, re, sys
root = sys.argv[1]
def page(p):
    return open(os.path.join(root, p, "index.html"), encoding="utf-8").read()
def main(p):
    t = page(p); return t[t.index("<main"):t.index("</main>")]
d = main("van-ban/nghi-dinh-123-2015-nd-cp")
facts = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>(.*?)</dd>", d))
text = {k: re.sub(r"<[^>]+>", "", v) for k, v in facts.items()}
assert text["Loại văn bản"] == "Nghị định", text
assert text["Số ký hiệu"] == "123/2015/NĐ-CP", text
assert text["Cơ quan ban hành"] == "Chính phủ", text
assert "15/11/2015" in text["Ngày ban hành"] and "01/01/2016" in text["Ngày có hiệu lực"], text
assert text["Tình trạng hiệu lực"] == "Còn hiệu lực", text
assert text["Trích yếu"].startswith("Quy định chi tiết"), text
assert 'href="/van-ban/nghi-dinh-06-2012-nd-cp/">06/2012/NĐ-CP</a>' in facts["Thay thế văn bản"], facts
assert "158/2005/NĐ-CP" in text["Thay thế văn bản"] and "158-2005" not in facts["Thay thế văn bản"]
m = re.search(r'<a class="button-start" href="([^"]+)" download>[^<]*\(PDF, (\d+) byte\)', d)
assert m and m.group(1) == "/van-ban/nghi-dinh-123-2015-nd-cp/van-ban.pdf", d
pdf = os.path.join(root, "van-ban/nghi-dinh-123-2015-nd-cp/van-ban.pdf")
assert os.path.getsize(pdf) == int(m.group(2))
old = main("van-ban/nghi-dinh-06-2012-nd-cp")
assert 'class="doc-ended-note"' in old and 'href="/van-ban/nghi-dinh-123-2015-nd-cp/">123/2015/NĐ-CP</a>' in old
assert '<span class="doc-status doc-ended">Hết hiệu lực</span>' in old
for p, label in [("thong-tu-99-2027-tt-btp", "Chưa có hiệu lực"), ("nghi-dinh-11-2020-nd-cp", "Hết hiệu lực một phần"),
                 ("quyet-dinh-01-2026-qd-ubnd", "Ngưng hiệu lực"), ("nghi-dinh-63-2010-nd-cp", "Còn hiệu lực")]:
    t = main("van-ban/" + p)
    assert ">%s</span>" % label in t, (p, label)
    assert ("doc-ended-note" in t) == (label == "Ngưng hiệu lực"), p
print("ok")
PY
ok "document pages: kind, number, body, dates, status, summary, replaces, the PDF with its size" status_is 0

# ---- the register and its filter pages --------------------------------------------
run python3 - "$pub" <<'PY'
import os, re, sys
root = sys.argv[1]
def page(p):
    return open(os.path.join(root, p, "index.html"), encoding="utf-8").read()
def items(p):
    return re.findall(r'<li class="doc-item">\s*<h2 class="card-title"><a href="([^"]+)"', page(p))
allp = items("van-ban")
assert len(allp) == 6, allp
# newest issue date first
assert allp[0] == "/van-ban/thong-tu-99-2027-tt-btp/" and allp[-1] == "/van-ban/nghi-dinh-63-2010-nd-cp/", allp
t = page("van-ban")
assert "<script" not in t.split("<main")[1].split("</main>")[0]
links = re.findall(r'<a href="(/van-ban/(?:loai|co-quan|nam|linh-vuc|tinh-trang)/[^"]+)"', t)
want = {"/van-ban/loai/nghi-dinh/": 4, "/van-ban/loai/thong-tu/": 1, "/van-ban/loai/quyet-dinh/": 1,
        "/van-ban/co-quan/chinh-phu/": 4, "/van-ban/co-quan/bo-tu-phap/": 1, "/van-ban/co-quan/uy-ban-nhan-dan-tinh/": 1,
        "/van-ban/nam/2010/": 1, "/van-ban/nam/2026/": 2, "/van-ban/linh-vuc/ho-tich/": 6,
        "/van-ban/tinh-trang/con-hieu-luc/": 2, "/van-ban/tinh-trang/chua-hieu-luc/": 1,
        "/van-ban/tinh-trang/het-hieu-luc-mot-phan/": 1, "/van-ban/tinh-trang/het-hieu-luc/": 1,
        "/van-ban/tinh-trang/ngung-hieu-luc/": 1}
for url, n in want.items():
    assert url in links, (url, links)
    got = items(url.strip("/"))
    assert len(got) == n, (url, got)
    assert 'aria-current="page"' in page(url.strip("/")).split('<a href="' + url + '"')[1][:30], url
for url in set(links):
    assert os.path.exists(os.path.join(root, url.strip("/"), "index.html")), url
assert items("van-ban/tinh-trang/het-hieu-luc") == ["/van-ban/nghi-dinh-06-2012-nd-cp/"]
years = re.findall(r'<a href="/van-ban/nam/(\d+)/"', t)
assert years == sorted(years, reverse=True), years
assert "Văn bản: Hết hiệu lực" in page("van-ban/tinh-trang/het-hieu-luc")
print("ok")
PY
ok "the register, newest first, and a page per kind, body, year, field and status, without script" status_is 0
ok "the register links its feeds" sh -c 'grep -q "rel=\"alternate\" type=\"application/atom+xml\"" "$1/van-ban/index.html"' _ "$pub"
if command -v xmllint >/dev/null; then
    ok "the Atom and RSS feeds of new documents are well-formed and list every document" sh -c \
       'xmllint --noout "$1/van-ban/atom.xml" "$1/van-ban/rss.xml" && [ "$(grep -c "<entry>" "$1/van-ban/atom.xml")" -eq 6 ]' _ "$pub"
else
    skip "document feeds are well-formed" "xmllint is not installed"
fi
ok "the JSON Feed lists the newest document first" python3 -c '
import json, sys
f = json.load(open(sys.argv[1] + "/van-ban/feed.json"))
assert f["items"][0]["url"].endswith("/van-ban/nghi-dinh-123-2015-nd-cp/"), f["items"][0]["url"]
assert len(f["items"]) == 6' "$pub"
ok "documents make no /linh-vuc/ term (that taxonomy is the procedures')" sh -c \
   '[ "$(grep -c "/van-ban/" "$1/linh-vuc/ho-tich/index.html")" -eq 0 ]' _ "$pub"

validator=$root/tests/tools/node_modules/.bin/html-validate
if [ -x "$validator" ]; then
    run "$validator" --config "$root/tests/tools/htmlvalidate.config.cjs" "$pub/van-ban/index.html" \
        "$pub/van-ban/tinh-trang/het-hieu-luc/index.html" "$pub/van-ban/nghi-dinh-06-2012-nd-cp/index.html" \
        "$pub/van-ban/nghi-dinh-123-2015-nd-cp/index.html" "$pub/thu-tuc/trich-luc-ho-tich/index.html"
    ok "the register, a filter page, document pages and a procedure citing them are valid HTML (html-validate)" status_is 0
else
    skip "document pages are valid HTML" "html-validate is not installed (npm ci in tests/tools)"
fi

# ---- procedures' legal basis --------------------------------------------------------
run python3 - "$pub" <<'PY'
import os, re, sys
root = sys.argv[1]
def legal(p):
    t = open(os.path.join(root, "thu-tuc", p, "index.html"), encoding="utf-8").read()
    return re.findall(r"<li>(.*?)</li>", t.split('<ul class="legal">')[1].split("</ul>")[0])
k = legal("dang-ky-khai-sinh")
assert k[0].startswith('<a href="/van-ban/nghi-dinh-123-2015-nd-cp/">') and "(Còn hiệu lực)" in k[0], k[0]
assert k[1].startswith('<a href="/van-ban/nghi-dinh-63-2010-nd-cp/">'), k[1]   # "ND-CP" without Đ
assert "doc-status" not in k[2] and "href" not in k[2], k[2]                      # not in the register
t = legal("trich-luc-ho-tich")
assert t[0].startswith('<a href="/van-ban/nghi-dinh-123-2015-nd-cp/">'), t[0]     # number in the title, no "số"
assert t[1].startswith('<a href="/van-ban/nghi-dinh-06-2012-nd-cp/">'), t[1]      # lower-case "nđ-cp", the register wins over url
assert '<span class="doc-status doc-ended">(Hết hiệu lực; được thay thế bởi <a href="/van-ban/nghi-dinh-123-2015-nd-cp/">123/2015/NĐ-CP</a>)</span>' in t[1], t[1]
print("ok")
PY
ok "legal-basis entries link the documents they name, with status; an ended one in red with what replaced it" status_is 0

run "$MOTCUA" check -s "$site"
ok "check fails on a procedure whose legal basis is no longer in force" eval \
   'status_is 1 && stdout_has "content/thu-tuc/trich-luc-ho-tich.md:26: error: \"Căn cứ pháp lý\" (legal_basis/1) dẫn văn bản 06/2012/NĐ-CP không còn hiệu lực"'
ok "check names the suspended one too, and not the abolished procedure" eval \
   'stdout_has "content/thu-tuc/le-phi-ho-tich.md:25: error:" && ! stdout_has "ho-tich-cu.md"'
sed -i 's/^status: het_hieu_luc$/status: con_hieu_luc/; /^replaced_by:/d; /^ended:/d' "$site/content/van-ban/nghi-dinh-06-2012-nd-cp.md"
sed -i 's/^status: ngung_hieu_luc$/status: con_hieu_luc/' "$site/content/van-ban/quyet-dinh-01-2026-qd-ubnd.md"
run "$MOTCUA" check -s "$site"
ok "once the documents are in force again, check says nothing about the legal basis" eval \
   '! stdout_has "Căn cứ pháp lý"'
run "$MOTCUA" build -s "$site" -o "$pub"
ok "an incremental build shows the procedures citing them without the mark" eval \
   'status_is 0 && ! grep -q "doc-ended" "$pub/thu-tuc/trich-luc-ho-tich/index.html" &&
    grep -q "(Còn hiệu lực)" "$pub/thu-tuc/trich-luc-ho-tich/index.html"'

# ---- bad document values ---------------------------------------------------------------
bad=$work/bad
fixture_linked documents "$bad"
sed -i 's/^status: con_hieu_luc$/status: con_hieu_luc_lam/; s/^issued: 2010-06-08$/issued: 08\/06\/2010/' "$bad/content/van-ban/nghi-dinh-63-2010-nd-cp.md"
sed -i 's/^file: van-ban.pdf$/file: ..\/..\/..\/site.yaml/' "$bad/content/van-ban/nghi-dinh-123-2015-nd-cp/index.md"
run "$MOTCUA" check -s "$bad"
ok "an unknown status, a date that is not one and a file outside the bundle are errors at their lines" eval \
   'status_is 1 && stdout_has "content/van-ban/nghi-dinh-63-2010-nd-cp.md:9: error: \"Tình trạng hiệu lực\" (status) không hợp lệ: '"'"'con_hieu_luc_lam'"'"'" &&
    stdout_has "content/van-ban/nghi-dinh-63-2010-nd-cp.md:7: error: \"Ngày ban hành\" (issued) không phải ngày" &&
    stdout_has "content/van-ban/nghi-dinh-123-2015-nd-cp/index.md:13: error: tệp \"Tệp văn bản\" (file) '"'"'../../../site.yaml'"'"' không có bên cạnh trang; đặt tệp vào content/van-ban/nghi-dinh-123-2015-nd-cp/"'
run "$MOTCUA" build -s "$bad" -o "$work/badpub"
ok "a file outside the bundle is neither offered nor copied" eval \
   '! grep -q "download>" "$work/badpub/van-ban/nghi-dinh-123-2015-nd-cp/index.html" && [ -z "$(find "$work/badpub" -name site.yaml)" ]'
ln -s "$root/site.yaml" "$bad/content/van-ban/nghi-dinh-123-2015-nd-cp/ngoai.pdf"
sed -i 's/^file: .*$/file: ngoai.pdf/' "$bad/content/van-ban/nghi-dinh-123-2015-nd-cp/index.md"
run "$MOTCUA" build -s "$bad" -o "$work/badpub2"
ok "a link beside the page leading out of the site is refused, never read" eval \
   'status_is 1 && stderr_has "ngoai.pdf" && [ ! -e "$work/badpub2" ]'

# ---- search by number, in every common form ------------------------------------------
run python3 - "$pub" <<'PY'
import glob, json, os, sys, unicodedata
root = sys.argv[1]; idx = os.path.join(root, "tim-kiem/index")
import re
html = open(os.path.join(root, "tim-kiem/index.html"), encoding="utf-8").read()
shards = int(re.search(r'data-shards="(\d+)"', html).group(1))
per = int(re.search(r'data-per-file="(\d+)"', html).group(1))
def fnv(s):
    h = 2166136261
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h
def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))
def alphabet():
    return "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
A = alphabet()
def numbers(s):
    out, cur, shift = [], 0, 0
    for ch in s:
        d = A.index(ch)
        if d >= 32: cur |= (d - 32) << shift; shift += 5
        else: cur |= d << shift; out.append(cur); cur, shift = 0, 0
    return out
def docs_of(entry):
    if isinstance(entry, int): return None
    found = set()
    for i in range(0, len(entry), 3):
        strong, body = entry[i + 1], entry[i + 2]
        n = numbers(strong)[0::2] if strong else []
        acc = 0
        for k, d in enumerate(n): acc = d if k == 0 else acc + d; found.add(acc)
        if body.startswith("~"):
            bits = body[1:]
            for ci, ch in enumerate(bits):
                v = A.index(ch)
                for b in range(6):
                    if v >> b & 1: found.add(ci * 6 + b)
        elif body:
            acc = 0
            for k, d in enumerate(numbers(body)): acc = d if k == 0 else acc + d; found.add(acc)
    return found
def term(key):
    t = json.load(open("%s/t/%d.json" % (idx, fnv(key) % shards), encoding="utf-8"))
    e = t.get(key)
    if isinstance(e, int):
        e = json.load(open("%s/w/%d-%d.json" % (idx, fnv(key) % shards, e), encoding="utf-8"))
    return docs_of(e) if e is not None else set()
records = [r for f in sorted(glob.glob(idx + "/d/*.json"), key=lambda p: int(os.path.basename(p)[:-5])) for r in json.load(open(f, encoding="utf-8"))]
def find(q):
    words = re.findall(r"\w+", fold(q))
    hits = None
    for w in words:
        s = term(w)
        hits = s if hits is None else hits & s
    return {records[d][0] for d in hits or set()}
want = "van-ban/nghi-dinh-63-2010-nd-cp/"
for q in ["63/2010/NĐ-CP", "63/2010", "nghi dinh 63 2010", "Nghị định 63/2010", "63/2010/nd-cp", "NĐ 63/2010"]:
    assert want in find(q), (q, sorted(find(q)))
assert "van-ban/nghi-dinh-123-2015-nd-cp/" in find("123/2015")
assert want not in find("123/2015")
assert [r for r in records if r[0] == want][0][2] == "d"
print("ok")
PY
ok "the search index finds a document by its number typed any common way" status_is 0

# ---- tools ------------------------------------------------------------------------------
run "$MOTCUA" fields document
ok "motcua fields document lists its keys with Vietnamese labels and the statuses" eval \
   'status_is 0 && stdout_has "number" && stdout_has "Số ký hiệu" && stdout_has "het_hieu_luc" && stdout_has "Hết hiệu lực"'
run "$MOTCUA" new document "Nghị định 42/2022/NĐ-CP" -s "$site"
ok "motcua new document writes the skeleton of its kind in van-ban/" eval \
   'status_is 0 && grep -q "^number: " "$site/content/van-ban/nghi-dinh-42-2022-nd-cp.md" && grep -q "^status: con_hieu_luc" "$site/content/van-ban/nghi-dinh-42-2022-nd-cp.md"'
run "$MOTCUA" build -s "$site" -o "$work/ctx" --dump-context /van-ban/nghi-dinh-06-2012-nd-cp/
ok "--dump-context shows a document's facts" eval \
   'status_is 0 && stdout_has "\"doc_type\"" && stdout_has "\"replaces_list\"" && stdout_has "\"status\""'
run "$MOTCUA" build -s "$site" -o "$work/ctx" --dump-context /thu-tuc/trich-luc-ho-tich/
ok "--dump-context shows a legal-basis entry's document" eval \
   'status_is 0 && stdout_has "\"doc_url\": \"/van-ban/nghi-dinh-06-2012-nd-cp/\""'
finish
