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
l=' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all |'
m=' Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium |'
grep -qxF "$l maxDets=  1 ] = 0.500" "$tmp/out" \
    && grep -qxF "$m maxDets=100 ] = -1.000" "$tmp/out" \
    && ok "summarize()'s format: AR1 0.5, no medium box" \
    || not_ok "summary lines: $(cat "$tmp/out")"
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
"$RETINA" eval --gt "$tmp/gt.json" --dt "$tmp/dt.json" --sizes \
    --analyze >"$tmp/out" 2>&1
grep -qE '^square +0.835 +- +- +1.000 +- +-$' "$tmp/out" \
    && grep -qE '^C50 +0.835 ' "$tmp/out" \
    && grep -qE '^Dup +1.000 +0.165 +2 +0$' "$tmp/out" \
    && ok "--sizes and --analyze" || not_ok "$(cat "$tmp/out")"
c='"bbox": [40, 0, 24, 24], "iscrowd": 1}'
sed "s/\"bbox\": \\[20, 20, 10, 10\\]}/$c/" "$tmp/gt.json" \
    >"$tmp/crowd.json"
cat >"$tmp/dtc.json" <<EOF
[{$d: [44, 4, 10, 10], "score": 0.9},
 {$d: [0, 0, 10, 10], "score": 0.8}]
EOF
"$RETINA" eval --gt "$tmp/crowd.json" --dt "$tmp/dtc.json" \
    >"$tmp/out" 2>&1
grep -q 'IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000$' \
    "$tmp/out" && grep -qE '^square +1 +2 ' "$tmp/out" \
    && ok "a detection in a crowd region is ignored" \
    || not_ok "crowd: $(cat "$tmp/out")"
anns= dets=
for i in $(seq 0 39); do
    anns="$anns{\"id\": $((i + 1)), \"image_id\": 4,"
    anns="$anns \"category_id\": 1,"
    anns="$anns \"bbox\": [$((15 * i)), 0, 10, 10]},"
    dets="$dets{$d: [$((15 * i)), 0, 10, 10], \"score\": 0.5},"
done
printf '{"images": [{"id": 4, "file_name": "a.png", "width": 640, %s' \
    '"height": 64}], "categories": [{"id": 1, "name": "square"}],' \
    >"$tmp/many.json"
printf '"annotations": [%s]}\n' "${anns%,}" >>"$tmp/many.json"
printf '[%s]\n' "${dets%,}" >"$tmp/dtm.json"
"$RETINA" eval --gt "$tmp/many.json" --dt "$tmp/dtm.json" \
    >"$tmp/out" 2>&1
grep -qE '^square +40 +40 +1.000 ' "$tmp/out" \
    && ok "40 boxes in one image" || not_ok "many: $(cat "$tmp/out")"
finish
