# test_tts_remote.sh — remote voices in `motcua build` (audio/voice/tts_http.h)
# against tests/tools/ttsserver.py on 127.0.0.1: both shapes (bytes in the
# answer: openai, viettel; a job or URL polled later: fpt, zalo, vbee), long
# text split under max_chars, and every failure — a slow answer (timeout),
# a 500, a wrong key (401), a missing key variable, a job that never
# becomes ready — ending in the embedded voice with the reason in the
# build log and in the sidecar. The cache: an unchanged announcement makes
# no request the second time; a fallback is retried. Needs python3.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
: "${LOA:?set LOA to the loa binary}"

repo=$(pwd)
tmp=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$tmp"; rm -f "$out" "$err"
}
trap cleanup EXIT

if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL python3 is missing: apt-get install python3"; echo "0 passed, 1 failed"; exit 1
fi

# ---- the server's audio (made with loa) and the server ----
"$LOA" say "Xin chào bà con" -o "$tmp/hello.wav" --format wav >/dev/null 2>&1
"$LOA" say "Xin chào bà con" -o "$tmp/hello.mp3" >/dev/null 2>&1
ok "loa made the server's WAV and MP3" test -s "$tmp/hello.wav" -a -s "$tmp/hello.mp3"
python3 "$repo/tests/tools/ttsserver.py" "$tmp/hello.wav" "$tmp/hello.mp3" "$tmp/log" >"$tmp/port" &
server_pid=$!
i=0; while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n 1 "$tmp/port")
ok "the loopback TTS server started" test -n "$port"

# ---- a one-announcement site ----
site=$tmp/site
mkdir -p "$site/content/thong-bao"
ln -s "$repo/themes" "$site/themes"
cat >"$site/content/thong-bao/cat-dien.md" <<'EOF'
---
title: "Tạm ngừng cấp điện"
date: 2026-11-20
priority: uu_tien
wards: all
expires: 2030-01-01
repeat: 2
---
Ngày mai tạm ngừng cấp điện từ 8 giờ đến 10 giờ. Đề nghị bà con chủ động chuẩn bị.
EOF
sidecar=$tmp/pub/thong-bao/cat-dien/cat-dien.mp3.json

# configure API MODE [extra yaml line]
configure() {
    cat >"$site/site.yaml" <<EOF
title: "Thử giọng đọc"
base_url: "https://thu.example/"
audio:
  engine: remote
  chime: false
  remote:
    api: $1
    url: "http://127.0.0.1:$port/$2/$1"
    key_env: LOA_TEST_TTS_KEY
    timeout: 1
    retries: 1
    backoff: 0.1
    poll_interval: 0.1
    poll_timeout: 0.5
    max_chars: 40
EOF
    rm -rf "$site/.motcua"
    : >"$tmp/log"
}
build() { run env LOA_TEST_TTS_KEY="${key-good-key}" "$MOTCUA" build -s "$site" -o "$tmp/pub" --verbose; }
engine_is() { grep -qF "\"engine\": \"$1" "$sidecar"; }
fallback_has() { grep -F '"fallback"' "$sidecar" | grep -qF -- "$1"; }
posts() { grep -c '^POST' "$tmp/log"; }

# ---- both shapes succeed ----
for api in openai viettel fpt zalo vbee; do
    configure $api ok
    key=good-key build
    ok "$api: the build succeeds with the remote voice" eval 'status_is 0 && engine_is "remote '$api'" && ! grep -q fallback "$sidecar"'
    ok "$api: no warning in the build log" eval '! grep -q warning "$err"'
done
ok "vbee: the job was polled before its audio was fetched" eval 'grep -q "^GET /ok/vbee/" "$tmp/log" && grep -q "^GET /ok/files/" "$tmp/log"'
configure fpt ok
build
ok "fpt: the async URL was polled until ready (404, then the audio)" \
    eval '[ $(grep -c "^GET /ok/files/" "$tmp/log") -gt $(posts) ]'

# ---- long text is split under max_chars (40) at sentence ends ----
configure openai ok
build
ok "every request carries at most 40 characters" eval 'status_is 0 && awk "\$1==\"POST\" && \$3>40 {bad=1} END {exit bad}" "$tmp/log"'
ok "the body took several requests" eval '[ $(posts) -ge 4 ]'

