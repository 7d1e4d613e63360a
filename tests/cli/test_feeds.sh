# test_feeds.sh — Atom, RSS, JSON Feed and sitemap.xml of `motcua build`,
# on a copy of tests/sites/feeds with 22 more news pages (so the 20-entry
# limit applies) and the repository's themes/. Needs xmllint (libxml2-utils)
# and python3.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"

repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT
site=$tmp/site
mkdir -p "$site"
cp -R tests/sites/feeds/site.yaml tests/sites/feeds/content "$site/"
ln -s "$repo/themes" "$site/themes"
i=1
while [ $i -le 22 ]; do
    n=$(printf '%02d' $i)
    printf -- '---\ntitle: "Tin số %s"\ndate: 2024-06-%s\ntags: ["Tin ngắn"]\n---\nNội dung %s.\n' \
        "$n" "$n" "$n" >"$site/content/tin-tuc/tin-so-$n.md"
    i=$((i + 1))
done
base=https://x.example/cong/
pub=$tmp/pub

if ! command -v xmllint >/dev/null 2>&1; then
    echo "FAIL xmllint is missing: apt-get install libxml2-utils"
    echo "0 passed, 1 failed"; exit 1
fi

run "$MOTCUA" build -q -s "$site" -o "$pub" --base-url "$base"
ok "the fixture site builds" status_is 0

# ---- well-formed XML ----
files_ok() { for f in "$@"; do [ -f "$pub/$f" ] || { echo "  missing $f"; return 1; }; done; }
ok "news, announcement, tag and field feeds exist" files_ok \
    tin-tuc/atom.xml tin-tuc/rss.xml tin-tuc/feed.json thong-bao/atom.xml thong-bao/rss.xml \
    the/an-ninh/atom.xml the/an-ninh/rss.xml the/an-ninh/feed.json \
    linh-vuc/ho-tich/atom.xml linh-vuc/ho-tich/rss.xml linh-vuc/ho-tich/feed.json sitemap.xml
ok "announcements have no JSON Feed yet" test ! -e "$pub/thong-bao/feed.json"
xml_files=$(cd "$pub" && find . -name '*.xml' | sort)
run sh -c "cd '$pub' && xmllint --noout $(echo $xml_files)"
ok "every feed and the sitemap are well-formed XML" eval 'status_is 0 && [ $(echo "$xml_files" | wc -l) -ge 12 ]'

# ---- Atom against a RELAX NG schema of the parts the theme writes ----
cat >"$tmp/atom.rng" <<'EOF'
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.w3.org/2005/Atom"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="feed">
      <optional><attribute name="xml:lang" ns=""><text/></attribute></optional>
      <interleave>
        <element name="title"><text/></element>
        <optional><element name="subtitle"><text/></element></optional>
        <element name="id"><data type="anyURI"/></element>
        <oneOrMore><ref name="link"/></oneOrMore>
        <element name="updated"><ref name="date"/></element>
        <oneOrMore><element name="author"><element name="name"><text/></element></element></oneOrMore>
        <optional><element name="generator"><text/></element></optional>
        <zeroOrMore><ref name="entry"/></zeroOrMore>
      </interleave>
    </element>
  </start>
  <define name="date"><data type="dateTime"/></define>
  <define name="link">
    <element name="link">
      <attribute name="rel"><choice><value>self</value><value>alternate</value></choice></attribute>
      <attribute name="type"><text/></attribute>
      <attribute name="href"><data type="anyURI"/></attribute>
    </element>
  </define>
  <define name="entry">
    <element name="entry">
      <interleave>
        <element name="title"><text/></element>
        <ref name="link"/>
        <element name="id"><data type="anyURI"/></element>
        <element name="published"><ref name="date"/></element>
        <element name="updated"><ref name="date"/></element>
        <zeroOrMore><element name="category"><attribute name="term"/></element></zeroOrMore>
        <optional><element name="summary"><text/></element></optional>
      </interleave>
    </element>
  </define>
</grammar>
EOF
run sh -c "cd '$pub' && xmllint --noout --relaxng '$tmp/atom.rng' $(cd "$pub" && find . -name atom.xml | sort | tr '\n' ' ')"
ok "every Atom feed is valid against the RELAX NG schema" status_is 0

