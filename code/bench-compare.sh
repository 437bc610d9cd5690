#!/bin/sh
# bench-compare.sh: retina bench against its PyTorch twin, interleaved.
# usage: bench-compare.sh RETINA [ROUNDS [PYTHON]]; run from the top.
retina=${1:?usage: bench-compare.sh RETINA [ROUNDS [PYTHON]]}
rounds=${2:-5}
py=${3:-python3}
twin=$(dirname "$0")/bench-torch.py
if ! "$py" -c 'import torch' 2>/dev/null; then
    echo "bench-compare: PyTorch is missing; install it with" >&2
    echo "  sudo apt-get install -y --no-install-recommends" \
         "python3-torch" >&2
    exit 1
fi
mkdir -p build figures/out
csv=build/bench-compare.csv
: >"$csv"
r=1
while [ "$r" -le "$rounds" ]; do
    echo "bench-compare: round $r of $rounds" >&2
    for c in peak:1 gemm512:1 train16:2 train16:1 infer1:1 infer1:2 \
             decode:1
    do
        [ "$c" = train16:1 ] || "$retina" bench --csv --case \
            "${c%:*}" --threads "${c#*:}" || exit 1
        case $c in train*|infer*)
            "$py" "$twin" --case "${c%:*}" --threads "${c#*:}" \
                || exit 1;;
        esac
    done >build/bench-round.csv || exit 1
    grep -v '^impl' build/bench-round.csv | sed "s/^/$r,/" >>"$csv"
    r=$((r + 1))
done
awk -F, -v when="$(date -u '+%Y-%m-%d %H:%M UTC')" \
    -v tex=figures/out/speed-compare.tex.tmp '
{ k = $2 "," $3 "," $5; r = $1; n = r > n ? r : n }
$3 == "peak" && $7 > peak { peak = $7 }
$3 == "gemm" { rate[k, r] = $7 }
$3 == "train" { rate[k, r] = $7; rss[$2, r] = $9 }
$3 == "train" && $7 > best[$2, r] { best[$2, r] = $7 }
$3 == "infer" {
    k = $2 ",infer"
    if (!((k, r) in ms) || $6 < ms[k, r]) ms[k, r] = $6
}
$3 == "decode" { dec[r] = $6 }
function summary(name, target,   i, j, t, med, ok) {
    for (i = 2; i <= n; i++)           # insertion sort of v[1..n]
        for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
            t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
        }
    med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    ok = okop == ">=" ? med >= target : med <= target
    printf "%-44s median %6.3f  range %6.3f .. %6.3f  target %s" \
           " %.3f: %s\n", name, med, v[1], v[n], okop, target,
           ok ? "met" : "MISSED"
    printf "%s & %.2f & %.2f--%.2f & $%s %.2f$ & %s\\\\\n", name,
           med, v[1], v[n], okop == ">=" ? "\\ge" : "\\le", target,
           ok ? "met" : "missed" >tex
}
END {
print "\\begin{tabular}{lrrrl}\n\\toprule\nratio & median & " \
      "range & target &\\\\\n\\midrule" >tex
for (r = 1; r <= n; r++)
    v[r] = rate["c,train,2", r] / rate["torch,train,2", r]
okop = ">="; summary("training, batch 16, 2 threads, C / PyTorch",
                     1.25)
for (r = 1; r <= n; r++) v[r] = rate["c,train,2", r] / best["torch", r]
summary("the same, C / PyTorch at its better threads", 1.25)
for (r = 1; r <= n; r++) v[r] = ms["c,infer", r] / ms["torch,infer", r]
okop = "<="; summary("latency, batch 1, best threads, C / PyTorch",
                     0.5)
for (r = 1; r <= n; r++)
    v[r] = rate["c,gemm,1", r] / peak
okop = ">="; summary("product n = 512, 1 thread, C / FMA peak",
                     0.75)
for (r = 1; r <= n; r++) v[r] = rss["c", r] / rss["torch", r]
okop = "<="; summary("peak memory, training batch 16, C / PyTorch",
                     1 / 3)
for (r = 1; r <= n; r++) v[r] = dec[r]
okop = "<="; summary("decode + NMS, dense, ms per image (not a ratio)",
                     2)
printf "\\bottomrule\n\\end{tabular}\n\\newcommand{\\speedCompared}" \
       "{%s}\n", when >tex
}' "$csv" && mv figures/out/speed-compare.tex.tmp \
                figures/out/speed-compare.tex
