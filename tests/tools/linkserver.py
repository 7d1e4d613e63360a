#!/usr/bin/env python3
"""linkserver.py LOG — a loopback web server for `motcua check --external` tests.

Listens on 127.0.0.1 on a free port, prints "PORT" as its first line on
stdout, and answers until killed. Every request is appended to LOG as
"METHOD PATH". Paths:

  /ok          200 to HEAD and GET
  /no-head     405 to HEAD, 200 to GET (the checker must fall back to GET)
  /moved       301 to /ok
  /missing     404
  /error       500, always
  /flaky       500 the first time, then 200 (a retry succeeds)
  /slow        never answers in time (sleeps 30 s): a timeout
Anything else: 404. Standard library only.
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[1] if len(sys.argv) > 1 else "/dev/null"
lock = threading.Lock()
seen = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body=b"", headers=None):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        path = self.path.split("?")[0]
        with lock:
            seen[path] = seen.get(path, 0) + 1
            count = seen[path]
            with open(LOG, "a") as f:
                f.write(f"{self.command} {path}\n")
        if path == "/ok":
            self.answer(200, b"ok\n")
        elif path == "/no-head":
            self.answer(405 if self.command == "HEAD" else 200, b"ok\n")
        elif path == "/moved":
            self.answer(301, b"", {"Location": "/ok"})
        elif path == "/error":
            self.answer(500, b"error\n")
        elif path == "/flaky":
            self.answer(500 if count == 1 else 200, b"flaky\n")
        elif path == "/slow":
            time.sleep(30)
            self.answer(200, b"late\n")
        else:
            self.answer(404, b"missing\n")

    do_GET = route
    do_HEAD = route


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