# ---- entries: at most 20, newest first, absolute links ----
xp() { xmllint --xpath "$1" "$pub/$2" 2>/dev/null; }
atom_entries=$(xp 'count(//*[local-name()="entry"])' tin-tuc/atom.xml)
rss_items=$(xp 'count(//item)' tin-tuc/rss.xml)
ok "the news feeds hold the 20 newest of 25 pages" eval '[ "$atom_entries" = 20 ] && [ "$rss_items" = 20 ]'
grep -o '<published>[^<]*' "$pub/tin-tuc/atom.xml" | cut -c12- >"$tmp/dates"
ok "entries are newest first" eval 'sort -r "$tmp/dates" | cmp -s - "$tmp/dates" && [ "$(head -n1 "$tmp/dates")" = 2025-03-01T08:00:00+07:00 ]'
ok "the 5 oldest pages fell off the end" eval '! grep -q "tin-so-0[1-5]/" "$pub/tin-tuc/atom.xml" && grep -q "tin-so-06/" "$pub/tin-tuc/atom.xml"'
ok "feed updated is the newest change, not the build time" \
    eval '[ "$(xp "string(/*/*[local-name()=\"updated\"])" tin-tuc/atom.xml)" = 2025-04-01T00:00:00+07:00 ] &&
          grep -q "<lastBuildDate>Tue, 01 Apr 2025 00:00:00 +0700</lastBuildDate>" "$pub/tin-tuc/rss.xml"'
grep -ho 'href="[^"]*"\|<link>[^<]*\|<guid[^>]*>[^<]*\|<id>[^<]*' "$pub/tin-tuc/atom.xml" "$pub/tin-tuc/rss.xml" \
    | sed -E 's/^(href="|<link>|<guid[^>]*>|<id>)//; s/"$//' >"$tmp/links"
ok "every link and id is absolute under --base-url" eval '[ $(wc -l <"$tmp/links") -ge 80 ] &&
    ! grep -v "^https://x\.example/cong/" "$tmp/links" && ! grep -q "cong/cong/" "$tmp/links"'
ok "Atom has rel=self, RSS has atom:link rel=self" eval 'grep -q "<link rel=\"self\" type=\"application/atom+xml\" href=\"${base}tin-tuc/atom.xml\"/>" "$pub/tin-tuc/atom.xml" &&
    grep -q "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"${base}tin-tuc/rss.xml\"/>" "$pub/tin-tuc/rss.xml"'
ok "RSS dates are RFC 822" grep -q '<pubDate>Sat, 01 Mar 2025 08:00:00 +0700</pubDate>' "$pub/tin-tuc/rss.xml"

# ---- escaping ----
title=$(xp 'string(//*[local-name()="entry"][1]/*[local-name()="title"])' tin-tuc/atom.xml)
ok "a title with & < and quotes reads back exactly" \
    eval '[ "$title" = "Cải cách & đổi mới <thủ tục> \"một cửa\"" ] && grep -qF "Cải cách &amp; đổi mới &lt;thủ tục&gt;" "$pub/tin-tuc/atom.xml"'
ok "RSS escapes the same title" [ "$(xp 'string(//item[1]/title)' tin-tuc/rss.xml)" = 'Cải cách & đổi mới <thủ tục> "một cửa"' ]

# ---- per-term feeds ----
links_of() { xp '//*[local-name()="entry"]/*[local-name()="id"]/text()' "$1" | tr -s ' \n' '\n\n'; }
ok "a tag feed holds only that tag's pages" eval '[ "$(links_of the/an-ninh/atom.xml)" = "${base}tin-tuc/bao-dam-an-ninh-trat-tu/" ]'
ok "a tag feed leaves out drafts" eval '[ "$(xp "count(//*[local-name()=\"entry\"])" the/dich-vu-cong/atom.xml)" = 2 ] &&
    ! grep -q "ban-nhap" "$pub/the/dich-vu-cong/atom.xml" && ! grep -q "bao-dam-an-ninh" "$pub/the/dich-vu-cong/atom.xml"'
ok "a field feed holds its dated procedures" eval '[ "$(links_of linh-vuc/ho-tich/atom.xml)" = "${base}thu-tuc/dang-ky-khai-sinh/" ]'
ok "announcement feed" eval '[ "$(links_of thong-bao/atom.xml)" = "${base}thong-bao/lich-tiep-cong-dan-thang-3/" ]'

# ---- JSON Feed ----
cat >"$tmp/jf.py" <<'EOF'
import json, sys
base = sys.argv[2]
f = json.load(open(sys.argv[1], encoding="utf-8"))
assert f["version"] == "https://jsonfeed.org/version/1.1", f["version"]
assert f["title"] and f["language"] == "vi"
assert f["home_page_url"] == base + "tin-tuc/" and f["feed_url"] == base + "tin-tuc/feed.json"
items = f["items"]
assert len(items) == 20, len(items)
for it in items:
    assert it["id"] and it["url"].startswith(base) and it["id"] == it["url"]
    assert it["title"] and "summary" in it and ("content_text" in it or "content_html" in it)
    assert it["date_published"][:2] == "20"
