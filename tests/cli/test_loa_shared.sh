# test_loa_shared.sh — an announcement for many wards shares its speech
# (tts_cache.h): the body, the repeat phrase and every repeat are
# synthesised once whatever the number of wards, shown by the counts loa
# prints with LOA_DEBUG_SPEECH=1 (utterances synthesised by espeak-ng and
# replayed from the cache), and each ward's file matches the one made with
# the cache left out (LOA_SPEECH_CACHE=off: every ward read in full, one
# after another) within 0.1 LU and 0.1 s, measured by ffmpeg and ffprobe.
# espeak-ng keeps state from one utterance to the next, so the two cannot
# be the same to the byte (README, "Many wards").
# Each ward's MP3 is joined from encoded parts (parts.h): the shared middle
# is encoded once, so it is replayed once; every file decodes without an
# error, decodes to exactly the length its sidecar gives (the sum of its
# parts: the LAME tag's frame count, delay and padding are right), has the
# loudness target and stays under the ceiling by ffmpeg's ebur128, and is
# as quiet around each join (joins_seconds in the sidecar) as the file made
# without parts is at the same place: no click where the frames meet.
# The sentences of the opening and closing that do not name the ward ("A
# lô, a lô!", "Đài xin thông báo:", "Đề nghị bà con…") are shared too: the
# lead-in and a tail after the ward's closing, the same length in every
# ward's file (four joins). A closing that names no ward leaves the ward
# only its opening (two joins, the shared middle ends the file).
. "$(dirname "$0")/lib.sh"
: "${LOA:?set LOA to the loa binary}"
for tool in ffmpeg ffprobe python3; do
    command -v $tool >/dev/null 2>&1 || { echo "missing $tool (install ffmpeg python3)"; echo "0 passed, 1 failed"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out" "$err"' EXIT

ebur() { ffmpeg -nostdin -hide_banner -nostats -i "$1" -filter_complex ebur128=peak=true -f null - 2>&1 |
         awk '/Summary:/{s=1} s&&/ I:/{i=$2} s&&/Peak:/{p=$2} END{print i, p}'; }
dur() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
near() { python3 -c "import sys; sys.exit(0 if abs(float('$1') - float('$2')) <= float('$3') else 1)"; }
json_lufs() { python3 -c "import json; print(json.load(open('$1'))['integrated_loudness_lufs'])"; }
json_key() { python3 -c "import json; print(json.load(open('$1'))['$2'])"; }
decoded() { ffmpeg -nostdin -v error -i "$1" -f s16le -ac 1 -ar 44100 - | wc -c | awk '{printf "%.6f", $1 / 2 / 44100}'; }
counts() { sed -n 's/^loa: speech: \([0-9]*\) utterances synthesised, \([0-9]*\) replayed$/\1 \2/p' "$err"; }

cd "$tmp" || exit 1
# joins.py SHARED ALONE SIDECAR: around each join (50 ms each side) the
# largest step between two decoded samples is no larger than in the file
# made whole at the same time (+ 4 LSB), and there are JOINS (4) joins.
cat > joins.py <<'PY'
import json, subprocess, sys
def pcm(f):
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", f, "-f", "s16le", "-"],
                         capture_output=True, check=True).stdout
    return memoryview(raw).cast("h")
a, b = pcm(sys.argv[1]), pcm(sys.argv[2])
joins = json.load(open(sys.argv[3])).get("joins_seconds", [])
def step(x, t):
    i, w = int(t * 44100), 2205
    seg = x[max(i - w, 0):min(i + w, len(x))]
    return max(abs(seg[k + 1] - seg[k]) for k in range(len(seg) - 1))
bad = [(t, step(a, t), step(b, t)) for t in joins if step(a, t) > step(b, t) + 4]
print("joins", joins, "steps", [(step(a, t), step(b, t)) for t in joins])
sys.exit(0 if len(joins) == int(sys.argv[4] if len(sys.argv) > 4 else 4) and not bad else 1)
PY
cat > site.yaml <<'YAML'
title: Thành phố Thử
audio:
  opening: "A lô, a lô! Đây là Đài truyền thanh {ward}. Đài xin thông báo:"
  closing: "Đài truyền thanh {ward} vừa thông báo. Đề nghị bà con nhân dân biết và thực hiện."
  repeat_phrase: "Xin nhắc lại:"
