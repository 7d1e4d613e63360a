# test_loa_deliver.sh — delivery to ward stations, against real servers the
# test starts on 127.0.0.1 only and stops at the end:
#   `loa stream`: a real Icecast2 (Debian package icecast2) with a config in a
#     temporary folder on a free port; a listener (curl) receives MP3 audio
#     while loa streams, the stream lasts about real time, a wrong password
#     ends with HTTP 401 naming the mount;
#   `loa send`: tests/tools/putserver.py (HTTP PUT + HEAD, Basic auth), an FTP
#     server (tests/tools/ftpserver.py on python3-pyftpdlib), a local folder
#     and a ward whose station is a closed 127.0.0.1 port: the others are
#     delivered, the summary says who got what, a second send uploads
#     nothing, wrong or missing credentials name the ward and the variable.
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; for p in $pids; do wait "$p" 2>/dev/null; done; rm -rf "$tmp" "$out" "$err"; }
trap cleanup EXIT
missing=
for t in icecast2 curl python3; do command -v $t >/dev/null 2>&1 || missing="$missing $t"; done
/usr/bin/python3 -c 'import pyftpdlib' 2>/dev/null || missing="$missing python3-pyftpdlib"
if [ -n "$missing" ]; then echo "missing:$missing (make test-deps installs them)"; echo "0 passed, 1 failed"; exit 1; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_line() { i=0; while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done; head -n 1 "$1"; }
secs() { python3 -c 'import time; print(time.monotonic())'; }

# ---- loa stream → Icecast ----------------------------------------------------------
run "$LOA" say "Kính thưa bà con nhân dân. Đây là buổi phát thử nghiệm của đài truyền thanh phường, kéo dài chừng sáu giây." -o "$tmp/thu.mp3"
DUR=$(python3 -c "import json; print(json.load(open('$tmp/thu.mp3.json'))['duration_seconds'])")
ok "a short test announcement ($DUR s)" eval 'status_is 0 && python3 -c "import sys; sys.exit(0 if 4 <= $DUR <= 12 else 1)"'
ice=$tmp/icecast; mkdir -p "$ice/log"
IPORT=$(free_port); IPASS=pw$$x
owner=
if [ "$(id -u)" -eq 0 ]; then owner="<changeowner><user>icecast2</user><group>icecast</group></changeowner>"; chown -R icecast2:icecast "$ice/log" 2>/dev/null; chmod 711 "$tmp"; fi  # icecast2 drops root before opening its logs
cat >"$ice/icecast.xml" <<XML
<icecast>
  <location>test</location><admin>test@localhost</admin><hostname>127.0.0.1</hostname>
  <limits><clients>10</clients><sources>4</sources><queue-size>524288</queue-size>
    <client-timeout>30</client-timeout><header-timeout>15</header-timeout><source-timeout>10</source-timeout>
    <burst-on-connect>1</burst-on-connect><burst-size>65535</burst-size></limits>
  <authentication><source-password>$IPASS</source-password><admin-user>admin</admin-user>
    <admin-password>$IPASS-admin</admin-password></authentication>
  <listen-socket><port>$IPORT</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>$ice/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  <security><chroot>0</chroot>$owner</security>
</icecast>
XML
icecast2 -c "$ice/icecast.xml" >"$ice/stdout.log" 2>&1 &
pids="$pids $!"
i=0; until curl -s -o /dev/null "http://127.0.0.1:$IPORT/status-json.xsl" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ok "icecast2 runs on 127.0.0.1:$IPORT" curl -s -o /dev/null "http://127.0.0.1:$IPORT/status-json.xsl"

t0=$(secs)
ICE_AUTH="source:$IPASS" "$LOA" stream "$tmp/thu.mp3" --to "http://127.0.0.1:$IPORT/hoa-lu.mp3" --auth-env ICE_AUTH >"$tmp/stream.out" 2>&1 &
spid=$!
sleep 1.5
curl -s --max-time 4 -o "$tmp/heard.mp3" "http://127.0.0.1:$IPORT/hoa-lu.mp3"
wait $spid; sst=$?
t1=$(secs)
ok "a listener receives the audio while loa streams" eval '[ $sst -eq 0 ] && [ "$(wc -c <"$tmp/heard.mp3")" -gt 16000 ]'
if command -v ffprobe >/dev/null 2>&1; then
    ok "what the listener received is MP3 audio (ffprobe)" eval '[ "$(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name -of csv=p=0 "$tmp/heard.mp3")" = mp3 ]'
