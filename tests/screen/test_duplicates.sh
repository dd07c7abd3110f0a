#!/usr/bin/env bash
# test_duplicates.sh - saving a trainee that may already be recorded, at
# 80x24 on demo data:
#  - same folded name (hamza and ta marbuta written differently) and birth
#    date: the existing trainee is shown beside the new one; Enter opens it,
#    Esc comes back, Ctrl-S saves anyway and the audit row says so;
#  - same phone number, another name: shown too; Esc and leaving the form
#    write nothing;
#  - a CIN another trainee holds: refused, the holder shown, no "save
#    anyway"; after changing it in the form the record saves.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/dup.db"
"$DAFTAR" -d "$DB" demo --trainees 400 --seed 5 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }

# an existing trainee with a birth date and a name holding ة, أ or إ
read -r id name bd < <(q "select id, replace(name_ar,' ','_'), birth_date from trainee
    where birth_date is not null and (name_ar like '%ة%' or name_ar like '%أ%'
    or name_ar like '%إ%') order by id limit 1" | tr '|' ' ')
name=${name//_/ }
variant=$(printf '%s' "$name" | sed 's/ة/ه/g; s/أ/ا/g; s/إ/ا/g')
[ "$variant" != "$name" ] || fail setup "no variant of $name"
dmy=$(date -d "$bd" +%d/%m/%Y)
before=$(q "select count(*) from trainee")

start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail start "menu never appeared"
keys 1
wait_for "rows" || fail start "no trainee list"

# --- same folded name and birth date --------------------------------------
keys n
wait_for "new record"
keys -l "$variant"
keys Tab Tab F Tab
keys -l "$dmy"
keys C-s
if wait_for "Already recorded?" && wait_for "#$id"; then
	pass similar_name_birth_shown
else
	fail similar_name_birth_shown "$(screen | head -6)"
fi
screen | tail -1 | grep -q "save anyway" && pass similar_offers_save_anyway ||
	fail similar_offers_save_anyway "$(screen | tail -1)"
keys Enter
if wait_for "Trainees #$id"; then pass similar_opens_existing
else fail similar_opens_existing "$(screen | head -2)"; fi
keys Escape
if wait_for "Already recorded?"; then pass similar_esc_comes_back
else fail similar_esc_comes_back "$(screen | head -2)"; fi
keys C-s
if wait_for "Saved #"; then
	new=$(screen | grep -o 'Saved #[0-9]*' | tr -dc 0-9)
	note=$(q "select note from audit where tbl='trainee' and action='insert'
	    and record_id=$new")
	if [ "$note" = "saved although it may duplicate #$id" ]; then
		pass similar_save_anyway_audited
	else
		fail similar_save_anyway_audited "audit note: '$note'"
	fi
else
	fail similar_save_anyway_audited "$(screen | tail -3)"
fi

# --- same phone, another name: shown; leaving writes nothing ----------------
read -r pid phone < <(q "select id, phone from trainee where phone is not null
    and id <> $id order by id limit 1" | tr '|' ' ')
keys Escape
wait_for "rows"
count=$(q "select count(*) from trainee")
keys n
wait_for "new record"
keys -l "زينب التجريبية"
keys Tab Tab F Tab Tab Tab Tab
keys -l "$phone"
keys C-s
if wait_for "Already recorded?" && wait_for "#$pid"; then pass similar_phone_shown
else fail similar_phone_shown "$(screen | head -6)"; fi
keys Escape
wait_for "new record"
keys Escape
wait_for "Leave and drop" && keys y
wait_for "rows"
[ "$(q "select count(*) from trainee")" = "$count" ] && pass similar_esc_writes_nothing ||
	fail similar_esc_writes_nothing "trainee count changed"

# --- a CIN already held: refused, holder shown --------------------------------
read -r cid cin < <(q "select id, cin from trainee where cin is not null
    and id <> $id order by id desc limit 1" | tr '|' ' ')
keys n
wait_for "new record"
keys -l "زينب التجريبية"
keys Tab Tab F Tab Tab
keys -l "$cin"
keys C-s
if wait_for "Not saved: CIN $cin is already used by #$cid"; then pass cin_refused_shows_holder
else fail cin_refused_shows_holder "$(screen | head -4)"; fi
if screen | grep -q "save anyway"; then fail cin_no_save_anyway "footer offers it"
else pass cin_no_save_anyway; fi
keys C-s
wait_for "This value is taken" || fail cin_ctrl_s_refused "$(screen | tail -2)"
[ "$(q "select count(*) from trainee where cin='$cin'")" = 1 ] &&
	pass cin_ctrl_s_refused || fail cin_ctrl_s_refused "a second $cin saved"
keys Escape
wait_for "new record"
keys C-u
keys -l "ZZ99999"
keys C-s
if wait_for "Saved #" && [ "$(q "select count(*) from trainee where cin='ZZ99999'
    and name_ar='زينب التجريبية'")" = 1 ]; then
	pass cin_changed_then_saved
else
	fail cin_changed_then_saved "$(screen | tail -3)"
fi
[ "$(q "select count(*) from trainee")" = $((before + 2)) ] && pass duplicates_counts ||
	fail duplicates_counts "expected $((before + 2)) trainees"
stop
