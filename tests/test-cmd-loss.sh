#!/bin/sh
# test-cmd-loss.sh: retina loss against closed forms and bad input.
suite=cmd-loss
. tests/shlib.sh
# agree NAME TOL INPUT WANT FLAGS...: loss and grad match WANT pairs.
agree() {
    name=$1 tol=$2 want=$4; printf '%b' "$3" >"$tmp/in"; shift 4
    "$RETINA" loss "$@" <"$tmp/in" >"$tmp/got" 2>&1
    if awk -v tol="$tol" -v want="$want" '
        function d(v) { return v < 0 ? -v : v }
        BEGIN { n = split(want, w, " ") }
        /^#/ { next }
        { i++; if (d($3 - w[2*i-1]) > tol || d($4 - w[2*i]) > tol)
              bad = 1 }
        END { exit bad || 2 * i != n }' "$tmp/got"
    then ok "$name"; else not_ok "$name: $(tr '\n' ' ' <"$tmp/got")"
    fi
}
awk 'BEGIN { for (i = -16; i <= 16; i++)
                print i / 2, 0 "\n" i / 2, 1 }' >"$tmp/grid"
# closed KIND GAMMA ALPHA BETA FLAGS...: every line = closed form.
closed() {
    k=$1 g=$2 a=$3 b=$4; shift 4
    "$RETINA" loss "$@" <"$tmp/grid" >"$tmp/got" 2>&1
    if awk -v k="$k" -v g="$g" -v a="$a" -v b="$b" '
        function far(u, v) { return (u - v)^2 > (1e-7 * v)^2 + 1e-30 }
        { x = $1; t = $2; y = 2 * t - 1; xt = y * x
          at = a < 0 ? 1 : (t ? a : 1 - a); p = 1 / (1 + exp(-xt))
          if (k == "ce") { L = -log(p); G = p - 1 }
          else if (k == "focal") {
              L = -(1 - p)^g * log(p)
              G = (1 - p)^g * (g * p * log(p) + p - 1) }
          else { z = g * xt + b; L = log(1 + exp(-z)) / g
                 G = 1 / (1 + exp(-z)) - 1 }
          if (far($3, at * L) || far($4, at * y * G)) bad = 1; n++ }
        END { exit bad || n != 66 }' "$tmp/got"
    then ok "closed form: ${*:-defaults}"
    else not_ok "closed form: $*: $(head -c 200 "$tmp/got")"; fi
}
agree "CE reference" 5e-7 '0 1\n2 0\n' \
    '0.693147 -0.5 2.126928 0.880797' --loss ce --alpha none
agree "FL reference" 5e-7 '0 1\n1.5 0\n' \
    '0.173287 -0.298287 1.137272 0.961425' --alpha none
agree "FL reference, small values" 5e-9 '2 1\n' \
    '0.00180356 -0.00487094' --alpha none --gamma 2
agree "FL reference, gamma .5" 5e-7 '0.7 1\n' \
    '0.232248 -0.268727' --alpha none --gamma 0.5
agree "FL* reference (2, 1)" 5e-7 '0 1\n' \
    '0.156631 -0.268941' --star --gamma 2 --beta 1 --alpha none
agree "FL* reference (4, 0)" 5e-7 '1 0\n' \
    '1.004537 0.982014' --loss star --gamma 4 --alpha none
closed ce 0 -1 0 --loss ce --alpha none
closed ce 0 0.25 0 --loss ce
closed focal 2 0.25 0
closed focal 0.5 0.75 0 --gamma 0.5 --alpha 0.75
closed focal 3.7 -1 0 --gamma 3.7 --alpha -1
closed star 2 0.25 1 --star --gamma 2 --beta 1
closed star 4 -1 0 --loss star --gamma 4 --alpha none
printf '# head\n\n   \n0 1\n  # indented\n0.5 0 # trailing\n2 1\r\n' \
    >"$tmp/in"
"$RETINA" loss <"$tmp/in" >"$tmp/got" 2>&1
if [ "$(grep -c '^#' "$tmp/got")" = 2 ] \
   && [ "$(grep -vc '^#' "$tmp/got")" = 3 ]; then
    ok "comments copied, blank lines skipped, CRLF read"
else not_ok "comments and blank lines: $(tr '\n' '|' <"$tmp/got")"; fi
"$RETINA" loss --alpha none <"$tmp/grid" >"$tmp/none"
"$RETINA" loss --alpha -1 <"$tmp/grid" >"$tmp/minus1"
"$RETINA" loss --alpha 0.5 <"$tmp/grid" >"$tmp/half"
if cmp -s "$tmp/none" "$tmp/minus1" && paste "$tmp/none" "$tmp/half" \
   | awk '{ if (($3 - 2 * $7)^2 > 1e-14 * $3^2) bad = 1 }
          END { exit bad }'
