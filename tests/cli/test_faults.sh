# test_faults.sh — `motcua build` interrupted and starved:
#   - kill -9 at five moments (a tenth to nine tenths of the time a clean
#     build takes) of a clean rebuild of a generated 3,000-page site whose
#     every page changed: the published folder is always either the whole
#     old site or the whole new one, byte for byte; the next build leaves
#     no staging folder beside it (the killed builds' ones are removed) and
#     gives exactly what a clean build of the same site gives;
#   - a staging folder a concurrent build still holds (locked) is kept;
#   - a full disk: the output is a small tmpfs mount point that the new
#     site does not fit in: exit 1, FILE: error: ... No space left on device
#     in the promised form, the old site intact, nothing left on the mount
#     (skipped with the reason when this machine refuses to mount).
. "$(dirname "$0")/lib.sh"
: "${MOTCUA:?set MOTCUA to the motcua binary}"
. "$(dirname "$0")/../tools/build_helpers.sh"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# gen SITE N TEXT: the basic fixture plus N news pages saying TEXT
gen() {
    fixture basic "$1"
    awk -v n="$2" -v text="$3" -v dir="$1/content/tin-tuc" 'BEGIN {
        for (i = 1; i <= n; i++) {
            f = sprintf("%s/tin-%04d.md", dir, i)
            printf("---\ntitle: \"Tin số %d về cải cách hành chính\"\ndate: 2026-01-%02d\n" \
                   "tags: [\"cải cách\", \"thẻ %d\"]\n---\n%s %d, thủ tục một cửa.\n\n" \
                   "## Mục một\n\nNội dung chi tiết %d với **chữ đậm**.\n",
                   i, (i % 28) + 1, i % 50, text, i, i) > f
            close(f)
        }
    }'
}

s=$work/site; o=$work/public; ref=$work/clean
gen "$s" 3000 "Đoạn đầu của tin"
"$MOTCUA" build -q -s "$s" -o "$o" -j 2
tree_sum "$o" >"$work/old.sum"
# the new site: every page changed; its clean build is the reference
gen "$s" 3000 "Đoạn đã sửa của tin"
t0=$(now_ms)
"$MOTCUA" build -q -s "$s" -o "$ref" --clean -j 2
took=$(( $(now_ms) - t0 ))
tree_sum "$ref" >"$work/new.sum"
ok "the generated site builds ($(find "$ref" -type f | wc -l) files in $took ms)" [ -s "$ref/index.html" ]

for tenth in 1 3 5 7 9; do
    "$MOTCUA" build -q -s "$s" -o "$o" --clean -j 2 &
    pid=$!
    ms=$(( took * tenth / 10 ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    tree_sum "$o" >"$work/now.sum"
    ok "kill -9 at ${tenth}0 % of a build: the published site is the whole old one or the whole new one" \
       eval 'cmp -s "$work/now.sum" "$work/old.sum" || cmp -s "$work/now.sum" "$work/new.sum"'
done
ls -d "$o".staging-* >/dev/null 2>&1 && left=yes || left=no
run "$MOTCUA" build -q -s "$s" -o "$o" -j 2
ok "the next build succeeds and leaves no staging folder (killed builds had left some: $left)" \
   eval 'status_is 0 && no_staging_left "$o"'
ok "the next build gives exactly what a clean build gives" same_tree "$o" "$ref"

# a staging folder held by a running build is not someone else's leftover
mkdir "$o.staging-Ab12Cd"
python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(30)' "$o.staging-Ab12Cd" >"$work/lock.out" &
locker=$!
i=0; while [ ! -s "$work/lock.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
mkdir "$o.staging-Zz98Yy"
run "$MOTCUA" build -q -s "$s" -o "$o" -j 2
ok "a locked staging folder (a concurrent build's) is kept, an unlocked one removed" \
   eval '[ -d "$o.staging-Ab12Cd" ] && [ ! -e "$o.staging-Zz98Yy" ]'
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null
rmdir "$o.staging-Ab12Cd"

# ---- a full disk ---------------------------------------------------------------
m=$work/mnt; mkdir -p "$m"
small=$work/small; fixture basic "$small"
if mount -t tmpfs -o size=2m tmpfs "$m" 2>"$work/mount.err"; then
    "$MOTCUA" build -q -s "$small" -o "$m" || echo "FAIL setup: the small site did not build on the mount"
    tree_sum "$m" >"$work/before"
    run "$MOTCUA" build -s "$s" -o "$m" -j 2
    ok "full disk: exit 1, 'No space left on device' in the FILE: error: form" \
       eval 'status_is 1 && grep -q ": error: .*No space left on device" "$err" && err_lines_ok'
    tree_sum "$m" >"$work/after"
    ok "full disk: the old site on the mount is intact, no staging folder left in it" \
       eval 'cmp -s "$work/before" "$work/after"'
    run "$MOTCUA" build -q -s "$small" -o "$m"
    ok "after the full disk, a site that fits builds into the mount point" status_is 0
    umount "$m"
else
    for t in "exit 1 and the message" "old site intact" "a site that fits builds"; do
        skip "full disk: $t" "cannot mount a tmpfs here ($(head -c 120 "$work/mount.err"))"
    done
fi

finish
