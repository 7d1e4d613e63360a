# Makefile — builds motcua (site generator) and loa (announcement audio),
# installs missing Debian packages first, and runs the whole test suite.
#
#   make            install missing packages, build ./motcua and ./loa
#   make test       build and run every test; ends with "N passed, N failed"
#   make unit       the unit tests only (no browser, server or test tools)
#   make asan       the same tests under AddressSanitizer and UBSan
#   make valgrind   the unit tests under valgrind, failing on any leak
#   make fuzz       every libFuzzer harness for FUZZ_SECONDS (default 60) each,
#                   built with clang under ASan and UBSan (tests/fuzz/)
#   make bench      benchmarks against Hugo, ffmpeg/sox, Pagefind (bench/)
#   make install    PREFIX=/usr/local: binaries, default theme, man pages
#   make docs       write man/*.1 and README's usage lines from the option
#                   tables (tests/cli/test_docs.sh fails when they differ)

PREFIX   ?= /usr/local
BUILD    ?= build
BIN      ?= .
CC       ?= cc
VERSION  := 0.1.0

# Libraries, found with pkg-config, and the Debian packages that provide them.
PC_MODULES   = icu-uc icu-i18n yaml-0.1 jansson libcmark-gfm \
               espeak-ng sndfile libebur128 soxr taglib_c libcrypto \
               libmicrohttpd libcurl libxxhash libqrencode \
               libavformat libavcodec libswresample libavutil
# What the motcua program itself links: the rest (audio, the preview
# server, the external link check) is in motcua-media.so, loaded on first
# use (src/motcua/media.h): those libraries (FFmpeg's among them, for
# recorded voices) bring about 65 more shared
# objects, whose loading cost every run 9 ms before main().
CORE_PC_MODULES = icu-uc icu-i18n yaml-0.1 jansson libcmark-gfm libcrypto libxxhash libqrencode
MEDIA_OBJ       = $(BUILD)/generator/output/announce_audio.o \
                  $(BUILD)/generator/tools/check_external.o $(BUILD)/generator/tools/serve.o
# The programs (not the unit tests, which valgrind watches, nor the ASan
# build, which brings its own) allocate with jemalloc: the build makes and
# frees millions of small JSON values on two threads, and glibc's malloc
# cost 0.1 s of a 1.1 s build at 10k pages (README, "Dependencies").
ALLOC_MODULE = jemalloc
ALLOC_LIBS   = $(shell pkg-config --libs $(ALLOC_MODULE))
DEB_PACKAGES = gcc make pkg-config libicu-dev libyaml-dev libjansson-dev \
               libcmark-gfm-dev libcmark-gfm-extensions-dev libcsv-dev \
               libespeak-ng-dev espeak-ng-data libsndfile1-dev libebur128-dev \
               libsoxr-dev libtagc0-dev libmp3lame-dev libssl-dev \
               libmicrohttpd-dev libcurl4-openssl-dev libjemalloc-dev libxxhash-dev \
               libqrencode-dev libavformat-dev libavcodec-dev libswresample-dev libavutil-dev

# Recursive (=) so pkg-config runs when a recipe needs it, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PC_MODULES))
PKG_LIBS   = $(shell pkg-config --libs $(PC_MODULES)) $(NON_PC_LIBS)
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PC_MODULES)) -lcsv -ldl
# libcsv ships no pkg-config file; the deps target checks for its header.
NON_PC_LIBS    = -lcsv -lmp3lame
NON_PC_HEADERS = /usr/include/csv.h /usr/include/lame/lame.h