then ok "--alpha none = --alpha -1 = 2 x --alpha 0.5"
else not_ok "--alpha none"; fi
"$RETINA" loss --curve --points 9 --alpha none >"$tmp/got" 2>&1
if [ "$(grep -vc '^#' "$tmp/got")" = 9 ] && awk '
    $1 == 0.5 { f = 1; if (($3 - log(2) / 4)^2 > 1e-16) exit 1 }
    END { exit !f }' "$tmp/got"; then
    ok "--curve: 9 points, FL(p_t = .5) = log 2 / 4"
else not_ok "--curve: $(tr '\n' '|' <"$tmp/got")"; fi
if "$RETINA" loss --curve --points 1 --gamma 0 >"$tmp/got" 2>&1 \
   && head -1 "$tmp/got" | grep -q '^# p_t x_t loss dloss/dx_t (FL gam'\
'ma=0 alpha=0.25 target=1)$'
then ok "--curve's first line states the setting, defaults included"
else not_ok "--curve: $(tr '\n' '|' <"$tmp/got")"; fi
if "$RETINA" loss --help >"$tmp/got" 2>&1 \
   && grep -q 'default 2' "$tmp/got" \
   && grep -q 'default 0.25' "$tmp/got"
then ok "--help exits 0 and states the defaults"
else not_ok "--help"; fi
# refuse NAME REGEX INPUT FLAGS...: exit 2, stderr matches REGEX.
refuse() {
    name=$1 pat=$2; printf '%b' "$3" >"$tmp/in"; shift 3
    expect 2 "$pat" "$name" "$RETINA" loss "$@" <"$tmp/in"
}
refuse "target 2" "stdin:3: target '2' is not 0 or 1" '0 1\n1 0\n3 2\n'
refuse "target -1" "stdin:1: target '-1' is not 0 or 1" '0 -1\n'
refuse "target .5" "stdin:1: target '0.5'" '0 0.5\n'
refuse "logit abc" "stdin:2: logit 'abc' is not a finite" '# c\nabc 1\n'
refuse "logit nan" "stdin:1: logit 'nan'" 'nan 1\n'
refuse "logit 1e999" "stdin:1: logit '1e999'" '1e999 0\n'
refuse "missing target" "stdin:1: missing target after logit '0.5'" \
    '0.5\n'
refuse "extra field" "stdin:1: extra field '7'" '0 1 7\n'
refuse "long line" "stdin:2: line longer than 255" \
    "0 1\n$(printf '%0300d' 0) 1\n"
refuse "gamma -1" "--gamma: -1 is out of range" '' --gamma -1
refuse "gamma 21" "--gamma: 21 is out of range \\[0, 20\\]" '' \
    --gamma 21
refuse "gamma x" "--gamma: 'x' is not a finite number" '' --gamma x
refuse "gamma missing" "--gamma: needs a value" '' --gamma
refuse "alpha 1.5" "--alpha: '1.5' is not in \\[0, 1\\]" '' --alpha 1.5
refuse "alpha -0.5" "--alpha: '-0.5'" '' --alpha -0.5
refuse "alpha nan" "--alpha: 'nan'" '' --alpha nan
refuse "loss hinge" "--loss: 'hinge' is not focal, ce or star" '' \
    --loss hinge
refuse "beta without FL*" "--beta: only FL\\*" '' --beta 1
refuse "beta 1000" "--beta: 1000 is out of range" '' --star --beta 1000
refuse "FL* gamma 0" "--gamma: 0 is below 0.01" '' --star --gamma 0
refuse "CE with gamma" "--gamma: cross entropy has no gamma" '' \
    --loss ce --gamma 2
refuse "points without curve" "--points: only with --curve" '' \
    --points 5
refuse "points 0" "--points: 0 is out of range" '' --curve --points 0
refuse "target 2 for curve" "--target: 2 is out of range" '' \
    --curve --target 2
refuse "unknown flag" "unknown option '--gama'" '' --gama 2
awk 'BEGIN { for (i = -400; i <= 400; i++)
                print i / 4, 0 "\n" i / 4, 1
            print "1e308 1\n-1.7e308 1\n-1e308 0\n1.7e308 0"
            print "1e-300 1" }' >"$tmp/sweep"
fails=""
for g in 0 0.01 0.2 0.5 0.9 1 1.5 2 3 4 5; do
    for a in 0.25 none; do
        for k in focal star ce; do
            case $k/$g in
            star/0) continue ;; ce/0) ;; ce/*) continue ;;
            esac
            set -- --loss "$k" --alpha "$a"
            [ "$k" = ce ] || set -- "$@" --gamma "$g"
            if ! "$RETINA" loss "$@" <"$tmp/sweep" >"$tmp/got" 2>&1 \
               || grep -qiE 'nan|inf' "$tmp/got" \
               || [ "$(wc -l <"$tmp/got")" -ne 1607 ]; then
                fails="$fails [$*]"
            fi
        done
    done
done
if [ -z "$fails" ]; then ok "no nan or inf: gamma 0..5, |x| <= 100"
else not_ok "nan, inf or failure for:$fails"; fi
finish
