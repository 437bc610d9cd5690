# test-killsave.sh: kill training while it saves; what is left at
# the model's name loads and resumes to the uninterrupted result.
suite=killsave
. tests/shlib.sh
R=$RETINA m=$tmp/m.ckpt
a="--iters 8 --batch 1 --save-every 1 --threads 1"
"$R" train $a --out "$tmp/whole.ckpt" >/dev/null 2>&1
kills=0 mid=0 left=0 bad=""
wait_save() {
    k=$1 n=0
    while [ "$k" -gt 0 ] && [ "$n" -lt 400000 ]; do
        while [ ! -e "$m.tmp" ] && [ "$n" -lt 400000 ]; do
            n=$((n + 1)); done
        k=$((k - 1))
        [ "$k" = 0 ] && break
        while [ -e "$m.tmp" ]; do :; done
    done
}
for i in $(seq 1 20); do
    rm -f "$m" "$m.tmp" "$tmp/rest.ckpt"
    "$R" train $a --out "$m" >/dev/null 2>&1 &
    pid=$!
    if [ $((i % 2)) = 1 ]; then wait_save $(((i + 1) / 2 % 8 + 1))
    else sleep "$(awk -v i="$i" 'BEGIN { print i * 0.035 }')"; fi
    kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    [ -e "$m.tmp" ] && mid=$((mid + 1))
    if [ -e "$m" ]; then
        left=$((left + 1))
        if "$R" train --resume "$m" --threads $((1 + i % 2)) \
            --out "$tmp/rest.ckpt" >/dev/null 2>"$tmp/err"; then
            [ -e "$tmp/rest.ckpt" ] || cp "$m" "$tmp/rest.ckpt"
            cmp -s "$tmp/rest.ckpt" "$tmp/whole.ckpt" \
                || bad="$bad [kill $i: the resumed run differs]"
        else
            bad="$bad [kill $i: $(head -c 200 "$tmp/err")]"
        fi
    fi
done
if [ -z "$bad" ] && [ "$left" -gt 0 ]; then
    ok "$kills kills, $left models left, each loads and resumes to\
 the uninterrupted bytes"
else not_ok "after a kill:$bad ($left models left)"; fi
if [ "$mid" -gt 0 ]; then ok "$mid kills landed during a save"
else not_ok "no kill landed during a save"; fi
s=$tmp/sig
mkdir "$s"
wait_stop() {
    n=0
    while :; do
        if [ -r "/proc/$1/stat" ]; then   # Linux; ps elsewhere
            c=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
        else c=$(ps -o stat= -p "$1" 2>/dev/null | cut -c1); fi
        [ "$c" = T ] && return 0
        if [ -z "$c" ] || [ "$c" = Z ] || [ "$n" -ge 600 ]; then
            return 1; fi
        n=$((n + 1))
        sleep 0.1
    done
}
signal_save() {
    sig=$1
    shift
    RETINA_TEST_STOP_IN_SAVE=1 "$R" "$@" >/dev/null 2>"$tmp/sig.err" &
    pid=$!
    wait_stop $pid && kill -"$sig" $pid
    kill -CONT $pid 2>/dev/null
    wait $pid 2>/dev/null
    st=$?
}
check() {
    if [ "$st" = "$2" ] && grep -q -- "$3" "$tmp/sig.err" \
        && [ -z "$(find "$s" -name '*.tmp')" ] && eval "${4:-:}"; then
        ok "$1: exit $st, no temporary left"
    else not_ok "$1: exit $st, left: $(find "$s" -name '*.tmp'),\
 said: $(tr '\n' ' ' <"$tmp/sig.err" | tail -c 300)"; fi
}
signal_save TERM data --out "$s/set" --split val --count 3
check "data, SIGTERM in its first image" 143 \
    'val-000000.png: not written'
"$R" data --out "$s/set" --split val --count 2 >/dev/null
"$R" detect --model "$tmp/whole.ckpt" --split val --count 2 \
    --out "$s/dt.json" >/dev/null
echo old >"$s/new.json"; echo old >"$s/pr.dat"
signal_save TERM detect --model "$tmp/whole.ckpt" --split val \
    --count 2 --out "$s/new.json"
check "detect, SIGTERM in its results file" 143 \
    'new.json: left as it was' '[ "$(cat "$s/new.json")" = old ]'
signal_save TERM eval --gt "$s/set/instances_val.json" \
    --dt "$s/dt.json" --pr-out "$s/pr.dat"
check "eval, SIGTERM in its curves" 143 'pr.dat: left as it was' \
    '[ "$(cat "$s/pr.dat")" = old ]'
"$R" train $a --until 2 --out "$s/two.ckpt" >/dev/null 2>&1
RETINA_TEST_STOP_IN_SAVE=1 "$R" train $a --out "$s/m.ckpt" \
    >/dev/null 2>"$tmp/sig.err" &
pid=$!
wait_stop $pid && kill -CONT $pid                 # the first save
wait_stop $pid && kill -TERM $pid && kill -CONT $pid     # the second
wait_stop $pid && kill -INT $pid              # the save at the stop
kill -CONT $pid 2>/dev/null
wait $pid 2>/dev/null
st=$?
check "train, a signal in a save, a second in the next" 130 \
    'm.ckpt: left as it was' 'cmp -s "$s/m.ckpt" "$s/two.ckpt" \
    && grep -q "saving after this step" "$tmp/sig.err"'
finish
