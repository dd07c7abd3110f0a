# daftar - GNU Makefile.  `make` builds build/daftar; `make test` runs every
# test; `make run` opens the program on a demo database; `make asan` runs the
# test suite under AddressSanitizer + UBSan; `make fuzz` runs the fuzzers;
# `make bench` runs the benchmark suite.

PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
FUZZ_SECONDS ?= 20

# Debian packages the build, the tests and the benchmarks need.
DEB_PKGS  = gcc make pkg-config libncurses-dev libsqlite3-dev libunistring-dev \
            libfribidi-dev libxlsxwriter-dev libminizip-dev libexpat1-dev \
            python3-openpyxl python3-odf locales tmux sqlite3 clang \
            libclang-rt-14-dev python3 gettext man-db

PKGS      = ncursesw sqlite3 fribidi xlsxwriter minizip expat
# Recursive (=) so pkg-config runs only after `deps` has installed it.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
            -Wno-format-nonliteral
CFLAGS    ?= -O2 -g
SANFLAGS  ?=
ALL_CFLAGS = -std=c11 $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS) -MMD -MP
LDLIBS    = $(PKG_LIBS) -lunistring -lm

# Layers: the library (everything but main.c) is shared by the program,
# the unit tests and the fuzzers.
LIB_SRC   = $(filter-out src/main.c,$(wildcard src/*.c src/cli/*.c src/entry/*.c src/ui/*.c))
LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schemas.o
TEST_SRC  = $(wildcard tests/unit/*.c)
TEST_OBJ  = $(TEST_SRC:%.c=$(BUILD)/%.o)
SCHEMAS   = $(sort $(wildcard schemas/*.sql))

.PHONY: all deps run test check asan fuzz bench interop install uninstall clean
all: $(BUILD)/daftar

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "daftar: installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "daftar: these packages are missing:$$missing" >&2; \
	  echo "daftar: run this, then make again:" >&2; \
	  echo "  sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing </dev/null

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/schemas.c: $(BUILD)/embed $(SCHEMAS)
	$(BUILD)/embed $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(BUILD)/schemas.o: $(BUILD)/schemas.c
	$(CC) -std=c11 $(CFLAGS) $(SANFLAGS) -Iinclude -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/daftar: $(BUILD)/src/main.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit: $(TEST_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/daftar
	@$(BUILD)/daftar demo --if-new && exec $(BUILD)/daftar

# The test suite: unit tests, CLI tests, screen tests, short fuzz runs.
test: deps
	@$(MAKE) --no-print-directory check

check: $(BUILD)/daftar $(BUILD)/unit
	@BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CC=clang \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  FUZZ_SECONDS=0 check

fuzz: deps
	@$(MAKE) --no-print-directory -f fuzz/fuzz.mk FUZZ_SECONDS=$(FUZZ_SECONDS) run

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/daftar $(BUILD)/bench_writer
	@python3 bench/bench.py --daftar $(BUILD)/daftar --writer $(BUILD)/bench_writer

# The concurrent writer of the benchmark, over the library objects.
$(BUILD)/bench_writer: $(BUILD)/bench/writer.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

# What daftar writes, opened by LibreOffice headless (large: not in make
# test, not in DEB_PKGS; installed here when missing).
interop: $(BUILD)/daftar
	@command -v soffice >/dev/null || $(MAKE) --no-print-directory \
	  DEB_PKGS=libreoffice-calc-nogui deps
	@BUILD=$(BUILD) DAFTAR=$(CURDIR)/$(BUILD)/daftar bash tests/interop/test_libreoffice.sh

# What install puts where (uninstall removes exactly these).
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INSTALLED  = $(PREFIX)/bin/daftar $(PREFIX)/share/man/man1/daftar.1 \
             $(BASHCOMPDIR)/daftar

install: $(BUILD)/daftar
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/daftar $(DESTDIR)$(PREFIX)/bin/daftar
	install -m 644 man/daftar.1 $(DESTDIR)$(PREFIX)/share/man/man1/daftar.1
	install -m 644 contrib/daftar.bash $(DESTDIR)$(BASHCOMPDIR)/daftar

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
