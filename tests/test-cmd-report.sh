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
h="iter,lr,cls,box,num_fg,images_per_s,seconds,grad_norm,val_ap"
h="$h,val_ap50,val_ap75"
for k in 1 2 3; do
    a=$(echo "0.3 0.5 0.4" | cut -d' ' -f$k)
    b=$(echo "0.1 0.2 0.3" | cut -d' ' -f$k)
    printf '%s\n2,0.1,1,1,1,1,1,1,%s,0.5,0.2\n' "$h" "$a" >"$tmp/a$k"
    printf '%s\n2,0.1,1,1,1,1,1,1,%s,0.5,0.2\n' "$h" "$b" >"$tmp/b$k"
    echo "$((40 + k)) $tmp/a$k $tmp/b$k"
done >"$tmp/pairs"
if "$R" report --model "$m" --log "$l" --base-model "$m" --base-log \
    "$l" --pairs "$tmp/pairs" --out "$tmp/pr" --val 2 >/dev/null \
    2>"$tmp/err" \
    && grep -q 'interval of \[-0.048, +0.448\]: the runs cannot tell' \
       "$tmp/pr/report.tex" \
    && [ "$(cat "$tmp/pr/summary.txt")" = "2 0.25 2 0.25 3 41 0.200000\
 42 0.300000 43 0.100000" ]
then ok "three pairs: mean 0.2, interval 0.2 +- 0.248, summary"
else not_ok "paired report: $(cat "$tmp/err")"; fi
mkdir -p "$tmp/s2" "$tmp/s3"
echo "2 0.25 2 0.25 2 43 0.100000 44 0.250000" >"$tmp/s2/summary.txt"
echo "2 0.25 2 0.25 1 41 0.500000" >"$tmp/s3/summary.txt"
if "$R" pool --out "$tmp/pool" "$tmp/pr/summary.txt" \
    "$tmp/s2/summary.txt" >"$tmp/out" 2>"$tmp/err" \
    && grep -q '& 4 & +0.212 &' "$tmp/pool/pool.tex"
then ok "pool: a shared seed counted once (4 pairs, mean 0.2125)"
else not_ok "pool: $(cat "$tmp/err" "$tmp/out")"; fi
expect 1 'seed 41 differs' "pool: one seed, two results" "$R" pool \
    --out "$tmp/pool2" "$tmp/pr/summary.txt" "$tmp/s3/summary.txt"
expect 2 'at least one SUMMARY' "pool without summaries" "$R" pool \
    --out "$tmp/pool3"
finish
