# test_procedures.sh — procedure guides end to end: the completeness checks
# (one error per problem at FILE:LINE, the build fails and keeps the old
# site; with --allow-incomplete they are warnings and it succeeds), the
# procedure page, the procedure index and its filter pages, the A–Z list,
# JSON-LD, and the example site's procedures. Fixture: tests/sites/procedures
# (its theme is a symlink to the real theme, so it is built in place, read
# only, into a temporary folder).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"
fx=$sites/procedures
pub=$work/pub

# ---- checks: every kind of incomplete or wrong procedure ---------------------
mkdir -p "$pub" && echo old >"$pub/marker.txt"
run "$MOTCUA" build -s "$fx" -o "$pub"
ok "an incomplete or invalid procedure that is not a draft fails the build" status_is 1
ok "every problem is listed as FILE:LINE: error:, then the summary" eval \
   '! grep -vE "^content/thu-tuc/[a-z-]+(/index)?\.md:[0-9]+: error: |^motcua: build failed with [0-9]+ errors; the previous site was left as it was$" "$err" | grep -q .'
ok "all of them, not the first one only (14 parts of the bare page)" eval \
   '[ "$(grep -c "chi-co-tieu-de.md:1: error: thiếu " "$err")" -eq 14 ]'
ok "an invalid value at its line, as an error" \
   stderr_has "content/thu-tuc/cap-sai.md:5: error: \"Cấp thực hiện\" (level) không hợp lệ: 'thon'; dùng tinh, huyen hoặc xa"
ok "the old site is kept" eval '[ "$(cat "$pub/marker.txt")" = old ] && [ ! -e "$pub/thu-tuc" ]'
rm -rf "$pub"
run "$MOTCUA" build --allow-incomplete -s "$fx" -o "$pub"
ok "--allow-incomplete: warnings do not fail the build" status_is 0
ok "every stderr line is FILE:LINE: warning: or the summary" eval \
   '! grep -vE "^content/thu-tuc/[a-z-]+(/index)?\.md:[0-9]+: warning: |^motcua: built " "$err" | grep -q .'
ok "the complete procedure has no warning" eval '! grep -q "dang-ky-khai-sinh/index.md" "$err"'
ok "the complete procedure's variant with another field and level has no warning" eval \
   '! grep -q "dang-ky-lai-khai-sinh.md" "$err"'
ok "missing processing_time: named in Vietnamese with its key, at line 1" \
   stderr_has 'content/thu-tuc/thieu-thoi-han.md:1: warning: thiếu "Thời hạn giải quyết" (processing_time)'
ok "negative fee: at the line of the amount" \
   stderr_has 'content/thu-tuc/le-phi-am.md:35: warning: "Phí, lệ phí" (fees/1/amount) là số âm: -8000'
ok "unknown level: at the line of level" \
   stderr_has "content/thu-tuc/cap-sai.md:5: warning: \"Cấp thực hiện\" (level) không hợp lệ: 'thon'; dùng tinh, huyen hoặc xa"
ok "unknown processing-time unit: at the line of the unit" \
   stderr_has "content/thu-tuc/don-vi-sai.md:29: warning: \"Thời hạn giải quyết\" (processing_time/unit) có đơn vị không hợp lệ: 'tuần'"
ok "a form file that is not beside the page: both places that name it" eval \
   'stderr_has "content/thu-tuc/mau-don-thieu.md:25: warning: mẫu đơn (documents/0/form) '"'"'to-khai.txt'"'"' không có bên cạnh trang" &&
    stderr_has "content/thu-tuc/mau-don-thieu.md:39: warning: mẫu đơn (forms/0/file)"'
ok "a legal-basis entry without a document number" \
   stderr_has "content/thu-tuc/can-cu-thieu-so.md:40: warning: \"Căn cứ pháp lý\" (legal_basis/0) thiếu số hiệu văn bản: 'Luật Hộ tịch'"