# ---- the cache: a second build asks nothing ----
: >"$tmp/log"
build
ok "second build (nothing changed): no request reached the server" eval 'status_is 0 && [ $(posts) -eq 0 ]'
printf -- '---\ntitle: "Giới thiệu"\n---\nTrang mới.\n' >"$site/content/gioi-thieu.md"
build
ok "build after an unrelated edit: nothing synthesised, one from the cache" stderr_has "1 announcement: 0 synthesised, 1 from the cache"
ok "build after an unrelated edit: no request reached the server" eval '[ $(posts) -eq 0 ]'
cp "$tmp/pub/thong-bao/cat-dien/cat-dien.mp3" "$tmp/first.mp3"
printf '\nThêm một câu mới.\n' >>"$site/content/thong-bao/cat-dien.md"
build
ok "a changed announcement is synthesised again" eval 'stderr_has "1 synthesised, 0 from the cache" && [ $(posts) -gt 0 ]'

# ---- failures: each ends in the embedded voice, said in the log and the sidecar ----
fails() { # NAME API MODE KEY EXPECTED
    configure "$2" "$3"
    key=$4 build
    f_api=$2 f_want=$5 f_posts=$(posts)
    ok "$1: the build still succeeds" status_is 0
    ok "$1: warning at the announcement in the build log" \
        eval 'grep -F "content/thong-bao/cat-dien.md:1: warning: the remote voice ($f_api) failed" "$err" | grep -qF -- "$f_want"'
    ok "$1: the log says the embedded voice was used" stderr_has "read with the embedded espeak-ng voice instead"
    ok "$1: the sidecar names espeak-ng and the reason" eval 'engine_is "espeak-ng" && fallback_has "$f_want"'
}
fails "slow answer (openai)" openai slow good-key "did not answer within 1 s after 2 tries (timeout)"
fails "slow answer (fpt)" fpt slow good-key "(timeout)"
fails "HTTP 500 (viettel)" viettel error good-key "answered HTTP 500 after 2 tries"
ok "HTTP 500: tried twice (retries: 1), then given up" eval '[ "$f_posts" -eq 2 ]'
fails "HTTP 500 (zalo)" zalo error good-key "answered HTTP 500"
fails "wrong key (openai)" openai ok wrong-key "refused the key (HTTP 401): check the key in the environment variable LOA_TEST_TTS_KEY"
ok "wrong key: not retried" eval '[ "$f_posts" -eq 1 ]'
fails "wrong key (vbee)" vbee ok wrong-key "HTTP 401"
fails "job never ready (fpt)" fpt never good-key "was not ready after 0.5 s of polling (job never became ready)"
fails "job never ready (vbee)" vbee never good-key "job never became ready"
fails "job never ready (zalo)" zalo never good-key "job never became ready"
fails "key variable not set" openai ok "" "the environment variable LOA_TEST_TTS_KEY (audio: remote: key_env) is not set"
ok "key variable not set: nothing was sent" eval '[ "$f_posts" -eq 0 ]'

configure openai error
build
: >"$tmp/log"
build
ok "after a fallback the remote voice is tried again on the next build" eval '[ $(posts) -gt 0 ] && stderr_has "1 synthesised"'

# ---- loa render uses the same remote voice and the same fallback ----
configure zalo ok
run env LOA_TEST_TTS_KEY=good-key "$LOA" render "$site/content/thong-bao/cat-dien.md" --site "$site" -o "$tmp/loa"
ok "loa render: read by the remote voice" eval 'status_is 0 && grep -q "\"engine\": \"remote zalo" "$tmp/loa/cat-dien.mp3.json"'
configure zalo error
run env LOA_TEST_TTS_KEY=good-key "$LOA" render "$site/content/thong-bao/cat-dien.md" --site "$site" -o "$tmp/loa"
ok "loa render: a 500 falls back to the embedded voice, with a warning and the sidecar's reason" \
    eval 'status_is 0 && stderr_has "cat-dien.md:1: warning: the remote voice (zalo) failed" && grep -q "\"fallback\": \"the remote voice (zalo) failed: .*HTTP 500" "$tmp/loa/cat-dien.mp3.json"'

# ---- a wrong remote: section is an error at its line ----
configure openai ok
sed -i 's/api: openai/api: piper/' "$site/site.yaml"
build
ok "an unknown api is an error at its line in site.yaml" \
    eval 'status_is 1 && grep -q "site.yaml:7: error: audio: remote: api must be one of openai, viettel, fpt, zalo, vbee" "$err"'
configure openai ok
sed -i 's|url: "http://|url: "ftp://|' "$site/site.yaml"
build
ok "a non-HTTP url is an error at its line" eval 'status_is 1 && grep -q "site.yaml:8: error: audio: remote: url" "$err"'

finish
