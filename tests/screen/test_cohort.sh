#!/usr/bin/env bash
# test_cohort.sh - the record views at 80x24 on demo data:
#  - a cohort's header counts (by status, by gender, capacity) equal what
#    sqlite3 counts on its own;
#  - e enrolls two trainees picked with Tab in the multi-select picker; the
#    counts follow;
#  - t on a marked row: "dropped out" without a date and a reason is
#    refused with the rule's message, then saved once they are given;
#  - an agreement of the Fès conventions (seed 000_79e188d8a35c7330) shows
#    its reference and its three parties; c lists its cohorts;
#  - l on an institution lists what points to it, and Esc goes back.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/cohort.db"
"$DAFTAR" -d "$DB" demo --trainees 400 --seed 5 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }

start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail start "menu never appeared"

# --- a cohort's header and counts ------------------------------------------------
keys 2
wait_for "rows"
cid=$(q "select id from cohort order by id limit 1")
code=$(q "select code from cohort where id=$cid")
keys Home Enter
if wait_for "Cohort $code" 5; then pass cohort_view_opens
else fail cohort_view_opens "$(screen | head -3)"; fi
total=$(q "select count(*) from enrollment where cohort_id=$cid")
females=$(q "select count(*) from enrollment e join trainee t on t.id=e.trainee_id
    where cohort_id=$cid and t.gender='F'")
certified=$(q "select count(*) from enrollment where cohort_id=$cid and status='certified'")
cap=$(q "select capacity from cohort where id=$cid")
expect_match cohort_capacity "$(screen)" "capacity used $total/$cap"
if [ "$females" -gt 0 ]; then
	expect_match cohort_gender_count "$(screen)" "Female $females"
else
	pass cohort_gender_count
fi
if [ "$certified" -gt 0 ]; then
	expect_match cohort_status_count "$(screen)" "Certified $certified"
else
	pass cohort_status_count
fi
expect_match cohort_roster_count "$(screen)" "^$total rows|^$total row"

# --- enroll two trainees ------------------------------------------------------------
keys e
wait_for "Tab marks several" 3 || fail enroll_picker "$(screen | head -2)"
keys Tab Tab Enter
if wait_for "Enrolled 2 trainees" 5; then pass enroll_two
else fail enroll_two "$(screen | tail -3)"; fi
expect_eq enroll_stored "$(q "select count(*) from enrollment where cohort_id=$cid")" $((total + 2))
expect_eq enroll_status "$(q "select count(*) from enrollment where cohort_id=$cid
    and status='enrolled' and enrolled_on=date('now','localtime')")" 2
if wait_for "Enrolled 2" 3 && wait_for "$((total + 2)) rows" 3; then pass enroll_counts_follow
else fail enroll_counts_follow "$(screen | sed -n 4p)"; fi
keys e
wait_for "Tab marks several" 3
keys Tab Tab Enter                       # the same two again
if wait_for "not enrolled" 5; then pass enroll_twice_refused
else fail enroll_twice_refused "$(screen | tail -3)"; fi
expect_eq enroll_twice_nothing "$(q "select count(*) from enrollment where cohort_id=$cid")" $((total + 2))

# --- mark one, drop out: date and reason required ----------------------------------------
eid=$(q "select id from enrollment where cohort_id=$cid order by id limit 1")
keys Home m
wait_for "* " 3
keys t
if wait_for "change 1 records" 3; then pass status_form_opens
else fail status_form_opens "$(screen | head -3)"; fi
keys C-u
keys F2
wait_for "Type to search" 3
keys -l "Dropped"
keys Enter
wait_gone "Type to search"
keys Tab C-u Tab C-u                       # no date, no reason
keys C-s
if wait_for "reason" 5 && screen | tail -3 | grep -qi "drop\|date"; then pass dropout_needs_reason
else fail dropout_needs_reason "$(screen | tail -3)"; fi
keys BTab
keys -l "03/03/2025"
keys Tab
keys -l "ظروف عائلية"
keys C-s
if wait_for "Changed 1 records" 5; then pass dropout_saved
else fail dropout_saved "$(screen | tail -3)"; fi
expect_eq dropout_stored "$(q "select status || '|' || status_date || '|' || drop_reason
    from enrollment where id=$eid")" "dropped_out|2025-03-03|ظروف عائلية"
dropped=$(q "select count(*) from enrollment where cohort_id=$cid and status='dropped_out'")
expect_match dropout_count_follows "$(screen | sed -n 2,6p)" "Dropped out $dropped"
keys Escape
wait_for "rows" 3
keys Escape
wait_for "Q  Quit" 3

# --- an agreement of the Fès conventions with its three parties --------------------------
aid=$(q "select id from agreement where reference='SEA-FM-2024-01'")
keys 3
wait_for "rows"
keys /
keys -l "SEA-FM-2024-01"
wait_for "1 row" 5
keys Enter Enter
if wait_for "SEA-FM-2024-01" 5 && wait_for "3 rows" 3; then pass agreement_three_parties
else fail agreement_three_parties "$(screen | tail -4)"; fi
expect_eq agreement_parties_db "$(q "select count(*) from agreement_party where agreement_id=$aid")" 3
expect_match agreement_beneficiaries "$(screen | sed -n 2,8p)" "Beneficiaries: [0-9]+"
keys c
if wait_for "Cohorts of agreement #$aid" 3; then pass agreement_cohorts_key
else fail agreement_cohorts_key "$(screen | head -2)"; fi
keys Escape
wait_for "SEA-FM-2024-01" 3 && pass agreement_back || fail agreement_back "$(screen | head -2)"
keys Escape Escape Escape
wait_for "Q  Quit" 3

# --- links from an institution ------------------------------------------------------------
keys 5
wait_for "rows"
keys Home l
if wait_for "Records linked to this one" 3 && screen | grep -q "Cohorts (Institution)"; then
	pass links_lists_cohorts
else
	fail links_lists_cohorts "$(screen | head -8)"
fi
want=$(q "select count(*) from cohort where institution_id=(select id from institution order by id limit 1)")
# the cohorts are the first link (the metadata's order): open them
expect_match links_cohorts_first "$(screen | sed -n 4p)" "Cohorts \\(Institution\\)"
keys Enter
if wait_for "Cohorts: Institution" 3 && wait_for "$want row" 3; then pass links_open_filtered
else fail links_open_filtered "want $want: $(screen | tail -3)"; fi
keys Escape
if wait_for "Institutions" 3 && ! screen | grep -q "Records linked"; then pass links_esc_back
else fail links_esc_back "$(screen | head -2)"; fi
stop
