#!/usr/bin/env bash
# test_history.sh - record identity, history and undo driven in the real
# program at 80x24, as a clerk would: delete the two newest trainees in the
# list, import three (none takes a freed number); key a trainee, edit two
# fields, delete it, restore it from the deleted-records screen (same id,
# same global id), and read every step back on the history screen (with
# Arabic values) and from `daftar history`; put a field back from the
# history.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/hist.db"
q() { sqlite3 "$DB" "$1"; }
"$DAFTAR" -d "$DB" init >/dev/null || fail init "init failed"

# 2012 trainees, numbered 1..2012
awk 'BEGIN { print "name_ar,name_latin,gender"
	for (i = 1; i <= 2012; i++) printf "متدرب %d,Trainee %d,%s\n", i, i, i % 2 ? "M" : "F" }' \
	>"$T/many.csv"
"$DAFTAR" -d "$DB" import trainee "$T/many.csv" >/dev/null 2>&1
expect_eq setup_ids "$(q 'select min(id) || "-" || max(id) from trainee')" "1-2012"

# --- delete #2012 and #2011 in the list, import three: no number reused ---
start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail start "$(screen | head -3)"
keys 1
wait_for "2012 rows" || wait_for "1,000+ rows" || fail list "$(screen | tail -3)"
for n in 2012 2011; do
	keys End
	wait_for "Trainee $n" || fail "end_shows_$n" "$(screen | tail -4)"
	keys d
	wait_for "? (y/n)" || fail "delete_asks_$n" "$(screen | tail -2)"
	keys y
	wait_for "Deleted #$n" || fail "deleted_$n" "$(screen | tail -2)"
done
keys Escape
wait_for "Q  Quit"
keys q
sleep 0.3
printf 'name_ar,gender\nسلمى,F\nيونس,M\nهند,F\n' >"$T/three.csv"
expect_rc import_three 0 "$DAFTAR" -d "$DB" import trainee "$T/three.csv"
expect_eq freed_ids_not_reused "$(q "select group_concat(id) from (select id from trainee where name_ar in ('سلمى','يونس','هند') order by id)")" \
	"2013,2014,2015"
expect_eq deleted_ids_stay_free "$(q 'select count(*) from trainee where id in (2011, 2012)')" 0
stop

# --- key a trainee, edit two fields, delete, restore ------------------------
SOCK="daftar-$$-hist"
start "$DAFTAR" -d "$DB" --bidi terminal
wait_for "Q  Quit"
keys 1
wait_for "rows"
keys n
wait_for "new record" || fail new_form "$(screen | head -3)"
keys -l "سُعاد الإدريسي"
keys Tab
keys -l "Souad Idrissi"
keys Tab
keys -l "F"
for k in Tab Tab Tab Tab; do keys $k; done     # to Phone
keys -l "0612345678"
keys Tab
keys -l "الرباط"
keys C-s
wait_for "Saved #" || fail new_saved "$(screen | tail -3)"
id=$(q "select id from trainee where name_latin = 'Souad Idrissi'")
gid=$(q "select gid from trainee where id = $id")
expect_match new_id_is_new "$id" '^2016$'
keys Escape
wait_for "rows"
keys End Enter
wait_for "Trainees #$id" || fail open_new "$(screen | head -3)"
for k in Tab Tab Tab Tab Tab Tab; do keys $k; done      # to Phone
keys C-u
keys -l "0699999999"
keys Tab
keys C-u
keys -l "فاس"
keys C-s
wait_for "Saved (version 2)" || fail edit_saved "$(screen | tail -3)"
# F6 in the form: its history, Arabic values as typed (terminal bidi mode:
# logical order on screen)
keys F6
if wait_for "History of Trainees #$id" && wait_for "changed"; then
	s=$(screen)
	expect_match history_shows_city_change "$s" 'City +الرباط +→ +فاس'
	expect_match history_shows_phone_change "$s" 'Phone +06 12 34 56 78 +→ +06 99 99 99 99'
	expect_match history_shows_creation "$s" 'root  created'
	expect_match history_shows_harakat "$s" 'سُعاد الإدريسي'
	expect_match history_shows_gid "$s" "global id $gid"
else
	fail history_from_form "$(screen | head -6)"
fi
keys Escape
wait_for "Trainees #$id"
keys Escape
wait_for "rows"
# h on the list row, then back, delete it
keys h
wait_for "History of Trainees #$id" && pass history_from_list_row \
	|| fail history_from_list_row "$(screen | head -3)"
keys Escape
wait_for "rows"
keys d
wait_for "? (y/n)" && keys y
wait_for "Deleted #$id" || fail delete_new "$(screen | tail -2)"
expect_eq row_gone "$(q "select count(*) from trainee where id = $id")" 0
# D: the deleted records, newest first; r restores
keys D
if wait_for "Deleted Trainees" && wait_for "سُعاد الإدريسي"; then
	pass deleted_screen_lists_it
	keys r
	wait_for "as it was when deleted? (y/n)" && keys y
	wait_for "Restored #$id, as it was" && pass restored_from_screen \
		|| fail restored_from_screen "$(screen | tail -3)"
	if wait_gone "سُعاد الإدريسي" && screen | grep -q "متدرب 2011"; then
		pass deleted_screen_refreshed
	else
		fail deleted_screen_refreshed "$(screen | head -5)"
	fi
