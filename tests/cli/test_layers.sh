# test_layers.sh — the sources respect the layers (HACKING.md): the include
# checker passes on the tree, and fails, naming the file and line, on a copy
# with an include against the layers and on one with a cycle; a call against
# the layers fails to link (each layer is an archive linked below the one
# that uses it).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
checker="$root/tests/tools/check_layers.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT

run python3 "$checker" "$root"
ok "the tree has no include against the layers and no cycle" eval 'status_is 0 && stdout_has "#include lines read"'

copy() { rm -rf "$tmp/t"; mkdir -p "$tmp/t"; (cd "$root" && cp -R lib audio generator src "$tmp/t/"); }

copy
printf '#include "model.h"\n' >> "$tmp/t/lib/text.c"
line=$(wc -l < "$tmp/t/lib/text.c")
run python3 "$checker" "$tmp/t"
ok "lib including a generator header fails at its line" eval "status_is 1 && stdout_has 'lib/text.c:$line: includes generator/model/model.h, from layer generator, which lib may not use'"

copy
printf '#include "build.h"\n' >> "$tmp/t/audio/sound/chime.c"
run python3 "$checker" "$tmp/t"
ok "audio including a generator header fails" eval 'status_is 1 && stdout_has "audio/sound/chime.c:" && stdout_has "which audio may not use"'

copy
printf '#include "commands.h"\n' >> "$tmp/t/generator/model/feeds.c"
run python3 "$checker" "$tmp/t"
ok "library code including the command line's header fails" eval 'status_is 1 && stdout_has "generator/model/feeds.c:" && stdout_has "from layer src/"'

copy
printf '#include "model.h"\n' >> "$tmp/t/src/loa/cmd_say.c"
run python3 "$checker" "$tmp/t"
ok "loa's command line including motcua's library fails" eval 'status_is 1 && stdout_has "src/loa/cmd_say.c:" && stdout_has "which src/loa may not use"'

copy
printf '#include "feeds.h"\n' >> "$tmp/t/generator/model/search.h"
printf '#include "search.h"\n' >> "$tmp/t/generator/model/feeds.h"
run python3 "$checker" "$tmp/t"
ok "two modules including each other are a cycle" eval 'status_is 1 && stdout_has "cycle: " && stdout_has "generator/model/feeds" && stdout_has "generator/model/search"'

copy
printf '#include "../model/model.h"\n' >> "$tmp/t/generator/output/render.c"
run python3 "$checker" "$tmp/t"
ok "an include by path is refused (headers go by base name)" eval 'status_is 1 && stdout_has "by a path"'

# The build enforces the same: each layer is compiled seeing only its own
# folders and those below it (the Makefile's LAYER_INC), so such an include
# does not even compile.
cmd() { (cd "$root" && make -n -B BUILD="$tmp/b" "$tmp/b/$1" 2>/dev/null | grep -- " -c $2"); }
lib_cmd=$(cmd lib/text.o lib/text.c)
audio_cmd=$(cmd audio/sound/chime.o audio/sound/chime.c)
gen_cmd=$(cmd generator/model/feeds.o generator/model/feeds.c)
ok "lib/ is compiled with -Ilib alone" eval 'echo "$lib_cmd" | grep -q -- "-Ilib " && ! echo "$lib_cmd" | grep -qE -- "-I(audio|generator|src)"'
ok "audio/ sees lib and audio, not generator or src" eval 'echo "$audio_cmd" | grep -q -- "-Iaudio/sound" && ! echo "$audio_cmd" | grep -qE -- "-I(generator|src)"'
ok "generator/ sees lib, audio and generator, not src" eval 'echo "$gen_cmd" | grep -q -- "-Igenerator/model" && echo "$gen_cmd" | grep -q -- "-Iaudio/sound" && ! echo "$gen_cmd" | grep -q -- "-Isrc"'
finish
