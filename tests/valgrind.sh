# valgrind.sh RETINA: the program's paths, good and bad, under
# valgrind's memcheck; any error or leak fails.
R=$1 runs=0 failed=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/in"
# vg STATUS ARGS...: retina ARGS exits STATUS, valgrind finds nothing
vg() {
    want=$1; shift
    runs=$((runs + 1))
    valgrind -q --leak-check=full --error-exitcode=3 \
        --errors-for-leak-kinds=definite,indirect \
        "$R" "$@" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
    st=$?
    : >"$tmp/in"
    name=$(printf '%s ' "$@" | sed "s|$tmp/||g")
    if [ "$st" = "$want" ] && ! grep -q '^==[0-9]*==' "$tmp/err"; then
        echo "ok - valgrind: $name"
    else
        failed=$((failed + 1))
        echo "not ok - valgrind: $name: exit $st, want $want"
        grep '^==[0-9]*==' "$tmp/err" | head -n 40
    fi
}
vg 0 data --out "$tmp/d" --split val --count 1
gt=$tmp/d/instances_val.json
vg 0 data --check "$gt"
vg 0 train --iters 1 --batch 1 --val 1 --log "$tmp/log.csv" \
    --out "$tmp/m.ckpt"
vg 0 train --resume "$tmp/m.ckpt" --out "$tmp/r.ckpt"
vg 0 detect --model "$tmp/m.ckpt" --gt "$gt" --threads 2 \
    --out "$tmp/dt.json" --draw "$tmp/drawn"
vg 0 eval --gt "$gt" --dt "$tmp/dt.json" --pr-out "$tmp/pr.dat"
printf '0 1\n2.5 0\n# note\n' >"$tmp/in"
vg 0 loss --gamma 2 --alpha 0.25
vg 0 loss --curve --points 5 --loss star --beta 1
head -c 5000 "$tmp/m.ckpt" >"$tmp/cut.ckpt"
vg 1 train --resume "$tmp/cut.ckpt" --out "$tmp/x.ckpt"
vg 1 detect --model "$tmp/cut.ckpt" --gt "$gt" --out "$tmp/x.json"
sed 's/"annotations":\[/&{"id":99},/' "$gt" >"$tmp/ann.json"
vg 1 data --check "$tmp/ann.json"
head -c 3000 "$tmp/d/val-000000.png" >"$tmp/d/cut.png"
sed 's/val-000000.png/cut.png/' "$gt" >"$tmp/d/cut.json"
vg 1 data --check "$tmp/d/cut.json"
vg 1 detect --model "$tmp/m.ckpt" --gt "$tmp/d/cut.json" \
    --out "$tmp/x.json"
printf '[{"image_id":1,"category_id":1,"bbox":[0,0,5,5],"score":1},%s' \
    '{"image_id":1}]' >"$tmp/bad.json"
vg 1 eval --gt "$gt" --dt "$tmp/bad.json"
printf '0 1\n1 0\n1 2\n' >"$tmp/in"
vg 2 loss
vg 2 train --gamma -1 --out "$tmp/x.ckpt"
vg 2 detect --model "$tmp/m.ckpt" --gt "$gt" --out "$tmp/x.json" \
    --draw "$tmp/d"
vg 1 eval --gt "$gt" --dt /dev/zero
printf '[\0]' >"$tmp/nul.json"
vg 1 eval --gt "$gt" --dt "$tmp/nul.json"
vg 1 report --model "$tmp/m.ckpt" --log "$tmp/nul.json" \
    --out "$tmp/rep"
echo "valgrind: $runs runs, $failed failed"
[ "$failed" = 0 ]