ok "unknown status" \
   stderr_has "content/thu-tuc/trang-thai-sai.md:42: warning: \"Tình trạng hiệu lực\" (status) không hợp lệ: 'het_hieu_luc'"
ok "online service without online_url" \
   stderr_has 'content/thu-tuc/truc-tuyen-thieu-url.md:19: warning: thiếu "Địa chỉ nộp hồ sơ trực tuyến" (online_url)'
ok "a procedure with only a title: 14 missing parts, one line each" eval \
   '[ "$(grep -c "chi-co-tieu-de.md:1: warning: thiếu " "$err")" -eq 14 ]'
for part in 'Mã thủ tục" (code)' 'Lĩnh vực" (field)' 'Cấp thực hiện" (level)' 'Cơ quan thực hiện" (agency)' \
            'Đối tượng thực hiện" (audience)' 'Trình tự thực hiện" (steps)' 'Cách thức thực hiện" (channels)' \
            'Thành phần hồ sơ" (documents)' 'Số lượng hồ sơ" (copies)' 'Phí, lệ phí" (fees)' \
            'Kết quả thực hiện" (result)' 'Căn cứ pháp lý" (legal_basis)' 'Tình trạng hiệu lực" (status)'; do
    ok "only a title: names \"$part" stderr_has "chi-co-tieu-de.md:1: warning: thiếu \"$part"
done
ok "an abolished procedure is not checked for missing parts" eval '! grep -q "da-bai-bo.md" "$err"'
ok "a draft procedure is not checked by build" eval \
   'mkdir -p "$work/d/content/thu-tuc" && cp "$fx/site.yaml" "$work/d/" && mkdir -p "$work/d/themes" &&
    ln -s "$root/themes/default" "$work/d/themes/default" &&
    printf -- "---\ntitle: \"Nháp\"\ndraft: true\n---\nx\n" >"$work/d/content/thu-tuc/nhap.md" &&
    "$MOTCUA" build -s "$work/d" -o "$work/d/out" 2>"$work/d/err" && ! grep -q warning "$work/d/err"'
ok "a draft procedure built with --drafts: its problems are warnings" eval \
   '"$MOTCUA" build --drafts -s "$work/d" -o "$work/d/out2" 2>"$work/d/err2" &&
    grep -q "nhap.md:1: warning: thiếu" "$work/d/err2" && ! grep -q "error:" "$work/d/err2"'
run "$MOTCUA" build -q --allow-incomplete -s "$fx" -o "$work/pub-q"
ok "--quiet prints no warnings (nothing but errors)" eval 'status_is 0 && ! stderr_has "warning: "'

# ---- the procedure page -------------------------------------------------------
page=$pub/thu-tuc/dang-ky-khai-sinh/index.html
has() { grep -qF -- "$2" "$1"; }
ok "page: title and national code" eval 'has "$page" "<h1>Đăng ký khai sinh</h1>" && has "$page" "1.001193.000.00.00.H42"'
ok "page: breadcrumb home › procedures › field" eval \
   'has "$page" "<li><a href=\"/\">Trang chủ</a></li>" && has "$page" "<li><a href=\"/thu-tuc/\">" && has "$page" "<li><a href=\"/linh-vuc/ho-tich/\">Hộ tịch</a></li>"'
ok "page: fee 0 is \"Miễn phí\", 8000 is \"8.000 đồng\"" eval 'has "$page" "<strong>Miễn phí</strong>" && has "$page" "<strong>8.000 đồng</strong>"'
ok "page: processing time in the summary box" has "$page" "<dd>Ngay trong ngày làm việc</dd>"
ok "page: where to submit, opening hours, the 15:00 cut-off" eval \
   'has "$page" "Số 1 đường Thử, phường Hoa Lư" && has "$page" "<li>Thứ Hai: 07:30–11:30, 13:30–17:00</li>" && has "$page" "Hồ sơ nhận sau 15:00</strong> được tính từ ngày làm việc tiếp theo."'
