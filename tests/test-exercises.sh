# test-exercises.sh: the lab's checkers pass the reference solutions,
# fail the stubs and every marked bug; make exercise keeps the
# student's file.
suite=exercises
. tests/shlib.sh
lab=$(dirname "$RETINA")/lab
for c in tests/ex-*-check.c; do
    n=${c#tests/ex-}; n=${n%-check.c}
    "$lab/ex-$n-solution" >"$tmp/out" 2>&1; st=$?
    if [ $st = 0 ] && ! grep -q '^FAIL' "$tmp/out"; then
        ok "$n: the reference solution passes $(grep -c '^PASS  ' \
    "$tmp/out") checks"
    else
        not_ok "$n: the reference solution: exit $st, $(grep -m1 \
    '^FAIL' "$tmp/out")"
    fi
    "$lab/ex-$n-stub" >"$tmp/out" 2>&1; st=$?
    if [ $st = 1 ] && ! grep -q '^PASS  ' "$tmp/out" \
       && grep -q ': not implemented$' "$tmp/out"; then
        ok "$n: the stub fails every check"
    else
        not_ok "$n: the stub: exit $st"
    fi
    for b in $(sed -n 's/.*EX_BUG == \([0-9][0-9]*\).*/\1/p' \
               "tests/ex-$n-solution.c" | sort -u); do
        "$lab/ex-$n-bug$b" >"$tmp/out" 2>&1; st=$?
        f=$(grep -m1 '^FAIL  ' "$tmp/out" | cut -c1-90)
        if [ $st = 1 ] && [ -n "$f" ] \
           && ! grep -qiE 'expected|want' "$tmp/out"; then
            ok "$n: bug $b is caught: $f"
        else
            not_ok "$n: bug $b: exit $st, $f"
        fi
    done
done
run() { LAB_DIR="$tmp/ex" LAB_BIN="$tmp/bin" sh tests/ex-run.sh "$@"; }
run >"$tmp/list" 2>&1 && [ "$(grep -c '^  [a-z]' "$tmp/list")" = \
    "$(ls tests/ex-*-check.c | wc -l)" ] \
    && ok "make exercise lists the exercises" \
    || not_ok "make exercise lists the exercises: $(cat "$tmp/list")"
expect 2 "no exercise 'nothing'" "an unknown exercise is refused" \
    run nothing
run ema-norm >"$tmp/out" 2>&1; st=$?
[ $st = 1 ] && grep -q 'created' "$tmp/out" \
    && grep -q ': not implemented$' "$tmp/out" \
    && ! grep -q '^#line' "$tmp/ex/ema-norm.c" \
    && ok "the first run makes the file from the stub and fails" \
    || not_ok "the first run: exit $st: $(head -c 300 "$tmp/out")"
LAB_FAIL_STATUS=0 run ema-norm >"$tmp/out" 2>&1; st=$?
[ $st = 0 ] && grep -q ': not implemented$' "$tmp/out" \
    && ok "LAB_FAIL_STATUS=0 (make exercise): a failing verdict, 0" \
    || not_ok "LAB_FAIL_STATUS=0: exit $st: $(tail -c 300 "$tmp/out")"
grep -v '^#line' tests/ex-ema-norm-solution.c >"$tmp/ex/ema-norm.c"
cp "$tmp/ex/ema-norm.c" "$tmp/mine.c"
run ema-norm >"$tmp/out" 2>&1; st=$?
[ $st = 0 ] && grep -q '^PASS: all' "$tmp/out" \
    && cmp -s "$tmp/ex/ema-norm.c" "$tmp/mine.c" \
    && ok "the student's file passes and is left as written" \
    || not_ok "the second run: exit $st: $(tail -c 300 "$tmp/out")"
finish
