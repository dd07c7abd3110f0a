#!/usr/bin/env bash
# test_io.sh - the Import/Export screen in a detached tmux: 'I' from the
# main menu exports trainees to a typed path (the same file as `daftar
# export`), cycles to XLSX, imports a bad CSV and lists its problems
# without writing anything, imports a good one; 'x' in the trainee list
# exports just what its search shows.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/io.db"
"$DAFTAR" -d "$DB" demo --trainees 300 --seed 4 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }
"$DAFTAR" -d "$DB" export trainee -o "$T/cli.csv" 2>/dev/null

start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail start "menu never appeared: $(screen | head -3)"

# ---- export from the menu: default name shown, typed path used ----------
keys I
if wait_for "[ Export ]" && wait_for "trainee-$(date +%Y-%m-%d).csv"; then
	pass io_screen_default_name
else fail io_screen_default_name "$(screen | head -10)"; fi
keys Down Down Down                   # to the file line
# its footer offers the keys that work there, not the form's ^S save
wait_for "Enter/Tab next field" || true
foot=$(screen | tail -1)
case $foot in
*"^S save"*|*"choose from a list"*) fail io_file_footer "$foot" ;;
*"Enter/Tab next field"*"Esc back"*) pass io_file_footer ;;
*) fail io_file_footer "$foot" ;;
esac
keys C-u
keys -l "$T/ui.csv"
keys Enter                            # next: the Export button
keys Enter                            # run
if wait_for "Exported 300 trainees" 10; then pass io_export_runs
else fail io_export_runs "$(screen | sed -n 7,9p)"; fi
expect_eq io_export_same_as_cli "$(cmp "$T/ui.csv" "$T/cli.csv" 2>&1 && echo same)" same
# the file is there now: exporting again asks first, then replaces it
echo old >"$T/ui.csv"
keys Enter
if wait_for "already exists: Enter again replaces it"; then pass io_export_asks_replace
else fail io_export_asks_replace "$(screen | sed -n 7,9p)"; fi
expect_eq io_export_not_replaced_yet "$(cat "$T/ui.csv")" old
keys Enter
if wait_for "Exported 300 trainees" 10; then pass io_export_replaces
else fail io_export_replaces "$(screen | sed -n 7,9p)"; fi
expect_eq io_export_replaced "$(cmp "$T/ui.csv" "$T/cli.csv" 2>&1 && echo same)" same

# ---- the format cycles to XLSX and the default name follows it -----------
keys Up Up                            # the format line
keys Enter Enter                      # CSV -> CSV for Excel -> XLSX
if wait_for "Excel workbook (XLSX)"; then pass io_format_cycles
else fail io_format_cycles "$(screen | sed -n 2,6p)"; fi

# ---- import a file with problems: listed, nothing written -----------------
printf 'name_ar,gender,birth_date\nأ,M,2001-01-01\nب,X,2001-01-01\nج,F,31/02/2001\nد\342\200\256x,F,\n' >"$T/bad.csv"
before=$(q "select count(*) from trainee")
keys Up Up                            # the direction line
keys Enter                            # -> Import
wait_for "[ Import ]" || fail io_import_mode "$(screen | head -8)"
keys Down Down Down                   # the file line
keys C-u
keys -l "$T/bad.csv"
keys Enter Enter
if wait_for "3 problems in 4 rows" 10; then pass io_import_problems
else fail io_import_problems "$(screen | sed -n 7,12p)"; fi
if wait_for "3: gender:" && wait_for "4: birth_date:"; then pass io_problem_list
else fail io_problem_list "$(screen | sed -n 8,14p)"; fi
# a message wider than the screen wraps: its end is on the next row
row=$(screen | grep -n "5: name_ar: contains a bidi control" | cut -d: -f1)
next=$(screen | sed -n "$((${row:-0} + 1))p")
case $next in
"    "*"remove it"*) pass io_problem_wraps ;;
*) fail io_problem_wraps "row ${row:-none}, then: $next" ;;
esac
expect_eq io_import_nothing_written "$(q "select count(*) from trainee")" "$before"

# ---- a good file imports ---------------------------------------------------
printf 'name_ar,gender\nسلمى الشاشة,F\n' >"$T/good.csv"
keys Up                               # back to the file line
keys C-u
keys -l "$T/good.csv"
keys Enter Enter
if wait_for "Imported 1 trainee from" 10; then pass io_import_good
else fail io_import_good "$(screen | sed -n 7,9p)"; fi
expect_eq io_import_written "$(q "select count(*) from trainee where name_ar = 'سلمى الشاشة'")" 1
# ---- Esc stops a long import: nothing written -----------------------------
awk 'BEGIN { print "name_ar,gender"; for (i = 0; i < 300000; i++)
	printf "اسم %d,F\n", i }' >"$T/long.csv"
before=$(q "select count(*) from trainee")
keys Up                               # back to the file line
keys C-u
keys -l "$T/long.csv"
keys Enter Enter
if wait_for "(Esc stops)" 10; then
	keys Escape
	if wait_for "nothing was imported (Esc)" 20; then pass io_esc_stops_import
	else fail io_esc_stops_import "$(screen | sed -n 7,9p)"; fi
else fail io_esc_stops_import "no progress line: $(screen | sed -n 7,9p)"; fi
expect_eq io_esc_nothing_written "$(q "select count(*) from trainee")" "$before"
keys Up                               # off the Run line, back to the file
keys Escape
wait_for "Q  Quit" || fail io_back "Esc did not return to the menu"

# ---- 'x' in a searched list exports only what it shows ---------------------
name=$(q "select name_latin from trainee where id = 7")
keys 1
wait_for "rows" || fail list "$(screen | head -3)"
keys /
keys -l "$name"
keys Enter
keys x
if wait_for "[ Export ]" && wait_for "Only"; then pass list_x_opens_export
else fail list_x_opens_export "$(screen | head -8)"; fi
keys Down                             # from Format to the file line
keys C-u
keys -l "$T/searched.csv"
keys Enter Enter
if wait_for "Exported" 10; then
	want=$(q "select count(*) from trainee where name_latin = '$name'")
	expect_eq list_x_exports_search "$(($(wc -l <"$T/searched.csv") - 1))" "$want"
	expect_match list_x_has_row "$(cat "$T/searched.csv")" "$name"
else fail list_x_exports_search "$(screen | sed -n 7,9p)"; fi
