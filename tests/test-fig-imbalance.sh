# test-fig-imbalance.sh: the chapter 1 figure program's checks.
suite=fig-imbalance
. tests/shlib.sh
fig=$(dirname "$RETINA")/figures/fig-imbalance
expect 2 '^usage' "no output directory" "$fig"
expect 2 "GAMMA: 'abc'" "GAMMA=abc is refused" \
    env GAMMA=abc "$fig" "$tmp"
expect 2 "GAMMA: '-1'" "GAMMA=-1 is refused" env GAMMA=-1 "$fig" "$tmp"
expect 1 'No such file' "a missing directory fails" "$fig" "$tmp/none"
if env GAMMA=0 "$fig" "$tmp" 2>"$tmp/err"; then
    ok "GAMMA=0 runs"
else
    not_ok "GAMMA=0 fails: $(cat "$tmp/err")"
fi
for f in anchors.tex numbers.tex share.dat; do
    if [ -s "$tmp/imbalance-$f" ]; then ok "writes imbalance-$f"
    else not_ok "no imbalance-$f"; fi
done
if ls "$tmp"/*.tmp >/dev/null 2>&1; then not_ok "temporary files left"
else ok "no temporary files left"; fi
if awk 'NR > 1 && ($2 != $4 || $3 != $5) { bad = 1 } END { exit bad }' \
    "$tmp/imbalance-share.dat"; then
    ok "at GAMMA=0 the focal-loss shares equal the CE shares"
else
    not_ok "at GAMMA=0 the focal-loss shares differ from the CE ones"
fi
finish
