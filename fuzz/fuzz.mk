# fuzz.mk - libFuzzer targets: every fuzz/fuzz_*.c is one target, linked
# against the library built with clang, ASan and UBSan.
#   make -f fuzz/fuzz.mk run   run each target for FUZZ_SECONDS (or FUZZ_RUNS)
#   make -f fuzz/fuzz.mk ci    the same, printing PASS/FAIL lines for tests/run.sh
FB        = build-fuzz
FUZZ_SECONDS ?= 20
FUZZ_RUNS ?= -1
PKGS      = ncursesw sqlite3 fribidi xlsxwriter minizip expat
FCFLAGS   = -std=c11 -g -O1 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Iinclude -I$(FB) \
            $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS))) \
            -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
LIBS      = $(shell pkg-config --libs $(PKGS)) -lunistring -lm
LIB_SRC   = $(filter-out src/main.c,$(wildcard src/*.c src/cli/*.c src/entry/*.c src/ui/*.c))
LIB_OBJ   = $(LIB_SRC:%.c=$(FB)/%.o) $(FB)/schemas.o
TARGETS   = $(patsubst fuzz/%.c,$(FB)/%,$(wildcard fuzz/fuzz_*.c))

.PHONY: build run ci
build: $(TARGETS)

$(FB)/schemas.c: $(wildcard schemas/*.sql) tools/embed.c
	@mkdir -p $(FB)
	clang -std=c11 -O1 -o $(FB)/embed tools/embed.c
	$(FB)/embed $(sort $(wildcard schemas/*.sql)) > $@

$(FB)/schemas.o: $(FB)/schemas.c
	clang $(FCFLAGS) -c -o $@ $<

$(FB)/%.o: %.c
	@mkdir -p $(@D)
	clang $(FCFLAGS) -c -o $@ $<

$(FB)/fuzz_%: fuzz/fuzz_%.c $(LIB_OBJ)
	clang $(FCFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LIBS)

# Each target runs from its seed corpus (fuzz/seeds/NAME/, if any) into a
# scratch corpus, for a bounded time; a crash or sanitizer report fails.
run ci: build
	@for t in $(TARGETS); do n=$$(basename $$t); \
	  c=$(FB)/corpus-$$n; mkdir -p $$c; \
	  s=fuzz/seeds/$${n#fuzz_}; [ -d $$s ] || s=; \
	  if $$t -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -max_len=4096 \
	      -print_final_stats=1 -artifact_prefix=$(FB)/ $$c $$s \
	      >$(FB)/$$n.log 2>&1; then \
	    echo "PASS fuzz:$$n $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(FB)/$$n.log | grep -o '[0-9]*$$') inputs"; \
	  else echo "FAIL fuzz:$$n: see $(FB)/$$n.log"; tail -30 $(FB)/$$n.log; fi; \
	done
.SECONDARY:
