# Entry points for people and CI. `make run` and `make test` are the two
# commands of the README; everything else is a step of theirs.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
INDEX      ?= $(BUILD)/index
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=
# Warnings are errors in the builds made here (development and CI); a plain
# `cmake` build, as a packager makes, only warns.
DEV_ARGS   ?= -DZS_WERROR=ON

EVAL ?= ../shared/eval
DEVARCHIVE ?= ../shared/devarchive
PEERS_MB ?= 100
PEERS_FLAGS ?= --repeat 2 --wait-quiet 120

# po: the message catalogs brought up to date with the sources (scripts/po.sh)
.PHONY: po
po:
	scripts/po.sh

.PHONY: all deps build build-asan run test test-normal test-asan matrix format-check bench peers scale eval load kills fuzz ci clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(DEV_ARGS) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DZS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(DEV_ARGS) $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	$(BUILD)/indexer/zhindex --rebuild --index $(INDEX) corpus
	$(BUILD)/query/zhquery --index $(INDEX) 青春健康

test: test-normal test-asan

test-normal: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/bench/zs_bench -c corpus -n 100 -w $(BUILD)/bench-work -x $(BUILD)/indexer/zhindex -q bench/queries.txt
	$(BUILD)/indexer/zhindex --quiet --rebuild --index $(BUILD)/bench-work/index-10 \
	  $(BUILD)/bench-work/input/copy-00[0-9]
	$(BUILD)/bench/zs_bench_audit -i $(BUILD)/bench-work/index -s $(BUILD)/bench-work/index-10 -c corpus

# zhsearch against Xapian's CJK n-grams, SQLite FTS5 trigram, Lucene 8 (CJK bigrams,
# smartcn) and Groonga's TokenBigram on a generated corpus of PEERS_MB MB (issue 6);
# minutes, so make test runs only a 0.2 MB smoke run of the first three, and only
# this target installs Lucene, a JDK and Groonga.
peers: build
	scripts/install-deps.sh --peers
	bench/peers --mb $(PEERS_MB) --work $(BUILD)/peers/$(PEERS_MB)mb \
	  --zhindex $(BUILD)/indexer/zhindex --zhquery-bench $(BUILD)/bench/zs_bench_query $(PEERS_FLAGS)

# zhsearch alone on generated archives of SCALE_MB megabytes each (default 10,
# 100 and 1024), figures side by side: indexing, size, RSS, query latency.
SCALE_MB ?= 10 100 1024
scale: build
	bench/scale --work $(BUILD)/scale $(SCALE_MB)

eval: build
	$(BUILD)/indexer/zhindex --quiet --rebuild --index $(BUILD)/eval-index corpus
	$(BUILD)/bench/zs_eval -i $(BUILD)/eval-index -q $(EVAL)/queries.tsv -s $(EVAL)/score.py \
	  -o $(BUILD)/eval-run.jsonl
	$(BUILD)/indexer/zhindex --quiet --rebuild --index $(BUILD)/eval-own-index $(DEVARCHIVE) corpus
	$(BUILD)/bench/zs_eval -i $(BUILD)/eval-own-index -q bench/eval/queries.tsv -s bench/eval/score.py \
	  -o $(BUILD)/eval-own-run.jsonl

# zhquery serve under load: wrk, 50 connections for 60 s on a mix of searches,
# similar passages, audits and documents, then 60 s more beside 500 slow clients
# (slowloris, tests/e2e/slow_clients.py, from 127.0.0.2); prints requests/s,
# latency (p95), errors and answers of both phases and the server's RSS before
# and after (CTest runs the same for 10 s).
load: build
	ZHINDEX=$(CURDIR)/$(BUILD)/indexer/zhindex ZHQUERY=$(CURDIR)/$(BUILD)/query/zhquery \
	  CORPUS=$(CURDIR)/corpus WORK=$(CURDIR)/$(BUILD)/load-work SERVE_LOAD_SECONDS=60 \
	  bash tests/e2e/serve_load.sh

# zhindex killed (SIGKILL) 10 times in each of first build, update, --rebuild
# and one-worker runs on a generated 20 MB archive: the index answers after
# every kill and, completed, equals a clean build (minutes; not part of CI).
kills: build
	ZHINDEX=$(BUILD)/indexer/zhindex ZHQUERY=$(BUILD)/query/zhquery bench/kills --work $(BUILD)/kills

# libFuzzer targets (clang, ASan, UBSan) in their own build, each run for
# FUZZ_SECONDS on seeds made from corpus/; a summary line per target.
fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -DZS_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ $(DEV_ARGS) $(CMAKE_ARGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target zs_fuzz
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The tree with gcc and clang in Debug, RelWithDebInfo and Release, warnings as
# errors (six builds: minutes; CI builds gcc Release, the packagers' build).
MATRIX_COMPILERS ?= gcc clang
MATRIX_TYPES ?= Debug RelWithDebInfo Release
matrix: deps
	scripts/build-matrix.sh build-matrix "$(MATRIX_COMPILERS)" "$(MATRIX_TYPES)"

# Every C, C++ and header file as .clang-format says (Debian's clang-format).
format-check: deps
	scripts/format.sh --check

# What CI runs (make test, then make fuzz FUZZ_SECONDS=30), to reproduce it locally.
ci:
	bash .ci/run

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-matrix
