#!/usr/bin/env bash
# test_sheets_ui.sh - spreadsheets from the screens, in a detached tmux at
# 80x24: the Import/Export screen imports a partner's XLSX workbook,
# refuses a typed name whose extension contradicts the format, and
# updates records from an edited workbook (the summary before and after);
# x on a cohort's roster exports its trainees with names and CIN; x on the
# Reports screen writes the table and its chart; Ctrl-O, F5's twin, opens
# a form's linked records.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
# back to the main menu, however deep
to_menu() {
	local i
	for ((i = 0; i < 6; i++)); do
		screen | grep -qF "Q  Quit" && return 0
		keys Escape
		sleep 0.3
	done
	return 1
}
PY=/usr/bin/python3
S=$PWD/tests/cli/sheets.py
DB="$T/ui.db"
"$DAFTAR" -d "$DB" demo --trainees 200 --seed 3 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }
$PY "$S" partner "$T/partner.xlsx" 0

start bash -c "cd '$T' && exec '$DAFTAR' -d '$DB' --bidi app"
wait_for "Q  Quit" || fail start "menu never appeared: $(screen | head -3)"

# ---- import a workbook ------------------------------------------------------
keys I
wait_for "[ Export ]" || fail io_opens "$(screen | head -8)"
keys Enter                            # Do: -> Import
if wait_for "Import a file (CSV, XLSX or ODS)"; then pass io_offers_workbooks
else fail io_offers_workbooks "$(screen | sed -n 2,3p)"; fi
keys Down Down Down                   # the file line
keys C-u
keys -l "$T/partner.xlsx"
keys Enter Enter
if wait_for "Imported 4 trainees from" 10; then pass io_imports_xlsx
else fail io_imports_xlsx "$(screen | sed -n 7,10p)"; fi
expect_eq io_xlsx_rows "$(q "select count(*) from trainee where cin in ('AB123456','C98765','JB4567','K113')")" 4

# ---- a typed name contradicting the format ----------------------------------
keys Up Up Up Up                      # Do: -> Export
keys Enter
wait_for "[ Export ]"
keys Down Down                        # Format
keys Enter Enter                      # CSV -> for spreadsheets -> XLSX
wait_for "Excel workbook (XLSX)"
keys Down
keys C-u
keys -l "tr.csv"
keys Enter Enter
if wait_for "does not end in .xlsx"; then pass io_extension_refused
else fail io_extension_refused "$(screen | sed -n 7,9p)"; fi
[ ! -e "$T/tr.csv" ] && pass io_extension_no_file || fail io_extension_no_file "tr.csv written"

# ---- update from an edited workbook -------------------------------------------
keys Up
keys C-u
keys -l "$T/tr.xlsx"
keys Enter Enter
wait_for "Exported 204 trainees" 10 || fail io_export_xlsx "$(screen | sed -n 7,9p)"
$PY "$S" edit "$T/tr.xlsx" City 2 "Ouarzazate"
city=$(q "select city from trainee where id = 2")
keys Up Up Up Up                      # Do: -> Import
keys Enter
keys Down Down                        # Mode
keys Enter Enter Enter                # add -> check -> update -> update, check
if wait_for "update: check only"; then pass io_update_mode
else fail io_update_mode "$(screen | sed -n 2,5p)"; fi
keys Down Enter Enter                 # the file is the typed one; run
if wait_for "0 new, 1 changed (City 1), 203 unchanged, 0 problems; nothing written" 10; then
	pass io_update_check_summary
else fail io_update_check_summary "$(screen | sed -n 7,9p)"; fi
expect_eq io_update_check_wrote_nothing "$(q "select city from trainee where id = 2")" "$city"
keys Up Up                            # Mode
keys Enter Enter Enter                # -> add -> check -> update
wait_for "update the records"
keys Down Down Enter
if wait_for "0 new, 1 changed (City 1), 203 unchanged, 0 problems" 10; then pass io_update_runs
else fail io_update_runs "$(screen | sed -n 7,9p)"; fi
expect_eq io_update_written "$(q "select city from trainee where id = 2")" Ouarzazate
to_menu || fail io_back "$(screen | head -3)"

# ---- a cohort's roster -----------------------------------------------------------
cid=$(q "select cohort_id from enrollment group by cohort_id order by count(*) desc limit 1")
code=$(q "select code from cohort where id = $cid")
keys 2
wait_for "rows"
keys /
keys -l "$code"
wait_for "1 row" 3
keys Enter Enter
wait_for "Cohort $code" 5 || fail roster_opens "$(screen | head -3)"
keys x
wait_for "[ Export ]" 3 || fail roster_export_screen "$(screen | head -8)"
keys Down
keys C-u
keys -l "$T/roster.csv"
keys Enter Enter
n=$(q "select count(*) from enrollment where cohort_id = $cid")
if wait_for "Exported $n enrollments" 10; then pass roster_exported
else fail roster_exported "$(screen | sed -n 7,9p)"; fi
expect_eq roster_header "$(head -1 "$T/roster.csv")" "id,trainee_id,trainee,trainee.cin,cohort_id,cohort,status,enrolled_on,status_date,drop_reason,outcome,notes,gid"
first=$(q "select t.name_latin || ',' || ifnull(t.cin, '') from enrollment e join trainee t on t.id = e.trainee_id where e.cohort_id = $cid order by e.id limit 1")
expect_match roster_names_cin "$(sed -n 2p "$T/roster.csv")" "^[0-9]+,[0-9]+,$first,$cid,$code,"
to_menu || fail roster_back "$(screen | head -3)"

# ---- the Reports screen writes its table and chart --------------------------
keys R
wait_for "Trainees by region" 5
keys x
f="region-$(date +%Y-%m-%d).xlsx"
if wait_for "Written to $f" 5; then pass report_x_writes
else fail report_x_writes "$(screen | tail -2)"; fi
expect_eq report_x_chart "$($PY -c 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]; print(len(ws._charts), ws["A1"].value)' "$T/$f")" "1 Trainees by region"
keys x
if wait_for "exists: replace it? (y/n)" 3; then pass report_x_asks
else fail report_x_asks "$(screen | tail -2)"; fi
keys n
to_menu || fail report_back "$(screen | head -3)"

# ---- Ctrl-O in a form: the records linked to it --------------------------------
keys 5
wait_for "rows"
keys Home Enter
wait_for "^S save" 5 || fail form_opens "$(screen | tail -2)"
keys C-o
if wait_for "Records linked to this one" 3; then pass form_ctrl_o_links
else fail form_ctrl_o_links "$(screen | head -4)"; fi
stop
