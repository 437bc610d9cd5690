# test-cmd-data.sh: retina data writes and checks data sets.
suite=cmd-data
. tests/shlib.sh
succeed() {
    name=$1; shift
    if "$@" >"$tmp/out" 2>"$tmp/err"; then ok "$name"
    else not_ok "$name: $(head -c 300 "$tmp/err")"; fi
}
succeed "--help" "$RETINA" data --help
expect 2 'out: is required' "no --out" "$RETINA" data
expect 2 '--count: .x. is not' "--count x" "$RETINA" data \
    --out "$tmp/d" --count x
expect 2 '--count: 0 is out of range' "--count 0" "$RETINA" data \
    --out "$tmp/d" --count 0
expect 2 "--split: 'dev'" "--split dev" "$RETINA" data --out "$tmp/d" \
    --split dev
expect 2 '--seed: needs a value' "--seed last" "$RETINA" data --seed
expect 2 '--fast: unknown flag' "unknown flag" "$RETINA" data --fast 1
succeed "write 6 val scenes" "$RETINA" data --out "$tmp/d" \
    --split val --count 6 --seed 5
n=$(ls "$tmp/d"/val-*.png 2>/dev/null | wc -l)
if [ "$n" = 6 ]; then ok "six PNG files"; else not_ok "$n PNG files"; fi
if grep -q '"categories":\[{"id":1,"name":"rectangle"}' \
    "$tmp/d/instances_val.json"; then ok "the categories are written"
else not_ok "no categories in instances_val.json"; fi
if ls "$tmp/d"/*.tmp >/dev/null 2>&1; then not_ok "temporary files left"
else ok "no temporary files left"; fi
succeed "the split checks clean" "$RETINA" data \
    --check "$tmp/d/instances_val.json"
if grep -q '6 images' "$tmp/out"; then ok "the check counts 6 images"
else not_ok "check printed: $(cat "$tmp/out")"; fi
succeed "write again" "$RETINA" data --out "$tmp/e" --split val \
    --count 6 --seed 5
if cmp -s "$tmp/d/val-000005.png" "$tmp/e/val-000005.png" && cmp -s \
    "$tmp/d/instances_val.json" "$tmp/e/instances_val.json"; then
    ok "the same seed writes the same files"
else not_ok "the same seed wrote different files"; fi
head -c 100 "$tmp/d/instances_val.json" >"$tmp/d/cut.json"
expect 1 'cut.json:1: not valid JSON' "a truncated file is refused" \
    "$RETINA" data --check "$tmp/d/cut.json"
finish
