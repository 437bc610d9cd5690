# shlib.sh: helpers for the shell tests; source it, set $suite.
: "${RETINA:=build/retina}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
ok() { printf 'ok - %s: %s\n' "$suite" "$1"; }
not_ok() {
    printf 'not ok - %s: %s\n' "$suite" "$1"; failures=$((failures + 1))
}
# expect STATUS STDERR-REGEX NAME COMMAND...  (stdin passes through)
expect() {
    want=$1 pat=$2 name=$3; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"; st=$?
    if [ "$st" = "$want" ] && grep -qE -- "$pat" "$tmp/err"; then
        ok "$name"
    else
        not_ok "$name: exit $st (want $want), stderr: $(head -c 300 \
"$tmp/err" | tr '\n' ' ')"
    fi
}
finish() { [ "$failures" = 0 ]; }
