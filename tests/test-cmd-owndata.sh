# test-cmd-owndata.sh: train --gt, detect and eval on a data set of
# one's own (Section "Your own data" of Chapter 11).
suite=cmd-owndata
. tests/shlib.sh
R="$(cd "$(dirname "$RETINA")" && pwd)/$(basename "$RETINA")"
awk '/^\\begin\{verbatim\}/ { on = 1; next }
     /^\\end\{verbatim\}/ { if (ours) exit; on = 0; next }
     on && /^retina data --out own --split train/ { ours = 1 }
     on && ours { print }' chapters/11-training.nw \
    | sed -e ':a' -e '/\\$/N; s/\\\n *//; ta' >"$tmp/cmds"
n=0
while read -r word rest; do
    [ "$word" = retina ] || continue
    n=$((n + 1))
    (cd "$tmp" && eval "\"\$R\" $rest") >"$tmp/cmd$n.out" 2>&1 \
        || not_ok "the chapter's command $n: $rest: $(tail -2 \
"$tmp/cmd$n.out")"
done <"$tmp/cmds"
[ "$n" = 6 ] && [ -s "$tmp/own.ckpt" ] \
    && [ "$(ls "$tmp/own-drawn" | wc -l)" = 6 ] \
    && [ -s "$tmp/photo-drawn/val-000000.png.png" ] \
    && [ "$(grep -c 'Average' "$tmp/cmd5.out")" = 12 ] \
    && ok "the chapter's 6 commands: a model, drawings, 12 numbers" \
    || not_ok "the chapter's commands: $n run; $(cat "$tmp/cmds")"
grep -q '"width":160,"height":96' "$tmp/own/instances_train.json" \
    && grep -q '"width":120,"height":200' \
       "$tmp/own/instances_val.json" \
    && ! grep -q '"width":128' "$tmp/own/instances_train.json" \
    && ok "the data set's images are of mixed sizes, none 128 x 128" \
    || not_ok "image sizes: $(head -c 300 \
"$tmp/own/instances_train.json")"
"$R" data --out "$tmp/swap" --split val --count 6 --category-ids 3,1,2 \
    --image-sizes 160x96,120x200,256x256 >/dev/null 2>&1
"$R" train --gt "$tmp/own/instances_train.json" --out "$tmp/p.ckpt" \
    --iters 2 --batch 2 --prior 0.3 >/dev/null 2>&1
"$R" detect --model "$tmp/p.ckpt" --gt "$tmp/own/instances_val.json" \
    --out "$tmp/d1.json" >/dev/null 2>&1
"$R" detect --model "$tmp/p.ckpt" --gt "$tmp/swap/instances_val.json" \
    --out "$tmp/d2.json" >/dev/null 2>&1
named() {
    tr '{' '\n' <"$1" \
        | sed -e "s/\"category_id\":$2,/\"c\":\"rect\",/" \
        -e "s/\"category_id\":$3,/\"c\":\"ellipse\",/" \
        -e "s/\"category_id\":$4,/\"c\":\"tri\",/"
}
named "$tmp/d1.json" 1 2 3 >"$tmp/n1"
named "$tmp/d2.json" 3 1 2 >"$tmp/n2"
k=$(sed -n 's/.*"c":"\([a-z]*\)".*/\1/p' "$tmp/n1" | sort -u | wc -l)
grep -q '"name":"rectangle"' "$tmp/own/instances_val.json" \
    && grep -q '"id":3,"name":"rectangle"' \
       "$tmp/swap/instances_val.json" \
    && [ "$k" -ge 2 ] && cmp -s "$tmp/n1" "$tmp/n2" \
    && ok "categories listed under other ids: the same named results" \
    || not_ok "classes by name: $k classes; $(diff "$tmp/n1" "$tmp/n2" \
| head -3)"
"$R" detect --model "$tmp/p.ckpt" "$tmp/own/val-000000.png" \
    --out "$tmp/d3.json" >/dev/null 2>&1
tr '{' '\n' <"$tmp/d3.json" \
    | sed -n 's/.*"bbox":\[\([^]]*\)\].*/\1/p' >"$tmp/boxes"
[ -s "$tmp/boxes" ] && awk -F, '$1 < 0 || $2 < 0 || $1 + $3 > 160.001 ||
        $2 + $4 > 96.001 { bad = 1 } END { exit bad }' "$tmp/boxes" \
    && ok "an image file of 160 x 96: boxes inside its pixels" \
    || not_ok "boxes of val-000000.png: $(head -3 "$tmp/boxes")"
gt="$tmp/own/instances_train.json"
a="--gt $gt --iters 4 --batch 3"
"$R" train $a --threads 1 --out "$tmp/t1.ckpt" >/dev/null 2>&1
"$R" train $a --threads 2 --out "$tmp/t2.ckpt" >/dev/null 2>&1
[ -s "$tmp/t1.ckpt" ] && cmp -s "$tmp/t1.ckpt" "$tmp/t2.ckpt" \
    && ok "--gt on 1 and 2 threads: the same checkpoint, bit for bit" \
    || not_ok "--gt: threads 1 and 2 differ"
"$R" train $a --until 2 --out "$tmp/h.ckpt" >/dev/null 2>&1
"$R" train --resume "$tmp/h.ckpt" --out "$tmp/r.ckpt" >/dev/null 2>&1
cmp -s "$tmp/t1.ckpt" "$tmp/r.ckpt" \
    && ok "--gt: 2 steps + resume (path from the model) + 2 steps" \
    || not_ok "--gt: the resumed run differs from the whole run"
