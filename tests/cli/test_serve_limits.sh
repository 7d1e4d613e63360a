# test_serve_limits.sh — `motcua serve` keeps answering while one client
# holds a thousand idle, half-sent requests: 1,100 connections from
# 127.0.0.2 each send part of a request line and wait; a request from
# 127.0.0.1 must still be answered at once, and the server must have kept
# at most its per-client limit of them. The server listens on 127.0.0.1
# (-p 0) and is stopped by the test.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

site=$work/site
fixture basic "$site"
"$MOTCUA" serve -s "$site" -p 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
holder_pid=
trap 'kill $holder_pid $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -f "$out" "$err"; rm -rf "$work"' EXIT
i=0; while ! grep -q "^Serving at " "$work/serve.out" && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
ok "serve started on 127.0.0.1" [ -n "$port" ]
[ -n "$port" ] || { finish; exit 1; }

# the holder: opens the connections, reports how many the server kept open
# after a second, then holds them until killed
python3 - "$port" >"$work/holder.out" 2>&1 <<'PY' &
import resource, socket, sys, time
port = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
held = []
for _ in range(1100):
    s = socket.socket()
    try:
        s.bind(("127.0.0.2", 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        held.append(s)
    except OSError:
        s.close()
time.sleep(1.5)
alive = 0
for s in held:
    s.setblocking(False)
    try:
        alive += 0 if s.recv(1) == b"" else 1  # EOF: closed by the server
    except BlockingIOError:
        alive += 1                            # nothing to read: still open
    except OSError:
        pass                                  # reset by the server
print("opened", len(held), "open", alive, flush=True)
time.sleep(60)
PY
holder_pid=$!
i=0; while ! grep -q "^opened" "$work/holder.out" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
kept=$(sed -n 's/^opened [0-9]* open \([0-9]*\)$/\1/p' "$work/holder.out")
ok "the idle client opened its connections ($(head -n 1 "$work/holder.out"))" [ -n "$kept" ]
ok "the server keeps at most 64 of one client's connections (kept ${kept:-?})" eval '[ -n "$kept" ] && [ "$kept" -le 64 ]'
code=$(curl -s -o "$out" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/")
ok "another client is still answered at once (HTTP $code)" eval '[ "$code" = 200 ] && grep -q "</html>" "$out"'
kill "$holder_pid" 2>/dev/null; wait "$holder_pid" 2>/dev/null; holder_pid=
finish