fi
ok "the stream takes about real time ($DUR s of audio in $(python3 -c "print(round($t1 - $t0, 1))") s)" \
    python3 -c "import sys; e=$t1-$t0; sys.exit(0 if $DUR - 1.2 <= e <= $DUR + 6 else 1)"
ok "stream summary names the mount" grep -q "to mount /hoa-lu.mp3 at 127.0.0.1:$IPORT" "$tmp/stream.out"

run "$LOA" stream "$tmp/thu.mp3" --to "http://source:wrong@127.0.0.1:$IPORT/hoa-lu.mp3"
ok "wrong password: exit 1, HTTP 401 naming the mount" eval 'status_is 1 && stderr_has "refused the source password for mount /hoa-lu.mp3 (HTTP 401)"'
run "$LOA" stream "$tmp/thu.mp3" --to "http://127.0.0.1:$IPORT/hoa-lu.mp3" --auth-env LOA_NO_SUCH_VAR
ok "--auth-env naming an unset variable: clear error" eval 'status_is 1 && stderr_has "LOA_NO_SUCH_VAR"'
CLOSED=$(free_port)
run "$LOA" stream "$tmp/thu.mp3" --to "http://source:x@127.0.0.1:$CLOSED/a.mp3"
ok "no server: cannot connect" eval 'status_is 1 && stderr_has "cannot connect to 127.0.0.1:$CLOSED"'
run "$LOA" stream "$tmp/thu.mp3" --to "ftp://127.0.0.1/a.mp3"
ok "not an http(s) URL: error" eval 'status_is 1 && stderr_has "not an http:// or https:// URL"'
run "$LOA" stream "$tmp/thu.mp3"
ok "missing --to: usage error" status_is 2

# ---- loa send → HTTP PUT, FTP, a folder, and a closed port -------------------------
cp -R "$root/tests/sites/announce" "$tmp/site"
"$LOA" render --site "$tmp/site" "$tmp/site/content/thong-bao"/[a-z]*.md -o "$tmp/audio" >/dev/null 2>&1
"$LOA" schedule "$tmp/site/content/thong-bao" --audio "$tmp/audio" --site "$tmp/site" -o "$tmp/lich" >/dev/null 2>&1
cp -R "$tmp/lich/phuong-c" "$tmp/lich/phuong-d"
python3 "$root/tests/tools/putserver.py" "$tmp/http" "loa:mat-khau" >"$tmp/http.port" 2>/dev/null &
pids="$pids $!"
mkdir -p "$tmp/ftp"
/usr/bin/python3 "$root/tests/tools/ftpserver.py" "$tmp/ftp" ftploa "ftp-pass" >"$tmp/ftp.port" 2>/dev/null &
pids="$pids $!"
HP=$(wait_line "$tmp/http.port"); FP=$(wait_line "$tmp/ftp.port")
mkdir -p "$tmp/send"
cat >"$tmp/send/site.yaml" <<YAML
wards:
  - id: phuong-a
    name: "Phường An"
    station: "http://127.0.0.1:$HP/tram-a/"
    auth_env: T_A_AUTH
  - id: phuong-b
    name: "Phường Bắc Sơn"
    station: "ftp://127.0.0.1:$FP/tram-b/"
    auth_env: T_B_AUTH
  - id: phuong-c
    name: "Phường Cẩm Giang"
    station: "http://127.0.0.1:$CLOSED/tram-c/"
  - id: phuong-d
    name: "Phường Đông"
    station: "tram-d/"
