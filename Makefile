# Makefile: the one entry point of the book and of the program it tangles.
#
#   make            the book, book.pdf (installs what is missing first);
#                   make SOLUTIONS=0 writes the student's book-student.pdf
#   make test       tangle, build with warnings as errors, run every test
#   make help       every target and variable
#
# The web (book.nw and chapters/*.nw) is the source.  Files under code/,
# tests/ and figures/ that are tangled are committed exactly as
# `make tangle` writes them and are never edited by hand.

SHELL := /bin/sh
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

# ---------------------------------------------------------------- variables
ifeq ($(origin CC),default)
CC := gcc
endif
WARN     := -std=c11 -Wall -Wextra -pedantic -Werror
CFLAGS   ?= -O3 -g
SANITIZE ?= 0
GAMMA    ?= 2
ALPHA    ?= 0.25
SOLUTIONS ?= 1
# Chapter 13's experiments: the tier (default or full), a shift of
# every seed, and the pairs of `make experiment`.
EXPERIMENTS ?= default
EXP_SEED ?= 0
SEEDS    ?= 3
# Each edition has its own file, so that building one never overwrites
# the other.
BOOK_PDF := $(if $(filter 0,$(SOLUTIONS)),book-student.pdf,book.pdf)

# Products go to build/ for the default gcc build, and to a folder of
# their own for any other compiler or for the sanitizer build, so that
# switching never mixes objects.
# STRICT_POSIX=1: only C11 and POSIX.1-2008, no GNU or BSD extensions
# (what macOS and the BSDs promise); products in a folder of their own.
STRICT_POSIX ?= 0
ifeq ($(STRICT_POSIX),1)
POSIXFLAGS := -D_POSIX_C_SOURCE=200809L -U_GNU_SOURCE -U_DEFAULT_SOURCE \
              -U_BSD_SOURCE -U_XOPEN_SOURCE
