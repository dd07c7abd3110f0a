#!/usr/bin/env bash
# test_cli.sh - the command line: help, version, usage errors (exit 2),
# init (idempotent), check (good, damaged), the plain-words errors for a
# file that is not a database, a newer schema, a read-only file and a
# missing directory, and how the database path is chosen.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

# ---- help, version, usage ------------------------------------------------
expect_rc help 0 "$DAFTAR" --help
help=$(cat "$T/out")
expect_match help_lists_init "$help" '^  init'
expect_match help_lists_demo "$help" 'demo \[--trainees N\] \[--seed S\] \[--if-new\]'
expect_match help_lists_check "$help" '^  check'
expect_rc version 0 "$DAFTAR" --version
expect_match version_text "$(cat "$T/out")" '^daftar [0-9]+\.[0-9]+\.[0-9]+ \(database schema version [0-9]+\)$'
expect_rc unknown_command 2 "$DAFTAR" -d "$T/x.db" frobnicate
expect_match unknown_command_says "$(cat "$T/err")" "unknown command 'frobnicate'"
expect_rc unknown_option 2 "$DAFTAR" --frob init
expect_match unknown_option_says "$(cat "$T/err")" 'unknown option --frob'
expect_rc bad_bidi 2 "$DAFTAR" --bidi sideways init
expect_rc missing_d_arg 2 "$DAFTAR" -d
expect_rc init_extra_arg 2 "$DAFTAR" -d "$T/x.db" init extra
expect_eq usage_errors_create_nothing "$(ls "$T"/x.db 2>/dev/null)" ""
if ! grep -q '^  ui' <<<"$help"; then
	# no interactive program in this build: say so, exit 1
	expect_rc no_ui 1 "$DAFTAR" -d "$T/x.db"
	expect_match no_ui_says "$(cat "$T/err")" 'no interactive program'
fi

# ---- init -----------------------------------------------------------------
db=$T/a.db
expect_rc init_create 0 "$DAFTAR" -d "$db" init
expect_match init_create_says "$(cat "$T/out")" "^created $db at schema version [0-9]+$"
ver=$(sed -n 's/.*schema version \([0-9]*\)$/\1/p' "$T/out")
expect_rc init_again 0 "$DAFTAR" -d "$db" init
expect_eq init_again_says "$(cat "$T/out")" "$db is already at schema version $ver"
expect_eq init_sets_user_version "$(sqlite3 "$db" 'PRAGMA user_version')" "$ver"
# an empty SQLite file (version 0) is brought up to date
sqlite3 "$T/empty.db" 'PRAGMA user_version=0; CREATE TABLE scratch(x); DROP TABLE scratch;'
expect_rc init_on_empty_sqlite 0 "$DAFTAR" -d "$T/empty.db" init
expect_match init_on_empty_says "$(cat "$T/out")" "schema version $ver"

# ---- check ------------------------------------------------------------------
expect_rc check_good 0 "$DAFTAR" -d "$db" check
expect_match check_good_says "$(cat "$T/out")" 'no problems'
expect_rc check_missing_file 1 "$DAFTAR" -d "$T/none.db" check
expect_match check_missing_says "$(cat "$T/err")" "no database at $T/none.db.*init"
expect_eq check_missing_creates_nothing "$(ls "$T"/none.db 2>/dev/null)" ""

# a damaged file: garbage over the pages after the header
cp "$db" "$T/bad.db"
size=$(stat -c %s "$T/bad.db")
head -c $((size - 4096)) /dev/urandom | dd of="$T/bad.db" bs=4096 seek=1 conv=notrunc status=none
expect_rc check_corrupt 1 "$DAFTAR" -d "$T/bad.db" check
expect_match check_corrupt_names_file "$(cat "$T/out" "$T/err")" "$T/bad.db"
expect_match check_corrupt_no_bare_code "$(cat "$T/err")" '^daftar: .{20,}'

