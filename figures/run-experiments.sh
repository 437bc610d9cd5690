#!/bin/sh
# run-experiments.sh RETINA SUM DIR [NAME...]: train the chapter's
# experiments (all, or those named) into DIR/NAME/, skipping a run
# whose key (the code's checksum SUM and the flags) is unchanged.
# GAMMA and ALPHA in the environment give the book's own run,
# SEEDS its number of seeds; EXPERIMENTS=full the full tier; EXP_SEED
# moves every seed.
set -u
R=$1 SUM=$2 DIR=$3; shift 3
GAMMA=${GAMMA:-2} ALPHA=${ALPHA:-0.25}
mkdir -p "$DIR"
list() {
full=0
[ "${EXPERIMENTS:-default}" = full ] && full=1
n=$((5 + full))               # pairs for each claim
few=$((3 + 2 * full))         # pairs for each point of the sweep
base=$(( ${EXP_SEED:-0} * 1000 ))
short="--net narrow --iters 500 --val 1000"
seeds() { # NAME COUNT FLAGS...: the run at seeds 1..COUNT
    name=$1 k=$2
    shift 2
    i=1
    while [ "$i" -le "$k" ]; do
        echo "$name-s$i $* --seed $((base + i))"
        i=$((i + 1))
    done
}
for a in 0.25 0.5 0.75 0.9; do
    seeds "ce-a$a" "$n" $short --loss ce --alpha $a
done
for a in 0.25 0.75; do
    seeds "fl-g2-a$a" "$n" $short --gamma 2 --alpha $a
done
for s in hnm ohem ohem-1:3; do
    seeds "ce-a0.5-$(echo $s | tr -d :-)" "$n" $short --loss ce \
        --alpha 0.5 --sampling $s
done
seeds ce-a0.75-noprior "$n" $short --loss ce --alpha 0.75 --prior none
seeds ce-a0.75-noclip "$n" $short --loss ce --alpha 0.75 --clip 0
seeds ce-a0.75-noprior-noclip "$n" $short --loss ce --alpha 0.75 \
    --prior none --clip 0
seeds fl-g2-a0.25-base4 "$n" $short --gamma 2 --alpha 0.25 \
    --anchor-size 4
seeds ce-a0.99 1 $short --loss ce --alpha 0.99
for g in 0.5 1 2 5; do
    for a in 0.25 0.5 0.75; do
        seeds "fl-g$g-a$a" 1 $short --gamma $g --alpha $a
    done
done
for l in 1 2; do
    if [ $l = 1 ]; then knob="--objects 0:2"
    else knob="--objects 0:1 --sizes 12:32"; fi
    seeds "imb$l-fl-g2-a0.25" "$few" $short $knob --gamma 2 --alpha 0.25
    for a in 0.75 0.9; do
        seeds "imb$l-ce-a$a" "$few" $short $knob --loss ce --alpha $a
    done
done
if [ $full = 1 ]; then
    long="--net narrow --iters 2000 --val 1000"
    seeds long-fl-g2-a0.25 5 $long --gamma 2 --alpha 0.25
    seeds long-ce-a0.75 5 $long --loss ce --alpha 0.75
fi
first="--net narrow --iters 500 --until 100 --log-every 1"
for p in 0.01 none; do
    echo "prior-ce-$p $first --loss ce --alpha 0.75 --prior $p"
    echo "prior-fl-$p $first --gamma 2 --alpha 0.25 --prior $p"
done
set -- $(awk -v g="$GAMMA" -v a="$ALPHA" 'BEGIN {
    if (g + 0 == 0) printf "ce-a%g --loss ce", a
    else printf "fl-g%g-a%g --gamma %s", g, a, g
    print " --alpha " a }')
name=$1
shift
seeds "$name" "${SEEDS:-1}" $short "$@"
seeds fl-g2-a0.25 "${SEEDS:-1}" $short --gamma 2 --alpha 0.25
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
[ $# -eq 0 ] && list | awk '!seen[$1]++' >"$DIR/list.txt"
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
