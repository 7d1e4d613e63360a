#!/bin/sh
# update-golden.sh [SITE...] — rebuild tests/sites/SITE/expected/ from the
# fixture with ./motcua (default: every fixture that has expected/).
# Run from the repository root after a deliberate change of the output, then
# READ `git diff tests/sites/*/expected` before committing: a golden tree is
# only worth something if every changed line was checked by hand.
# Feeds and sitemaps (atom.xml, rss.xml, feed.json, sitemap*.xml) are left
# out: tests/cli/test_feeds.sh owns them.
set -e
motcua=${MOTCUA:-./motcua}
sites=$*
[ -n "$sites" ] || sites=$(cd tests/sites && for d in */expected; do echo "${d%/expected}"; done)
for name in $sites; do
    fx=tests/sites/$name
    tmp=$(mktemp -d)
    mkdir "$tmp/site"
    for f in "$fx"/*; do [ "$(basename "$f")" = expected ] || cp -R "$f" "$tmp/site/"; done
    "$motcua" build -q -s "$tmp/site" -o "$tmp/out" -j 1
    find "$tmp/out" \( -name atom.xml -o -name rss.xml -o -name feed.json -o -name 'sitemap*.xml' \) -exec rm {} +
    rm -rf "$fx/expected"
    mv "$tmp/out" "$fx/expected"
    rm -rf "$tmp"
    echo "updated $fx/expected: review it with git diff before committing"
done
