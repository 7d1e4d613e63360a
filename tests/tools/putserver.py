#!/usr/bin/env python3
"""putserver.py DIR [USER:PASSWORD] — a loopback HTTP upload server for the
`loa send` tests.

Listens on 127.0.0.1 on a free port, prints "PORT" as its first line on
stdout, and answers until killed. PUT /PATH stores the body in DIR/PATH
(folders made as needed) and answers 201; HEAD and GET /PATH answer with the
stored file's Content-Length (404 when absent). With USER:PASSWORD every
request needs that Basic authentication, else 401. Every PUT is appended to
DIR/.puts.log as "PUT /PATH SIZE". Paths with ".." are refused (400).
Standard library only.
"""
import base64
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

ROOT = os.path.abspath(sys.argv[1])
AUTH = sys.argv[2] if len(sys.argv) > 2 else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, length=0, body=b""):
        self.send_response(code)
        if code == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="loa"')
        self.send_header("Content-Length", str(length if self.command == "HEAD" else len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def target(self):
        path = unquote(self.path.split("?", 1)[0])
        if ".." in path.split("/"):
            return None
        return os.path.join(ROOT, path.lstrip("/"))

    def allowed(self):
        if AUTH is None:
            return True
        want = "Basic " + base64.b64encode(AUTH.encode()).decode()
        return self.headers.get("Authorization") == want

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", "0"))
        if not self.allowed():
            self.rfile.read(length)
            return self.answer(401)
        path = self.target()
        if path is None:
            return self.answer(400)
        data = self.rfile.read(length)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
        with open(os.path.join(ROOT, ".puts.log"), "a") as log:
            log.write("PUT %s %d\n" % (self.path, len(data)))
        self.answer(201)

    def do_HEAD(self):
        if not self.allowed():
            return self.answer(401)
        path = self.target()
        if path is None or not os.path.isfile(path):
            return self.answer(404)
        self.answer(200, os.path.getsize(path))

    do_GET = do_HEAD


def main():
    os.makedirs(ROOT, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