B ?= build/posix-$(notdir $(firstword $(CC)))
else
POSIXFLAGS :=
endif
ifeq ($(SANITIZE),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
B ?= build/san-$(notdir $(CC))
else
SANFLAGS :=
ifeq ($(CC),gcc)
B ?= build
else
B ?= build/$(notdir $(firstword $(CC)))
endif
endif

# How this system gives stb, as code/deps.sh found it: Debian's library
# unless build/stb.mk says the headers come alone (their implementation
# is then compiled into the library from code/stb/stb-*.c) or flat
# (then a folder of one-line headers, build/stb-shim, finds them).
STB_LIBS := -lstb
STB_IMPL :=
STB_CFLAGS :=
-include build/stb.mk

ALL_CFLAGS := $(WARN) $(CFLAGS) $(SANFLAGS) $(POSIXFLAGS) -pthread \
              $(STB_CFLAGS) -Icode -Itests
# Debian's gcc 12 for aarch64 stops with an internal compiler error
# ("in vect_transform_reduction") when it vectorises a running fmax of
# floats into a double, the loop with which tests find their worst
# error.  A compiler that fails on such a loop builds the test, figure
# and lab programs without loop vectorisation (the library and the
# program keep it); every other compiler gets nothing (appendix "The
# tools", "Building where the reader is").
VECT_PROBE := double fmax(double, double); double fabs(double); \
  double f(const float *g, int n) { double w = 0; \
  for (int i = 0; i < n; i++) w = fmax(w, fabs(g[i])); return w; }
PROG_CFLAGS := $(shell echo '$(VECT_PROBE)' | $(CC) -std=c11 $(CFLAGS) \
  -S -x c -o - - >/dev/null 2>&1 || echo -fno-tree-loop-vectorize)
PROG_FLAGS := $(ALL_CFLAGS) $(PROG_CFLAGS)
LDLIBS := -lcjson $(STB_LIBS) -lm -pthread

# The web, in the order the book reads.  book.nw names the chapters with
# `%include` lines; every .nw file is handed to notangle, so that a chunk
# may be used in a chapter other than the one that defines it.
# Each chapter is followed by its part of the companion
# (chapters/companion/, woven after the solutions): chunks split between
# the two are tangled in that order.
WEB := book.nw chapters/companion/00-companion.nw \
       $(foreach f,$(sort $(wildcard chapters/*.nw)),$(f) \
         $(wildcard chapters/companion/$(notdir $(f)))) \
       $(sort $(wildcard chapters/solutions/*.nw))

# The reading path: the numbered chapters, in order.  A chunk they use
# must be defined in the same or an earlier chapter (make lint).
READING := $(sort $(wildcard chapters/[0-8][0-9]-*.nw))

# noweb's markup filter (for make lint) lives where the system put it.
NOWEB_MARKUP := $(firstword $(wildcard /usr/lib/noweb/markup \
  /usr/libexec/noweb/markup /usr/local/lib/noweb/markup \
  /usr/local/libexec/noweb/markup /opt/homebrew/lib/noweb/markup \
  /opt/homebrew/libexec/noweb/markup /usr/lib/noweb/markup))

# ---------------------------------------------------------------- top level
.PHONY: all book tangle test check lint figures deps deps-code deps-book \
        clean help build-code run-tests build-figures print-test-count \
        exercise lab-lib

all: book

help:
	@echo 'The web: book.nw (frame), chapters/NN-*.nw (the reading path: 13 chapters),'
	@echo 'chapters/9N-*.nw (appendices), chapters/solutions/, chapters/companion/NN-*.nw'
	@echo '(each chapter'"'"'s tests, figure programs, subcommands, hardening and fast'
	@echo 'variants, woven after the solutions as Companion Cn).'
	@echo 'Targets:'
	@echo '  make              book.pdf: tangle, build, run the figure programs, weave, typeset'
	@echo '                    (SOLUTIONS=0: the student'"'"'s edition, book-student.pdf)'
	@echo '  make test         tangle, build (warnings are errors), run every test;'
	@echo '                    ends with "N passed, N failed"'
	@echo '  make tangle       write code/, tests/ and figures/ from the chapters'
	@echo '  make figures      run the figure programs into figures/out/'
	@echo '  make train        train the book'"'"'s model (GAMMA, ALPHA) into build/'
	@echo '  make exercise EX=NAME  check the student'"'"'s exercises/NAME.c (made from'
	@echo '                    a stub if missing, never overwritten); no EX: list them'
	@echo '  make experiments  train the experiments of chapter 13 into build/exp (cached)'
	@echo '  make experiment GAMMA=1 ALPHA=0.5  one run at that setting and a report,'
	@echo '                    build/experiment-g1-a0.5/report.pdf, beside the default'
	@echo '  make lint         dead or misspelt chunks, undefined chunks, code lines > 72 columns,'
	@echo '                    tangled files no chunk writes, chunks the reading path uses'
	@echo '                    before they are defined (unless declared with %forward)'
	@echo '  make check        lint + drift (tangling changes nothing committed) + test'
	@echo '  make valgrind     a short training, detection and bad input under valgrind;'
	@echo '                    fails on any memory error or leak (appendix, faults)'
	@echo '  make fuzz         libFuzzer on the readers (COCO, images, checkpoints, loss'
	@echo '                    input) and the command line, FUZZ_SECONDS each (default 30)'
	@echo '  make fuzz-seeds   rewrite the fuzzers'"'"' committed seed corpus in tests/corpus/'
	@echo '  make bench-compare  retina bench against its PyTorch twin (needs python3-torch;'
	@echo '                    optional, never needed by the tests or the book)'
	@echo '  make deps         probe for what the code and the book need; install what is missing'
	@echo '  make clean        remove build products'
	@echo 'Variables:'
	@echo '  SOLUTIONS=1|0     instructor'"'"'s edition (default, book.pdf) or the'
	@echo '                    student'"'"'s without solutions (book-student.pdf)'
	@echo '  GAMMA=2 ALPHA=0.25  focal loss setting the book highlights (stated on the title page)'
	@echo '  CC=gcc|clang  CFLAGS="-O3 -g"  SANITIZE=1 (address + undefined sanitizers)'
	@echo '  STRICT_POSIX=1    build with only C11 and POSIX.1-2008 (into build/posix-CC)'
	@echo '  FUZZ_SECONDS=30   how long make fuzz runs each target'
	@echo 'Programs: build/retina (try: build/retina help), build/tests/*, build/figures/*'

# ---------------------------------------------------------------- set-up
# code/deps.sh (appendix "The tools", tangled and committed, so that it
# runs before anything is tangled) probes for the commands, headers and
# libraries each part needs and, only if something is missing, installs
# it with the system's package manager (apt-get, dnf, pacman, zypper,
# brew) when it may, or names what is missing and the one command to
# run.  No target asks for a package by name.
deps: deps-code deps-book

deps-code:
	@sh code/deps.sh code '$(CC)'

deps-book:
	@sh code/deps.sh book

# ---------------------------------------------------------------- tangle
# Every root chunk named by a path under code/, tests/ or figures/ is
# written with notangle (with #line directives for C, so that compiler
# errors and debuggers point into the chapter) through cpif, which leaves
# unchanged files untouched.  A failing notangle fails make.
tangle: deps-code
	@mkdir -p build
	@roots=$$(noroots $(WEB) | sed -n 's/^<<\(.*\)>>$$/\1/p' \
	          | grep -E '^(code|tests|figures)/' | sort); \
	for r in $$roots; do \
	  case $$r in *.c|*.h) L=-L;; *) L=;; esac; \
	  mkdir -p $$(dirname $$r); \
	  notangle $$L -R"$$r" $(WEB) >build/tangle.tmp 2>build/tangle.err; \
	  st=$$?; \
	  if [ $$st -ne 0 ] || [ -s build/tangle.err ]; then \
	    cat build/tangle.err >&2; \
	    echo "make: notangle failed on root $$r" >&2; exit 1; \
	  fi; \
	  cpif $$r <build/tangle.tmp || exit 1; \
	  case $$r in *.sh) chmod 755 $$r;; *) chmod 644 $$r;; esac; \
	done; \
	rm -f build/tangle.tmp build/tangle.err

# ---------------------------------------------------------------- build
# After tangling, a second make reads the file lists afresh.
SUBMAKE = $(MAKE) --no-print-directory

# make test records how long it took (build and run) for the preface.
test: tangle
	@t0=$$(date +%s); $(SUBMAKE) run-tests; st=$$?; \
	[ $$st = 0 ] && echo $$(( $$(date +%s) - t0 )) >build/time-test.txt; \
	exit $$st

figures: tangle
	@$(SUBMAKE) build-figures

LIB_SRC  := $(filter-out code/retina.c,$(wildcard code/*.c))
LIB_OBJ  := $(LIB_SRC:code/%.c=$(B)/obj/%.o) \
            $(if $(STB_IMPL),$(B)/obj/stb-read.o $(B)/obj/stb-write.o)
HDRS     := $(wildcard code/*.h tests/*.h)
TEST_SRC := $(wildcard tests/test-*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
SH_TESTS := $(wildcard tests/test-*.sh)
FIG_SRC  := $(wildcard figures/*.c)
FIG_BIN  := $(FIG_SRC:figures/%.c=$(B)/figures/%)
FIG_OUT  := $(FIG_SRC:figures/%.c=figures/out/%.stamp)
LAB_NAMES := $(patsubst tests/ex-%-check.c,%,$(wildcard tests/ex-*-check.c))
LAB_STAMP := $(LAB_NAMES:%=$(B)/lab/%.stamp)

build-code: $(B)/retina $(TEST_BIN) $(FIG_BIN) $(LAB_STAMP)

$(B)/obj/%.o: code/%.c $(HDRS) | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# stb's own code, where the system ships only its headers: not ours, so
# compiled without our warnings.
$(B)/obj/stb-read.o $(B)/obj/stb-write.o: $(B)/obj/%.o: code/stb/%.c \
                                           | $(B)/obj
	$(CC) -std=c11 -w $(CFLAGS) $(SANFLAGS) $(POSIXFLAGS) $(STB_CFLAGS) \
	  -c $< -o $@

$(B)/libretina.a: $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^

$(B)/retina: code/retina.c $(B)/libretina.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $< $(B)/libretina.a $(LDLIBS) -o $@

$(B)/tests/%: tests/%.c $(B)/libretina.a $(HDRS) | $(B)/tests
	$(CC) $(PROG_FLAGS) $< $(B)/libretina.a $(LDLIBS) -o $@

$(B)/figures/%: figures/%.c $(B)/libretina.a $(HDRS) | $(B)/figures
	$(CC) $(PROG_FLAGS) $< $(B)/libretina.a $(LDLIBS) -o $@

$(B)/obj $(B)/tests $(B)/figures figures/out:
	@mkdir -p $@

# The lab (appendix "The lab"): each checker is built with its reference
# solution, with its stub, and once for every bug the solution marks
# (a line testing EX_BUG == n); tests/test-exercises.sh runs them all.
$(B)/lab/%.stamp: tests/ex-%-check.c tests/ex-%-solution.c \
                  tests/ex-%-stub.c $(B)/libretina.a $(HDRS)
	@mkdir -p $(B)/lab
	$(CC) $(PROG_FLAGS) $< tests/ex-$*-solution.c $(B)/libretina.a \
	  $(LDLIBS) -o $(B)/lab/ex-$*-solution
	$(CC) $(PROG_FLAGS) $< tests/ex-$*-stub.c $(B)/libretina.a \
	  $(LDLIBS) -o $(B)/lab/ex-$*-stub
	@for n in $$(sed -n 's/.*EX_BUG == \([0-9][0-9]*\).*/\1/p' \
	    tests/ex-$*-solution.c | sort -u); do \
	  echo "$(CC) ... -DEX_BUG=$$n ... -o $(B)/lab/ex-$*-bug$$n"; \
	  $(CC) $(PROG_FLAGS) -DEX_BUG=$$n $< tests/ex-$*-solution.c \
	    $(B)/libretina.a $(LDLIBS) -o $(B)/lab/ex-$*-bug$$n || exit 1; \
	done
	@touch $@

# The test runner prints each failure and ends with "N passed, N failed".
# LAB_CC and LAB_LIBS let the lab's test build a student's file.
run-tests: build-code
	@LAB_CC='$(CC) $(PROG_FLAGS)' LAB_LIBS='$(B)/libretina.a $(LDLIBS)' \
	  RETINA=$(B)/retina sh tests/run-tests.sh $(TEST_BIN) $(SH_TESTS)

# make exercise EX=NAME: the student's exercises/NAME.c with its checker
# (tests/ex-run.sh; made from the stub when missing, never overwritten
# or removed, not even by make clean).  Warnings are not errors here.
exercise: tangle
	@$(SUBMAKE) lab-lib
	@LAB_CC='$(CC) $(filter-out -Werror,$(PROG_FLAGS))' \
	  LAB_LIBS='$(B)/libretina.a $(LDLIBS)' LAB_BIN=$(B)/lab \
	  LAB_FAIL_STATUS=0 sh tests/ex-run.sh '$(EX)'

lab-lib: $(B)/libretina.a
	@:

# Each figure program writes its data files into figures/out/ and is rerun
# only when it, or the GAMMA/ALPHA setting, changes.
build-figures: $(FIG_OUT)

# A program's real inputs are its code and the library's, without the
# #line directives that move when prose is edited (build/fig-sum/), so
# that a prose edit reruns no figure program.
figures/out/%.stamp: build/fig-sum/%.sum build/setting.tex \
		     | figures/out $(B)/figures/%
	GAMMA=$(GAMMA) ALPHA=$(ALPHA) $(B)/figures/$* figures/out
	@touch $@

.PRECIOUS: build/fig-sum/%.sum
build/fig-sum/%.sum: build/train-code.sum FORCE
	@mkdir -p build/fig-sum
	@cat build/train-code.sum figures/$*.c | grep -v '^#line ' \
	  | cksum >$@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@
	@rm -f $@.tmp

# A file whose contents change only when a variable does, so that make
# rebuilds what depends on the variable and nothing else.
build/setting.tex: FORCE
	@mkdir -p build
	@printf '%s\n' '\newcommand{\bookgamma}{$(GAMMA)}' \
	  '\newcommand{\bookalpha}{$(ALPHA)}' >build/setting.tmp
	@cmp -s build/setting.tmp $@ || mv build/setting.tmp $@
	@rm -f build/setting.tmp

build/tier.tex: FORCE
	@mkdir -p build
	@case '$(EXPERIMENTS)' in default|full) ;; *) echo \
	  "make: EXPERIMENTS=$(EXPERIMENTS): give default or full" >&2; \
	  exit 2;; esac
	@case '$(EXP_SEED)' in ''|*[!0-9]*) echo \
	  "make: EXP_SEED=$(EXP_SEED): give a whole number" >&2; exit 2;; esac
	@printf '%s\n' '\newcommand{\exptier}{$(EXPERIMENTS)}' \
	  '\newcommand{\expseedshift}{$(EXP_SEED)}' >build/tier.tmp
	@cmp -s build/tier.tmp $@ || mv build/tier.tmp $@
	@rm -f build/tier.tmp

build/edition.tex: FORCE
	@mkdir -p build
	@printf '%s\n' '\newif\ifsolutions' \
	  '\solutions$(if $(filter 0,$(SOLUTIONS)),false,true)' >build/edition.tmp
	@cmp -s build/edition.tmp $@ || mv build/edition.tmp $@
	@rm -f build/edition.tmp
.PHONY: FORCE
FORCE:

# ---------------------------------------------------------------- training
# Chapter 11: `make train` trains the book's model with GAMMA/ALPHA into
# build/.  Its real inputs are the program's code and the setting
# (build/setting.tex changes only when GAMMA or ALPHA do).  The code is
# summed without its #line directives, which move whenever prose above
# a chunk is edited, so editing prose never retrains.  The chapter's
# figure program reads the model and its log.
TRAIN_MODEL := build/train-model.ckpt
.PHONY: train
train: tangle
	@$(SUBMAKE) $(TRAIN_MODEL)

build/train-code.sum: FORCE
	@mkdir -p build
	@cat $(sort $(wildcard code/*.c code/*.h)) | grep -v '^#line ' \
	  | cksum >build/train-code.tmp
	@cmp -s build/train-code.tmp $@ || mv build/train-code.tmp $@
	@rm -f build/train-code.tmp

$(TRAIN_MODEL): build/train-code.sum build/setting.tex | $(B)/retina
	$(B)/retina train --gamma $(GAMMA) --alpha $(ALPHA) --threads 2 \
	  --val 500 --val-every 640 --log build/train-log.csv \
	  --out build/train-run.ckpt && mv build/train-run.ckpt $@

figures/out/fig-train.stamp: $(TRAIN_MODEL)
figures/out/fig-analyze.stamp: $(TRAIN_MODEL)

# ---------------------------------------------------------------- experiments
# Chapter 13: `make experiments` trains the chapter's runs into build/exp/
# with figures/run-experiments.sh, which skips every run whose key (the
# code's checksum and the run's flags) is unchanged; `make experiment
# GAMMA=.. ALPHA=..` trains one run at that setting (if it is not cached)
# and writes a report beside the book's default setting.
EXP_DONE := build/exp/done
EXP_ENV = GAMMA=$(GAMMA) ALPHA=$(ALPHA) EXPERIMENTS=$(EXPERIMENTS) \
	  EXP_SEED=$(EXP_SEED)
EXP_SH = sh figures/run-experiments.sh $(B)/retina build/train-code.sum \
	  build/exp
EXP_RUN = $(EXP_ENV) SEEDS=1 $(EXP_SH)
EXP_NAME = $(shell awk -v g=$(GAMMA) -v a=$(ALPHA) 'BEGIN { \
	     if (g + 0 == 0) printf "ce-a%g", a; \
	     else printf "fl-g%g-a%g", g, a }')
EXP_BASE := fl-g2-a0.25
EXP_REPORT = build/experiment-g$(GAMMA)-a$(ALPHA)
.PHONY: experiments experiment
experiments: tangle
	@$(SUBMAKE) $(EXP_DONE)

$(EXP_DONE): build/train-code.sum build/setting.tex build/tier.tex \
	     figures/run-experiments.sh | $(B)/retina
	$(EXP_RUN)
	@touch $@

figures/out/fig-exp.stamp: $(EXP_DONE) $(TRAIN_MODEL) build/tier.tex

# `make experiment`: the setting and the book's (EXP_BASE) at seeds
# 1..SEEDS, paired, and a one-page report; `make lab-pool POOL=DIR`
# merges the summary.txt files under DIR (a class's reports).
EXP_SEEDS = $(shell awk -v n=$(SEEDS) 'BEGIN { for (i = 1; i <= n; i++) \
	      print i }')
experiment: tangle
	@case '$(SEEDS)' in ''|*[!0-9]*|0|1) echo \
	  "make: SEEDS=$(SEEDS): give 2 or more pairs" >&2; exit 2;; esac
	@$(SUBMAKE) $(B)/retina build/train-code.sum build/tier.tex
	@$(EXP_ENV) SEEDS=$(SEEDS) $(EXP_SH) \
	  $(foreach i,$(EXP_SEEDS),$(EXP_NAME)-s$(i) $(EXP_BASE)-s$(i))
	@mkdir -p $(EXP_REPORT)
	@for i in $(EXP_SEEDS); do echo "$$(( $(EXP_SEED) * 1000 + i ))" \
	  "build/exp/$(EXP_NAME)-s$$i/log.csv" \
	  "build/exp/$(EXP_BASE)-s$$i/log.csv"; done >$(EXP_REPORT)/pairs.txt
	@$(B)/retina report --model build/exp/$(EXP_NAME)-s1/model.ckpt \
	  --log build/exp/$(EXP_NAME)-s1/log.csv \
	  --base-model build/exp/$(EXP_BASE)-s1/model.ckpt \
	  --base-log build/exp/$(EXP_BASE)-s1/log.csv \
	  --pairs $(EXP_REPORT)/pairs.txt --out $(EXP_REPORT) >/dev/null
	@cd $(EXP_REPORT) && latexmk -pdf -interaction=nonstopmode \
	  -halt-on-error report.tex >latex.log 2>&1 \
	  || { echo "make experiment: LaTeX failed; see" \
	       "$(EXP_REPORT)/latex.log" >&2; exit 1; }
	@grep -o 'Over [0-9]* paired seeds[^.]*\.[0-9]*[^:]*: [^.]*' \
	  $(EXP_REPORT)/report.tex || true
	@echo "report: $(EXP_REPORT)/report.pdf"

POOL ?= build
.PHONY: lab-pool
lab-pool: tangle
	@$(SUBMAKE) $(B)/retina
	@files=$$(find $(POOL) -name summary.txt | sort); \
	  [ -n "$$files" ] || { echo "make lab-pool: no summary.txt under" \
	  "$(POOL) (run make experiment first)" >&2; exit 1; }; \
	  $(B)/retina pool --out build/lab-pool $$files
	@cd build/lab-pool && latexmk -pdf -interaction=nonstopmode \
	  -halt-on-error pool.tex >latex.log 2>&1 \
	  || { echo "make lab-pool: LaTeX failed; see" \
	       "build/lab-pool/latex.log" >&2; exit 1; }
	@echo "pooled: build/lab-pool/pool.pdf"

# ---------------------------------------------------------------- the book
# One stream: book.nw with its `%include FILE` lines replaced by the files
# (and `%solutions FILE` lines too unless SOLUTIONS=0), woven at once so
# that the chunk and identifier indexes are whole.
# TeX is probed first, so that a machine without it hears so in one
# line before any training starts.
book: deps-book
	@$(SUBMAKE) figures
	@$(SUBMAKE) $(BOOK_PDF)

build/book.nw: $(WEB) build/edition.tex
	@awk -v sol=$(SOLUTIONS) ' \
	  function inc(f,  l) { print "@"; \
	    while ((getline l < f) > 0) print l; close(f); print "@" } \
	  /^%include / { inc($$2); next } \
	  /^%solutions / { if (sol != 0) inc($$2); next } \
	  { print }' book.nw >$@

build/book.tex: build/book.nw
	noweave -delay -index $< >$@

# The preface's map of the chapters, drawn from the reading path.
figures/out/book-deps.tex: figures/book-deps.sh $(READING) | figures/out
	sh figures/book-deps.sh $(READING) >$@.tmp && mv $@.tmp $@

# The preface's build times: this make's seconds until typesetting
# began (BOOK_T0 is set once, by the first make), and the last
# successful make test's, on this machine.
ifndef BOOK_T0
BOOK_T0 := $(shell date +%s)
endif
export BOOK_T0
build/build-time.tex: FORCE
	@t=$$(( $$(date +%s) - $(BOOK_T0) )); \
	tt=$$(cat build/time-test.txt 2>/dev/null || echo 0); \
	printf '%s\n' "\\newcommand{\\bookmaketime}{$$t}" \
	  "\\newcommand{\\booktesttime}{$$tt}" >$@

book.pdf book-student.pdf: chapters/bibliography.tex build/book.tex \
		$(FIG_OUT) build/setting.tex build/edition.tex \
		build/tier.tex figures/out/book-deps.tex
	@$(SUBMAKE) build/build-time.tex
	@# noweb's page-and-letter chunk numbers (12a, 12b) can make a page
	@# break and a label chase each other; allow more passes, and accept a
	@# document whose only fault is that the last pass still moved a label.
	@# Quiet on success; on failure the first error and one line.
	@latexmk -pdf -interaction=nonstopmode -halt-on-error -file-line-error \
	  -e '$$max_repeat=9' \
	  -output-directory=build build/book.tex >build/latex.log 2>&1 \
	  || { if grep -q 'needed too many passes' build/latex.log \
	          && ! grep -q '^!' build/book.log && [ -f build/book.pdf ]; then \
	         echo "make: warning: cross-references still moving after 9 passes" >&2; \
	       else \
	         grep -m1 -A3 -E '^(!|.*:[0-9]+:)' build/book.log >&2; \
	         echo "make: LaTeX failed on build/book.tex (above: its first error; the whole log: build/book.log)" >&2; \
	         exit 1; \
	       fi; }
	@grep -E 'LaTeX Warning: (Reference|Citation).*undefined' build/book.log \
	  | sort -u | head -5 || true
	@cp build/book.pdf $@
	@echo "$@: the $(if $(filter 0,$(SOLUTIONS)),student's edition (no solutions),instructor's edition (with solutions))"

# ---------------------------------------------------------------- checks
# lint: every root must be a file we write (anything else is dead or a
# misspelling), every used chunk must be defined, no code line may exceed
# 72 columns, chunk names quote code in [[...]], and no file under code/,
# tests/ or figures/ may be a leftover that no chunk writes.
lint: deps-code
	@sh -c ' \
	fail=0; web="$(WEB)"; \
	noroots $$web | sed -n "s/^<<\(.*\)>>$$/\1/p" | sort >build/roots.txt; \
	dead=$$(grep -vE "^(code|tests|figures)/" build/roots.txt); \
	if [ -n "$$dead" ]; then echo "lint: root chunks that no file uses (dead or misspelt):"; \
	  echo "$$dead" | sed "s/^/  <</;s/$$/>>/"; fail=1; fi; \
	$(NOWEB_MARKUP) $$web >build/markup.txt; \
	sed -n "s/^@defn //p" build/markup.txt | sort -u >build/defs.txt; \
	sed -n "s/^@use //p" build/markup.txt | sort -u >build/uses.txt; \
	undef=$$(comm -13 build/defs.txt build/uses.txt); \
	if [ -n "$$undef" ]; then echo "lint: chunks used but never defined:"; \
	  echo "$$undef" | sed "s/^/  <</;s/$$/>>/"; fail=1; fi; \
	awk '"'"' \
	  FNR == 1 { code = 0 } \
	  /^<<.*>>=[ \t]*$$/ { code = 1; \
	    n = $$0; gsub(/\[\[[^]]*\]\]/, "", n); \
	    if (n ~ /_/) { printf "lint: %s:%d: quote code in chunk names with [[...]]\n", FILENAME, FNR; bad = 1 } \
	    next } \
	  /^@( |$$)/ { code = 0; next } \
	  code { l = $$0; t = ""; \
	    for (i = 1; i <= length(l); i++) { c = substr(l, i, 1); \
	      if (c == "\t") { do t = t " "; while (length(t) % 8) } else t = t c } \
	    if (length(t) > 72) { printf "lint: %s:%d: code line of %d columns (max 72)\n", FILENAME, FNR, length(t); bad = 1 } } \
	  END { exit bad }'"'"' $$web || fail=1; \
	for f in $$(find code tests -type f ! -path "tests/corpus/*" | sort) \
	         $$(ls figures/*.c 2>/dev/null); do \
	  grep -qxF "$$f" build/roots.txt || { echo "lint: $$f is written by no chunk (stale?)"; fail=1; }; \
	done; \
	for f in $(READING); do $(NOWEB_MARKUP) $$f \
	  | sed -n -e "s/^@defn /defn /p" -e "s/^@use /use /p"; \
	  sed -n "s/^%forward @\{0,1\}<<\\(.*\\)>>[ \t]*$$/allow \\1/p" $$f; \
	  echo "file $$f"; done | awk '"'"' \
	  $$1 == "defn" { sub(/^defn /, ""); d[$$0] = 1; next } \
	  $$1 == "allow" { sub(/^allow /, ""); a[$$0] = 1; next } \
	  $$1 == "use" { sub(/^use /, ""); u[$$0] = 1; next } \
	  $$1 == "file" { for (c in u) if (!(c in d) && !(c in a)) { \
	      printf "lint: %s uses <<%s>>, before any chapter up to it defines it; if that is meant, add a line %%forward @<<...>> beside the sentence that says where\n", $$2, c; bad = 1 } \
	    split("", u); split("", a) } \
	  END { exit bad }'"'"' || fail=1; \
	cmp=$$(grep -nE "\\\\(imb|info|loss|layers|sgd|data|net|anchors|detect|eval|train|speed|exp)[A-Z][A-Za-z]*(\{\})?[~ ]+times[~ ]+(faster|slower|more|fewer|larger|smaller|less|higher|lower|better|worse)" \
	  $(READING) chapters/solutions/*.nw); \
	if [ -n "$$cmp" ]; then echo "lint: a generated number followed by a typed comparison word (generate the word from the numbers):"; \
	  echo "$$cmp" | sed "s/^/  /"; fail=1; fi; \
	[ $$fail = 0 ] && echo "lint: clean"; exit $$fail'

# drift: tangling must not change anything committed.
drift: tangle
	@if [ -n "$$(git status --porcelain -- code tests figures/*.c)" ]; then \
	  echo "drift: make tangle changed committed files:"; \
	  git status --porcelain -- code tests figures/*.c; exit 1; \
	else echo "drift: none"; fi
.PHONY: drift

check: lint drift test

# bench-compare: retina bench against its PyTorch twin, interleaved in
# rounds (chapter 12).  Optional: needs python3-torch, which neither the
# tests nor the book ever need.  ROUNDS=5 by default.
bench-compare: tangle
	@$(SUBMAKE) $(B)/retina
	sh code/bench-compare.sh $(B)/retina $(or $(ROUNDS),5) /usr/bin/python3
.PHONY: bench-compare

# ---------------------------------------------------------------- faults
# The appendix on bad input (chapters/91-faults.nw).  `make valgrind`
# builds the program at -O1 in its own folder and runs the chapter's
# script under valgrind.  `make fuzz` builds the library with clang's
# fuzzer and sanitizer instrumentation into build/fuzz/ and runs each
# target in tests/fuzz/ for FUZZ_SECONDS on its seed corpus.
FUZZ_SECONDS ?= 30
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/%)
.PHONY: valgrind fuzz fuzz-seeds build-fuzz
valgrind: tangle
	@sh code/deps.sh valgrind
	@$(SUBMAKE) B=build/valgrind CFLAGS='-O1 -g' build/valgrind/retina
	sh tests/valgrind.sh build/valgrind/retina

fuzz: tangle
	@sh code/deps.sh fuzz
	@$(SUBMAKE) CC=clang SANITIZE=1 B=build/fuzz \
	  CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' build-fuzz
	sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

build-fuzz: $(FUZZ_BIN)

# stb's decoder is compiled from its header with coverage, the address
# sanitizer and array bounds checks, so that the fuzzer sees inside it;
# its warnings and its harmless undefined behaviour (shifts of negative
# numbers) are not ours to fix.
$(B)/obj/stb-image.o: tests/fuzz/stb-image.c | $(B)/obj
	$(CC) -std=c11 -w $(CFLAGS) $(STB_CFLAGS) -fsanitize=address,bounds \
	  -fno-sanitize-recover=all -fno-omit-frame-pointer -c $< -o $@

$(B)/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(B)/obj/stb-image.o \
             $(B)/libretina.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $< $(B)/obj/stb-image.o \
	  $(B)/libretina.a $(LDLIBS) -o $@

# The seed corpus in tests/corpus/ is committed; this remakes it.
fuzz-seeds: tangle
	@$(SUBMAKE) $(B)/make-corpus
	$(B)/make-corpus tests/corpus

$(B)/make-corpus: tests/fuzz/make-corpus.c $(B)/libretina.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $< $(B)/libretina.a $(LDLIBS) -o $@

clean:
	rm -rf build figures/out book.pdf book-student.pdf