wards:
  - {id: mot, name: "Phường Một"}
  - {id: hai, name: "Phường Hai"}
  - {id: ba, name: "Phường Ba"}
  - {id: bon, name: "Phường Bốn"}
  - {id: nam, name: "Phường Năm"}
  - {id: sau, name: "Phường Sáu"}
YAML
body='Kính thưa bà con! Bão số 9 đang di chuyển vào đất liền.

Đề nghị các hộ gia đình chằng chống nhà cửa, không ra khơi.

Mọi thông tin liên hệ đường dây nóng của phường.'
announce() {  # FILE WARDS REPEAT
    printf -- '---\ntitle: "Tin bão"\nwards: %s\nrepeat: %s\n---\n%s\n' "$2" "$3" "$body" > "$1"
}
announce one.md '[mot]' 1
announce one3.md '[mot]' 3
announce six.md all 3

LOA_DEBUG_SPEECH=1 run "$LOA" render one.md -o a1
ok "one ward, read once" status_is 0
set -- $(counts); s1=${1:-x}; r1=${2:-x}
LOA_DEBUG_SPEECH=1 run "$LOA" render one3.md -o a3
set -- $(counts); s3=${1:-y}; r3=${2:-y}
# repeat 3 adds the repeat phrase to what is said, and nothing else
ok "the repeats of the body are not synthesised again ($s1 -> $s3)" [ "$s3" = "$((s1 + 1))" ]
LOA_DEBUG_SPEECH=1 run "$LOA" render six.md -o shared
ok "six wards rendered" status_is 0
ok "six files listed, in ward order" stdout_is "$(for w in mot hai ba bon nam sau; do echo "shared/$w/six.mp3"; done)"
set -- $(counts); s6=${1:-z}; r6=${2:-z}
# each ward more adds its own opening and closing: the body once in all
ok "the body is synthesised once for six wards ($s3 -> $s6)" [ "$s6" = "$((s3 + 10))" ]
# the middle (body x 3 and the repeat phrase) is played once for all six;
# each ward more plays its own opening and closing, which it synthesised
ok "the shared middle is played once, each ward its own parts ($r3 -> $r6)" \
    [ "$r6" = "$((r3 + s6 - s3))" ]
[ "$r1" != x ] || echo "  (no counts printed)"

LOA_SPEECH_CACHE=off LOA_DEBUG_SPEECH=1 run "$LOA" render six.md -o alone
ok "without the cache: six wards, no counts" sh -c "[ $status -eq 0 ] && ! grep -q 'loa: speech' '$err'"
for w in mot hai ba bon nam sau; do
    set -- $(ebur "shared/$w/six.mp3"); li=$1; lp=$2
    set -- $(ebur "alone/$w/six.mp3"); ai=$1; ap=$2
    # ffmpeg prints one decimal: 0.1 LU plus its rounding; the sidecars'
    # figures (libebur128 on the decoded files) have two
    ok "$w: loudness by ffmpeg within 0.1 LU of the ward read alone ($li, $ai)" near "$li" "$ai" 0.15
    ls=$(json_lufs "shared/$w/six.mp3.json"); la=$(json_lufs "alone/$w/six.mp3.json")
    ok "$w: loudness in the sidecars within 0.1 LU ($ls, $la)" near "$ls" "$la" 0.1
    ok "$w: true peak under the ceiling ($lp dBTP)" python3 -c "import sys; sys.exit(0 if float('$lp') <= -1.5 + 0.3 else 1)"
    # espeak-ng's state moves each utterance's edges by a few tens of ms
    # (the shared speech is read in another order) and each of the four
    # joins moves a pause by up to 13 ms
    ds=$(dur "shared/$w/six.mp3"); da=$(dur "alone/$w/six.mp3")
    ok "$w: length within 0.15 s of the ward read alone ($ds, $da)" near "$ds" "$da" 0.15
    ok "$w: the same spoken text in both sidecars" sh -c \
        "[ \"\$(grep text_sha256 shared/$w/six.mp3.json)\" = \"\$(grep text_sha256 alone/$w/six.mp3.json)\" ]"
    ok "$w: decodes without an error" sh -c "[ -z \"\$(ffmpeg -nostdin -v error -i shared/$w/six.mp3 -f null - 2>&1)\" ]"
    ds=$(decoded "shared/$w/six.mp3"); js=$(json_key "shared/$w/six.mp3.json" duration_seconds)
    ok "$w: decodes to the sum of its parts within 1 ms ($ds, $js)" near "$ds" "$js" 0.001
    # what ffprobe adds to the decoded length (LAME's delay and padding, in
    # ffmpeg 5.1) is the same within a frame as for the file made whole
    ps=$(dur "shared/$w/six.mp3"); da=$(decoded "alone/$w/six.mp3")
    ok "$w: ffprobe's length agrees with the tag ($ps - $ds vs $(dur alone/$w/six.mp3) - $da)" \
        near "$(echo "$ps - $ds" | bc -l)" "$(echo "$(dur alone/$w/six.mp3) - $da" | bc -l)" 0.027
    ok "$w: loudness -16 +- 0.5 LUFS by ffmpeg ($li)" near "$li" -16 0.5
    ok "$w: true peak by ffmpeg under the -1.5 dBTP ceiling ($lp)" python3 -c "import sys; sys.exit(0 if float('$lp') <= -1.5 else 1)"
    ok "$w: four joins, as quiet as the file made whole there" \
        python3 "$tmp/joins.py" "shared/$w/six.mp3" "alone/$w/six.mp3" "shared/$w/six.mp3.json"
