# test-badinput.sh: bad input to every subcommand, one case a line.
suite=badinput
. tests/shlib.sh
R=$RETINA cases=0
d=$tmp/d o=$tmp/o
mkdir "$d" "$o"
for f in keep.json keep.ckpt keep.dat; do echo keep >"$o/$f"; done
: >"$tmp/in"
snap() { (cd "$o" && ls -A && cksum -- *); }
if command -v timeout >/dev/null; then limit="timeout 60"
else limit=; fi
# bad STATUS REGEX ARGS...: retina ARGS fails as the policy says.
bad() {
    want=$1 pat=$2; shift 2
    cases=$((cases + 1))
    name=$(printf '%s ' "$@" | sed "s|$tmp/||g")
    before=$(snap)
    { (ulimit -f "${FSIZE:-unlimited}"; exec $limit "$R" "$@") \
        <"$tmp/in" 2>&1 >"${OUT:-$tmp/out}"; echo $? >"$tmp/st"; } \
        | cat >"$tmp/err"
    st=$(cat "$tmp/st")
    : >"$tmp/in"
    if [ "$st" = 124 ]; then why="still running after 60 s"
    elif [ "$st" -ge 128 ]; then why="killed by signal $((st - 128))"
    elif [ "$st" != "$want" ]; then why="exit $st, want $want"
    elif ! grep "^retina $1: " "$tmp/err" | grep -qE -- "$pat"; then
        why="no line 'retina $1: ...' matching /$pat/"
    elif grep -qE 'Sanitizer|runtime error' "$tmp/err"; then
        why="a sanitizer report"
    elif [ "$before" != "$(snap)" ]; then why="an output changed"
    else ok "exit $st: $name"; return; fi
    not_ok "$name: $why: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
}
"$R" data --out "$d" --split val --count 2 --seed 3 >/dev/null
"$R" train --iters 1 --batch 1 --out "$tmp/m.ckpt" >/dev/null 2>&1
gt=$d/instances_val.json ck=$tmp/m.ckpt png=$d/val-000000.png
cp tests/corpus/image/photo.jpg "$d/photo.jpg"
poke() {
    f=$1 at=$2; shift 2
    printf "$(printf '\\%s' "$@")" \
        | dd of="$f" bs=1 seek="$at" conv=notrunc 2>/dev/null
}
flip() { v=$(od -An -tu1 -j "$2" -N1 "$1")
         poke "$1" "$2" "$(printf '%o' $((v ^ 1)))"; }
at() {                   # at FILE HEX: offset of the bytes HEX in FILE
    od -An -v -tx1 "$1" | tr -d ' \n' | awk -v s="$2" '{
        for (i = 1; (j = index(substr($0, i), s)) > 0; i += j)
            if ((i + j) % 2 == 0) { print (i + j - 2) / 2; exit } }'
}
IMG='{"id":1,"file_name":"val-000000.png","width":128,"height":128}'
ANN='{"id":1,"image_id":1,"category_id":1,"bbox":[10,10,20,20]}'
CAT='{"id":1,"name":"rectangle"}'
js() {      # js NAME IMAGES ANNOTATIONS CATEGORIES: write $d/NAME
    printf '{"images": [%s],\n "annotations": [%s],\n' "$2" "$3" \
        >"$d/$1"
    printf ' "categories": [%s]}\n' "$4" >>"$d/$1"
}
sub() { printf '%s\n' "$1" | sed "$2"; }    # sub TEXT SED-SCRIPT
r='"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5]'
printf '[{%s, "score": 0.5}]\n' "$r" >"$d/ok.json"
bad 2 "--gamma: -1 is out of range" loss --gamma -1
bad 2 "--gamma: '1e999' is not a finite" loss --gamma 1e999
bad 2 "--gamma: '' is not a finite" loss --gamma ''
bad 2 "--alpha: '1.5' is not in" loss --alpha 1.5
bad 2 "--loss: 'hinge'" loss --loss hinge
bad 2 "--points: only with --curve" loss --points 5
bad 2 "--gamma: needs a value" loss --gamma
bad 2 "--out: is required" data --count 3
bad 2 "--count: 0 is out of range" data --out "$o/new" --count 0
bad 2 "--count: '1e3' is not a whole" data --out "$o/new" --count 1e3
bad 2 "--count: '99999999999999999999' is not" data --out "$o/new" \
    --count 99999999999999999999