ok "page: the start button goes to online_url" \
   has "$page" 'class="button-start" href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=187805"'
ok "page: documents checklist with original/copy and the form's type and size" eval \
   'has "$page" "<ul class=\"checklist\" data-checklist=\"/thu-tuc/dang-ky-khai-sinh/\">" && has "$page" "<input type=\"checkbox\" id=\"giay-to-1\"" && has "$page" "Bản chính · 1 bản" && has "$page" "href=\"/thu-tuc/dang-ky-khai-sinh/to-khai.txt\" download>Tải mẫu <span class=\"file-info\">(TXT, 73 byte)</span>"'
ok "page: the form file is published beside the page" test -f "$pub/thu-tuc/dang-ky-khai-sinh/to-khai.txt"
ok "page: steps as a numbered list" eval 'has "$page" "<ol class=\"steps\">" && has "$page" "<li>Nhận Giấy khai sinh.</li>"'
ok "page: channels table with a header row and row headers" eval \
   'has "$page" "<th scope=\"row\">Trực tiếp</th>" && has "$page" "<th scope=\"col\">Cách nộp</th>"'
ok "page: conditions, result, legal basis with its link" eval \
   'has "$page" "Đăng ký trong 60 ngày kể từ ngày sinh." && has "$page" "Giấy khai sinh (bản chính)" && has "$page" "rel=\"external\">Luật Hộ tịch số 60/2014/QH13</a>"'
ok "page: print button and share links" eval \
   'has "$page" "onclick=\"window.print()\"" && has "$page" "mailto:?subject=%C4%90%C4%83ng%20k%C3%BD%20khai%20sinh" && has "$page" "facebook.com/sharer/sharer.php?u=https%3A%2F%2Fthutuc.example%2Fthu-tuc%2Fdang-ky-khai-sinh%2F"'
ok "page: hotline and feedback box" eval \
   'has "$page" "<a href=\"tel:1900.0000\">1900.0000</a>" && has "$page" "tel:0229.000.999" && has "$page" "mailto:motcua@thutuc.example?subject="'
ok "page: the URL and date for print" has "$page" '<p class="print-source">In từ <span class="print-url">https://thutuc.example/thu-tuc/dang-ky-khai-sinh/</span>'
ok "page: under 50 KB before images" eval '[ "$(wc -c <"$page")" -lt 51200 ]'
ok "page: JSON-LD GovernmentService, with </ escaped" eval \
   'has "$page" "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"GovernmentService\"" && has "$page" "<\\/script>" '
ab=$pub/thu-tuc/da-bai-bo/index.html
ok "abolished: keeps its URL with a clear notice, noindex" eval \
   'has "$ab" "Thủ tục này đã bị bãi bỏ" && has "$ab" "<meta name=\"robots\" content=\"noindex\">"'
ok "abolished: in no list (index, filters, A–Z, field, home)" eval \
   '! grep -rl "da-bai-bo" "$pub" --include=index.html | grep -v "^$pub/thu-tuc/da-bai-bo/" | grep -q .'

# ---- the procedure index --------------------------------------------------------
idx=$pub/thu-tuc/index.html
ok "index: counts of fields and procedures" has "$idx" '<p class="lead">3 lĩnh vực, 11 thủ tục</p>'
ok "index: grouped by field with counts, Vietnamese order" eval \
   'has "$idx" "<h2 id=\"linh-vuc-chung-thuc\">Chứng thực <span class=\"count\">(1 thủ tục)</span></h2>" &&
    [ "$(grep -n "<h2 id=\"linh-vuc-" "$idx" | cut -d\" -f2 | tr "\n" " ")" = "linh-vuc-chung-thuc linh-vuc-ho-tich linh-vuc-khac " ]'
