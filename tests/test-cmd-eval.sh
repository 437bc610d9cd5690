# test-cmd-eval.sh: retina eval on files with a known AP.
suite=cmd-eval
. tests/shlib.sh
cat >"$tmp/gt.json" <<'EOF'
{"images": [{"id": 4, "file_name": "a.png", "width": 64, "height": 64}],
 "categories": [{"id": 1, "name": "square"}, {"id": 2, "name": "disc"}],
 "annotations": [
  {"id": 1, "image_id": 4, "category_id": 1, "bbox": [0, 0, 10, 10]},
  {"id": 2, "image_id": 4, "category_id": 1, "bbox": [20, 20, 10, 10]}]}
EOF
d='"image_id": 4, "category_id": 1, "bbox"'
cat >"$tmp/dt.json" <<EOF
[{$d: [0, 0, 10, 10], "score": 0.9}, {$d: [0, 0, 10, 10], "score": 0.8},
 {$d: [20, 20, 10, 10], "score": 0.7}]
EOF
if "$RETINA" eval --gt "$tmp/gt.json" --dt "$tmp/dt.json" \
    --pr-out "$tmp/pr.dat" >"$tmp/out" 2>"$tmp/err" \
    && grep -q 'IoU=0.50:0.95 .* = 0.835$' "$tmp/out" \
    && grep -qE '^disc +0 +0 +- +- +-$' "$tmp/out"
then ok "AP 0.835; disc has no GT"
else not_ok "printed: $(cat "$tmp/out" "$tmp/err")"; fi
n=$(wc -l <"$tmp/pr.dat")
if [ "$n" = 1011 ]; then ok "--pr-out: 10 x 101 rows and a header"
else not_ok "--pr-out wrote $n lines"; fi
"$RETINA" eval --help | grep -q 'usage: retina eval' \
    && ok "--help" || not_ok "--help"
expect 2 'required' "no --dt" "$RETINA" eval --gt "$tmp/gt.json"
expect 2 '--fast: unknown flag' "unknown flag" "$RETINA" eval --fast
expect 2 '--dt: needs a value' "--dt last" "$RETINA" eval --dt
expect 1 'nowhere.json' "missing ground truth" "$RETINA" eval \
    --gt "$tmp/nowhere.json" --dt "$tmp/dt.json"
sed 's/0.7}/7}/' "$tmp/dt.json" >"$tmp/bad.json"
expect 1 'bad.json: \[2\]: score' "score 7 refused" "$RETINA" eval \
    --gt "$tmp/gt.json" --dt "$tmp/bad.json"
head -c 40 "$tmp/dt.json" >"$tmp/cut.json"
expect 1 'cut.json:1: not valid JSON' "truncated file" "$RETINA" eval \
    --gt "$tmp/gt.json" --dt "$tmp/cut.json"
finish
