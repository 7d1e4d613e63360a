# test_options.sh — --help, --version, usage errors and `motcua slug`.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}" "${LOA:?set LOA to the loa binary}"

run "$MOTCUA" --help
ok "motcua --help exits 0 and teaches" eval 'status_is 0 && stdout_has "Usage: motcua COMMAND" && stdout_has "Exit status:" && stdout_has "slug"'
run "$MOTCUA" --version
ok "motcua --version" eval 'status_is 0 && grep -qE "^motcua [0-9]+\.[0-9]+\.[0-9]+$" "$out"'
run "$MOTCUA"
ok "motcua without command is a usage error" eval 'status_is 2 && stderr_has "Usage: motcua"'
run "$MOTCUA" frobnicate
ok "motcua unknown command exits 2" eval 'status_is 2 && stderr_has "unknown command '\''frobnicate'\''" && stderr_has "motcua --help"'

run "$LOA" --help
ok "loa --help exits 0" eval 'status_is 0 && stdout_has "Usage: loa COMMAND" && stdout_has "Exit status:"'
run "$LOA" --version
ok "loa --version" eval 'status_is 0 && grep -qE "^loa [0-9]+\.[0-9]+\.[0-9]+$" "$out"'
run "$LOA" frobnicate
ok "loa unknown command exits 2" eval 'status_is 2 && stderr_has "unknown command"'

run "$MOTCUA" slug "Đẩy mạnh công tác cải cách thủ tục hành chính"
ok "slug of the issue's example" eval 'status_is 0 && stdout_is day-manh-cong-tac-cai-cach-thu-tuc-hanh-chinh'
# the same title typed decomposed (base letters + combining marks, as macOS pastes it)
decomposed=$(printf '\304\220a\314\202\314\211y ma\314\243nh')
run "$MOTCUA" slug "$decomposed"
ok "slug of decomposed input" eval 'status_is 0 && stdout_is day-manh'
run "$MOTCUA" slug ĐĂNG KÝ KẾT HÔN
ok "slug joins unquoted words, Đ becomes d" eval 'status_is 0 && stdout_is dang-ky-ket-hon'
run "$MOTCUA" slug "$(printf 'bad \377 byte')"
ok "slug refuses invalid UTF-8 with a position" eval 'status_is 1 && stderr_has "(command line):1:5: error: invalid UTF-8 byte 0xFF"'
run "$MOTCUA" slug "!!! ---"
ok "slug of punctuation only is an error" eval 'status_is 1 && stderr_has "no letters or digits"'
run "$MOTCUA" slug
ok "slug without text is a usage error" eval 'status_is 2 && stderr_has "missing TEXT"'
finish
