# test-readme.sh: the README's examples print what the README says.
suite=readme
. tests/shlib.sh
awk -v dir="$tmp" '
    /^\$ .*build\/retina/ { n++; cmd = substr($0, 3)
        print cmd > (dir "/cmd" n); inside = 1; next }
    inside && /^```/ { inside = 0; next }
    inside { print > (dir "/want" n) }
' README.md
count=0
for c in "$tmp"/cmd*; do
    [ -e "$c" ] || break
    i=${c##*/cmd}; count=$((count + 1))
    sed "s|build/retina|$RETINA|g" "$c" >"$tmp/run$i"
    sh "$tmp/run$i" >"$tmp/got$i" 2>&1
    if cmp -s "$tmp/got$i" "$tmp/want$i"; then
        ok "README example $i: $(cat "$c")"
    else
        not_ok "README example $i: $(cat "$c"): got $(head -c 200 \
"$tmp/got$i" | tr '\n' '|')"
    fi
done
[ "$count" -gt 0 ] || not_ok "README has no examples to check"
finish
