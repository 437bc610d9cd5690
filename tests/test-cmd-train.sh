# test-cmd-train.sh: retina train's flags, files, and resumption.
suite=cmd-train
. tests/shlib.sh
R="$RETINA"; o="--out $tmp/m.ckpt"
"$R" train --help | grep -q 'usage: retina train' \
    && ok "--help" || not_ok "--help"
expect 2 'out is required' "no --out" "$R" train --iters 1
for bad in "--gamma -1" "--gamma x" "--alpha 2" "--alpha -0.5" \
    "--loss hinge" "--iters 0" "--images 2.5" "--batch 257" \
    "--lr 0" "--lr nan" "--seed -1" "--threads 0" "--val -1" \
    "--log-every 0" "--until 0" "--save-every x" "--prior 0" \
    "--prior 1" "--prior x" "--sampling best" "--net huge"; do
    set -- $bad
    expect 2 "^retina train: $1" "$bad refused" "$R" train $o $bad
done
expect 2 'unknown flag' "unknown flag" "$R" train $o --fast 1
expect 2 '--val-every: needs --val' "--val-every alone" \
    "$R" train $o --val-every 5
expect 2 'not both' "--iters and --images" "$R" train $o \
    --iters 3 --images 30
expect 2 '--until: 9 is past' "--until past the end" "$R" train $o \
    --iters 3 --until 9
expect 2 '--gamma: the configuration comes from' "--gamma and"\
" --resume" "$R" train $o --resume "$tmp/m.ckpt" --gamma 1
expect 1 'nowhere.ckpt: cannot open' "missing checkpoint" "$R" train \
    $o --resume "$tmp/nowhere.ckpt"
a="--iters 4 --batch 2 --log-every 1"
if "$R" train $a --out "$tmp/whole.ckpt" --log "$tmp/log.csv" \
    >/dev/null 2>"$tmp/err" && [ "$(wc -l <"$tmp/log.csv")" = 5 ] \
    && head -1 "$tmp/log.csv" | grep -q '^iter,lr,cls,box,num_fg,'
then ok "4 steps, a header and 4 log rows"
else not_ok "short run: $(cat "$tmp/err")"; fi
"$R" train $a --until 2 --out "$tmp/half.ckpt" >/dev/null 2>&1
"$R" train --resume "$tmp/half.ckpt" --out "$tmp/rest.ckpt" \
    >/dev/null 2>&1
cmp -s "$tmp/whole.ckpt" "$tmp/rest.ckpt" \
    && ok "2 steps + resume + 2 steps = 4 steps, byte for byte" \
    || not_ok "the resumed run differs from the whole run"
"$R" data --out "$tmp/val" --split val --count 2 >/dev/null 2>&1
gt="$tmp/val/instances_val.json"
if "$R" detect --model "$tmp/whole.ckpt" --gt "$gt" \
    --out "$tmp/dt.json" --draw "$tmp/drawn" >"$tmp/out" 2>"$tmp/err" \
    && grep -q '^2 images, [0-9]* detections: AP' "$tmp/out" \
    && [ -s "$tmp/drawn/val-000001.png" ] \
    && "$R" eval --gt "$gt" --dt "$tmp/dt.json" \
       >/dev/null 2>&1
then ok "detect on files, draw, and eval the results"
else not_ok "detect: $(cat "$tmp/out" "$tmp/err")"; fi
expect 2 'one of --gt or --split' "detect without images" "$R" detect \
    --model "$tmp/whole.ckpt" --out "$tmp/dt.json"
expect 2 '--split: moon' "detect: bad split" "$R" detect --model \
    "$tmp/whole.ckpt" --split moon --out "$tmp/dt.json"
expect 2 '--min-score' "detect: bad score" "$R" detect --model \
    "$tmp/whole.ckpt" --split val --min-score 2 --out "$tmp/dt.json"
expect 1 'nowhere.ckpt' "detect: missing model" "$R" detect --model \
    "$tmp/nowhere.ckpt" --split val --out "$tmp/dt.json"
head -c 1000 "$tmp/whole.ckpt" >"$tmp/cut.ckpt"
expect 1 'cut.ckpt: byte 1000: payload of [0-9]+ bytes' \
    "truncated checkpoint" "$R" train --resume "$tmp/cut.ckpt" $o
finish
