#!/bin/sh
# run-experiments.sh RETINA SUM DIR [NAME...]: train the chapter's
# experiments (all, or those named) into DIR/NAME/, skipping a run
# whose key (the code's checksum SUM and the flags) is unchanged.
# GAMMA and ALPHA in the environment give the book's own run.
set -u
R=$1 SUM=$2 DIR=$3; shift 3
GAMMA=${GAMMA:-2} ALPHA=${ALPHA:-0.25}
mkdir -p "$DIR"
list() {
grid="--net narrow --iters 500 --val 400 --val-every 100"
for a in 0.25 0.5 0.75 0.9 0.99; do
    echo "ce-a$a $grid --loss ce --alpha $a"
done
for g in 0.5 1 2 5; do
    for a in 0.25 0.5 0.75; do
        echo "fl-g$g-a$a $grid --gamma $g --alpha $a"
    done
done
for s in hnm ohem ohem-1:3; do
    echo "ce-a0.5-$(echo $s | tr -d :-) $grid --loss ce --alpha 0.5" \
         "--sampling $s"
done
for s in 1 2; do
    echo "fl-g2-a0.25-seed$s $grid --gamma 2 --alpha 0.25 --seed $s"
done
first="--net narrow --iters 500 --until 100 --log-every 1"
for p in 0.01 none; do
    echo "prior-ce-$p $first --loss ce --alpha 0.75 --prior $p"
    echo "prior-fl-$p $first --gamma 2 --alpha 0.25 --prior $p"
done
awk -v g="$GAMMA" -v a="$ALPHA" -v f="$grid" 'BEGIN {
    if (g + 0 == 0) printf "ce-a%g %s --loss ce", a, f
    else printf "fl-g%g-a%g %s --gamma %s", g, a, f, g
    print " --alpha " a }'
}
if [ "${1:-}" = --one ]; then
    name=$2 key=$3; shift 3
    d="$DIR/$name"
    rm -rf "$d"; mkdir -p "$d"
    if "$R" train "$@" --threads 1 --out "$d/model.ckpt" \
        --log "$d/log.csv" >"$d/out.txt" 2>"$d/err.txt"
    then st=""; else st=" failed"; fi
    times >"$d/times.txt"
    echo "$key$st" >"$d/key"
    echo "experiment $name: $(tail -1 "$d/out.txt")"
    exit 0
fi
code=$(cat "$SUM")
list | awk '!seen[$1]++' | while read -r name flags; do
    if [ $# -gt 0 ]; then
        case " $* " in *" $name "*) ;; *) continue;; esac
    fi
    key=$(echo "$code $flags" | cksum | cut -d' ' -f1)
    old=$(cut -d' ' -f1 "$DIR/$name/key" 2>/dev/null)
    [ "$old" = "$key" ] || echo "$name $key $flags"
done >"$DIR/stale.txt"
n=$(wc -l <"$DIR/stale.txt")
[ "$n" -eq 0 ] && exit 0
echo "run-experiments: $n runs, two at a time"
start=$(date +%s)
xargs -P 2 -L 1 sh "$0" "$R" "$SUM" "$DIR" --one <"$DIR/stale.txt"
took="$n runs in $(( $(date +%s) - start )) s"
echo "run-experiments: $took"
[ "$n" -eq "$(list | awk '!seen[$1]++' | wc -l)" ] \
    && echo "$took" >"$DIR/wall.txt"
exit 0
