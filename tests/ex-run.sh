#!/bin/sh
# ex-run.sh [NAME]: build the student's exercises/NAME.c with its
# checker and run it.  From the Makefile: LAB_CC (compiler and flags),
# LAB_LIBS (libraries), LAB_BIN (for the program), LAB_FAIL_STATUS
# (the exit status of a failing verdict, 1 unless set); LAB_DIR is
# the student's folder, exercises/ unless set.
dir=${LAB_DIR:-exercises} bin=${LAB_BIN:-build/lab}
list() {
    echo "usage: make exercise EX=NAME; the exercises:"
    for c in tests/ex-*-check.c; do
        n=${c#tests/ex-}; n=${n%-check.c}
        printf '  %-11s %s\n' "$n" "$(sed -n '/^\/\*/{
            s/^[^:]*: *//; s/ *\*\/$//; p; q; }' "tests/ex-$n.h")"
    done
}
name=$1
if [ -z "$name" ]; then list; exit 0; fi
if [ ! -f "tests/ex-$name-check.c" ]; then
    echo "make exercise: there is no exercise '$name'" >&2
    list >&2; exit 2
fi
file=$dir/$name.c
if [ ! -e "$file" ]; then
    mkdir -p "$dir" && (set -C; grep -v '^#line ' \
        "tests/ex-$name-stub.c" >"$file") || exit 1
    echo "make exercise: created $file from the stub: write your"
    echo "  solution there (the task: appendix \"The lab\"; the"
    echo "  interface: tests/ex-$name.h), then run this again."
fi
mkdir -p "$bin" || exit 1
if ! ${LAB_CC:-cc -std=c11 -Icode -Itests} -o "$bin/$name" \
        "tests/ex-$name-check.c" "$file" \
        ${LAB_LIBS:-build/libretina.a -lcjson -lstb -lm -pthread}
then
    echo "make exercise: $file does not compile (see above)" >&2
    exit 1
fi
if command -v timeout >/dev/null; then t="timeout 120"; else t=; fi
$t "$bin/$name"; st=$?
case $st in
0) exit 0 ;;
1) exit "${LAB_FAIL_STATUS:-1}" ;;
124) echo "make exercise: stopped after 120 s: an endless loop" \
          "in the case after the last line above?" >&2 ;;
*) echo "make exercise: the checker crashed (status $st) in" \
        "the case after the last line above" >&2 ;;
esac
exit 1
