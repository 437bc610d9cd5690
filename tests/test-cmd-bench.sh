#!/bin/sh
# test-cmd-bench.sh: retina bench's comma-separated output and errors.
suite=cmd-bench
. tests/shlib.sh
"$RETINA" bench --csv --quick --reps 1 --threads 2 >"$tmp/q" 2>&1
if awk -F, 'NR == 1 { head = $0 == "impl,case,size,threads,ms," \
                                   "rate,unit,rss_mib" }
            NR > 1 { n++; bad += NF != 8 || $1 != "c" || $4 != 2 \
                            || !($5 > 0) || !($8 > 0) }
            END { exit !(head && n == 2 && !bad) }' "$tmp/q"
then ok "bench --csv --quick: header and two lines of 8 fields"
else not_ok "bench --csv: $(tr '\n' ' ' <"$tmp/q")"; fi
expect 2 "unknown case" "bench --case nonsense is a usage error" \
    "$RETINA" bench --case nonsense
expect 2 "" "bench --case without a name is a usage error" \
    "$RETINA" bench --case
finish