bad 2 "--split: 'dev'" data --out "$o/new" --split dev
bad 2 "--fast: unknown flag" data --out "$o/new" --fast 1
bad 2 "'': unknown flag" data --out "$o/new" '' 1
bad 2 "'': needs a value" train --iters 1 --out "$o/new.ckpt" ''
bad 2 "--gt and --dt are required" eval --gt "$gt"
bad 2 "--dt: needs a value" eval --gt "$gt" --dt
bad 2 "--out is required" train --iters 1
bad 2 "--gamma: 21 is out of range" train --out "$o/keep.ckpt" \
    --gamma 21
bad 2 "--batch: 0 is out of range" train --out "$o/keep.ckpt" --batch 0
bad 2 "--lr: 'nan' is not" train --out "$o/keep.ckpt" --lr nan
bad 2 "--threads: 65 is out of range" train --out "$o/keep.ckpt" \
    --threads 65
bad 2 "--images: give --iters or --images" train \
    --out "$o/keep.ckpt" --iters 1 --images 5
bad 2 "--until: 9 is past" train --out "$o/keep.ckpt" --iters 3 \
    --until 9
bad 2 "--objects: sets the generated scenes; it does not apply to" \
    train --out "$o/keep.ckpt" --gt "$gt" --objects 1:2
bad 2 "--val: generated validation scenes do not fit a --gt" train \
    --out "$o/keep.ckpt" --gt "$gt" --val 3
bad 1 "nowhere.json: cannot open" train --out "$o/keep.ckpt" \
    --gt "$d/nowhere.json"
js cats101.json "$IMG" "" "$(awk 'BEGIN { for (k = 1; k <= 101; k++)
    printf "%s{\"id\":%d,\"name\":\"c%d\"}", (k > 1 ? "," : ""),
        k, k }')"
bad 1 "more than 100 categories" train --out "$o/keep.ckpt" \
    --gt "$d/cats101.json"
bad 2 "--gamma: the configuration comes from" train \
    --out "$o/keep.ckpt" --resume "$ck" --gamma 1
bad 2 "one of --gt, --split or IMAGE" detect --model "$ck" \
    --out "$o/keep.json"
bad 2 "one of --gt, --split or IMAGE" detect --model "$ck" --gt "$gt" \
    --split val --out "$o/keep.json"
bad 2 "--min-score: 1.5 is out of range" detect --model "$ck" \
    --split val --min-score 1.5 --out "$o/keep.json"
bad 2 "--split: moon" detect --model "$ck" --split moon \
    --out "$o/keep.json"
bad 2 "--split: '': give train" detect --model "$ck" --split '' \
    --out "$o/keep.json"
bad 2 "--image-sizes: '': give" data --out "$o/new" --image-sizes ''
bad 2 "--category-ids: '': give" data --out "$o/new" --category-ids ''
bad 2 "--threads: 0 is out of range" bench --threads 0
bad 2 "--reps: 'x' is not" bench --reps x
bad 2 "unknown case 'gemm7'" bench --case gemm7
# anch K V REGEX: train refuses the anchor flag K with the value V.
anch() {
    bad 2 "$1: $3" train --out "$o/keep.ckpt" --iters 1 "$1" "$2"
}
anch --anchor-size 0 "0 is out of range"
anch --anchor-size 17 "17 is out of range"
anch --anchor-size x "'x' is not a finite"
anch --scales '' "'' is not a list"
anch --scales 0,,1 "'0,,1' is not a list"
anch --scales 0,1/3, "'0,1/3,' is not a list"
anch --scales 1/0 "'1/0' is not a list"
anch --scales 0,nan "'0,nan' is not a list"
anch --scales 3 "3: 3 is out of range"
anch --scales 0,1,0 "0,1,0: 0 is given twice"
anch --scales 0,.1,.2,.3,.4,.5,.6,.7,.8 ".*: at most 8 entries"
anch --ratios 0 "0: 0 is out of range"
anch --ratios 1/2,0.5 "1/2,0.5: 0.5 is given twice"
anch --ratios 1:2 "'1:2' is not a list"
anch --fg-iou 0 "0: give an IoU in \\(0, 1\\]"
anch --fg-iou 1.5 "1.5 is out of range"
anch --bg-iou -0.1 "-0.1 is out of range"
bad 2 "--bg-iou: 0.6 is above --fg-iou 0.5" train \
    --out "$o/keep.ckpt" --iters 1 --bg-iou 0.6
