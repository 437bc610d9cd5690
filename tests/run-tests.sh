#!/bin/sh
# run-tests.sh TEST...: run C test programs and shell tests, count.
log=${TEST_LOG:-build/test.log}
mkdir -p "$(dirname "$log")"
: >"$log"
passed=0 failed=0
for t in "$@"; do
    case $t in
    *.sh) out=$(sh "$t" 2>&1); st=$? ;;
    *) out=$(${TEST_RUNNER:-} "$t" 2>&1); st=$? ;;
    esac
    printf '%s\n' "$out" >>"$log"
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    printf '%s\n' "$out" | grep '^not ok '
    if [ "$st" != 0 ] && [ "$f" = 0 ]; then
        echo "not ok - $t: exit status $st without a failed check"
        f=1
    elif [ "$p" = 0 ] && [ "$f" = 0 ]; then
        echo "not ok - $t: ran no checks"
        f=1
    fi
    echo "$t: $p passed, $f failed" >>"$log"
    passed=$((passed + p)) failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
