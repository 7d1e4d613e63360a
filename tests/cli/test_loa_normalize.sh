# test_loa_normalize.sh — `loa normalize` as staff use it: arguments, stdin,
# reading style, a staff dictionary, and bad input.
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
dict=$(mktemp)
trap 'rm -f "$dict" "$out" "$err"' EXIT

run "$LOA" normalize "UBND phường họp lúc 7h30 ngày 01/12/2026"
ok "dates, times and abbreviations in words" eval 'status_is 0 && stdout_is "ủy ban nhân dân phường họp lúc bảy giờ ba mươi phút ngày mùng một tháng mười hai năm hai nghìn không trăm hai mươi sáu"'
run "$LOA" normalize --style south "1.000 người, 105 hộ"
ok "southern reading uses ngàn and lẻ" eval 'status_is 0 && stdout_is "một ngàn người, một trăm lẻ năm hộ"'
run "$LOA" normalize "1.000 người, 105 hộ"
ok "northern reading is the default" eval 'status_is 0 && stdout_is "một nghìn người, một trăm linh năm hộ"'
printf '# từ điển của phường\nabbr\tTDP\ttổ dân phố số\nabbr\tNVH\tnhà văn hóa\n' > "$dict"
run "$LOA" normalize --dict "$dict" "Họp tại NVH"
ok "a staff dictionary adds words" eval 'status_is 0 && stdout_is "Họp tại nhà văn hóa"'
printf 'abbr\tXYZ\n' > "$dict"
run "$LOA" normalize --dict "$dict" "x"
ok "a malformed dictionary line is an error at its line" eval 'status_is 1 && stderr_has "$dict:1: error:"'
run sh -c 'printf "# Thông báo\n\nHọp lúc 17h.\n" | "$LOA" normalize -'
ok "reads standard input with -, Markdown marks not read" eval 'status_is 0 && ! stdout_has "#" && stdout_has "Thông báo" && stdout_has "mười bảy giờ"'
run "$LOA" normalize "$(printf 'abc \377')"
ok "invalid UTF-8 is refused with its column" eval 'status_is 1 && stderr_has ":1:5: error: invalid UTF-8"'
run "$LOA" normalize "* * *" "!!!"
ok "text with nothing to say is an error" eval 'status_is 1 && stderr_has "nothing to read aloud"'
run "$LOA" normalize --style west "x"
ok "unknown style is a usage error" eval 'status_is 2 && stderr_has "north or south"'
run "$LOA" normalize
ok "missing text is a usage error" eval 'status_is 2'
finish