bad 2 "--scales: the configuration comes from" train \
    --out "$o/keep.ckpt" --resume "$ck" --scales 0
printf '0 1\n1 x\n' >"$tmp/in"
bad 2 "stdin:2: target 'x' is not 0 or 1" loss
printf '0 1\n\n# note\n3\n' >"$tmp/in"
bad 2 "stdin:4: missing target after logit '3'" loss
printf '0\0003 1\n' >"$tmp/in"
bad 2 "stdin:1: missing target" loss
head -c 3000 /dev/zero | tr '\0' 1 >"$tmp/in"
bad 2 "stdin:1: line longer than" loss
# cj NAME REGEX IMAGES ANNOTATIONS CATEGORIES: refused, naming NAME.
cj() { js "$1" "$3" "$4" "$5"
       bad 1 "$1: $2" data --check "$d/$1"; }
printf '{"images": [],\n "annotations": [,]}' >"$d/syntax.json"
bad 1 'syntax.json:2: not valid JSON \(byte [0-9]+\)' data --check \
    "$d/syntax.json"
head -c 200 "$gt" >"$d/cut.json"
bad 1 'cut.json:1: not valid JSON \(byte [0-9]+\)' data --check \
    "$d/cut.json"
: >"$d/empty.json"
bad 1 'empty.json:1: not valid JSON' data --check "$d/empty.json"
{ cat "$gt"; cat "$gt"; } >"$d/twice.json"
bad 1 'twice.json:2: text after the JSON value' data --check \
    "$d/twice.json"
bad 1 'nowhere.json: cannot open: No such file' data --check \
    "$d/nowhere.json"
printf '[1, 2]' >"$d/array.json"
bad 1 'array.json: "categories" is missing' data --check "$d/array.json"
cj nocat.json 'no categories' "$IMG" "" ""
cj dupcat.json 'category 1: duplicate id' "$IMG" "" "$CAT,$CAT"
cj catname.json 'category 1: "name" is not a string' "$IMG" "" \
    '{"id":1,"name":7}'
cj catid.json 'category #0: "id" is not a whole' "$IMG" "" \
    '{"id":"a","name":"x"}'
cj noimg.json 'no images' "" "" "$CAT"
cj imgnum.json 'image #0: missing "id"' "1" "" "$CAT"
# ci, ca NAME REGEX SED: the image, the annotation edited by SED
ci() { cj "$1" "image 1: $2" "$(sub "$IMG" "$3")" "" "$CAT"; }
ca() { cj "$1" "annotation 1: $2" "$IMG" "$(sub "$ANN" "$3")" "$CAT"; }
ci w0.json '"width" = 0 is not in \[1, 8192\]' \
    's/"width":128/"width":0/'
ci wbig.json '"width" = 100000 is not in' \
    's/"width":128/"width":100000/'
ci wstr.json '"width" is not a whole number' \
    's/"width":128/"width":"128"/'
ci abs.json '"file_name" is not a relative path' \
    's|val-000000.png|/etc/passwd|'
ci up.json '"file_name" is not a relative path' \
    's|val-000000.png|../x.png|'
cj dupimg.json 'image 1: duplicate id' "$IMG,$IMG" "" "$CAT"
ca unkimg.json 'unknown image_id 9' 's/"image_id":1/"image_id":9/'
ca unkcat.json 'unknown category_id 7' \
    's/"category_id":1/"category_id":7/'
ca right.json 'bbox \[120, 10, 20, 20\] leaves image 1 \(128 x 128\)' \
    's/\[10,10/[120,10/'
ca left.json 'bbox \[-1, 10, 20, 20\] leaves image 1' \
    's/\[10,10/[-1,10/'
ca zerow.json 'bbox width 0, height 20: both must be positive' \
    's/10,20,20/10,0,20/'
ca negh.json 'bbox width 20, height -5: both must be positive' \
    's/20,20\]/20,-5]/'
ca tiny.json 'bbox width 1e-09, height 20: too small' \
    's/10,20,20/10,1e-9,20/'
ca bbox3.json '"bbox" is not \[x, y, width, height\]' 's/,20\]/]/'
ca bboxstr.json '"bbox" is not' 's/\[10,/["10",/'
ca bboxinf.json '"bbox" is not' 's/\[10,/[1e999,/'
cj annid.json 'annotation #0: "id" is not a whole number' "$IMG" \
    "$(sub "$ANN" 's/"id":1,/"id":1.5,/')" "$CAT"
