#!/bin/sh
# deps.sh: what the build needs, probed; install what is missing or
# say exactly what it is.  usage: deps.sh code|book|valgrind|fuzz [CC]
what=$1; cc=${2:-cc}
mkdir -p build || exit 1
missing=""   # in the build's terms: commands, "stb", "cJSON", ...
need_cmd() {
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
    done
}
set -- $cc
case $what in
code) need_cmd notangle noweave noroots cpif "$1" ar ;;
book) need_cmd latexmk pdflatex pdftotext ;;
valgrind) need_cmd valgrind ;;
fuzz) need_cmd clang ;;
*) echo "deps.sh: $what: give code, book, valgrind or fuzz" >&2
   exit 2 ;;
esac
links() {   # program text, compiler, libraries: 0 if it links
    printf '%s\n' "$1" >build/probe.c
    $2 build/probe.c -o build/probe.out $3 >/dev/null 2>&1
    st=$?
    rm -f build/probe.c build/probe.out
    return $st
}
probe() {   # name, program text, compiler, libraries
    links "$2" "$3" "$4" || missing="$missing $1"
}
if [ "$what" = code ] && [ -z "$missing" ]; then
    stb_try() {   # header folder, lines before the includes, libraries
        links "$2#include <$1stb_image.h>
    #include <$1stb_image_write.h>
    int main(void) { stbi_image_free(0); return 0; }" "$cc" "$3 -lm"
    }
    impl='#define STB_IMAGE_IMPLEMENTATION
    #define STB_IMAGE_WRITE_IMPLEMENTATION
    '
    stb=""   # the lines of build/stb.mk, separated by |
    if stb_try stb/ "" -lstb; then
        stb="STB_LIBS := -lstb"
    elif stb_try stb/ "$impl" ""; then
        stb="STB_LIBS :=|STB_IMPL := yes"
    elif stb_try "" "$impl" ""; then
        mkdir -p build/stb-shim/stb || exit 1
        for h in stb_image stb_image_write; do
            printf '#include <%s.h>\n' $h >build/stb-shim/stb/$h.h
        done
        stb="STB_LIBS :=|STB_IMPL := yes|STB_CFLAGS := -Ibuild/stb-shim"
    else
        missing="$missing stb"
    fi
    [ -z "$stb" ] || printf '%s\n' "$stb" | tr '|' '\n' >build/stb.mk \
        || exit 1
    probe cJSON '#include <cjson/cJSON.h>
int main(void) { cJSON_Delete(0); return 0; }' "$cc" -lcjson
fi
if [ "$what" = fuzz ] && [ -z "$missing" ]; then
    probe libFuzzer '#include <stdint.h>
#include <stddef.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{ (void)d; (void)n; return 0; }' "clang -fsanitize=fuzzer"
fi
[ -z "$missing" ] && exit 0
pm=""
for m in brew apt-get dnf pacman zypper; do
    command -v $m >/dev/null 2>&1 && { pm=$m; break; }
done
pkgs=""
for x in $missing; do
    case $pm:$x in
    *:notangle|*:noweave|*:noroots|*:cpif) p=noweb ;;
    apt-get:stb) p=libstb-dev ;;
    apt-get:cJSON) p=libcjson-dev ;;
    apt-get:latexmk) p=latexmk ;;
    apt-get:pdflatex) p="texlive-latex-base texlive-latex-recommended"
        p="$p texlive-pictures texlive-fonts-recommended lmodern" ;;
    apt-get:pdftotext) p=poppler-utils ;;
    apt-get:libFuzzer) p=libclang-rt-dev ;;
    apt-get:cc|apt-get:gcc) p="gcc libc6-dev" ;;
    dnf:stb) p="stb_image-devel stb_image_write-devel" ;;
    dnf:cJSON) p=cjson-devel ;;
    dnf:pdflatex) p="texlive-scheme-medium" ;;
    pacman:stb|brew:stb) p=stb ;;
    pacman:cJSON|brew:cJSON) p=cjson ;;
    pacman:latexmk) p=texlive-binextra ;;
    pacman:pdflatex) p="texlive-basic texlive-latexrecommended"
        p="$p texlive-latexextra texlive-pictures"
        p="$p texlive-fontsrecommended" ;;
    pacman:pdftotext) p=poppler ;;
    zypper:stb) p=stb-devel ;;
    zypper:cJSON) p=cjson-devel ;;
    zypper:latexmk) p=texlive-latexmk ;;
    zypper:pdflatex) p="texlive-scheme-medium" ;;
    zypper:pdftotext) p=poppler-tools ;;
    brew:latexmk|brew:pdflatex) p=basictex ;;
    brew:pdftotext) p=poppler ;;
    *:ar) p=binutils ;;
    *:cc) p=gcc ;;
    *) p=$x ;;
    esac
    case " $pkgs " in *" $p "*) ;; *) pkgs="$pkgs $p" ;; esac
done
case $what in
book) echo "make: the book needs TeX; missing:$missing" >&2 ;;
*) echo "make: missing:$missing" >&2 ;;
esac
case $pm in
apt-get) cmd="apt-get install -y -q --no-install-recommends" ;;
dnf) cmd="dnf install -y" ;;
pacman) cmd="pacman -S --needed --noconfirm" ;;
zypper) cmd="zypper --non-interactive install" ;;
brew) cmd="brew install" ;;
*) echo "make: no package manager known here; install what" \
        "provides them and run make again" >&2; exit 1 ;;
esac
sudo=""
if [ $pm != brew ] && [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
    then sudo="sudo"
    else echo "make: run this once, then make again:" >&2
         echo "  sudo $cmd$pkgs" >&2; exit 1
    fi
fi
echo "make: installing$pkgs ($pm)"
export DEBIAN_FRONTEND=noninteractive
$sudo $cmd $pkgs >build/deps.log 2>&1 \
|| { [ $pm = apt-get ] \
     && $sudo apt-get update -q >>build/deps.log 2>&1 \
     && $sudo $cmd $pkgs >>build/deps.log 2>&1; } \
|| { echo "make: $pm could not install$pkgs (build/deps.log);" \
          "still missing:$missing" >&2; exit 1; }
rm -f build/deps.log
