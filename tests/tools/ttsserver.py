#!/usr/bin/env python3
"""ttsserver.py WAV MP3 LOG — a loopback text-to-speech service for the
remote-voice tests of `motcua build` (audio/voice/tts_http.h).

Listens on 127.0.0.1 on a free port, prints "PORT" as its first line on
stdout, and answers until killed. The first path segment is the MODE:

  ok      answers normally
  slow    waits 5 s before answering a POST (the client's timeout is shorter)
  error   500 to everything
  never   accepts jobs, but the audio is never ready (404 / IN_PROGRESS)

then the API, in both shapes:

  (a) bytes in the answer
      POST /MODE/openai    JSON {input, voice, response_format}, Bearer KEY
      POST /MODE/viettel   JSON {text, voice, tts_return_option, token: KEY}
  (b) a job or URL fetched later
      POST /MODE/fpt       raw text, header api-key: KEY -> {error, async}
      POST /MODE/zalo      form input=..., header apikey: KEY -> {error_code, data: {url}}
      POST /MODE/vbee      JSON {input_text}, Bearer KEY -> {status, result: {request_id}}
      GET  /MODE/vbee/ID   the job: IN_PROGRESS the first time, then SUCCESS + audio_link
      GET  /MODE/files/N   the audio: 404 the first time (not ready yet), then the bytes

The only key accepted is "good-key"; any other gives 401. Audio answers are
the WAV file when WAV is asked for (openai response_format wav, viettel
option 2), else the MP3. Every request is appended to LOG as
"METHOD PATH CHARS" where CHARS is the length of the text to speak (0 when
there is none). Standard library only.
"""
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WAV = open(sys.argv[1], "rb").read()
MP3 = open(sys.argv[2], "rb").read()
LOG = sys.argv[3]
KEY = "good-key"
lock = threading.Lock()
polls = {}
jobs = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, chars):
        with lock:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write("%s %s %d\n" % (self.command, self.path, chars))

    def answer(self, code, body=b"", ctype="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass   # the client gave up (slow mode): that is the point

    def json(self, obj):
        self.answer(200, json.dumps(obj).encode(), "application/json")

    def audio(self, wav):
        self.answer(200, WAV if wav else MP3, "audio/wav" if wav else "audio/mpeg")

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def new_job(self, mode):
        with lock:
            jobs[0] += 1
            return "%s/%s/files/%d" % (self.base(), mode, jobs[0]), str(jobs[0])

    def first_poll(self, key):
        with lock:
            polls[key] = polls.get(key, 0) + 1
            return polls[key] == 1

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        self.log(0)
        if len(parts) != 3 or parts[0] == "error":
            return self.answer(500 if parts[0] == "error" else 404)
        mode, kind, ident = parts
        if kind == "files":
            if mode == "never" or self.first_poll(self.path):
                return self.answer(404, b"not ready")
            return self.audio(False)
        if kind == "vbee":
            if self.headers.get("Authorization") != "Bearer " + KEY:
                return self.answer(401)
            if mode == "never" or self.first_poll(self.path):
                return self.json({"status": 1, "result": {"request_id": ident, "status": "IN_PROGRESS"}})
            url = "%s/%s/files/v%s" % (self.base(), mode, ident)
            polls["/%s/files/v%s" % (mode, ident)] = 1   # ready at once
            return self.json({"status": 1, "result": {"request_id": ident, "status": "SUCCESS",
                                                      "audio_link": url}})
        return self.answer(404)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_POST(self):
        parts = self.path.strip("/").split("/")
        raw = self.read_body()
        if len(parts) != 2:
            self.log(0)
            return self.answer(404)
        mode, api = parts
        text, wav, key = self.parse(api, raw)
        self.log(len(text))
        if mode == "slow":
            time.sleep(5)
        if mode == "error":
            return self.answer(500, b"internal error")
        if key != KEY:
            return self.answer(401, b"wrong key")
        if not text:
            return self.answer(400, b"no text")
        if api in ("openai", "viettel"):
            return self.audio(wav)
        url, ident = self.new_job(mode)
        if api == "fpt":
            return self.json({"error": 0, "async": url, "request_id": ident})
        if api == "zalo":
            return self.json({"error_code": 0, "data": {"url": url}})
        return self.json({"status": 1, "result": {"request_id": ident, "status": "IN_PROGRESS"}})

    def parse(self, api, raw):
        """(text, wants_wav, key) from a request of this API."""
        h = self.headers
        bearer = (h.get("Authorization") or "")[7:]
        try:
            if api == "openai":
                j = json.loads(raw)
                return j.get("input", ""), j.get("response_format") == "wav", bearer
            if api == "viettel":
                j = json.loads(raw)
                return j.get("text", ""), j.get("tts_return_option") == 2, j.get("token")
            if api == "fpt":
                return raw.decode("utf-8"), False, h.get("api-key")
            if api == "zalo":
                form = urllib.parse.parse_qs(raw.decode("ascii"))
                return form.get("input", [""])[0], False, h.get("apikey")
            if api == "vbee":
                j = json.loads(raw)
                return j.get("input_text", ""), False, bearer
        except (ValueError, UnicodeDecodeError):
            pass
        return "", False, None


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