many=$ANN
for i in $(seq 2 65); do
    many="$many,$(sub "$ANN" "s/\"id\":1,/\"id\":$i,/")"
done
js many.json "$IMG" "$many" "$CAT"
"$R" data --check "$d/many.json" 2>"$tmp/err" | grep -q '65 objects' \
    && ok "data --check: 65 annotations in an image are no fault" \
    || not_ok "data --check many.json: $(head -c 300 "$tmp/err")"
bad 1 'image 1 has 65 objects; training takes at most 64' train \
    --out "$o/keep.ckpt" --gt "$d/many.json"
bad 1 'noimg.json: no images' eval --gt "$d/noimg.json" --dt "$gt" \
    --pr-out "$o/keep.dat"
bad 1 'unkcat.json: annotation 1: unknown category_id' detect \
    --model "$ck" --gt "$d/unkcat.json" --out "$o/keep.json"
# cr NAME REGEX TEXT: eval refuses the results TEXT, naming NAME.
cr() {
    printf '%b' "$3" >"$d/$1"
    bad 1 "$1$2" eval --gt "$gt" --dt "$d/$1" --pr-out "$o/keep.dat"
}
cr rsyntax.json ':2: not valid JSON \(byte [0-9]+\)' \
    "[{$r,\n \"score\": }]"
cr rindex.json ': \[1\]: score is not a number in \[0, 1\]' \
    "[{$r, \"score\": 0.5}, {$r, \"score\": 7}]"
cr rword.json ': \[0\]: score is not' "[{$r, \"score\": \"high\"}]"
cr robject.json ': not a JSON array' "{$r, \"score\": 0.5}"
cr rnumber.json ': \[0\]: not an object' '[1]'
cr rimage.json ': \[0\]: image_id is not an image of the ground truth'\
    "[{$(sub "$r" 's/"image_id": 1/"image_id": 9/'), \"score\": 1}]"
cr rcat.json ': \[0\]: category_id is not a category' \
    "[{$(sub "$r" 's/category_id": 1/category_id": 7/'), \"score\": 1}]"
cr rwidth.json ': \[0\]: bbox\[2\] is not a finite non-negative' \
    "[{$(sub "$r" 's/0, 5, 5/0, -5, 5/'), \"score\": 1}]"
cr rbox3.json ': \[0\]: bbox is not \[x, y, w, h\]' \
    "[{$(sub "$r" 's/, 5\]/]/'), \"score\": 1}]"
cr rempty.json ':1: not valid JSON' ''
bad 1 'nowhere.json: cannot open' eval --gt "$gt" \
    --dt "$d/nowhere.json"
# im FILE REGEX: an instances file listing FILE is refused.
im() { js "$1.json" "$(sub "$IMG" "s|val-000000.png|$1|")" "" "$CAT"
       bad 1 "$2" data --check "$d/$1.json"; }
head -c 1000 "$png" >"$d/cut.png"
im cut.png 'image 1: .*cut.png: a PNG chunk that runs past the end'
cp "$png" "$d/depth.png"; poke "$d/depth.png" 24 007
im depth.png 'depth.png: a PNG header that cannot be read'
cp "$png" "$d/zlib.png"
poke "$d/zlib.png" $(($(at "$png" 49444154) + 4)) 000 000 000 000
im zlib.png 'zlib.png: cannot decode'
printf '\211PNG\r\n\032\n\0\0\0\015IHDR' >"$d/huge.png"
printf '\0\001\206\240\0\001\206\240\010\002\0\0\0\0\0\0\0' \
    >>"$d/huge.png"
im huge.png 'huge.png: 100000 x 100000 pixels; each side must be in'
head -c 33 "$png" >"$d/long.png"             # signature and IHDR
printf '\177\377\377\377IDAT\0\0\0\0' >>"$d/long.png"
im long.png 'long.png: a PNG chunk that runs past the end of the file'
: >"$d/zero.png"
im zero.png 'zero.png: not a PNG or JPEG image'
echo hello >"$d/text.png"
im text.png 'text.png: not a PNG or JPEG image'
printf 'GIF89a\001\0\001\0\200\0\0\377\377\377\0\0\0' >"$d/pixel.gif"
printf '!\371\004\001\0\0\0\0,\0\0\0\0\001\0\001\0\0\002\002D\001\0;' \
    >>"$d/pixel.gif"