dates = [it["date_published"] for it in items]
assert dates == sorted(dates, reverse=True), dates
assert items[0]["title"] == 'Cải cách & đổi mới <thủ tục> "một cửa"'
assert items[0]["tags"] == ["Cải cách", "Dịch vụ công"], items[0]["tags"]
assert items[1]["date_modified"] == "2025-04-01T00:00:00+07:00"
EOF
run python3 "$tmp/jf.py" "$pub/tin-tuc/feed.json" "$base"
ok "JSON Feed 1.1 parses and has the required keys" status_is 0
run python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); assert [i["url"] for i in f["items"]]==[sys.argv[2]+"tin-tuc/bao-dam-an-ninh-trat-tu/"]' \
    "$pub/the/an-ninh/feed.json" "$base"
ok "a tag's JSON Feed holds only that tag's pages" status_is 0

# ---- sitemap ----
locs=$(xp '//*[local-name()="loc"]/text()' sitemap.xml | tr -s ' \n' '\n\n')
pages=$(cd "$pub" && find . -name index.html | grep -v '^\./tin-cu/' | wc -l)
ok "the sitemap lists every page and list page" eval '[ $(echo "$locs" | wc -l) -eq $pages ] &&
    echo "$locs" | grep -qx "${base}" && echo "$locs" | grep -qx "${base}thu-tuc/dang-ky-ket-hon/" &&
    echo "$locs" | grep -qx "${base}tin-tuc/trang/2/" && echo "$locs" | grep -qx "${base}the/an-ninh/"'
ok "the sitemap leaves out aliases, drafts and 404.html" eval '! echo "$locs" | grep -q "tin-cu\|ban-nhap\|404"'
ok "the sitemap is sorted by path" eval '[ "$(echo "$locs" | LC_ALL=C sort)" = "$locs" ]'
ok "lastmod is the updated date, or the date" eval 'grep -q "<loc>${base}thu-tuc/dang-ky-khai-sinh/</loc><lastmod>2025-09-08</lastmod>" "$pub/sitemap.xml" &&
    grep -q "<loc>${base}tin-tuc/tin-so-05/</loc><lastmod>2024-06-05</lastmod>" "$pub/sitemap.xml"'
ok "robots.txt names the sitemap" grep -qx "Sitemap: ${base}sitemap.xml" "$pub/robots.txt"

# ---- discovery links for the theme ----
run "$MOTCUA" build -s "$site" --base-url "$base" --dump-context /tin-tuc/trang/2/ -o "$tmp/x"
ok "the news list context has a feeds array" eval 'status_is 0 && python3 -c "
import json,sys
f=json.load(open(sys.argv[1]))[\"feeds\"]
assert [x[\"type\"] for x in f]==[\"application/atom+xml\",\"application/rss+xml\",\"application/feed+json\"], f
assert f[0][\"url\"]==\"/cong/tin-tuc/atom.xml\" and f[0][\"permalink\"]==\"${base}tin-tuc/atom.xml\" and f[0][\"title\"]
" "$out"'

# ---- reproducible: the same bytes for any -j and any day ----
run "$MOTCUA" build -q -j 1 -s "$site" -o "$tmp/pub1" --base-url "$base"
run "$MOTCUA" build -q -j 8 -s "$site" -o "$tmp/pub8" --base-url "$base"
ok "feeds and sitemap are the same bytes for -j 1 and -j 8" eval 'status_is 0 && diff -r "$tmp/pub1" "$tmp/pub8" >/dev/null &&
    cmp -s "$pub/tin-tuc/atom.xml" "$tmp/pub1/tin-tuc/atom.xml" && cmp -s "$pub/sitemap.xml" "$tmp/pub8/sitemap.xml"'

# ---- a theme without the feed templates still builds, with a warning ----
mkdir -p "$tmp/old/themes"
cp -R "$repo/themes/default" "$tmp/old/themes/"
rm "$tmp/old/themes/default/templates/atom.xml.mustache"
cp -R "$site/site.yaml" "$site/content" "$tmp/old/"
run "$MOTCUA" build -s "$tmp/old" -o "$tmp/oldpub"
ok "a theme without atom.xml: warning, no Atom, RSS still written" eval 'status_is 0 &&
    stderr_has "atom.xml" && stderr_has "copy it from the default theme" &&
    [ ! -e "$tmp/oldpub/tin-tuc/atom.xml" ] && [ -f "$tmp/oldpub/tin-tuc/rss.xml" ]'
finish
