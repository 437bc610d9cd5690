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
finish