im pixel.gif 'pixel.gif: not a PNG or JPEG image'
mkdir "$d/folder.png"
im folder.png 'folder.png: is a folder; give a regular file'
im none.png 'image 1: .*none.png: cannot open: No such file'
head -c $(($(at "$d/photo.jpg" ffda) + 30)) "$d/photo.jpg" >"$d/cut.jpg"
im cut.jpg 'cut.jpg: cannot decode'
sof=$(at "$d/photo.jpg" ffc0)
cp "$d/photo.jpg" "$d/big.jpg"; poke "$d/big.jpg" $((sof + 5)) \
    043 050 043 050
im big.jpg 'big.jpg: 9000 x 9000 pixels; each side must be in'
cp "$d/photo.jpg" "$d/huge.jpg"; poke "$d/huge.jpg" $((sof + 5)) \
    377 377 377 377
im huge.jpg 'huge.jpg: 65535 x 65535 pixels; each side must be in'
cp "$d/photo.jpg" "$d/flat.jpg"; poke "$d/flat.jpg" $((sof + 5)) 0 0
im flat.jpg 'flat.jpg: a JPEG header that cannot be read'
cp "$d/photo.jpg" "$d/codes.jpg"
poke "$d/codes.jpg" $(($(at "$d/photo.jpg" ffc4) + 5)) 377 377 377 377 \
    377 377 377 377 377 377 377 377 377 377 377 377
im codes.jpg 'codes.jpg: a JPEG Huffman table of more than 256 codes'
cp "$d/photo.jpg" "$d/table.jpg"
poke "$d/table.jpg" $(($(at "$d/photo.jpg" ffda) + 6)) 042
im table.jpg 'table.jpg: a JPEG scan that uses a Huffman table it never'
head -c $(at "$d/photo.jpg" ffda) "$d/photo.jpg" >"$d/loop.jpg"
printf '\377\332\0\003\004\377\331' >>"$d/loop.jpg"  # SOS, length 3
im loop.jpg 'loop.jpg: cannot decode'
js size.json "$(sub "$IMG" 's/"width":128/"width":64/')" "" "$CAT"
bad 1 'the file is 128 x 128, the annotations say 64 x 128' \
    data --check "$d/size.json"
bad 1 'image 1: .*cut.png: a PNG chunk that runs past' \
    detect --model "$ck" \
    --gt "$d/cut.png.json" --out "$o/keep.json"
js photo.json \
    '{"id":1,"file_name":"photo.jpg","width":24,"height":16}' "" "$CAT"
if "$R" data --check "$d/photo.json" >/dev/null 2>&1 \
   && "$R" data --check "$gt" >/dev/null 2>&1
then ok "the undamaged PNG and JPEG pass"
else not_ok "an undamaged image is refused"; fi
# ckb NAME REGEX: train and detect refuse $d/NAME.
ckb() {
    bad 1 "$1: $2" train --resume "$d/$1" --out "$o/keep.ckpt"
    bad 1 "$1: $2" detect --model "$d/$1" --split val --count 1 \
        --out "$o/keep.json"
}
size=$(wc -c <"$ck")
: >"$d/empty.ckpt"
ckb empty.ckpt 'byte 0: not a checkpoint'
head -c 10 "$ck" >"$d/short.ckpt"
ckb short.ckpt 'byte 0: not a checkpoint'
cp "$ck" "$d/magic.ckpt"; poke "$d/magic.ckpt" 0 130
ckb magic.ckpt 'byte 0: not a checkpoint \(no magic "RETINAck"\)'
cp "$ck" "$d/version.ckpt"; poke "$d/version.ckpt" 8 143
ckb version.ckpt 'byte 8: version 99, but this program reads version'
head -c 1000 "$ck" >"$d/cut.ckpt"
ckb cut.ckpt 'byte 1000: payload of [0-9]+ bytes, but the file has'
head -c $((size / 2)) "$ck" >"$d/half.ckpt"
ckb half.ckpt "byte $((size / 2)): payload .* truncated or padded"
{ cat "$ck"; printf x; } >"$d/padded.ckpt"
ckb padded.ckpt 'byte 16: payload .* truncated or padded'
cp "$ck" "$d/length.ckpt"; flip "$d/length.ckpt" 20
ckb length.ckpt 'byte [0-9]+: payload of'
cp "$ck" "$d/flip.ckpt"; flip "$d/flip.ckpt" $((size / 2))
ckb flip.ckpt "byte $((size - 8)): hash does not match the payload"
cp "$ck" "$d/hash.ckpt"; flip "$d/hash.ckpt" $((size - 1))
ckb hash.ckpt 'byte [0-9]+: hash does not match'
cp "$png" "$d/png.ckpt"
ckb png.ckpt 'byte 0: not a checkpoint'
ckb nowhere.ckpt 'cannot open: No such file'
bad 1 'none/m.ckpt: folder .*none: No such file' train --iters 1 \
    --batch 1 --out "$tmp/none/m.ckpt"
