#!/usr/bin/env bash
# test_layers.sh - the layer rules of DESIGN.md, checked on the source:
# text is pure, SQL lives only in the store, curses only in the UI.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
exec </dev/null      # grep with no file arguments must not wait on a terminal

# files outside src/ui/ that include curses
bad=$(grep -l -E '#include *[<"](n?curses|ncursesw/|term\.h|panel\.h)' \
	$(find src -name '*.c' -o -name '*.h' | grep -v '^src/ui/') include/daftar/*.h 2>/dev/null)
expect_eq "curses_only_in_ui" "$bad" ""

# files other than src/store*.c that include sqlite3.h
bad=$(grep -l '#include *[<"]sqlite3\.h' $(find src include -name '*.[ch]') 2>/dev/null \
	| grep -v -E '^src/store[^/]*\.[ch]$')
expect_eq "sqlite_only_in_store" "$bad" ""

# the text layer: no curses, no SQLite, no stdio I/O calls
bad=$(grep -l -E '#include *[<"](sqlite3|n?curses)|\b(fopen|printf|fprintf|puts|fwrite|write)\(' \
	src/text*.c 2>/dev/null)
expect_eq "text_is_pure" "$bad" ""

# SQL keywords in string literals outside the store (a ui/cli file writing SQL)
bad=$(grep -l -E '"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|BEGIN IMMEDIATE)\b' \
	$(find src -name '*.c' | grep -v -E '^src/store[^/]*\.c$') 2>/dev/null)
expect_eq "no_sql_outside_store" "$bad" ""

# every audit row is written by store_audit (src/store_audit.c): the one
# place a hash chain or any other rule over audit rows is applied
bad=$(grep -l -i -E 'INSERT( OR [A-Z]+)? INTO +"?audit"?\b' \
	$(find src -name '*.c' | grep -v -x 'src/store_audit.c') 2>/dev/null)
expect_eq "audit_written_in_one_place" "$bad" ""

# every write transaction starts with BEGIN IMMEDIATE: no plain BEGIN
bad=$(grep -n -E '"BEGIN( TRANSACTION| DEFERRED)?;?"' src/store*.c 2>/dev/null)
expect_eq "begin_immediate_only" "$bad" ""

# no clear() per frame in the UI
bad=$(grep -n -E '\b(clear|wclear)\(' src/ui/*.c 2>/dev/null)
expect_eq "no_clear_in_ui" "$bad" ""

# the entry layer (form sessions) calls the store, never the UI; nothing
# below it calls it
bad=$(grep -l -E '#include *"(\.\./)*(ui/)?(ui|list_int|form_model)\.h"' src/entry/*.[ch] 2>/dev/null)
expect_eq "entry_not_above_ui" "$bad" ""
bad=$(grep -l '#include *[<"]daftar/entry\.h' src/store*.c src/text*.c src/model.c 2>/dev/null)
expect_eq "entry_not_called_from_below" "$bad" ""