done
# the lead-in (chime, "A lô, a lô!") and the tail ("Đề nghị bà con…") are
# shared: every ward's file has them at the same length; the ward's own
# opening and closing lie between them
edges() { python3 -c "import json; j = json.load(open('$1')); print('%.3f %.3f' % (j['joins_seconds'][0], j['duration_seconds'] - j['joins_seconds'][-1]))"; }
first=$(edges shared/mot/six.mp3.json)
ok "the lead-in holds the first sentence: the first join after the chime's 2.5 s ($first)" \
    python3 -c "import sys; sys.exit(0 if float('${first% *}') > 3.0 else 1)"
ok "the shared tail holds the last sentence, over 1.5 s (${first#* })" \
    python3 -c "import sys; sys.exit(0 if float('${first#* }') > 1.5 else 1)"
for w in hai ba bon nam sau; do   # the sidecar rounds each figure to 1 ms
    set -- $(edges shared/$w/six.mp3.json)
    ok "$w: the same lead-in and tail as the first ward ($1 $2)" \
        python3 -c "import sys; sys.exit(0 if abs($1 - ${first% *}) <= 0.0015 and abs($2 - ${first#* }) <= 0.0015 else 1)"
done

# a closing that names no ward: each ward has only its opening of its own
cat > site.yaml <<'YAML'
title: Thành phố Thử
audio:
  opening: "Đài truyền thanh {ward} xin thông báo:"
  closing: "Xin cảm ơn bà con đã lắng nghe."
wards:
  - {id: mot, name: "Phường Một"}
  - {id: hai, name: "Phường Hai"}
  - {id: ba, name: "Phường Ba"}
YAML
announce three.md all 1
run "$LOA" render three.md -o shared3
ok "three wards, the closing shared" status_is 0
LOA_SPEECH_CACHE=off run "$LOA" render three.md -o alone3
for w in mot hai ba; do
    ds=$(decoded "shared3/$w/three.mp3"); js=$(json_key "shared3/$w/three.mp3.json" duration_seconds)
    ok "$w: decodes to the sum of its parts within 1 ms ($ds, $js)" near "$ds" "$js" 0.001
    ok "$w: within 0.1 s of the ward read alone" near "$(dur shared3/$w/three.mp3)" "$(dur alone3/$w/three.mp3)" 0.1
    set -- $(ebur "shared3/$w/three.mp3")
    ok "$w: loudness -16 +- 0.5 LUFS by ffmpeg ($1)" near "$1" -16 0.5
    ok "$w: two joins (opening of its own, the middle to the end), as quiet as the file made whole" \
        python3 "$tmp/joins.py" "shared3/$w/three.mp3" "alone3/$w/three.mp3" "shared3/$w/three.mp3.json" 2
done
finish
