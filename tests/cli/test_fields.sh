# test_fields.sh — `motcua fields`: the kinds and their keys from the tables,
# as staff read them and as JSON for tools; the JSON agrees with what
# `motcua new` writes and with what the build checks.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rm -f "$out" "$err"' EXIT

run "$MOTCUA" fields --format json
cp "$out" "$tmp/fields.json"
ok "--format json is one JSON array of the five kinds" eval 'status_is 0 && python3 -c "
import json,sys; k=json.load(open(sys.argv[1])); assert [x[\"kind\"] for x in k]==[\"news\",\"procedure\",\"announcement\",\"document\",\"journey\",\"page\"]" "$tmp/fields.json"'

ok "the procedure's required keys are the parts the national record asks for" python3 -c "
import json,sys
k={x['kind']:x for x in json.load(open(sys.argv[1]))}
req=[f['key'] for f in k['procedure']['fields'] if f['required']]
assert req==['code','field','level','agency','audience','steps','channels','documents','copies','processing_time','fees','result','legal_basis','status'], req
lv=[f for f in k['procedure']['fields'] if f['key']=='level'][0]
assert [c['code'] for c in lv['choices']]==['tinh','huyen','xa'] and lv['choices'][0]['vi']=='Cấp tỉnh'
ch=[f for f in k['procedure']['fields'] if f['key']=='channels'][0]
assert [i['key'] for i in ch['items']][:3]==['kind','time','fee']
" "$tmp/fields.json"

# every key motcua new writes is a key of the table, and the other way round
for kind in news procedure announcement page; do
    "$MOTCUA" new "$kind" "Thử $kind" -s "$tmp/site" >/dev/null 2>&1
done
ok "motcua new writes exactly the keys the table offers, for every kind" python3 -c "
import json,sys,glob,re
k={x['kind']:x for x in json.load(open(sys.argv[1]))}
folders={'news':'tin-tuc','procedure':'thu-tuc','announcement':'thong-bao','page':''}
for kind,folder in folders.items():
    path=glob.glob(sys.argv[2]+'/content/'+(folder+'/' if folder else '')+'*.md')[0]
    head=open(path).read().split('---')[1]
    keys=[m.group(1) for m in re.finditer(r'^([a-z_]+):',head,re.M) if m.group(1) not in ('title','date')]
    table=[f['key'] for f in k[kind]['fields']]
    assert set(keys)<=set(table), (kind, set(keys)-set(table))
" "$tmp/fields.json" "$tmp/site"

run "$MOTCUA" fields procedure
ok "text: each key with its Vietnamese label, required mark, example and allowed values" eval 'status_is 0 && stdout_has "level             Cấp thực hiện (bắt buộc)" && stdout_has "giá trị: tinh (Cấp tỉnh), huyen (Cấp huyện), xa (Cấp xã)" && stdout_has "legal_basis: [{title: \"Luật Hộ tịch số 60/2014/QH13\""'
ok "text for one kind shows only that kind" eval '! stdout_has "wards"'

run "$MOTCUA" fields blog
ok "an unknown kind is a usage error naming the kinds" eval 'status_is 2 && stderr_has "unknown kind '"'"'blog'"'"'; use news, procedure, announcement, document, journey or page"'
run "$MOTCUA" fields --format yaml
ok "an unknown format is a usage error" eval 'status_is 2 && stderr_has "--format is text, json or decap"'
run "$MOTCUA" fields --format decap
ok "the editor's config needs a Git host's backend" eval 'status_is 2 && stderr_has "needs --backend"'
run "$MOTCUA" fields --format decap --backend '{"name":"gitea","repo":"ubnd/cong","base_url":"https://git.example"}'
ok "the editor's config for a Git host: its backend, a collection per kind, Decap's own slugs" eval \
   'status_is 0 && node -e "
const c=JSON.parse(require(\"fs\").readFileSync(process.argv[1],\"utf8\"));
const kinds=JSON.parse(require(\"child_process\").execFileSync(process.argv[2],[\"fields\",\"--format\",\"json\"]));
process.exit(c.backend.name===\"gitea\"&&c.backend.repo===\"ubnd/cong\"&&c.locale===\"vi\"&&
  c.collections.map(x=>x.name).join()===kinds.map(k=>k.kind).join()&&
  c.collections.every(x=>x.slug===\"{{slug}}\")?0:1)" "$out" "$MOTCUA"'
finish