# ---- files that are not (usable) daftar databases ----------------------------------
printf 'Dear clerk,\nthis is a letter, not a register.\n' >"$T/letter.txt"
cp "$T/letter.txt" "$T/letter.orig"
expect_rc text_file_check 1 "$DAFTAR" -d "$T/letter.txt" check
expect_match text_file_says "$(cat "$T/err")" "$T/letter.txt.*not a daftar database"
expect_rc text_file_init 1 "$DAFTAR" -d "$T/letter.txt" init
expect_match text_file_init_says "$(cat "$T/err")" "$T/letter.txt.*not a daftar database"
expect_eq text_file_untouched "$(cmp "$T/letter.txt" "$T/letter.orig" && echo same)" "same"
# an SQLite file of another program
sqlite3 "$T/other.db" 'CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); PRAGMA user_version=3;'
expect_rc other_sqlite 1 "$DAFTAR" -d "$T/other.db" init
expect_match other_sqlite_says "$(cat "$T/err")" "$T/other.db.*not a daftar database"

# newer than this program
cp "$db" "$T/new.db"
sqlite3 "$T/new.db" 'PRAGMA user_version=999'
expect_rc newer_schema 1 "$DAFTAR" -d "$T/new.db" check
expect_match newer_schema_says "$(cat "$T/err")" "$T/new.db.*newer"

# missing directory
expect_rc missing_dir 1 "$DAFTAR" -d "$T/no/such/dir/x.db" init
expect_match missing_dir_says "$(cat "$T/err")" "$T/no/such/dir/x.db.*directory $T/no/such/dir does not exist"

# a directory given as the database
expect_rc dir_as_db 1 "$DAFTAR" -d "$T" check
expect_match dir_as_db_says "$(cat "$T/err")" "$T is a directory"

# read-only: as root permissions do not bind, so run as nobody
mkdir -p "$T/ro" && cp "$db" "$T/ro/ro.db"
chmod 755 "$T"
chmod 555 "$T/ro"
chmod 444 "$T/ro/ro.db"
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else as_user=(); fi
expect_rc read_only_demo 1 "${as_user[@]}" "$DAFTAR" -d "$T/ro/ro.db" demo --trainees 10
expect_match read_only_says "$(cat "$T/err")" "$T/ro/ro.db.*(read-only|cannot write|not writable)"
expect_eq read_only_no_trainees "$(sqlite3 "$T/ro/ro.db" 'SELECT count(*) FROM trainee')" "0"
chmod 755 "$T/ro"

# ---- which database: -d, then $DAFTAR_DB, then $XDG_DATA_HOME ----------------
DAFTAR_DB="$T/env.db" "$DAFTAR" -d "$T/opt.db" init >/dev/null 2>&1
expect_eq d_beats_env "$(ls "$T"/opt.db "$T"/env.db 2>/dev/null | xargs -n1 basename)" "opt.db"
DAFTAR_DB="$T/env.db" "$DAFTAR" init >/dev/null 2>&1
expect_eq env_used "$(ls "$T"/env.db 2>/dev/null | xargs -n1 basename)" "env.db"
expect_eq env_beats_xdg "$(ls "$XDG_DATA_HOME" 2>/dev/null)" ""
"$DAFTAR" init >"$T/out" 2>&1
expect_match xdg_default_created "$(cat "$T/out")" "^created $XDG_DATA_HOME/daftar/daftar.db"
expect_eq xdg_default_file "$(test -f "$XDG_DATA_HOME/daftar/daftar.db" && echo yes)" "yes"
expect_eq xdg_dir_private "$(stat -c %a "$XDG_DATA_HOME/daftar")" "700"
(unset XDG_DATA_HOME; "$DAFTAR" init >"$T/out" 2>&1)
expect_match home_default_created "$(cat "$T/out")" "^created $HOME/.local/share/daftar/daftar.db"
(export XDG_DATA_HOME=relative/path; cd "$T" && "$DAFTAR" check >"$T/out" 2>&1)
expect_match relative_xdg_ignored "$(cat "$T/out")" "$HOME/.local/share/daftar/daftar.db"

# ---- the man page renders without warnings --------------------------------------
if command -v groff >/dev/null; then
	warn=$(groff -man -Tutf8 -ww man/daftar.1 2>&1 >/dev/null)
	expect_eq man_no_warnings "$warn" ""
	expect_match man_has_putty "$(groff -man -Tutf8 man/daftar.1 2>/dev/null | sed 's/.\x08//g')" 'Disable bidirectional text display'
fi