ok "index: filter links are plain links to ready pages (no JavaScript but the alert banner's)" eval \
   'has "$idx" "href=\"/thu-tuc/cap/xa/\"" && has "$idx" "href=\"/thu-tuc/cap/huyen/\"" && has "$idx" "href=\"/thu-tuc/truc-tuyen/toan-trinh/\"" && ! grep "<script" "$idx" | grep -qv "js/canh-bao.js"'
ok "index: the filter page by level lists only that level" eval \
   'has "$pub/thu-tuc/cap/huyen/index.html" "Đăng ký lại khai sinh" && ! has "$pub/thu-tuc/cap/huyen/index.html" "Lệ phí âm" && has "$pub/thu-tuc/cap/huyen/index.html" "aria-current=\"page\">Cấp huyện"'
ok "index: the filter page by online level" eval \
   'has "$pub/thu-tuc/truc-tuyen/mot-phan/index.html" "Đăng ký lại khai sinh" && ! has "$pub/thu-tuc/truc-tuyen/mot-phan/index.html" "Cấp sai"'
az=$pub/thu-tuc/a-z/index.html
ok "A–Z: letters in Vietnamese order (C, Đ, L, M, T)" eval \
   '[ "$(grep -o "<h2 id=\"chu-[a-z0-9-]*\" class=\"letter\">[^<]*" "$az" | sed "s/.*>//" | tr "\n" " ")" = "C Đ L M T " ]'
ok "A–Z: linked from the index" has "$idx" 'href="/thu-tuc/a-z/"'

# ---- journeys, related procedures, synonyms: names that lead nowhere --------------
j=$work/journey
mkdir -p "$j/themes" && cp -R "$root/site.yaml" "$root/content" "$root/data" "$j/" && ln -s "$root/themes/default" "$j/themes/default"
sed -i 's/^  - procedure: dang-ky-thuong-tru$/  - procedure: dang-ky-thuong-tru-cu/' "$j/content/su-kien-cuoc-song/khi-sinh-con.md"
sed -i 's/^  - dang-ky-thuong-tru$/  - dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/' "$j/content/thu-tuc/dang-ky-khai-sinh/index.md"
run "$MOTCUA" build -s "$j" -o "$j/out"
ok "a journey naming an unknown procedure fails the build at the line of the name" eval \
   'status_is 1 && stderr_has "content/su-kien-cuoc-song/khi-sinh-con.md:7: error: \"Các thủ tục, theo thứ tự\" (procedures/1/procedure): '"'"'dang-ky-thuong-tru-cu'"'"': không có thủ tục này"'
ok "a related procedure that is abolished is an error at its line too" \
   stderr_has "content/thu-tuc/dang-ky-khai-sinh/index.md:79: error: \"Thủ tục liên quan\" (related/0): 'dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen': thủ tục này đã bãi bỏ"
ok "nothing was written" test ! -e "$j/out"
printf -- '- official: "sổ đỏ"\n' >"$j/data/synonyms.yaml"
cp "$root/content/su-kien-cuoc-song/khi-sinh-con.md" "$j/content/su-kien-cuoc-song/"
cp "$root/content/thu-tuc/dang-ky-khai-sinh/index.md" "$j/content/thu-tuc/dang-ky-khai-sinh/index.md"
run "$MOTCUA" build -s "$j" -o "$j/out"
ok "a synonym group without also: is an error naming the file and the group" eval \
   'status_is 1 && stderr_has "data/synonyms.yaml:1: error: group 1: needs '"'"'official:'"'"' and '"'"'also:'"'"'"'
sed -i 's/^    - day: mon$/    - day: "Thứ Hai"/; s/^    - day: tue$/    - day: t3/' "$j/site.yaml"
rm "$j/data/synonyms.yaml"
run "$MOTCUA" build --no-audio -s "$j" -o "$j/out"
ok "opening days written in Vietnamese (\"Thứ Hai\", t3) read as mon and tue" eval \
   'status_is 0 && grep -q "<li>Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00</li>" "$j/out/thu-tuc/dang-ky-khai-sinh/index.html"'