else
	fail deleted_screen_lists_it "$(screen | head -5)"
fi
expect_eq restored_same_id_and_gid "$(q "select gid || ' ' || phone || ' ' || city from trainee where id = $id")" \
	"$gid 0699999999 فاس"
keys Escape
wait_for "rows"

# --- daftar history: the four steps with before and after ------------------
"$DAFTAR" -d "$DB" history trainee "$id" >"$T/h.txt" 2>"$T/h.err"
expect_eq history_cli_exit $? 0
steps=$(grep -o -E 'UTC  root  (restored|deleted|changed|created)' "$T/h.txt" | awk '{print $3}' | tr '\n' ' ')
expect_eq history_cli_four_steps "$steps" "restored deleted changed created "
expect_match history_cli_city "$(cat "$T/h.txt")" 'City: +"الرباط" -> "فاس"'
expect_match history_cli_phone "$(cat "$T/h.txt")" 'Phone: +"06 12 34 56 78" -> "06 99 99 99 99"'
expect_match history_cli_gid "$(head -1 "$T/h.txt")" "global id $gid, present"
"$DAFTAR" -d "$DB" history trainee "$gid" >"$T/h2.txt" 2>&1
expect_eq history_cli_by_gid "$(cmp "$T/h.txt" "$T/h2.txt" && echo same)" same

# --- u on the history screen: City back to الرباط ---------------------------
keys End h
wait_for "History of Trainees #$id" || fail history_again "$(screen | head -3)"
# the newest step is the restore (all fields); the change is the third step
for i in $(seq 1 30); do
	screen | grep -q '^> .*changed' && break
	keys Down
done
keys Down Down           # its second line: City (Phone comes first)
keys u
if wait_for 'Put City back to "الرباط"? (y/n)'; then
	keys y
	wait_for 'City put back to "الرباط"' && pass put_back_on_screen \
		|| fail put_back_on_screen "$(screen | tail -3)"
	expect_eq put_back_stored "$(q "select city || ' ' || phone from trainee where id = $id")" "الرباط 0699999999"
else
	fail put_back_on_screen "$(screen)"
fi
stop

# --- the cohort view: h on a roster row, H for the cohort, D for its deleted
# enrollments; an enrollment whose cohort was deleted meanwhile -------------
printf 'name_ar,kind,city\nمعهد فاس للصناعة التقليدية,institute,فاس\n' >"$T/inst.csv"
printf 'name_ar\nالزليج\n' >"$T/spec.csv"
printf 'code,institution_id,specialty_id,school_year\nFES-ZEL-2024-1,معهد فاس للصناعة التقليدية,الزليج,2024/2025\n' >"$T/coh.csv"
printf 'trainee_id,cohort_id,status\n1,FES-ZEL-2024-1,enrolled\n' >"$T/enr.csv"
for f in institution:inst specialty:spec cohort:coh enrollment:enr; do
	"$DAFTAR" -d "$DB" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 \
		|| fail "import_${f%%:*}" "$(cat "$T/${f#*:}.csv")"
done
enr=$(q "select id from enrollment")
coh=$(q "select id from cohort")
SOCK="daftar-$$-cohort"
start "$DAFTAR" -d "$DB" --bidi terminal
wait_for "Q  Quit"
keys 2
wait_for "FES-ZEL-2024-1"
keys Enter
if wait_for "Cohort FES-ZEL-2024-1" && wait_for "متدرب 1"; then
	keys h
	wait_for "History of Enrollments #$enr" && wait_for "imported (import" \
		&& pass cohort_view_row_history || fail cohort_view_row_history "$(screen | head -4)"
	keys Escape
	wait_for "Cohort FES-ZEL-2024-1"
	keys H
	wait_for "History of Cohorts #$coh" && wait_for "FES-ZEL-2024-1" \
		&& pass cohort_view_own_history || fail cohort_view_own_history "$(screen | head -4)"
	keys Escape
	wait_for "Cohort FES-ZEL-2024-1"
	keys d
	wait_for "? (y/n)" && keys y
	wait_for "Deleted #$enr" || fail cohort_view_delete "$(screen | tail -3)"
	keys D
	wait_for "Deleted Enrollments" && wait_for "متدرب 1" \
		&& pass cohort_view_deleted_enrollments || fail cohort_view_deleted_enrollments "$(screen | head -4)"
	keys Escape Escape
	wait_for "FES-ZEL-2024-1"
	keys d
	wait_for "? (y/n)" && keys y
	wait_for "Deleted #$coh" || fail cohort_deleted "$(screen | tail -3)"
else
	fail cohort_view "$(screen | head -6)"
fi
stop
expect_rc restore_needs_cohort 1 "$DAFTAR" -d "$DB" restore enrollment "$enr"
expect_match restore_needs_cohort_msg "$(cat "$T/err")" \
	"Not restored: its Cohort, Cohorts #$coh, was deleted too; restore that one first"
expect_rc restore_cohort 0 "$DAFTAR" -d "$DB" restore cohort "$coh"
expect_rc restore_enrollment 0 "$DAFTAR" -d "$DB" restore enrollment "$enr"
expect_eq restored_enrollment "$(q "select trainee_id || ' ' || cohort_id || ' ' || status from enrollment where id = $enr")" \
	"1 $coh enrolled"
"$DAFTAR" -d "$DB" check >/dev/null 2>&1
expect_eq check_after_restores $? 0
