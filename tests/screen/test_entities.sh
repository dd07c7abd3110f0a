#!/usr/bin/env bash
# test_entities.sh - every entity of the main menu, from the keyboard alone:
# open its list, create a record (required fields filled by walking the
# form with Tab: text typed, choices and lookups picked with F2 + Enter,
# dates and numbers typed), find it by search, open and edit it, delete it
# with the confirmation.  Which fields to fill comes from the database's
# own field metadata, so a new entity or field is covered without editing
# this file.  Then: a record others still point to is not deleted and the
# message says who points to it; a record changed by someone else while
# open is refused with their name, reloaded keeping the user's edits, and
# saved.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/ent.db"
"$DAFTAR" -d "$DB" demo --trainees 200 --seed 3 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }

start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail start "menu never appeared: $(screen | head -3)"

# fill_form ENTITY TOKEN: walk a new form, filling the required fields
fill_form() {
	local ent=$1 tok=$2 name type i=0
	while IFS='|' read -r name type; do
		case "$name:$type" in
		school_year:*) keys -l "2025/2026" ;;
		*:text) keys -l "تجربة $tok" ;;
		*:date) keys -l "01/02/2025" ;;
		*:int) keys -l "5" ;;
		*:choice|*:lookup)
			keys F2
			wait_for "Type to search" 3 || fail "${ent}_picker" "$name: no picker"
			keys Enter
			wait_gone "Type to search" ;;
		esac
		keys Tab
	done < <(q "select name, case when required then type else '' end
	    from meta_field where entity='$ent' order by ord")
}

# the first required, searchable text field: what we search and edit
key_field() {
	q "select name from meta_field where entity='$1' and required and
	    type='text' and searchable order by ord limit 1"
}

n=0
while IFS='|' read -r ent order; do
	n=$((n + 1))
	tok="zqx$ent"
	field=$(key_field "$ent")
	[ -n "$field" ] || { fail "${ent}_metadata" "no required searchable text field"; continue; }
	keys "$order"
	if ! wait_for "rows" 5; then
		fail "${ent}_list" "list did not open: $(screen | tail -3)"
		keys Escape; continue
	fi
	pass "${ent}_list"
	# create
	keys n
	wait_for "new record" 3 || fail "${ent}_new" "no new form: $(screen | head -2)"
	fill_form "$ent" "$tok"
	keys C-s
	if wait_for "Saved #" 5; then pass "${ent}_create"
	else fail "${ent}_create" "$(screen | tail -3)"; fi
	expect_eq "${ent}_stored" "$(q "select count(*) from $ent where $field='تجربة $tok'")" 1
	keys Escape
	wait_gone "new record" || keys y          # carried fields: leave anyway
	wait_for "rows" 3
	# search
	keys /
	keys -l "$tok"
	if wait_for "1 row |" 5; then pass "${ent}_search"
	else fail "${ent}_search" "$(screen | tail -2)"; fi
	keys Enter                               # ends the search, keeps the row
	# edit the key field
	keys Enter
	if wait_for "$tok" 3; then
		i=$(q "select count(*) from meta_field where entity='$ent' and
		    ord < (select ord from meta_field where entity='$ent' and name='$field')")
		for ((k = 0; k < i; k++)); do keys Tab; done
		keys C-u
		keys -l "تعديل $tok"
		keys C-s
		if wait_for "Saved (version 2)" 5; then pass "${ent}_edit"
		else fail "${ent}_edit" "$(screen | tail -2)"; fi
		expect_eq "${ent}_edit_stored" "$(q "select version from $ent where $field='تعديل $tok'")" 2
		keys Escape
	else
		fail "${ent}_edit" "form did not open: $(screen | head -3)"
	fi
	wait_for "rows" 3
	# delete with the confirmation
	keys d
	if wait_for "Delete" 3; then
		keys y
		if wait_for "Deleted #" 5; then pass "${ent}_delete"
		else fail "${ent}_delete" "$(screen | tail -2)"; fi
	else
		fail "${ent}_delete" "no confirmation: $(screen | tail -2)"
	fi
	expect_eq "${ent}_deleted" "$(q "select count(*) from $ent where $field like '%$tok'")" 0
	keys Escape Escape
	wait_for "Q  Quit" 3 || keys Escape
done < <(q "select name, case when menu_order < 10 then menu_order end from meta_entity
    where menu_order between 1 and 9 order by menu_order")
expect_eq entities_covered "$n" 9

# --- a partner other records point to is kept, and the message says why ---
pid=$(q "select partner_id from agreement_party group by partner_id order by count(*) desc limit 1")
pname=$(q "select name_ar from partner where id=$pid")
keys 4
wait_for "rows"
keys /
keys -l "$pname"
wait_for "row" 3
keys Enter
keys d
wait_for "Delete" 3 && keys y
if wait_for "Not deleted: still used by" 5 && screen | grep -q "Institutions"; then pass delete_refused_explained
else fail delete_refused_explained "$(screen | tail -2)"; fi
expect_eq delete_refused_kept "$(q "select count(*) from partner where id=$pid")" 1
keys Escape Escape
wait_for "Q  Quit" 3

# --- a record changed meanwhile by someone else ------------------------------
keys 1
wait_for "rows"
keys Home Enter
wait_for "Name (Latin)" 3
tid=$(screen | head -1 | grep -o '#[0-9]*' | tr -d '#')
keys Tab C-u
keys -l "Mine Edit"
q "update trainee set city='Oujda', version=version+1, updated_by='karim',
    updated_at='2026-11-20 10:00:00' where id=$tid"
keys C-s
if wait_for "karim" 5; then pass stale_names_other_user
else fail stale_names_other_user "$(screen | tail -2)"; fi
keys C-r
if wait_for "Reloaded" 3 && screen | grep -q "Mine Edit" && screen | grep -q "Oujda"; then
	pass stale_reload_keeps_edits
else
	fail stale_reload_keeps_edits "$(screen | head -14)"
fi
keys C-s
wait_for "Saved (version" 5 && pass stale_saved_after_reload || fail stale_saved_after_reload "$(screen | tail -2)"
expect_eq stale_both_changes_kept \
    "$(q "select name_latin || '|' || city from trainee where id=$tid")" "Mine Edit|Oujda"
stop