sed -i 's/^    - day: t3$/    - day: "thứ hăm"/' "$j/site.yaml"
run "$MOTCUA" build --no-audio -s "$j" -o "$j/out2"
dayline=$(grep -n '^    - day: "thứ hăm"$' "$j/site.yaml" | cut -d: -f1)
ok "a day that is no day is an error at its line" eval \
   'status_is 1 && stderr_has "site.yaml:$dayline: error: opening_hours day '"'"'thứ hăm'"'"' is not a day"'
sed -i 's/^    - day: "thứ hăm"$/    - day: tue/' "$j/site.yaml"
sed -i 's|^dossier_lookup: .*|dossier_lookup: "javascript:alert(1)"|' "$j/site.yaml"
run "$MOTCUA" build --no-audio -s "$j" -o "$j/out3"
ok "dossier_lookup must be a web address" eval 'status_is 1 && stderr_has "dossier_lookup must be a web address"'

# ---- the example site: no warnings, JSON-LD, HTML5 ------------------------------
run "$MOTCUA" build -s "$root" -o "$work/example"
ok "example: builds without a procedure warning" eval 'status_is 0 && ! grep -q "^content/thu-tuc/.*: warning: " "$err"'
ok "example: the one-stop centre page (vi and en) has JSON-LD GovernmentOffice" eval \
   'grep -q "\"@type\":\"GovernmentOffice\"" "$work/example/trung-tam-phuc-vu-hanh-chinh-cong/index.html" &&
    grep -q "\"name\":\"Public Administrative Service Centre (one-stop centre)\"" "$work/example/en/trung-tam-phuc-vu-hanh-chinh-cong/index.html"'
ok "example: home has the search box (GET /tim-kiem/?q=), field counts and the hotline" eval \
   'grep -q "action=\"/tim-kiem/\" method=\"get\"" "$work/example/index.html" && grep -q "<p>[0-9]* lĩnh vực, [0-9]* thủ tục</p>" "$work/example/index.html" &&
    grep -q "class=\"hotline-box\"" "$work/example/index.html"'
if command -v python3 >/dev/null 2>&1; then
    run python3 - "$work/example" "$pub/thu-tuc/dang-ky-khai-sinh" <<'PY'
import json, re, sys, pathlib
need = {"GovernmentService": ["name", "url", "identifier", "provider", "availableChannel"],
        "GovernmentOffice": ["name", "address", "telephone", "openingHoursSpecification"]}
bad = blocks = 0
for root in sys.argv[1:]:
    for f in pathlib.Path(root).rglob("*.html"):
        for m in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', f.read_text(), re.S):
            blocks += 1
            try:
                d = json.loads(m.group(1))
            except ValueError as e:
                print(f"{f}: JSON-LD does not parse: {e}"); bad += 1; continue
            if d.get("@context") != "https://schema.org":
                print(f"{f}: no schema.org @context"); bad += 1
            for k in need.get(d.get("@type"), []):
                if k not in d: print(f"{f}: {d.get('@type')} lacks {k}"); bad += 1
print(f"{blocks} blocks"); sys.exit(1 if bad or blocks < 30 else 0)
PY
    ok "every JSON-LD block parses and has the required properties ($(tail -n 1 "$out"))" status_is 0
else
    skip "JSON-LD checks" "python3 is not installed"
fi
validator=$root/tests/tools/node_modules/.bin/html-validate
if [ -x "$validator" ]; then
    run "$validator" -c "$root/tests/tools/htmlvalidate.config.cjs" "$pub/thu-tuc" "$work/example/thu-tuc" \
        "$work/example/trung-tam-phuc-vu-hanh-chinh-cong" "$work/example/en" "$work/example/index.html"
    ok "procedure pages, index, filter and A–Z pages, centre page and home are valid HTML5" status_is 0
else
    skip "HTML5 validation of procedure pages" "html-validate is not installed (tests/cli/test_build_output.sh installs it)"
fi

finish
