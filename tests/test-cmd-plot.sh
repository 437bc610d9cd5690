# test-cmd-plot.sh: retina plot on curves and logs, and bad input.
suite=cmd-plot
. tests/shlib.sh
R="$RETINA"
# size FILE: "WIDTH HEIGHT" from a PNG file's header, or nothing.
size() {
    [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ] \
    && od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + \
        $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + \
        $7 * 256 + $8 }'
}
# drawn NAME WANT-STDOUT PNG ARGS...: plots, says so, writes 720 x 450.
drawn() {
    name=$1 want=$2 pic=$3; shift 3
    if "$R" plot "$@" >"$tmp/out" 2>"$tmp/err" \
        && [ "$(cat "$tmp/out")" = "$want" ] \
        && [ "$(size "$pic")" = "720 450" ]
    then ok "$name"
    else not_ok "$name: $(cat "$tmp/out" "$tmp/err")"; fi
}
"$R" loss --curve --gamma 0 --alpha none >"$tmp/ce.txt"
"$R" loss --curve --gamma 2 --alpha none >"$tmp/fl.txt"
drawn "a curve, next to it, named by its comment line" \
    "$tmp/fl.txt.png: 1 line against p_t" "$tmp/fl.txt.png" \
    "$tmp/fl.txt"
drawn "two curves on a log axis" "$tmp/two.png: 2 lines against p_t" \
    "$tmp/two.png" "$tmp/ce.txt" "$tmp/fl.txt" --log-y \
    --out "$tmp/two.png"
printf '%s\n' iter,lr,cls,box,val_ap 10,0.04,1.1,0.7, \
    20,0.04,0.9,0.6,0.3 30,0.004,0.8,0.5, 40,0.0004,0.7,0.5,0.4 \
    >"$tmp/log.csv"
drawn "a log: cls and box against iter" \
    "$tmp/log.csv.png: 2 lines against iter" "$tmp/log.csv.png" \
    "$tmp/log.csv"
drawn "a log's sparse column" "$tmp/ap.png: 1 line against iter" \
    "$tmp/ap.png" "$tmp/log.csv" --y val_ap --out "$tmp/ap.png"
drawn "columns by number" "$tmp/n.png: 2 lines against lr" \
    "$tmp/n.png" "$tmp/log.csv" --x 2 --y 3,4 --out "$tmp/n.png"
expect 1 'nowhere.csv: cannot read' "missing file" \
    "$R" plot "$tmp/nowhere.csv"
printf '1 2\n3 x\n' >"$tmp/bad.txt"
expect 1 "bad.txt:2: column 2: 'x' is not a number" "not a number" \
    "$R" plot "$tmp/bad.txt"
printf '1 2\n3 4 5\n' >"$tmp/ragged.txt"
expect 1 'ragged.txt:2: 3 fields, but the file has 2 columns' \
    "a ragged row" "$R" plot "$tmp/ragged.txt"
printf '# nothing\n\n' >"$tmp/empty.txt"
expect 1 'empty.txt: no rows of numbers' "no rows" \
    "$R" plot "$tmp/empty.txt"
expect 2 '^retina plot: --y: ap: .*log.csv has no such column' \
    "an unknown column" "$R" plot "$tmp/log.csv" --y ap
expect 2 "^retina plot: --y: '': .*log.csv has no such column" \
    "an empty column name" "$R" plot "$tmp/log.csv" --y iter,
expect 2 "^retina plot: --x: '': .*log.csv has no such column" \
    "an empty --x" "$R" plot "$tmp/log.csv" --x ''
printf '1 -1\n2 0\n' >"$tmp/neg.txt"
expect 1 'no finite point to plot \(a log axis needs values > 0\)' \
    "a log axis and no positive value" "$R" plot "$tmp/neg.txt" --log-y
expect 2 'no file to plot' "no file" "$R" plot
expect 2 '^retina plot: --width: unknown flag' "an unknown flag" \
    "$R" plot "$tmp/log.csv" --width 3
expect 1 'no/dir/x.png' "an output that cannot be written" \
    "$R" plot "$tmp/log.csv" --out "$tmp/no/dir/x.png"
finish
