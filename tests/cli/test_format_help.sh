# test_format_help.sh — the --format help of loa (a fixed text in the option
# table, src/loa/cmd_options.c) names exactly the formats of the format
# table (audio/sound/formats.c), which the error for an unknown format lists.
. "$(dirname "$0")/lib.sh"
run "$LOA" say "x" --format zzz -o /tmp/loa-format-help.mp3
table=$(sed -nE "s/.*unknown format 'zzz'; use (.*)$/\1/p" "$err" | sed 's/ or /, /' | tr -d ' ' | tr ',' '\n' | sort | tr '\n' ' ')
ok "an unknown format is refused with the table's list" eval '! status_is 0 && [ -n "$table" ]'
for cmd in say render; do
    run "$LOA" "$cmd" --help
    help=$(awk '/--format=F/{on=1} on && /--voice/{on=0} on' "$out" | grep -oE '(web-)?\b(mp3|ogg|opus|flac|wav|aac|m4a|webm)\b' | sort -u | tr '\n' ' ')
    ok "loa $cmd --help names the table's formats: $table" eval '[ "$help" = "$table" ]'
done
finish
