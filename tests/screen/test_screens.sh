#!/usr/bin/env bash
# test_screens.sh - the full-screen program in a detached tmux at 80x24:
# menu, trainee list alignment with Arabic data, folded search, editing
# with the audit trail, new records with refusals and carry-forward,
# resizing, NO_COLOR, help.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
DB="$T/screen.db"
"$DAFTAR" -d "$DB" demo --trainees 400 --seed 3 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }

# --- main menu, compared with the expected screen -----------------------
start "$DAFTAR" -d "$DB" --bidi app
if wait_for "Q  Quit"; then
	screen | sed "s/| $(id -un) |/| USER |/" >"$T/menu.txt"
	if diff -u "$HERE/expected/menu.txt" "$T/menu.txt" >"$T/diff"; then
		pass main_menu
	else
		fail main_menu "screen differs: $(head -c 600 "$T/diff")"
	fi
else
	fail main_menu "menu never appeared: $(screen | head -5)"
fi

# --- help lists the key table ---------------------------------------------
keys F1
wait_for "| Help"
keys NPage NPage
if wait_for "^S           save"; then pass help_lists_form_keys
else fail help_lists_form_keys "$(screen | head -8)"; fi
keys End
if wait_for "Arabic display"; then pass help_explains_bidi
else fail help_explains_bidi "$(screen | tail -8)"; fi
keys Escape
wait_for "Q  Quit" || fail help_back "Esc did not return to the menu"

# --- trainee list: columns line up on every row ------------------------------
keys 1
if wait_for "Birth date" && wait_for "rows"; then
	screen >"$T/list.txt"
	if out=$(python3 "$HERE/columns.py" "Name (Latin)" "Gender" "Birth date" "CIN" \
	    <"$T/list.txt"); then
		pass list_columns_aligned
	else
		fail list_columns_aligned "$out"
	fi
	# the page really holds Arabic with harakat or hamza forms
	if python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
marks = [c for c in t if 0x64B <= ord(c) <= 0x652]
hamza = [c for c in t if 0xFE80 <= ord(c) <= 0xFE8C]
sys.exit(0 if marks and hamza else 1)' "$T/list.txt"; then
		pass list_has_arabic_marks
	else
		fail list_has_arabic_marks "no harakat/hamza on the first page"
	fi
	expect_match list_count "$(screen | tail -3)" "1,000\+ rows|400 rows"
else
	fail list_columns_aligned "list never appeared: $(screen | head -5)"
fi

# --- search by folded key: احمد finds أحمد ------------------------------------
want=$(q "select count(*) from trainee where instr(search_key, 'احمد') > 0")
keys /
keys -l "احمد"
if wait_for "$want rows"; then
	latin=$(screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")[2:-4]
for l in lines:
    parts = l.split("  ")
    print(l)' | grep -o "[A-Z][a-zé]* [A-Z][A-Za-zé ]*" | head -3)
	pass search_folded_count
	first=$(q "select name_latin from trainee where instr(search_key, 'احمد') > 0 order by id limit 1")
	expect_match search_first_row "$(screen | sed -n 3p)" "${first%% *}"
	[ "$want" -gt 0 ] && pass search_finds_hamza_forms || fail search_finds_hamza_forms "no احمد in demo"
else
	fail search_folded_count "want $want rows: $(screen | tail -3)"
fi
keys Escape
wait_for "1,000+ rows" 3 || wait_for "400 rows" || fail search_esc_clears "$(screen | tail -3)"
pass search_esc_clears

# --- open a trainee, change a field, save: list and audit show it ----------
id=$(q "select id from trainee order by id limit 1")
keys Home Enter
if wait_for "Name (Latin)"; then
	keys Tab C-u
	keys -l "Zineb Testname"
	keys C-s
	if wait_for "Saved (version 2)"; then
		pass form_save_existing
	else
		fail form_save_existing "$(screen | tail -3)"
	fi
	keys Escape
	if wait_for "Zineb Testname"; then pass list_shows_change
	else fail list_shows_change "$(screen | head -4)"; fi
	expect_eq audit_has_change "$(q "select count(*) from audit where tbl='trainee' and \
	    record_id=$id and action='update' and json_extract(new,'\$.name_latin')='Zineb Testname'")" 1
else
	fail form_save_existing "form did not open"
fi

# --- a new trainee from the keyboard: refusals, then saved, then carry ----
before=$(q "select count(*) from trainee")
keys n
wait_for "new record" || fail new_form "no new form: $(screen | head -3)"
keys C-s
if wait_for "Name (Arabic) is required"; then pass new_refuses_missing_required
else fail new_refuses_missing_required "$(screen | tail -3)"; fi
keys -l "سُعاد الإدريسي"
keys Tab
keys -l "Souad Idrissi"
keys Tab
keys -l "F"
keys Tab
keys -l "31/02/2005"
keys Tab
if wait_for 'is not a date'; then pass new_refuses_bad_date
else fail new_refuses_bad_date "$(screen | tail -3)"; fi
keys C-s
wait_for 'is not a date' && pass save_blocked_on_bad_date || fail save_blocked_on_bad_date "$(screen | tail -3)"
# the cursor is back on the bad field: fix it in place
keys C-u
keys -l "٢٨/٠٢/٢٠٠٥"
for k in Tab Tab Tab Tab; do keys $k; done         # to City
keys C-u
keys -l "Fès"
keys C-s
if wait_for "Saved #"; then
	pass new_saved
	expect_eq new_row_stored "$(q "select count(*) from trainee where name_latin='Souad Idrissi' \
	    and birth_date='2005-02-28' and name_ar='سُعاد الإدريسي' and city='Fès'")" 1
	expect_eq new_count "$(q "select count(*) from trainee")" $((before + 1))
	# heads-down: a fresh form with the carried City
	if screen | grep -q "Fès" && ! screen | grep -q "Souad Idrissi"; then
		pass carry_forward_city
	else
		fail carry_forward_city "$(screen | head -12)"
	fi
else
	fail new_saved "$(screen | tail -3)"
fi
keys Escape
wait_for "rows" || fail back_to_list "$(screen | head -3)"

# --- resize below 60x16 and back --------------------------------------------
tm resize-window -x 59 -y 15
if wait_for "Terminal too small"; then pass too_small_shown
else fail too_small_shown "$(screen | head -3)"; fi
tm resize-window -x 60 -y 16
if wait_gone "Terminal too small" && wait_for "Birth date"; then pass view_back_at_60x16
else fail view_back_at_60x16 "$(screen | head -3)"; fi
tm resize-window -x 80 -y 24
wait_for "Name (Latin)" && pass view_back_at_80x24 || fail view_back_at_80x24 "$(screen | head -3)"
stop

# --- NO_COLOR: attributes only, no colour escapes ---------------------------
SOCK="daftar-$$-nc"
EXTRA_ENV="NO_COLOR=1" start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit"
keys 1
wait_for "rows"
if tm capture-pane -p -e | grep -q $'\e\[[0-9;]*3[0-7]m\|\e\[[0-9;]*4[0-7]m\|38;5\|48;5'; then
	fail no_color "colour escapes on screen"
else
	tm capture-pane -p -e | grep -q $'\e\[[0-9;]*7m' && pass no_color \
	    || fail no_color "no reverse-video selection either"
fi
stop