YAML
export T_A_AUTH="loa:mat-khau" T_B_AUTH="ftploa:ftp-pass"
run "$LOA" send "$tmp/lich" --site "$tmp/send"
na=$(ls "$tmp/lich/phuong-a" | wc -l); nb=$(ls "$tmp/lich/phuong-b" | wc -l)
ok "an unreachable ward fails the run (exit 1) and is named" eval 'status_is 1 && stderr_has "ward phuong-c (Phường Cẩm Giang): cannot reach the station http://127.0.0.1:$CLOSED/tram-c/"'
ok "the summary lists what reached whom" eval 'stdout_has "phuong-a (Phường An) -> http://127.0.0.1:$HP/tram-a/: $na sent" &&
  stdout_has "phuong-b (Phường Bắc Sơn) -> ftp://127.0.0.1:$FP/tram-b/: $nb sent" && stdout_has "phuong-c (Phường Cẩm Giang) -> http://127.0.0.1:$CLOSED/tram-c/: FAILED" &&
  stdout_has "3 wards reached, 1 failed"'
same_tree() { for f in "$1"/*; do cmp -s "$f" "$2/$(basename "$f")" || return 1; done; }
ok "HTTP PUT station holds every file, byte for byte" same_tree "$tmp/lich/phuong-a" "$tmp/http/tram-a"
ok "FTP station holds every file, byte for byte, no .part left" eval 'same_tree "$tmp/lich/phuong-b" "$tmp/ftp/tram-b" && [ -z "$(ls -A "$tmp/ftp/tram-b" | grep part)" ]'
ok "local folder station (relative to the site) holds every file" same_tree "$tmp/lich/phuong-d" "$tmp/send/tram-d"
ok "playlists are uploaded after the audio" eval '[ "$(grep -n "\.m3u8" "$tmp/http/.puts.log" | head -n 1 | cut -d: -f1)" -gt "$(grep -n "\.mp3" "$tmp/http/.puts.log" | tail -n 1 | cut -d: -f1)" ]'
ok "the manifest of sent files exists" eval '[ -s "$tmp/lich/.sent.json" ]'

puts=$(wc -l <"$tmp/http/.puts.log")
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-a
ok "second send uploads nothing" eval 'status_is 0 && stdout_has "0 sent (0 bytes), $na unchanged" && [ "$(wc -l <"$tmp/http/.puts.log")" = "$puts" ]'
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-b
ok "second send over FTP uploads nothing" eval 'status_is 0 && stdout_has "0 sent (0 bytes), $nb unchanged"'
echo "# đổi" >>"$tmp/lich/phuong-a/2026-12-01.m3u8"
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-a
ok "a changed playlist is the only file sent again" eval 'status_is 0 && stdout_has "1 sent" && [ "$(wc -l <"$tmp/http/.puts.log")" = $((puts + 1)) ] && cmp -s "$tmp/lich/phuong-a/2026-12-01.m3u8" "$tmp/http/tram-a/2026-12-01.m3u8"'

echo "# lần nữa" >>"$tmp/lich/phuong-a/2026-12-01.m3u8"; echo "# lần nữa" >>"$tmp/lich/phuong-b/2026-12-01.m3u8"
T_A_AUTH="loa:sai" T_B_AUTH="ftploa:sai" run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-a
ok "wrong HTTP password: error names the ward, the variable and 401" eval 'status_is 1 && stderr_has "ward phuong-a (Phường An): the station http://127.0.0.1:$HP/tram-a/ refused the user name or password in T_A_AUTH (HTTP 401)"'
T_B_AUTH="ftploa:sai" run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-b
ok "wrong FTP password: error names the ward, the variable and 530" eval 'status_is 1 && stderr_has "ward phuong-b (Phường Bắc Sơn): the station ftp://127.0.0.1:$FP/tram-b/ refused the user name or password in T_B_AUTH (FTP 530)"'
(unset T_A_AUTH; "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-a >"$out" 2>"$err"); status=$?
ok "missing credentials variable: error names the ward and the variable" eval 'status_is 1 && stderr_has "ward phuong-a (Phường An): the environment variable T_A_AUTH"'
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-a
ok "with the right password again, the pending change is sent" eval 'status_is 0 && stdout_has "1 sent"'
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-x
ok "--only with an unknown ward: usage error" eval 'status_is 2 && stderr_has "phuong-x"'
sed -i "s|ftp://127.0.0.1|ftp://u:p@127.0.0.1|" "$tmp/send/site.yaml"
run "$LOA" send "$tmp/lich" --site "$tmp/send" --only phuong-b
ok "a password written in site.yaml is refused" eval 'status_is 1 && stderr_has "passwords do not belong in site files"'
finish
