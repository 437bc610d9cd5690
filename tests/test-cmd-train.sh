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
sed -e 's/{"id":1,"name":"rectangle"}/{"id":1,"name":"triangle"}/' \
    -e 's/{"id":3,"name":"triangle"}/{"id":3,"name":"rectangle"}/' \
    -e 's/"category_id":1,/"category_id":9,/g' \
    -e 's/"category_id":3,/"category_id":1,/g' \
    -e 's/"category_id":9,/"category_id":3,/g' "$gt" \
    >"$tmp/val/swapped.json"
"$R" detect --model "$tmp/whole.ckpt" --gt "$tmp/val/swapped.json" \
    --out "$tmp/dt2.json" >"$tmp/out2" 2>&1
grep -q '"name":"triangle"' "$tmp/val/swapped.json" \
    && cmp -s "$tmp/out" "$tmp/out2" \
    && ok "categories matched by name, not by position" \
    || not_ok "swapped categories: $(cat "$tmp/out" "$tmp/out2")"
"$R" detect --model "$tmp/whole.ckpt" "$tmp/val/val-000000.png" \
    "$tmp/val/val-000001.png" --out "$tmp/dtf.json" \
    --draw "$tmp/drawf" >/dev/null 2>&1 \
    && cmp -s "$tmp/dt.json" "$tmp/dtf.json" \
    && [ -s "$tmp/drawf/val-000001.png.png" ] \
    && ok "image files: the same detections as through --gt" \
    || not_ok "image files differ from --gt"
"$R" detect --model "$tmp/whole.ckpt" tests/corpus/image/photo.jpg \
    --out "$tmp/dtp.json" >/dev/null 2>&1 \
    && tr '{' '\n' <"$tmp/dtp.json" \
       | sed -n 's/.*"bbox":\[\([^]]*\)\].*/\1/p' \
       | awk -F, '$1 < 0 || $2 < 0 || $1 + $3 > 24.001 \
                  || $2 + $4 > 16.001 { bad = 1 } END { exit bad }' \
    && ok "a 24 x 16 JPEG: boxes inside its pixels" \
    || not_ok "photo.jpg: $(head -c 300 "$tmp/dtp.json")"
expect 1 'nowhere.png' "detect: missing image file" "$R" detect \
    --model "$tmp/whole.ckpt" "$tmp/nowhere.png" --out "$tmp/dtx.json"
expect 2 'one of --gt, --split or IMAGE' "detect: files and --gt" \
    "$R" detect --model "$tmp/whole.ckpt" --gt "$gt" \
    "$tmp/val/val-000000.png" --out "$tmp/dtx.json"
sed 's/"rectangle"/"moon"/' "$gt" >"$tmp/val/moon.json"
expect 1 'moon.json: category "moon" is not one of the model' \
    "detect: unknown category" "$R" detect --model "$tmp/whole.ckpt" \
    --gt "$tmp/val/moon.json" --out "$tmp/dt.json"
expect 2 'one of --gt, --split or IMAGE' "detect without images" \
    "$R" detect \
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
k="--anchor-size 4 --scales 0,1/2 --ratios 1 --fg-iou 0.6 --bg-iou 0.3"
"$R" train $a $k --out "$tmp/k.ckpt" --log "$tmp/k.csv" >/dev/null \
    2>"$tmp/err"
"$R" train $a $k --until 2 --out "$tmp/k2.ckpt" >/dev/null 2>&1
"$R" train --resume "$tmp/k2.ckpt" --out "$tmp/k4.ckpt" >/dev/null 2>&1
cmp -s "$tmp/k.ckpt" "$tmp/k4.ckpt" \
    && ok "2 anchor shapes: 2 steps + resume + 2 = 4, byte for byte" \
    || not_ok "2 anchor shapes: resumed run differs: $(cat "$tmp/err")"
if "$R" detect --model "$tmp/k.ckpt" --gt "$gt" --out "$tmp/dk.json" \
    >"$tmp/out" 2>"$tmp/err" \
    && grep -q '^2 images, [0-9]* detections: AP' "$tmp/out" \
    && "$R" eval --gt "$gt" --dt "$tmp/dk.json" >/dev/null 2>&1 \
    && "$R" report --model "$tmp/k.ckpt" --log "$tmp/k.csv" --val 2 \
       --out "$tmp/rk" >/dev/null 2>>"$tmp/err"
then ok "2 anchor shapes: detect, eval and report use the model's"
else not_ok "2 anchor shapes: $(cat "$tmp/out" "$tmp/err")"; fi
cols() { cut -d, -f1-5,8- "$1"; }
"$R" train $a --until 2 --out "$tmp/in.ckpt" --log "$tmp/in.csv" \
    >/dev/null 2>&1
"$R" train --resume "$tmp/half.ckpt" --out "$tmp/x.ckpt" \
    --log "$tmp/log.csv" >/dev/null 2>"$tmp/err"
grep -q 'its last row is iteration 4, but .*half.ckpt holds iterati'\
'on 2' "$tmp/err" && ok "a log that ends elsewhere is refused" \
    || not_ok "log mismatch: $(cat "$tmp/err")"
if "$R" train --resume "$tmp/in.ckpt" --log "$tmp/in.csv" \
    --log-every 1 >/dev/null 2>"$tmp/err" \
    && cmp -s "$tmp/in.ckpt" "$tmp/whole.ckpt" \
    && [ "$(cols "$tmp/in.csv")" = "$(cols "$tmp/log.csv")" ]
then ok "--resume M alone continues M and its log"
else not_ok "resume in place: $(cat "$tmp/err")"; fi
b="--iters 100000 --batch 1 --threads 1 --log-every 1"
"$R" train $b --out "$tmp/int.ckpt" --log "$tmp/int.csv" \
    >/dev/null 2>"$tmp/int.err" &
pid=$!
n=0
while [ "$(cat "$tmp/int.csv" 2>/dev/null | wc -l)" -lt 3 ] \
    && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
kill -INT "$pid"
wait "$pid"; st=$?
k=$(sed -n 's/.*int.ckpt holds iteration \([0-9]*\) of 100000$/\1/p' \
    "$tmp/int.err")
hint=$(sed -n '/^resume with:$/{n;p;}' "$tmp/int.err")
if [ "$st" = 130 ] && [ -n "$k" ] \
    && [ "$(tail -1 "$tmp/int.csv" | cut -d, -f1)" = "$k" ] \
    && echo "$hint" | grep -q -- "^ *$R train --resume $tmp/int.ckpt" \
    && (for w in "--threads 1" "--log $tmp/int.csv" "--log-every 1"
        do echo "$hint" | grep -q -- " $w" || exit 1; done)
then ok "Ctrl-C at iteration $k: saved, logged, and a resume hint"
else not_ok "Ctrl-C: exit $st, $(tr '\n' ' ' <"$tmp/int.err" \
    | tail -c 300)"; fi
"$R" train $b --until $((k + 2)) --out "$tmp/ref.ckpt" >/dev/null 2>&1
if [ -n "$k" ] && eval "$hint --until $((k + 2))" >/dev/null 2>&1 \
    && cmp -s "$tmp/int.ckpt" "$tmp/ref.ckpt" \
    && [ "$(tail -1 "$tmp/int.csv" | cut -d, -f1)" = $((k + 2)) ]
then ok "the printed command resumes exactly, and continues the log"
else not_ok "resuming after Ctrl-C differs from the whole run"; fi
finish
