# run.sh DIR SECONDS: run each fuzz target in DIR for SECONDS.
dir=$(cd "$1" && pwd) secs=$2 failed=0
for bin in "$dir"/fuzz-*; do
    t=${bin##*/fuzz-} one=
    [ "$t" = checkpoint ] && one=-malloc_limit_mb=1048576
    mkdir -p "$dir/corpus-$t"
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 $one \
        -close_fd_mask=3 -print_final_stats=1 \
        -artifact_prefix="$dir/$t-" "$dir/corpus-$t" "tests/corpus/$t" \
        >"$dir/$t.log" 2>&1
    st=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
        "$dir/$t.log")
    files=$(ls "$dir/corpus-$t" | wc -l)
    if [ "$st" = 0 ]; then
        echo "fuzz $t: ${runs:-?} inputs in $secs s, no crash;" \
             "corpus $files files"
    else
        failed=$((failed + 1))
        echo "fuzz $t: FAILED (exit $st); the end of $dir/$t.log:"
        tail -n 30 "$dir/$t.log"
    fi
done
[ "$failed" = 0 ]
