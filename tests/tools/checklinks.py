#!/usr/bin/env python3
"""checklinks.py OUT [BASE_URL] — every internal link of a built site resolves.

Reads every .html file under OUT (Python standard library only) and checks
each href, src and srcset of every element, plus the url= of
<meta http-equiv="refresh">:

- a link that starts with BASE_URL or with its path (e.g. "/portal/") or is
  relative ("to-khai.txt", "../a/") must name a file in OUT: "x/" means
  "x/index.html", and a folder means its index.html;
- a link with a "#fragment" to an HTML page must name an id (or <a name>)
  that exists in that page (so table-of-contents and "#buoc-1" links work);
- a root-relative link ("/x/") outside the base path is an error too: on a
  site published under /portal/ it would leave the site.
Links with another scheme or host (https://other/, mailto:, tel:, data:)
are not checked.

Prints one line per broken link, "FILE: broken link 'URL' (why)", a last
line "checked N links in M files", and exits 1 when any link is broken.
BASE_URL defaults to "/" (a site whose links start with "/").
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

URL_ATTRS = {"href", "src", "action", "poster", "data"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (line, url)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "name" and tag == "a":
                self.ids.add(value)
            elif name in URL_ATTRS:
                self.links.append((line, value))
            elif name == "srcset":
                for part in value.split(","):
                    url = part.strip().split(" ")[0]
                    if url:
                        self.links.append((line, url))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            low = content.lower()
            i = low.find("url=")
            if i >= 0:
                self.links.append((line, content[i + 4:].strip().strip("'\"")))

    handle_startendtag = handle_starttag


def parse(path, cache):
    if path not in cache:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        p.close()
        cache[path] = p
    return cache[path]


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: checklinks.py OUT [BASE_URL]\n")
        return 2
    out = os.path.realpath(argv[1])
    base_url = argv[2] if len(argv) > 2 else "/"
    if not base_url.endswith("/"):
        base_url += "/"
    parts = urlsplit(base_url)
    base_path = parts.path or "/"
    base_origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else None

    cache = {}
    broken = 0
    nlinks = 0
    html_files = []
    for root, _dirs, files in os.walk(out):
        for name in files:
            if name.endswith(".html"):
                html_files.append(os.path.join(root, name))
    html_files.sort()

    for page_path in html_files:
        rel_page = os.path.relpath(page_path, out)
        page = parse(page_path, cache)
        # the URL path of this page's folder, for relative links
        page_dir_url = base_path + os.path.dirname(rel_page).replace(os.sep, "/")
        if not page_dir_url.endswith("/"):
            page_dir_url += "/"
        for line, url in page.links:
            nlinks += 1

            def bad(why):
                nonlocal broken
                broken += 1
                print(f"{rel_page}:{line}: broken link '{url}' ({why})")

            u = urlsplit(url)
            if u.scheme or u.netloc:
                origin = f"{u.scheme}://{u.netloc}" if u.scheme else None
                if base_origin is None or not url.startswith(base_origin + base_path):
                    if u.scheme in ("http", "https", "") and base_origin and origin == base_origin:
                        bad("same host, outside the base path " + base_path)
                    continue  # another site, mailto:, tel:, data:
                path = u.path
            elif u.path.startswith("/"):
                path = u.path
            elif u.path == "":
                path = urlsplit(page_dir_url + os.path.basename(rel_page)).path \
                    if not rel_page.endswith("index.html") else page_dir_url
                if not u.fragment:
                    continue
            else:
                path = os.path.normpath(page_dir_url + u.path).replace(os.sep, "/")
                if u.path.endswith("/") and not path.endswith("/"):
                    path += "/"
            if not path.startswith(base_path):
                bad("outside the base path " + base_path)
                continue
            target = os.path.join(out, unquote(path[len(base_path):]))
            if path.endswith("/") or os.path.isdir(target):
                target = os.path.join(target, "index.html")
            target = os.path.normpath(target)
            if not (target == out or target.startswith(out + os.sep)):
                bad("leaves the output folder")
                continue
            if not os.path.isfile(target):
                bad("no file " + os.path.relpath(target, out))
                continue
            if u.fragment and target.endswith(".html"):
                if unquote(u.fragment) not in parse(target, cache).ids:
                    bad(f"no id '{u.fragment}' in {os.path.relpath(target, out)}")
    print(f"checked {nlinks} links in {len(html_files)} files")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