"$R" train $a --seed 5 --out "$tmp/s1.ckpt" >/dev/null 2>&1
"$R" train $a --seed 5 --out "$tmp/s2.ckpt" >/dev/null 2>&1
cmp -s "$tmp/s1.ckpt" "$tmp/s2.ckpt" && ! cmp -s "$tmp/s1.ckpt" \
    "$tmp/t1.ckpt" \
    && ok "--gt: the same seed gives the same run, another another" \
    || not_ok "--gt: seeds"
o="--out $tmp/bad.ckpt --iters 1 --batch 1"
own="$tmp/own"
expect 2 '^retina train: --objects: .* does not apply to --gt' \
    "--gt with --objects" "$R" train --gt "$gt" $o --objects 1:2
expect 2 '^retina train: --sizes' "--gt with --sizes" "$R" train \
    --gt "$gt" $o --sizes 8:16
expect 2 '^retina train: --distractors' "--gt with --distractors" \
    "$R" train --gt "$gt" $o --distractors 1
expect 2 '^retina train: --val: generated validation scenes' \
    "--gt with --val" "$R" train --gt "$gt" $o --val 5
expect 1 'nowhere.json: cannot open' "--gt: a missing file" \
    "$R" train --gt "$tmp/nowhere.json" $o
sed 's/train-000003.png/gone.png/' "$gt" >"$own/t-missing.json"
expect 1 'image 4: .*gone.png' "--gt: a missing image file" \
    "$R" train --gt "$own/t-missing.json" $o
sed 's/"width":160,"height":96/"width":160,"height":97/' "$gt" \
    >"$own/t-size.json"
expect 1 'the file is 160 x 96, the annotations say 160 x 97' \
    "--gt: an image of another size than stated" \
    "$R" train --gt "$own/t-size.json" $o
sed 's/"width":160,"height":96/"width":0,"height":96/' "$gt" \
    >"$own/t-zero.json"
expect 1 't-zero.json: .*width' "--gt: an image of width 0" \
    "$R" train --gt "$own/t-zero.json" $o
sed 's/"bbox":\[[0-9.e+-]*,/"bbox":[300,/' "$gt" >"$own/t-box.json"
expect 1 'leaves image' "--gt: a box outside its image" \
    "$R" train --gt "$own/t-box.json" $o
sed 's/"name":"ellipse"/"name":"rectangle"/' "$gt" >"$own/t-dup.json"
expect 1 'two categories are named "rectangle"' \
    "--gt: two categories of one name" \
    "$R" train --gt "$own/t-dup.json" $o
cats=$(awk 'BEGIN { for (k = 1; k <= 101; k++)
    printf "%s{\"id\":%d,\"name\":\"c%d\"}", (k > 1 ? "," : ""),
        k, k }')
sed "s/\"categories\":\[[^]]*\]/\"categories\":[$cats]/" "$gt" \
    >"$own/t-cats.json"
grep -q '"id":101,"name":"c101"' "$own/t-cats.json" \
    || not_ok "the file of 101 categories was not written"
expect 1 'more than 100 categories' "--gt: 101 categories" \
    "$R" train --gt "$own/t-cats.json" $o
"$R" train --iters 1 --batch 1 --out "$tmp/c0.ckpt" >/dev/null 2>&1
many() {
    awk -v n="$1" '{
        i = index($0, "\"annotations\":[")
        if (!i) { print; next }
        head = substr($0, 1, i + 14); rest = substr($0, i + 15)
        e = index(rest, "}")
        one = substr(rest, 1, e)
        out = ""
        for (k = 0; k < n; k++) {
            a = one; sub(/"id":[0-9]+/, "\"id\":" (900000 + k), a)
            out = out a ","
        }
        print head out rest }' "$2"
}
many 40 "$own/instances_val.json" >"$own/v-many.json"
"$R" detect --model "$tmp/p.ckpt" --gt "$own/v-many.json" \
    --out "$tmp/d4.json" >"$tmp/out" 2>&1 \
    && ok "detect: an image with more than 32 objects" \
    || not_ok "detect on 40 objects: $(cat "$tmp/out")"
"$R" data --check "$own/v-many.json" >"$tmp/out" 2>&1 \
    && ok "data --check: an image with more than 32 objects" \
    || not_ok "data --check on 40 objects: $(cat "$tmp/out")"
many 70 "$gt" >"$own/t-many.json"
expect 1 'image [0-9]+ has 7[0-9] objects; training takes at most 64' \
    "--gt: more than 64 objects in an image" \
    "$R" train --gt "$own/t-many.json" $o
cp "$gt" "$own/t-copy.json"
"$R" train --gt "$own/t-copy.json" --iters 2 --batch 1 --until 1 \
    --out "$tmp/c.ckpt" >/dev/null 2>&1
sed 's/"iscrowd":0/"iscrowd":0 /' "$gt" >"$own/t-copy.json"
expect 1 't-copy.json: not the file .*c.ckpt was trained on' \
    "resume: a training file whose bytes changed" \
    "$R" train --resume "$tmp/c.ckpt" --out "$tmp/c2.ckpt"
expect 2 '^retina train: --gt: .* trained on generated scenes' \
    "resume: --gt on a model of scenes" "$R" train --resume \
    "$tmp/c0.ckpt" --gt "$gt" --out "$tmp/c3.ckpt"
sed 's/"name":"triangle"/"name":"star"/' \
    "$own/instances_val.json" >"$own/v-star.json"
expect 1 'v-star.json: category "star" is not one of the model' \
    "--val-gt with another category" "$R" train --gt "$gt" $o \
    --val-gt "$own/v-star.json"
finish