CFLAGS_ALL = -std=c11 -Wall -Wextra -Werror -O2 -g -pthread -fPIC \
             -D_XOPEN_SOURCE=700 -DMC_VERSION='"$(VERSION)"' \
             -DMC_DATADIR='"$(PREFIX)/share/motcua"' -DMC_LIBDIR='"$(PREFIX)/lib/motcua"' \
             $(LAYER_INC) $(PKG_CFLAGS) $(EXTRA_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm $(EXTRA_LDFLAGS) $(LDFLAGS)

# The layers (HACKING.md). Each is one archive, and each is compiled seeing
# only the headers of the layers below it, so that an include against the
# layers fails to compile and a call against them fails to link:
#   lib/        base: text, UTF-8, diagnostics, YAML, Mustache, files
#   audio/      loa's library: text to speech words, voices, sound, broadcast
#   generator/  motcua's library: content, model, output, incremental, tools
#   src/loa/, src/motcua/   the two programs' command-line code
#   src/docgen/ the documentation writer (`make docs`): lib/ only
# tests/tools/check_layers.py proves the same from the #include lines.
LIB_DIRS    := lib
AUDIO_DIRS  := $(sort $(dir $(wildcard audio/*/*.c)))
GEN_DIRS    := $(sort $(dir $(wildcard generator/*/*.c)))
LIB_INC     := $(addprefix -I,$(LIB_DIRS))
AUDIO_INC   := $(LIB_INC) $(addprefix -I,$(AUDIO_DIRS))
GEN_INC     := $(AUDIO_INC) $(addprefix -I,$(GEN_DIRS))

LIB_SRC   := $(wildcard lib/*.c)
AUDIO_SRC := $(wildcard audio/*/*.c)
GEN_SRC   := $(wildcard generator/*/*.c)
MOTCUA_SRC := $(wildcard src/motcua/*.c)
LOA_SRC   := $(wildcard src/loa/*.c)
TEST_SRC  := $(wildcard tests/unit/test_*.c)

BASE_LIB  := $(BUILD)/libmcbase.a
AUDIO_LIB := $(BUILD)/libloa.a
GEN_LIB   := $(BUILD)/libmotcua.a
CORE_LIB  := $(GEN_LIB) $(AUDIO_LIB) $(BASE_LIB)

# The normaliser's dictionaries are TSV files staff can read; they are
# embedded as C text at build time, so the programs need no installed data.
DICT_TSV  := audio/text/dict/abbreviations.tsv audio/text/dict/units.tsv \
             audio/text/dict/loanwords.tsv
DICT_C    := $(BUILD)/gen/normalize_tables.c
DICT_OBJ  := $(BUILD)/audio/text/normalize_tables.o
TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))

$(BUILD)/lib/%.o:        LAYER_INC = $(LIB_INC)
$(BUILD)/audio/%.o:      LAYER_INC = $(AUDIO_INC)
$(BUILD)/generator/%.o:  LAYER_INC = $(GEN_INC)
$(BUILD)/src/loa/%.o:    LAYER_INC = $(AUDIO_INC) -Isrc/loa
$(BUILD)/src/motcua/%.o: LAYER_INC = $(GEN_INC) -Isrc/motcua
$(BUILD)/tests/%.o:      LAYER_INC = $(GEN_INC) -Isrc/loa
$(BUILD)/src/docgen/%.o: LAYER_INC = $(LIB_INC)


# Fuzz harnesses (tests/fuzz/fuzz_NAME.c): libFuzzer binaries for `make
# fuzz`, and replays of their crash regressions for `make test`.
FUZZ_NAMES  := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(patsubst %,$(BUILD)/tests/test_fuzz_%,$(FUZZ_NAMES))
FUZZ_OBJ    := $(BUILD)/generator/tools/serve.o
FUZZ_INC    := $(GEN_INC)

.PHONY: all deps test-deps test unit bench asan valgrind install clean docs fuzz fuzz-run editor
.SECONDARY:

all: $(BIN)/motcua $(BIN)/loa $(BIN)/motcua-media.so

# Installs the Debian packages only when pkg-config cannot find a library.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || \
	    ! pkg-config --exists $(PC_MODULES) $(ALLOC_MODULE) 2>/dev/null || \
	    ! ls $(NON_PC_HEADERS) >/dev/null 2>&1; then \
	  echo "make: installing missing Debian packages: $(DEB_PACKAGES)"; \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES) \
	  || { echo "make: error: could not install $(DEB_PACKAGES); install them with apt-get and run make again" >&2; exit 1; }; \
	fi

# The test tools' packages, each only when its command is missing (never
# Debian's npm where an npm is there: tests/tools/need-packages.sh says why).
test-deps:
	@need=$$(sh tests/tools/need-packages.sh); \
	if [ -n "$$need" ]; then \
	  echo "make: installing the missing test tools: $$need"; \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$need \
	  || { echo "make: error: could not install $$need; install them with apt-get and run make test again" >&2; exit 1; }; \
	fi

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(DICT_C): $(DICT_TSV) audio/text/dict/tsv2c.sh
	@mkdir -p $(dir $@)
	sh audio/text/dict/tsv2c.sh $(DICT_TSV) > $@.tmp && mv $@.tmp $@

$(DICT_OBJ): $(DICT_C) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BASE_LIB): $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC))
$(AUDIO_LIB): $(patsubst %.c,$(BUILD)/%.o,$(AUDIO_SRC)) $(DICT_OBJ)
$(GEN_LIB): $(patsubst %.c,$(BUILD)/%.o,$(GEN_SRC))
$(BASE_LIB) $(AUDIO_LIB) $(GEN_LIB):
	@rm -f $@
	ar rcs $@ $^

$(BIN)/motcua: $(patsubst %.c,$(BUILD)/%.o,$(MOTCUA_SRC)) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(CORE_LIBS) -lm $(EXTRA_LDFLAGS) $(LDFLAGS) $(ALLOC_LIBS)

# -Bsymbolic: the library's calls to its own copies of the core functions
# stay inside it.
$(BIN)/motcua-media.so: $(MEDIA_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -shared -Wl,-Bsymbolic -o $@ $^ $(LDLIBS_ALL)

$(BIN)/loa: $(patsubst %.c,$(BUILD)/%.o,$(LOA_SRC)) $(AUDIO_LIB) $(BASE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) $(ALLOC_LIBS)

# The documentation writer (src/docgen) links both programs' command
# tables, so it is built from their objects without their main().
DOCGEN     := $(BUILD)/docgen
DOCGEN_OBJ := $(BUILD)/src/docgen/docgen.o \
              $(filter-out %/main.o,$(patsubst %.c,$(BUILD)/%.o,$(MOTCUA_SRC) $(LOA_SRC)))
$(DOCGEN): $(DOCGEN_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# man/*.1 and README's "## Usage" block are written from the tables; the
# results are committed, and tests/cli/test_docs.sh checks they are current.
docs: $(DOCGEN)
	$(DOCGEN) check
	$(DOCGEN) man motcua man/motcua.1.in > man/motcua.1.tmp && mv man/motcua.1.tmp man/motcua.1
	$(DOCGEN) man loa man/loa.1.in > man/loa.1.tmp && mv man/loa.1.tmp man/loa.1
	$(DOCGEN) readme README.md > README.md.tmp && mv README.md.tmp README.md

# Unit tests may test the command-line code of loa (its option tables).
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(FUZZ_INC) -DFUZZ_NAME='"$*"' -o $@ $^ $(LDLIBS_ALL)

test: all editor $(TEST_BINS) $(FUZZ_REPLAY) $(DOCGEN) | test-deps
	@MOTCUA=$(abspath $(BIN)/motcua) LOA=$(abspath $(BIN)/loa) DOCGEN=$(abspath $(DOCGEN)) \
	  sh tests/run.sh $(BUILD)/tests

# The content editor of `motcua serve` (/admin/): Decap CMS from the npm
# registry at a pinned version, checked against its published sha512, its
# browser files (dist/, without source maps) unpacked into $(BUILD)/editor/
# where motcua finds them (beside itself, or PREFIX/share/motcua/editor).
# Nothing is fetched at run time. README.md: "Content editor".
DECAP_VERSION   = 3.16.3
DECAP_INTEGRITY = sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
EDITOR_DIR      = $(BUILD)/editor/decap-cms
$(BUILD)/src/motcua/cmd_serve.o: EXTRA_CFLAGS += -DMC_EDITOR_BUILD='"$(BUILD)/editor/decap-cms"'

editor: $(EDITOR_DIR)/decap-cms.js

$(EDITOR_DIR)/decap-cms.js:
	@command -v npm >/dev/null 2>&1 || { echo "make: error: npm is needed to fetch the editor (Node.js from NodeSource or Debian's nodejs)" >&2; exit 1; }
	@rm -rf $(BUILD)/editor/tmp && mkdir -p $(BUILD)/editor/tmp
	cd $(BUILD)/editor/tmp && npm pack --silent decap-cms@$(DECAP_VERSION) >/dev/null
	@got="sha512-$$(openssl dgst -sha512 -binary $(BUILD)/editor/tmp/decap-cms-$(DECAP_VERSION).tgz | base64 -w0)"; \
	  [ "$$got" = "$(DECAP_INTEGRITY)" ] || { echo "make: error: decap-cms-$(DECAP_VERSION).tgz is not the published package ($$got)" >&2; exit 1; }
	tar -xzf $(BUILD)/editor/tmp/decap-cms-$(DECAP_VERSION).tgz -C $(BUILD)/editor/tmp \
	  --wildcards 'package/dist/decap-cms.js' 'package/dist/*.decap-cms.js' 'package/dist/*.wasm' \
	  'package/dist/decap-cms.js.LICENSE.txt'
	rm -rf $(EDITOR_DIR) && mv $(BUILD)/editor/tmp/package/dist $(EDITOR_DIR) && rm -rf $(BUILD)/editor/tmp

# The unit tests alone: no browser, no server, no test tools to install
# (seconds, for the edit-compile-test loop).
unit: all $(TEST_BINS) $(FUZZ_REPLAY)
	@MOTCUA=$(abspath $(BIN)/motcua) LOA=$(abspath $(BIN)/loa) \
	  sh tests/run.sh $(BUILD)/tests unit

# Benchmarks against the peers, in one run each (figures go in README.md):
# site build vs Hugo, audio vs ffmpeg/sox, search vs Pagefind, serve latency.
bench: all
	sh bench/run.sh
	bash bench/audio/run.sh
	sh bench/search/run.sh
	sh bench/serve/run.sh

SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan:
	$(MAKE) BUILD=build/asan BIN=build/asan ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -O1" EXTRA_LDFLAGS="$(SAN_FLAGS)" test

valgrind: all $(TEST_BINS) $(FUZZ_REPLAY) $(DOCGEN)
	@command -v valgrind >/dev/null 2>&1 || { \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; }
	@MC_TEST_WRAPPER="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
	  MOTCUA=$(abspath $(BIN)/motcua) LOA=$(abspath $(BIN)/loa) DOCGEN=$(abspath $(DOCGEN)) \
	  sh tests/run.sh $(BUILD)/tests

# libFuzzer needs clang (Debian's clang package); every object is built
# again with the fuzzer's coverage hooks in build/fuzz/. CI runs a short
# pass: make fuzz FUZZ_SECONDS=6.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
fuzz:
	@command -v clang >/dev/null 2>&1 || { \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends clang; }
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -fsanitize=fuzzer-no-link -O1" EXTRA_LDFLAGS="$(SAN_FLAGS)" fuzz-run

fuzz-run: $(patsubst %,$(BUILD)/fuzz_%,$(FUZZ_NAMES))
	sh tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) $(CORE_LIB)
	$(CC) $(CFLAGS_ALL) $(FUZZ_INC) -fsanitize=fuzzer -o $@ $^ $(LDLIBS_ALL)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/motcua/themes
	install -m 755 $(BIN)/motcua $(BIN)/loa $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/lib/motcua
	install -m 644 $(BIN)/motcua-media.so $(DESTDIR)$(PREFIX)/lib/motcua/
	install -m 644 man/motcua.1 man/loa.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	cp -R themes/default $(DESTDIR)$(PREFIX)/share/motcua/themes/
	if [ -f $(EDITOR_DIR)/decap-cms.js ]; then install -d $(DESTDIR)$(PREFIX)/share/motcua/editor && \
	  cp -R $(EDITOR_DIR) $(DESTDIR)$(PREFIX)/share/motcua/editor/; fi

clean:
	rm -rf build motcua loa motcua-media.so

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