bad 1 'none/log.csv: folder .*none: No such file' train --iters 1 \
    --batch 1 --out "$o/new.ckpt" --log "$tmp/none/log.csv"
bad 1 'none/dt.json: folder .*none: No such' detect --model "$ck" \
    --split val --count 1 --out "$tmp/none/dt.json"
bad 1 'none/pr.dat: folder .*none: No such' eval --gt "$gt" \
    --dt "$d/ok.json" --pr-out "$tmp/none/pr.dat"
bad 1 'val-000000.png/new: .*png is not a folder' data \
    --out "$png/new" --count 1
cp "$ck" "$o/in.ckpt"; cp "$gt" "$o/in.json"
ln "$o/in.ckpt" "$o/ln.ckpt"
bad 2 'in.ckpt: is the same file as .*in.ckpt' detect \
    --model "$o/in.ckpt" --split val --count 1 --out "$o/./in.ckpt"
bad 2 'ln.ckpt: is the same file as .*in.ckpt' detect \
    --model "$o/in.ckpt" --split val --count 1 --out "$o/ln.ckpt"
bad 2 'in.json: is the same file as' detect --model "$ck" \
    --gt "$o/in.json" --out "$o/in.json"
bad 2 "$(basename "$d"): is the same file as" detect --model "$ck" \
    --gt "$gt" --out "$o/keep.json" --draw "$d"
bad 2 'in.json: is the same file as' eval --gt "$o/in.json" \
    --dt "$d/ok.json" --pr-out "$o/in.json"
bad 2 'in.ckpt: is the same file as' train --resume "$o/in.ckpt" \
    --out "$o/keep.ckpt" --log "$o/in.ckpt"
bad 2 'keep.ckpt: is the same file as' train --iters 1 \
    --out "$o/keep.ckpt" --log "$o/keep.ckpt"
cp "$o/keep.dat" "$o/curves-run.dat"
bad 2 'curves-run.dat: is the same file as' report \
    --model "$o/in.ckpt" --log "$o/curves-run.dat" --out "$o"
bad 2 'curves-run.dat: is the same file as' plot \
    "$o/curves-run.dat" --out "$o/./curves-run.dat"
mkfifo "$tmp/fifo"
ln -s /dev/null "$tmp/null"; ln -s /dev/zero "$tmp/zero"
bad 1 'null: is a character device' train --iters 1 --out "$tmp/null"
bad 1 'zero: is a character device' eval --gt "$gt" \
    --dt "$d/ok.json" --pr-out "$tmp/zero"
bad 1 'fifo: is a FIFO' detect --model "$ck" --split val --count 1 \
    --out "$tmp/fifo"
bad 1 'null: is a character device, not a folder' data \
    --out "$tmp/null" --count 1
cases=$((cases + 1))
if [ -c /dev/null ] && [ -c /dev/zero ]; then
    ok "/dev/null and /dev/zero are still devices"
else not_ok "/dev/null or /dev/zero is no longer a device"; fi
bad 2 "'': an output needs a file name" detect --model "$ck" \
    --split val --count 1 --out ''
bad 2 '-: this output is a file' eval --gt "$gt" --dt "$d/ok.json" \
    --pr-out -
bad 2 "$(basename "$o"): names a folder" train --iters 1 --out "$o"
mkfifo "$tmp/t.json.tmp"
bad 1 't.json.tmp: is a FIFO; remove it' detect --model "$ck" \
    --split val --count 1 --out "$tmp/t.json"
