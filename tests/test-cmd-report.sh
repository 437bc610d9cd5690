# test-cmd-report.sh: retina report, and the training flags of the
# experiments chapter, end to end on a two-step run.
suite=cmd-report
. tests/shlib.sh
R="$RETINA"
expect 2 'are required' "no --model" "$R" report --log x --out "$tmp/r"
expect 2 'needs --base-log' "--base-model alone" "$R" report \
    --model a --log b --out "$tmp/r" --base-model c
expect 2 '^retina report: --val' "--val 0" "$R" report --model a \
    --log b --out "$tmp/r" --val 0
expect 2 'unknown flag' "unknown flag" "$R" report --fast 1
expect 1 'nowhere.ckpt' "missing model" "$R" report --model \
    "$tmp/nowhere.ckpt" --log x --out "$tmp/r"
m="$tmp/m.ckpt" l="$tmp/l.csv"
if "$R" train --net narrow --iters 2 --batch 2 --log-every 1 --val 2 \
    --sampling ohem --prior none --out "$m" --log "$l" >/dev/null \
    2>"$tmp/err" && "$R" report --model "$m" --log "$l" --base-model \
    "$m" --base-log "$l" --out "$tmp/rep" --val 2 >"$tmp/out" \
    && grep -q 'rep/report.tex$' "$tmp/out" \
    && grep -q 'end{document}' "$tmp/rep/report.tex" \
    && [ "$(wc -l <"$tmp/rep/cdf-run-bg.dat")" -gt 100 ]
then ok "train with OHEM and no prior, then report"
else not_ok "report: $(cat "$tmp/err")"; fi
finish
