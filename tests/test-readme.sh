# test-readme.sh: what the README shows is what the programs print.
suite=readme
. tests/shlib.sh
R=$(cd "$(dirname "$RETINA")" && pwd)/$(basename "$RETINA")
awk -v dir="$tmp" '
    /^```/ { inside = 0; next }
    /^\$ / { if (!inside) { n++; inside = 1
                             printf "" > (dir "/want" n) }
             print substr($0, 3) > (dir "/cmd" n); next }
    inside { print > (dir "/want" n) }
' README.md
count=0
for c in "$tmp"/cmd*; do
    [ -e "$c" ] || break
    i=${c##*/cmd}; count=$((count + 1))
    sed "s|build/retina|$R|g" "$c" >"$tmp/run$i"
    mkdir "$tmp/work$i"
    (cd "$tmp/work$i" && sh "$tmp/run$i") >"$tmp/got$i" 2>&1
    if cmp -s "$tmp/got$i" "$tmp/want$i"; then
        ok "README example $i: $(head -1 "$c")"
    else
        not_ok "README example $i: $(head -1 "$c"): got $(head -c 200 \
"$tmp/got$i" | tr '\n' '|')"
    fi
done
[ "$count" -gt 0 ] || not_ok "README has no examples to check"
for c in $("$R" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'); do
    "$R" help "$c" >"$tmp/h1" 2>&1; st=$?
    "$R" "$c" --help >"$tmp/h2" 2>&1
    if [ "$st" = 0 ] && cmp -s "$tmp/h1" "$tmp/h2" \
        && grep -q "^usage: retina $c" "$tmp/h1" \
        && { ! grep -q -- '--threads' "$tmp/h1" \
             || grep -q 'processors available' "$tmp/h1"; }
    then ok "retina help $c = retina $c --help"
    else not_ok "retina help $c: exit $st, $(head -c 200 "$tmp/h1")"; fi
done
expect 2 "^retina help: unknown subcommand 'nothing'" \
    "retina help of an unknown subcommand" "$R" help nothing
model=${README_MODEL:-build/train-model.ckpt}
log=${README_LOG:-build/train-log.csv}
# block NAME: the fenced block after <!-- readme-check: NAME -->
block() {
    awk -v tag="<!-- readme-check: $1 -->" '$0 == tag { f = 1; next }
        f == 1 && /^```/ { f = 2; next }
        f == 2 && /^```/ { exit } f == 2' README.md
}
flags() { sed -E 's/--(log|out|threads|gamma|alpha) [^ ]*//g; s/ +/ /g
                 s/^ //; s/ $//'; }
# the whole path's train line: the first in the README
mine=$(awk '/^build\/retina train / { sub(/^build\/retina train /, "")
             print; exit }' README.md | flags)
book=$(sed -n '/^\$(TRAIN_MODEL):/,/^$/p' Makefile \
       | sed -n 's/.*retina train //; s/ \\$//p' | tr -d '\\\n' | flags)
[ -n "$mine" ] && [ "$mine" = "$book" ] \
    && ok "the README trains as make train does: $mine" \
    || not_ok "README's train flags '$mine', make train's '$book'"
if [ -s "$model" ] && [ -s "$log" ] \
    && grep -q 'bookgamma}{2}$' build/setting.tex 2>/dev/null \
    && grep -q 'bookalpha}{0.25}$' build/setting.tex; then
    range=$(grep -o 'alone takes [0-9]* to [0-9]* minutes' README.md \
            | sort -u)
    set -- $range
    shift
    block train >"$tmp/train.txt"
    sed 's/,,/,-,/g; s/,,/,-,/g; s/,$/,-/' "$log" | tr ',' ' ' \
        | cat - "$tmp/train.txt" | awk -v lo="$2" -v hi="$4" '
        function near(a, b) { return b != "-" && (a - b)^2 < 0.0006^2 }
        function aps(k, f) { return near($f, ap[k]) && near($(f + 2), \
            ap50[k]) && near($(f + 4), ap75[k]) }
        $1 ~ /^[0-9]+$/ { ap[$1] = $9; ap50[$1] = $10; ap75[$1] = $11
                          last = $1; next }
        /^iter [0-9]+: validation/ { k = $2 + 0; seen++
            if (!aps(k, 5)) bad = bad " [" $0 "]"; next }
        /^trained iterations/ { seen++; n = substr($4, 2) + 0
            if ($3 != "1-" last || n != 8 * last || $7 < 60 * lo \
                || $7 > 60 * hi || ($7 * $9 - n)^2 > (0.01 * n)^2)
                bad = bad " [" $0 "]"; next }
        /^model: / { seen++
            if ($0 != "model: model.ckpt (iteration " last " of " last ")")
                bad = bad " [" $0 "]"; next }
        /^validation, / { seen++; if (!aps(last, 5)) bad = bad " [" $0 "]" }
        END { if (bad != "" || seen != 5 || lo == "") {
                  print "lines unlike the log" bad; exit 1 } }' \
        >"$tmp/why" && ok "the training block agrees with the book's log" \
        || not_ok "the training block: $(cat "$tmp/why")"
    m=$(cd "$(dirname "$model")" && pwd)/$(basename "$model")
    mkdir "$tmp/path"
    block "detect eval" >"$tmp/want"
    (cd "$tmp/path" \
     && "$R" data --out val --split val --count 200 >/dev/null \
     && "$R" detect --model "$m" --gt val/instances_val.json --out dt.json \
     && "$R" eval --gt val/instances_val.json --dt dt.json) \
        >"$tmp/got" 2>"$tmp/err"
    [ -s "$tmp/want" ] && cmp -s "$tmp/got" "$tmp/want" \
        && ok "the detection and evaluation block is what they print" \
        || not_ok "detect and eval print: $(tr '\n' '|' <"$tmp/got")\
    $(head -c 200 "$tmp/err")"
elif [ "${README_MODEL_REQUIRED:-0}" = 1 ]; then
    not_ok "no model of the book's setting in $model to check against"
else
    ok "the whole path is not checked: no model of the book's setting"\
" in build/ (make train makes one)"
fi
finish