rm -f "$tmp/t.json.tmp"
long=$tmp c200=$(printf '%0200d' 0)
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do long=$long/$c200; done
mkdir -p "$long"
cases=$((cases + 1))
if "$R" data --out "$long/set" --split val --count 2 >/dev/null \
    && "$R" data --check "$long/set/instances_val.json" >/dev/null \
    && "$R" train --iters 1 --batch 1 --out "$long/m.ckpt" \
        >/dev/null 2>&1 \
    && "$R" detect --model "$long/m.ckpt" \
        --gt "$long/set/instances_val.json" --out "$long/dt.json" \
        --draw "$long/drawn" >/dev/null \
    && [ -s "$long/drawn/val-000001.png" ] && [ -s "$long/dt.json" ] \
    && [ -z "$(find "$tmp" -name '*.tmp')" ]; then
    ok "a path of ${#long} bytes: data, check, train, detect, draw"
else
    not_ok "a path of ${#long} bytes: $(ls "$long" | tr '\n' ' ')"
fi
bad 1 "$c200/none/m.ckpt: folder .*$c200/none: No such" train \
    --iters 1 --out "$long/none/m.ckpt"
bad 1 'File name too long' train --iters 1 \
    --out "$tmp/$(printf '%0300d' 0).ckpt"
FNAME=$(printf '%0300d' 0).png
js longname.json "$(sub "$IMG" "s/val-000000.png/$FNAME/")" "" "$CAT"
bad 1 "image 1: .*$FNAME: cannot open" data \
    --check "$d/longname.json"
TOOLONG=$(printf '%05000d' 0)
js toolong.json "$(sub "$IMG" "s/val-000000.png/$TOOLONG/")" "" "$CAT"
bad 1 'toolong.json: image 1: "file_name" is longer than 4095' data \
    --check "$d/toolong.json"
if [ -c /dev/full ]; then
    OUT=/dev/full bad 1 'standard output: No space left' data \
        --check "$gt"
    OUT=/dev/full bad 1 'standard output: No space left' eval \
        --gt "$gt" --dt "$d/ok.json"
    printf '0 1\n' >"$tmp/in"
    OUT=/dev/full bad 1 'No space left|write error' loss
fi
FSIZE=1 bad 1 'keep.ckpt: cannot write: File too large' train \
    --iters 1 --batch 1 --out "$o/keep.ckpt"
FSIZE=1 bad 1 'log.csv: cannot write the log: File too large' train \
    --iters 12 --batch 1 --log-every 1 --save-every 100 \
    --out "$tmp/m12.ckpt" --log "$tmp/log.csv"
FSIZE=1 bad 1 'val-0+[0-9].png: cannot write: File too large' data \
    --out "$tmp/big" --split val --count 3
cases=$((cases + 1))
if [ -z "$(find "$tmp" -name '*.tmp')" ]; then
    ok "no temporary left by the failed writes"
else not_ok "temporaries left: $(find "$tmp" -name '*.tmp')"; fi
bad 1 '/dev/zero: is a character device' detect --model /dev/zero \
    --split val --count 1 --out "$o/keep.json"
bad 1 '/dev/zero: is a character device' eval --gt "$gt" \
    --dt /dev/zero
bad 1 '/dev/zero: is a character device' data --check /dev/zero
mkfifo "$tmp/endless"
{ yes '[[[[' >"$tmp/endless" 2>/dev/null & } 2>/dev/null
bad 1 'endless: more than 268435456 bytes, the limit for a results' \
    eval --gt "$gt" --dt "$tmp/endless"
printf '[\0]\n' >"$d/nul.json"
bad 1 'nul.json: byte 1: a NUL byte' eval --gt "$gt" --dt "$d/nul.json"
bad 1 'nul.json: byte 1: a NUL byte' data --check "$d/nul.json"
js esc.json "$(sub "$IMG" 's/000000.png/000000.png\\u0000.txt/')" \
    "$ANN" "$CAT"
bad 1 'esc.json: byte [0-9]+: a \\u0000 escape' data \
    --check "$d/esc.json"
js dupann.json "$IMG" "$ANN, $(sub "$ANN" 's/"image_id"/"area":1,&/')" \
    "$CAT"
bad 1 'dupann.json: annotation 1: duplicate id' data \
    --check "$d/dupann.json"
printf 'iter,lr\n10,0.1,1,1,1,1,1,1,,,\n20,0.1\n' >"$d/cut.csv"
bad 1 'cut.csv:3: not a row of a training log' report --model "$ck" \
    --log "$d/cut.csv" --out "$tmp/rep"
echo "# $cases cases"
finish
