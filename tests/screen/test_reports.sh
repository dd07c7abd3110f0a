#!/usr/bin/env bash
# test_reports.sh - the Reports screen in a detached tmux at 80x24: R from
# the main menu, the region table with Arabic labels and bars that line
# up, picking the gender report, counts equal to sqlite3's, the school
# year, region and programme filters, ASCII bars, clearing the filters,
# the help, and the colour-free fallback.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/rep.db"
"$DAFTAR" -d "$DB" demo --trainees 500 --seed 7 >/dev/null || fail demo "demo failed"
q() { sqlite3 "$DB" "$1"; }

# bar_columns: the screen columns where the bars start, one per table row
# (display width: 0 for marks and format characters, 2 for wide ones)
bar_columns() {
	screen | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
for line in sys.stdin.read().split("\n"):
    i = min([line.find(c) for c in "\u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f#" if c in line] or [-1])
    if i >= 0 and "%" in line:
        print(width(line[:i]))' | sort -u
}
# row LABEL: the table line holding LABEL, without the list on its left
row() { screen | grep -F -- "$1" | sed 's/.*│//' | head -1; }

start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit" || fail menu "menu never appeared: $(screen | head -5)"

# --- R opens the Reports screen on the region table ---------------------------
keys R
if wait_for "Trainees by region" && wait_for "Total"; then
	pass reports_open
	expect_match region_header "$(screen)" "Region +Trainees +%"
	expect_eq region_rows "$(screen | grep -c '%  █')" "$(q 'SELECT count(DISTINCT region_id) FROM trainee')"
	expect_eq region_bars_aligned "$(bar_columns | wc -l)" 1
	# the Arabic names are there, shaped (presentation forms) in app mode
	if screen | python3 -c 'import sys; sys.exit(0 if any(0xFE70 <= ord(c) <= 0xFEFF for c in sys.stdin.read()) else 1)'
	then pass region_arabic_labels; else fail region_arabic_labels "$(screen | head -8)"; fi
	expect_match region_total "$(row Total)" "Total +500$"
else
	fail reports_open "$(screen | head -6)"
fi
expect_match footer_keys "$(screen | tail -1)" "y school year +r region +p programme +F clear the filters"

# --- the gender report: counts from sqlite3, a bar on each row --------------------
keys Down Down Down
female=$(q "SELECT count(*) FROM trainee WHERE gender = 'F'")
male=$(q "SELECT count(*) FROM trainee WHERE gender = 'M'")
if wait_for "Female"; then
	expect_match gender_female "$(row Female)" "Female +$female +[0-9.]+% +█"
	expect_match gender_male "$(row Male)" "Male +$male +[0-9.]+% +█"
	expect_eq gender_bars_aligned "$(bar_columns | wc -l)" 1
	# the larger group has the longer bar
	f=$(row Female | grep -o '[█▏▎▍▌▋▊▉]*$'); m=$(row Male | grep -o '[█▏▎▍▌▋▊▉]*$')
	if [ "$female" -lt "$male" ]; then ok=$(( ${#f} <= ${#m} )); else ok=$(( ${#f} >= ${#m} )); fi
	if [ -n "$f" ] && [ -n "$m" ] && [ $ok = 1 ]; then pass gender_bar_lengths
	else fail gender_bar_lengths "F $female [$f], M $male [$m]"; fi
else
	fail gender_report "$(screen | head -8)"
fi

# --- y: the first school year ---------------------------------------------------------
year=$(q "SELECT min(school_year) FROM cohort")
want=$(q "SELECT count(DISTINCT t.id) FROM trainee t JOIN enrollment e ON e.trainee_id = t.id
  JOIN cohort c ON c.id = e.cohort_id WHERE c.school_year = '$year' AND t.gender = 'F'")
keys y
if wait_for "School year: $year"; then
	expect_match year_female "$(row Female)" "Female +$want +[0-9.]+% +█"
else
	fail year_filter "$(screen | head -3)"
fi

# --- r: the region picker, by typing part of its French name ---------------------
want=$(q "SELECT count(DISTINCT t.id) FROM trainee t JOIN enrollment e ON e.trainee_id = t.id
  JOIN cohort c ON c.id = e.cohort_id JOIN region r ON r.id = t.region_id
  WHERE c.school_year = '$year' AND t.gender = 'F' AND r.code = 3")
keys r
wait_for "Choose: Region" || fail region_picker "$(screen | head -3)"
keys -l "fes"
sleep 0.3
keys Enter
if wait_for "Trainees by region" && wait_gone "Region: all"; then
	expect_match region_female "$(row Female)" "Female +$want +[0-9.]+%"
else
	fail region_filter "$(screen | head -3)"
fi

# --- a: ASCII bars --------------------------------------------------------------------
keys a
if wait_for "% +#" 2 || screen | grep -q '%  #'; then
	if screen | grep -q '[█▏▎▍▌▋▊▉]'; then fail ascii_bars "block characters left"
	else pass ascii_bars; fi
else
	fail ascii_bars "$(row Female)"
fi
keys a

# --- p: a programme, on the institution report ---------------------------------------
keys Up Up
wait_for "Institution" || fail institution_report "$(screen | head -5)"
keys F
wait_for "School year: all | Region: all | Programme: all" || fail clear_filters "$(screen | head -2)"
keys p
wait_for "Choose: Programme" || fail programme_picker "$(screen | head -3)"
keys -l "afaq"
sleep 0.3
keys Enter
wait_gone "Programme: all"
want=$(q "SELECT count(*) FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
  JOIN programme p ON p.id = c.programme_id WHERE p.name_fr LIKE 'Afaq%'")
[ "$want" -gt 0 ] || fail programme_has_cohorts "no Afaq enrollments in the demo"
expect_match programme_total "$(row Total)" "Total +$want$"

# --- F1 lists the screen's keys; Esc goes back to the menu -------------------------
keys F1
wait_for "| Help"
keys End
if wait_for "clear the filters"; then pass help_lists_report_keys
else fail help_lists_report_keys "$(screen | head -5)"; fi
keys Escape
wait_for "Programme:" || fail help_back "$(screen | head -3)"
keys Escape
if wait_for "Q  Quit"; then pass esc_back_to_menu
else fail esc_back_to_menu "$(screen | head -3)"; fi
stop

# --- NO_COLOR: bars and selection by attributes only ---------------------------------
SOCK="daftar-$$-rnc"
EXTRA_ENV="NO_COLOR=1" start "$DAFTAR" -d "$DB" --bidi app
wait_for "Q  Quit"
keys R
wait_for "Total"
if tm capture-pane -p -e | grep -q $'\e\[[0-9;]*3[0-7]m\|\e\[[0-9;]*4[0-7]m\|38;5\|48;5'; then
	fail no_color "colour escapes on screen"
elif screen | grep -q '%  █' && tm capture-pane -p -e | grep -q $'\e\[[0-9;]*7m'; then
	pass no_color
else
	fail no_color "no bars or no reverse-video selection: $(screen | head -6)"
fi
stop
