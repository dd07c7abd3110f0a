#!/usr/bin/env bash
# test_conventions.sh - the command line's conventions: every `daftar
# COMMAND --help` exits 0 and prints its usage; the man page renders
# without a groff warning, each command's tag on a line of its own;
# counts agree with their number; `make install` puts the bash completion
# in place and `make uninstall` removes everything install put there.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

cmds=$("$DAFTAR" --help | sed -n 's/^  \([a-z][a-z]*\).*/\1/p' | sort -u)
expect_match commands_listed "$(echo $cmds)" 'export.*import.*report'
ok=1
for c in $cmds; do
	"$DAFTAR" -d "$T/none.db" "$c" --help >"$T/out" 2>"$T/err" || { ok=0; echo "  $c --help: exit $?"; }
	grep -q "^Usage: daftar \[-d FILE\] $c" "$T/out" || { ok=0; echo "  $c --help: no usage"; }
done
expect_eq every_command_help_exits_0 "$ok" 1
expect_rc import_help_exit_0 0 "$DAFTAR" import --help
expect_match import_help_options "$(cat "$T/out")" '--update.*'
expect_rc export_help_exit_0 0 "$DAFTAR" export --help

# the man page
groff -man -Tutf8 -ww man/daftar.1 >/dev/null 2>"$T/groff"
expect_eq man_no_warnings "$(cat "$T/groff")" ""
MANWIDTH=80 man -l man/daftar.1 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' >"$T/man.txt"
ok=1
for c in demo:--if-new import:--dates export:--excel report:'-o FILE'; do
	last=${c#*:} c=${c%%:*}
	# the tag (its lines start in column 8; the body's in column 15)
	# holds the whole usage and no sentence of the body
	tag=$(awk -v c="$c" '$0 ~ "^       " c "( |$)" {on = 1} on && /^              / {exit} on {print}' "$T/man.txt")
	if printf '%s' "$tag" | grep -q -E '(Fill|Import a|Export the|Print a) ' ||
	    ! printf '%s' "$tag" | grep -q -F -- "$last"; then
		ok=0; echo "  $c: tag [$tag]"
	fi
done
expect_eq man_tags_on_own_lines "$ok" 1

# counts agree with their number
db=$T/c.db
"$DAFTAR" -d "$db" init >/dev/null
printf 'name_ar,gender\nأمين,M\n' >"$T/one.csv"
expect_rc one_row_checked 0 "$DAFTAR" -d "$db" import trainee "$T/one.csv" --dry-run
expect_match one_row_singular "$(cat "$T/out")" ': 1 row checked, no problems'
expect_rc one_imported 0 "$DAFTAR" -d "$db" import trainee "$T/one.csv"
expect_match imported_1_trainee "$(cat "$T/out")" '^imported 1 trainee from'
printf 'name_ar,gender\nأمين,Q\n' >"$T/bad.csv"
expect_rc one_problem 1 "$DAFTAR" -d "$db" import trainee "$T/bad.csv"
expect_match one_problem_one_row "$(cat "$T/err")" 'bad.csv: 1 problem in 1 row; nothing was imported'
expect_rc export_one 0 "$DAFTAR" -d "$db" export trainee -o "$T/o.csv"
expect_match exported_1_trainee "$(cat "$T/err")" '^exported 1 trainee to'
printf 'name_ar,gender\nب,F\nج,M\n' >"$T/two.csv"
"$DAFTAR" -d "$db" import trainee "$T/two.csv" >/dev/null
expect_rc export_three 0 "$DAFTAR" -d "$db" export trainee -o "$T/o.csv"
expect_match exported_3_trainees "$(cat "$T/err")" '^exported 3 trainees to'

# install and uninstall
d=$T/root
make --no-print-directory -o "${BUILD:-build}/daftar" install DESTDIR="$d" PREFIX=/usr/local BUILD="${BUILD:-build}" >/dev/null 2>&1
expect_eq installed "$(cd "$d" && find . -type f | sort | tr '\n' ' ')" "./usr/local/bin/daftar ./usr/local/share/bash-completion/completions/daftar ./usr/local/share/man/man1/daftar.1 "
expect_eq completion_commands "$(bash -c 'source "$1"; PATH=$2:$PATH; COMP_WORDS=(daftar ex); COMP_CWORD=1; _daftar; echo "${COMPREPLY[@]}"' _ "$d/usr/local/share/bash-completion/completions/daftar" "$(dirname "$DAFTAR")")" "export"
expect_eq completion_entities "$(bash -c 'source "$1"; COMP_WORDS=(daftar import coh); COMP_CWORD=2; _daftar; echo "${COMPREPLY[@]}"' _ "$d/usr/local/share/bash-completion/completions/daftar")" "cohort"
expect_eq completion_reports "$(bash -c 'source "$1"; PATH=$2:$PATH; COMP_WORDS=(daftar report gen); COMP_CWORD=2; _daftar; echo "${COMPREPLY[@]}"' _ "$d/usr/local/share/bash-completion/completions/daftar" "$(dirname "$DAFTAR")")" "gender"
make --no-print-directory uninstall DESTDIR="$d" PREFIX=/usr/local >/dev/null 2>&1
expect_eq uninstalled "$(find "$d" -type f | wc -l)" 0
